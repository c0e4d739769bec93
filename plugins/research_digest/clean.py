"""Repair the text of parsed entries: mojibake, truncation marks, LaTeX escapes, stray markup.

``clean_entry`` turns a parser's ``Entry`` into a ``CleanEntry`` whose prose fields are
``Text`` values (text plus a truncated flag), and reports damage it cannot repair.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, fields, replace

import ftfy
from ftfy.badness import is_bad

from .labels import markup_free
from .model import NO_TEXT, Entry, Problem, Text
from .tex import outside_math
from .text_rules import chinese_title, formula_warnings, without_citations, without_markdown_emphasis

REPLACEMENT_CHAR = "\ufffd"
# `\$` stays: it tells a dollar from a formula's delimiter (tex.py reads it).
_LATEX_ESCAPE = re.compile(r"\\([%&_#{}])")
# Invisible controls that only confuse rendering and search (bidi overrides stay escaped later).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
# A tag's name ends at a space or a slash: `<svg/onload=...>` is as much a tag as `<svg onload=...>`.
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:[\s/][^<>]*)?>")
_TAG_START = re.compile(r"<(?=/?[a-zA-Z])")
_TAG_PASSES = 8
# ftfy's badness measure judges mojibake by the company its characters keep; it cannot see a
# UTF-8 lead byte whose continuation byte was lost (0x81, 0x8D, 0x8F, 0x90, 0x9D have no
# Windows-1252 character, C1 controls get stripped): `Morales-Ãlvarez` for Álvarez,
# `GroÃbröhmer` for Großbröhmer. What is left is a lone Ã or Â where no real word has an
# accented capital: between a letter and a lowercase one (GroÃb, VÃc), ending a lowercase word
# (GroÃ), or Ã (never Â: Vietnamese Ân, Portuguese Ângelo) opening a lowercase word (Ãlvarez).
_LOST_BYTE = re.compile(r"(?<=[A-Za-z])[ÃÂ](?=[a-z])|(?<=[a-z])[ÃÂ](?![^\W\d_])|(?<![^\W\d_])Ã(?=[a-z])")
_NOT_ALNUM = re.compile(r"[\W_]+")
_ELLIPSIS_END = re.compile(r"(\.\.\.|…)\s*$")
# Prose that ends in a bare word (no closing punctuation, link or number) was cut short.
_COMPLETE_END = re.compile(r"""[.!?。！？;；:)\]}>"'”’」』）】…]$|\S*[/.@_]\S*$|\d$""")

# Text made only of these (ASCII; general punctuation but for the curly quotes ftfy straightens
# and the invisible format characters; CJK ideographs and punctuation; full-width forms; U+FFFD)
# has nothing ftfy would change and no mojibake to find. That is most digest text, so checking
# first saves most of the cleaning time.
_PLAIN_TEXT = re.compile(
    "[\t\n\r\x20-\x7e\u2010-\u2017\u2020-\u2027\u2030-\u205e\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e\ufffd]*"
)

_ENDING = 200

PROSE_FIELDS = ("tldr_zh", "tldr_en", "abstract_zh", "abstract_en")
PLAIN_FIELDS = ("title_en", "title_zh", "section", "venue", "category", "announce_type")
LINK_FIELDS = ("abs_url", "pdf_url", "code_url", "venue_url")

# The most a field can hold (characters, after repair), well above anything real: a field past
# it is a broken document, and every page, feed and export would copy it. arXiv caps abstracts
# at 1,920 characters and titles at a few hundred; a name is a few dozen; collaboration papers
# list a few thousand authors, digests of them the first ones. Documented in the README.
PROSE_CAP = 20_000
TITLE_CAP = 1_000
LABEL_CAP = 200  # a section, venue, category or announce type; one author's name
AUTHORS_CAP = 1_000  # names
LINK_CAP = 2_000  # longer links are dropped, not cut: a cut link leads nowhere
_CAPS = {"title_en": TITLE_CAP, "title_zh": TITLE_CAP, **dict.fromkeys(PROSE_FIELDS, PROSE_CAP)}
# Repair removes markup and spaces, so raw text may be longer than what it gives; beyond this
# many times the cap it is cut before repair, so that a huge field costs no more than a long one.
_RAW_SLACK = 4


