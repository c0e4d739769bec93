"""Input formats: one small module per format, listed in a registry.

Every format module exposes:

- ``NAME``: a short identifier shown to users (``footnote``, ``daily``, ``venue-table``, ``jsonl``);
- ``LABEL``: its name on the statistics page, in Chinese and English;
- ``COLOUR``: the CSS class that colours its bars on the statistics page;
- ``SUFFIXES``: the endings of the file names a folder is searched for (its content still decides the format);
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

from ..labels import Label
from ..model import Entry, Problem
from . import daily, footnote, jsonl, venue_table
from .common import without_blank_ends


class Format(Protocol):
    NAME: str
    LABEL: Label
    COLOUR: str
    SUFFIXES: tuple[str, ...]

    def detect(self, text: str) -> bool: ...

    def parse(self, text: str, path: str) -> Iterator[Entry | Problem]: ...


# In the order detection tries them: JSON Lines first, as its test (JSON objects, a paper record) is the strictest.
FORMATS: tuple[ModuleType, ...] = (jsonl, footnote, daily, venue_table)

# Every suffix some format reads: what a folder is searched for.
DOCUMENT_SUFFIXES: tuple[str, ...] = tuple(dict.fromkeys(suffix for fmt in FORMATS for suffix in fmt.SUFFIXES))
# How the statistics page shows a document no format recognised.
UNKNOWN_LABEL = Label("未识别", "Not recognised")
UNKNOWN_COLOUR = "rd-fmt-none"


def detect_format(text: str) -> ModuleType | None:
    """The first registered format that recognises ``text``, or None."""
    for fmt in FORMATS:
        if fmt.detect(text):
            return fmt
    return None


def is_empty(text: str) -> bool:
    """Whether a document holds nothing but white space (and invisible characters)."""
    return not without_blank_ends(text)


def format_named(name: str) -> ModuleType | None:
    return next((fmt for fmt in FORMATS if fmt.NAME == name), None)


def format_label(name: str | None) -> Label:
    """The display label of the format called ``name`` (a name no format has is shown as itself)."""
    if name is None:
        return UNKNOWN_LABEL
    fmt = format_named(name)
    return fmt.LABEL if fmt else Label(name, name)


def format_colour(name: str | None) -> str:
    fmt = format_named(name) if name else None
    return fmt.COLOUR if fmt else UNKNOWN_COLOUR


def unknown_format_reason() -> str:
    """Why a document was not read: it matches none of the registered formats (named)."""
    names = [fmt.NAME for fmt in FORMATS]
    listed = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
    return f"is in no known digest format ({listed})"
