"""Chart layout for the statistics page: Statistics -> plain geometry (``chart_geometry``: rectangles,
lines, labels, hover targets, legend, data table). ``templates/stats.html`` turns it into inline SVG
with autoescaping; nothing here builds markup.

Every label exists three times, drawn in the same place: Chinese (class ``rd-zh``), English
(``rd-en``) and both (``rd-bi``, laid out for the 双语 state, e.g. on two lines). The site's
language rules hide ``rd-zh`` / ``rd-en``; ``stats.css`` shows exactly one of the three.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .chart_geometry import (
    SMALL, Chart, Hit, LegendItem, Line, Rect, SvgText, Table, Words, neutral, nice_ticks, number, percent, row_words,
    text_width,
)
from .labels import Label
from .sources import format_colour
from .stats_model import EARLIER, Group, MonthCount, Statistics

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WIDTH = 760
MAX_TOPIC_ROWS = 24
MAX_DOCUMENT_ROWS = 30

# The month chart, in SVG units. The plot is a band of month slots; under it the month names
# (Chinese over English in 双语) and the years; left of it the paper counts.
PLOT_LEFT = 44.0  # room for the count labels
PLOT_RIGHT = 14.0
PLOT_TOP = 30.0  # room for the axis title
PLOT_HEIGHT = 220.0
BELOW_PLOT = 62  # room for the month names and the years
BAR_SHARE = 0.72  # of a month's slot (the rest is the gap to the next bar)
MIN_BAR_WIDTH = 1.0
MAX_BAR_WIDTH = 38.0
LABEL_GAP = 6  # between the count labels and the plot
BASELINE_SHIFT = 4  # moves a text's baseline down so that the text is centred on its y
AXIS_TITLE_RISE = 14  # the axis title's baseline above the plot
VALUE_RISE = 4  # a bar's count above the bar
MIN_SLOT_FOR_VALUES = 15  # narrower bars get no count above them
MONTH_LABEL_STEPS = (1, 2, 3, 4, 6, 12)  # name every month, every 2nd, ... so that names are
MIN_MONTH_LABEL_SPACING = 30  # at least this far apart
MIN_SLOT_FOR_CENTRED_YEAR = 30  # a January this wide has its year centred under it
TICK_LENGTH = 4
MONTH_NAME_DROP = 16  # baselines below the plot: month name, English name in 双语, year
SECOND_LINE_DROP = 28
YEAR_DROP = 46
YEAR_RULE_LENGTH = 36  # the rule before each January, down to the years
YEAR_LABEL_WIDTH = 46  # room a year label needs before the next year's
YEAR_LABEL_INSET = 1  # a year label starting at its slot's left edge


# --------------------------------------------------------------------------- the charts


def statistics_charts(statistics: Statistics) -> dict[str, Chart]:
    return {
        "months": month_chart(statistics),
        "topics": topic_chart(statistics),
        "code": code_chart(statistics),
        "documents": document_chart(statistics),
    }


def month_chart(s: Statistics) -> Chart:
    """Papers per month as bars stacked by colour group, with a month and year axis."""
    title = Label("每月论文数（按主题）", "Papers per month, by topic")
    notes = _month_notes(s)
    if not s.months:
        summary = Label("没有注明月份或日期的论文。", "No paper has a month or day date.")
        return Chart("rd-stats-months", title, summary, WIDTH, 0, _month_table(s), notes=tuple(notes[1:]), empty=True)
    layout = _MonthLayout.of(s)
    rects, lines, texts, hits = [], [], [], []
    lines_, texts_ = _count_axis(layout)
    lines.extend(lines_)
    texts.extend(texts_)
    for index, month in enumerate(s.months):
        bar, bar_texts = _month_bar(layout, index, month)
        rects.extend(bar)
        texts.extend(bar_texts)
        hits.append(Hit(layout.slot_left(index), PLOT_TOP, layout.slot, PLOT_HEIGHT, _month_tip(month, s.groups)))
        axis_lines, axis_texts = _month_axis(layout, index, month)
        lines.extend(axis_lines)
        texts.extend(axis_texts)
    legend = tuple(
        LegendItem(group.label, f"rd-fill-{group.colour}", number(sum(month.by_group[k] for month in s.months)))
        for k, group in enumerate(s.groups) if any(month.by_group[k] for month in s.months)
    )
    height = layout.bottom + BELOW_PLOT
    return Chart("rd-stats-months", title, _month_summary(s), WIDTH, height, _month_table(s), tuple(rects),
                 tuple(lines), tuple(texts), tuple(hits), legend, tuple(notes))


def _month_table(s: Statistics) -> Table:
    head = (Label("月份", "Month"), Label("合计", "Total"), *(group.label for group in s.groups),
            Label("附代码", "With code"))
    rows = tuple(
        (month.label, month.papers, *month.by_group, month.with_code) for month in s.months if month.papers
    )  # the months without papers are the gaps of the chart
    return Table(head, rows, (False, *([True] * (len(head) - 1))))


def _month_notes(s: Statistics) -> list[Label]:
    notes = [Label("每篇论文只计一次：归入它的第一个主题（按主题顺序）；颜色见图例。",
                   "Each paper is counted once, under its first topic (in topic order); colours as in the legend.")]
    if s.year_only:
        notes.append(Label(f"另有 {s.year_only} 篇论文只知年份（如会议论文），不在图中。",
                           f"{s.year_only} more papers are known only to the year (e.g. venue papers) "
                           "and are not shown."))
    if s.months and s.months[0].key == EARLIER:
        notes.append(Label("“更早”一栏合计时间轴之前各月的论文。",
                           "The \"Earlier\" bar adds up the months before the time axis."))
    return notes


def _month_summary(s: Statistics) -> Label:
    first, last = s.first_month, s.last_month
    most = max(month.papers for month in s.months)
    return Label(
        f"{s.month_dated} 篇论文分布在 {first.label.zh if first else ''} 至 {last.label.zh if last else ''}，"
        f"最多的一月 {most} 篇。",
        f"{s.month_dated} papers from {first.label.en if first else ''} to {last.label.en if last else ''}; "
        f"at most {most} in one month.",
    )


def _month_tip(month: MonthCount, groups: tuple[Group, ...]) -> Label:
    counts = [(group, count) for group, count in zip(groups, month.by_group) if count]
    tip_zh = [f"{month.label.zh}：{month.papers} 篇论文", *(f"{group.label.zh}：{count}" for group, count in counts)]
    tip_en = [f"{month.label.en}: {month.papers} papers", *(f"{group.label.en}: {count}" for group, count in counts)]
    if month.with_code:
        tip_zh.append(f"附代码：{month.with_code}")
        tip_en.append(f"With code: {month.with_code}")
    return Label("\n".join(tip_zh), "\n".join(tip_en))


@dataclass(frozen=True)
class _MonthLayout:
    """How months and counts map onto the month chart's plot."""

    months: tuple[MonthCount, ...]
    groups: tuple[Group, ...]
    slot: float  # the width of one month
    bar_width: float
    ticks: list[float]  # the counts marked on the axis, from 0
    scale: float  # height of one paper
    label_step: int  # months from one month name to the next
    year_room: int  # months a year label needs before the next one

    @classmethod
    def of(cls, s: Statistics) -> _MonthLayout:
        slot = (WIDTH - PLOT_LEFT - PLOT_RIGHT) / len(s.months)
        ticks = nice_ticks(max(month.papers for month in s.months))
        return cls(
            s.months, s.groups, slot, max(MIN_BAR_WIDTH, min(slot * BAR_SHARE, MAX_BAR_WIDTH)), ticks,
            PLOT_HEIGHT / ticks[-1],
            next((step for step in MONTH_LABEL_STEPS if slot * step >= MIN_MONTH_LABEL_SPACING), MONTH_LABEL_STEPS[-1]),
            math.ceil(YEAR_LABEL_WIDTH / slot),
        )

    @property
    def bottom(self) -> float:
        return PLOT_TOP + PLOT_HEIGHT

    def slot_left(self, index: int) -> float:
        return PLOT_LEFT + index * self.slot

    def slot_centre(self, index: int) -> float:
        return self.slot_left(index) + self.slot / 2


