"""The store's foundation: one engine, a short session per unit of work, table → dataclass."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, String, type_coerce
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import object_session
from sqlmodel import Session, SQLModel, col, select

from panel_minutes.models import tables as t
from panel_minutes.models.db import open_engine, resolve_target, translate
from panel_minutes.models.domain import (
    ActionData,
    ActionStatus,
    ActionUpdateData,
    AmendmentData,
    AttendanceData,
    AttendanceStatus,
    DeclarationData,
    EntryData,
    EntryKind,
    ItemData,
    ItemKind,
    MeetingData,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MembershipData,
    Numbering,
    Outcome,
    PanelData,
    PersonData,
)
from panel_minutes.models.errors import NotFoundError, ReadOnlyMeetingError, ValidationError
from panel_minutes.models.house_style import DEFAULT as DEFAULT_STYLE
from panel_minutes.models.house_style import HouseStyle
from panel_minutes.models.item_times import load_resumed
from panel_minutes.models.parsing import long_date
from panel_minutes.models.recorded_votes import VoteChoice, from_pairs

T = TypeVar("T", bound=SQLModel)


class StoreBase:
    """Owns the engine. Every public write is one short transaction."""

    def __init__(
        self, db: str | None = None, *, engine: Engine | None = None, for_reading: bool = False
    ) -> None:
        """``for_reading``: the caller only reads, so a read-only file is opened read-only
        rather than refused (see ``panel_minutes.models.db.open_engine``)."""
        self.target = resolve_target(db)
        self.engine = (
            engine if engine is not None else open_engine(self.target, for_reading=for_reading)
        )

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """A read or write unit of work; commits on success, rolls back on error."""
        session = Session(self.engine, expire_on_commit=False)
        try:
            yield session
            session.commit()
        except (OperationalError, SADatabaseError) as exc:
            session.rollback()
            raise translate(self.target, exc) from exc
        except UnicodeEncodeError as exc:
            # An unpaired surrogate (from a bundle's "\ud800" or odd clipboard bytes) cannot be
            # stored as UTF-8: refuse the write with a clear message instead of a traceback.
            session.rollback()
            raise ValidationError(
                "The text contains a character that cannot be stored (an unpaired UTF-16 "
                f"surrogate at position {exc.start}); remove it and try again."
            ) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @staticmethod
    def _get(session: Session, model: type[T], ident: int | None, what: str) -> T:
        row = session.get(model, ident) if ident is not None else None
        if row is None:
            raise NotFoundError(f"No {what} with id {ident}.")
        return row

    @staticmethod
    def _editable_meeting(session: Session, meeting_id: int) -> t.Meeting:
        meeting = StoreBase._get(session, t.Meeting, meeting_id, "meeting")
        if meeting.status == MeetingStatus.APPROVED:
            raise ReadOnlyMeetingError(StoreBase._read_only_message(session, meeting))
        return meeting

    @staticmethod
    def _read_only_message(session: Session, meeting: t.Meeting) -> str:
        """Why the meeting cannot be changed, and what the clerk can do instead (one line)."""
        where = ""
        if meeting.approved_at_meeting_id is not None:
            at = session.get(t.Meeting, meeting.approved_at_meeting_id)
            if at is not None:
                where = f" at the meeting held on {long_date(at.held_on)}"
        return (
            f"The minutes of the meeting held on {long_date(meeting.held_on)} "
            f"were approved as a correct record{where}, so they cannot be changed. Record a "
            "correction as an amendment, or undo the approval (the undoing is recorded)."
        )

    @staticmethod
    def _item_meeting(session: Session, item_id: int) -> tuple[t.AgendaItem, t.Meeting]:
        item = StoreBase._get(session, t.AgendaItem, item_id, "agenda item")
        return item, StoreBase._editable_meeting(session, item.meeting_id)


def require_text(value: str, what: str) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise ValidationError(f"The {what} cannot be empty.")
    return cleaned


def held_before(meeting: t.Meeting) -> ColumnElement[bool]:
    """The SQL condition for the panel's meetings earlier than ``meeting``: held on an earlier
    day, or on the same day and created first (a lower id). The one "earlier meeting" rule: the
    previous meeting, the actions carried forward and running numbering all use it."""
    return (col(t.Meeting.panel_id) == meeting.panel_id) & (
        (col(t.Meeting.held_on) < meeting.held_on)
        | ((col(t.Meeting.held_on) == meeting.held_on) & (col(t.Meeting.id) < meeting.id))
    )


def dump_list(values: tuple[str, ...] | list[str]) -> str:
    return json.dumps([v for v in (s.strip() for s in values) if v], ensure_ascii=False)


def load_list(raw: str) -> tuple[str, ...]:
    try:
        data = json.loads(raw or "[]")
    except ValueError:
        return ()
    return tuple(str(v) for v in data) if isinstance(data, list) else ()


# --- table rows → domain dataclasses -------------------------------------------------------------


def as_utc(value: datetime | None) -> datetime | None:
    """Timestamps come back from SQLite without a zone; they were written in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _id(value: int | None) -> int:
    assert value is not None, "row has no id (not flushed)"
    return value


