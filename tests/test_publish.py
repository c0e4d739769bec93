"""Feeds, BibTeX and papers.json, parsed back with real parsers; links right under a sub-path."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import bibtexparser
import feedparser
import jsonschema
import pytest
from conftest import ROOT, mkdocs_build

from research_digest.bibtex import citation_keys
from research_digest.digest import DigestOptions, build_digest
from research_digest.feeds import Feed, render_feeds
from research_digest.labels import Label
from research_digest.model import Paper, Text
from research_digest.topics import Taxonomy

SITE_URL = "https://example.github.io/research-digest/"
PROSE_CAP = 20_000  # the documented cap of an abstract (README, "Bad input")


def seed_papers() -> list[Paper]:
    papers, _ = Taxonomy.default().assign(build_digest(DigestOptions(("seeds/",), ROOT)).papers)
    return papers


def card_exists(site: Path, url: str, site_url: str = SITE_URL) -> bool:
    """Does this absolute card URL lead to a built page holding that anchor?"""
    assert url.startswith(site_url), url
    path, _, anchor = url[len(site_url):].partition("#")
    page = site / path / "index.html" if path.endswith("/") or not path else site / path
    return page.is_file() and f'id="{anchor}"' in page.read_text(encoding="utf-8")


# --- feeds ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, version", [("feed.xml", "rss20"), ("atom.xml", "atom10")])
def test_site_feeds_validate_and_lead_to_the_cards(built_site, name, version):
    feed = feedparser.parse((built_site / name).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert len(feed.entries) == 50  # feed_size default, of 129 papers
    for entry in feed.entries:
        assert card_exists(built_site, entry.link), entry.link
        assert entry.published_parsed is not None
    dates = [entry.published_parsed[:3] for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)  # newest first, dated from the data
    latest = max(date.value for paper in seed_papers() for date in paper.dates)
    assert dates[0] == (latest.year, latest.month, latest.day)
    both = [entry.title for entry in feed.entries if " / " in entry.title]
    assert both and re.search(r"[\u4e00-\u9fff]", both[0]) and re.search(r"[A-Za-z]{3}", both[0])


def test_rss_dates_are_rfc822_and_atom_dates_rfc3339(built_site):
    rss = (built_site / "feed.xml").read_text(encoding="utf-8")
    atom = (built_site / "atom.xml").read_text(encoding="utf-8")
    assert re.search(r"<pubDate>\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000</pubDate>", rss)
    assert re.search(r"<updated>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00</updated>", atom)


def test_every_topic_has_feeds_with_its_newest_papers(built_site):
    papers = seed_papers()
    topics = {topic for paper in papers for topic in paper.topics}
    assert topics
    for topic in topics:
        expected = {paper.id for paper in papers if topic in paper.topics}
        for name in ("feed.xml", "atom.xml"):
            feed = feedparser.parse((built_site / "topics" / topic / name).read_bytes())
            assert not feed.bozo, (topic, name)
            assert len(feed.entries) == min(50, len(expected))
            ids = {entry.link.rsplit("#p-", 1)[1] for entry in feed.entries}
            assert ids <= expected


def test_pages_advertise_their_feeds_and_topic_pages_show_a_subscribe_link(built_site):
    topic_page = next((built_site / "topics").glob("*/index.html"))
    html = topic_page.read_text(encoding="utf-8")
    alternates = re.findall(r'<link rel="alternate(?: feed)?" type="application/(rss|atom)\+xml"[^>]* href="([^"]+)"', html)  # topic feeds: "alternate feed"
    assert {href for _, href in alternates} == {"../../feed.xml", "../../atom.xml", "feed.xml", "atom.xml"}
    for _, href in alternates:
        assert (topic_page.parent / href).resolve().is_file()
    assert re.search(r'class="rd-downloads".*href="feed.xml"', html, re.S)
    assert re.search(r'href="papers.bib"[^>]*download', html)
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in home and 'href="papers.json"' in home
    day = next((built_site / "archive").rglob("??/index.html")).read_text(encoding="utf-8")
    assert 'type="application/rss+xml"' in day  # the site feed is advertised everywhere


def test_feed_text_is_escaped_and_xml_safe():
    hostile = Paper(
        id="x", title_en="<script>alert(1)</script> & \x00\x07Bad", title_zh="标题 ]]>",
        authors=("A <b>", "B & C"), tldr_en=Text("</description><x>"),
    )
    feed = Feed("feed.xml", "atom.xml", Label("<i>中</i>", "<i>en</i>"), SITE_URL)
    rss, atom = render_feeds(feed, [hostile], lambda paper: SITE_URL + "#p-x", site_url=SITE_URL, language="en")
    for text in (rss, atom):
        parsed = feedparser.parse(text.encode())
        assert not parsed.bozo
        assert "<script>" not in text and "&lt;script&gt;" in text
        assert "\x00" not in text
    assert feedparser.parse(rss.encode()).entries[0].title.startswith("<script>alert(1)</script> & Bad")


# --- BibTeX -----------------------------------------------------------------------------------

def parse_bib(text: str):
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    return library


def test_the_whole_bibliography_parses_back_with_arxiv_and_venue_fields(built_site):
    library = parse_bib((built_site / "papers.bib").read_text(encoding="utf-8"))
    entries = {entry.key: entry for entry in library.entries}
    assert len(library.entries) == 129 == len(entries)  # keys unique
    arxiv = [entry for entry in library.entries if "eprint" in entry.fields_dict]
    venue = [entry for entry in library.entries if entry.entry_type == "inproceedings"]
    assert len(arxiv) == 88 and len(venue) == 41
    assert all(entry.fields_dict["archivePrefix"].value == "arXiv" for entry in arxiv)
    assert all("ICCV" in entry.fields_dict["booktitle"].value for entry in venue)
    vadapter = next(entry for entry in arxiv if entry.fields_dict["eprint"].value == "2402.10896")
    assert "VAdapter" in vadapter.fields_dict["title"].value
    assert "Yuille" in vadapter.fields_dict["author"].value


def test_topic_bibliographies_hold_their_topic_papers(built_site):
    papers = seed_papers()
    for folder in (built_site / "topics").iterdir():
        if folder.is_dir():
            library = parse_bib((folder / "papers.bib").read_text(encoding="utf-8"))
            assert len(library.entries) == sum(1 for paper in papers if folder.name in paper.topics)


def test_card_copy_control_uses_the_same_key_as_the_bib_file(built_site):
    keys = set(re.findall(r"^@\w+\{([^,]+),", (built_site / "papers.bib").read_text(encoding="utf-8"), re.M))
    card_keys = set()
    for page in (built_site / "archive").rglob("index.html"):
        card_keys |= set(re.findall(r'<pre class="rd-bibtex__text">@\w+\{([^,]+),', page.read_text(encoding="utf-8")))
    assert card_keys == keys


def test_citation_keys_are_stable_and_unique_whatever_the_order():
    twin = dict(authors=("Ada Lovelace",), title_en="Engines of Analysis", dates=())
    papers = [Paper(id="b-id", **twin), Paper(id="a-id", **twin), Paper(id="c", title_en="Other", authors=("Bo Li",))]
    keys = citation_keys(papers)
    assert keys == citation_keys(list(reversed(papers)))
    assert keys["a-id"] == "lovelaceenginesa" and keys["b-id"] == "lovelaceenginesb" and keys["c"] == "liother"


# --- papers.json --------------------------------------------------------------------------------

def test_papers_json_validates_against_its_schema(built_site):
    data = json.loads((built_site / "papers.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "papers.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["schema_version"] == 1 and len(data["papers"]) == 129
    merged = next(paper for paper in data["papers"] if paper["id"] == "2402.10882")
    assert len(merged["appearances"]) == 2 and merged["tldr"]["zh"]["text"]
    assert merged["abstract"]["en"]["truncated"] is False and merged["authors"]
    assert merged["url"].startswith(SITE_URL) and card_exists(built_site, merged["url"])
    venue = next(paper for paper in data["papers"] if paper["venue"]["name"])
    assert venue["venue"] == {"name": "ICCV", "year": 2023} and venue["links"]["venue"].startswith("http")


def test_schema_rejects_a_record_missing_a_field(built_site):
    data = json.loads((built_site / "papers.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "papers.schema.json").read_text(encoding="utf-8"))
    del data["papers"][0]["authors"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


# --- a site under another sub-path, and without site_url --------------------------------------------

def _config_with(tmp_path: Path, replacement: str) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^site_url:.*$", replacement, text, flags=re.M)
    config = tmp_path / "mkdocs.yml"
    config.write_text(text + f"\ndocs_dir: {ROOT / 'docs'}\n", encoding="utf-8")
    text = config.read_text(encoding="utf-8").replace("corrections: corrections.yml", f"corrections: {ROOT / 'corrections.yml'}")
    text = text.replace("- seeds/", f"- {ROOT / 'seeds'}/").replace("- hooks.py", f"- {ROOT / 'hooks.py'}")
    config.write_text(text, encoding="utf-8")
    return config


def test_feed_and_export_links_follow_another_sub_path(tmp_path):
    site_url = "https://user.github.io/repo/"
    site = tmp_path / "site"
    result = mkdocs_build(site, config=_config_with(tmp_path, f"site_url: {site_url}"))
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.feed.link == site_url
    assert all(card_exists(site, entry.link, site_url) for entry in feed.entries)
    data = json.loads((site / "papers.json").read_text(encoding="utf-8"))
    assert all(urlparse(paper["url"]).path.startswith("/repo/archive/") for paper in data["papers"])
    page = (site / "topics" / "index.html").read_text(encoding="utf-8")
    assert "example.github.io" not in page


def test_without_site_url_there_are_no_feeds_but_exports_remain(tmp_path):
    site = tmp_path / "site"
    result = mkdocs_build(site, config=_config_with(tmp_path, ""))
    assert result.returncode == 0, result.stderr
    assert not (site / "feed.xml").exists() and (site / "papers.bib").is_file()
    data = json.loads((site / "papers.json").read_text(encoding="utf-8"))
    assert all(paper["url"] is None and paper["page"] for paper in data["papers"])
    assert 'rel="alternate" type="application/rss+xml"' not in (site / "index.html").read_text(encoding="utf-8")


# --- nothing private --------------------------------------------------------------------------

def test_no_published_file_names_the_building_machines_folders(tmp_path):
    """Sources outside the project (DIGEST_SOURCES) are published by their path under the
    source folder, never by the absolute path on the machine that built the site."""
    private = tmp_path / "home" / "someone" / "private-digests"
    shutil.copytree(ROOT / "seeds", private / "2024")
    site = tmp_path / "site"
    result = mkdocs_build(site, env=dict(os.environ, DIGEST_SOURCES=str(private), NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr
    data = json.loads((site / "papers.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "papers.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)  # which forbids absolute paths
    sources = {seen["source"] for paper in data["papers"] for seen in paper["appearances"]}
    assert "private-digests/2024/001_466e798c07ea2cbe.txt" in sources
    assert all(not source.startswith("/") for source in sources)
    secrets = [str(tmp_path), str(ROOT)] + ([str(Path.home())] if len(Path.home().parts) > 1 else [])
    leaks = [
        (path.relative_to(site).as_posix(), secret)
        for path in site.rglob("*") if path.is_file()
        for secret in secrets if secret.encode() in path.read_bytes()
    ]
    assert leaks == []


# --- unbounded input --------------------------------------------------------------------------

def build_with_warnings(digests: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build`` (not strict: the input is meant to warn) of ``digests``, by the clock
    (no SOURCE_DATE_EPOCH)."""
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    environment.update(DIGEST_SOURCES=str(digests), NO_MKDOCS_2_WARNING="1", **env)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env=environment,
    )


