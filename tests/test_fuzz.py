"""Hostile and broken input: property-based tests over mutated real documents (issue 6).

Every seed in ``seeds/``, and a JSON Lines document of the seeds' merged papers, is mutated the way
real digests get damaged (truncated anywhere, lines deleted, duplicated, swapped or moved, noise and
random bytes inserted, 1 MB fields, mixed line endings, a BOM, GBK/GB18030 bytes decoded through
``reading.decode``) and handed to its format's
parser, to every other format's parser (all of ``sources.FORMATS``: a new format is fuzzed without
a change here), to format detection and to the whole pipeline. Properties:

- nothing raises;
- every item is an Entry (with source and line) or a Problem (with file and line), and every line
  points inside the document;
- *accounting*: each paper that is recognisable in the mutated document — counted here by a
  simple, independent rule per format (see ``footnote_starts``, ``daily_starts``, ``venue_rows``,
  ``record_lines``) — gives exactly one Entry or one skipped Problem on its own line, and nothing
  else does (but a table line of the wrong shape, reported as skipped with its cell count; and a
  JSON Lines record gives one Entry per place its paper was seen);
- parsing takes linear time: four times the input, about four times the time (``complexity.py``);
- parsed text fields carry no markup of the source (``<details>``, ``<br``, ``**``, ``](``).

The examples are bounded by the ``fuzz-ci`` profile (deterministic, a few thousand examples,
well under a minute); ``RESEARCH_DIGEST_FUZZ=long`` runs ten times as many with fresh randomness.
"""

from __future__ import annotations

import builtins
import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from research_digest import reading
from research_digest.digest import DigestOptions, build_digest
from research_digest.model import Entry, Problem
from complexity import assert_linear
from research_digest.sources import FORMATS, daily, detect_format, footnote, jsonl, venue_table
from test_sources_jsonl import record_of

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile(
    "fuzz-ci", max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=_SLOW
)
settings.register_profile("fuzz-long", max_examples=3000, deadline=None, suppress_health_check=_SLOW)
PROFILE = settings.get_profile("fuzz-long" if os.environ.get("RESEARCH_DIGEST_FUZZ") == "long" else "fuzz-ci")
SCALE = PROFILE.max_examples / 300


def fuzz(examples: int) -> settings:
    """The module's profile with this test's share of the examples (scaled for the long profile)."""
    return settings(PROFILE, max_examples=max(1, int(examples * SCALE)))


class Seed:
    def __init__(self, name: str, fmt, count: int | None = None) -> None:
        self.name, self.format, self._count = name, fmt, count

    @property
    def count(self) -> int:
        """Its entries: as written for a real seed; one per appearance of each paper for the JSON Lines one."""
        return self._count if self._count is not None else sum(len(json.loads(line)["appearances"]) for line in _SEED_LINES[self.name] if line)

    @property
    def text(self) -> str:
        return _SEED_TEXT[self.name]

    def __repr__(self) -> str:
        return f"Seed({self.name!r})"


ALL_SEEDS = (
    Seed("000_4d930b09bd2532f5.txt", footnote, 23),
    Seed("001_466e798c07ea2cbe.txt", daily, 39),
    Seed("002_d7b3bf122039df21.txt", footnote, 23),
    Seed("003_daa8b05561275366.txt", footnote, 4),
    Seed("004_8365cecda7d1ee74.txt", venue_table, 41),
    Seed("papers.jsonl", jsonl),  # the merged papers of all the seeds above, one record a line
)


def _seed_text(name: str) -> str:
    if name != "papers.jsonl":
        return (SEEDS / name).read_bytes().decode("utf-8")
    digest = build_digest(DigestOptions(("./",), SEEDS, freeze=False))
    return "".join(json.dumps(record_of(paper), ensure_ascii=False) + "\n" for paper in digest.papers)


_SEED_TEXT = {seed.name: _seed_text(seed.name) for seed in ALL_SEEDS}
_SEED_LINES = {name: text.split("\n") for name, text in _SEED_TEXT.items()}
SEED_IDS = {"ids": lambda seed: seed.name[:3] if seed.name[0].isdigit() else seed.format.NAME}


def normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_count(text: str) -> int:
    return normalised(text).count("\n") + 1


# ---------------------------------------------------------------------------- what is recognisable
#
# Each rule is deliberately simpler than its parser: it only says where a paper starts.

_FN_DEFINITION = re.compile(r" {0,3}\[\^([^\]\s]+)\]:")
_FN_TABLE_ROW = re.compile(r" {0,3}\|?[ \t]*\[\^([^\]\s]+)\][ \t]*\|")


def footnote_starts(text: str) -> Counter[int]:
    """Lines of papers in a footnote digest: every `[^N]:` definition, and every `| [^N] |` table row
    beyond the number of definitions of its label (the k-th row of a label pairs with its k-th
    definition and shares the definition's line)."""
    lines = normalised(text.removeprefix("\ufeff")).split("\n")
    definitions: dict[str, list[int]] = {}
    rows: dict[str, list[int]] = {}
    for number, line in enumerate(lines, start=1):
        if match := _FN_DEFINITION.match(line):
            definitions.setdefault(match[1], []).append(number)
        elif match := _FN_TABLE_ROW.match(line):
            rows.setdefault(match[1], []).append(number)
    starts = Counter(number for found in definitions.values() for number in found)
    for label, found in rows.items():
        starts.update(found[len(definitions.get(label, ())) :])
    return starts


_DAILY_KEYS = {
    "index": "index", "title": "title", "title_en": "title", "title_cn": "title_zh", "title_zh": "title_zh",
    "authors": "authors", "author": "authors", "abstract": "abstract", "abstract_en": "abstract",
    "abstract_cn": "abstract_zh", "abstract_zh": "abstract_zh", "pdf": "pdf", "code": "code",
}
_DAILY_MARKER = re.compile(r"\*\*[ \t]*([A-Za-z][A-Za-z0-9_\- ]{0,30}?)[ \t]*[:：][ \t]*\*\*")
_DAILY_HEADING = re.compile(r"#{1,6}(?:\s|\*\*|$)")
_DAILY_DATE_LINE = re.compile(r"[\W_]*(?:updated|publish).*\d{4}", re.IGNORECASE)


def daily_starts(text: str) -> Counter[int]:
    """Lines of papers in a daily digest: an `**index:**` marker starts one; so does any field marker
    (`**Title:**`, `**Authors:**`, …) that the current paper already has, or the first one after a
    heading or a date line."""
    starts: Counter[int] = Counter()
    seen: set[str] | None = None
    for number, line in enumerate(normalised(text).split("\n"), start=1):
        body = line.lstrip(" \t>\ufeff").rstrip()
        if body.startswith("#") and _DAILY_HEADING.match(body):
            seen = None
            continue
        keys = [_DAILY_KEYS.get(re.sub(r"[\s\-]+", "_", m[1].strip().lower())) for m in _DAILY_MARKER.finditer(body)]
        keys = [key for key in keys if key]
        if not keys and len(body) <= 120 and _DAILY_DATE_LINE.match(body) and _has_day(body):
            seen = None
        for key in keys:
            if seen is None or key == "index" or key in seen:
                starts[number] += 1
                seen = set()
            seen.add(key)
    return starts


def _has_day(body: str) -> bool:
    from research_digest import dates
    from research_digest.model import DateOrigin

    return dates.find_day(body, DateOrigin.DOCUMENT) is not None


_VENUE_TITLE = {"题目", "title"}
_VENUE_PAPER = {"作者", "摘要", "中文摘要", "link", "authors", "abstract"}
_VENUE_NAME_NOISE = re.compile(r"[*_`~\s:：]|</?[a-zA-Z][^<>]*>")
_DIVIDER_CELL = re.compile(r"\s*:?-+:?\s*")
# Block structure only: where code and raw HTML are (inline parsing of a megabyte of `[` is quadratic).
_MD = MarkdownIt("commonmark").enable("table").disable("inline")


