"""The audit trail: every change to a filed entry's text is kept; typing a draft costs nothing."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from panel_minutes.models.domain import EntryKind, Outcome
from panel_minutes.models.store import Store


@pytest.fixture
def item(store: Store) -> tuple[Store, int, int]:
    panel = store.create_panel("Kestrel Police and Crime Panel")
    meeting = store.create_meeting(panel.id, date(2025, 4, 1), standing_agenda=False)
    item = store.add_item(meeting.id, "Annual report")
    return store, meeting.id, item.id


def test_filing_an_entry_writes_no_revision(item: tuple[Store, int, int]) -> None:
    store, _, item_id = item
    entry = store.add_entry(item_id, EntryKind.PARAGRAPH, "The report was noted.")
    assert store.list_revisions(entry.id) == []


def test_each_text_change_is_kept_in_order(item: tuple[Store, int, int]) -> None:
    store, _, item_id = item
    started = datetime.now(UTC) - timedelta(seconds=1)
    entry = store.add_entry(item_id, EntryKind.PARAGRAPH, "The report was noted.")
    store.update_entry(entry.id, text="The report was noted with thanks.")
    store.update_entry(entry.id, text="The Panel noted the report with thanks.")
    revisions = store.list_revisions(entry.id)
    assert [(r.old_text, r.new_text) for r in revisions] == [
        ("The report was noted.", "The report was noted with thanks."),
        ("The report was noted with thanks.", "The Panel noted the report with thanks."),
    ]
    assert all(r.entry_id == entry.id for r in revisions)
    stamps = [r.changed_at if r.changed_at.tzinfo else r.changed_at.replace(tzinfo=UTC)
              for r in revisions]
    assert stamps == sorted(stamps)
    assert stamps[0] >= started


def test_answer_changes_are_kept(item: tuple[Store, int, int]) -> None:
    store, _, item_id = item
    q = store.add_entry(item_id, EntryKind.QUESTION, "what the response time was.",
                        answer="it was nine minutes.")
    store.update_entry(q.id, answer="it was eight minutes.")
    (rev,) = store.list_revisions(q.id)
    assert rev.old_text == "what the response time was.\n\nAnswer: it was nine minutes."
    assert rev.new_text == "what the response time was.\n\nAnswer: it was eight minutes."


def test_changes_that_do_not_touch_the_words_write_no_revision(
    item: tuple[Store, int, int],
) -> None:
    store, _, item_id = item
    r = store.add_entry(item_id, EntryKind.RESOLUTION, "that the report be noted.")
    store.update_entry(r.id, vote_for=8, vote_against=1, outcome=Outcome.CARRIED)
    store.update_entry(r.id, proposer="Cllr Amberley")
    store.update_entry(r.id, text="that the report be noted.")  # the same words
    store.move_entry(r.id, 0)
    assert store.list_revisions(r.id) == []


def test_drafts_write_no_revisions_and_touch_nothing_else(
    item: tuple[Store, int, int], db_path: Path
) -> None:
    """Autosaving the composer (the typing path) writes one draft row and nothing more."""
    store, meeting_id, item_id = item
    entry = store.add_entry(item_id, EntryKind.PARAGRAPH, "Filed text.")
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        for n in range(1, 30):
            store.save_draft(meeting_id, "The Panel discus"[: n % 16 + 1], item_id=item_id)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    written = [s.split()[0:3] for s in statements if not s.lstrip().upper().startswith("SELECT")]
    assert written and all("draft" in " ".join(w).lower() for w in written), written
    assert store.list_revisions(entry.id) == []
    # No trigger fires on the draft table (the search index ignores drafts).
    conn = sqlite3.connect(db_path)
    try:
        triggers = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'draft'"
        ).fetchall()
        revisions = conn.execute("SELECT count(*) FROM entry_revision").fetchone()
    finally:
        conn.close()
    assert triggers == []
    assert revisions == (0,)


def test_revisions_survive_reopening(item: tuple[Store, int, int], db_path: Path) -> None:
    store, _, item_id = item
    entry = store.add_entry(item_id, EntryKind.PARAGRAPH, "First words.")
    store.update_entry(entry.id, text="Second words.")
    store.close()
    again = Store(str(db_path))
    try:
        assert [(r.old_text, r.new_text) for r in again.list_revisions(entry.id)] == [
            ("First words.", "Second words.")
        ]
    finally:
        again.close()
