from research_digest.clean import clean_entry
from research_digest.enrich import AppearanceDates
from research_digest.merge import merge_entries, slugify
from research_digest.model import Entry, Text


def cleaned(*entries):
    return [clean_entry(entry)[0] for entry in entries]


def merge(*entries):
    return merge_entries(cleaned(*entries), AppearanceDates())


def test_same_arxiv_id_merges_and_complete_text_wins():
    papers = merge(
        Entry("a.md", 10, "footnote", title_en="Universal Prompt Optimizer", arxiv_id="2402.10882",
              tldr_zh="提出了通用提示优化器。", abstract_en="x " * 150 + "the spar", arxiv_version=1, announce_type="cross"),
        Entry("b.md", 3, "daily", title_en="Universal Prompt Optimizer", arxiv_id="2402.10882", section="多模态",
              authors=("A. One", "B. Two"), abstract_en="A full abstract. " * 20, arxiv_version=2),
    )
    assert len(papers) == 1
    paper = papers[0]
    assert paper.id == "2402.10882"
    assert paper.tldr_zh == Text("提出了通用提示优化器。", False)
    assert paper.authors == ("A. One", "B. Two")
    assert paper.abstract_en.text.startswith("A full abstract.") and not paper.abstract_en.truncated
    assert paper.arxiv_version == 2 and paper.announce_type == "cross"
    assert [(a.source, a.line, a.section) for a in paper.appearances] == [("a.md", 10, ""), ("b.md", 3, "多模态")]
    assert paper.sections == ("多模态",)


def test_same_title_without_id_merges_with_the_arxiv_paper():
    papers = merge(
        Entry("a.md", 1, "footnote", title_en="Learning Things: A Study", arxiv_id="2401.00001"),
        Entry("ICCV2023.md", 5, "venue-table", title_en="Learning things - a study", venue="ICCV", year=2023),
    )
    assert len(papers) == 1
    assert papers[0].id == "2401.00001" and papers[0].venue == "ICCV" and papers[0].year == 2023
    assert [date.key for date in papers[0].dates] == ["2023", "2024-01"]


def test_different_papers_stay_apart_and_ids_are_unique():
    papers = merge(
        Entry("v.md", 1, "venue-table", title_en="Deep Learning for Everything"),
        Entry("v.md", 2, "venue-table", title_en="Deep Learning for Everything!?"),  # same normalised title
        Entry("v.md", 3, "venue-table", title_en="Intro"),
        Entry("w.md", 3, "venue-table", title_en="Intro"),  # too short to be an identity
        Entry("v.md", 4, "venue-table", title_zh="只有中文标题的论文"),
    )
    assert [paper.id for paper in papers] == [
        "deep-learning-for-everything", "intro", "intro-2", papers[3].id,
    ]
    assert papers[3].id.startswith("paper-")


def test_slugify():
    assert slugify("PaLM2-VAdapter: Progressively Aligned") == "palm2-vadapter-progressively-aligned"
    assert slugify("Ünïcode Título") == "unicode-titulo"
    assert len(slugify("word " * 100)) <= 80


def test_a_repository_named_in_the_abstract_becomes_the_code_link():
    from research_digest.enrich import code_link

    assert code_link("Code is available at https://github.com/owner/repo.") == "https://github.com/owner/repo"
    assert code_link("", "代码见 github.com/owner/repo-2。") == "https://github.com/owner/repo-2"
    assert code_link("We use GitHub issues; see notgithub.com/x/y") == ""


def test_seed_papers_get_code_links_from_their_abstracts():
    from conftest import ROOT

    from research_digest.digest import DigestOptions, build_digest

    papers = build_digest(DigestOptions(("seeds/",), ROOT)).papers
    with_code = [paper for paper in papers if paper.links.code]
    assert len(with_code) == 18
    assert all(paper.links.code.startswith("https://github.com/") for paper in with_code)
    for paper in with_code:
        text = " ".join((paper.abstract_en.text, paper.abstract_zh.text, paper.tldr_en.text, paper.tldr_zh.text))
        assert paper.links.code[len("https://"):] in text


def test_a_paper_prepared_from_one_entry_is_what_merging_that_entry_alone_gives():
    """``prepare`` builds single-entry papers directly; ``combine`` must make the same of them."""
    from pathlib import Path

    from research_digest.digest import parse_document
    from research_digest.merge import combine
    from research_digest.reading import discover, read_document

    root = Path(__file__).resolve().parent.parent
    paths, _ = discover(["seeds/"], root)
    checked = 0
    for path in paths:
        document, _ = read_document(path, root)
        for mergeable in parse_document(document)[0]:
            assert combine([mergeable], mergeable.alone.id, AppearanceDates()) == mergeable.alone
            checked += 1
    assert checked == 130


def test_a_configured_source_date_outranks_the_arxiv_month_but_not_a_stated_or_path_date():
    import datetime as dt

    from research_digest.model import DateOrigin, PaperDate, Precision

    configured = PaperDate(dt.date(2024, 2, 3), Precision.DAY, DateOrigin.CONFIG)
    dates = AppearanceDates({"notes/*": configured})
    papers = merge_entries(cleaned(
        Entry("notes/list.md", 1, "daily", title_en="A Paper About Things", arxiv_id="2401.00001"),
        Entry("daily/2024-03-05.md", 2, "daily", title_en="A Paper About Things", arxiv_id="2401.00001"),
        Entry("notes/other.md", 1, "daily", title_en="Another Paper Alone", arxiv_id="2401.00002"),
        Entry("elsewhere.md", 1, "daily", title_en="A Third Paper Alone", arxiv_id="2401.00003"),
    ), dates)
    merged, alone, unconfigured = papers
    assert [(a.date.key, a.date.origin) for a in merged.appearances] == [
        ("2024-02-03", DateOrigin.CONFIG), ("2024-03-05", DateOrigin.PATH)]
    assert [d.key for d in merged.dates] == ["2024-02-03", "2024-03-05"]
    assert alone.dates == (configured,) and alone.appearances[0].date.origin is DateOrigin.CONFIG
    assert [(d.key, d.origin) for d in unconfigured.dates] == [("2024-01", DateOrigin.ARXIV_ID)]
