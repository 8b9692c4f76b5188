"""Deleted entries, kept whole: an entry and its audit trail to JSON and back.

``Store.delete_entry`` writes a ``deleted_entry`` row with these in the same transaction as the
delete, and ``Store.restore_entry`` / ``restore_deleted_entry`` read them back, so an entry deleted
by a wrong key, in this session or a year ago, can be put back as it was. Pure functions: no
session, no Textual.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import datetime
from typing import Any

from models.domain import EntryData, EntryKind, Outcome, RevisionData
from models.store.base import as_utc

_ENTRY_KEYS = frozenset(f.name for f in fields(EntryData))


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
