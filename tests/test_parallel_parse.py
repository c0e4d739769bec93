"""Parsing on all cores: forked workers give exactly the in-process digest, and the build falls
back to parsing in-process whenever workers would not pay or would not be safe."""

from __future__ import annotations

import logging
import os
import pickle
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from research_digest import environment
from research_digest import digest as digest_module
from research_digest import parallel, parse_cache
from research_digest.bench.synth import synthesise
from research_digest.digest import Digest, DigestOptions, build_digest, parse_document
from research_digest.environment import Environment

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")

PAPERS = 300  # a few dozen documents of all three formats, well under the size that pays for workers


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    synthesise(PAPERS, folder, seed=11)
    return folder


@pytest.fixture(autouse=True)
def _private_cache(private_parse_cache: Path) -> None:
    """Every test parses with its own disk cache and an empty memory cache."""


@pytest.fixture
def parsers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[int]]:
    """The process ids that parsed a document, one per parse since the last call: a worker
    cannot report back any other way, so each parse appends its id to a file."""
    record = tmp_path / "parsers"

    def recording_parse(document):
        with open(record, "a", encoding="utf-8") as file:
            file.write(f"{os.getpid()}\n")
        return parse_document(document)

    def taken() -> list[int]:
        pids = [int(line) for line in record.read_text(encoding="utf-8").split()] if record.exists() else []
        record.unlink(missing_ok=True)
        return pids

    monkeypatch.setattr(digest_module, "parse_document", recording_parse)
    return taken


