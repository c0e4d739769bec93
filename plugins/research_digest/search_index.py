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
    ``postings`` is a list of integers ``delta << 2 | level``: ``delta`` is the paper number
    minus the previous one in the list (papers numbered newest first), ``level`` the best field
    the token occurs in (3 arXiv id, 2 title, 1 author / venue, 0 TL;DR / abstract lead).
``search/digest/d/<k>.json``
    display data of papers ``k * CHUNK_SIZE ...``: ``[page, anchor, title_en, title_zh,
    text_en, text_zh, authors, arxiv_id]`` each, ``page`` an index into ``pages``.

Shards are ranges of the sorted tokens cut at about ``SHARD_BYTES``, so a word or the prefix of
the word being typed is almost always in one shard, and no shard is tiny or huge.

Tokens (:func:`tokens`; the worker's ``tokenize`` is the same algorithm): the text is NFKC
normalised and lowercased; runs of letters and digits are words (``palm2``, ``vadapter``,
``yuille``); arXiv ids are also kept whole (``2402.10896`` besides ``2402`` and ``10896``); runs of
CJK characters give their bigrams and their last character (``适配器`` -> 适配 配器 器; a lone
character is searched as the prefix of the bigrams it starts), so the browser needs no dictionary
segmentation. Output is deterministic: two builds of the same papers give
byte-identical files.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import posixpath
import re
import shutil
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .carry_over import NO_CARRY_OVER, CarryOver
from .model import Paper
from .render import anchor_of, url_of
from .views import Site, View, oldest_first

FORMAT_VERSION = 1
MODES = ("auto", "material", "sharded")
MODE_ENV = "RESEARCH_DIGEST_SEARCH"  # overrides the `search` option: auto, material or sharded
SHARDED_THRESHOLD = 2000  # `auto`: more papers than this -> sharded
INDEX_DIR = "search/digest"
WORKER_ASSET = "search-worker.js"
CHUNK_SIZE = 16  # papers per display chunk: a query fetches the chunks of its top results
SHARD_BYTES = 16_000  # target size of a postings shard
MAX_TOKEN = 40  # longer "words" (hashes, URLs) are not indexed
TITLE_TEXT = 120  # characters of the TL;DR (or abstract lead) shown and indexed
AUTHORS_SHOWN = 6

LEVEL_TEXT, LEVEL_AUTHOR, LEVEL_TITLE, LEVEL_ID = 0, 1, 2, 3

_ARXIV_ID = re.compile(r"(?:^|(?<=[^\d.]))(\d{4}\.\d{4,5})(?!\d)")


# --- tokens ------------------------------------------------------------------------------

CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
# a CJK run, or a run of letters and digits that are not CJK (`[^\W_]` is str.isalnum)
_RUN = re.compile(f"([{CJK_RANGES}]+)|([^\\W_{CJK_RANGES}]+)")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def runs(text: str) -> list[tuple[str, str]]:
    """The normalised text as ("w", word) and ("c", CJK run) pieces, in order."""
    return [("c", cjk) if cjk else ("w", word) for cjk, word in _RUN.findall(normalize(text))]


_WORD = re.compile(r"\w+")  # letters, digits (str.isalnum) and "_": the fast first cut
_CJK_SPLIT = re.compile(f"([{CJK_RANGES}]+)")


def tokens(text: str) -> list[str]:
    """Index tokens of a text, in order of first occurrence, without duplicates: words, arXiv
    ids, and for CJK runs their bigrams and their last character alone (a lone character is
    searched as a prefix, so every character of a run is found)."""
    found: dict[str, None] = {}
    normal = text.lower() if text.isascii() else normalize(text)
    for piece in _WORD.findall(normal):
        parts = [piece] if piece.isascii() else _CJK_SPLIT.split(piece)
        for position, part in enumerate(parts):
            if position % 2:  # a CJK run
                found.update(dict.fromkeys([part[i : i + 2] for i in range(len(part))]))
            elif "_" in part:
                found.update(dict.fromkeys(word for word in part.split("_") if word and len(word) <= MAX_TOKEN))
            elif part and len(part) <= MAX_TOKEN:
                found[part] = None
    if "." in normal:
        found.update(dict.fromkeys(_ARXIV_ID.findall(normal)))
    return list(found)


def utf16_key(token: str) -> bytes:
    """Sort key matching JavaScript's string comparison (UTF-16 code units)."""
    return token.encode("utf-16-be")


# --- documents ---------------------------------------------------------------------------

def _short(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class SearchDoc:
    page: int
    anchor: str
    title_en: str
    title_zh: str
    text_en: str
    text_zh: str
    authors: str
    arxiv_id: str
    fields: tuple[tuple[int, str], ...]  # (level, text) to tokenise

    def row(self, page: int | None = None) -> list:
        return [self.page if page is None else page, self.anchor, self.title_en, self.title_zh, self.text_en, self.text_zh,
                self.authors, self.arxiv_id]

    def token_levels(self) -> dict[str, int]:
        """Each token of the paper and the best field it occurs in."""
        levels: dict[str, int] = {}
        for level, text in sorted(self.fields):  # a better field overrides a worse one
            levels.update(dict.fromkeys(tokens(text), level))
        return levels


def search_doc(paper: Paper, page: int) -> SearchDoc:
    text_en = _short((paper.tldr_en or paper.abstract_en).text, TITLE_TEXT * 2)
    text_zh = _short((paper.tldr_zh or paper.abstract_zh).text, TITLE_TEXT)
    authors = ", ".join(paper.authors[:AUTHORS_SHOWN]) + (" …" if len(paper.authors) > AUTHORS_SHOWN else "")
    ids = " ".join(dict.fromkeys(value for value in (paper.arxiv_id, paper.id) if value))
    fields = (
        (LEVEL_ID, ids),
        (LEVEL_TITLE, f"{paper.title_en} {paper.title_zh}"),
        (LEVEL_AUTHOR, " ".join(paper.authors) + f" {paper.venue} {paper.year or ''}"),
        (LEVEL_TEXT, f"{text_en} {text_zh}"),
    )
    return SearchDoc(page, anchor_of(paper), paper.title_en, paper.title_zh, text_en, text_zh, authors,
                     paper.arxiv_id, fields)


def _doc_and_levels(paper: Paper) -> tuple[SearchDoc, dict[str, int]]:
    doc = search_doc(paper, 0)
    return doc, doc.token_levels()


@dataclass
class Postings:
    """Each token's postings, delta-encoded (``(doc - previous doc) << 2 | level``), with their
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
                number -= value >> 2
            if values:
                self.last[token] = number
                if self._json.get(token, (0, ""))[0] > len(values):
                    del self._json[token]
            else:
                for table in (self.lists, self.sizes, self.last, self._json):
                    table.pop(token, None)

    def _rewrite(self, token: str, number: int, level: int | None) -> None:
        """The token's postings with doc ``number`` at ``level`` (None: not at all)."""
        entries = [entry for entry in _absolute(self.lists.get(token, ())) if entry >> 2 != number]
        if level is not None:
            bisect.insort(entries, number << 2 | level)
        self._json.pop(token, None)
        if not entries:
            for table in (self.lists, self.sizes, self.last):
                table.pop(token, None)
            return
        deltas = _deltas(entries)
        self.lists[token] = deltas
        self.sizes[token] = sum(len(str(value)) + 1 for value in deltas)
        self.last[token] = entries[-1] >> 2

    def _append(self, numbers: range) -> None:
        lists, sizes, last = self.lists, self.sizes, self.last
        for number in numbers:
            for token, level in self.levels[number].items():
                value = (number - last.get(token, 0)) << 2 | level
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


def _common_prefix(old: list, new: list) -> int:
    count = min(len(old), len(new))
    return next((number for number in range(count) if old[number] != new[number]), count)


def _absolute(deltas) -> list[int]:
    """Delta-encoded postings as ``doc << 2 | level``."""
    entries, number = [], 0
    for value in deltas:
        number += value >> 2
        entries.append(number << 2 | value & 3)
    return entries


def _deltas(entries: list[int]) -> list[int]:
    values, previous = [], 0
    for entry in entries:
        values.append((entry >> 2) - previous << 2 | entry & 3)
        previous = entry >> 2
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


def _chunk_json(start: int, rows: list[list]) -> bytes:
    """The chunk of doc rows from ``start`` on."""
    return _json(rows)


def canonical_pages(site: Site) -> dict[str, View]:
    return {view.path: view for view in site.views}


def build_index(papers: Sequence[Paper], site: Site, *, directory_urls: bool = True,
                default_language: str = "zh", carry_over: CarryOver = NO_CARRY_OVER) -> SearchIndex:
    """The sharded index of ``papers``, each pointing at its canonical card (papers without one,
    e.g. without any date, point at the first listing that shows them; papers on no page are
    left out)."""
    views = canonical_pages(site)
    first_listing: dict[str, str] = {}
    for view in site.views:
        for paper in view.papers:
            first_listing.setdefault(paper.id, view.path)
    pages: dict[str, int] = {}
    page_rows: list[list[str]] = []
    docs: list[tuple[SearchDoc, int]] = []  # and the number of its page
    levels: list[dict[str, int]] = []
    keys: list[tuple[str, str]] = []
    indexed: list[Paper] = []
    for paper in oldest_first(papers):  # a new day's papers are appended: earlier docs keep their numbers
        path = site.canonical.get(paper.id) or first_listing.get(paper.id)
        if path is None:
            continue
        if path not in pages:
            pages[path] = len(page_rows)
            page_rows.append([url_of(path, directory_urls), str(views[path].title)])
        doc, doc_levels = carry_over.get(_doc_and_levels, paper)
        docs.append((doc, pages[path]))
        levels.append(doc_levels)
        keys.append((paper.id, path))
        indexed.append(paper)

    postings = carry_over.get(Postings)  # the same object build after build
    postings.update(keys, indexed, levels)

    files: dict[str, bytes] = {}
    shard_firsts: list[str] = []
    shard: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal shard, size
        if shard:
            files[f"s/{len(shard_firsts) - 1}.json"] = postings.shard_json(shard)
        shard, size = [], 0

    for token in postings.order:
        entry = len(token.encode()) + postings.sizes[token] + 5  # its bytes in the shard
        if not shard or size + entry > SHARD_BYTES:
            flush()
            shard_firsts.append(token)
        shard.append(token)
        size += entry
    flush()

    for start in range(0, len(docs), CHUNK_SIZE):
        rows = [doc.row(page) for doc, page in docs[start : start + CHUNK_SIZE]]
        files[f"d/{start // CHUNK_SIZE}.json"] = carry_over.get(_chunk_json, start, rows)

    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    manifest = {
        "v": FORMAT_VERSION, "docs": len(docs), "chunk": CHUNK_SIZE, "lang": default_language,
        "pages": page_rows, "shards": shard_firsts, "maxToken": MAX_TOKEN,
    }
    digest.update(_json(manifest))
    version = digest.hexdigest()[:12]
    manifest["id"] = version
    files["manifest.json"] = _json(manifest)
    return SearchIndex(files, version, len(docs))


# --- which search ------------------------------------------------------------------------

def search_mode(configured: str, paper_count: int, environ: dict[str, str] | None = None) -> str:
    """``material`` or ``sharded``: ``$RESEARCH_DIGEST_SEARCH`` wins over the option; ``auto``
    is sharded above SHARDED_THRESHOLD papers."""
    override = (environ if environ is not None else os.environ).get(MODE_ENV, "").strip().lower()
    mode = override if override in MODES else configured
    if mode == "auto":
        return "sharded" if paper_count > SHARDED_THRESHOLD else "material"
    return mode


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
        return {"worker": self.worker, "query": f"v={self.index.version}&index={index_url}"}

    def write(self, site_dir: str | Path) -> None:
        if self.sharded and self.index is not None:
            self.index.write(site_dir)


def plan_search(configured: str, paper_count: int, environ: dict[str, str] | None = None) -> SearchPlan:
    return SearchPlan(search_mode(configured, paper_count, environ))


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


_QUERY_ID = re.compile(r"(^|[^\d.])(\d{4}\.\d+)(?!\d)")  # an arXiv id, complete or being typed


def query_terms(query: str) -> list[tuple[str, list[str], bool]]:
    """The worker's reading of a query (``parseQuery``), for tests: ``(key, tokens, prefix)`` per
    term. A word of two or more characters and an arXiv id match as prefixes too; a CJK run
    needs all its bigrams; a lone CJK character is the prefix of the bigrams it starts."""
    terms: list[tuple[str, list[str], bool]] = []

    def take_id(match: re.Match) -> str:
        terms.append((match.group(2), [match.group(2)], True))
        return match.group(1) + " "

    rest = _QUERY_ID.sub(take_id, normalize(query))
    for kind, piece in runs(rest):
        if kind == "c":
            if len(piece) == 1:
                terms.append((piece, [piece], True))
            else:
                terms.append((piece, [piece[i : i + 2] for i in range(len(piece) - 1)], False))
        else:
            for word in piece.split("_"):
                if word and len(word) <= MAX_TOKEN:
                    terms.append((word, [word], len(word) >= 2))
    unique: dict[str, tuple[str, list[str], bool]] = {}
    for term in terms:
        unique.setdefault(term[0], term)
    return list(unique.values())
