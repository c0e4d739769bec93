"""One Paper per real paper: group the entries that describe the same paper and combine them.

Which entries describe the same paper is ``grouping``'s job (one arXiv id is one paper; a title
joins only an entry without an id). Combining takes the title and author list of the newest
version (the other titles are kept as earlier titles), prefers a complete text over a
truncated one and a present field over a missing one; every appearance is kept.

Most papers appear once. ``prepare`` works out, once per entry and together with its parse
(so the parse cache keeps it), the entry's identity keys and the paper it describes on its
own; merging then only has to combine the few papers seen more than once.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .arxiv import ArxivRef
from .clean import CleanEntry, normalise_title
from .enrich import AppearanceDates, code_link
from .grouping import ARXIV_KEY, EN_KEY, ZH_KEY, Group, group_entries
from .model import NO_TEXT, Appearance, DateOrigin, Links, Paper, PaperDate, Text


def _identity_keys(item: CleanEntry) -> tuple[str, ...]:
    entry = item.entry
    keys = []
    if entry.arxiv_id:
        keys.append(ARXIV_KEY + entry.arxiv_id.lower())
    for prefix, title in ((EN_KEY, entry.title_en), (ZH_KEY, entry.title_zh)):
        normalised = normalise_title(title)
        if len(normalised) >= 8:  # very short titles ("Introduction") are not identities
            keys.append(prefix + normalised)
    return tuple(keys)


_UNCONFIGURED_DATES = AppearanceDates()
# Which links an entry stated, as bits; the others its paper derived (from the arXiv id, or a
# repository its text names), and a link an entry stated beats one another entry derived.
STATED_ABSTRACT, STATED_PDF, STATED_CODE = 1, 2, 4
_KEPT_DATE_ORIGINS = (DateOrigin.DOCUMENT, DateOrigin.PATH)  # they outrank a configured date


@dataclass(frozen=True)
class Mergeable:
    """An entry as merging needs it: its identity keys, the paper it describes on its own
    (dated without configured source dates, id not yet made unique) and which of that paper's
    links the entry stated. This is what the parse cache keeps of an entry."""

    keys: tuple[str, ...]
    alone: Paper
    stated: int = 0


def prepare(item: CleanEntry) -> Mergeable:
    entry = item.entry
    stated = (STATED_ABSTRACT if entry.abs_url else 0) | (STATED_PDF if entry.pdf_url else 0) | (
        STATED_CODE if entry.code_url else 0)
    base_id = entry.arxiv_id or _title_id(entry.title_en, entry.title_zh)
    return Mergeable(_identity_keys(item), _alone(item, base_id), stated)


def _alone(item: CleanEntry, paper_id: str) -> Paper:
    """The paper one entry describes (what ``combine`` makes of a group of one)."""
    entry = item.entry
    date = _UNCONFIGURED_DATES(entry)
    arxiv = ArxivRef(entry.arxiv_id) if entry.arxiv_id else None
    code = entry.code_url or code_link(item.abstract_en.text, item.abstract_zh.text, item.tldr_en.text, item.tldr_zh.text)
    return Paper(
        id=paper_id,
        title_en=entry.title_en,
        title_zh=entry.title_zh,
        authors=entry.authors,
        tldr_zh=item.tldr_zh or NO_TEXT,
        tldr_en=item.tldr_en or NO_TEXT,
        abstract_zh=item.abstract_zh or NO_TEXT,
        abstract_en=item.abstract_en or NO_TEXT,
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


def _first(values: Iterable[str]) -> str:
    return next((value for value in values if value), "")


def _best_text(texts: Iterable[Text]) -> Text:
    """Complete beats truncated, then longer beats shorter; ties keep the earlier source."""
    candidates = [text for text in texts if text]
    if not candidates:
        return NO_TEXT
    return max(candidates, key=lambda text: (not text.truncated, len(text.text)))


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))


def distinct_dates(dates: Iterable[PaperDate | None]) -> tuple[PaperDate, ...]:
    """Each date once, sorted; a month or year is dropped when a more precise date lies in it."""
    unique = sorted(set(date for date in dates if date))
    return tuple(
        date for date in unique
        if not any(other != date and date.contains(other) for other in unique)
    )


def combine(
    group: Sequence[Mergeable], paper_id: str, dates: AppearanceDates,
    rules: Sequence[str] = (), also_posted_as: tuple[str, ...] = (),
) -> Paper:
    """One paper of a group of entries; ``rules`` says why each joined (see grouping)."""
    papers = [member.alone for member in group]
    appearances = tuple(_dated(paper.appearances[0], dates) for paper in papers)
    if any(rules):
        appearances = tuple(replace(seen, merged_by=rule) for seen, rule in zip(appearances, rules))

    def first_of(name: str) -> str:
        return _first(getattr(paper, name) for paper in papers)

    def best_of(name: str) -> Text:
        return _best_text(getattr(paper, name) for paper in papers)

    newest = _newest_first(papers, appearances)
    title_en, earlier_en = _titles(paper.title_en for paper in newest)
    title_zh, earlier_zh = _titles(paper.title_zh for paper in newest)
    versions = [paper.arxiv_version for paper in papers if paper.arxiv_version]
    years = [paper.year for paper in papers if paper.year]
    texts = {name: best_of(name) for name in ("tldr_zh", "tldr_en", "abstract_zh", "abstract_en")}
    links = _links(group)
    if not links.code:  # many digests leave Code empty while the abstract names the repository
        links = replace(links, code=code_link(texts["abstract_en"].text, texts["abstract_zh"].text,
                                              texts["tldr_en"].text, texts["tldr_zh"].text))
    return Paper(
        id=paper_id,
        title_en=title_en,
        title_zh=title_zh,
        authors=next((paper.authors for paper in newest if paper.authors), ()),
        **texts,
        links=links,
        arxiv_id=first_of("arxiv_id"),
        arxiv_version=max(versions) if versions else None,
        category=first_of("category"),
        announce_type=first_of("announce_type"),
        venue=first_of("venue"),
        year=years[0] if years else None,
        sections=_unique(section for paper in papers for section in paper.sections),
        dates=distinct_dates(appearance.date for appearance in appearances),
        appearances=appearances,
        earlier_titles=earlier_en,
        earlier_titles_zh=earlier_zh,
        also_posted_as=also_posted_as,
    )


def _newest_first(papers: Sequence[Paper], appearances: Sequence[Appearance]) -> list[Paper]:
    """The entries from the newest version: an arXiv entry before a venue row, then the highest
    version (an entry that states none counts as older), then the latest date, then the later
    entry. Titles and author lists change between versions; the newest are the paper's."""
    def order(position: int) -> tuple:
        paper, date = papers[position], appearances[position].date
        return (bool(paper.arxiv_id), paper.arxiv_version or 0, date.sort_key if date else (), position)

    return [papers[position] for position in sorted(range(len(papers)), key=order, reverse=True)]


