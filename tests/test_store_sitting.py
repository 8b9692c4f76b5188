"""Store rules for the meeting as it runs (issue 11, points 4-6): item sittings that never
overlap, closing the meeting, and attendance movements minuted in procedural notes."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from panel_minutes.models.domain import AttendanceStatus, EntryKind
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.export.markdown import render_markdown
from panel_minutes.models.item_times import next_to_take
from panel_minutes.models.movements import Movement, recognise
from panel_minutes.models.store import Store
from tests.test_live_support import write_meeting, write_panel


def _meeting(store: Store, extra_items: int = 4) -> tuple[int, list[int]]:
    cast = write_panel(store)
    meeting_id = write_meeting(store, cast)
    for n in range(extra_items):
        store.add_item(meeting_id, f"Further business {n + 1}")
    return meeting_id, [i.id for i in store.list_items(meeting_id)]


def _times(store: Store, meeting_id: int) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
    return [(i.started_at, i.finished_at, i.resumed) for i in store.list_items(meeting_id)]


# --- point 6: items taken out of order -------------------------------------------------------


def test_items_taken_out_of_order_finish_each_other_and_f7_skips_the_taken(store: Store) -> None:
    meeting_id, ids = _meeting(store)
    for n, at in zip(range(4), ("10:00", "10:05", "10:10", "10:15"), strict=True):
        store.take_item(ids[n], at)
    store.take_item(ids[5], "10:20")  # item 6, out of order
    store.take_item(ids[4], "10:30")  # then item 5
    items = store.list_items(meeting_id)
    assert (items[3].started_at, items[3].finished_at) == ("10:15", "10:20")
    assert (items[5].started_at, items[5].finished_at) == ("10:20", "10:30")
    # F7 from item 5 goes to item 7, not to item 6 (done already)
    following = next_to_take(items, ids[4])
    assert following is not None and following.id == ids[6]
    store.take_item(ids[6], "10:40")
    items = store.list_items(meeting_id)
    assert (items[4].started_at, items[4].finished_at) == ("10:30", "10:40")  # 5 keeps an end
    # every sitting is apart from every other
    spans = sorted((s, f) for s, f, _ in _times(store, meeting_id) if s)
    assert all(a[1] and a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_an_item_taken_up_twice_keeps_both_sittings(store: Store) -> None:
    _meeting_id, ids = _meeting(store)
    store.take_item(ids[3], "10:00")
    store.take_item(ids[4], "10:20")
    again = store.take_item(ids[3], "10:35")  # back to item 4
    assert (again.started_at, again.finished_at, again.resumed) == (
        "10:00", "10:20", (("10:35", ""),))
    store.take_item(ids[5], "10:50")
    back = store.get_item(ids[3])
    assert back.resumed == (("10:35", "10:50"),)
    assert store.get_item(ids[4]).finished_at == "10:35"


def test_item_times_never_overlap(store: Store) -> None:
    meeting_id, ids = _meeting(store)
    store.take_item(ids[0], "10:00")
    store.take_item(ids[1], "10:10")
    store.finish_item(ids[1], "10:20")
    before = _times(store, meeting_id)
    with pytest.raises(ValidationError) as err:
        store.update_item(ids[2], started_at="10:15", finished_at="10:25")  # over item 2
    assert "overlap" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(ValidationError, match="before it started"):
        store.update_item(ids[2], started_at="10:40", finished_at="10:30")
    with pytest.raises(ValidationError, match="cannot start at 10:05: 10:20 is the last"):
        store.take_item(ids[2], "10:05")  # the clock cannot run back over item 2
    assert _times(store, meeting_id) == before  # refused: nothing written
    store.update_item(ids[2], started_at="10:20", finished_at="10:30")  # touching is fine


def test_f8_on_a_new_item_finishes_the_running_one(store: Store) -> None:
    _meeting_id, ids = _meeting(store)
    store.take_item(ids[0], "10:00")
    store.take_item(ids[2], "10:12")  # F8 on item 3 while item 1 runs
    assert store.get_item(ids[0]).finished_at == "10:12"


# --- point 5: closing the meeting --------------------------------------------------------------


def test_closing_the_meeting_finishes_the_running_item_and_stamps_the_end(store: Store) -> None:
    meeting_id, ids = _meeting(store)
    store.take_item(ids[0], "10:00")
    store.take_item(ids[1], "10:10")
    with pytest.raises(ValidationError, match="cannot end at 10:05: 10:10 is the last"):
        store.close_meeting(meeting_id, "10:05")
    assert store.get_meeting(meeting_id).end_time == ""
    meeting = store.close_meeting(meeting_id, "11:58")
    assert meeting.end_time == "11:58"
    assert store.get_item(ids[1]).finished_at == "11:58"
    assert "The meeting ended at 11:58." in render_markdown(store.load_document(meeting_id))
    with pytest.raises(ValidationError, match="already ended at 11:58"):
        store.close_meeting(meeting_id, "12:00")
    with pytest.raises(ValidationError, match="ended at 11:58"):
        store.take_item(ids[2], "12:01")
    store.put_back_times(meeting_id, store.list_items(meeting_id), "")  # undo: reopened
    assert store.get_meeting(meeting_id).end_time == ""


# --- point 4: arrivals and departures ------------------------------------------------------------


def test_the_note_words_that_record_a_movement(store: Store) -> None:
    meeting_id, _ids = _meeting(store, 0)
    people = [a.person for a in store.list_attendance(meeting_id)]

    def kind(text: str, at: str = "11:00") -> tuple[Movement, str] | None:
        found = recognise(text, at, people).movement
        return (found.kind, found.at) if found else None

    assert kind("Cllr Carver left the meeting at 11:15.") == (Movement.LEFT, "11:15")
    assert kind("cllr carver left at 11.15 am") == (Movement.LEFT, "11:15")
    assert kind("Mina Carver arrived.") == (Movement.ARRIVED, "11:00")
    assert kind("Cllr Mina Carver left the room for this item.") == (Movement.WITHDREW, "11:00")
    assert kind("Cllr Carver withdrew.") == (Movement.WITHDREW, "11:00")
    assert kind("Cllr Carver returned to the meeting at 2.05 pm") == (Movement.RETURNED, "14:05")
    assert kind("The Chair noted that Cllr Carver had left.") is None  # must start with the name
    assert kind("Cllr Carveright left.") is None
    assert kind("Cllr Carver spoke.") is None
    assert recognise("Cllr Carver left.", "", people).problem.endswith("give the note a time")
    described = recognise("Cllr Carver left the meeting", "11:15", people).describe()
    assert described == "attendance: Cllr Carver left the meeting at 11:15"


def _note(store: Store, item_id: int, text: str, at: str) -> None:
    store.add_entry(item_id, EntryKind.PROCEDURE, text, at_time=at)


def test_a_vote_counts_who_was_present_when_it_was_taken(store: Store) -> None:
    meeting_id, ids = _meeting(store, 0)
    # present: Ashby, Brennan, Carver, Ng (Dowd sent apologies): four voting members
    store.check_vote_counts(meeting_id, 4, 0, 0, at_time="11:00")
    _note(store, ids[3], "Cllr Carver left the meeting at 11:15.", "11:16")
    with pytest.raises(ValidationError) as err:
        store.check_vote_counts(meeting_id, 4, 0, 0, at_time="11:20")
    assert "only 3 voting members were present at 11:20" in str(err.value)
    store.check_vote_counts(meeting_id, 3, 0, 0, at_time="11:20")
    store.check_vote_counts(meeting_id, 4, 0, 0, at_time="11:10")  # before she left
    with pytest.raises(ValidationError):
        store.check_vote_counts(meeting_id, 4, 0, 0, at_time="11:15")  # she left at 11:15
    # leaving the room for an item and coming back
    _note(store, ids[4], "Cllr Brennan left the room.", "11:30")
    with pytest.raises(ValidationError):
        store.check_vote_counts(meeting_id, 3, 0, 0, at_time="11:31")
    _note(store, ids[4], "Cllr Brennan returned.", "11:40")
    store.check_vote_counts(meeting_id, 3, 0, 0, at_time="11:41")
    # a member with apologies who arrives after all votes from then
    _note(store, ids[4], "Cllr Dowd arrived.", "11:45")
    store.check_vote_counts(meeting_id, 4, 0, 0, at_time="11:50")
    # no time: the most present at any one time (never a wrong refusal)
    store.check_vote_counts(meeting_id, 4, 0, 0)
    with pytest.raises(ValidationError):
        store.check_vote_counts(meeting_id, 5, 0, 0)


def test_present_says_until_and_from_after_movements(store: Store) -> None:
    meeting_id, ids = _meeting(store, 0)
    _note(store, ids[3], "Cllr Carver left the meeting at 11:15.", "11:16")
    _note(store, ids[3], "Cllr Dowd arrived.", "10:55")
    _note(store, ids[3], "Cllr Brennan left the room.", "11:00")  # for the item: not here
    _note(store, ids[3], "Cllr Brennan returned.", "11:05")
    _note(store, ids[3], "Mr Hale left the meeting.", "11:30")  # the Commissioner, also present
    text = render_markdown(store.load_document(meeting_id))
    present = next(line for line in text.splitlines() if line.startswith("**Present:**"))
    assert "Cllr Mina Carver (until 11:15)" in present
    assert "Cllr Eliot Dowd (from 10:55)" in present  # had sent apologies, then came
    assert "Cllr Tariq Brennan (Vice-Chair)," in present  # left the room only: no times
    assert "**Apologies:**" not in text
    assert "Mr Simon Hale (Police and Crime Commissioner, until 11:30)" in text
    assert "Cllr Carver left the meeting at 11:15" in text  # the note itself is minuted
    # the attendance's own times and a minuted arrival at the same time say it once
    record = next(a for a in store.list_attendance(meeting_id) if a.person.name == "Mina Carver")
    store.update_attendance(record.id, arrived_at="10:20")
    _note(store, ids[3], "Cllr Carver arrived.", "10:20")
    again = render_markdown(store.load_document(meeting_id))
    assert "Cllr Mina Carver (from 10:20, until 11:15)" in again
    # the setup's attendance tab shows what the notes add to the records' own times
    minuted = store.minuted_attendance(meeting_id)
    assert minuted[record.id] == ("until 11:15",)  # "from 10:20" is the record's own
    assert sorted(minuted.values()) == [("from 10:55",), ("until 11:15",), ("until 11:30",)]
    assert store.list_attendance(meeting_id)[0].status is AttendanceStatus.PRESENT


def test_a_second_sitting_travels_in_a_bundle(store: Store, tmp_path: Path) -> None:
    from panel_minutes.models.bundle import export_bundle
    from panel_minutes.models.store.bundle_io import import_bundle

    meeting_id, ids = _meeting(store)
    store.take_item(ids[3], "10:00")
    store.take_item(ids[4], "10:20")
    store.take_item(ids[3], "10:35")
    store.close_meeting(meeting_id, "10:50")
    data = export_bundle(store, meeting_id)
    other = Store(str(tmp_path / "other.db"))
    copied = import_bundle(other, data)
    item = other.list_items(copied)[3]
    assert (item.started_at, item.finished_at, item.resumed) == (
        "10:00", "10:20", (("10:35", "10:50"),))
    assert other.get_meeting(copied).end_time == "10:50"
    other.close()


# --- attendance times within the meeting (new-clerk walkthrough, point 1) ----------------------


def test_arrival_and_departure_times_must_lie_within_the_meeting(store: Store) -> None:
    meeting_id, ids = _meeting(store, 0)  # starts at 10:00
    carver = next(a for a in store.list_attendance(meeting_id) if a.person.name == "Mina Carver")
    with pytest.raises(ValidationError) as err:
        store.update_attendance(carver.id, left_at="09:10")
    assert str(err.value) == ("Left at 09:10 is before the meeting started (10:00): give a time "
                              "from 10:00 on, or leave it empty.")
    with pytest.raises(ValidationError, match="Arrived at 09:59 is before the meeting started"):
        store.update_attendance(carver.id, arrived_at="09:59")
    assert store.update_attendance(carver.id, arrived_at="10:00").arrived_at == "10:00"
    store.take_item(ids[0], "10:00")
    store.close_meeting(meeting_id, "10:47")
    with pytest.raises(ValidationError) as err:
        store.update_attendance(carver.id, arrived_at="11:10")
    assert "after the meeting ended (10:47): give a time from 10:00 to 10:47" in str(err.value)
    assert store.update_attendance(carver.id, left_at="10:47").left_at == "10:47"
    assert store.update_attendance(carver.id, left_at="").left_at == ""  # clearing is fine
    assert store.update_attendance(carver.id, capacity="Chair").arrived_at == "10:00"
    # a procedural note recording a movement after the end (or before the start) is refused
    with pytest.raises(ValidationError) as err:
        _note(store, ids[0], "Cllr Carver left the meeting at 10:48.", "10:40")
    assert str(err.value) == ("Cllr Carver left the meeting at 10:48, after the meeting ended "
                              "(10:47): correct the time in the note, or the meeting's times "
                              "in its details.")
    with pytest.raises(ValidationError, match="arrived at 09:30, before the meeting started"):
        store.file_entry(ids[0], EntryKind.PROCEDURE, "Cllr Dowd arrived.", at_time="09:30")
    _note(store, ids[0], "Cllr Carver left the meeting at 10:45.", "10:48")  # the text's time
    _note(store, ids[0], "The meeting adjourned briefly.", "10:50")  # no movement: any time
    note = store.list_entries(ids[0])[-2]
    with pytest.raises(ValidationError, match="after the meeting ended"):
        store.update_entry(note.id, text="Cllr Carver left the meeting at 10:55.")
    assert store.list_entries(ids[0])[-2].text == "Cllr Carver left the meeting at 10:45."


def test_the_meeting_times_cannot_leave_a_recorded_movement_outside(store: Store) -> None:
    meeting_id, ids = _meeting(store, 0)  # starts at 10:00
    carver = next(a for a in store.list_attendance(meeting_id) if a.person.name == "Mina Carver")
    store.update_attendance(carver.id, arrived_at="10:20")
    _note(store, ids[0], "Cllr Carver left the meeting at 11:15.", "11:16")
    with pytest.raises(ValidationError) as err:
        store.update_meeting(meeting_id, start_time="10:30")
    assert str(err.value) == ("The start time 10:30 is after 10:20: an arrival or departure is "
                              "recorded then; correct its time first (the setup's attendance, "
                              "or the F5 note).")
    with pytest.raises(ValidationError, match="The end time 11:00 is before 11:15"):
        store.close_meeting(meeting_id, "11:00")
    assert store.get_meeting(meeting_id).end_time == ""  # nothing half-done
    store.close_meeting(meeting_id, "11:20")
    with pytest.raises(ValidationError, match="The end time 11:10 is before 11:15"):
        store.update_meeting(meeting_id, end_time="11:10")
    assert store.update_meeting(meeting_id, start_time="10:10").start_time == "10:10"
