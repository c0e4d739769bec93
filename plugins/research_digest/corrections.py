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
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .model import Links, Paper, Problem, Text

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


def load_corrections(path: Path, name: str) -> tuple[list[Correction], list[Problem]]:
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return [], [Problem(name, None, f"corrections file cannot be read: {error}")]
    except yaml.YAMLError as error:
        line = error.problem_mark.line + 1 if getattr(error, "problem_mark", None) else None
        return [], [Problem(name, line, f"corrections file is not valid YAML: {error}")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.MappingNode):
        return [], [Problem(name, root.start_mark.line + 1, "corrections must map paper ids to fields")]
    corrections, problems = [], []
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        values = yaml.safe_load(yaml.serialize(value_node))
        if not isinstance(values, dict):
            problems.append(Problem(name, line, f"correction for {key_node.value!r} must map fields to values"))
            continue
        corrections.append(Correction(str(key_node.value), values, line))
    return corrections, problems


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
        problems.extend(Problem(name, correction.line, error, skipped=False) for error in errors)
        corrected[index] = dataclasses.replace(corrected[index], **changes)
    return corrected, problems


def _field_changes(paper: Paper, values: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    changes: dict[str, Any] = {}
    errors = []
    for field, value in values.items():
        try:
            changes[field] = _coerce(paper, str(field), value)
        except (TypeError, ValueError) as error:
            errors.append(f"cannot set {field!r} of {paper.id}: {error}")
    return changes, errors


def _coerce(paper: Paper, field: str, value: Any) -> Any:
    if field not in EDITABLE_FIELDS:
        raise ValueError(f"not a field that can be corrected (one of: {', '.join(sorted(EDITABLE_FIELDS))})")
    if field in _TEXT_FIELDS:
        if isinstance(value, dict):
            return Text(str(value.get("text", "")), bool(value.get("truncated", False)))
        return Text(str(value or ""), False)
    if field in _STRING_FIELDS:
        return "" if value is None else str(value)
    if field in _TUPLE_FIELDS:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",")]
        if not isinstance(value, list):
            raise TypeError("expected a list")
        return tuple(str(item) for item in value if str(item).strip())
    if field in _INT_FIELDS:
        return None if value is None else int(value)
    if not isinstance(value, dict) or not set(value) <= _LINK_FIELDS:
        raise ValueError(f"links take a mapping of {', '.join(sorted(_LINK_FIELDS))}")
    urls = {key: str(url or "").strip() for key, url in value.items()}
    unsafe = [url for url in urls.values() if url and not _HTTP.match(url)]
    if unsafe:
        raise ValueError(f"only http(s) links are allowed, not {unsafe[0]!r}")
    return dataclasses.replace(paper.links, **urls)
