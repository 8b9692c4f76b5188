"""Bulk writes (many items and entries in one transaction) and reads (many rows in one query).

The ordinary store methods write one row per transaction (safe while a clerk types). Writing
years of minutes that way would take hours, so these methods validate everything first, then
insert with SQLAlchemy Core ``insert()`` in ``executemany`` batches inside ONE transaction:
either all rows of a call are written or none are. Rows go through the same tables (and so the
same triggers, such as the search index) as the ordinary methods.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, func, select

from panel_minutes.models import tables as t
from panel_minutes.models.domain import (
    DEFAULT_EXEMPT_BASIS,
    ActionStatus,
    AttendanceStatus,
    EntryKind,
    ItemData,
    ItemKind,
    MeetingData,
    MeetingStatus,
    Outcome,
)
from panel_minutes.models.errors import NotFoundError, ValidationError
from panel_minutes.models.parsing import parse_time
from panel_minutes.models.store.base import (
    StoreBase,
    dump_list,
    item_data,
    meeting_data,
    require_text,
)
from panel_minutes.models.store.meetings import guess_item_kind


@dataclass(frozen=True, slots=True)
class NewEntry:
    """One minute entry to write (the same fields as ``Store.add_entry``)."""

    text: str
    kind: EntryKind = EntryKind.PARAGRAPH
    asker_id: int | None = None
    asker_text: str = ""
    respondent_id: int | None = None
    respondent_text: str = ""
    answer: str = ""
    proposer: str = ""
    seconder: str = ""
    vote_for: int | None = None
    vote_against: int | None = None
    vote_abstain: int | None = None
    outcome: Outcome = Outcome.NONE
    casting_vote: bool = False
    at_time: str = ""


@dataclass(frozen=True, slots=True)
class NewItem:
    """One agenda item to write, with its entries in order."""

    title: str
    entries: tuple[NewEntry, ...] = ()
    kind: ItemKind | None = None  # None: guessed from the title, as ``Store.add_item`` does
    presenter: str = ""
    exempt: bool = False
    exempt_basis: str = ""
    public_title: str = ""
    documents: tuple[str, ...] = ()
    started_at: str = ""
    finished_at: str = ""


@dataclass(frozen=True, slots=True)
class NewAttendance:
    person_id: int
    status: AttendanceStatus = AttendanceStatus.PRESENT
    capacity: str = ""
    substitute_for_id: int | None = None


@dataclass(frozen=True, slots=True)
class NewAction:
    """An action raised at the meeting; ``item_index`` points into the meeting's new items."""

    text: str
    item_index: int | None = None
    owner_id: int | None = None
    owner_text: str = ""
    due_date: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    completion_note: str = ""
    closed_on: date | None = None


def _all_found(wanted: set[int], found: dict[int, Any], what: str) -> None:
    missing = sorted(wanted - set(found))
    if missing:
        raise NotFoundError(f"No {what} with id {missing[0]}.")


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _check_entry(entry: NewEntry, where: str) -> None:
    """The rules of ``Store.add_entry``, on a value that is already typed."""
    kind = EntryKind(entry.kind)
    if kind is EntryKind.QUESTION:
        if not (entry.text.strip() or entry.answer.strip()):
            raise ValidationError(f"{where}: type the question or its answer first.")
    elif not entry.text.strip():
        raise ValidationError(f"{where}: the entry has no text.")
    for count in (entry.vote_for, entry.vote_against, entry.vote_abstain):
        if count is not None and count < 0:
            raise ValidationError(f"{where}: a vote count cannot be negative.")
    if kind is not EntryKind.RESOLUTION:
        return
    outcome = Outcome(entry.outcome)
    yes, no = entry.vote_for, entry.vote_against
    if outcome is Outcome.UNANIMOUS and no:
        raise ValidationError(f"{where}: a unanimous vote cannot have votes against.")
    if yes is None or no is None or entry.casting_vote:
        return
    if outcome is Outcome.CARRIED and yes <= no:
        raise ValidationError(f"{where}: {yes} for and {no} against does not carry a motion.")
    if outcome is Outcome.LOST and yes > no:
        raise ValidationError(f"{where}: {yes} for and {no} against does not lose a motion.")


