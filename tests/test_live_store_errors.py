"""A store error while filing or autosaving: a clear message, the text stays, and the save is
retried until it works. The full disk is simulated with SQLite's ``PRAGMA max_page_count`` on
every connection of the app's own store (as ``tests/test_full_disk.py`` does for the store).
The app runs with short timings (``tests.support.FAST``): no test sleeps on real time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

from panel_minutes.models.store import Store
from panel_minutes.screens.live import LiveScreen
from panel_minutes.tui.timings import DEFAULT_TIMINGS
from tests.support import FAST, app_for, notices, settle, wait_for
from tests.test_live_support import (
    FakeClock,
    open_live,
    type_into_composer,
    write_meeting,
    write_panel,
)

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


def meeting_on(db_path: Path) -> int:
    setup = Store(str(db_path))
    try:
        return write_meeting(setup, write_panel(setup))
    finally:
        setup.close()


def count_retries(screen: LiveScreen) -> list[int]:
    """Count the screen's retries (its retry timer calls ``screen._retry``)."""
    calls: list[int] = []
    retry = screen._retry

    def counted() -> None:
        calls.append(1)
        retry()

    screen._retry = counted  # type: ignore[method-assign]
    return calls


def test_the_clerk_gets_the_promised_waits_by_default() -> None:
    assert DEFAULT_TIMINGS.draft_debounce < 0.5  # the draft is saved within half a second
    assert DEFAULT_TIMINGS.retry_every == 2.0


async def test_filing_on_a_full_disk_keeps_the_text_and_retries_until_saved(
    db_path: Path,
) -> None:
    meeting_id = meeting_on(db_path)
    app = app_for(db_path, None, timings=FAST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        retries = count_retries(screen)
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
            messages = notices(app)
            assert any("disk is full" in m and "retried" in m for m in messages), messages
            await wait_for(pilot, lambda: len(retries) >= 2, "two retries")  # still full
            await settle(pilot, screen)
            assert store.list_entries(item.id) == []
            assert [p.state.text for p in screen.filing_queue.items()] == [BIG]
        # space returns: the next retry files it, without another key
        await wait_for(pilot, lambda: bool(store.list_entries(item.id)), "the retry to file")
        await wait_for(pilot, lambda: screen.composer.state().is_empty, "the composer to empty")
        await settle(pilot, screen)
        (entry,) = store.list_entries(item.id)
        assert entry.text == BIG.strip()
        assert not screen.composer.has_class("-problem")
        assert store.get_draft(meeting_id) is None


async def test_the_draft_autosave_retries_after_a_full_disk(db_path: Path) -> None:
    meeting_id = meeting_on(db_path)
    app = app_for(db_path, None, timings=FAST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        retries = count_retries(screen)
        store = app.store
        with disk_full(store):
            type_into_composer(screen, BIG)
            await wait_for(pilot, lambda: len(retries) >= 2, "the autosave to fail and retry")
            await settle(pilot, screen)
            assert store.get_draft(meeting_id) is None
            assert screen.composer.has_class("-problem")
        await wait_for(pilot, lambda: store.get_draft(meeting_id) is not None, "the draft")
        await wait_for(pilot, lambda: not screen.composer.has_class("-problem"), "the all-clear")
        draft = store.get_draft(meeting_id)
        assert draft is not None and draft.text == BIG


async def test_the_draft_is_saved_after_the_debounce(db_path: Path) -> None:
    meeting_id = meeting_on(db_path)
    app = app_for(db_path, None, timings=FAST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        await pilot.press(*"Members noted")
        await wait_for(pilot, lambda: app.store.get_draft(meeting_id) is not None, "the draft")
        await settle(pilot, screen)
        draft = app.store.get_draft(meeting_id)
        assert draft is not None and draft.text == "Members noted"


async def test_the_draft_is_flushed_on_quit_before_the_debounce(db_path: Path) -> None:
    meeting_id = meeting_on(db_path)
    # a debounce that never fires during the test: only the flush on quit can save the draft
    app = app_for(db_path, None, timings=replace(FAST, draft_debounce=600.0))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        await pilot.press(*"Members noted")
        await settle(pilot, screen)
        assert app.store.get_draft(meeting_id) is None
        await pilot.press("ctrl+q")
    check = Store(str(db_path))
    try:
        draft = check.get_draft(meeting_id)
    finally:
        check.close()
    assert draft is not None and draft.text == "Members noted"


async def test_a_second_window_on_the_meeting_is_told_and_can_take_over(db_path: Path) -> None:
    meeting_id = meeting_on(db_path)
    app = app_for(db_path, None, timings=FAST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        await pilot.press(*"Mine")
        await wait_for(pilot, lambda: app.store.get_draft(meeting_id) is not None, "the draft")
        await settle(pilot, screen)
        # another copy of the app saves its own draft of the same meeting
        other = Store(str(db_path))
        other.save_draft(meeting_id, "Theirs", claim=True)
        type_into_composer(screen, " too")  # at once: the question comes after the debounce
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen", "the question")
        draft = other.get_draft(meeting_id)
        assert draft is not None and draft.text == "Theirs"  # nothing was overwritten
        assert screen.composer.text_area.text == "Mine too"  # and nothing typed was lost
        await pilot.press("y")  # take the meeting over in this window

        def taken_over() -> bool:
            draft = other.get_draft(meeting_id)
            return draft is not None and draft.text == "Mine too"

        await wait_for(pilot, taken_over, "this window's draft")
        other.close()
