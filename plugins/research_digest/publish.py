"""The files published beside the pages: feeds (whole site and per topic), BibTeX
bibliographies and the papers.json export. Plain Python: the plugin hands these to MkDocs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from .bibtex import bibtex_entry, citation_keys
from .carry_over import NO_CARRY_OVER, CarryOver
from .feeds import Feed, newest, render_feeds
from .labels import Label, topic_label
from .model import Paper, PaperDate, Text
from .tex import plain
from .urls import anchor_of, safe_url, url_of
from .views import Site
from .topics import Taxonomy

SCHEMA_VERSION = 1
SCHEMA_FILE = "papers.schema.json"
JSON_FILE = "papers.json"
BIB_FILE = "papers.bib"
SITE_FEED = Feed("feed.xml", "atom.xml", Label("论文速递", "Research Digest"), "")


@dataclass(frozen=True)
class PublishOptions:
    site_url: str = ""  # absolute, ending in "/"; feeds need it
    feed_size: int = 50
    language: str = "zh"
    directory_urls: bool = True


@dataclass
class Publication:
    files: dict[str, str] = field(default_factory=dict)  # output path -> content
    feeds: dict[str, Feed] = field(default_factory=dict)  # listing page path -> its feed
    bibliographies: dict[str, str] = field(default_factory=dict)  # listing page path -> .bib path
    citation_keys: dict[str, str] = field(default_factory=dict)  # paper id -> BibTeX key

    def links_for(self, page_path: str | None) -> list[Feed]:
        """The feeds a page advertises: the whole site's, and its own listing's."""
        feeds = [self.feeds["index.md"]] if "index.md" in self.feeds else []
        own = self.feeds.get(page_path or "")
        if own is not None and own not in feeds:
            feeds.append(own)
        return feeds


def normalised_site_url(site_url: str | None) -> str:
    url = (site_url or "").strip()
    return url if not url or url.endswith("/") else url + "/"


def publish(
    papers: Sequence[Paper], site: Site, taxonomy: Taxonomy, options: PublishOptions,
    carry_over: CarryOver = NO_CARRY_OVER,
) -> Publication:
    publication = Publication()
    keys = publication.citation_keys = citation_keys(papers, carry_over)
    entries = {paper.id: carry_over.get(bibtex_entry, paper, keys[paper.id]) for paper in papers}  # each once
    by_topic = _papers_by_topic(papers)
    _add_bibliography(publication, "index.md", BIB_FILE, papers, keys, entries)
    for topic_id, path in site.facet_paths["topic"].items():
        folder = path[: -len("index.md")]
        _add_bibliography(publication, path, folder + BIB_FILE, by_topic.get(topic_id, []), keys, entries)
    publication.files[JSON_FILE] = papers_json(papers, site, taxonomy, keys, options, carry_over)
    publication.files[SCHEMA_FILE] = schema_text()
    if options.site_url:
        _add_feeds(publication, papers, by_topic, site, taxonomy, options, carry_over)
    return publication


def _papers_by_topic(papers: Sequence[Paper]) -> dict[str, list[Paper]]:
    by_topic: dict[str, list[Paper]] = {}
    for paper in papers:
        for topic_id in paper.topics:
            by_topic.setdefault(topic_id, []).append(paper)
    return by_topic


def _add_bibliography(publication: Publication, page: str, path: str, papers: Sequence[Paper], keys, entries) -> None:
    """A .bib file of ``papers`` in key order."""
    publication.files[path] = "\n".join(entries[paper.id] for paper in sorted(papers, key=lambda p: keys[p.id]))
    publication.bibliographies[page] = path


def _add_feeds(
    publication, papers, by_topic, site: Site, taxonomy: Taxonomy, options: PublishOptions, carry_over: CarryOver
) -> None:
    listings = [("index.md", SITE_FEED, papers)]
    for topic_id, path in site.facet_paths["topic"].items():
        folder = path[: -len("index.md")]
        title = topic_label(taxonomy, topic_id).markup_free()  # feed readers may read titles as HTML
        feed = Feed(folder + "feed.xml", folder + "atom.xml", title, "")
        listings.append((path, feed, by_topic.get(topic_id, [])))
    for page, feed, members in listings:
        feed = Feed(feed.rss_path, feed.atom_path, feed.title, options.site_url + url_of(page, options.directory_urls))
        shown = newest(members, options.feed_size)
        pages = tuple(site.canonical.get(paper.id, "index.md") for paper in shown)
        rss, atom = carry_over.get(_feed_texts, feed, tuple(shown), pages, options)
        publication.files[feed.rss_path] = rss
        publication.files[feed.atom_path] = atom
        publication.feeds[page] = feed


def _feed_texts(feed: Feed, shown: tuple[Paper, ...], pages: tuple[str, ...], options: PublishOptions) -> tuple[str, str]:
    """The feed's RSS and Atom documents; ``pages`` holds the page of each paper's card."""
    page_of = {paper.id: page for paper, page in zip(shown, pages)}

    def card_url(paper: Paper) -> str:
        return options.site_url + url_of(page_of[paper.id], options.directory_urls) + "#" + anchor_of(paper)

    return render_feeds(feed, shown, card_url, site_url=options.site_url, language=options.language)


# --- papers.json --------------------------------------------------------------------------

def schema_text() -> str:
    return resources.files("research_digest").joinpath("data", SCHEMA_FILE).read_text(encoding="utf-8")


def papers_json(
    papers: Sequence[Paper], site: Site, taxonomy: Taxonomy, keys: dict[str, str], options,
    carry_over: CarryOver = NO_CARRY_OVER,
) -> str:
    head = {
        "$schema": f"./{SCHEMA_FILE}",
        "schema_version": SCHEMA_VERSION,
        "generator": "research-digest",
        "topics": [
            {"id": topic.id, "name_zh": topic.name_zh, "name_en": topic.name_en}
            for topic in taxonomy.topics if topic.id in site.facet_paths["topic"]
        ],
    }
    # One paper per line: diff-friendly, and compact dumps use json's fast C encoder.
    records = (
        carry_over.get(_record_json, paper, site.canonical.get(paper.id), keys.get(paper.id), options)
        for paper in sorted(papers, key=lambda p: p.id)
    )
    return _compact(head)[:-1] + ',"papers":[\n' + ",\n".join(records) + "\n]}\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _record_json(paper: Paper, canonical: str | None, key: str | None, options: PublishOptions) -> str:
    return _compact(paper_record(paper, canonical, key, options))


def paper_record(paper: Paper, canonical: str | None, key: str | None, options: PublishOptions) -> dict[str, Any]:
    """The paper's papers.json record; ``canonical`` is the page of its card, ``key`` its BibTeX key."""
    page = url_of(canonical, options.directory_urls) + "#" + anchor_of(paper) if canonical is not None else None
    return {
        "id": paper.id,
        "title": {"en": plain(paper.title_en), "zh": plain(paper.title_zh)},
        "earlier_titles": {"en": list(paper.earlier_titles), "zh": list(paper.earlier_titles_zh)},
        "also_posted_as": list(paper.also_posted_as),
        "authors": list(paper.authors),
        "tldr": {"zh": _text(paper.tldr_zh), "en": _text(paper.tldr_en)},
        "abstract": {"zh": _text(paper.abstract_zh), "en": _text(paper.abstract_en)},
        "links": {
            "abstract": safe_url(paper.links.abstract) or None, "pdf": safe_url(paper.links.pdf) or None,
            "code": safe_url(paper.links.code) or None, "venue": safe_url(paper.links.venue) or None,
        },
        "arxiv": {
            "id": paper.arxiv_id or None, "version": paper.arxiv_version,
            "category": paper.category or None, "announce_type": paper.announce_type or None,
        },
        "venue": {"name": paper.venue or None, "year": paper.year},
        "sections": list(paper.sections),
        "topics": list(paper.topics),
        "dates": [_date(date) for date in sorted(paper.dates)],
        "appearances": [
            {
                "source": seen.source, "line": seen.line, "format": seen.format,
                "section": seen.section, "date": _date(seen.date) if seen.date else None,
            }
            for seen in paper.appearances
        ],
        "bibtex_key": key,
        "page": page,
        "url": options.site_url + page if options.site_url and page else None,
    }


def _text(text: Text) -> dict[str, Any] | None:
    return {"text": plain(text.text), "truncated": text.truncated} if text else None


def _date(date: PaperDate) -> dict[str, str]:
    return {"date": date.key, "precision": date.precision.value, "origin": date.origin.value}
