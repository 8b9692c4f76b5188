"""Renderables that remember how they rendered, for long OptionLists that are redrawn often.

Textual's ``OptionList`` renders every option of a Rich renderable twice per ``set_options``
(once to learn its height, once to draw it) and again on every redraw. A 60-entry item of the
live screen is redrawn on each switch and each filing, so its entries were laid out from scratch
each time (the biggest cost of switching items). ``Memo`` keeps the segments per set of console
options, and ``MemoCache`` hands out the same ``Memo`` for the same inputs, so an entry or agenda
line that did not change is laid out once. The output is exactly the wrapped renderable's.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable

from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.segment import Segment


class Memo:
    """``renderable``, rendered once per width (and the other options that change layout)."""

    __slots__ = ("_renders", "renderable")

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._renders: dict[int, list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable[Segment]:
        # Keyed on the width alone: Textual asks with two sets of options (one to learn the
        # height, another to draw) that differ only in ``height`` and ``highlight``, which do
        # not change how a Text or a table grid of Texts wraps. Keying on all the options made
        # the two calls evict each other, so every entry was laid out again on each redraw.
        key = options.max_width
        segments = self._renders.get(key)
        if segments is None:
            if len(self._renders) >= 2:  # the list's width rarely changes (a scrollbar, a resize)
                self._renders.clear()
            segments = list(console.render(self.renderable, options.update(height=None)))
            self._renders[key] = segments
        return segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


class MemoCache:
    """The same ``Memo`` for the same key while it is in use; bounded so memory stays flat
    (2,000 laid-out entries, about half a 60 x 60 meeting, are a few MB)."""

    def __init__(self, limit: int = 2000) -> None:
        self.limit = limit
        self._memos: dict[Hashable, Memo] = {}

    def get(self, key: Hashable, make: Callable[[], RenderableType]) -> Memo:
        memo = self._memos.get(key)
        if memo is None:
            if len(self._memos) >= self.limit:
                self._memos.clear()
            memo = self._memos[key] = Memo(make())
        return memo

    def clear(self) -> None:
        self._memos.clear()
