"""A synthetic corpus of digests, deterministic by seed: mostly daily arXiv digests (about 80
papers a day), some footnote digests and a few venue tables, with the variants real digests
have, and a few percent of papers repeated across documents.

``synthesise(papers=N, ...)`` writes documents describing exactly N distinct papers (repeats
are extra entries of papers already written) and a ``corpus.json`` manifest of what it wrote.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
import shutil
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from . import words as W
from .prose import TextMaker
from .variants import section_label, with_tex

MANIFEST = "corpus.json"
FORMAT_FOLDERS = {"daily": "daily", "footnote": "footnote", "venue-table": "venues"}
START = dt.date(2024, 1, 2)
PAPERS_PER_DAY = 80
VENUE_SHARE, FOOTNOTE_SHARE = 0.04, 0.08
DAILY_REPEAT, FOOTNOTE_REPEAT, VENUE_REPEAT = 0.03, 0.10, 0.05
FOOTNOTE_DOC_SIZE = 25
FFFD = "\ufffd"


# --- papers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SynthPaper:
    key: int
    name: str
    topic: int
    arxiv_id: str = ""
    version: int = 1
    category: str = "cs.CV"
    announce: str = "new"
    title_en: str = ""
    title_zh: str = ""
    authors: tuple[str, ...] = ()
    abstract_en: str = ""
    abstract_zh: str = ""
    tldr_zh: str = ""
    tldr_en: str = ""
    code_url: str = ""

    @property
    def section(self) -> str:
        return W.TOPICS[self.topic][0]


@dataclass
class Manifest:
    seed: int
    papers: int
    entries: int = 0
    repeats: int = 0
    days: int = 0
    documents: dict[str, int] = field(default_factory=dict)
    entries_by_format: dict[str, int] = field(default_factory=dict)

    def count(self, fmt: str, entries: int, repeats: int) -> None:
        self.documents[fmt] = self.documents.get(fmt, 0) + 1
        self.entries_by_format[fmt] = self.entries_by_format.get(fmt, 0) + entries
        self.entries += entries
        self.repeats += repeats


def unique_name(key: int) -> str:
    """A pronounceable method name no other key gets (three fixed-width syllables, a bijection)."""
    base = len(W.SYLLABLES)
    value = (key * 7919 + 104729) % base**3
    letters = "".join(W.SYLLABLES[(value // base**k) % base] for k in range(3))
    return letters.capitalize() + W.NAME_SUFFIXES[key % len(W.NAME_SUFFIXES)]


class PaperMaker:
    """Distinct papers: unique names and arXiv ids, prose of realistic length."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.text = TextMaker(rng)
        self.keys = 0
        self.next_number: dict[str, int] = {}

    def arxiv_id(self, day: dt.date) -> str:
        month = f"{day.year % 100:02d}{day.month:02d}"
        number = self.next_number.get(month, self.rng.randint(1, 400)) + self.rng.randint(1, 25)
        self.next_number[month] = number
        return f"{month}.{number:05d}"

    def paper(self, day: dt.date | None) -> SynthPaper:
        rng, key = self.rng, self.keys
        self.keys += 1
        paper = SynthPaper(key=key, name=unique_name(key), topic=rng.randrange(len(W.TOPICS)))
        slots = self.text.slots(paper)
        code = f"https://{rng.choice(W.CODE_HOSTS)}/{paper.name.lower()}-lab/{paper.name.lower()}" if rng.random() < 0.3 else ""
        return with_tex(replace(
            paper,
            arxiv_id=self.arxiv_id(day) if day else "", version=2 if rng.random() < 0.1 else 1,
            category=rng.choice(W.CATEGORIES), announce=rng.choice(W.ANNOUNCE_TYPES),
            title_en=self.text.title(slots, zh=False), title_zh=self.text.title(slots, zh=True),
            authors=self.text.authors(), abstract_en=self.text.abstract(slots, zh=False),
            abstract_zh=self.text.abstract(slots, zh=True), tldr_zh=self.text.tldr(slots, zh=True),
            tldr_en=self.text.tldr(slots, zh=False), code_url=code,
        ))


