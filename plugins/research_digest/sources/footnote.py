"""Format A, the "footnote digest".

A ``# 摘要`` table with one row per paper::

    | Ref | Title | Summary |
    | --- | --- | --- |
    | [^1] | [English title](https://arxiv.org/abs/2404.01964) | 中文摘要 |

then ``# 详细`` with one footnote per paper: ``[^1]: 中文标题`` followed by indented blocks
separated by blank lines (English title, link, Chinese TL;DR, optional English TL;DR,
Chinese abstract, English abstract). Blocks may be missing, so each is recognised by its
content (language, link syntax, ``arXiv:`` prefix) and only then by its position.

The document is scanned with a few regexes rather than markdown-it: the format is
line-oriented, the fields are the raw text of the blocks anyway, and a year of digests
(tens of megabytes) would spend most of the parsing budget inside markdown-it's block parser.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..arxiv import TITLE_SUFFIX, ArxivRef, ref_from_text, ref_from_url
from ..labels import Label
from ..model import Entry, Problem
from .common import HTTP_URL, MARKDOWN_SUFFIXES, URL_SCHEME
from .footnote_links import CUT_LINK, is_link, is_markdown_link, language, link_parts, present
from .footnote_scan import Block, Footnote, Row, scan

NAME = "footnote"
LABEL = Label("脚注式摘要", "Footnote digest")
COLOUR = "rd-fmt-footnote"  # the CSS class of its bars on the statistics page
SUFFIXES = MARKDOWN_SUFFIXES

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)

_SIGNATURE = re.compile(
    r"^ {0,3}\|[ \t]*Ref[ \t]*\|[ \t]*Title[ \t]*\|[ \t]*Summary[ \t]*\|?[ \t]*$"
    r"|^ {0,3}#[ \t]*(?:摘要|详细)[ \t]*$"
    r"|^ {0,3}\|[ \t]*\[\^[^\]\s]+\][ \t]*\|",
    re.MULTILINE | re.IGNORECASE,
)


# `arXiv:2404.01964v1 Announce Type: cross  Abstract: ...` before the English abstract.
_ANNOUNCE = re.compile(
    r"^arXiv:\s*(?P<ref>\S+?)\s+(?:Announce\s+Type:\s*(?P<type>[A-Za-z\-]+)\s+)?Abstract:\s*",
    re.IGNORECASE,
)
# The same prefix, machine-translated, before some Chinese abstracts.
_ZH_ANNOUNCE = re.compile(r"^arXiv:\s*\S+\s+(?:公告类型[:：]\s*\S+\s+)?摘要[:：]\s*", re.IGNORECASE)


# TL;DRs are one sentence; abstracts run to several hundred characters.
_TLDR_EN_MAX = 400
_TLDR_ZH_MAX = 300

_SUFFIX_WINDOW = 200
_STRAY_PERIOD = re.compile(r"(?<=[?!？！。])\.$")


@dataclass
class _Paper:
    """Fields of one paper gathered from its footnote and table row; the first value set wins."""

    values: dict[str, str] = field(default_factory=dict)
    link_refs: list[ArxivRef] = field(default_factory=list)
    text_refs: list[ArxivRef] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def fill(self, name: str, value: str) -> None:
        if value and not self.values.get(name):
            self.values[name] = value


def detect(text: str) -> bool:
    """True for a document with the footnote digest's headings, table header or ref rows."""
    try:
        if not isinstance(text, str):
            return False
        normalised = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        return _SIGNATURE.search(normalised) is not None
    except Exception:  # detect must never raise, whatever it is given
        return False


def parse(text: str, path: str) -> Iterator[Entry | Problem]:
    """One Entry per paper (table row and footnote merged by label), or a Problem."""
    try:
        rows, bad_rows, notes = scan(_normalise(text))
        groups = _papers(rows + bad_rows, notes, path)
    except Exception as error:  # a parser bug must not take the whole build down
        yield Problem(path, None, f"internal error while reading footnote digest: {error!r}")
        return
    groups.sort(key=lambda group: group[0].line or 0)
    for group in groups:
        yield from group


def _normalise(text: str) -> str:
    if not isinstance(text, str):
        return ""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# ---------------------------------------------------------------------------- scanning


# ---------------------------------------------------------------------------- merging


def _papers(rows: list[Row], notes: list[Footnote], path: str) -> list[list[Entry | Problem]]:
    """Pair the k-th footnote of a label with the k-th table row of that label."""
    rows_by_label: dict[str, deque[Row]] = defaultdict(deque)
    for row in sorted(rows, key=lambda row: row.line):
        rows_by_label[row.label].append(row)
    groups = []
    for note in notes:
        queue = rows_by_label.get(note.label)
        row = queue.popleft() if queue else None
        groups.append(_paper_items(note, row, path))
    for queue in rows_by_label.values():
        for row in queue:
            groups.append(_paper_items(None, row, path))
    return groups


