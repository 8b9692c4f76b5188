"""Store: meetings, attendance (cycle, substitutes), declarations, agenda items and cascades."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from panel_minutes.models.domain import (
    DEFAULT_EXEMPT_BASIS,
    EXEMPT_PUBLIC_TITLE,
    AttendanceStatus,
    EntryKind,
    ItemKind,
    MemberRole,
    MinutesDocument,
)
from panel_minutes.models.errors import NotFoundError, ValidationError
from panel_minutes.models.store import Store

STANDING = ("Apologies for absence", "Declarations of interest", "Minutes of the last meeting",
            "Matters arising", "Work programme")


@pytest.fixture
def panel_id(store: Store) -> int:
    panel = store.create_panel("Test Police and Crime Panel", default_venue="County Hall",
                               standing_agenda=STANDING)
    chair = store.create_person("Ann Baker", title="Cllr")
    vice = store.create_person("Dev Patel", title="Cllr")
    member = store.create_person("Rosa Grant", title="Cllr")
    store.add_member(panel.id, chair.id, role=MemberRole.CHAIR)
    store.add_member(panel.id, vice.id, role=MemberRole.VICE_CHAIR)
    store.add_member(panel.id, member.id)
    return panel.id


def titles(store: Store, meeting_id: int) -> list[str]:
    return [i.title for i in store.list_items(meeting_id)]


def positions(store: Store, meeting_id: int) -> list[int]:
    return [i.position for i in store.list_items(meeting_id)]


# --- meetings ------------------------------------------------------------------------------------


def test_create_meeting_with_standing_agenda_and_attendance(store: Store, panel_id: int) -> None:
    meeting = store.create_meeting(panel_id, date(2026, 2, 4), start_time="930")
    assert meeting.start_time == "09:30"
    assert meeting.venue == "County Hall"
    items = store.list_items(meeting.id)
    assert [i.title for i in items] == list(STANDING)
    assert [i.kind for i in items] == [
        ItemKind.APOLOGIES, ItemKind.DECLARATIONS, ItemKind.PREVIOUS_MINUTES,
        ItemKind.ACTION_LOG, ItemKind.WORK_PROGRAMME,
    ]
    assert [i.position for i in items] == [0, 1, 2, 3, 4]
    attendance = store.list_attendance(meeting.id)
    assert [(a.person.name, a.status, a.capacity) for a in attendance] == [
        ("Ann Baker", AttendanceStatus.PRESENT, "Chair"),
        ("Dev Patel", AttendanceStatus.PRESENT, "Vice-Chair"),
        ("Rosa Grant", AttendanceStatus.PRESENT, ""),
    ]
    bare = store.create_meeting(panel_id, date(2026, 3, 4), venue="Online",
                                standing_agenda=False, prefill_attendance=False)
    assert bare.venue == "Online" and store.list_items(bare.id) == []
    assert store.list_attendance(bare.id) == []
    # prefill later adds the members once, never twice
    assert len(store.prefill_attendance(bare.id)) == 3
    assert len(store.prefill_attendance(bare.id)) == 3


def test_meeting_times_are_validated(store: Store, panel_id: int) -> None:
    with pytest.raises(ValidationError, match="not a time of day"):
        store.create_meeting(panel_id, date(2026, 2, 4), start_time="25:00")
    meeting = store.create_meeting(panel_id, date(2026, 2, 4))
    for bad in ("noon", "10:60", "1:2:3", "99"):
        with pytest.raises(ValidationError):
            store.update_meeting(meeting.id, end_time=bad)
    assert store.update_meeting(meeting.id, end_time="12.40").end_time == "12:40"
    assert store.update_meeting(meeting.id, end_time="").end_time == ""
    with pytest.raises(NotFoundError):
        store.update_meeting(meeting.id + 100, venue="x")


def test_list_meetings_newest_first_with_item_counts(store: Store, panel_id: int) -> None:
    old = store.create_meeting(panel_id, date(2026, 1, 1))
    new = store.create_meeting(panel_id, date(2026, 6, 1), standing_agenda=False)
    store.add_item(new.id, "Only item")
    rows = store.list_meetings(panel_id)
    assert [(r.id, r.item_count) for r in rows] == [(new.id, 1), (old.id, len(STANDING))]
    assert rows[0].panel_name == "Test Police and Crime Panel"
    assert store.previous_meeting(new.id) == store.get_meeting(old.id)
    assert store.previous_meeting(old.id) is None


def test_duplicate_meeting_copies_the_agenda(store: Store, panel_id: int) -> None:
    source = store.create_meeting(panel_id, date(2026, 1, 1), standing_agenda=False)
    store.add_item(source.id, "Budget", exempt=True, public_title="Budget matter",
                   documents=["Report"])
    store.add_item(source.id, "Plan")
    copy = store.duplicate_meeting(source.id, date(2026, 3, 1), with_exempt=True)
    items = store.list_items(copy.id)
    assert [i.title for i in items] == ["Budget", "Plan"]
    assert items[0].exempt and items[0].public_title == "Budget matter"
    assert items[0].documents == ("Report",)
    assert store.list_entries(items[0].id) == []


def test_duplicate_meeting_can_leave_out_the_exempt_items(store: Store, panel_id: int) -> None:
    source = store.create_meeting(panel_id, date(2026, 1, 1), standing_agenda=False)
    store.add_item(source.id, "Plan")
    store.add_item(source.id, "Chief Constable's conduct: legal advice", exempt=True,
                   public_title="Staffing matter", documents=["Counsel's opinion"])
    store.add_item(source.id, "Work programme")
    copy = store.duplicate_meeting(source.id, date(2026, 3, 1), with_exempt=False)
    items = store.list_items(copy.id)
    assert [i.title for i in items] == ["Plan", "Work programme"]
    assert [i.position for i in items] == [0, 1]
    assert not any(i.exempt for i in items)


# --- attendance ----------------------------------------------------------------------------------


def test_attendance_cycle(store: Store, panel_id: int) -> None:
    meeting = store.create_meeting(panel_id, date(2026, 2, 4))
    record = store.list_attendance(meeting.id)[2]
    seen = [store.cycle_attendance(record.id).status for _ in range(3)]
    assert seen == [AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT, AttendanceStatus.PRESENT]
    guest = store.create_person("Colin Reid", title="Mr", role="Police and Crime Commissioner")
    also = store.set_attendance(meeting.id, guest.id, AttendanceStatus.ALSO_PRESENT)
    assert store.cycle_attendance(also.id).status is AttendanceStatus.PRESENT


def test_substitutes(store: Store, panel_id: int) -> None:
    meeting = store.create_meeting(panel_id, date(2026, 2, 4))
    away = store.list_attendance(meeting.id)[2]
    store.update_attendance(away.id, status=AttendanceStatus.APOLOGIES)
    sub = store.create_person("Mia Lewis", title="Cllr")
    with pytest.raises(ValidationError, match="standing in for"):
        store.set_attendance(meeting.id, sub.id, AttendanceStatus.SUBSTITUTE)
    record = store.set_attendance(meeting.id, sub.id, AttendanceStatus.SUBSTITUTE,
                                  substitute_for_id=away.person.id)
    assert record.substitute_for is not None and record.substitute_for.name == "Rosa Grant"
    assert record.position == 3
    # setting again updates the same row, never a second one
    again = store.set_attendance(meeting.id, sub.id, AttendanceStatus.PRESENT)
    assert again.id == record.id and again.substitute_for is None
    assert len(store.list_attendance(meeting.id)) == 4
    # cycling a substitute makes them a plain member present and forgets whom they stood for
    store.set_attendance(meeting.id, sub.id, AttendanceStatus.SUBSTITUTE,
                         substitute_for_id=away.person.id)
    cycled = store.cycle_attendance(record.id)
    assert cycled.status is AttendanceStatus.PRESENT and cycled.substitute_for is None


def test_arrival_and_departure_times(store: Store, panel_id: int) -> None:
    meeting = store.create_meeting(panel_id, date(2026, 2, 4))
    record = store.list_attendance(meeting.id)[1]
    updated = store.update_attendance(record.id, arrived_at="1025", left_at="12.05")
    assert (updated.arrived_at, updated.left_at) == ("10:25", "12:05")
    with pytest.raises(ValidationError):
        store.update_attendance(record.id, arrived_at="half ten")
    with pytest.raises(ValidationError, match="not a time of day"):  # 12:05 or 12:50?
        store.update_attendance(record.id, left_at="12.5")
    store.remove_attendance(record.id)
    assert record.id not in [a.id for a in store.list_attendance(meeting.id)]


# --- declarations --------------------------------------------------------------------------------


def test_declarations(store: Store, panel_id: int) -> None:
    meeting = store.create_meeting(panel_id, date(2026, 2, 4))
    member = store.list_attendance(meeting.id)[2].person
    item = store.list_items(meeting.id)[3]
    first = store.add_declaration(meeting.id, member.id, "  A family member works for the force. ")
    second = store.add_declaration(meeting.id, member.id, "Member of a charity.", item_id=item.id)
    assert first.text == "A family member works for the force."
    assert [(d.position, d.item_id) for d in store.list_declarations(meeting.id)] == [
        (0, None), (1, item.id)
    ]
    with pytest.raises(ValidationError, match="declaration cannot be empty"):
        store.add_declaration(meeting.id, member.id, "   ")
    with pytest.raises(NotFoundError, match="person"):
        store.add_declaration(meeting.id, 9999, "An interest.")
    other = store.create_meeting(store.get_meeting(meeting.id).panel_id, date(2026, 3, 4))
    with pytest.raises(ValidationError, match="another meeting"):
        store.add_declaration(other.id, member.id, "An interest.", item_id=item.id)
    changed = store.update_declaration(second.id, text="Trustee of a charity.", item_id=None)
    assert changed.text == "Trustee of a charity." and changed.item_id is None
    assert store.update_declaration(second.id, text="Trustee.").item_id is None  # kept
    store.delete_declaration(first.id)
    assert [d.id for d in store.list_declarations(meeting.id)] == [second.id]


def test_declarations_on_a_deleted_item_go_with_it(store: Store, panel_id: int) -> None:
    meeting = store.create_meeting(panel_id, date(2026, 2, 4))
    member = store.list_attendance(meeting.id)[0].person
    item = store.add_item(meeting.id, "Report")
    store.add_declaration(meeting.id, member.id, "Interest in the report.", item_id=item.id)
    store.delete_item(item.id)
    assert store.list_declarations(meeting.id) == []


# --- agenda items --------------------------------------------------------------------------------


def test_add_item_at_position_shifts_the_rest(store: Store, panel_id: int) -> None:
    meeting = store.create_meeting(panel_id, date(2026, 2, 4))
    store.add_item(meeting.id, "Inserted second", position=1)
    store.add_item(meeting.id, "First of all", position=0)
    store.add_item(meeting.id, "Way past the end", position=99)
    assert titles(store, meeting.id) == [
        "First of all", "Apologies for absence", "Inserted second", "Declarations of interest",
        "Minutes of the last meeting", "Matters arising", "Work programme", "Way past the end",
    ]
    assert positions(store, meeting.id) == list(range(8))
    with pytest.raises(ValidationError, match="item title cannot be empty"):
        store.add_item(meeting.id, "  ")


def test_paste_many_titles(store: Store, panel_id: int) -> None:
    meeting = store.create_meeting(panel_id, date(2026, 2, 4), standing_agenda=False)
    pasted = """
        1. Apologies and substitutes
        2) Declarations of interest

        - Minutes of the meeting held on 4 February
        * Commissioner's budget report
        • Police and crime plan update
        10 Forward work programme
        2026 budget consultation
    """
    items = store.add_items(meeting.id, pasted)
    assert [i.title for i in items] == [
        "Apologies and substitutes", "Declarations of interest",
        "Minutes of the meeting held on 4 February", "Commissioner's budget report",
        "Police and crime plan update", "Forward work programme", "2026 budget consultation",
    ]
    assert [i.kind for i in items][:3] == [
        ItemKind.APOLOGIES, ItemKind.DECLARATIONS, ItemKind.PREVIOUS_MINUTES
    ]
    assert items[5].kind is ItemKind.WORK_PROGRAMME
    assert [i.position for i in items] == list(range(7))
    more = store.add_items(meeting.id, ["Any other business"])
    assert more[0].position == 7
    with pytest.raises(ValidationError, match="at least one item"):
        store.add_items(meeting.id, "\n  \n")


def test_many_items_pasted_at_once(store: Store, panel_id: int) -> None:
    meeting = store.create_meeting(panel_id, date(2026, 2, 4), standing_agenda=False)
    items = store.add_items(meeting.id, "\n".join(f"Report number {n}" for n in range(1, 201)))
    assert len(items) == 200
    assert titles(store, meeting.id)[-1] == "Report number 200"
    assert positions(store, meeting.id) == list(range(200))


def test_exempt_defaults(store: Store, panel_id: int) -> None:
    meeting = store.create_meeting(panel_id, date(2026, 2, 4), standing_agenda=False)
    item = store.add_item(meeting.id, "Complaint about the Commissioner", exempt=True)
    assert item.exempt_basis == DEFAULT_EXEMPT_BASIS
    assert item.shown_public_title == EXEMPT_PUBLIC_TITLE
    open_item = store.add_item(meeting.id, "Open item")
    assert open_item.exempt_basis == "" and not open_item.exempt
    made_exempt = store.update_item(open_item.id, exempt=True, public_title="  Staffing matter ")
    assert made_exempt.exempt_basis == DEFAULT_EXEMPT_BASIS
    assert made_exempt.shown_public_title == "Staffing matter"
    own = store.add_item(meeting.id, "Contract", exempt=True, exempt_basis="paragraph 3")
    assert own.exempt_basis == "paragraph 3"


def test_update_item_validation(store: Store, panel_id: int) -> None:
    meeting = store.create_meeting(panel_id, date(2026, 2, 4))
    item = store.list_items(meeting.id)[0]
    with pytest.raises(ValidationError):
        store.update_item(item.id, title="   ")
    with pytest.raises(ValidationError):
        store.update_item(item.id, started_at="later")
    updated = store.update_item(item.id, started_at="10.05", documents=["A", " ", "B"],
                                kind=ItemKind.STANDARD, number_label="1a")
    assert updated.started_at == "10:05" and updated.documents == ("A", "B")
    assert updated.kind is ItemKind.STANDARD and updated.number_label == "1a"
    with pytest.raises(ValueError):
        store.update_item(item.id, kind="nonsense")  # type: ignore[arg-type]


def test_move_items_up_and_down(store: Store, panel_id: int) -> None:
    meeting = store.create_meeting(panel_id, date(2026, 2, 4))
    items = store.list_items(meeting.id)
    store.move_item(items[4].id, -1)
    assert titles(store, meeting.id)[3:] == ["Work programme", "Matters arising"]
    store.move_item(items[0].id, +2)
    assert titles(store, meeting.id)[:3] == [
        "Declarations of interest", "Minutes of the last meeting", "Apologies for absence"
    ]
    store.move_item(items[0].id, -10)  # clamps at the top
    store.move_item(items[3].id, +10)  # and at the bottom
    assert titles(store, meeting.id) == [
        "Apologies for absence", "Declarations of interest", "Minutes of the last meeting",
        "Work programme", "Matters arising",
    ]
    assert positions(store, meeting.id) == list(range(5))


def test_delete_item_compacts_positions_and_removes_its_entries(
    store: Store, panel_id: int, db_path: Path
) -> None:
    meeting = store.create_meeting(panel_id, date(2026, 2, 4))
    items = store.list_items(meeting.id)
    store.add_entry(items[1].id, EntryKind.PARAGRAPH, "None were declared.")
    action = store.add_action(meeting.id, "Chase the report", item_id=items[1].id)
    store.delete_item(items[1].id)
    assert positions(store, meeting.id) == [0, 1, 2, 3]
    assert "Declarations of interest" not in titles(store, meeting.id)
    assert count(db_path, "entry") == 0
    # the action goes aside with its item (an action of a Part 2 item must not turn public)
    with pytest.raises(NotFoundError):
        store.get_action(action.id)
    [kept] = store.list_deleted_actions(meeting.id)
    assert kept.action.text == "Chase the report" and kept.deleted_item_id is not None
    with pytest.raises(NotFoundError):
        store.delete_item(items[1].id)


def test_mark_item_taken_records_the_order_taken(store: Store, panel_id: int) -> None:
    meeting = store.create_meeting(panel_id, date(2026, 2, 4))
    items = store.list_items(meeting.id)
    store.mark_item_taken(items[2].id)
    store.mark_item_taken(items[0].id)
    assert store.mark_item_taken(items[2].id).taken_position == 0  # only the first time counts
    doc: MinutesDocument = store.load_document(meeting.id)
    assert [i.title for i in doc.taken_items()][:2] == [
        "Minutes of the last meeting", "Apologies for absence"
    ]


# --- cascades ------------------------------------------------------------------------------------


def count(db_path: Path, table: str) -> int:
    with sqlite3.connect(db_path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_deleting_a_meeting_removes_everything_of_it(
    store: Store, panel_id: int, db_path: Path
) -> None:
    keep = store.create_meeting(panel_id, date(2026, 1, 1))
    keep_action = store.add_action(keep.id, "An earlier action")
    meeting = store.create_meeting(panel_id, date(2026, 2, 4))
    items = store.list_items(meeting.id)
    member = store.list_attendance(meeting.id)[0].person
    for item in items:
        store.add_entry(item.id, EntryKind.PARAGRAPH, f"Discussed {item.title}.")
    store.add_declaration(meeting.id, member.id, "An interest.", item_id=items[2].id)
    store.add_action(meeting.id, "A new action", item_id=items[3].id)
    store.add_action_update(keep_action.id, meeting.id, "In hand.")
    store.save_draft(meeting.id, "half-typed", item_id=items[0].id)
    before = {t: count(db_path, t) for t in ("agenda_item", "entry", "attendance", "action")}

    store.delete_meeting(meeting.id)

    with pytest.raises(NotFoundError):
        store.get_meeting(meeting.id)
    assert count(db_path, "agenda_item") == before["agenda_item"] - len(items)
    assert count(db_path, "entry") == 0
    assert count(db_path, "declaration") == 0
    assert count(db_path, "action") == 1
    assert count(db_path, "action_update") == 0
    assert count(db_path, "draft") == 0
    assert count(db_path, "attendance") == before["attendance"] - 3
    assert store.get_action(keep_action.id).text == "An earlier action"
    assert [m.id for m in store.list_meetings(panel_id)] == [keep.id]