# --- format writers: one per format --------------------------------------------------------


def _truncated_zh(text: str, rng: random.Random) -> str:
    """Cut as a byte-limited generator cuts: mid-character, leaving U+FFFD."""
    return text[: rng.randint(80, min(220, max(81, len(text) - 1)))] + FFFD


def _wrapped(text: str, rng: random.Random, indent: str = "") -> str:
    words = text.split(" ")
    cut = rng.randint(1, max(1, len(words) - 1))
    return " ".join(words[:cut]) + "\n" + indent + " ".join(words[cut:])


def _pdf_link(paper: SynthPaper, rng: random.Random) -> str:
    scheme = "http" if rng.random() < 0.7 else "https"
    kind = "pdf" if rng.random() < 0.9 else "abs"
    return f"{scheme}://arxiv.org/{kind}/{paper.arxiv_id}v{paper.version}"


def _code_field(paper: SynthPaper, rng: random.Random) -> str:
    if not paper.code_url:
        return "**Code:** null<br />"
    return f"**Code:** <{paper.code_url}>**" if rng.random() < 0.4 else f"**Code:** <{paper.code_url}><br />"


def daily_entry(paper: SynthPaper, index: int, rng: random.Random) -> str:
    title = _wrapped(paper.title_en, rng) if rng.random() < 0.03 else paper.title_en
    abstract_zh = _truncated_zh(paper.abstract_zh, rng) if rng.random() < 0.3 else paper.abstract_zh
    lines = [f">>**index:** {index}<br />", f"**Title:** **{title}**<br />"]
    if rng.random() > 0.04:
        lines.append(f"**Title_cn:** {paper.title_zh}<br />")
    lines.append(f"**Authors:** {', '.join(paper.authors)}<br />")
    if rng.random() > 0.02:
        lines.append(f"**Abstract:** <details><summary>原文: </summary>{paper.abstract_en}</details>")
    if rng.random() > 0.04:
        lines.append(f"**Abstract_cn:** <details><summary>译文: </summary>{abstract_zh}</details>")
    lines += [f"**PDF:** <{_pdf_link(paper, rng)}><br />", _code_field(paper, rng)]
    return "\n".join(lines)


def daily_document(day: dt.date, papers: list[SynthPaper], rng: random.Random, dated: bool) -> str:
    """One day's digest: sections in a fixed order, entries numbered within each section."""
    by_section: dict[tuple[int, str], list[SynthPaper]] = defaultdict(list)
    for paper in papers:
        by_section[paper.topic, section_label(paper.topic, paper, day)].append(paper)
    parts = [f"## [UPDATED!] **{day.isoformat()}** (Publish Time)\n"] if dated else []
    for topic, label in sorted(by_section):
        entries = [daily_entry(paper, i, rng) for i, paper in enumerate(by_section[topic, label], start=1)]
        parts.append(f">## **{label}**\n>---\n" + "\n".join(entries) + "\n")
    return "\n".join(parts)


def footnote_row(label: int, paper: SynthPaper, old_style: bool) -> str:
    title, link = (f"{paper.title_en}.", f"http://arxiv.org/abs/{paper.arxiv_id}") if old_style else (
        paper.title_en, f"https://arxiv.org/abs/{paper.arxiv_id}")
    return f"| [^{label}] | [{title}]({link}) | {paper.tldr_zh} |"


