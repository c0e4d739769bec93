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
