"""Venue tables: the plain text, authors and links of a row's cells (HTML and markdown stripped,
only http(s) links kept)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..arxiv import ref_from_url
from .common import HTTP_URL, URL_SCHEME

# --- cell text ------------------------------------------------------------------------------

_PLACEHOLDERS = frozenset({"", "none", "null", "nil", "nan", "n/a", "na", "-", "--", "---", "—", "–", "无", "暂无", "空"})
_HTML_TAGS = (
    "a|abbr|b|big|blockquote|br|center|cite|code|dd|del|details|dfn|div|dl|dt|em|font|h[1-6]|hr|i|img|ins|kbd|"
    "li|mark|ol|p|pre|q|s|samp|small|span|strike|strong|sub|summary|sup|table|tbody|td|th|thead|tr|tt|u|ul|var|"
    "iframe|object|embed|svg|math|input|button|form|label|link|meta|style|script|video|audio|source|picture|"
    "figure|figcaption|section|article|header|footer|nav|main|aside|caption|col|colgroup|wbr|nobr|time"
)
_DANGEROUS_ELEMENT = re.compile(r"<(script|style|iframe|object|svg|math)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.I)
_TAG = re.compile(rf"</?(?:{_HTML_TAGS})(?:\s[^<>]*)?/?>", re.I)
_HREF = re.compile(r"""<a\s[^<>]*?href\s*=\s*["']?(?P<url>[^"'\s<>]+)[^<>]*>""", re.I)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I)
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(?P<code>.+?)(?<!`)\1(?!`)")
_LINK = re.compile(
    r"(?P<image>!?)\[(?P<text>[^\[\]]*)\]\(\s*<?(?P<url>[^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_CUT_LINK = re.compile(r"\]\([^)]*$")
_AUTOLINK = re.compile(r"<(?P<url>[a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^<>\s]*)>")
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]|]+", re.I)
_ASCII_WORD = "A-Za-z0-9"
_EMPHASIS = (
    ("**", re.compile(r"(?<!\\)\*\*(?=\S)(?P<text>.+?)(?<=[^\s\\])\*\*")),
    ("__", re.compile(rf"(?<![{_ASCII_WORD}\\_])__(?=\S)(?P<text>.+?)(?<=[^\s\\])__(?![{_ASCII_WORD}_])")),
    ("*", re.compile(rf"(?<![{_ASCII_WORD}\\*])\*(?=[^\s*])(?P<text>.+?)(?<=[^\s*\\])\*(?![{_ASCII_WORD}*])")),
    ("_", re.compile(rf"(?<![{_ASCII_WORD}\\_])_(?=[^\s_])(?P<text>.+?)(?<=[^\s_\\])_(?![{_ASCII_WORD}_])")),
    ("~~", re.compile(r"(?<!\\)~~(?=\S)(?P<text>.+?)(?<=\S)~~")),
)
# Markdown escapes of the markup this parser strips; other backslashes may be LaTeX and are left to clean.
_MARKUP_ESCAPE = re.compile(r"\\([|*`])")


def _strip_html(text: str, break_with: str) -> str:
    if "<" not in text:
        return text
    text = _HTML_COMMENT.sub("", text)
    text = _DANGEROUS_ELEMENT.sub("", text)
    text = _BREAK.sub(break_with, text)
    return _TAG.sub("", text)


def _strip_inline(text: str) -> str:
    """Link, image and emphasis syntax removed, keeping the words."""
    # Each pattern runs only when its marker occurs: most cells have none, and these cells are long.
    if "](" in text:
        text = _LINK.sub(lambda match: match["text"], text)
    if "<" in text:
        text = _AUTOLINK.sub(lambda match: match["url"], text)
    for marker, pattern in _EMPHASIS:
        if marker in text:
            text = pattern.sub(lambda match: match["text"], text)
    return text


def plain(cell: str, break_with: str = " ") -> str:
    """The text of one cell with its markdown and HTML removed; placeholders become ''."""
    if not cell or cell.strip().lower() in _PLACEHOLDERS:
        return ""
    text = _strip_html(cell, break_with)
    text = _strip_code_and_inline(text) if "`" in text else _strip_inline(text)
    if "\\" in text:
        text = _MARKUP_ESCAPE.sub(r"\1", text)
    if "&" in text:
        text = _ENTITY.sub(lambda match: html.unescape(match.group()), text)
    text = text.strip()
    return "" if text.lower() in _PLACEHOLDERS else text