def _paper_items(note: Footnote | None, row: Row | None, path: str) -> list[Entry | Problem]:
    label = note.label if note else row.label if row else "?"
    line = note.line if note else row.line if row else 0
    try:
        return _read_paper(note, row, path, label, line)
    except Exception as error:  # one unreadable paper must not lose the others
        return [Problem(path, line, f"[^{label}]: internal error while reading this paper: {error!r}")]


def _read_paper(
    note: Footnote | None, row: Row | None, path: str, label: str, line: int
) -> list[Entry | Problem]:
    paper = _Paper()
    if note is not None:
        _read_footnote(note, paper, path)
    if row is not None:
        if len(row.cells) == row.columns.width:
            _read_row(row, paper, path)
        elif note is None:
            return [_bad_row_problem(row, path, skipped=True)]
        else:
            paper.warnings.append(_bad_row_problem(row, path, skipped=False))
    values = paper.values
    if not values.get("title_en") and not values.get("title_zh"):
        where = "footnote" if note is not None else "table row"
        return [Problem(path, line, f"{where} [^{label}] has no title"), *paper.warnings]
    return [_entry(paper, path, label, line), *paper.warnings]


def _bad_row_problem(row: Row, path: str, skipped: bool) -> Problem:
    reason = f"table row [^{row.label}] has {len(row.cells)} cells, expected {row.columns.width}"
    if not skipped:
        reason += "; used its footnote only"
    return Problem(path, row.line, reason, skipped=skipped, field="" if skipped else "table")


def _entry(paper: _Paper, path: str, label: str, line: int) -> Entry:
    values = paper.values
    arxiv_id, version = _arxiv_identity(paper)
    text = {name: _without_links(values.get(name, "")) for name in _TEXT_FIELDS}
    return Entry(
        source=path,
        line=line,
        format=NAME,
        **text,
        abs_url=values.get("abs_url", ""),
        pdf_url=values.get("pdf_url", ""),
        venue_url=values.get("venue_url", ""),
        arxiv_id=arxiv_id,
        arxiv_version=version,
        category=values.get("category", ""),
        announce_type=values.get("announce_type", ""),
        index=_index(label),
    )