def stored_style(text: str) -> HouseStyle:
    """The stored house style; a value this version cannot read (written by a newer one, or
    damaged) gives the default style for display and is left in the database untouched."""
    try:
        return HouseStyle.from_json(text)
    except ValueError:
        return DEFAULT_STYLE


def meeting_style(s: Session, meeting_id: int) -> HouseStyle:
    """The house style of the panel a meeting belongs to (one query)."""
    raw = s.exec(
        select(t.Panel.house_style)
        .join(t.Meeting, col(t.Meeting.panel_id) == col(t.Panel.id))
        .where(col(t.Meeting.id) == meeting_id)
    ).first()
    return stored_style(raw) if raw is not None else DEFAULT_STYLE


def panel_data(row: t.Panel) -> PanelData:
    return PanelData(
        id=_id(row.id),
        name=row.name,
        short_name=row.short_name,
        host_authority=row.host_authority,
        default_venue=row.default_venue,
        numbering=Numbering(row.numbering),
        chair_title=row.chair_title,
        standing_agenda=load_list(row.standing_agenda),
        style=stored_style(row.house_style),
    )


def person_data(row: t.Person) -> PersonData:
    return PersonData(
        id=_id(row.id), name=row.name, title=row.title, role=row.role, organisation=row.organisation
    )


def membership_data(row: t.Membership, person: PersonData) -> MembershipData:
    return MembershipData(
        id=_id(row.id),
        panel_id=row.panel_id,
        person=person,
        role=MemberRole(row.role),
        represents=row.represents,
        start_date=row.start_date,
        end_date=row.end_date,
        position=row.position,
    )


def meeting_data(row: t.Meeting) -> MeetingData:
    return MeetingData(
        id=_id(row.id),
        panel_id=row.panel_id,
        held_on=row.held_on,
        start_time=row.start_time,
        end_time=row.end_time,
        venue=row.venue,
        status=MeetingStatus(row.status),
        approved_at=row.approved_at,
        approved_at_meeting_id=row.approved_at_meeting_id,
        public_count=row.public_count,
        kind=meeting_kind(row.kind),
    )


def meeting_kind(value: str) -> MeetingKind:
    """The stored kind of meeting; a value this version does not know reads as none."""
    try:
        return MeetingKind(value)
    except ValueError:
        return MeetingKind.NONE


def attendance_data(
    row: t.Attendance, people: dict[int, PersonData], represents: str = ""
) -> AttendanceData:
    return AttendanceData(
        id=_id(row.id),
        meeting_id=row.meeting_id,
        person=people[row.person_id],
        status=AttendanceStatus(row.status),
        substitute_for=people.get(row.substitute_for_id) if row.substitute_for_id else None,
        capacity=row.capacity,
        arrived_at=row.arrived_at,
        left_at=row.left_at,
        position=row.position,
        note=row.note,
        represents=represents,
    )


