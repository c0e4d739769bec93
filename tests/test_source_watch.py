"""`mkdocs serve` keeps watching a sources folder that is deleted and made again, and says so
(the whole server is exercised in test_live_reload.py; this drives MkDocs' own live-reload
server without serving pages)."""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer

from research_digest.source_watch import SourceWatch

BOUND = 30  # seconds: a timeout, not a speed check; the server polls twice a second


@pytest.fixture
def server(tmp_path: Path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path), polling_interval=0.1)
    yield server
    server.observer.stop()
    if server.observer.is_alive():
        server.observer.join()


def _within_bound(condition) -> bool:
    deadline = time.monotonic() + BOUND
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _rebuild_wanted(server: LiveReloadServer) -> bool:
    """Whether a rebuild is asked for (within the bound); the request is taken."""

    def wanted() -> bool:
        with server._rebuild_cond:
            asked, server._want_rebuild = server._want_rebuild, False
            return asked

    return _within_bound(wanted)


def _logged(caplog: pytest.LogCaptureFixture, *parts: str) -> bool:
    return _within_bound(lambda: any(all(part in record.getMessage() for part in parts) for record in caplog.records))


def test_a_deleted_and_recreated_sources_folder_is_watched_again_and_logged(
    server: LiveReloadServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    sources = tmp_path / "outside" / "digests"
    sources.mkdir(parents=True)
    (sources / "a.md").write_text("first", encoding="utf-8")
    watch = SourceWatch(server, [sources])
    server.observer.start()
    time.sleep(0.5)  # the first snapshots
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.research_digest"):
        shutil.rmtree(sources)
        assert _logged(caplog, "is gone", str(sources))
        assert _rebuild_wanted(server)  # the papers that went must go from the site
        time.sleep(0.5)
        server._want_rebuild = False
        sources.mkdir()
        (sources / "b.md").write_text("recreated", encoding="utf-8")
        assert _logged(caplog, "is back", str(sources))
        assert _rebuild_wanted(server)  # what came back is read
        time.sleep(0.5)
        (sources / "c.md").write_text("added afterwards", encoding="utf-8")
        assert _rebuild_wanted(server)  # and it is watched again
    watch.close()


def test_a_sources_folder_missing_from_the_start_is_watched_once_it_exists(server: LiveReloadServer, tmp_path: Path) -> None:
    sources = tmp_path / "not-yet" / "digests"
    watch = SourceWatch(server, [sources])
    server.observer.start()
    time.sleep(0.3)
    sources.mkdir(parents=True)
    assert _rebuild_wanted(server)
    time.sleep(0.5)
    (sources / "new.md").write_text("new", encoding="utf-8")
    assert _rebuild_wanted(server)
    watch.close()
