"""The plugin's options, typed with MkDocs' config_options so a wrong option is a clear
configuration error rather than a traceback."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import yaml

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError

from .dates import parse_config_date
from .digest import DigestOptions
from .model import PaperDate
from .topics import Taxonomy, TaxonomyError
from .views import SiteOptions

SOURCES_ENV = "DIGEST_SOURCES"


class SourceDates(c.BaseConfigOption[dict]):
    """``{path-or-glob: date}``: the date of documents that state none (2024, 2024-02 or 2024-02-16)."""

    def __init__(self) -> None:
        super().__init__()
        self.default = {}

    def run_validation(self, value: object) -> dict[str, PaperDate]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise c.ValidationError("expected a mapping of source paths or globs to dates")
        dates = {}
        for pattern, raw in value.items():
            date = parse_config_date(raw)
            if date is None:
                raise c.ValidationError(
                    f"{raw!r} (for {pattern!r}) is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
                )
            dates[str(pattern)] = date
        return dates


class ResearchDigestConfig(base.Config):
    sources = c.ListOfItems(c.Type(str), default=["seeds/"])
    source_dates = SourceDates()
    corrections = c.Optional(c.File(exists=True))
    strict = c.Type(bool, default=False)
    language = c.Choice(("zh", "en", "both"), default="zh")
    taxonomy = c.Optional(c.Type((str, dict, list)))
    page_size = c.Type(int, default=20)
    archive_page_size = c.Type(int, default=50)
    home_size = c.Type(int, default=30)
    feed_size = c.Type(int, default=50)
    search = c.Choice(("auto", "material", "sharded"), default="auto")  # see search_index.py

    def validate(self):
        failed, warnings = super().validate()
        for name in ("page_size", "archive_page_size", "home_size", "feed_size"):
            value = self.get(name)
            if isinstance(value, int) and value < 1:
                failed.append((name, c.ValidationError(f"must be a positive number, not {value}")))
        return failed, warnings


def source_specs(configured: list[str], environ: dict[str, str] | None = None) -> list[str]:
    """The configured sources, unless ``DIGEST_SOURCES`` names others (``os.pathsep``-separated)."""
    override = (environ if environ is not None else os.environ).get(SOURCES_ENV, "").strip()
    if override:
        return [part for part in override.split(os.pathsep) if part.strip()]
    return list(configured)


def taxonomy_file(config: ResearchDigestConfig, base_dir: Path) -> Path | None:
    return base_dir / config.taxonomy if isinstance(config.taxonomy, str) else None


def load_taxonomy(config: ResearchDigestConfig, base_dir: Path) -> Taxonomy:
    """The default taxonomy, extended by the topics in mkdocs.yml or in the YAML file it names."""
    taxonomy = Taxonomy.default()
    try:
        path = taxonomy_file(config, base_dir)
        if path is not None:
            return taxonomy.extended(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
        if config.taxonomy:
            return taxonomy.extended(config.taxonomy)
    except (OSError, yaml.YAMLError, TaxonomyError) as error:
        raise PluginError(f"research-digest taxonomy: {error}") from error
    return taxonomy


def site_options(config: ResearchDigestConfig) -> SiteOptions:
    return SiteOptions(config.page_size, config.archive_page_size, config.home_size)


def watched_paths(config: ResearchDigestConfig, base_dir: Path) -> tuple[Path, ...]:
    """What `mkdocs serve` must watch: every source (also outside the project) and the data files."""
    paths = []
    for spec in source_specs(config.sources):
        path = Path(os.path.expanduser(spec))
        path = path if path.is_absolute() else base_dir / path
        while glob.has_magic(str(path)):
            path = path.parent
        if path.exists():
            paths.append(path)
    for extra in (taxonomy_file(config, base_dir), Path(config.corrections) if config.corrections else None):
        if extra is not None and extra.exists():
            paths.append(extra)
    return tuple(dict.fromkeys(paths))


def digest_options(config: ResearchDigestConfig, base_dir: Path) -> DigestOptions:
    return DigestOptions(
        sources=tuple(source_specs(config.sources)),
        base_dir=base_dir,
        source_dates=config.source_dates,
        corrections=Path(config.corrections) if config.corrections else None,
    )
