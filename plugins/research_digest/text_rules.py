"""Cleaning rules for what digest generators leave in titles and prose: LaTeX citations and
references, Markdown emphasis markers in titles, a machine translator's leftovers in Chinese
titles. Formulas (``$...$``) are never touched: see tex.py."""

from __future__ import annotations

import re

from .tex import formula_problems, outside_math

_CITATION = r"\\(?:cite[tp]?|citeauthor|citeyear|nocite|ref|eqref|cref|Cref|autoref|pageref|label)\*?\{[^{}]*\}"
_CITATIONS = rf"~?{_CITATION}(?:\s*[,;]?\s*~?{_CITATION})*"
# A citation in brackets of its own goes with its brackets; one in a sentence with the space before.
_CITATION_IN_TEXT = re.compile(rf"\s*\(\s*{_CITATIONS}\s*\)|\s*\[\s*{_CITATIONS}\s*\]|\s*{_CITATIONS}")
# Markdown emphasis in a title: a run of two or more stars is never part of a title; a single
# star or underscore only when it wraps words (`*Foo*`), since "A*" is a name and `__init__` code.
_EMPHASIS_RUN = re.compile(r"\*{2,}")
_EMPHASIS_WRAP = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_]+?)(?<=\S)\1(?![\w*])")
_RUN_BETWEEN_WORDS = re.compile(r"(?<=\w)\x00(?=\w)")
# The translator's label before the real Chinese title: 中文翻译为：, 中文翻译：, 翻译为: ...
_TRANSLATOR_LABEL = re.compile(r"(?:中文)?翻译(?:为|成中文|结果)?\s*[:：]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def without_citations(text: str) -> str:
    """``text`` without ``\\cite{...}``, ``\\ref{...}`` and the like (outside formulas)."""
    if "\\" not in text:
        return text
    return outside_math(text, lambda part: _CITATION_IN_TEXT.sub("", part))


def without_markdown_emphasis(title: str) -> str:
    """A title without Markdown emphasis markers: ``***BiRefNet***`` is "BiRefNet"."""
    if "*" not in title and "_" not in title:
        return title
    return " ".join(outside_math(title, _unmarked).split())


def _unmarked(text: str) -> str:
    """Runs between two words become a space (`Concepts**Models`), others go."""
    text = _EMPHASIS_RUN.sub("\x00", text)
    text = _RUN_BETWEEN_WORDS.sub(" ", text).replace("\x00", "")
    return _EMPHASIS_WRAP.sub(r"\2", text)


def chinese_title(title: str) -> tuple[str, str]:
    """The Chinese title out of a translator's answer, and a reason to warn ("" when sure).

    ``Diffusion ... Models 中文翻译为：**扩散模型...**`` keeps what follows the last label when
    that is Chinese; when nothing Chinese follows, the rule cannot tell which part is the title:
    the title is kept as it is, with a warning.
    """
    labels = list(_TRANSLATOR_LABEL.finditer(title))
    if not labels:
        return title, ""
    after = without_markdown_emphasis(title[labels[-1].end() :]).strip()
    if _CJK.search(after):
        return after, ""
    return title, "a translator's label but no Chinese title after it: kept as it is"


def formula_warnings(text: str) -> list[str]:
    """A warning for each formula of ``text`` that is shown as text rather than MathML."""
    return [f"formula shown as text (it does not convert to MathML): {formula[:60]!r}" for formula in formula_problems(text)]
