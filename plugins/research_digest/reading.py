"""Finding the digest documents a configuration names, and reading them as text."""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import itertools
import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from charset_normalizer import from_bytes

from .model import Problem
from .sources import DOCUMENT_SUFFIXES

# Chinese digests that are not UTF-8 are nearly always GB18030 (a superset of GBK and GB2312).
_FALLBACK_ENCODINGS = ("gb18030", "big5")
_GZIP_MAGIC = b"\x1f\x8b"
_GUNZIPPED_LIMIT = 1 << 30  # bytes a gzip-compressed document may unpack to (a site's exports are far smaller)


@dataclass(frozen=True)
class Document:
    path: Path
    name: str  # how warnings and appearances refer to it (relative to the base folder when inside it)
    text: str
    encoding: str = "utf-8"
    fingerprint: str = ""  # a hash of the bytes the text was decoded from, when read from a file


@dataclass(frozen=True)
class SourceRoot:
    """A folder documents were found under, and the label that names it in documents' names."""

    folder: Path  # absolute, as configured
    label: str  # its name; with its parents' names when another root has the same name


def display_name(path: Path, base_dir: Path, roots: tuple[SourceRoot, ...] = ()) -> str:
    """How the site, warnings and the parse cache name a document: its path relative to the
    project folder; outside it, relative to the folder of the source it was found under,
    prefixed with that folder's label (``digests/2024/a.md``). Never an absolute path: names are
    published (papers.json, the statistics page) and the building machine's folders are
    nobody's business."""
    # The folder is resolved, not the file: a symlink (even a broken one) is named as itself.
    located = _resolved(path.parent) / path.name
    try:
        return located.relative_to(_resolved(base_dir)).as_posix()
    except ValueError:
        pass
    outermost_first = sorted(roots, key=lambda root: len(root.folder.parts))  # the most context
    # Resolved first; then as written, for a document reached through a symlinked folder.
    for candidate, resolve in ((located, _resolved), (path.absolute(), Path.absolute)):
        for root in outermost_first:
            try:
                relative = candidate.relative_to(resolve(root.folder)).as_posix()
            except ValueError:
                continue
            return f"{root.label}/{relative}" if root.label else relative
    return path.name


def pattern_as_name(pattern: str, base_dir: Path, roots: tuple[SourceRoot, ...]) -> str:
    """A ``source_dates`` pattern written as an absolute path (``/home/me/digests/cv-*.md``), in
    the terms documents are named by (``digests/cv-*.md``); other patterns as they are."""
    path = Path(os.path.expanduser(pattern.rstrip("/\\")))
    if not path.is_absolute():
        return pattern
    for root in roots:
        if path == root.folder or path.resolve() == _resolved(root.folder):
            return root.label
    name = display_name(path, base_dir, roots)
    return name if name != path.name else pattern


def source_roots(specs: list[str], base_dir: Path) -> tuple[SourceRoot, ...]:
    """The folder each source spec names documents under (the folder itself, a file's folder,
    or the part of a glob before its first wildcard), labelled by as few trailing folder names
    as tell it from the others."""
    folders: dict[Path, None] = {}
    for spec in specs:
        pattern = Path(os.path.expanduser(spec))
        if not pattern.is_absolute():
            pattern = base_dir / pattern
        pattern = pattern.absolute()
        fixed = list(itertools.takewhile(lambda part: not glob.has_magic(part), pattern.parts))
        if len(fixed) < len(pattern.parts):
            folders.setdefault(Path(*fixed), None)
        else:
            folders.setdefault(pattern if pattern.is_dir() else pattern.parent, None)
    return tuple(SourceRoot(folder, _label(folder, folders)) for folder in folders)


def _label(folder: Path, folders: Iterable[Path]) -> str:
    names = folder.parts[1:]  # without the anchor ("/", "C:\\")
    others = [other.parts[1:] for other in folders if other != folder]
    for count in range(1, len(names) + 1):
        if all(other[-count:] != names[-count:] for other in others):
            return "/".join(names[-count:])
    return "/".join(names)


@lru_cache(maxsize=1024)
def _resolved(folder: Path) -> Path:
    return folder.resolve()  # a few folders hold hundreds of documents


def discover(specs: list[str], base_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every document named by ``specs`` (files, folders searched recursively, or globs),
    each once, sorted; and a problem for each spec that names nothing."""
    found: dict[Path, None] = {}
    problems = []
    for spec in specs:
        matches = _expand(spec, base_dir)
        if not matches:
            problems.append(Problem(spec, None, "no digest documents found here"))
        for path in matches:
            found.setdefault(path, None)
    return sorted(found, key=lambda path: path.as_posix()), problems


def _expand(spec: str, base_dir: Path) -> list[Path]:
    pattern = Path(os.path.expanduser(spec))
    if not pattern.is_absolute():
        pattern = base_dir / pattern
    if glob.has_magic(str(pattern)):
        candidates = [Path(match) for match in glob.glob(str(pattern), recursive=True)]
    else:
        candidates = [pattern]
    paths: list[Path] = []
    for candidate in candidates:
        if candidate.is_dir():
            paths.extend(
                path for path in sorted(candidate.rglob("*"))
                if path.name.lower().endswith(DOCUMENT_SUFFIXES) and not _hidden(path, candidate)
            )
        elif candidate.exists() or candidate.is_symlink():
            paths.append(candidate)
    return paths


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_document(
    path: Path, base_dir: Path, roots: tuple[SourceRoot, ...] = ()
) -> tuple[Document | None, Problem | None]:
    """The document's text, or the reason it cannot be read. Non-UTF-8 text is decoded when
    its encoding can be told; never silently garbled."""
    name = display_name(path, base_dir, roots)
    if path.is_dir():
        return None, Problem(name, None, "is a folder, not a document")
    if path.exists() and not path.is_file():  # reading a named pipe would wait forever
        return None, Problem(name, None, "is not a regular file (a pipe, socket or device)")
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, Problem(name, None, f"cannot be read: {error.strerror or error}")
    fingerprint = hashlib.sha256(raw).hexdigest()
    if raw.startswith(_GZIP_MAGIC):  # a site's compressed exports (papers.jsonl.gz, parts .json.gz)
        raw, reason = _gunzipped(raw)
        if reason:
            return None, Problem(name, None, reason)
    text, encoding = decode(raw)
    if text is None:
        return None, Problem(name, None, "is not text in UTF-8, GB18030 or any encoding that can be told")
    return Document(path, name, text, encoding, fingerprint), None


def _gunzipped(raw: bytes) -> tuple[bytes, str]:
    """The unpacked bytes of every gzip member, or the reason they cannot be had."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as packed:
            unpacked = packed.read(_GUNZIPPED_LIMIT + 1)
    except (OSError, EOFError, zlib.error) as error:
        return b"", f"is not a readable gzip file: {error}"
    if len(unpacked) > _GUNZIPPED_LIMIT:
        return b"", f"unpacks to more than {_GUNZIPPED_LIMIT:,} bytes"
    return unpacked, ""


def decode(raw: bytes) -> tuple[str | None, str]:
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, ""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in _FALLBACK_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _mostly_readable(text):
            return text, encoding
    best = from_bytes(raw).best()
    if best is None:
        return None, ""
    return str(best), best.encoding


def _mostly_readable(text: str) -> bool:
    """Rare-CJK noise is what a wrong multi-byte decode produces; real text is mostly common
    characters, ASCII and punctuation."""
    if not text:
        return True
    common = sum(1 for ch in text if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
    return common / len(text) > 0.97