def _strip_code_and_inline(text: str) -> str:
    """Code spans keep their content verbatim; the text between them loses its markup."""
    pieces: list[str] = []
    last = 0
    for code in _CODE_SPAN.finditer(text):
        pieces.append(_strip_inline(text[last : code.start()]))
        pieces.append(code["code"].strip() or code["code"])
        last = code.end()
    pieces.append(_strip_inline(text[last:]))
    return "".join(pieces)


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def mostly_chinese(text: str) -> bool:
    text = text[:300]  # the opening words tell the language; abstracts are long
    letters = sum(1 for char in text if char.isalpha())
    return bool(letters) and len(_CJK.findall(text)) * 3 >= letters


_AUTHOR_SEPARATOR = re.compile(r"\s*[,，、;；]\s*")
_LAST_AND = re.compile(r"\s+(?:and|&)\s+", re.I)
_ET_AL = re.compile(r"^(?:et\.?\s*al\.?|等)$", re.I)


def author_names(cell: str) -> tuple[str, ...]:
    """``A, B and C`` -> (A, B, C); Chinese commas and enumeration commas separate too."""
    text = plain(cell, break_with=", ")
    if not text:
        return ()
    names = _AUTHOR_SEPARATOR.split(text)
    names[-1:] = _LAST_AND.split(names[-1])
    cleaned = (re.sub(r"^(?:and|&)\s+", "", name.strip(), flags=re.I) for name in names)
    return tuple(name for name in cleaned if name and not _ET_AL.match(name))


# --- links ----------------------------------------------------------------------------------

_CODE_HOSTS = re.compile(r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|gitee\.com)/", re.I)


def link_targets(cell: str) -> list[str]:
    """Every URL a cell points at, in order: markdown links, <a href>, autolinks, then bare URLs."""
    targets = [match["url"] for match in _LINK.finditer(cell)]
    targets += [html.unescape(match["url"]) for match in _HREF.finditer(cell)]
    targets += [match["url"] for match in _AUTOLINK.finditer(cell)]
    if targets:
        return targets
    bare = [match.group().rstrip(".,;:!?，。") for match in _BARE_URL.finditer(cell)]
    if bare:
        return bare
    # A lone written target without link syntax (`javascript:x`, `papers/x.pdf`) is still meant as a link.
    word = plain(cell)
    if word and " " not in word and (":" in word or "/" in word or word.lower().endswith(".pdf")):
        return [word]
    return []


def _bad_link_reason(url: str) -> str:
    scheme = URL_SCHEME.match(url)
    if scheme:
        return f"link with scheme '{scheme.group(1)}:' dropped (only http/https links are kept): {url[:80]}"
    return f"relative or malformed link dropped (only http/https links are kept): {url[:80]}"


@dataclass
class Links:
    abs_url: str = ""
    pdf_url: str = ""
    venue_url: str = ""
    code_url: str = ""
    arxiv_id: str = ""
    arxiv_version: int | None = None
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (field, reason)

    def add(self, url: str, as_code: bool = False) -> None:
        url = url.strip()
        if not url:
            return
        if not HTTP_URL.match(url):
            self.rejected.append(("code_url" if as_code else "venue_url", _bad_link_reason(url)))
            return
        ref = ref_from_url(url)
        if ref:
            self._add_arxiv(url, ref.id, ref.version, ref.kind)
        elif as_code or _CODE_HOSTS.match(url):
            self.code_url = self.code_url or url
        else:
            self.venue_url = self.venue_url or url

    def _add_arxiv(self, url: str, arxiv_id: str, version: int | None, kind: str) -> None:
        if self.arxiv_id and self.arxiv_id != arxiv_id:
            return
        self.arxiv_id = arxiv_id
        self.arxiv_version = self.arxiv_version if self.arxiv_version is not None else version
        if kind == "pdf":
            self.pdf_url = self.pdf_url or url
        else:
            self.abs_url = self.abs_url or url

    def add_cell(self, cell: str, as_code: bool = False) -> None:
        for url in link_targets(cell):
            self.add(url, as_code)
        if _CUT_LINK.search(cell):
            self.rejected.append(("code_url" if as_code else "venue_url", "link is cut off (no closing parenthesis)"))
