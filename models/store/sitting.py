"""The meeting as it runs: taking items, finishing them, closing the meeting, who is present.

The rules are in ``panel_minutes.models.item_times`` (one item runs at a time, sittings never overlap) and
``panel_minutes.models.movements`` (arrivals and departures minuted in procedural notes); this mixin applies
them, each operation in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from sqlmodel import Session, col, func, select

from panel_minutes.models import tables as t
from panel_minutes.models.domain import EntryKind, ItemData, MeetingData
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.item_times import clash, dump_resumed, is_running, latest_time, sittings
from panel_minutes.models.movements import (
    WORDS,
    Presence,
    movements_in,
    outside_meeting,
    presence,
    recognise,
)
from panel_minutes.models.parsing import parse_time
from panel_minutes.models.store.base import (
    StoreBase,
    attendance_data,
    entry_data,
    item_data,
    meeting_data,
    person_data,
)


def _items(s: Session, meeting_id: int) -> list[t.AgendaItem]:
    return list(s.exec(
        select(t.AgendaItem)
        .where(col(t.AgendaItem.meeting_id) == meeting_id)
        .order_by(col(t.AgendaItem.position), col(t.AgendaItem.id))
    ).all())


def _finish(row: t.AgendaItem, at: str) -> None:
    """Close the item's open sitting at ``at``."""
    data = item_data(row)
    if data.resumed and not data.resumed[-1][1]:
        row.resumed = dump_resumed([*data.resumed[:-1], (data.resumed[-1][0], at)])
    else:
        row.finished_at = at


def _not_before(items: Sequence[ItemData], at: str, what: str) -> None:
    """``what`` ("The item cannot start", "The meeting cannot end") at ``at`` when an item time
    is later: item times never overlap."""
    latest = latest_time(items)
    if latest and at < latest:
        raise ValidationError(
            f"{what} at {at}: {latest} is the last time stamped on this meeting's items, and item "
            "times cannot overlap (check the clock, or correct the times in the meeting's setup)."
        )


def _open(meeting: t.Meeting) -> None:
    if meeting.end_time:
        raise ValidationError(
            f"The meeting ended at {meeting.end_time}: clear its end time in the meeting's "
            "details (or F9 straight after closing) to take an item again."
        )


def check_item_times(s: Session, row: t.AgendaItem) -> None:
    """Refuse times that finish before they start or overlap another item's (one line)."""
    others = [item_data(r) for r in _items(s, row.meeting_id) if r.id != row.id]
    problem = clash(item_data(row), others)
    if problem:
        raise ValidationError(f"Item '{row.title}': {problem}")


def check_end_time(s: Session, meeting: t.Meeting) -> None:
    """The meeting cannot end before it started, nor before the last time stamped on an item."""
    end = meeting.end_time
    if end < meeting.start_time:
        raise ValidationError(f"The end time {end} is before the start time {meeting.start_time}.")
    latest = latest_time([item_data(r) for r in _items(s, meeting.id or 0)])
    if latest and end < latest:
        raise ValidationError(
            f"The end time {end} is before {latest}, the last time stamped on an item; correct "
            "the items' times first.")


def check_attendance_times(meeting: t.Meeting, row: t.Attendance, fields: Iterable[str]) -> None:
    """An attendance record's "arrived at" / "left at" (those in ``fields``, the ones being
    changed) must lie within the meeting (one line)."""
    for key in ("arrived_at", "left_at"):
        at = str(getattr(row, key))
        problem = outside_meeting(at, meeting.start_time, meeting.end_time) if key in fields else ""
        if problem:
            within = (f"from {meeting.start_time} to {meeting.end_time}" if meeting.end_time
                      else f"from {meeting.start_time} on")
            what = "Arrived at" if key == "arrived_at" else "Left at"
            raise ValidationError(
                f"{what} {at} is {problem}: give a time {within}, or leave it empty.")


def check_note_movement(s: Session, meeting: t.Meeting, row: t.Entry) -> None:
    """A procedural note recording an arrival or departure (``panel_minutes.models.movements``) must give a
    time within the meeting (one line)."""
    if row.kind != EntryKind.PROCEDURE.value:
        return
    records = s.exec(
        select(t.Attendance).where(col(t.Attendance.meeting_id) == meeting.id)).all()
    if not records:
        return
    people = [person_data(p) for p in s.exec(
        select(t.Person).where(col(t.Person.id).in_({r.person_id for r in records}))).all()]
    found = recognise(row.text, row.at_time, people).movement
    if found is None:
        return
    problem = outside_meeting(found.at, meeting.start_time, meeting.end_time)
    if problem:
        raise ValidationError(
            f"{found.person.styled_name} {WORDS[found.kind]} at {found.at}, {problem}: correct "
            "the time in the note, or the meeting's times in its details.")


def check_movements_within(s: Session, meeting: t.Meeting) -> None:
    """The meeting's start and end times (changed) must leave every arrival and departure
    recorded (setup's times, F5 notes) within the meeting (one line)."""
    times = sorted(
        {when for p in read_presences(s, meeting.id or 0).values()
         for when in (p.record.arrived_at, p.record.left_at, *(w for w, _k, _a in p.steps))
         if when.strip()})
    if not times:
        return
    fix = ("an arrival or departure is recorded then; correct its time first (the setup's "
           "attendance, or the F5 note).")
    if times[0] < meeting.start_time:
        raise ValidationError(f"The start time {meeting.start_time} is after {times[0]}: {fix}")
    if meeting.end_time and times[-1] > meeting.end_time:
        raise ValidationError(f"The end time {meeting.end_time} is before {times[-1]}: {fix}")


