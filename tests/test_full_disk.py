"""A full disk mid-meeting, simulated with SQLite's ``PRAGMA max_page_count``.

Every write that needs a new page then fails as SQLite's "database or disk is full" does. The
store turns it into ``StorageFullError`` (one line), writes nothing half-way, and the same call
succeeds once space returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, text

from models.domain import EntryKind
from models.errors import StorageFullError
from models.store import Store

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
