"""The files published beside the pages: feeds (whole site and per topic), BibTeX
bibliographies, the papers.json export and its parts (exports.py), and exports.json, their index.
Plain Python: the plugin hands these to MkDocs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from .bibtex import bibtex_entry, citation_keys
from .carry_over import NO_CARRY_OVER, CarryOver
from .exports import (
    COMPRESS_ABOVE, FILE_LIMIT, LISTING_COMPRESS_ABOVE, Exporter, ExportSet, Item, Layout, jsonl_volumes, period_of, set_entry,
)
from .feeds import Feed, newest, render_feeds
from .labels import Label, topic_label
from .model import Paper, PaperDate, Text
from .tex import plain
from .urls import anchor_of, safe_url, url_of
from .views import Site
from .topics import Taxonomy

SCHEMA_VERSION = 1
SCHEMA_FILE = "papers.schema.json"
INDEX_FILE = "exports.json"
INDEX_SCHEMA_FILE = "exports.schema.json"
JSON_FILE = "papers.json"
BIB_FILE = "papers.bib"
PARTS_FOLDER = "exports/"
BIB_LAYOUT = Layout(".bib", b"\n", b"")
SITE_FEED = Feed("feed.xml", "atom.xml", Label("论文速递", "Research Digest"), "")


@dataclass(frozen=True)
class PublishOptions:
    site_url: str = ""  # absolute, ending in "/"; feeds need it
    feed_size: int = 50
    language: str = "zh"
    directory_urls: bool = True
    file_limit: int = FILE_LIMIT  # no published export file is larger (bytes)
    compress_above: int = COMPRESS_ABOVE  # exports are gzip-compressed only when the plain JSON is larger
    listing_compress_above: int = LISTING_COMPRESS_ABOVE  # the topics' BibTeX, when all of it is larger


@dataclass
class Publication:
    files: dict[str, str | bytes] = field(default_factory=dict)  # output path -> content
    feeds: dict[str, Feed] = field(default_factory=dict)  # listing page path -> its feed
    bibliographies: dict[str, str] = field(default_factory=dict)  # listing page path -> .bib path
    citation_keys: dict[str, str] = field(default_factory=dict)  # paper id -> BibTeX key
    json_download: str = JSON_FILE  # what the home page offers as JSON: papers.json, or the index of its parts

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
    publication.citation_keys = citation_keys(papers, carry_over)
    by_topic = _papers_by_topic(papers)
    _add_exports(publication, papers, site, taxonomy, by_topic, options, carry_over)
    if options.site_url:
        _add_feeds(publication, papers, by_topic, site, taxonomy, options, carry_over)
    return publication


def _papers_by_topic(papers: Sequence[Paper]) -> dict[str, list[Paper]]:
    by_topic: dict[str, list[Paper]] = {}
    for paper in papers:
        for topic_id in paper.topics:
            by_topic.setdefault(topic_id, []).append(paper)
    return by_topic


def _add_exports(
    publication: Publication, papers: Sequence[Paper], site: Site, taxonomy: Taxonomy,
    by_topic: dict[str, list[Paper]], options: PublishOptions, carry_over: CarryOver,
) -> None:
    """papers.json and papers.bib (whole while they fit one plain file) and their parts, the JSON
    Lines volumes, each topic's BibTeX, and exports.json listing them all."""
    keys = publication.citation_keys
    records = {paper.id: carry_over.get(_record_json, paper, site.canonical.get(paper.id), keys.get(paper.id), options)
               for paper in papers}
    entries = {paper.id: carry_over.get(_bibtex_bytes, paper, keys[paper.id]) for paper in papers}  # each once
    compress = sum(map(len, records.values())) > options.compress_above
    json_out = Exporter(_json_layout(site, taxonomy), options.file_limit, compress, carry_over)
    bib_out = Exporter(BIB_LAYOUT, options.file_limit, compress, carry_over)
    by_key = keys.__getitem__
    periods = {paper.id: period_of(paper) for paper in papers}
    json_set = _site_export(json_out, JSON_FILE, _items(periods, records, sorted(records)))
    bib_set = _site_export(bib_out, BIB_FILE, _items(periods, entries, sorted(entries, key=by_key)))
    topic_bytes = sum(len(entries[paper.id]) for members in by_topic.values() for paper in members)
    topic_out = Exporter(BIB_LAYOUT, options.file_limit, compress or topic_bytes > options.listing_compress_above, carry_over)
    topics: dict[str, ExportSet] = {}
    for topic_id, path in site.facet_paths["topic"].items():
        members = by_topic.get(topic_id, [])
        stem = path[: -len("index.md")] + "papers"
        topic_items = _items(periods, entries, sorted((paper.id for paper in members), key=by_key))
        whole = topic_out.whole(stem, topic_items)
        topics[topic_id] = ExportSet(whole, ()) if whole else ExportSet(None, topic_out.parts(stem, topic_items))
        publication.bibliographies[path] = topics[topic_id].download
    jsonl_set = jsonl_volumes(json_set.parts, PARTS_FOLDER, options.file_limit, carry_over)
    for export in (json_set, bib_set, jsonl_set, *topics.values()):
        publication.files.update((file.path, file.content) for file in export.files)
    publication.bibliographies["index.md"] = bib_set.download
    publication.json_download = json_set.whole.path if json_set.whole else INDEX_FILE
    exports = {"json": json_set, "jsonl": jsonl_set, "bibtex": bib_set}
    publication.files[INDEX_FILE] = _index_json(len(papers), exports, topics, by_topic, compress, options)
    publication.files[SCHEMA_FILE] = schema_text()
    publication.files[INDEX_SCHEMA_FILE] = schema_text(INDEX_SCHEMA_FILE)