def _row_cells(line: str) -> list[str]:
    text = re.sub(r"^[ \t]*(?:>[ \t]?)*[ \t]*", "", line).strip()
    cells = [cell.replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", text)]
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def venue_rows(text: str) -> Counter[int]:
    """Lines of papers in a venue table: after a venue header (a title column and two of authors /
    abstract / link) with its divider row, every line with exactly the header's number of cells,
    other than a divider or a repeated header, and not inside code or raw HTML."""
    doc = normalised(text)
    lines = doc.split("\n")
    literal = set()
    for token in _MD.parse(doc):
        if token.type in ("code_block", "fence", "html_block") and token.map:
            literal.update(range(token.map[0], token.map[1]))
    rows: Counter[int] = Counter()
    header: list[str] | None = None
    for index, line in enumerate(lines):
        cells = [cell.strip() for cell in _row_cells(line.lstrip("\ufeff"))]
        if "|" not in line or index in literal:
            continue
        if _is_divider(cells):
            continue
        names = {_VENUE_NAME_NOISE.sub("", cell).lower() for cell in cells}
        if names & _VENUE_TITLE and len(names & _VENUE_PAPER) >= 2:
            below = _row_cells(lines[index + 1]) if index + 1 < len(lines) else []
            has_divider = _is_divider(below) and len(below) == len(cells) and (index + 1) not in literal
            header = cells if has_divider else None
            continue
        if header is None:
            continue
        if len(cells) > len(header) and not any(cells[len(header) :]):
            cells = cells[: len(header)]
        if len(cells) == len(header) and cells != header:
            rows[index + 1] += 1
    return rows


def _is_divider(cells: list[str]) -> bool:
    return bool(cells) and all(_DIVIDER_CELL.fullmatch(cell) for cell in cells)


# By format name. A format without a rule here is still fuzzed (every test below iterates FORMATS);
# only the accounting of its papers needs its rule.
def record_lines(text: str) -> Counter[int]:
    """Lines of papers in a JSON Lines document: every line with anything visible on it."""
    lines = normalised(text).split("\n")
    return Counter(number for number, line in enumerate(lines, start=1) if not re.fullmatch(r"[\s\ufeff\u200b]*", line))


RECOGNISABLE = {footnote.NAME: footnote_starts, daily.NAME: daily_starts, venue_table.NAME: venue_rows,
                jsonl.NAME: record_lines}
# Formats whose one record (one line) may give several entries: one per place the paper was seen.
ENTRIES_PER_APPEARANCE = {jsonl.NAME}

# Problems a parser may add on a line that starts no paper: the rows it could not even split.
_NOT_A_PAPER = re.compile(r"cell|separator|divider", re.IGNORECASE)
_MARKUP = ("<details", "</details", "<br", "**", "](")


# ---------------------------------------------------------------------------- mutations

STRUCTURE = [
    "|", " | ", "[^1]:", "[^7]: ", "| [^3] |", "**index:** 1<br />", "**Title:** ", "**Title_cn:**", "**Authors:**",
    "<br />", "<details><summary>", "</details>", "<", "](", "[", "**", "\n", "\n\n", "\r", "\r\n", "\ufeff",
    "# ", "## [UPDATED!] **2024-02-17**", "    ", "\t", "| --- |", "\\|", "`", "```", "<!--", "\x00", "\ufffd",
]
NOISE = st.one_of(st.sampled_from(STRUCTURE), st.sampled_from(STRUCTURE), st.text(max_size=16))


class Mutated:
    """A mutated document; a plain class so that a failure prints the mutations, not 100 kB of text."""

    def __init__(self, text: str, noise: tuple[str, ...] = (), how: tuple[str, ...] = ()) -> None:
        self.text = text
        self.noise = noise  # everything inserted, so a markup check can tell inserted markup from leaked markup
        self.how = how  # the mutations, for a readable failure report

    def __repr__(self) -> str:
        return f"Mutated({len(self.text)} characters, {line_count(self.text)} lines, how={self.how!r})"

    def may_contain(self, markup: str) -> bool:
        return any(char in piece for piece in self.noise for char in markup) or markup in self.noise


@st.composite
def mutated(draw: st.DrawFn, seed: Seed) -> Mutated:
    lines = list(_SEED_LINES[seed.name])
    noise: list[str] = []
    how: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "move", "cut", "insert", "insert"]))
        how.append(f"{operation} line {at + 1}: {lines[at][:60]!r}")
        if operation == "delete":
            del lines[at]
        elif operation == "duplicate":
            lines.insert(at, lines[at])
        elif operation in ("swap", "move"):
            other = draw(st.integers(0, len(lines) - 1))
            how.append(f"  with line {other + 1}")
            if operation == "swap":
                lines[at], lines[other] = lines[other], lines[at]
            else:
                lines.insert(other, lines.pop(at))
        elif operation == "cut":
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
            how.append(f"  to {lines[at][-60:]!r}")
        else:
            piece = draw(NOISE)
            # Noise inside a line may break its markup into text (`*|*Abstract_cn:**`): that markup is exempt.
            noise.extend([piece, *(markup for markup in _MARKUP if markup in lines[at])])
            position = draw(st.integers(0, len(lines[at])))
            how.append(f"  {piece!r} at {position}")
            lines[at] = lines[at][:position] + piece + lines[at][position:]
    ending = draw(st.sampled_from(["\n", "\n", "\r\n", "\r", "mixed"]))
    if ending == "mixed":
        step = draw(st.integers(1, 7))
        endings = ("\n", "\r\n", "\r")
        text = "".join(line + endings[(number * step) % 3] for number, line in enumerate(lines))[:-1]
    else:
        text = ending.join(lines)
    how.append(f"line endings {ending!r}")
    if draw(st.integers(0, 4)) == 0:
        text = "\ufeff" + text
        how.append("BOM")
    if draw(st.integers(0, 2)) == 0:
        text = text[: draw(st.integers(0, len(text)))]
        how.append(f"truncated after {text[-60:]!r}")
    return Mutated(text, tuple(noise), tuple(how))


