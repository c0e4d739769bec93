"""Which entries describe the same paper.

- The same arXiv id is always one paper, and two different arXiv ids are never one paper,
  whatever their titles say (a paper posted again under a new id, two papers with the same
  machine-translated Chinese title).
- The same normalised English, else Chinese, title joins an entry *without* an arXiv id (a
  venue-table row) to a paper, unless their authors contradict it: both lists known and no
  author in common. Such an entry joins one paper at most, so it never links two papers.
- Entries without an id and without a paper to join are grouped among themselves the same way.

Which group an entry joins depends only on the entries and their order, never on hashing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .merge import Mergeable

RULE_ID, RULE_TITLE_EN, RULE_TITLE_ZH = "arXiv id", "English title", "Chinese title"
ARXIV_KEY, EN_KEY, ZH_KEY = "arxiv:", "en:", "zh:"
_RULE_OF_KEY = {EN_KEY: RULE_TITLE_EN, ZH_KEY: RULE_TITLE_ZH}
_WORD = re.compile(r"[^\W_]+")

Name = tuple[tuple[str, ...], tuple[str, ...]]  # (words of two letters or more, initials), sorted


def name_forms(name: str) -> tuple[Name, set[Name]]:
    """A name as order-free words (``Meinardus Boris`` is ``Boris Meinardus``), without case or
    accents, and the abbreviated forms it also goes by (``B. Meinardus``)."""
    folded = "".join(
        char for char in unicodedata.normalize("NFKD", name).casefold() if not unicodedata.combining(char)
    )
    words = _WORD.findall(folded)
    full_words = sorted(word for word in words if len(word) > 1)
    initials = sorted(word for word in words if len(word) == 1)
    abbreviated = {
        (tuple(other for other in full_words if other != word), tuple(sorted(initials + [word[0]])))
        for word in full_words
    }
    return (tuple(full_words), tuple(initials)), {form for form in abbreviated if form[0]}


@dataclass
class AuthorSet:
    """The authors of a group, to tell whether an entry shares one of them."""

    names: set[Name] = field(default_factory=set)
    abbreviated: set[Name] = field(default_factory=set)

    def add(self, authors: Iterable[str]) -> None:
        for author in authors:
            full, abbreviated = name_forms(author)
            if full[0] or full[1]:
                self.names.add(full)
                self.abbreviated |= abbreviated

    def shared(self, authors: Iterable[str]) -> int:
        """How many of ``authors`` are among these."""
        count = 0
        for author in authors:
            full, abbreviated = name_forms(author)
            if full in self.names or full in self.abbreviated or not abbreviated.isdisjoint(self.names):
                count += 1
        return count


def authors_contradict(first: Sequence[str], second: Sequence[str]) -> bool:
    """Both lists known and no author in common (an empty list contradicts nothing)."""
    if not first or not second:
        return False
    known = AuthorSet()
    known.add(first)
    return known.shared(second) == 0


class Group:
    """Entries of one paper, by position in the input, each with the rule that joined it. A
    plain class with slots, and titles and authors worked out only when asked: there is one
    per paper, tens of thousands per build, and most are never compared with anything."""

    __slots__ = ("items", "first", "arxiv_key", "positions", "rules", "same_title", "_titles", "_authors")

    def __init__(self, items: Sequence[Mergeable], first: int, arxiv_key: str = "") -> None:
        self.items = items
        self.first = first
        self.arxiv_key = arxiv_key
        self.positions = [first]
        self.rules = [""]
        self.same_title: dict[Group, None] = {}  # other papers with an id that share a title
        self._titles: dict[str, None] | None = None
        self._authors: AuthorSet | None = None

    @property
    def titles(self) -> dict[str, None]:
        if self._titles is None:
            self._titles = {key: None for position in self.positions for key in title_keys(self.items[position])}
        return self._titles

    @property
    def authors(self) -> AuthorSet:
        if self._authors is None:
            self._authors = AuthorSet()
            for position in self.positions:
                self._authors.add(self.items[position].alone.authors)
        return self._authors

    def add(self, position: int, rule: str) -> list[str]:
        """Add the entry; return its title keys the group did not have yet."""
        titles, item = self.titles, self.items[position]
        self.positions.append(position)
        self.rules.append(rule)
        if self._authors is not None:
            self._authors.add(item.alone.authors)
        new = [key for key in title_keys(item) if key not in titles]
        titles.update(dict.fromkeys(new))
        return new

    def members(self) -> list[tuple[Mergeable, str]]:
        """The entries in input order, each with the rule that joined it ("" for the one that
        started the group, which need not come first: a venue row may precede its preprint)."""
        if len(self.positions) == 1:
            return [(self.items[self.first], "")]
        return [(self.items[position], rule) for position, rule in sorted(zip(self.positions, self.rules))]


def title_keys(item: Mergeable) -> tuple[str, ...]:
    """``prepare`` puts the arXiv key, when there is one, first."""
    keys = item.keys
    return keys[1:] if keys and keys[0].startswith(ARXIV_KEY) else keys


def group_entries(items: Sequence[Mergeable]) -> list[Group]:
    """The groups, in order of their first entry. ``first`` is the entry that started a group:
    the first with its arXiv id, or the first of a group without one."""
    groups: list[Group] = []
    by_id: dict[str, Group] = {}
    without_id: list[int] = []
    index: dict[str, list[Group]] = {}  # title key -> the papers with an id that have it
    for position, item in enumerate(items):
        keys = item.keys
        if not keys or not keys[0].startswith(ARXIV_KEY):
            without_id.append(position)
            continue
        group = by_id.get(keys[0])
        if group is None:
            by_id[keys[0]] = group = Group(items, position, keys[0])
            groups.append(group)
        else:
            group.positions.append(position)
            group.rules.append(RULE_ID)
        for key in keys[1:]:
            holders = index.get(key)
            if holders is None:
                index[key] = [group]
            elif group not in holders:
                holders.append(group)
    if without_id:
        left = _join_papers_with_ids(items, without_id, index)
        groups += _groups_without_id(items, left)
        groups.sort(key=lambda group: min(group.positions))  # a venue row may come before its preprint
    for holders in index.values():
        for group in holders if len(holders) > 1 else ():
            group.same_title.update((other, None) for other in holders if other is not group)
    return groups


def _join_papers_with_ids(items: Sequence[Mergeable], positions: list[int], index: dict[str, list[Group]]) -> list[int]:
    """Join each entry to the best paper with an id it matches; return those that match none.
    A title learnt from one entry (its Chinese title) may match another: they are tried again
    until nothing changes."""
    pending = positions
    while pending:
        left = []
        for position in pending:
            group, rule = _best_group(items[position], index)
            if group is None:
                left.append(position)
                continue
            for key in group.add(position, rule):
                index.setdefault(key, []).append(group)
        if len(left) == len(pending):
            return left
        pending = left
    return []


def _groups_without_id(items: Sequence[Mergeable], positions: list[int]) -> list[Group]:
    """Entries without an id and without a paper to join, grouped among themselves."""
    groups: list[Group] = []
    index: dict[str, list[Group]] = {}
    for position in positions:
        group, rule = _best_group(items[position], index)
        if group is None:
            group = Group(items, position)
            groups.append(group)
            new_keys = list(group.titles)
        else:
            new_keys = group.add(position, rule)
        for key in new_keys:
            index.setdefault(key, []).append(group)
    return groups


def _best_group(item: Mergeable, index: dict[str, list[Group]]) -> tuple[Group | None, str]:
    """The group sharing a title with the entry and most of its authors, an English title
    before a Chinese one, then the earliest; never one whose authors contradict it."""
    best, best_score, best_rule = None, None, ""
    authors = item.alone.authors
    for key in item.keys:
        rule = _RULE_OF_KEY.get(key[: key.index(":") + 1])
        for group in index.get(key, ()) if rule else ():
            shared = group.authors.shared(authors) if authors else 0
            if authors and group.authors.names and not shared:
                continue  # no author in common: another paper with the same title
            score = (shared, rule == RULE_TITLE_EN, -group.first)
            if best_score is None or score > best_score:
                best, best_score, best_rule = group, score, rule
    return best, best_rule
