"""BibTeX entries for papers: arXiv eprints as @misc, venue papers as @inproceedings."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from .carry_over import NO_CARRY_OVER, CarryOver
from .model import Paper
from .tex import plain

_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_SPECIAL_RE = re.compile(r"[\\{}%&$#_~^]")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f]")
_STOPWORDS = {"a", "an", "the", "on", "of", "for", "in", "to", "and", "with", "via", "towards", "toward", "is", "are"}


def escape(value: str) -> str:
    """A field value that BibTeX reads back as the same text (braces balanced, specials escaped)."""
    value = _CONTROL.sub("", value)
    return _SPECIAL_RE.sub(lambda match: _SPECIAL[match.group(0)], value)


def _ascii_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())


def _year(paper: Paper) -> str:
    if paper.year:
        return str(paper.year)
    if paper.first_date:
        return str(paper.first_date.value.year)
    return ""


def citation_key(paper: Paper) -> str:
    """``surname + year + first significant title word`` (xiao2024palm2vadapter), stable across builds.
    The paper id is appended when those parts are too thin to tell papers apart."""
    surname = _ascii_word(paper.authors[0].split()[-1]) if paper.authors and paper.authors[0].split() else ""
    words = [_ascii_word(word) for word in re.split(r"[\s:\-]+", plain(paper.title_en))]
    word = next((w for w in words if w and w not in _STOPWORDS), "")
    key = f"{surname}{_year(paper)}{word}"
    if not surname or not word:
        key = f"{key}{_ascii_word(paper.id)[:16]}" or "paper"
    return key


def citation_keys(papers: Iterable[Paper], carry_over: CarryOver = NO_CARRY_OVER) -> dict[str, str]:
    """Unique keys for a collection: papers sharing a key get a, b, c... in paper-id order,
    so a key depends only on the collection, never on the order of the sources."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for paper in papers:
        by_key[carry_over.get(citation_key, paper)].append(paper.id)
    keys = {}
    for key, ids in by_key.items():
        ids.sort()
        for position, paper_id in enumerate(ids):
            keys[paper_id] = key if len(ids) == 1 else f"{key}{_suffix(position)}"
    return keys


def _suffix(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def bibtex_entry(paper: Paper, key: str | None = None, with_abstract: bool = True) -> str:
    """One entry; ``with_abstract=False`` for the card's copy control, which keeps pages light."""
    fields: list[tuple[str, str]] = [("title", plain(paper.title_en or paper.title_zh))]
    if paper.authors:
        fields.append(("author", " and ".join(paper.authors)))
    if _year(paper):
        fields.append(("year", _year(paper)))
    entry_type = "misc"
    if paper.venue:
        entry_type = "inproceedings"
        fields.append(("booktitle", f"Proceedings of {paper.venue}" + (f" {paper.year}" if paper.year else "")))
    if paper.arxiv_id:
        fields += [("eprint", paper.arxiv_id), ("archivePrefix", "arXiv")]
        if paper.category:
            fields.append(("primaryClass", paper.category))
    url = paper.links.abstract or paper.links.venue or paper.links.pdf
    if url:
        fields.append(("url", url))
    if with_abstract and paper.abstract_en and not paper.abstract_en.truncated:
        fields.append(("abstract", plain(paper.abstract_en.text)))
    body = ",\n".join(f"  {name} = {{{escape(value)}}}" for name, value in fields if value)
    return f"@{entry_type}{{{key or citation_key(paper)},\n{body}\n}}\n"