def read_presences(
    s: Session, meeting_id: int, *, minuted_only: bool = False
) -> dict[int, Presence]:
    """Every attendance record's presence through the meeting (``panel_minutes.models.movements``);
    ``minuted_only``: from the procedural notes alone, without the records' own times."""
    rows = s.exec(select(t.Attendance).where(col(t.Attendance.meeting_id) == meeting_id)).all()
    if not rows:
        return {}
    ids = {r.person_id for r in rows} | {r.substitute_for_id for r in rows if r.substitute_for_id}
    people = {p.id: person_data(p) for p in s.exec(
        select(t.Person).where(col(t.Person.id).in_(ids))).all() if p.id is not None}
    attendance = [attendance_data(r, people) for r in rows]
    if minuted_only:
        attendance = [replace(a, arrived_at="", left_at="") for a in attendance]
    notes = s.exec(
        select(t.Entry)
        .join(t.AgendaItem, col(t.AgendaItem.id) == col(t.Entry.item_id))
        .where(col(t.AgendaItem.meeting_id) == meeting_id)
        .where(col(t.Entry.kind) == EntryKind.PROCEDURE.value)
        .order_by(col(t.Entry.id))
    ).all()
    listed = [a.person for a in attendance]
    return presence(attendance, movements_in([entry_data(e) for e in notes], listed))


class SittingMixin(StoreBase):
    def take_item(self, item_id: int, at: str) -> ItemData:
        """The meeting takes up ``item_id`` at ``at``: the running item is finished at that
        minute; an item never started is marked taken and started; an item finished earlier is
        taken up again (a further sitting). The running item itself is left as it is."""
        at = parse_time(at, "time") or ""
        if not at:
            raise ValidationError("Say when the item was taken, such as 10:30.")
        with self._session() as s:
            row, meeting = self._item_meeting(s, item_id)
            _open(meeting)
            rows = _items(s, row.meeting_id)
            if is_running(item_data(row)):
                return item_data(row)
            _not_before([item_data(r) for r in rows], at, f"Item '{row.title}' cannot start")
            for other in rows:
                if other.id != item_id and is_running(item_data(other)):
                    _finish(other, at)
                    s.add(other)
            data = item_data(row)
            if not data.started_at:
                row.started_at = at
                if row.taken_position is None:
                    highest = s.exec(
                        select(func.max(t.AgendaItem.taken_position)).where(
                            col(t.AgendaItem.meeting_id) == row.meeting_id)
                    ).one()
                    row.taken_position = 0 if highest is None else int(highest) + 1
            else:
                row.resumed = dump_resumed([*data.resumed, (at, "")])
            s.add(row)
            s.flush()
            return item_data(row)

    def finish_item(self, item_id: int, at: str) -> ItemData:
        """Finish the item's running sitting at ``at``."""
        at = parse_time(at, "time") or ""
        with self._session() as s:
            row, _meeting = self._item_meeting(s, item_id)
            data = item_data(row)
            if not is_running(data):
                raise ValidationError(f"Item '{row.title}' is not running: nothing to finish.")
            start = sittings(data)[-1][0]
            if at < start:
                raise ValidationError(f"{at} is before the item started ({start}).")
            _finish(row, at)
            s.add(row)
            s.flush()
            return item_data(row)

    def close_meeting(self, meeting_id: int, at: str) -> MeetingData:
        """The meeting ends at ``at``: the running item is finished then and the meeting's end
        time is stamped (the minutes say "The meeting ended at ...")."""
        at = parse_time(at, "end time") or ""
        if not at:
            raise ValidationError("Say when the meeting ended, such as 12:30.")
        with self._session() as s:
            meeting = self._editable_meeting(s, meeting_id)
            if meeting.end_time:
                raise ValidationError(
                    f"The meeting already ended at {meeting.end_time} (change it in the "
                    "meeting's details).")
            rows = _items(s, meeting_id)
            _not_before([item_data(r) for r in rows], at, "The meeting cannot end")
            if at < meeting.start_time:
                raise ValidationError(f"{at} is before the meeting started ({meeting.start_time}).")
            for row in rows:
                if is_running(item_data(row)):
                    _finish(row, at)
                    s.add(row)
            meeting.end_time = at
            check_movements_within(s, meeting)
            meeting.updated_at = t.utcnow()
            s.add(meeting)
            s.flush()
            return meeting_data(meeting)

    def put_back_times(
        self, meeting_id: int, items: Sequence[ItemData], end_time: str | None = None
    ) -> None:
        """Undo for ``take_item`` / ``finish_item`` / ``close_meeting``: the items' times (and
        the meeting's end time) as they were in ``items``; one transaction."""
        wanted = {i.id: i for i in items}
        with self._session() as s:
            meeting = self._editable_meeting(s, meeting_id)
            for row in _items(s, meeting_id):
                old = wanted.get(row.id or 0)
                if old is None:
                    continue
                row.started_at, row.finished_at = old.started_at, old.finished_at
                row.resumed = dump_resumed(old.resumed)
                row.taken_position = old.taken_position
                s.add(row)
            if end_time is not None:
                meeting.end_time = end_time
                s.add(meeting)

    def minuted_attendance(self, meeting_id: int) -> dict[int, tuple[str, ...]]:
        """For each attendance record (by id) the arrivals and departures minuted in procedural
        notes that its own "arrived at" / "left at" do not already say ("until 11:15")."""
        with self._session() as s:
            own = {a.id: a for a in s.exec(
                select(t.Attendance).where(col(t.Attendance.meeting_id) == meeting_id)).all()}
            out: dict[int, tuple[str, ...]] = {}
            for record_id, p in read_presences(s, meeting_id, minuted_only=True).items():
                row = own[record_id]
                said = {f"from {row.arrived_at}", f"until {row.left_at}"}
                notes = tuple(n for n in p.notes() if n not in said)
                if notes:
                    out[record_id] = notes
            return out
