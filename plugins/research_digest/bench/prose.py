"""The prose of synthetic papers: titles, abstracts, TL;DRs and author lists in English and
Chinese, drawn from the word lists (words.py, names.py) with the corpus's random stream."""

from __future__ import annotations

import math
import random
from bisect import bisect
from itertools import accumulate
from typing import TYPE_CHECKING

from . import words as W
from .names import NameMaker

if TYPE_CHECKING:
    from .synth import SynthPaper

EN_ZIPF, ZH_ABSTRACT_ZIPF = (10, 0.9), (1, 1.3)  # (rank offset, exponent) of the adjectives' and nouns' weights
RARE_STRIDE = 2477  # coprime with the number of rare terms: Zipf ranks spread over stems and heads


def _pick(words: tuple[str, ...], random_) -> str:
    return words[int(random_() * len(words))]


class _Values(dict):
    """The slots of one sentence or title: the paper's own, and words drawn when first used."""

    def __init__(self, maker: TextMaker, slots: dict[str, object], zh: bool, abstract: bool) -> None:
        super().__init__(slots)
        self.maker, self.zh, self.abstract = maker, zh, abstract
        if zh:
            self["task"], self["task2"] = slots["task_zh"], slots["task2_zh"]

    def __missing__(self, key: str) -> object:
        value = self[key] = self.maker.draw(key, self)
        return value


