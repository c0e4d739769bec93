"""Exports that scale (exports.py, publish.py): papers.json and papers.bib in parts under a file limit,
JSON Lines volumes, gzip-only exports above a size, and exports.json listing them. The limits are
injected tiny, so the real seeds split as a 100,000-paper collection does."""

from __future__ import annotations

import dataclasses
import functools
import gzip
import hashlib
import json
import re
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from conftest import ROOT
from test_sources_jsonl import essentials, paper_essentials

from research_digest import exports
from research_digest.carry_over import NO_CARRY_OVER, CarryOver
from research_digest.digest import Digest, DigestOptions, build_digest
from research_digest.model import Links
from research_digest.publish import PublishOptions
from research_digest.render import RenderOptions
from research_digest.site import SiteBuild, build_site_pages
from research_digest.topics import Taxonomy
from research_digest.views import SiteOptions

SITE_URL = "https://example.github.io/research-digest/"
PLAIN_SPLIT = {"file_limit": 60_000}  # seed years (about 220 KB of JSON each) split by month, a busy day in pieces
GZIP_SPLIT = {"file_limit": 20_000, "compress_above": 0}  # every export compressed, and still split
SEED_PAPERS = 129


@functools.lru_cache(maxsize=1)
def seed_digest() -> Digest:
    return build_digest(DigestOptions(("seeds/",), ROOT))


def published(digest: Digest | None = None, carry_over: CarryOver = NO_CARRY_OVER, **limits: int) -> SiteBuild:
    return build_site_pages(
        digest or seed_digest(), Taxonomy.default(), SiteOptions(), RenderOptions(),
        publish_options=PublishOptions(site_url=SITE_URL, **limits), carry_over=carry_over,
    )


def index_of(build: SiteBuild) -> dict:
    return json.loads(build.publication.files["exports.json"])


def listed(index: dict) -> list[dict]:
    """Every file entry of the index."""
    sets = [index["json"], index["jsonl"], index["bibtex"]] + [topic["bibtex"] for topic in index["topics"]]
    return [entry for export in sets for entry in ([export["whole"]] if export["whole"] else []) + export["parts"]]


def unpacked(path: str, content: bytes) -> str:
    return (gzip.decompress(content) if path.endswith(".gz") else content).decode("utf-8")


def parse_bib(text: str):
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    return library


def schema(name: str) -> dict:
    text = (ROOT / "plugins" / "research_digest" / "data" / name).read_text(encoding="utf-8")
    loaded = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(loaded)
    return loaded


def validate(document: dict, name: str) -> None:
    jsonschema.validate(document, schema(name), cls=jsonschema.Draft202012Validator)


# --- within the limit ---------------------------------------------------------------------------

def test_a_collection_within_the_limit_keeps_papers_json_whole_beside_its_yearly_parts():
    build = published()
    files, index = build.publication.files, index_of(build)
    whole = json.loads(files["papers.json"])
    assert "period" not in whole and len(whole["papers"]) == SEED_PAPERS
    assert index["json"]["whole"]["path"] == "papers.json" and index["bibtex"]["whole"]["path"] == "papers.bib"
    assert index["jsonl"]["whole"]["path"] == "papers.jsonl.gz" and index["compressed"] is False
    parts = [json.loads(files[entry["path"]]) for entry in index["json"]["parts"]]
    assert [part["period"] for part in parts] == ["2021", "2022", "2023", "2024"]
    for part in parts:
        validate(part, "papers.schema.json")
        assert part["$schema"] == "../papers.schema.json" and part["topics"] == whole["topics"]
        assert all(record["dates"][0]["date"].startswith(part["period"]) for record in part["papers"])
    from_parts = sorted((record for part in parts for record in part["papers"]), key=lambda record: record["id"])
    assert from_parts == whole["papers"]
    assert build.publication.json_download == "papers.json"
    assert build.publication.bibliographies["index.md"] == "papers.bib"


# --- split under a limit ---------------------------------------------------------------------------

