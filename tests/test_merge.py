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


# --- which entries are one paper (issue 11: papers must never vanish in a merge) -------------

def test_two_papers_with_one_chinese_title_but_different_ids_stay_two_and_name_each_other():
    zh = "一种基于扩散模型的图像生成新方法"  # machine translations of different titles often coincide
    first, second = merge(
        Entry("a.md", 1, "daily", title_en="Diffusion Beats GANs Again", title_zh=zh, arxiv_id="2402.00001"),
        Entry("b.md", 1, "daily", title_en="A New Sampler for Image Diffusion", title_zh=zh, arxiv_id="2402.00002"),
    )
    assert (first.id, second.id) == ("2402.00001", "2402.00002")
    assert first.title_en == "Diffusion Beats GANs Again" and second.title_en == "A New Sampler for Image Diffusion"
    assert first.also_posted_as == ("2402.00002",) and second.also_posted_as == ("2402.00001",)


def test_a_paper_posted_again_under_a_new_id_with_the_same_title_stays_two_papers():
    papers = merge(
        Entry("a.md", 1, "daily", title_en="Scaling Laws for Everything", arxiv_id="2401.11111", authors=("A. One",)),
        Entry("b.md", 1, "daily", title_en="Scaling laws for everything", arxiv_id="2403.22222", authors=("A. One",)),
        Entry("c.md", 1, "daily", title_en="Scaling Laws for Everything", arxiv_id="2401.11111v2"[:10]),
    )
    assert [(paper.id, len(paper.appearances)) for paper in papers] == [("2401.11111", 2), ("2403.22222", 1)]
    assert papers[0].also_posted_as == ("2403.22222",) and papers[1].also_posted_as == ("2401.11111",)


def test_a_venue_row_joins_its_preprint_when_an_author_matches_in_family_name_first_order():
    papers = merge(
        Entry("d.md", 1, "daily", title_en="Learning Things: A Study", arxiv_id="2401.00001",
              authors=("Boris Meinardus", "Jürgen Müller")),
        Entry("ICCV2023.md", 5, "venue-table", title_en="Learning things - a study", venue="ICCV", year=2023,
              authors=("Meinardus Boris", "Someone Else")),
        Entry("CVPR2023.md", 7, "venue-table", title_en="Learning Things: a Study", authors=("JURGEN MULLER",)),
    )
    assert len(papers) == 1
    assert [seen.merged_by for seen in papers[0].appearances] == ["", "English title", "English title"]
    assert papers[0].authors == ("Boris Meinardus", "Jürgen Müller")  # the arXiv entry's, not a venue row's


def test_an_initial_matches_a_first_name_but_a_shared_family_name_alone_does_not():
    from research_digest.grouping import authors_contradict

    assert not authors_contradict(("Boris Meinardus",), ("B. Meinardus",))
    assert not authors_contradict(("Meinardus, Boris K.",), ("B. K. Meinardus",))
    assert not authors_contradict((), ("Anyone",))  # an empty list contradicts nothing
    assert authors_contradict(("Zhang Wei",), ("Zhang Wen",))
    assert authors_contradict(("Wei Zhang",), ("Li Wei",))


def _check_report_of(papers):
    from research_digest.digest import Digest
    from research_digest.report import check_report

    return check_report(Digest(tuple(papers), (), ()), list_merges=True)


def test_a_venue_row_with_the_same_title_and_no_author_in_common_is_kept_apart_and_reported():
    papers = merge(
        Entry("d.md", 1, "daily", title_en="Attention Is All You Need", arxiv_id="1706.03762",
              authors=("Ashish Vaswani", "Noam Shazeer")),
        Entry("NLP2024.md", 3, "venue-table", title_en="Attention is all you need", venue="ACL", year=2024,
              authors=("Somebody Different",)),
    )
    assert [paper.id for paper in papers] == ["1706.03762", "attention-is-all-you-need"]
    assert papers[0].also_posted_as == () and papers[1].also_posted_as == ()
    report = _check_report_of(papers)
    assert "Kept apart: 1 title match(es) between different papers" in report
    assert "1706.03762 / attention-is-all-you-need: English title 'Attention Is All You Need': no author in common" in report


