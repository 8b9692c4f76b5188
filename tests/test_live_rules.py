"""The live screen's rules without a screen: the meeting as read (``panel_minutes.models.live_meeting``),
moving entries and taking items (``panel_minutes.models.live_moves``) and which undo a change pushes
(``panel_minutes.models.live_undo``). Plain pytest on a temporary database."""

from __future__ import annotations

from datetime import datetime

from panel_minutes.models.domain import EntryKind
from panel_minutes.models.live_meeting import LiveMeeting, with_fresh
from panel_minutes.models.live_moves import Change, EntryMoves, ItemTaking, Say
from panel_minutes.models.live_undo import undo_filing, undo_put_back
from panel_minutes.models.store import Store
from panel_minutes.models.undo import UndoStack
from tests.test_live_support import MEETING_DAY, write_meeting, write_panel

AT_TEN = datetime(MEETING_DAY.year, MEETING_DAY.month, MEETING_DAY.day, 10, 0, 30)


def opened(store: Store) -> LiveMeeting:
    meeting_id = write_meeting(store, write_panel(store))
    meeting = LiveMeeting(meeting_id)
    meeting.open(store.read_opening(meeting_id))
    return meeting


def undo_last(store: Store, meeting: LiveMeeting, undo: UndoStack, items: set[int]) -> None:
    op = undo.pop()
    assert op is not None
    ids = undo.ids
    _touched, fresh = with_fresh(lambda s: op.run(s, ids), items, meeting.meeting_id)(store)
    meeting.apply(fresh)


def run(store: Store, meeting: LiveMeeting, change: Change | Say | None,
        undo: UndoStack | None = None) -> None:
    assert isinstance(change, Change)
    _result, fresh = with_fresh(change.call, change.items, meeting.meeting_id)(store)
    meeting.apply(fresh)
    if undo is not None and change.undo is not None:
        undo.push(change.undo)


def test_opening_reads_the_current_item_first_and_the_rest_in_groups(store: Store) -> None:
    meeting = opened(store)
    first = meeting.items[0].id
    entry = store.add_entry(meeting.items[1].id, EntryKind.PARAGRAPH, "Read in the second step.")
    meeting = LiveMeeting(meeting.meeting_id)
    meeting.open(store.read_opening(meeting.meeting_id))
    assert meeting.current_id == first and list(meeting.entries) == [first]
    counts, _actions = meeting.agenda_counts()
    assert counts[meeting.items[1].id] == 1  # counted before it is read
    names = [person.name for person in meeting.attendees]
    assert names[0] == "Joan Ashby" and names[-1] == "Eliot Dowd"  # present first, apologies last
    groups = meeting.rest_groups()
    assert [i for g in groups for i in g] == [i.id for i in meeting.items[1:]]
    for group in groups:
        assert meeting.merge_read(store.load_entries(meeting.meeting_id, group)) is False
    assert meeting.all_read() is None
    found = meeting.find_entry(entry.id)
    assert found is not None and meeting.entry_label(found) == "paragraph 1"


def test_an_item_changed_while_the_rest_is_read_keeps_the_newer_list(store: Store) -> None:
    meeting = opened(store)
    second = meeting.items[1].id
    stale = store.load_entries(meeting.meeting_id, [second])  # the second step's read
    run(store, meeting, Change(lambda s: s.add_entry(second, text="Filed meanwhile."), None,
                               items={second}))
    meeting.merge_read(stale)
    assert [e.text for e in meeting.entries[second]] == ["Filed meanwhile."]


def test_a_search_hit_on_an_unread_item_is_shown_once_everything_is_read(store: Store) -> None:
    meeting_id = write_meeting(store, write_panel(store))
    items = store.list_items(meeting_id)
    entry = store.add_entry(items[3].id, text="The hit.")
    meeting = LiveMeeting(meeting_id, (items[3].id, entry.id, None))
    opening = store.read_opening(meeting_id, meeting.wanted_item)
    meeting.open(opening)
    # read_opening opens at the wanted item: nothing is left to show later
    assert meeting.current_id == items[3].id and meeting.all_read() is None
    meeting = LiveMeeting(meeting_id, (items[3].id, entry.id, None))
    meeting.open(store.read_opening(meeting_id))  # opened elsewhere (the draft's item)
    assert meeting.all_read() == (items[3].id, entry.id, None)


