"""What a ``mkdocs serve`` rebuild takes over from the build before it.

After one new digest, a rebuild derives the whole site again, and nearly all of it comes out
the same. ``CarryOver`` keeps each paper's derived values from the previous build (its topics,
card, BibTeX entry, JSON record, search tokens) and hands them back when their inputs are
equal; unchanged documents come from the parse cache as the very same objects, so the
comparison is mostly an identity check. Each build keeps only what it used.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

Value = TypeVar("Value")


class CarryOver:
    def __init__(self) -> None:
        self._previous: dict[tuple[str, Hashable], tuple[Any, Any]] = {}
        self._current: dict[tuple[str, Hashable], tuple[Any, Any]] = {}

    def get(self, kind: str, name: Hashable, inputs: Any, compute: Callable[[], Value]) -> Value:
        """``compute()``, or the value the previous build computed for ``(kind, name)`` from
        equal ``inputs``."""
        slot = (kind, name)
        kept = self._current.get(slot) or self._previous.get(slot)
        value = kept[1] if kept is not None and (kept[0] is inputs or kept[0] == inputs) else compute()
        self._current[slot] = (inputs, value)
        return value

    def next_build(self) -> None:
        self._previous, self._current = self._current, {}

    def forget(self) -> None:
        self._previous, self._current = {}, {}


class NoCarryOver(CarryOver):
    """For a one-off build: compute everything, keep nothing."""

    def get(self, kind: str, name: Hashable, inputs: Any, compute: Callable[[], Value]) -> Value:
        return compute()


NO_CARRY_OVER = NoCarryOver()
