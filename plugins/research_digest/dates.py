"""Reading dates out of document text, paths and configuration."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping

from .model import DateOrigin, PaperDate, Precision

# 2024-02-16, 2024_02_16, 2024.02.16, 2024/02/16, 20240216; the separators must agree.
_DAY = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[-_./]?)(?P<m>\d{2})(?P=sep)(?P<d>\d{2})(?!\d)")
_MONTH = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_.](?P<m>\d{2})(?![\d])")


def _valid_day(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_day(text: str, origin: DateOrigin) -> PaperDate | None:
    """The first valid calendar day in ``text`` (2024-02-16, 2024_02_16 or 20240216)."""
    for match in _DAY.finditer(text):
        day = _valid_day(match["y"], match["m"], match["d"])
        if day:
            return PaperDate(day, Precision.DAY, origin)
    return None


def impossible_day(text: str) -> str | None:
    """A date written with separators that is no calendar day (``2024-02-30``, ``2024-13-45``),
    when ``text`` holds no real day: a typo to report rather than silently ignore. Bare digit
    runs (``20241345``, often part of a hash) are not taken for dates."""
    if find_day(text, DateOrigin.DOCUMENT):
        return None
    return next((match.group() for match in _DAY.finditer(text) if match["sep"]), None)


def impossible_day_in_path(path: str) -> str | None:
    """An impossible day in a path part that would otherwise have dated the document."""
    if date_from_path(path):
        return None
    return next(filter(None, (impossible_day(part) for part in re.split(r"[\\/]", path))), None)


# A digest dated a day ahead of the build is normal (time zones); further ahead is a typo.
FUTURE_TOLERANCE = dt.timedelta(days=1)


def reference_day(environ: Mapping[str, str] | None = None) -> dt.date:
    """The build's "today": the day of SOURCE_DATE_EPOCH when it is set (so that a reproducible
    build does not depend on the clock), else the clock's day, both in UTC."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            pass
    return dt.datetime.now(dt.timezone.utc).date()


def latest_possible_day(reference: dt.date) -> dt.date:
    """The last day a digest may be dated in a build whose reference day is ``reference``."""
    return reference + FUTURE_TOLERANCE


def date_from_path(path: str) -> PaperDate | None:
    """A day (or failing that a month) written in a document's path, the file name first."""
    parts = re.split(r"[\\/]", path)
    for part in reversed(parts):
        found = find_day(part, DateOrigin.PATH)
        if found:
            return found
        if impossible_day(part):  # 2024-02-31 is a typo, not the month 2024-02
            continue
        month = _MONTH.search(part)
        if month and 1 <= int(month["m"]) <= 12:
            return PaperDate(dt.date(int(month["y"]), int(month["m"]), 1), Precision.MONTH, DateOrigin.PATH)
    return None


def parse_config_date(value: object, origin: DateOrigin = DateOrigin.CONFIG) -> PaperDate | None:
    """A date from YAML: a ``date``, ``2024``, ``"2024-02"`` or ``"2024-02-16"``."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PaperDate(value, Precision.DAY, origin)
    text = str(value).strip()
    if re.fullmatch(r"(19|20)\d{2}", text):
        return PaperDate(dt.date(int(text), 1, 1), Precision.YEAR, origin)
    match = re.fullmatch(r"((?:19|20)\d{2})-(\d{1,2})", text)
    if match and 1 <= int(match[2]) <= 12:
        return PaperDate(dt.date(int(match[1]), int(match[2]), 1), Precision.MONTH, origin)
    match = re.fullmatch(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})", text)
    if match:
        day = _valid_day(match[1], match[2], match[3])
        if day:
            return PaperDate(day, Precision.DAY, origin)
    return None


def month_date(year: int, month: int, origin: DateOrigin) -> PaperDate:
    return PaperDate(dt.date(year, month, 1), Precision.MONTH, origin)


def year_date(year: int, origin: DateOrigin) -> PaperDate:
    return PaperDate(dt.date(year, 1, 1), Precision.YEAR, origin)
