"""Each Enter is one entry (issue 10 point 6): while the database cannot be written (a real full
database via SQLite's page limit, or a real lock held by another connection), the paragraphs
typed, each followed by Enter, wait in order, the composer shows how many, and each is filed as
its own entry once writes work again. Before, they ran together into one entry."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from textual.pilot import Pilot

import panel_minutes.models.db
from panel_minutes.models.composer_state import ComposerState, Pending, state_to_draft
from panel_minutes.models.domain import EntryKind
from panel_minutes.models.filing_queue import FilingQueue
from panel_minutes.models.store import Store
from panel_minutes.screens.live import LiveScreen
from tests.support import FAST, app_for, wait_for
from tests.test_live_store_errors import disk_full
from tests.test_live_support import FakeClock, open_live, settle, write_meeting, write_panel


@contextmanager
def database_full(store: Store, db_path: Path) -> Iterator[None]:
    """The page limit of ``disk_full``, with every free byte used first (by another connection),
    so even a short paragraph finds no room, as on a really full disk."""
    made = sqlite3.connect(db_path, isolation_level=None)
    made.execute("CREATE TABLE IF NOT EXISTS test_filler (x BLOB)")
    made.close()
    with disk_full(store):
        with store.engine.connect() as conn:
            pages = int(conn.execute(text("PRAGMA max_page_count")).scalar_one())
        filler = sqlite3.connect(db_path, isolation_level=None)
        try:
            filler.execute(f"PRAGMA max_page_count={pages}")
            for size in (4096, 512, 64, 8):
                while True:
                    try:
                        filler.execute("INSERT INTO test_filler VALUES (randomblob(?))", (size,))
                    except sqlite3.OperationalError:
                        break
        finally:
            filler.close()
        yield


# Long enough (about 5 KB each) that each needs new pages even where a table page has room.
PARAGRAPHS = tuple(
    f"{n}. " + ("The Commissioner answered each question about the estate at length. " * 75).strip()
    for n in (1, 2, 3)
)


def test_the_queue_keeps_order_and_says_how_many_wait() -> None:
    queue: FilingQueue[str] = FilingQueue()
    assert queue.label() == "" and queue.start() is None
    queue.add("one")
    queue.add("two")
    assert queue.start() == "one" and queue.start() is None  # one filing at a time
    queue.retry_later()
    queue.add("three")
    assert queue.label() == "NOT SAVED · 3 waiting · retrying"
    assert queue.start() == "one"
    assert queue.filed() == "one" and queue.label() == "2 waiting"
    assert queue.start() == "two"
    assert queue.refused() == "two" and queue.items() == ["three"]


async def _type_paragraphs(pilot: Pilot[None], screen: LiveScreen) -> None:
    for paragraph in PARAGRAPHS:
        screen.composer.text_area.insert(paragraph)
        await pilot.press("enter")
        await pilot.pause()


async def _wait_filed(pilot: Pilot[None], screen: LiveScreen, store: Store, item_id: int) -> None:
    def filed() -> bool:
        return len(store.list_entries(item_id)) >= len(PARAGRAPHS) and not screen.filing_queue

    await wait_for(pilot, filed, "every Enter filed")
    await settle(pilot, screen)


async def test_enters_on_a_full_database_are_filed_one_entry_each_in_order(
    db_path: Path,
) -> None:
    setup = Store(str(db_path))
    meeting_id = write_meeting(setup, write_panel(setup))
    setup.close()
    app = app_for(db_path, None, timings=FAST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        store = app.store
        item_id = screen.current_id
        assert item_id is not None
        with database_full(store, db_path):
            await _type_paragraphs(pilot, screen)
            await settle(pilot, screen)
            assert store.list_entries(item_id) == []
            assert [p.state.text for p in screen.filing_queue.items()] == list(PARAGRAPHS)
            assert "3 waiting" in str(screen.composer.text_area.border_subtitle)
            assert screen.composer.state().is_empty  # free for the next paragraph
        await _wait_filed(pilot, screen, store, item_id)
        assert [e.text for e in store.list_entries(item_id)] == list(PARAGRAPHS)
        assert "waiting" not in str(screen.composer.text_area.border_subtitle)
        assert store.get_draft(meeting_id) is None


async def test_enters_while_another_program_holds_a_lock_are_filed_one_each(
    db_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(panel_minutes.models.db, "BUSY_TIMEOUT_MS", 200)  # fail fast instead of after 5 s
    setup = Store(str(db_path))
    meeting_id = write_meeting(setup, write_panel(setup))
    setup.close()
    app = app_for(db_path, None, timings=FAST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        store = app.store
        item_id = screen.current_id
        assert item_id is not None
        other = sqlite3.connect(db_path, timeout=0.1, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # another program writing: every write here waits
        try:
            await _type_paragraphs(pilot, screen)
            await wait_for(pilot, lambda: "NOT SAVED" in str(
                screen.composer.text_area.border_subtitle), "the filing to fail")
            await pilot.pause()  # not settle: the retries keep the store thread busy
            assert len(screen.filing_queue) == len(PARAGRAPHS)
            assert "NOT SAVED" in str(screen.composer.text_area.border_subtitle)
        finally:
            other.execute("ROLLBACK")
            other.close()
        await _wait_filed(pilot, screen, store, item_id)
        assert [e.text for e in store.list_entries(item_id)] == list(PARAGRAPHS)


async def test_enters_still_waiting_at_a_kill_come_back_and_are_filed(db_path: Path) -> None:
    """The draft lists the Enters not yet filed (the composer state rides with them)."""
    setup = Store(str(db_path))
    meeting_id = write_meeting(setup, write_panel(setup))
    item_id = setup.list_items(meeting_id)[0].id
    waiting = [Pending(ComposerState(text=t), item_id) for t in PARAGRAPHS[:2]]
    kind, text, fields = state_to_draft(ComposerState(text="half a sent"), waiting)
    setup.save_draft(meeting_id, text, item_id=item_id, kind=kind, fields=fields)
    setup.close()
    app = app_for(db_path, None, timings=FAST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        store = app.store
        for _ in range(50):
            await settle(pilot, screen)
            if not screen.filing_queue:
                break
        entries = store.list_entries(item_id)
        assert [e.text for e in entries] == list(PARAGRAPHS[:2])
        assert all(e.kind is EntryKind.PARAGRAPH for e in entries)
        assert screen.composer.state().text == "half a sent"

        def draft_rewritten() -> bool:
            draft = store.get_draft(meeting_id)
            return draft is not None and "waiting" not in draft.fields

        await wait_for(pilot, draft_rewritten, "the draft without the filed Enters")
        await settle(pilot, screen)
        draft = store.get_draft(meeting_id)
        assert draft is not None and draft.text == "half a sent"
        assert "waiting" not in draft.fields