_PLAIN_IN_ENTRY_ORDER = tuple(f.name for f in fields(Entry) if f.name in PLAIN_FIELDS)


@dataclass(frozen=True)
class CleanEntry:
    """An entry after repair: the parser's Entry plus its prose as ``Text`` values."""

    entry: Entry
    tldr_zh: Text
    tldr_en: Text
    abstract_zh: Text
    abstract_en: Text


def repair(text: str) -> str:
    """Fix mojibake, drop stray tags and escapes, normalise whitespace. Keeps U+FFFD."""
    if not text:
        return ""
    plain = "&" not in text and _PLAIN_TEXT.fullmatch(text) is not None
    if not plain:  # ftfy also decodes entities, before tags go
        text = ftfy.fix_text(text, normalization="NFC", fix_character_width=False)
    if "<" in text:
        text = _strip_tags(text)
    if "&" in text:
        text = html.unescape(text)
    if "\\" in text:  # formulas keep theirs: `\{` is a brace in `$\{x\}$`
        text = outside_math(without_citations(text), lambda part: _LATEX_ESCAPE.sub(r"\1", part))
    if not plain:  # plain text has no control characters
        text = _CONTROL.sub("", text)
    return " ".join(text.split())  # str.split and re's \s agree on what is whitespace


def _strip_tags(text: str) -> str:
    """Tags removed until none is left: taking `<script>` out of `<iframe srcdoc="<script>">`
    must not leave `<iframe srcdoc=" ">` behind. Hostile nesting past a few levels loses its `<`s."""
    for _ in range(_TAG_PASSES):
        stripped = _TAG.sub(" ", text)
        if stripped == text:
            return text
        text = stripped
    return _TAG_START.sub(" ", text)


def repair_prose(text: str, *, english: bool) -> Text:
    """Repair prose and decide whether the source cut it short.

    A trailing U+FFFD (a character cut in half) or an ellipsis always means truncated. English
    abstracts are also cut at a fixed length by some generators without any mark; those end
    in a bare word rather than punctuation.
    """
    text = repair(text)
    if not text:
        return NO_TEXT
    ending = text[-_ENDING:]  # the end patterns only look at the last word: keep searches short
    truncated = text.endswith(REPLACEMENT_CHAR) or bool(_ELLIPSIS_END.search(ending))
    text = text.replace(REPLACEMENT_CHAR, "").rstrip()
    if truncated:
        text = _ELLIPSIS_END.sub("", text).rstrip()
    elif english and len(text) >= 200 and not _COMPLETE_END.search(_last_word(ending)):
        truncated = True
    return Text(text, truncated)


def _last_word(text: str) -> str:
    parts = text.rsplit(None, 1)
    return parts[-1] if parts else ""


def lost_bytes(text: str) -> bool:
    """Whether mojibake is left that no decoding can repair."""
    if _PLAIN_TEXT.fullmatch(text):
        return False
    return bool(_LOST_BYTE.search(text)) or is_bad(text)


def clean_entry(entry: Entry) -> tuple[CleanEntry, list[Problem]]:
    oversized: dict[str, int] = {}  # field -> its length in the source, for fields past their cap
    entry = _bounded(entry, oversized)
    plain = {name: _capped(name, repair(getattr(entry, name)), oversized) for name in PLAIN_FIELDS}
    plain["section"] = markup_free(plain["section"])  # it names a topic: see labels.markup_free
    title_problems = _clean_titles(plain)
    authors = tuple(a for a in (repair(author) for author in entry.authors) if a)
    if any(len(author) > LABEL_CAP for author in authors):
        oversized.setdefault("authors", len(entry.authors))
        authors = tuple(author[:LABEL_CAP].rstrip() for author in authors)
    prose = {}
    for name in PROSE_FIELDS:
        text = repair_prose(getattr(entry, name), english=name.endswith("_en"))
        if name in oversized or len(text.text) > PROSE_CAP:
            oversized.setdefault(name, len(text.text))
            text = Text(text.text[:PROSE_CAP].rstrip(), True)
        prose[name] = text
    # The repaired prose lives in the CleanEntry's Text fields; the raw copies would only double
    # what the parse cache stores.
    cleaned = replace(entry, **plain, authors=authors, **dict.fromkeys(PROSE_FIELDS, ""))
    problems = [
        Problem(entry.source, entry.line, f"unrecoverable mojibake: {snippet!r}", skipped=False, field=name)
        for name, snippet in _damaged_fields(cleaned, prose)
    ]
    problems += [
        Problem(entry.source, entry.line, _cut_reason(name, length), skipped=False, field=name)
        for name, length in oversized.items()
    ]
    formulas = [(name, plain[name]) for name in ("title_en", "title_zh")]
    formulas += [(name, text.text) for name, text in prose.items()]
    problems += [
        Problem(entry.source, entry.line, reason, skipped=False, field=name)
        for name, reason in title_problems + [(name, why) for name, text in formulas for why in formula_warnings(text)]
    ]
    return CleanEntry(cleaned, **prose), problems


