"""The environment variables that change a build, read in one place (``options.resolve`` reads
them once per build; the core gets the values, never the variables)."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.research_digest")

SOURCES_ENV = "DIGEST_SOURCES"  # replaces the `sources` option: paths separated by os.pathsep
SEARCH_ENV = "RESEARCH_DIGEST_SEARCH"  # replaces the `search` option: auto, material or sharded
WORKERS_ENV = "RESEARCH_DIGEST_WORKERS"  # a whole number of parse workers; 1 never forks
CACHE_ENV = "RESEARCH_DIGEST_CACHE"  # the parse cache folder, or off
DEFAULT_CACHE_FOLDER = Path(".cache") / "research-digest"  # relative to the project
_OFF = frozenset({"0", "off", "false", "no", "none"})


@dataclass(frozen=True)
class Environment:
    sources: tuple[str, ...] | None = None  # None: not set; () when set to separators only
    search: str | None = None  # lower-cased, as given; None: not set
    workers: int | None = None  # None: one per usable CPU
    cache_folder: Path | None = DEFAULT_CACHE_FOLDER  # relative: to the project; None: no disk cache

    @classmethod
    def read(cls, environ: Mapping[str, str] | None = None) -> Environment:
        environ = os.environ if environ is None else environ
        search = environ.get(SEARCH_ENV, "").strip().lower()
        return cls(_sources(environ), search or None, _workers(environ), _cache_folder(environ))


def _sources(environ: Mapping[str, str]) -> tuple[str, ...] | None:
    configured = environ.get(SOURCES_ENV, "")
    if not configured.strip():
        return None
    return tuple(part for part in configured.split(os.pathsep) if part.strip())


def _workers(environ: Mapping[str, str]) -> int | None:
    configured = environ.get(WORKERS_ENV, "").strip()
    if not configured:
        return None
    try:
        return int(configured)
    except ValueError:
        log.debug("research-digest: ignoring %s=%r, which is not a whole number", WORKERS_ENV, configured)
        return None


def _cache_folder(environ: Mapping[str, str]) -> Path | None:
    configured = environ.get(CACHE_ENV, "").strip()
    if configured.lower() in _OFF:
        return None
    return Path(configured).expanduser() if configured else DEFAULT_CACHE_FOLDER
