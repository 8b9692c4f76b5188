"""Scale: an extreme meeting (300 items, 2,000 entries in one) imports and opens in steps.

- A bundle's entries are written in ``executemany`` batches, never one ORM object per entry, and
  the import's memory stays a small multiple of the bundle's own size.
- The live screen reads a long meeting's entries in groups (``panel_minutes.models.batches``), so a filing
  never waits behind one read of the whole meeting, and the warm-up at start reads one item.
- A long item shows its last ``WINDOW`` entries under an "earlier entries" row; moving up onto
  it lays out more, and a search result further up widens the window to it.

``bench/run.py`` measures the full-size figures (``import.extreme``, ``open.extreme``).
"""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from sqlalchemy import event

from bench.extreme import extreme_bundle
from panel_minutes.models import batches
from panel_minutes.models import tables as t
from panel_minutes.models.bundle import dumps_bundle
from panel_minutes.models.store import Store
from panel_minutes.models.store.bulk import NewEntry
from panel_minutes.models.store.bundle_io import import_bundle
from panel_minutes.screens.live import LiveScreen
from panel_minutes.tui.app import make_app
from panel_minutes.tui.widgets.entries import MORE, WINDOW
from tests.test_live_support import settle

pytestmark = pytest.mark.slow  # real processes or large data: `-m "not slow"` skips it


@pytest.fixture
def big_bundle() -> bytes:
    """300 items, 2,000 entries in the first, 3,000 in all (every field of every entry)."""
    return dumps_bundle(extreme_bundle(3000)).encode()


def test_import_writes_entries_in_batches_without_orm_objects(
    store: Store, big_bundle: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batches, "WRITE_BATCH", 500)
    built: list[object] = []
    inserts: list[int] = []

    def on_init(target: object, args: object, kwargs: object) -> None:
        built.append(target)

    def on_execute(conn: Any, cursor: Any, statement: str, params: Any, context: Any,
                   executemany: bool) -> None:
        if statement.startswith("INSERT INTO entry"):
            inserts.append(len(params) if executemany else 1)

    event.listen(t.Entry, "init", on_init)
    event.listen(store.engine, "before_cursor_execute", on_execute)
    try:
        meeting_id = import_bundle(store, big_bundle)
    finally:
        event.remove(t.Entry, "init", on_init)
        event.remove(store.engine, "before_cursor_execute", on_execute)
    assert built == []  # not one ORM Entry (each costs kilobytes and a flush)
    assert inserts == [500] * 6  # 3,000 entries: six statements of 500 rows
    entries = store.load_entries(meeting_id)
    assert len(entries) == 300 and sum(len(v) for v in entries.values()) == 3000
    first = store.list_items(meeting_id)[0]
    assert [e.position for e in entries[first.id]] == list(range(2000))


def test_import_memory_is_a_small_multiple_of_the_bundle(store: Store, big_bundle: bytes) -> None:
    tracemalloc.start()
    try:
        import_bundle(store, big_bundle)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # The parsed JSON and the validated bundle are needed; an ORM object per entry is not
    # (it made the peak about ten times the bundle's size).
    assert peak < 5 * len(big_bundle), (peak, len(big_bundle))


def test_entry_batches_cut_items_by_entry_count() -> None:
    counts = {1: 2000, 2: 10, 3: 700, 4: 700, 5: 700, 6: 0}
    assert batches.entry_batches([1, 2, 3, 4, 5, 6], counts, 1500) == [
        [1], [2, 3, 4], [5, 6]
    ]
    assert batches.entry_batches([], counts) == []


@pytest.fixture
def long_meeting(db_path: Path) -> Iterator[tuple[int, list[int]]]:
    """A meeting of 3 items: 450 entries in the second, 30 in the others."""
    store = Store(str(db_path))
    panel = store.create_panel("Scale Test Police and Crime Panel")
    meeting = store.create_meeting(panel.id, date(2027, 3, 9))
    items = [store.add_item(meeting.id, f"Topic {n}").id for n in range(3)]
    for item_id, count in zip(items, (30, 450, 30), strict=True):
        store.bulk_add_entries(item_id, [NewEntry(f"Paragraph {n} of item {item_id}.")
                                         for n in range(count)])
    store.close()
    yield meeting.id, items


