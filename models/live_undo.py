"""Which undo the live screen pushes for each change it makes (pure Python, no Textual).

``panel_minutes.models.undo`` holds the inverse operations and the stack; this module chooses among them: a
filing is undone by deleting what was filed (or writing back what an edit replaced), a put-back
by deleting it again, an item's times by putting every item's times back as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from panel_minutes.models.domain import ActionData, EntryData, ItemData, MeetingData
from panel_minutes.models.live_meeting import KIND_NAMES
from panel_minutes.models.undo import (
    IdMap,
    UndoOp,
    undo_add_action,
    undo_add_entry,
    undo_update_action,
    undo_update_entry,
)

if TYPE_CHECKING:
    from panel_minutes.models.store import Store


def undo_filing(
    kind: str, before: EntryData | ActionData | None, result: EntryData | ActionData,
    label_of: Callable[[EntryData], str],
) -> UndoOp:
    """The undo for one Enter: ``kind`` is the filing's ("entry", "edit", "action",
    "action-edit"), ``before`` what an edit replaced, ``result`` what was written."""
    if kind == "action-edit" and isinstance(before, ActionData):
        return undo_update_action(before, f"editing action {before.ref}")
    if kind == "edit" and isinstance(before, EntryData):
        return undo_update_entry(before, f"editing {label_of(before)}")
    if kind == "action" and isinstance(result, ActionData):
        return undo_add_action(result, f"filing action {result.ref}")
    assert isinstance(result, EntryData)
    return undo_add_entry(result, f"filing a {KIND_NAMES[result.kind]}")


def undo_put_back(result: EntryData | ActionData) -> tuple[UndoOp, str, str]:
    """A deleted entry or action put back: its undo, what to call it ("the question", "action
    A3") and the key of its row on screen."""
    if isinstance(result, EntryData):
        name = f"the {KIND_NAMES[result.kind]}"
        return undo_add_entry(result, f"putting back {name}"), name, f"e{result.id}"
    name = f"action {result.ref}"
    return undo_add_action(result, f"putting back {name}"), name, f"a{result.id}"


def undo_item_times(meeting_id: int, before: Sequence[ItemData], label: str) -> UndoOp:
    """Taking, finishing or resuming an item: every item's times go back as they are now."""
    kept = list(before)

    def run(store: Store, _ids: IdMap) -> set[int]:
        store.put_back_times(meeting_id, kept)
        return set()

    return UndoOp(label, run)


def undo_close(
    meeting_id: int, before: Sequence[ItemData], stamp: str,
    reopened: Callable[[MeetingData], None],
) -> UndoOp:
    """Closing the meeting: the items' times go back and the end time is cleared; ``reopened``
    gets the meeting as it is then (it runs on the store thread)."""
    kept = list(before)

    def run(store: Store, _ids: IdMap) -> set[int]:
        store.put_back_times(meeting_id, kept, "")
        reopened(store.get_meeting(meeting_id))
        return set()

    return UndoOp(f"closing the meeting at {stamp}", run)


def undo_add_item(title: str, created: list[int]) -> UndoOp:
    """Adding an agenda item (Ins): ``created`` receives its id when the store adds it."""

    def run(store: Store, _ids: IdMap) -> set[int]:
        for item_id in created:
            store.delete_item(item_id)
        return set()

    return UndoOp(f"adding item '{title}'", run)
