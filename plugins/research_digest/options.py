"""A site's options resolved once: the plugin's options as written, the project folder and the
environment become the option objects the core takes. Knows nothing of MkDocs: the plugin and
the command line (``check``) both call ``resolve``, so they read the same sources, dates,
corrections and taxonomy. ``config.py`` only declares the options' types for MkDocs."""

from __future__ import annotations

import dataclasses
import glob
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .digest import DigestOptions
from .environment import SOURCES_ENV, Environment
from .model import PaperDate
from .publish import PublishOptions
from .render import RenderOptions
from .search_index import MODES as SEARCH_MODES
from .topics import Taxonomy, taxonomy_path
from .views import SiteOptions

LANGUAGES = ("zh", "en", "both")


@dataclass(frozen=True)
class PluginOptions:
    """The options as written under ``research-digest:`` in mkdocs.yml (checked by config.py).
    The one place their defaults are written; where the core has the same setting, its default."""

    sources: tuple[str, ...] = DigestOptions.sources
    source_dates: Mapping[str, PaperDate] = field(default_factory=dict)
    corrections: str | None = None  # a path, absolute once MkDocs has checked it exists
    strict: bool = False
    language: str = RenderOptions.default_language
    taxonomy: str | dict | list | None = None
    page_size: int = SiteOptions.page_size
    archive_page_size: int = SiteOptions.archive_page_size
    home_size: int = SiteOptions.home_size
    feed_size: int = PublishOptions.feed_size
    search: str = "auto"  # see search_index.py

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> PluginOptions:
        """From validated option values (a MkDocs config); absent or null ones take the default."""
        names = {option.name for option in dataclasses.fields(cls)}
        given = {name: value for name, value in values.items() if name in names and value is not None}
        if "sources" in given:
            given["sources"] = tuple(given["sources"])
        return cls(**given)


@dataclass(frozen=True)
class SiteSettings:
    """Everything a build (or ``check``) needs to know, resolved."""

    plugin: PluginOptions
    base_dir: Path
    digest: DigestOptions
    site: SiteOptions
    search: str  # auto, material or sharded: the option, unless $RESEARCH_DIGEST_SEARCH says otherwise
    taxonomy: Taxonomy
    taxonomy_file: Path | None
    watched: tuple[Path, ...]  # what `mkdocs serve` watches: the sources and the data files

    def render_options(self, directory_urls: bool) -> RenderOptions:
        return RenderOptions(self.plugin.language, directory_urls)

    def publish_options(self, site_url: str, directory_urls: bool) -> PublishOptions:
        return PublishOptions(site_url, self.plugin.feed_size, self.plugin.language, directory_urls)


def resolve(
    plugin: PluginOptions,
    base_dir: Path,
    environ: Mapping[str, str] | None = None,
    *,
    paths: Sequence[str] = (),
    paths_base: Path | None = None,
    config_name: str = "mkdocs.yml",
) -> SiteSettings:
    """The settings of a site whose options are ``plugin``, in the project folder ``base_dir``.
    ``paths`` (the command line's, relative to ``paths_base``) replace the sources, and
    ``$DIGEST_SOURCES`` replaces the configured ones. Raises ``TaxonomyError`` for a taxonomy
    that cannot be used."""
    environment = Environment.read(environ)
    sources, sources_name, sources_base = plugin.sources, f"sources ({config_name})", base_dir
    if environment.sources is not None:
        sources, sources_name = environment.sources, SOURCES_ENV
    if paths:
        sources, sources_name, sources_base = tuple(paths), "the command line", paths_base or base_dir
    digest = DigestOptions(
        sources=tuple(sources),
        base_dir=sources_base,
        source_dates=plugin.source_dates,
        corrections=Path(plugin.corrections) if plugin.corrections else None,
        cache_folder=None if environment.cache_folder is None else base_dir / environment.cache_folder,
        workers=environment.workers,
        sources_name=sources_name,
    )
    site = SiteOptions(plugin.page_size, plugin.archive_page_size, plugin.home_size)
    search = environment.search if environment.search in SEARCH_MODES else plugin.search
    taxonomy_file = taxonomy_path(plugin.taxonomy, base_dir)
    taxonomy = Taxonomy.from_config(plugin.taxonomy, base_dir, f"{config_name}: taxonomy")
    watched = _watched(digest, taxonomy_file)
    return SiteSettings(plugin, base_dir, digest, site, search, taxonomy, taxonomy_file, watched)


def _watched(digest: DigestOptions, taxonomy_file: Path | None) -> tuple[Path, ...]:
    """Every source (also outside the project; a glob by the folder it starts from), also one that
    does not exist yet (it is watched from the folder above until it does), and the data files."""
    paths = []
    for spec in digest.sources:
        path = Path(os.path.expanduser(spec))
        path = path if path.is_absolute() else digest.base_dir / path
        while glob.has_magic(str(path)):
            path = path.parent
        paths.append(path)
    for extra in (taxonomy_file, digest.corrections):
        if extra is not None and extra.exists():
            paths.append(extra)
    return tuple(dict.fromkeys(paths))
