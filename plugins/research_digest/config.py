"""The plugin's options for MkDocs, typed with its config_options so that a wrong option is a
clear configuration error naming the option rather than a traceback. Their defaults and their
meaning live in options.py, which resolves them."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .dates import parse_config_date
from .model import PaperDate
from .options import LANGUAGES, PluginOptions
from .search_index import MODES as SEARCH_MODES

DEFAULTS = PluginOptions()


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


class Count(c.BaseConfigOption[int]):
    """A whole number of at least 1 (``true`` is not one, though Python counts it as 1)."""

    def __init__(self, default: int) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise c.ValidationError(f"expected a whole number, not {value!r}")
        if value < 1:
            raise c.ValidationError(f"must be a positive number, not {value}")
        return value


class ResearchDigestConfig(base.Config):
    sources = c.ListOfItems(c.Type(str), default=list(DEFAULTS.sources))
    source_dates = SourceDates()
    corrections = c.Optional(c.File(exists=True))
    strict = c.Type(bool, default=DEFAULTS.strict)
    language = c.Choice(LANGUAGES, default=DEFAULTS.language)
    taxonomy = c.Optional(c.Type((str, dict, list)))
    page_size = Count(DEFAULTS.page_size)
    archive_page_size = Count(DEFAULTS.archive_page_size)
    home_size = Count(DEFAULTS.home_size)
    feed_size = Count(DEFAULTS.feed_size)
    search = c.Choice(SEARCH_MODES, default=DEFAULTS.search)

    def plugin_options(self) -> PluginOptions:
        return PluginOptions.from_mapping(self)

