"""Minute entries of an item, the composer's autosaved draft, and the entry audit trail."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from datetime import UTC, datetime
from typing import Any, Unpack

from sqlalchemy import select as core_select
from sqlmodel import Session, col, delete, func, select, update

from panel_minutes.models import tables as t
from panel_minutes.models.domain import (
    DeletedEntryData,
    DraftData,
    EntryData,
    EntryKind,
    Outcome,
    PersonData,
    RevisionData,
)
from panel_minutes.models.errors import ConflictError, NotFoundError, ValidationError
from panel_minutes.models.movements import voters_at, voting_members_at
from panel_minutes.models.parsing import parse_time
from panel_minutes.models.patches import EntryPatch, keys
from panel_minutes.models.recorded_votes import from_pairs, pairs_json, tally
from panel_minutes.models.store.base import (
    ENTRY,
    ENTRY_COLUMNS,
    StoreBase,
    apply_fields,
    as_utc,
    entry_data,
    entry_data_from_columns,
)
from panel_minutes.models.store.deleted import (
    check_confidential_target,
    deleted_entry_data,
    entry_from_json,
    entry_json,
    kept_for,
    kept_rows,
    revisions_from_json,
    revisions_json,
)
from panel_minutes.models.store.filing import (
    DraftAfter,
    Filed,
    check_entry_votes,
    check_vote_total,
    next_stamp,
    settle_draft,
    take_item,
    utc,
)
from panel_minutes.models.store.sitting import check_note_movement, read_presences

ENTRY_FIELDS = keys(EntryPatch)
# Changes to these are kept in the audit trail (old and new text).
AUDITED = ("text", "answer")


def _validate_entry(fields: dict[str, Any]) -> dict[str, Any]:
    if "recorded_vote" in fields:
        _recorded_vote(fields)
    if "kind" in fields:
        fields["kind"] = EntryKind(fields["kind"]).value
    if "outcome" in fields:
        fields["outcome"] = Outcome(fields["outcome"] or "").value
    if "at_time" in fields:
        fields["at_time"] = parse_time(str(fields["at_time"] or ""), "time of the note")
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


def _recorded_vote(fields: dict[str, Any]) -> None:
    """A recorded vote (JSON pairs, or pairs) stored as JSON, its counts set from the marks."""
    value = fields["recorded_vote"] or ""
    try:
        pairs = from_pairs(json.loads(value) if isinstance(value, str) and value else value or ())
    except (ValueError, TypeError) as exc:
        raise ValidationError(f"The recorded vote cannot be read ({exc}).") from None
    if len({pid for pid, _c in pairs}) != len(pairs):
        raise ValidationError("A member can be marked only once in a recorded vote.")
    fields["recorded_vote"] = pairs_json(pairs)
    if pairs:
        yes, no, abstain = tally(c for _pid, c in pairs)
        fields["vote_for"], fields["vote_against"], fields["vote_abstain"] = yes, no, abstain


def _check_text(kind: EntryKind, text: str, fields: dict[str, Any]) -> None:
    if not text.strip() and kind is not EntryKind.QUESTION:
        raise ValidationError("Type the text of the entry first.")
    if kind is EntryKind.QUESTION and not (text.strip() or str(fields.get("answer", "")).strip()):
        raise ValidationError("Type the question or its answer first.")


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



_utc = utc
_next_stamp = next_stamp


class EntryConflictError(ConflictError):
    """The entry changed elsewhere since it was read; ``current`` is how it is now."""

    def __init__(self, message: str, current: EntryData) -> None:
        super().__init__(message)
        self.current = current


class DraftConflictError(ConflictError):
    """Another window wrote this meeting's draft since this one last saved it."""

    def __init__(self, message: str, current: DraftData | None) -> None:
        super().__init__(message)
        self.current = current


