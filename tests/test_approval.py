"""Approving minutes at a later meeting, the read-only rule, amendments and undoing approval."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from panel_minutes.models.domain import (
    ActionStatus,
    AmendmentKind,
    AttendanceStatus,
    EntryKind,
    ItemKind,
    MeetingStatus,
)
from panel_minutes.models.errors import ReadOnlyMeetingError, ValidationError
from panel_minutes.models.parsing import long_date
from panel_minutes.models.store import Store
from panel_minutes.models.store.approval import approval_text
from panel_minutes.models.store.bulk import NewEntry, NewItem

STANDING = ("Apologies for absence", "Declarations of interest", "Minutes of the previous meeting",
            "Action log")


@dataclass
class Pair:
    store: Store
    panel_id: int
    first: int  # 10 January 2025: the minutes being approved
    second: int  # 10 March 2025: where they are approved
    member_id: int
    item_id: int  # a standard item of the first meeting
    entry_id: int
    action_id: int


@pytest.fixture
def pair(store: Store) -> Pair:
    panel = store.create_panel("Downland Police and Crime Panel", standing_agenda=STANDING)
    member = store.create_person("Iris Kettlewell", title="Cllr")
    store.add_member(panel.id, member.id)
    first = store.create_meeting(panel.id, date(2025, 1, 10))
    second = store.create_meeting(panel.id, date(2025, 3, 10))
    item = store.add_item(first.id, "Police and crime plan refresh")
    entry = store.add_entry(item.id, EntryKind.PARAGRAPH, "The Commissioner introduced the plan.")
    store.add_declaration(first.id, member.id, "Is a special constable.")
    action = store.add_action(first.id, "Circulate the plan", item_id=item.id)
    return Pair(store, panel.id, first.id, second.id, member.id, item.id, entry.id, action.id)


def previous_minutes_item(store: Store, meeting_id: int) -> int:
    return next(i.id for i in store.list_items(meeting_id) if i.kind is ItemKind.PREVIOUS_MINUTES)


# --- approving -----------------------------------------------------------------------------------


def test_approve_records_the_resolution_and_marks_the_meeting(pair: Pair) -> None:
    s = pair.store
    result = s.approve_minutes(pair.first, at_meeting_id=pair.second)
    target = previous_minutes_item(s, pair.second)
    assert result.entry is not None
    assert result.entry.item_id == target
    assert result.entry.kind is EntryKind.RESOLUTION
    assert result.entry.text == (
        "that the minutes of the meeting held on 10 January 2025 be agreed as a correct record."
    )
    assert [e.text for e in s.list_entries(target)] == [result.entry.text]
    meeting = s.get_meeting(pair.first)
    assert meeting.status is MeetingStatus.APPROVED and meeting.is_approved
    assert meeting.approved_at is not None
    assert meeting.approved_at_meeting_id == pair.second
    assert result.meeting == meeting
    # The approving meeting stays a draft, and its document carries the resolution.
    assert s.get_meeting(pair.second).status is MeetingStatus.DRAFT
    doc = s.load_document(pair.second)
    assert result.entry in doc.entries[target]


def test_approve_with_amendments(pair: Pair) -> None:
    s = pair.store
    result = s.approve_minutes(
        pair.first, at_meeting_id=pair.second,
        amendments="in minute 5, the vote was 7 for and 2 against.",
    )
    assert result.entry is not None
    assert result.entry.text == (
        "that the minutes of the meeting held on 10 January 2025 be agreed as a correct record, "
        "subject to the following amendments: in minute 5, the vote was 7 for and 2 against."
    )


def test_resolution_text_and_dates() -> None:
    assert long_date(date(2026, 9, 5)) == "5 September 2026"
    assert approval_text(date(2026, 9, 5), "  ") == (
        "that the minutes of the meeting held on 5 September 2026 be agreed as a correct record."
    )


def test_approve_in_a_named_item(pair: Pair) -> None:
    s = pair.store
    item = s.add_item(pair.second, "Matters arising")
    result = s.approve_minutes(pair.first, at_meeting_id=pair.second, item_id=item.id)
    assert result.entry is not None and result.entry.item_id == item.id
    assert s.list_entries(previous_minutes_item(s, pair.second)) == []


def test_named_item_must_be_on_the_approving_agenda(pair: Pair) -> None:
    s = pair.store
    with pytest.raises(ValidationError, match="not on the agenda of the meeting held on 10 March"):
        s.approve_minutes(pair.first, at_meeting_id=pair.second, item_id=pair.item_id)
    assert s.get_meeting(pair.first).status is MeetingStatus.DRAFT


def test_a_missing_previous_minutes_item_is_added_after_the_opening_items(pair: Pair) -> None:
    s = pair.store
    s.delete_item(previous_minutes_item(s, pair.second))
    result = s.approve_minutes(pair.first, at_meeting_id=pair.second)
    titles = [(i.title, i.kind) for i in s.list_items(pair.second)]
    assert titles[:3] == [
        ("Apologies for absence", ItemKind.APOLOGIES),
        ("Declarations of interest", ItemKind.DECLARATIONS),
        ("Minutes of the previous meeting", ItemKind.PREVIOUS_MINUTES),
    ]
    assert [i.position for i in s.list_items(pair.second)] == [0, 1, 2, 3]
    assert result.entry is not None and result.entry.item_id == s.list_items(pair.second)[2].id


def test_approve_without_a_later_meeting(pair: Pair) -> None:
    s = pair.store
    result = s.approve_minutes(pair.first, at_meeting_id=None)
    assert result.entry is None
    assert result.meeting.is_approved and result.meeting.approved_at_meeting_id is None
    with pytest.raises(ReadOnlyMeetingError) as err:
        s.add_entry(pair.item_id, EntryKind.PARAGRAPH, "More.")
    assert "at the meeting held on" not in str(err.value)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("same", "at a later meeting, not at the meeting they record"),
        ("earlier", "was held before the meeting of 10 March 2025"),
        ("other_panel", "belongs to another panel"),
        ("again", "already approved on"),
    ],
)
def test_approval_refusals(pair: Pair, case: str, message: str) -> None:
    s = pair.store
    meeting, at = pair.first, pair.second
    if case == "same":
        at = pair.first
    elif case == "earlier":
        meeting, at = pair.second, pair.first
    elif case == "other_panel":
        other = s.create_panel("Another Police and Crime Panel")
        at = s.create_meeting(other.id, date(2025, 6, 1)).id
    else:
        s.approve_minutes(pair.first, at_meeting_id=pair.second)
    entries_before = s.list_entries(previous_minutes_item(s, pair.second))
    with pytest.raises(ValidationError, match=message) as err:
        s.approve_minutes(meeting, at_meeting_id=at)
    assert "\n" not in str(err.value)
    assert s.list_entries(previous_minutes_item(s, pair.second)) == entries_before


def test_cannot_approve_at_a_meeting_whose_own_minutes_are_approved(pair: Pair) -> None:
    s = pair.store
    third = s.create_meeting(pair.panel_id, date(2025, 5, 12)).id
    s.approve_minutes(pair.second, at_meeting_id=third)
    with pytest.raises(ReadOnlyMeetingError, match="10 March 2025"):
        s.approve_minutes(pair.first, at_meeting_id=pair.second)
    assert s.get_meeting(pair.first).status is MeetingStatus.DRAFT


# --- read-only -----------------------------------------------------------------------------------


def _writes(pair: Pair) -> dict[str, Callable[[], Any]]:
    """Every store write that touches the first meeting's minutes."""
    s = pair.store
    first, item, entry = pair.first, pair.item_id, pair.entry_id
    other_item = next(i.id for i in s.list_items(first) if i.id != item)
    attendance = s.list_attendance(first)[0].id
    declaration = s.list_declarations(first)[0].id
    entry_data = s.get_entry(entry)
    newcomer = s.create_person("Late Arrival")
    return {
        "update_meeting": lambda: s.update_meeting(first, venue="Elsewhere"),
        "delete_meeting": lambda: s.delete_meeting(first),
        "prefill_attendance": lambda: s.prefill_attendance(first),
        "set_attendance": lambda: s.set_attendance(first, newcomer.id),
        "update_attendance": lambda: s.update_attendance(attendance, status=AttendanceStatus.APOLOGIES),
        "cycle_attendance": lambda: s.cycle_attendance(attendance),
        "remove_attendance": lambda: s.remove_attendance(attendance),
        "add_declaration": lambda: s.add_declaration(first, pair.member_id, "Another."),
        "update_declaration": lambda: s.update_declaration(declaration, text="Changed."),
        "delete_declaration": lambda: s.delete_declaration(declaration),
        "add_item": lambda: s.add_item(first, "Late item"),
        "add_items": lambda: s.add_items(first, "One\nTwo"),
        "update_item": lambda: s.update_item(item, title="Changed"),
        "delete_item": lambda: s.delete_item(item),
        "move_item": lambda: s.move_item(item, -1),
        "mark_item_taken": lambda: s.mark_item_taken(item),
        "copy_agenda": lambda: s.copy_agenda(pair.second, first),
        "add_entry": lambda: s.add_entry(item, EntryKind.PARAGRAPH, "Added later."),
        "file_entry": lambda: s.file_entry(item, EntryKind.PARAGRAPH, "Filed later."),
        "save_edit": lambda: s.save_edit(entry, text="Rewritten from the composer."),
        "update_entry": lambda: s.update_entry(entry, text="Rewritten."),
        "update_entry_checked": lambda: s.update_entry(
            entry, text="Rewritten.", expected_updated_at=entry_data.updated_at
        ),
        "change_entry_kind": lambda: s.change_entry_kind(entry, EntryKind.PROCEDURE),
        "delete_entry": lambda: s.delete_entry(entry),
        "restore_entry": lambda: s.restore_entry(entry_data),
        "move_entry": lambda: s.move_entry(entry, 1),
        "move_entry_to_item": lambda: s.move_entry_to_item(entry, other_item),
        "bulk_add_entries": lambda: s.bulk_add_entries(item, [NewEntry("Bulk.")]),
        "bulk_add_items": lambda: s.bulk_add_items(first, [NewItem("Bulk item")]),
        "add_action": lambda: s.add_action(first, "A new action"),
        "file_action": lambda: s.file_action(first, "A new action from the composer"),
        "update_action_wording": lambda: s.update_action(pair.action_id, text="Reworded"),
        "delete_action": lambda: s.delete_action(pair.action_id),
        "add_action_update_at": lambda: s.add_action_update(pair.action_id, first, "Progress."),
        "set_action_status_at": lambda: s.set_action_status(
            pair.action_id, ActionStatus.DONE, meeting_id=first
        ),
    }


