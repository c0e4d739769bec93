"""Format C, the venue table (`| 年份 | 题目 | 作者 | 摘要 | 中文摘要 | link |`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complexity import assert_linear
from research_digest.model import Entry, Problem
from research_digest.sources import venue_table

SEEDS = Path(__file__).parent.parent / "seeds"
SEED = SEEDS / "004_8365cecda7d1ee74.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
OTHER_SEEDS = ["000_4d930b09bd2532f5.txt", "001_466e798c07ea2cbe.txt", "002_d7b3bf122039df21.txt", "003_daa8b05561275366.txt"]

HEADER = "| 年份 | 题目 | 作者 | 摘要 | 中文摘要 | link |\n| --- | --- | --- | --- | --- | --- |\n"
CVF = "https://openaccess.thecvf.com/content/ICCV2023/papers/Jiang_Anatomical_Invariance_ICCV_2023_paper.pdf"


def parse(text: str, path: str = "notes.md") -> list[Entry | Problem]:
    return list(venue_table.parse(text, path))


def entries(items: list[Entry | Problem]) -> list[Entry]:
    return [item for item in items if isinstance(item, Entry)]


def problems(items: list[Entry | Problem]) -> list[Problem]:
    return [item for item in items if isinstance(item, Problem)]


def only_entry(text: str, path: str = "notes.md") -> Entry:
    found = entries(parse(text, path))
    assert len(found) == 1, found
    return found[0]


def row(title: str = "A Title", *, year: str = "2023", authors: str = "Ann Lee, Bo Wu",
        abstract: str = "An abstract.", abstract_zh: str = "中文摘要。", link: str = f"[link]({CVF})") -> str:
    return f"| {year} | {title} | {authors} | {abstract} | {abstract_zh} | {link} |\n"


# --- the real seed ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_items() -> list[Entry | Problem]:
    return list(venue_table.parse(SEED_TEXT, str(SEED)))


def test_seed_is_detected_and_other_formats_are_not() -> None:
    assert venue_table.detect(SEED_TEXT)
    for name in OTHER_SEEDS:
        text = (SEEDS / name).read_text(encoding="utf-8")
        assert not venue_table.detect(text), name
        assert parse(text, name) == []


def test_seed_counts(seed_items: list[Entry | Problem]) -> None:
    assert len(entries(seed_items)) == 41
    assert problems(seed_items) == []
    assert [entry.line for entry in entries(seed_items)] == list(range(3, 44))
    assert {entry.venue for entry in entries(seed_items)} == {"ICCV"}
    assert {entry.year for entry in entries(seed_items)} == {2023}
    assert all(entry.format == "venue-table" and entry.source == str(SEED) for entry in entries(seed_items))


def test_seed_first_paper(seed_items: list[Entry | Problem]) -> None:
    first = entries(seed_items)[0]
    assert first.line == 3
    assert first.title_en == (
        "Anatomical Invariance Modeling and Semantic Alignment for Self-supervised Learning in 3D Medical Image Analysis"
    )
    assert first.authors == ("Yankai Jiang", "Mingze Sun", "Heng Guo", "Xiaoyu Bai", "Ke Yan", "Le Lu", "Minfeng Xu")
    assert first.venue == "ICCV" and first.year == 2023
    assert first.venue_url.startswith("https://openaccess.thecvf.com/content/ICCV2023/papers/Jiang_Anatomical")
    assert first.venue_url.endswith("_ICCV_2023_paper.pdf")
    assert first.abstract_en.startswith("Self-supervised learning (SSL) has recently achieved promising performance")
    assert first.abstract_zh.startswith("自监督学习（SSL）最近在3D医学图像分析任务中取得了令人期待的表现。")
    assert first.abstract_zh.endswith("代码可在https://github.com/alibaba-damo-academy/alice找到。")
    assert (first.arxiv_id, first.abs_url, first.pdf_url, first.code_url) == ("", "", "", "")
    assert first.index is None and first.title_zh == "" and first.section == ""


def test_seed_keeps_mojibake_for_the_clean_stage(seed_items: list[Entry | Problem]) -> None:
    second = entries(seed_items)[1]
    assert second.line == 4
    assert second.title_en == "Probabilistic Modeling of Inter- and Intra-observer Variability in Medical Image Segmentation"
    assert second.authors == ("Arne Schmidt", "Pablo Morales-Ãlvarez", "Rafael Molina")


def test_seed_last_paper(seed_items: list[Entry | Problem]) -> None:
    last = entries(seed_items)[-1]
    assert last.line == 43
    assert last.title_en == "Adversarial Bayesian Augmentation for Single-Source Domain Generalization"
    assert last.authors == ("Sheng Cheng", "Tejas Gokhale", "Yezhou Yang")
    assert last.abstract_en.endswith("augmentations, pixel-based and convolutional-based augmentations. Code: https://github.com/shengcheng/ABA.")
    assert last.abstract_zh.endswith("代码：https://github.com/shengcheng/ABA。")
    assert last.venue_url == (
        "https://openaccess.thecvf.com/content/ICCV2023/papers/"
        "Cheng_Adversarial_Bayesian_Augmentation_for_Single-Source_Domain_Generalization_ICCV_2023_paper.pdf"
    )


def test_seed_fields_are_the_cells_verbatim(seed_items: list[Entry | Problem]) -> None:
    """The seed has no markup inside cells, so every field equals its stripped cell."""
    lines = SEED_TEXT.split("\n")
    for entry in entries(seed_items):
        cells = [cell.strip() for cell in lines[entry.line - 1].strip().strip("|").split("|")]
        assert (entry.title_en, entry.abstract_en, entry.abstract_zh) == (cells[1], cells[3], cells[4])
        assert entry.authors == tuple(name.strip() for name in cells[2].split(","))


def test_seed_with_crlf_and_bom_gives_the_same_papers(seed_items: list[Entry | Problem]) -> None:
    text = "\ufeff" + SEED_TEXT.replace("\n", "\r\n")
    assert venue_table.detect(text)
    again = parse(text, str(SEED))
    assert again == seed_items


def test_the_seed_repeated_parses_in_linear_time() -> None:
    assert len(parse(SEED_TEXT)) == 41
    assert len(entries(parse("\n".join([SEED_TEXT] * 100)))) == 4100
    assert_linear(lambda copies: parse("\n".join([SEED_TEXT] * copies)), 5, "venue seed")


# --- header variants ----------------------------------------------------------------------------


def test_index_column_and_english_headers_in_any_order() -> None:
    text = (
        "| Link | No. | **Title** | Abstract | Authors | Year |\n|:---|---:|:---:|---|---|---|\n"
        f"| [pdf]({CVF}) | 7 | Reordered | Some text. | Ann Lee, Bo Wu and Cy Xu | 2024 |\n"
    )
    assert venue_table.detect(text)
    entry = only_entry(text)
    assert entry.index == 7
    assert entry.title_en == "Reordered"
    assert entry.authors == ("Ann Lee", "Bo Wu", "Cy Xu")
    assert entry.abstract_en == "Some text."
    assert (entry.venue, entry.year) == ("ICCV", 2024)  # the year column wins over the link's year


def test_index_header_instead_of_year() -> None:
    text = HEADER.replace("年份", "序号") + row(year="12")
    entry = only_entry(text)
    assert entry.index == 12
    assert (entry.venue, entry.year) == ("ICCV", 2023)


def test_header_without_paper_rows_is_still_this_format() -> None:
    assert venue_table.detect(HEADER)
    assert parse(HEADER) == []


def test_other_tables_are_not_claimed() -> None:
    footnote_like = "# 摘要\n\n| Ref | Title | Summary |\n| --- | --- | --- |\n| [^1] | [T](https://arxiv.org/abs/2404.01964) | s |\n"
    assert not venue_table.detect(footnote_like)
    assert not venue_table.detect("**Title:** x<br />\n**Authors:** y\n")
    assert not venue_table.detect("")
    assert not venue_table.detect("| 题目 | 作者 | 摘要 | link |\n")  # no divider row: not a table


def test_header_with_a_broken_divider_is_a_problem() -> None:
    text = "| 题目 | 作者 | 摘要 | link |\n| --- | --- |\n| T | A | x | y |\n"
    [problem] = parse(text)
    assert isinstance(problem, Problem) and problem.skipped and problem.line == 1
    assert "divider" in problem.reason


def test_several_tables_under_year_headings() -> None:
    text = (
        "# CVPR\n\n## 2023\n\n### Segmentation\n\n" + HEADER.replace("年份", "序号")
        + row("First", year="1", link="[link](https://example.org/a.pdf)")
        + "\n## 2024\n\n" + HEADER.replace("年份", "序号") + row("Second", year="1", link="None")
        + "\nSome prose between tables.\n\n" + HEADER + row("Third", year="2022", link="")
    )
    first, second, third = entries(parse(text, "digest.md"))
    assert (first.title_en, first.venue, first.year, first.section, first.line) == ("First", "CVPR", 2023, "Segmentation", 9)
    assert (second.title_en, second.venue, second.year, second.section) == ("Second", "CVPR", 2024, "")
    assert (third.title_en, third.year, third.venue_url) == ("Third", 2022, "")


def test_table_inside_a_blockquote() -> None:
    text = "> " + HEADER.replace("\n", "\n> ", 1) + "> " + row("Quoted", link="[l](https://arxiv.org/abs/2401.00001)")
    entry = only_entry(text)
    assert (entry.title_en, entry.arxiv_id, entry.line) == ("Quoted", "2401.00001", 3)


def test_rows_cut_off_by_a_blank_line_are_still_read() -> None:
    text = HEADER + row("One") + "\n" + row("Two") + "\n" + row("Three")
    assert [(entry.title_en, entry.line) for entry in entries(parse(text))] == [("One", 3), ("Two", 5), ("Three", 7)]


def test_repeated_header_and_divider_rows_are_ignored() -> None:
    text = HEADER + row("One") + HEADER + row("Two")
    assert [entry.title_en for entry in entries(parse(text))] == ["One", "Two"]
    assert problems(parse(text)) == []


# --- venue and year ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "venue", "year"),
    [
        ("https://openaccess.thecvf.com/content/CVPR2024/papers/X_CVPR_2024_paper.pdf", "CVPR", 2024),
        ("https://openaccess.thecvf.com/content/WACV2024/papers/X_WACV_2024_paper.pdf", "WACV", 2024),
        ("https://openaccess.thecvf.com/content_ICCV_2017/papers/X_ICCV_2017_paper.pdf", "ICCV", 2017),
        ("https://openaccess.thecvf.com/content/CVPR2023W/ABC/papers/X_CVPRW_2023_paper.pdf", "CVPR Workshops", 2023),
        ("https://papers.nips.cc/paper_files/paper/2023/file/abc-Paper-Conference.pdf", "NeurIPS", 2023),
        ("https://proceedings.neurips.cc/paper/2021/file/abc-Paper.pdf", "NeurIPS", 2021),
        ("https://www.ecva.net/papers/eccv_2022/papers_ECCV/papers/136810001.pdf", "ECCV", 2022),
        ("https://aclanthology.org/2023.acl-long.1.pdf", "ACL", 2023),
        ("https://aclanthology.org/2023.findings-emnlp.12.pdf", "Findings of EMNLP", 2023),
        ("https://www.ijcai.org/proceedings/2023/0001.pdf", "IJCAI", 2023),
        ("https://proceedings.mlr.press/v202/x23a/x23a.pdf", "", None),
        ("https://openreview.net/pdf?id=ICLR2024abc", "", None),
        ("https://example.com/ACL_paper.pdf", "", None),  # a bare acronym in a URL is not a venue
    ],
)
def test_venue_and_year_from_the_link(link: str, venue: str, year: int | None) -> None:
    entry = only_entry(HEADER + row(year="None", link=f"[link]({link})"))
    assert (entry.venue, entry.year, entry.venue_url) == (venue, year, link)


@pytest.mark.parametrize(
    ("path", "venue", "year"),
    [
        ("docs/ICCV2023.md", "ICCV", 2023),
        ("docs/cvpr-2024.md", "CVPR", 2024),
        ("ECCV_2022.txt", "ECCV", 2022),
        ("venues/neurips/2023.md", "NeurIPS", 2023),
        ("acm-mm-2024.md", "ACM MM", 2024),
        ("notes.md", "", None),
        ("2024-02-16.md", "", None),  # a digest date is not a venue year
    ],
)
def test_venue_and_year_from_the_file_name(path: str, venue: str, year: int | None) -> None:
    entry = only_entry(HEADER + row(year="None", link="[link](https://example.com/paper.pdf)"), path)
    assert (entry.venue, entry.year) == (venue, year)


def test_notes_file_with_venueless_links_takes_the_year_column() -> None:
    text = HEADER + row("Hostile", year="2021", link="[link](https://example.com/files/paper.pdf)")
    assert venue_table.detect(text)
    entry = only_entry(text, "notes.md")
    assert (entry.venue, entry.year, entry.venue_url) == ("", 2021, "https://example.com/files/paper.pdf")


def test_link_venue_beats_the_file_name_and_year_column_beats_both() -> None:
    entry = only_entry(HEADER + row(year="2022"), "CVPR2024.md")
    assert (entry.venue, entry.year) == ("ICCV", 2022)


def test_invalid_year_cell_is_a_warning_and_falls_back() -> None:
    items = parse(HEADER + row(year="20x3"), "notes.md")
    [entry] = entries(items)
    [warning] = problems(items)
    assert entry.year == 2023  # from the link
    assert (warning.skipped, warning.field, warning.line) == (False, "year", 3)


# --- cells ----------------------------------------------------------------------------------------


def test_placeholders_mean_missing() -> None:
    text = HEADER + row(authors="None", abstract="null", abstract_zh="N/A", link="-", year="")
    entry = only_entry(text)
    assert (entry.authors, entry.abstract_en, entry.abstract_zh, entry.venue_url, entry.year) == ((), "", "", "", None)
    assert problems(parse(text)) == []


def test_escaped_pipes_and_inline_markup() -> None:
    text = HEADER + row(
        title=r"Is \|x\| *Small*? A **Study** of `a\|b` and ~~old~~ ideas",
        abstract=r"We show 2*3*4 holds for snake_case_names, \*literal\* and _emph_ text. 100\% sure.",
        abstract_zh="这是*重点*内容",
    )
    entry = only_entry(text)
    assert entry.title_en == "Is |x| Small? A Study of a|b and old ideas"
    assert entry.abstract_en == r"We show 2*3*4 holds for snake_case_names, *literal* and emph text. 100\% sure."
    assert entry.abstract_zh == "这是重点内容"


def test_unescaped_pipe_in_a_code_span_still_splits_the_row() -> None:
    """As in GFM (and markdown-it): only a backslash protects a pipe, even inside backticks."""
    [problem] = parse(HEADER + row(title="Of `a|b` codes"))
    assert isinstance(problem, Problem) and problem.line == 3 and "7 cell(s)" in problem.reason


def test_html_does_not_leak() -> None:
    text = HEADER + row(
        title='<b>Bold</b> <span style="x">Title</span><script>alert(1)</script><!-- hidden -->',
        authors="Ann Lee<br>Bo Wu<br />Cy Xu",
        abstract="Line one<br/>line two &amp; x &lt;tag&gt; &copyright a < b > c",
        link='<a href="https://example.com/a.pdf" onclick="evil()">pdf</a>',
    )
    entry = only_entry(text)
    assert entry.title_en == "Bold Title"
    assert entry.authors == ("Ann Lee", "Bo Wu", "Cy Xu")
    assert entry.abstract_en == "Line one line two & x <tag> &copyright a < b > c"
    assert entry.venue_url == "https://example.com/a.pdf"


def test_authors_separators() -> None:
    assert only_entry(HEADER + row(authors="张三，李四、王五")).authors == ("张三", "李四", "王五")
    assert only_entry(HEADER + row(authors="Ann Lee, Bo Wu, and Cy Xu")).authors == ("Ann Lee", "Bo Wu", "Cy Xu")
    assert only_entry(HEADER + row(authors="Ann Lee and Bo Wu")).authors == ("Ann Lee", "Bo Wu")
    assert only_entry(HEADER + row(authors="Ann Lee, Bo Wu, et al.")).authors == ("Ann Lee", "Bo Wu")


def test_chinese_title_and_abstract_in_generic_columns() -> None:
    text = "| 题目 | 作者 | 摘要 | link |\n|---|---|---|---|\n| 一种新的分割方法 | 张三 | 我们提出了一种方法。 | |\n"
    entry = only_entry(text)
    assert (entry.title_en, entry.title_zh) == ("", "一种新的分割方法")
    assert (entry.abstract_en, entry.abstract_zh) == ("", "我们提出了一种方法。")


def test_title_written_as_a_link() -> None:
    text = HEADER + row(title="[Linked Title](https://arxiv.org/abs/2305.01234v3)", link="None")
    entry = only_entry(text)
    assert entry.title_en == "Linked Title"
    assert (entry.arxiv_id, entry.arxiv_version, entry.abs_url) == ("2305.01234", 3, "https://arxiv.org/abs/2305.01234v3")


# --- links ------------------------------------------------------------------------------------------


def test_arxiv_links_fill_the_arxiv_fields() -> None:
    abs_entry = only_entry(HEADER + row(link="[link](http://arxiv.org/abs/2401.00001v2)"))
    assert (abs_entry.arxiv_id, abs_entry.arxiv_version, abs_entry.abs_url, abs_entry.venue_url) == (
        "2401.00001", 2, "http://arxiv.org/abs/2401.00001v2", "")
    pdf_entry = only_entry(HEADER + row(link="[pdf](https://arxiv.org/pdf/2401.00002)"))
    assert (pdf_entry.arxiv_id, pdf_entry.arxiv_version, pdf_entry.pdf_url) == ("2401.00002", None, "https://arxiv.org/pdf/2401.00002")


def test_several_links_in_the_link_cell() -> None:
    entry = only_entry(HEADER + row(link=f"[paper]({CVF}) [code](https://github.com/a/b) <https://arxiv.org/abs/2401.00003>"))
    assert (entry.venue_url, entry.code_url, entry.arxiv_id) == (CVF, "https://github.com/a/b", "2401.00003")


def test_bare_url_in_the_link_cell() -> None:
    assert only_entry(HEADER + row(link=CVF)).venue_url == CVF


@pytest.mark.parametrize(
    ("link", "words"),
    [
        ("[link](javascript:alert(1))", "javascript:"),
        ("[link](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
        ("[link](papers/x.pdf)", "relative"),
        ("papers/x.pdf", "relative"),
        ("[link](ftp://example.com/x.pdf)", "ftp:"),
    ],
)
def test_bad_link_schemes_are_dropped_with_a_warning(link: str, words: str) -> None:
    items = parse(HEADER + row(link=link))
    [entry] = entries(items)
    [warning] = problems(items)
    assert (entry.venue_url, entry.abs_url, entry.pdf_url) == ("", "", "")
    assert entry.title_en == "A Title"
    assert (warning.skipped, warning.field, warning.line) == (False, "venue_url", 3)
    assert words in warning.reason


def test_uppercase_http_scheme_is_kept() -> None:
    assert only_entry(HEADER + row(link="[l](HTTPS://example.com/x.pdf)")).venue_url == "HTTPS://example.com/x.pdf"


def test_truncated_link_is_reported() -> None:
    items = parse(HEADER + row(link="[link](https://openaccess.thecvf.com/content/ICCV2023/pap"))
    assert any(isinstance(item, Problem) and "cut off" in item.reason and item.line == 3 for item in items)


# --- bad rows ---------------------------------------------------------------------------------------


def test_wrong_cell_counts_are_problems_and_the_rest_is_read() -> None:
    text = (
        HEADER
        + row("Good one")
        + "| 2023 | Too few | A |\n"
        + "| 2023 | Too many | A | x | y | z | extra |\n"
        + row("Good two").rstrip("|\n") + "\n"  # trailing pipe missing: recoverable
        + row("Good three").rstrip("\n") + " | |\n"  # an empty extra cell: recoverable
        + "a line without any pipe\n"
        + row("Good four")
    )
    items = parse(text)
    assert [(entry.title_en, entry.line) for entry in entries(items)] == [
        ("Good one", 3), ("Good two", 6), ("Good three", 7), ("Good four", 9)]
    assert [(problem.line, problem.skipped) for problem in problems(items)] == [(4, True), (5, True), (8, True)]
    assert "3 cell(s) but the header has 6" in problems(items)[0].reason
    assert "7 cell(s)" in problems(items)[1].reason


def test_row_without_title_is_a_problem() -> None:
    items = parse(HEADER + row(title="None") + row(title="  ") + row("Kept"))
    assert [problem.line for problem in problems(items)] == [3, 4]
    assert all("no title" in problem.reason and problem.skipped for problem in problems(items))
    assert [entry.title_en for entry in entries(items)] == ["Kept"]


def test_table_in_a_code_fence_is_not_read() -> None:
    assert parse("```\n" + HEADER + row() + "```\n") == []


@pytest.mark.parametrize(
    "text",
    ["", "|", "||\n|-|", "| 题目 | 作者 | 摘要 | link |\n|", "\x00\ufeff\r\r\n|", "| 题目 | 作者 | 摘要 | link |\n|---|---|---|---|\n|\\",
     HEADER + "| " * 70000, HEADER + "| 2023 | [t](<javascript:x>) | a | b | c | [x](",
     "<!--" + HEADER + row(), "> " * 200 + HEADER + row()],
)
def test_hostile_documents_never_raise(text: str) -> None:
    items = parse(text)
    line_count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert all(isinstance(item, (Entry, Problem)) for item in items)
    assert all(item.line is not None and 1 <= item.line <= line_count for item in items)
    venue_table.detect(text)


# --- property test ------------------------------------------------------------------------------------

SEED_LINES = SEED_TEXT.split("\n")


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "insert", "cut"]))
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        if not lines:
            break
        if kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "insert":
            noise = draw(st.text(min_size=1, max_size=12))
            position = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:position] + noise + lines[at][position:]
        else:
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
    text = "\n".join(lines)
    return text[: draw(st.integers(0, len(text)))] if draw(st.booleans()) else text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_seed())
def test_mutated_seed_never_raises(text: str) -> None:
    items = parse(text, "seed.md")
    line_count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for item in items:
        assert isinstance(item, (Entry, Problem))
        assert item.line is not None and 1 <= item.line <= line_count
        if isinstance(item, Entry):
            assert item.title_en or item.title_zh
            assert "<" not in item.venue_url and "](" not in item.title_en
    if sum(isinstance(item, Entry) for item in items) >= 2:  # still holds papers: still a venue table
        assert venue_table.detect(text)
