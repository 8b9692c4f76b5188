"""A store error while filing or autosaving: a clear message, the text stays, and the save is
retried until it works. The full disk is simulated with SQLite's ``PRAGMA max_page_count`` on
every connection of the app's own store (as ``tests/test_full_disk.py`` does for the store)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

from models.store import Store
from tests.test_live_support import (
    FakeClock,
    open_live,
    settle,
    type_into_composer,
    write_meeting,
    write_panel,
)
from tui.app import make_app

BIG = "The Commissioner answered each question about the estate at length. " * 2500


@contextmanager
def disk_full(store: Store) -> Iterator[None]:
    with store.engine.connect() as conn:
        pages = int(conn.execute(text("PRAGMA page_count")).scalar_one())

    def cap(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    event.listen(store.engine, "connect", cap)
    store.engine.dispose()
    try:
        yield
    finally:
        event.remove(store.engine, "connect", cap)
        store.engine.dispose()


async def test_filing_on_a_full_disk_keeps_the_text_and_retries_until_saved(
    db_path: Path,
) -> None:
    setup = Store(str(db_path))
    meeting_id = write_meeting(setup, write_panel(setup))
    setup.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        store = app.store
        item = store.list_items(meeting_id)[0]
        with disk_full(store):
            type_into_composer(screen, BIG)
            await pilot.press("enter")
            await settle(pilot, screen)
            assert store.list_entries(item.id) == []
            # nothing typed is lost: the Enter waits, in order, and the composer says so
            assert [p.state.text for p in screen.filing_queue.items()] == [BIG]
            assert "1 waiting" in str(screen.composer.text_area.border_subtitle)
            assert screen.composer.has_class("-problem")
            messages = [str(n.message) for n in app._notifications]
            assert any("disk is full" in m and "retried" in m for m in messages), messages
            await asyncio.sleep(2.3)  # one retry, still full
            await settle(pilot, screen)
            assert store.list_entries(item.id) == []
            assert [p.state.text for p in screen.filing_queue.items()] == [BIG]
        # space returns: the next retry files it, without another key
        for _ in range(60):
            await asyncio.sleep(0.1)
            await settle(pilot, screen)
            if store.list_entries(item.id):
                break
        (entry,) = store.list_entries(item.id)
        assert entry.text == BIG.strip()
        assert screen.composer.state().is_empty
        assert not screen.composer.has_class("-problem")
        assert store.get_draft(meeting_id) is None


async def test_the_draft_autosave_retries_after_a_full_disk(db_path: Path) -> None:
    setup = Store(str(db_path))
    meeting_id = write_meeting(setup, write_panel(setup))
    setup.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        store = app.store
        with disk_full(store):
            type_into_composer(screen, BIG)
            await asyncio.sleep(0.7)
            await settle(pilot, screen)
            assert store.get_draft(meeting_id) is None
            assert screen.composer.has_class("-problem")
        for _ in range(60):
            await asyncio.sleep(0.1)
            await settle(pilot, screen)
            if store.get_draft(meeting_id) is not None:
                break
        draft = store.get_draft(meeting_id)
        assert draft is not None and draft.text == BIG
        assert not screen.composer.has_class("-problem")


async def test_draft_is_saved_within_half_a_second_and_flushed_on_quit(db_path: Path) -> None:
    setup = Store(str(db_path))
    meeting_id = write_meeting(setup, write_panel(setup))
    setup.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        await pilot.press(*"Members noted")
        await asyncio.sleep(0.5)
        await settle(pilot, screen)
        draft = app.store.get_draft(meeting_id)
        assert draft is not None and draft.text == "Members noted"
        await pilot.press(*" the")  # and quit at once, before the debounce fires
        await pilot.press("ctrl+q")
    check = Store(str(db_path))
    try:
        draft = check.get_draft(meeting_id)
    finally:
        check.close()
    assert draft is not None and draft.text == "Members noted the"


async def test_a_second_window_on_the_meeting_is_told_and_can_take_over(db_path: Path) -> None:
    setup = Store(str(db_path))
    meeting_id = write_meeting(setup, write_panel(setup))
    setup.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        await pilot.press(*"Mine")
        await asyncio.sleep(0.5)
        await settle(pilot, screen)
        # another copy of the app saves its own draft of the same meeting
        other = Store(str(db_path))
        other.save_draft(meeting_id, "Theirs", claim=True)
        await pilot.press(*" too")
        for _ in range(40):
            await asyncio.sleep(0.05)
            await settle(pilot, screen)
            if type(app.screen).__name__ == "ConfirmScreen":
                break
        assert type(app.screen).__name__ == "ConfirmScreen"
        draft = other.get_draft(meeting_id)
        assert draft is not None and draft.text == "Theirs"  # nothing was overwritten
        assert screen.composer.text_area.text == "Mine too"  # and nothing typed was lost
        await pilot.press("y")  # take the meeting over in this window
        for _ in range(40):
            await asyncio.sleep(0.05)
            await settle(pilot, screen)
            draft = other.get_draft(meeting_id)
            if draft is not None and draft.text == "Mine too":
                break
        other.close()
        assert draft is not None and draft.text == "Mine too"
