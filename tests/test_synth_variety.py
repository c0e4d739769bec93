"""The synthetic corpus is as varied as a real year of arXiv papers where search depends on it:
authors (common Chinese surnames, a long tail of others), title words, rare abstract terms."""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter

import pytest

from research_digest.bench.search_queries import RARE, _grams
from research_digest.bench.synth import START, PaperMaker

PAPERS = 5000
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")


@pytest.fixture(scope="module")
def papers():
    maker = PaperMaker(random.Random(0))
    return [maker.paper(START) for _ in range(PAPERS)]


def _surnames(paper) -> set[str]:
    return {name.split()[-1].lower() for name in paper.authors}


def _title_words(paper) -> set[str]:
    return {word.lower() for word in _WORD.findall(paper.title_en) if len(word) >= 4}


def test_common_chinese_surnames_lead_a_long_tail_of_rare_ones(papers) -> None:
    surnames = Counter(name.split()[-1] for paper in papers for name in paper.authors)
    total = sum(surnames.values())
    (first, count), *_ = surnames.most_common(1)
    assert first == "Wang" and 0.02 <= count / total <= 0.05  # as on arXiv: common, not overwhelming
    assert {"Li", "Zhang", "Liu", "Chen"} <= {name for name, _ in surnames.most_common(8)}
    assert len(surnames) >= 2000
    assert sum(1 for n in surnames.values() if n <= 3) >= len(surnames) // 2  # most surnames are rare


def test_a_surname_and_a_title_word_single_out_few_papers(papers) -> None:
    rng = random.Random(1)
    index = [(_surnames(paper), _title_words(paper)) for paper in papers]
    matches = []
    for paper in rng.sample(papers, 200):
        surname, word = rng.choice(sorted(_surnames(paper))), rng.choice(sorted(_title_words(paper)))
        matches.append(sum(1 for names, words in index if surname in names and word in words))
    assert statistics.median(matches) <= 2 and sum(n == 1 for n in matches) >= 80


def test_three_title_words_rarely_fit_another_paper(papers) -> None:
    rng = random.Random(2)
    index = [_title_words(paper) for paper in papers]
    unique = 0
    for paper in rng.sample(papers, 100):
        words = set(rng.sample(sorted(_title_words(paper)), 3))
        unique += sum(1 for other in index if words <= other) == 1
    assert unique >= 75


def test_rare_chinese_terms_and_english_words_occur_in_the_abstracts(papers) -> None:
    terms = Counter(gram for paper in papers for gram in set(_grams(paper.abstract_zh)))
    rare_terms = [gram for gram, count in terms.items() if count < RARE]
    assert len(rare_terms) >= 5000
    with_rare = sum(1 for paper in papers if any(terms[gram] < RARE for gram in _grams(paper.abstract_zh)))
    assert with_rare >= 0.9 * PAPERS
    words = Counter(word for paper in papers for word in {w.lower() for w in _WORD.findall(paper.abstract_en)})
    assert sum(1 for count in words.values() if count < RARE) >= 1000


def test_the_vocabulary_is_fixed_by_the_seed(papers) -> None:
    maker = PaperMaker(random.Random(0))
    again = [maker.paper(START) for _ in range(50)]
    assert again == papers[:50]
    other = PaperMaker(random.Random(1)).paper(START)
    assert other.authors != papers[0].authors or other.title_en != papers[0].title_en
