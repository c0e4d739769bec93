"""Format B: the daily arXiv digest with translations.

    ## [UPDATED!] **2024-02-16** (Publish Time)
    >## **多模态**
    >---
    >>**index:** 1<br />
    **Title:** **PaLM2-VAdapter: ...**<br />
    **Title_cn:** PaLM2-VAdapter：...<br />
    **Authors:** Junfei Xiao, Zheng Xu<br />
    **Abstract:** <details><summary>原文: </summary>...</details>
    **Abstract_cn:** <details><summary>译文: </summary>...</details>
    **PDF:** <http://arxiv.org/pdf/2402.10896v1><br />
    **Code:** null<br />

The document is read line by line. Headings carry the day (a heading with a date in it) or
the section (any other heading); ``**Field:**`` markers open fields; lines without a marker
continue the field before them. An entry ends where the next one starts: at an ``index``
marker, or at a field the current entry already has (so entries without ``index`` still split).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from .. import arxiv, dates
from ..labels import Label
from ..model import DateOrigin, Entry, PaperDate, Problem
from .common import HTTP_URL, MARKDOWN_SUFFIXES, URL_SCHEME
from .daily_html import AUTOLINK, without_html

NAME = "daily"
LABEL = Label("每日 arXiv 摘要", "Daily arXiv digest")
COLOUR = "rd-fmt-daily"  # the CSS class of its bars on the statistics page
SUFFIXES = MARKDOWN_SUFFIXES

# Field names (lower-cased, `-`/space as `_`) -> the key the parser reads them by; the usual
# spellings (`Title_cn`, `PDF`) are added as they are so that most lookups need no normalising.
_FIELD_KEYS: dict[str, str] = {
    "index": "index",
    "title": "title",
    "title_en": "title",
    "title_cn": "title_zh",
    "title_zh": "title_zh",
    "authors": "authors",
    "author": "authors",
    "abstract": "abstract",
    "abstract_en": "abstract",
    "abstract_cn": "abstract_zh",
    "abstract_zh": "abstract_zh",
    "pdf": "pdf",
    "code": "code",
}
_FIELD_KEYS.update({name.capitalize(): key for name, key in list(_FIELD_KEYS.items())})
_FIELD_KEYS.update({name.upper(): key for name, key in list(_FIELD_KEYS.items())})

_MARKER = re.compile(r"\*\*[ \t]*(?P<name>[A-Za-z][A-Za-z0-9_\- ]{0,30}?)[ \t]*[:：][ \t]*\*\*")
# Unknown field names only count as markers where a field can start, so that an abstract
# quoting `**Note:**` is not cut short.
_AFTER_BREAK = re.compile(r"(?:<br\s*/?>|</details\s*>)\s*$", re.IGNORECASE)
# A line that is only a field marker cut short by truncation (`**Abstract_c`, `**Title:*`): it ends the
# field before it, and is not text of that field.
_CUT_MARKER = re.compile(r"\*\*(?:[ \t]*[A-Za-z][A-Za-z0-9_\- ]{0,30}(?:[:：][ \t]*\*?)?)?")
_HEADING = re.compile(r"#{1,6}(?:\s|\*\*|$)")
_THEMATIC_BREAK = re.compile(r"(?:[-*_][ \t]*){3,}$")
# `[UPDATED!] 2024-02-16` written without `#`: a short line starting with the word, outside an
# abstract, so that a wrapped line about a dataset "updated on 2023-05-01" is not taken for one.
_DATE_LINE = re.compile(r"[\W_]*(?:updated|publish)", re.IGNORECASE)
_DATE_LINE_MAX = 120
_LINE_PREFIX = " \t>\ufeff"

_PLACEHOLDERS = frozenset({"null", "none", "n/a", "nan", "无", "暂无"})
_ET_AL = re.compile(r"(?:et\.?\s*al\.?|等|等人|others)", re.IGNORECASE)
_AND = re.compile(r"(?:,\s*|\s+)and\s+", re.IGNORECASE)
_LEADING_AND = re.compile(r"^\s*and\s+", re.IGNORECASE)
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)")
_MD_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)>?")
_HREF = re.compile(r"""href\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_INDEX = re.compile(r"\d+")