def declaration_data(row: t.Declaration, people: dict[int, PersonData]) -> DeclarationData:
    return DeclarationData(
        id=_id(row.id),
        meeting_id=row.meeting_id,
        person=people[row.person_id],
        item_id=row.item_id,
        text=row.text,
        position=row.position,
        more_people=tuple(
            people[int(p)] for p in load_ids(row.more_people) if int(p) in people
        ),
        more_items=load_ids(row.more_items),
    )


def load_ids(raw: str) -> tuple[int, ...]:
    """A JSON list of ids (a declaration's further members or items)."""
    try:
        values = json.loads(raw or "[]")
    except json.JSONDecodeError:
        return ()
    return tuple(int(v) for v in values if isinstance(v, int)) if isinstance(values, list) else ()


def dump_ids(ids: Iterable[int]) -> str:
    return json.dumps(list(dict.fromkeys(int(i) for i in ids)))


def item_data(row: t.AgendaItem) -> ItemData:
    return ItemData(
        id=_id(row.id),
        meeting_id=row.meeting_id,
        position=row.position,
        title=row.title,
        taken_position=row.taken_position,
        number_label=row.number_label,
        public_title=row.public_title,
        presenter=row.presenter,
        kind=ItemKind(row.kind),
        exempt=row.exempt,
        exempt_basis=row.exempt_basis,
        documents=load_list(row.documents),
        started_at=row.started_at,
        finished_at=row.finished_at,
        resumed=load_resumed(row.resumed),
        level=row.level,
        public_summary=row.public_summary,
    )


def entry_data(row: t.Entry) -> EntryData:
    return EntryData(
        id=_id(row.id),
        item_id=row.item_id,
        position=row.position,
        kind=EntryKind(row.kind),
        text=row.text,
        asker_id=row.asker_id,
        asker_text=row.asker_text,
        respondent_id=row.respondent_id,
        respondent_text=row.respondent_text,
        answer=row.answer,
        proposer=row.proposer,
        seconder=row.seconder,
        vote_for=row.vote_for,
        vote_against=row.vote_against,
        vote_abstain=row.vote_abstain,
        outcome=Outcome(row.outcome),
        casting_vote=row.casting_vote,
        at_time=row.at_time,
        vote_note=row.vote_note,
        recorded_votes=recorded_pairs(row.recorded_vote),
        updated_at=as_utc(row.updated_at),
    )


def recorded_pairs(raw: str | None) -> tuple[tuple[int, VoteChoice], ...]:
    """A stored recorded vote (JSON pairs) as ``EntryData.recorded_votes``."""
    if not raw:
        return ()
    return from_pairs(json.loads(raw))


# Entries read in bulk (a meeting's thousands): plain columns through SQLAlchemy Core and one
# positional unpack per row, instead of an ORM object per entry (about 3x faster for 60 x 60).
# Queries pick the entry table's columns by name from ENTRY (``ENTRY.item_id``); ENTRY_COLUMNS
# is the select list that entry_data_from_columns unpacks, in its order.
ENTRY = t.Entry.__table__.c  # type: ignore[attr-defined]
ENTRY_COLUMNS = (
    ENTRY.id, ENTRY.item_id, ENTRY.position, ENTRY.kind, ENTRY.text, ENTRY.asker_id,
    ENTRY.asker_text, ENTRY.respondent_id, ENTRY.respondent_text, ENTRY.answer,
    ENTRY.proposer, ENTRY.seconder, ENTRY.vote_for, ENTRY.vote_against, ENTRY.vote_abstain,
    ENTRY.outcome, ENTRY.casting_vote, ENTRY.at_time, ENTRY.vote_note, ENTRY.recorded_vote,
    # As stored (SQLite: ISO text), parsed by _utc below: a third of the cost otherwise.
    type_coerce(ENTRY.updated_at, String),
)
_KINDS = {k.value: k for k in EntryKind}
_OUTCOMES = {o.value: o for o in Outcome}