def test_a_year_over_the_limit_is_split_by_month_and_a_busy_day_into_pieces():
    build = published(**PLAIN_SPLIT)
    files, index = build.publication.files, index_of(build)
    assert "papers.json" not in files and index["json"]["whole"] is None and index["bibtex"]["whole"] is None
    periods = [entry["periods"][0] for entry in index["json"]["parts"]]
    assert "2021" in periods and "2024-03" in periods and "2024" not in periods  # 2021 fits, 2024 does not
    assert "2023" in periods  # the 2023 papers known only by their year (the ICCV venue table)
    pieces = [entry["path"] for entry in index["json"]["parts"] if "_" in entry["path"]]
    assert "exports/papers-2024-02-16_1.json" in pieces  # the seeds' busiest day, over the limit alone
    records = []
    for entry in index["json"]["parts"]:
        part = json.loads(files[entry["path"]])
        assert part["period"] == entry["periods"][0] and len(part["papers"]) == entry["papers"]
        first_seen = [record["dates"][0]["date"] for record in part["papers"]]
        assert all(date == part["period"] or date.startswith(part["period"] + "-") for date in first_seen)
        records += part["papers"]
    assert sorted(record["id"] for record in records) == sorted(paper.id for paper in build.digest.papers)


@pytest.mark.parametrize("limits", [PLAIN_SPLIT, GZIP_SPLIT], ids=["plain", "gzip"])
def test_no_published_export_is_larger_than_the_limit_and_the_index_lists_them_all(limits):
    build = published(**limits)
    files, index = build.publication.files, index_of(build)
    entries = listed(index)
    assert {entry["path"] for entry in entries} == {
        path for path in files
        if path.endswith((".json", ".json.gz", ".bib", ".bib.gz", ".jsonl.gz")) and not path.endswith("schema.json")
        and path != "exports.json" and not path.rpartition("/")[2].startswith("filter")  # listings' filter data
    }
    oversized = {entry["path"]: entry["bytes"] for entry in entries if entry["bytes"] > limits["file_limit"]}
    assert oversized == {} and index["file_limit"] == limits["file_limit"]


@pytest.mark.parametrize("limits", [{}, PLAIN_SPLIT, GZIP_SPLIT], ids=["default", "plain", "gzip"])
def test_the_index_validates_and_gives_each_files_size_hash_and_papers(limits):
    build = published(**limits)
    files, index = build.publication.files, index_of(build)
    validate(index, "exports.schema.json")
    assert index["schema_version"] == json.loads(unpacked(*_any_json_part(files, index)))["schema_version"] == 1
    for entry in listed(index):
        content = files[entry["path"]]
        assert entry["bytes"] == len(content) and entry["sha256"] == hashlib.sha256(content).hexdigest()
        assert entry["url"] == SITE_URL + entry["path"]
        assert entry["compression"] == ("gzip" if entry["path"].endswith(".gz") else None)
    for name in ("json", "jsonl", "bibtex"):
        export = index[name]
        assert sum(part["papers"] for part in export["parts"] or [export["whole"]]) == index["papers"] == SEED_PAPERS
    by_topic = {topic["id"]: topic for topic in index["topics"]}
    for topic_id, topic in by_topic.items():
        expected = sum(1 for paper in build.digest.papers if topic_id in paper.topics)
        assert topic["papers"] == expected == sum(f["papers"] for f in topic["bibtex"]["parts"] or [topic["bibtex"]["whole"]])


def _any_json_part(files, index) -> tuple[str, bytes]:
    path = index["json"]["parts"][0]["path"]
    return path, files[path]


def test_the_index_schema_rejects_a_file_without_its_hash():
    index = index_of(published(**PLAIN_SPLIT))
    del index["json"]["parts"][0]["sha256"]
    with pytest.raises(jsonschema.ValidationError):
        validate(index, "exports.schema.json")


# --- compressed only ---------------------------------------------------------------------------------

