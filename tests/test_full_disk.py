"""A full disk mid-meeting, simulated with SQLite's ``PRAGMA max_page_count``.

Every write that needs a new page then fails as SQLite's "database or disk is full" does. The
store turns it into ``StorageFullError`` (one line), writes nothing half-way, and the same call
succeeds once space returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from panel_minutes.models.domain import EntryKind
from panel_minutes.models.errors import StorageFullError
from panel_minutes.models.store import Store

BIG = "The Commissioner answered at length. " * 4000  # ~150 KB: needs many new pages


@contextmanager
def disk_full(store: Store) -> Iterator[None]:
    """Cap the database at the pages it has now, on every connection, until the block ends."""
    with store.engine.connect() as conn:
        pages = int(conn.execute(text("PRAGMA page_count")).scalar_one())

    def cap(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    event.listen(store.engine, "connect", cap)
    store.engine.dispose()  # new connections pick the cap up
    try:
        yield
    finally:
        event.remove(store.engine, "connect", cap)
        store.engine.dispose()  # space returns


def _counts(store: Store, item_id: int, meeting_id: int) -> tuple[int, int, str]:
    entries = store.list_entries(item_id)
    revisions = sum(len(store.list_revisions(e.id)) for e in entries)
    draft = store.get_draft(meeting_id)
    return len(entries), revisions, draft.text if draft else ""


def test_full_disk_fails_cleanly_and_saves_once_space_returns(
    demo: tuple[Store, int],
) -> None:
    store, meeting_id = demo
    item = store.list_items(meeting_id)[4]
    first = store.list_entries(item.id)[0]
    store.save_draft(meeting_id, "Draft before the disk filled", item_id=item.id)
    before = _counts(store, item.id, meeting_id)
    document_before = store.load_document(meeting_id)

    failures = 0
    with disk_full(store):
        attempts: list[tuple[str, Any]] = [
            ("file an entry", lambda: store.add_entry(item.id, EntryKind.PARAGRAPH, BIG)),
            ("edit an entry", lambda: store.update_entry(first.id, text=BIG)),
            ("autosave the draft", lambda: store.save_draft(meeting_id, BIG, item_id=item.id)),
            ("raise an action", lambda: store.add_action(meeting_id, BIG, item_id=item.id)),
        ]
        for what, call in attempts:
            with pytest.raises(StorageFullError) as caught:
                call()
            failures += 1
            message = str(caught.value)
            assert "disk is full" in message and store.target in message, what
            assert "\n" not in message
        # Nothing was half-written: every count and text is as it was.
        assert _counts(store, item.id, meeting_id) == before
        assert store.load_document(meeting_id) == document_before

    # Space is back: the same writes now succeed, and the text is intact.
    entry = store.add_entry(item.id, EntryKind.PARAGRAPH, BIG)
    store.update_entry(first.id, text=BIG)
    store.save_draft(meeting_id, BIG, item_id=item.id)
    assert store.get_entry(entry.id).text == BIG
    assert store.get_entry(first.id).text == BIG
    draft = store.get_draft(meeting_id)
    assert draft is not None and draft.text == BIG
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    print(f"full disk: {failures} writes refused cleanly, 0 half-written, all saved after")


async def test_live_screen_keeps_the_text_and_files_it_when_space_returns(
    db_path: Path,
) -> None:
    """The disk fills mid-meeting: Enter fails, the text stays in the composer (and nothing is
    filed); once space returns the retry files it exactly once."""
    from tests.support import FAST, app_for, wait_for
    from tests.test_live_support import open_live, type_into_composer, write_meeting, write_panel

    setup = Store(str(db_path))
    meeting_id = write_meeting(setup, write_panel(setup))
    setup.close()
    app = app_for(db_path, None, timings=FAST)
    async with app.run_test(size=(120, 40)) as pilot:
        store = await app.wait_for_store()
        screen = await open_live(app, pilot, meeting_id)
        item_id = screen.current_id
        assert item_id is not None
        before = len(store.list_entries(item_id))
        with disk_full(store):
            type_into_composer(screen, BIG)
            await pilot.press("enter")
            await wait_for(pilot, lambda: "1 waiting" in str(
                screen.composer.text_area.border_subtitle), "the Enter to wait")
            # kept: the Enter waits to be filed, and the composer shows it
            assert [p.state.text for p in screen.filing_queue.items()] == [BIG]
            assert "1 waiting" in str(screen.composer.text_area.border_subtitle)
            assert len(store.list_entries(item_id)) == before  # nothing half-filed
        # Space is back: the retry (every ``retry_every``) files it.
        await wait_for(pilot, lambda: len(store.list_entries(item_id)) > before, "the retry")
        await screen.wait_idle()
        entries = store.list_entries(item_id)
        # filed once, intact (the screen trims the blank at the end, as for any entry)
        assert [e.text for e in entries[before:]] == [BIG.strip()]
        assert screen.composer.state().text == ""
