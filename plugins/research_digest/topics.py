"""The topic taxonomy: bilingual topics, and the rules that give papers their topics.

A paper's topics come from:

- its source section labels, matched against topic ids, names and aliases (after NFKC, case
  folding and dropping everything but letters and digits); an unknown label becomes a topic of
  its own (``generated``) rather than being lost;
- keyword rules (``keywords.py``): one keyword in a title or TL;DR gives its topic. A paper whose
  titles and TL;DRs give no topic is then read in its abstract (the English one, else the
  Chinese), where a topic needs two different keywords, because abstracts mention many things in
  passing. A paper with no topic gets ``other``.

Taxonomy data is read and checked in ``taxonomy_data.py``. 25,000 papers take about half a
second.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache, cached_property, partial
from importlib import resources
from pathlib import Path

import yaml

from .carry_over import NO_CARRY_OVER, CarryOver
from .keywords import Matcher
from .label_match import glossary_names, similar_topic
from .model import Paper
from .taxonomy_data import (  # noqa: F401 - Topic, TaxonomyError, is_slug are part of this module's API
    DEFAULT_OTHER, OTHER_ID, TaxonomyError, Topic, check_topic, entries, is_slug, label_key, merged,
    read_topic, read_yaml, topic_fields, where,
)
from .yaml_lines import line_of, load_with_lines

ABSTRACT_MODES = ("fallback", "always")
_MAX_SLUG = 48

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

    def __init__(
        self, topics: Iterable[Topic], source: str = "<taxonomy>", places: Mapping[str, str] | None = None
    ) -> None:
        """``places``: where each topic id was written (``file:line: topic N ('id')``), for errors."""
        ordered = list(topics)
        self._places = dict(places or {})
        self._by_id: dict[str, Topic] = {}
        for number, topic in enumerate(ordered, 1):
            at = self._places.get(topic.id) or where(source, number, topic.id)
            check_topic(topic_fields(topic), at)
            if topic.id in self._by_id:
                first = next(n for n, t in enumerate(ordered, 1) if t.id == topic.id)
                raise TaxonomyError(f"{at}: duplicate topic id {topic.id!r} (also topic {first})")
            self._by_id[topic.id] = topic
        other = self._by_id.setdefault(OTHER_ID, DEFAULT_OTHER)
        self.topics: tuple[Topic, ...] = tuple(t for t in ordered if t.id != OTHER_ID) + (other,)
        self.source = source
        self._by_label = self._label_index(source)

    def _label_index(self, source: str) -> dict[str, Topic]:
        """Topics by the key of their id, names and aliases, which must not be shared."""
        index: dict[str, tuple[Topic, str]] = {}
        for topic in self.topics:
            at = self._places.get(topic.id) or f"{source}: topic {topic.id!r}"
            for label in (topic.id, topic.name_zh, topic.name_en, *topic.aliases):
                key = label_key(label)
                if not key:
                    raise TaxonomyError(f"{at}: alias {label!r} has no letters or digits")
                holder, first_label = index.setdefault(key, (topic, label))
                if holder.id != topic.id:
                    raise TaxonomyError(
                        f"{at}: {label!r} of topic {topic.id!r} and {first_label!r} of topic "
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
        _replace, raw_topics = entries(data, source)
        topics, places, numbers = [], {}, {}
        for number, raw in enumerate(raw_topics, 1):
            topic = Topic(**read_topic(raw, source, number, True))
            at = where(source, number, topic.id, line_of(raw))
            if topic.id in numbers:
                raise TaxonomyError(f"{at}: duplicate topic id {topic.id!r} (also topic {numbers[topic.id]})")
            places[topic.id], numbers[topic.id] = at, number
            topics.append(topic)
        return cls(topics, source, places)

    @classmethod
    def load(cls, path: Path) -> Taxonomy:
        """A whole taxonomy from a YAML file."""
        return cls.from_data(read_yaml(Path(path)), str(path))

    @classmethod
    def from_config(cls, value: object, base_dir: Path | None = None, source: str = "taxonomy") -> Taxonomy:
        """The taxonomy a site configures: the default, extended (or replaced, with ``replace: true``)
        by inline data (named ``source`` in errors) or by the YAML file ``value`` names, relative
        to ``base_dir``. The one way a site's taxonomy is loaded, by the build and by ``check``."""
        path = taxonomy_path(value, base_dir)
        if path is not None:
            return cls.default().extended(read_yaml(path), str(value))
        if not value:
            return cls.default()
        return cls.default().extended(value, source)

    def extended(self, data: object, source: str = "<config>") -> Taxonomy:
        """This taxonomy with the topics of ``data`` added, or merged into the topic of the same id.

        An overriding entry replaces the names it gives and adds its aliases and keywords.
        With ``replace: true`` the result has only the topics of ``data`` (and ``other``).
        """
        replace, raw_topics = entries(data, source)
        if replace:
            return Taxonomy.from_data(data, source)
        topics = dict(self._by_id)
        added: list[Topic] = []
        seen: dict[str, int] = {}
        places: dict[str, str] = {}
        for number, raw in enumerate(raw_topics, 1):
            fields = read_topic(raw, source, number, require_names=False)
            topic_id = fields["id"]
            at = places[topic_id] = where(source, number, topic_id, line_of(raw))
            if topic_id in seen:
                raise TaxonomyError(f"{at}: duplicate topic id (also topic {seen[topic_id]})")
            seen[topic_id] = number
            if topic_id in topics:
                topics[topic_id] = merged(topics[topic_id], fields)
                continue
            missing = [name for name in ("name_zh", "name_en") if name not in fields]
            if missing:
                raise TaxonomyError(f"{at}: {missing[0]} is missing (a new topic)")
            added.append(Topic(**fields))
        ordered = [topics[topic.id] for topic in self.topics if topic.id != OTHER_ID]
        return Taxonomy([*ordered, *added, topics[OTHER_ID]], source, places)

    # -- lookup --------------------------------------------------------------------------------

    def topic(self, topic_id: str) -> Topic | None:
        return self._by_id.get(topic_id)

    def topic_for_label(self, label: str) -> Topic | None:
        """The topic a source section label names (by id, name or alias), or None."""
        return self._by_label.get(label_key(label))

    @cached_property
    def _matcher(self) -> Matcher:
        return Matcher(self.topics)

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
        """The id of the topic a label names, or that most of its words name (label_match.py);
        else a new generated topic (ranked before other), named by the glossary if it is a term."""
        known = self.topic_for_label(label) or similar_topic(self.topic_for_label, label)
        if known is not None:
            return known.id
        key = label_key(label)
        if not key:
            return None
        names = glossary_names(label)
        if names is not None:
            known = self.topic_for_label(names[0]) or self.topic_for_label(names[1])
            if known is not None:
                return known.id
            key = "glossary:" + label_key(names[1])  # its spellings share one topic
        if key not in generated:
            name = " ".join(label.strip().strip("*_#").split()) or label.strip()
            name_zh, name_en = names or (name, name)
            topic_id = _generated_id(name_en, label_key(name_en), set(rank))
            generated[key] = Topic(topic_id, name_zh, name_en, aliases=(name,), generated=True)
            rank[topic_id] = len(rank)
        return generated[key].id

    def _with_generated(self, generated: list[Topic]) -> Taxonomy:
        if not generated:
            return self
        ordered = [topic for topic in self.topics if topic.id != OTHER_ID]
        taxonomy = Taxonomy([*ordered, *generated, self._by_id[OTHER_ID]], self.source, self._places)
        # Generated topics have no keywords: the compiled rules stay valid.
        taxonomy.__dict__["_matcher"] = self._matcher
        return taxonomy


def _with_topics(
    matcher: Matcher, rank: dict[str, float], paper: Paper, from_labels: tuple[tuple[str, float], ...], abstracts: str
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
    return Taxonomy.from_data(load_with_lines(text), "research_digest/data/taxonomy.yml")


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


def taxonomy_path(value: object, base_dir: Path | None = None) -> Path | None:
    """The taxonomy file a site's ``taxonomy`` option names (relative to ``base_dir``), if any."""
    if not isinstance(value, (str, Path)) or not str(value):
        return None
    path = Path(value)
    return base_dir / path if base_dir is not None and not path.is_absolute() else path
