"""A static, sharded search index of the papers, for large collections.

Material's search ships every indexed page in one ``search_index.json`` that each reader
downloads and indexes with lunr before the first result: at tens of thousands of papers that is
~100 MB. In ``sharded`` mode the generated pages stay out of Material's index and this module
writes a small inverted index of the papers instead, which ``assets/search-worker.js`` (a drop-in
for Material's search worker) queries by fetching only what a query needs:

``search/digest/manifest.json``
    ``{"v": FORMAT_VERSION, "id": content hash, "docs": N, "chunk": CHUNK_SIZE, "lang": "zh",
    "pages": [[url, title], ...], "shards": [first token of shard 0, of shard 1, ...]}``
``search/digest/s/<i>.json``
    shard ``i``: ``{token: postings}`` for the tokens from ``shards[i]`` (inclusive) to
    ``shards[i + 1]`` (exclusive), tokens ordered by UTF-16 code units (JavaScript's ``<``).
    ``postings`` is a list of integers ``delta << LEVEL_BITS | level``: ``delta`` is the paper number
    minus the previous one in the list (papers numbered oldest first), ``level`` the best field
    the token occurs in (6 arXiv id, 5 title, 4 first author, 3 other author, 2 venue / year /
    category, 1 TL;DR, 0 abstract; ``search_tokens.LEVEL_*``). Every word of both abstracts and
    both TL;DRs is indexed, except the manifest's ``stop`` words (indexed from the other fields only).
``search/digest/d/<k>.json``
    display data of papers ``k * CHUNK_SIZE ...``: ``[page, anchor, title_en, title_zh,
    text_en, text_zh, authors, arxiv_id]`` each, ``page`` an index into ``pages``.
``search/digest/meta.json``, ``search/digest/a/<k>.json``
    for the results page: filter facts and whole abstracts (``search_meta.py``).

Every file but the manifest is stored gzip-compressed, its name ending in ``.gz`` (``s/0.json.gz``;
the manifest's ``"gz": 1`` says so): a static host sends it as it is, so a reader downloads the
same bytes as when the host compresses JSON on the fly, the site takes a third of the disk, and
the worker inflates it (``DecompressionStream``; a host that adds ``Content-Encoding: gzip``
itself is fine too, the worker reads what arrives).

Shards are ranges of the sorted tokens cut at about ``SHARD_BYTES``, so a word or the prefix of
the word being typed is almost always in one shard, and no shard is tiny or huge.

Tokens and the text of each paper: ``search_tokens.py``. Output is deterministic: two builds of
the same papers give byte-identical files.
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import json
import posixpath
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .carry_over import NO_CARRY_OVER, CarryOver
from .model import Paper
from .search_meta import abstract_rows, meta_of
from .urls import url_of
from .search_tokens import LEVEL_BITS, MAX_TOKEN, STOP_WORDS, SearchDoc, doc_and_levels, utf16_key
from .views import Site, View, oldest_first

FORMAT_VERSION = 3
LEVEL_MASK = (1 << LEVEL_BITS) - 1
MODES = ("auto", "material", "sharded")
INDEX_DIR = "search/digest"
WORKER_ASSET = "search-worker.js"
CHUNK_SIZE = 16  # papers per display chunk: a query fetches the chunks of its top results
TEXT_CHUNK_SIZE = 8  # papers per chunk of whole abstracts (the results page's snippets)
SHARD_BYTES = 16_000  # target size of a postings shard (uncompressed JSON)
GZ = ".gz"  # the suffix of the compressed files

@dataclass
class Postings:
    """Each token's postings, delta-encoded (``(doc - previous doc) << LEVEL_BITS | level``), with their
    size in the JSON of a shard. Kept between builds of a growing collection (``mkdocs serve``):
    docs are numbered from the oldest, so a new day's docs are appended; the lists of the
    tokens of a doc that changed (a paper seen again) or moved are rewritten, the others are
    only extended."""

    keys: list[tuple[str, str]] = field(default_factory=list)  # (paper id, page) of each doc, by number
    papers: list[Paper] = field(default_factory=list)
    levels: list[dict[str, int]] = field(default_factory=list)  # each doc's tokens
    lists: dict[str, list[int]] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)  # JSON bytes of the values, one separator each
    last: dict[str, int] = field(default_factory=dict)  # each token's last doc
    order: list[str] = field(default_factory=list)  # the tokens in JavaScript's (UTF-16) order
    _json: dict[str, tuple[int, str]] = field(default_factory=dict)  # token -> (values encoded, JSON)
    _gz: dict[bytes, bytes] = field(default_factory=dict)  # the last build's shards compressed, by their hash

    def update(self, keys: list[tuple[str, str]], papers: list[Paper], levels: list[dict[str, int]]) -> None:
        kept = _common_prefix(self.keys, keys)
        known = set(self.lists)
        self._truncate(kept)
        for number in range(kept):
            old, new = self.levels[number], levels[number]
            if self.papers[number] is not papers[number] and old != new:  # a paper seen again, changed
                for token in old.keys() | new.keys():
                    if old.get(token) != new.get(token):
                        self._rewrite(token, number, new.get(token))
        self.keys, self.papers, self.levels = keys, papers, levels
        self._append(range(kept, len(keys)))
        self._reorder(known)

    def _truncate(self, kept: int) -> None:
        """Drop the docs from number ``kept`` on (they come last in every list)."""
        for token in {token for number in range(kept, len(self.keys)) for token in self.levels[number]}:
            values, number = self.lists[token], self.last[token]
            while values and number >= kept:
                value = values.pop()
                self.sizes[token] -= len(str(value)) + 1
                number -= value >> LEVEL_BITS
            if values:
                self.last[token] = number
                if self._json.get(token, (0, ""))[0] > len(values):
                    del self._json[token]
            else:
                for table in (self.lists, self.sizes, self.last, self._json):
                    table.pop(token, None)

    def _rewrite(self, token: str, number: int, level: int | None) -> None:
        """The token's postings with doc ``number`` at ``level`` (None: not at all)."""
        entries = [entry for entry in _absolute(self.lists.get(token, ())) if entry >> LEVEL_BITS != number]
        if level is not None:
            bisect.insort(entries, number << LEVEL_BITS | level)
        self._json.pop(token, None)
        if not entries:
            for table in (self.lists, self.sizes, self.last):
                table.pop(token, None)
            return
        deltas = _deltas(entries)
        self.lists[token] = deltas
        self.sizes[token] = sum(len(str(value)) + 1 for value in deltas)
        self.last[token] = entries[-1] >> LEVEL_BITS

    def _append(self, numbers: range) -> None:
        lists, sizes, last = self.lists, self.sizes, self.last
        for number in numbers:
            for token, level in self.levels[number].items():
                value = (number - last.get(token, 0)) << LEVEL_BITS | level
                if token in lists:
                    lists[token].append(value)
                    sizes[token] += len(str(value)) + 1
                else:
                    lists[token] = [value]
                    sizes[token] = len(str(value)) + 1
                last[token] = number

    def _reorder(self, known: set[str]) -> None:
        """Keep ``order`` in step with the tokens, ``known`` being those of the previous build."""
        new = [token for token in self.lists if token not in known]
        if len(new) * 20 >= len(self.order):
            self.order = sorted(self.lists, key=utf16_key)
            return
        if len(known) + len(new) > len(self.lists):  # tokens only dropped docs had
            self.order = [token for token in self.order if token in self.lists]
        for token in new:
            bisect.insort(self.order, token, key=utf16_key)

    def entry(self, token: str) -> str:
        """``"token":[values]`` as ``json.dumps`` writes it, extended from the last build's."""
        values = self.lists[token]
        done, text = self._json.get(token, (0, ""))
        if done < len(values):
            added = ",".join(map(str, values[done:]))
            text = f"{text[:-1]},{added}]" if done else f"{json.dumps(token, ensure_ascii=False)}:[{added}]"
            self._json[token] = (len(values), text)
        return text

    def shard_json(self, tokens: list[str]) -> bytes:
        """The shard holding ``tokens``: ``_json({token: postings})``, keys in code point order."""
        return ("{" + ",".join(self.entry(token) for token in sorted(tokens)) + "}").encode("utf-8")

    def compressed(self, shards: list[bytes]) -> list[bytes]:
        """``shards`` gzip-compressed; those unchanged since the last build are not compressed again."""
        keys = [hashlib.blake2b(shard, digest_size=16).digest() for shard in shards]
        done = {key: self._gz.get(key) or compress(shard) for key, shard in zip(keys, shards)}
        self._gz = done
        return [done[key] for key in keys]


