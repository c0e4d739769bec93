"""The whole pipeline, from configured sources to a Digest: read, detect, parse, clean, merge,
date, correct. Knows nothing of MkDocs, so tests and the command line get the same Digest the
site is built from."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import arxiv, dates, parallel, parse_cache, sources
from .clean import clean_entry
from .corrections import apply_corrections, load_corrections
from .enrich import AppearanceDates
from .environment import Environment
from .heap import cycle_collector_paused
from .merge import Mergeable, distinct_dates, merge_entries, prepare
from .model import DateOrigin, Entry, Paper, PaperDate, Problem
from .parse_cache import cached_parse_all
from .reading import (
    Document, SourceRoot, discover, display_name, pattern_as_name, read_document, source_roots,
)


@dataclass(frozen=True)
class DigestOptions:
    sources: Sequence[str] = ("seeds/",)
    base_dir: Path = Path(".")
    source_dates: Mapping[str, PaperDate] = field(default_factory=dict)
    corrections: Path | None = None
    # The parse cache's folder (relative: to base_dir; None: memory only) and the number of parse
    # workers (None: one per usable CPU). options.resolve sets them; built by hand, the environment's.
    cache_folder: Path | None = field(default_factory=lambda: Environment.read().cache_folder)
    workers: int | None = field(default_factory=lambda: Environment.read().workers)
    sources_name: str = "sources"  # what warnings call the sources (the option, DIGEST_SOURCES, ...)
    # The build's "today" (dates.reference_day: SOURCE_DATE_EPOCH, else the clock) when None.
    reference_day: dt.date | None = None
    # Move everything alive after parsing out of the cycle collector's reach for good: right for a
    # process that builds once; a process that rebuilds (mkdocs serve) would also freeze the
    # previous build's garbage cycles, which then are never freed.
    freeze: bool = True


@dataclass(frozen=True)
class DocumentReport:
    """What became of one document: its format, how many entries it gave, what went wrong."""

    name: str
    format: str | None
    entries: int
    problems: tuple[Problem, ...] = ()
    encoding: str = "utf-8"


Parsed = tuple[list[Mergeable], DocumentReport]


@dataclass(frozen=True)
class Digest:
    papers: tuple[Paper, ...]
    documents: tuple[DocumentReport, ...]
    problems: tuple[Problem, ...]

    @property
    def entry_count(self) -> int:
        return sum(document.entries for document in self.documents)

    @property
    def skipped(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.skipped)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Problems that fail a strict build: skipped entries and damage, not notices."""
        return tuple(problem for problem in self.problems if not problem.skipped and not problem.notice)

    def paper(self, paper_id: str) -> Paper | None:
        return next((paper for paper in self.papers if paper.id == paper_id), None)


def parse_document(document: Document) -> Parsed:
    """Detect the document's format and read every entry in it, cleaned and ready to merge."""
    if sources.is_empty(document.text):  # nothing lost, so nothing skipped: worth a note only
        problem = Problem(document.name, None, "is empty", skipped=False, notice=True)
        return [], DocumentReport(document.name, None, 0, (problem,), document.encoding)
    fmt = sources.detect_format(document.text)
    if fmt is None:
        problem = Problem(document.name, None, sources.unknown_format_reason())
        return [], DocumentReport(document.name, None, 0, (problem,), document.encoding)
    entries: list[Mergeable] = []
    problems: list[Problem] = []
    for item in fmt.parse(document.text, document.name):
        if isinstance(item, Entry):
            cleaned, damage = clean_entry(item)
            entries.append(prepare(cleaned))
            problems.extend(damage)
        else:
            problems.append(item)
    wrong_day = dates.impossible_day_in_path(document.name)
    if wrong_day and entries:
        problems.append(Problem(document.name, None, f"impossible date {wrong_day!r} in the path; not used", skipped=False, field="date"))
    report = DocumentReport(document.name, fmt.NAME, len(entries), tuple(problems), document.encoding)
    return entries, report


def build_digest(options: DigestOptions) -> Digest:
    with cycle_collector_paused(options.freeze):
        return _build_digest(options)


def _build_digest(options: DigestOptions) -> Digest:
    paths, problems = discover(list(options.sources), options.base_dir)
    if not paths:
        problems.append(_no_documents(options))
    unreadable: dict[int, DocumentReport] = {}
    roots = source_roots(list(options.sources), options.base_dir)
    documents = _readable(paths, options.base_dir, roots, unreadable)
    cache = None if options.cache_folder is None else options.base_dir / options.cache_folder
    parsed = iter(cached_parse_all(  # reused while unchanged
        documents, cache,
        lambda missing: parallel.map_all(parse_document, missing, size=_text_size, wanted_workers=options.workers),
    ))
    all_entries: list[Mergeable] = []
    reports: list[DocumentReport] = []
    for position in range(len(paths)):
        if position in unreadable:
            reports.append(unreadable[position])
            continue
        entries, report = next(parsed)
        all_entries.extend(entries)
        reports.append(report)
    appearance_dates = AppearanceDates({
        pattern_as_name(pattern, options.base_dir, roots): date for pattern, date in options.source_dates.items()
    })
    papers = merge_entries(all_entries, appearance_dates)
    papers = _without_future_dates(papers, options.reference_day or dates.reference_day(), appearance_dates, problems)
    if options.corrections:
        papers, correction_problems, corrected = _corrected(papers, options)
        problems.extend(correction_problems)
        reports = [_without_corrected_damage(report, papers, corrected) for report in reports]
    every_problem = tuple(problems) + tuple(p for report in reports for p in report.problems)
    return Digest(tuple(papers), tuple(reports), every_problem)