WRITE_PATHS = sorted([
    "update_meeting", "delete_meeting", "prefill_attendance", "set_attendance",
    "update_attendance", "cycle_attendance", "remove_attendance", "add_declaration",
    "update_declaration", "delete_declaration", "add_item", "add_items", "update_item",
    "delete_item", "move_item", "mark_item_taken", "copy_agenda", "add_entry", "file_entry",
    "save_edit", "file_action", "update_entry",
    "update_entry_checked", "change_entry_kind", "delete_entry", "restore_entry", "move_entry",
    "move_entry_to_item", "bulk_add_entries", "bulk_add_items", "add_action",
    "update_action_wording", "delete_action", "add_action_update_at", "set_action_status_at",
])


def test_every_write_path_is_listed(pair: Pair) -> None:
    assert sorted(_writes(pair)) == WRITE_PATHS


@pytest.mark.parametrize("name", WRITE_PATHS)
def test_approved_minutes_refuse_every_write(pair: Pair, name: str) -> None:
    s = pair.store
    s.approve_minutes(pair.first, at_meeting_id=pair.second)
    write = _writes(pair)[name]
    before = s.load_document(pair.first)
    revisions = s.list_revisions(pair.entry_id)
    with pytest.raises(ReadOnlyMeetingError) as err:
        write()
    message = str(err.value)
    assert "\n" not in message
    # Why, and what to do instead.
    assert "10 January 2025" in message
    assert "approved" in message
    assert "amendment" in message
    after = s.load_document(pair.first)
    assert after == before
    assert s.list_revisions(pair.entry_id) == revisions


