"""Format C, the venue table: one markdown table row per paper of a conference.

    | 年份 | 题目 | 作者 | 摘要 | 中文摘要 | link |
    | --- | --- | --- |----------| --- | --- |
    | 2023 | Title | A, B | Abstract | 中文摘要 | [link](https://openaccess.thecvf.com/...) |

Columns are found by header name (Chinese or English, any order). The venue and year come
from the row itself (a 年份 / venue column, the link), else from the headings above the table,
else from the file name (``ICCV2023.md``).
"""

from __future__ import annotations

import html
import importlib
import re
import types
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..arxiv import ref_from_url
from ..labels import Label
from ..model import Entry, Problem
from .common import MARKDOWN_SUFFIXES

NAME = "venue-table"
LABEL = Label("会议论文表", "Venue table")
COLOUR = "rd-fmt-venue"  # the CSS class of its bars on the statistics page
SUFFIXES = MARKDOWN_SUFFIXES

# --- column headers -------------------------------------------------------------------------

_COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "year": ("年份", "年", "发表年份", "year"),
    "index": ("序号", "编号", "no", "no.", "#", "index", "idx", "id"),
    "title": ("题目", "标题", "论文", "论文题目", "论文标题", "title", "papertitle", "paper", "英文题目", "英文标题", "title_en"),
    "title_zh": ("中文题目", "中文标题", "题目翻译", "标题翻译", "title_cn", "title_zh", "中文名"),
    "authors": ("作者", "作者列表", "author", "authors"),
    "abstract": ("摘要", "英文摘要", "abstract", "abstract_en", "原文摘要"),
    "abstract_zh": ("中文摘要", "摘要翻译", "摘要（中文）", "摘要(中文)", "abstract_cn", "abstract_zh", "翻译"),
    "link": ("link", "links", "链接", "论文链接", "url", "pdf", "paperlink", "地址", "论文地址"),
    "code": ("code", "代码", "代码链接", "github", "coderepo"),
    "venue": ("会议", "会议/期刊", "期刊", "venue", "conference", "source", "出处"),
}
_COLUMN_BY_NAME = {name: key for key, names in _COLUMN_NAMES.items() for name in names}
# A table is a venue table when it has a title column and at least two of these.
_PAPER_COLUMNS = frozenset({"authors", "abstract", "abstract_zh", "link"})
_HEADER_MARKUP = re.compile(r"[*_`~\s:：]|</?[a-zA-Z][^<>]*>")


def _column_key(header_cell: str) -> str | None:
    name = _HEADER_MARKUP.sub("", header_cell).lower()
    return _COLUMN_BY_NAME.get(name) or _COLUMN_BY_NAME.get(header_cell.strip().lower())


def _column_keys(cells: list[str]) -> list[str | None]:
    return [_column_key(cell) for cell in cells]


def _is_venue_header(keys: list[str | None]) -> bool:
    present = set(keys)
    return ("title" in present or "title_zh" in present) and len(present & _PAPER_COLUMNS) >= 2


# --- raw lines ------------------------------------------------------------------------------