def _count_axis(layout: _MonthLayout) -> tuple[list[Line], list[SvgText]]:
    """A grid line and a count label at each tick, and the axis title above the plot."""
    lines, texts = [], []
    for value in layout.ticks:
        y = layout.bottom - value * layout.scale
        lines.append(Line(PLOT_LEFT, y, WIDTH - PLOT_RIGHT, y, "rd-chart__grid" if value else "rd-chart__axis"))
        texts.append(SvgText(PLOT_LEFT - LABEL_GAP, y + BASELINE_SHIFT, neutral(number(value)), "end", "rd-chart__tick"))
    title_y = PLOT_TOP - AXIS_TITLE_RISE
    texts.append(SvgText(PLOT_LEFT - LABEL_GAP, title_y, Words("篇数", "Papers", (("篇数 · Papers", title_y, ""),)),
                         "start", "rd-chart__axis-title"))
    return lines, texts


def _month_bar(layout: _MonthLayout, index: int, month: MonthCount) -> tuple[list[Rect], list[SvgText]]:
    """The month's bar, one segment per colour group from the bottom up, and its count above it."""
    centre, top = layout.slot_centre(index), layout.bottom
    rects = []
    for group, count in zip(layout.groups, month.by_group):
        if count:
            height = count * layout.scale
            top -= height
            rects.append(Rect(centre - layout.bar_width / 2, top, layout.bar_width, height, f"rd-fill-{group.colour}"))
    texts = []
    if month.papers and layout.slot >= MIN_SLOT_FOR_VALUES:
        texts.append(SvgText(centre, top - VALUE_RISE, neutral(number(month.papers)), "middle", "rd-chart__value", SMALL))
    return rects, texts


