"""Deleted entries and actions, kept whole: each, with its audit trail or progress, to JSON and
back.

``Store.delete_entry`` and ``delete_action`` write a ``deleted_entry`` / ``deleted_action`` row
with these in the same transaction as the delete, and the ``restore_*`` methods read them back,
so what a wrong key deleted, in this session or a year ago, can be put back as it was. Pure
functions: no session, no Textual.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date, datetime
from typing import Any

from models.domain import (
    ActionData,
    ActionStatus,
    ActionUpdateData,
    EntryData,
    EntryKind,
    Outcome,
    RevisionData,
)
from models.store.base import as_utc

_ENTRY_KEYS = frozenset(f.name for f in fields(EntryData))
_ACTION_KEYS = frozenset(f.name for f in fields(ActionData))


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
        moment = as_utc(datetime.fromisoformat(when))
        assert moment is not None
        out.append((str(old), str(new), moment))
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
        moment = as_utc(datetime.fromisoformat(when))
        assert moment is not None
        out.append((int(meeting_id), str(note), ActionStatus(status), moment))
    return out

