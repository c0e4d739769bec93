"""TeX in digest text: MathML built at build time, emphasis, citations, Markdown markers and a
translator's leftovers cleaned, plain text wherever HTML is not the output."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from research_digest.bibtex import bibtex_entry
from research_digest.clean import clean_entry, repair
from research_digest.feeds import entry_summary, entry_title
from research_digest.model import Entry, Paper, Text
from research_digest.publish import PublishOptions, paper_record
from research_digest.search_tokens import search_doc
from research_digest.tex import MATHML_ELEMENTS, formula_problems, plain, rich_html
from research_digest.text_rules import chinese_title, without_markdown_emphasis

ALLOWED_TAGS = MATHML_ELEMENTS | {"em", "strong", "code", "span"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def tags_of(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def assert_only_safe_markup(html: str) -> None:
    for tag, attributes in tags_of(html):
        assert tag in ALLOWED_TAGS, html
        for name, value in attributes:
            assert name in ("display", "mathvariant", "stretchy", "fence", "separator", "accent", "lspace", "rspace",
                            "movablelimits", "largeop", "form", "linethickness", "symmetric", "columnalign",
                            "rowspacing", "columnspacing", "minsize", "maxsize", "accentunder", "notation"), html
            assert value is None or ("javascript" not in value.lower() and ":" not in value), html


# -- math -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("S$^{2}$-DMs", "<msup>"),
    ("LLaVA-$φ$", "<mi>φ</mi>"),
    ("U$^2$MRPD: Unsupervised", "<mn>2</mn>"),
    ("a minimum of 3$\\times$ lower GPU memory", "<mo>×</mo>"),
    ("The loss $$\\mathcal{L} = \\sum_i x_i$$ is minimised", '<math display="block">'),
])
def test_formulas_in_issue_examples_become_mathml_at_build_time(text, expected):
    html = str(rich_html(text))
    assert expected in html and "<math" in html
    assert "$" not in html and "<script" not in html
    assert_only_safe_markup(html)


@pytest.mark.parametrize("text", [
    "Costs $5 and $10 per run",
    "between $5 and $10,000",
    "a $ sign alone",
    "US$ 3 billion and $ 4",
    "It costs \\$5 to run $x$",
    "${alert(1)} `${window.__pwned=1}`",  # template strings are code
])
def test_money_is_not_math(text):
    html = str(rich_html(text))
    if "$x$" in text:
        assert html.count("<math") == 1 and "$5" in html
    else:
        assert "<math" not in html
        assert plain(text) == text


def test_an_escaped_dollar_is_a_dollar_in_html_and_plain_text():
    text = repair(r"budget of \$5 and $\alpha$")
    assert text == r"budget of \$5 and $\alpha$"  # the escape is kept: it tells money from a formula
    assert plain(text) == "budget of $5 and α"
    assert str(rich_html(text)).startswith("budget of $5 and <math")


@pytest.mark.parametrize("formula", [
    "$<script>alert(1)</script>$",
    "$\\href{javascript:alert(1)}{x}$",
    "$\\text{<img src=x onerror=alert(1)>}$",
    "$\\style{background:url(javascript:alert(1))}{x}$",
    "$\\color{red}{x}$",
    "$\\mathrm{\"><svg onload=alert(1)>}$",
    "$a & b < c$",
    "$" + "{" * 3000 + "x" + "}" * 3000 + "$",
    "$" + "x^{2}" * 5000 + "$",
    "$\\unicode{x3c}script$",
])
def test_hostile_formulas_give_only_escaped_text_or_clean_mathml(formula):
    html = str(rich_html(f"Title {formula} end"))
    assert_only_safe_markup(html)
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert 'href="' not in html and 'style="' not in html  # as text ("hrefjavascript:...") they are harmless
    assert html.startswith("Title ") and html.endswith(" end")


def test_a_huge_formula_is_shown_as_text_and_reported():
    formula = "x^{2}" * 5000
    assert formula_problems(f"a ${formula}$ b") == [formula]
    assert "<math" not in str(rich_html(f"a ${formula}$ b"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("$\\{}^_<>&\"'ax1 ") + ["\\frac", "\\text", "\\href", "\\textit"]), max_size=40))
def test_any_text_renders_to_allowed_markup_only(pieces):
    html = str(rich_html("".join(pieces)))
    assert_only_safe_markup(html)


# -- emphasis, citations, Markdown markers ----------------------------------------------------------


def test_emphasis_commands_become_emphasis_and_citations_are_removed():
    entry = Entry("d.md", 7, "daily", title_en="A \\textbf{Bold} Idea",
                  abstract_en="We use \\textit{masked} tokens~\\cite{he2022} and \\emph{more} (\\citep{a, b}); see Fig.~\\ref{fig:1}. {\\bf First}.")
    cleaned, problems = clean_entry(entry)
    assert problems == []
    abstract = cleaned.abstract_en.text
    assert "\\cite" not in abstract and "\\ref" not in abstract and "()" not in abstract
    html = str(rich_html(abstract))
    assert "<em>masked</em>" in html and "<em>more</em>" in html and "<strong>First</strong>" in html
    assert plain(abstract) == "We use masked tokens and more; see Fig.. First."
    assert str(rich_html(cleaned.entry.title_en)) == "A <strong>Bold</strong> Idea"
    assert str(rich_html("\\texttt{<b>}")) == "<code>&lt;b&gt;</code>"


@pytest.mark.parametrize("title, expected", [
    ("***BiRefNet***: Bilateral Reference for Image Segmentation", "BiRefNet: Bilateral Reference for Image Segmentation"),
    ("**Bold** title", "Bold title"),
    ("*Emphasised* title", "Emphasised title"),
    ("A* Search Revisited", "A* Search Revisited"),
    ("Hooks: window.__pwned and __init__", "Hooks: window.__pwned and __init__"),
    ("Concepts**Models", "Concepts Models"),
    ("$x^*$ and $a_1$ kept", "$x^*$ and $a_1$ kept"),
])
def test_markdown_emphasis_markers_are_stripped_from_titles(title, expected):
    assert without_markdown_emphasis(title) == expected
    cleaned, _ = clean_entry(Entry("d.md", 1, "daily", title_en=title))
    assert cleaned.entry.title_en == expected


# -- translator leftovers ------------------------------------------------------------------------------


@pytest.mark.parametrize("title, expected", [
    ("Erasing Undesirable Concepts in Diffusion Concepts**Models 中文翻译为：**扩散模型中不良概念的擦除**", "扩散模型中不良概念的擦除"),
    ("Medical Image Analysis 中文翻译：医学图像分析的新方法", "医学图像分析的新方法"),
    ("Image Analysis 翻译为: 图像分析", "图像分析"),
    ("普通的中文标题：没有翻译标签", "普通的中文标题：没有翻译标签"),
])
def test_a_chinese_title_keeps_only_the_chinese_after_the_translator_label(title, expected):
    assert chinese_title(title) == (expected, "")
    cleaned, problems = clean_entry(Entry("d.md", 3, "daily", title_zh=title))
    assert cleaned.entry.title_zh == expected and problems == []


def test_a_translator_label_with_nothing_chinese_after_it_is_kept_with_a_warning():
    title = "Image Analysis 中文翻译：Image Analysis"
    cleaned, problems = clean_entry(Entry("days/2024-01-02.md", 12, "daily", title_zh=title))
    assert cleaned.entry.title_zh == title
    assert [str(problem) for problem in problems] == [
        "days/2024-01-02.md:12: [title_zh] a translator's label but no Chinese title after it: kept as it is"
    ]


def test_a_formula_that_does_not_convert_is_shown_as_text_with_a_warning_naming_file_and_line():
    cleaned, problems = clean_entry(Entry("d/2024-02-16.md", 40, "daily", title_en="Bad $x^$ formula",
                                          abstract_en="Also $\\frac{1}{2}$ fine."))
    assert [str(problem) for problem in problems] == [
        "d/2024-02-16.md:40: [title_en] formula shown as text (it does not convert to MathML): 'x^'"
    ]
    assert str(rich_html(cleaned.entry.title_en)) == "Bad x^ formula"


def test_formulas_keep_their_escapes_when_text_is_repaired():
    assert repair(r"set $\{x\}$ and 50\% of \{a\}") == r"set $\{x\}$ and 50% of {a}"


# -- plain text outside HTML ------------------------------------------------------------------------------


TEX_PAPER = Paper(
    id="2402.00001", arxiv_id="2402.00001", title_en="S$^{2}$-DMs: \\textit{Skip} $<b>$", title_zh="S$^{2}$-DMs：跳过",
    authors=("Ada Lovelace",), tldr_en=Text("We are 3$\\times$ faster."), tldr_zh=Text("快 3$\\times$。"),
    abstract_en=Text("Runs in $\\mathcal{O}(n)$ time."),
)


def test_feeds_bibtex_search_and_json_get_plain_text():
    assert entry_title(TEX_PAPER) == "S^2-DMs: Skip <b> / S^2-DMs：跳过"
    assert "$" not in entry_summary(TEX_PAPER) and "3×" in entry_summary(TEX_PAPER)
    bib = bibtex_entry(TEX_PAPER)
    assert "title = {S\\textasciicircum{}2-DMs: Skip <b>}" in bib and "\\mathcal" not in bib
    doc = search_doc(TEX_PAPER, 0)
    assert (doc.title_en, doc.text_en) == ("S^2-DMs: Skip <b>", "We are 3× faster.")
    record = json.loads(json.dumps(paper_record(TEX_PAPER, None, None, PublishOptions())))
    assert record["title"] == {"en": "S^2-DMs: Skip <b>", "zh": "S^2-DMs：跳过"}
    assert record["abstract"]["en"]["text"] == "Runs in O(n) time."
