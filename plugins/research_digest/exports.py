"""Exports of the whole collection in files any static host takes: none above ``file_limit``.

25 MB is the most Cloudflare Pages serves in one file and a quarter of what GitHub accepts in a
push. An export (papers.json, papers.bib, a topic's papers.bib) is cut by the date each paper was
first seen: per year; a year above the limit per month, a month per day, a day in numbered
pieces. Papers dated no more precisely than a split period stay in a part named by that period
(``papers-2024.json`` beside ``papers-2024-01.json`` holds the papers known only by their year).
Every part has the shape of the whole file.

A collection whose JSON export is larger than ``compress_above`` is published gzip-compressed
only: plain, its exports would take most of a GitHub Pages site's gigabyte. A listing's export (a
topic's BibTeX) is compressed sooner, once all of them together pass ``listing_compress_above``:
each paper is in about two topics, so plain they would cost more than the whole collection's.
Compression writes no time stamp and uses a fixed level, so two builds of the same digests are
byte-identical.

A ``mkdocs serve`` rebuild takes over every file (plain) or month of a file (compressed: one gzip
member a month, see ``Exporter``) whose papers did not change, through ``carry_over.get``.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .carry_over import NO_CARRY_OVER, CarryOver
from .model import Paper

FILE_LIMIT = 25_000_000  # bytes
COMPRESS_ABOVE = 100_000_000  # bytes of the whole collection as plain JSON
LISTING_COMPRESS_ABOVE = 10_000_000  # bytes of all listings' (topics') plain BibTeX: gzip only above
GZIP_LEVEL = 6  # zlib's default: nearly level 9's size at two thirds of its time
UNDATED = "undated"
_PERIOD_LENGTHS = (4, 7, 10)  # a date key cut to its year, month, day
_GZIP_WINDOW = 16 + zlib.MAX_WBITS  # a gzip member (header without name or time stamp)
_CHUNK = 1 << 20  # bytes handed to the compressor at a time


class Item(NamedTuple):  # a tuple: an export of 100,000 papers makes millions of these
    """One paper's text in an export, and the period it is filed under."""

    period: str  # the key of the date the paper was first seen on ("2024-02-16", "2024-02", "2024"), or UNDATED
    text: bytes


def period_of(paper: Paper) -> str:
    first = paper.first_date
    return first.key if first else UNDATED


def _cut(period: str, level: int) -> str:
    return period if period == UNDATED else period[: _PERIOD_LENGTHS[level]]


@dataclass(frozen=True)
class Layout:
    """How an export's file is made of its papers' texts: ``head + separator.join(texts) + tail``;
    the head may name the period the file holds (None for a whole file)."""

    suffix: str
    separator: bytes
    tail: bytes
    head: Callable[[str | None], bytes] = lambda period: b""


@dataclass(frozen=True)
class ExportFile:
    path: str  # relative to the site root
    periods: tuple[str, ...]
    content: bytes
    sha256: str
    texts: tuple[bytes, ...] = field(repr=False)  # the papers' texts it holds, in order
    chunks: tuple[tuple[str, tuple[bytes, ...]], ...] = field(repr=False, default=())  # the texts by gzip member

    @property
    def papers(self) -> int:
        return len(self.texts)


@dataclass(frozen=True)
class ExportSet:
    """One export: the whole file when published, and the parts that together hold it."""

    whole: ExportFile | None
    parts: tuple[ExportFile, ...]

    @property
    def files(self) -> tuple[ExportFile, ...]:
        return ((self.whole,) if self.whole else ()) + self.parts

    @property
    def download(self) -> str | None:
        """The file a listing's download link offers: the whole file, else the newest dated part."""
        if self.whole:
            return self.whole.path
        dated = [part for part in self.parts if UNDATED not in part.periods] or list(self.parts)
        return dated[-1].path if dated else None


