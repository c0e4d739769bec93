"""RSS 2.0 and Atom feeds of the newest papers, through feedgen (which escapes all text).

Every date comes from the data, never from the clock, so two builds of the same digests
produce the same feeds.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from .labels import Label
from .model import Paper
from .tex import plain

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
SUMMARY_LIMIT = 1200  # characters of abstract in an entry's summary
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Feed:
    """One listing's feeds: where they live (source paths) and what they hold."""

    rss_path: str
    atom_path: str
    title: Label
    page_url: str  # absolute URL of the listing the feed follows


def published(paper: Paper) -> dt.datetime:
    """When the digests last announced the paper: the latest date it was seen on."""
    if not paper.dates:
        return EPOCH
    value = max(date.value for date in paper.dates)
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)


def newest(papers: Sequence[Paper], limit: int) -> tuple[Paper, ...]:
    """The ``limit`` most recently announced papers, newest first; ties keep their order."""
    ordered = heapq.nsmallest(limit, enumerate(papers), key=lambda item: (-published(item[1]).toordinal(), item[0]))
    return tuple(paper for _, paper in ordered)


def entry_title(paper: Paper) -> str:
    if paper.title_en and paper.title_zh:
        return f"{plain(paper.title_en)} / {plain(paper.title_zh)}"
    return plain(paper.title_en or paper.title_zh) or paper.id


def entry_summary(paper: Paper) -> str:
    parts = [plain(paper.tldr_zh.text), plain(paper.tldr_en.text)]
    abstract = plain(paper.abstract_en.text or paper.abstract_zh.text)
    if abstract:
        parts.append(abstract if len(abstract) <= SUMMARY_LIMIT else abstract[:SUMMARY_LIMIT].rstrip() + "…")
    return "\n\n".join(part for part in parts if part) or entry_title(paper)


def xml_safe(text: str) -> str:
    """Without the control characters XML 1.0 cannot carry (lxml refuses them)."""
    return _XML_INVALID.sub("", text)


def render_feeds(
    feed: Feed, papers: Sequence[Paper], card_url: Callable[[Paper], str], *, site_url: str, language: str
) -> tuple[str, str]:
    """(RSS 2.0, Atom) documents for ``papers``, newest first."""
    generator = _generator(feed, papers, site_url, language)
    for paper in papers:
        _add_entry(generator, paper, card_url(paper))
    rss = generator.rss_str(pretty=True).decode("utf-8")
    generator.link(href=site_url + feed.atom_path, rel="self", replace=True)
    generator.link(href=feed.page_url, rel="alternate")
    atom = generator.atom_str(pretty=True).decode("utf-8")
    return rss, atom


def _generator(feed: Feed, papers: Sequence[Paper], site_url: str, language: str) -> FeedGenerator:
    generator = FeedGenerator()
    generator.id(feed.page_url)
    generator.title(xml_safe(str(feed.title)))
    generator.subtitle(xml_safe(f"{feed.title.en}: the newest papers"))
    # feedgen takes RSS's single <link> from the last link added: the listing page.
    generator.link(href=site_url + feed.rss_path, rel="self")
    generator.link(href=feed.page_url, rel="alternate")
    generator.language("zh-CN" if language == "zh" else "en")
    generator.generator("research-digest")
    updated = max((published(paper) for paper in papers), default=EPOCH)
    generator.updated(updated)
    generator.lastBuildDate(updated)
    return generator


def _add_entry(generator: FeedGenerator, paper: Paper, url: str) -> None:
    entry = generator.add_entry(order="append")
    entry.id(url)
    entry.guid(url, permalink=True)
    entry.title(xml_safe(entry_title(paper)))
    entry.link(href=url)
    entry.description(xml_safe(entry_summary(paper)))
    for author in paper.authors:
        entry.author(name=xml_safe(author))
    entry.published(published(paper))
    entry.updated(published(paper))
    for topic in paper.topics:
        entry.category(term=xml_safe(topic))