@st.composite
def encoded(draw: st.DrawFn, seed: Seed) -> Mutated:
    """A mutated seed written as UTF-8, GB18030 or GBK bytes (maybe with random bytes inserted), read
    back through the project's decoding."""
    document = draw(mutated(seed))
    encoding = draw(st.sampled_from(["utf-8", "gb18030", "gbk"]))
    raw = document.text.encode(encoding, errors="replace")
    noise = list(document.noise)
    for _ in range(draw(st.integers(0, 3))):
        junk = draw(st.binary(min_size=1, max_size=8))
        noise.append(junk.decode("latin-1"))
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + junk + raw[at:]
    text, found = reading.decode(raw)
    how = (*document.how, f"as {encoding}, {len(noise) - len(document.noise)} random byte strings, read as {found!r}")
    if text is None:
        return Mutated("", (), how)
    if len(noise) > len(document.noise):  # a wrong guess at the encoding may produce any character
        noise.append(text)
    return Mutated(text, tuple(noise), how)


# ---------------------------------------------------------------------------- the properties


def check_parse(fmt, document: Mutated, path: str = "mutated.md") -> list[Entry | Problem]:
    text = document.text
    items = list(fmt.parse(text, path))
    lines = line_count(text)
    for item in items:
        assert isinstance(item, (Entry, Problem)), item
        assert item.source == path
        assert item.line is not None and 1 <= item.line <= lines, item
        if isinstance(item, Entry):
            assert item.format == fmt.NAME
            assert item.title_en or item.title_zh, item
            for value in (item.title_en, item.title_zh, item.tldr_zh, item.tldr_en, item.abstract_zh,
                          item.abstract_en, item.section, *item.authors):
                for markup in _MARKUP:
                    assert markup not in value or document.may_contain(markup), (markup, value[:300])
        else:
            assert "internal error" not in item.reason and "could not be read" not in item.reason, item

    recognisable = RECOGNISABLE.get(fmt.NAME)
    if recognisable is None:
        return items
    expected = recognisable(text)
    accounted = Counter(item.line for item in items if isinstance(item, Entry) or item.skipped)
    if fmt.NAME in ENTRIES_PER_APPEARANCE:
        accounted = Counter(set(accounted))
    extra = {
        line: [item.reason for item in items if item.line == line]
        for line in (accounted - expected)
        if not all(isinstance(item, Problem) and _NOT_A_PAPER.search(item.reason) for item in items if item.line == line)
    }
    missing = expected - accounted
    assert not missing, f"recognisable but neither parsed nor reported: lines {sorted(missing)}"
    assert not extra, f"parsed or skipped where no paper starts: {extra}"
    return items


