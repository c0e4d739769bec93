"""Why the parse cache can be trusted: only this user can have written an entry that is read.

A cache entry is a pickle, and unpickling runs whatever the pickle says. So each entry carries
an HMAC-SHA256 over its cache key and its content, made with a secret key of the user's that is
kept outside the cache folder: ``$RESEARCH_DIGEST_CACHE_KEY``, else
``$XDG_CONFIG_HOME/research-digest/cache-key`` (``~/.config/...``), created with mode 0600 in a
0700 folder. An entry whose HMAC does not verify is never unpickled: someone who can write
into the cache folder but cannot read the secret cannot make one that is. The HMAC covers the
cache key, which covers the document's name, content and the parser version, so an entry
copied from another document, or from an older parser, does not verify either.

A cache folder other users can write to (group- or world-writable, or not ours) is not used
at all, nor is a secret other users can read: a warning says why, once, and the build parses
everything.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import secrets
import stat
import tempfile
from functools import lru_cache
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.research_digest")

KEY_ENV = "RESEARCH_DIGEST_CACHE_KEY"  # the secret key's file, for CI or tests
MAC_BYTES = hashlib.sha256().digest_size
_warned: set[str] = set()


def mac(secret: bytes, key: str, payload: bytes | memoryview) -> bytes:
    """The HMAC of a cache entry: its cache key and its content."""
    signer = hmac.new(secret, b"research-digest parse cache\0" + key.encode("ascii") + b"\0", hashlib.sha256)
    signer.update(payload)
    return signer.digest()


def verified(secret: bytes, key: str, tag: bytes | memoryview, payload: bytes | memoryview) -> bool:
    return hmac.compare_digest(mac(secret, key, payload), bytes(tag))


def key_file(environ: dict[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ  # type: ignore[assignment]
    configured = environ.get(KEY_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    config_home = environ.get("XDG_CONFIG_HOME", "").strip() or str(Path.home() / ".config")
    return Path(config_home) / "research-digest" / "cache-key"


def secret_key() -> bytes | None:
    """This user's secret key, made on first use; None (and the disk cache unused) when it
    cannot be made or others could read or change it."""
    return _secret_key(key_file())


@lru_cache(maxsize=8)
def _secret_key(path: Path) -> bytes | None:
    try:
        if not path.exists():
            _create_key(path)
        with open(path, "rb") as file:
            problem = _unsafe(os.fstat(file.fileno()), "readable or writable", stat.S_IRWXG | stat.S_IRWXO)
            secret = file.read()
    except OSError as error:
        log.debug("research-digest: no parse cache on disk, the cache key %s cannot be made: %s", path, error)
        return None
    if problem:
        warn_once(f"research-digest: not using the parse cache on disk: its key file {path} is {problem} "
                  f"(chmod 600 it, or remove it to have a new one made)")
        return None
    if len(secret) < 32:
        warn_once(f"research-digest: not using the parse cache on disk: its key file {path} is too short")
        return None
    return secret


def _create_key(path: Path) -> None:
    """A new random key, written whole under its name (another process may be doing the same:
    the first one's stays)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cache-key-")  # mode 0600
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(secrets.token_hex(32).encode("ascii"))
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


def folder_is_safe(folder: Path) -> bool:
    """Whether ``folder`` (which exists) is ours and closed to writes by others; else a warning, once."""
    try:
        problem = _unsafe(os.stat(folder), "writable", stat.S_IWGRP | stat.S_IWOTH)
    except OSError as error:
        log.debug("research-digest: cannot check the parse cache folder %s: %s", folder, error)
        return False
    if problem:
        warn_once(f"research-digest: not using the parse cache folder {folder}: it is {problem}, so they could "
                  f"replace its entries (chmod go-w it, or set RESEARCH_DIGEST_CACHE to a folder of your own)")
    return not problem


def _unsafe(status: os.stat_result, what: str, others: int) -> str:
    """Why a file with this status is open to other users ("" if it is not)."""
    if hasattr(os, "geteuid") and status.st_uid != os.geteuid():
        return "owned by another user"
    if status.st_mode & others:
        return f"{what} by other users (mode {stat.S_IMODE(status.st_mode):o})"
    return ""


def warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        log.warning("%s", message)
