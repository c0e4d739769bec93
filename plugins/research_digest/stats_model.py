"""What the 统计 / Statistics page counts (``stats.site_statistics``) and draws (``charts``): plain data."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .labels import Label

EARLIER = "earlier"  # the key of the one bar that adds up the months before the time axis


@dataclass(frozen=True)
class TopicCount:
    id: str
    label: Label
    papers: int  # papers with this topic (a paper with two topics counts in both)
    with_code: int  # with a code link or a repository named in the abstract
    code_links: int  # with a code link
    group: str  # id of the colour group it belongs to (itself, or OTHER_GROUP)


@dataclass(frozen=True)
class Group:
    """A colour of the charts: one of the largest topics, or 其他 / Other for all the rest."""

    id: str
    label: Label
    colour: int  # index into the palette (--rd-chart-0 … --rd-chart-9); 9 is Other's grey
    topics: tuple[str, ...]  # topic ids in the group
    papers: int  # distinct papers with a topic in the group
    with_code: int
    code_links: int


@dataclass(frozen=True)
class MonthCount:
    key: str  # "2024-02", or "earlier"
    label: Label
    year: int | None
    month: int | None
    papers: int
    by_group: tuple[int, ...]  # papers per Group, in Statistics.groups order (each paper once)
    with_code: int


@dataclass(frozen=True)
class DocumentCount:
    name: str  # as the digest reports it (relative path)
    format: str | None
    format_label: Label
    entries: int
    papers: int  # distinct papers with an appearance in the document
    with_code: int
    problems: int

    @property
    def file_name(self) -> str:
        return posixpath.basename(self.name) or self.name


@dataclass(frozen=True)
class Statistics:
    papers: int
    month_dated: int  # papers with a day or month date (the ones on the time axis)
    year_only: int  # papers whose best date is a year
    undated: int
    code_links: int  # papers with a code link
    code_mentions: int  # papers without one whose abstract names a repository
    topics: tuple[TopicCount, ...]  # largest first; topics without papers are left out
    groups: tuple[Group, ...]  # the largest topics, then Other (when it has papers)
    months: tuple[MonthCount, ...]  # every month from the first to the last, empty ones too
    documents: tuple[DocumentCount, ...]

    @property
    def with_code(self) -> int:
        return self.code_links + self.code_mentions

    @property
    def entries(self) -> int:
        return sum(document.entries for document in self.documents)

    @property
    def first_month(self) -> MonthCount | None:
        return next((month for month in self.months if month.papers and month.key != EARLIER), None)

    @property
    def last_month(self) -> MonthCount | None:
        return next((month for month in reversed(self.months) if month.papers), None)
