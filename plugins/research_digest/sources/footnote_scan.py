"""Scanning a footnote digest: its table rows and its footnotes, each footnote cut into blocks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .footnote_links import is_link, language, present

_UNINDENTED_FIRST_LINE = re.compile(r"[ ]{0,3}\S")
_UNINDENTED_LINE = re.compile(r"\n(?=[ ]{0,3}\S)")
_BLOCK = re.compile(r"^[^\S\n]*\S.*(?:\n[^\S\n]*\S.*)*", re.MULTILINE)
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_REF_ROW = re.compile(r"^ {0,3}\|?[ \t]*\[\^([^\]\s]+)\][ \t]*\|")
_HEADER_ROW = re.compile(r"^ {0,3}\|?[ \t]*Ref[ \t]*\|", re.IGNORECASE)
_DELIMITER_ROW = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")


class Block:
    """One blank-line separated block of a footnote, on one line, and what it is: link, zh or en."""

    __slots__ = ("text", "kind", "_body", "_offset", "_first_line")

    def __init__(self, text: str, first_line: int, body: str = "", offset: int = 0) -> None:
        self.text = text
        self.kind = "link" if is_link(text) else language(text)
        self._first_line = first_line
        self._body = body
        self._offset = offset

    @property
    def starts_body(self) -> bool:
        return self._offset == 0 and bool(self._body)

    @property
    def line(self) -> int:
        # Counted only when a problem needs it: most blocks never report a line.
        return self._first_line + self._body.count("\n", 0, self._offset)


@dataclass
class Footnote:
    label: str
    line: int
    head: Block | None
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Row:
    label: str
    line: int
    cells: list[str]
    columns: _Columns


@dataclass(frozen=True)
class _Columns:
    """Where the ref, title and summary cells sit, as told by the table's header row."""

    width: int = 3
    title: int | None = 1
    summary: int | None = 2


def scan(doc: str) -> tuple[list[Row], list[Row], list[Footnote]]:
    """Table rows (well-formed and not) and footnotes, with their body blocks.

    Only unindented lines can start or end anything, so only those are visited; a footnote's
    body is the text between its definition and the next line that ends it.
    """
    rows: list[Row] = []
    bad_rows: list[Row] = []
    notes: list[Footnote] = []
    columns = _Columns()
    note: Footnote | None = None
    body_start = 0
    line_number, counted_to = 1, 0
    for start in _unindented_line_starts(doc):
        line_number += doc.count("\n", counted_to, start)
        counted_to = start
        end = doc.find("\n", start)
        end = len(doc) if end < 0 else end
        line = doc[start:end]
        kind = _structural_kind(line)
        if kind is None and (note is None or not _follows_blank_line(doc, start)):
            continue  # outside footnotes, or a lazy continuation of a footnote's paragraph
        if note is not None:
            _fill_body(note, doc[body_start:start])
            note = None
        if kind == "footnote":
            note = _footnote(line, line_number)
            notes.append(note)
            body_start = end + 1
        elif kind == "header":
            columns = _columns(_cells(line))
        elif kind == "row":
            row = _row(line, line_number, columns)
            (rows if len(row.cells) == columns.width else bad_rows).append(row)
    if note is not None:
        _fill_body(note, doc[body_start:])
    return rows, bad_rows, notes


def _fill_body(note: Footnote, body: str) -> None:
    blocks = _blocks(body, note.line + 1)
    if note.head is not None and blocks and blocks[0].starts_body and blocks[0].kind != "link":
        # The definition's paragraph goes on until the first blank line, as in markdown.
        note.head = Block(f"{note.head.text} {blocks.pop(0).text}", note.line)
    note.blocks = blocks


def _unindented_line_starts(doc: str) -> Iterator[int]:
    if _UNINDENTED_FIRST_LINE.match(doc):
        yield 0
    for match in _UNINDENTED_LINE.finditer(doc):
        yield match.end()


def _follows_blank_line(doc: str, start: int) -> bool:
    if start == 0:
        return True
    previous_start = doc.rfind("\n", 0, start - 1) + 1
    return not doc[previous_start : start - 1].strip()


def _blocks(body: str, first_line: int) -> list[Block]:
    """The blank-line separated blocks of a footnote body, each joined onto one line."""
    blocks = []
    for match in _BLOCK.finditer(body):
        for start, part in _split_at_links(match.group(), match.start()):
            text = _join_lines(part)
            if present(text):
                blocks.append(Block(text, first_line, body, start))
    return blocks


def _split_at_links(part: str, start: int) -> Iterator[tuple[int, str]]:
    """A block as written, or, when a blank line went missing, split so that a line holding only
    a link stays a block of its own (else the link would be read as part of the title)."""
    if "\n" not in part or "](" not in part and "://" not in part:
        yield start, part
        return
    offset = 0
    for line in part.splitlines(keepends=True):
        if is_link(line.strip()):
            if offset:
                yield start, part[:offset]
            yield start + offset, line
            part, start, offset = part[offset + len(line) :], start + offset + len(line), 0
        else:
            offset += len(line)
    if part.strip():
        yield start, part


def _join_lines(part: str) -> str:
    text = part.strip()
    if "\n" not in text:
        return text
    return " ".join(stripped for stripped in (line.strip() for line in text.split("\n")) if stripped)


def _structural_kind(line: str) -> str | None:
    first = line.lstrip(" ")[:1]
    if first == "[":
        if _FOOTNOTE_DEF.match(line):
            return "footnote"
        if _REF_ROW.match(line):
            return "row"
        return None
    if first == "|":
        if _REF_ROW.match(line):
            return "row"
        if _HEADER_ROW.match(line):
            return "header"
        return "table"
    if first == "#" and _HEADING.match(line):
        return "heading"
    if first in ":-" and _DELIMITER_ROW.match(line):
        return "table"
    return None


def _footnote(line: str, number: int) -> Footnote:
    match = _FOOTNOTE_DEF.match(line)
    assert match is not None
    head = match.group(2).strip()
    return Footnote(match.group(1), number, Block(head, number) if present(head) else None)


def _row(line: str, number: int, columns: _Columns) -> Row:
    match = _REF_ROW.match(line)
    assert match is not None
    return Row(match.group(1), number, _cells(line), columns)


def _cells(line: str) -> list[str]:
    inner = line.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SEPARATOR.split(inner)]


def _columns(header: list[str]) -> _Columns:
    names = [cell.strip().lower() for cell in header]
    title = names.index("title") if "title" in names else None
    summary = names.index("summary") if "summary" in names else None
    return _Columns(len(names), title, summary)
