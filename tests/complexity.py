"""Complexity checks that do not flake: the time of an input four times as large against the time
of the input itself. Linear work grows about 4x, quadratic work 16x; the limit sits between them.

What makes it steady on a shared, busy machine: the time measured is this process's own CPU time
(``time.process_time``), which other programs cannot stretch the way they stretch wall-clock time;
the garbage collector is paused while timing (its passes depend on what earlier tests left); and
the two sizes are timed in turns, keeping the best of each, so a burst of load or a cold cache
cannot fall on one size only."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

GROWTH = 4  # the large input is this many times the small one
LIMIT = 10.0  # allowed growth of the time: linear gives ~4 (up to ~9 where the input outgrows a CPU cache), quadratic ~16
FLOOR = 0.01  # seconds: below this, timer resolution and cache effects outweigh the work
ROUNDS = 3


def cpu_time(run: Callable[[], object]) -> float:
    enabled = gc.isenabled()
    gc.disable()
    try:
        started = time.process_time()
        run()
        return time.process_time() - started
    finally:
        if enabled:
            gc.enable()


def best_times(small: Callable[[], object], large: Callable[[], object], rounds: int = ROUNDS) -> tuple[float, float]:
    """The best CPU time of each, measured in turns."""
    best_small = best_large = float("inf")
    for _ in range(rounds):
        best_small = min(best_small, cpu_time(small))
        best_large = min(best_large, cpu_time(large))
    return best_small, best_large


def assert_linear(run: Callable[[int], object], size: int, what: object = "") -> None:
    """``run(n)`` does the work for an input of scale ``n``; it must not grow faster than linearly."""
    small, large = best_times(lambda: run(size), lambda: run(size * GROWTH))
    assert large <= LIMIT * max(small, FLOOR), (
        f"{what}: {large:.3f} s at {GROWTH}x the input against {small:.3f} s (ratio {large / max(small, 1e-9):.1f})"
    )
