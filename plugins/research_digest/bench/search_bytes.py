"""What a reader downloads for a first search result: the benchmark's measure of search cost."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from pathlib import Path

from .. import search_index, search_tokens

SearchFiles = Callable[[Path], list[Path]]


SEARCH_QUERY = "segmentation"  # a first query: a common word of paper titles (and of the synthetic corpus)
SHARDED_MANIFEST = "search/digest/manifest.json"
RESULTS_SHOWN = 10  # the search box fetches the display chunks of this many results


def default_search_files(site_dir: Path, query: str = SEARCH_QUERY) -> list[Path]:
    """The files a first search fetches: the home page, Material's ``search_index.json`` and
    the search worker named in the page's ``__config``; with the sharded paper index
    (``search/digest/``) also its manifest, the shards holding the query's tokens and the
    display chunks of the first results. Pass another function to ``first_search_bytes`` to
    count differently."""
    home = site_dir / "index.html"
    files = [home, site_dir / "search" / "search_index.json"]
    match = re.search(r'"search":\s*"([^"]+)"', home.read_text(encoding="utf-8")) if home.exists() else None
    if match:
        files.append(site_dir / match.group(1))
    if (site_dir / SHARDED_MANIFEST).exists():
        files += [path for path in site_dir.rglob("search-worker.js") if path not in files]
        files += sharded_query_files(site_dir, query)
    return files


def sharded_query_files(site_dir: Path, query: str) -> list[Path]:
    """Manifest, shards and display chunks the sharded index needs for ``query``. The chunks are
    those of the first postings of each token (newest papers first), as many as results shown."""
    folder = site_dir / SHARDED_MANIFEST.rsplit("/", 1)[0]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files, chunks = [folder / "manifest.json"], set()
    suffix = search_index.GZ if manifest.get("gz") else ""
    for _, tokens, _ in search_tokens.query_terms(query):
        for token in tokens:
            shard = folder / "s" / f"{search_index.shard_of(token, manifest['shards'])}.json{suffix}"
            files.append(shard)
            chunks |= _first_chunks(shard, token, int(manifest["chunk"]), int(manifest.get("bits", 2)))
    return list(dict.fromkeys(files)) + [folder / "d" / f"{chunk}.json{suffix}" for chunk in sorted(chunks)]


def _first_chunks(shard: Path, token: str, chunk: int, bits: int = 2) -> set[int]:
    content = shard.read_bytes() if shard.exists() else b"{}"
    postings = json.loads(gzip.decompress(content) if shard.suffix == ".gz" else content).get(token, [])
    numbers, paper = set(), 0
    for posting in postings[:RESULTS_SHOWN]:
        paper += posting >> bits
        numbers.add(paper // chunk)
    return numbers


def first_search_bytes(site_dir: Path, search_files: SearchFiles = default_search_files) -> tuple[int, int]:
    """(bytes, gzip-compressed bytes) of the files ``search_files`` says a first search fetches."""
    raw = compressed = 0
    for path in search_files(site_dir):
        if path.is_file():
            data = path.read_bytes()
            stored_compressed = path.suffix == ".gz"  # sent as it is, read inflated
            raw += len(gzip.decompress(data)) if stored_compressed else len(data)
            compressed += len(data) if stored_compressed else len(gzip.compress(data, compresslevel=6))
    return raw, compressed


