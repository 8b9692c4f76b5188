"""Moving on the live screen: entries put in a new order or under another item, and agenda
items taken, finished and taken up again out of order. Pure Python, no Textual.

Each decision returns a ``Change`` (the store call, its undo, the items whose entries it changes,
the row to select afterwards) for the screen to run on the store thread, or the one line to say
instead. ``started_exactly`` keeps when this session took an item, to the second (the stored
stamp keeps only the minute), for the item's running clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from panel_minutes.models.clock import hhmm
from panel_minutes.models.item_times import is_running, next_to_take, resumes_on_go_to, sittings
from panel_minutes.models.live_meeting import LiveMeeting
from panel_minutes.models.live_undo import undo_item_times
from panel_minutes.models.undo import UndoOp, undo_move_entry, undo_update_action

if TYPE_CHECKING:
    from panel_minutes.models.store import Store

# A row of the entries list: ("entry", id) or ("action", id).
RowKey = tuple[str, int]


@dataclass(frozen=True)
class Change:
    """One change for the store thread, and how to take it back."""

    call: Callable[[Store], Any]
    undo: UndoOp | None
    items: set[int] = field(default_factory=set)
    select: str | None = None


@dataclass(frozen=True)
class Say:
    """Nothing to change: tell the clerk this instead."""

    text: str
    timeout: float = 3


class EntryMoves:
    """Reordering an item's entries, and "move to item" (pick the row, then the target item)."""

    def __init__(self, meeting: LiveMeeting) -> None:
        self.meeting = meeting
        self.pending: RowKey | None = None  # the row waiting for its target item

    @property
    def active(self) -> bool:
        return self.pending is not None

    def start(self, key: RowKey) -> None:
        self.pending = key

    def cancel(self) -> bool:
        """Drop a move waiting for its target; True if there was one."""
        was, self.pending = self.pending, None
        return was is not None

    def reorder(self, key: RowKey, delta: int) -> Change | Say | None:
        """Move the selected entry ``delta`` places within its item (None: it is at the end)."""
        if key[0] == "action":
            return Say("Actions are listed in the order they were raised.")
        entry = self.meeting.find_entry(key[1])
        if entry is None:
            return None
        siblings = self.meeting.entries.get(entry.item_id, [])
        index = next(n for n, e in enumerate(siblings) if e.id == entry.id)
        if not 0 <= index + delta < len(siblings):
            return None
        ident = entry.id
        return Change(
            lambda s: s.move_entry(ident, delta),
            undo_move_entry(entry, f"moving {self.meeting.entry_label(entry)}"),
            items={entry.item_id}, select=f"e{ident}",
        )

    def finish(self, target_id: int) -> Change | None:
        """The target item is chosen: the change moving the pending row there (None: nothing
        was pending, the row is gone, or the entry is under that item already)."""
        moving, self.pending = self.pending, None
        if moving is None:
            return None
        what, ident = moving
        number = self.meeting.number_of(target_id)
        if what == "entry":
            entry = self.meeting.find_entry(ident)
            if entry is None or entry.item_id == target_id:
                return None
            label = f"moving {self.meeting.entry_label(entry)} to item {number}"
            return Change(
                lambda s: s.move_entry_to_item(ident, target_id),
                undo_move_entry(entry, label), items={entry.item_id, target_id},
            )
        action = self.meeting.find_action(ident)
        if action is None:
            return None
        return Change(
            lambda s: s.update_action(ident, item_id=target_id),
            undo_update_action(action, f"moving action {action.ref} to item {number}"),
            items={target_id} | ({action.item_id} if action.item_id else set()),
        )


class ItemTaking:
    """Which item F6/F7 go to, and the item times F7, Enter on the agenda and F8 stamp."""

    def __init__(self, meeting: LiveMeeting) -> None:
        self.meeting = meeting
        self.started_exactly: dict[int, datetime] = {}

    def previous(self) -> int | Say:
        index = self.meeting.index_of(self.meeting.current_id)
        if index > 0:
            return self.meeting.items[index - 1].id
        return Say("This is the first item.", 2)

    def next(self) -> tuple[int, bool] | Say | None:
        """F7: the next item in agenda order not taken yet, to take (``True``); when every item
        is taken, just the next one in the agenda (``False``)."""
        items = self.meeting.items
        target = next_to_take(items, self.meeting.current_id)
        if target is not None:
            return target.id, True
        index = self.meeting.index_of(self.meeting.current_id)
        if 0 <= index < len(items) - 1:
            return items[index + 1].id, False
        if items:
            return Say("Every item has been taken. F8 finishes this one; F11 closes the "
                       "meeting.", 4)
        return None

    def take(self, item_id: int, moment: datetime) -> Change | Say | None:
        """The meeting moves on to ``item_id``: an item never started is taken now (and the
        running one finished); an item taken earlier is only looked at (F8 takes it up again).
        None when there is nothing to stamp (it is running, or the minutes are approved)."""
        target = self.meeting.item(item_id)
        if target is None or is_running(target) or self.meeting.read_only:
            return None
        number = self.meeting.number_of(item_id)
        if target.started_at and not resumes_on_go_to(self.meeting.items, target):
            shown = ", ".join(f"{a}\u2013{b}" for a, b in sittings(target))
            return Say(f"Item {number} was taken {shown}; F8 takes it up again.")
        stamp = hhmm(moment)
        self.started_exactly[item_id] = moment
        again = " again" if target.started_at else ""
        return self.times(lambda s: s.take_item(item_id, stamp), item_id,
                          f"taking item {number}{again} at {stamp}")

    def start_finish(self, moment: datetime) -> Change | None:
        """F8: finish the current item if it is running, else start it (or take it up again)."""
        item = self.meeting.current_item
        if item is None:
            return None
        stamp = hhmm(moment)
        item_id = item.id
        number = self.meeting.number_of(item_id)
        if is_running(item):
            return self.times(lambda s: s.finish_item(item_id, stamp), item_id,
                              f"finishing item {number}")
        self.started_exactly[item_id] = moment
        again = " again" if item.started_at else ""
        return self.times(lambda s: s.take_item(item_id, stamp), item_id,
                          f"starting item {number}{again}")

    def times(self, call: Callable[[Store], object], item_id: int, label: str) -> Change:
        """Change item times through the store (``take_item`` / ``finish_item``: one
        transaction each); the undo puts every item's times back as they are now."""

        def run(s: Store) -> set[int]:
            call(s)
            return {item_id}

        return Change(run, undo_item_times(self.meeting.meeting_id, self.meeting.items, label),
                      items={item_id})
