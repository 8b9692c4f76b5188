"""Everything one meeting's minutes need, loaded in a handful of batched queries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select as core_select
from sqlmodel import Session, col, func, select

from panel_minutes.models import tables as t
from panel_minutes.models.domain import ActionUpdateData, EntryData, MinutesDocument, Numbering
from panel_minutes.models.numbering import numbering_year, numbering_year_span, running_label
from panel_minutes.models.store.actions import ActionsMixin
from panel_minutes.models.store.base import (
    ENTRY,
    ENTRY_COLUMNS,
    StoreBase,
    action_data,
    action_update_data,
    amendment_data,
    attendance_data,
    declaration_data,
    entry_data_from_columns,
    held_before,
    item_data,
    load_ids,
    meeting_data,
    panel_data,
    person_data,
    read_owners,
    stored_style,
)


def _entry_rows(s: Session, item_ids: list[int]) -> list[EntryData]:
    """The entries of ``item_ids``, by item, then position (plain columns, no ORM objects)."""
    if not item_ids:
        return []
    return [
        entry_data_from_columns(row)
        for row in s.connection().execute(
            core_select(*ENTRY_COLUMNS)
            .where(ENTRY.item_id.in_(item_ids))
            .order_by(ENTRY.item_id, ENTRY.position, ENTRY.id)
        ).all()
    ]


def _item_ids(s: Session, meeting_id: int) -> list[int]:
    return [
        i for i in s.exec(
            select(col(t.AgendaItem.id)).where(col(t.AgendaItem.meeting_id) == meeting_id)
        ).all() if i is not None
    ]


def _represents(s: Session, meeting: t.Meeting, person_ids: set[int]) -> dict[int, str]:
    """Person id -> the council each attendee sits for on the panel on the meeting's date (their
    membership's ``represents``), for the attendance's "(Northbury City Council)"."""
    if not person_ids:
        return {}
    out: dict[int, str] = {}
    for m in s.exec(
        select(t.Membership)
        .where(col(t.Membership.panel_id) == meeting.panel_id)
        .where(col(t.Membership.person_id).in_(person_ids))
        .order_by(col(t.Membership.position), col(t.Membership.id))
    ).all():
        current = (m.start_date is None or m.start_date <= meeting.held_on) and (
            m.end_date is None or m.end_date >= meeting.held_on
        )
        if current and m.represents.strip() and m.person_id not in out:
            out[m.person_id] = m.represents.strip()
    return out


class DocumentMixin(StoreBase):
    def load_entries(
        self, meeting_id: int, item_ids: Sequence[int] | None = None
    ) -> dict[int, list[EntryData]]:
        """Every item's entries (an empty list for an item without any), in order; with
        ``item_ids``, only those items' (of this meeting: ids of other meetings are left out)."""
        with self._session() as s:
            mine = _item_ids(s, meeting_id)
            if item_ids is not None:
                wanted = set(item_ids)
                mine = [i for i in mine if i in wanted]
            item_ids = mine
            entries: dict[int, list[EntryData]] = {i: [] for i in item_ids}
            for e in _entry_rows(s, item_ids):
                entries[e.item_id].append(e)
            return entries

    def newest_meeting_id(self) -> int | None:
        """The most recently created meeting, if any."""
        with self._session() as s:
            newest = s.exec(select(func.max(t.Meeting.id))).one()
            return int(newest) if newest is not None else None

    def entry_counts(self, meeting_id: int) -> dict[int, int]:
        """Item id → how many entries it has (items without entries are left out)."""
        with self._session() as s:
            rows = s.exec(
                select(col(t.Entry.item_id), func.count())
                .where(col(t.Entry.item_id).in_(
                    select(col(t.AgendaItem.id)).where(col(t.AgendaItem.meeting_id) == meeting_id)
                ))
                .group_by(col(t.Entry.item_id))
            ).all()
            return {int(item_id): int(n) for item_id, n in rows}

    def load_document(self, meeting_id: int, *, with_entries: bool = True) -> MinutesDocument:
        """The meeting's minutes, whole. ``with_entries=False`` leaves ``entries`` empty (the
        live screen reads only the current item's before its first paint, the rest after);
        ``people`` still holds everyone the entries name."""
        with self._session() as s:
            meeting = self._get(s, t.Meeting, meeting_id, "meeting")
            panel = self._get(s, t.Panel, meeting.panel_id, "panel")
            items = s.exec(
                select(t.AgendaItem)
                .where(col(t.AgendaItem.meeting_id) == meeting_id)
                .order_by(col(t.AgendaItem.position), col(t.AgendaItem.id))
            ).all()
            item_ids = [i.id for i in items if i.id is not None]
            entry_rows = _entry_rows(s, item_ids) if with_entries else []
            attendance = s.exec(
                select(t.Attendance)
                .where(col(t.Attendance.meeting_id) == meeting_id)
                .order_by(col(t.Attendance.position), col(t.Attendance.id))
            ).all()
            declarations = s.exec(
                select(t.Declaration)
                .where(col(t.Declaration.meeting_id) == meeting_id)
                .order_by(col(t.Declaration.position), col(t.Declaration.id))
            ).all()
            actions = s.exec(
                select(t.Action)
                .where(col(t.Action.meeting_id) == meeting_id)
                .order_by(col(t.Action.ref_no))
            ).all()
            carried = ActionsMixin._carried(s, meeting)
            carried_ids = [a.id for a in carried if a.id is not None]
            closed_later = ActionsMixin._closed_later(s, meeting, carried_ids)
            # Progress minuted at this meeting: on the actions it carries, and on its own.
            reported_ids = [*carried_ids, *(a.id for a in actions if a.id is not None)]
            updates = (
                s.exec(
                    select(t.ActionUpdate)
                    .where(col(t.ActionUpdate.action_id).in_(reported_ids))
                    .where(col(t.ActionUpdate.meeting_id) == meeting_id)
                    .order_by(col(t.ActionUpdate.created_at), col(t.ActionUpdate.id))
                ).all()
                if reported_ids
                else []
            )
            amendments = s.exec(
                select(t.Amendment)
                .where(col(t.Amendment.meeting_id) == meeting_id)
                .order_by(col(t.Amendment.recorded_at), col(t.Amendment.id))
            ).all()
            agreed_at = {
                a.recorded_at_meeting_id for a in amendments
                if a.recorded_at_meeting_id is not None
            }
            amendment_meeting_dates = (
                {
                    int(i or 0): day
                    for i, day in s.exec(
                        select(col(t.Meeting.id), col(t.Meeting.held_on))
                        .where(col(t.Meeting.id).in_(agreed_at))
                    ).all()
                }
                if agreed_at
                else {}
            )
            person_ids: set[int] = set()
            for a in attendance:
                person_ids.add(a.person_id)
                if a.substitute_for_id:
                    person_ids.add(a.substitute_for_id)
            person_ids |= {p for d in declarations for p in (d.person_id, *load_ids(d.more_people))}
            if with_entries:
                for e in entry_rows:
                    person_ids |= {p for p in (e.asker_id, e.respondent_id) if p}
            elif item_ids:
                named = s.connection().execute(
                    core_select(ENTRY.asker_id, ENTRY.respondent_id)
                    .where(ENTRY.item_id.in_(item_ids))
                    .where(ENTRY.asker_id.is_not(None) | ENTRY.respondent_id.is_not(None))
                    .distinct()
                ).all()
                for asker_id, respondent_id in named:
                    person_ids |= {p for p in (asker_id, respondent_id) if p}
            for act in (*actions, *carried):
                if act.owner_id:
                    person_ids.add(act.owner_id)
                person_ids.update(pid for pid, _t in read_owners(act.more_owners) if pid)
            people = (
                {
                    p.id: person_data(p)
                    for p in s.exec(select(t.Person).where(col(t.Person.id).in_(person_ids)))
                    if p.id is not None
                }
                if person_ids
                else {}
            )
            entries: dict[int, list[EntryData]] = (
                {i: [] for i in item_ids} if with_entries else {}
            )
            for e in entry_rows:
                entries[e.item_id].append(e)
            grouped: dict[int, list[ActionUpdateData]] = {}
            for u in updates:
                grouped.setdefault(u.action_id, []).append(action_update_data(u))
            previous = s.exec(
                select(col(t.Meeting.held_on))
                .where(held_before(meeting))
                .order_by(col(t.Meeting.held_on).desc(), col(t.Meeting.id).desc())
                .limit(1)
            ).first()
            offset = 0
            if panel.numbering == Numbering.RUNNING.value:
                offset = self._running_offset(s, meeting)
            approved_on = (
                s.exec(
                    select(col(t.Meeting.held_on)).where(
                        col(t.Meeting.id) == meeting.approved_at_meeting_id
                    )
                ).first()
                if meeting.approved_at_meeting_id is not None
                else None
            )
            carried_item_ids = {a.item_id for a in carried if a.item_id is not None}
            exempt_items = (
                set(
                    s.exec(
                        select(col(t.AgendaItem.id))
                        .where(col(t.AgendaItem.id).in_(carried_item_ids))
                        .where(col(t.AgendaItem.exempt))
                    ).all()
                )
                if carried_item_ids
                else set()
            )
            represents = _represents(s, meeting, {a.person_id for a in attendance})
            confidential = frozenset(
                a.id for a in carried if a.id is not None and a.item_id in exempt_items
            )
            return MinutesDocument(
                panel=panel_data(panel),
                meeting=meeting_data(meeting),
                people=people,
                attendance=tuple(
                    attendance_data(a, people, represents.get(a.person_id, ""))
                    for a in attendance
                ),
                declarations=tuple(declaration_data(d, people) for d in declarations),
                items=tuple(item_data(i) for i in items),
                entries={k: tuple(v) for k, v in entries.items()},
                actions=tuple(action_data(a) for a in actions),
                earlier_actions=tuple(action_data(a) for a in carried),
                action_updates={k: tuple(v) for k, v in grouped.items()},
                amendments=tuple(amendment_data(a) for a in amendments),
                previous_meeting_date=previous,
                year_offset=offset,
                approved_at_meeting_date=approved_on,
                confidential_action_ids=confidential,
                closed_later_action_ids=closed_later,
                amendment_meeting_dates=amendment_meeting_dates,
            )

    @staticmethod
    def _numbering_year(s: Session, meeting: t.Meeting) -> tuple[int, date, date]:
        """The panel's numbering year holding ``meeting`` (its house style's first month): the
        year it began in, and its first and last day."""
        panel = s.get(t.Panel, meeting.panel_id)
        start_month = stored_style(panel.house_style).year_start_month if panel else 1
        year = numbering_year(meeting.held_on, start_month)
        first, last = numbering_year_span(year, start_month)
        return year, first, last

    @staticmethod
    def _earlier_in_year(meeting: t.Meeting, year_start: date) -> Any:
        """The ids of the panel's meetings held earlier in ``meeting``'s numbering year."""
        return select(t.Meeting.id).where(held_before(meeting)).where(
            col(t.Meeting.held_on) >= year_start
        )

    @staticmethod
    def _items_earlier_in_year(s: Session, meeting: t.Meeting, year_start: date) -> int:
        """How many items (not sub-items: they take no reference) the panel's earlier meetings
        this numbering year hold."""
        count = s.exec(
            select(func.count()).select_from(t.AgendaItem)
            .where(col(t.AgendaItem.meeting_id).in_(
                DocumentMixin._earlier_in_year(meeting, year_start)
            ))
            .where(col(t.AgendaItem.level) == 0)
        ).one()
        return int(count)

    @staticmethod
    def _running_offset(s: Session, meeting: t.Meeting) -> int:
        """Running numbering: the last minute number the panel used before this meeting in its
        numbering year. Counted on from the year's first number (1 unless the panel keeps
        another), and never below a reference an earlier meeting carries as its label ("88/17",
        kept by an import), so numbers are never given twice."""
        year, year_start, _ = DocumentMixin._numbering_year(s, meeting)
        first = s.exec(
            select(col(t.RunningStart.first_number))
            .where(col(t.RunningStart.panel_id) == meeting.panel_id)
            .where(col(t.RunningStart.year) == year)
        ).first()
        counted = (first or 1) - 1 + DocumentMixin._items_earlier_in_year(s, meeting, year_start)
        labels = s.exec(
            select(col(t.AgendaItem.number_label))
            .where(col(t.AgendaItem.meeting_id).in_(
                DocumentMixin._earlier_in_year(meeting, year_start)
            ))
            .where(col(t.AgendaItem.number_label) != "")
        ).all()
        kept = [running_label(label, year) for label in labels]
        return max([counted, *(n for n in kept if n is not None)])