async def test_a_long_meeting_is_read_in_groups_after_the_first_paint(
    db_path: Path, long_meeting: tuple[int, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id, _items = long_meeting
    monkeypatch.setattr(batches, "READ_BATCH", 40)
    reads: list[list[int] | None] = []
    real = Store.load_entries

    def spy(self: Store, mid: int, item_ids: Any = None) -> Any:
        reads.append(None if item_ids is None else list(item_ids))
        return real(self, mid, item_ids)

    monkeypatch.setattr(Store, "load_entries", spy)
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        store = await app.wait_for_store()
        expected = real(store, meeting_id)
        await app.push_screen(LiveScreen(meeting_id))
        live = app.screen
        assert isinstance(live, LiveScreen)
        await live.all_loaded.wait()
        await settle(pilot, live)
        assert live.entries == expected
    # Never the whole meeting in one read (the warm-up reads one item); 30 + 30 entries do not
    # fit one group of 40 (the first item was read with the opening).
    assert None not in reads
    assert all(r is not None and len(r) == 1 for r in reads), reads
    assert len(reads) >= 2


async def test_a_long_item_lays_out_its_last_entries_then_more_on_the_way_up(
    db_path: Path, long_meeting: tuple[int, list[int]]
) -> None:
    meeting_id, items = long_meeting
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.wait_for_store()
        await app.push_screen(LiveScreen(meeting_id))
        live = app.screen
        assert isinstance(live, LiveScreen)
        await live.all_loaded.wait()
        live.go_to(items[1])
        await settle(pilot, live)
        shown = live.entry_list
        entries = live.entries[items[1]]
        assert shown.option_count == WINDOW + 1  # not 450 laid out
        assert shown.get_option_at_index(0).id == MORE
        assert [o.id for o in shown.options[1:]] == [f"e{e.id}" for e in entries[-WINDOW:]]
        # Filing adds a row at the end and keeps every other row, in both lists: the agenda
        # keeps the Option of each item whose line did not change.
        kept_rows = list(shown.options)
        agenda_before = [(o, o.prompt) for o in live.agenda.options]
        live.composer.text_area.focus()
        live.composer.text_area.load_text("One more paragraph.")
        await pilot.press("enter")
        await settle(pilot, live)
        entries = live.entries[items[1]]
        assert len(entries) == 451
        assert list(shown.options[:-1]) == kept_rows
        assert shown.options[-1].id == f"e{entries[-1].id}"
        agenda_after = [(o, o.prompt) for o in live.agenda.options]
        changed = [n for n, (a, b) in enumerate(zip(agenda_before, agenda_after, strict=True))
                   if a[0] is not b[0] or a[1] is not b[1]]
        assert changed == [1]  # the long item's line ("451 entries"), the others untouched
        line = Console(width=60, record=True, file=io.StringIO())
        line.print(agenda_after[1][1])
        assert "451 entries" in line.export_text()
        # Up from the first shown entry: the next WINDOW are laid out, the highlight carries on.
        shown.focus()
        shown.highlighted = 1  # the first shown entry
        await pilot.press("up")
        await settle(pilot, live)
        assert shown.option_count == 2 * WINDOW + 2
        assert shown.highlighted_option is not None
        assert shown.highlighted_option.id == f"e{entries[-WINDOW - 2].id}"
        # A search result further up widens the window to it; another item starts afresh.
        live.show_at(items[1], entries[3].id)
        await settle(pilot, live)
        assert shown.highlighted_option is not None
        assert shown.highlighted_option.id == f"e{entries[3].id}"
        assert shown.get_option_at_index(0).id == MORE  # the three before it stay out
        live.go_to(items[2])
        await settle(pilot, live)
        assert shown.option_count == 30
        live.go_to(items[1])
        await settle(pilot, live)
        assert shown.option_count == WINDOW + 1