_CONTAINER_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_DIVIDER = re.compile(r"^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def _escaped_split(line: str) -> list[str]:
    if "\\|" not in line:
        return line.split("|")
    return [cell.replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(line)]


def _split_cells(line: str) -> list[str]:
    """A table line's cells exactly as markdown-it splits them (a pipe after a backslash is text)."""
    cells = _escaped_split(line)
    if cells and not cells[0].strip():
        cells.pop(0)
    if cells and not cells[-1].strip():
        cells.pop()
    return cells


def _row_text(raw_line: str) -> str:
    """The row without blockquote markers and indentation (markdown-it sees it the same way)."""
    return _CONTAINER_PREFIX.sub("", raw_line, count=1).strip()


def _is_divider(raw_line: str) -> bool:
    text = _row_text(raw_line)
    return "-" in text and bool(_DIVIDER.match(text))


def _header_keys(raw_line: str) -> list[str | None] | None:
    """The column keys of a line that reads as a venue-table header, else None."""
    text = _row_text(raw_line)
    if "|" not in text:
        return None
    keys = _column_keys(_split_cells(text))
    return keys if _is_venue_header(keys) else None


_LEADING_BOM = re.compile(r"^\ufeff+", re.MULTILINE)


def _normalise_newlines(text: str) -> str:
    """Newlines as markdown-it counts them (so line numbers agree), without byte-order marks.

    A BOM before the first pipe would become an extra header cell and hide the whole table.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    return _LEADING_BOM.sub("", text)


# --- detection ------------------------------------------------------------------------------


# Each run of blanks has exactly one quantifier that can take it: adjacent `[ \t]*` backtrack
# cubically on a long line of spaces.
_DIVIDER_LINE = re.compile(r"^[ \t]*(?:>[ \t]*)*(?:\|[ \t]*)?:?-+:?[ \t]*\|[-:| \t]*$", re.MULTILINE)


def detect(text: str) -> bool:
    """A table whose header names a title column and authors/abstract/link columns."""
    try:
        if "\r" in text:
            text = _normalise_newlines(text)
        # Divider rows are few and quick to find; only the line above each one is read.
        for divider in _DIVIDER_LINE.finditer(text):
            end = divider.start() - 1
            if end >= 0 and _header_keys(text[text.rfind("\n", 0, end) + 1 : end].lstrip("\ufeff")):
                return True
    except Exception:  # detection must never break format dispatch
        return False
    return False


# --- markdown-it ----------------------------------------------------------------------------


def _fast_table_rule() -> Callable[..., bool]:
    """markdown-it's own table rule, with its character-by-character cell splitter swapped for a regex.

    The stock splitter dominates parse time on tables with 3 kB rows; the replacement splits the
    same way (a pipe preceded by a backslash is escaped). Built from the rule's code with its own
    globals copied, so the library itself is left untouched for everyone else.
    """
    module = importlib.import_module("markdown_it.rules_block.table")
    rule = module.table
    if not hasattr(module, "escapedSplit"):
        return rule

    rule_globals = {**module.__dict__, "escapedSplit": _escaped_split}
    return types.FunctionType(rule.__code__, rule_globals, rule.__name__, rule.__defaults__, rule.__closure__)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    # Cells are cleaned by regex below; running the inline parser over every cell would double the cost.
    md.disable("inline")
    md.block.ruler.at("table", _fast_table_rule(), {"alt": ["paragraph", "reference"]})
    return md


_MD = _markdown()


# --- venue and year -------------------------------------------------------------------------

_VENUE_NAMES: dict[str, str] = {
    "iccv": "ICCV", "cvpr": "CVPR", "eccv": "ECCV", "wacv": "WACV", "accv": "ACCV", "bmvc": "BMVC",
    "iccvw": "ICCV Workshops", "cvprw": "CVPR Workshops", "eccvw": "ECCV Workshops", "wacvw": "WACV Workshops",
    "neurips": "NeurIPS", "nips": "NeurIPS", "iclr": "ICLR", "icml": "ICML", "aaai": "AAAI", "ijcai": "IJCAI",
    "aistats": "AISTATS", "uai": "UAI", "colt": "COLT", "kdd": "KDD", "sigir": "SIGIR", "cikm": "CIKM",
    "wsdm": "WSDM", "acl": "ACL", "emnlp": "EMNLP", "naacl": "NAACL", "eacl": "EACL", "coling": "COLING",
    "interspeech": "Interspeech", "icassp": "ICASSP", "miccai": "MICCAI", "isbi": "ISBI", "ipmi": "IPMI",
    "midl": "MIDL", "icra": "ICRA", "iros": "IROS", "siggraph": "SIGGRAPH", "3dv": "3DV",
    "acmmm": "ACM MM", "acm mm": "ACM MM", "acm-mm": "ACM MM", "acm_mm": "ACM MM",
}
_VENUE_PATTERN = "|".join(sorted((re.escape(name) for name in _VENUE_NAMES), key=len, reverse=True))
_VENUE_YEAR = re.compile(
    rf"(?<![A-Za-z])(?P<venue>{_VENUE_PATTERN})(?![A-Za-z])(?:[ \t_\-']*(?P<year>(?:19|20)\d{{2}})(?!\d))?",
    re.IGNORECASE,
)
_YEAR_ONLY = re.compile(r"^\s*(?:year\s*)?(?P<year>(?:19|20)\d{2})\s*(?:年|年份)?\s*$", re.IGNORECASE)
_VALID_YEAR = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*年?$")

_THECVF = re.compile(r"openaccess\.thecvf\.com/content[/_](?P<venue>[a-z]+?)_?(?P<year>(?:19|20)\d{2})(?P<w>w)?", re.I)
_NEURIPS = re.compile(r"^https?://(?:papers\.nips\.cc|proceedings\.neurips\.cc|(?:www\.)?neurips\.cc|nips\.cc)/", re.I)
_ACL_ANTHOLOGY = re.compile(
    r"aclanthology\.org/(?:[^/]+/)?(?P<year>(?:19|20)\d{2})\.(?P<findings>findings-)?(?P<venue>[a-z]+)[.\-]", re.I
)
_IJCAI = re.compile(r"ijcai\.org/proceedings/(?P<year>(?:19|20)\d{2})/", re.I)
_AAAI = re.compile(r"ojs\.aaai\.org/index\.php/AAAI/", re.I)
_YEAR_IN_PATH = re.compile(r"/(?P<year>(?:19|20)\d{2})/")
# Hosts whose URLs name no venue, or a venue only the page itself knows (openreview ids, PMLR volumes).
_NO_VENUE_HOSTS = re.compile(r"^https?://(?:[^/]*\.)?(?:openreview\.net|proceedings\.mlr\.press|arxiv\.org)/", re.I)


@dataclass(frozen=True)
class _VenueYear:
    venue: str = ""
    year: int | None = None

    def or_else(self, other: _VenueYear) -> _VenueYear:
        return _VenueYear(self.venue or other.venue, self.year if self.year is not None else other.year)


_NOTHING = _VenueYear()


def _venue_name(acronym: str) -> str:
    return _VENUE_NAMES.get(acronym.lower(), "")


def _venue_in_text(text: str, *, year_required: bool) -> _VenueYear:
    """The first ``ICCV 2023`` / ``cvpr-2024`` / ``ICCV`` in a string (with a year first when required)."""
    bare = ""
    for match in _VENUE_YEAR.finditer(text):
        if match["year"]:
            return _VenueYear(_venue_name(match["venue"]), int(match["year"]))
        bare = bare or _venue_name(match["venue"])
    return _NOTHING if year_required else _VenueYear(bare)


def _venue_from_url(url: str) -> _VenueYear:
    if match := _THECVF.search(url):
        name = _venue_name(match["venue"] + ("w" if match["w"] else ""))
        return _VenueYear(name, int(match["year"])) if name else _NOTHING
    if _NEURIPS.match(url):
        year = _YEAR_IN_PATH.search(url)
        return _VenueYear("NeurIPS", int(year["year"]) if year else None)
    if match := _ACL_ANTHOLOGY.search(url):
        name = _venue_name(match["venue"])
        if name and match["findings"]:
            name = f"Findings of {name}"
        return _VenueYear(name, int(match["year"])) if name else _NOTHING
    if match := _IJCAI.search(url):
        return _VenueYear("IJCAI", int(match["year"]))
    if _AAAI.search(url):
        return _VenueYear("AAAI")
    if _NO_VENUE_HOSTS.match(url):
        return _NOTHING
    # Any other URL: only an acronym next to a year counts, a bare one may be a word of the title.
    return _venue_in_text(url, year_required=True)


def _venue_from_path(path: str) -> _VenueYear:
    """``ICCV2023.md``, ``cvpr-2024.md``, ``ECCV_2022.txt``, or ``cvpr/2024.md``; the file name first."""
    parts = [part for part in re.split(r"[\\/]", path) if part]
    if not parts:
        return _NOTHING
    parts[-1] = re.sub(r"\.[A-Za-z0-9]{1,8}$", "", parts[-1])
    found = _NOTHING
    for part in reversed(parts):
        found = found.or_else(_venue_in_text(part, year_required=False))
        if found.venue and found.year is not None:
            break
    if found.venue and found.year is None and (year := _YEAR_ONLY.match(parts[-1])):
        found = _VenueYear(found.venue, int(year["year"]))
    return found


def _venue_from_heading(heading: str) -> _VenueYear:
    if year := _YEAR_ONLY.match(heading):
        return _VenueYear(year=int(year["year"]))
    return _venue_in_text(heading, year_required=False)


def _is_label_heading(heading: str) -> bool:
    """A heading that only names the venue and/or year (``## ICCV 2023``, ``## 2024``): not a section."""
    rest = _VENUE_YEAR.sub("", heading)
    rest = re.sub(r"(?:19|20)\d{2}|年份?|papers?|论文|accepted|[\s\-_:：()（）'·]", "", rest, flags=re.I)
    return not rest


# --- headings -------------------------------------------------------------------------------


@dataclass
class _Headings:
    """The headings above the current point, outermost first."""

    stack: list[tuple[int, str]] = field(default_factory=list)

    def push(self, level: int, text: str) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, text))

    def venue(self) -> _VenueYear:
        found = _NOTHING
        for _, text in reversed(self.stack):
            found = found.or_else(_venue_from_heading(text))
        return found

    def section(self) -> str:
        for _, text in reversed(self.stack):
            if text and not _is_label_heading(text):
                return text
        return ""


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