def _clean_titles(plain: dict[str, str]) -> list[tuple[str, str]]:
    """Titles without Markdown emphasis, the Chinese one without a translator's leftovers;
    (field, reason) where a rule could not tell."""
    problems = []
    plain["title_zh"], reason = chinese_title(plain["title_zh"])
    if reason:
        problems.append(("title_zh", reason))
    for name in ("title_en", "title_zh"):
        plain[name] = without_markdown_emphasis(plain[name])
    return problems


def _bounded(entry: Entry, oversized: dict[str, int]) -> Entry:
    """The entry with no field far past its cap (cut before repair) and no link past LINK_CAP."""
    changes: dict[str, object] = {}
    for name, cap in _CAPS.items():
        value = getattr(entry, name)
        if len(value) > cap * _RAW_SLACK:
            oversized[name] = len(value)
            changes[name] = value[: cap * _RAW_SLACK]
    for name in PLAIN_FIELDS:
        value = getattr(entry, name)
        if name not in _CAPS and len(value) > LABEL_CAP * _RAW_SLACK:
            oversized[name] = len(value)
            changes[name] = value[: LABEL_CAP * _RAW_SLACK]
    for name in LINK_FIELDS:
        if len(getattr(entry, name)) > LINK_CAP:
            oversized[name] = len(getattr(entry, name))
            changes[name] = ""
    if len(entry.authors) > AUTHORS_CAP or any(len(author) > LABEL_CAP * _RAW_SLACK for author in entry.authors):
        oversized["authors"] = len(entry.authors)
        changes["authors"] = tuple(author[: LABEL_CAP * _RAW_SLACK] for author in entry.authors[:AUTHORS_CAP])
    return replace(entry, **changes) if changes else entry


def _capped(name: str, text: str, oversized: dict[str, int]) -> str:
    cap = _CAPS.get(name, LABEL_CAP)
    if len(text) <= cap:
        return text
    oversized.setdefault(name, len(text))
    return text[:cap].rstrip()


def _cut_reason(name: str, length: int) -> str:
    if name in LINK_FIELDS:
        return f"link of {length:,} characters dropped (at most {LINK_CAP:,})"
    if name == "authors":
        return f"author list cut to {AUTHORS_CAP:,} names of at most {LABEL_CAP} characters ({length:,} names given)"
    return f"{length:,} characters cut to {_CAPS.get(name, LABEL_CAP):,}"


def _damaged_fields(entry: Entry, prose: dict[str, Text]) -> list[tuple[str, str]]:
    damaged = []
    values = {name: getattr(entry, name) for name in _PLAIN_IN_ENTRY_ORDER}
    values["authors"] = ", ".join(entry.authors)
    values.update({name: text.text for name, text in prose.items()})
    for name, value in values.items():
        if value and lost_bytes(value):
            damaged.append((name, _snippet(value)))
    return damaged


def _snippet(value: str) -> str:
    """The word around the first damaged spot, for the warning."""
    match = _LOST_BYTE.search(value)
    if not match:
        return value[:40]
    start = max(value.rfind(" ", 0, match.start()) + 1, match.start() - 20)
    end = value.find(" ", match.end())
    return value[start : end if end != -1 else len(value)][:40].rstrip(",;")


def normalise_title(title: str) -> str:
    """The form two spellings of one title share: case, width, punctuation and spaces folded."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    return _NOT_ALNUM.sub("", folded)
