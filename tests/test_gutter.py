"""panel_minutes.tui.widgets.gutter: the entries and agenda lines draw what a Rich table grid drew, cheaper."""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from panel_minutes.tui.widgets.gutter import Cell, Gutter

Cells = list[list[tuple[str, Style]]]


def _cells(console: Console, renderable: RenderableType, width: int) -> Cells:
    """Each line as (character, style) pairs: what the terminal shows, whatever the segments."""
    lines = console.render_lines(renderable, console.options.update_width(width), pad=False)
    return [[(ch, seg.style or Style()) for seg in line for ch in seg.text] for line in lines]


def _entry_grid(label: Text, body: Text) -> Table:
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=4, justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(label, body)
    return grid


def _agenda_grid(marker: Text, number: Text, title: Text) -> Table:
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(width=number.cell_len, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(marker, number, title)
    return grid


BODIES = [
    "Cllr Penhale asked whether the rural crime team had been fully staffed since April. "
    "The Commissioner replied that two posts remained vacant.",
    "Short.",
    "A line with a very-long-unbreakable-word-that-is-wider-than-the-column-itself-for-sure "
    "and then more words.",
    "Two paragraphs:\nthe second after a line break, with odd Unicode: é, 中文, emoji 🚓.",
    "",
]


def test_entry_lines_match_the_grid() -> None:
    console = Console(width=100, color_system="truecolor", force_terminal=True)
    for n, plain in enumerate(BODIES):
        body = Text()
        body.append("RESOLVED ", style="bold")
        body.append(plain)
        body.append(" (unanimous)", style="italic")
        for label in (Text("1.", style="bold"), Text("(100)", style="bold"),
                      Text("R", style="bold yellow"), Text("")):
            for width in (12, 30, 57, 100):
                grid = _cells(console, _entry_grid(label, body), width)
                mine = _cells(console, Gutter([Cell(label, 4, "right")], body), width)
                assert mine == grid, (n, label.plain, width)


def test_agenda_lines_match_the_grid() -> None:
    console = Console(width=100, color_system="truecolor", force_terminal=True)
    for n, plain in enumerate(BODIES):
        title = Text(plain or "Untitled", style="bold" if n % 2 else "")
        title.append(" Part 2", style="bold red")
        title.append("\n10:05\u201310:30 (25 min) · 4 entries", style="dim")
        for marker in (Text("▶", style="bold"), Text("✓", style="green"), Text("")):
            for number in ("1.", "12.", "107/26."):
                label = Text(number, style="bold")
                for width in (12, 33, 60):
                    grid = _cells(console, _agenda_grid(marker, label, title), width)
                    mine = _cells(console, Gutter([Cell(marker, 1), Cell(label, len(number))],
                                                  title), width)
                    assert mine == grid, (n, number, width)


def test_lines_are_padded_to_the_full_width() -> None:
    console = Console(width=100, color_system="truecolor", force_terminal=True)
    lines = console.render_lines(
        Gutter([Cell(Text("3."), 4, "right")], Text("word " * 30)),
        console.options.update_width(40), pad=False,
    )
    assert len(lines) > 1
    assert {Segment.get_line_length(line) for line in lines} == {40}
