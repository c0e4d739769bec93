"""Format A, the footnote digest: real seeds, each variant, bad input, and mutated seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complexity import assert_linear
from research_digest.model import Entry, Problem
from research_digest.sources import detect_format, footnote

SEEDS = Path(__file__).parent.parent / "seeds"
SEED_000 = SEEDS / "000_4d930b09bd2532f5.txt"
SEED_002 = SEEDS / "002_d7b3bf122039df21.txt"
SEED_003 = SEEDS / "003_daa8b05561275366.txt"
OTHER_FORMATS = [SEEDS / "001_466e798c07ea2cbe.txt", SEEDS / "004_8365cecda7d1ee74.txt"]

HEADER = "# 摘要\n\n| Ref | Title | Summary |\n| --- | --- | --- |\n"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def parse(text: str, path: str = "doc.md") -> list[Entry | Problem]:
    return list(footnote.parse(text, path))


def entries(text: str) -> list[Entry]:
    return [item for item in parse(text) if isinstance(item, Entry)]


def problems(text: str) -> list[Problem]:
    return [item for item in parse(text) if isinstance(item, Problem)]


def by_index(path: Path) -> dict[int, Entry]:
    found = {item.index: item for item in parse(read(path), str(path)) if isinstance(item, Entry)}
    assert None not in found
    return found  # type: ignore[return-value]


def only_entry(text: str) -> Entry:
    found = entries(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------------------- detect


@pytest.mark.parametrize("path", [SEED_000, SEED_002, SEED_003])
def test_detect_claims_footnote_digests(path: Path) -> None:
    assert footnote.detect(read(path))
    assert detect_format(read(path)) is footnote


@pytest.mark.parametrize("path", OTHER_FORMATS)
def test_detect_leaves_other_formats_alone(path: Path) -> None:
    assert not footnote.detect(read(path))


@pytest.mark.parametrize(
    "text, expected",
    [
        (HEADER, True),
        ("\ufeff# 摘要\r\n", True),
        ("# 详细\r\r[^1]: 标题\r", True),
        ("| [^1] | [T](https://arxiv.org/abs/2404.01964) | 总结 |\n", True),
        ("", False),
        ("   \n\n", False),
        ("# Some other notes\n\nplain text [^1] mention\n", False),
        ("| 题目 | 作者 | 摘要 | link |\n| --- | --- | --- | --- |\n", False),
        (">## **多模态**\n>---\n>>**index:** 1<br />\n**Title:** **X**<br />\n", False),
    ],
)
def test_detect_by_content(text: str, expected: bool) -> None:
    assert footnote.detect(text) is expected


def test_detect_never_raises_on_non_text() -> None:
    assert footnote.detect(None) is False  # type: ignore[arg-type]
    assert footnote.detect(b"# \xe6\x91\x98\xe8\xa6\x81") is False  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- real seeds


@pytest.mark.parametrize("path, count", [(SEED_000, 23), (SEED_002, 23), (SEED_003, 4)])
def test_seed_counts_and_no_problems(path: Path, count: int) -> None:
    items = parse(read(path), str(path))
    assert [type(item) for item in items] == [Entry] * count
    assert [item.index for item in items] == list(range(1, count + 1))


@pytest.mark.parametrize("path", [SEED_000, SEED_002, SEED_003])
def test_seed_entries_are_complete_and_free_of_markup(path: Path) -> None:
    lines = read(path).split("\n")
    for entry in by_index(path).values():
        assert entry.source == str(path)
        assert entry.format == "footnote"
        assert lines[entry.line - 1].startswith(f"[^{entry.index}]: ")
        for name in ("title_en", "title_zh", "tldr_zh", "abstract_zh", "abstract_en", "abs_url", "arxiv_id"):
            assert getattr(entry, name), (entry.index, name)
        assert entry.tldr_en == ""
        for name in ("title_en", "title_zh", "tldr_zh", "abstract_zh", "abstract_en"):
            value = getattr(entry, name)
            assert value == value.strip()
            assert "\n" not in value
            assert "](" not in value and "[^" not in value
            assert not value.startswith("arXiv:")
            assert "(arXiv:" not in value
        assert entry.abs_url.endswith(entry.arxiv_id)


def test_seed_000_first_paper() -> None:
    first = by_index(SEED_000)[1]
    assert first.line == 31
    assert first.title_zh == "基于CAM的方法可以穿墙而过"
    assert first.title_en == "CAM-Based Methods Can See through Walls"
    assert first.arxiv_id == "2404.01964"
    assert first.arxiv_version == 1
    assert first.announce_type == "cross"
    assert first.abs_url == "https://arxiv.org/abs/2404.01964"
    assert first.pdf_url == ""
    assert first.category == ""
    assert first.tldr_zh == (
        "CAM-based方法解释图像分类模型的决策时，可能会错误地将模型无法看到的部分归因为重要，这可能导致对模型行为的误解释。"
    )
    assert first.abstract_zh.startswith("CAM-based方法是一种广泛使用的事后解释性方法，生成显著性地图")
    assert first.abstract_zh.endswith("我们认为这是有问题的，可能会导致对模型行为的错误解释。")
    assert first.abstract_en.startswith("CAM-based methods are widely-used post-hoc interpretability method")
    assert first.abstract_en.endswith("-interpretation of the model's behavior.")


def test_seed_000_announce_types_and_versions() -> None:
    papers = by_index(SEED_000)
    assert (papers[6].announce_type, papers[6].arxiv_version) == ("new", 1)
    assert (papers[11].announce_type, papers[11].arxiv_version) == ("replace", 2)
    assert (papers[12].announce_type, papers[12].arxiv_version) == ("replace-cross", 2)
    assert papers[12].arxiv_id == "2309.00903"


def test_seed_000_english_abstract_without_prefix() -> None:
    pix2code = by_index(SEED_000)[8]
    assert pix2code.title_en == "Pix2Code: Learning to Compose Neural Visual Concepts as Programs"
    assert pix2code.title_zh == "Pix2Code：学习将神经视觉概念组合成程序"
    assert pix2code.abstract_en.startswith("The challenge in learning abstract concepts from images")
    assert pix2code.announce_type == ""
    assert pix2code.arxiv_version is None
    assert pix2code.arxiv_id == "2402.08280"


def test_seed_000_old_title_suffixes() -> None:
    papers = by_index(SEED_000)
    restoration = papers[13]
    assert restoration.title_en == "High-Quality Image Restoration Following Human Instructions"
    assert (restoration.arxiv_id, restoration.arxiv_version, restoration.category) == ("2401.16468", 1, "cs.CV")
    assert restoration.abs_url == "http://arxiv.org/abs/2401.16468"
    assert papers[16].category == "q-bio.NC"
    assert papers[16].title_en == "Deep Neural Networks and Brain Alignment: Brain Encoding and Decoding (Survey)"
    humour = papers[21]
    assert humour.title_en == "Towards Multimodal Prediction of Spontaneous Humour: A Novel Dataset and First Results"
    assert (humour.arxiv_version, humour.category) == (2, "cs.LG")
    assert papers[23].title_en == "Res2NetFuse: A Fusion Method for Infrared and Visible Images"
    assert (papers[23].arxiv_version, papers[23].category) == (3, "cs.CV")


def test_seed_002_translated_prefix_is_stripped_from_chinese_abstract() -> None:
    cochlear = by_index(SEED_002)[3]
    assert cochlear.title_en == (
        "Advanced Artificial Intelligence Algorithms in Cochlear Implants: "
        "Review of Healthcare Strategies, Challenges, and Perspectives"
    )
    assert cochlear.tldr_zh.endswith("等方法来克服语音失真问题")
    assert cochlear.abstract_zh.startswith("自动语音识别（ASR）在我们的日常生活中发挥着至关重要的作用")
    assert cochlear.abstract_zh.endswith("新人工智能（AI）方法的出现引入了先进的策略来解决这些限制。")
    assert cochlear.abstract_en.startswith("Automatic speech recognition (ASR) plays a pivotal role")
    assert (cochlear.arxiv_id, cochlear.arxiv_version, cochlear.announce_type) == ("2403.15442", 1, "cross")


def test_seed_003_titles() -> None:
    papers = by_index(SEED_003)
    reverse = papers[3]
    assert reverse.title_en == "Reverse Stable Diffusion: What prompt was used to generate this image?"
    assert reverse.title_zh == "反向稳定扩散：生成该图像所使用的提示是什么？"
    assert (reverse.arxiv_id, reverse.arxiv_version, reverse.category) == ("2308.01472", 1, "cs.CV")
    assert reverse.abs_url == "http://arxiv.org/abs/2308.01472"
    assert reverse.line == 40
    deep_mss = papers[4]
    assert deep_mss.title_en == (
        "DeepMSS: Deep Multi-Modality Segmentation-to-Survival Learning "
        "for Survival Outcome Prediction from PET/CT Images"
    )
    assert deep_mss.category == "eess.IV"
    assert papers[1].title_en == "MixedNUTS: Training-Free Accuracy-Robustness Balance via Nonlinearly Mixed Classifiers"
    assert papers[1].arxiv_version is None
    assert papers[1].abstract_en.endswith("On CIFAR-10, CIFAR-100, and ImageNet da")


def test_seed_table_alone_still_gives_every_paper() -> None:
    text = read(SEED_003)
    table_only = text[: text.index("# 详细")]
    found = entries(table_only)
    assert [entry.index for entry in found] == [1, 2, 3, 4]
    assert [entry.line for entry in found] == [5, 6, 7, 8]
    assert found[2].title_en == "Reverse Stable Diffusion: What prompt was used to generate this image?"
    assert found[3].title_en == (
        "DeepMSS: Deep Multi-Modality Segmentation-to-Survival Learning "
        "for Survival Outcome Prediction from PET/CT Images."
    )
    assert found[0].tldr_zh.startswith("MixedNUTS是一种无需训练的方法")
    assert found[2].arxiv_id == "2308.01472"


def test_seed_repeated_parses_in_linear_time() -> None:
    seed = read(SEED_000)
    assert sum(isinstance(item, Entry) for item in footnote.parse(seed * 100, "big.md")) == 2300

    def parse_copies(copies: int) -> None:
        list(footnote.parse(seed * copies, "big.md"))

    assert_linear(parse_copies, 10, "footnote seed")


# ---------------------------------------------------------------------------- empty input


@pytest.mark.parametrize(
    "text",
    ["", "\n\n  \n", "\ufeff", HEADER, HEADER + "\n# 详细\n", HEADER + "\n# 详细\n\n    \n", "# 详细\n"],
)
def test_empty_documents_have_no_entries(text: str) -> None:
    assert parse(text) == []


# ---------------------------------------------------------------------------- variants


def paper(head: str, *blocks: str, label: str = "1") -> str:
    body = "".join(f"\n    {block}\n" for block in blocks)
    return f"[^{label}]: {head}\n{body}"


def link(arxiv_id: str, base: str = "https://arxiv.org/abs/") -> str:
    return f"[{base}{arxiv_id}]({base}{arxiv_id})"


LINK = link("2404.01964")
ABSTRACT_EN = "arXiv:2404.01964v3 Announce Type: new  Abstract: " + "We study things. " * 30
ABSTRACT_ZH = "我们研究了一些问题，" * 40


def test_english_tldr_between_link_and_chinese_abstract() -> None:
    entry = only_entry(
        paper("中文标题", "English Title", LINK, "中文一句话总结。", "A one-line English summary.", ABSTRACT_ZH, ABSTRACT_EN)
    )
    assert entry.tldr_zh == "中文一句话总结。"
    assert entry.tldr_en == "A one-line English summary."
    assert entry.abstract_zh == ABSTRACT_ZH
    assert entry.abstract_en == ("We study things. " * 30).strip()
    assert (entry.arxiv_version, entry.announce_type) == (3, "new")


def test_empty_and_whitespace_blocks_are_separators() -> None:
    text = paper("中文标题", "English Title", LINK, "总结。") + "    \n\t\n    " + ABSTRACT_ZH + "\n \n    " + ABSTRACT_EN
    entry = only_entry(text)
    assert (entry.tldr_zh, entry.tldr_en) == ("总结。", "")
    assert entry.abstract_zh == ABSTRACT_ZH


def test_blocks_identified_by_content_when_link_is_missing() -> None:
    entry = only_entry(paper("中文标题", "English Title", "中文总结。", ABSTRACT_ZH, ABSTRACT_EN))
    assert entry.title_en == "English Title"
    assert (entry.tldr_zh, entry.abstract_zh) == ("中文总结。", ABSTRACT_ZH)
    assert entry.abs_url == "" and entry.arxiv_id == "2404.01964"


def test_blocks_identified_by_content_when_title_and_tldr_are_missing() -> None:
    entry = only_entry(paper("中文标题", LINK, ABSTRACT_ZH, ABSTRACT_EN))
    assert entry.title_en == ""
    assert entry.tldr_zh == ""
    assert entry.abstract_zh == ABSTRACT_ZH
    assert entry.abstract_en.startswith("We study things.")


def test_single_short_chinese_block_after_link_is_the_tldr() -> None:
    entry = only_entry(paper("中文标题", "English Title", LINK, "很短的总结。"))
    assert (entry.tldr_zh, entry.abstract_zh) == ("很短的总结。", "")


def test_single_truncated_chinese_block_is_the_abstract_and_keeps_its_mark() -> None:
    entry = only_entry(paper("中文标题", "English Title", LINK, "被截断的中文摘要\ufffd", ABSTRACT_EN))
    assert entry.tldr_zh == ""
    assert entry.abstract_zh == "被截断的中文摘要\ufffd"


def test_english_abstract_without_prefix_after_chinese_abstract() -> None:
    entry = only_entry(paper("中文标题", "English Title", LINK, "总结。", "中文摘要。", "Short English abstract."))
    assert entry.abstract_zh == "中文摘要。"
    assert entry.abstract_en == "Short English abstract."
    assert entry.tldr_en == ""


def test_wrapped_blocks_are_joined_with_spaces() -> None:
    text = "[^1]: 中文\n    标题\n\n    English\n    Title\n\n    " + LINK + "\n\n    第一行\n    第二行\n"
    entry = only_entry(text)
    assert (entry.title_zh, entry.title_en, entry.tldr_zh) == ("中文 标题", "English Title", "第一行 第二行")


def test_tab_indented_footnote_body() -> None:
    text = "[^1]: 中文标题\n\n\tEnglish Title\n\n\t" + LINK + "\n\n\t总结。\n"
    entry = only_entry(text)
    assert (entry.title_en, entry.abs_url, entry.tldr_zh) == ("English Title", "https://arxiv.org/abs/2404.01964", "总结。")


def test_unindented_paragraph_after_footnotes_is_not_part_of_the_last_paper() -> None:
    text = paper("中文标题", "English Title", LINK, "总结。") + "\n本文由机器生成，仅供参考。\n"
    entry = only_entry(text)
    assert entry.tldr_zh == "总结。" and entry.abstract_zh == ""


def test_lazy_continuation_line_stays_in_its_block() -> None:
    text = "[^1]: 中文标题\n\n    English Title\n\n    " + LINK + "\n\n    中文总结的前半句，\n后半句。\n"
    assert only_entry(text).tldr_zh == "中文总结的前半句， 后半句。"


def test_old_title_suffix_in_table_and_footnote() -> None:
    text = (
        HEADER
        + "| [^1] | [A Study of Things. (arXiv:2401.16468v2 [cs.CV] UPDATED)](http://arxiv.org/abs/2401.16468) | 总结 |\n"
        + "\n# 详细\n\n"
        + paper(
            "事物研究",
            "A Study of Things. (arXiv:2401.16468v2 [cs.CV] UPDATED)",
            link("2401.16468", "http://arxiv.org/abs/"),
            "总结",
        )
    )
    entry = only_entry(text)
    assert entry.title_en == "A Study of Things"
    assert (entry.arxiv_id, entry.arxiv_version, entry.category) == ("2401.16468", 2, "cs.CV")
    assert entry.abs_url == "http://arxiv.org/abs/2401.16468"


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Is It Safe?.", "Is It Safe?"),
        ("Wow!.", "Wow!"),
        ("Ordinary Title.", "Ordinary Title."),
        ("Ordinary Title", "Ordinary Title"),
        ("Ends With Ellipsis...", "Ends With Ellipsis..."),
        ("What Now?. (arXiv:2308.01472v1 [cs.CV])", "What Now?"),
    ],
)
def test_stray_period_only_after_other_sentence_punctuation(title: str, expected: str) -> None:
    entry = only_entry(HEADER + f"| [^1] | [{title}](http://arxiv.org/abs/2308.01472) | 总结 |\n")
    assert entry.title_en == expected


def test_table_only_and_footnote_only_papers_are_merged_by_label() -> None:
    text = (
        HEADER
        + "| [^1] | [Table Only Paper](https://arxiv.org/abs/2401.00001) | 只在表格里。 |\n"
        + "| [^2] | [Both Places](https://arxiv.org/abs/2401.00002) | 表格里的总结。 |\n"
        + "\n# 详细\n\n"
        + paper("两处都有", "Both Places", link("2401.00002"), "脚注里的总结。", label="2")
        + paper("只有脚注", "Footnote Only", link("2401.00003"), "只在脚注里。", label="3")
    )
    first, second, third = entries(text)
    assert (first.index, first.line, first.title_en, first.title_zh) == (1, 5, "Table Only Paper", "")
    assert (first.tldr_zh, first.arxiv_id) == ("只在表格里。", "2401.00001")
    assert (second.index, second.line, second.title_zh, second.tldr_zh) == (2, 10, "两处都有", "脚注里的总结。")
    assert (third.index, third.title_en, third.arxiv_id) == (3, "Footnote Only", "2401.00003")
    assert problems(text) == []


def test_duplicate_labels_from_concatenated_digests_pair_in_order() -> None:
    one = HEADER + "| [^1] | [First Digest Paper](https://arxiv.org/abs/2401.00001) | 一 |\n\n# 详细\n\n" + paper(
        "第一", "First Digest Paper", "[https://arxiv.org/abs/2401.00001](https://arxiv.org/abs/2401.00001)", "一"
    )
    two = one.replace("First", "Second").replace("2401.00001", "2402.00002").replace("第一", "第二")
    found = entries(one + "\n" + two)
    assert [(entry.title_en, entry.title_zh, entry.arxiv_id) for entry in found] == [
        ("First Digest Paper", "第一", "2401.00001"),
        ("Second Digest Paper", "第二", "2402.00002"),
    ]


def test_links_by_kind() -> None:
    pdf = only_entry(paper("中文", "T", "[https://arxiv.org/pdf/2402.00002v3](https://arxiv.org/pdf/2402.00002v3)"))
    assert (pdf.pdf_url, pdf.abs_url, pdf.arxiv_id, pdf.arxiv_version) == (
        "https://arxiv.org/pdf/2402.00002v3",
        "",
        "2402.00002",
        3,
    )
    venue = only_entry(paper("中文", "T", "[https://openaccess.thecvf.com/x.pdf](https://openaccess.thecvf.com/x.pdf)"))
    assert (venue.venue_url, venue.abs_url, venue.arxiv_id) == ("https://openaccess.thecvf.com/x.pdf", "", "")
    bare = only_entry(paper("中文", "T", "<HTTPS://arxiv.org/abs/2404.01964>"))
    assert (bare.abs_url, bare.arxiv_id) == ("HTTPS://arxiv.org/abs/2404.01964", "2404.01964")


@pytest.mark.parametrize(
    "link, reason",
    [
        ("[x](javascript:alert(1))", "javascript"),
        ("[https://arxiv.org/abs/2404.01964](data:text/html,hi)", "data"),
        ("[https://arxiv.org/abs/2404.01964](/abs/2404.01964)", "relative"),
    ],
)
def test_unsafe_links_are_dropped_with_a_warning(link: str, reason: str) -> None:
    text = "\n" + paper("中文标题", "English Title", link, "总结。")
    items = parse(text)
    entry, warning = items
    assert isinstance(entry, Entry) and isinstance(warning, Problem)
    assert (entry.abs_url, entry.pdf_url, entry.venue_url) == ("", "", "")
    assert entry.title_en == "English Title"
    assert (warning.line, warning.skipped, warning.field) == (6, False, "abs_url")
    assert reason in warning.reason


def test_unsafe_link_in_table_row() -> None:
    items = parse(HEADER + "| [^1] | [Title](javascript:alert(1)) | 总结 |\n")
    entry, warning = items
    assert isinstance(entry, Entry) and entry.abs_url == "" and entry.title_en == "Title"
    assert isinstance(warning, Problem) and (warning.line, warning.skipped, warning.field) == (5, False, "abs_url")


def test_escaped_pipe_and_br_in_table_cells() -> None:
    entry = only_entry(HEADER + "| [^1] | [A \\| B](https://arxiv.org/abs/2404.01964) | 第一句<br />第二句 |\n")
    assert entry.title_en == "A | B"
    assert entry.tldr_zh == "第一句 第二句"


def test_placeholders_mean_missing() -> None:
    entry = only_entry(HEADER + "| [^1] | [Title](https://arxiv.org/abs/2404.01964) | None |\n")
    assert entry.tldr_zh == "" and entry.tldr_en == ""
    entry = only_entry(paper("中文标题", "English Title", LINK, "null", "总结。"))
    assert entry.tldr_zh == "总结。"


def test_english_table_summary_goes_to_english_tldr() -> None:
    entry = only_entry(HEADER + "| [^1] | [Title](https://arxiv.org/abs/2404.01964) | An English summary. |\n")
    assert (entry.tldr_en, entry.tldr_zh) == ("An English summary.", "")


def test_table_header_decides_column_order() -> None:
    text = "| Ref | Summary | Title |\n| --- | --- | --- |\n| [^1] | 总结 | [Title](https://arxiv.org/abs/2404.01964) |\n"
    entry = only_entry(text)
    assert (entry.title_en, entry.tldr_zh, entry.arxiv_id) == ("Title", "总结", "2404.01964")


# ---------------------------------------------------------------------------- bad input


def test_paper_without_any_title_is_a_problem_and_others_survive() -> None:
    text = (
        HEADER
        + "| [^1] |  | 没有标题 |\n"
        + "| [^2] | [Good](https://arxiv.org/abs/2401.00002) | 好 |\n"
        + "\n# 详细\n\n[^1]:\n\n    \n[^3]:   \n"
    )
    items = parse(text)
    assert [type(item) for item in items] == [Entry, Problem, Problem]
    assert items[0].title_en == "Good"
    assert (items[1].line, items[1].skipped) == (10, True)
    assert "[^1]" in items[1].reason and "no title" in items[1].reason
    assert (items[2].line, items[2].skipped) == (13, True)
    assert "[^3]" in items[2].reason


def test_row_with_wrong_cell_count_and_no_footnote_is_skipped() -> None:
    rows = "| [^1] | [Lost](https://arxiv.org/abs/2401.00001) |\n| [^2] | [Kept](https://arxiv.org/abs/2401.00002) | 留 |\n"
    items = parse(HEADER + rows)
    assert [type(item) for item in items] == [Problem, Entry]
    assert (items[0].line, items[0].skipped) == (5, True)
    assert "2 cells" in items[0].reason
    assert items[1].title_en == "Kept"


def test_row_with_wrong_cell_count_but_a_footnote_warns_and_keeps_the_paper() -> None:
    text = HEADER + "| [^1] | a | b | c |\n\n# 详细\n\n" + paper("中文标题", "English Title", LINK, "总结。")
    entry, warning = parse(text)
    assert isinstance(entry, Entry) and entry.title_en == "English Title" and entry.line == 9
    assert isinstance(warning, Problem) and (warning.line, warning.skipped) == (5, False)


def test_crlf_lone_cr_and_bom() -> None:
    text = "\ufeff" + HEADER + "| [^1] | [T](https://arxiv.org/abs/2404.01964) | 中文 |\n\n# 详细\n\n" + paper(
        "标题", "T", LINK, "中文总结", ABSTRACT_ZH, ABSTRACT_EN
    )
    expected = only_entry(text)
    assert expected.line == 9
    for newline in ("\r\n", "\r"):
        assert only_entry(text.replace("\n", newline)) == expected
    mixed = "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(text.split("\n")))
    assert only_entry(mixed) == expected


@pytest.mark.parametrize(
    "prefix, unit, suffix",
    [("", "#", ""), ("[^1]: ", "(arXiv:", ""), ("| [^1] | ", " |", ""), ("[^1]: t\n", " ", "x"),
     ("[^1]: t\n\n    arXiv:", "a", ""), ("", "- ", "")],
)
def test_hostile_repetitions_parse_in_linear_time(prefix: str, unit: str, suffix: str) -> None:
    assert_linear(lambda size: parse(prefix + unit * size + suffix), 25_000, unit)


@pytest.mark.parametrize(
    "text",
    [
        "[^1]:",
        "[^]: x",
        "[^1]: [",
        "| [^1] |",
        "| [^1] | [](",
        "| [^1] | [x]() | |",
        "[^1]: 标题\n    [x](",
        "[^1]: 标题\n\n    arXiv: Abstract:",
        "[^1]: 标题\n\n    arXiv:notanid Announce Type: new Abstract: text",
        "[^²]: 标题\n",
        "| Ref |\n| --- |\n| [^1] |\n",
        "| Ref | Title |\n| --- | --- |\n| [^1] | [T](https://arxiv.org/abs/2404.01964) |\n",
        "\x00\x01\x02[^1]:\x00",
        "#" * 10000,
        "[^1]: " + "(arXiv:" * 5000,
        "| [^1] | " + " |" * 20000,
        "[^1]: t\n" + " " * 100000 + "x",
        "[^1]: t\n\n    arXiv:" + "a" * 100000,
        "- " * 50000,
        "\udcff\ud800",
    ],
)
def test_hostile_inputs_never_raise(text: str) -> None:
    items = parse(text)
    line_count = text.count("\n") + 1
    for item in items:
        assert isinstance(item, (Entry, Problem))
        assert item.line is not None and 1 <= item.line <= line_count
        if isinstance(item, Problem):
            assert "internal error" not in item.reason


def test_index_only_for_numeric_labels() -> None:
    entry = only_entry(paper("标题", "Title", label="note-a"))
    assert entry.index is None


# ---------------------------------------------------------------------------- mutated seeds

SEED_TEXT = read(SEED_000)
SEED_LINES = SEED_TEXT.split("\n")


@st.composite
def mutated_seeds(draw: st.DrawFn) -> str:
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(0, 8))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "duplicate", "insert", "dedent", "indent"]))
        if operation == "delete":
            del lines[at]
        elif operation == "duplicate":
            lines.insert(at, lines[at])
        elif operation == "insert":
            lines.insert(at, draw(st.text(max_size=40)))
        elif operation == "dedent":
            lines[at] = lines[at].lstrip()
        else:
            lines[at] = "    " + lines[at]
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.text(min_size=1, max_size=20)) + text[at:]
    return text


def assert_well_formed(text: str) -> None:
    items = list(footnote.parse(text, "mutated.md"))
    normalised = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    line_count = normalised.count("\n") + 1
    for item in items:
        assert isinstance(item, (Entry, Problem))
        assert item.line is not None and 1 <= item.line <= line_count
        if isinstance(item, Problem):
            assert "internal error" not in item.reason
        else:
            assert item.title_en or item.title_zh
            assert item.abs_url == "" or item.abs_url.lower().startswith(("http://", "https://"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seeds())
def test_mutated_seed_never_raises(text: str) -> None:
    assert_well_formed(text)


NOISE_TOKENS = [
    *"[^1]:| \n\t#-摘要详细",
    *("    ", "\r", "Title", "(arXiv:2401.00001v1 [cs.CV])", "https://arxiv.org/abs/2401.00001", "](", "\ufffd"),
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(NOISE_TOKENS), max_size=200).map("".join))
def test_structural_noise_never_raises(text: str) -> None:
    assert_well_formed(text)
