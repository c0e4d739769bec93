"""Each paper's long text, stored once: the abstracts and BibTeX of the compact cards.

A paper's full card, with both abstracts and its BibTeX entry, is on its canonical page (the
archive page of its earliest date); every other listing shows a compact card whose folded
abstract and BibTeX are filled in the browser from a small static chunk (``assets/paper-data.js``)
and, without JavaScript, link to the full card. One chunk per canonical date, so that a new day
adds a chunk and leaves the others as they are:

``paper-data/<date key>.json`` (``2024-02-16``, ``2024-02`` or ``2024``)
    ``{"v": FORMAT_VERSION, "papers": {id: {"zh": html | null, "en": html | null, "bib": text}}}``;
    ``zh`` / ``en`` the inner HTML of the card's abstract body in that language (rendered and
    escaped by the card's own macro), ``bib`` the entry of the card's BibTeX box.

A paper without a date has no canonical page and no chunk: its cards stay full everywhere.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import partial

from .bibtex import bibtex_entry, citation_key
from .carry_over import NO_CARRY_OVER, CarryOver
from .model import Paper, Text

FORMAT_VERSION = 1
FOLDER = "paper-data"

AbstractBody = Callable[[Text], str]  # the card's macro: a Text -> the HTML of its body


def chunk_path(paper: Paper) -> str | None:
    """Where the paper's long text is published, relative to the site root."""
    first = paper.first_date
    return f"{FOLDER}/{first.key}.json" if first else None


def papers_by_chunk(papers: Sequence[Paper], canonical: dict[str, str]) -> dict[str, list[Paper]]:
    """The papers with a canonical card, by the chunk that holds their text, in source order."""
    chunks: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        path = chunk_path(paper) if paper.id in canonical else None
        if path is not None:
            chunks[path].append(paper)
    return chunks


def chunk_json(body: AbstractBody, path: str, papers: tuple[Paper, ...], keys: tuple[str | None, ...]) -> bytes:
    """The file of the chunk at ``path``: its papers' abstracts (as the card renders them) and
    BibTeX entries (``path`` is not in the file: it names the chunk for ``carry_over``)."""
    records = {}
    for paper, key in zip(papers, keys):
        records[paper.id] = {
            "zh": str(body(paper.abstract_zh)) if paper.abstract_zh else None,
            "en": str(body(paper.abstract_en)) if paper.abstract_en else None,
            "bib": bibtex_entry(paper, key or citation_key(paper), with_abstract=False),
        }
    document = {"v": FORMAT_VERSION, "papers": records}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def chunk_files(
    papers: Sequence[Paper], canonical: dict[str, str], citation_keys: dict[str, str], body: AbstractBody,
    carry_over: CarryOver = NO_CARRY_OVER,
) -> Iterator[tuple[str, bytes]]:
    """(path, content) of every chunk, one at a time: a caller that writes and drops each keeps
    only one chunk in memory. A ``mkdocs serve`` rebuild takes unchanged chunks over (the very
    same bytes object, which lets the writer link the previous file instead of writing it)."""
    make = partial(chunk_json, body)
    for path, members in sorted(papers_by_chunk(papers, canonical).items()):
        chunk = tuple(members)
        yield path, carry_over.get(make, path, chunk, tuple(citation_keys.get(paper.id) for paper in chunk))
