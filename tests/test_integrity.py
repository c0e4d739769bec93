"""Data integrity: reproducible builds and nothing lost between the sources and the site."""

from __future__ import annotations

import filecmp
import os
import re
from pathlib import Path

from conftest import ROOT, mkdocs_build

from research_digest.digest import DigestOptions, build_digest
from research_digest.report import check_report


def _all_files(site: Path) -> list[str]:
    return sorted(str(path.relative_to(site)) for path in site.rglob("*") if path.is_file())


def test_two_builds_of_the_same_input_are_byte_identical(built_site, tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    second = tmp_path / "again"
    result = mkdocs_build(second, env=environment)
    assert result.returncode == 0, result.stderr
    files = _all_files(built_site)
    assert files == _all_files(second)
    _, mismatch, errors = filecmp.cmpfiles(built_site, second, files, shallow=False)
    assert not mismatch and not errors


def test_sitemap_dates_come_from_the_data_not_the_clock(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    latest = max(date.value for paper in build_digest(DigestOptions(("seeds/",), ROOT)).papers for date in paper.dates)
    assert dates and max(dates) == latest.isoformat()


def test_every_entry_is_one_appearance_of_one_paper_and_every_paper_one_card(built_site):
    digest = build_digest(DigestOptions(("seeds/",), ROOT))
    assert digest.entry_count == sum(len(paper.appearances) for paper in digest.papers) == 130
    report = check_report(digest, list_merges=True)
    assert "Merged: 1 paper(s) seen in more than one entry (2 entries)" in report
    assert re.search(r"2402\.10882: seeds/000_\S+:\d+, seeds/001_\S+:\d+", report)
    cards = set()
    for page in (built_site / "archive").rglob("index.html"):
        cards |= set(re.findall(r'<article class="rd-card" data-paper-id="([^"]+)"', page.read_text(encoding="utf-8")))
    assert cards == {paper.id for paper in digest.papers}
