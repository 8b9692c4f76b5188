"""panel_minutes.tui.widgets.memo: long lists laid out once, with exactly the output of the wrapped renderable."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult

from panel_minutes.models.domain import EntryData, EntryKind, Numbering, PersonData
from panel_minutes.tui.widgets.entries import EntryList
from panel_minutes.tui.widgets.entry_view import entry_renderable
from panel_minutes.tui.widgets.memo import Memo, MemoCache


class Counting:
    """A renderable that counts how often it is laid out."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.renders = 0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        self.renders += 1
        yield from console.render(self.inner, options)


def _lines(console: Console, renderable: Any, width: int) -> list[list[Segment]]:
    return console.render_lines(renderable, console.options.update_width(width))


def test_memo_renders_like_the_renderable_once_while_the_width_holds() -> None:
    console = Console(width=100, color_system="truecolor", record=False)
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=4, justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text("12.", style="bold"), Text("The Panel noted the report. " * 12))
    counted = Counting(grid)
    memo = Memo(counted)
    for width in (80, 80, 80, 40, 40, 80):
        assert _lines(console, memo, width) == _lines(console, grid, width)
    assert counted.renders == 2  # at 80 columns, then 40 (two layouts are kept)
    for width in (60, 80):
        assert _lines(console, memo, width) == _lines(console, grid, width)
    assert counted.renders == 4  # a third width makes room by forgetting both


def test_memo_lays_out_once_for_textuals_height_and_draw_calls() -> None:
    """OptionList asks once to learn the height and once to draw, with options differing in
    ``height`` (and ``highlight``): one layout serves both."""
    console = Console(width=100, color_system="truecolor", record=False)
    counted = Counting(Text("The Panel noted the report. " * 12))
    memo = Memo(counted)
    measuring = console.options.update_width(70).update(highlight=False)
    drawing = console.options.update(width=70, height=None, highlight=False)
    tall = console.options.update(width=70, height=40)
    for options in (measuring, drawing, tall, measuring):
        list(console.render(memo, options))
    assert counted.renders == 1


def test_cache_gives_the_same_memo_until_the_key_changes() -> None:
    cache = MemoCache(limit=3)
    made: list[str] = []

    def make(label: str) -> Text:
        made.append(label)
        return Text(label)

    first = cache.get(("e1", "1."), lambda: make("a"))
    assert cache.get(("e1", "1."), lambda: make("b")) is first
    assert cache.get(("e1", "2."), lambda: make("c")) is not first  # renumbered: laid out again
    for n in range(5):
        cache.get(n, lambda: make("x"))
    assert len(cache._memos) <= 3  # bounded
    assert made[:2] == ["a", "c"]


PEOPLE = {1: PersonData(id=1, name="Ruth Penhale", title="Cllr")}


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield EntryList()


async def test_entry_list_reuses_unchanged_entries() -> None:
    entries = [
        EntryData(id=n, item_id=1, position=n, kind=EntryKind.PARAGRAPH,
                  text=f"Paragraph number {n} of the item.")
        for n in range(5)
    ]
    app = ListApp()
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(EntryList)
        view.show(entries, [], Numbering.PER_ITEM, PEOPLE)
        await pilot.pause()
        before = [o.prompt for o in view.options]
        assert all(isinstance(p, Memo) for p in before)
        assert isinstance(before[0], Memo)
        label = before[0].renderable  # what the screen drew before: the same layout
        expected = entry_renderable(entries[0], "1.", PEOPLE)
        console = app.console
        assert _lines(console, label, 60) == _lines(console, expected, 60)

        edited = [*entries[:2], replace(entries[2], text="Changed."), *entries[3:]]
        view.show(edited, [], Numbering.PER_ITEM, PEOPLE)
        await pilot.pause()
        after = [o.prompt for o in view.options]
        assert [a is b for a, b in zip(before, after, strict=True)] == [
            True, True, False, True, True
        ]
        # Other people (a name changed): everything is laid out again.
        view.show(edited, [], Numbering.PER_ITEM, dict(PEOPLE))
        await pilot.pause()
        assert all(a is not b for a, b in zip(after, [o.prompt for o in view.options],
                                               strict=True))
