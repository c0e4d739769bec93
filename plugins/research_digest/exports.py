"""Exports of the whole collection in files any static host takes: none above ``file_limit``.

25 MB is the most Cloudflare Pages serves in one file and a quarter of what GitHub accepts in a
push. An export (papers.json, papers.bib, a topic's papers.bib) is cut by the date each paper was
first seen: per year; a year above the limit per month, a month per day, a day in numbered
pieces. Papers dated no more precisely than a split period stay in a part named by that period
(``papers-2024.json`` beside ``papers-2024-01.json`` holds the papers known only by their year).
Every part has the shape of the whole file.

A collection whose JSON export is larger than ``compress_above`` is published gzip-compressed
only: plain, its exports would take most of a GitHub Pages site's gigabyte. Compression writes no
time stamp and uses a fixed level, so two builds of the same digests are byte-identical.

Each file is made by a ``carry_over.get`` call of its own: a ``mkdocs serve`` rebuild after a new
day compresses again only the files whose papers changed.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .carry_over import NO_CARRY_OVER, CarryOver
from .model import Paper

FILE_LIMIT = 25_000_000  # bytes
COMPRESS_ABOVE = 100_000_000  # bytes of the whole collection as plain JSON
GZIP_LEVEL = 6  # zlib's default: nearly level 9's size at two thirds of its time
UNDATED = "undated"
_PERIOD_LENGTHS = (4, 7, 10)  # a date key cut to its year, month, day
_GZIP_WINDOW = 16 + zlib.MAX_WBITS  # a gzip member (header without name or time stamp)
_CHUNK = 1 << 20  # bytes handed to the compressor at a time


@dataclass(frozen=True)
class Item:
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
    layout: Layout
    limit: int
    compress: bool
    carry_over: CarryOver = NO_CARRY_OVER

    def path(self, stem: str) -> str:
        return stem + self.layout.suffix + (".gz" if self.compress else "")

    def file(self, stem: str, period: str | None, items: Sequence[Item], limit: int | None = None) -> ExportFile | None:
        """The file of ``items``; None when it would be larger than ``limit``."""
        path, texts = self.path(stem), tuple(item.text for item in items)
        slot = (path, len(texts))  # an oversized first try and the smaller file of the same name keep apart
        made = self.carry_over.get(
            file_content, slot, self.layout.head(period), texts, self.layout.separator, self.layout.tail,
            self.compress, limit,
        )
        if made is None:
            return None
        periods = (period,) if period else tuple(dict.fromkeys(_cut(item.period, 0) for item in items))
        return ExportFile(path, periods, made[0], made[1], texts)

    def whole(self, stem: str, items: Sequence[Item]) -> ExportFile | None:
        return self.file(stem, None, items, self.limit)

    def parts(self, stem: str, items: Sequence[Item]) -> tuple[ExportFile, ...]:
        """``items`` (in file order) in files per year, finer where a year is over the limit."""
        files: list[ExportFile] = []
        for period, group in _grouped(items, 0):
            files += self._period_parts(stem, period, group, 0)
        return tuple(files)

    def _period_parts(self, stem: str, period: str, items: list[Item], level: int) -> list[ExportFile]:
        fitting = self.file(f"{stem}-{period}", period, items, self.limit)
        if fitting is not None:
            return [fitting]
        finer = level + 1
        if period == UNDATED or finer == len(_PERIOD_LENGTHS):
            return self._pieces(stem, period, items)
        files: list[ExportFile] = []
        for sub_period, group in _grouped(items, finer):
            if sub_period == period:  # dated no more precisely than the period itself
                files += self._pieces(stem, period, group)
            else:
                files += self._period_parts(stem, sub_period, group, finer)
        return files

    def _pieces(self, stem: str, period: str, items: list[Item]) -> list[ExportFile]:
        """A period that cannot be split by date: numbered pieces, twice as many until each fits
        (a single paper larger than the limit is a file of its own)."""
        fitting = self.file(f"{stem}-{period}", period, items, self.limit)
        if fitting is not None:
            return [fitting]
        count = 2
        while True:
            last_try = count >= len(items)  # one paper a file: no limit left to keep
            groups = [[item] for item in items] if last_try else _even_groups(items, count)
            limit = None if last_try else self.limit
            files = [self.file(f"{stem}-{period}_{n}", period, group, limit) for n, group in enumerate(groups, 1)]
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


def file_content(
    slot: Any, head: bytes, texts: tuple[bytes, ...], separator: bytes, tail: bytes, compress: bool, limit: int | None,
) -> tuple[bytes, str] | None:
    """The file's bytes and their SHA-256, or None when larger than ``limit``. ``slot`` only names
    the file for carry-over."""
    if compress:
        content = gzip_member(_pieces_of(head, texts, separator, tail), limit)
    else:
        size = len(head) + sum(map(len, texts)) + len(separator) * max(len(texts) - 1, 0) + len(tail)
        content = None if limit is not None and size > limit else head + separator.join(texts) + tail
    return None if content is None else (content, hashlib.sha256(content).hexdigest())


def _pieces_of(head: bytes, texts: tuple[bytes, ...], separator: bytes, tail: bytes):
    yield head
    for number, text in enumerate(texts):
        if number:
            yield separator
        yield text
    yield tail


def gzip_member(pieces, limit: int | None = None) -> bytes | None:
    """One gzip member of the pieces (no file name, no time stamp: deterministic); None as soon
    as it grows larger than ``limit``."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, _GZIP_WINDOW)
    out: list[bytes] = []
    size, pending = 0, []
    pending_size = 0
    for piece in pieces:
        pending.append(piece)
        pending_size += len(piece)
        if pending_size >= _CHUNK:
            out.append(compressor.compress(b"".join(pending)))
            size += len(out[-1])
            pending, pending_size = [], 0
            if limit is not None and size > limit:
                return None
    out.append(compressor.compress(b"".join(pending)))
    out.append(compressor.flush())
    content = b"".join(out)
    return None if limit is not None and len(content) > limit else content


# --- JSON Lines volumes -----------------------------------------------------------------------

JSONL_WHOLE = "papers.jsonl.gz"


def jsonl_volumes(parts: Sequence[ExportFile], folder: str, limit: int, carry_over: CarryOver = NO_CARRY_OVER) -> ExportSet:
    """Every record a line, gzip-compressed: one gzip member per JSON part (so a rebuild compresses
    only the changed parts again), members packed into volumes of at most ``limit`` bytes. One
    volume is ``papers.jsonl.gz``; more are numbered, each a complete gzip file, and their
    concatenation is one too (``cat papers-*.jsonl.gz | gunzip``)."""
    members = [carry_over.get(jsonl_member, part.path, part.texts) for part in parts]
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
        content, sha256 = carry_over.get(joined, path, tuple(members[number] for number in volume))
        periods = tuple(period for number in volume for period in parts[number].periods)
        texts = tuple(text for number in volume for text in parts[number].texts)
        files.append(ExportFile(path, periods, content, sha256, texts))
    return ExportSet(files[0], ()) if len(files) == 1 else ExportSet(None, tuple(files))


def jsonl_member(slot: Any, texts: tuple[bytes, ...]) -> bytes:
    """``slot`` only names the member for carry-over."""
    member = gzip_member(line for text in texts for line in (text, b"\n"))
    assert member is not None
    return member


def joined(slot: Any, members: tuple[bytes, ...]) -> tuple[bytes, str]:
    content = b"".join(members) if members else jsonl_member(slot, ())
    return content, hashlib.sha256(content).hexdigest()


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