def _plain(cell: str, break_with: str = " ") -> str:
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


def _mostly_chinese(text: str) -> bool:
    text = text[:300]  # the opening words tell the language; abstracts are long
    letters = sum(1 for char in text if char.isalpha())
    return bool(letters) and len(_CJK.findall(text)) * 3 >= letters


_AUTHOR_SEPARATOR = re.compile(r"\s*[,，、;；]\s*")
_LAST_AND = re.compile(r"\s+(?:and|&)\s+", re.I)
_ET_AL = re.compile(r"^(?:et\.?\s*al\.?|等)$", re.I)


def _authors(cell: str) -> tuple[str, ...]:
    """``A, B and C`` -> (A, B, C); Chinese commas and enumeration commas separate too."""
    text = _plain(cell, break_with=", ")
    if not text:
        return ()
    names = _AUTHOR_SEPARATOR.split(text)
    names[-1:] = _LAST_AND.split(names[-1])
    cleaned = (re.sub(r"^(?:and|&)\s+", "", name.strip(), flags=re.I) for name in names)
    return tuple(name for name in cleaned if name and not _ET_AL.match(name))


# --- links ----------------------------------------------------------------------------------

_SCHEME = re.compile(r"^(?P<scheme>[a-zA-Z][a-zA-Z0-9+.\-]*):")
_HTTP = re.compile(r"^https?://\S", re.I)
_CODE_HOSTS = re.compile(r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|gitee\.com)/", re.I)