def _titles(newest_first: Iterable[str]) -> tuple[str, tuple[str, ...]]:
    """The newest title and the other titles, each spelling once (as ``normalise_title`` folds)."""
    seen: dict[str, str] = {}
    for title in newest_first:
        if title:
            seen.setdefault(normalise_title(title), title)
    titles = list(seen.values())
    return (titles[0], tuple(titles[1:])) if titles else ("", ())


def _dated(appearance: Appearance, dates: AppearanceDates) -> Appearance:
    """The appearance dated with the configured source dates too (it was dated without)."""
    if appearance.date is not None and appearance.date.origin in _KEPT_DATE_ORIGINS:
        return appearance
    configured = dates.configured_date(appearance.source)
    return replace(appearance, date=configured) if configured is not None else appearance


def _links(group: Sequence[Mergeable]) -> Links:
    """The links as the sources give them; an arXiv id fills in the abstract page and PDF."""
    arxiv_id = _first(member.alone.arxiv_id for member in group)
    ref = ArxivRef(arxiv_id) if arxiv_id else None

    def stated(bit: int, name: str) -> str:
        return _first(getattr(member.alone.links, name) for member in group if member.stated & bit)

    return Links(
        abstract=stated(STATED_ABSTRACT, "abstract") or (ref.abs_url if ref else ""),
        pdf=stated(STATED_PDF, "pdf") or (ref.pdf_url if ref else ""),
        code=stated(STATED_CODE, "code"),
        venue=_first(member.alone.links.venue for member in group),
    )