def _common_prefix(old: list, new: list) -> int:
    count = min(len(old), len(new))
    return next((number for number in range(count) if old[number] != new[number]), count)


def _absolute(deltas) -> list[int]:
    """Delta-encoded postings as ``doc << LEVEL_BITS | level``."""
    entries, number = [], 0
    for value in deltas:
        number += value >> LEVEL_BITS
        entries.append(number << LEVEL_BITS | value & LEVEL_MASK)
    return entries


def _deltas(entries: list[int]) -> list[int]:
    values, previous = [], 0
    for entry in entries:
        values.append((entry >> LEVEL_BITS) - previous << LEVEL_BITS | entry & LEVEL_MASK)
        previous = entry >> LEVEL_BITS
    return values


# --- the index ---------------------------------------------------------------------------

@dataclass
class SearchIndex:
    files: dict[str, bytes] = field(default_factory=dict)  # path under INDEX_DIR -> content
    version: str = ""
    papers: int = 0

    @property
    def size(self) -> int:
        return sum(len(content) for content in self.files.values())

    def write(self, site_dir: str | Path) -> None:
        """Replace INDEX_DIR under ``site_dir`` with these files."""
        root = Path(site_dir) / INDEX_DIR
        if root.exists():
            shutil.rmtree(root)
        for name, content in sorted(self.files.items()):
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def compress(content: bytes) -> bytes:
    """gzip, the same bytes for the same content (no time stamp)."""
    return gzip.compress(content, compresslevel=6, mtime=0)  # as hosts compress; 9 is 1.7x slower for 0.3 % less


