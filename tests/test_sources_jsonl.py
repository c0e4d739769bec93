"""JSON Lines input (``sources/jsonl.py``): one paper a line, as the site's own papers.json records."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from complexity import assert_linear
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from research_digest.digest import DigestOptions, build_digest
from research_digest.model import DateOrigin, Entry, Paper, Precision, Problem, Text
from research_digest.reading import discover
from research_digest.sources import FORMATS, detect_format, jsonl

RECORD = {
    "id": "2402.10896",
    "title": {"en": "PaLM2-VAdapter: Progressively Aligned Language Model", "zh": "PaLM2-VAdapter：逐步对齐的语言模型"},
    "authors": ["Junfei Xiao", "Zheng Xu"],
    "tldr": {"zh": {"text": "一句话总结。", "truncated": False}, "en": None},
    "abstract": {"en": {"text": "This paper shows that", "truncated": True}, "zh": None},
    "links": {"abstract": "https://arxiv.org/abs/2402.10896", "pdf": "https://arxiv.org/pdf/2402.10896",
              "code": "https://github.com/x/y", "venue": None},
    "arxiv": {"id": "2402.10896", "version": 2, "category": "cs.CV", "announce_type": "new"},
    "venue": {"name": None, "year": None},
    "sections": ["多模态"],
    "appearances": [{"source": "/home/someone/digests/a.md", "line": 7, "format": "daily", "section": "多模态",
                     "date": {"date": "2024-02-16", "precision": "day", "origin": "document"}}],
    "also_posted_as": ["2402.99999"],  # fields it does not know are ignored
}


def read(*lines: str) -> list[Entry | Problem]:
    return list(jsonl.parse("\n".join(lines), "papers.jsonl"))


def split(items: list[Entry | Problem]) -> tuple[list[Entry], list[Problem]]:
    return [i for i in items if isinstance(i, Entry)], [i for i in items if isinstance(i, Problem)]


def test_a_papers_json_record_reads_as_one_entry_with_every_field() -> None:
    (entry,), problems = split(read(json.dumps(RECORD, ensure_ascii=False)))
    assert problems == []
    assert (entry.source, entry.line, entry.format) == ("papers.jsonl", 1, "jsonl")
    assert (entry.title_en, entry.title_zh) == (RECORD["title"]["en"], RECORD["title"]["zh"])
    assert entry.authors == ("Junfei Xiao", "Zheng Xu")
    assert (entry.tldr_zh, entry.tldr_en) == ("一句话总结。", "")
    assert entry.abstract_en == "This paper shows that…"  # the ellipsis is how clean keeps `truncated`
    assert (entry.abs_url, entry.pdf_url, entry.code_url, entry.venue_url) == (
        "https://arxiv.org/abs/2402.10896", "https://arxiv.org/pdf/2402.10896", "https://github.com/x/y", "")
    assert (entry.arxiv_id, entry.arxiv_version, entry.category, entry.announce_type) == ("2402.10896", 2, "cs.CV", "new")
    assert entry.section == "多模态"
    assert entry.stated_date and entry.stated_date.key == "2024-02-16"
    assert (entry.stated_date.precision, entry.stated_date.origin) == (Precision.DAY, DateOrigin.DOCUMENT)


def test_a_minimal_record_needs_only_a_title() -> None:
    (entry, chinese), problems = split(read('{"title": "Only a title"}', '{"title": {"zh": "只有中文标题"}}'))
    assert (entry.title_en, entry.authors, entry.arxiv_id, entry.stated_date, problems) == ("Only a title", (), "", None, [])
    assert (chinese.title_en, chinese.title_zh, chinese.line) == ("", "只有中文标题", 2)


def test_without_appearances_the_records_sections_and_dates_are_read() -> None:
    record = {"title": "T", "sections": ["A", "B"], "dates": ["2024-02-16", {"date": "2023"}]}
    entries, problems = split(read(json.dumps(record)))
    assert [(e.section, e.stated_date.key) for e in entries] == [("A", "2024-02-16"), ("B", "2024-02-16"), ("A", "2023")]
    assert entries[2].stated_date.precision is Precision.YEAR and problems == []


def test_each_appearance_is_an_entry_with_its_own_section_and_date() -> None:
    record = {"title": {"en": "T"}, "appearances": [
        {"section": "A", "date": {"date": "2024-02", "precision": "month", "origin": "path"}},
        {"section": "B", "date": None}]}
    entries, problems = split(read(json.dumps(record)))
    assert [(e.section, e.stated_date.key if e.stated_date else None) for e in entries] == [("A", "2024-02"), ("B", None)]
    assert entries[0].stated_date.origin is DateOrigin.PATH and entries[0].stated_date.precision is Precision.MONTH
    assert {e.line for e in entries} == {1} and problems == []


@pytest.mark.parametrize(
    "line, reason",
    [("{not json", "not a JSON record"), ('{"title": "x"', "not a JSON record"), ("[1, 2]", "not a JSON object"),
     ('"just text"', "not a JSON object"), ('{"title": NaN}', "NaN is not a number"),
     ('{"authors": ["A"]}', "record without a title"), ('{"title": 5}', "record without a title"),
     ('{"title": "x", "deep": ' + "[" * 100_000 + "}", "not a JSON record"),
     ("| 题目 | 作者 | 摘要 | link |", "not a JSON record")],
)
def test_a_malformed_line_is_a_skipped_problem_and_the_other_lines_are_still_read(line: str, reason: str) -> None:
    items = read('{"title": "Before"}', line, "", '{"title": "After"}')
    entries, problems = split(items)
    assert [entry.title_en for entry in entries] == ["Before", "After"]
    assert [entry.line for entry in entries] == [1, 4]
    skipped = [problem for problem in problems if problem.skipped]
    assert len(skipped) == 1 and skipped[0].line == 2 and skipped[0].source == "papers.jsonl"
    assert reason in skipped[0].reason


@pytest.mark.parametrize(
    "fields, field",
    [({"authors": "A, B"}, None), ({"authors": [1, "B"]}, "authors"), ({"authors": {"a": 1}}, "authors"),
     ({"abstract": {"en": 3}}, "abstract_en"), ({"abstract": {"en": {"text": ["x"]}}}, "abstract_en"),
     ({"links": "https://x.org"}, "links"), ({"links": {"code": 7}}, "code_url"),
     ({"arxiv": {"id": "<script>alert(1)</script>"}}, "arxiv_id"), ({"arxiv": {"version": "2"}}, "arxiv_version"),
     ({"arxiv": {"version": True}}, "arxiv_version"), ({"arxiv": {"version": 10 ** 40}}, "arxiv_version"),
     ({"arxiv": {"version": -1}}, "arxiv_version"), ({"venue": {"year": 1e308}}, "year"),
     ({"venue": {"year": 99999}}, "year"), ({"venue": {"name": ["CVPR"]}}, "venue"),
     ({"appearances": [{"date": {"date": "2024-02-30"}}]}, "date"), ({"appearances": [{"date": "2024-13"}]}, "date"),
     ({"appearances": [{"date": "yesterday"}]}, "date"), ({"appearances": [{"date": 20240216}]}, "date"),
     ({"appearances": [{"date": {"date": ["2024"]}}]}, "date"), ({"dates": [{"date": "0000"}]}, "date"),
     ({"sections": "not a list"}, "sections")],
)
def test_a_field_of_the_wrong_type_is_a_warning_and_the_paper_is_kept(fields: dict[str, Any], field: str | None) -> None:
    (entry,), problems = split(read(json.dumps({"title": "Kept", **fields})))
    assert entry.title_en == "Kept"
    assert [problem.field for problem in problems] == ([field] if field else [])
    assert all(not problem.skipped and problem.line == 1 for problem in problems)


KEYS = ["title", "en", "zh", "authors", "tldr", "abstract", "text", "truncated", "links", "pdf", "code", "venue",
        "arxiv", "id", "version", "category", "announce_type", "name", "year", "sections", "dates", "appearances",
        "section", "date", "precision", "origin"]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
    | st.sampled_from(["2024-02-16", "2024-02", "2024", "https://x.org/a", "javascript:x", "2402.10896", "day"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(KEYS), JSON_VALUES, max_size=10))
def test_any_json_record_gives_entries_or_problems_and_never_raises(record: dict[str, Any]) -> None:
    entries, problems = split(read(json.dumps(record)))
    assert all(entry.line == 1 and (entry.title_en or entry.title_zh) for entry in entries)
    assert all(problem.line == 1 for problem in problems)
    assert bool(entries) != any(problem.skipped for problem in problems)
    for entry in entries:
        for url in (entry.abs_url, entry.pdf_url, entry.code_url, entry.venue_url):
            assert not url or url.lower().startswith(("http://", "https://"))


def test_a_huge_number_is_a_wrong_type_not_a_lost_line() -> None:
    (entry,), problems = split(read('{"title": "T", "arxiv": {"version": ' + "9" * 5000 + "}}"))
    assert entry.arxiv_version is None and [problem.field for problem in problems] == ["arxiv_version"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)",
                                 "data:text/html,<script>x</script>", "vbscript:x", "//evil.org/x", "/relative"])
def test_links_that_are_not_http_are_dropped_with_a_warning(url: str) -> None:
    record = {"title": "T", "links": {"abstract": url, "pdf": url, "code": url, "venue": url}}
    (entry,), problems = split(read(json.dumps(record)))
    assert (entry.abs_url, entry.pdf_url, entry.code_url, entry.venue_url) == ("", "", "", "")
    assert sorted(problem.field for problem in problems) == ["abs_url", "code_url", "pdf_url", "venue_url"]


def test_a_javascript_link_never_reaches_the_digest(tmp_path: Path) -> None:
    record = {"title": "T", "links": {"code": "javascript:alert(1)", "abstract": "https://x.org/p"}}
    (tmp_path / "x.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    digest = build_digest(DigestOptions(("./",), tmp_path))
    (paper,) = digest.papers
    assert paper.links.code == "" and paper.links.abstract == "https://x.org/p"
    assert [problem.field for problem in digest.problems] == ["code_url"]


def test_huge_values_are_read_in_linear_time() -> None:
    def read_abstract(size: int) -> None:
        (entry,), _ = split(read(json.dumps({"title": "T", "abstract": {"en": {"text": "word " * size}}})))
        assert len(entry.abstract_en) == 5 * size

    assert_linear(read_abstract, 50_000, "a long abstract")


def test_detection_wants_a_json_record_first_and_other_formats_are_not_taken() -> None:
    assert jsonl.detect('\n\ufeff  {"title": "T"}\n')
    assert jsonl.detect('{"broken"\n{"title": "T"}\n')
    assert jsonl.detect('{"title": "T"}\nnot json\n')  # a broken line among few still leaves a JSON Lines file
    assert detect_format('{"title": "T"}\n') is jsonl
    assert not jsonl.detect('{"name": "no paper here"}\n')
    assert not jsonl.detect('# Notes\n{"title": "T"}\n')
    assert not jsonl.detect("")
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    for path in sorted(seeds.iterdir()):
        assert not jsonl.detect(path.read_text(encoding="utf-8")), path.name


def test_the_format_is_registered_with_its_suffix_label_and_colour(tmp_path: Path) -> None:
    assert jsonl in FORMATS and jsonl.SUFFIXES == (".jsonl", ".jsonl.gz")
    assert (jsonl.LABEL.zh, jsonl.LABEL.en) == ("JSON Lines 论文列表", "JSON Lines") and jsonl.COLOUR
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "export.jsonl").write_text('{"title": "T"}\n', encoding="utf-8")
    (tmp_path / "nested" / "export.JSONL.gz").write_bytes(gzip.compress(b'{"title": "T"}\n'))
    (tmp_path / "other.json").write_text("{}", encoding="utf-8")
    (tmp_path / "other.tar.gz").write_bytes(gzip.compress(b"not a digest"))
    found, _ = discover(["./"], tmp_path)
    assert [path.name for path in found] == ["export.JSONL.gz", "export.jsonl"]


# ---------------------------------------------------------------------------- round trip on the seeds


def essentials(record: dict[str, Any]) -> dict[str, Any]:
    """What a paper read back must keep: everything the digest's papers hold but their provenance."""
    return {key: record[key] for key in ("id", "title", "authors", "tldr", "abstract", "links", "venue", "sections")} | {
        "arxiv": {key: record["arxiv"][key] for key in ("id", "version", "category", "announce_type")},
        "dates": record["dates"],
    }


