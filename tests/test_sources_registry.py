"""The format registry (``sources.FORMATS``): every format declares its own name, labels, colour and
suffixes, and the rest of the code reads them there; documents no format reads (empty ones, unknown
ones) are reported as such."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS, mkdocs_build

from research_digest import reading, sources, stats
from research_digest.digest import DigestOptions, DocumentReport, build_digest
from research_digest.labels import Label
from research_digest.topics import Taxonomy

GOOD = "003_daa8b05561275366.txt"  # a footnote digest of 4 papers


def folder_with_a_good_document(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.md").write_bytes((SEEDS / GOOD).read_bytes())
    return folder


@pytest.mark.parametrize("fmt", sources.FORMATS, ids=lambda fmt: fmt.NAME)
def test_every_format_declares_its_name_labels_colour_and_suffixes(fmt) -> None:
    assert fmt.NAME and isinstance(fmt.LABEL, Label) and fmt.LABEL.zh and fmt.LABEL.en
    assert fmt.COLOUR.startswith("rd-") and fmt.SUFFIXES and all(suffix.startswith(".") for suffix in fmt.SUFFIXES)
    assert callable(fmt.detect) and callable(fmt.parse)
    assert sources.format_named(fmt.NAME) is fmt and sources.format_label(fmt.NAME) == fmt.LABEL
    assert sources.format_colour(fmt.NAME) == fmt.COLOUR
    assert set(fmt.SUFFIXES) <= set(reading.DOCUMENT_SUFFIXES)
    assert fmt.NAME in sources.unknown_format_reason()


def test_names_are_unique_and_folders_are_searched_for_every_suffix(tmp_path: Path) -> None:
    assert len({fmt.NAME for fmt in sources.FORMATS}) == len(sources.FORMATS)
    for number, suffix in enumerate(sources.DOCUMENT_SUFFIXES):
        (tmp_path / f"doc{number}{suffix.upper()}").write_text("x", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    found, _ = reading.discover(["./"], tmp_path)
    assert len(found) == len(sources.DOCUMENT_SUFFIXES) and all(path.suffix != ".json" for path in found)


def test_statistics_show_each_documents_format_with_its_own_label_and_colour() -> None:
    documents = [DocumentReport(f"doc.{fmt.NAME}", fmt.NAME, 1) for fmt in sources.FORMATS]
    documents.append(DocumentReport("unknown.md", None, 0))
    statistics = stats.site_statistics([], Taxonomy.default(), documents)
    labels = [document.format_label for document in statistics.documents]
    assert labels == [fmt.LABEL for fmt in sources.FORMATS] + [sources.UNKNOWN_LABEL]
    html = str(stats.render_statistics(statistics))
    for fmt in sources.FORMATS:
        assert fmt.COLOUR in html and fmt.LABEL.en in html
    assert sources.UNKNOWN_COLOUR in html


def test_a_document_in_no_format_names_every_registered_format(tmp_path: Path) -> None:
    folder = folder_with_a_good_document(tmp_path)
    (folder / "notes.md").write_text("Just some notes.\n", encoding="utf-8")
    digest = build_digest(DigestOptions(("./",), folder))
    (problem,) = digest.problems
    assert problem.source == "notes.md" and problem.skipped
    assert problem.reason == "is in no known digest format (jsonl, footnote, daily or venue-table)"


@pytest.mark.parametrize("raw", [b"", b"\xef\xbb\xbf", b" \n\t\r\n", "\u3000\u200b\n".encode("utf-8")])
def test_an_empty_document_is_reported_as_empty_and_skips_nothing(tmp_path: Path, raw: bytes) -> None:
    folder = folder_with_a_good_document(tmp_path)
    (folder / "empty.md").write_bytes(raw)
    digest = build_digest(DigestOptions(("./",), folder))
    (problem,) = digest.problems
    assert (problem.source, problem.reason) == ("empty.md", "is empty")
    assert digest.skipped == () and digest.warnings == ()


def test_check_reports_an_empty_document_as_empty_and_exits_0(tmp_path: Path) -> None:
    folder = folder_with_a_good_document(tmp_path)
    (folder / "empty.md").write_text("\n\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "research_digest", "check", "./"], cwd=folder,
                            capture_output=True, text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "empty.md" in output and "is empty" in output and "no known digest format" not in output


def test_a_strict_build_passes_with_an_empty_document_among_the_sources(tmp_path: Path) -> None:
    folder = folder_with_a_good_document(tmp_path / "digests")
    (folder / "empty.md").write_text("", encoding="utf-8")
    environment = {**os.environ, "DIGEST_SOURCES": str(folder)}
    result = mkdocs_build(tmp_path / "site", env=environment)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "no known digest format" not in result.stderr
