"""The data behind the filters of every listing: one small JSON file per listing (a day, a
topic, a venue, a month, a year, the home page) with, per paper, what the filters test and what
a result row shows. A filter applies to the whole listing, not only to the page on screen, so
the browser loads this file (only when the reader filters) instead of every page of the listing.

The texts (titles, authors) are most of the weight, so no filter loads them all: the text filter
asks the site's sharded search index (search-worker.js, its FILTER message) which papers have
the query's words in a title or author name, which fetches only the shards of those words, and
keeps the listing's own papers by their number in that index. The texts live apart, in chunks of
TEXT_CHUNK papers, and only the chunks of the results on screen are loaded. (Without the sharded
index, ``search: material``, the browser loads every chunk and matches substrings.)

Shape (version 2), arrays rather than objects to keep it small::

    filter.json: {"v": 2, "chunk": TEXT_CHUNK, "texts": number of text chunks,
     "pages": [root-relative URL of a canonical page, ...],
     "topics": [[id, zh, en], ...], "venues": [name, ...], "types": [[type, zh, en], ...],
     "papers": [[doc, page, first seen, [topic index...], flags, venue, type, version], ...]}
    filter-text-<n>.json: [[title_en, title_zh, authors, anchor], ...] for papers n * chunk ...

doc: the paper's number in the search index (its papers oldest first, as
``search_index.build_index`` numbers them), as the difference from the previous row's (the first
row's from -1): a listing is newest first, so these are small numbers. flags: 1 has code, 2 new
(first seen on this day; on other listings: seen once, version 1). venue / type / page: an index,
or -1. Papers come in the listing's order.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence

from .day_layout import is_new_on
from .carry_over import NO_CARRY_OVER, CarryOver
from .labels import UI, topic_label
from .model import Paper
from .page_kinds import DAY, HOME, MONTH, TOPIC, VENUE, YEAR, PageKind
from .topics import Taxonomy
from .urls import anchor_of, url_of
from .views import Site, View, oldest_first, venue_key

FILTER_FILE = "filter.json"
TEXT_CHUNK = 50  # papers: 50 results spread over a whole listing load at most 50 chunks of ~4 KB gzipped
FILTERED_KINDS: tuple[PageKind, ...] = (HOME, DAY, MONTH, YEAR, TOPIC, VENUE)
AUTHORS_KEPT = 4
CODE, NEW = 1, 2


def filter_path(view: View) -> str:
    """Where the filter data of the listing ``view`` belongs to is published."""
    first = view.first_page or view.path
    return first[: -len("index.md")] + FILTER_FILE


def listings(views: Iterable[View]) -> dict[str, list[View]]:
    """The pages of each filterable listing with papers, by the path of its filter file."""
    found: dict[str, list[View]] = {}
    for view in views:
        if view.kind in FILTERED_KINDS and view.papers:
            found.setdefault(filter_path(view), []).append(view)
    return found


def search_numbers(papers: Sequence[Paper], site: Site) -> dict[str, int]:
    """Each paper's number in the sharded search index: ``build_index`` numbers the papers with a
    page oldest first (tests/test_reader_layout.py checks the two agree)."""
    listed = {paper.id for view in site.views for paper in view.papers}
    numbers: dict[str, int] = {}
    for paper in oldest_first(papers):
        if paper.id in site.canonical or paper.id in listed:
            numbers[paper.id] = len(numbers)
    return numbers


def filter_files(site: Site, taxonomy: Taxonomy, directory_urls: bool = True,
                 papers: Sequence[Paper] | None = None, carry_over: CarryOver = NO_CARRY_OVER) -> dict[str, str]:
    """The filter files of every listing; ``papers``: all of them, in the order the search index
    is built from (the listings' papers when not given)."""
    if papers is None:
        papers = list({paper.id: paper for view in site.views for paper in view.papers}.values())
    numbers = search_numbers(papers, site)
    files: dict[str, str] = {}
    canonical = site.canonical
    make = functools.partial(_listing_files, taxonomy)  # the taxonomy is site-wide (carry_over.py)
    for path, pages in listings(site.views).items():
        listed = tuple(paper for view in pages for paper in view.papers)
        day = pages[0].facet_key if pages[0].kind in (DAY, HOME) else None
        pages_of = tuple(canonical.get(paper.id) for paper in listed)
        numbers_of = tuple(numbers.get(paper.id, -1) for paper in listed)
        files.update(carry_over.get(make, path, listed, day, pages_of, numbers_of, directory_urls))
    return files


def _listing_files(
    taxonomy: Taxonomy, path: str, papers: tuple[Paper, ...], day: str | None, pages: tuple[str | None, ...],
    numbers: tuple[int, ...], directory_urls: bool,
) -> dict[str, str]:
    """The filter files of the listing whose index is ``path``; ``pages`` holds each paper's
    canonical page, ``numbers`` its number in the search index (-1: none)."""
    ids = [paper.id for paper in papers]
    index, texts = listing_filter_data(papers, day, dict(zip(ids, pages)), taxonomy, directory_urls,
                                       dict(zip(ids, numbers)))
    files = {path: _json(index)}
    folder = path[: -len(FILTER_FILE)]
    for number, start in enumerate(range(0, len(texts), TEXT_CHUNK)):
        files[f"{folder}filter-text-{number}.json"] = _json(texts[start : start + TEXT_CHUNK])
    return files


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def listing_filter_data(
    papers: Sequence[Paper], day: str | None, canonical: dict[str, str | None], taxonomy: Taxonomy,
    directory_urls: bool = True, numbers: dict[str, int] | None = None,
) -> tuple[dict, list[list[str]]]:
    """The listing's filter index and its papers' texts, in the listing's order; ``day`` is the
    day of a day's listing (the home page's latest day), ``canonical`` the page of each paper's card."""
    tables: dict[str, dict] = {"pages": {}, "topics": {}, "venues": {}, "types": {}}
    numbers = numbers or {}
    rows = [_row(paper, day, canonical, tables, directory_urls) for paper in papers]
    previous = -1
    for row, paper in zip(rows, papers):
        number = numbers.get(paper.id, previous)  # every listed paper has one (a bare test site: none)
        row[0], previous = number - previous, number
    index = {
        "v": 2,
        "chunk": TEXT_CHUNK,
        "texts": -(-len(papers) // TEXT_CHUNK),
        "pages": list(tables["pages"]),
        "topics": [[key, topic_label(taxonomy, key).zh, topic_label(taxonomy, key).en] for key in tables["topics"]],
        "venues": list(tables["venues"]),
        "types": [[key, *_type_names(key)] for key in tables["types"]],
        "papers": rows,
    }
    return index, [_texts(paper) for paper in papers]


def _texts(paper: Paper) -> list[str]:
    authors = ", ".join(paper.authors[:AUTHORS_KEPT]) + (" …" if len(paper.authors) > AUTHORS_KEPT else "")
    return [paper.title_en, paper.title_zh if paper.title_zh != paper.title_en else "", authors, anchor_of(paper)]


def _type_names(announce_type: str) -> tuple[str, str]:
    known = UI.get(announce_type)
    return (known.zh, known.en) if known else (announce_type, announce_type)


def _index(table: dict, key: str) -> int:
    return table.setdefault(key, len(table)) if key else -1


def _row(paper: Paper, day: str | None, pages: dict[str, str | None], tables: dict[str, dict], directory_urls: bool) -> list:
    canonical = pages.get(paper.id)
    venue = venue_key(paper)
    new = is_new_on(paper, day) if day is not None else len(paper.dates) <= 1 and (paper.arxiv_version or 1) <= 1
    return [
        0,  # the search index's number: listing_filter_data
        _index(tables["pages"], url_of(canonical, directory_urls)) if canonical else -1,
        paper.first_date.key if paper.first_date else "",
        [_index(tables["topics"], topic) for topic in paper.topics],
        (CODE if paper.links.code else 0) | (NEW if new else 0),
        _index(tables["venues"], f"{paper.venue} {paper.year or ''}".strip()) if venue else -1,
        _index(tables["types"], paper.announce_type),
        paper.arxiv_version or 0,
    ]