def slugify(title: str, max_length: int = 80) -> str:
    """Lowercase words of letters and digits joined by "-". Exactly what the ASCII-only slugs
    were for every title they could spell (``Título`` -> ``titulo``, ``Don’t`` -> ``dont``),
    and letters of any other script are kept (``中文会议 2023`` -> ``中文会议-2023``)."""
    slug = ""
    for word in _slug_text(title).split():
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug


def _slug_text(title: str) -> str:
    """The title in lowercase letters, digits and spaces; other characters are dropped (ASCII
    ones separate words), an accented Latin letter becomes its base letter."""
    kept: list[str] = []
    in_other_script = False  # the last character kept was a letter of another script
    for char in unicodedata.normalize("NFKC", title):
        base = char if char.isascii() else unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        if base:  # é -> e, ﬁ -> fi: what the ASCII-only slugs made of them
            kept.append("".join(part.lower() if part.isalnum() else " " for part in base))
            in_other_script = False
        elif char.isalnum() or (in_other_script and unicodedata.category(char)[0] == "M"):
            kept.append(char.lower())  # a vowel sign or virama belongs to its word
            in_other_script = True
        else:
            in_other_script = False
    return "".join(kept)


def _title_id(title_en: str, title_zh: str) -> str:
    slug = slugify(title_en)
    if len(slug) >= 3:
        return slug
    digest = hashlib.sha1(normalise_title(title_en or title_zh).encode()).hexdigest()
    return "paper-" + digest[:10]


def merge_entries(items: Sequence[Mergeable | CleanEntry], dates: AppearanceDates) -> list[Paper]:
    """One Paper per group of entries; ids are arXiv ids, else unique title slugs."""
    papers = []
    taken: set[str] = set()
    prepared = [item if isinstance(item, Mergeable) else prepare(item) for item in items]
    for group in group_entries(prepared):
        if len(group.positions) == 1:  # most papers: as ``prepare`` made them
            alone = prepared[group.first].alone
            paper_id = _unique_id(alone.id, taken)
            if not group.same_title and _dated(alone.appearances[0], dates) is alone.appearances[0]:
                papers.append(alone if paper_id == alone.id else replace(alone, id=paper_id))
                continue
        else:
            first = prepared[group.first].alone
            arxiv_id = _first(prepared[position].alone.arxiv_id for position in sorted(group.positions))
            paper_id = _unique_id(arxiv_id or _title_id(first.title_en, first.title_zh), taken)
        members = group.members()
        also = _also_posted_as(group) if group.same_title else ()
        papers.append(combine([member for member, _ in members], paper_id, dates, [rule for _, rule in members], also))
    return papers


def _unique_id(paper_id: str, taken: set[str]) -> str:
    unique_id, suffix = paper_id, 2
    while unique_id in taken:
        unique_id, suffix = f"{paper_id}-{suffix}", suffix + 1
    taken.add(unique_id)
    return unique_id


def _also_posted_as(group: Group) -> tuple[str, ...]:
    """The ids of the other papers that share one of this paper's titles: the same paper posted
    again, or two papers with one (translated) title."""
    others = sorted(group.same_title, key=lambda other: other.first)
    return tuple(other.items[other.first].alone.arxiv_id for other in others)
