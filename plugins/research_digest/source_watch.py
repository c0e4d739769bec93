"""``mkdocs serve`` keeps watching the digest sources when a watched folder is deleted and made
again (``git checkout``, ``rsync --delete``, a generator's clean step).

MkDocs watches a path with a watchdog emitter that stops for good once the path is gone, and
it ignores events about folders; so after such a replacement nothing would rebuild, and the
site would keep serving papers that are gone. ``SourceWatch`` also watches the nearest folder
above each source that exists (not recursively: only its own entries), and when a source goes,
comes back or is replaced, it watches it anew, says so, and asks for a rebuild.

The server's build loop has no public way to ask for a rebuild; ``_request_rebuild`` uses the
attributes of MkDocs 1.6's ``LiveReloadServer`` (the last 1.x release) and only warns if they
are not there.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler

log = logging.getLogger("mkdocs.plugins.research_digest")

SETTLE_DELAY = 0.2  # seconds: a clean step and its rewrite come as a burst of events


class SourceWatch:
    def __init__(self, server: Any, paths: Iterable[Path]) -> None:
        self.server = server
        self._lock = threading.Lock()  # one refresh at a time
        self._pending_lock = threading.Lock()  # held briefly by the observer's thread
        self._pending: threading.Timer | None = None
        self._sources: dict[Path, int | None] = {Path(os.path.abspath(path)): None for path in paths}  # -> inode
        self._above: dict[Path, tuple[Any, int]] = {}  # folder above a source -> (our watch, its inode)
        self._handler = FileSystemEventHandler()
        self._handler.on_any_event = self._on_event  # type: ignore[method-assign]
        self.refresh(initial=True)

    def refresh(self, initial: bool = False) -> bool:
        """Watch what exists now; True when a source went, came back or was replaced."""
        with self._lock:
            changed = False
            for path, armed in self._sources.items():
                inode = _inode(path)
                if inode != armed:
                    self._rewatch(path, armed is not None, inode is not None)
                    if not initial:
                        _say_what_happened(path, armed, inode)
                    changed = True
                self._sources[path] = inode
            self._watch_folders_above()
            return changed and not initial

    def check(self, paths: Iterable[Path] = ()) -> None:
        """After a build: watch sources the configuration added, and catch up with any source
        that went or came back meanwhile (a rebuild then follows)."""
        with self._lock:
            for path in paths:
                self._sources.setdefault(Path(os.path.abspath(path)), None)
        if self.refresh():
            _request_rebuild(self.server)

    def close(self) -> None:
        with self._pending_lock:
            if self._pending is not None:
                self._pending.cancel()

    def _rewatch(self, path: Path, watched: bool, exists: bool) -> None:
        if watched:
            with contextlib.suppress(KeyError, ValueError):
                self.server.unwatch(str(path))
        if exists:
            self.server.watch(str(path))

    def _watch_folders_above(self) -> None:
        wanted = {folder: _inode(folder) for folder in map(_nearest_existing_above, self._sources)}
        for folder, (watch, inode) in list(self._above.items()):
            if wanted.get(folder) != inode:
                with contextlib.suppress(KeyError, ValueError):
                    self.server.observer.unschedule(watch)
                del self._above[folder]
        for folder, inode in wanted.items():
            if folder not in self._above and inode is not None:
                watch = self.server.observer.schedule(self._handler, str(folder), recursive=False)
                self._above[folder] = (watch, inode)

    def _on_event(self, event: FileSystemEvent) -> None:
        """In the observer's thread, which holds its own lock: only start a timer here."""
        with self._pending_lock:
            if self._pending is None:
                self._pending = threading.Timer(SETTLE_DELAY, self._settle)
                self._pending.daemon = True
                self._pending.start()

    def _settle(self) -> None:
        with self._pending_lock:
            self._pending = None
        self.check()


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino if path.is_dir() or path.is_file() else None
    except OSError:
        return None


def _nearest_existing_above(path: Path) -> Path:
    folder = path.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


def _say_what_happened(path: Path, before: int | None, now: int | None) -> None:
    if now is None:
        log.warning("research-digest: the watched source %s is gone; it is watched again when it comes back", path)
    elif before is None:
        log.info("research-digest: the watched source %s is back, watching it again", path)
    else:
        log.info("research-digest: the watched source %s was replaced, watching the new one", path)


def _request_rebuild(server: Any) -> None:
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None or not hasattr(server, "_want_rebuild"):
        log.warning("research-digest: cannot ask this MkDocs server for a rebuild; save a file to rebuild")
        return
    with condition:
        server._want_rebuild = True
        condition.notify_all()