def test_read_only_message_names_where_it_was_approved(pair: Pair) -> None:
    s = pair.store
    s.approve_minutes(pair.first, at_meeting_id=pair.second)
    with pytest.raises(ReadOnlyMeetingError) as err:
        s.add_entry(pair.item_id, EntryKind.PARAGRAPH, "Late.")
    assert str(err.value) == (
        "The minutes of the meeting held on 10 January 2025 were approved as a correct record at "
        "the meeting held on 10 March 2025, so they cannot be changed. Record a correction as an "
        "amendment, or undo the approval (the undoing is recorded)."
    )


def test_progress_on_its_actions_and_the_draft_are_still_allowed(pair: Pair) -> None:
    """Chasing actions belongs to later meetings; a draft is not minutes (and typing is never
    refused, so nothing typed is lost)."""
    s = pair.store
    s.approve_minutes(pair.first, at_meeting_id=pair.second)
    before = s.load_document(pair.first)
    s.add_action_update(pair.action_id, pair.second, "Plan circulated in draft.")
    s.set_action_status(pair.action_id, ActionStatus.DONE, note="Circulated.", meeting_id=pair.second)
    s.save_draft(pair.first, "a correction I want to propose", item_id=pair.item_id)
    draft = s.get_draft(pair.first)
    assert draft is not None and draft.text == "a correction I want to propose"
    after = s.load_document(pair.first)
    assert after.entries == before.entries and after.items == before.items


