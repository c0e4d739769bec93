"""The keyword rules of a taxonomy, compiled: which keywords a text holds, which topics a paper's
titles, TL;DRs and abstract give.

English keywords match whole words and phrases, case-insensitively with a plural "s"/"es"
allowed, except all-capital acronyms ("CT", "GAN", "CLIP"), which match with their case.
Chinese keywords match as substrings. A keyword found only inside a longer keyword found in the
same text ("segmentation" in "semantic segmentation", "语言模型" in "视觉语言模型") does not
count on its own.

English text is split into words by one byte translation and met with the keyword vocabulary in
one set intersection; Chinese text is searched with a few trie-shaped alternation regexes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .model import Paper
from .taxonomy_data import ASCII_WORD, Topic

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


class Matcher:
    """All keyword rules of a taxonomy, compiled; keywords are numbered and map to topic ids."""

    def __init__(self, topics: Sequence[Topic]) -> None:
        self.keyword_topics: list[set[str]] = []
        english: dict[tuple[str, bool], int] = {}
        spellings: dict[int, set[tuple[str, ...]]] = {}  # "birds-eye" and "bird's-eye" are one keyword
        chinese: dict[str, int] = {}
        for topic in topics:
            for keyword in topic.keywords_en:
                case_sensitive = _is_acronym(keyword)
                words = tuple(ASCII_WORD.findall(keyword if case_sensitive else keyword.lower()))
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
