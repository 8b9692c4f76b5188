"""Recorded (named) votes without a screen: the key rule, the counts from the marks, the vote
check against those present, and the names in the minutes (issue 14, Resolutions)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from panel_minutes.models.bundle import dumps_bundle, export_bundle, parse_bundle
from panel_minutes.models.domain import AttendanceStatus, EntryKind, Outcome
from panel_minutes.models.errors import BundleError, ValidationError
from panel_minutes.models.export import render_markdown
from panel_minutes.models.recorded_votes import (
    VoteChoice,
    member_keys,
    next_choice,
    pairs_json,
    tally,
)
from panel_minutes.models.store import Store
from panel_minutes.models.store.bundle_io import import_bundle
from tests.style_meeting import StyleMeeting, style_meeting


def test_one_key_cycles_for_against_abstain_not_voting() -> None:
    seen: list[VoteChoice | None] = [None]
    for _ in range(4):
        seen.append(next_choice(seen[-1]))
    assert seen == [None, VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN, None]
    assert member_keys(11) == ("1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b")
    assert tally([VoteChoice.FOR, None, VoteChoice.FOR, VoteChoice.ABSTAIN]) == (2, 0, 1)


def marks(m: StyleMeeting) -> str:
    p = m.people
    return pairs_json([
        (p["hughes"].id, VoteChoice.FOR), (p["adeyemi"].id, VoteChoice.FOR),
        (p["tate"].id, VoteChoice.FOR), (p["ortiz"].id, VoteChoice.FOR),
        (p["pike"].id, VoteChoice.AGAINST), (p["morgan"].id, VoteChoice.ABSTAIN),
    ])


def test_the_pcp_minutes_list_the_names_in_a_paragraph_of_their_own(store: Store) -> None:
    m = style_meeting(store, "pcp")
    entry = store.add_entry(
        m.item_id, EntryKind.RESOLUTION,
        "that the Panel support the proposed precept without qualification.",
        recorded_vote=marks(m), outcome=Outcome.CARRIED,
    )
    assert (entry.vote_for, entry.vote_against, entry.vote_abstain) == (4, 1, 1)
    assert (
        "RESOLVED that the Panel support the proposed precept without qualification.\n\n"
        "*Recorded vote.* For: Councillor Hughes, Councillor Adeyemi, Councillor Tate, Mr Ortiz "
        "(4). Against: Councillor Pike (1). Abstaining: Councillor Morgan (1). Carried.\n"
    ) in m.markdown()


def test_the_counts_follow_the_marks_whatever_was_typed(store: Store) -> None:
    m = style_meeting(store)
    entry = store.add_entry(m.item_id, EntryKind.RESOLUTION, "that the report be noted.",
                            recorded_vote=marks(m), vote_for=9, vote_against=0)
    assert (entry.vote_for, entry.vote_against, entry.vote_abstain) == (4, 1, 1)
    cleared = store.update_entry(entry.id, recorded_vote="", vote_for=3, vote_against=None,
                                 vote_abstain=None)
    assert cleared.recorded_votes == () and cleared.vote_for == 3


def test_a_recorded_vote_larger_than_those_present_is_refused(store: Store) -> None:
    m = style_meeting(store)
    for record in store.list_attendance(m.meeting_id):
        if record.person.id == m.people["morgan"].id:
            store.update_attendance(record.id, status=AttendanceStatus.APOLOGIES)
    with pytest.raises(ValidationError, match="only 5 voting members"):
        store.file_entry(m.item_id, EntryKind.RESOLUTION, "that the report be noted.",
                         recorded_vote=marks(m))


def test_a_member_marked_twice_is_refused(store: Store) -> None:
    m = style_meeting(store)
    pid = m.people["pike"].id
    twice = json.dumps([[pid, "for"], [pid, "against"]])
    with pytest.raises(ValidationError, match="only once"):
        store.add_entry(m.item_id, EntryKind.RESOLUTION, "that it be noted.", recorded_vote=twice)


def test_the_voting_members_present_at_the_time_of_the_vote(store: Store) -> None:
    m = style_meeting(store)
    store.add_entry(m.item_id, EntryKind.PROCEDURE, "Cllr Morgan left the meeting.",
                    at_time="10:40")
    names = [p.name for p in store.recorded_vote_members(m.meeting_id, "11:00")]
    assert names == ["Jane Hughes", "Ben Adeyemi", "Lara Pike", "Owen Tate", "Sam Ortiz"]
    assert "Rhys Morgan" in [p.name for p in store.recorded_vote_members(m.meeting_id, "10:30")]


def test_a_recorded_vote_survives_delete_and_undo_and_a_bundle(
    store: Store, tmp_path: Path
) -> None:
    m = style_meeting(store, "pcp")
    entry = store.add_entry(m.item_id, EntryKind.RESOLUTION, "that the report be noted.",
                            recorded_vote=marks(m), outcome=Outcome.CARRIED)
    store.add_action(m.meeting_id, "Circulate the comparison", item_id=m.item_id,
                     owner_text="the Clerk", due_text="next meeting")
    before = m.markdown()
    assert "*Recorded vote.* For: Councillor Hughes" in before
    store.restore_entry(store.delete_entry(entry.id))
    assert m.markdown() == before
    text = dumps_bundle(export_bundle(store, m.meeting_id))
    assert '"recorded_vote"' in text and '"due_text": "next meeting"' in text
    other = Store(str(tmp_path / "other.db"))
    try:
        new_id = import_bundle(other, text)
        assert render_markdown(other.load_document(new_id)) == before
    finally:
        other.close()


@pytest.mark.parametrize(
    ("marks", "says"),
    [([["nobody", "for"]], "not in the bundle"), ([["p1", "maybe"]], "not one of"),
     ("for", "expected a list")],
)
def test_a_wrong_recorded_vote_in_a_bundle_is_refused_naming_it(
    store: Store, marks: object, says: str
) -> None:
    m = style_meeting(store)
    store.add_entry(m.item_id, EntryKind.RESOLUTION, "that the report be noted.",
                    recorded_vote=pairs_json([(m.people["pike"].id, VoteChoice.FOR)]))
    data = export_bundle(store, m.meeting_id)
    [entry] = data["items"][0]["entries"]
    entry["recorded_vote"] = marks
    with pytest.raises(BundleError, match=f"recorded_vote.*{says}"):
        parse_bundle(dumps_bundle(data))