def detect(text: str) -> bool:
    """A daily digest has `**index:**` markers, or `**Title:**` lines with the other fields."""
    if not isinstance(text, str):
        return False
    try:
        if _DETECT_INDEX.search(text):
            return True
        if _DETECT_TITLE.search(text) and _DETECT_OTHER_FIELD.search(text):
            return True
        # The header is the first line: a bounded head keeps the two `[^\n]*` from going quadratic.
        return bool(_DETECT_HEADER.match(text.lstrip()[:_DATE_LINE_MAX * 4]))
    except Exception:  # detect must never raise, whatever it is handed
        return False


_DETECT_INDEX = re.compile(r"\*\*[ \t]*index[ \t]*[:：][ \t]*\*\*", re.IGNORECASE)
_DETECT_TITLE = re.compile(r"^[ \t>]*\*\*[ \t]*Title[ \t]*[:：][ \t]*\*\*", re.IGNORECASE | re.MULTILINE)
_DETECT_OTHER_FIELD = re.compile(
    r"\*\*[ \t]*(?:Authors|PDF|Title_cn|Abstract_cn)[ \t]*[:：][ \t]*\*\*", re.IGNORECASE
)
_DETECT_HEADER = re.compile(
    r"\A\ufeff?\s*#{1,6}[^\n]*(?:UPDATED|Publish Time)[^\n]*(?:19|20)\d\d", re.IGNORECASE
)


def parse(text: str, path: str) -> Iterator[Entry | Problem]:
    """One Entry per paper, in document order; a skipped Problem for an entry without a title."""
    scanner = _Scanner(path)
    out = scanner.out
    for number, line in enumerate(_lines(text), start=1):
        scanner.feed(number, line)
        if out:
            yield from out
            out.clear()
    scanner.finish()
    yield from out


def _lines(text: str) -> list[str]:
    if not isinstance(text, str):
        return []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


class _Field:
    """The raw text of one field, line by line, and where it started."""

    __slots__ = ("line", "chunks", "_open_details", "_counted")

    def __init__(self, line: int) -> None:
        self.line = line
        self.chunks: list[str] = []
        self._open_details = 0
        self._counted = 0

    @property
    def raw(self) -> str:
        return " ".join(self.chunks)

    def inside_details(self) -> bool:
        """Whether a `<details>` opened in this field is still open (counted once per chunk)."""
        for chunk in self.chunks[self._counted :]:
            if "<" in chunk:
                lowered = chunk.lower()
                self._open_details += lowered.count("<details") - lowered.count("</details")
        self._counted = len(self.chunks)
        return self._open_details > 0


class _Draft:
    """An entry being read: its fields by key, and the day and section it sits under."""

    __slots__ = ("line", "section", "date", "fields")

    def __init__(self, line: int, section: str, date: PaperDate | None) -> None:
        self.line = line
        self.section = section
        self.date = date
        self.fields: dict[str, _Field] = {}


