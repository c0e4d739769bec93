"""The 统计 / Statistics page: what the collection holds, counted once at build time.

``site_statistics`` counts (plain data, no markup); ``render_statistics`` draws the page body:
headline numbers, inline SVG charts (``charts.py`` lays them out) and the same numbers as tables.
Topic and file names are untrusted text: they only ever reach the page through Jinja's
autoescaping (``templates/stats.html``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache

from jinja2 import Environment
from markupsafe import Markup

from .carry_over import NO_CARRY_OVER, CarryOver
from .charts import percent, statistics_charts
from .enrich import code_link
from .render import template_environment
from .urls import safe_url
from .labels import UI, Label, month_label, topic_label
from .model import Paper, PaperDate, Precision
from .sources import format_label
from .stats_model import EARLIER, DocumentCount, Group, MonthCount, Statistics, TopicCount
from .topics import OTHER_ID, Taxonomy

SHOWN_TOPICS = 9  # topics with a colour of their own; the rest are grouped into 其他 / Other
MAX_MONTHS = 36  # months on the time axis; papers before them go into one 更早 / Earlier bar
OTHER_GROUP = "_other"


def code_kind(paper: Paper) -> str:
    """"link" when the paper has a code link, "abstract" when only its text names a repository."""
    if safe_url(paper.links.code):
        return "link"
    texts = (paper.abstract_en.text, paper.abstract_zh.text, paper.tldr_en.text, paper.tldr_zh.text)
    return "abstract" if code_link(*texts) else ""


def month_of(paper: Paper) -> PaperDate | None:
    """The paper's earliest date known to the month or the day."""
    dated = [date for date in paper.dates if date.precision is not Precision.YEAR]
    return min(dated) if dated else None


def site_statistics(
    papers: Sequence[Paper], taxonomy: Taxonomy, documents: Iterable[object] = (),
    carry_over: CarryOver = NO_CARRY_OVER,
) -> Statistics:
    """Count ``papers`` (with their topics assigned, see ``Taxonomy.assign``) and ``documents``
    (``Digest.documents``: name, format, entries, problems of each source document)."""
    papers = list(papers)
    code = {paper.id: carry_over.get(code_kind, paper) for paper in papers}
    topics, groups, group_of_paper = _topic_counts(papers, taxonomy, code)
    months = _month_counts(papers, groups, group_of_paper, code)
    month_dated = sum(1 for paper in papers if month_of(paper))
    year_only = sum(1 for paper in papers if paper.dates and not month_of(paper))
    return Statistics(
        papers=len(papers),
        month_dated=month_dated,
        year_only=year_only,
        undated=sum(1 for paper in papers if not paper.dates),
        code_links=sum(1 for kind in code.values() if kind == "link"),
        code_mentions=sum(1 for kind in code.values() if kind == "abstract"),
        topics=topics,
        groups=groups,
        months=months,
        documents=_document_counts(documents, papers, code),
    )


def _topic_counts(
    papers: list[Paper], taxonomy: Taxonomy, code: dict[str, str]
) -> tuple[tuple[TopicCount, ...], tuple[Group, ...], dict[str, str]]:
    sizes = Counter(topic_id for paper in papers for topic_id in dict.fromkeys(paper.topics))
    coded = Counter(topic_id for paper in papers if code[paper.id] for topic_id in dict.fromkeys(paper.topics))
    linked = Counter(
        topic_id for paper in papers if code[paper.id] == "link" for topic_id in dict.fromkeys(paper.topics)
    )
    order = {topic.id: position for position, topic in enumerate(taxonomy.topics)}
    ranked = sorted(
        (topic_id for topic_id in sizes if topic_id != OTHER_ID),
        key=lambda topic_id: (-sizes[topic_id], order.get(topic_id, len(order)), topic_id),
    )
    # With few topics, every one keeps its colour; else the smallest share Other's grey.
    shown = ranked[:SHOWN_TOPICS]
    shown_set = set(shown)

    def group_id(topic_id: str) -> str:
        return topic_id if topic_id in shown_set else OTHER_GROUP

    # Each paper is stacked once: under its first topic (in taxonomy order) that has a colour.
    group_of_paper: dict[str, str] = {}
    for paper in papers:
        first = next((topic_id for topic_id in paper.topics if topic_id in shown_set), None)
        group_of_paper[paper.id] = first or OTHER_GROUP

    groups = [
        Group(
            topic_id, topic_label(taxonomy, topic_id), colour, (topic_id,), sizes[topic_id], coded[topic_id],
            linked[topic_id],
        )
        for colour, topic_id in enumerate(shown)
    ]
    rest = tuple(topic_id for topic_id in [*ranked, OTHER_ID] if sizes[topic_id] and topic_id not in shown_set)
    if rest or OTHER_GROUP in group_of_paper.values():
        members = [paper for paper in papers if any(group_id(topic_id) == OTHER_GROUP for topic_id in paper.topics)
                   or not paper.topics]
        groups.append(Group(
            OTHER_GROUP, Label("其他", "Other"), 9, rest, len(members),
            sum(1 for paper in members if code[paper.id]),
            sum(1 for paper in members if code[paper.id] == "link"),
        ))
    topics = tuple(
        TopicCount(
            topic_id, topic_label(taxonomy, topic_id), sizes[topic_id], coded[topic_id], linked[topic_id],
            group_id(topic_id),
        )
        for topic_id in [*ranked, *([OTHER_ID] if sizes[OTHER_ID] else [])]
    )
    return topics, tuple(groups), group_of_paper