def footnote_note(label: int, paper: SynthPaper, old_style: bool, rng: random.Random) -> str:
    ref = f"{paper.arxiv_id}v{paper.version}"
    if old_style:
        title_en, link = f"{paper.title_en}. (arXiv:{ref} [{paper.category}])", f"http://arxiv.org/abs/{paper.arxiv_id}"
        abstract_en, abstract_zh = paper.abstract_en[:300], paper.abstract_zh
    else:
        title_en, link = paper.title_en, f"https://arxiv.org/abs/{paper.arxiv_id}"
        abstract_en = f"arXiv:{ref} Announce Type: {paper.announce}  Abstract: {paper.abstract_en[:300]}"
        abstract_zh = paper.abstract_zh
        if rng.random() < 0.2:
            abstract_zh = f"arXiv:{ref} 公告类型: {W.ZH_ANNOUNCE_TYPES[paper.announce]} 摘要: {abstract_zh}"
    if rng.random() < 0.05:
        title_en = _wrapped(title_en, rng, indent="    ")
    blocks = [title_en, f"[{link}]({link})", paper.tldr_zh]
    if rng.random() < 0.05:
        blocks.append(paper.tldr_en)
    blocks.append("")  # the whitespace-only block between TL;DR and abstracts
    if rng.random() > 0.05:
        blocks.append(_truncated_zh(abstract_zh, rng) if rng.random() < 0.4 else abstract_zh)
    blocks.append(abstract_en)
    return f"[^{label}]: {paper.title_zh}\n\n" + "\n\n".join(f"    {block}" for block in blocks) + "\n    "


def footnote_document(papers: list[SynthPaper], old_style: bool, rng: random.Random) -> str:
    rows = [footnote_row(i, paper, old_style) for i, paper in enumerate(papers, start=1)]
    notes = [footnote_note(i, paper, old_style, rng) for i, paper in enumerate(papers, start=1)]
    table = "| Ref | Title | Summary |\n| --- | --- | --- |\n" + "\n".join(rows)
    return f"# 摘要\n\n{table}\n\n# 详细\n\n" + "\n".join(notes) + "\n"


def _venue_link(venue: str, year: int, paper: SynthPaper) -> str:
    words = "_".join(w.strip(":,") for w in paper.title_en.split()[:12])
    first_author = paper.authors[0].split()[-1] if paper.authors else "Anon"
    return f"https://openaccess.thecvf.com/content/{venue}{year}/papers/{first_author}_{words}_{venue}_{year}_paper.pdf"


def venue_row(first_cell: str, venue: str, year: int, paper: SynthPaper, rng: random.Random) -> str:
    abstract = "None" if rng.random() < 0.03 else paper.abstract_en
    abstract_zh = "None" if rng.random() < 0.1 else _truncated_zh(paper.abstract_zh, rng)
    cells = [first_cell, paper.title_en, ", ".join(paper.authors), abstract, abstract_zh,
             f"[link]({_venue_link(venue, year, paper)})"]
    return "| " + " | ".join(cells) + " |"


def venue_document(venue: str, year: int, papers: list[SynthPaper], numbered: bool, rng: random.Random) -> str:
    """``| 年份 | 题目 | …`` (or ``| 序号 | …``, the year then comes from the file name and links)."""
    header = f"| {'序号' if numbered else '年份'} | 题目 | 作者 | 摘要 | 中文摘要 | link |"
    divider = "| --- | --- | --- |" + "-" * rng.randint(20, 600) + "| --- | --- |"
    rows = [venue_row(str(i) if numbered else str(year), venue, year, paper, rng) for i, paper in enumerate(papers, 1)]
    return "\n".join([header, divider, *rows]) + "\n"


# --- the corpus -----------------------------------------------------------------------------


def weekdays(count: int, start: dt.date = START) -> list[dt.date]:
    days, day = [], start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def split_counts(total: int) -> tuple[int, int, int]:
    """(daily, footnote, venue) distinct papers; small corpora still get every format."""
    venue = max(3, round(total * VENUE_SHARE)) if total >= 30 else 0
    footnote = max(4, round(total * FOOTNOTE_SHARE)) if total >= 20 else 0
    return total - venue - footnote, footnote, venue


def _hex(rng: random.Random) -> str:
    return f"{rng.getrandbits(64):016x}"


