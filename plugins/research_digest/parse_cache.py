"""Parse cache: a document whose text, path and parser are unchanged is not parsed again.

Two levels, both keyed by a hash of (parser version, path, encoding, text):

- in memory, for the life of the process, so that ``mkdocs serve`` rebuilds reuse it;
- on disk, one file per document under ``.cache/research-digest/`` of the project (or the
  folder named by ``RESEARCH_DIGEST_CACHE``; ``off`` disables the disk level): the key, a
  newline, the entry's HMAC (``cache_trust.py``), then the parse result pickled, so a stale file
  is told from its first bytes, a forged one from its HMAC, both without unpickling them; a
  result pickled by a worker process is written as it came. A document's file is named by its
  path, so a changed document replaces its entry instead of adding one; past ``MAX_FILES``
  files the least recently used are removed.

The parser version is a hash of the code that parses and cleans (and of the libraries it leans
on), so any change to that code invalidates every entry. A cache file that cannot be read, or
holds anything other than what was written for this key, is ignored and rewritten: a cache
never fails a build.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache_trust
from .environment import Environment

if TYPE_CHECKING:
    from .reading import Document

    Parsed = tuple[list[Any], Any]  # a document's (entries, report), as digest.parse_document gives

    # Parses the documents the cache does not hold. Yields, in any order, each document's
    # position in the list, its parse result and, when the parser pickled that result already
    # (``pickle.dumps``), those bytes: the cache writes them instead of pickling again.
    ParseMissing = Callable[[list[Document]], Iterable[tuple[int, Parsed, bytes | None]]]

log = logging.getLogger("mkdocs.plugins.research_digest")

CACHE_FORMAT = 4  # bump when the layout of a cache file changes
MAX_FILES = 2000  # past this many cache files, the least recently used quarter is removed
# Where parsing starts: the modules of ``parse_document`` and ``read_document`` (decoding is part
# of the parser). The parser version covers every module of the package they import, and the
# libraries those modules import.
PARSING_MODULES = ("digest", "reading")

_memory: dict[str, tuple[str, Parsed]] = {}  # document name -> (key, parse result)
_read: dict[Path, tuple[tuple[int, ...], str, str, str]] = {}  # path -> (file state, name, encoding, fingerprint)


@lru_cache(maxsize=None)
def parser_version() -> str:
    """A fingerprint of the parsing code, the libraries it uses and the cache format."""
    return code_version(Path(__file__).parent, PARSING_MODULES)


def code_version(package: Path, roots: Iterable[str]) -> str:
    """A hash of the source of the ``roots`` modules of ``package`` and of every module of the
    package they import, however indirectly; and of the versions of the libraries they import."""
    modules, libraries = imported_modules(package, roots)
    digest = hashlib.blake2b(f"{CACHE_FORMAT} {sys.version_info[:2]}".encode(), digest_size=16)
    for path in modules:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for library in sorted(libraries):
        digest.update(f"{library}={_library_version(library)}".encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _distributions() -> Mapping[str, list[str]]:
    return metadata.packages_distributions()


def _library_version(name: str) -> str:
    """The versions of the distributions that provide the library imported as ``name``."""
    distributions = _distributions().get(name) or [name]
    versions = []
    for distribution in sorted(set(distributions)):
        try:
            versions.append(f"{distribution} {metadata.version(distribution)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{distribution} ?")
    return ", ".join(versions)


def imported_modules(package: Path, roots: Iterable[str]) -> tuple[list[Path], set[str]]:
    """The source files of the ``roots`` modules (dotted names within ``package``) and of the
    package's modules they import, in a fixed order; and the top-level names of the other
    libraries they import (the standard library left out)."""
    found: dict[Path, None] = {}
    libraries: set[str] = set()
    waiting = [_module_file(package, root.split(".")) for root in roots]
    while waiting:
        path = waiting.pop()
        if path is None or path in found:
            continue
        found[path] = None
        here = list(path.relative_to(package).with_suffix("").parts)
        package_parts = here[:-1] if here[-1] != "__init__" else here[:-1]
        for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package_parts[: len(package_parts) - node.level + 1]
                target = base + (node.module.split(".") if node.module else [])
                waiting.append(_module_file(package, target))
                waiting.extend(_module_file(package, [*target, alias.name]) for alias in node.names)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                libraries.update(name.split(".")[0] for name in names)
    return sorted(found), {name for name in libraries if name and name not in sys.stdlib_module_names}


def _module_file(package: Path, parts: list[str]) -> Path | None:
    """The file of the module (or package) ``parts`` of ``package``, if there is one."""
    if not parts:
        return package / "__init__.py"
    folder = package.joinpath(*parts)
    for path in (folder.with_suffix(".py"), folder / "__init__.py"):
        if path.is_file():
            return path
    return None


def document_key(document: Document) -> str:
    """The hash of the parser, the document's name and encoding, and its content: the bytes read
    (decoding them is part of the parser), else the text."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{parser_version()}\0{document.name}\0{document.encoding}\0".encode("utf-8", "surrogatepass"))
    if document.fingerprint:
        digest.update(b"bytes\0" + document.fingerprint.encode("ascii"))
    else:
        digest.update(b"text\0" + document.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def cache_folder(base_dir: Path, environ: Mapping[str, str] | None = None) -> Path | None:
    """Where cache files go: ``$RESEARCH_DIGEST_CACHE``, else ``.cache/research-digest`` in the
    project; None when the disk cache is switched off."""
    folder = Environment.read(environ).cache_folder
    return None if folder is None else base_dir / folder


def cached_parse(document: Document, base_dir: Path, parse: Callable[[Document], Parsed]) -> Parsed:
    """``parse(document)``, or the result kept from an earlier parse of the same document (in
    the cache folder the environment names for ``base_dir``)."""
    [parsed] = cached_parse_all(
        [document], cache_folder(base_dir), lambda missing: [(0, parse(each), None) for each in missing]
    )
    return parsed


def cached_parse_all(documents: Iterable[Document], folder: Path | None, parse_missing: ParseMissing) -> list[Parsed]:
    """Every document's parse result, in order: kept ones from the cache (in memory, and on disk
    in ``folder`` unless None), the others from ``parse_missing``, which gets them all at once
    (to parse them side by side). Only those are held while ``documents`` is read: a large
    corpus is not all in memory for a warm build."""
    disk = _disk(folder)
    found: list[Parsed | None] = []
    missing: list[tuple[int, Document, str]] = []  # (position, document, key)
    for document in documents:
        key = document_key(document)
        kept = _kept(disk, document.name, key)
        if kept is None:
            missing.append((len(found), document, key))
        found.append(kept)
    for position, parsed, pickled in parse_missing([document for _, document, _ in missing]):
        index, document, key = missing[position]
        found[index] = parsed
        _memory[document.name] = (key, parsed)
        if disk is not None:
            _to_disk(disk, document.name, key, parsed, pickled)
    if disk is not None and missing:
        _prune(disk.folder)
    assert all(parsed is not None for parsed in found), "a document was neither cached nor parsed"
    return [(list(entries), report) for entries, report in found]


def clear_memory() -> None:
    """Forget the in-memory level (the disk level stays): the next parse reads the disk."""
    _memory.clear()
    _read.clear()


def file_state(path: Path) -> tuple[int, ...] | None:
    """What tells a changed file (taken before reading it: a write while it is read shows next time)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_dev, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


def remember_read(document: Document, state: tuple[int, ...] | None) -> None:
    """``document`` was read from its file in ``state``."""
    if state is not None and document.fingerprint:
        _read[document.path] = (state, document.name, document.encoding, document.fingerprint)


def unchanged(path: Path, name: str, make: Callable[..., Document]) -> Document | None:
    """A ``mkdocs serve`` rebuild need not read a document again (at 100,000 papers, a quarter of a
    gigabyte to read and hash) when its file is in the state it was read in, and the in-memory
    level holds its parse result, which is all its text was for: the document without its text
    (``make(path, name, text, encoding, fingerprint)``)."""
    kept = _read.get(path)
    if kept is None or kept[1] != name or file_state(path) != kept[0]:
        return None
    document = make(path, name, "", kept[2], kept[3])
    return document if _from_memory(name, document_key(document)) is not None else None


@dataclass(frozen=True)
class _Disk:
    folder: Path
    secret: bytes


def _disk(folder: Path | None) -> _Disk | None:
    """The disk level: a folder of this user's and the key that signs its entries; None when
    switched off, or when either is missing or open to other users."""
    if folder is None:
        return None
    if cache_trust.key_file().resolve().is_relative_to(folder.resolve()):
        cache_trust.warn_once(f"research-digest: not using the parse cache folder {folder}: the key that signs its "
                              f"entries is inside it ({cache_trust.KEY_ENV} must name a file elsewhere)")
        return None
    secret = cache_trust.secret_key()
    if secret is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        log.debug("research-digest: no parse cache on disk, cannot make %s: %s", folder, error)
        return None
    return _Disk(folder, secret) if cache_trust.folder_is_safe(folder) else None


def _kept(disk: _Disk | None, name: str, key: str) -> Parsed | None:
    found = _from_memory(name, key) or (_from_disk(disk, name, key) if disk else None)
    if found is not None:
        _memory[name] = (key, found)
    return found


def _from_memory(name: str, key: str) -> Parsed | None:
    kept = _memory.get(name)
    return kept[1] if kept is not None and kept[0] == key else None


def _file_for(folder: Path, name: str) -> Path:
    return folder / (hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest() + ".pickle")


def _header(key: str) -> bytes:
    return key.encode("ascii") + b"\n"


def _from_disk(disk: _Disk, name: str, key: str) -> Parsed | None:
    path = _file_for(disk.folder, name)
    header = _header(key)
    try:
        stored = memoryview(path.read_bytes())
    except FileNotFoundError:
        return None
    except OSError as error:
        log.debug("research-digest: ignoring unreadable parse cache file %s: %r", path, error)
        return None
    tag, payload = stored[len(header) : len(header) + cache_trust.MAC_BYTES], stored[len(header) + cache_trust.MAC_BYTES :]
    if stored[: len(header)] != header:  # another key, an older format, or damage
        return None
    if not cache_trust.verified(disk.secret, key, tag, payload):  # forged, truncated or damaged
        log.debug("research-digest: ignoring parse cache file %s, its HMAC does not verify", path)
        return None
    try:
        parsed = pickle.loads(payload)
    except Exception as error:  # signed by us, yet unreadable (e.g. from incompatible code): parse again
        log.debug("research-digest: ignoring unreadable parse cache file %s: %r", path, error)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept when the folder is pruned
    return parsed


def _to_disk(disk: _Disk, name: str, key: str, parsed: Parsed, pickled: bytes | None) -> None:
    """Write atomically (a reader never sees half a file); a read-only disk is no error."""
    try:
        handle, temporary = tempfile.mkstemp(dir=disk.folder, suffix=".tmp")
    except OSError as error:
        log.debug("research-digest: cannot write the parse cache in %s: %s", disk.folder, error)
        return
    try:
        payload = pickled if pickled is not None else pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(handle, "wb") as file:
            file.write(_header(key))
            file.write(cache_trust.mac(disk.secret, key, payload))
            file.write(payload)
        os.replace(temporary, _file_for(disk.folder, name))
    except Exception as error:  # a full disk or an unpicklable value costs the cache, not the build
        log.debug("research-digest: cannot write the parse cache file for %s: %r", name, error)
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _prune(folder: Path) -> None:
    """Keep the folder bounded: documents that moved or vanished (temporary folders in tests,
    renamed digests) leave files nobody reads again."""
    with contextlib.suppress(OSError):
        files = [entry for entry in os.scandir(folder) if entry.name.endswith(".pickle")]
        if len(files) <= MAX_FILES:
            return
        files.sort(key=lambda entry: entry.stat().st_mtime)
        for entry in files[: len(files) - MAX_FILES * 3 // 4]:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