def _utc(value: str | datetime | None) -> datetime | None:
    """A stored UTC timestamp (SQLite's ISO text, or a driver's datetime) as an aware datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value is None or value.tzinfo is None:
        return as_utc(value)
    return value.astimezone(UTC)


def entry_data_from_columns(row: Sequence[Any]) -> EntryData:
    """``entry_data`` for a row of ``ENTRY_COLUMNS`` (same result, no ORM object)."""
    (id_, item_id, position, kind, text, asker_id, asker_text, respondent_id, respondent_text,
     answer, proposer, seconder, vote_for, vote_against, vote_abstain, outcome, casting_vote,
     at_time, vote_note, recorded_vote, updated_at) = row
    return EntryData(
        id=id_, item_id=item_id, position=position, kind=_KINDS[kind] if kind in _KINDS else EntryKind(kind),
        text=text, asker_id=asker_id, asker_text=asker_text, respondent_id=respondent_id,
        respondent_text=respondent_text, answer=answer, proposer=proposer, seconder=seconder,
        vote_for=vote_for, vote_against=vote_against, vote_abstain=vote_abstain,
        outcome=_OUTCOMES[outcome] if outcome in _OUTCOMES else Outcome(outcome), casting_vote=bool(casting_vote),
        at_time=at_time, vote_note=vote_note or "",
        recorded_votes=recorded_pairs(recorded_vote) if recorded_vote else (),
        updated_at=_utc(updated_at),
    )


def action_data(row: t.Action) -> ActionData:
    more_owners = read_owners(row.more_owners)
    return ActionData(
        id=_id(row.id),
        panel_id=row.panel_id,
        meeting_id=row.meeting_id,
        item_id=row.item_id,
        ref_no=row.ref_no,
        text=row.text,
        owner_id=row.owner_id,
        owner_text=row.owner_text,
        due_date=row.due_date,
        status=ActionStatus(row.status),
        completion_note=row.completion_note,
        closed_on=row.closed_on,
        position=row.position,
        due_text=row.due_text,
        more_owners=more_owners,
        owner_names=_owner_names(row, more_owners),
    )


def owners_json(owners: Sequence[tuple[int | None, str]]) -> str:
    """The stored form of an action's owners after the first ("" when none)."""
    listed = [[pid, "" if pid is not None else " ".join(text.split())] for pid, text in owners]
    return json.dumps(listed, ensure_ascii=False) if listed else ""


def read_owners(raw: str | None) -> tuple[tuple[int | None, str], ...]:
    if not raw:
        return ()
    return tuple((None if pid is None else int(pid), str(text)) for pid, text in json.loads(raw))


def _owner_names(row: t.Action, more: tuple[tuple[int | None, str], ...]) -> tuple[str, ...]:
    """Every owner's full name (a person's read in the row's session), or text as typed."""
    session = object_session(row)
    names = []
    for pid, text in ((row.owner_id, row.owner_text), *more):
        person = session.get(t.Person, pid) if pid is not None and session is not None else None
        name = f"{person.title} {person.name}".strip() if person is not None else text.strip()
        if name:
            names.append(name)
    return tuple(names)


def action_update_data(row: t.ActionUpdate) -> ActionUpdateData:
    return ActionUpdateData(
        id=_id(row.id),
        action_id=row.action_id,
        meeting_id=row.meeting_id,
        note=row.note,
        status=ActionStatus(row.status),
        created_at=row.created_at,
    )


def amendment_data(row: t.Amendment) -> AmendmentData:
    return AmendmentData(
        id=_id(row.id),
        meeting_id=row.meeting_id,
        kind=row.kind,
        text=row.text,
        recorded_at=row.recorded_at,
        recorded_at_meeting_id=row.recorded_at_meeting_id,
    )


def apply_fields(row: SQLModel, fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"cannot set {sorted(unknown)} on {type(row).__name__}")
    for key, value in fields.items():
        setattr(row, key, value)