def _check_item(item: NewItem, where: str) -> None:
    require_text(item.title, f"title of {where}")
    parse_time(item.started_at, f"start time of {where}")
    parse_time(item.finished_at, f"finish time of {where}")
    for n, entry in enumerate(item.entries, start=1):
        _check_entry(entry, f"{where}, entry {n}")


def _entry_row(item_id: int, position: int, e: NewEntry, now: datetime) -> dict[str, Any]:
    """Stored exactly as ``Store.add_entry`` stores it (no reformatting)."""
    return {
        "item_id": item_id, "position": position, "kind": EntryKind(e.kind).value,
        "text": e.text, "asker_id": e.asker_id, "asker_text": e.asker_text,
        "respondent_id": e.respondent_id, "respondent_text": e.respondent_text,
        "answer": e.answer, "proposer": e.proposer, "seconder": e.seconder,
        "vote_for": e.vote_for, "vote_against": e.vote_against, "vote_abstain": e.vote_abstain,
        "outcome": Outcome(e.outcome).value, "casting_vote": e.casting_vote,
        "at_time": e.at_time, "created_at": now, "updated_at": now,
    }


def _item_row(meeting_id: int, position: int, item: NewItem) -> dict[str, Any]:
    title = item.title.strip()
    basis = item.exempt_basis.strip() or (DEFAULT_EXEMPT_BASIS if item.exempt else "")
    return {
        "meeting_id": meeting_id, "position": position, "title": title,
        "kind": (item.kind or guess_item_kind(title)).value, "exempt": item.exempt,
        "exempt_basis": basis, "public_title": item.public_title.strip(),
        "presenter": item.presenter.strip(), "documents": dump_list(list(item.documents)),
        "started_at": parse_time(item.started_at), "finished_at": parse_time(item.finished_at),
    }