def test_above_the_threshold_every_export_is_gzip_only_and_unpacks_to_valid_parts():
    build = published(**GZIP_SPLIT)
    files, index = build.publication.files, index_of(build)
    assert index["compressed"] is True and build.publication.json_download == "exports.json"
    assert not any(path.endswith((".bib", ".jsonl")) or re.search(r"papers[^/]*(?<!schema)\.json$", path) for path in files)
    records = []
    for entry in index["json"]["parts"]:
        part = json.loads(gzip.decompress(files[entry["path"]]))
        validate(part, "papers.schema.json")
        records += part["papers"]
    assert len(records) == SEED_PAPERS
    volumes = b"".join(files[entry["path"]] for entry in index["jsonl"]["parts"])
    lines = gzip.decompress(volumes).decode("utf-8").splitlines()  # the volumes concatenated: one gzip stream
    assert len(index["jsonl"]["parts"]) > 1 and sorted(lines) == sorted(json.dumps(r, ensure_ascii=False, sort_keys=True,
                                                                                   separators=(",", ":")) for r in records)


@pytest.mark.parametrize("limits", [PLAIN_SPLIT, GZIP_SPLIT], ids=["plain", "gzip"])
def test_every_bibtex_file_parses_back_and_the_parts_hold_every_paper_once(limits):
    build = published(**limits)
    files, index = build.publication.files, index_of(build)
    keys = [entry.key for part in index["bibtex"]["parts"]
            for entry in parse_bib(unpacked(part["path"], files[part["path"]])).entries]
    assert sorted(keys) == sorted(build.publication.citation_keys.values()) and len(set(keys)) == SEED_PAPERS
    split_topics = 0
    for topic in index["topics"]:
        export = topic["bibtex"]
        split_topics += not export["whole"]
        entries = [entry for part in export["parts"] or [export["whole"]]
                   for entry in parse_bib(unpacked(part["path"], files[part["path"]])).entries]
        assert len(entries) == topic["papers"]
    assert split_topics  # the largest seed topics are over the tiny limit


def test_listings_link_the_whole_file_or_else_the_newest_part_and_the_index():
    build = published(**PLAIN_SPLIT)
    home = build.render("index.md")
    assert 'href="exports.json"' in home and 'href="exports/papers-2024-04.bib"' in home
    index = index_of(build)
    split = next(topic for topic in index["topics"] if not topic["bibtex"]["whole"])
    newest = [part["path"] for part in split["bibtex"]["parts"]][-1]
    page = f"topics/{split['id']}/index.md"
    assert build.publication.bibliographies[page] == newest
    assert f'href="{newest.rsplit("/", 1)[1]}"' in build.render(page)
    whole = next(topic for topic in index["topics"] if topic["bibtex"]["whole"])
    assert build.publication.bibliographies[f"topics/{whole['id']}/index.md"] == f"topics/{whole['id']}/papers.bib"


# --- deterministic, and incremental ------------------------------------------------------------------

@pytest.mark.parametrize("limits", [PLAIN_SPLIT, GZIP_SPLIT], ids=["plain", "gzip"])
def test_two_builds_and_a_carried_over_rebuild_are_byte_identical(limits):
    first = published(**limits).publication.files
    assert published(**limits).publication.files == first
    carry_over = CarryOver()
    published(carry_over=carry_over, **limits)
    carry_over.next_build()
    assert published(carry_over=carry_over, **limits).publication.files == first


RECOMPRESSED: list = []


def counted_chunk_member(*args):
    RECOMPRESSED.append(args[0])
    return exports_chunk_member(*args)


exports_chunk_member = exports.chunk_member


