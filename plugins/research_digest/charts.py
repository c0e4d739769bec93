"""Chart layout for the statistics page: Statistics -> plain geometry (rectangles, lines, labels,
hover targets, legend, data table). ``templates/stats.html`` turns it into inline SVG with
autoescaping; nothing here builds markup.

Every label exists three times, drawn in the same place: Chinese (class ``rd-zh``), English
(``rd-en``) and both (``rd-bi``, laid out for the 双语 state, e.g. on two lines). The site's
language rules hide ``rd-zh`` / ``rd-en``; ``stats.css`` shows exactly one of the three.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Union

from .labels import Label
from .sources import format_colour
from .stats import EARLIER, Statistics

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WIDTH = 760
FONT = 11.0
SMALL = 9.5
MAX_TOPIC_ROWS = 24
MAX_DOCUMENT_ROWS = 30


# ------------------------------------------------------------------------------- geometry


@dataclass(frozen=True)
class Words:
    """A label as drawn: Chinese, English, and the lines of the 双语 form as (text, y, css)."""

    zh: str
    en: str
    bi: tuple[tuple[str, float, str], ...] = ()

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
        return Words(zh, en), cy + 4
    bi = ((zh, cy - 2, ""), (fit(label.en, width, SMALL), cy + 10, "rd-chart__sub"))
    return Words(zh, en, bi), cy + 4


def neutral(text: str) -> Words:
    return Words(text, text)


# --------------------------------------------------------------------------- the charts


def statistics_charts(statistics: Statistics) -> dict[str, Chart]:
    return {
        "months": month_chart(statistics),
        "topics": topic_chart(statistics),
        "code": code_chart(statistics),
        "documents": document_chart(statistics),
    }


def month_chart(s: Statistics) -> Chart:
    title = Label("每月论文数（按主题）", "Papers per month, by topic")
    groups = s.groups
    head = (Label("月份", "Month"), Label("合计", "Total"), *(g.label for g in groups), Label("附代码", "With code"))
    rows = tuple(
        (m.label, m.papers, *m.by_group, m.with_code) for m in s.months if m.papers
    )  # the months without papers are the gaps of the chart
    table = Table(head, rows, (False, *([True] * (len(head) - 1))))
    notes = [Label("每篇论文只计一次：归入它的第一个主题（按主题顺序）；颜色见图例。",
                   "Each paper is counted once, under its first topic (in topic order); colours as in the legend.")]
    if s.year_only:
        notes.append(Label(f"另有 {s.year_only} 篇论文只知年份（如会议论文），不在图中。",
                           f"{s.year_only} more papers are known only to the year (e.g. venue papers) "
                           "and are not shown."))
    if s.months and s.months[0].key == EARLIER:
        notes.append(Label("“更早”一栏合计时间轴之前各月的论文。",
                           "The \"Earlier\" bar adds up the months before the time axis."))
    if not s.months:
        summary = Label("没有注明月份或日期的论文。", "No paper has a month or day date.")
        return Chart("rd-stats-months", title, summary, WIDTH, 0, table, notes=tuple(notes[1:]), empty=True)

    left, right, top, plot_h = 44.0, 14.0, 30.0, 220.0
    bottom = top + plot_h
    height = bottom + 62
    plot_w = WIDTH - left - right
    n = len(s.months)
    slot = plot_w / n
    bar_w = max(1.0, min(slot * 0.72, 38.0))
    ticks = nice_ticks(max(m.papers for m in s.months))
    scale = plot_h / ticks[-1]

    rects, lines, texts, hits = [], [], [], []
    for value in ticks:
        y = bottom - value * scale
        lines.append(Line(left, y, WIDTH - right, y, "rd-chart__grid" if value else "rd-chart__axis"))
        texts.append(SvgText(left - 6, y + 4, neutral(number(value)), "end", "rd-chart__tick"))
    texts.append(SvgText(left - 6, top - 14, Words("篇数", "Papers", (("篇数 · Papers", top - 14, ""),)),
                         "start", "rd-chart__axis-title"))

    step = next((k for k in (1, 2, 3, 4, 6, 12) if slot * k >= 30), 12)
    year_room = math.ceil(46 / slot)
    for i, m in enumerate(s.months):
        x0 = left + i * slot
        cx = x0 + slot / 2
        y = bottom
        for group, count in zip(groups, m.by_group):
            if count:
                h = count * scale
                y -= h
                rects.append(Rect(cx - bar_w / 2, y, bar_w, h, f"rd-fill-{group.colour}"))
        if m.papers and slot >= 15:
            texts.append(SvgText(cx, y - 4, neutral(number(m.papers)), "middle", "rd-chart__value", SMALL))
        tip_zh = [f"{m.label.zh}：{m.papers} 篇论文"] + [
            f"{g.label.zh}：{c}" for g, c in zip(groups, m.by_group) if c
        ] + ([f"附代码：{m.with_code}"] if m.with_code else [])
        tip_en = [f"{m.label.en}: {m.papers} papers"] + [
            f"{g.label.en}: {c}" for g, c in zip(groups, m.by_group) if c
        ] + ([f"With code: {m.with_code}"] if m.with_code else [])
        hits.append(Hit(x0, top, slot, plot_h, Label("\n".join(tip_zh), "\n".join(tip_en))))
        # x axis: every step-th month (Chinese over English in 双语), the year under January
        if m.key == EARLIER:
            texts.append(SvgText(cx, bottom + 16, Words("更早", "Earlier", (("更早", bottom + 16, ""),
                         ("Earlier", bottom + 28, "rd-chart__sub"))), "middle", "rd-chart__tick"))
            continue
        if (m.month - 1) % step == 0:
            lines.append(Line(cx, bottom, cx, bottom + 4, "rd-chart__axis"))
            zh, en = f"{m.month}月", _MONTHS_EN[m.month - 1]
            both = ((zh, bottom + 16, ""), (en, bottom + 28, "rd-chart__sub"))
            texts.append(SvgText(cx, bottom + 16, Words(zh, en, both), "middle", "rd-chart__tick"))
        first_shown = i == 0 or (i == 1 and s.months[0].key == EARLIER)
        next_january = next((j for j in range(i + 1, n) if s.months[j].month == 1), n + year_room)
        if m.month == 1 or (first_shown and next_january - i >= year_room):
            anchor_x = x0 + 1 if m.month != 1 or slot < 30 else cx
            year = Words(f"{m.year}年", str(m.year), ((str(m.year), bottom + 46, ""),))
            texts.append(SvgText(anchor_x, bottom + 46, year, "start" if anchor_x != cx else "middle",
                                 "rd-chart__year"))
            if m.month == 1 and i:
                lines.append(Line(x0, bottom, x0, bottom + 36, "rd-chart__axis rd-chart__year-rule"))

    legend = tuple(
        LegendItem(g.label, f"rd-fill-{g.colour}", number(sum(m.by_group[k] for m in s.months)))
        for k, g in enumerate(groups) if any(m.by_group[k] for m in s.months)
    )
    first, last = s.first_month, s.last_month
    summary = Label(
        f"{s.month_dated} 篇论文分布在 {first.label.zh if first else ''} 至 {last.label.zh if last else ''}，"
        f"最多的一月 {max(m.papers for m in s.months)} 篇。",
        f"{s.month_dated} papers from {first.label.en if first else ''} to {last.label.en if last else ''}; "
        f"at most {max(m.papers for m in s.months)} in one month.",
    )
    return Chart("rd-stats-months", title, summary, WIDTH, height, table, tuple(rects), tuple(lines),
                 tuple(texts), tuple(hits), legend, tuple(notes))


@dataclass
class _Row:
    label: Label
    segments: list[tuple[float, str]]  # (value, css), stacked left to right
    value_text: str
    tip: Label
    track: bool = False  # draw the full scale behind the bar (shares)
    label_css: str = ""


def _hbar_chart(
    chart_id: str, title: Label, summary: Label, rows: Sequence[_Row], maximum: float, table: Table,
    *, axis_title: Label, percent_axis: bool = False, legend: tuple[LegendItem, ...] = (),
    notes: tuple[Label, ...] = (),
) -> Chart:
    if not rows:
        return Chart(chart_id, title, summary, WIDTH, 0, table, legend=legend, notes=notes, empty=True)
    value_w = max([40.0] + [text_width(row.value_text, SMALL) + 14 for row in rows])
    label_w, gap, row_h, top = 236.0, 10.0, 30.0, 34.0
    bar_x = label_w + gap
    bar_max = WIDTH - bar_x - value_w
    ticks = [0, 25, 50, 75, 100] if percent_axis else nice_ticks(maximum, 4)
    scale = bar_max / (ticks[-1] or 1)
    height = top + row_h * len(rows) + 8
    rects, lines, texts, hits = [], [], [], []
    for value in ticks:
        x = bar_x + value * scale
        lines.append(Line(x, top - 4, x, height - 6, "rd-chart__grid" if value else "rd-chart__axis"))
        texts.append(SvgText(x, top - 10, neutral(f"{number(value)}%" if percent_axis else number(value)),
                             "middle", "rd-chart__tick", SMALL))
    both = ((f"{axis_title.zh} · {axis_title.en}", top - 10, ""),)
    texts.append(SvgText(0, top - 10, Words(axis_title.zh, axis_title.en, both), "start", "rd-chart__axis-title"))
    for i, row in enumerate(rows):
        y0 = top + i * row_h
        cy = y0 + row_h / 2
        words, baseline = row_words(row.label, cy, label_w - 4)
        texts.append(SvgText(label_w, baseline, words, "end", f"rd-chart__label {row.label_css}".strip()))
        bar_h = row_h - 10
        if row.track:
            rects.append(Rect(bar_x, cy - bar_h / 2, bar_max, bar_h, "rd-chart__track", 2))
        x = bar_x
        for value, css in row.segments:
            w = value * scale
            if w > 0:
                rects.append(Rect(x, cy - bar_h / 2, max(w, 1.0), bar_h, css))
                x += w
        end = (bar_x + bar_max) if row.track else x
        texts.append(SvgText(end + 6, cy + 4, neutral(row.value_text), "start", "rd-chart__value", SMALL))
        hits.append(Hit(0, y0, WIDTH, row_h, row.tip))
    return Chart(chart_id, title, summary, WIDTH, height, table, tuple(rects), tuple(lines), tuple(texts),
                 tuple(hits), legend, notes)


def topic_chart(s: Statistics) -> Chart:
    title = Label("主题规模", "Topic sizes")
    colour = {g.id: g.colour for g in s.groups}
    shown = s.topics[:MAX_TOPIC_ROWS]
    rows = [
        _Row(t.label, [(t.papers, f"rd-fill-{colour.get(t.group, 9)}")], number(t.papers),
             Label(f"{t.label.zh}：{t.papers} 篇论文，{t.with_code} 篇附代码",
                   f"{t.label.en}: {t.papers} papers, {t.with_code} with code"))
        for t in shown
    ]
    notes = [Label("一篇论文可以属于几个主题，所以各主题之和大于论文总数；灰色的主题在上图中归入“其他”。",
                   "A paper can have several topics, so the sizes add up to more than the papers; "
                   "grey topics are grouped as \"Other\" above.")]
    if len(s.topics) > len(shown):
        hidden = len(s.topics) - len(shown)
        notes.append(Label(f"另有 {hidden} 个较小的主题只列在数据表中。",
                           f"{hidden} smaller topics are listed in the data table only."))
    table = Table(
        (Label("主题", "Topic"), Label("论文", "Papers"), Label("附代码", "With code")),
        tuple((t.label, t.papers, t.with_code) for t in s.topics),
        (False, True, True),
    )
    summary = Label(
        f"{len(s.topics)} 个主题" + (f"，最大的是“{s.topics[0].label.zh}”（{s.topics[0].papers} 篇）。" if s.topics else "。"),
        f"{len(s.topics)} topics" + (f"; the largest is “{s.topics[0].label.en}” ({s.topics[0].papers} papers)."
                                     if s.topics else "."),
    )
    maximum = max((t.papers for t in shown), default=0)
    return _hbar_chart("rd-stats-topics", title, summary, rows, maximum, table,
                       axis_title=Label("论文数", "Papers"), notes=tuple(notes))


def code_chart(s: Statistics) -> Chart:
    title = Label("附代码的论文", "Papers with code")
    legend = (
        LegendItem(Label("有代码链接", "Code link"), "rd-fill-code", number(s.code_links)),
        LegendItem(Label("摘要中给出代码仓库", "Repository named in the abstract"), "rd-fill-code-text",
                   number(s.code_mentions)),
    )

    def row(label: Label, papers: int, links: int, coded: int, css: str = "") -> _Row:
        mentions = coded - links
        share = percent(coded, papers)
        return _Row(
            label,
            [(100 * links / papers if papers else 0, "rd-fill-code"),
             (100 * mentions / papers if papers else 0, "rd-fill-code-text")],
            f"{share} · {coded}/{papers}",
            Label(f"{label.zh}：{papers} 篇中 {coded} 篇附代码（{share}）；代码链接 {links}，摘要中给出 {mentions}",
                  f"{label.en}: {coded} of {papers} papers with code ({share}); "
                  f"{links} code links, {mentions} named in the abstract"),
            track=True, label_css=css,
        )

    rows = []
    if s.papers:
        everything = Label("全部论文", "All papers")
        rows.append(row(everything, s.papers, s.code_links, s.with_code, "rd-chart__label--total"))
        rows.extend(row(g.label, g.papers, g.code_links, g.with_code) for g in s.groups)
    table = Table(
        (Label("论文", "Papers"), Label("合计", "Total"), Label("代码链接", "Code link"),
         Label("摘要中给出", "In the abstract"), Label("占比", "Share")),
        tuple((r.label, total, links, coded - links, percent(coded, total)) for r, total, links, coded in [
            (rows[0], s.papers, s.code_links, s.with_code),
            *((rows[k + 1], g.papers, g.code_links, g.with_code) for k, g in enumerate(s.groups)),
        ]) if rows else (),
        (False, True, True, True, True),
    )
    summary = Label(f"{s.papers} 篇论文中 {s.with_code} 篇附代码（{percent(s.with_code, s.papers)}）。",
                    f"{s.with_code} of {s.papers} papers come with code ({percent(s.with_code, s.papers)}).")
    notes = (Label("按主题：含该组任一主题的论文，一篇论文可计入几个组。",
                   "By topic: papers with any topic of the group; a paper can count in several groups."),)
    return _hbar_chart("rd-stats-code", title, summary, rows, 100, table,
                       axis_title=Label("占比", "Share"), percent_axis=True, legend=legend, notes=notes)


def document_chart(s: Statistics) -> Chart:
    title = Label("来源文档", "Source documents")
    shown = s.documents[:MAX_DOCUMENT_ROWS]
    rows = [
        _Row(Label(d.file_name, d.file_name), [(d.entries, format_colour(d.format))],
             number(d.entries),
             Label(f"{d.name}\n{d.format_label.zh} · {d.entries} 个条目 · {d.papers} 篇论文",
                   f"{d.name}\n{d.format_label.en} · {d.entries} entries · {d.papers} papers"))
        for d in shown
    ]
    formats = dict.fromkeys(d.format for d in s.documents)
    legend = tuple(
        LegendItem(next(d.format_label for d in s.documents if d.format == fmt),
                   format_colour(fmt),
                   number(sum(1 for d in s.documents if d.format == fmt)))
        for fmt in formats
    )
    notes = []
    if len(s.documents) > len(shown):
        notes.append(Label(f"另有 {len(s.documents) - len(shown)} 份文档只列在数据表中。",
                           f"{len(s.documents) - len(shown)} more documents are listed in the data table only."))
    table = Table(
        (Label("文件", "File"), Label("格式", "Format"), Label("条目", "Entries"), Label("论文", "Papers"),
         Label("附代码", "With code"), Label("问题", "Problems")),
        tuple((d.name, d.format_label, d.entries, d.papers, d.with_code, d.problems) for d in s.documents),
        (False, False, True, True, True, True),
    )
    summary = Label(f"{len(s.documents)} 份文档，共 {s.entries} 个条目。",
                    f"{len(s.documents)} documents with {s.entries} entries in all.")
    maximum = max((d.entries for d in shown), default=0)
    return _hbar_chart("rd-stats-documents", title, summary, rows, maximum, table,
                       axis_title=Label("条目数", "Entries"), legend=legend, notes=tuple(notes))