class _Scanner:
    """Walks the lines once, keeping the current day, section, entry and field."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.out: list[Entry | Problem] = []
        self.date: PaperDate | None = None
        self.section = ""
        self.draft: _Draft | None = None
        self.field: _Field | None = None

    def feed(self, number: int, line: str) -> None:
        try:
            self._read(number, line)
        except Exception as exc:  # parse must never raise; lose this line, not the document
            self.field = None
            self.out.append(Problem(self.path, number, f"unreadable line: {type(exc).__name__}"))

    def finish(self) -> None:
        self._flush()

    def _read(self, number: int, line: str) -> None:
        body = line.lstrip(_LINE_PREFIX).rstrip()
        if not body:
            self._blank_line()
            return
        first = body[0]
        if first == "#" and _HEADING.match(body):
            self._heading(body, number)
            return
        if first in "-*_" and _THEMATIC_BREAK.match(body):
            self.field = None
            return
        position = 0
        if "**" in body:
            for match in _MARKER.finditer(body):
                key = _field_key(match["name"])
                if key is None and not _starts_field(body, match.start()):
                    continue
                self._continue(body[position : match.start()])
                self._open_field(number, key)
                position = match.end()
        if position == 0 and not self._inside_details() and _is_date_line(body):
            self._new_day(body, number)
            return
        if position == 0 and first == "*" and _CUT_MARKER.fullmatch(body):
            self._open_field(number, None)
            return
        self._continue(body[position:] if position else body)

    def _blank_line(self) -> None:
        # A blank line ends a field, except inside an abstract's still open <details>.
        if not self._inside_details():
            self.field = None

    def _inside_details(self) -> bool:
        return self.field is not None and self.field.inside_details()

    def _heading(self, body: str, number: int) -> None:
        if dates.find_day(body, DateOrigin.DOCUMENT) or dates.impossible_day(body):
            self._new_day(body, number)
            return
        self._flush()
        self.section = _section_name(body)

    def _new_day(self, body: str, number: int) -> None:
        self._flush()
        self.date = dates.find_day(body, DateOrigin.DOCUMENT)
        self.section = ""
        if self.date is None:  # a day header with an impossible date: its papers fall back to other dates
            reason = f"impossible date {dates.impossible_day(body)!r}; the papers under it are dated otherwise"
            self.out.append(Problem(self.path, number, reason, skipped=False, field="date"))

    def _open_field(self, number: int, key: str | None) -> None:
        draft = self.draft
        if key is not None and (draft is None or key in draft.fields or (key == "index" and draft.fields)):
            self._flush()
            draft = self.draft = _Draft(number, self.section, self.date)
        self.field = _Field(number)
        # An unknown field is still read, so that it ends the field before it, then dropped.
        if key is not None and draft is not None:
            draft.fields[key] = self.field

    def _continue(self, text: str) -> None:
        if self.field is not None and text and not text.isspace():
            self.field.chunks.append(text)

    def _flush(self) -> None:
        draft, self.draft, self.field = self.draft, None, None
        if draft is None:
            return
        try:
            self.out.extend(_build(draft, self.path))
        except Exception as exc:  # parse must never raise; lose this entry, not the document
            self.out.append(Problem(self.path, draft.line, f"unreadable entry: {type(exc).__name__}"))


def _is_date_line(body: str) -> bool:
    if len(body) > _DATE_LINE_MAX or not _DATE_LINE.match(body):
        return False
    return dates.find_day(body, DateOrigin.DOCUMENT) is not None or dates.impossible_day(body) is not None


def _starts_field(body: str, start: int) -> bool:
    """Whether an unknown `**Name:**` stands where a field can start."""
    if start == 0:  # the line's own prefix (`>>`, indentation) is already stripped
        return True
    return bool(_AFTER_BREAK.search(body, max(0, start - 40), start))


def _field_key(name: str) -> str | None:
    key = _FIELD_KEYS.get(name)
    return key if key is not None else _FIELD_KEYS.get(re.sub(r"[\s\-]+", "_", name.strip().lower()))


def _section_name(body: str) -> str:
    return _plain(body.strip("#").strip(), inline=True)


def _build(draft: _Draft, path: str) -> list[Entry | Problem]:
    fields = draft.fields

    def raw(key: str) -> str:
        found = fields.get(key)
        return found.raw if found else ""

    title_en = _plain(raw("title"), inline=True)
    title_zh = _plain(raw("title_zh"), inline=True)
    if not (title_en or title_zh):
        return [Problem(path, draft.line, "no title")]
    problems: list[Entry | Problem] = []
    links = _pdf_links(fields.get("pdf"), path, problems)
    code_url = _checked_link(fields.get("code"), "code_url", path, problems)
    entry = Entry(
        source=path,
        line=draft.line,
        format=NAME,
        title_en=title_en,
        title_zh=title_zh,
        authors=_authors(raw("authors")),
        abstract_en=_plain(raw("abstract")),
        abstract_zh=_plain(raw("abstract_zh")),
        code_url=code_url,
        section=draft.section,
        stated_date=draft.date,
        index=_index(raw("index")),
        **links,
    )
    return [entry, *problems]


def _pdf_links(found: _Field | None, path: str, problems: list[Entry | Problem]) -> dict[str, object]:
    """abs/pdf urls and the arXiv id of an arXiv link (the link as written, the other derived)."""
    url = _checked_link(found, "pdf_url", path, problems)
    if not url:
        return {}
    ref = arxiv.ref_from_url(url)
    if ref is None:
        return {"venue_url": url}
    return {
        "arxiv_id": ref.id,
        "arxiv_version": ref.version,
        "abs_url": url if ref.kind == "abs" else ref.abs_url,
        "pdf_url": url if ref.kind == "pdf" else ref.pdf_url,
    }


def _checked_link(found: _Field | None, name: str, path: str, problems: list[Entry | Problem]) -> str:
    """The field's URL if it is http(s); anything else is dropped with a warning."""
    if found is None:
        return ""
    url = _link(found.raw)
    if not url or HTTP_URL.match(url):
        return url
    scheme = URL_SCHEME.match(url)
    scheme_name = scheme.group(1).lower() if scheme else ""
    reason = (
        f"unsupported URL scheme {scheme_name + ':'!r} in {url[:80]!r}"
        if scheme_name not in ("", "http", "https")
        else f"not an absolute http(s) URL: {url[:80]!r}"
    )
    problems.append(Problem(path, found.line, reason, skipped=False, field=name))
    return ""


