"""Format C, the venue table: one markdown table row per paper of a conference.

    | 年份 | 题目 | 作者 | 摘要 | 中文摘要 | link |
    | --- | --- | --- |----------| --- | --- |
    | 2023 | Title | A, B | Abstract | 中文摘要 | [link](https://openaccess.thecvf.com/...) |

Columns are found by header name (Chinese or English, any order). The venue and year come
from the row itself (a 年份 / venue column, the link), else from the headings above the table,
else from the file name (``ICCV2023.md``).
"""

from __future__ import annotations

import importlib
import re
import types
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..labels import Label
from ..model import Entry, Problem
from .common import MARKDOWN_SUFFIXES
from .venue_cells import Links, author_names, link_targets, mostly_chinese, plain
from .venue_names import NOTHING, VALID_YEAR, Headings, VenueYear, venue_from_path, venue_from_url, venue_in_text

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
    from_path: VenueYear
    from_headings: VenueYear
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
    headings = Headings()
    from_path = venue_from_path(path)
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
            headings.push(_heading_level(token), plain(tokens[index + 1].content))
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
    title, title_zh = plain(title_cell), plain(cells.get("title_zh", ""))
    if title and not title_zh and "title_zh" not in cells and mostly_chinese(title):
        title, title_zh = "", title
    if not title and not title_zh:
        yield Problem(where.source, line, "table row has no title; row skipped")
        return
    abstract, abstract_zh = plain(cells.get("abstract", "")), plain(cells.get("abstract_zh", ""))
    if abstract and not abstract_zh and mostly_chinese(abstract):
        abstract, abstract_zh = "", abstract

    links = Links()
    links.add_cell(cells.get("link", ""))
    links.add_cell(cells.get("code", ""), as_code=True)
    for url in link_targets(title_cell) if "](" in title_cell or "href" in title_cell else ():
        links.add(url)

    year_cell = plain(cells.get("year", ""))
    stated_year = VALID_YEAR.match(year_cell)
    venue = (
        venue_in_text(plain(cells.get("venue", "")), year_required=False)
        .or_else(venue_from_url(links.venue_url) if links.venue_url else NOTHING)
        .or_else(where.from_headings)
        .or_else(where.from_path)
    )
    year = int(stated_year["year"]) if stated_year else venue.year

    yield Entry(
        source=where.source, line=line, format=NAME,
        title_en=title, title_zh=title_zh, authors=author_names(cells.get("authors", "")),
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
    match = re.fullmatch(r"\s*#?\s*(\d{1,9})\s*[.)、]?\s*", plain(cell))
    return int(match[1]) if match else None
