"""Format D, JSON Lines: one paper a line, each line a record of the site's own ``papers.json``.

    {"title": {"en": "PaLM2-VAdapter: …", "zh": "PaLM2-VAdapter：…"}, "authors": ["Junfei Xiao"],
     "abstract": {"en": {"text": "…", "truncated": false}, "zh": null},
     "links": {"pdf": "https://arxiv.org/pdf/2402.10896"}, "arxiv": {"id": "2402.10896", "version": 1},
     "appearances": [{"section": "多模态", "date": {"date": "2024-02-16", "precision": "day"}}]}

A site's export (``papers.json``, see ``publish.paper_record``), written one record a line, reads
back as the same papers, so papers from other tools can be brought in as ``.jsonl``. Every field
but the title may be absent; fields this reader does not know are ignored, and a field of the
wrong type is a warning that drops only that field. A line that is not a JSON object with a title
is a skipped entry with its line and reason; every other line is still read.

The export itself (``papers.json``, or one of its parts ``exports/papers-2024.json``: its records one
a line inside an array) reads the same way when it is named as a source: its opening and closing
lines are skipped, the comma after each record too. Compressed exports (``papers.jsonl.gz``, parts
``.json.gz``) are unpacked when read (``reading.py``).

A record seen in several places (``appearances``) gives one entry per appearance, so each keeps its
section and date; they merge back into one paper.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

from ..labels import Label
from ..model import Entry, Problem
from .common import without_blank_ends
from .records import RecordReader

NAME = "jsonl"
LABEL = Label("JSON Lines 论文列表", "JSON Lines")
COLOUR = "rd-fill-2"  # a palette colour no other format uses
SUFFIXES = (".jsonl", ".jsonl.gz")  # gzip-compressed documents are unpacked when read

_DETECT_LINES = 20  # non-blank lines looked at by detect
_DETECT_LINE_MAX = 1_000_000  # a longer line is not parsed by detect (parse still reads it)
_QUICK_LOOK = 65_536  # a document with no `{"` this early is no JSON Lines (markdown digests end here)
_MAX_DIGITS = 30
_EXPORT_END = "]}"
_EXPORT_HEAD_END = '"papers":['


def detect(text: str) -> bool:
    """Most of the document's first lines are JSON objects (half, when the first line is one), and one
    of them is a paper record."""
    if '{"' not in text[:_QUICK_LOOK]:
        return False
    lines = [line for _, line in itertools.islice(_non_blank_lines(text), _DETECT_LINES)]
    objects = [line for line in lines if line.startswith("{")]
    most = 2 * len(objects) > len(lines) or (2 * len(objects) == len(lines) and lines[0].startswith("{"))
    return most and any(_is_record(line) for line in objects)


def _is_record(line: str) -> bool:
    if len(line) > _DETECT_LINE_MAX or "title" not in line:
        return False
    try:
        record = _loaded(line.removesuffix(","))
    except ValueError:
        return False
    return isinstance(record, dict) and "title" in record


def parse(text: str, path: str) -> Iterator[Entry | Problem]:
    for number, line in _non_blank_lines(text):
        yield from _read_line(line, path, number)


def _non_blank_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, stripped line) of each non-blank line; line ends as the other formats count them."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    start, number = 0, 1
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        line = without_blank_ends(text[start:end])
        if line:
            yield number, line
        start, number = end + 1, number + 1


def _loaded(line: str) -> Any:
    """The line's JSON value; a ValueError (with the reason) when it is not JSON."""
    try:
        return json.loads(line, parse_constant=_no_constant, parse_int=_int)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number")


class TooLargeNumber:
    """An integer of more digits than any field can hold: a wrong type for every field, not a lost line."""


def _int(digits: str) -> int | TooLargeNumber:
    return int(digits) if len(digits) <= _MAX_DIGITS else TooLargeNumber()


def _read_line(line: str, path: str, number: int) -> list[Entry | Problem]:
    if line == _EXPORT_END or (line.endswith(_EXPORT_HEAD_END) and line.startswith("{")):
        return []  # the lines of a papers.json export around its records
    try:
        record = _loaded(line.removesuffix(","))
    except ValueError as error:
        reason = f"{error.msg} at column {error.colno}" if isinstance(error, json.JSONDecodeError) else str(error)
        return [Problem(path, number, f"not a JSON record: {reason[:120]}")]
    if not isinstance(record, dict):
        return [Problem(path, number, f"not a JSON object but {type(record).__name__}")]
    return RecordReader(record, path, number, NAME).items()
