"""Facts a document does not state outright: the date of each appearance, and venue details."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import PurePosixPath

from . import arxiv
from .dates import date_from_path, month_date, year_date
from .model import DateOrigin, Entry, PaperDate


class AppearanceDates:
    """Dates an appearance by precedence: the document's own date, a date in its path, the date
    configured for its source, the arXiv id's year-month, and last the venue year."""

    def __init__(self, source_dates: Mapping[str, PaperDate] | None = None) -> None:
        self.source_dates = dict(source_dates or {})
        self._path_date = lru_cache(maxsize=None)(date_from_path)

    def __call__(self, entry: Entry) -> PaperDate | None:
        return (
            entry.stated_date
            or self._path_date(entry.source)
            or self.configured_date(entry.source)
            or _arxiv_month(entry.arxiv_id)
            or (year_date(entry.year, DateOrigin.VENUE_YEAR) if entry.year else None)
        )

    def configured_date(self, source: str) -> PaperDate | None:
        if not self.source_dates:
            return None
        path = PurePosixPath(source.replace("\\", "/"))
        for pattern, date in self.source_dates.items():
            pattern = pattern.replace("\\", "/").rstrip("/")
            if (
                fnmatch.fnmatch(str(path), pattern)
                or fnmatch.fnmatch(path.name, pattern)
                or str(path).startswith(pattern + "/")
            ):
                return date
        return None


def _arxiv_month(arxiv_id: str) -> PaperDate | None:
    found = arxiv.year_month(arxiv_id) if arxiv_id else None
    return month_date(*found, DateOrigin.ARXIV_ID) if found else None


_HOSTS = ("github.com", "gitlab.com", "gitee.com", "bitbucket.org", "codeberg.org")
# A repository named in the text ("Code: https://github.com/owner/repo."), with or without scheme.
REPOSITORY = re.compile(
    r"(?<![\w.-])(?:https?://)?(?:www\.)?(?:" + "|".join(map(re.escape, _HOSTS)) + ")"
    r"/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]*[A-Za-z0-9_-]",
    re.IGNORECASE,
)


def code_link(*texts: str) -> str:
    """The first code repository a paper's own text names, as an https link; "" when none."""
    for text in texts:
        if not text:
            continue
        folded = text.lower()  # a plain substring test first: the pattern has no literal start to skip ahead by
        found = REPOSITORY.search(text) if any(host in folded for host in _HOSTS) else None
        if found:
            url = found.group(0)
            return url if url.lower().startswith(("http://", "https://")) else "https://" + url
    return ""