class DraftSharedNotice(ConflictError):
    """This window's draft WAS saved (``version``), but another window on the meeting was
    refused since: the clerk is told the meeting is open elsewhere."""

    def __init__(self, message: str, version: datetime) -> None:
        super().__init__(message)
        self.version = version


# The key, in a draft row's fields, of the version another window found when it was refused.
DRAFT_SHARED = "_open_elsewhere"


def _shared_mark(row: t.Draft) -> datetime | None:
    try:
        extra = json.loads(row.fields or "{}")
        mark = extra.get(DRAFT_SHARED) if isinstance(extra, dict) else None
        return _utc(datetime.fromisoformat(mark)) if isinstance(mark, str) else None
    except ValueError:
        return None


def _mark_shared(row: t.Draft) -> None:
    """Record, in the row, the version the refused window found, and give the row a new
    version: the owning window's next save then misses its fast path and is told."""
    try:
        extra = json.loads(row.fields or "{}")
    except ValueError:
        extra = {}
    if not isinstance(extra, dict):
        extra = {}
    extra[DRAFT_SHARED] = _utc(row.updated_at).isoformat()
    row.fields = json.dumps(extra, ensure_ascii=False, default=str)
    row.updated_at = _next_stamp(row.updated_at)


def _audit_text(row: t.Entry) -> str:
    return row.text if not row.answer else f"{row.text}\n\nAnswer: {row.answer}"


def drop_filed_draft(s: Session, meeting_id: int, stamp: datetime | None, filed_text: str) -> None:
    """Delete the meeting's draft in the transaction that files its text.

    The draft goes when it is the version this window last saved (``stamp``), or when its text
    is what is being filed or the start of it (an autosave still on its way when Enter was
    pressed carries a shorter or equal text and an unknown stamp). Another window's unrelated
    draft is left alone.
    """
    row = s.get(t.Draft, meeting_id)
    if row is None:
        return
    same_version = stamp is None or _utc(row.updated_at) == _utc(stamp)
    typed = row.text.strip()
    filed = filed_text.strip()
    if same_version or (typed and filed.startswith(typed)) or typed == filed:
        s.delete(row)


def read_revisions(s: Session, entry_id: int) -> list[RevisionData]:
    """The entry's audit trail, oldest first."""
    rows = s.exec(
        select(t.EntryRevision)
        .where(col(t.EntryRevision.entry_id) == entry_id)
        .order_by(col(t.EntryRevision.changed_at), col(t.EntryRevision.id))
    ).all()
    out = []
    for r in rows:
        when = as_utc(r.changed_at)
        assert when is not None
        out.append(RevisionData(id=r.id or 0, entry_id=r.entry_id, old_text=r.old_text,
                                new_text=r.new_text, changed_at=when))
    return out


def keep_deleted(
    s: Session, row: t.Entry, meeting_id: int, *, with_item: t.DeletedItem | None = None
) -> t.DeletedEntry:
    """Copy an entry about to be deleted (and its audit trail) into ``deleted_entry``, in the
    caller's transaction (``with_item``: the deleted item it is set aside with); returns the
    kept row."""
    data = entry_data(row)
    kept = t.DeletedEntry(
        meeting_id=meeting_id, item_id=row.item_id, original_id=data.id, entry=entry_json(data),
        revisions=revisions_json(read_revisions(s, data.id)),
        deleted_at=with_item.deleted_at if with_item else datetime.now(UTC),
        deleted_item_id=with_item.id if with_item else None,
    )
    s.add(kept)
    return kept