def _link_targets(cell: str) -> list[str]:
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
    word = _plain(cell)
    if word and " " not in word and (":" in word or "/" in word or word.lower().endswith(".pdf")):
        return [word]
    return []


def _bad_link_reason(url: str) -> str:
    scheme = _SCHEME.match(url)
    if scheme:
        return f"link with scheme '{scheme['scheme']}:' dropped (only http/https links are kept): {url[:80]}"
    return f"relative or malformed link dropped (only http/https links are kept): {url[:80]}"


@dataclass
class _Links:
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
        if not _HTTP.match(url):
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
        for url in _link_targets(cell):
            self.add(url, as_code)
        if _CUT_LINK.search(cell):
            self.rejected.append(("code_url" if as_code else "venue_url", "link is cut off (no closing parenthesis)"))


# --- tables ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    keys: tuple[str | None, ...]
    header: tuple[str, ...]

    @property
    def width(self) -> int:
        return len(self.keys)


@dataclass(frozen=True)
class _Where:
    """What a row inherits from its document: headings above it and the file name."""

    source: str
    from_path: _VenueYear
    from_headings: _VenueYear
    section: str


def parse(text: str, path: str) -> Iterator[Entry | Problem]:
    """One Entry per table row, or a skipped Problem for a row that cannot be read."""
    try:
        yield from _parse(text, path)
    except Exception as error:  # a bug must cost this document, never the whole build
        yield Problem(path, 1, f"venue table could not be read: {type(error).__name__}: {error}")