def _repeat(paper: SynthPaper) -> SynthPaper:
    """The same paper announced again: a new version, a replacement."""
    return replace(paper, version=paper.version + 1, announce="replace")


class CorpusWriter:
    def __init__(self, out: Path, rng: random.Random, manifest: Manifest) -> None:
        self.out, self.rng, self.manifest = out, rng, manifest

    def write(self, fmt: str, name: str, text: str, entries: int, repeats: int) -> None:
        path = self.out / FORMAT_FOLDERS[fmt] / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        self.manifest.count(fmt, entries, repeats)

    def daily(self, number: int, day: dt.date, papers: list[SynthPaper], repeats: int) -> None:
        style = number % 8  # every naming style in any eight days
        if style < 4:
            name, dated = f"{day.year}/{day.isoformat()}.md", True
        elif style < 6:
            name, dated = f"{number:03d}_{_hex(self.rng)}.txt", True  # the date only in the text
        elif style == 6:
            name, dated = f"{day.strftime('%Y_%m_%d')}.md", False  # the date only in the name
        else:
            name, dated = f"arxiv-daily-{day.strftime('%Y%m%d')}.md", True
        self.write("daily", name, daily_document(day, papers, self.rng, dated), len(papers), repeats)

    def footnote(self, number: int, day: dt.date, papers: list[SynthPaper], repeats: int) -> None:
        old_style = number % 2 == 1  # older digests: http links, `(arXiv:…)` title suffixes
        name = f"{number:03d}_{_hex(self.rng)}.txt" if number % 4 < 2 else f"cs-cv-{number:03d}-{day.isoformat()}.md"
        self.write("footnote", name, footnote_document(papers, old_style, self.rng), len(papers), repeats)

    def venue(self, number: int, venue: str, year: int, papers: list[SynthPaper], repeats: int) -> None:
        numbered = number % 2 == 1  # `| 序号 |` tables: the year comes from the file name and links
        self.write("venue-table", f"{venue}{year}.md", venue_document(venue, year, papers, numbered, self.rng),
                   len(papers), repeats)


def _with_repeats(rng: random.Random, fresh: list[SynthPaper], pool: list[SynthPaper], share: float) -> tuple[list[SynthPaper], int]:
    count = min(len(pool), round(len(fresh) * share))
    repeats = [_repeat(paper) for paper in rng.sample(pool, count)] if count else []
    return fresh + repeats, count


