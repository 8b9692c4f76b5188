"""Minute entries of an item, the composer's autosaved draft, and the entry audit trail."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from sqlmodel import Session, col, func, select, update

from models import tables as t
from models.domain import DraftData, EntryData, EntryKind, Outcome, RevisionData
from models.errors import ValidationError
from models.store.base import StoreBase, apply_fields, entry_data

ENTRY_FIELDS = frozenset(
    {"kind", "text", "asker_id", "asker_text", "respondent_id", "respondent_text", "answer",
     "proposer", "seconder", "vote_for", "vote_against", "vote_abstain", "outcome",
     "casting_vote", "at_time"}
)
# Changes to these are kept in the audit trail (old and new text).
AUDITED = ("text", "answer")


def _validate_entry(fields: dict[str, Any]) -> dict[str, Any]:
    if "kind" in fields:
        fields["kind"] = EntryKind(fields["kind"]).value
    if "outcome" in fields:
        fields["outcome"] = Outcome(fields["outcome"] or "").value
    for key in ("vote_for", "vote_against", "vote_abstain"):
        if key not in fields:
            continue
        value = fields[key]
        if value is None or (isinstance(value, str) and not value.strip()):
            fields[key] = None
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValidationError(f"The vote count {value!r} is not a whole number.") from None
        if number < 0:
            raise ValidationError("A vote count cannot be negative.")
        fields[key] = number
    return fields


def _check_votes(row: t.Entry) -> None:
    """Outcome and counts must agree when both are given."""
    if row.kind != EntryKind.RESOLUTION.value:
        return
    yes, no = row.vote_for, row.vote_against
    if row.outcome == Outcome.UNANIMOUS.value and no:
        raise ValidationError("A unanimous vote cannot have votes against.")
    if yes is None or no is None or row.casting_vote:
        return
    if row.outcome == Outcome.CARRIED.value and yes <= no:
        raise ValidationError(f"{yes} for and {no} against does not carry a motion.")
    if row.outcome == Outcome.LOST.value and yes > no:
        raise ValidationError(f"{yes} for and {no} against does not lose a motion.")


def _audit_text(row: t.Entry) -> str:
    return row.text if not row.answer else f"{row.text}\n\nAnswer: {row.answer}"


class EntriesMixin(StoreBase):
    @staticmethod
    def _entry_count(s: Session, item_id: int) -> int:
        return int(
            s.exec(
                select(func.count()).select_from(t.Entry).where(col(t.Entry.item_id) == item_id)
            ).one()
        )

    def add_entry(
        self,
        item_id: int,
        kind: EntryKind = EntryKind.PARAGRAPH,
        text: str = "",
        *,
        position: int | None = None,
        **fields: Any,
    ) -> EntryData:
        """File an entry at the end of the item (or at ``position``); one transaction."""
        fields = _validate_entry(dict(fields))
        kind = EntryKind(kind)
        if not text.strip() and kind is not EntryKind.QUESTION:
            raise ValidationError("Type the text of the entry first.")
        if kind is EntryKind.QUESTION and not (text.strip() or str(fields.get("answer", "")).strip()):
            raise ValidationError("Type the question or its answer first.")
        with self._session() as s:
            self._item_meeting(s, item_id)
            count = self._entry_count(s, item_id)
            pos = count if position is None else max(0, min(position, count))
            if pos < count:
                self._shift(s, item_id, pos, +1)
            row = t.Entry(item_id=item_id, position=pos, kind=kind.value, text=text)
            apply_fields(row, fields, ENTRY_FIELDS)
            _check_votes(row)
            s.add(row)
            s.flush()
            return entry_data(row)

    @staticmethod
    def _shift(s: Session, item_id: int, from_pos: int, delta: int) -> None:
        s.exec(
            update(t.Entry)
            .where(col(t.Entry.item_id) == item_id)
            .where(col(t.Entry.position) >= from_pos)
            .values(position=col(t.Entry.position) + delta)
        )

    def get_entry(self, entry_id: int) -> EntryData:
        with self._session() as s:
            return entry_data(self._get(s, t.Entry, entry_id, "entry"))

    def list_entries(self, item_id: int) -> list[EntryData]:
        with self._session() as s:
            rows = s.exec(
                select(t.Entry)
                .where(col(t.Entry.item_id) == item_id)
                .order_by(col(t.Entry.position), col(t.Entry.id))
            ).all()
            return [entry_data(r) for r in rows]

    def update_entry(self, entry_id: int, **fields: Any) -> EntryData:
        """Change an entry (text, kind, people, vote ...); text changes go to the audit trail."""
        fields = _validate_entry(dict(fields))
        with self._session() as s:
            row = self._get(s, t.Entry, entry_id, "entry")
            self._item_meeting(s, row.item_id)
            before = _audit_text(row)
            apply_fields(row, fields, ENTRY_FIELDS)
            if row.kind != EntryKind.QUESTION.value and not row.text.strip():
                raise ValidationError("An entry cannot be emptied; delete it instead.")
            _check_votes(row)
            after = _audit_text(row)
            if after != before:
                s.add(t.EntryRevision(entry_id=entry_id, old_text=before, new_text=after))
            row.updated_at = t.utcnow()
            s.add(row)
            s.flush()
            return entry_data(row)

    def change_entry_kind(self, entry_id: int, kind: EntryKind) -> EntryData:
        return self.update_entry(entry_id, kind=kind)

    def delete_entry(self, entry_id: int) -> EntryData:
        """Delete and return the entry as it was (so it can be restored by undo)."""
        with self._session() as s:
            row = self._get(s, t.Entry, entry_id, "entry")
            self._item_meeting(s, row.item_id)
            data = entry_data(row)
            s.delete(row)
            s.flush()
            self._shift(s, row.item_id, row.position + 1, -1)
            return data

    def restore_entry(self, data: EntryData) -> EntryData:
        """Put back a deleted entry at its old place (undo)."""
        payload = asdict(data)
        for key in ("id", "item_id", "position", "kind", "text"):
            payload.pop(key)
        return self.add_entry(data.item_id, data.kind, data.text, position=data.position, **payload)

    def move_entry(self, entry_id: int, delta: int) -> EntryData:
        """Move an entry up (negative) or down within its item; numbers follow."""
        with self._session() as s:
            row = self._get(s, t.Entry, entry_id, "entry")
            self._item_meeting(s, row.item_id)
            rows = list(
                s.exec(
                    select(t.Entry)
                    .where(col(t.Entry.item_id) == row.item_id)
                    .order_by(col(t.Entry.position), col(t.Entry.id))
                ).all()
            )
            index = next(i for i, e in enumerate(rows) if e.id == entry_id)
            target = max(0, min(len(rows) - 1, index + delta))
            rows.insert(target, rows.pop(index))
            for pos, e in enumerate(rows):
                if e.position != pos:
                    e.position = pos
                    s.add(e)
            s.flush()
            return entry_data(row)

    def move_entry_to_item(self, entry_id: int, item_id: int) -> EntryData:
        """Move an entry to the end of another item of the same meeting."""
        with self._session() as s:
            row = self._get(s, t.Entry, entry_id, "entry")
            old_item, meeting = self._item_meeting(s, row.item_id)
            new_item, _ = self._item_meeting(s, item_id)
            if new_item.meeting_id != meeting.id:
                raise ValidationError("An entry can only move to an item of the same meeting.")
            if old_item.id == item_id:
                return entry_data(row)
            old_pos = row.position
            row.position = self._entry_count(s, item_id)
            row.item_id = item_id
            s.add(row)
            s.flush()
            self._shift(s, old_item.id or 0, old_pos + 1, -1)
            return entry_data(row)

    def list_revisions(self, entry_id: int) -> list[RevisionData]:
        with self._session() as s:
            rows = s.exec(
                select(t.EntryRevision)
                .where(col(t.EntryRevision.entry_id) == entry_id)
                .order_by(col(t.EntryRevision.changed_at), col(t.EntryRevision.id))
            ).all()
            return [
                RevisionData(
                    id=r.id or 0, entry_id=r.entry_id, old_text=r.old_text, new_text=r.new_text,
                    changed_at=r.changed_at,
                )
                for r in rows
            ]

    # --- the composer's draft --------------------------------------------------------------------

    def save_draft(
        self,
        meeting_id: int,
        text: str,
        *,
        item_id: int | None = None,
        kind: EntryKind = EntryKind.PARAGRAPH,
        fields: dict[str, Any] | None = None,
    ) -> None:
        """Upsert the meeting's draft (one small row, one commit)."""
        payload = json.dumps(fields or {}, ensure_ascii=False, default=str)
        with self._session() as s:
            row = s.get(t.Draft, meeting_id)
            if row is None:
                row = t.Draft(meeting_id=meeting_id)
            row.text = text
            row.item_id = item_id
            row.kind = EntryKind(kind).value
            row.fields = payload
            row.updated_at = t.utcnow()
            s.add(row)

    def get_draft(self, meeting_id: int) -> DraftData | None:
        with self._session() as s:
            row = s.get(t.Draft, meeting_id)
            if row is None:
                return None
            try:
                extra = json.loads(row.fields or "{}")
            except ValueError:
                extra = {}
            return DraftData(
                meeting_id=row.meeting_id, item_id=row.item_id, kind=EntryKind(row.kind),
                text=row.text, fields=extra if isinstance(extra, dict) else {},
                updated_at=row.updated_at,
            )

    def clear_draft(self, meeting_id: int) -> None:
        with self._session() as s:
            row = s.get(t.Draft, meeting_id)
            if row is not None:
                s.delete(row)
