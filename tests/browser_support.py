"""Shared helpers for the browser (Playwright + Debian chromium) tests.

Usage from a test module::

    from browser_support import browser, serve_directory  # noqa: F401  (fixture import)

    @pytest.mark.browser
    def test_something(browser):
        with serve_directory(site_dir) as base_url:
            page = browser.new_page()
            page.goto(base_url + "/index.html")

* ``chromium_executable()``  path from env ``CHROMIUM`` or ``/usr/bin/chromium``
* ``require_chromium()``     that path, or pytest.skip (pytest.fail when ``CI=true``)
* ``launch_browser(pw)``     ``pw.chromium.launch`` with the flags that work in this sandbox
* ``serve_directory(path)``  context manager: threaded http.server on 127.0.0.1:<free port>,
                             yields the base URL (no trailing slash)
* ``browser``                session-scoped pytest fixture (a launched Browser)

Playwright's own browser download does not work here, so the system chromium is always used.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path
from typing import Iterator

import pytest

__all__ = [
    "CHROMIUM_ARGS",
    "DEFAULT_CHROMIUM",
    "browser",
    "chromium_executable",
    "in_ci",
    "launch_browser",
    "require_chromium",
    "serve_directory",
    "watch_for_problems",
    "axe_findings",
    "OUTLINE_RULES",
]

DEFAULT_CHROMIUM = "/usr/bin/chromium"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def chromium_executable() -> str:
    """The chromium binary to drive: env ``CHROMIUM`` if set, else ``/usr/bin/chromium``."""
    return os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM


def _unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(reason + " (CI=true: browser tests must run)")
    pytest.skip(reason)


def require_chromium() -> str:
    """Return the chromium path; skip the test if it is missing (fail when CI=true)."""
    path = chromium_executable()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        _unavailable(f"chromium executable not found: {path}")
    return path


def launch_browser(playwright, **kwargs):
    """Launch headless system chromium with sandbox-friendly flags."""
    executable = require_chromium()
    args = list(CHROMIUM_ARGS) + list(kwargs.pop("args", []))
    kwargs.setdefault("headless", True)
    return playwright.chromium.launch(executable_path=executable, args=args, **kwargs)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".xml": "application/xml",
    }

    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@contextlib.contextmanager
def serve_directory(path) -> Iterator[str]:
    """Serve ``path`` over HTTP on 127.0.0.1 (random free port) in a background thread.

    Yields the base URL, e.g. ``http://127.0.0.1:43121`` (no trailing slash).
    """
    root = Path(path).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"not a directory: {root}")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"http:{root.name}", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    """A launched headless chromium, shared by the whole test session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - depends on the environment
        _unavailable("playwright is not installed")
    require_chromium()
    with sync_playwright() as playwright:
        instance = launch_browser(playwright)
        try:
            yield instance
        finally:
            instance.close()


def open_search(page) -> None:
    """Open Material's search box and wait until its index is ready, as a reader waits for the
    spinner."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() && !m.textContent.includes('初始化'); }",
        timeout=20000,
    )


def type_query(page, query: str, results: str = "li.md-search-result__item a"):
    """Type ``query`` into the open search box; the result locator, once a result is shown."""
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on key events; typed IME text arrives without them
    found = page.locator(results)
    found.first.wait_for(timeout=15000)
    return found


def type_search(page, query: str, results: str = "li.md-search-result__item a"):
    open_search(page)
    return type_query(page, query, results)


@contextlib.contextmanager
def checked_page(browser, base_url: str) -> Iterator:
    """A fresh desktop-sized page with ``page.base_url`` set; fails the test if any script on it
    threw an uncaught error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.base_url = base_url
    try:
        yield page
    finally:
        context.close()
    assert errors == []


# moderate and minor axe rules that still fail a test: the page's outline (card titles h2 under
# the page's h1, h3 under a group's h2) and its landmarks are what screen-reader users move by
OUTLINE_RULES = {"heading-order", "page-has-heading-one", "landmark-unique", "empty-table-header"}


def watch_for_problems(page, problems: list) -> None:
    """Record on ``problems`` every HTTP status >= 400, console error and script error of ``page``."""
    page.on("response", lambda response: response.status >= 400 and problems.append(("http", response.status, response.url)))
    page.on("console", lambda message: message.type == "error" and problems.append(("console", message.text)))
    page.on("pageerror", lambda error: problems.append(("script", str(error))))


def axe_findings(axe, page, kind: str) -> list[tuple]:
    """axe-core's serious and critical violations on ``page``, and those of OUTLINE_RULES."""
    return [(kind, violation["id"], violation["impact"], violation["nodes"][0]["target"])
            for violation in axe.run(page).response["violations"]
            if violation["impact"] in ("serious", "critical") or violation["id"] in OUTLINE_RULES]