def _parse(text: str, path: str) -> Iterator[Entry | Problem]:
    text = _normalise_newlines(text)
    lines = text.split("\n")
    tokens = _MD.parse(text)
    headings = _Headings()
    from_path = _venue_from_path(path)
    table: _Table | None = None  # the last venue table, which rows further down may still belong to
    index = 0
    while index < len(tokens):
        token = tokens[index]
        where = _Where(path, from_path, headings.venue(), headings.section())
        if token.type == "table_open":
            index, table = yield from _read_table(tokens, index, lines, where)
            continue
        if token.type == "paragraph_open":
            table = yield from _read_paragraph(token, lines, table, where)
            index = _after_paragraph(tokens, index)
            continue
        if token.type == "heading_open" and index + 1 < len(tokens):
            headings.push(_heading_level(token), _plain(tokens[index + 1].content))
        index += 1


def _after_paragraph(tokens: list[Token], start: int) -> int:
    index = start + 1
    while index < len(tokens) and tokens[index].type != "paragraph_close":
        index += 1
    return index + 1


def _heading_level(token: Token) -> int:
    return int(token.tag[1:]) if token.tag[1:].isdigit() else 6


def _read_table(
    tokens: list[Token], start: int, lines: list[str], where: _Where
) -> Generator[Entry | Problem, None, tuple[int, _Table | None]]:
    """Rows of the table opened at ``tokens[start]``; returns (index after it, the table if it is ours).

    markdown-it decides where the table starts and ends and which lines are its rows; each row is
    re-split from its raw line because markdown-it pads short rows and drops extra cells silently.
    """
    header: list[str] = []
    row_lines: list[int] = []
    index = start + 1
    while index < len(tokens) and tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "inline" and not row_lines and token.map and token.map[0] == tokens[start].map[0]:
            header.append(token.content)
        elif token.type == "tr_open" and token.map and token.map[0] != tokens[start].map[0]:
            row_lines.append(token.map[0])
        index += 1
    keys = _column_keys(header)
    if not _is_venue_header(keys):
        return index + 1, None
    table = _Table(tuple(keys), tuple(cell.strip() for cell in header))
    for line in row_lines:
        if line < len(lines):
            yield from _read_row(table, line, lines[line], where)
    return index + 1, table


def _read_paragraph(
    token: Token, lines: list[str], table: _Table | None, where: _Where
) -> Generator[Entry | Problem, None, _Table | None]:
    """Rows cut off from their table (by a blank line, a heading, a quote or a line of prose), or a
    header whose divider row is broken.

    Returns the table that rows further down belong to: the same one, or none after a broken header.
    """
    if not token.map:
        return table
    first, end = token.map
    for line in range(first, min(end, len(lines))):
        if _header_keys(lines[line]) is not None:
            yield Problem(
                where.source, line + 1,
                "table header is not followed by a valid divider row (| --- | --- |); the rows under it were not read",
            )
            return None
        if table is not None and _is_row_of(table, lines[line]):
            yield from _read_row(table, line, lines[line], where)
    return table