def _items(periods: dict[str, str], texts: dict[str, bytes], order: Sequence[str]) -> list[Item]:
    """The texts of the papers ``order`` names (by id, in file order), each with its period."""
    return [Item(periods[paper_id], texts[paper_id]) for paper_id in order]


def _site_export(out: Exporter, name: str, items: list[Item]) -> ExportSet:
    """The whole collection's file (published plain only, and while it fits) and its parts."""
    whole = None if out.compress else out.whole(name.rsplit(".", 1)[0], items)
    return ExportSet(whole, out.parts(PARTS_FOLDER + "papers", items))


def _index_json(
    papers: int, exports: dict[str, ExportSet], topics: dict[str, ExportSet], by_topic: dict[str, list[Paper]],
    compress: bool, options: PublishOptions,
) -> str:
    index = {
        "$schema": f"./{INDEX_SCHEMA_FILE}", "schema_version": SCHEMA_VERSION, "generator": "research-digest",
        "papers": papers, "file_limit": options.file_limit, "compressed": compress,
        **{name: set_entry(export, options.site_url) for name, export in exports.items()},
        "topics": [{"id": topic_id, "papers": len(by_topic.get(topic_id, [])), "bibtex": set_entry(export, options.site_url)}
                   for topic_id, export in topics.items()],
    }
    return json.dumps(index, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def _bibtex_bytes(paper: Paper, key: str) -> bytes:
    return bibtex_entry(paper, key).encode("utf-8")


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
        shown = carry_over.get(_newest, page, tuple(members), options.feed_size)
        pages = tuple(site.canonical.get(paper.id, "index.md") for paper in shown)
        rss, atom = carry_over.get(_feed_texts, feed, shown, pages, options)
        publication.files[feed.rss_path] = rss
        publication.files[feed.atom_path] = atom
        publication.feeds[page] = feed


def _newest(listing: str, members: tuple[Paper, ...], size: int) -> tuple[Paper, ...]:
    """The newest papers of the listing page ``listing`` (which only names the call for carry-over)."""
    return newest(members, size)


def _feed_texts(feed: Feed, shown: tuple[Paper, ...], pages: tuple[str, ...], options: PublishOptions) -> tuple[str, str]:
    """The feed's RSS and Atom documents; ``pages`` holds the page of each paper's card."""
    page_of = {paper.id: page for paper, page in zip(shown, pages)}

    def card_url(paper: Paper) -> str:
        return options.site_url + url_of(page_of[paper.id], options.directory_urls) + "#" + anchor_of(paper)

    return render_feeds(feed, shown, card_url, site_url=options.site_url, language=options.language)


# --- papers.json --------------------------------------------------------------------------

def schema_text(name: str = SCHEMA_FILE) -> str:
    return resources.files("research_digest").joinpath("data", name).read_text(encoding="utf-8")


def _json_layout(site: Site, taxonomy: Taxonomy) -> Layout:
    """papers.json: a head of what the records refer to, then one record a line (diff-friendly, and
    compact dumps use json's fast C encoder); a part says which period it holds."""
    topics = [
        {"id": topic.id, "name_zh": topic.name_zh, "name_en": topic.name_en}
        for topic in taxonomy.topics if topic.id in site.facet_paths["topic"]
    ]

    def head(period: str | None) -> bytes:
        fields: dict[str, Any] = {
            "$schema": f"./{SCHEMA_FILE}" if period is None else f"../{SCHEMA_FILE}",
            "schema_version": SCHEMA_VERSION, "generator": "research-digest", "topics": topics,
        }
        if period is not None:
            fields["period"] = period
        return (_compact(fields)[:-1] + ',"papers":[\n').encode("utf-8")

    return Layout(".json", b",\n", b"\n]}\n", head)


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _record_json(paper: Paper, canonical: str | None, key: str | None, options: PublishOptions) -> bytes:
    return _compact(paper_record(paper, canonical, key, options)).encode("utf-8")


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