def _chunk_json(start: int, rows: list[list]) -> bytes:
    """The chunk of doc rows from ``start`` on, compressed."""
    return compress(_json(rows))


def _text_chunk_json(start: int, rows: list[list[str]]) -> bytes:
    """The chunk of abstracts from ``start`` on, compressed (a function of its own: ``carry_over``
    finds a previous call by function and first argument, and display chunks start there too)."""
    return compress(_json(rows))


def read_file(files: dict[str, bytes], name: str):
    """The JSON value of the index file ``name`` (``s/0.json``), stored compressed or not."""
    content = files[name + GZ] if name + GZ in files else files[name]
    return json.loads(gzip.decompress(content) if content[:2] == b"\x1f\x8b" else content)


def canonical_pages(site: Site) -> dict[str, View]:
    return {view.path: view for view in site.views}


def build_index(papers: Sequence[Paper], site: Site, *, directory_urls: bool = True,
                default_language: str = "zh", carry_over: CarryOver = NO_CARRY_OVER) -> SearchIndex:
    """The sharded index of ``papers``, each pointing at its canonical card (papers without one,
    e.g. without any date, point at the first listing that shows them; papers on no page are
    left out)."""
    docs = _IndexedDocs.of(papers, site, directory_urls, carry_over)
    postings = carry_over.get(Postings)  # the same object build after build
    postings.update(docs.keys, docs.papers, docs.levels)
    files, shard_firsts = _shard_files(postings)
    for start in range(0, len(docs.docs), CHUNK_SIZE):
        rows = [doc.row(page) for doc, page in docs.docs[start : start + CHUNK_SIZE]]
        files[f"d/{start // CHUNK_SIZE}.json{GZ}"] = carry_over.get(_chunk_json, start, rows)
    for start in range(0, len(docs.docs), TEXT_CHUNK_SIZE):
        abstracts = abstract_rows(docs.papers[start : start + TEXT_CHUNK_SIZE])
        files[f"a/{start // TEXT_CHUNK_SIZE}.json{GZ}"] = carry_over.get(_text_chunk_json, start, abstracts)
    files[f"meta.json{GZ}"] = compress(_json(meta_of(docs.papers, site, directory_urls)))

    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    manifest = {
        "v": FORMAT_VERSION, "docs": len(docs.docs), "chunk": CHUNK_SIZE, "textChunk": TEXT_CHUNK_SIZE, "lang": default_language,
        "pages": docs.page_rows, "shards": shard_firsts, "maxToken": MAX_TOKEN,
        "bits": LEVEL_BITS, "stop": sorted(STOP_WORDS, key=utf16_key), "gz": 1,
    }
    digest.update(_json(manifest))
    version = digest.hexdigest()[:12]
    manifest["id"] = version
    files["manifest.json"] = _json(manifest)
    return SearchIndex(files, version, len(docs.docs))