@pytest.mark.parametrize("seed", ALL_SEEDS, **SEED_IDS)
def test_unmutated_seeds_give_exactly_their_papers(seed: Seed) -> None:
    items = check_parse(seed.format, Mutated(seed.text, ()))
    assert [type(item) for item in items] == [Entry] * seed.count
    recognisable = RECOGNISABLE[seed.format.NAME](seed.text)
    if seed.format.NAME in ENTRIES_PER_APPEARANCE:
        assert len(recognisable) == len({item.line for item in items})
    else:
        assert sum(recognisable.values()) == seed.count
    assert detect_format(seed.text) is seed.format


@pytest.mark.parametrize("seed", ALL_SEEDS, **SEED_IDS)
def test_seeds_read_back_from_gb18030_and_with_a_bom(seed: Seed) -> None:
    for raw in (seed.text.encode("gb18030"), b"\xef\xbb\xbf" + seed.text.encode("utf-8")):
        text, _ = reading.decode(raw)
        assert text == seed.text
    text, encoding = reading.decode(seed.text.encode("gbk", errors="replace"))
    assert encoding in ("gb18030", "gbk") and text is not None
    assert sum(isinstance(item, Entry) for item in seed.format.parse(text, "gbk.md")) == seed.count


def _each_seed(strategy):
    return st.sampled_from(ALL_SEEDS).flatmap(lambda seed: st.tuples(st.just(seed), strategy(seed)))


@pytest.mark.parametrize("seed", ALL_SEEDS, **SEED_IDS)
@fuzz(250)
@given(data=st.data())
def test_mutated_seeds_are_parsed_or_reported(seed: Seed, data: st.DataObject) -> None:
    check_parse(seed.format, data.draw(mutated(seed), label="document"))


@pytest.mark.parametrize("seed", ALL_SEEDS, **SEED_IDS)
@fuzz(85)
@given(data=st.data())
def test_mutated_bytes_through_decoding(seed: Seed, data: st.DataObject) -> None:
    document = data.draw(encoded(seed), label="document")
    check_parse(seed.format, document)


@fuzz(600)
@given(_each_seed(mutated))
def test_detection_follows_the_content(case: tuple[Seed, Mutated]) -> None:
    """Detection never raises and, while a document still holds papers of its format (two parsed,
    and no signature of another format), names that format."""
    seed, document = case
    found = detect_format(document.text)
    others = [fmt for fmt in FORMATS if fmt is not seed.format]
    papers = sum(isinstance(item, Entry) for item in seed.format.parse(document.text, "mutated.md"))
    if papers >= 2 and not any(fmt.detect(document.text) for fmt in others):
        assert found is seed.format


@fuzz(300)
@given(_each_seed(mutated))
def test_every_parser_survives_every_other_format(case: tuple[Seed, Mutated]) -> None:
    seed, document = case
    for fmt in FORMATS:
        if fmt is not seed.format:
            check_parse(fmt, document)


_WORD = re.compile(r"[A-Za-z\u4e00-\u9fff]{2}")