def test_a_rebuild_recompresses_only_the_months_whose_papers_changed(monkeypatch):
    monkeypatch.setattr(exports, "chunk_member", counted_chunk_member)
    digest = seed_digest()
    carry_over = CarryOver()
    published(digest, carry_over, **GZIP_SPLIT)
    carry_over.next_build()
    RECOMPRESSED.clear()
    published(digest, carry_over, **GZIP_SPLIT)
    assert RECOMPRESSED == [], RECOMPRESSED
    changed = next(paper for paper in digest.papers if paper.first_date and paper.first_date.key.startswith("2024-03"))
    edited = dataclasses.replace(changed, links=Links(changed.links.abstract, changed.links.pdf, "https://github.com/x/y"))
    carry_over.next_build()
    published(dataclasses.replace(digest, papers=tuple(edited if p is changed else p for p in digest.papers)),
              carry_over, **GZIP_SPLIT)
    # its code link is in the JSON record only: the JSON part's month, and the same month of the JSON Lines
    assert sorted(slot[:2] for slot in RECOMPRESSED) == [("exports/papers.json", "2024-03"), ("jsonl", "2024-03")]


# --- read back as sources --------------------------------------------------------------------------

def write_site_files(build: SiteBuild, folder: Path) -> None:
    for path, content in build.publication.files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


@pytest.mark.parametrize("limits, sources", [
    (PLAIN_SPLIT, "exports/papers-*.json"), (GZIP_SPLIT, "exports/papers-*.json.gz"), (GZIP_SPLIT, "exports/"),
], ids=["plain-parts", "gzip-parts", "jsonl-volumes"])
def test_the_split_exports_read_back_as_sources_give_the_same_papers(tmp_path, limits, sources):
    write_site_files(published(**limits), tmp_path)
    again = build_digest(DigestOptions((sources,), tmp_path, freeze=False))
    assert {document.format for document in again.documents} == {"jsonl"}
    # no correction file here: the seeds' own three mojibake warnings again, and nothing else
    assert sorted(problem.reason for problem in again.problems) == sorted(problem.reason for problem in seed_digest().problems)
    assert len(again.documents) > 2
    records = json.loads(published().publication.files["papers.json"])["papers"]
    read = {paper.id: paper_essentials(paper) for paper in again.papers}
    assert len(read) == len(records) == SEED_PAPERS
    for record in records:
        assert read[record["id"]] == essentials(record), record["id"]


def test_a_broken_gzip_source_is_a_warning_and_the_other_documents_are_read(tmp_path):
    good = gzip.compress(b'{"title": {"en": "A Paper Read From Gzip"}, "authors": ["A. Author"]}\n', mtime=0)
    (tmp_path / "good.jsonl.gz").write_bytes(good)
    (tmp_path / "broken.jsonl.gz").write_bytes(good[: len(good) // 2])
    digest = build_digest(DigestOptions(("./",), tmp_path, freeze=False))
    assert [paper.title_en for paper in digest.papers] == ["A Paper Read From Gzip"]
    [problem] = digest.problems
    assert problem.source == "broken.jsonl.gz" and "not a readable gzip file" in problem.reason


def test_topic_bibtex_is_compressed_only_once_all_topics_together_pass_their_threshold():
    """Each paper is in about two topics: plain, the topics' BibTeX outweighs the whole collection's.
    Past ``listing_compress_above`` (the seeds' topics hold some 300 kB) it is gzip only, while the
    collection's own exports stay plain."""
    plain = index_of(published())
    assert all(topic["bibtex"]["whole"]["path"].endswith("/papers.bib") for topic in plain["topics"])
    build = published(listing_compress_above=100_000)
    index = index_of(build)
    assert index["bibtex"]["whole"]["path"] == "papers.bib" and not index["compressed"]
    for topic in index["topics"]:
        path = topic["bibtex"]["whole"]["path"]
        assert path == f"topics/{topic['id']}/papers.bib.gz" and topic["bibtex"]["whole"]["compression"] == "gzip"
        entries = parse_bib(unpacked(path, build.publication.files[path])).entries
        assert len(entries) == topic["papers"]
        assert f"topics/{topic['id']}/papers.bib" not in build.publication.files
    page = "topics/multimodal/index.md"
    assert build.publication.bibliographies[page] == "topics/multimodal/papers.bib.gz"
    assert 'href="papers.bib.gz" type="application/gzip" download' in build.render(page)
