"""What the results page (``search/?q=``) needs of every indexed paper besides its postings:
its filter facts (``meta.json``) and its whole abstracts for snippets (``a/<k>.json``).

``search/digest/meta.json``
    columns, one entry per paper (by number, as in the postings): ``days`` (the paper's first
    date as days since 1970-01-01, -1 without one), ``topics`` (indexes into ``topicNames``),
    ``venues`` (an index into ``venueNames``, -1 none), ``code`` (1 with a code link); and the
    tables ``topicNames`` (``[key, name_zh, name_en, url]``) and ``venueNames``.
``search/digest/a/<k>.json``
    ``[abstract_en, abstract_zh]`` of the papers ``k * TEXT_CHUNK_SIZE ...``: fetched only to show a
    snippet of a match deep in an abstract.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .model import Paper
from .tex import plain
from .urls import url_of
from .views import Site

EPOCH = dt.date(1970, 1, 1)


def _day(paper: Paper) -> int:
    first = paper.first_date
    return (first.value - EPOCH).days if first is not None else -1


def _topic_names(site: Site, directory_urls: bool) -> list[list[str]]:
    titles = {view.path: view.title for view in site.views}
    names = []
    for key, path in site.facet_paths.get("topic", {}).items():
        title = titles.get(path)
        names.append([key, title.zh if title else key, title.en if title else key, url_of(path, directory_urls)])
    return names


def meta_of(papers: Sequence[Paper], site: Site, directory_urls: bool = True) -> dict:
    """The filter facts of ``papers`` (in index order) as ``meta.json`` holds them."""
    topic_names = _topic_names(site, directory_urls)
    topic_numbers = {row[0]: number for number, row in enumerate(topic_names)}
    venue_names = sorted({paper.venue for paper in papers if paper.venue})
    venue_numbers = {name: number for number, name in enumerate(venue_names)}
    return {
        "days": [_day(paper) for paper in papers],
        "topics": [[topic_numbers[key] for key in paper.topics if key in topic_numbers] for paper in papers],
        "venues": [venue_numbers.get(paper.venue, -1) for paper in papers],
        "code": [1 if paper.links.code else 0 for paper in papers],
        "topicNames": topic_names,
        "venueNames": venue_names,
    }


def abstract_rows(papers: Sequence[Paper]) -> list[list[str]]:
    return [[plain(paper.abstract_en.text), plain(paper.abstract_zh.text)] for paper in papers]
