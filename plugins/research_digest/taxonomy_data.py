"""Reading and checking taxonomy data (the shipped file, a site's file or inline topics): every
error says where (file, line, topic number and id) and why."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .yaml_lines import line_of, load_with_lines

OTHER_ID = "other"
TOPIC_FIELDS = ("id", "name_zh", "name_en", "aliases", "keywords_zh", "keywords_en")
LIST_FIELDS = ("aliases", "keywords_zh", "keywords_en")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ASCII_WORD = re.compile(r"[A-Za-z0-9]+")


class TaxonomyError(ValueError):
    """A taxonomy (file or configuration) that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Topic:
    id: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...] = ()
    keywords_zh: tuple[str, ...] = ()
    keywords_en: tuple[str, ...] = ()
    generated: bool = False

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_zh


DEFAULT_OTHER = Topic(OTHER_ID, "其他", "Other", aliases=("其他", "其它", "Others", "Misc"))


def label_key(label: str) -> str:
    """What a section label, name or alias is compared by: NFKC, case-folded, letters and digits only.

    So "分类/检测/识别/分割/..." equals "分类 检测 识别 分割" and "**3D/CG**" equals "3d cg".
    """
    folded = unicodedata.normalize("NFKC", label).casefold()
    return "".join(char for char in folded if char.isalnum())


def is_slug(text: str) -> bool:
    return _SLUG.fullmatch(text) is not None


def where(source: str, number: int, topic_id: object = None, line: int | None = None) -> str:
    """``file:line: topic N ('id')``: how an error names a topic entry."""
    named = f" ({topic_id!r})" if isinstance(topic_id, str) and topic_id else ""
    at = f"{source}:{line}" if line else source
    return f"{at}: topic {number}{named}"


def _entry_where(raw: object, source: str, number: int, field: str | None = None) -> str:
    topic_id = raw.get("id") if isinstance(raw, dict) else None
    return where(source, number, topic_id, line_of(raw, field))


def _string_list(value: object, field: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise TaxonomyError(f"{where}: {field} must be a list of strings, not {type(value).__name__}")
    items = []
    for position, item in enumerate(value):
        if not isinstance(item, str):
            raise TaxonomyError(
                f"{where}: {field}[{position}] must be a string, not {type(item).__name__} ({item!r})"
            )
        if not item.strip():
            raise TaxonomyError(f"{where}: {field}[{position}] is empty")
        items.append(item.strip())
    return tuple(dict.fromkeys(items))


def read_topic(raw: object, source: str, number: int, require_names: bool) -> dict[str, Any]:
    """The fields of one topic entry, checked; names may be absent when overriding a topic."""
    if not isinstance(raw, dict):
        raise TaxonomyError(
            f"{where(source, number)} must be a mapping with id, name_zh, name_en..., "
            f"not {type(raw).__name__}"
        )
    at = _entry_where(raw, source, number)
    unknown = sorted(str(key) for key in raw if key not in TOPIC_FIELDS)
    if unknown:
        raise TaxonomyError(f"{at}: unknown field {unknown[0]!r} (fields: {', '.join(TOPIC_FIELDS)})")
    if raw.get("id") is None:
        raise TaxonomyError(f"{at} has no id")
    if not isinstance(raw["id"], str):
        raise TaxonomyError(f"{at}: id must be a string, not {type(raw['id']).__name__}")
    fields: dict[str, Any] = {"id": raw["id"].strip()}
    for name in ("name_zh", "name_en"):
        value = raw.get(name)
        if value is None:
            if require_names:
                raise TaxonomyError(f"{at}: {name} is missing")
            continue
        if not isinstance(value, str) or not value.strip():
            raise TaxonomyError(f"{_entry_where(raw, source, number, name)}: {name} must be a non-empty string, not {value!r}")
        fields[name] = value.strip()
    for name in LIST_FIELDS:
        if raw.get(name) is not None:
            fields[name] = _string_list(raw[name], name, _entry_where(raw, source, number, name))
    check_topic(fields, at)
    return fields


def entries(data: object, source: str) -> tuple[bool, list[object]]:
    """``(replace, topic entries)`` of a taxonomy: a list of topics or ``{topics: [...], replace: bool}``."""
    if isinstance(data, list):
        return False, data
    if not isinstance(data, dict):
        raise TaxonomyError(
            f"{source}: a taxonomy is a list of topics or a mapping with 'topics', not {type(data).__name__}"
        )
    at = f"{source}:{line_of(data)}" if line_of(data) else source
    unknown = sorted(str(key) for key in data if key not in ("topics", "replace"))
    if unknown:
        raise TaxonomyError(f"{at}: unknown key {unknown[0]!r} (expected 'topics' and 'replace')")
    replace = data.get("replace", False)
    if not isinstance(replace, bool):
        raise TaxonomyError(f"{at}: replace must be true or false, not {replace!r}")
    topics = data.get("topics")
    if topics is None:
        topics = []
    if not isinstance(topics, list):
        raise TaxonomyError(f"{at}: topics must be a list, not {type(topics).__name__}")
    return replace, topics


def read_yaml(path: Path) -> object:
    """A taxonomy file's data, whose mappings know their lines."""
    try:
        return load_with_lines(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise TaxonomyError(f"{path}: cannot be read: {error}") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f"{path}:{mark.line + 1}" if mark else str(path)
        raise TaxonomyError(f"{at}: not valid YAML: {error}") from error


def check_topic(fields: dict[str, Any], where: str) -> None:
    """The rules a topic's id, names and keywords follow (the names when present)."""
    if not is_slug(fields["id"]):
        raise TaxonomyError(
            f"{where}: id {fields['id']!r} is not a slug (use lowercase ascii letters, digits and single '-')"
        )
    for name in ("name_zh", "name_en"):
        if name in fields and not fields[name].strip():
            raise TaxonomyError(f"{where}: {name} is empty")
    for keyword in fields.get("keywords_en", ()):
        if not keyword.isascii():
            raise TaxonomyError(
                f"{where}: English keyword {keyword!r} has non-ASCII characters; put it in keywords_zh"
            )
        if not ASCII_WORD.search(keyword):
            raise TaxonomyError(f"{where}: English keyword {keyword!r} has no letters or digits")
    for keyword in fields.get("keywords_zh", ()):
        if keyword.isascii():
            # Chinese keywords match as substrings, so an ASCII one would match inside words ("CT" in "object").
            raise TaxonomyError(
                f"{where}: Chinese keyword {keyword!r} is plain ASCII; put it in keywords_en (whole-word match)"
            )


def merged(topic: Topic, fields: dict[str, Any]) -> Topic:
    """``topic`` with names replaced and aliases and keywords added from an overriding entry."""
    changes: dict[str, Any] = {name: fields[name] for name in ("name_zh", "name_en") if name in fields}
    for name in LIST_FIELDS:
        if name in fields:
            changes[name] = tuple(dict.fromkeys(getattr(topic, name) + fields[name]))
    return dataclasses.replace(topic, **changes)


def topic_fields(topic: Topic) -> dict[str, Any]:
    return {field.name: getattr(topic, field.name) for field in dataclasses.fields(topic)}
