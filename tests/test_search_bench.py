"""`python -m research_digest.bench search`: its queries (the browser part runs in the benchmark only)."""

from __future__ import annotations

from conftest import ROOT, SEEDS

from research_digest.bench.search_bench import EngineRun, Outcome, _rank, summary
from research_digest.bench.search_queries import sample_queries
from research_digest.bench.search_report import report
from research_digest.digest import DigestOptions, build_digest
from research_digest.render import anchor_of


def seed_papers():
    return build_digest(DigestOptions(sources=(str(SEEDS),), base_dir=ROOT)).papers


def test_the_benchmark_samples_seven_kinds_of_query_the_same_way_each_time():
    papers = seed_papers()
    queries = sample_queries(papers, 5, seed=3)
    assert queries == sample_queries(papers, 5, seed=3)
    assert len({query.kind for query in queries}) == 7 and len(queries) == 35
    by_anchor = {anchor_of(paper): paper for paper in papers}
    for query in queries:
        paper = by_anchor[query.anchor]
        if query.kind == "arXiv id":
            assert query.text == paper.arxiv_id
        if query.kind == "rare English word only in the abstract":
            assert query.text in paper.abstract_en.text.lower() and query.text not in paper.title_en.lower()
        if query.kind == "rare Chinese term only in the Chinese abstract":
            assert query.text in paper.abstract_zh.text and query.text not in paper.title_zh


def test_hits_count_papers_not_pages_and_the_report_has_every_kind():
    papers = seed_papers()
    query = sample_queries(papers, 1)[0]
    locations = ["search/?q=x", "a/", f"a/?h=x#{query.anchor}", f"b/#{query.anchor}"]
    assert _rank(locations, query.anchor) == 0 and _rank(["a/#p-other"] * 3, query.anchor) is None
    run = EngineRun("digest", [Outcome(query, 0, 10.0, 2.0, 1000), Outcome(query, None, 30.0, 4.0, 3000)])
    assert summary(run)[query.kind]["hit1"] == 50 and summary(run)[query.kind]["hit10"] == 50
    text = report("seeds", [run], 1, 0)
    assert "| exact English title | 50 / 50 (n=2) |" in text and "3 title words" in text


def test_the_report_says_how_soon_after_load_the_search_box_answers():
    query = sample_queries(seed_papers(), 1)[0]
    run = EngineRun("digest", [Outcome(query, 0, 10.0, 2.0, 1000)], usable_ms=[300.0, 500.0, 900.0])
    other = EngineRun("Pagefind", [Outcome(query, 0, 10.0, 2.0, 1000)])
    line = next(line for line in report("x", [run, other], 1, 0).splitlines() if "load event" in line)
    assert line.endswith("| 500 / 900 ms | – |")


def test_index_files_stored_compressed_count_as_stored(tmp_path):
    import gzip

    from research_digest.bench import search_bench, search_bytes

    content = b'{"token":[4,8,12]}' * 200
    (tmp_path / "s.json.gz").write_bytes(gzip.compress(content, mtime=0))
    (tmp_path / "plain.json").write_bytes(content)
    stored = (tmp_path / "s.json.gz").stat().st_size
    assert search_bench._gzip_size(tmp_path / "s.json") == stored  # the worker asks for s.json(.gz)
    assert search_bench._gzip_size(tmp_path / "plain.json") == len(gzip.compress(content, compresslevel=6))
    raw, sent = search_bytes.first_search_bytes(tmp_path, lambda site: [site / "s.json.gz"])
    assert (raw, sent) == (len(content), stored)