def test_check_merges_names_the_rule_of_each_merge_and_why_titles_were_kept_apart():
    papers = merge(
        Entry("a.md", 1, "daily", title_en="Graph Networks at Scale", arxiv_id="2402.00010"),
        Entry("b.md", 2, "daily", title_en="Graph Networks at Scale", arxiv_id="2402.00010"),
        Entry("v.md", 3, "venue-table", title_en="Graph networks at scale"),
        Entry("w.md", 4, "venue-table", title_en="Graf Netze", title_zh="大规模图网络的研究方法"),
        Entry("x.md", 5, "daily", title_en="Something Else Entirely", title_zh="大规模图网络的研究方法", arxiv_id="2402.00011"),
        Entry("y.md", 6, "daily", title_en="Also Something Else", title_zh="大规模图网络的研究方法", arxiv_id="2402.00012"),
    )
    report = _check_report_of(papers)
    assert "    2402.00010: a.md:1, b.md:2 (arXiv id), v.md:3 (English title)" in report
    assert "    2402.00011: w.md:4 (Chinese title), x.md:5" in report
    assert "2402.00011 / 2402.00012: Chinese title '大规模图网络的研究方法': different arXiv ids" in report
    assert "Papers: 3 arXiv id(s) + 0 without an id" in report


def test_an_entry_without_id_that_matches_two_papers_joins_only_the_one_sharing_most_authors():
    entries = (
        Entry("a.md", 1, "daily", title_en="Vision Transformers Need Registers", arxiv_id="2309.16588",
              authors=("Timothée Darcet", "Maxime Oquab")),
        Entry("b.md", 1, "daily", title_en="Vision Transformers Need Registers", arxiv_id="2310.99999",
              authors=("Julien Mairal", "Piotr Bojanowski")),
        Entry("ICLR2024.md", 2, "venue-table", title_en="Vision transformers need registers",
              authors=("Maxime Oquab", "Bojanowski Piotr", "Julien Mairal")),  # two in common with 2310.99999
        Entry("c.md", 1, "daily", title_en="Another Title Entirely Here", title_zh="视觉变换器需要寄存器",
              arxiv_id="2311.00001"),
        Entry("ICLR2024.md", 3, "venue-table", title_en="Vision Transformers Need Registers",
              title_zh="视觉变换器需要寄存器"),  # no authors: matches both, joins the English title's first
    )
    papers = merge(*entries)
    assert [(paper.id, [seen.line for seen in paper.appearances]) for paper in papers] == [
        ("2309.16588", [1, 3]), ("2310.99999", [1, 2]), ("2311.00001", [1])]
    assert papers == merge(*entries)  # the same, build after build


def test_a_new_version_with_a_new_title_keeps_the_newest_title_and_lists_the_earlier_one():
    paper, = merge(
        Entry("b.md", 1, "daily", title_en="LLMs Can Plan, Sometimes", title_zh="大模型有时能规划",
              arxiv_id="2402.12345", arxiv_version=2, authors=("Boris Meinardus", "Ann Lee", "New Person")),
        Entry("a.md", 1, "daily", title_en="Can LLMs Plan?", title_zh="大模型能规划吗",
              arxiv_id="2402.12345", arxiv_version=1, authors=("Lee Ann", "Meinardus Boris")),
        Entry("c.md", 1, "daily", title_en="Can LLMs plan", arxiv_id="2402.12345", arxiv_version=1),
    )
    assert paper.title_en == "LLMs Can Plan, Sometimes" and paper.title_zh == "大模型有时能规划"
    # one spelling of each earlier title (the later entry's among those of one version)
    assert paper.earlier_titles == ("Can LLMs plan",) and paper.earlier_titles_zh == ("大模型能规划吗",)
    assert paper.authors == ("Boris Meinardus", "Ann Lee", "New Person")
    assert paper.also_posted_as == ()


def test_without_versions_the_latest_dated_entry_gives_the_title_and_authors():
    import datetime as dt

    from research_digest.model import PaperDate, Precision

    def on(day):
        return PaperDate(dt.date(2024, 3, day), Precision.DAY)

    paper, = merge(
        Entry("a.md", 1, "daily", title_en="Newest Title of the Paper", arxiv_id="2403.00001",
              stated_date=on(20), authors=("C Three", "A One", "B Two")),
        Entry("b.md", 1, "daily", title_en="Oldest Title of the Paper", arxiv_id="2403.00001",
              stated_date=on(2), authors=("A One", "B Two")),
    )
    assert paper.title_en == "Newest Title of the Paper" and paper.earlier_titles == ("Oldest Title of the Paper",)
    assert paper.authors == ("C Three", "A One", "B Two")