def _no_documents(options: DigestOptions) -> Problem:
    """Nothing to build from is a mistake (a wrong path, an empty DIGEST_SOURCES), not an empty site."""
    reason = "hold no digest document" if options.sources else "name no file or folder"
    return Problem(options.sources_name, None, f"{reason}: the site has no papers", skipped=False)


def _without_future_dates(
    papers: list[Paper], reference: dt.date, appearance_dates: AppearanceDates, problems: list[Problem]
) -> list[Paper]:
    """A date after the build's reference day (plus a day for time zones) is a typo: warned
    about, and the appearance is dated as if its document stated no date. It must not become the
    site's latest day, the feeds' last build date or a sitemap date."""
    last = dates.latest_possible_day(reference)
    checked = []
    for paper in papers:
        if all(date.value <= last for date in paper.dates):
            checked.append(paper)
            continue
        appearances = []
        for seen in paper.appearances:
            if seen.date is not None and seen.date.value > last:
                reason = f"date {seen.date.key} is after the build's reference day {reference.isoformat()}; not used"
                problems.append(Problem(seen.source, seen.line, reason, skipped=False, field="date"))
                seen = dataclasses.replace(seen, date=_fallback_date(paper, seen.source, last, appearance_dates))
            appearances.append(seen)
        checked.append(dataclasses.replace(
            paper, appearances=tuple(appearances), dates=distinct_dates(seen.date for seen in appearances)
        ))
    return checked


def _fallback_date(paper: Paper, source: str, last: dt.date, appearance_dates: AppearanceDates) -> PaperDate | None:
    """The next date by precedence (path, configuration, arXiv month, venue year) that is not
    after ``last`` either."""
    year_month = arxiv.year_month(paper.arxiv_id) if paper.arxiv_id else None
    candidates = (
        dates.date_from_path(source),
        appearance_dates.configured_date(source),
        dates.month_date(*year_month, DateOrigin.ARXIV_ID) if year_month else None,
        dates.year_date(paper.year, DateOrigin.VENUE_YEAR) if paper.year else None,
    )
    return next((date for date in candidates if date is not None and date.value <= last), None)


def _readable(
    paths: list[Path], base_dir: Path, roots: tuple[SourceRoot, ...], unreadable: dict[int, DocumentReport]
) -> Iterator[Document]:
    """The documents that can be read, read one at a time; for each that cannot, its report
    goes into ``unreadable`` under its position in ``paths``."""
    for position, path in enumerate(paths):
        document = parse_cache.unchanged(path, display_name(path, base_dir, roots), Document)
        if document is not None:
            yield document
            continue
        state = parse_cache.file_state(path)
        document, problem = read_document(path, base_dir, roots)
        if document is None:
            unreadable[position] = DocumentReport(display_name(path, base_dir, roots), None, 0, (problem,))
        else:
            parse_cache.remember_read(document, state)
            yield document


def _text_size(document: Document) -> int:
    return len(document.text)


def _corrected(
    papers: list[Paper], options: DigestOptions
) -> tuple[list[Paper], list[Problem], set[tuple[str, str]]]:
    """Papers with the corrections file applied, its problems, and the (paper id, field)
    pairs it set."""
    path = options.corrections
    assert path is not None
    name = display_name(path, options.base_dir, (SourceRoot(path.parent, path.parent.name),))
    if not path.exists():
        return papers, [Problem(name, None, "corrections file does not exist", skipped=False)], set()
    corrections, problems = load_corrections(path, name)
    papers, applied = apply_corrections(papers, corrections, name)
    corrected = {(c.paper_id, str(field)) for c in corrections for field in c.values}
    return papers, problems + applied, corrected


def _without_corrected_damage(
    report: DocumentReport, papers: list[Paper], corrected: set[tuple[str, str]]
) -> DocumentReport:
    """A damage warning is settled once the corrections file sets that field of that paper."""
    if not corrected or not report.problems:
        return report
    paper_at = {
        (appearance.source, appearance.line): paper.id
        for paper in papers
        for appearance in paper.appearances
        if appearance.source == report.name
    }
    kept = tuple(
        problem for problem in report.problems
        if problem.skipped or (paper_at.get((problem.source, problem.line or 0)), problem.field) not in corrected
    )
    return dataclasses.replace(report, problems=kept)
