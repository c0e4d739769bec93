"""Complexity checks that do not flake: the time of an input four times as large against the time
of the input itself. Linear work grows about 4x, quadratic work 16x; the limit sits between them
with room for a busy machine, and each size is timed a few times and the best time kept (a
descheduled run only ever makes one measurement slower)."""

from __future__ import annotations

import time
from collections.abc import Callable

GROWTH = 4  # the large input is this many times the small one
LIMIT = 10.0  # allowed growth of the time: linear gives ~4 (up to ~9 where the input outgrows a CPU cache), quadratic ~16
FLOOR = 0.01  # seconds: below this, timer noise and cache effects outweigh the work
REPEATS = 2


def best_time(run: Callable[[], object], repeats: int = REPEATS) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def assert_linear(run: Callable[[int], object], size: int, what: object = "") -> None:
    """``run(n)`` does the work for an input of scale ``n``; it must not grow faster than linearly."""
    small = best_time(lambda: run(size))
    large = best_time(lambda: run(size * GROWTH))
    assert large <= LIMIT * max(small, FLOOR), (
        f"{what}: {large:.3f} s at {GROWTH}x the input against {small:.3f} s (ratio {large / max(small, 1e-9):.1f})"
    )
