"""The scale benchmark's tools: the synthetic corpus, the parse cache and the results table."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from research_digest import environment
from research_digest import parse_cache
from research_digest.bench import run as bench_run
from research_digest.bench import search_bytes
from research_digest.bench.synth import MANIFEST, synthesise
from research_digest.digest import DigestOptions, build_digest, parse_document
from research_digest.model import Precision
from research_digest.reading import read_document
from research_digest.report import check_report

PAPERS = 700  # enough for eight daily digests, footnote digests of both styles and two venue tables


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    synthesise(PAPERS, folder, seed=7)
    return folder


@pytest.fixture(scope="module")
def texts(corpus: Path) -> dict[str, str]:
    return {name: data.decode("utf-8") for name, data in _files(corpus).items() if name != MANIFEST}


@pytest.fixture(autouse=True)
def _private_cache(private_parse_cache: Path) -> None:
    """Every test parses with its own disk cache and an empty memory cache."""


# --- the generator ----------------------------------------------------------------------------


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    synthesise(150, tmp_path / "a", seed=3)
    synthesise(150, tmp_path / "b", seed=3)
    synthesise(150, tmp_path / "c", seed=4)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_rewriting_a_corpus_replaces_it_and_a_foreign_folder_is_refused(tmp_path: Path) -> None:
    synthesise(400, tmp_path / "a", seed=1)
    synthesise(150, tmp_path / "a", seed=3)
    synthesise(150, tmp_path / "b", seed=3)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.md").write_text("keep me", encoding="utf-8")
    with pytest.raises(SystemExit):
        synthesise(50, tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.md").read_text(encoding="utf-8") == "keep me"


def test_every_document_is_recognised_and_every_paper_read(corpus: Path) -> None:
    manifest = json.loads((corpus / MANIFEST).read_text(encoding="utf-8"))
    digest = build_digest(DigestOptions((str(corpus),), corpus))
    formats = {report.format for report in digest.documents}
    assert formats == {"daily", "footnote", "venue-table"}
    assert not digest.skipped and not digest.warnings
    assert "0 skipped" in check_report(digest)
    assert digest.entry_count == manifest["entries"] == PAPERS + manifest["repeats"]
    assert 0.01 * PAPERS <= manifest["repeats"] <= 0.06 * PAPERS
    assert len(digest.papers) == PAPERS  # repeats merge into the paper they repeat
    daily_dates = [a.date for p in digest.papers for a in p.appearances if a.format == "daily"]
    assert all(date is not None and date.precision is Precision.DAY for date in daily_dates)
    # each repeat is one more appearance of the paper it repeats (a paper may be repeated twice)
    assert sum(len(paper.appearances) - 1 for paper in digest.papers) == manifest["repeats"]


def test_the_variants_of_real_digests_are_present(texts: dict[str, str]) -> None:
    daily = "".join(text for name, text in texts.items() if name.startswith("daily/"))
    footnote = "".join(text for name, text in texts.items() if name.startswith("footnote/"))
    venue = "".join(text for name, text in texts.items() if name.startswith("venues/"))
    assert "## [UPDATED!] **" in daily and ">## **" in daily
    assert any(not text.startswith("## [UPDATED!]") for name, text in texts.items() if name.startswith("daily/"))
    assert {"daily/2024/2024-01-02.md", "daily/2024_01_10.md"} <= set(texts)
    assert any(name.startswith("daily/arxiv-daily-") for name in texts)
    assert "<http://arxiv.org/pdf/" in daily and "<https://arxiv.org/" in daily and "arxiv.org/abs/" in daily
    assert "**Code:** null<br />" in daily and ">**\n" in daily  # `<url>**`
    assert daily.count("**Title:**") > daily.count("**Title_cn:**")  # missing Chinese titles
    assert daily.count("**Title:**") > daily.count("**Abstract:**") and daily.count("**Title:**") > daily.count("**Abstract_cn:**")
    assert "\ufffd</details>" in daily
    assert any(line.startswith("**Title:**") and not line.endswith("<br />") for line in daily.splitlines())  # wrapped
    assert max(line.count(", ") for line in daily.splitlines() if line.startswith("**Authors:**")) >= 29
    assert "Announce Type:" in footnote and "公告类型" in footnote and "\ufffd" in footnote
    assert "(arXiv:" in footnote and "(http://arxiv.org/abs/" in footnote and "(https://arxiv.org/abs/" in footnote
    assert "| 年份 | 题目 |" in venue and "| 序号 | 题目 |" in venue and "| None |" in venue
    assert {"venues/ICCV2023.md", "venues/CVPR2024.md"} <= set(texts)


def test_text_is_of_realistic_length(corpus: Path) -> None:
    digest = build_digest(DigestOptions((str(corpus),), corpus))
    english = [len(p.abstract_en.text) for p in digest.papers if p.abstract_en]
    chinese = [len(p.abstract_zh.text) for p in digest.papers if p.abstract_zh and not p.abstract_zh.truncated]
    assert 700 <= sum(english) / len(english) <= 2000
    assert 200 <= sum(chinese) / len(chinese) <= 700


# --- the parse cache ------------------------------------------------------------------------


def _document(corpus: Path, name: str = "daily/2024/2024-01-02.md"):
    document, problem = read_document(corpus / name, corpus)
    assert problem is None
    return document


def _refuse(document):
    raise AssertionError("parsed again, but the cache should have answered")


def test_cache_returns_what_the_parser_returns_from_memory_and_from_disk(corpus: Path) -> None:
    document = _document(corpus)
    fresh = parse_document(document)
    assert parse_cache.cached_parse(document, corpus, parse_document) == fresh
    assert parse_cache.cached_parse(document, corpus, _refuse) == fresh  # memory
    parse_cache.clear_memory()
    assert parse_cache.cached_parse(document, corpus, _refuse) == fresh  # disk


def test_a_whole_digest_is_the_same_cold_and_warm(corpus: Path) -> None:
    options = DigestOptions((str(corpus),), corpus)
    cold = build_digest(options)
    parse_cache.clear_memory()
    assert build_digest(options) == cold
    assert build_digest(options) == cold


def test_changed_text_path_or_parser_is_parsed_again(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = _document(corpus)
    parse_cache.cached_parse(document, corpus, parse_document)
    changed = type(document)(document.path, document.name, document.text.replace("**Title:** **", "**Title:** **New ", 1))
    entries, _ = parse_cache.cached_parse(changed, corpus, parse_document)
    assert entries[0].alone.title_en.startswith("New ")
    renamed = type(document)(document.path, "elsewhere/2024-01-02.md", document.text)
    assert parse_cache.cached_parse(renamed, corpus, parse_document)[0][0].alone.appearances[0].source == "elsewhere/2024-01-02.md"
    parse_cache.clear_memory()
    monkeypatch.setattr(parse_cache, "parser_version", lambda: "another parser")
    calls = []
    parse_cache.cached_parse(document, corpus, lambda doc: calls.append(doc) or parse_document(doc))
    assert calls == [document]


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle at all", b"\x80\x05\x95\xff\xff", pickle.dumps({"key": "value"}), pickle.dumps(("key", ([], None)))],
    ids=["empty", "garbage", "truncated", "wrong-shape", "wrong-key"],
)
def test_a_corrupt_cache_file_is_ignored_and_rewritten(corpus: Path, tmp_path: Path, damage: bytes) -> None:
    document = _document(corpus)
    fresh = parse_cache.cached_parse(document, corpus, parse_document)
    [cache_file] = (tmp_path / "parse-cache").glob("*.pickle")
    cache_file.write_bytes(damage)
    parse_cache.clear_memory()
    assert parse_cache.cached_parse(document, corpus, parse_document) == fresh
    parse_cache.clear_memory()
    assert parse_cache.cached_parse(document, corpus, _refuse) == fresh  # rewritten whole


def test_cache_folder_default_override_and_off(tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse_cache.cache_folder(tmp_path, {}) == tmp_path / ".cache" / "research-digest"
    assert parse_cache.cache_folder(tmp_path, {environment.CACHE_ENV: "/x/y"}) == Path("/x/y")
    assert parse_cache.cache_folder(tmp_path, {environment.CACHE_ENV: "off"}) is None
    monkeypatch.setenv(environment.CACHE_ENV, "off")
    parse_cache.cached_parse(_document(corpus), corpus, parse_document)
    assert not (tmp_path / "parse-cache").exists() and not (corpus / ".cache").exists()


def test_the_disk_cache_is_pruned_least_recently_used_first(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(parse_cache, "MAX_FILES", 4)
    names = sorted(name for name in _files(corpus) if name.startswith("daily/"))[:6]
    for name in names:
        parse_cache.cached_parse(_document(corpus, name), corpus, parse_document)
    assert len(list((tmp_path / "parse-cache").glob("*.pickle"))) <= 4
    parse_cache.clear_memory()
    parse_cache.cached_parse(_document(corpus, names[-1]), corpus, _refuse)  # the newest is kept


def test_an_unwritable_cache_folder_is_no_error(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(environment.CACHE_ENV, str(blocker / "cache"))
    document = _document(corpus)
    assert parse_cache.cached_parse(document, corpus, parse_document) == parse_document(document)


# --- the benchmark ----------------------------------------------------------------------------


def test_search_bytes_count_the_files_a_search_fetches(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    (tmp_path / "index.html").write_text('<script id="__config">{"search": "w/search.js"}</script>', encoding="utf-8")
    (tmp_path / "search" / "search_index.json").write_bytes(b"x" * 1000)
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "search.js").write_bytes(b"y" * 500)
    home = len((tmp_path / "index.html").read_bytes())
    assert search_bytes.first_search_bytes(tmp_path)[0] == home + 1500
    shards = search_bytes.first_search_bytes(tmp_path, lambda site: [site / "w" / "search.js"])
    assert shards[0] == 500 and 0 < shards[1] < 500


def test_benchmark_table_has_every_column(tmp_path: Path) -> None:
    text = bench_run.run_benchmark([60], tmp_path / "results.md", seed=1, work=tmp_path / "work")
    header, divider, row = [line for line in text.splitlines() if line.startswith("|")][:3]
    assert "What the site of 60 papers is made of" in text and "| **site** |" in text  # and its breakdown
    names = [name for name, _ in bench_run.COLUMNS]
    assert header == "| " + " | ".join(names) + " |"
    cells = row.strip("|").split(" | ")
    assert len(cells) == len(names) and cells[0].strip() == "60"
    assert "failed" not in row and "–" not in row, text
    assert (tmp_path / "results.md").read_text(encoding="utf-8").count(row) == 1
    assert list((tmp_path / "work" / "n60" / "bare" / "docs").rglob("index.md"))


def test_the_generator_writes_tex_translator_leftovers_and_section_label_variants(corpus: Path, texts: dict[str, str]) -> None:
    """Issue 16: TeX in titles and abstracts, a translator's leftovers, label variants and labels
    no topic names; every formula converts, every variant reaches its topic."""
    from research_digest.report import unnamed_topics_report
    from research_digest.topics import Taxonomy

    daily = "".join(text for name, text in texts.items() if name.startswith("daily/"))
    assert "$^{2}$" in daily and "\\textit{" in daily and "\\cite{" in daily and "$$" in daily and "$5 and" in daily
    assert "中文翻译为：**" in daily
    labels = {line[len(">## **"):-len("**")] for line in daily.splitlines() if line.startswith(">## **")}
    assert {"3D相关", "半监督/无监督学习", "模型压缩/优化", "Nerf", "脑机协同计算"} <= labels
    digest = build_digest(DigestOptions((str(corpus),), corpus))
    assert not digest.warnings  # every formula converts
    assert not any("中文翻译" in paper.title_zh for paper in digest.papers)
    assigned, taxonomy = Taxonomy.default().assign(digest.papers)
    by_section = {section: paper.topics for paper in assigned for section in paper.sections}
    assert "efficient" in by_section["模型压缩/优化"] and "3d-cg" in by_section["3D相关"]
    assert "learning-paradigms" in by_section["半监督/无监督学习"]
    assert taxonomy.topic("nerf").name_en == "NeRF"
    report = unnamed_topics_report(digest.papers, Taxonomy.default())
    assert report[0].startswith("Unnamed topics: 1 section label(s)") and "name_zh: 脑机协同计算" in report[1]


def test_the_size_breakdown_counts_each_folder_and_kind_in_all_and_per_paper(tmp_path: Path) -> None:
    from research_digest.bench.sizes import breakdown_table, site_breakdown

    for name, size in {"topics/a/index.html": 3000, "topics/a/papers.bib.gz": 1000, "exports/papers-2024.json": 4000,
                       "papers.jsonl.gz": 500, "index.html": 100, "assets/digest.css": 400}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x" * size)
    sizes = site_breakdown(tmp_path)
    assert sizes["topics/", "html"] == 3000 and sizes["topics/", "gzip"] == 1000 and sizes["top-level", "gzip"] == 500
    rows = breakdown_table(sizes, papers=2).splitlines()
    assert rows[2] == "| exports/ | 0.0 MB | 2.00 kB | json 2.00 kB |"  # largest part first
    assert rows[3] == "| topics/ | 0.0 MB | 2.00 kB | html 1.50 kB, gzip 0.50 kB |"
    assert rows[-1] == "| **site** | **0.0 MB** | **4.50 kB** | |"
