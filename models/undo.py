"""Undo for the live screen: a stack of inverse store operations.

Every change the clerk makes pushes the operation that takes it back: filing an entry is undone by
deleting it, a delete by ``store.restore_entry``, an edit by writing the old values back, a move
by moving back. A restored entry gets a new id, so the stack keeps a map from old ids to new ones
and every older operation looks its ids up through it.

Operations run on the store thread; each returns the ids of the items whose lists changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from panel_minutes.models.domain import ActionData, EntryData
from panel_minutes.models.patches import EntryPatch, keys

if TYPE_CHECKING:
    from panel_minutes.models.store import Store

UNDO_LIMIT = 500

_ENTRY_UPDATABLE = keys(EntryPatch)  # what update_entry may set: undo puts each one back


@dataclass
class IdMap:
    """Old id → new id for records that undo deleted and put back."""

    entries: dict[int, int] = field(default_factory=dict)
    actions: dict[int, int] = field(default_factory=dict)

    @staticmethod
    def _follow(table: dict[int, int], ident: int) -> int:
        seen = set()
        while ident in table and ident not in seen:
            seen.add(ident)
            ident = table[ident]
        return ident

    def entry(self, ident: int) -> int:
        return self._follow(self.entries, ident)

    def action(self, ident: int) -> int:
        return self._follow(self.actions, ident)


Inverse = Callable[["Store", IdMap], set[int]]


@dataclass(frozen=True)
class UndoOp:
    label: str  # what the clerk did, as in "Undid: filing paragraph 3"
    run: Inverse


class UndoStack:
    def __init__(self, limit: int = UNDO_LIMIT) -> None:
        self._ops: list[UndoOp] = []
        self.ids = IdMap()
        self.limit = limit

    def push(self, op: UndoOp) -> None:
        self._ops.append(op)
        if len(self._ops) > self.limit:
            del self._ops[0]

    def pop(self) -> UndoOp | None:
        return self._ops.pop() if self._ops else None

    def push_back(self, op: UndoOp) -> None:
        """Put an operation back after its undo failed (the change is still there)."""
        self._ops.append(op)

    def __len__(self) -> int:
        return len(self._ops)

    def labels(self) -> list[str]:
        return [op.label for op in self._ops]


# --- the inverses --------------------------------------------------------------------------------


def undo_add_entry(entry: EntryData, label: str) -> UndoOp:
    def run(store: Store, ids: IdMap) -> set[int]:
        gone = store.delete_entry(ids.entry(entry.id))
        return {gone.item_id}

    return UndoOp(label, run)


def undo_delete_entry(entry: EntryData, label: str) -> UndoOp:
    def run(store: Store, ids: IdMap) -> set[int]:
        back = store.restore_entry(entry)
        ids.entries[entry.id] = back.id
        return {back.item_id}

    return UndoOp(label, run)


def undo_update_entry(before: EntryData, label: str) -> UndoOp:
    values = {k: v for k, v in asdict(before).items() if k in _ENTRY_UPDATABLE}

    def run(store: Store, ids: IdMap) -> set[int]:
        after = store.update_entry(ids.entry(before.id), **values)
        return {after.item_id}

    return UndoOp(label, run)


def undo_move_entry(before: EntryData, label: str) -> UndoOp:
    """Back to ``before.item_id`` at ``before.position`` (a move within or between items)."""

    def run(store: Store, ids: IdMap) -> set[int]:
        ident = ids.entry(before.id)
        now = store.get_entry(ident)
        touched = {now.item_id, before.item_id}
        if now.item_id != before.item_id:
            now = store.move_entry_to_item(ident, before.item_id)
        if now.position != before.position:
            store.move_entry(ident, before.position - now.position)
        return touched

    return UndoOp(label, run)


def undo_add_action(action: ActionData, label: str) -> UndoOp:
    def run(store: Store, ids: IdMap) -> set[int]:
        store.delete_action(ids.action(action.id))
        return {action.item_id} if action.item_id is not None else set()

    return UndoOp(label, run)


def undo_delete_action(action: ActionData, label: str) -> UndoOp:
    def run(store: Store, ids: IdMap) -> set[int]:
        back = store.restore_action(action)  # its number and progress, out of the deleted list
        ids.actions[action.id] = back.id
        return {action.item_id} if action.item_id is not None else set()

    return UndoOp(label, run)


def undo_update_action(before: ActionData, label: str) -> UndoOp:
    def run(store: Store, ids: IdMap) -> set[int]:
        after = store.get_action(ids.action(before.id))
        store.update_action(
            after.id, text=before.text, owner_id=before.owner_id,
            owner_text=before.owner_text, due_date=before.due_date, item_id=before.item_id,
        )
        return {i for i in (before.item_id, after.item_id) if i is not None}

    return UndoOp(label, run)

