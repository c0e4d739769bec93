"""Input formats: one small module per format, listed in a registry.

Every format module exposes:

- ``NAME``: a short identifier shown to users (``footnote``, ``daily``, ``venue-table``);
- ``detect(text) -> bool``: whether a document is in this format, judged by content only;
- ``parse(text, path) -> Iterator[Entry | Problem]``: one ``Entry`` per paper, or a skipped
  ``Problem`` naming the line and reason for an entry that is recognisable but unreadable.

Parsers strip the markup of their own format; generic repair (mojibake, truncation marks,
LaTeX escapes, whitespace) happens later in ``clean``.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Protocol

from ..model import Entry, Problem
from . import daily, footnote, venue_table


class Format(Protocol):
    NAME: str

    def detect(self, text: str) -> bool: ...

    def parse(self, text: str, path: str) -> Iterator[Entry | Problem]: ...


FORMATS: tuple[ModuleType, ...] = (footnote, daily, venue_table)


def detect_format(text: str) -> ModuleType | None:
    """The first registered format that recognises ``text``, or None."""
    for fmt in FORMATS:
        if fmt.detect(text):
            return fmt
    return None


def format_named(name: str) -> ModuleType | None:
    return next((fmt for fmt in FORMATS if fmt.NAME == name), None)
