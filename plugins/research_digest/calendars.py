"""Calendars of the date archive: a month page's grid of days (weekday columns, a count per day)
and the archive index's grid of every month of every year (a heat map of counts).

A month or year page shows where its papers are instead of repeating them: each paper's card is
on its day's page, and listing a month's 1,700 papers again, even as compact cards, would add
megabytes per month (see benchmarks/README.md).
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Sequence
from dataclasses import dataclass

from .labels import Label

WEEKDAYS = tuple(Label(zh, en) for zh, en in zip("一二三四五六日", ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")))
MONTHS = tuple(Label(f"{number}月", calendar.month_abbr[number]) for number in range(1, 13))
LEVELS = 4  # shades of the heat map, besides "none"


@dataclass(frozen=True)
class Cell:
    number: int  # the day of the month, or the month of the year
    path: str = ""  # the page of that day or month, when it has papers
    title: Label | None = None
    count: int = 0
    level: int = 0  # 0 (no papers) to LEVELS: the count's shade


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell | None, ...]  # None: a day outside the month
    path: str = ""  # the year of an archive index row
    title: Label | None = None
    count: int = 0


@dataclass(frozen=True)
class Calendar:
    heads: tuple[Label, ...]  # the columns: weekdays, or months
    rows: tuple[Row, ...]
    kind: str  # "month" or "years": the CSS modifier


def level(count: int, most: int) -> int:
    return 0 if count <= 0 or most <= 0 else max(1, math.ceil(LEVELS * count / most))


def month_calendar(year: int, month: int, days: dict[int, tuple[str, Label, int]]) -> Calendar:
    """The weeks of a month, Monday first; ``days`` maps a day with papers to its page, title and
    count."""
    most = max((count for _, _, count in days.values()), default=0)
    rows = []
    for week in calendar.Calendar(firstweekday=0).monthdayscalendar(year, month):
        cells = []
        for day in week:
            if not day:
                cells.append(None)
                continue
            path, title, count = days.get(day, ("", None, 0))
            cells.append(Cell(day, path, title, count, level(count, most)))
        rows.append(Row(tuple(cells)))
    return Calendar(WEEKDAYS, tuple(rows), "month")


def years_calendar(years: Sequence[tuple[int, str, Label, int, dict[int, tuple[str, Label, int]]]]) -> Calendar:
    """One row per year (newest first), one column per month; each year given as (year, path,
    title, count, {month: (path, title, count)})."""
    most = max((count for *_, months in years for _, _, count in months.values()), default=0)
    rows = []
    for _, path, title, total, months in years:
        cells = []
        for month in range(1, 13):
            month_path, month_title, count = months.get(month, ("", None, 0))
            cells.append(Cell(month, month_path, month_title, count, level(count, most)))
        rows.append(Row(tuple(cells), path, title, total))
    return Calendar(MONTHS, tuple(rows), "years")