def test_a_field_of_megabytes_leaves_the_site_small(tmp_path):
    """One 3 MB abstract is cut to its cap (with a warning naming file, line and field), so
    it is not copied at full size into the day page, topic pages, feeds and exports."""
    digests = tmp_path / "digests"
    digests.mkdir()
    huge = "An endless sentence about segmentation models " * 65_000  # ~3 MB
    (digests / "2024-02-16.md").write_text(
        "## [UPDATED!] **2024-02-16** (Publish Time)\n\n>## **多模态**\n>---\n>>**index:** 1<br />\n"
        "**Title:** **A Paper With A Huge Abstract**<br />\n**Title_cn:** 巨大摘要<br />\n"
        f"**Authors:** A. Author<br />\n**Abstract:** {huge}<br />\n**PDF:** http://arxiv.org/pdf/2402.10882v1<br />\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = build_with_warnings(digests, site)
    assert result.returncode == 0, result.stderr
    assert "digests/2024-02-16.md:5: [abstract_en]" in result.stderr and "cut to 20,000" in result.stderr, result.stderr[-600:]
    sizes = {
        path.relative_to(site).as_posix(): path.stat().st_size
        for path in site.rglob("*") if path.is_file() and not path.relative_to(site).as_posix().startswith("assets/")
    }
    assert max(sizes.values()) < 4 * PROSE_CAP * 2  # the largest page holds a few copies at most
    assert sum(sizes.values()) < 1_000_000  # every copy together: 3 MB uncut
    [paper] = json.loads((site / "papers.json").read_text(encoding="utf-8"))["papers"]
    assert paper["abstract"]["en"]["truncated"] and len(paper["abstract"]["en"]["text"]) <= PROSE_CAP


def test_a_paper_dated_after_today_is_not_the_sites_latest_day(tmp_path):
    """Without SOURCE_DATE_EPOCH the clock gives the reference day: a typo year far ahead is a
    warning, and the home page, the feeds and the sitemap keep the real latest day."""
    digests = tmp_path / "digests"
    digests.mkdir()
    day = ("## [UPDATED!] **{date}** (Publish Time)\n\n>## **多模态**\n>---\n>>**index:** 1<br />\n"
           "**Title:** **{title}**<br />\n**Title_cn:** 标题<br />\n**Authors:** A. Author<br />\n"
           "**PDF:** http://arxiv.org/pdf/{arxiv_id}v1<br />\n\n")
    (digests / "daily.md").write_text(
        day.format(date="2024-02-16", title="A Real Paper", arxiv_id="2402.10882")
        + day.format(date="2099-02-16", title="A Typo Year Paper", arxiv_id="2402.13333"),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = build_with_warnings(digests, site, SITE_URL=SITE_URL)
    assert result.returncode == 0, result.stderr
    assert "digests/daily.md:15: [date] date 2099-02-16 is after the build's reference day" in result.stderr, result.stderr[-800:]
    for name in ("index.html", "sitemap.xml", "feed.xml", "atom.xml", "papers.json"):
        assert "2099" not in (site / name).read_text(encoding="utf-8"), name
    assert "archive/2024/02/16/#p-2402.10882" in (site / "index.html").read_text(encoding="utf-8")
    assert "<lastBuildDate>Fri, 16 Feb 2024" in (site / "feed.xml").read_text(encoding="utf-8")


def test_two_source_folders_of_the_same_name_keep_their_documents_apart(tmp_path):
    for owner in ("alice", "bob"):
        (tmp_path / owner / "digests").mkdir(parents=True)
        shutil.copy(ROOT / "seeds" / "003_daa8b05561275366.txt", tmp_path / owner / "digests" / "cv.md")
    (tmp_path / "project").mkdir()
    sources = (str(tmp_path / "alice" / "digests"), str(tmp_path / "bob" / "digests"))
    digest = build_digest(DigestOptions(sources, tmp_path / "project", freeze=False))
    assert [document.name for document in digest.documents] == ["alice/digests/cv.md", "bob/digests/cv.md"]