def test_reordering_and_moving_entries_and_undoing_it(store: Store) -> None:
    meeting = opened(store)
    first, second = meeting.items[0].id, meeting.items[1].id
    a = store.add_entry(first, text="First.")
    b = store.add_entry(first, text="Second.")
    run(store, meeting, Change(lambda s: None, None, items={first}))
    moves, undo = EntryMoves(meeting), UndoStack()
    assert moves.reorder(("entry", a.id), -1) is None  # at the top already
    assert isinstance(moves.reorder(("action", 1), 1), Say)
    run(store, meeting, moves.reorder(("entry", a.id), 1), undo)
    assert [e.id for e in meeting.entries[first]] == [b.id, a.id]
    moves.start(("entry", b.id))
    assert moves.active and moves.finish(first) is None  # already under that item
    assert not moves.active
    moves.start(("entry", b.id))
    change = moves.finish(second)
    assert isinstance(change, Change) and change.items == {first, second}
    run(store, meeting, change, undo)
    assert [e.id for e in meeting.entries[second]] == [b.id]
    assert undo.labels()[-1] == "moving paragraph 1 to item 2"
    undo_last(store, meeting, undo, {first, second})
    undo_last(store, meeting, undo, {first, second})
    assert [e.id for e in meeting.entries[first]] == [a.id, b.id]
    assert moves.cancel() is False


def test_taking_items_out_of_order_and_back(store: Store) -> None:
    meeting = opened(store)
    taking, undo = ItemTaking(meeting), UndoStack()
    third = meeting.items[2].id
    assert taking.next() == (meeting.items[1].id, True)  # the next not taken yet
    assert isinstance(taking.previous(), Say)  # on the first item
    run(store, meeting, taking.take(third, AT_TEN), undo)
    taken = meeting.item(third)
    assert taken is not None and taken.started_at == "10:00"
    assert taking.started_exactly[third] == AT_TEN
    assert taking.take(third, AT_TEN) is None  # running: nothing to stamp
    meeting.current_id = third
    run(store, meeting, taking.start_finish(AT_TEN.replace(minute=20)), undo)
    finished = meeting.item(third)
    assert finished is not None and finished.finished_at == "10:20"
    first = meeting.items[0].id
    run(store, meeting, taking.take(first, AT_TEN.replace(minute=21)), undo)
    resumed = taking.take(third, AT_TEN.replace(minute=22))  # item 1 running: 3 resumes
    assert isinstance(resumed, Change) and resumed.undo is not None
    assert resumed.undo.label == "taking item 3 again at 10:22"
    meeting.current_id = first
    run(store, meeting, taking.start_finish(AT_TEN.replace(minute=24)), undo)  # nothing runs
    said = taking.take(third, AT_TEN.replace(minute=25))  # so item 3 is only looked at
    assert isinstance(said, Say) and "F8 takes it up again" in said.text
    assert undo.labels()[-2:] == ["taking item 1 at 10:21", "finishing item 1"]
    undo_last(store, meeting, undo, set())
    undo_last(store, meeting, undo, set())
    back = meeting.item(first)
    assert back is not None and not back.started_at


def test_the_undo_chosen_for_a_filing_and_a_put_back(store: Store) -> None:
    meeting = opened(store)
    item = meeting.items[0].id
    entry = store.add_entry(item, EntryKind.QUESTION, "Asked?", answer="Answered.")
    op = undo_filing("entry", None, entry, meeting.entry_label)
    assert op.label == "filing a question"
    edited = undo_filing("edit", entry, entry, lambda e: "question 1")
    assert edited.label == "editing question 1"
    action = store.add_action(meeting.meeting_id, "Report back.", item_id=item)
    assert undo_filing("action", None, action, meeting.entry_label).label.startswith(
        "filing action")
    _op, name, select = undo_put_back(entry)
    assert (name, select) == ("the question", f"e{entry.id}")
    _op, name, select = undo_put_back(action)
    assert select == f"a{action.id}" and name.startswith("action ")
    op.run(store, UndoStack().ids)  # filing undone: the entry is deleted
    assert store.list_entries(item) == []
