"""Reading one paper record (a ``papers.json`` record, or a hand-made subset of one) into entries.

Records are untrusted: every field is checked for its type, a wrong one is a warning naming the
field and only that field is dropped; links keep only http(s) addresses; an arXiv id must look
like one. Text fields keep their ``truncated`` flag by ending in an ellipsis, which ``clean``
turns back into the flag.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .. import arxiv
from ..model import DateOrigin, Entry, PaperDate, Precision, Problem
from .common import HTTP_URL, URL_SCHEME

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_PRECISION_OF_PARTS = {1: Precision.YEAR, 2: Precision.MONTH, 3: Precision.DAY}
_LINK_FIELDS = {"abstract": "abs_url", "pdf": "pdf_url", "code": "code_url", "venue": "venue_url"}
_PROSE_FIELDS = {("tldr", "zh"): "tldr_zh", ("tldr", "en"): "tldr_en",
                 ("abstract", "zh"): "abstract_zh", ("abstract", "en"): "abstract_en"}
_MAX_VERSION = 10_000
_TRUNCATION_MARK = "…"


class RecordReader:
    """The entries of one record: one per appearance (each with its section and date), at least one."""

    def __init__(self, record: dict[str, Any], path: str, line: int, format_name: str) -> None:
        self.record, self.path, self.line, self.format = record, path, line, format_name
        self.problems: list[Problem] = []

    def items(self) -> list[Entry | Problem]:
        title_en, title_zh = self._titles()
        if not (title_en or title_zh):
            return [Problem(self.path, self.line, "record without a title"), *self.problems]
        fields = dict(
            title_en=title_en, title_zh=title_zh, authors=self._authors(), **self._prose(), **self._links(),
            **self._arxiv(), **self._venue(),
        )
        entries = [
            Entry(source=self.path, line=self.line, format=self.format, section=section, stated_date=date, **fields)
            for section, date in self._appearances()
        ]
        return [*entries, *self.problems]

    # --- checking types ---------------------------------------------------------------------

    def _warn(self, field: str, reason: str) -> None:
        self.problems.append(Problem(self.path, self.line, reason, skipped=False, field=field))

    def _get(self, container: Any, key: str, kinds: tuple[type, ...], field: str) -> Any:
        """``container[key]`` when it is one of ``kinds``; None (with a warning) when it is anything else."""
        value = container.get(key) if isinstance(container, dict) else None
        if value is None:
            return None
        if isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool)):
            return value
        expected = " or ".join(kind.__name__ for kind in kinds)
        self._warn(field, f"ignored: expected {expected}, found {type(value).__name__}")
        return None

    def _string(self, container: Any, key: str, field: str) -> str:
        return self._get(container, key, (str,), field) or ""

    # --- the fields -------------------------------------------------------------------------

    def _titles(self) -> tuple[str, str]:
        title = self.record.get("title")
        if isinstance(title, str):
            return title, ""
        titles = self._get(self.record, "title", (dict,), "title")
        return self._string(titles, "en", "title_en"), self._string(titles, "zh", "title_zh")

    def _authors(self) -> tuple[str, ...]:
        authors = self._get(self.record, "authors", (list, str), "authors")
        if isinstance(authors, str):
            return (authors,)
        names = tuple(name for name in authors or () if isinstance(name, str))
        if authors and len(names) < len(authors):
            self._warn("authors", "ignored the names that are not text")
        return names

    def _prose(self) -> dict[str, str]:
        found = {}
        for (group, language), name in _PROSE_FIELDS.items():
            texts = self._get(self.record, group, (dict,), group)
            value = self._get(texts, language, (dict, str), name)
            if isinstance(value, dict):
                text = self._string(value, "text", name)
                truncated = self._get(value, "truncated", (bool,), name)
                value = text + _TRUNCATION_MARK if text and truncated else text
            found[name] = value or ""
        return found

    def _links(self) -> dict[str, str]:
        links = self._get(self.record, "links", (dict,), "links")
        found = {}
        for key, name in _LINK_FIELDS.items():
            url = self._string(links, key, name).strip()
            if url and not HTTP_URL.match(url):
                scheme = URL_SCHEME.match(url)
                what = f"scheme {scheme.group(1)[:20]!r}" if scheme else "a relative or malformed address"
                self._warn(name, f"dropped link with {what}: only http(s) links are kept")
                url = ""
            found[name] = url
        return found

    def _arxiv(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        record = self._get(self.record, "arxiv", (dict,), "arxiv")
        raw_id = self._string(record, "id", "arxiv_id")
        ref = arxiv.ref_from_text(raw_id) if raw_id else None
        if raw_id and ref is None:
            self._warn("arxiv_id", f"ignored: not an arXiv id: {raw_id[:40]!r}")
        version = self._get(record, "version", (int,), "arxiv_version")
        if version is not None and not 1 <= version <= _MAX_VERSION:
            self._warn("arxiv_version", "ignored: not a plausible version number")
            version = None
        if ref:
            found.update(arxiv_id=ref.id, arxiv_version=version or ref.version)
        found["category"] = self._string(record, "category", "category")
        found["announce_type"] = self._string(record, "announce_type", "announce_type")
        return found

    def _venue(self) -> dict[str, Any]:
        venue = self._get(self.record, "venue", (dict,), "venue")
        year = self._get(venue, "year", (int,), "year")
        if year is not None and not dt.MINYEAR <= year <= dt.MAXYEAR:
            self._warn("year", "ignored: not a plausible year")
            year = None
        return {"venue": self._string(venue, "name", "venue"), "year": year}

    def _appearances(self) -> list[tuple[str, PaperDate | None]]:
        """(section, date) of each appearance; else each section, and each date, of the record."""
        appearances = self._get(self.record, "appearances", (list,), "appearances") or []
        found = [
            (self._string(seen, "section", "section"), self._date(seen.get("date")))
            for seen in appearances if isinstance(seen, dict)
        ]
        if found:
            return found
        listed = self._get(self.record, "sections", (list,), "sections") or []
        sections = [name for name in listed if isinstance(name, str)] or [""]
        dates = [date for date in map(self._date, self._get(self.record, "dates", (list,), "dates") or []) if date]
        dates = dates or [None]
        return [(section, dates[0]) for section in sections] + [(sections[0], date) for date in dates[1:]]

    def _date(self, value: Any) -> PaperDate | None:
        """A ``{"date": "2024-02-16", "precision": "day", "origin": "path"}`` record, or its date alone."""
        if value is None:
            return None
        text = value.get("date") if isinstance(value, dict) else value
        origin = value.get("origin") if isinstance(value, dict) else None
        match = _DATE.match(text) if isinstance(text, str) else None
        parts = [int(part) for part in match.groups() if part] if match else []
        try:
            year, month, day_of_month = (parts + [1, 1])[:3]  # a year or a month stands for its first day
            day = dt.date(year, month, day_of_month)
        except ValueError:
            self._warn("date", f"ignored: not a date: {str(text)[:40]!r}")
            return None
        known = {item.value: item for item in DateOrigin}
        return PaperDate(day, _PRECISION_OF_PARTS[len(parts)], known.get(origin, DateOrigin.DOCUMENT))
