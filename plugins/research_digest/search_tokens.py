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
import unicodedata
from dataclasses import dataclass

from .model import Paper
from .render import anchor_of
from .tex import plain

MAX_TOKEN = 40  # longer "words" (hashes, URLs) are not indexed
TITLE_TEXT = 120  # characters of the TL;DR (or abstract lead) shown and indexed
AUTHORS_SHOWN = 6

LEVEL_TEXT, LEVEL_AUTHOR, LEVEL_TITLE, LEVEL_ID = 0, 1, 2, 3

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
    searched as a prefix, so every character of a run is found)."""
    found: dict[str, None] = {}
    normal = text.lower() if text.isascii() else normalize(text)
    for piece in _WORD.findall(normal):
        parts = [piece] if piece.isascii() else _CJK_SPLIT.split(piece)
        for position, part in enumerate(parts):
            if position % 2:  # a CJK run
                found.update(dict.fromkeys([part[i : i + 2] for i in range(len(part))]))
            elif "_" in part:
                found.update(dict.fromkeys(word for word in part.split("_") if word and len(word) <= MAX_TOKEN))
            elif part and len(part) <= MAX_TOKEN:
                found[part] = None
    if "." in normal:
        found.update(dict.fromkeys(_ARXIV_ID.findall(normal)))
    return list(found)


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

    def row(self, page: int | None = None) -> list:
        return [self.page if page is None else page, self.anchor, self.title_en, self.title_zh, self.text_en, self.text_zh,
                self.authors, self.arxiv_id]

    def token_levels(self) -> dict[str, int]:
        """Each token of the paper and the best field it occurs in."""
        levels: dict[str, int] = {}
        for level, text in sorted(self.fields):  # a better field overrides a worse one
            levels.update(dict.fromkeys(tokens(text), level))
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
        (LEVEL_AUTHOR, " ".join(paper.authors) + f" {paper.venue} {paper.year or ''}"),
        (LEVEL_TEXT, f"{text_en} {text_zh}"),
    )
    return SearchDoc(page, anchor_of(paper), title_en, title_zh, text_en, text_zh, authors,
                     paper.arxiv_id, fields)


def doc_and_levels(paper: Paper) -> tuple[SearchDoc, dict[str, int]]:
    doc = search_doc(paper, 0)
    return doc, doc.token_levels()


# --- queries ---------------------------------------------------------------------------------

_QUERY_ID = re.compile(r"(^|[^\d.])(\d{4}\.\d+)(?!\d)")  # an arXiv id, complete or being typed


def query_terms(query: str) -> list[tuple[str, list[str], bool]]:
    """The worker's reading of a query (``parseQuery``), for tests: ``(key, tokens, prefix)`` per
    term. A word of two or more characters and an arXiv id match as prefixes too; a CJK run
    needs all its bigrams; a lone CJK character is the prefix of the bigrams it starts."""
    terms: list[tuple[str, list[str], bool]] = []

    def take_id(match: re.Match) -> str:
        terms.append((match.group(2), [match.group(2)], True))
        return match.group(1) + " "

    rest = _QUERY_ID.sub(take_id, normalize(query))
    for kind, piece in runs(rest):
        if kind == "c":
            if len(piece) == 1:
                terms.append((piece, [piece], True))
            else:
                terms.append((piece, [piece[i : i + 2] for i in range(len(piece) - 1)], False))
        else:
            for word in piece.split("_"):
                if word and len(word) <= MAX_TOKEN:
                    terms.append((word, [word], len(word) >= 2))
    unique: dict[str, tuple[str, list[str], bool]] = {}
    for term in terms:
        unique.setdefault(term[0], term)
    return list(unique.values())
