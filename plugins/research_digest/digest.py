"""The whole pipeline, from configured sources to a Digest: read, detect, parse, clean, merge,
date, correct. Knows nothing of MkDocs, so tests and the command line get the same Digest the
site is built from."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import logging
import pickle
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import parallel, sources
from .clean import clean_entry
from .corrections import apply_corrections, load_corrections
from .enrich import AppearanceDates
from .merge import Mergeable, merge_entries, prepare
from .model import Entry, Paper, PaperDate, Problem
from .parse_cache import cached_parse_all
from .reading import Document, discover, display_name, read_document

log = logging.getLogger("mkdocs.plugins.research_digest")

# Less text than this (characters) is parsed in-process. Starting workers costs ~10 ms; on
# two cores they break even at ~0.25 M characters, ~0.6 M when another program keeps a core busy.
MIN_TEXT_FOR_WORKERS = 1_000_000


@dataclass(frozen=True)
class DigestOptions:
    sources: Sequence[str] = ("seeds/",)
    base_dir: Path = Path(".")
    source_dates: Mapping[str, PaperDate] = field(default_factory=dict)
    corrections: Path | None = None
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
    report = DocumentReport(document.name, fmt.NAME, len(entries), tuple(problems), document.encoding)
    return entries, report


def build_digest(options: DigestOptions) -> Digest:
    with _cycle_collector_paused(options.freeze):
        return _build_digest(options)


@contextlib.contextmanager
def _cycle_collector_paused(freeze: bool):
    """Parsing and loading the parse cache create hundreds of thousands of long-lived objects,
    none in a reference cycle; the cycle collector would walk them again and again (a third of
    the time of a warm parse) and find nothing. Freezing moves them out of its reach for good;
    plain reference counting still frees them when the digest is dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def _build_digest(options: DigestOptions) -> Digest:
    paths, problems = discover(list(options.sources), options.base_dir)
    unreadable: dict[int, DocumentReport] = {}
    documents = _readable(paths, options.base_dir, unreadable)
    parsed = iter(cached_parse_all(documents, options.base_dir, _parse_missing))  # reused while unchanged
    all_entries: list[Mergeable] = []
    reports: list[DocumentReport] = []
    for position in range(len(paths)):
        if position in unreadable:
            reports.append(unreadable[position])
            continue
        entries, report = next(parsed)
        all_entries.extend(entries)
        reports.append(report)
    papers = merge_entries(all_entries, AppearanceDates(options.source_dates))
    if options.corrections:
        papers, correction_problems, corrected = _corrected(papers, options)
        problems.extend(correction_problems)
        reports = [_without_corrected_damage(report, papers, corrected) for report in reports]
    every_problem = tuple(problems) + tuple(p for report in reports for p in report.problems)
    return Digest(tuple(papers), tuple(reports), every_problem)


def _readable(paths: list[Path], base_dir: Path, unreadable: dict[int, DocumentReport]) -> Iterator[Document]:
    """The documents that can be read, read one at a time; for each that cannot, its report
    goes into ``unreadable`` under its position in ``paths``."""
    for position, path in enumerate(paths):
        document, problem = read_document(path, base_dir)
        if document is None:
            unreadable[position] = DocumentReport(display_name(path, base_dir), None, 0, (problem,))
        else:
            yield document


def _parse_missing(documents: list[Document]) -> Iterator[tuple[int, Parsed, bytes | None]]:
    """Each document's position, parse result and, from a worker, that result pickled; on all
    cores when there is enough text and forking is safe, else (or if the workers fail) here."""
    done: set[int] = set()
    workers = _worker_count(documents)
    if workers > 1:
        try:
            for index, pickled in parallel.map_pickled(parse_document, documents, workers, _largest_first(documents)):
                done.add(index)
                yield index, pickle.loads(pickled), pickled
        except parallel.WorkersUnavailable as error:
            log.debug("research-digest: parsing in this process, the worker processes failed: %s", error)
    for index, document in enumerate(documents):
        if index not in done:
            yield index, parse_document(document), None


def _worker_count(documents: list[Document]) -> int:
    if sum(len(document.text) for document in documents) < MIN_TEXT_FOR_WORKERS:
        return 1
    return parallel.worker_count(len(documents))


def _largest_first(documents: list[Document]) -> list[int]:
    """Documents differ in size many times over: the largest go first, so that no worker is
    left with a large one while the others have finished."""
    return sorted(range(len(documents)), key=lambda index: -len(documents[index].text))


def _corrected(
    papers: list[Paper], options: DigestOptions
) -> tuple[list[Paper], list[Problem], set[tuple[str, str]]]:
    """Papers with the corrections file applied, its problems, and the (paper id, field)
    pairs it set."""
    path = options.corrections
    assert path is not None
    name = display_name(path, options.base_dir)
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
