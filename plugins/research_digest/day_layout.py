"""A day as the reader wants it: the papers first seen that day first, grouped by their primary
topic, then the papers seen before (new versions, cross-lists, re-announcements). The home page's
latest day uses the same layout."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .labels import Label, topic_label
from .model import Paper
from .topics import OTHER_ID, Taxonomy

# A day stays on one page while its HTML stays under this; a card is about its text plus markup.
DAY_PAGE_BYTES = 1_000_000
CARD_MARKUP_BYTES = 2_600


@dataclass(frozen=True)
class DayGroup:
    topic: str
    title: Label
    papers: tuple[Paper, ...]


def primary_topic(paper: Paper, taxonomy: Taxonomy) -> str:
    """The topic of the paper's first section label, else its best keyword topic."""
    if paper.sections:
        named = taxonomy.topic_for_label(paper.sections[0])
        if named is not None and named.id in paper.topics:
            return named.id
    return paper.topics[0] if paper.topics else OTHER_ID


def is_new_on(paper: Paper, day_key: str) -> bool:
    return paper.first_date is not None and paper.first_date.key == day_key


def day_order(papers: Sequence[Paper], day_key: str, taxonomy: Taxonomy) -> list[Paper]:
    """New papers in taxonomy order of their primary topic (source order within a topic), then
    the papers seen before, in source order."""
    rank = {topic.id: position for position, topic in enumerate(taxonomy.topics)}
    new = [paper for paper in papers if is_new_on(paper, day_key)]
    new.sort(key=lambda paper: rank.get(primary_topic(paper, taxonomy), len(rank)))
    return new + [paper for paper in papers if not is_new_on(paper, day_key)]


def day_groups(papers: Sequence[Paper], day_key: str, taxonomy: Taxonomy) -> tuple[list[DayGroup], list[Paper]]:
    """The new papers by primary topic (in the order of ``papers``), and the papers seen before."""
    groups: dict[str, list[Paper]] = {}
    updated = []
    for paper in papers:
        if is_new_on(paper, day_key):
            groups.setdefault(primary_topic(paper, taxonomy), []).append(paper)
        else:
            updated.append(paper)
    return [DayGroup(key, topic_label(taxonomy, key), tuple(members)) for key, members in groups.items()], updated


def estimated_card_bytes(paper: Paper) -> int:
    texts = (paper.title_en, paper.title_zh, paper.tldr_en.text, paper.tldr_zh.text,
             paper.abstract_en.text, paper.abstract_zh.text, *paper.authors)
    return CARD_MARKUP_BYTES + sum(len(text.encode("utf-8")) for text in texts) * 11 // 10


def day_page_size(papers: Sequence[Paper], budget: int = DAY_PAGE_BYTES) -> int:
    """Papers per page so that a day is one page while it fits ``budget`` bytes, else as few
    even pages as fit."""
    total = sum(estimated_card_bytes(paper) for paper in papers)
    pages = max(1, -(-total // budget))
    return max(1, -(-len(papers) // pages))
