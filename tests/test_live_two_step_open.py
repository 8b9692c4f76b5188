"""Opening a meeting: the opening read before the screen mounts, every item's entries after.

The meetings screen reads the agenda, people and the current item's entries on the store thread
(``Store.read_opening``) and then pushes the live screen; the other items' entries follow
(``LiveScreen.all_loaded``). Driven through the real app on a temporary database.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from panel_minutes.models.demo import write_demo
from panel_minutes.models.domain import EntryData
from panel_minutes.models.store import Store
from panel_minutes.screens.live import LiveScreen
from panel_minutes.tui.app import make_app
from tests.support import wait_for
from tests.test_live_support import settle


async def _wait(pilot: Pilot[None], condition: Callable[[], object], what: str) -> None:
    for _ in range(400):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def _demo(db_path: Path) -> tuple[int, dict[int, list[EntryData]]]:
    store = Store(str(db_path))
    meeting_id = write_demo(store)
    everything = store.load_entries(meeting_id)
    store.close()
    return meeting_id, everything


async def test_enter_on_a_meeting_opens_it_with_every_items_entries(db_path: Path) -> None:
    meeting_id, everything = _demo(db_path)
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await _wait(pilot, lambda: getattr(app.screen, "loaded", False), "the meetings list")
        app.screen.open_live(meeting_id)  # type: ignore[attr-defined]  # as Enter on its row
        await _wait(pilot, lambda: isinstance(app.screen, LiveScreen), "the live screen")
        live = app.screen
        assert isinstance(live, LiveScreen)
        await live.loaded.wait()
        await live.all_loaded.wait()
        await settle(pilot, live)
        assert live.entries == everything
        # The agenda's counts are every item's, whichever were read first.
        for item in live.items:
            assert live.agenda._keys[live.items.index(item)][3] == len(everything[item.id])
        # Another item shows its own entries.
        await pilot.press("f6")
        await settle(pilot, live)
        shown = [o.id for o in live.entry_list.options if o.id and o.id.startswith("e")]
        assert live.current_id is not None
        assert shown == [f"e{e.id}" for e in everything[live.current_id]]


async def test_an_item_not_read_yet_says_so_then_fills_in(db_path: Path) -> None:
    meeting_id, everything = _demo(db_path)
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        store = await app.wait_for_store()
        opening = store.read_opening(meeting_id)
        # Hold the store thread, so the second read waits behind it.
        gate = threading.Event()
        await wait_for(pilot, lambda: not app.runner.busy)  # the app's warm-up is done
        app.runner.call(app.screen, lambda _store: gate.wait(10))
        await wait_for(pilot, lambda: app.runner.busy)  # the gate holds the thread
        live = LiveScreen(meeting_id, opening=opening)
        await app.push_screen(live)
        await live.loaded.wait()
        await pilot.pause()
        assert not live.all_loaded.is_set()
        assert set(live.entries) == {opening.current}
        index = next(n for n, i in enumerate(live.items) if i.id == live.current_id)
        other = live.items[index - 1 if index else index + 1]
        live.go_to(other.id)
        await pilot.pause()
        assert live.entry_list.border_subtitle == "reading the entries…"
        assert live.entry_list.option_count == len(live._item_actions(other.id))
        gate.set()
        await live.all_loaded.wait()
        await settle(pilot, live)
        assert live.entry_list.border_subtitle != "reading the entries…"
        shown = [o.id for o in live.entry_list.options if o.id and o.id.startswith("e")]
        assert shown == [f"e{e.id}" for e in everything[other.id]]
        assert live.entries == everything


def test_store_warm_up_on_a_database_with_and_without_meetings(db_path: Path) -> None:
    store = Store(str(db_path))
    store.warm_up()  # nothing to warm: no error
    assert store.newest_meeting_id() is None
    meeting_id = write_demo(store)
    assert store.newest_meeting_id() is not None
    before = store.load_document(meeting_id)
    store.warm_up()
    assert store.load_document(meeting_id) == before  # reads only
    store.close()


async def test_next_and_previous_items_are_laid_out_ahead(db_path: Path) -> None:
    meeting_id, everything = _demo(db_path)
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await _wait(pilot, lambda: getattr(app.screen, "loaded", False), "the meetings list")
        app.screen.open_live(meeting_id)  # type: ignore[attr-defined]
        await _wait(pilot, lambda: isinstance(app.screen, LiveScreen), "the live screen")
        live = app.screen
        assert isinstance(live, LiveScreen)
        await live.all_loaded.wait()
        # The item the meeting opens at (the one taken last) has a neighbour on each side, and
        # the next one is not taken yet: F7 goes there (F7 skips items already taken).
        index = next(n for n, i in enumerate(live.items) if i.id == live.current_id)
        assert 0 < index < len(live.items) - 1
        neighbours = [live.items[index + 1].id, live.items[index - 1].id]
        memos = live.entry_list._memos._memos

        def laid_out(item_id: int) -> bool:
            return all(
                any(key[0] == entry and memo._renders for key, memo in memos.items()
                    if isinstance(key, tuple))
                for entry in everything[item_id]
            )

        await _wait(pilot, lambda: all(laid_out(i) for i in neighbours), "the neighbours")
        prepared = {id(memo) for memo in memos.values()}
        await pilot.press("f7")  # the next item: shown with the lines laid out ahead
        await settle(pilot, live)
        assert live.current_id == neighbours[0]
        shown = [o.prompt for o in live.entry_list.options if o.id and o.id.startswith("e")]
        assert len(shown) == len(everything[neighbours[0]]) > 0
        assert all(id(memo) in prepared for memo in shown)
