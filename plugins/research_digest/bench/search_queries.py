"""The search benchmark's queries: papers sampled with a fixed seed, and for each the query a
reader would type to find it again, of seven kinds (issue 13's table)."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Paper
from ..render import anchor_of
from ..search_tokens import STOP_WORDS, tokens

RARE = 20  # a rare word or term occurs in fewer than this many papers' abstracts
CHINESE_TERM = 4  # characters of a Chinese term
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{%d,}" % CHINESE_TERM)
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    anchor: str  # the card the query is after: "p-2402.10896"


def _words(text: str) -> list[str]:
    return [word for word in _WORD.findall(text) if len(word) >= 3 and word.lower() not in STOP_WORDS]


def _title_words(paper: Paper, rng: random.Random) -> str | None:
    words = list(dict.fromkeys(_words(paper.title_en)))
    if len(words) < 3:
        return None
    chosen = sorted(rng.sample(range(len(words)), 3))
    return " ".join(words[i] for i in chosen)


def _author_and_word(paper: Paper, rng: random.Random) -> str | None:
    names = [name.split()[-1] for name in paper.authors if name.split() and name.split()[-1].isascii()]
    words = [word for word in _words(paper.title_en) if len(word) >= 4]
    return f"{rng.choice(names)} {rng.choice(words)}" if names and words else None


class _Rare:
    """Words and Chinese terms of the abstracts and how many papers' abstracts have them."""

    def __init__(self, papers: Sequence[Paper]) -> None:
        self.words: Counter[str] = Counter()
        for paper in papers:
            self.words.update({token for token in tokens(f"{paper.abstract_en.text} {paper.abstract_zh.text}")
                               if token.isascii() and token.isalpha() and len(token) >= 5})
        self.papers = papers
        self.terms: Counter[str] | None = None

    def word(self, paper: Paper, rng: random.Random) -> str | None:
        elsewhere = set(tokens(f"{paper.title_en} {paper.tldr_en.text} {' '.join(paper.authors)}"))
        own = [token for token in dict.fromkeys(tokens(paper.abstract_en.text))
               if token in self.words and self.words[token] < RARE and token not in elsewhere]
        return rng.choice(own) if own else None

    def term(self, paper: Paper, rng: random.Random) -> str | None:
        if self.terms is None:
            self.terms = Counter()
            for other in self.papers:
                self.terms.update(set(_grams(other.abstract_zh.text)))
        title = f"{paper.title_zh} {paper.tldr_zh.text}"
        own = [gram for gram in dict.fromkeys(_grams(paper.abstract_zh.text))
               if self.terms[gram] < RARE and gram not in title]
        return rng.choice(own) if own else None


def _grams(text: str) -> list[str]:
    return [run[i : i + CHINESE_TERM] for run in _CJK_RUN.findall(text) for i in range(len(run) - CHINESE_TERM + 1)]


def query_kinds(papers: Sequence[Paper]) -> dict[str, Callable[[Paper, random.Random], str | None]]:
    rare = _Rare(papers)
    return {
        "exact English title": lambda paper, rng: paper.title_en or None,
        "3 title words": _title_words,
        "Chinese title, first 8 chars": lambda paper, rng: paper.title_zh[:8] if len(paper.title_zh) >= 8 else None,
        "arXiv id": lambda paper, rng: paper.arxiv_id or None,
        "author surname + title word": _author_and_word,
        "rare English word only in the abstract": rare.word,
        "rare Chinese term only in the Chinese abstract": rare.term,
    }


def sample_queries(papers: Sequence[Paper], per_kind: int, seed: int = 0) -> list[Query]:
    """Up to ``per_kind`` queries of each kind, for papers drawn with ``seed``."""
    rng = random.Random(seed)
    queries = []
    for kind, make in query_kinds(papers).items():
        order = list(papers)
        rng.shuffle(order)
        found = 0
        for paper in order:
            text = make(paper, rng)
            if text:
                queries.append(Query(kind, text, anchor_of(paper)))
                found += 1
                if found == per_kind:
                    break
    return queries
