"""Format B, the daily arXiv digest with translations: the real seed and hostile variants."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complexity import assert_linear
from research_digest.model import DateOrigin, Entry, PaperDate, Precision, Problem
from research_digest.sources import daily

SEEDS = Path(__file__).parent.parent / "seeds"
SEED = SEEDS / "001_466e798c07ea2cbe.txt"
OTHER_FORMAT_SEEDS = (
    "000_4d930b09bd2532f5.txt",
    "002_d7b3bf122039df21.txt",
    "003_daa8b05561275366.txt",
    "004_8365cecda7d1ee74.txt",
)
MARKUP = re.compile(r"<br|<details|</details|<summary|</summary|\*\*|<span|<b>|&amp;|&lt;")


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def parse(text: str, path: str = "doc.md") -> list[Entry | Problem]:
    return list(daily.parse(text, path))


def entries(text: str) -> list[Entry]:
    return [item for item in parse(text) if isinstance(item, Entry)]


def problems(text: str) -> list[Problem]:
    return [item for item in parse(text) if isinstance(item, Problem)]


def only_entry(text: str) -> Entry:
    found = parse(text)
    assert len(found) == 1, found
    assert isinstance(found[0], Entry), found
    return found[0]


def line_count(text: str) -> int:
    return len(re.split(r"\r\n|\r|\n", text))


@pytest.fixture(scope="module")
def seed_items() -> list[Entry | Problem]:
    return list(daily.parse(seed_text(), str(SEED)))


@pytest.fixture(scope="module")
def seed_entries(seed_items: list[Entry | Problem]) -> list[Entry]:
    return [item for item in seed_items if isinstance(item, Entry)]


def by_title(found: list[Entry], title: str) -> Entry:
    matches = [entry for entry in found if entry.title_en == title]
    assert len(matches) == 1, title
    return matches[0]


# --- detection ---------------------------------------------------------------------------


def test_detects_the_daily_seed() -> None:
    assert daily.detect(seed_text())


@pytest.mark.parametrize("name", OTHER_FORMAT_SEEDS)
def test_does_not_claim_the_other_formats(name: str) -> None:
    assert not daily.detect((SEEDS / name).read_text(encoding="utf-8"))


def test_detects_a_header_with_no_papers_but_not_an_empty_document() -> None:
    assert daily.detect("## [UPDATED!] **2024-02-16** (Publish Time)\n")
    assert not daily.detect("")
    assert not daily.detect("# 摘要\n\n| Ref | Title | Summary |\n| --- | --- | --- |\n")
    assert not daily.detect("| 年份 | 题目 | 作者 | 摘要 | link |\n| --- | --- | --- | --- | --- |\n")


@pytest.mark.parametrize(
    "text", ["\x00\xff\ufffd", "**index:", "**", "\ufeff", "<" * 1000, "\r\n" * 50, "**Title:**"]
)
def test_fragments_of_markers_are_not_a_daily_digest(text: str) -> None:
    assert daily.detect(text) is False


# --- the real seed -----------------------------------------------------------------------


def test_seed_has_39_papers_and_no_problems(seed_items: list[Entry | Problem]) -> None:
    assert len(seed_items) == 39
    assert all(isinstance(item, Entry) for item in seed_items)


def test_seed_sections(seed_entries: list[Entry]) -> None:
    assert Counter(entry.section for entry in seed_entries) == {
        "多模态": 10,
        "分类/检测/识别/分割/...": 14,
        "图像理解": 2,
        "Transformer": 3,
        "3D/CG": 2,
        "各类学习方式": 1,
        "其他": 7,
    }
    # Sections in document order, each numbered from 1.
    order = list(dict.fromkeys(entry.section for entry in seed_entries))
    assert order == [
        "多模态", "分类/检测/识别/分割/...", "图像理解", "Transformer", "3D/CG", "各类学习方式", "其他",
    ]  # fmt: skip
    for section in order:
        indices = [entry.index for entry in seed_entries if entry.section == section]
        assert indices == list(range(1, len(indices) + 1))


def test_seed_first_paper(seed_entries: list[Entry]) -> None:
    first = seed_entries[0]
    assert first.source == str(SEED)
    assert first.format == "daily"
    assert first.line == 5
    assert first.index == 1
    assert first.title_en == (
        "PaLM2-VAdapter: Progressively Aligned Language Model Makes a Strong Vision-language Adapter"
    )
    assert first.title_zh == "PaLM2-VAdapter：逐步对齐的语言模型打造强大的视觉语言适配器"
    assert first.authors == ("Junfei Xiao", "Zheng Xu", "Alan Yuille", "Shen Yan", "Boyu Wang")
    assert first.arxiv_id == "2402.10896"
    assert first.arxiv_version == 1
    assert first.pdf_url == "http://arxiv.org/pdf/2402.10896v1"
    assert first.abs_url == "https://arxiv.org/abs/2402.10896"
    assert first.code_url == ""
    assert first.venue_url == ""
    assert first.section == "多模态"
    assert first.stated_date == PaperDate(dt.date(2024, 2, 16), Precision.DAY)
    assert first.stated_date.origin is DateOrigin.DOCUMENT
    assert first.abstract_en.startswith("This paper demonstrates that a progressively aligned language model")
    assert first.abstract_en.endswith("marking a significant efficiency improvement.")
    assert first.abstract_zh.startswith("本文证明了逐步对齐的语言模型可以有效地连接冻结视觉编码器")
    assert first.abstract_zh.endswith("标志着效率的显着提高。")


def test_seed_last_paper(seed_entries: list[Entry]) -> None:
    last = seed_entries[-1]
    assert last.title_en == "Interpreting CLIP with Sparse Linear Concept Embeddings (SpLiCE)"
    assert last.title_zh == "用稀疏线性概念嵌入解释 CLIP (SpLiCE)"
    assert last.line == 327
    assert last.section == "其他"
    assert last.index == 7
    assert last.arxiv_id == "2402.10376"
    assert last.authors[-1] == "Himabindu Lakkaraju"


def test_seed_every_entry_line_is_its_index_line(seed_entries: list[Entry]) -> None:
    lines = seed_text().split("\n")
    for entry in seed_entries:
        assert lines[entry.line - 1] == f">>**index:** {entry.index}<br />"


def test_seed_every_field_is_present_and_free_of_markup(seed_entries: list[Entry]) -> None:
    # The seed has no missing field (every paper has Title_cn, both abstracts, PDF and Code).
    for entry in seed_entries:
        for name in ("title_en", "title_zh", "abstract_en", "abstract_zh"):
            value = getattr(entry, name)
            assert value, (entry.line, name)
            assert not MARKUP.search(value), (entry.line, name, value[:80])
            assert "\n" not in value and value == value.strip()
        assert not entry.abstract_en.startswith("原文")
        assert not entry.abstract_zh.startswith("译文")
        assert entry.authors and all(not MARKUP.search(name) for name in entry.authors)
        assert entry.pdf_url == f"http://arxiv.org/pdf/{entry.arxiv_id}v1"
        assert entry.abs_url == f"https://arxiv.org/abs/{entry.arxiv_id}"
        assert entry.arxiv_version == 1
        assert entry.stated_date == PaperDate(dt.date(2024, 2, 16), Precision.DAY)


def test_seed_every_code_field_is_null(seed_entries: list[Entry]) -> None:
    # All 39 `**Code:**` lines of the seed read `null`: none may turn into a link.
    assert seed_text().count("**Code:** null<br />") == 39
    assert all(entry.code_url == "" for entry in seed_entries)


def test_seed_code_mentioned_in_an_abstract_is_not_a_code_link(seed_entries: list[Entry]) -> None:
    entry = by_title(seed_entries, "Theoretical Understanding of Learning from Adversarial Perturbations")
    assert entry.abstract_en.endswith(
        "The code is available at https://github.com/s-kumano/learning-from-adversarial-perturbations."
    )
    assert entry.code_url == ""


def test_seed_et_al_is_not_an_author(seed_entries: list[Entry]) -> None:
    entry = by_title(seed_entries, "In-Vivo Hyperspectral Human Brain Image Database for Brain Cancer Detection")
    assert entry.authors == (
        "H. Fabelo", "S. Ortega", "A. Szolna", "D. Bulters", "J. F. Pineiro",
        "S. Kabwama", "A. Shanahan", "H. Bulstrode", "S. Bisshopp", "B. R. Kiran",
    )  # fmt: skip
    assert entry.section == "分类/检测/识别/分割/..."
    assert entry.index == 5


def test_seed_text_that_looks_like_markup_or_escapes_is_kept(seed_entries: list[Entry]) -> None:
    bio = by_title(
        seed_entries,
        "BioFusionNet: Deep Learning-Based Survival Risk Stratification in ER+ Breast Cancer "
        "Through Multifeature and Multimodal Data Fusion",
    )
    assert "(HR=2.99, 95% CI: 1.88--4.78, p<0.005)" in bio.abstract_en
    assert "（HR=2.99，95% CI：1.88--4.78，p<0.005）" in bio.abstract_zh
    mllm = by_title(
        seed_entries,
        "Multi-modal preference alignment remedies regression of visual instruction tuning on language model",
    )
    assert "(+4.9\\% on MM-Vet, +6\\% on LLaVA-Bench)" in mllm.abstract_en
    mri = seed_entries[31]
    assert mri.title_en == (
        "U$^2$MRPD: Unsupervised undersampled MRI reconstruction by prompting a large latent diffusion model"
    )
    assert mri.section == "各类学习方式"


# --- inline documents: the variants ------------------------------------------------------

ENTRY = """>>**index:** 1<br />
**Title:** **A Paper**<br />
**Title_cn:** 一篇论文<br />
**Authors:** Ann Lee, Bo Chen<br />
**Abstract:** <details><summary>原文: </summary>English abstract.</details>
**Abstract_cn:** <details><summary>译文: </summary>中文摘要。</details>
**PDF:** <http://arxiv.org/pdf/2402.00001v3><br />
**Code:** null<br />
"""


def test_a_complete_entry() -> None:
    entry = only_entry(ENTRY)
    assert (entry.line, entry.index, entry.title_en, entry.title_zh) == (1, 1, "A Paper", "一篇论文")
    assert entry.authors == ("Ann Lee", "Bo Chen")
    assert (entry.abstract_en, entry.abstract_zh) == ("English abstract.", "中文摘要。")
    assert (entry.arxiv_id, entry.arxiv_version) == ("2402.00001", 3)
    assert (entry.pdf_url, entry.abs_url) == ("http://arxiv.org/pdf/2402.00001v3", "https://arxiv.org/abs/2402.00001")
    assert entry.stated_date is None and entry.section == ""


def test_date_headers_and_sections_apply_until_the_next_one() -> None:
    doc = (
        "# !UPDATED  -- 2024-01-01\n\n>## **多模态**\n>---\n"
        + ENTRY
        + "\n>## **Transformer**\n"
        + ENTRY.replace("A Paper", "Second")
        + "\n## [UPDATED!] **2024-02-16** (Publish Time)\n\n"
        + ENTRY.replace("A Paper", "Third")
        + ">## **其他**\n"
        + ENTRY.replace("A Paper", "Fourth")
    )
    found = entries(doc)
    assert [(e.title_en, e.section, e.stated_date.key if e.stated_date else None) for e in found] == [
        ("A Paper", "多模态", "2024-01-01"),
        ("Second", "Transformer", "2024-01-01"),
        ("Third", "", "2024-02-16"),
        ("Fourth", "其他", "2024-02-16"),
    ]
    assert [e.line for e in found] == [5, 15, 26, 35]
    assert all(e.stated_date and e.stated_date.precision is Precision.DAY for e in found)


def test_a_date_line_without_heading_marks_starts_a_day() -> None:
    doc = ENTRY + "[UPDATED!] 2024-03-01\n" + ENTRY.replace("A Paper", "Next day")
    found = entries(doc)
    assert [(e.title_en, e.stated_date.key if e.stated_date else None) for e in found] == [
        ("A Paper", None),
        ("Next day", "2024-03-01"),
    ]
    # A wrapped abstract line about an update is no date header.
    doc = ENTRY.replace("English abstract.", "Results\nupdated on 2023-05-01 agree.")
    entry = only_entry(doc)
    assert entry.abstract_en == "Results updated on 2023-05-01 agree."
    assert entry.stated_date is None


def test_section_markup_is_stripped() -> None:
    doc = ">## **分类/检测/识别/分割/...**\n" + ENTRY + "## <b>Other &amp; more</b>\n" + ENTRY
    assert [e.section for e in entries(doc)] == ["分类/检测/识别/分割/...", "Other & more"]


def test_fields_on_one_line_joined_by_br() -> None:
    doc = (
        ">>**index:** 7<br />**Title:** **One Line**<br />**Authors:** A B, C D<br />"
        "**PDF:** <https://arxiv.org/pdf/2402.00002v1><br />**Code:** <https://github.com/x/y><br />\n"
    )
    entry = only_entry(doc)
    assert (entry.index, entry.title_en, entry.authors) == (7, "One Line", ("A B", "C D"))
    assert (entry.pdf_url, entry.code_url) == ("https://arxiv.org/pdf/2402.00002v1", "https://github.com/x/y")


def test_a_wrapped_title_and_abstract_join_with_spaces() -> None:
    doc = ENTRY.replace("**A Paper**", "**A Very Long Title\nThat Wraps\n  Twice**").replace(
        "English abstract.", "First line\nsecond line."
    )
    entry = only_entry(doc)
    assert entry.title_en == "A Very Long Title That Wraps Twice"
    assert entry.abstract_en == "First line second line."


def test_missing_optional_fields() -> None:
    doc = (
        ">>**index:** 2<br />\n**Title:** **Bare**<br />\n**Authors:** Solo<br />\n"
        "**PDF:** <http://arxiv.org/abs/2402.00003v2><br />\n**Code:** null<br />\n"
    )
    entry = only_entry(doc)
    assert (entry.title_en, entry.title_zh, entry.abstract_en, entry.abstract_zh) == ("Bare", "", "", "")
    assert entry.authors == ("Solo",)
    # An abs link is kept as written; the pdf link is derived.
    assert entry.abs_url == "http://arxiv.org/abs/2402.00003v2"
    assert entry.pdf_url == "https://arxiv.org/pdf/2402.00003"
    assert (entry.arxiv_id, entry.arxiv_version) == ("2402.00003", 2)


def test_code_link_with_stray_bold_and_placeholders() -> None:
    assert only_entry(ENTRY.replace("**Code:** null<br />", "**Code:** <https://github.com/a/b>**")).code_url == (
        "https://github.com/a/b"
    )
    assert only_entry(ENTRY.replace("**Code:** null<br />", "**Code:** https://github.com/a/b**<br />")).code_url == (
        "https://github.com/a/b"
    )
    assert only_entry(ENTRY.replace("**Code:** null<br />", "**Code:** [repo](https://github.com/c/d)")).code_url == (
        "https://github.com/c/d"
    )
    assert only_entry(ENTRY.replace("**Code:** null<br />", "**Code:** None<br />")).code_url == ""
    assert only_entry(ENTRY.replace("**Title_cn:** 一篇论文", "**Title_cn:** null")).title_zh == ""


def test_non_arxiv_pdf_goes_to_venue_url() -> None:
    entry = only_entry(ENTRY.replace("<http://arxiv.org/pdf/2402.00001v3>", "<https://openaccess.thecvf.com/x.pdf>"))
    assert entry.venue_url == "https://openaccess.thecvf.com/x.pdf"
    assert (entry.pdf_url, entry.abs_url, entry.arxiv_id, entry.arxiv_version) == ("", "", "", None)


def test_fields_in_another_order_and_unknown_fields() -> None:
    doc = (
        ">>**index:** 3<br />\n**Code:** <https://github.com/o/r><br />\n**Title_cn:** 中文标题<br />\n"
        "**Stars:** 120<br />\n**Title:** **Reordered**<br />\n**Comment:** 12 pages, 3 figures\n"
        "spilling onto a second line<br />\n**Authors:** X Y<br />\n"
        "**PDF:** <http://arxiv.org/pdf/2402.00004v1><br />\n"
    )
    entry = only_entry(doc)
    assert (entry.title_en, entry.title_zh, entry.code_url) == ("Reordered", "中文标题", "https://github.com/o/r")
    assert entry.authors == ("X Y",)  # the unknown `Comment` did not leak into any field
    assert entry.arxiv_id == "2402.00004"


def test_an_entry_without_a_title_is_a_problem_and_the_rest_still_parses() -> None:
    doc = (
        ">## **S**\n" + ENTRY
        + ">>**index:** 2<br />\n**Authors:** No Title<br />\n**PDF:** <http://arxiv.org/pdf/2402.00005v1><br />\n"
        + ENTRY.replace("A Paper", "After")
    )  # fmt: skip
    found = parse(doc, "p.md")
    assert [type(item).__name__ for item in found] == ["Entry", "Problem", "Entry"]
    problem = found[1]
    assert (problem.source, problem.line, problem.reason, problem.skipped) == ("p.md", 10, "no title", True)
    assert found[2].title_en == "After" and found[2].line == 13 and found[2].section == "S"


def test_entries_without_index_or_blockquote_split_on_the_repeated_title() -> None:
    doc = (
        "**Title:** **First**<br />\n**Authors:** A<br />\n**PDF:** <http://arxiv.org/pdf/2402.00006v1><br />\n"
        "**Title:** **Second**<br />\n**Authors:** B<br />\n**Code:** null<br />\n"
        "**index:** 9<br />\n**Title:** **Third**<br />\n"
    )
    found = entries(doc)
    assert [(e.title_en, e.authors, e.index, e.line) for e in found] == [
        ("First", ("A",), None, 1),
        ("Second", ("B",), None, 4),
        ("Third", (), 9, 7),
    ]


def test_html_never_leaks_into_fields_and_entities_are_decoded() -> None:
    doc = (
        "**Title:** **Rock &amp; Roll<br>Part&nbsp;2**<br/>\n"
        "**Authors:** <span>Ann</span> O&#39;Neil, Bo<br>\n"
        "**Abstract:** <details><summary>原文: </summary><p>We <b>show</b> that n<k and m>2.</p>"
        "<script>alert(1)</script><!-- hidden --><br />Second &lt;para&gt;.</details>\n"
        "**Abstract_cn:** <details open><summary>译文: </summary>中文 <i>摘要</i></details>\n"
    )
    entry = only_entry(doc)
    assert entry.title_en == "Rock & Roll Part 2"
    assert entry.authors == ("Ann O'Neil", "Bo")
    assert entry.abstract_en == "We show that n<k and m>2. Second <para>."
    assert entry.abstract_zh == "中文 摘要"


def test_authors_split_on_commas_chinese_commas_and_the_last_and() -> None:
    def authors(value: str) -> tuple[str, ...]:
        return only_entry(f"**Title:** **T**<br />\n**Authors:** {value}<br />\n").authors

    assert authors("A One, B Two and C Three") == ("A One", "B Two", "C Three")
    assert authors("A One, B Two, and C Three") == ("A One", "B Two", "C Three")
    assert authors("张三，李四，王五") == ("张三", "李四", "王五")
    assert authors("Andrea Sandoval, Ann Anders, et al.") == ("Andrea Sandoval", "Ann Anders")
    assert authors(" , Solo ,") == ("Solo",)


@pytest.mark.parametrize(
    ("link", "field", "scheme"),
    [
        ("<javascript:alert(1)>", "pdf_url", "'javascript:'"),
        ("data:text/html,x", "pdf_url", "'data:'"),
        ("[pdf](vbscript:x)", "pdf_url", "'vbscript:'"),
    ],
)
def test_a_non_http_pdf_link_is_dropped_with_a_warning(link: str, field: str, scheme: str) -> None:
    found = parse(ENTRY.replace("<http://arxiv.org/pdf/2402.00001v3>", link))
    entry, warning = found
    assert isinstance(entry, Entry) and entry.title_en == "A Paper"
    assert (entry.pdf_url, entry.abs_url, entry.arxiv_id, entry.venue_url) == ("", "", "", "")
    assert isinstance(warning, Problem)
    assert (warning.line, warning.field, warning.skipped) == (7, field, False)
    assert scheme in warning.reason


def test_a_relative_code_link_is_dropped_with_a_warning() -> None:
    entry, warning = parse(ENTRY.replace("**Code:** null<br />", "**Code:** ../code/repo<br />"))
    assert isinstance(entry, Entry) and entry.code_url == ""
    assert isinstance(warning, Problem)
    assert (warning.line, warning.field, warning.skipped) == (8, "code_url", False)
    assert "http" in warning.reason


def test_http_scheme_is_case_insensitive() -> None:
    entry = only_entry(ENTRY.replace("**Code:** null", "**Code:** <HTTPS://GitHub.com/X/Y>"))
    assert entry.code_url == "HTTPS://GitHub.com/X/Y"


def test_crlf_bom_and_lone_cr() -> None:
    header = "\ufeff## [UPDATED!] **2024-02-16** (Publish Time)\r\n\r\n>## **多模态**\r\n"
    entry = only_entry(header + ENTRY.replace("\n", "\r\n"))
    assert entry.stated_date is not None and entry.stated_date.key == "2024-02-16"
    assert (entry.line, entry.section, entry.title_en) == (4, "多模态", "A Paper")
    assert only_entry(ENTRY.replace("\n", "\r")).code_url == ""
    assert only_entry(ENTRY.replace("\n", "\r")).title_zh == "一篇论文"


def test_a_document_truncated_inside_an_abstract() -> None:
    doc = ENTRY.split("English")[0] + "Engl"
    entry = only_entry(doc)
    assert entry.abstract_en == "Engl"
    doc = ENTRY.split("</details>")[0] + "</deta"
    assert only_entry(doc).abstract_en == "English abstract."
    doc = ENTRY.split("<summary>")[0] + "<summary>原文: cut"
    assert not MARKUP.search(only_entry(doc).abstract_en)


def test_an_abstract_with_paragraphs_keeps_them_across_blank_lines() -> None:
    doc = ENTRY.replace("English abstract.", "Para one.\n\nPara two.")
    assert only_entry(doc).abstract_en == "Para one. Para two."


def test_lines_after_a_blank_line_do_not_join_a_closed_field() -> None:
    doc = ENTRY + "\nGenerated by a bot.\n"
    assert only_entry(doc).code_url == ""


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "## [UPDATED!] **2024-02-16** (Publish Time)\n\n>## **多模态**\n>---\n",
        "random words\nwithout any structure\n",
        "\x00\x01\x02\ufffd\ud7ff",
        "**Title:**",
        "**index:** 99999999999999999999999999999<br />",
        ">>**index:**\n" * 5,
        "**Title:** **" + "<" * 5000,
        "# " + "2024-13-45 " * 100,
    ],
)
def test_hostile_documents_never_raise(text: str) -> None:
    for item in parse(text):
        assert isinstance(item, (Entry, Problem))
        assert item.line is not None and 1 <= item.line <= line_count(text)


def test_a_huge_index_is_not_an_int_overflow() -> None:
    entry = only_entry("**index:** " + "9" * 5000 + "<br />\n**Title:** **T**<br />\n")
    assert entry.index is None


@pytest.mark.parametrize("unit", ["<a ", "<!--", "<k$ ", "<b"])
def test_unclosed_markup_is_read_in_linear_time(unit: str) -> None:
    def parse_with(repeats: int) -> Entry:
        return only_entry("**Title:** **T**<br />\n**Abstract:** " + unit * repeats + "\n")

    assert parse_with(20_000).title_en == "T"
    assert_linear(parse_with, 5_000, unit)


def test_the_seed_repeated_parses_in_linear_time() -> None:
    assert sum(1 for _ in daily.parse(seed_text() * 100, "big.md")) == 3900
    assert_linear(lambda copies: list(daily.parse(seed_text() * copies, "big.md")), 10, "daily seed")


# --- property: mutated seeds never break the parser --------------------------------------

SEED_LINES = seed_text().split("\n")


@st.composite
def mutated_seeds(draw: st.DrawFn) -> str:
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "cut"]))
        if action == "delete" and len(lines) > 1:
            del lines[position]
        elif action == "duplicate":
            lines.insert(position, lines[position])
        elif action == "insert":
            line = lines[position]
            at = draw(st.integers(0, len(line)))
            lines[position] = line[:at] + draw(st.text(max_size=20)) + line[at:]
        elif action == "cut":
            line = lines[position]
            lines[position] = line[: draw(st.integers(0, len(line)))]
    text = "\n".join(lines)
    return text[: draw(st.integers(0, len(text)))]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seeds())
def test_mutated_seed_never_raises(text: str) -> None:
    lines = line_count(text)
    papers = 0
    for item in daily.parse(text, "mutated.md"):
        assert isinstance(item, (Entry, Problem))
        assert item.line is not None and 1 <= item.line <= lines
        if isinstance(item, Entry):
            papers += 1
            assert item.format == "daily"
            assert item.title_en or item.title_zh
            assert "<br" not in item.title_en and "<details" not in item.abstract_en
    if papers >= 2:  # what still holds two papers is still recognised as a daily digest
        assert daily.detect(text)
