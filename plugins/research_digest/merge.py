"""One Paper per real paper: group the entries that describe the same paper and combine them.

Entries describe the same paper when they share an arXiv id or a normalised English title.
Combining prefers a complete text over a truncated one and a present field over a missing
one; every appearance is kept.

Most papers appear once. ``prepare`` works out, once per entry and together with its parse
(so the parse cache keeps it), the entry's identity keys and the paper it describes on its
own; merging then only has to combine the few papers seen more than once.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from .arxiv import ArxivRef
from .clean import CleanEntry, normalise_title
from .enrich import AppearanceDates, code_link
from .model import Appearance, Entry, Links, Paper, PaperDate, Text


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def _identity_keys(item: CleanEntry) -> tuple[str, ...]:
    entry = item.entry
    keys = []
    if entry.arxiv_id:
        keys.append("arxiv:" + entry.arxiv_id.lower())
    for title in (entry.title_en, entry.title_zh):
        normalised = normalise_title(title)
        if len(normalised) >= 8:  # very short titles ("Introduction") are not identities
            keys.append("title:" + normalised)
    return tuple(keys)


_UNCONFIGURED_DATES = AppearanceDates()
_NO_TEXT = Text()


@dataclass(frozen=True)
class Mergeable:
    """A cleaned entry with what merging needs from it: its identity keys and the paper it
    describes on its own (dated without configured source dates, id not yet made unique)."""

    item: CleanEntry
    keys: tuple[str, ...]
    alone: Paper


def prepare(item: CleanEntry) -> Mergeable:
    return Mergeable(item, _identity_keys(item), _alone(item, _base_id([item]), _UNCONFIGURED_DATES))


def _alone(item: CleanEntry, paper_id: str, date_of: DateOf) -> Paper:
    """``combine([item], paper_id, date_of)``, without the work of choosing between entries."""
    entry = item.entry
    date = date_of(entry)
    arxiv = ArxivRef(entry.arxiv_id) if entry.arxiv_id else None
    code = entry.code_url or code_link(item.abstract_en.text, item.abstract_zh.text, item.tldr_en.text, item.tldr_zh.text)
    return Paper(
        id=paper_id,
        title_en=entry.title_en,
        title_zh=entry.title_zh,
        authors=entry.authors,
        tldr_zh=item.tldr_zh or _NO_TEXT,
        tldr_en=item.tldr_en or _NO_TEXT,
        abstract_zh=item.abstract_zh or _NO_TEXT,
        abstract_en=item.abstract_en or _NO_TEXT,
        links=Links(
            abstract=entry.abs_url or (arxiv.abs_url if arxiv else ""),
            pdf=entry.pdf_url or (arxiv.pdf_url if arxiv else ""),
            code=code,
            venue=entry.venue_url,
        ),
        arxiv_id=entry.arxiv_id,
        arxiv_version=entry.arxiv_version or None,
        category=entry.category,
        announce_type=entry.announce_type,
        venue=entry.venue,
        year=entry.year or None,
        sections=(entry.section,) if entry.section else (),
        dates=(date,) if date else (),
        appearances=(Appearance(entry.source, entry.line, entry.format, entry.section, date),),
    )


def group_entries(items: Sequence[Mergeable]) -> list[list[Mergeable]]:
    """Entries grouped by paper, in order of first appearance."""
    groups = _UnionFind(len(items))
    first_holder: dict[str, int] = {}
    for position, item in enumerate(items):
        for key in item.keys:
            holder = first_holder.setdefault(key, position)
            if holder != position:
                groups.union(holder, position)
    by_root: dict[int, list[Mergeable]] = {}
    for position, item in enumerate(items):
        by_root.setdefault(groups.find(position), []).append(item)
    return list(by_root.values())


def _first(values: Iterable[str]) -> str:
    return next((value for value in values if value), "")


def _best_text(texts: Iterable[Text]) -> Text:
    """Complete beats truncated, then longer beats shorter; ties keep the earlier source."""
    candidates = [text for text in texts if text]
    if not candidates:
        return Text()
    return max(candidates, key=lambda text: (not text.truncated, len(text.text)))


def _best_authors(group: Sequence[CleanEntry]) -> tuple[str, ...]:
    return max((item.entry.authors for item in group), key=len, default=())


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))


DateOf = Callable[[Entry], "PaperDate | None"]


def distinct_dates(dates: Iterable[PaperDate | None]) -> tuple[PaperDate, ...]:
    """Each date once, sorted; a month or year is dropped when a more precise date lies in it."""
    unique = sorted(set(date for date in dates if date))
    return tuple(
        date for date in unique
        if not any(other != date and date.contains(other) for other in unique)
    )


def combine(group: Sequence[CleanEntry], paper_id: str, date_of: DateOf) -> Paper:
    entries = [item.entry for item in group]
    appearances = tuple(
        Appearance(entry.source, entry.line, entry.format, entry.section, date_of(entry))
        for entry in entries
    )

    def first_of(name: str) -> str:
        return _first(getattr(entry, name) for entry in entries)

    def best_of(name: str) -> Text:
        return _best_text(getattr(item, name) for item in group)

    versions = [entry.arxiv_version for entry in entries if entry.arxiv_version]
    years = [entry.year for entry in entries if entry.year]
    texts = {name: best_of(name) for name in ("tldr_zh", "tldr_en", "abstract_zh", "abstract_en")}
    links = _links(entries)
    if not links.code:  # many digests leave Code empty while the abstract names the repository
        links = replace(links, code=code_link(texts["abstract_en"].text, texts["abstract_zh"].text,
                                              texts["tldr_en"].text, texts["tldr_zh"].text))
    return Paper(
        id=paper_id,
        title_en=first_of("title_en"),
        title_zh=first_of("title_zh"),
        authors=_best_authors(group),
        **texts,
        links=links,
        arxiv_id=first_of("arxiv_id"),
        arxiv_version=max(versions) if versions else None,
        category=first_of("category"),
        announce_type=first_of("announce_type"),
        venue=first_of("venue"),
        year=years[0] if years else None,
        sections=_unique(entry.section for entry in entries),
        dates=distinct_dates(appearance.date for appearance in appearances),
        appearances=appearances,
    )


def _links(entries: Sequence[Entry]) -> Links:
    """The links as the sources give them; an arXiv id fills in the abstract page and PDF."""
    arxiv_id = _first(entry.arxiv_id for entry in entries)
    ref = ArxivRef(arxiv_id) if arxiv_id else None
    return Links(
        abstract=_first(entry.abs_url for entry in entries) or (ref.abs_url if ref else ""),
        pdf=_first(entry.pdf_url for entry in entries) or (ref.pdf_url if ref else ""),
        code=_first(entry.code_url for entry in entries),
        venue=_first(entry.venue_url for entry in entries),
    )


def slugify(title: str, max_length: int = 80) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug


def _title_id(group: Sequence[CleanEntry]) -> str:
    entry = group[0].entry
    slug = slugify(entry.title_en)
    if len(slug) >= 3:
        return slug
    digest = hashlib.sha1(normalise_title(entry.title_en or entry.title_zh).encode()).hexdigest()
    return "paper-" + digest[:10]


def _base_id(group: Sequence[CleanEntry]) -> str:
    return _first(item.entry.arxiv_id for item in group) or _title_id(group)


def merge_entries(items: Sequence[Mergeable | CleanEntry], date_of: DateOf) -> list[Paper]:
    """One Paper per group of entries; ids are arXiv ids, else unique title slugs."""
    papers = []
    taken: set[str] = set()
    prepared = [item if isinstance(item, Mergeable) else prepare(item) for item in items]
    for group in group_entries(prepared):
        alone = group[0].alone if len(group) == 1 else None
        paper_id = alone.id if alone else _base_id([member.item for member in group])
        unique_id, suffix = paper_id, 2
        while unique_id in taken:
            unique_id, suffix = f"{paper_id}-{suffix}", suffix + 1
        taken.add(unique_id)
        if alone and _dated_alike(group[0].item.entry, alone, date_of):
            papers.append(alone if unique_id == alone.id else replace(alone, id=unique_id))
        else:
            papers.append(combine([member.item for member in group], unique_id, date_of))
    return papers


def _dated_alike(entry: Entry, alone: Paper, date_of: DateOf) -> bool:
    """Whether ``date_of`` dates the entry as its prepared paper is dated; only a date configured
    for its source can make a difference."""
    if isinstance(date_of, AppearanceDates) and date_of.configured_date(entry.source) is None:
        return True
    date, other = date_of(entry), alone.appearances[0].date
    if date is None or other is None:
        return date is other
    return date == other and date.origin == other.origin