_TEXT_FIELDS = ("title_en", "title_zh", "tldr_zh", "tldr_en", "abstract_zh", "abstract_en")
# `[text](url)` inside prose (or a block whose link syntax was damaged) keeps its text; so does one cut short.
_INLINE_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)|!?\[([^\[\]]*)\]\([^()\s]*$")


def _without_links(text: str) -> str:
    if "](" not in text:
        return text
    return _INLINE_LINK.sub(lambda match: match.group(1) or match.group(2) or "", text).strip()


def _arxiv_identity(paper: _Paper) -> tuple[str, int | None]:
    """The id of the first reference found (links first); the version from any mention of that id."""
    refs = paper.link_refs + paper.text_refs
    if not refs:
        return "", None
    arxiv_id = refs[0].id
    version = next((ref.version for ref in refs if ref.id == arxiv_id and ref.version), None)
    return arxiv_id, version


def _index(label: str) -> int | None:
    if label.isascii() and label.isdigit() and len(label) <= 9:
        return int(label)
    return None


# ---------------------------------------------------------------------------- footnotes


def _read_footnote(note: Footnote, paper: _Paper, path: str) -> None:
    blocks = list(note.blocks)
    head = note.head
    if head is not None:
        if head.kind == "zh":
            _set_title(paper, "title_zh", head.text)
        else:
            blocks.insert(0, head)
    link_position = next((i for i, block in enumerate(blocks) if block.kind == "link"), None)
    if link_position is None:
        split = 1 if blocks and _looks_like_english_title(blocks[0]) else 0
        before, after = blocks[:split], blocks[split:]
    else:
        before, after = blocks[:link_position], blocks[link_position:]
    _read_titles(before, paper)
    _read_links([block for block in after if block.kind == "link"], paper, path)
    _read_texts([block for block in after if block.kind != "link"], paper)


def _read_titles(blocks: list[Block], paper: _Paper) -> None:
    for block in blocks:
        if block.kind != "link":
            _set_title(paper, "title_zh" if block.kind == "zh" else "title_en", block.text)


def _read_links(blocks: list[Block], paper: _Paper, path: str) -> None:
    for block in blocks:
        label, target = link_parts(block.text)
        if not target and not is_markdown_link(block.text):
            _cut_link(paper, path, block.line)
        _add_link(target, paper, path, block.line)
        if present(label) and not is_link(label):
            # `[Paper title](url)`: the link text is the title, not another copy of the address.
            _set_title(paper, "title_zh" if language(label) == "zh" else "title_en", label)


def _read_texts(blocks: list[Block], paper: _Paper) -> None:
    """Sort the prose blocks after the link into TL;DRs and abstracts."""
    chinese = [(i, block) for i, block in enumerate(blocks) if block.kind == "zh"]
    english = [(i, block) for i, block in enumerate(blocks) if block.kind != "zh"]
    abstract_zh_position = _read_chinese(chinese, paper)
    start = _english_abstract_start(english, abstract_zh_position)
    tldr = [block.text for _, block in english[:start]]
    abstract = [_strip_announce(block.text, paper) for _, block in english[start:]]
    paper.fill("tldr_en", " ".join(tldr))
    paper.fill("abstract_en", " ".join(part for part in abstract if part))


def _read_chinese(chinese: list[tuple[int, Block]], paper: _Paper) -> int | None:
    """Fill the Chinese TL;DR and abstract; the position of the abstract's first block, if any."""
    if not chinese:
        return None
    if len(chinese) == 1 and not _looks_like_chinese_abstract(chinese[0][1].text):
        paper.fill("tldr_zh", chinese[0][1].text)
        return None
    abstract = chinese[1:] if len(chinese) >= 2 else chinese
    if len(chinese) >= 2:
        paper.fill("tldr_zh", chinese[0][1].text)
    text = " ".join(block.text for _, block in abstract)
    paper.fill("abstract_zh", _ZH_ANNOUNCE.sub("", text, count=1))
    return abstract[0][0]


def _english_abstract_start(english: list[tuple[int, Block]], abstract_zh_position: int | None) -> int:
    """How many leading English blocks are TL;DR; the rest are the abstract."""
    for k, (_, block) in enumerate(english):
        if _ANNOUNCE.match(block.text):
            return k
    for k, (position, block) in enumerate(english):
        if len(block.text) >= _TLDR_EN_MAX:
            return k
        if abstract_zh_position is not None and position > abstract_zh_position:
            return k
    return len(english) - 1 if len(english) >= 2 else len(english)


def _strip_announce(text: str, paper: _Paper) -> str:
    match = _ANNOUNCE.match(text)
    if not match:
        return text
    ref = ref_from_text(match.group("ref"))
    if ref is not None:
        paper.text_refs.append(ref)
    if match.group("type"):
        paper.fill("announce_type", match.group("type").lower())
    return text[match.end() :].strip()


def _looks_like_chinese_abstract(text: str) -> bool:
    return bool(_ZH_ANNOUNCE.match(text)) or text.endswith("\ufffd") or len(text) >= _TLDR_ZH_MAX


def _looks_like_english_title(block: Block) -> bool:
    return block.kind == "en" and len(block.text) < _TLDR_EN_MAX and not _ANNOUNCE.match(block.text)


# ---------------------------------------------------------------------------- table rows


def _read_row(row: Row, paper: _Paper, path: str) -> None:
    """Fill what the footnote left empty from the row; skip the work when it left nothing."""
    values = paper.values
    title_cell = row.cells[row.columns.title] if row.columns.title is not None else ""
    if is_markdown_link(title_cell) or CUT_LINK.match(title_cell):
        title, url = link_parts(title_cell)
        if not url and not is_markdown_link(title_cell):
            _cut_link(paper, path, row.line)
        _add_link(url, paper, path, row.line)
    else:
        title = title_cell
    if not (values.get("title_en") and values.get("title_zh")):
        title = _cell_text(title)
        if present(title):
            _set_title(paper, "title_zh" if language(title) == "zh" else "title_en", title)
    if not values.get("tldr_zh") and row.columns.summary is not None:
        summary = _cell_text(row.cells[row.columns.summary])
        if present(summary):
            paper.fill("tldr_zh" if language(summary) == "zh" else "tldr_en", summary)


def _cell_text(cell: str) -> str:
    return _BR.sub(" ", cell).strip() if "<" in cell else cell


# ---------------------------------------------------------------------------- fields


def _set_title(paper: _Paper, name: str, raw: str) -> None:
    """A title without the `. (arXiv:2401.16468v1 [cs.CV])` suffix of older digests."""
    title = raw.strip()
    head, tail = title[:-_SUFFIX_WINDOW], title[-_SUFFIX_WINDOW:]
    match = TITLE_SUFFIX.search(tail) if "(arXiv:" in tail else None
    if match:
        title = (head + tail[: match.start()]).strip()
        ref = ref_from_text(match.group("id") + (f"v{match.group('version')}" if match.group("version") else ""))
        if ref is not None:
            paper.text_refs.append(ref)
        paper.fill("category", match.group("category") or "")
    title = _STRAY_PERIOD.sub("", title)
    paper.fill(name, title)


def _add_link(url: str, paper: _Paper, path: str, line: int) -> None:
    url = url.strip()
    if not url or url == paper.values.get("abs_url"):
        return
    if not HTTP_URL.match(url):
        scheme = URL_SCHEME.match(url)
        what = f"scheme {scheme.group(1)[:20]!r}" if scheme else "a relative or malformed address"
        reason = f"dropped link with {what}: only http(s) links are kept"
        paper.warnings.append(Problem(path, line, reason, skipped=False, field="abs_url"))
        return
    ref = ref_from_url(url)
    if ref is None:
        paper.fill("venue_url", url)
        return
    paper.fill("pdf_url" if ref.kind == "pdf" else "abs_url", url)
    paper.link_refs.append(ref)


def _cut_link(paper: _Paper, path: str, line: int) -> None:
    reason = "link is cut off (no closing parenthesis); its address was dropped"
    paper.warnings.append(Problem(path, line, reason, skipped=False, field="abs_url"))