def _daily_papers(maker: PaperMaker, days: list[dt.date], total: int) -> list[list[SynthPaper]]:
    counts = [total // len(days)] * len(days)
    for extra in maker.rng.sample(range(len(days)), total % len(days)):
        counts[extra] += 1
    return [[maker.paper(day) for _ in range(count)] for day, count in zip(days, counts)]


def _write_daily(writer: CorpusWriter, days: list[dt.date], per_day: list[list[SynthPaper]]) -> None:
    recent: list[SynthPaper] = []
    for number, (day, fresh) in enumerate(zip(days, per_day)):
        papers, repeats = _with_repeats(writer.rng, fresh, recent[-8 * PAPERS_PER_DAY :], DAILY_REPEAT)
        if not papers:
            continue  # more days than papers: a day without papers has no digest
        writer.rng.shuffle(papers)
        writer.daily(number, day, papers, repeats)
        recent.extend(fresh)


def _write_footnotes(writer: CorpusWriter, maker: PaperMaker, days: list[dt.date], total: int, daily: list[SynthPaper]) -> None:
    docs = max(1, math.ceil(total / FOOTNOTE_DOC_SIZE)) if total else 0
    for number in range(docs):
        size = total // docs + (1 if number < total % docs else 0)
        day = days[min(len(days) - 1, (number + 1) * len(days) // (docs + 1))]
        paper_day = [day - dt.timedelta(days=writer.rng.randint(0, 120)) for _ in range(size)]
        fresh = [maker.paper(d) for d in paper_day]
        papers, repeats = _with_repeats(writer.rng, fresh, daily, FOOTNOTE_REPEAT)
        writer.footnote(number, day, papers, repeats)


def _write_venues(writer: CorpusWriter, maker: PaperMaker, total: int, daily: list[SynthPaper]) -> None:
    tables = min(len(W.VENUES), max(1 if total < 6 else 2, math.ceil(total / 200))) if total else 0
    for number in range(tables):
        venue, year = W.VENUES[number]
        size = total // tables + (1 if number < total % tables else 0)
        papers, repeats = _with_repeats(writer.rng, [maker.paper(None) for _ in range(size)], daily, VENUE_REPEAT)
        writer.venue(number, venue, year, papers, repeats)


def _prepare(out: Path) -> None:
    """An empty folder, or one this generator wrote before (whose corpus is replaced)."""
    if out.exists() and any(out.iterdir()):
        if not (out / MANIFEST).exists():
            raise SystemExit(f"{out} is not empty and holds no {MANIFEST}: refusing to write a corpus there")
        for folder in FORMAT_FOLDERS.values():
            shutil.rmtree(out / folder, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)


def synthesise(papers: int, out: Path, *, days: int | None = None, seed: int = 0) -> Manifest:
    """Write a corpus of ``papers`` distinct papers over ``days`` daily digests into ``out``."""
    if papers < 1:
        raise ValueError("papers must be at least 1")
    n_daily, n_footnote, n_venue = split_counts(papers)
    days = days or max(1, math.ceil(n_daily / PAPERS_PER_DAY))
    dates = weekdays(days)
    rng = random.Random(seed)
    manifest = Manifest(seed=seed, papers=papers, days=days)
    _prepare(out)
    maker, writer = PaperMaker(rng), CorpusWriter(out, rng, manifest)
    per_day = _daily_papers(maker, dates, n_daily)
    daily = [paper for day in per_day for paper in day]
    _write_daily(writer, dates, per_day)
    _write_footnotes(writer, maker, dates, n_footnote, daily)
    _write_venues(writer, maker, n_venue, daily)
    (out / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


_DAY_HEADING = re.compile(r"\*\*(\d{4}-\d{2}-\d{2})\*\*")
_ARXIV_LINK = re.compile(r"arxiv\.org/(abs|pdf)/(\d{4})\.\d")


_DAILY_ENTRY = re.compile(r"^>>\*\*index:\*\*.*?(?=^>>\*\*index:\*\*|^>## |\Z)", re.S | re.M)


def next_day(corpus: Path, repeats: int = 0) -> tuple[Path, dt.date]:
    """Add the digest of the day after the corpus's newest daily digest: its papers with a new
    date, new arXiv ids and new titles (new papers), and ``repeats`` papers of a digest a month
    older seen again (as a new version would be). Returns the file and the day."""
    dated: dict[dt.date, Path] = {}
    for path in sorted((corpus / "daily").rglob("*.*")):
        found = _DAY_HEADING.search(path.read_text(encoding="utf-8")[:200])
        if found:
            dated[dt.date.fromisoformat(found.group(1))] = path
    newest = max(dated)
    day = newest + dt.timedelta(days=1)
    text = dated[newest].read_text(encoding="utf-8").replace(newest.isoformat(), day.isoformat())
    text = _ARXIV_LINK.sub(r"arxiv.org/\1/\2.9", text)
    text = text.replace("**Title:** **", "**Title:** **Fresh ").replace("**Title_cn:** ", "**Title_cn:** 新")
    if repeats:
        older = sorted(dated)[max(0, len(dated) - 30)]
        seen_again = _DAILY_ENTRY.findall(dated[older].read_text(encoding="utf-8"))[:repeats]
        text = text.rstrip("\n") + "\n" + "".join(seen_again)
    path = corpus / "daily" / f"next-day-{day.isoformat()}.md"
    path.write_text(text, encoding="utf-8")
    return path, day
