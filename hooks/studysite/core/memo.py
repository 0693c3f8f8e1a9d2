"""Results of pure functions kept from one build of `make serve` to the next, by their arguments.

A preview rebuilds on every save, and most of what a build computes is the same as last time: the checks of
every page the clerk did not touch. The serve process (scripts/serve.py) hands each build a Memo; a function
called through it with arguments it was called with in the previous build returns the previous result, so
the build computes exactly what a fresh build computes (the functions are pure: same arguments, same result)
and only the changed part costs time. A plain `mkdocs build` has no Memo and calls the functions directly.
Only what the last build used is kept: memory stays that of one build.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
_ATTRIBUTE = "studysite_memo"


class Memo:
    def __init__(self) -> None:
        self._last: dict[tuple, object] = {}
        self._this: dict[tuple, object] = {}

    def next_build(self) -> None:
        """A build starts: what the previous one used stays available, anything older goes."""
        self._last, self._this = self._this, {}

    def clear(self) -> None:
        self._last, self._this = {}, {}

    def call(self, function: Callable[..., T], *args: object) -> T:
        key = (function, *args)
        if key in self._this:
            return self._this[key]  # type: ignore[return-value]
        value = self._last[key] if key in self._last else function(*args)
        self._this[key] = value
        return value  # type: ignore[return-value]


def same(value: T) -> T:
    return value


def interned(memo: Memo | None, value: T) -> T:
    """value, or the equal value of the previous build: keys holding it then compare by identity, at once."""
    return value if memo is None else memo.call(same, value)


def call(memo: Memo | None, function: Callable[..., T], *args: object) -> T:
    """function(*args), through the preview's Memo when this build has one."""
    return function(*args) if memo is None else memo.call(function, *args)


def attach_memo(config: object, memo: Memo) -> None:
    setattr(config, _ATTRIBUTE, memo)


def memo_of(config: object) -> Memo | None:
    """The preview's Memo for this build (None in every other build)."""
    return getattr(config, _ATTRIBUTE, None)
