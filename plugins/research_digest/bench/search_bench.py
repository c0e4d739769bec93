"""``python -m research_digest.bench search``: how well and how cheaply a reader finds a paper again.

A corpus (synthetic, or a folder of digests) is built into a site with the project's mkdocs.yml;
papers are sampled with a fixed seed and each gives a query of seven kinds (search_queries.py).
In headless Chromium (Playwright, the system chromium) each query is answered by

- ``digest``: search-worker.js's engine over the site's own index (``search: auto``): hit@1,
  hit@10, the latency of a first query (a fresh engine: manifest, shards and display chunks
  fetched from a local server) and of a query on a warm page, and the gzip bytes of the search
  data a first query fetched (manifest included), as a static host sends them;
- ``lunr`` (optional): Material's own search worker over its search_index.json (the site built
  again with ``search: material``); its setup (download and index) is timed once, each query
  is bounded by a timeout and the sample may be cut (``--lunr-sample``);
- ``pagefind`` (optional): Pagefind (``python -m pagefind``) over the same HTML; bytes are those
  it transferred for the query in a fresh page.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .search_queries import Query

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
QUERY_TIMEOUT_MS = 10_000


@dataclass
class Outcome:
    query: Query
    rank: int | None  # 0-based position of the target among the first ten papers, None: not there
    first_ms: float = 0.0  # a first query (cold engine)
    warm_ms: float = 0.0
    bytes_gz: int = 0
    timed_out: bool = False


@dataclass
class EngineRun:
    name: str
    outcomes: list[Outcome] = field(default_factory=list)
    setup_ms: float = 0.0
    note: str = ""
    usable_ms: list[float] = field(default_factory=list)  # page load event to a first answer in the search box


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: D102 - no request log on stderr
        pass


def _rank(locations: Sequence[str], anchor: str) -> int | None:
    papers = list(dict.fromkeys(location.split("#", 1)[1] for location in locations if "#p-" in location))
    return next((i for i, found in enumerate(papers[:10]) if found == anchor), None)


@functools.lru_cache(maxsize=None)
def _gzip_size(path: Path) -> int:
    """The bytes a static host sends for ``path``: a file stored compressed (``path.gz``, the
    digest's index) as it is, any other compressed on the fly (gzip -6)."""
    stored = path.with_name(path.name + ".gz")
    if stored.is_file():
        return stored.stat().st_size
    return len(gzip.compress(path.read_bytes(), compresslevel=6)) if path.is_file() else 0


DIGEST_SETUP = """async () => {
  window.module = {exports: {}};
  await new Promise((ok, fail) => { const s = document.createElement('script'); s.onload = ok; s.onerror = fail;
    s.src = new URL(JSON.parse(document.getElementById('__config').textContent).search, location.href).href.split('?')[0];
    document.head.appendChild(s); });
  const config = JSON.parse(document.getElementById('__config').textContent);
  window.rdWorkerUrl = new URL(config.search, location.href).href;
  window.rdFetch = window.module.exports.fetchJSON;
  window.rdWarm = new window.module.exports.Engine({docs: []}, window.rdFetch, window.rdWorkerUrl);
  await window.rdWarm.papers.manifest;
}"""

DIGEST_QUERY = """async (q) => {
  const api = window.module.exports;
  const engine = new api.Engine({docs: []}, window.rdFetch, window.rdWorkerUrl);
  let t = performance.now();
  const first = await engine.search(q);
  const firstMs = performance.now() - t;
  t = performance.now();
  await window.rdWarm.search(q);
  const warmMs = performance.now() - t;
  const base = new URL(engine.papers.base);
  return {firstMs, warmMs, locations: first.items.flat().map(i => i.location),
          files: Array.from(engine.papers.files.keys()).map(name => new URL(name, base).pathname)};
}"""


def run_digest(browser, site: Path, queries: Sequence[Query]) -> EngineRun:
    run = EngineRun("digest")
    with served(site) as base:
        page = browser.new_page()
        page.goto(base)
        page.evaluate(DIGEST_SETUP)
        for query in queries:
            answer = page.evaluate(DIGEST_QUERY, query.text)
            files = [site / path.lstrip("/") for path in answer["files"]]
            run.outcomes.append(Outcome(query, _rank(answer["locations"], query.anchor), answer["firstMs"],
                                        answer["warmMs"], sum(_gzip_size(path) for path in files)))
        page.close()
        run.usable_ms = search_box_usable(browser, base, queries)
    return run


USABLE_SAMPLES = 20  # cold pages timed from load to a first answer in the header search box
RESULT_LINK = "li.md-search-result__item a[href*='#p-']"
SINCE_LOAD = """() => performance.now() - performance.getEntriesByType('navigation')[0].loadEventEnd"""


def search_box_usable(browser, base: str, queries: Sequence[Query], samples: int = USABLE_SAMPLES) -> list[float]:
    """For ``samples`` of the queries, each in a cold browser context: the ms from the home page's
    load event until the query typed into the header search box shows a paper (what a reader
    who searches as soon as the page is there waits; the engine's setup included)."""
    chosen = list(queries)[:: max(1, len(queries) // samples)][:samples]
    times = []
    for query in chosen:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base, wait_until="load")
        page.locator("label.md-search__icon, .md-search__input").first.click()
        box = page.locator("input.md-search__input")
        box.fill(query.text)
        box.press("End")  # Material searches on key events
        page.locator(RESULT_LINK).first.wait_for(timeout=30_000)
        times.append(page.evaluate(SINCE_LOAD))
        context.close()
    return times


LUNR_SETUP = """async () => {
  const config = JSON.parse(document.getElementById('__config').textContent);
  const t = performance.now();
  const index = await fetch(new URL('search/search_index.json', new URL(config.base + '/', location.href)).href).then(r => r.json());
  window.lunrWorker = new Worker(new URL(config.search, location.href).href);
  await new Promise(ok => { window.lunrWorker.onmessage = e => { if (e.data.type === 1) ok(); };
                            window.lunrWorker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}}); });
  return performance.now() - t;
}"""

LUNR_QUERY = """([q, timeout]) => new Promise(ok => {
  const t = performance.now();
  const timer = setTimeout(() => ok(null), timeout);
  window.lunrWorker.onmessage = e => { if (e.data.type !== 3) return; clearTimeout(timer);
    ok({ms: performance.now() - t, locations: e.data.data.items.flat().map(i => i.location)}); };
  window.lunrWorker.postMessage({type: 2, data: q});
})"""


def run_lunr(browser, site: Path, queries: Sequence[Query]) -> EngineRun:
    run = EngineRun("Material lunr")
    index_gz = _gzip_size(site / "search" / "search_index.json")
    with served(site) as base:
        page = browser.new_page()
        page.set_default_timeout(600_000)
        page.goto(base)
        run.setup_ms = page.evaluate(LUNR_SETUP)
        for query in queries:
            answer = page.evaluate(LUNR_QUERY, [query.text, QUERY_TIMEOUT_MS])
            if answer is None:  # the worker is still busy: a fresh one for the next query
                run.outcomes.append(Outcome(query, None, QUERY_TIMEOUT_MS, QUERY_TIMEOUT_MS, index_gz, True))
                page.goto(base)
                page.evaluate(LUNR_SETUP)
                continue
            run.outcomes.append(Outcome(query, _rank(answer["locations"], query.anchor), run.setup_ms + answer["ms"],
                                        answer["ms"], index_gz))
        page.close()
    return run


PAGEFIND_QUERY = """async (q) => {
  if (!window.pf) { window.pf = await import(new URL('pagefind/pagefind.js', location.href).href); await window.pf.init(); }
  const t = performance.now();
  const search = await window.pf.search(q);
  const pages = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
  const ms = performance.now() - t;
  return {ms, locations: pages.flatMap(p => (p.sub_results || []).map(s => s.url))};
}"""


def pagefind_index(site: Path) -> str:
    """Index the site with Pagefind (``python -m pagefind``); an error message, or ""."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site)], capture_output=True, text=True)
    return "" if result.returncode == 0 else (result.stderr or result.stdout)[-500:]


def run_pagefind(browser, site: Path, queries: Sequence[Query]) -> EngineRun:
    run = EngineRun("Pagefind")
    with served(site) as base:
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            sizes: list[int] = []
            page.on("response", lambda response: sizes.append(_body_size(response)) if "/pagefind/" in response.url else None)
            page.goto(base)
            answer = page.evaluate(PAGEFIND_QUERY, query.text)
            page.wait_for_timeout(50)
            run.outcomes.append(Outcome(query, _rank([location.replace(base, "") for location in answer["locations"]], query.anchor),
                                        answer["ms"], answer["ms"], sum(sizes)))
            context.close()
    return run


def _body_size(response) -> int:
    try:
        return len(response.body())
    except Exception:  # noqa: BLE001 - a response without a body counts nothing
        return 0


def summary(run: EngineRun) -> dict[str, dict[str, float]]:
    """Per query kind: hit@1, hit@10 (percent), latency median and p90 (ms), bytes median and p90."""
    if not run.outcomes:  # the engine failed: its cells stay empty
        return {}
    kinds: dict[str, list[Outcome]] = {}
    for outcome in run.outcomes:
        kinds.setdefault(outcome.query.kind, []).append(outcome)
    table = {}
    for kind, outcomes in kinds.items():
        table[kind] = {
            "n": len(outcomes),
            "hit1": 100 * sum(o.rank == 0 for o in outcomes) / len(outcomes),
            "hit10": 100 * sum(o.rank is not None for o in outcomes) / len(outcomes),
            "timeouts": sum(o.timed_out for o in outcomes),
        }
    everything = run.outcomes
    table["*"] = {
        "first_median": _percentile([o.first_ms for o in everything], 50),
        "first_p90": _percentile([o.first_ms for o in everything], 90),
        "warm_median": _percentile([o.warm_ms for o in everything], 50),
        "warm_p90": _percentile([o.warm_ms for o in everything], 90),
        "bytes_median": _percentile([o.bytes_gz for o in everything], 50),
        "bytes_p90": _percentile([o.bytes_gz for o in everything], 90),
    }
    if run.usable_ms:
        table["*"].update(usable_median=_percentile(run.usable_ms, 50), usable_p90=_percentile(run.usable_ms, 90))
    return table


def _percentile(values: Sequence[float], percent: int) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
