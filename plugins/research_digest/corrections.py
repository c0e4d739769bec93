"""Hand-made corrections: a YAML file that overrides any field of any paper, by paper id.

```yaml
2402.10882:
  title_zh: 通用提示优化器：安全的文本到图像生成
iccv2023-probabilistic-modeling-of-inter-and-intra-observer-variability:
  authors: [Arne Schmidt, Pablo Morales-Álvarez, Rafael Molina]
  abstract_en: {text: "...", truncated: false}
```
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .model import Links, Paper, Problem, Text
from .yaml_lines import compose, construct

_TEXT_FIELDS = {"tldr_zh", "tldr_en", "abstract_zh", "abstract_en"}
_STRING_FIELDS = {"title_en", "title_zh", "arxiv_id", "category", "announce_type", "venue"}
_TUPLE_FIELDS = {"authors", "sections", "topics"}
_INT_FIELDS = {"year", "arxiv_version"}
_LINK_FIELDS = {field.name for field in dataclasses.fields(Links)}
_HTTP = re.compile(r"^https?://\S+$", re.IGNORECASE)
EDITABLE_FIELDS = _TEXT_FIELDS | _STRING_FIELDS | _TUPLE_FIELDS | _INT_FIELDS | {"links"}


@dataclass(frozen=True)
class Correction:
    paper_id: str
    values: dict[str, Any]
    line: int
    field_lines: Mapping[str, int] = field(default_factory=dict)  # the line each field is set on


def load_corrections(path: Path, name: str) -> tuple[list[Correction], list[Problem]]:
    try:
        root = compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return [], [Problem(name, None, f"corrections file cannot be read: {error}")]
    except yaml.YAMLError as error:
        return [], [Problem(name, _error_line(error), f"corrections file is not valid YAML: {error}")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.MappingNode):
        return [], [Problem(name, root.start_mark.line + 1, "corrections must map paper ids to fields")]
    corrections, problems = [], []
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(name, line, "a paper id must be plain text", skipped=False))
            continue
        try:
            values = construct(value_node)  # the id stays as written: 2402.10880 is no number
        except yaml.YAMLError as error:
            problems.append(Problem(name, _error_line(error) or line, f"cannot be read: {error}", skipped=False))
            continue
        if not isinstance(values, dict):
            problems.append(Problem(name, line, f"correction for {key_node.value!r} must map fields to values"))
            continue
        lines = {str(key): field_line for key, field_line in getattr(values, "key_lines", {}).items()}
        corrections.append(Correction(str(key_node.value), {str(k): v for k, v in values.items()}, line, lines))
    return corrections, problems


def _error_line(error: yaml.YAMLError) -> int | None:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark else None


def apply_corrections(
    papers: Sequence[Paper], corrections: Sequence[Correction], name: str
) -> tuple[list[Paper], list[Problem]]:
    by_id = {paper.id: index for index, paper in enumerate(papers)}
    corrected = list(papers)
    problems = []
    for correction in corrections:
        index = by_id.get(correction.paper_id)
        if index is None:
            problems.append(Problem(name, correction.line, f"no paper has the id {correction.paper_id!r}", skipped=False, notice=True))
            continue
        changes, errors = _field_changes(corrected[index], correction.values)
        problems.extend(
            Problem(name, correction.field_lines.get(field, correction.line), error, skipped=False, field=field)
            for field, error in errors
        )
        corrected[index] = dataclasses.replace(corrected[index], **changes)
    return corrected, problems


def _field_changes(paper: Paper, values: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The fields to replace, and ``(field, reason)`` for each value that cannot be used."""
    changes: dict[str, Any] = {}
    errors = []
    for field_name, value in values.items():
        try:
            changes[field_name] = _coerce(paper, field_name, value)
        except (TypeError, ValueError) as error:
            errors.append((field_name, f"cannot set {field_name!r} of {paper.id}: {error}"))
    return changes, errors


def _coerce(paper: Paper, field_name: str, value: Any) -> Any:
    if field_name not in EDITABLE_FIELDS:
        raise ValueError(f"not a field that can be corrected (one of: {', '.join(sorted(EDITABLE_FIELDS))})")
    if field_name in _TEXT_FIELDS:
        return _text(value)
    if field_name in _STRING_FIELDS:
        return "" if value is None else _plain(value, "text")
    if field_name in _TUPLE_FIELDS:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",")]
        if not isinstance(value, list):
            raise TypeError(f"expected a list, not {_kind(value)}")
        return tuple(text for text in (_plain(item, "text").strip() for item in value) if text)
    if field_name in _INT_FIELDS:
        return None if value is None else _whole(value, 1, 9999)
    return _links(paper, value)


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _plain(value: object, expected: str) -> str:
    """A scalar as text: strings, finite numbers and dates (an unquoted title "1984" is a number)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool) and math.isfinite(_number(value)):
        return str(value)
    raise TypeError(f"expected {expected}, not {_kind(value)}")


def _number(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) else 0.0


def _whole(value: object, lowest: int, highest: int) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, not {_kind(value)}")
    if not lowest <= value <= highest:
        raise ValueError(f"expected a whole number from {lowest} to {highest}, not {value}")
    return value


def _text(value: object) -> Text:
    if value is None:
        return Text("", False)
    if not isinstance(value, dict):
        return Text(_plain(value, "text or {text: ..., truncated: ...}"), False)
    unknown = sorted(str(key) for key in value if key not in ("text", "truncated"))
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (a text takes text and truncated)")
    truncated = value.get("truncated", False)
    if not isinstance(truncated, bool):
        raise TypeError(f"truncated must be true or false, not {_kind(truncated)}")
    text = value.get("text")
    return Text("" if text is None else _plain(text, "text"), truncated)


def _links(paper: Paper, value: object) -> Links:
    if not isinstance(value, dict) or not set(value) <= _LINK_FIELDS:
        raise ValueError(f"links take a mapping of {', '.join(sorted(_LINK_FIELDS))}")
    urls = {str(key): "" if url is None else _plain(url, "a link").strip() for key, url in value.items()}
    unsafe = [url for url in urls.values() if url and not _HTTP.match(url)]
    if unsafe:
        raise ValueError(f"only http(s) links are allowed, not {unsafe[0]!r}")
    return dataclasses.replace(paper.links, **urls)
