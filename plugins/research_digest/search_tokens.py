"""Search tokens and search documents: what the sharded index (``search_index.py``) holds of
each paper, and how text becomes tokens.

Tokens (:func:`tokens`; the worker's ``tokenize`` is the same algorithm): the text is NFKC
normalised and lowercased; runs of letters and digits are words (``palm2``, ``vadapter``,
``yuille``); arXiv ids are also kept whole (``2402.10896`` besides ``2402`` and ``10896``); runs of
CJK characters give their bigrams and their last character (``适配器`` -> 适配 配器 器; a lone
character is searched as the prefix of the bigrams it starts), so the browser needs no dictionary
segmentation.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from .model import Paper
from .render import anchor_of
from .tex import plain

MAX_TOKEN = 40  # longer "words" (hashes, URLs) are not indexed
TITLE_TEXT = 120  # characters of the TL;DR (or abstract lead) shown in results
AUTHORS_SHOWN = 6

# The field a token occurs in, worst to best: a posting keeps the best (LEVEL_BITS bits).
LEVEL_ABSTRACT, LEVEL_TLDR, LEVEL_VENUE, LEVEL_AUTHOR, LEVEL_FIRST_AUTHOR, LEVEL_TITLE, LEVEL_ID = range(7)
LEVEL_TEXT = LEVEL_ABSTRACT
LEVEL_BITS = 3

# Words in nearly every abstract: not indexed from abstracts and TL;DRs (titles, authors and
# venues keep them). The worker gets this list in the manifest and treats them as optional there.
STOP_WORDS = frozenset("""
a about above after all also an and any are as at be been being both but by can could do does
done each either for from further had has have having here how however if in into is it its
itself may more most much must no not of on once only or other our ours over same several should
so some such than that the their them then there these they this those through thus to too under
up upon very via was we well were what when where whether which while who whose why will with
within without would yet
我们 提出 一种 一个 方法 通过 进行 以及 并且 其中 这些 这种 本文 然而 此外 能够 可以 具有 现有 基于 实现
显著 优于 表明 结果 实验 的方 的模 的性 的数 了一 在多 个数 中的 性能 模型 数据 任务 问题 研究 使用 利用
""".split())

_ARXIV_ID = re.compile(r"(?:^|(?<=[^\d.]))(\d{4}\.\d{4,5})(?!\d)")


# --- tokens ------------------------------------------------------------------------------

CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
# a CJK run, or a run of letters and digits that are not CJK (`[^\W_]` is str.isalnum)
_RUN = re.compile(f"([{CJK_RANGES}]+)|([^\\W_{CJK_RANGES}]+)")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def runs(text: str) -> list[tuple[str, str]]:
    """The normalised text as ("w", word) and ("c", CJK run) pieces, in order."""
    return [("c", cjk) if cjk else ("w", word) for cjk, word in _RUN.findall(normalize(text))]


_WORD = re.compile(r"\w+")  # letters, digits (str.isalnum) and "_": the fast first cut
_CJK_SPLIT = re.compile(f"([{CJK_RANGES}]+)")


def tokens(text: str) -> list[str]:
    """Index tokens of a text, in order of first occurrence, without duplicates: words, arXiv
    ids, and for CJK runs their bigrams and their last character alone (a lone character is
    searched as a prefix, so every character of a run is found), then their trigrams (a query of
    three or more characters needs its trigrams: three characters in a row, not two pairs that
    happen to be somewhere in a long abstract)."""
    found: dict[str, None] = {}
    normal = text.lower() if text.isascii() else normalize(text)
    for piece in _WORD.findall(normal):
        parts = [piece] if piece.isascii() else _CJK_SPLIT.split(piece)
        for position, part in enumerate(parts):
            if position % 2:  # a CJK run
                found.update(dict.fromkeys([part[i : i + 2] for i in range(len(part))]))
                found.update(dict.fromkeys([part[i : i + 3] for i in range(len(part) - 2)]))
            elif "_" in part:
                found.update(dict.fromkeys(word for word in part.split("_") if word and len(word) <= MAX_TOKEN))
            elif part and len(part) <= MAX_TOKEN:
                found[part] = None
    if "." in normal:
        found.update(dict.fromkeys(_ARXIV_ID.findall(normal)))
    return list(found)


def author_key(name: str) -> str:
    """The token of an author's whole name (``@kaiming he``): ``author:"Kaiming He"`` finds
    that author's papers only."""
    return "@" + " ".join(piece for _, piece in runs(name))


def utf16_key(token: str) -> bytes:
    """Sort key matching JavaScript's string comparison (UTF-16 code units)."""
    return token.encode("utf-16-be")


# --- documents ---------------------------------------------------------------------------

