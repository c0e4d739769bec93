"""The pieces of the statistics page's charts, as plain geometry (rectangles, lines, texts, hover
targets, legend, data table), and the text measures that lay them out. ``templates/stats.html``
turns them into inline SVG with autoescaping; nothing here builds markup."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Union

from .labels import Label

_CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

FONT = 11.0
SMALL = 9.5


# ------------------------------------------------------------------------------- geometry


@dataclass(frozen=True)
class Words:
    """A label as drawn: Chinese, English, and the lines of the 双语 form as (text, y, css)."""

    zh: str
    en: str
    bi: tuple[tuple[str, float, str], ...] = ()
    en_missing: bool = False  # the English slot shows the Chinese name (a topic without an English one)

    @property
    def neutral(self) -> bool:
        """The same in both languages (numbers, file names): drawn once, without language class."""
        return self.zh == self.en and not self.bi


@dataclass(frozen=True)
class SvgText:
    x: float
    y: float
    words: Words
    anchor: str = "start"
    css: str = ""
    size: float = FONT


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    radius: float = 0.0


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str


@dataclass(frozen=True)
class Hit:
    """An invisible hover target with a tooltip (SVG <title>) in each language."""

    x: float
    y: float
    width: float
    height: float
    tip: Label

    @property
    def tip_both(self) -> str:
        return self.tip.zh if self.tip.zh == self.tip.en else f"{self.tip.zh}\n\n{self.tip.en}"


@dataclass(frozen=True)
class LegendItem:
    label: Label
    css: str
    value: str = ""


Cell = Union[Label, str, int]


@dataclass(frozen=True)
class Table:
    head: tuple[Label, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: tuple[bool, ...]  # right-aligned columns


@dataclass(frozen=True)
class Chart:
    id: str
    title: Label
    summary: Label  # what the chart shows, in words (aria-label of the SVG)
    width: float
    height: float
    table: Table
    rects: tuple[Rect, ...] = ()
    lines: tuple[Line, ...] = ()
    texts: tuple[SvgText, ...] = ()
    hits: tuple[Hit, ...] = ()
    legend: tuple[LegendItem, ...] = ()
    notes: tuple[Label, ...] = ()
    empty: bool = False

    @property
    def aria_label(self) -> str:
        return f"{self.title.zh}：{self.summary.zh} / {self.title.en}: {self.summary.en}"


# ---------------------------------------------------------------------------- text sizes


def text_width(text: str, size: float = FONT) -> float:
    """An estimate of the drawn width: CJK characters are square, Latin ones about half as wide."""
    width = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            width += 1.0
        elif char in "il.,:;'|!() ":
            width += 0.3
        elif char.isupper() or char in "mwMW@%":
            width += 0.68
        else:
            width += 0.55
    return width * size


def fit(text: str, width: float, size: float = FONT) -> str:
    """``text`` cut short with an ellipsis so it fits ``width``."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def nice_ticks(maximum: float, count: int = 5) -> list[float]:
    """Round axis values from 0 to at least ``maximum``: steps of 1, 2 or 5 times a power of ten."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1)
    top = math.ceil(maximum / step) * step
    return [i * step for i in range(int(round(top / step)) + 1)]


def number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def percent(part: int, whole: int) -> str:
    if not whole:
        return "–"
    share = 100 * part / whole
    return f"{share:.0f}%" if share >= 10 or share == 0 else f"{share:.1f}%"


def row_words(label: Label, cy: float, width: float) -> tuple[Words, float]:
    """A row label: one line in 中文 / English, two lines (Chinese over English) in 双语.
    Returns the words and the baseline of the single-line forms."""
    zh, en = fit(label.zh, width), fit(label.en, width)
    if label.zh == label.en:
        if _CHINESE.search(label.zh):
            return Words(zh, en, ((zh, cy + 4, ""),), en_missing=True), cy + 4
        return Words(zh, en), cy + 4
    bi = ((zh, cy - 2, ""), (fit(label.en, width, SMALL), cy + 10, "rd-chart__sub"))
    return Words(zh, en, bi), cy + 4


def neutral(text: str) -> Words:
    return Words(text, text)