class TextMaker:
    """Plausible English and Chinese prose about one paper, from the word lists."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names = NameMaker(rng)
        count = len(W.RARE_STEMS) * len(W.RARE_HEADS)
        self.rare_weights = list(accumulate(1 / rank for rank in range(1, count + 1)))  # Zipf: a long tail of rare terms
        self.rare_ranks = range(count)
        # by (Chinese, in an abstract): a Chinese abstract's words steeper, its rare terms rare
        english = _compounds(W.EN_ADJECTIVES, W.EN_NOUNS, W.EN_COMPOUND_ADJECTIVES, W.EN_COMPOUND_NOUNS)
        chinese = (W.ZH_ADJECTIVES, W.ZH_NOUNS, W.ZH_COMPOUND_ADJECTIVES, W.ZH_COMPOUND_NOUNS)
        self.vocabulary = {(False, False): english, (False, True): english, (True, False): _compounds(*chinese),
                           (True, True): _compounds(*chinese, ZH_ABSTRACT_ZIPF)}

    def _rare(self) -> tuple[str, str]:
        rank = self.rng.choices(self.rare_ranks, cum_weights=self.rare_weights)[0]
        stem, head = divmod(rank * RARE_STRIDE % len(self.rare_ranks), len(W.RARE_HEADS))
        (stem_en, stem_zh), (head_en, head_zh) = W.RARE_STEMS[stem], W.RARE_HEADS[head]
        return stem_en + head_en, stem_zh + head_zh

    def slots(self, paper: SynthPaper) -> dict[str, object]:
        rng, (_, tasks_en, tasks_zh) = self.rng, W.TOPICS[paper.topic]
        task, task2 = rng.sample(range(len(tasks_en)), 2)
        domain_en, domain_zh = rng.choice(W.DOMAINS)
        rare = [self._rare() for _ in range(3)]
        return {
            "name": paper.name, "task": tasks_en[task], "task2": tasks_en[task2], "Task": tasks_en[task].capitalize(),
            "task_zh": tasks_zh[task], "task2_zh": tasks_zh[task2], "Domain": domain_en, "domain": domain_zh,
            "k": rng.randint(3, 12), "p": rng.randint(2, 45), "fps": rng.randint(12, 240), "size": rng.randint(5, 900),
            "rare_en": [en for en, _ in rare], "rare_zh": [zh for _, zh in rare],
        }

    def _vary(self, slots: dict[str, object], zh: bool, abstract: bool = False) -> _Values:
        return _Values(self, slots, zh, abstract)

    def draw(self, key: str, values: _Values) -> object:
        """A word for the slot ``key`` of one sentence or title, drawn when the text asks for it."""
        random_ = self.rng.random
        if key[0].isupper():  # "Adj2": the word of "adj2" in title case
            return str(values[key.lower()]).title()
        if key in ("adj", "adj2", "noun", "noun2"):
            adjectives, adjective_weights, nouns, noun_weights = self.vocabulary[values.zh, values.abstract]
            words, weights = (adjectives, adjective_weights) if key.startswith("adj") else (nouns, noun_weights)
            return words[bisect(weights, random_() * weights[-1])]
        if key in ("rare", "rare2"):
            terms = values["rare_zh" if values.zh else "rare_en"]
            first = int(random_() * 3) if key == "rare" else terms.index(values["rare"])
            return terms[first if key == "rare" else (first + 1 + int(random_() * 2)) % 3]
        pools = {"obj": W.ZH_OBJECTS if values.zh else W.EN_OBJECTS, "verb": W.ZH_VERBS if values.zh else W.EN_VERBS,
                 "subj": W.ZH_SUBJECTS}
        return _pick(pools[key], random_)

    def title(self, slots: dict[str, object], zh: bool) -> str:
        """The English title first: the Chinese one (its translation) names the method where it does."""
        values = self._vary(slots, zh)
        if zh:
            named = [pattern for pattern in W.ZH_TITLE_PATTERNS if ("{name}" in pattern) == slots.get("named", True)]
            return self.rng.choice(named).format_map(values)
        values["Task"], values["Task2"] = str(slots["task"]).title(), str(slots["task2"]).title()
        pattern = self.rng.choice(W.EN_TITLE_PATTERNS)
        slots["named"] = "{name}" in pattern
        return pattern.format_map(values)

    def abstract(self, slots: dict[str, object], zh: bool) -> str:
        sentences = W.ZH_SENTENCES if zh else W.EN_SENTENCES
        pool = sentences[3:-2]
        middle = self.rng.sample(pool, self.rng.randint(len(pool) // 2, len(pool)))
        rare = W.ZH_RARE_SENTENCES if zh else W.EN_RARE_SENTENCES
        for sentence in self.rng.sample(rare, self.rng.choice((2, 3) if zh else (1, 1, 2))):  # translations name more terms
            middle.insert(self.rng.randint(0, len(middle)), sentence)
        chosen = [self.rng.choice(sentences[:2]), sentences[2], *middle, *sentences[-2:]]
        return ("" if zh else " ").join(s.format_map(self._vary(slots, zh, abstract=True)) for s in chosen)

    def tldr(self, slots: dict[str, object], zh: bool) -> str:
        return self.rng.choice(W.ZH_TLDR_PATTERNS if zh else W.EN_TLDR_PATTERNS).format_map(self._vary(slots, zh))

    def authors(self) -> tuple[str, ...]:
        rng = self.rng
        count = rng.randint(30, 150) if rng.random() < 0.03 else rng.choice((1, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 12))
        return tuple(self.names.name() for _ in range(count))


def _compounds(adjectives: tuple[str, ...], nouns: tuple[str, ...], adjective_forms: tuple[str, ...],
               noun_forms: tuple[str, ...], zipf: tuple[float, float] = EN_ZIPF) -> tuple[list[str], list[float], list[str], list[float]]:
    """Adjectives and nouns, then compounds made of them ("depth-guided", "meta-adapter") in a
    scattered order, with Zipf weights by that rank: a title's words are as varied as real ones."""
    compound_adjectives = [form.format(noun) for form in adjective_forms for noun in nouns if " " not in noun]
    compound_nouns = [form.format(noun) for form in noun_forms for noun in nouns]
    adjective_list, noun_list = _ranked(adjectives, compound_adjectives), _ranked(nouns, compound_nouns)
    return adjective_list, _zipf(len(adjective_list), *zipf), noun_list, _zipf(len(noun_list), *zipf)


def _zipf(count: int, offset: float, exponent: float) -> list[float]:
    return list(accumulate(1 / (rank + offset) ** exponent for rank in range(count)))


def _ranked(plain: tuple[str, ...], compounds: list[str]) -> list[str]:
    size = len(compounds)
    stride = next(step for step in range(size // 3 + 1, size) if math.gcd(step, size) == 1)
    return [*plain, *(compounds[rank * stride % size] for rank in range(size))]
