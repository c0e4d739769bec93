"""Running one function over many items in forked worker processes.

The workers are forked, not spawned: they start at once, with the code already imported and
the items already in memory, so a task is only an index and only results cross a pipe, each
pickled once, by the worker that computed it. Forking a process in which another thread runs
can leave a lock held for good in the child (``mkdocs serve`` rebuilds beside its live-reload
server's threads), so ``worker_count`` answers 1, run in-process, unless this is the only thread.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar


log = logging.getLogger("mkdocs.plugins.research_digest")

# Less work than this (in the unit of ``size``: characters, for documents) runs in-process.
# Starting workers costs ~10 ms; parsing on two cores breaks even at ~0.25 M characters,
# ~0.6 M when another program keeps a core busy.
MIN_SIZE_FOR_WORKERS = 1_000_000
# Tasks submitted and not yet answered, per worker: enough that a worker never waits for the
# parent to hand out its next one, few enough that the executor's queues stay short.
_AHEAD_PER_WORKER = 2

Item = TypeVar("Item")
Result = TypeVar("Result")


class WorkersUnavailable(Exception):
    """The worker processes could not start, or one of them died."""


def map_all(
    function: Callable[[Item], Result], items: Sequence[Item], size: Callable[[Item], int],
    wanted_workers: int | None = None,
) -> Iterator[tuple[int, Result, bytes | None]]:
    """``(index, function(items[index]), pickled)`` for every item, in any order: on all cores
    when the items are large enough in total and forking is safe, else (or if the workers
    fail) here. ``pickled`` is the result as a worker pickled it, None when computed here.
    ``wanted_workers``: as many workers (1: none), else one per usable CPU."""
    done: set[int] = set()
    workers = worker_count(len(items), wanted_workers) if sum(size(item) for item in items) >= MIN_SIZE_FOR_WORKERS else 1
    if workers > 1:
        try:
            for index, pickled in map_pickled(function, items, workers, _largest_first(items, size)):
                done.add(index)
                yield index, pickle.loads(pickled), pickled
        except WorkersUnavailable as error:
            log.debug("research-digest: working in this process, the worker processes failed: %s", error)
    for index, item in enumerate(items):
        if index not in done:
            yield index, function(item), None


def _largest_first(items: Sequence[Item], size: Callable[[Item], int]) -> list[int]:
    """Items differ in size many times over: the largest go first, so that no worker is left
    with a large one while the others have finished."""
    return sorted(range(len(items)), key=lambda index: -size(items[index]))


def worker_count(tasks: int, wanted: int | None = None) -> int:
    """How many worker processes to run ``tasks`` tasks in: ``wanted`` (from
    ``$RESEARCH_DIGEST_WORKERS``), else one per usable CPU, never more than the tasks; 1 means
    in-process."""
    if not fork_is_safe():
        return 1
    return max(1, min(len(os.sched_getaffinity(0)) if wanted is None else wanted, tasks))


def fork_is_safe() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


def map_pickled(
    function: Callable[[Any], Any], items: Sequence[Any], workers: int, order: Iterable[int] | None = None
) -> Iterator[tuple[int, bytes]]:
    """``(index, pickle.dumps(function(items[index])))`` for every item, as workers finish them;
    the items are handed out in ``order`` (by default as given).

    An exception raised by ``function`` is raised here. ``WorkersUnavailable`` means the
    workers could not start or one died: the items not yet yielded are the caller's to run.
    """
    context = multiprocessing.get_context("fork")
    try:
        executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_receive, initargs=(function, items))
    except (OSError, ValueError) as error:
        raise WorkersUnavailable(repr(error)) from error
    try:
        yield from _results(executor, iter(range(len(items)) if order is None else order), workers * _AHEAD_PER_WORKER)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)  # its threads gone: the next call can fork


def _results(executor: ProcessPoolExecutor, order: Iterator[int], ahead: int) -> Iterator[tuple[int, bytes]]:
    running: dict[Future[bytes], int] = {}
    while True:
        for index in itertools.islice(order, ahead - len(running)):
            running[_submit(executor, index)] = index
        if not running:
            return
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in finished:
            yield running.pop(future), _result(future)


def _submit(executor: ProcessPoolExecutor, index: int) -> Future[bytes]:
    try:
        return executor.submit(_call, index)  # the first submit forks the workers
    except (OSError, BrokenProcessPool) as error:
        raise WorkersUnavailable(repr(error)) from error


def _result(future: Future[bytes]) -> bytes:
    try:
        return future.result()
    except BrokenProcessPool as error:  # a worker was killed; the function's own errors pass
        raise WorkersUnavailable(repr(error)) from error


# --- in a worker --------------------------------------------------------------------------------

_function: Callable[[Any], Any] | None = None
_items: Sequence[Any] = ()


def _receive(function: Callable[[Any], Any], items: Sequence[Any]) -> None:
    """Runs first in each worker; forked, it gets its arguments without pickling."""
    global _function, _items
    _function, _items = function, items


def _call(index: int) -> bytes:
    assert _function is not None
    return pickle.dumps(_function(_items[index]), protocol=pickle.HIGHEST_PROTOCOL)