@pytest.fixture
def workers_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers, whatever the corpus size and the number of CPUs. Forking is also allowed
    although this process may run other threads (pytest-xdist, or earlier tests, may leave
    some): the workers only parse and answer on pipes of their own, so no lock such a thread
    could hold is one they need. The check itself is tested below with a thread of our own."""
    monkeypatch.setattr(parallel, "MIN_SIZE_FOR_WORKERS", 0)
    monkeypatch.setenv(environment.WORKERS_ENV, "2")
    monkeypatch.setattr(parallel, "fork_is_safe", lambda: True)


def _build(corpus: Path) -> Digest:
    """A build that finds nothing in the memory cache (the disk cache may answer)."""
    parse_cache.clear_memory()
    return build_digest(DigestOptions((str(corpus),), corpus))


def _in_process(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Digest:
    with monkeypatch.context() as patch:
        patch.setenv(environment.WORKERS_ENV, "1")
        return _build(corpus)


def _refuse(document):
    raise AssertionError("parsed again, but the cache should have answered")


def _cache_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "parse-cache").glob("*.pickle"))


# --- the same digest ----------------------------------------------------------------------------


@pytest.mark.usefixtures("workers_allowed")
def test_workers_parse_the_same_digest_as_one_process(corpus: Path, parsers, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(environment.CACHE_ENV, "off")
    threads = threading.active_count()
    alone = _in_process(corpus, monkeypatch)
    assert set(parsers()) == {os.getpid()}
    shared = _build(corpus)
    pids = parsers()
    assert len(pids) == len(alone.documents) and os.getpid() not in pids
    assert shared == alone
    assert [repr(paper) for paper in shared.papers] == [repr(paper) for paper in alone.papers]
    assert threading.active_count() == threads  # the pool's threads are gone: the next build may fork


@pytest.mark.usefixtures("workers_allowed")
def test_what_workers_cached_is_read_back_without_parsing(corpus: Path, parsers, monkeypatch, tmp_path: Path) -> None:
    cold = _build(corpus)
    assert os.getpid() not in parsers()
    assert len(_cache_files(tmp_path)) == len(cold.documents)
    monkeypatch.setattr(digest_module, "parse_document", _refuse)
    assert _in_process(corpus, monkeypatch) == cold


def _old_format(header: bytes, payload: bytes) -> bytes:
    from research_digest.cache_trust import MAC_BYTES

    return pickle.dumps((header.decode().strip(), pickle.loads(payload[MAC_BYTES:])))


@pytest.mark.parametrize(
    "damage",
    [
        _old_format,
        lambda header, payload: header + payload[: len(payload) // 2],
        lambda header, payload: header + pickle.dumps(("key", ([], None))),
        lambda header, payload: b"0" * len(header) + payload,
        lambda header, payload: b"",
    ],
    ids=["old-format", "truncated", "wrong-shape", "other-key", "empty"],
)
@pytest.mark.usefixtures("workers_allowed")
def test_a_stale_or_damaged_cache_file_is_parsed_again(corpus: Path, parsers, monkeypatch, tmp_path: Path, damage) -> None:
    cold = _build(corpus)
    parsers()
    for path in _cache_files(tmp_path):
        header, _, payload = path.read_bytes().partition(b"\n")
        path.write_bytes(damage(header + b"\n", payload))
    assert _build(corpus) == cold
    assert len(parsers()) == len(cold.documents)
    monkeypatch.setattr(digest_module, "parse_document", _refuse)
    assert _build(corpus) == cold  # rewritten whole


# --- when workers are not used ------------------------------------------------------------------


@pytest.mark.usefixtures("workers_allowed")
def test_one_configured_worker_parses_in_process(corpus: Path, parsers, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(environment.WORKERS_ENV, "1")
    _build(corpus)
    assert set(parsers()) == {os.getpid()}


def test_with_another_thread_running_nothing_is_forked(corpus: Path, parsers, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_SIZE_FOR_WORKERS", 0)
    monkeypatch.setenv(environment.WORKERS_ENV, "2")
    stop = threading.Event()
    server = threading.Thread(target=stop.wait, name="like the live-reload server")
    server.start()
    try:
        _build(corpus)
    finally:
        stop.set()
        server.join()
    assert set(parsers()) == {os.getpid()}


def test_a_small_corpus_is_parsed_in_process(corpus: Path, parsers, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(environment.WORKERS_ENV, "2")
    monkeypatch.setattr(parallel, "fork_is_safe", lambda: True)
    text = sum(len(path.read_text(encoding="utf-8")) for path in corpus.rglob("*.md"))
    assert text < parallel.MIN_SIZE_FOR_WORKERS
    _build(corpus)
    assert set(parsers()) == {os.getpid()}


@pytest.mark.usefixtures("workers_allowed")
def test_workers_that_cannot_start_leave_the_parse_in_process(corpus: Path, parsers, monkeypatch, caplog) -> None:
    def no_processes(*args, **kwargs):
        raise OSError("no more processes")

    monkeypatch.setenv(environment.CACHE_ENV, "off")
    alone = _in_process(corpus, monkeypatch)
    parsers()
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_processes)
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.research_digest"):
        assert _build(corpus) == alone
    assert set(parsers()) == {os.getpid()}
    assert "no more processes" in caplog.text


@pytest.mark.usefixtures("workers_allowed")
def test_a_worker_that_dies_leaves_the_rest_in_process(corpus: Path, parsers, monkeypatch, caplog) -> None:
    monkeypatch.setenv(environment.CACHE_ENV, "off")
    alone = _in_process(corpus, monkeypatch)
    parsers()
    parent = os.getpid()
    recording_parse = digest_module.parse_document

    def killed_in_a_worker(document):
        if os.getpid() != parent and document.name.startswith("venues/"):
            os._exit(1)
        return recording_parse(document)

    monkeypatch.setattr(digest_module, "parse_document", killed_in_a_worker)
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.research_digest"):
        assert _build(corpus) == alone
    assert parent in parsers()
    assert "worker processes failed" in caplog.text


@pytest.mark.usefixtures("workers_allowed")
def test_an_error_in_the_parser_is_raised_as_in_process(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_parse(document):
        if document.name.startswith("footnote/"):
            raise ValueError(f"cannot parse {document.name}")
        return parse_document(document)

    monkeypatch.setattr(digest_module, "parse_document", broken_parse)
    threads = threading.active_count()
    with pytest.raises(ValueError, match="cannot parse footnote/"):
        _build(corpus)
    assert threading.active_count() == threads


# --- the worker pool itself -----------------------------------------------------------------------


def _square(number: int) -> int:
    return number * number


def test_every_item_is_answered_once_pickled_in_any_order() -> None:
    """Forks whatever threads this process runs, as ``workers_allowed`` explains."""
    items = list(range(40))
    answers = list(parallel.map_pickled(_square, items, 2, order=reversed(range(40))))
    assert sorted(index for index, _ in answers) == items
    assert all(pickle.loads(answer) == index * index for index, answer in answers)


def test_worker_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "fork_is_safe", lambda: True)
    cpus = len(os.sched_getaffinity(0))
    wanted = {value: Environment.read({environment.WORKERS_ENV: value}).workers for value in (" 3 ", "8", "0", "many")}
    assert parallel.worker_count(1000, None) == cpus
    assert parallel.worker_count(1000, wanted[" 3 "]) == 3
    assert parallel.worker_count(2, wanted["8"]) == 2
    assert parallel.worker_count(1000, wanted["0"]) == 1
    assert parallel.worker_count(1000, wanted["many"]) == cpus
    assert parallel.worker_count(0, None) == 1
    monkeypatch.setattr(parallel, "fork_is_safe", lambda: False)
    assert parallel.worker_count(1000, 3) == 1
