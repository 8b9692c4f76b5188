"""A line of the live screen's lists: short fixed-width cells, then a text wrapped beside them.

It draws exactly what ``Table.grid(expand=True)`` drew for the same cells (the tests compare
the two, segment by segment) at about half the cost: a grid measures every cell and pads each
line through several layers, and the entries and agenda lists lay out hundreds of these when the
clerk opens a meeting or goes to an item not shown before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.text import Text

Justify = Literal["left", "right"]


class Cell:
    """A fixed-width cell: its text is cut with an ellipsis when longer, never wrapped."""

    __slots__ = ("justify", "text", "width")

    def __init__(self, text: Text, width: int, justify: Justify = "left") -> None:
        self.text = text
        self.width = width
        self.justify = justify

    def fitted(self) -> Text:
        text = self.text.copy()
        text.truncate(self.width, overflow="ellipsis")
        gap = self.width - text.cell_len
        if gap > 0:  # the padding takes the text's own style, as a grid cell's does
            if self.justify == "right":
                text.pad_left(gap)
            else:
                text.pad_right(gap)
        return text


class Gutter:
    """``cells`` side by side (one space after each), then ``body`` wrapped in what is left."""

    __slots__ = ("body", "cells")

    def __init__(self, cells: Sequence[Cell], body: Text) -> None:
        self.cells = tuple(cells)
        self.body = body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable[Segment]:
        used = sum(cell.width + 1 for cell in self.cells)
        body_width = max(1, options.max_width - used)
        lines = self.body.wrap(console, body_width, justify="left", overflow="ellipsis")
        first: list[Segment] = []
        for cell in self.cells:
            first.extend(_segments(console, cell.fitted()))
            first.append(Segment(" "))
        blank = Segment(" " * used)
        newline = Segment.line()
        for index, line in enumerate(lines):
            if index == 0:
                yield from first
            else:
                yield blank
            if line.cell_len < body_width:
                line.pad_right(body_width - line.cell_len)
            yield from _segments(console, line)
            yield newline


def _segments(console: Console, text: Text) -> Iterable[Segment]:
    """``text`` as segments, its own (base) style included (``Text.render`` leaves it out)."""
    if not text.style:
        return text.render(console)
    return Segment.apply_style(text.render(console), console.get_style(text.style))