def _month_counts(
    papers: list[Paper], groups: tuple[Group, ...], group_of_paper: dict[str, str], code: dict[str, str]
) -> tuple[MonthCount, ...]:
    dated = [(month_of(paper), paper) for paper in papers]
    dated = [(date.value.replace(day=1), paper) for date, paper in dated if date]
    if not dated:
        return ()
    first, last = min(date for date, _ in dated), max(date for date, _ in dated)
    keys = list(_months_between(first, last))
    earlier_before = keys[-MAX_MONTHS + 1] if len(keys) > MAX_MONTHS else None
    if earlier_before:
        keys = [None, *keys[-MAX_MONTHS + 1:]]
    position = {group.id: index for index, group in enumerate(groups)}
    counts = {key: [0] * len(groups) for key in keys}
    with_code = Counter()
    for date, paper in dated:
        key = None if earlier_before and date < earlier_before else date
        group = group_of_paper.get(paper.id, OTHER_GROUP)
        if group in position:
            counts[key][position[group]] += 1
        with_code[key] += bool(code[paper.id])
    months = []
    for key in keys:
        if key is None:
            label, year, month, name = Label("更早", "Earlier"), None, None, EARLIER
        else:
            label, year, month, name = month_label(key.year, key.month), key.year, key.month, f"{key:%Y-%m}"
        months.append(MonthCount(name, label, year, month, sum(counts[key]), tuple(counts[key]), with_code[key]))
    return tuple(months)


def _months_between(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield dt.date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _document_counts(
    documents: Iterable[object], papers: list[Paper], code: dict[str, str]
) -> tuple[DocumentCount, ...]:
    in_document: dict[str, set[str]] = {}
    for paper in papers:
        for appearance in paper.appearances:
            in_document.setdefault(appearance.source, set()).add(paper.id)
    counts = []
    for document in documents:
        name = str(getattr(document, "name", ""))
        fmt = getattr(document, "format", None)
        ids = in_document.get(name, set())
        counts.append(DocumentCount(
            name=name,
            format=fmt,
            format_label=format_label(fmt),
            entries=int(getattr(document, "entries", 0) or 0),
            papers=len(ids),
            with_code=sum(1 for paper_id in ids if code.get(paper_id)),
            problems=len(getattr(document, "problems", ()) or ()),
        ))
    return tuple(counts)


# ------------------------------------------------------------------------------ rendering

STATS_UI = {
    "title": Label("统计", "Statistics"),
    "papers": UI["papers"],
    "topics": UI["topics_count"],
    "months": Label("时间范围", "Date range"),
    "with_code": Label("附代码", "with code"),
    "documents": Label("份来源文档", "source documents"),
    "entries": Label("条目", "entries"),
    "data_table": Label("数据表", "Data table"),
}


def _number(value: float) -> str:
    """An SVG coordinate: at most two decimals, no trailing zeros."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@cache
def _environment() -> Environment:
    """The site's one template environment, with what the statistics page adds to it."""
    env = template_environment()
    env.globals.update(STATS_UI=STATS_UI, pct=percent)
    env.filters["num"] = _number
    return env


def render_statistics(statistics: Statistics) -> Markup:
    """The body of the statistics page: headline numbers, charts and their tables."""
    template = _environment().get_template("stats.html")
    return Markup(template.render(s=statistics, charts=statistics_charts(statistics)))