class BulkMixin(StoreBase):
    """Many rows in one transaction (Core ``executemany``); all or nothing per call."""

    @staticmethod
    def _insert_items(
        conn: Connection, meeting_id: int, start: int, items: Sequence[NewItem]
    ) -> list[int]:
        """Insert items (and their entries) after ``start`` items; return the new item ids."""
        if not items:
            return []
        table = _table(t.AgendaItem)
        rows = [_item_row(meeting_id, start + n, item) for n, item in enumerate(items)]
        result = conn.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        )
        ids = [int(row[0]) for row in result]
        now = t.utcnow()
        entries = [
            _entry_row(item_id, pos, e, now)
            for item_id, item in zip(ids, items, strict=True)
            for pos, e in enumerate(item.entries)
        ]
        if entries:
            conn.execute(insert(_table(t.Entry)), entries)
        return ids

    def bulk_add_entries(self, item_id: int, entries: Sequence[NewEntry]) -> int:
        """Append ``entries`` to the item, in order, in one transaction; return how many."""
        for n, entry in enumerate(entries, start=1):
            _check_entry(entry, f"Entry {n}")
        if not entries:
            return 0
        with self._session() as s:
            self._item_meeting(s, item_id)
            start = self._count(s, t.Entry, col(t.Entry.item_id) == item_id)
            now = t.utcnow()
            rows = [_entry_row(item_id, start + n, e, now) for n, e in enumerate(entries)]
            s.connection().execute(insert(_table(t.Entry)), rows)
        return len(rows)

    def bulk_add_items(self, meeting_id: int, items: Sequence[NewItem]) -> list[int]:
        """Append items with their entries to a meeting in one transaction; return item ids."""
        for n, item in enumerate(items, start=1):
            _check_item(item, f"item {n}")
        with self._session() as s:
            self._editable_meeting(s, meeting_id)
            start = self._count(s, t.AgendaItem, col(t.AgendaItem.meeting_id) == meeting_id)
            return self._insert_items(s.connection(), meeting_id, start, items)

    def bulk_add_meeting(
        self,
        panel_id: int,
        held_on: date,
        items: Sequence[NewItem],
        *,
        start_time: str = "10:00",
        end_time: str = "",
        venue: str = "",
        attendance: Sequence[NewAttendance] = (),
        actions: Sequence[NewAction] = (),
        approved: bool = False,
    ) -> int:
        """Write a whole meeting (attendance, items, entries, actions) in one transaction.

        ``approved`` writes it as minutes already agreed as a correct record (read-only in the
        app). Action reference numbers continue the panel's sequence. Returns the meeting id.
        """
        start = parse_time(start_time, "start time") or "10:00"
        end = parse_time(end_time, "end time")
        for n, item in enumerate(items, start=1):
            _check_item(item, f"item {n}")
        for n, action in enumerate(actions, start=1):
            require_text(action.text, f"text of action {n}")
            if action.item_index is not None and not 0 <= action.item_index < len(items):
                raise ValidationError(f"Action {n} points at item {action.item_index + 1}, "
                                      f"but the meeting has {len(items)} items.")
        for a in attendance:
            if AttendanceStatus(a.status) is AttendanceStatus.SUBSTITUTE and not a.substitute_for_id:
                raise ValidationError("Say whom each substitute is standing in for.")
        now = t.utcnow()
        with self._session() as s:
            self._get(s, t.Panel, panel_id, "panel")
            conn = s.connection()
            meetings = _table(t.Meeting)
            meeting_id = int(
                conn.execute(
                    insert(meetings).returning(meetings.c.id),
                    {
                        "panel_id": panel_id, "held_on": held_on, "start_time": start,
                        "end_time": end, "venue": venue.strip(),
                        "status": (MeetingStatus.APPROVED if approved else MeetingStatus.DRAFT).value,
                        "approved_at": now if approved else None, "created_at": now,
                        "updated_at": now,
                    },
                ).scalar_one()
            )
            if attendance:
                conn.execute(
                    insert(_table(t.Attendance)),
                    [
                        {
                            "meeting_id": meeting_id, "person_id": a.person_id,
                            "status": AttendanceStatus(a.status).value,
                            "substitute_for_id": a.substitute_for_id,
                            "capacity": a.capacity.strip(), "position": pos,
                        }
                        for pos, a in enumerate(attendance)
                    ],
                )
            item_ids = self._insert_items(conn, meeting_id, 0, items)
            if actions:
                self._insert_actions(s, panel_id, meeting_id, item_ids, actions)
            return meeting_id

    @staticmethod
    def _insert_actions(
        s: Session, panel_id: int, meeting_id: int, item_ids: list[int],
        actions: Sequence[NewAction],
    ) -> None:
        highest = s.exec(
            select(func.max(t.Action.ref_no)).where(col(t.Action.panel_id) == panel_id)
        ).one()
        first = int(highest or 0) + 1
        rows = [
            {
                "panel_id": panel_id, "meeting_id": meeting_id,
                "item_id": item_ids[a.item_index] if a.item_index is not None else None,
                "ref_no": first + pos, "text": a.text.strip(), "owner_id": a.owner_id,
                "owner_text": a.owner_text.strip(), "due_date": a.due_date,
                "status": ActionStatus(a.status).value,
                "completion_note": a.completion_note.strip(),
                "closed_on": a.closed_on if a.status is not ActionStatus.OPEN else None,
                "position": pos,
            }
            for pos, a in enumerate(actions)
        ]
        s.connection().execute(insert(_table(t.Action)), rows)

    # --- many rows read in one query ---------------------------------------------------------------

    def meetings_by_id(self, ids: Iterable[int]) -> dict[int, MeetingData]:
        """The meetings with these ids, in one query; ``NotFoundError`` if one does not exist."""
        wanted = set(ids)
        if not wanted:
            return {}
        with self._session() as s:
            rows = s.exec(select(t.Meeting).where(col(t.Meeting.id).in_(wanted))).all()
            found = {r.id: meeting_data(r) for r in rows if r.id is not None}
        _all_found(wanted, found, "meeting")
        return found

    def items_by_id(self, ids: Iterable[int]) -> dict[int, ItemData]:
        """The agenda items with these ids, in one query; ``NotFoundError`` if one is missing."""
        wanted = set(ids)
        if not wanted:
            return {}
        with self._session() as s:
            rows = s.exec(select(t.AgendaItem).where(col(t.AgendaItem.id).in_(wanted))).all()
            found = {r.id: item_data(r) for r in rows if r.id is not None}
        _all_found(wanted, found, "agenda item")
        return found

    @staticmethod
    def _count(s: Session, model: type[Any], where: Any) -> int:
        return int(s.exec(select(func.count()).select_from(model).where(where)).one())