def _link(raw: str) -> str:
    """The URL a link field points at: `<url>`, `[text](url)`, `<a href=url>` or a bare URL."""
    for pattern in (AUTOLINK, _MD_LINK_TARGET, _HREF):
        match = pattern.search(raw)
        if match:
            return html.unescape(match.group(1)).strip("*")
    words = _plain(raw, inline=True).split()
    first = words[0].strip("*") if words else ""
    return "" if first.lower() in _PLACEHOLDERS else first


def _authors(raw: str) -> tuple[str, ...]:
    """Names split on commas, and on `and` before the last one; `et al.` is not a name."""
    text = _plain(raw, inline=True).replace("，", ",")
    if "and" in text.lower():
        text = _LEADING_AND.sub("", _AND.sub(",", text))
    return tuple(
        name
        for name in (part.strip() for part in text.split(","))
        if name and not (name[0] in "eE等Oo" and _ET_AL.fullmatch(name))
    )


def _index(raw: str) -> int | None:
    match = _INDEX.match(_plain(raw, inline=True))
    return int(match.group()) if match and len(match.group()) <= 9 else None


def _plain(raw: str, inline: bool = False) -> str:
    """Field text without markup: HTML, markdown links and bold, placeholders; one line."""
    if inline and "**" in raw:
        raw = raw.replace("**", "")  # bold means nothing in a title or a name, even inside a tag
    text = without_html(raw)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    text = _strip_bold(text.strip())
    return "" if len(text) <= 4 and text.lower() in _PLACEHOLDERS else text


def _strip_bold(text: str) -> str:
    # Indices, not slices: a field of a million `*` must not be copied half a million times.
    start, end = 0, len(text)
    while text.startswith("**", start, end):
        start += 2
        while start < end and text[start].isspace():
            start += 1
    while end - start >= 2 and text.endswith("**", start, end):
        end -= 2
        while end > start and text[end - 1].isspace():
            end -= 1
    return text[start:end]
