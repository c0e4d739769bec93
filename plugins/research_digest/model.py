"""The data model: what parsers produce (Entry) and what the site is built from (Paper).

Everything here is plain, frozen data. No field ever holds markup from a source document.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from enum import Enum


class Precision(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"

    @property
    def rank(self) -> int:
        """Smaller is more precise."""
        return _RANKS[self.value]


_RANKS = {"day": 0, "month": 1, "year": 2}


class DateOrigin(str, Enum):
    """Where a date came from, best first (the order of precedence)."""

    DOCUMENT = "document"
    PATH = "path"
    CONFIG = "config"
    ARXIV_ID = "arxiv-id"
    VENUE_YEAR = "venue-year"


@dataclass(frozen=True)
class PaperDate:
    """A date known to some precision: 2024-02-16 (day), 2024-02 (month) or 2024 (year).

    ``value`` is the first day of the period, so dates sort naturally.
    """

    value: dt.date
    precision: Precision
    origin: DateOrigin = field(compare=False, default=DateOrigin.DOCUMENT)

    def __lt__(self, other: PaperDate) -> bool:
        return self.sort_key < other.sort_key

    @property
    def sort_key(self) -> tuple[dt.date, int]:
        """The order of dates (a day before the month it lies in), as a key for sort, min, max."""
        return self.value, self.precision.rank

    @property
    def key(self) -> str:
        if self.precision is Precision.DAY:
            return self.value.isoformat()
        if self.precision is Precision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return f"{self.value.year:04d}"

    def contains(self, other: PaperDate) -> bool:
        """True when ``other`` lies within this (less precise) period."""
        if other.precision.rank > self.precision.rank:
            return False
        if self.precision is Precision.YEAR:
            return other.value.year == self.value.year
        if self.precision is Precision.MONTH:
            return (other.value.year, other.value.month) == (self.value.year, self.value.month)
        return other.value == self.value


@dataclass(frozen=True)
class Entry:
    """One paper as one source document states it, before cleaning and merging.

    Parsers fill in what their format has; text fields may still need repair (mojibake,
    truncation marks, LaTeX escapes) but carry no markup of the source format.
    """

    source: str
    line: int
    format: str
    title_en: str = ""
    title_zh: str = ""
    authors: tuple[str, ...] = ()
    tldr_zh: str = ""
    tldr_en: str = ""
    abstract_zh: str = ""
    abstract_en: str = ""
    abs_url: str = ""
    pdf_url: str = ""
    code_url: str = ""
    venue_url: str = ""
    arxiv_id: str = ""
    arxiv_version: int | None = None
    category: str = ""
    announce_type: str = ""
    section: str = ""
    stated_date: PaperDate | None = None
    venue: str = ""
    year: int | None = None
    index: int | None = None


@dataclass(frozen=True)
class Problem:
    """Something wrong with the input, pointing at where it is.

    ``skipped`` problems lost an entry (a parser recognised it but could not read it);
    the others are warnings about an entry that was kept (e.g. unrecoverable mojibake).
    """

    source: str
    line: int | None
    reason: str
    skipped: bool = True
    field: str = ""
    notice: bool = False  # worth telling, not worth failing a strict build for

    @property
    def kind(self) -> str:
        return "skipped" if self.skipped else "note" if self.notice else "warning"

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        what = f" [{self.field}]" if self.field else ""
        return f"{where}:{what} {self.reason}"


@dataclass(frozen=True)
class Text:
    """A piece of prose and whether the source cut it short."""

    text: str = ""
    truncated: bool = False

    def __bool__(self) -> bool:
        return bool(self.text)


NO_TEXT = Text()  # shared: a missing field costs the parse cache nothing


@dataclass(frozen=True)
class Links:
    abstract: str = ""
    pdf: str = ""
    code: str = ""
    venue: str = ""


@dataclass(frozen=True)
class Appearance:
    """One place a paper was seen: which document, where, under which heading, on which date."""

    source: str
    line: int
    format: str
    section: str = ""
    date: PaperDate | None = None
    merged_by: str = ""  # the rule that joined this entry to the paper's first entry (see merge.RULES)


@dataclass(frozen=True)
class Paper:
    id: str
    title_en: str = ""
    title_zh: str = ""
    authors: tuple[str, ...] = ()
    tldr_zh: Text = Text()
    tldr_en: Text = Text()
    abstract_zh: Text = Text()
    abstract_en: Text = Text()
    links: Links = Links()
    arxiv_id: str = ""
    arxiv_version: int | None = None
    category: str = ""
    announce_type: str = ""
    venue: str = ""
    year: int | None = None
    sections: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    dates: tuple[PaperDate, ...] = ()
    appearances: tuple[Appearance, ...] = ()
    # Titles this arXiv id also went by (an earlier version, another digest's wording), and the
    # ids of other papers with the same title (a paper posted again under a new id).
    earlier_titles: tuple[str, ...] = ()
    earlier_titles_zh: tuple[str, ...] = ()
    also_posted_as: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return self.title_en or self.title_zh

    @functools.cached_property  # sorted by, millions of times a build at 100,000 papers
    def first_date(self) -> PaperDate | None:
        return min(self.dates) if self.dates else None
