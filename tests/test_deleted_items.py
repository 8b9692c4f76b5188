"""An agenda item deleted in Setup takes everything hanging off it aside with it: its entries,
the actions raised at it (with their progress reports at later meetings) and the declarations
made on it. Nothing of a deleted Part 2 item reaches the public minutes, the carried-actions
table of a later meeting, or a search hit without the exempt flag; putting the item back puts
all of it back as it was (issue 10, point 1).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from panel_minutes.models.db import SCHEMA_VERSION
from panel_minutes.models.domain import ActionStatus, ItemData
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.export import render_markdown
from panel_minutes.models.store import Store

SECRET = "Write to the complainant"


def exempt_item(store: Store, meeting_id: int) -> ItemData:
    return next(i for i in store.list_items(meeting_id) if i.exempt)


def later_meetings(store: Store, meeting_id: int) -> list[int]:
    panel_id = store.get_meeting(meeting_id).panel_id
    return [store.create_meeting(panel_id, day).id
            for day in (date(2026, 12, 8), date(2027, 2, 2))]


def test_deleting_an_exempt_item_leaks_none_of_it(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    item = exempt_item(store, meeting_id)
    later = later_meetings(store, meeting_id)
    person = store.list_attendance(meeting_id)[0].person
    store.add_declaration(meeting_id, person.id, "Knows the complainant.", item_id=item.id)
    [action] = [a for a in store.list_actions(meeting_id=meeting_id) if a.item_id == item.id]
    store.add_action_update(action.id, later[0], "Letter drafted for the complainant.")
    assert SECRET in render_markdown(store.load_document(meeting_id), full=True)

    store.delete_item(item.id)  # as the setup screen calls it

    for m in (meeting_id, *later):
        public = render_markdown(store.load_document(m))
        assert "complainant" not in public.lower(), m
    assert all(SECRET not in a.text for a in store.carried_actions(later[0]))
    assert all(SECRET not in a.text for a in store.list_actions())
    for word in ("complainant", "Monitoring Officer"):
        assert [h for h in store.search(word) if not h.exempt] == []
    assert [d.text for d in store.list_declarations(meeting_id)
            if "complainant" in d.text] == []
    [kept] = store.list_deleted_items(meeting_id)
    assert (kept.item.title, kept.item.exempt) == (item.title, True)
    assert (kept.contents.entries, kept.contents.actions, kept.contents.declarations) == (2, 1, 1)


def snapshot(store: Store, meeting_id: int, later: int) -> tuple[object, ...]:
    """Everything of the meeting that deleting and putting back an item must leave as it was
    (ids of put-back rows aside)."""
    items = store.list_items(meeting_id)
    entries = [
        [(e.kind, e.text, e.answer, e.position, e.outcome) for e in store.list_entries(i.id)]
        for i in items
    ]
    actions = [(a.ref, a.text, a.owner_id, a.due_date, a.status, a.item_id)
               for a in store.list_actions(meeting_id=meeting_id)]
    updates = [(u.note, u.status, u.meeting_id)
               for a in store.list_actions(meeting_id=meeting_id)
               for u in store.list_action_updates(a.id)]
    declarations = [(d.person.id, d.text, d.item_id) for d in store.list_declarations(meeting_id)]
    return (items, entries, actions, updates, declarations,
            render_markdown(store.load_document(meeting_id), full=True),
            render_markdown(store.load_document(meeting_id)),
            render_markdown(store.load_document(later)))


def test_putting_the_item_back_puts_everything_back_as_it_was(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    item = exempt_item(store, meeting_id)
    [later, _] = later_meetings(store, meeting_id)
    person = store.list_attendance(meeting_id)[0].person
    store.add_declaration(meeting_id, person.id, "Knows the complainant.", item_id=item.id)
    [action] = [a for a in store.list_actions(meeting_id=meeting_id) if a.item_id == item.id]
    store.set_action_status(action.id, ActionStatus.DONE, note="Letter sent.",
                            on=date(2026, 12, 1), meeting_id=later)
    before = snapshot(store, meeting_id, later)

    deleted = store.delete_item(item.id)
    assert deleted.item.id == item.id
    back = store.restore_deleted_item(deleted.id)

    assert back.id == item.id and back.position == item.position
    assert snapshot(store, meeting_id, later) == before
    assert store.list_deleted_items(meeting_id) == []
    assert [d for d in store.list_deleted_entries(meeting_id) if d.item_id is None] == []
    assert [h.exempt for h in store.search("complainant")] == [True, True]  # action, declaration


def test_rows_deleted_from_the_item_before_stay_deleted_and_come_back_under_it(
    demo: tuple[Store, int],
) -> None:
    store, meeting_id = demo
    item = exempt_item(store, meeting_id)
    first = store.list_entries(item.id)[0]
    store.delete_entry(first.id)
    deleted = store.delete_item(item.id)
    kept = store.list_deleted_entries(meeting_id)
    assert {d.deleted_item_id for d in kept} == {deleted.id}
    assert deleted.contents.entries == 1  # the one still in the minutes
    store.restore_deleted_item(deleted.id)
    [still] = store.list_deleted_entries(meeting_id)
    assert (still.entry.text, still.item_id, still.deleted_item_id) == (first.text, item.id, None)
    assert [e.text for e in store.list_entries(item.id)] != [first.text]


def test_a_kept_row_of_a_deleted_exempt_item_goes_back_only_somewhere_exempt(
    demo: tuple[Store, int],
) -> None:
    store, meeting_id = demo
    item = exempt_item(store, meeting_id)
    public = next(i for i in store.list_items(meeting_id) if not i.exempt)
    store.delete_item(item.id)
    entry = store.list_deleted_entries(meeting_id)[0]
    [action] = store.list_deleted_actions(meeting_id)
    with pytest.raises(ValidationError, match="Part 2"):
        store.restore_deleted_entry(entry.id, item_id=public.id)
    with pytest.raises(ValidationError, match="Part 2"):
        store.restore_deleted_action(action.id, item_id=public.id)
    with pytest.raises(ValidationError, match="Part 2"):
        store.restore_deleted_action(action.id)  # under no item: public too
    assert len(store.list_deleted_actions(meeting_id)) == 1  # still kept
    other = store.add_item(meeting_id, "Another complaint", exempt=True)
    back = store.restore_deleted_entry(entry.id, item_id=other.id)
    assert back.item_id == other.id


def test_a_public_item_takes_its_actions_and_declarations_aside_too(
    demo: tuple[Store, int],
) -> None:
    store, meeting_id = demo
    item = next(i for i in store.list_items(meeting_id)
                if not i.exempt and any(a.item_id == i.id
                                        for a in store.list_actions(meeting_id=meeting_id)))
    person = store.list_attendance(meeting_id)[0].person
    store.add_declaration(meeting_id, person.id, "Owns a farm.", item_id=item.id)
    contents = store.item_contents(item.id)
    assert contents.actions >= 1 and contents.declarations == 1
    deleted = store.delete_item(item.id)
    assert deleted.contents == contents
    assert all(a.item_id != item.id for a in store.list_actions(meeting_id=meeting_id))
    # a kept action of a public item may go back under no item, as before
    kept = store.list_deleted_actions(meeting_id)[0]
    assert store.restore_deleted_action(kept.id).item_id is None


def test_putting_an_item_back_into_approved_minutes_is_refused(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    deleted = store.delete_item(exempt_item(store, meeting_id).id)
    store.approve_minutes(meeting_id, at_meeting_id=None)
    from panel_minutes.models.errors import ReadOnlyMeetingError

    with pytest.raises(ReadOnlyMeetingError):
        store.restore_deleted_item(deleted.id)
    assert len(store.list_deleted_items(meeting_id)) == 1


def test_a_v4_database_gains_the_deleted_item_table_and_links(tmp_path: Path) -> None:
    db = tmp_path / "v4.db"
    store = Store(str(db))
    store.close()
    con = sqlite3.connect(db)
    try:
        for table in ("deleted_entry", "deleted_action"):
            con.execute(f"ALTER TABLE {table} DROP COLUMN deleted_item_id")
        con.execute("DROP TABLE deleted_item")
        con.execute("UPDATE pm_meta SET value = '4' WHERE key = 'schema_version'")
        con.commit()
    finally:
        con.close()
    store = Store(str(db))
    try:
        panel = store.create_panel("Fenland Reach Police and Crime Panel")
        meeting = store.create_meeting(panel.id, date(2026, 3, 3))
        item = store.add_item(meeting.id, "Complaint", exempt=True)
        store.add_entry(item.id, text="Secret.")
        store.restore_deleted_item(store.delete_item(item.id).id)
        assert [e.text for e in store.list_entries(item.id)] == ["Secret."]
    finally:
        store.close()
    con = sqlite3.connect(db)
    try:
        version = con.execute("SELECT value FROM pm_meta WHERE key = 'schema_version'").fetchone()
    finally:
        con.close()
    assert int(version[0]) == SCHEMA_VERSION
