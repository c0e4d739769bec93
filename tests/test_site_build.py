"""The site built from the seeds: every paper once canonically, on a topic page, no broken links."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from conftest import ROOT

from research_digest.digest import DigestOptions, build_digest


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.cards: list[tuple[str, bool]] = []  # (paper id, canonical)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag in ("a", "link") and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "article" and "rd-card" in (attributes.get("class") or ""):
            self.cards.append((attributes["data-paper-id"], "data-search-exclude" not in attributes))


SITE_PREFIX = "/research-digest/"  # the path of site_url in mkdocs.yml (404.html links absolutely)


def parse_site(site: Path) -> dict[Path, _Page]:
    pages = {}
    for path in site.rglob("*.html"):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path] = parser
    return pages


def seed_paper_ids() -> set[str]:
    return {paper.id for paper in build_digest(DigestOptions(("seeds/",), ROOT)).papers}


def test_every_paper_has_exactly_one_canonical_card_in_the_archive(built_site):
    pages = parse_site(built_site)
    canonical = Counter(
        paper_id for path, page in pages.items() for paper_id, is_canonical in page.cards
        if is_canonical
    )
    archive_only = all(
        path.relative_to(built_site).parts[0] == "archive"
        for path, page in pages.items() if any(is_canonical for _, is_canonical in page.cards)
    )
    assert len(canonical) == 129 and set(canonical) == seed_paper_ids()
    assert set(canonical.values()) == {1}
    assert archive_only


def test_every_paper_is_on_a_topic_page_and_venue_papers_on_their_venue(built_site):
    pages = parse_site(built_site)
    on_topics = {pid for path, page in pages.items() if "topics" in path.relative_to(built_site).parts for pid, _ in page.cards}
    assert on_topics == seed_paper_ids()
    venue_pages = [page for path, page in pages.items() if path.relative_to(built_site).parts[:2] == ("venues", "iccv-2023")]
    assert sum(len(page.cards) for page in venue_pages) == 41


def test_no_broken_internal_links_or_anchors(built_site):
    pages = parse_site(built_site)
    broken = []
    for path, page in pages.items():
        page_url = "http://site/" + path.relative_to(built_site).as_posix()
        for href in page.links:
            target = urlparse(urljoin(page_url, href))
            if target.netloc != "site" or target.scheme not in ("http", "https"):
                continue
            path_in_site = target.path.removeprefix(SITE_PREFIX) if target.path.startswith(SITE_PREFIX) else target.path
            file = built_site / unquote(path_in_site.lstrip("/"))
            if file.is_dir() or target.path.endswith("/"):
                file = file / "index.html"
            if not file.exists():
                broken.append((path.relative_to(built_site).as_posix(), href))
            elif target.fragment and file.suffix == ".html" and target.fragment not in pages[file].ids:
                broken.append((path.relative_to(built_site).as_posix(), href))
    assert broken == []


def test_day_page_lists_the_days_papers_and_month_pages_list_days(built_site):
    day = parse_site(built_site)[built_site / "archive/2024/02/16/index.html"]
    assert len(day.cards) == 39
    month_html = (built_site / "archive/2024/02/index.html").read_text(encoding="utf-8")
    assert "2024年2月16日" in month_html and "Feb 16, 2024" in month_html
    year_html = (built_site / "archive/2023/index.html").read_text(encoding="utf-8")
    assert "仅知年份的论文" in year_html  # ICCV papers known only to their year


def test_topic_pages_paginate_with_stable_urls(tmp_path):
    from conftest import mkdocs_build

    config = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    config.write_text(
        "site_name: t\ntheme: {name: material, font: false}\nplugins:\n  - search\n  - research-digest:\n"
        f"      sources: ['{ROOT / 'seeds'}']\n      corrections: '{ROOT / 'corrections.yml'}'\n      page_size: 20\n",
        encoding="utf-8",
    )
    assert mkdocs_build(tmp_path / "site", config=config).returncode == 0
    built_site = tmp_path / "site"
    first = (built_site / "venues/iccv-2023/index.html").read_text(encoding="utf-8")
    older = (built_site / "venues/iccv-2023/page/1/index.html").read_text(encoding="utf-8")
    assert 'rel="next" href="page/1/"' in first and 'rel="prev"' not in first
    assert 'rel="prev" href="../../"' in older and 'rel="next"' not in older
    assert first.count('<article class="rd-card') == 21 and older.count('<article class="rd-card') == 20  # 41 papers
    assert not (built_site / "venues/iccv-2023/page/2/index.html").exists()


def test_papers_are_searched_in_the_digest_index_and_hand_written_pages_in_materials(built_site):
    import json

    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert locations and all(location.startswith("about/") for location in locations)  # search: auto
    manifest = json.loads((built_site / "search/digest/manifest.json").read_text(encoding="utf-8"))
    assert manifest["docs"] == 129


def test_navigation_stays_small(built_site):
    html = (built_site / "archive/2024/02/16/index.html").read_text(encoding="utf-8")
    assert html.count('class="md-nav__link') < 20
    assert len(html.encode()) < 1_000_000


def test_nothing_is_written_into_docs(built_site):
    assert sorted(p.name for p in (ROOT / "docs").iterdir()) == ["about.md"]


def test_untrusted_text_is_escaped(tmp_path):
    from conftest import mkdocs_build
    import os

    digest = tmp_path / "evil.md"
    digest.write_text(
        "## [UPDATED!] **2024-03-01** (Publish Time)\n\n>## **<img src=x onerror=alert(1)>**\n>---\n"
        ">>**index:** 1<br />\n**Title:** **<script>alert(1)</script> Evil \"quotes\" & stuff**<br />\n"
        "**Authors:** Mallory <b onmouseover=alert(1)>X</b><br />\n"
        "**PDF:** <javascript:alert(1)><br />\n**Code:** <https://github.com/ok/repo><br />\n",
        encoding="utf-8",
    )
    env = dict(os.environ, DIGEST_SOURCES=str(digest))
    result = mkdocs_build(tmp_path / "site", env=env)
    site = tmp_path / "site"
    html = "".join(path.read_text(encoding="utf-8") for path in site.rglob("*.html"))
    assert "<script>alert(1)" not in html and "onerror=alert" not in html and "onmouseover=alert" not in html
    assert 'href="javascript:' not in html
    assert "Evil &#34;quotes&#34; &amp; stuff" in html or "Evil &quot;quotes&quot; &amp; stuff" in html
    assert re.search(r'href="https://github.com/ok/repo"', html)
    assert result.returncode != 0 and "javascript:" in result.stderr  # the dropped link is a warning


def test_statistics_page_is_in_the_navigation_with_its_charts(built_site):
    stats = (built_site / "stats" / "index.html").read_text(encoding="utf-8")
    assert stats.count('<svg') >= 4 and stats.count('role="img"') >= 4
    assert "<script" not in stats.split('<div class="rd-page rd-page--stats')[1].split("</article>")[0]
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="stats/" class="md-nav__link"' in home
    assert re.search(r'href="stats/"[^>]*>\s*<span class="rd-zh" lang="zh">统计图表', home)


def test_every_view_has_a_declared_kind_whose_template_exists():
    """Page kinds are declared once (page_kinds.py): every view the seeds make has one of them, each
    kind's template exists and its URL pattern gives the view's path."""
    from research_digest.page_kinds import NAV_KINDS, PAGE_KINDS
    from research_digest.topics import Taxonomy
    from research_digest.views import SiteOptions, build_site

    papers = build_digest(DigestOptions(("seeds/",), ROOT)).papers
    papers, taxonomy = Taxonomy.default().assign(papers)
    site = build_site(papers, taxonomy, SiteOptions())
    templates = ROOT / "plugins" / "research_digest" / "templates"
    assert {view.kind for view in site.views} == set(PAGE_KINDS)
    assert all((templates / kind.template).is_file() for kind in PAGE_KINDS)
    assert [kind.path() for kind in NAV_KINDS] == [
        "index.md", "archive/index.md", "topics/index.md", "venues/index.md", "stats/index.md",
        "reading-list/index.md"]
    first_pages = {view.first_page or view.path for view in site.views}
    for view in site.views:
        if view.kind.name == "day":
            date = view.facet_key.split("-")
            assert view.kind.path(year=int(date[0]), month=int(date[1]), day=int(date[2])) in first_pages
        if view.kind.name in ("topic", "venue"):
            assert view.kind.path(key=view.facet_key) == view.first_page
    assert set(site.facet_paths) == {"topic", "venue"}


def test_every_page_title_is_markup_free_whatever_names_it_is_made_of():
    """Issue 11: page titles are made in one place (PageKind.page_title), and made plain text there:
    MkDocs and Material print them unescaped (the <title>, the header)."""
    import yaml

    from research_digest.labels import Label
    from research_digest.page_kinds import PAGE_KINDS, TOPIC
    from research_digest.site import front_matter
    from research_digest.views import View

    hostile = Label('主题 <script>alert(1)</script> "q" &amp;lt;', '<img src=x onerror=alert(1)> R&D & co')
    for kind in PAGE_KINDS:
        title = yaml.safe_load(front_matter(View(kind, kind.url, hostile)).split("---")[1])["title"]
        assert title == kind.page_title(hostile)
        assert not re.search(r"[<>\"]|&(?=#?[A-Za-z0-9])", title), (kind, title)
    assert TOPIC.page_title(hostile) == (
        "主题 ＜script＞alert(1)＜/script＞ ＂q＂ ＆amp;lt; · ＜img src=x onerror=alert(1)＞ R＆D & co")