def test_the_approving_meeting_stays_editable(pair: Pair) -> None:
    """Approval makes the approved meeting read-only, not the later meeting that approved it."""
    s = pair.store
    s.approve_minutes(pair.first, at_meeting_id=pair.second)
    target = previous_minutes_item(s, pair.second)
    signed = s.add_entry(target, EntryKind.PARAGRAPH, "The Chair signed the minutes.")
    s.set_attendance(pair.second, pair.member_id, AttendanceStatus.APOLOGIES)

    assert s.get_meeting(pair.second).status is MeetingStatus.DRAFT
    assert [e.text for e in s.list_entries(target)][-1] == "The Chair signed the minutes."
    assert s.update_entry(signed.id, text="The Chair signed them.").text == "The Chair signed them."
    absent = [a for a in s.list_attendance(pair.second) if a.person.id == pair.member_id]
    assert [a.status for a in absent] == [AttendanceStatus.APOLOGIES]
    # ... while the meeting whose minutes were approved refuses the same changes.
    with pytest.raises(ReadOnlyMeetingError):
        s.add_entry(pair.item_id, EntryKind.PARAGRAPH, "Too late.")
    with pytest.raises(ReadOnlyMeetingError):
        s.set_attendance(pair.first, pair.member_id, AttendanceStatus.APOLOGIES)


# --- amendments ----------------------------------------------------------------------------------


def test_amendment_is_recorded_dated_and_listed(pair: Pair) -> None:
    s = pair.store
    s.approve_minutes(pair.first, at_meeting_id=pair.second)
    text_before = s.get_entry(pair.entry_id).text
    first = s.record_amendment(pair.first, "Minute 5: for 'seven' read 'eight'.")
    second = s.record_amendment(
        pair.first, "Cllr Kettlewell's declaration concerned item 6.", at_meeting_id=pair.second
    )
    listed = s.list_amendments(pair.first)
    assert listed == [first, second]
    assert first.kind == AmendmentKind.AMENDMENT and first.recorded_at is not None
    assert first.recorded_at_meeting_id is None
    assert second.recorded_at_meeting_id == pair.second
    assert s.load_document(pair.first).amendments == (first, second)
    # Never a silent change: the minute itself is untouched.
    assert s.get_entry(pair.entry_id).text == text_before
    assert s.list_amendments(pair.second) == []


def test_amendment_refusals(pair: Pair) -> None:
    s = pair.store
    with pytest.raises(ValidationError, match="not approved yet: correct them directly"):
        s.record_amendment(pair.first, "Too early.")
    s.approve_minutes(pair.first, at_meeting_id=pair.second)
    with pytest.raises(ValidationError, match="cannot be empty"):
        s.record_amendment(pair.first, "   ")
    other = s.create_panel("Another Police and Crime Panel")
    elsewhere = s.create_meeting(other.id, date(2025, 6, 1)).id
    with pytest.raises(ValidationError, match="another panel"):
        s.record_amendment(pair.first, "Wrong place.", at_meeting_id=elsewhere)
    assert s.list_amendments(pair.first) == []


# --- undoing approval ----------------------------------------------------------------------------


def test_undo_approval_is_recorded_and_reopens_the_minutes(pair: Pair) -> None:
    s = pair.store
    approval = s.approve_minutes(pair.first, at_meeting_id=pair.second)
    s.record_amendment(pair.first, "A correction.")
    undone = s.undo_approval(pair.first, "Approved against the wrong meeting by mistake.")
    assert undone.kind == AmendmentKind.APPROVAL_UNDONE
    assert undone.text == (
        "The approval of these minutes at the meeting held on 10 March 2025 was undone: "
        "Approved against the wrong meeting by mistake."
    )
    assert [a.kind for a in s.list_amendments(pair.first)] == [
        AmendmentKind.AMENDMENT, AmendmentKind.APPROVAL_UNDONE
    ]
    meeting = s.get_meeting(pair.first)
    assert meeting.status is MeetingStatus.DRAFT
    assert meeting.approved_at is None and meeting.approved_at_meeting_id is None
    # Editable again; the resolution minuted at the later meeting stays there.
    s.add_entry(pair.item_id, EntryKind.PARAGRAPH, "Now it can change.")
    assert approval.entry in s.list_entries(previous_minutes_item(s, pair.second))
    # And it can be approved again.
    assert s.approve_minutes(pair.first, at_meeting_id=pair.second).meeting.is_approved


def test_undo_approval_refusals(pair: Pair) -> None:
    s = pair.store
    with pytest.raises(ValidationError, match="no approval to undo"):
        s.undo_approval(pair.first, "Why not.")
    s.approve_minutes(pair.first, at_meeting_id=pair.second)
    with pytest.raises(ValidationError, match="reason"):
        s.undo_approval(pair.first, "  ")
    assert s.get_meeting(pair.first).is_approved
    assert s.list_amendments(pair.first) == []
