"""Merging as the built site shows it: papers that share a title link to each other's cards,
earlier titles are on the card and found by search, a Chinese venue name gets a page of its own."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from conftest import mkdocs_build
from test_site_build import parse_site

from research_digest.digest import DigestOptions, build_digest
from research_digest.urls import anchor_for

SAME_ZH = "一种基于扩散模型的图像生成新方法"
VENUE = "中国图象图形大会"


def _entry(index: int, arxiv: str, title: str, title_zh: str, authors: str) -> str:
    return (
        f">>**index:** {index}<br />\n**Title:** **{title}**<br />\n**Title_cn:** {title_zh}<br />\n"
        f"**Authors:** {authors}<br />\n"
        f"**Abstract:** <details><summary>原文: </summary>An abstract of {title}.</details>\n"
        f"**PDF:** <http://arxiv.org/pdf/{arxiv}><br />\n**Code:** null<br />\n"
    )


def _daily(day: str, *entries: str) -> str:
    return f"## [UPDATED!] **{day}** (Publish Time)\n\n>## **多模态**\n>---\n" + "".join(entries)


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    (folder / "2024-03-01.md").write_text(_daily(
        "2024-03-01",
        _entry(1, "2402.00001v1", "Do Transformers Strategise Ahead?", "大模型能规划吗", "Meinardus Boris, Ann Lee"),
        _entry(2, "2402.00002v1", "Diffusion Beats GANs Again", SAME_ZH, "Alice Smith"),
        _entry(3, "2402.00003v1", "A New Sampler for Image Diffusion", SAME_ZH, "Bob Jones"),
    ), encoding="utf-8")
    (folder / "2024-03-02.md").write_text(_daily(
        "2024-03-02",
        _entry(1, "2402.00001v2", "LLMs Can Plan, Sometimes", "大模型有时能规划", "Boris Meinardus, Ann Lee, New Person"),
        _entry(2, "2403.00009v1", "Registers for Everything Else", "万物皆需寄存器", "Carol White"),
    ), encoding="utf-8")
    without_id = _entry(1, "", "Łódź Street Scenes: A Dataset for Ørsted Things", "罗兹街景数据集", "Anna Nowak")
    (folder / "2024-03-03.md").write_text(_daily("2024-03-03", without_id.replace("<http://arxiv.org/pdf/>", "null")),
                                          encoding="utf-8")


@pytest.fixture(scope="module")
def merge_site(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("merge-site")
    write_corpus(root / "digests")
    (root / "corrections.yml").write_text(f"2403.00009:\n  venue: {VENUE}\n  year: 2024\n", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: t\nsite_url: https://example.org/t/\ntheme: {name: material, font: false}\n"
        "plugins:\n  - search\n  - research-digest:\n      sources: [digests/]\n      corrections: corrections.yml\n"
        "      search: material\n",  # its search_index.json is read below
        encoding="utf-8",
    )
    site = root / "site"
    result = mkdocs_build(site, config=config)
    assert result.returncode == 0, result.stderr
    return root, site


def _card(site: Path, paper_id: str) -> tuple[Path, str]:
    """The page of the paper's canonical card, and the card's HTML."""
    for path in (site / "archive").rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        marker = f'<article class="rd-card" data-paper-id="{paper_id}">'
        if marker in html:
            return path, html.split(marker, 1)[1].split("</article>", 1)[0]
    raise AssertionError(f"no canonical card of {paper_id}")


def _resolves(site: Path, page: Path, href: str) -> bool:
    target = urlparse(urljoin("http://site/" + page.relative_to(site).as_posix(), href))
    file = site / unquote(target.path.lstrip("/"))
    file = file / "index.html" if file.is_dir() or target.path.endswith("/") else file
    return file.exists() and (not target.fragment or f'id="{unquote(target.fragment)}"' in file.read_text(encoding="utf-8"))


def test_papers_sharing_a_title_link_to_each_others_cards_in_both_languages(merge_site):
    _, site = merge_site
    for paper_id, other in (("2402.00002", "2402.00003"), ("2402.00003", "2402.00002")):
        page, card = _card(site, paper_id)
        assert '<span class="rd-zh" lang="zh">亦发布为</span><span class="rd-en" lang="en">Also posted as</span>' in card
        href = card.split('class="rd-also-posted__link" href="', 1)[1].split('"', 1)[0]
        assert href.endswith("#" + anchor_for(other)) and f">arXiv:{other}</a>" in card
        assert _resolves(site, page, href)


def test_a_retitled_version_shows_its_newest_title_and_its_earlier_one_found_by_search(merge_site):
    root, site = merge_site
    digest = build_digest(DigestOptions(("digests/",), root))
    assert digest.problems == ()  # a title or author list changing between versions is no warning
    assert len(digest.papers) == 5
    _, card = _card(site, "2402.00001")
    title = card.split("</h3>", 1)[0]
    assert "LLMs Can Plan, Sometimes" in title and "Do Transformers Strategise Ahead?" not in title
    assert '<span class="rd-en" lang="en">Do Transformers Strategise Ahead?</span>' in card
    assert '<span class="rd-zh" lang="zh">大模型能规划吗</span>' in card
    assert "Boris Meinardus, Ann Lee, New Person" in re.sub(r"<[^>]+>", "", card)  # each name a link
    entries = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert any(entry["location"].endswith("#p-2402.00001") and "LLMs Can Plan, Sometimes" in entry["title"]
               and "Do Transformers Strategise Ahead?" in entry["text"] for entry in entries)
    record = next(p for p in json.loads((site / "papers.json").read_text(encoding="utf-8"))["papers"] if p["id"] == "2402.00001")
    assert record["earlier_titles"] == {"en": ["Do Transformers Strategise Ahead?"], "zh": ["大模型能规划吗"]}
    assert record["also_posted_as"] == []


def test_the_sharded_index_finds_a_paper_by_its_earlier_title(merge_site):
    from research_digest.search_tokens import LEVEL_TITLE, search_doc

    root, _ = merge_site
    paper = build_digest(DigestOptions(("digests/",), root)).paper("2402.00001")
    levels = search_doc(paper, 0).token_levels()
    assert levels["strategise"] == levels["ahead"] == levels["sometimes"] == LEVEL_TITLE
    assert levels["规划"] == LEVEL_TITLE and levels["吗"] == LEVEL_TITLE


def test_a_chinese_venue_name_gets_its_own_page_and_its_links_resolve(merge_site):
    _, site = merge_site
    venue_page = site / "venues" / f"{VENUE}-2024" / "index.html"
    assert venue_page.is_file() and "2403.00009" in venue_page.read_text(encoding="utf-8")
    page, card = _card(site, "2403.00009")
    href = card.split('class="rd-badge rd-badge--venue" href="', 1)[1].split('"', 1)[0]
    assert _resolves(site, page, href)
    broken = [
        (path, href) for path, parsed in parse_site(site).items() for href in parsed.links
        if urlparse(href).scheme == "" and not href.startswith("/") and not _resolves(site, path, href)
    ]
    assert broken == []


def test_a_paper_whose_title_slug_is_not_ascii_has_a_card_its_links_reach(merge_site):
    root, site = merge_site
    paper_id = "łodz-street-scenes-a-dataset-for-ørsted-things"
    assert build_digest(DigestOptions(("digests/",), root)).paper(paper_id) is not None
    page, _ = _card(site, paper_id)
    assert f'id="p-{paper_id}"' in page.read_text(encoding="utf-8")
    record = next(p for p in json.loads((site / "papers.json").read_text(encoding="utf-8"))["papers"] if p["id"] == paper_id)
    assert record["page"].endswith("#p-" + paper_id) and _resolves(site, site / "index.html", record["page"])
    home_links = parse_site(site)[site / "index.html"].links
    assert any(href.endswith("#p-" + paper_id) for href in home_links)  # the home page lists the latest day


def test_an_anchor_keeps_letters_of_every_script_and_ascii_anchors_are_unchanged():
    assert anchor_for("2402.10882") == "p-2402.10882" and anchor_for("hep-th/9901001") == "p-hep-th-9901001"
    assert anchor_for("αβ-net") != anchor_for("γδ-net")
    assert anchor_for("中文标题-2") == "p-中文标题-2"


@pytest.mark.browser
def test_in_a_browser_the_also_posted_link_reads_in_each_language_and_search_finds_an_earlier_title(merge_site, browser):
    from browser_support import checked_page, serve_directory, type_search

    _, site = merge_site
    with serve_directory(site) as base_url, checked_page(browser, base_url) as page:
        page.goto(base_url + "/archive/2024/03/01/")
        also = page.locator('article[data-paper-id="2402.00002"] .rd-also-posted')
        assert also.locator(".rd-label .rd-zh").inner_text() == "亦发布为" and not also.locator(".rd-label .rd-en").is_visible()
        page.get_by_role("radio", name="English").first.click()
        assert also.locator(".rd-label .rd-en").inner_text() == "Also posted as" and not also.locator(".rd-label .rd-zh").is_visible()
        also.locator("a").click()
        page.wait_for_url("**#p-2402.00003")
        assert page.locator(r"h3#p-2402\.00003").is_visible()
        page.goto(base_url + "/")
        results = type_search(page, "Strategise")
        hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
        assert any(href.endswith("#p-2402.00001") for href in hrefs), hrefs


def test_check_merges_on_the_command_line_lists_each_merge_and_each_title_kept_apart(merge_site, monkeypatch, capsys):
    from research_digest.cli import main

    root, _ = merge_site
    monkeypatch.chdir(root)
    assert main(["check", "--merges", "-f", str(root / "mkdocs.yml"), "digests/"]) == 0
    out = capsys.readouterr().out
    assert "    2402.00001: digests/2024-03-01.md:5, digests/2024-03-02.md:5 (arXiv id)" in out
    assert "Kept apart: 1 title match(es) between different papers" in out
    assert f"    2402.00002 / 2402.00003: Chinese title '{SAME_ZH}': different arXiv ids" in out
    assert "Papers: 4 arXiv id(s) + 1 without an id" in out and "6 entries, 5 papers after merging" in out