@dataclass(frozen=True)
class Exporter:
    """Makes an export's files. Compressed, a file is a series of gzip members (a valid gzip file:
    readers unpack them one after the other): its head, each month's papers, its tail. A month's
    member is the same in the year's file and in the month's own, and a rebuild takes it over while
    the month's papers are unchanged; so a new day compresses again only its month."""

    layout: Layout
    limit: int
    compress: bool
    carry_over: CarryOver = NO_CARRY_OVER

    def file(self, base: str, name: str, period: str | None, items: Sequence[Item], limit: int | None) -> ExportFile | None:
        """The file ``base + name`` of ``items``; None when it would be larger than ``limit``."""
        path, texts = base + name + self.layout.suffix + (".gz" if self.compress else ""), tuple(item.text for item in items)
        head, separator, tail = self.layout.head(period), self.layout.separator, self.layout.tail
        # a member a month in a whole file, a year's, a month's or the undated papers'; a day or a piece is one
        by_month = name == "" or (name == f"-{period}" and (period == UNDATED or len(period or "") <= _PERIOD_LENGTHS[1]))
        chunks = tuple((key, tuple(item.text for item in group))
                       for key, group in (_grouped(items, 1) if by_month else [(name, items)]))
        if self.compress:
            made = self._compressed(base, path, head, chunks, limit)
        else:  # slot: an oversized first try and the smaller file of the same name keep apart
            made = self.carry_over.get(plain_content, (path, len(texts)), head, texts, separator, tail, limit)
        if made is None:
            return None
        periods = (period,) if period else tuple(dict.fromkeys(_cut(item.period, 0) for item in items))
        return ExportFile(path, periods, made[0], made[1], texts, chunks)

    def _compressed(
        self, base: str, path: str, head: bytes, chunks: tuple[tuple[str, tuple[bytes, ...]], ...], limit: int | None,
    ) -> tuple[bytes, str] | None:
        separator = gzip_member((self.layout.separator,))
        members = [gzip_member((head,))]
        for number, (key, texts) in enumerate(chunks):
            if number:
                members.append(separator)
            # the slot tells apart runs of one name: a month's papers, and those dated only to that month
            slot = (base + self.layout.suffix, key, len(texts))
            members.append(self.carry_over.get(chunk_member, slot, texts, self.layout.separator))
        members.append(gzip_member((self.layout.tail,)))
        if limit is not None and sum(map(len, members)) > limit:
            return None
        return self.carry_over.get(joined, path, tuple(members))

    def whole(self, base: str, items: Sequence[Item]) -> ExportFile | None:
        return self.file(base, "", None, items, self.limit)

    def parts(self, base: str, items: Sequence[Item]) -> tuple[ExportFile, ...]:
        """``items`` (in file order) in files per year, finer where a year is over the limit."""
        files: list[ExportFile] = []
        for period, group in _grouped(items, 0):
            files += self._period_parts(base, period, group, 0)
        return tuple(files)

    def _period_parts(self, base: str, period: str, items: list[Item], level: int) -> list[ExportFile]:
        fitting = self.file(base, f"-{period}", period, items, self.limit)
        if fitting is not None:
            return [fitting]
        finer = level + 1
        if period == UNDATED or finer == len(_PERIOD_LENGTHS):
            return self._pieces(base, period, items)
        files: list[ExportFile] = []
        for sub_period, group in _grouped(items, finer):
            if sub_period == period:  # dated no more precisely than the period itself
                files += self._pieces(base, period, group)
            else:
                files += self._period_parts(base, sub_period, group, finer)
        return files

    def _pieces(self, base: str, period: str, items: list[Item]) -> list[ExportFile]:
        """A period that cannot be split by date: numbered pieces, twice as many until each fits
        (a single paper larger than the limit is a file of its own)."""
        fitting = self.file(base, f"-{period}", period, items, self.limit)
        if fitting is not None:
            return [fitting]
        count = 2
        while True:
            last_try = count >= len(items)  # one paper a file: no limit left to keep
            groups = [[item] for item in items] if last_try else _even_groups(items, count)
            limit = None if last_try else self.limit
            files = [self.file(base, f"-{period}_{n}", period, group, limit) for n, group in enumerate(groups, 1)]
            if all(files):
                return [file for file in files if file is not None]
            count *= 2


def _grouped(items: Sequence[Item], level: int) -> list[tuple[str, list[Item]]]:
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(_cut(item.period, level), []).append(item)
    return sorted(groups.items())  # "undated" sorts after every year


