"""Bulk writes (panel_minutes.models.store.bulk): same rows as the ordinary methods, one transaction per call."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from panel_minutes.models.domain import (
    DEFAULT_EXEMPT_BASIS,
    ActionStatus,
    AttendanceStatus,
    EntryKind,
    ItemKind,
    MinutesDocument,
    Outcome,
)
from panel_minutes.models.errors import (
    DatabaseError,
    NotFoundError,
    ReadOnlyMeetingError,
    ValidationError,
)
from panel_minutes.models.store import Store
from panel_minutes.models.store.bulk import NewAction, NewAttendance, NewEntry, NewItem


def _panel(store: Store) -> tuple[int, int, int]:
    panel = store.create_panel("Northmoor Police and Crime Panel")
    chair = store.create_person("Iris Penhallow", title="Cllr")
    pcc = store.create_person("Jonah Trewin", title="Mr", role="Police and Crime Commissioner")
    return panel.id, chair.id, pcc.id


def _count(db_path: Path, table: str) -> int:
    with sqlite3.connect(db_path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


ENTRIES = (
    NewEntry("The Commissioner introduced the report on neighbourhood policing."),
    NewEntry("how many new officers had joined this year.", EntryKind.QUESTION,
             asker_text="Cllr Penhallow", respondent_text="the Commissioner",
             answer="forty-two had joined since April."),
    NewEntry("Cllr Hale left the meeting.", EntryKind.PROCEDURE, at_time="11:05"),
    NewEntry("that the report be noted.", EntryKind.RESOLUTION, proposer="Cllr Penhallow",
             seconder="Cllr Hale", vote_for=7, vote_against=1, vote_abstain=0,
             outcome=Outcome.CARRIED),
)


def _comparable(doc: MinutesDocument) -> dict[str, Any]:
    """The document without database ids, so two writes of the same minutes compare equal."""
    skip = {"id", "meeting_id", "item_id", "created_at", "updated_at"}
    items = [{k: v for k, v in asdict(i).items() if k not in skip} for i in doc.items]
    entries = [
        [{k: v for k, v in asdict(e).items() if k not in skip} for e in doc.entries[i.id]]
        for i in doc.items
    ]
    actions = [
        (a.ref_no, a.text, a.owner_id, a.due_date, a.status, a.position,
         doc.items.index(next(i for i in doc.items if i.id == a.item_id)) if a.item_id else None)
        for a in doc.actions
    ]
    attendance = [(a.person.id, a.status, a.capacity, a.position) for a in doc.attendance]
    return {"items": items, "entries": entries, "actions": actions, "attendance": attendance,
            "meeting": (doc.meeting.held_on, doc.meeting.start_time, doc.meeting.venue,
                        doc.meeting.status)}


def test_bulk_meeting_equals_the_same_meeting_written_row_by_row(store: Store) -> None:
    panel_id, chair, pcc = _panel(store)
    # Row by row, through the ordinary store methods.
    slow = store.create_meeting(panel_id, date(2025, 3, 4), venue="Guildhall",
                                standing_agenda=False, prefill_attendance=False)
    store.set_attendance(slow.id, chair, capacity="Chair")
    store.set_attendance(slow.id, pcc, AttendanceStatus.ALSO_PRESENT)
    apologies = store.add_item(slow.id, "Apologies and substitutes")
    report = store.add_item(slow.id, "Neighbourhood policing report", presenter="PCC",
                            documents=["Report of the PCC"])
    store.add_entry(apologies.id, EntryKind.PARAGRAPH, "There were no apologies.")
    for e in ENTRIES:
        fields = {k: v for k, v in asdict(e).items() if k not in {"kind", "text"}}
        store.add_entry(report.id, e.kind, e.text, **fields)
    store.add_action(slow.id, "Send the recruitment figures", item_id=report.id, owner_id=pcc,
                     due_date=date(2025, 4, 1))

    # The same meeting in one bulk call.
    fast_id = store.bulk_add_meeting(
        panel_id, date(2025, 3, 4),
        [
            NewItem("Apologies and substitutes", (NewEntry("There were no apologies."),)),
            NewItem("Neighbourhood policing report", ENTRIES, presenter="PCC",
                    documents=("Report of the PCC",)),
        ],
        venue="Guildhall",
        attendance=[NewAttendance(chair, capacity="Chair"),
                    NewAttendance(pcc, AttendanceStatus.ALSO_PRESENT)],
        actions=[NewAction("Send the recruitment figures", item_index=1, owner_id=pcc,
                           due_date=date(2025, 4, 1))],
    )
    slow_doc = _comparable(store.load_document(slow.id))
    fast_doc = _comparable(store.load_document(fast_id))
    # Action numbers run on within the panel: the bulk meeting's action is A2.
    assert slow_doc["actions"][0][0] == 1
    assert fast_doc["actions"][0][0] == 2
    slow_doc["actions"] = [a[1:] for a in slow_doc["actions"]]
    fast_doc["actions"] = [a[1:] for a in fast_doc["actions"]]
    assert fast_doc == slow_doc
    assert store.list_items(fast_id)[0].kind is ItemKind.APOLOGIES


def test_bulk_entries_append_after_existing_entries(store: Store) -> None:
    panel_id, _, _ = _panel(store)
    meeting = store.create_meeting(panel_id, date(2025, 5, 6), standing_agenda=False)
    item = store.add_item(meeting.id, "Budget monitoring")
    store.add_entry(item.id, EntryKind.PARAGRAPH, "Typed live before the import.")
    added = store.bulk_add_entries(item.id, [NewEntry(f"Paragraph {n}.") for n in range(1, 501)])
    assert added == 500
    entries = store.list_entries(item.id)
    assert [e.position for e in entries] == list(range(501))
    assert entries[0].text == "Typed live before the import."
    assert entries[-1].text == "Paragraph 500."
    # The ordinary methods carry on after the bulk rows.
    last = store.add_entry(item.id, EntryKind.PARAGRAPH, "Typed live after the import.")
    assert last.position == 501


def test_bulk_items_append_with_entries_and_defaults(store: Store) -> None:
    panel_id, _, _ = _panel(store)
    meeting = store.create_meeting(panel_id, date(2025, 6, 3), standing_agenda=False)
    store.add_item(meeting.id, "Existing item")
    ids = store.bulk_add_items(
        meeting.id,
        [NewItem("Declarations of interest"),
         NewItem("Confidential staffing matter", (NewEntry("Discussed in private."),),
                 exempt=True)],
    )
    items = store.list_items(meeting.id)
    assert [i.id for i in items[1:]] == ids
    assert [i.position for i in items] == [0, 1, 2]
    assert items[1].kind is ItemKind.DECLARATIONS
    assert items[2].exempt and items[2].exempt_basis == DEFAULT_EXEMPT_BASIS
    assert [e.text for e in store.list_entries(ids[1])] == ["Discussed in private."]


def test_one_bad_row_writes_nothing(store: Store, db_path: Path) -> None:
    panel_id, _, _ = _panel(store)
    meeting = store.create_meeting(panel_id, date(2025, 7, 1), standing_agenda=False)
    item = store.add_item(meeting.id, "Report")
    rows = [NewEntry("Fine."), NewEntry("   "), NewEntry("Also fine.")]
    with pytest.raises(ValidationError, match="Entry 2"):
        store.bulk_add_entries(item.id, rows)
    bad_vote = NewEntry("that it be agreed.", EntryKind.RESOLUTION, vote_for=2, vote_against=5,
                        outcome=Outcome.CARRIED)
    with pytest.raises(ValidationError, match="does not carry"):
        store.bulk_add_items(meeting.id, [NewItem("Good", (NewEntry("ok"),)),
                                          NewItem("Bad", (bad_vote,))])
    with pytest.raises(ValidationError, match="points at item 3"):
        store.bulk_add_meeting(panel_id, date(2025, 8, 1), [NewItem("Only item")],
                               actions=[NewAction("Chase it", item_index=2)])
    with pytest.raises(ValidationError, match="time of day"):
        store.bulk_add_meeting(panel_id, date(2025, 8, 1), [NewItem("A", started_at="25:99")])
    assert _count(db_path, "entry") == 0
    assert _count(db_path, "agenda_item") == 1
    assert _count(db_path, "meeting") == 1


def test_database_failure_mid_call_rolls_back_everything(store: Store, db_path: Path) -> None:
    panel_id, _, _ = _panel(store)
    with pytest.raises(NotFoundError):
        store.bulk_add_meeting(999, date(2025, 8, 1), [NewItem("A", (NewEntry("x"),))])
    # A person id that does not exist fails the foreign key after the meeting row was inserted.
    with pytest.raises(DatabaseError, match=r"(?i)foreign key"):
        store.bulk_add_meeting(panel_id, date(2025, 8, 1), [NewItem("A", (NewEntry("x"),))],
                               attendance=[NewAttendance(424242)])
    assert _count(db_path, "meeting") == 0
    assert _count(db_path, "entry") == 0


def test_approved_bulk_meeting_is_read_only(store: Store) -> None:
    panel_id, _, _ = _panel(store)
    meeting_id = store.bulk_add_meeting(
        panel_id, date(2024, 1, 9), [NewItem("Report", (NewEntry("Noted."),))],
        actions=[NewAction("Done already", status=ActionStatus.DONE, closed_on=date(2024, 2, 1)),
                 NewAction("Still open", closed_on=date(2024, 2, 1))],
        approved=True,
    )
    meeting = store.get_meeting(meeting_id)
    assert meeting.is_approved and meeting.approved_at is not None
    item = store.list_items(meeting_id)[0]
    with pytest.raises(ReadOnlyMeetingError):
        store.bulk_add_entries(item.id, [NewEntry("Too late.")])
    with pytest.raises(ReadOnlyMeetingError):
        store.bulk_add_items(meeting_id, [NewItem("Too late")])
    done, still_open = store.list_actions(panel_id)
    assert done.status is ActionStatus.DONE and done.closed_on == date(2024, 2, 1)
    # An open action has no closing date, whatever was passed.
    assert still_open.status is ActionStatus.OPEN and still_open.closed_on is None


def test_bulk_rows_are_in_the_search_index(store: Store) -> None:
    """The FTS triggers fire for Core executemany inserts: bulk minutes are searchable at once."""
    panel_id, chair, pcc = _panel(store)
    meeting_id = store.bulk_add_meeting(
        panel_id, date(2025, 9, 2),
        [NewItem("Quarrying at Tessingham", (
            NewEntry("The Commissioner described the marmalade festival patrols."),
            NewEntry("whether the heliograph trial would continue.", EntryKind.QUESTION,
                     asker_id=chair, respondent_id=pcc, answer="it would, until spring."),
        ))],
        actions=[NewAction("Report on zeppelin sightings", item_index=0)],
    )
    item_id = store.list_items(meeting_id)[0].id
    store.bulk_add_entries(item_id, [NewEntry("A later note about the marmalade stall.")])
    hits = store.search("marmalade")
    assert {h.meeting_id for h in hits} == {meeting_id}
    assert len([h for h in hits if h.source == "entry"]) == 2
    assert [h.source for h in store.search('"heliograph trial"')] == ["entry"]
    assert [h.source for h in store.search("Tessingham")] == ["item"]
    assert [h.source for h in store.search("zeppelin")] == ["action"]


def test_many_meetings_and_items_read_in_one_call(store: Store) -> None:
    panel_id, _, _ = _panel(store)
    first = store.bulk_add_meeting(panel_id, date(2025, 1, 7), [NewItem("A"), NewItem("B")])
    second = store.bulk_add_meeting(panel_id, date(2025, 2, 4), [NewItem("C")])
    meetings = store.meetings_by_id([first, second, first])
    assert meetings == {first: store.get_meeting(first), second: store.get_meeting(second)}
    ids = [i.id for i in store.list_items(first)] + [i.id for i in store.list_items(second)]
    items = store.items_by_id(iter(ids))
    assert items == {i: store.get_item(i) for i in ids}
    assert store.items_by_id([]) == {} and store.meetings_by_id(()) == {}
    with pytest.raises(NotFoundError, match="No meeting with id 999"):
        store.meetings_by_id([first, 999])
    with pytest.raises(NotFoundError, match="No agenda item with id 999"):
        store.items_by_id([ids[0], 999])
