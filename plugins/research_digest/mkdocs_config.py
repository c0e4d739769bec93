"""The research-digest options of an mkdocs.yml, validated as MkDocs would, for the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .config import ResearchDigestConfig
from .options import PluginOptions
from .yaml_lines import LenientDateLoader

PLUGIN_NAMES = ("research-digest",)


class _TolerantLoader(LenientDateLoader):
    """Reads mkdocs.yml files that use tags (``!ENV``, ``!!python/name:``) we do not need; an
    impossible date stays text, for the option's check to name it."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _plugin_entry(config: dict[str, Any]) -> dict[str, Any]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, str) and plugin in PLUGIN_NAMES:
            return {}
        if isinstance(plugin, dict):
            for name, options in plugin.items():
                if name in PLUGIN_NAMES:
                    return dict(options or {})
    return {}


def plugin_options(config_file: Path) -> PluginOptions:
    try:
        raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise SystemExit(f"{config_file}: cannot be read: {error}") from error
    plugin_config = ResearchDigestConfig(config_file_path=str(config_file))
    plugin_config.load_dict(_plugin_entry(raw if isinstance(raw, dict) else {}))
    errors, _warnings = plugin_config.validate()
    if errors:
        details = "; ".join(f"option '{name}': {error}" for name, error in errors)
        raise SystemExit(f"{config_file}: invalid research-digest options: {details}")
    return plugin_config.plugin_options()