def _even_groups(items: list[Item], count: int) -> list[list[Item]]:
    """``items`` in ``count`` consecutive groups of about equal bytes."""
    total = sum(len(item.text) for item in items)
    groups: list[list[Item]] = [[] for _ in range(count)]
    seen = 0
    for item in items:
        groups[min(count - 1, seen * count // max(total, 1))].append(item)
        seen += len(item.text)
    return [group for group in groups if group]


def plain_content(
    slot: Any, head: bytes, texts: tuple[bytes, ...], separator: bytes, tail: bytes, limit: int | None,
) -> tuple[bytes, str] | None:
    """The file's bytes and their SHA-256, or None when larger than ``limit``. ``slot`` only names
    the file for carry-over."""
    size = len(head) + sum(map(len, texts)) + len(separator) * max(len(texts) - 1, 0) + len(tail)
    if limit is not None and size > limit:
        return None
    content = head + separator.join(texts) + tail
    return content, hashlib.sha256(content).hexdigest()


def chunk_member(slot: Any, texts: tuple[bytes, ...], separator: bytes) -> bytes:
    """The gzip member of a run of papers' texts; ``slot`` only names it for carry-over."""
    return gzip_member(piece for number, text in enumerate(texts) for piece in ((separator, text) if number else (text,)))


def joined(slot: Any, members: tuple[bytes, ...]) -> tuple[bytes, str]:
    """The file of gzip members and its SHA-256; ``slot`` only names it for carry-over."""
    content = b"".join(members)
    return content, hashlib.sha256(content).hexdigest()


def gzip_member(pieces: Iterable[bytes]) -> bytes:
    """One gzip member of the pieces, without file name or time stamp: the same bytes every build."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, _GZIP_WINDOW)
    out, pending, pending_size = [], [], 0
    for piece in pieces:
        pending.append(piece)
        pending_size += len(piece)
        if pending_size >= _CHUNK:
            out.append(compressor.compress(b"".join(pending)))
            pending, pending_size = [], 0
    out.append(compressor.compress(b"".join(pending)))
    out.append(compressor.flush())
    return b"".join(out)


# --- JSON Lines volumes -----------------------------------------------------------------------

JSONL_WHOLE = "papers.jsonl.gz"


def jsonl_volumes(parts: Sequence[ExportFile], folder: str, limit: int, carry_over: CarryOver = NO_CARRY_OVER) -> ExportSet:
    """Every record a line, gzip-compressed: a gzip member per gzip member of the JSON parts (a month,
    or a part finer than that), so a rebuild compresses only the changed months again; members
    packed into volumes of at most ``limit`` bytes. One volume is ``papers.jsonl.gz``; more are
    numbered, each a complete gzip file, and their concatenation is one too
    (``cat papers-*.jsonl.gz | gunzip``)."""
    groups = [(period, texts) for part in parts for period, texts in part.chunks]
    # each line ends in a newline: an empty text after the last one
    members = [carry_over.get(chunk_member, ("jsonl", key, len(texts)), texts + (b"",), b"\n") for key, texts in groups]
    volumes: list[list[int]] = [[]]
    size = 0
    for number, member in enumerate(members):
        if volumes[-1] and size + len(member) > limit:
            volumes.append([])
            size = 0
        volumes[-1].append(number)
        size += len(member)
    files = []
    for count, volume in enumerate(volumes, 1):
        path = JSONL_WHOLE if len(volumes) == 1 else f"{folder}papers-{count}.jsonl.gz"
        content, sha256 = carry_over.get(joined, path, tuple(members[number] for number in volume) or (gzip_member(()),))
        periods = tuple(dict.fromkeys(_cut(groups[number][0].lstrip("-"), 0) for number in volume))
        texts = tuple(text for number in volume for text in groups[number][1])
        files.append(ExportFile(path, periods, content, sha256, texts))
    return ExportSet(files[0], ()) if len(files) == 1 else ExportSet(None, tuple(files))


# --- the index ----------------------------------------------------------------------------------

def file_entry(file: ExportFile, site_url: str) -> dict[str, Any]:
    """How exports.json lists a file; ``site_url`` is absolute, ending in "/", or empty."""
    return {
        "path": file.path,
        "url": site_url + file.path if site_url else None,
        "periods": list(file.periods),
        "papers": file.papers,
        "bytes": len(file.content),
        "sha256": file.sha256,
        "compression": "gzip" if file.path.endswith(".gz") else None,
    }


def set_entry(export: ExportSet, site_url: str) -> dict[str, Any]:
    return {
        "whole": file_entry(export.whole, site_url) if export.whole else None,
        "parts": [file_entry(part, site_url) for part in export.parts],
    }
