"""Store: minute entries of each kind, their order, validation, audit trail and the draft."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from panel_minutes.models.domain import AttendanceStatus, EntryKind, MemberRole, Outcome
from panel_minutes.models.errors import NotFoundError, ValidationError
from panel_minutes.models.store import Store


@pytest.fixture
def meeting(store: Store) -> tuple[int, int, int]:
    """(meeting id, item id, second item id) of a meeting with three members present."""
    panel = store.create_panel("Entries Police and Crime Panel")
    for n in range(3):
        person = store.create_person(f"Member {n}", title="Cllr")
        store.add_member(panel.id, person.id, role=MemberRole.CHAIR if n == 0 else MemberRole.MEMBER)
    m = store.create_meeting(panel.id, date(2026, 2, 4), standing_agenda=False)
    first = store.add_item(m.id, "Report")
    second = store.add_item(m.id, "Other report")
    return m.id, first.id, second.id


def texts(store: Store, item_id: int) -> list[str]:
    return [e.text for e in store.list_entries(item_id)]


def positions(store: Store, item_id: int) -> list[int]:
    return [e.position for e in store.list_entries(item_id)]


def test_entries_of_each_kind(store: Store, meeting: tuple[int, int, int]) -> None:
    _, item, _ = meeting
    pcc = store.create_person("Colin Reid", title="Mr", role="Police and Crime Commissioner")
    asker = store.create_person("Rosa Grant", title="Cllr")
    para = store.add_entry(item, EntryKind.PARAGRAPH, "The Commissioner introduced the report.")
    question = store.add_entry(item, EntryKind.QUESTION, "how many officers there were.",
                               asker_id=asker.id, respondent_id=pcc.id, answer="about 3,000.")
    answer_only = store.add_entry(item, EntryKind.QUESTION, "", asker_text="A member",
                                  answer="the figures would follow.")
    note = store.add_entry(item, EntryKind.PROCEDURE, "Cllr Grant left the meeting.",
                           at_time="1105")
    resolution = store.add_entry(item, EntryKind.RESOLUTION, "that the report be noted.",
                                 proposer="Cllr Baker", seconder="Cllr Grant", vote_for="2",
                                 vote_against=0, vote_abstain="", outcome=Outcome.CARRIED)
    assert para.kind is EntryKind.PARAGRAPH and para.position == 0
    assert (question.asker_id, question.respondent_id, question.answer) == (
        asker.id, pcc.id, "about 3,000."
    )
    assert answer_only.text == "" and answer_only.asker_text == "A member"
    assert note.at_time == "11:05"
    assert (resolution.vote_for, resolution.vote_against, resolution.vote_abstain) == (2, 0, None)
    assert resolution.outcome is Outcome.CARRIED
    assert positions(store, item) == [0, 1, 2, 3, 4]
    assert store.get_entry(question.id) == question


def test_entry_validation(store: Store, meeting: tuple[int, int, int]) -> None:
    _, item, _ = meeting
    with pytest.raises(ValidationError, match="Type the text"):
        store.add_entry(item, EntryKind.PARAGRAPH, "   ")
    with pytest.raises(ValidationError, match="question or its answer"):
        store.add_entry(item, EntryKind.QUESTION, " ", answer=" ")
    with pytest.raises(ValidationError, match="not a whole number"):
        store.add_entry(item, EntryKind.RESOLUTION, "that x.", vote_for="lots")
    with pytest.raises(ValidationError, match="cannot be negative"):
        store.add_entry(item, EntryKind.RESOLUTION, "that x.", vote_against=-1)
    with pytest.raises(NotFoundError):
        store.add_entry(item + 100, EntryKind.PARAGRAPH, "Text.")
    with pytest.raises(ValueError):
        store.add_entry(item, EntryKind.PARAGRAPH, "Text.", colour="red")
    with pytest.raises(ValidationError, match="not a time of day"):
        store.add_entry(item, EntryKind.PROCEDURE, "Cllr Grant left.", at_time="after lunch")
    assert store.list_entries(item) == []  # nothing half-written


def test_votes_must_add_up(store: Store, meeting: tuple[int, int, int]) -> None:
    meeting_id, item, _ = meeting
    r = EntryKind.RESOLUTION
    with pytest.raises(ValidationError, match="does not carry"):
        store.add_entry(item, r, "that x.", vote_for=2, vote_against=2, outcome=Outcome.CARRIED)
    with pytest.raises(ValidationError, match="does not lose"):
        store.add_entry(item, r, "that x.", vote_for=3, vote_against=1, outcome=Outcome.LOST)
    with pytest.raises(ValidationError, match="unanimous"):
        store.add_entry(item, r, "that x.", vote_against=1, outcome=Outcome.UNANIMOUS)
    # the chair's casting vote may carry a tied vote
    tied = store.add_entry(item, r, "that x.", vote_for=1, vote_against=1, casting_vote=True,
                           outcome=Outcome.CARRIED)
    assert tied.casting_vote
    # a later change that breaks the arithmetic is refused, and the entry is unchanged
    with pytest.raises(ValidationError):
        store.update_entry(tied.id, casting_vote=False)
    assert store.get_entry(tied.id).casting_vote
    # counts against the members present (three members, all present)
    store.check_vote_counts(meeting_id, 2, 1, 0)
    with pytest.raises(ValidationError, match="only 3 voting members"):
        store.check_vote_counts(meeting_id, 3, 1, 0)
    with pytest.raises(ValidationError, match="not a whole number"):
        store.check_vote_counts(meeting_id, "three")
    absent = store.list_attendance(meeting_id)[2]
    store.update_attendance(absent.id, status=AttendanceStatus.APOLOGIES)
    with pytest.raises(ValidationError, match="only 2 voting members"):
        store.check_vote_counts(meeting_id, 2, 1)


def test_insert_at_position_and_move(store: Store, meeting: tuple[int, int, int]) -> None:
    _, item, _ = meeting
    p = EntryKind.PARAGRAPH
    a = store.add_entry(item, p, "A")
    store.add_entry(item, p, "C")
    store.add_entry(item, p, "B", position=1)
    store.add_entry(item, p, "Start", position=0)
    store.add_entry(item, p, "End", position=99)
    assert texts(store, item) == ["Start", "A", "B", "C", "End"]
    assert positions(store, item) == [0, 1, 2, 3, 4]
    store.move_entry(a.id, +2)
    assert texts(store, item) == ["Start", "B", "C", "A", "End"]
    store.move_entry(a.id, -10)
    assert texts(store, item) == ["A", "Start", "B", "C", "End"]
    store.move_entry(a.id, +10)
    assert texts(store, item) == ["Start", "B", "C", "End", "A"]
    assert positions(store, item) == [0, 1, 2, 3, 4]


def test_move_to_another_item(store: Store, meeting: tuple[int, int, int]) -> None:
    meeting_id, item, other = meeting
    p = EntryKind.PARAGRAPH
    entries = [store.add_entry(item, p, t) for t in ("A", "B", "C")]
    store.add_entry(other, p, "X")
    moved = store.move_entry_to_item(entries[1].id, other)
    assert moved.item_id == other and moved.position == 1
    assert texts(store, item) == ["A", "C"] and positions(store, item) == [0, 1]
    assert texts(store, other) == ["X", "B"] and positions(store, other) == [0, 1]
    assert store.move_entry_to_item(entries[0].id, item).position == 0  # same item: no change
    panel_id = store.get_meeting(meeting_id).panel_id
    elsewhere = store.create_meeting(panel_id, date(2026, 3, 4), standing_agenda=False)
    far = store.add_item(elsewhere.id, "Far item")
    with pytest.raises(ValidationError, match="same meeting"):
        store.move_entry_to_item(entries[0].id, far.id)
    assert texts(store, item) == ["A", "C"]


def test_delete_compacts_and_restore_puts_back(store: Store, meeting: tuple[int, int, int]) -> None:
    _, item, _ = meeting
    p = EntryKind.PARAGRAPH
    entries = [store.add_entry(item, p, t) for t in ("A", "B", "C", "D")]
    gone = store.delete_entry(entries[1].id)
    assert texts(store, item) == ["A", "C", "D"] and positions(store, item) == [0, 1, 2]
    restored = store.restore_entry(gone)
    assert texts(store, item) == ["A", "B", "C", "D"] and restored.position == 1
    with pytest.raises(NotFoundError):
        store.delete_entry(entries[1].id)


def test_update_keeps_an_audit_trail(store: Store, meeting: tuple[int, int, int]) -> None:
    _, item, _ = meeting
    entry = store.add_entry(item, EntryKind.PARAGRAPH, "First worde.")
    store.update_entry(entry.id, text="First words.")
    store.update_entry(entry.id, at_time="10.00")  # not audited: the text did not change
    assert store.get_entry(entry.id).at_time == "10:00"
    with pytest.raises(ValidationError):
        store.update_entry(entry.id, at_time="25:00")
    changed = store.change_entry_kind(entry.id, EntryKind.RESOLUTION)
    assert changed.kind is EntryKind.RESOLUTION
    revisions = store.list_revisions(entry.id)
    assert [(r.old_text, r.new_text) for r in revisions] == [("First worde.", "First words.")]
    with pytest.raises(ValidationError, match="cannot be emptied"):
        store.update_entry(entry.id, text="  ")
    assert store.get_entry(entry.id).text == "First words."


def test_draft_save_get_clear(store: Store, meeting: tuple[int, int, int]) -> None:
    meeting_id, item, _ = meeting
    assert store.get_draft(meeting_id) is None
    store.save_draft(meeting_id, "Cllr Grant asked", item_id=item, kind=EntryKind.QUESTION,
                     fields={"asker_id": 3, "answer": "half an ans"})
    draft = store.get_draft(meeting_id)
    assert draft is not None
    assert (draft.text, draft.item_id, draft.kind) == ("Cllr Grant asked", item,
                                                       EntryKind.QUESTION)
    assert draft.fields == {"asker_id": 3, "answer": "half an ans"}
    store.save_draft(meeting_id, "Cllr Grant asked whether", item_id=item)
    again = store.get_draft(meeting_id)
    assert again is not None and again.text == "Cllr Grant asked whether"
    assert again.kind is EntryKind.PARAGRAPH and again.fields == {}
    store.clear_draft(meeting_id)
    assert store.get_draft(meeting_id) is None
    store.clear_draft(meeting_id)  # clearing twice is harmless


def test_successive_saves_of_one_window_each_return_the_stored_version(
    store: Store, meeting: tuple[int, int, int]
) -> None:
    """The typing path: each save passes the version the previous one returned."""
    meeting_id, item, _ = meeting
    stamp = store.save_draft(meeting_id, "The", item_id=item)
    for n, text in enumerate(["The Panel", "The Panel noted", "The Panel noted the report."]):
        newer = store.save_draft(meeting_id, text, item_id=item, kind=EntryKind.QUESTION,
                                 fields={"asker": f"Cllr {n}"}, expected_updated_at=stamp)
        assert newer > stamp
        draft = store.get_draft(meeting_id)
        assert draft is not None
        assert (draft.text, draft.kind, draft.fields, draft.updated_at) == (
            text, EntryKind.QUESTION, {"asker": f"Cllr {n}"}, newer)
        stamp = newer


def test_draft_keeps_any_text_exactly(store: Store, meeting: tuple[int, int, int]) -> None:
    meeting_id, _, _ = meeting
    text = "line one\r\n  # not a heading\t\x00 nul\n\n\U0001f600 \u202e rtl " + "x" * 20_000
    store.save_draft(meeting_id, text)
    draft = store.get_draft(meeting_id)
    assert draft is not None and draft.text == text


def test_unpaired_surrogate_is_refused_with_a_clear_message(store: Store) -> None:
    """Text that cannot be encoded as UTF-8 is a ValidationError, and nothing is written."""
    panel = store.create_panel("Surrogate Test Panel")
    with pytest.raises(ValidationError, match="cannot be stored"):
        store.create_person("Ann \ud800 Baker")
    assert store.list_people() == []
    assert store.get_panel(panel.id).name == "Surrogate Test Panel"


def test_filing_removes_the_draft_it_came_from_even_with_a_stale_stamp(store: Store) -> None:
    """An autosave still on its way when Enter was pressed must not survive the filing."""
    panel = store.create_panel("Draft Test Panel")
    meeting = store.create_meeting(panel.id, date(2027, 1, 12), standing_agenda=False)
    item = store.add_item(meeting.id, "Estates strategy")
    store.save_draft(meeting.id, "The Commissioner introduced", item_id=item.id)
    # The window's last known stamp is older than the row (the in-flight save replaced it).
    store.add_entry(
        item.id, EntryKind.PARAGRAPH, "The Commissioner introduced the estates strategy.",
        clear_draft_of=meeting.id, draft_stamp=date_time_long_ago(),
    )
    assert store.get_draft(meeting.id) is None

    # An action filed from the composer clears its draft the same way.
    store.save_draft(meeting.id, "Circulate the estates", item_id=item.id)
    store.add_action(
        meeting.id, "Circulate the estates review to members", item_id=item.id,
        clear_draft_of=meeting.id, draft_stamp=date_time_long_ago(),
    )
    assert store.get_draft(meeting.id) is None


def test_filing_leaves_another_windows_unrelated_draft(store: Store) -> None:
    panel = store.create_panel("Draft Test Panel")
    meeting = store.create_meeting(panel.id, date(2027, 1, 12), standing_agenda=False)
    item = store.add_item(meeting.id, "Estates strategy")
    store.save_draft(meeting.id, "Cllr Ashby asked about the sale of", item_id=item.id)
    store.add_entry(
        item.id, EntryKind.PARAGRAPH, "The Panel noted the report.",
        clear_draft_of=meeting.id, draft_stamp=date_time_long_ago(),
    )
    draft = store.get_draft(meeting.id)
    assert draft is not None and draft.text == "Cllr Ashby asked about the sale of"


def date_time_long_ago() -> datetime:
    return datetime(2000, 1, 1, tzinfo=UTC)