class EntriesMixin(StoreBase):
    def recorded_vote_members(self, meeting_id: int, at_time: str = "") -> list[PersonData]:
        """The voting members present when a vote was taken at ``at_time`` (any time typed
        as ``parse_time`` reads it; empty: everyone who attended to vote), in attendance order:
        the members a recorded (named) vote lists."""
        when = parse_time(at_time, "time of the vote")
        with self._session() as s:
            presences = read_presences(s, meeting_id).values()
            records = voting_members_at(presences, when or None)
            return [r.person for r in sorted(records, key=lambda r: (r.position, r.id))]

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
        clear_draft_of: int | None = None,
        draft_stamp: datetime | None = None,
        **fields: Any,
    ) -> EntryData:
        """File an entry at the end of the item (or at ``position``); one transaction.

        ``clear_draft_of``: the meeting whose composer draft this entry is being filed from.
        Its draft row is deleted in the same transaction (see ``drop_filed_draft``), so a crash
        just after filing cannot offer the same text again as an unfiled draft.
        """
        fields = _validate_entry(dict(fields))
        kind = EntryKind(kind)
        _check_text(kind, text, fields)
        with self._session() as s:
            row = self._insert_entry(s, item_id, kind, text, position, fields)
            check_note_movement(s, self._item_meeting(s, item_id)[1], row)
            if clear_draft_of is not None:
                drop_filed_draft(s, clear_draft_of, draft_stamp, text)
            s.flush()
            return entry_data(row)

    def _insert_entry(
        self, s: Session, item_id: int, kind: EntryKind, text: str, position: int | None,
        fields: dict[str, Any],
    ) -> t.Entry:
        """Add the row at ``position`` (the end when ``None``), moving later entries down."""
        self._item_meeting(s, item_id)
        count = self._entry_count(s, item_id)
        pos = count if position is None else max(0, min(position, count))
        if pos < count:
            self._shift(s, item_id, pos, +1)
        row = t.Entry(item_id=item_id, position=pos, kind=kind.value, text=text)
        apply_fields(row, fields, ENTRY_FIELDS)
        _check_votes(row)
        s.add(row)
        return row

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
        """The item's entries in order (plain columns, no ORM objects: the live screen re-reads
        them after every filing)."""
        with self._session() as s:
            rows = s.connection().execute(
                core_select(*ENTRY_COLUMNS)
                .where(ENTRY.item_id == item_id)
                .order_by(ENTRY.position, ENTRY.id)
            ).all()
            return [entry_data_from_columns(r) for r in rows]

    def update_entry(
        self, entry_id: int, *, expected_updated_at: datetime | None = None,
        **fields: Unpack[EntryPatch],
    ) -> EntryData:
        """Change an entry (text, kind, people, vote ...); text changes go to the audit trail.

        ``expected_updated_at``: the ``updated_at`` of the entry as the caller read it. When the
        row changed since (another window or copy of the app), nothing is written and
        ``EntryConflictError`` (a ``ConflictError``) says so, carrying the entry as it now is.
        The check and the write are one atomic statement, so two writers cannot both pass it.
        A changed vote is checked against the members present, as filing checks it.
        """
        return self.save_edit(entry_id, expected_updated_at=expected_updated_at, **fields).entry

    def save_edit(
        self,
        entry_id: int,
        *,
        expected_updated_at: datetime | None = None,
        draft: DraftAfter | None = None,
        voted_at: str | None = None,
        **patch: Unpack[EntryPatch],
    ) -> Filed:
        """``update_entry``, and the composer's draft (which held the edit) replaced by what is
        still unfiled in the same transaction (``draft``, see ``settle_draft``): a kill just
        after Enter can neither lose the correction nor bring the old text back as an edit."""
        fields = _validate_entry(dict(patch))
        with self._session() as s:
            if expected_updated_at is not None:
                self._claim_entry(s, entry_id, expected_updated_at)
            row = self._get(s, t.Entry, entry_id, "entry")
            item, meeting = self._item_meeting(s, row.item_id)
            before = _audit_text(row)
            votes_before = (row.vote_for, row.vote_against, row.vote_abstain)
            apply_fields(row, fields, ENTRY_FIELDS)
            if row.kind != EntryKind.QUESTION.value and not row.text.strip():
                raise ValidationError("An entry cannot be emptied; delete it instead.")
            _check_votes(row)
            if {"text", "at_time", "kind"} & fields.keys():
                check_note_movement(s, meeting, row)
            if (row.vote_for, row.vote_against, row.vote_abstain) != votes_before or (
                "kind" in fields and any(v is not None for v in votes_before)
            ):
                check_entry_votes(s, item.meeting_id, row)
            after = _audit_text(row)
            if after != before:
                s.add(t.EntryRevision(entry_id=entry_id, old_text=before, new_text=after))
            row.updated_at = _next_stamp(row.updated_at)
            s.add(row)
            version: datetime | None = None
            left = False
            if draft is not None:
                version, left = settle_draft(s, draft)
            s.flush()
            return Filed(entry_data(row), version, left)

    def file_entry(
        self,
        item_id: int,
        kind: EntryKind = EntryKind.PARAGRAPH,
        text: str = "",
        *,
        draft: DraftAfter | None = None,
        voted_at: str | None = None,
        **fields: Any,
    ) -> Filed:
        """File an entry from the composer; ONE transaction does all of it: the vote checked
        against the members present, the item marked taken, the entry written at the end of
        the item, and the draft replaced by what is still unfiled (``draft``)."""
        fields = _validate_entry(dict(fields))
        kind = EntryKind(kind)
        _check_text(kind, text, fields)
        with self._session() as s:
            item, meeting = self._item_meeting(s, item_id)
            row = self._insert_entry(s, item_id, kind, text, None, fields)
            check_note_movement(s, meeting, row)
            check_entry_votes(s, item.meeting_id, row, at_time=voted_at)
            take_item(s, item)
            version: datetime | None = None
            left = False
            if draft is not None:
                version, left = settle_draft(s, draft)
            s.flush()
            return Filed(entry_data(row), version, left)

    def _claim_entry(self, s: Session, entry_id: int, expected: datetime) -> None:
        """Compare-and-set the version token: the first write of the transaction."""
        claimed = s.exec(
            update(t.Entry)
            .where(col(t.Entry.id) == entry_id)
            .where(col(t.Entry.updated_at) == _utc(expected))
            .values(updated_at=_next_stamp(expected))
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount == 1:
            return
        row = s.get(t.Entry, entry_id)
        if row is None:
            raise NotFoundError(
                f"Entry {entry_id} was deleted elsewhere (another window or copy of "
                "panel-minutes); your text is still on screen."
            )
        current = entry_data(row)
        raise EntryConflictError(
            f"Entry {entry_id} was changed elsewhere (another window or copy of panel-minutes) "
            "since you opened it; nothing was overwritten. Compare the two versions, then save "
            "again.",
            current,
        )

    def voting_members_present(self, meeting_id: int, at_time: str | None = None) -> int:
        """How many people could vote at ``at_time`` (members present and substitutes, less
        those minuted as gone or out of the room then; ``panel_minutes.models.movements``). Without a time:
        the most present at any one time during the meeting."""
        with self._session() as s:
            return voters_at(read_presences(s, meeting_id).values(), at_time or None)

    def check_vote_counts(
        self,
        meeting_id: int,
        vote_for: int | str | None = None,
        vote_against: int | str | None = None,
        vote_abstain: int | str | None = None,
        *,
        at_time: str | None = None,
    ) -> None:
        """Raise ``ValidationError`` when the counts are not whole numbers or add up to more
        votes than there were voting members present when the vote was taken (``at_time``; see
        ``voting_members_present``). ``file_entry`` and ``update_entry`` apply the same check
        (``check_vote_total``) in their transaction.

        A meeting whose attendance has not been taken (no one present) is not checked.
        """
        counts = _validate_entry(
            {"vote_for": vote_for, "vote_against": vote_against, "vote_abstain": vote_abstain}
        )
        with self._session() as s:
            check_vote_total(s, meeting_id, counts, at_time=at_time)

    def change_entry_kind(self, entry_id: int, kind: EntryKind) -> EntryData:
        return self.update_entry(entry_id, kind=kind)

    def delete_entry(self, entry_id: int) -> EntryData:
        """Delete and return the entry as it was (so undo can put it back).

        The entry and its audit trail are kept in ``deleted_entry`` in the same transaction:
        ``list_deleted_entries`` shows them and ``restore_deleted_entry`` puts one back, after a
        restart too."""
        with self._session() as s:
            row = self._get(s, t.Entry, entry_id, "entry")
            item, _meeting = self._item_meeting(s, row.item_id)
            data = entry_data(row)
            keep_deleted(s, row, item.meeting_id)
            s.delete(row)
            s.flush()
            self._shift(s, row.item_id, row.position + 1, -1)
            return data

    def restore_entry(self, data: EntryData) -> EntryData:
        """Put back a deleted entry at its old place (undo), with its audit trail; it leaves the
        deleted entries. One transaction."""
        with self._session() as s:
            kept = kept_for(s, t.DeletedEntry, data.id)
            return self._put_back(s, data, data.item_id, kept)

    def list_deleted_entries(self, meeting_id: int) -> list[DeletedEntryData]:
        """The meeting's deleted entries, most recently deleted first."""
        with self._session() as s:
            return [deleted_entry_data(r) for r in kept_rows(s, t.DeletedEntry, meeting_id)]

    def restore_deleted_entry(self, deleted_id: int, item_id: int | None = None) -> EntryData:
        """Put a deleted entry back where it was (or at the end of ``item_id``), with its audit
        trail. An entry whose item was deleted too needs ``item_id``."""
        with self._session() as s:
            kept = self._get(s, t.DeletedEntry, deleted_id, "deleted entry")
            data = entry_from_json(kept.entry)
            target = item_id if item_id is not None else kept.item_id
            if target is None:
                raise ValidationError(
                    "The agenda item this entry was under has been deleted. Choose the item to "
                    "put it under."
                )
            item = self._get(s, t.AgendaItem, target, "agenda item")
            if item.meeting_id != kept.meeting_id:
                raise ValidationError("A deleted entry can only go back into its own meeting.")
            check_confidential_target(s, kept.deleted_item_id, item, "entry")
            if target != kept.item_id:
                data = replace(data, position=self._entry_count(s, target))
            return self._put_back(s, data, target, kept)

    def _put_back(
        self, s: Session, data: EntryData, item_id: int, kept: t.DeletedEntry | None
    ) -> EntryData:
        values = {k: v for k, v in asdict(data).items() if k in ENTRY_FIELDS}
        values["recorded_vote"] = pairs_json(data.recorded_votes)
        payload = _validate_entry(values)
        kind = EntryKind(payload.pop("kind"))
        text = payload.pop("text")
        row = self._insert_entry(s, item_id, kind, text, data.position, payload)
        s.flush()
        back = entry_data(row)
        if kept is not None:
            for old, new, when in revisions_from_json(kept.revisions):
                s.add(t.EntryRevision(entry_id=back.id, old_text=old, new_text=new,
                                      changed_at=when))
            s.delete(kept)
            s.flush()
        return back

    @staticmethod
    def _revisions(s: Session, entry_id: int) -> list[RevisionData]:
        return read_revisions(s, entry_id)

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
            return self._revisions(s, entry_id)

    # --- the composer's draft --------------------------------------------------------------------

    def save_draft(
        self,
        meeting_id: int,
        text: str,
        *,
        item_id: int | None = None,
        kind: EntryKind = EntryKind.PARAGRAPH,
        fields: dict[str, Any] | None = None,
        expected_updated_at: datetime | None = None,
        claim: bool = False,
        new: bool = False,
    ) -> datetime:
        """Upsert the meeting's draft (one small row, one commit); returns its new version.

        Two windows on one meeting share this row. Pass the ``updated_at`` this window last
        saved (the value returned here, or ``get_draft(...).updated_at``) as
        ``expected_updated_at``, or ``new=True`` when this window holds no draft: when another
        window saved the draft since (or created one), nothing is written and
        ``DraftConflictError`` says the meeting is open elsewhere. ``claim=True`` saves
        regardless (the clerk chose to take the meeting over).

        Both windows learn of each other: the refused window marks the row (``DRAFT_SHARED``,
        with the version it found), and the window owning the draft, at its next save, writes
        its draft as usual and then raises ``DraftSharedNotice`` (carrying the new version).
        """
        payload = json.dumps(fields or {}, ensure_ascii=False, default=str)
        refused: DraftConflictError | None = None
        noticed: datetime | None = None
        with self._session() as s:
            if expected_updated_at is not None and not claim:
                # The usual case while the clerk types: this window saved the row last. One
                # statement checks that and writes (no ORM object: this runs every 0.4 s of
                # typing, on a thread that shares the interpreter with the keys).
                stamp = _next_stamp(expected_updated_at)
                written = s.connection().execute(
                    update(t.Draft)
                    .where(col(t.Draft.meeting_id) == meeting_id)
                    .where(col(t.Draft.updated_at) == _utc(expected_updated_at))
                    .values(text=text, item_id=item_id, kind=EntryKind(kind).value,
                            fields=payload, updated_at=stamp)
                )
                if written.rowcount == 1:
                    return stamp
            row = s.get(t.Draft, meeting_id)
            # No row at all: the draft was filed or cleared, nobody's text is overwritten.
            if row is not None and not claim and (expected_updated_at is not None or new):
                shared = _shared_mark(row)
                if expected_updated_at is not None and shared == _utc(expected_updated_at):
                    noticed = _utc(expected_updated_at)  # told: the row is still this window's
                else:
                    refused = DraftConflictError(
                        "This meeting is open in another window or copy of panel-minutes, which "
                        "saved its own draft since; nothing was overwritten.",
                        _draft_data(row),
                    )
                    if shared is None:  # tell the other window at its next save
                        _mark_shared(row)
                        s.add(row)
            if refused is None:
                if row is None:
                    row = t.Draft(meeting_id=meeting_id)
                row.text = text
                row.item_id = item_id
                row.kind = EntryKind(kind).value
                row.fields = payload
                row.updated_at = _next_stamp(row.updated_at)
                s.add(row)
            s.flush()
            saved = as_utc(row.updated_at) if row is not None else None
        if refused is not None:
            raise refused
        assert saved is not None
        if noticed is not None:
            raise DraftSharedNotice(
                "This meeting is also open in another window or copy of panel-minutes; what is "
                "typed there is not in this window's draft (it keeps its own, or takes over).",
                saved,
            )
        return saved

    def get_draft(self, meeting_id: int) -> DraftData | None:
        with self._session() as s:
            row = s.get(t.Draft, meeting_id)
            return None if row is None else _draft_data(row)

    def clear_draft(self, meeting_id: int, *, expected_updated_at: datetime | None = None) -> None:
        """Delete the meeting's draft (only the version ``expected_updated_at`` when given: another
        window's draft saved since is left alone)."""
        # One DELETE statement: no row to load first, and no complaint when it is already gone.
        with self._session() as s:
            statement = delete(t.Draft).where(col(t.Draft.meeting_id) == meeting_id)
            if expected_updated_at is not None:
                statement = statement.where(col(t.Draft.updated_at) == _utc(expected_updated_at))
            s.exec(statement)


def _draft_data(row: t.Draft) -> DraftData:
    try:
        extra = json.loads(row.fields or "{}")
    except ValueError:
        extra = {}
    return DraftData(
        meeting_id=row.meeting_id, item_id=row.item_id, kind=EntryKind(row.kind),
        text=row.text, fields=extra if isinstance(extra, dict) else {},
        updated_at=as_utc(row.updated_at),
    )