def _distinct_ids_of_entries(mergeables):
    return {key for item in mergeables for key in item.keys if key.startswith("arxiv:")}


def _totals(report):
    import re

    return int(re.search(r"(\d+) papers after merging", report).group(1))


def test_the_papers_total_is_the_distinct_arxiv_ids_plus_the_papers_without_one_on_the_seeds():
    from conftest import ROOT

    from research_digest.digest import DigestOptions, build_digest, parse_document
    from research_digest.reading import discover, read_document
    from research_digest.report import check_report

    paths, _ = discover(["seeds/"], ROOT)
    entries = [item for path in paths for item in parse_document(read_document(path, ROOT)[0])[0]]
    digest = build_digest(DigestOptions(("seeds/",), ROOT))
    without_id = [paper for paper in digest.papers if not paper.arxiv_id]
    assert _totals(check_report(digest)) == len(_distinct_ids_of_entries(entries)) + len(without_id) == 129
    assert len(entries) == 130


def test_the_papers_total_is_the_distinct_arxiv_ids_plus_the_papers_without_one_on_hostile_input():
    from research_digest.digest import Digest
    from research_digest.merge import prepare
    from research_digest.report import check_report

    same_zh, same_en = "一种新的大语言模型对齐方法", "Aligning Language Models With Feedback"
    entries = cleaned(
        Entry("a.md", 1, "daily", title_en=same_en, title_zh=same_zh, arxiv_id="2401.00001", authors=("A B",)),
        Entry("a.md", 2, "daily", title_en="Different English", title_zh=same_zh, arxiv_id="2401.00002"),
        Entry("a.md", 3, "daily", title_en=same_en, arxiv_id="2401.00003", authors=("C D",)),
        Entry("a.md", 4, "daily", title_en="Renamed in v2", title_zh=same_zh, arxiv_id="2401.00001", arxiv_version=2),
        Entry("v.md", 1, "venue-table", title_en=same_en, authors=("B A",)),  # joins 2401.00001 (name order)
        Entry("v.md", 2, "venue-table", title_en=same_en, authors=("E F",)),  # no author in common: apart
        Entry("v.md", 3, "venue-table", title_zh=same_zh),  # joins one paper only
        Entry("v.md", 4, "venue-table", title_en="Only In A Venue Table"),
    )
    papers = merge_entries(entries, AppearanceDates())
    without_id = [paper for paper in papers if not paper.arxiv_id]
    ids = _distinct_ids_of_entries(prepare(entry) for entry in entries)
    assert len(ids) == 3 and len(without_id) == 2
    assert _totals(check_report(Digest(tuple(papers), (), ()))) == len(ids) + len(without_id) == len(papers) == 5
    assert sum(len(paper.appearances) for paper in papers) == 8


# --- slugs --------------------------------------------------------------------------------

def _ascii_only_slug(title: str, max_length: int = 80) -> str:
    """The slug as it was before letters of other scripts were kept: the reference that
    every id and URL of an ASCII or accented-Latin title must still match."""
    import re
    import unicodedata

    words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug


def test_slugify_keeps_letters_and_digits_of_every_script():
    assert slugify("中文会议 2023") == "中文会议-2023"
    assert slugify("Łukasz Ørsted: ΑΒΓ-Net") == "łukasz-ørsted-αβγ-net"
    assert slugify("हिन्दी शीर्षक") == "हिन्दी-शीर्षक"  # vowel signs and viramas stay in their word
    assert slugify("ＡＢＣ　全角") == "abc-全角"  # NFKC: full-width letters and spaces
    assert slugify("、。") == ""


def test_an_ascii_or_accented_latin_title_slugs_exactly_as_before():
    from hypothesis import given, settings, strategies as st

    alphabet = st.sampled_from(list("abcXYZ019 -_:.'!?/()[]&é") + list("ÉàüÖñçÅ’—“”…ﬁ①²½™\u0301\u00a0"))

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet, max_size=60))
    def check(title):
        assert slugify(title) == _ascii_only_slug(title)

    check()
    for title in ("PaLM2-VAdapter: Progressively Aligned", "Don’t Stop—Now", "word " * 100, "Ünïcode Título"):
        assert slugify(title) == _ascii_only_slug(title)
