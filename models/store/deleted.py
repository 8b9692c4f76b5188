"""Deleted items, entries and actions, kept whole: each, with its audit trail, progress or
declarations, to JSON and back, and the reads of the kept rows.

``Store.delete_entry`` and ``delete_action`` write a ``deleted_entry`` / ``deleted_action`` row
with these in the same transaction as the delete, and the ``restore_*`` methods read them back,
so what a wrong key deleted, in this session or a year ago, can be put back as it was. No
Textual; only ``kept_rows`` and ``kept_for`` read (in the caller's session).
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date, datetime
from typing import Any, TypeVar

from sqlmodel import Session, col, select

from panel_minutes.models import tables as t
from panel_minutes.models.domain import (
    ActionData,
    ActionStatus,
    ActionUpdateData,
    DeletedActionData,
    DeletedEntryData,
    DeletedItemData,
    EntryData,
    EntryKind,
    ItemContents,
    ItemData,
    ItemKind,
    Outcome,
    RevisionData,
)
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.recorded_votes import from_pairs
from panel_minutes.models.store.base import as_utc

Kept = TypeVar("Kept", t.DeletedEntry, t.DeletedAction, t.DeletedItem)

_ENTRY_KEYS = frozenset(f.name for f in fields(EntryData))
_ACTION_KEYS = frozenset(f.name for f in fields(ActionData))
_ITEM_KEYS = frozenset(f.name for f in fields(ItemData))


def entry_json(entry: EntryData) -> str:
    """Every field of ``entry`` (enums by value, times in ISO form)."""
    values = asdict(entry)
    values["kind"] = entry.kind.value
    values["outcome"] = entry.outcome.value
    values["updated_at"] = entry.updated_at.isoformat() if entry.updated_at else None
    return json.dumps(values, ensure_ascii=False)


def entry_from_json(raw: str) -> EntryData:
    """The entry ``entry_json`` wrote (keys it does not know are ignored, missing ones take their
    defaults, so a row written by an older or newer version still reads)."""
    values: dict[str, Any] = {k: v for k, v in json.loads(raw).items() if k in _ENTRY_KEYS}
    values["kind"] = EntryKind(values.get("kind") or EntryKind.PARAGRAPH.value)
    values["outcome"] = Outcome(values.get("outcome") or "")
    values["recorded_votes"] = from_pairs(values.get("recorded_votes") or ())
    stamp = values.get("updated_at")
    values["updated_at"] = as_utc(datetime.fromisoformat(stamp)) if stamp else None
    return EntryData(**values)


def revisions_json(revisions: list[RevisionData]) -> str:
    return json.dumps(
        [[r.old_text, r.new_text, r.changed_at.isoformat()] for r in revisions], ensure_ascii=False
    )


def revisions_from_json(raw: str) -> list[tuple[str, str, datetime]]:
    """(old text, new text, when) of each change, oldest first."""
    out: list[tuple[str, str, datetime]] = []
    for old, new, when in json.loads(raw or "[]"):
        out.append((str(old), str(new), _stamp(datetime.fromisoformat(when))))
    return out


def action_json(action: ActionData) -> str:
    """Every field of ``action`` (enums by value, dates in ISO form)."""
    values = asdict(action)
    values["status"] = action.status.value
    for key in ("due_date", "closed_on"):
        value = getattr(action, key)
        values[key] = value.isoformat() if value else None
    return json.dumps(values, ensure_ascii=False)


def action_from_json(raw: str) -> ActionData:
    """The action ``action_json`` wrote (unknown keys ignored, as for entries)."""
    values: dict[str, Any] = {k: v for k, v in json.loads(raw).items() if k in _ACTION_KEYS}
    values["status"] = ActionStatus(values.get("status") or ActionStatus.OPEN.value)
    for key in ("due_date", "closed_on"):
        value = values.get(key)
        values[key] = date.fromisoformat(value) if value else None
    values["more_owners"] = tuple(
        (None if pid is None else int(pid), str(text)) for pid, text in values.get("more_owners", ())
    )
    values["owner_names"] = tuple(values.get("owner_names", ()))
    return ActionData(**values)


def updates_json(updates: list[ActionUpdateData]) -> str:
    return json.dumps(
        [[u.meeting_id, u.note, u.status.value, u.created_at.isoformat()] for u in updates],
        ensure_ascii=False,
    )


def updates_from_json(raw: str) -> list[tuple[int, str, ActionStatus, datetime]]:
    """(meeting id, note, status, when) of each progress report, oldest first."""
    out: list[tuple[int, str, ActionStatus, datetime]] = []
    for meeting_id, note, status, when in json.loads(raw or "[]"):
        out.append((int(meeting_id), str(note), ActionStatus(status),
                    _stamp(datetime.fromisoformat(when))))
    return out

def item_json(item: ItemData) -> str:
    """Every field of ``item`` (its kind by value, documents as a list)."""
    values = asdict(item)
    values["kind"] = item.kind.value
    values["documents"] = list(item.documents)
    return json.dumps(values, ensure_ascii=False)


def item_from_json(raw: str) -> ItemData:
    """The item ``item_json`` wrote (unknown keys ignored, as for entries)."""
    values: dict[str, Any] = {k: v for k, v in json.loads(raw).items() if k in _ITEM_KEYS}
    values["kind"] = ItemKind(values.get("kind") or ItemKind.STANDARD.value)
    values["documents"] = tuple(str(d) for d in values.get("documents") or ())
    return ItemData(**values)


def declarations_json(rows: list[t.Declaration]) -> str:
    return json.dumps(
        [
            [r.person_id, r.text, r.position, json.loads(r.more_people or "[]"),
             json.loads(r.more_items or "[]")]
            for r in rows
        ],
        ensure_ascii=False,
    )


def declarations_from_json(raw: str) -> list[tuple[int, str, int, list[int], list[int]]]:
    """(person id, text, position, further members, other items) of each declaration set aside
    with the item (rows kept before declarations could name several have neither list)."""
    out = []
    for row in json.loads(raw or "[]"):
        person, text, pos = row[:3]
        more = [int(p) for p in row[3]] if len(row) > 3 else []
        others = [int(i) for i in row[4]] if len(row) > 4 else []
        out.append((int(person), str(text), int(pos), more, others))
    return out


def set_aside_json(entries: list[int], actions: list[int]) -> str:
    return json.dumps({"entries": entries, "actions": actions})


def set_aside_from_json(raw: str) -> tuple[set[int], set[int]]:
    """The ids of the kept entry and action rows set aside with the item (which go back into the
    minutes with it; the other kept rows of the item stay deleted)."""
    values = json.loads(raw or "{}")
    return ({int(i) for i in values.get("entries", [])},
            {int(i) for i in values.get("actions", [])})


def _stamp(value: datetime) -> datetime:
    moment = as_utc(value)
    assert moment is not None
    return moment


def deleted_entry_data(row: t.DeletedEntry) -> DeletedEntryData:
    return DeletedEntryData(
        id=row.id or 0, meeting_id=row.meeting_id, item_id=row.item_id,
        entry=entry_from_json(row.entry), deleted_at=_stamp(row.deleted_at),
        revisions=len(json.loads(row.revisions or "[]")), deleted_item_id=row.deleted_item_id,
    )


def deleted_action_data(row: t.DeletedAction) -> DeletedActionData:
    return DeletedActionData(
        id=row.id or 0, meeting_id=row.meeting_id, item_id=row.item_id,
        action=action_from_json(row.action), deleted_at=_stamp(row.deleted_at),
        updates=len(json.loads(row.updates or "[]")), deleted_item_id=row.deleted_item_id,
    )


def deleted_item_data(row: t.DeletedItem) -> DeletedItemData:
    entries, actions = set_aside_from_json(row.set_aside)
    return DeletedItemData(
        id=row.id or 0, meeting_id=row.meeting_id, item=item_from_json(row.item),
        deleted_at=_stamp(row.deleted_at),
        contents=ItemContents(entries=len(entries), actions=len(actions),
                              declarations=len(declarations_from_json(row.declarations))),
    )


def kept_rows(s: Session, table: type[Kept], meeting_id: int) -> list[Kept]:
    """The meeting's kept rows of ``table``, most recently deleted first."""
    return list(s.exec(
        select(table)
        .where(col(table.meeting_id) == meeting_id)
        .order_by(col(table.deleted_at).desc(), col(table.id).desc())
    ).all())


def kept_for(s: Session, table: type[Kept], ident: int) -> Kept | None:
    """The newest kept row of ``table`` for the entry or action that had id ``ident``: the one
    an undo puts back."""
    return s.exec(
        select(table).where(col(table.original_id) == ident).order_by(col(table.id).desc())
    ).first()


def check_confidential_target(
    s: Session, deleted_item_id: int | None, target: t.AgendaItem | None, what: str
) -> None:
    """Refuse to put a kept entry or action of a deleted Part 2 item anywhere public: under a
    public item, or under none. It goes back with its item, or under another Part 2 item."""
    if deleted_item_id is None:
        return
    owner = s.get(t.DeletedItem, deleted_item_id)
    if owner is None:
        return
    item = item_from_json(owner.item)
    if item.exempt and not (target is not None and target.exempt):
        raise ValidationError(
            f"This {what} was under the Part 2 item “{item.title}”, which was deleted: it would "
            "become public here. Put the item back (u on Setup's agenda) to bring it back with "
            "everything set aside with it, or choose a Part 2 item."
        )
