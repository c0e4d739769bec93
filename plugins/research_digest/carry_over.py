"""What a ``mkdocs serve`` rebuild takes over from the build before it.

After one new digest, a rebuild derives the whole site again, and nearly all of it comes out
the same. ``carry_over.get(function, *args)`` is ``function(*args)``, or the value the previous
build got from the same function called with the same arguments: the key is the call itself,
so it cannot drift from what the computation reads. For that, ``function`` reads nothing but
its arguments: a module-level function or a class, never a closure or a bound method (``get``
refuses those). The one exception is ``functools.partial``: the values bound in it are the
build's site-wide setting (taxonomy, templates, options), which are not compared; a changed
setting changes the site signature, and the plugin then calls ``forget``.

Unchanged documents come from the parse cache as the very same objects, so comparing the
arguments is mostly an identity check. A previous call is found by the function and its first
argument (a paper by its id, else the value itself, which must then be hashable); all
arguments are then compared. Each build keeps only what it used.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

Value = TypeVar("Value")


class CarryOver:
    def __init__(self) -> None:
        self._previous: dict[tuple[Hashable, Hashable], tuple[tuple, Any]] = {}
        self._current: dict[tuple[Hashable, Hashable], tuple[tuple, Any]] = {}
        self._checked: dict[Callable[..., Any], Callable[..., Any]] = {}  # this build's functions, checked once

    def get(self, function: Callable[..., Value], *args: Any) -> Value:
        """``function(*args)``, or the value the previous build computed by the same call."""
        plain = self._checked.get(function)
        if plain is None:
            plain = self._checked[function] = _plain(function)
        slot = (plain, getattr(args[0], "id", args[0]) if args else None)
        kept = self._current.get(slot) or self._previous.get(slot)
        if kept is not None and kept[0] == args:  # tuples compare item by item, identity first
            value = kept[1]
        else:
            value = function(*args)
        self._current[slot] = (args, value)
        return value

    def next_build(self) -> None:
        self._previous, self._current, self._checked = self._current, {}, {}

    def forget(self) -> None:
        self._previous, self._current, self._checked = {}, {}, {}


class NoCarryOver(CarryOver):
    """For a one-off build: compute everything, keep nothing."""

    def get(self, function: Callable[..., Value], *args: Any) -> Value:
        _plain(function)
        return function(*args)


NO_CARRY_OVER = NoCarryOver()


def _plain(function: Callable[..., Any]) -> Callable[..., Any]:
    """The function a call stands for; refuses one that could read more than its arguments."""
    inner = function.func if isinstance(function, functools.partial) else function
    bound_to = getattr(inner, "__self__", None)
    if (bound_to is not None and not inspect.ismodule(bound_to)) or getattr(inner, "__closure__", None) \
            or getattr(inner, "__name__", "") == "<lambda>":
        raise TypeError(f"carry_over.get needs a function of its arguments alone, not {inner!r}")
    return inner