@st.composite
def huge_field(draw: st.DrawFn, seed: Seed) -> Mutated:
    """A field of a seed blown up to about a megabyte, by filler inserted inside one of its words."""
    lines = list(_SEED_LINES[seed.name])
    candidates = [number for number, line in enumerate(lines) if _WORD.search(line)]
    at = draw(st.sampled_from(candidates))
    line = lines[at]
    position = draw(st.sampled_from([match.start() + 1 for match in _WORD.finditer(line)]))
    unit = draw(st.sampled_from(["a", "摘", "word ", "| ", "*", "[", "<br", " ", "\t", "\\|"]))
    lines[at] = line[:position] + unit * (1_000_000 // len(unit)) + line[position:]
    how = (f"{unit!r} * {1_000_000 // len(unit)} inside line {at + 1} at {position}: {line[:60]!r}",)
    return Mutated("\n".join(lines), (unit,), how)


@fuzz(25)
@given(_each_seed(huge_field))
def test_megabyte_fields(case: tuple[Seed, Mutated]) -> None:
    seed, document = case
    check_parse(seed.format, document)
    detect_format(document.text)  # never raises; the linear-time checks are below


# Fillers that once made a parser quadratic, and the seed line (with a word) each is put into.
_HUGE_FILLERS = ["| ", "*", "[", "<br", "\\|"]


@pytest.mark.parametrize("seed", ALL_SEEDS, **SEED_IDS)
def test_huge_fields_parse_in_linear_time(seed: Seed) -> None:
    """A field of each seed blown up by each filler: four times the filler, about four times the time."""
    lines = _SEED_LINES[seed.name]
    at = next(number for number, line in enumerate(lines) if _WORD.search(line) and number > 2)
    position = _WORD.search(lines[at]).start() + 1

    def parse_with(filler: str, size: int) -> None:
        blown = lines[at][:position] + filler * size + lines[at][position:]
        text = "\n".join([*lines[:at], blown, *lines[at + 1:]])
        list(seed.format.parse(text, "huge.md"))
        detect_format(text)

    for filler in _HUGE_FILLERS:
        assert_linear(lambda size: parse_with(filler, size), 25_000 // len(filler), (seed.name, filler))


@fuzz(150)
@given(st.text(alphabet=" \t\n\r\x0b\x0c\u3000\u00a0\ufeff\u200b", max_size=200))
def test_empty_and_whitespace_documents(text: str) -> None:
    assert detect_format(text) is None
    for fmt in FORMATS:
        assert list(fmt.parse(text, "blank.md")) == []


PATHOLOGICAL_UNITS = [
    "|", "| ", "\\|", "|-", "*", "**", "** ", "[", "[^", "[^1]", "[^1]: ", "](", "[x](", "(arXiv:", "arXiv: ",
    "<", "<br", "<br />", "<details>", "</details>", "<a ", "<!--", "&", "&#", "`", "``", "_ ", "~~", "#", "> ",
    "- ", "-", " ", "\t", "UPDATED ", "**index:**", "**Title:** ", "http://", "摘",
]
# The start of a paper in each format, for the pathological line to land inside a field (by name;
# a format without one gets the line alone).
PATHOLOGICAL_PREFIXES = {
    footnote.NAME: "# 摘要\n\n| Ref | Title | Summary |\n| --- | --- | --- |\n| [^1] | T | ",
    daily.NAME: "## [UPDATED!] **2024-02-16**\n**Title:** T<br />\n**Abstract:** ",
    venue_table.NAME: "| 题目 | 作者 | 摘要 | link |\n| --- | --- | --- | --- |\n| ",
}


@pytest.mark.parametrize("unit", PATHOLOGICAL_UNITS)
def test_pathological_lines_parse_in_linear_time(unit: str) -> None:
    """Lines of one repeated piece of markup (100,000 characters, and four times as long as a
    25,000-character one takes about four times as long), alone and inside each format."""

    def read(characters: int) -> None:
        line = unit * (characters // len(unit))
        for fmt in FORMATS:
            text = PATHOLOGICAL_PREFIXES.get(fmt.NAME, "") + line + "\n" + line + "\n\n    " + line
            detect_format(text)
            assert all(isinstance(item, (Entry, Problem)) and item.line for item in fmt.parse(text, "evil.md"))

    assert_linear(read, 25_000, unit)


# ---------------------------------------------------------------------------- bugs the fuzzing found

LINK = "[https://arxiv.org/abs/2404.01964](https://arxiv.org/abs/2404.01964)"
VENUE_HEADER = "| 年份 | 题目 | 作者 | 摘要 | 中文摘要 | link |\n| --- | --- | --- | --- | --- | --- |\n"


def only(fmt, text: str) -> tuple[Entry, list[Problem]]:
    items = list(fmt.parse(text, "bug.md"))
    entries = [item for item in items if isinstance(item, Entry)]
    assert len(entries) == 1, items
    return entries[0], [item for item in items if isinstance(item, Problem)]


@pytest.mark.parametrize(
    "text, title_en",
    [
        ("[^1]: 中文标题\n\n    English Title\n    " + LINK + "\n", "English Title"),  # blank line before the link lost
        ("[^1]: 中文标题\n    " + LINK + "\n\n    中文总结。\n", ""),  # blank line after the definition lost
    ],
)
def test_footnote_link_line_without_its_blank_line_stays_a_link(text: str, title_en: str) -> None:
    entry, problems = only(footnote, text)
    assert (entry.title_zh, entry.title_en) == ("中文标题", title_en)
    assert (entry.abs_url, entry.arxiv_id, problems) == ("https://arxiv.org/abs/2404.01964", "2404.01964", [])


@pytest.mark.parametrize(
    "cut, abs_url",
    [("[https://arxiv.org/abs/2404.01964](", "https://arxiv.org/abs/2404.01964"),
     ("[https://arxiv.org/abs/2404.0", ""), ("[Some Paper](https://arxiv.org/abs/2404.0", "")],
)
def test_footnote_link_cut_by_truncation_is_not_text(cut: str, abs_url: str) -> None:
    entry, problems = only(footnote, "[^1]: 中文标题\n\n    English Title\n\n    " + cut)
    assert (entry.title_en, entry.tldr_en, entry.abs_url) == ("English Title", "", abs_url)
    assert [problem.line for problem in problems if "cut off" in problem.reason] == ([] if abs_url else [5])


def test_footnote_inline_link_in_prose_keeps_its_text() -> None:
    entry, _ = only(footnote, "[^1]: 中文标题\n\n    English Title\n\n    " + LINK + "\n\n    See [the code](https://x.org/a_(b)).\n")
    assert entry.tldr_en == "See the code."


def test_daily_marker_cut_by_truncation_does_not_join_the_field_above() -> None:
    text = "**Title:** T<br />\n**Abstract:** <details><summary>原文: </summary>Text.\n**Abstract_c"
    assert only(daily, text)[0].abstract_en == "Text."


def test_daily_cut_date_heading_is_a_section_without_markup() -> None:
    assert only(daily, "## [UPDATED!] **2\n**Title:** T<br />\n")[0].section == "[UPDATED!] 2"


@pytest.mark.parametrize(
    "between",
    ["\nprose\n", "# A heading\n", "> quoted\n", "\nAuthors cut | off | here |\n"],
)
def test_venue_rows_after_a_break_are_still_read(between: str) -> None:
    text = VENUE_HEADER + "| 2023 | One | A | x | y | z |\n" + between + "| 2023 | Two | A | x | y | z |\n"
    items = list(venue_table.parse(text, "bug.md"))
    assert [item.title_en for item in items if isinstance(item, Entry)] == ["One", "Two"]
    assert all(isinstance(item, Entry) or item.skipped for item in items)


@pytest.mark.parametrize(
    "prefix, unit, size",
    [("", " ", 100_000),  # venue_table.detect: the divider regex backtracked cubically (never finished)
     ("#", "UPDATED ", 12_500),  # daily.detect: the header regex was quadratic (4 s)
     ("**Title:** T<br />\n**Abstract:** x", "*", 250_000),  # daily: stripping bold by slicing (11 s)
     ("**Title:** T<br />\n**Abstract:** x", "<br />", 40_000)],
)
def test_inputs_that_were_slow_now_take_linear_time(prefix: str, unit: str, size: int) -> None:
    def read(repeats: int) -> None:
        text = prefix + unit * repeats
        detect_format(text)
        for fmt in FORMATS:
            list(fmt.parse(text, "slow.md"))

    assert_linear(read, size // 4, unit)


# ---------------------------------------------------------------------------- the whole pipeline


@fuzz(60)
@given(_each_seed(mutated))
def test_pipeline_never_raises_on_a_mutated_document(tmp_path_factory, case: tuple[Seed, Mutated]) -> None:
    seed, document = case
    folder = tmp_path_factory.mktemp("digests")
    (folder / "mutated.md").write_bytes(document.text.encode("utf-8", errors="surrogateescape"))
    (folder / "intact.txt").write_text(ALL_SEEDS[3].text, encoding="utf-8")
    digest = build_digest(DigestOptions(("./",), folder))
    reports = {report.name: report for report in digest.documents}
    assert reports["intact.txt"].entries == 4
    assert set(reports) == {"mutated.md", "intact.txt"}
    for problem in digest.problems:
        assert problem.source in reports and "internal error" not in problem.reason


# ---------------------------------------------------------------------------- reading failures


def _folder_with_a_good_document(tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "good.md").write_text(ALL_SEEDS[3].text, encoding="utf-8")
    return tmp_path


def _warnings_and_good(folder: Path) -> tuple[dict[str, str], int]:
    digest = build_digest(DigestOptions(("./",), folder))
    good = next(report for report in digest.documents if report.name == "good.md")
    return {problem.source: problem.reason for problem in digest.problems}, good.entries


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads a chmod 000 file anyway")
def test_unreadable_file_is_a_warning(tmp_path: Path) -> None:
    folder = _folder_with_a_good_document(tmp_path)
    locked = folder / "locked.md"
    locked.write_text(ALL_SEEDS[3].text, encoding="utf-8")
    locked.chmod(0)
    try:
        warnings, good = _warnings_and_good(folder)
    finally:
        locked.chmod(0o644)
    assert "cannot be read" in warnings["locked.md"] and good == 4


def test_permission_error_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder_with_a_good_document(tmp_path)
    (folder / "locked.md").write_text(ALL_SEEDS[3].text, encoding="utf-8")
    real_open = builtins.open
    real_read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "locked.md":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_bytes(path)

    def refuse_open(file, *args, **kwargs):
        if Path(str(file)).name == "locked.md":
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(builtins, "open", refuse_open)
    warnings, good = _warnings_and_good(folder)
    assert "Permission denied" in warnings["locked.md"] and good == 4


def test_folder_named_like_a_document_is_a_warning(tmp_path: Path) -> None:
    folder = _folder_with_a_good_document(tmp_path)
    (folder / "foo.md").mkdir()
    (folder / "foo.md" / "inside.md").write_text(ALL_SEEDS[3].text, encoding="utf-8")
    digest = build_digest(DigestOptions(("./",), folder))
    reports = {report.name: report for report in digest.documents}
    assert "folder" in reports["foo.md"].problems[0].reason
    assert reports["good.md"].entries == 4 and reports["foo.md/inside.md"].entries == 4


@pytest.mark.parametrize("target", ["missing.md", "/nonexistent/elsewhere.md"])
def test_broken_symlink_is_a_warning_naming_the_link(tmp_path: Path, target: str) -> None:
    folder = _folder_with_a_good_document(tmp_path)
    (folder / "dangling.md").symlink_to(target)
    warnings, good = _warnings_and_good(folder)
    assert set(warnings) == {"dangling.md"}
    assert "cannot be read" in warnings["dangling.md"] and good == 4


def test_named_pipe_is_a_warning_not_a_hang(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    folder = _folder_with_a_good_document(tmp_path)
    os.mkfifo(folder / "pipe.md")
    warnings, good = _warnings_and_good(folder)
    assert "not a regular file" in warnings["pipe.md"] and good == 4


@pytest.mark.parametrize(
    "raw",
    [b"", b"\xef\xbb\xbf", b"\x00" * 10, b"\xff\xfe" + "# 摘要\n".encode("utf-16-le"), b"\xfe\xff" + "# 摘要\n".encode("utf-16-be"),
     bytes(range(256)), "[^1]: 标题\n".encode("gb18030") + b"\x81"],
)
def test_odd_bytes_decode_or_are_refused(raw: bytes) -> None:
    text, _ = reading.decode(raw)
    if text is not None:
        assert "\x00" not in text
        for fmt in FORMATS:
            list(fmt.parse(text, "odd.md"))