def _month_axis(layout: _MonthLayout, index: int, month: MonthCount) -> tuple[list[Line], list[SvgText]]:
    """Under the month: its name (every ``label_step``-th month), and the year under January and
    under the first month shown when its year has room before the next January."""
    centre, bottom = layout.slot_centre(index), layout.bottom
    if month.key == EARLIER:
        words = Words("更早", "Earlier", (("更早", bottom + MONTH_NAME_DROP, ""),
                                         ("Earlier", bottom + SECOND_LINE_DROP, "rd-chart__sub")))
        return [], [SvgText(centre, bottom + MONTH_NAME_DROP, words, "middle", "rd-chart__tick")]
    lines, texts = [], []
    if (month.month - 1) % layout.label_step == 0:
        lines.append(Line(centre, bottom, centre, bottom + TICK_LENGTH, "rd-chart__axis"))
        zh, en = f"{month.month}月", _MONTHS_EN[month.month - 1]
        both = ((zh, bottom + MONTH_NAME_DROP, ""), (en, bottom + SECOND_LINE_DROP, "rd-chart__sub"))
        texts.append(SvgText(centre, bottom + MONTH_NAME_DROP, Words(zh, en, both), "middle", "rd-chart__tick"))
    if month.month == 1 or (_first_shown(layout, index) and _months_to_next_january(layout, index) >= layout.year_room):
        left = layout.slot_left(index)
        centred = month.month == 1 and layout.slot >= MIN_SLOT_FOR_CENTRED_YEAR
        year = Words(f"{month.year}年", str(month.year), ((str(month.year), bottom + YEAR_DROP, ""),))
        texts.append(SvgText(centre if centred else left + YEAR_LABEL_INSET, bottom + YEAR_DROP, year,
                             "middle" if centred else "start", "rd-chart__year"))
        if month.month == 1 and index:
            lines.append(Line(left, bottom, left, bottom + YEAR_RULE_LENGTH, "rd-chart__axis rd-chart__year-rule"))
    return lines, texts


def _first_shown(layout: _MonthLayout, index: int) -> bool:
    """The first month of the axis (after the "Earlier" bar, when there is one)."""
    return index == 0 or (index == 1 and layout.months[0].key == EARLIER)


def _months_to_next_january(layout: _MonthLayout, index: int) -> int:
    count = len(layout.months)
    return next((later for later in range(index + 1, count) if layout.months[later].month == 1),
                count + layout.year_room) - index


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