def _text(text: Text) -> dict[str, Any] | None:
    return {"text": text.text, "truncated": text.truncated} if text else None


def paper_essentials(paper: Paper) -> dict[str, Any]:
    return {
        "id": paper.id, "title": {"en": paper.title_en, "zh": paper.title_zh}, "authors": list(paper.authors),
        "tldr": {"zh": _text(paper.tldr_zh), "en": _text(paper.tldr_en)},
        "abstract": {"zh": _text(paper.abstract_zh), "en": _text(paper.abstract_en)},
        "links": {name: getattr(paper.links, name) or None for name in ("abstract", "pdf", "code", "venue")},
        "venue": {"name": paper.venue or None, "year": paper.year}, "sections": list(paper.sections),
        "arxiv": {"id": paper.arxiv_id or None, "version": paper.arxiv_version, "category": paper.category or None,
                  "announce_type": paper.announce_type or None},
        "dates": [{"date": d.key, "precision": d.precision.value, "origin": d.origin.value} for d in sorted(paper.dates)],
    }


def record_of(paper: Paper) -> dict[str, Any]:
    """A papers.json record of ``paper`` with what reading it needs (no site: no page, url or key)."""
    appearances = [
        {"source": seen.source, "line": seen.line, "format": seen.format, "section": seen.section,
         "date": {"date": seen.date.key, "precision": seen.date.precision.value, "origin": seen.date.origin.value}
         if seen.date else None}
        for seen in paper.appearances
    ]
    return {**paper_essentials(paper), "appearances": appearances}


def _export_records(built_site: Path) -> list[dict[str, Any]]:
    return json.loads((built_site / "papers.json").read_text(encoding="utf-8"))["papers"]


def test_the_sites_export_read_back_as_jsonl_gives_the_same_papers(built_site: Path, tmp_path: Path) -> None:
    records = _export_records(built_site)
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    (tmp_path / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    digest = build_digest(DigestOptions(("./",), tmp_path))
    assert [report.format for report in digest.documents] == ["jsonl"]
    assert digest.problems == ()
    again = {paper.id: paper_essentials(paper) for paper in digest.papers}
    assert len(records) == len(again) == 129
    for record in records:
        assert again[record["id"]] == essentials(record), record["id"]


def test_papers_json_itself_can_be_named_as_a_source(built_site: Path, tmp_path: Path) -> None:
    export = tmp_path / "papers.json"
    export.write_bytes((built_site / "papers.json").read_bytes())
    digest = build_digest(DigestOptions(("papers.json",), tmp_path))
    assert digest.problems == () and [report.format for report in digest.documents] == ["jsonl"]
    assert sorted(paper.id for paper in digest.papers) == sorted(record["id"] for record in _export_records(built_site))
