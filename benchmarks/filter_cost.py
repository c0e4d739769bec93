"""The cost of the listing filters (issue 15) on a built site: the largest filter.json raw and
gzipped, and, in headless Chromium, the time from "has code" being ticked on that listing to its
results on screen (fetch, parse and filter of the whole listing).

    python benchmarks/filter_cost.py SITE_DIR [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import threading
import time
from pathlib import Path


def largest_filters(site: Path, count: int = 5) -> list[tuple[int, int, int, Path]]:
    rows = []
    for path in site.rglob("filter.json"):
        raw = path.read_bytes()
        rows.append((len(raw), len(gzip.compress(raw, 9)), len(json.loads(raw)["papers"]), path))
    return sorted(rows, key=lambda row: row[0], reverse=True)[:count]


# In the page: tick "has code", and time until its results are on screen (the next frame after
# the result count appears), by the page's own clock.
IN_PAGE = """() => new Promise(resolve => {
  const box = document.querySelector('.rd-filters__code input');
  const started = performance.now();
  const done = () => requestAnimationFrame(() => resolve(performance.now() - started));
  new MutationObserver((_, observer) => {
    if (document.querySelector('.rd-filter-results__count')) { observer.disconnect(); done(); }
  }).observe(document.querySelector('.rd-filter-results'), {childList: true, subtree: true});
  box.click();
})"""


def browser_latency(site: Path, listing: Path, chromium: str, runs: int = 5) -> list[float]:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{listing.parent.relative_to(site)}/"
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url)
            page.locator(".rd-toolbar__filter").click()
            page.wait_for_selector(".rd-filters__code input")
            times.append(page.evaluate(IN_PAGE) / 1000)
            # the first open, which also fetches and parses the file
            page.goto(url + "?code=1")
            page.close()
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        started = time.perf_counter()
        page.goto(url + "?code=1", wait_until="commit")
        page.wait_for_selector(".rd-filter-results__count")
        times.append(time.perf_counter() - started)
        print("results:", page.locator(".rd-filter-results__count").inner_text())
        browser.close()
    server.shutdown()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    rows = largest_filters(args.site)
    for raw, packed, papers, path in rows:
        print(f"{path.relative_to(args.site)}: {papers} papers, {raw / 1e3:.0f} KB, {packed / 1e3:.0f} KB gzipped")
    times = browser_latency(args.site, rows[0][3], args.chromium)
    print("tick 'has code' -> results on screen, in the page (s):", ", ".join(f"{t:.3f}" for t in times[:-1]))
    print(f"open ?code=1 from scratch (page load included) -> results (s): {times[-1]:.3f}")
    folder = rows[0][3].parent
    texts = [path.read_bytes() for path in folder.glob("filter-text-*.json")]
    print(f"text chunks: {len(texts)}, {sum(map(len, texts)) / 1e3:.0f} KB raw, "
          f"{sum(len(gzip.compress(text, 9)) for text in texts) / 1e3:.0f} KB gzipped in all; "
          f"the first {len(gzip.compress(texts[0], 9)) / 1e3:.0f} KB gzipped" if texts else "no text chunks")


if __name__ == "__main__":
    main()