def _short(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class SearchDoc:
    page: int
    anchor: str
    title_en: str
    title_zh: str
    text_en: str
    text_zh: str
    authors: str
    arxiv_id: str
    fields: tuple[tuple[int, str], ...]  # (level, text) to tokenise
    author_names: tuple[str, ...] = ()  # each also indexed whole (author_key)

    def row(self, page: int | None = None) -> list:
        return [self.page if page is None else page, self.anchor, self.title_en, self.title_zh, self.text_en, self.text_zh,
                self.authors, self.arxiv_id]

    def token_levels(self) -> dict[str, int]:
        """Each token of the paper and the best field it occurs in (stop words not from text)."""
        levels: dict[str, int] = {}
        for level, text in sorted(self.fields):  # a better field overrides a worse one
            found = tokens(text)
            if level <= LEVEL_TLDR:
                found = [token for token in found if token not in STOP_WORDS]
            # interned: the index holds every paper's tokens, mostly the same few words
            levels.update(dict.fromkeys(map(sys.intern, found), level))
        for position, name in enumerate(self.author_names):
            key = author_key(name)
            if len(key) > 1:
                levels.setdefault(key, LEVEL_FIRST_AUTHOR if position == 0 else LEVEL_AUTHOR)
        return levels


def search_doc(paper: Paper, page: int) -> SearchDoc:
    text_en = _short(plain((paper.tldr_en or paper.abstract_en).text), TITLE_TEXT * 2)
    text_zh = _short(plain((paper.tldr_zh or paper.abstract_zh).text), TITLE_TEXT)
    title_en, title_zh = plain(paper.title_en), plain(paper.title_zh)
    authors = ", ".join(paper.authors[:AUTHORS_SHOWN]) + (" …" if len(paper.authors) > AUTHORS_SHOWN else "")
    ids = " ".join(dict.fromkeys(value for value in (paper.arxiv_id, paper.id) if value))
    fields = (
        (LEVEL_ID, ids),
        (LEVEL_TITLE, " ".join(map(plain, (title_en, title_zh, *paper.earlier_titles, *paper.earlier_titles_zh)))),
        (LEVEL_FIRST_AUTHOR, paper.authors[0] if paper.authors else ""),
        (LEVEL_AUTHOR, " ".join(paper.authors[1:])),
        (LEVEL_VENUE, f"{paper.venue} {paper.year or ''} {paper.category}"),
        (LEVEL_TLDR, plain(f"{paper.tldr_en.text} {paper.tldr_zh.text}")),
        (LEVEL_ABSTRACT, plain(f"{paper.abstract_en.text} {paper.abstract_zh.text}")),
    )
    return SearchDoc(page, anchor_of(paper), title_en, title_zh, text_en, text_zh, authors,
                     paper.arxiv_id, fields, paper.authors)


class TokenLevels(Mapping[str, int]):
    """A paper's tokens and the best field each occurs in (``SearchDoc.token_levels``) as two
    flat sequences: the index holds them for every paper while it is built (and ``mkdocs serve``
    between builds), and a dict a paper took five times the memory."""

    __slots__ = ("tokens", "levels")

    def __init__(self, levels: dict[str, int]) -> None:
        self.tokens = tuple(levels)
        self.levels = bytes(levels.values())

    def __getitem__(self, token: str) -> int:
        try:
            return self.levels[self.tokens.index(token)]
        except ValueError:
            raise KeyError(token) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.tokens)

    def __len__(self) -> int:
        return len(self.tokens)

    def items(self) -> Iterable[tuple[str, int]]:  # type: ignore[override]
        return zip(self.tokens, self.levels)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TokenLevels):
            return self.tokens == other.tokens and self.levels == other.levels
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]


def doc_and_levels(paper: Paper) -> tuple[SearchDoc, TokenLevels]:
    doc = search_doc(paper, 0)
    return doc, TokenLevels(doc.token_levels())


# --- queries ---------------------------------------------------------------------------------

_QUERY_AUTHOR = re.compile(r'author:\s*(?:"([^"]*)"?|([^\s"]+))')  # author:"Kaiming He"
_QUERY_ID = re.compile(r"(^|[^\d.])(\d{4}\.\d+)(?!\d)")  # an arXiv id, complete or being typed


def query_terms(query: str) -> list[tuple[str, list[str], bool]]:
    """The worker's reading of a query (``parseQuery``), for tests: ``(key, tokens, prefix)`` per
    term. A word of two or more characters and an arXiv id match as prefixes too; a CJK run
    of three or more characters needs all its trigrams, of two its bigram; a lone CJK character
    is the prefix of the bigrams it starts."""
    terms: list[tuple[str, list[str], bool]] = []

    def take_id(match: re.Match) -> str:
        terms.append((match.group(2), [match.group(2)], True))
        return match.group(1) + " "

    def take_author(match: re.Match) -> str:
        key = author_key(match.group(1) if match.group(1) is not None else match.group(2))
        if len(key) > 1:
            terms.append((key, [key], False))
        return " "

    rest = _QUERY_ID.sub(take_id, _QUERY_AUTHOR.sub(take_author, normalize(query)))
    for kind, piece in runs(rest):
        if kind == "c":
            if len(piece) == 1:
                terms.append((piece, [piece], True))
            else:
                size = 3 if len(piece) >= 3 else 2
                terms.append((piece, [piece[i : i + size] for i in range(len(piece) - size + 1)], False))
        else:
            for word in piece.split("_"):
                if word and len(word) <= MAX_TOKEN:
                    terms.append((word, [word], len(word) >= 2))
    unique: dict[str, tuple[str, list[str], bool]] = {}
    for term in terms:
        unique.setdefault(term[0], term)
    return list(unique.values())
