"""The topic taxonomy: bilingual topics, and the rules that give papers their topics.

A paper's topics come from:

- its source section labels, matched against topic ids, names and aliases (after NFKC, case
  folding and dropping everything but letters and digits); an unknown label becomes a topic of
  its own (``generated``) rather than being lost;
- keyword rules: one keyword in a title or TL;DR gives its topic. A paper whose titles and
  TL;DRs give no topic is then read in its abstract (the English one, else the Chinese), where a
  topic needs two different keywords, because abstracts mention many things in passing.

English keywords match whole words and phrases, case-insensitively with a plural "s"/"es"
allowed, except all-capital acronyms ("CT", "GAN", "CLIP"), which match with their case.
Chinese keywords match as substrings. A keyword found only inside a longer keyword found in the
same text ("segmentation" in "semantic segmentation", "语言模型" in "视觉语言模型") does not
count on its own. A paper with no topic gets ``other``.

The rules are compiled once per taxonomy: English text is split into words by one byte
translation and met with the keyword vocabulary in one set intersection; Chinese text is
searched with a few trie-shaped alternation regexes. 25,000 papers take about half a second.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, partial
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .carry_over import NO_CARRY_OVER, CarryOver
from .model import Paper

OTHER_ID = "other"
ABSTRACT_MODES = ("fallback", "always")
TOPIC_FIELDS = ("id", "name_zh", "name_en", "aliases", "keywords_zh", "keywords_en")
_LIST_FIELDS = ("aliases", "keywords_zh", "keywords_en")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
_MAX_SLUG = 48


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


_DEFAULT_OTHER = Topic(OTHER_ID, "其他", "Other", aliases=("其他", "其它", "Others", "Misc"))


def label_key(label: str) -> str:
    """What a section label, name or alias is compared by: NFKC, case-folded, letters and digits only.

    So "分类/检测/识别/分割/..." equals "分类 检测 识别 分割" and "**3D/CG**" equals "3d cg".
    """
    folded = unicodedata.normalize("NFKC", label).casefold()
    return "".join(char for char in folded if char.isalnum())


def is_slug(text: str) -> bool:
    return _SLUG.fullmatch(text) is not None


# ---------------------------------------------------------------------------------------------
# Reading taxonomy data


def _where(source: str, number: int, topic_id: object = None) -> str:
    named = f" ({topic_id!r})" if isinstance(topic_id, str) and topic_id else ""
    return f"{source}: topic {number}{named}"


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


def _read_topic(raw: object, source: str, number: int, require_names: bool) -> dict[str, Any]:
    """The fields of one topic entry, type-checked; names may be absent when overriding a topic."""
    if not isinstance(raw, dict):
        raise TaxonomyError(
            f"{_where(source, number)} must be a mapping with id, name_zh, name_en..., "
            f"not {type(raw).__name__}"
        )
    where = _where(source, number, raw.get("id"))
    unknown = sorted(str(key) for key in raw if key not in TOPIC_FIELDS)
    if unknown:
        raise TaxonomyError(f"{where}: unknown field {unknown[0]!r} (fields: {', '.join(TOPIC_FIELDS)})")
    if raw.get("id") is None:
        raise TaxonomyError(f"{where} has no id")
    if not isinstance(raw["id"], str):
        raise TaxonomyError(f"{where}: id must be a string, not {type(raw['id']).__name__}")
    fields: dict[str, Any] = {"id": raw["id"].strip()}
    for name in ("name_zh", "name_en"):
        value = raw.get(name)
        if value is None:
            if require_names:
                raise TaxonomyError(f"{where}: {name} is missing")
            continue
        if not isinstance(value, str) or not value.strip():
            raise TaxonomyError(f"{where}: {name} must be a non-empty string, not {value!r}")
        fields[name] = value.strip()
    for name in _LIST_FIELDS:
        if raw.get(name) is not None:
            fields[name] = _string_list(raw[name], name, where)
    return fields


def _entries(data: object, source: str) -> tuple[bool, list[object]]:
    """``(replace, topic entries)`` of a taxonomy: a list of topics or ``{topics: [...], replace: bool}``."""
    if isinstance(data, list):
        return False, data
    if not isinstance(data, dict):
        raise TaxonomyError(
            f"{source}: a taxonomy is a list of topics or a mapping with 'topics', not {type(data).__name__}"
        )
    unknown = sorted(str(key) for key in data if key not in ("topics", "replace"))
    if unknown:
        raise TaxonomyError(f"{source}: unknown key {unknown[0]!r} (expected 'topics' and 'replace')")
    replace = data.get("replace", False)
    if not isinstance(replace, bool):
        raise TaxonomyError(f"{source}: replace must be true or false, not {replace!r}")
    topics = data.get("topics")
    if topics is None:
        topics = []
    if not isinstance(topics, list):
        raise TaxonomyError(f"{source}: topics must be a list, not {type(topics).__name__}")
    return replace, topics


def _read_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise TaxonomyError(f"{path}: cannot be read: {error}") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise TaxonomyError(f"{where}: not valid YAML: {error}") from error


def _check_topic(topic: Topic, where: str) -> None:
    if not is_slug(topic.id):
        raise TaxonomyError(
            f"{where}: id {topic.id!r} is not a slug (use lowercase ascii letters, digits and single '-')"
        )
    for name in ("name_zh", "name_en"):
        if not getattr(topic, name).strip():
            raise TaxonomyError(f"{where}: {name} is empty")
    for keyword in topic.keywords_en:
        if not keyword.isascii():
            raise TaxonomyError(
                f"{where}: English keyword {keyword!r} has non-ASCII characters; put it in keywords_zh"
            )
        if not _ASCII_WORD.search(keyword):
            raise TaxonomyError(f"{where}: English keyword {keyword!r} has no letters or digits")
    for keyword in topic.keywords_zh:
        if keyword.isascii():
            # Chinese keywords match as substrings, so an ASCII one would match inside words ("CT" in "object").
            raise TaxonomyError(
                f"{where}: Chinese keyword {keyword!r} is plain ASCII; put it in keywords_en (whole-word match)"
            )


def _merged(topic: Topic, fields: dict[str, Any]) -> Topic:
    """``topic`` with names replaced and aliases and keywords added from an overriding entry."""
    changes: dict[str, Any] = {name: fields[name] for name in ("name_zh", "name_en") if name in fields}
    for name in _LIST_FIELDS:
        if name in fields:
            changes[name] = tuple(dict.fromkeys(getattr(topic, name) + fields[name]))
    return dataclasses.replace(topic, **changes)


# ---------------------------------------------------------------------------------------------
# Keyword matching

_KEEP_BYTES = set(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\x01")
# Every byte but ASCII letters and digits becomes a space (so does all of UTF-8's non-ASCII,
# which lets "基于CLIP的" yield the word "CLIP"); \x01 survives to keep joined fields apart.
_WORD_BYTES = bytes(byte if byte in _KEEP_BYTES else 0x20 for byte in range(256))
_FIELD_BREAK = " \x01 "
_NONE: frozenset[int] = frozenset()
_FUNCTION_WORDS = frozenset(b"a an and as at by for from in into of on or the to via with".split())
# Chinese keywords are split by first character into a few regexes: a failed attempt costs one
# check per alternative, so one regex over ~200 first characters is several times slower.
_CHINESE_GROUPS = 4


def _inflections(word: str) -> tuple[str, ...]:
    """A word and its simple plurals: model(s), class(es), modality/modalities."""
    forms = [word, word + "s", word + "es"]
    if len(word) > 2 and word[-1] in "yY" and word[-2].lower() not in "aeiou":
        forms.append(word[:-1] + ("ies" if word[-1] == "y" else "IES"))
    return tuple(forms)


def _is_acronym(keyword: str) -> bool:
    """All-capital keywords (CT, GAN, CLIP) match with exact case: "ct" is not CT, "clip" is not CLIP."""
    return not any(char.islower() for char in keyword) and sum(char.isupper() for char in keyword) >= 2


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex alternation for many literals, as a trie, preferring the longest at each position."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return (body if len(branches) > 1 else f"(?:{body})") + "?"
        return body

    return emit(trie)


@dataclass(frozen=True)
class _Phrase:
    keyword: int
    words: frozenset[bytes]  # the words but the last, lowercased: all must be among the words found
    last_forms: frozenset[bytes]  # the last word, lowercased, with its plurals: one must be found
    search: Callable[[bytes], re.Match | None]  # finds b" w1 w2 last(s) " in the joined words
    case_sensitive: bool


class _EnglishRules:
    """English keywords as whole words and phrases of ASCII letters and digits.

    A text is split into words with one byte translation. The words found in the vocabulary
    (a set intersection, in C) give the single-word keywords, the acronyms (then confirmed with
    their case) and the phrases anchored on them (then looked for in the text's joined words).
    """

    def __init__(self, keywords: dict[tuple[str, bool], int], spellings: dict[int, set[tuple[str, ...]]]) -> None:
        singles: dict[bytes, set[int]] = {}
        acronyms: dict[bytes, list[tuple[bytes, int]]] = {}
        anchored: dict[bytes, list[_Phrase]] = {}
        phrase_words: set[bytes] = set()
        sharing = self._phrases_sharing(words for forms in spellings.values() for words in forms)
        for (joined, case_sensitive), number in keywords.items():
            for form in _inflections(joined):
                if case_sensitive:
                    acronyms.setdefault(form.lower().encode(), []).append((f" {form} ".encode(), number))
                else:
                    singles.setdefault(form.encode(), set()).add(number)
            for spelling in spellings[number]:
                words = [word.encode() for word in spelling]
                if len(words) > 1:
                    phrase = self._phrase(number, words, case_sensitive)
                    for anchor in self._anchor_forms(phrase, [word.lower() for word in words], sharing):
                        anchored.setdefault(anchor, []).append(phrase)
                    phrase_words |= phrase.words | phrase.last_forms
        self._singles = {word: frozenset(numbers) for word, numbers in singles.items()}
        self._acronyms = {word: tuple(forms) for word, forms in acronyms.items()}
        self._anchored = {word: tuple(phrases) for word, phrases in anchored.items()}
        self._single_words = frozenset(self._singles)
        self._acronym_words = frozenset(self._acronyms)
        self._anchor_words = frozenset(self._anchored)
        self._vocabulary = self._single_words | self._acronym_words | self._anchor_words | phrase_words

    @staticmethod
    def _phrases_sharing(all_words: Iterable[tuple[str, ...]]) -> dict[bytes, int]:
        """How many phrases each word is part of."""
        sharing: dict[bytes, int] = {}
        for words in all_words:
            if len(words) > 1:
                for word in {word.lower().encode() for word in words}:
                    sharing[word] = sharing.get(word, 0) + 1
        return sharing

    @staticmethod
    def _phrase(number: int, words: list[bytes], case_sensitive: bool) -> _Phrase:
        if not case_sensitive:
            words = [word.lower() for word in words]
        lasts = [form.encode() for form in _inflections(words[-1].decode())]
        pattern = re.escape(b" " + b" ".join(words[:-1]) + b" ") + b"(?:" + b"|".join(lasts) + b") "
        return _Phrase(
            keyword=number,
            words=frozenset(word.lower() for word in words[:-1]),
            last_forms=frozenset(last.lower() for last in lasts),
            search=re.compile(pattern).search,
            case_sensitive=case_sensitive,
        )

    @staticmethod
    def _anchor_forms(phrase: _Phrase, words: list[bytes], sharing: dict[bytes, int]) -> Iterable[bytes]:
        """The words a phrase is looked up by: the forms of the word fewest phrases share, so that
        few phrases are tried per text (never a function word; the longer word on a tie)."""
        candidates = [word for word in words if word not in _FUNCTION_WORDS] or words
        anchor = min(candidates, key=lambda word: (sharing[word], -len(word)))
        return phrase.last_forms if anchor in phrase.last_forms else (anchor,)

    def find(self, text: str, found: set[int]) -> None:
        raw = text.encode("utf-8", "surrogatepass").translate(_WORD_BYTES)
        words = raw.lower().split()
        hits = self._vocabulary.intersection(words)
        if not hits:
            return
        singles = self._singles
        for word in hits & self._single_words:
            found.update(singles[word])
        acronym_words = hits & self._acronym_words
        if acronym_words:
            spaced = b" " + raw + b" "
            for word in acronym_words:
                found.update(number for form, number in self._acronyms[word] if form in spaced)
        anchor_words = hits & self._anchor_words
        if anchor_words:
            self._find_phrases(anchor_words, hits, words, raw, found)

    def _find_phrases(
        self, anchor_words: frozenset[bytes], hits: frozenset[bytes], words: list[bytes], raw: bytes, found: set[int]
    ) -> None:
        joined = case_joined = b""
        for word in anchor_words:
            for phrase in self._anchored[word]:
                if phrase.keyword in found or not phrase.words <= hits or phrase.last_forms.isdisjoint(hits):
                    continue
                if phrase.case_sensitive:
                    case_joined = case_joined or b" " + b" ".join(raw.split()) + b" "
                    target = case_joined
                else:
                    joined = joined or b" " + b" ".join(words) + b" "
                    target = joined
                if phrase.search(target):
                    found.add(phrase.keyword)


class _ChineseRules:
    """Chinese keywords as substrings, every occurrence (overlaps included), longest at each start."""

    def __init__(self, keywords: dict[str, int]) -> None:
        self._numbers = keywords
        by_first: dict[str, list[str]] = {}
        for keyword in keywords:
            by_first.setdefault(keyword[0], []).append(keyword)
        firsts = sorted(by_first, key=lambda first: (-len(by_first[first]), first))
        groups = [firsts[start::_CHINESE_GROUPS] for start in range(_CHINESE_GROUPS)]
        self._searches = tuple(
            re.compile(_trie_pattern(keyword for first in group for keyword in by_first[first])).search
            for group in groups
            if group
        )

    def find(self, text: str, found: set[int]) -> None:
        numbers = self._numbers
        for search in self._searches:
            match = search(text)
            while match is not None:
                found.add(numbers[match.group()])
                match = search(text, match.start() + 1)


class _Matcher:
    """All keyword rules of a taxonomy, compiled; keywords are numbered and map to topic ids."""

    def __init__(self, topics: Sequence[Topic]) -> None:
        self.keyword_topics: list[set[str]] = []
        english: dict[tuple[str, bool], int] = {}
        spellings: dict[int, set[tuple[str, ...]]] = {}  # "birds-eye" and "bird's-eye" are one keyword
        chinese: dict[str, int] = {}
        for topic in topics:
            for keyword in topic.keywords_en:
                case_sensitive = _is_acronym(keyword)
                words = tuple(_ASCII_WORD.findall(keyword if case_sensitive else keyword.lower()))
                number = self._number(english, ("".join(words), case_sensitive), topic.id)
                spellings.setdefault(number, set()).add(words)
            for keyword in topic.keywords_zh:
                self._number(chinese, keyword, topic.id)
        self._english = _EnglishRules(english, spellings)
        self._chinese = _ChineseRules(chinese)
        self._containers = _containment(spellings, chinese)

    def _number(self, numbers: dict, key: Any, topic_id: str) -> int:
        if key not in numbers:
            numbers[key] = len(self.keyword_topics)
            self.keyword_topics.append(set())
        self.keyword_topics[numbers[key]].add(topic_id)
        return numbers[key]

    def keywords(self, text: str) -> set[int]:
        """The keywords found in ``text``, less those found only as part of a longer one."""
        found: set[int] = set()
        self._english.find(text, found)
        if not text.isascii():
            self._chinese.find(text, found)
        if len(found) > 1:
            containers = self._containers
            found = {number for number in found if containers.get(number, _NONE).isdisjoint(found)}
        return found

    def paper_topics(self, paper: Paper, abstracts: str = "fallback") -> set[str]:
        """Topics of the keywords in the titles and TL;DRs, and of two keywords in the abstract.

        The abstract is the English one when there is one (the Chinese is usually its
        translation), read only when the titles and TL;DRs give no topic unless ``abstracts``
        is "always".
        """
        topics: set[str] = set()
        strong = _FIELD_BREAK.join(
            text for text in (paper.title_en, paper.title_zh, paper.tldr_zh.text, paper.tldr_en.text) if text
        )
        if strong:
            for number in self.keywords(strong):
                topics.update(self.keyword_topics[number])
        abstract = paper.abstract_en.text or paper.abstract_zh.text
        if abstract and (not topics or abstracts == "always"):
            counts: dict[str, int] = {}
            for number in self.keywords(abstract):
                for topic_id in self.keyword_topics[number]:
                    counts[topic_id] = counts.get(topic_id, 0) + 1
            topics.update(topic_id for topic_id, count in counts.items() if count >= 2)
        return topics


def _containment(
    spellings: dict[int, set[tuple[str, ...]]], chinese: dict[str, int]
) -> dict[int, frozenset[int]]:
    """For each keyword, the longer keywords of its language that contain it."""
    containers: dict[int, set[int]] = {}
    by_words = {
        tuple(word.lower() for word in words): number for number, forms in spellings.items() for words in forms
    }
    for words, number in by_words.items():
        for size in range(1, len(words)):
            for start in range(len(words) - size + 1):
                inner = by_words.get(words[start : start + size])
                if inner is not None and inner != number:
                    containers.setdefault(inner, set()).add(number)
    for inner, inner_number in chinese.items():
        for outer, outer_number in chinese.items():
            if len(outer) > len(inner) and inner in outer:
                containers.setdefault(inner_number, set()).add(outer_number)
    return {number: frozenset(outers) for number, outers in containers.items()}


# ---------------------------------------------------------------------------------------------
# The taxonomy


def _generated_id(label: str, key: str, taken: set[str]) -> str:
    """A stable id for a topic made from an unknown label: its slug, or a hash when not ASCII."""
    if key.isascii():
        folded = unicodedata.normalize("NFKC", label).casefold()
        base = "-".join(re.findall(r"[a-z0-9]+", folded))[:_MAX_SLUG].strip("-")
    else:
        base = "t-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    candidate, suffix = base, 2
    while candidate in taken:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate


class Taxonomy:
    """An ordered set of topics (display order, ``other`` last) and the rules that assign them."""

    OTHER_ID = OTHER_ID

    def __init__(self, topics: Iterable[Topic], source: str = "<taxonomy>") -> None:
        ordered = list(topics)
        self._by_id: dict[str, Topic] = {}
        for number, topic in enumerate(ordered, 1):
            where = _where(source, number, topic.id)
            _check_topic(topic, where)
            if topic.id in self._by_id:
                first = next(n for n, t in enumerate(ordered, 1) if t.id == topic.id)
                raise TaxonomyError(f"{where}: duplicate topic id {topic.id!r} (also topic {first})")
            self._by_id[topic.id] = topic
        other = self._by_id.setdefault(OTHER_ID, _DEFAULT_OTHER)
        self.topics: tuple[Topic, ...] = tuple(t for t in ordered if t.id != OTHER_ID) + (other,)
        self.source = source
        self._by_label = self._label_index(source)

    def _label_index(self, source: str) -> dict[str, Topic]:
        """Topics by the key of their id, names and aliases, which must not be shared."""
        index: dict[str, tuple[Topic, str]] = {}
        for topic in self.topics:
            for label in (topic.id, topic.name_zh, topic.name_en, *topic.aliases):
                key = label_key(label)
                if not key:
                    raise TaxonomyError(f"{source}: topic {topic.id!r}: alias {label!r} has no letters or digits")
                holder, first_label = index.setdefault(key, (topic, label))
                if holder.id != topic.id:
                    raise TaxonomyError(
                        f"{source}: {label!r} of topic {topic.id!r} and {first_label!r} of topic "
                        f"{holder.id!r} are the same label: a label can name only one topic"
                    )
        return {key: holder for key, (holder, _label) in index.items()}

    def __repr__(self) -> str:
        return f"Taxonomy({[topic.id for topic in self.topics]!r}, source={self.source!r})"

    def __len__(self) -> int:
        return len(self.topics)

    def __iter__(self) -> Iterator[Topic]:
        return iter(self.topics)

    # -- construction --------------------------------------------------------------------------

    @classmethod
    def default(cls) -> Taxonomy:
        """The taxonomy shipped with the package (``data/taxonomy.yml``)."""
        return _default_taxonomy()

    @classmethod
    def from_data(cls, data: object, source: str = "<config>") -> Taxonomy:
        """A whole taxonomy from parsed YAML: a list of topics or ``{topics: [...]}``."""
        _replace, entries = _entries(data, source)
        topics = [Topic(**_read_topic(raw, source, number, True)) for number, raw in enumerate(entries, 1)]
        return cls(topics, source)

    @classmethod
    def load(cls, path: Path) -> Taxonomy:
        """A whole taxonomy from a YAML file."""
        return cls.from_data(_read_yaml(Path(path)), str(path))

    @classmethod
    def from_config(cls, value: object, base_dir: Path | None = None, source: str = "taxonomy") -> Taxonomy:
        """The taxonomy a site configures: the default, extended (or replaced, with ``replace: true``)
        by inline data or by the YAML file ``value`` names, relative to ``base_dir``."""
        if value is None or value == "" or value == [] or value == {}:
            return cls.default()
        if isinstance(value, (str, Path)):
            path = Path(value)
            if base_dir is not None and not path.is_absolute():
                path = base_dir / path
            return cls.default().extended(_read_yaml(path), str(value))
        return cls.default().extended(value, source)

    def extended(self, data: object, source: str = "<config>") -> Taxonomy:
        """This taxonomy with the topics of ``data`` added, or merged into the topic of the same id.

        An overriding entry replaces the names it gives and adds its aliases and keywords.
        With ``replace: true`` the result has only the topics of ``data`` (and ``other``).
        """
        replace, entries = _entries(data, source)
        if replace:
            return Taxonomy.from_data(data, source)
        topics = dict(self._by_id)
        added: list[Topic] = []
        seen: dict[str, int] = {}
        for number, raw in enumerate(entries, 1):
            fields = _read_topic(raw, source, number, require_names=False)
            topic_id = fields["id"]
            if topic_id in seen:
                raise TaxonomyError(
                    f"{_where(source, number, topic_id)}: duplicate topic id (also topic {seen[topic_id]})"
                )
            seen[topic_id] = number
            if topic_id in topics:
                topics[topic_id] = _merged(topics[topic_id], fields)
                continue
            missing = [name for name in ("name_zh", "name_en") if name not in fields]
            if missing:
                raise TaxonomyError(f"{_where(source, number, topic_id)}: {missing[0]} is missing (a new topic)")
            added.append(Topic(**fields))
        ordered = [topics[topic.id] for topic in self.topics if topic.id != OTHER_ID]
        return Taxonomy([*ordered, *added, topics[OTHER_ID]], source)

    # -- lookup --------------------------------------------------------------------------------

    def topic(self, topic_id: str) -> Topic | None:
        return self._by_id.get(topic_id)

    def topic_for_label(self, label: str) -> Topic | None:
        """The topic a source section label names (by id, name or alias), or None."""
        return self._by_label.get(label_key(label))

    @cached_property
    def _matcher(self) -> _Matcher:
        return _Matcher(self.topics)

    # -- assignment ----------------------------------------------------------------------------

    def assign(
        self, papers: Sequence[Paper], abstracts: str = "fallback", carry_over: CarryOver = NO_CARRY_OVER
    ) -> tuple[list[Paper], Taxonomy]:
        """Papers with their topics, and this taxonomy plus a topic for each unknown section label.

        Topics come in taxonomy order; ``other`` only when a paper has no other topic. Abstracts
        are read for papers whose titles and TL;DRs give no topic; ``abstracts="always"`` reads
        every abstract (about three times slower: abstracts are most of the text).
        """
        if abstracts not in ABSTRACT_MODES:
            raise ValueError(f"abstracts must be one of {', '.join(ABSTRACT_MODES)}, not {abstracts!r}")
        matcher = self._matcher
        generated: dict[str, Topic] = {}
        label_topics: dict[str, str | None] = {}
        rank: dict[str, float] = {topic.id: position for position, topic in enumerate(self.topics)}
        rank[OTHER_ID] = float("inf")
        assigned = []
        with_topics = partial(_with_topics, matcher, dict(rank))
        for paper in papers:
            for label in paper.sections:
                if label not in label_topics:
                    label_topics[label] = self._label_topic(label, generated, rank)
            from_labels = tuple(
                (topic, rank[topic]) for label in paper.sections if (topic := label_topics[label]) is not None
            )
            assigned.append(carry_over.get(with_topics, paper, from_labels, abstracts))
        return assigned, self._with_generated(list(generated.values()))

    def _label_topic(self, label: str, generated: dict[str, Topic], rank: dict[str, float]) -> str | None:
        """The id of the topic a label names; a new generated topic (ranked before other) if none."""
        known = self.topic_for_label(label)
        if known is not None:
            return known.id
        key = label_key(label)
        if not key:
            return None
        if key not in generated:
            name = " ".join(label.strip().strip("*_#").split()) or label.strip()
            topic_id = _generated_id(label, key, set(rank))
            generated[key] = Topic(topic_id, name, name, aliases=(name,), generated=True)
            rank[topic_id] = len(rank)
        return generated[key].id

    def _with_generated(self, generated: list[Topic]) -> Taxonomy:
        if not generated:
            return self
        ordered = [topic for topic in self.topics if topic.id != OTHER_ID]
        taxonomy = Taxonomy([*ordered, *generated, self._by_id[OTHER_ID]], self.source)
        # Generated topics have no keywords: the compiled rules stay valid.
        taxonomy.__dict__["_matcher"] = self._matcher
        return taxonomy


def _with_topics(
    matcher: _Matcher, rank: dict[str, float], paper: Paper, from_labels: tuple[tuple[str, float], ...], abstracts: str
) -> Paper:
    """The paper with its topics: those its text matches (ranked in taxonomy order, ``rank``)
    and those its section labels name (each with its rank)."""
    label_rank = dict(from_labels)
    topic_ids = matcher.paper_topics(paper, abstracts) | set(label_rank)
    if len(topic_ids) > 1:
        topic_ids.discard(OTHER_ID)
    elif not topic_ids:
        topic_ids.add(OTHER_ID)
    ordered = tuple(sorted(topic_ids, key=lambda topic: label_rank[topic] if topic in label_rank else rank[topic]))
    return paper if paper.topics == ordered else dataclasses.replace(paper, topics=ordered)


@cache
def _default_taxonomy() -> Taxonomy:
    text = resources.files(__package__).joinpath("data/taxonomy.yml").read_text(encoding="utf-8")
    return Taxonomy.from_data(yaml.safe_load(text), "research_digest/data/taxonomy.yml")


# ---------------------------------------------------------------------------------------------
# arXiv categories


@cache
def _categories() -> dict[str, tuple[str, str]]:
    text = resources.files(__package__).joinpath("data/arxiv_categories.yml").read_text(encoding="utf-8")
    return {str(code): (names["zh"], names["en"]) for code, names in yaml.safe_load(text).items()}


@cache
def _folded_categories() -> dict[str, tuple[str, str]]:
    return {code.casefold(): names for code, names in _categories().items()}


def category_name(code: str) -> tuple[str, str] | None:
    """``(Chinese name, English name)`` of an arXiv category such as ``cs.CV``, or None if unknown."""
    code = code.strip()
    return _categories().get(code) or _folded_categories().get(code.casefold())
