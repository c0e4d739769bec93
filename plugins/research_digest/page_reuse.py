"""``mkdocs serve``: what did not change since the previous build is not made again.

A generated page whose inputs are unchanged is not rendered, and a published file (an export
part, a feed, a filter or search index file) whose content is unchanged is not written. Before
MkDocs cleans the site folder, the previous build's site is moved aside into a private folder
(one rename: nothing is deleted), and at the end of the build the unchanged outputs are moved
back, a whole folder at a time where nothing in it changed. So a new day's digest costs the
handful of pages and files it touches, not the tens of thousands of files of the site.

What counts as a page's inputs is the site's business (``SiteBuild.page_inputs``); everything
site-wide (configuration, hand-written pages, theme, taxonomy) goes into a signature, and a
new signature renders every page again. A file's key is its content: carried-over contents
(carry_over.py) are the same objects build after build, so the comparison is mostly an
identity check.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FOLDER_PREFIX = "research-digest-pages-"
Content = str | bytes


class PageReuse:
    def __init__(self) -> None:
        remove_abandoned_folders()
        self.folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
        self._signature = ""
        self._kept: dict[str, Any] = {}  # page path -> the inputs of the output kept for it
        self._kept_output: dict[str, str] = {}  # page path -> its output path
        self._kept_files: dict[str, Content] = {}  # published file path -> its content
        self._builds = 0
        self.previous: Path | None = None  # the previous build's site, moved aside
        self.reused: dict[str, str] = {}  # this build: page path -> output path in the site
        self.rendered: dict[str, tuple[str, Any]] = {}  # this build: page path -> (output path, inputs)
        self.reused_files: set[str] = set()  # this build: published files taken over
        self.written_files: dict[str, Content] = {}  # this build: published files written

    def set_aside(self, site_dir: str | Path) -> None:
        """Before MkDocs cleans the site folder: move the previous build's site into the private
        folder, where the unchanged outputs are taken from."""
        self._drop_previous()
        self._builds += 1
        target = self.folder / f"site-{self._builds}"
        try:
            os.rename(site_dir, target)
        except OSError:  # no site yet, or on another file system: this build makes everything
            self.forget()
            return
        self.previous = target

    def begin(self, signature: str) -> bool:
        """Start a build; False when the site-wide signature changed and nothing is reused."""
        unchanged = signature == self._signature and self.previous is not None
        if not unchanged:
            self.forget()
        self._signature = signature
        self.reused, self.rendered, self.reused_files, self.written_files = {}, {}, set(), {}
        return unchanged

    def forget(self) -> None:
        self._kept, self._kept_output, self._kept_files = {}, {}, {}

    def reuse(self, path: str, output: str, inputs: Any) -> bool:
        """Whether the page is taken from the previous build (else it is to be rendered)."""
        kept = self._kept.get(path)
        if inputs is not None and kept is not None and kept == inputs and self._kept_output.get(path) == output \
                and self.previous is not None and (self.previous / output).is_file():
            self.reused[path] = output
            return True
        self.rendered[path] = (output, inputs)
        return False

    def reuse_file(self, path: str, content: Content) -> bool:
        """Whether the published file ``path`` is taken from the previous build (else the caller
        writes it)."""
        kept = self._kept_files.get(path)
        if kept is not None and (kept is content or kept == content):
            self.reused_files.add(path)
            return True
        self.written_files[path] = content
        return False

    def finish(self, site_dir: str | Path) -> None:
        """Move the unchanged outputs back into the site, and remember what it now holds."""
        site_dir = Path(site_dir)
        wanted = {output: path for path, output in self.reused.items()}
        wanted.update((path, path) for path in self.reused_files)
        made = [*(output for output, _ in self.rendered.values()), *self.written_files]
        missing = _move_back(self.previous, site_dir, wanted, made) if self.previous is not None else set(wanted)
        kept = {path: inputs for path, (output, inputs) in self.rendered.items() if inputs is not None}
        kept.update((path, self._kept[path]) for path in self.reused)
        files = {path: self._kept_files[path] for path in self.reused_files}
        for output in missing:  # gone from the previous site (deleted by hand?): written from what is kept
            with contextlib.suppress(OSError):
                if output in files:
                    write_file(site_dir, output, files[output])
                    continue
            kept.pop(wanted[output], None)
            files.pop(output, None)
        files.update(self.written_files)
        self._kept, self._kept_files = kept, files
        self._kept_output = {path: output for path, (output, _) in self.rendered.items()}
        self._kept_output.update(self.reused)
        self._drop_previous()

    def abandon(self) -> None:
        """A build failed: the site folder holds part of a site; nothing of it is reused."""
        self.forget()
        self._drop_previous()

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _drop_previous(self) -> None:
        """What was not taken over from the previous site is deleted while the server goes on."""
        if self.previous is not None:
            threading.Thread(target=shutil.rmtree, args=(self.previous, True), daemon=True).start()
            self.previous = None


def _move_back(previous: Path, site: Path, wanted: Iterable[str], made: Iterable[str]) -> set[str]:
    """Move the files ``wanted`` names (site-relative paths) from ``previous`` into ``site``, which
    already holds the outputs ``made`` this build. A folder of the previous site that holds
    nothing but outputs of this build moves as one, taking in the few files made this build
    (a folder of thousands of search files of which the newest changed costs one rename, not
    thousands). The wanted files that ``previous`` does not hold."""
    tree: dict[str, Any] = {}
    for output, reused in [*((path, True) for path in wanted), *((path, False) for path in made)]:
        *folders, name = output.split("/")
        node = tree
        for folder in folders:
            node = node.setdefault(folder, {})
            if not isinstance(node, dict):
                break
        else:
            node[name] = reused or node.get(name, False)
    missing: set[str] = set()
    _merge(previous, site, tree, "", missing)
    return missing


def _merge(previous: Path, site: Path, tree: dict[str, Any], prefix: str, missing: set[str]) -> None:
    present = {entry.name: entry for entry in _entries(previous)}
    for name, node in tree.items():
        entry, source, target = present.get(name), previous / name, site / name
        if node is False:
            continue
        if node is True:
            if entry is not None and entry.is_file(follow_symlinks=False) and _rename(source, target):
                continue
            missing.add(prefix + name)
        elif entry is not None and entry.is_dir(follow_symlinks=False):
            if _only_outputs(source, node) and _move_into(target, source) and _rename(source, target):
                continue
            _merge(source, target, node, f"{prefix}{name}/", missing)
        else:
            missing.update(f"{prefix}{name}/{path}" for path in _paths(node) if _reused(node, path))


def _only_outputs(folder: Path, tree: dict[str, Any]) -> bool:
    """Whether everything in ``folder`` is an output of this build (none of it stale), and it holds
    every file of ``tree`` taken over."""
    entries = {entry.name: entry for entry in _entries(folder)}
    if not entries.keys() <= tree.keys() or any(node is True and name not in entries for name, node in tree.items()):
        return False
    for name, entry in entries.items():
        node = tree[name]
        if isinstance(node, dict):
            if not (entry.is_dir(follow_symlinks=False) and _only_outputs(folder / name, node)):
                return False
        elif not entry.is_file(follow_symlinks=False):
            return False
    return True


def _move_into(site: Path, previous: Path) -> bool:
    """Move what this build made in the site folder ``site`` into ``previous`` (replacing the
    older files), so that ``previous`` can take its place."""
    if not site.exists():
        return True
    try:
        for entry in _entries(site):
            target = previous / entry.name
            if entry.is_dir(follow_symlinks=False) and target.is_dir():
                if not _move_into(Path(entry.path), target):
                    return False
            else:
                os.replace(entry.path, target)
        site.rmdir()
        return True
    except OSError:
        return False


def _paths(tree: dict[str, Any]) -> Iterable[str]:
    for name, node in tree.items():
        if isinstance(node, dict):
            yield from (f"{name}/{path}" for path in _paths(node))
        else:
            yield name


def _reused(tree: dict[str, Any], path: str) -> bool:
    node: Any = tree
    for part in path.split("/"):
        node = node[part]
    return node is True


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def write_file(site_dir: str | Path, path: str, content: Content) -> None:
    """Write a published file into the site folder."""
    target = Path(site_dir) / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def _rename(source: Path, target: Path) -> bool:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        return True
    except OSError:
        return False


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
