"""YAML for the files a user writes (taxonomy, corrections): each mapping remembers the line of
itself and of each of its keys, so a warning can point at the line; an impossible date
(``2024-02-30``) stays the text it was, so the check that reads it can name it instead of the
YAML library raising a ValueError."""

from __future__ import annotations

from typing import Any

import yaml


class LineMap(dict):
    """A YAML mapping with its line and the line of each key (1-based)."""

    line: int | None = None

    def __init__(self, *args: Any, line: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line = line
        self.key_lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int | None:
        return self.key_lines.get(key, self.line)


def line_of(value: object, key: Any = None) -> int | None:
    """The line of ``value`` (or of its ``key``) when it came from a YAML mapping, else None."""
    if isinstance(value, LineMap):
        return value.line if key is None else value.line_of(key)
    return None


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:  # 2024-02-30 looks like a date but is none
        return loader.construct_scalar(node)


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    mapping = LineMap(line=node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError as error:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark, "found an unhashable key", key_node.start_mark
            ) from error
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


class LenientDateLoader(yaml.SafeLoader):
    """A safe loader on which an impossible date is text, not an exception."""


LenientDateLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


class LineLoader(LenientDateLoader):
    """A safe loader whose mappings are ``LineMap``s."""


LineLoader.add_constructor("tag:yaml.org,2002:map", _mapping)


def load_with_lines(text: str) -> object:
    """The YAML document in ``text``; raises ``yaml.YAMLError`` when it is not valid YAML."""
    return yaml.load(text, Loader=LineLoader)  # noqa: S506 - a SafeLoader subclass


def compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``, with the marks of every node (for keys kept as written)."""
    return yaml.compose(text, Loader=LineLoader)


def construct(node: yaml.Node) -> object:
    """The value of one node of a tree from ``compose``."""
    loader = LineLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()
