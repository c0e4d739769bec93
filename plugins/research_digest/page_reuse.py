"""``mkdocs serve``: a generated page whose inputs have not changed since the previous build is
not rendered again. Its previous output is kept in a private folder and linked back into the
freshly cleaned site folder at the end of the build, so a new day's digest re-renders the
handful of pages it touches instead of thousands.

What counts as a page's inputs is the site's business (``SiteBuild.page_inputs``); everything
site-wide (configuration, hand-written pages, theme, taxonomy) goes into a signature, and a
new signature renders every page again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any


FOLDER_PREFIX = "research-digest-pages-"


class PageReuse:
    def __init__(self) -> None:
        remove_abandoned_folders()
        self.folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
        self._signature = ""
        self._kept: dict[str, Any] = {}  # page path -> the inputs of the output kept for it
        self.reused: dict[str, str] = {}  # this build: page path -> output path in the site
        self.rendered: dict[str, tuple[str, Any]] = {}  # this build: page path -> (output path, inputs)

    def begin(self, signature: str) -> bool:
        """Start a build; False when the site-wide signature changed and nothing is reused."""
        unchanged = signature == self._signature
        if not unchanged:
            self._kept = {}
        self._signature = signature
        self.reused, self.rendered = {}, {}
        return unchanged

    def reuse(self, path: str, output: str, inputs: Any) -> bool:
        """Whether the page is taken from the previous build (else it is to be rendered)."""
        kept = self._kept.get(path)
        if inputs is not None and kept is not None and kept == inputs and (self.folder / output).is_file():
            self.reused[path] = output
            return True
        self.rendered[path] = (output, inputs)
        return False

    def finish(self, site_dir: str | Path) -> None:
        """Keep the pages this build rendered, and put the reused ones into the site."""
        site_dir = Path(site_dir)
        kept = {}
        for path, (output, inputs) in self.rendered.items():
            if inputs is not None and _link(site_dir / output, self.folder / output):
                kept[path] = inputs
        for path, output in self.reused.items():
            if _link(self.folder / output, site_dir / output):
                kept[path] = self._kept[path]
        self._kept = kept

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def remove_abandoned_folders(parent: str | Path | None = None) -> None:
    """Remove the folders of `mkdocs serve` processes that ended without shutting down (killed:
    SIGTERM and SIGKILL skip the plugins' on_shutdown). Each folder's name holds its process id."""
    if os.name != "posix":  # elsewhere os.kill(pid, 0) is not a harmless probe
        return
    for folder in Path(parent or tempfile.gettempdir()).glob(FOLDER_PREFIX + "*"):
        pid = folder.name[len(FOLDER_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but belongs to someone else
        return True
    return True


def _link(source: Path, target: Path) -> bool:
    """``target`` becomes ``source``'s content: a hard link, else a copy."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        return True
    except OSError:
        return False


def signature(values: Iterable[str], roots: Iterable[str | Path | None]) -> str:
    """A fingerprint of some settings and of the files under some folders (names, sizes and
    modification times)."""
    digest = hashlib.blake2b(digest_size=16)
    for value in values:
        digest.update(value.encode("utf-8", "surrogatepass") + b"\0")
    for root in roots:
        if not root:
            continue
        for path in sorted(_files_under(Path(root))):
            with contextlib.suppress(OSError):
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _files_under(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    found = []
    for folder, _, names in os.walk(root):
        found.extend(Path(folder) / name for name in names)
    return found
