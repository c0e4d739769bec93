"""``mkdocs serve`` keeps a large heap from build to build: the digest, the parse cache, the
values carried over. Python's cycle collector walks all of it in every full collection, and a
rebuild at 25,000 papers runs a few of those (about a second). Between builds, when the server
is idle, ``HeapSettler`` collects the last build's garbage and freezes what is left
(``gc.freeze``), so that collections during the next build only walk what that build creates.

Freezing is safe only then: an object frozen while alive and later dropped in a reference
cycle is never freed, so nothing of a running build may be frozen. A build waits for a settle
in progress, and a settle never runs during a build.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
import time
from collections.abc import Iterator

IDLE_DELAY = 0.2  # seconds after a build: the browser reloads first
log = logging.getLogger("mkdocs.plugins.research_digest")


class HeapSettler:
    def __init__(self, delay: float | None = None) -> None:
        self._lock = threading.Lock()
        self._building = False
        self._delay = IDLE_DELAY if delay is None else delay
        self._timer: threading.Timer | None = None

    def build_starts(self) -> None:
        start = time.perf_counter()
        with self._lock:  # waits for a settle in progress
            self._building = True
            self._cancel()
        waited = time.perf_counter() - start
        if waited > 0.1:
            log.info("research-digest: the build waited %.1f s for the last build's heap to settle", waited)

    def build_ends(self) -> None:
        with self._lock:
            self._building = False
            self._cancel()
            self._timer = threading.Timer(self._delay, self.settle)
            self._timer.daemon = True
            self._timer.start()

    def settle(self) -> None:
        with self._lock:
            if self._building:
                return
            start = time.perf_counter()
            gc.collect()
            gc.freeze()
            log.debug("research-digest: heap settled in %.2f s", time.perf_counter() - start)

    def close(self) -> None:
        with self._lock:
            self._cancel()

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


@contextlib.contextmanager
def cycle_collector_paused(freeze: bool) -> Iterator[None]:
    """Parsing and loading the parse cache create hundreds of thousands of long-lived objects,
    none in a reference cycle; the cycle collector would walk them again and again (a third of
    the time of a warm parse) and find nothing. Freezing moves them out of its reach for good;
    plain reference counting still frees them when the digest is dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