@dataclass
class _IndexedDocs:
    """The papers the index holds, oldest first, with their docs and the pages they point at."""

    page_rows: list[list[str]] = field(default_factory=list)  # [url, title] of each page
    docs: list[tuple[SearchDoc, int]] = field(default_factory=list)  # and the number of its page
    levels: list[dict[str, int]] = field(default_factory=list)
    keys: list[tuple[str, str]] = field(default_factory=list)  # (paper id, page path)
    papers: list[Paper] = field(default_factory=list)

    @classmethod
    def of(cls, papers: Sequence[Paper], site: Site, directory_urls: bool, carry_over: CarryOver) -> _IndexedDocs:
        views = canonical_pages(site)
        first_listing: dict[str, str] = {}
        for view in site.views:
            for paper in view.papers:
                first_listing.setdefault(paper.id, view.path)
        indexed = cls()
        pages: dict[str, int] = {}
        for paper in oldest_first(papers):  # a new day's papers are appended: earlier docs keep their numbers
            path = site.canonical.get(paper.id) or first_listing.get(paper.id)
            if path is None:
                continue
            if path not in pages:
                pages[path] = len(indexed.page_rows)
                indexed.page_rows.append([url_of(path, directory_urls), str(views[path].title)])
            doc, doc_levels = carry_over.get(doc_and_levels, paper)
            indexed.docs.append((doc, pages[path]))
            indexed.levels.append(doc_levels)
            indexed.keys.append((paper.id, path))
            indexed.papers.append(paper)
        return indexed


def _shard_files(postings: Postings) -> tuple[dict[str, bytes], list[str]]:
    """The postings cut into shards of about SHARD_BYTES: their files, and each one's first token."""
    shards: list[bytes] = []
    shard_firsts: list[str] = []
    shard: list[str] = []
    size = 0
    for token in postings.order:
        entry = len(token.encode()) + postings.sizes[token] + 5  # its bytes in the shard
        if not shard or size + entry > SHARD_BYTES:
            if shard:
                shards.append(postings.shard_json(shard))
            shard_firsts.append(token)
            shard, size = [], 0
        shard.append(token)
        size += entry
    if shard:
        shards.append(postings.shard_json(shard))
    files = {f"s/{number}.json{GZ}": content for number, content in enumerate(postings.compressed(shards))}
    return files, shard_firsts


# --- which search ------------------------------------------------------------------------

def search_mode(configured: str, paper_count: int) -> str:
    """``material`` or ``sharded``: ``auto`` (the option, or ``$RESEARCH_DIGEST_SEARCH`` which
    ``options.resolve`` puts in its place) is the digest's own index at every size (Material's
    lunr finds no title with ``:`` ``-`` ``$`` and does not segment Chinese queries)."""
    return "sharded" if configured == "auto" else configured


@dataclass
class SearchPlan:
    """What the plugin does about search: ``material`` (Material indexes the canonical archive
    pages) or ``sharded`` (generated pages excluded from Material's index; this index is written
    and Material's search box talks to ``search-worker.js``)."""

    mode: str = "material"
    index: SearchIndex | None = None
    worker: str = ""  # site path of the worker script

    @property
    def sharded(self) -> bool:
        return self.mode == "sharded"

    def build(self, papers: Sequence[Paper], site: Site, *, asset_folder: str, directory_urls: bool = True,
              default_language: str = "zh", carry_over: CarryOver = NO_CARRY_OVER) -> None:
        if self.sharded:
            self.index = build_index(papers, site, directory_urls=directory_urls, default_language=default_language,
                                     carry_over=carry_over)
            self.worker = f"{asset_folder}/{WORKER_ASSET}"

    def template_data(self) -> dict | None:
        """For overrides/main.html: the worker (a site path) and its query string."""
        if not self.sharded or self.index is None:
            return None
        index_url = posixpath.relpath(INDEX_DIR, posixpath.dirname(self.worker)) + "/"
        return {"worker": self.worker, "query": f"index={index_url}"}  # no version: see search-worker.js

    def write(self, site_dir: str | Path) -> None:
        if self.sharded and self.index is not None:
            self.index.write(site_dir)


def plan_search(configured: str, paper_count: int) -> SearchPlan:
    return SearchPlan(search_mode(configured, paper_count))


def shard_of(token: str, firsts: Sequence[str]) -> int:
    """The shard that holds ``token`` (the worker's binary search, for tests)."""
    low, high, key = 0, len(firsts) - 1, utf16_key(token)
    found = 0
    while low <= high:
        middle = (low + high) // 2
        if utf16_key(firsts[middle]) <= key:
            found, low = middle, middle + 1
        else:
            high = middle - 1
    return found