def _is_row_of(table: _Table, raw_line: str) -> bool:
    """A line outside the table that is one of its rows: it starts with a pipe, or has its cell count."""
    text = _row_text(raw_line)
    return text.startswith("|") or ("|" in text and len(_split_cells(text)) == table.width)


def _read_row(table: _Table, line: int, raw_line: str, where: _Where) -> Iterator[Entry | Problem]:
    cells = _split_cells(_row_text(raw_line))
    if _is_repeated_header(cells, table) or _is_divider(raw_line):
        return
    if len(cells) > table.width and not any(cell.strip() for cell in cells[table.width :]):
        cells = cells[: table.width]
    if "|" not in _row_text(raw_line):
        yield Problem(where.source, line + 1, "line inside the table has no cell separators (|); skipped")
        return
    if len(cells) != table.width:
        yield Problem(
            where.source, line + 1,
            f"table row has {len(cells)} cell(s) but the header has {table.width}; row skipped",
        )
        return
    yield from _row_entry(dict(_cells_by_key(table, cells)), line + 1, where)


def _is_repeated_header(cells: list[str], table: _Table) -> bool:
    return tuple(cell.strip() for cell in cells) == table.header


def _cells_by_key(table: _Table, cells: list[str]) -> Iterator[tuple[str, str]]:
    """Each known column's cell; a repeated column gives its first non-empty cell."""
    seen: dict[str, str] = {}
    for key, cell in zip(table.keys, cells):
        if key and not seen.get(key, "").strip():
            seen[key] = cell
    yield from seen.items()


def _row_entry(cells: dict[str, str], line: int, where: _Where) -> Iterator[Entry | Problem]:
    title_cell = cells.get("title", "")
    title, title_zh = _plain(title_cell), _plain(cells.get("title_zh", ""))
    if title and not title_zh and "title_zh" not in cells and _mostly_chinese(title):
        title, title_zh = "", title
    if not title and not title_zh:
        yield Problem(where.source, line, "table row has no title; row skipped")
        return
    abstract, abstract_zh = _plain(cells.get("abstract", "")), _plain(cells.get("abstract_zh", ""))
    if abstract and not abstract_zh and _mostly_chinese(abstract):
        abstract, abstract_zh = "", abstract

    links = _Links()
    links.add_cell(cells.get("link", ""))
    links.add_cell(cells.get("code", ""), as_code=True)
    for url in _link_targets(title_cell) if "](" in title_cell or "href" in title_cell else ():
        links.add(url)

    year_cell = _plain(cells.get("year", ""))
    stated_year = _VALID_YEAR.match(year_cell)
    venue = (
        _venue_in_text(_plain(cells.get("venue", "")), year_required=False)
        .or_else(_venue_from_url(links.venue_url) if links.venue_url else _NOTHING)
        .or_else(where.from_headings)
        .or_else(where.from_path)
    )
    year = int(stated_year["year"]) if stated_year else venue.year

    yield Entry(
        source=where.source, line=line, format=NAME,
        title_en=title, title_zh=title_zh, authors=_authors(cells.get("authors", "")),
        abstract_en=abstract, abstract_zh=abstract_zh,
        abs_url=links.abs_url, pdf_url=links.pdf_url, venue_url=links.venue_url, code_url=links.code_url,
        arxiv_id=links.arxiv_id, arxiv_version=links.arxiv_version,
        section=where.section, venue=venue.venue, year=year, index=_index(cells.get("index", "")),
    )
    for field_name, reason in links.rejected:
        yield Problem(where.source, line, reason, skipped=False, field=field_name)
    if year_cell and not stated_year:
        yield Problem(where.source, line, f"year cell is not a year: {year_cell[:40]!r}", skipped=False, field="year")


def _index(cell: str) -> int | None:
    match = re.fullmatch(r"\s*#?\s*(\d{1,9})\s*[.)、]?\s*", _plain(cell))
    return int(match[1]) if match else None
