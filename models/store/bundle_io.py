"""Importing a meeting bundle: validated first, then written in one transaction.

``import_bundle(store, data)`` validates with ``panel_minutes.models.bundle.parse_bundle`` (every field and
reference checked, nothing written yet), then ``write_bundle`` maps bundle references to rows.
The store sits above the bundle format: this module imports ``panel_minutes.models.bundle``, never the other
way round (an import-linter contract in pyproject.toml keeps it so). The rules for reusing what the target database already holds are
documented in ``docs/bundle-format.md`` ("Importing"):

- the panel is matched by name (case and surrounding spaces ignored); an existing panel keeps its
  own settings and membership, a new one takes the bundle's;
- people are matched by title + name (same comparison) among the people that existed before the
  import; the oldest match wins; matched people are not changed;
- another meeting the bundle refers to (previous meeting, the meeting that approved these
  minutes) is matched by date among the panel's meetings; carried actions (and the items they
  were raised under) are only ever attached to a record-only meeting (no attendance, no minute
  entries), so minutes already taken never change; where nothing matches, a record-only meeting
  with that date and status is created;
- a carried action is the panel's action with the same ref number and text if there is one;
  otherwise it is created;
- action ref numbers are kept when free in the panel, else the next free number is used;
- running minute numbers are kept: the year's first meeting here sets the panel's first number of
  that year (so the meetings after it number on); otherwise unlabelled items get their original
  reference as a label, and later meetings number on after the highest.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, func, select

from panel_minutes.models import batches
from panel_minutes.models import tables as t
from panel_minutes.models.bundle import BAction, BOtherMeeting, Bundle, parse_bundle
from panel_minutes.models.domain import Numbering
from panel_minutes.models.item_times import dump_resumed
from panel_minutes.models.recorded_votes import pairs_json
from panel_minutes.models.store.base import dump_ids, dump_list, owners_json
from panel_minutes.models.store.bulk import _table
from panel_minutes.models.store.document import DocumentMixin
from panel_minutes.models.store.panels import set_running_start

if TYPE_CHECKING:
    from panel_minutes.models.store import Store


def _key(*parts: str) -> tuple[str, ...]:
    return tuple(" ".join(p.split()).casefold() for p in parts)


def _id(value: int | None) -> int:
    assert value is not None, "row has no id (not flushed)"
    return value


# The columns ``_Writer.write_entries`` fills, in the order of its tuples.
_ENTRY_INSERT = (
    "item_id", "position", "kind", "text", "asker_id", "asker_text", "respondent_id",
    "respondent_text", "answer", "proposer", "seconder", "vote_for", "vote_against",
    "vote_abstain", "outcome", "casting_vote", "at_time", "created_at", "updated_at",
    "vote_note", "recorded_vote",
)


class _Writer:
    def __init__(self, s: Session, bundle: Bundle) -> None:
        self.s = s
        self.b = bundle
        self.panel_id = 0
        self.panel_is_new = False
        self.people: dict[str, int] = {}
        self.items: dict[str, int] = {}
        self.meetings: dict[str, int] = {}
        self.others = {m.ref: m for m in bundle.other_meetings}
        self.used_refs: set[int] = set()

    # --- panel and people ----------------------------------------------------------------------------

    def panel(self) -> None:
        p = self.b.panel
        wanted = _key(p.name)
        for row in self.s.exec(select(t.Panel).order_by(col(t.Panel.id))).all():
            if _key(row.name) == wanted:
                self.panel_id = _id(row.id)
                return
        from panel_minutes.models.store.panels import default_short_name

        row = t.Panel(
            name=p.name, short_name=p.short_name.strip() or default_short_name(p.name),
            host_authority=p.host_authority, default_venue=p.default_venue,
            numbering=p.numbering.value, chair_title=p.chair_title,
            standing_agenda=dump_list(list(p.standing_agenda)),
            house_style=p.style.to_json(),
        )
        self.s.add(row)
        self.s.flush()
        self.panel_id = _id(row.id)
        self.panel_is_new = True

    def people_and_members(self) -> None:
        existing: dict[tuple[str, ...], int] = {}
        for row in self.s.exec(select(t.Person).order_by(col(t.Person.id))).all():
            existing.setdefault(_key(row.title, row.name), _id(row.id))
        for person in self.b.people:
            match = existing.get(_key(person.title, person.name))
            if match is None:
                row = t.Person(
                    title=person.title, name=person.name, role=person.role,
                    organisation=person.organisation,
                )
                self.s.add(row)
                self.s.flush()
                match = _id(row.id)
            self.people[person.ref] = match
        if not self.panel_is_new:
            return
        for pos, m in enumerate(self.b.memberships):
            self.s.add(t.Membership(
                panel_id=self.panel_id, person_id=self.people[m.person], role=m.role.value,
                represents=m.represents, start_date=m.start_date, end_date=m.end_date,
                position=pos,
            ))

    def person(self, ref: str | None) -> int | None:
        return self.people[ref] if ref is not None else None

    # --- the other meetings the bundle refers to ----------------------------------------------------

    def _create_record_meeting(self, other: BOtherMeeting) -> int:
        row = t.Meeting(
            panel_id=self.panel_id, held_on=other.held_on, start_time="",
            status=other.status.value,
        )
        self.s.add(row)
        self.s.flush()
        return _id(row.id)

    def home_meeting(self, ref: str) -> int:
        """A record-only meeting on the referred meeting's date, to hold carried actions.

        Record-only: no attendance and no minute entries, so no minutes taken there change.
        """
        if ref in self.meetings:
            return self.meetings[ref]
        other = self.others[ref]
        attended = select(t.Attendance.meeting_id)
        minuted = select(t.AgendaItem.meeting_id).join(
            t.Entry, col(t.Entry.item_id) == col(t.AgendaItem.id)
        )
        row = self.s.exec(
            select(t.Meeting)
            .where(col(t.Meeting.panel_id) == self.panel_id)
            .where(col(t.Meeting.held_on) == other.held_on)
            .where(col(t.Meeting.id).not_in(attended))
            .where(col(t.Meeting.id).not_in(minuted))
            .order_by(col(t.Meeting.id))
        ).first()
        found = _id(row.id) if row is not None else self._create_record_meeting(other)
        self.meetings[ref] = found
        return found

    def origin_item(self, meeting_ref: str, item_ref: str) -> int:
        """The item of a record-only meeting a carried action was raised under (by title)."""
        if item_ref in self.items:
            return self.items[item_ref]
        meeting_id = self.home_meeting(meeting_ref)
        origin = next(i for i in self.others[meeting_ref].items if i.ref == item_ref)
        rows = self.s.exec(
            select(t.AgendaItem)
            .where(col(t.AgendaItem.meeting_id) == meeting_id)
            .order_by(col(t.AgendaItem.position), col(t.AgendaItem.id))
        ).all()
        match = next(
            (r for r in rows if _key(r.title) == _key(origin.title) and r.exempt == origin.exempt),
            None,
        )
        if match is None:
            match = t.AgendaItem(
                meeting_id=meeting_id, position=len(rows), title=origin.title,
                public_title=origin.public_title, exempt=origin.exempt,
                exempt_basis=origin.exempt_basis,
            )
            self.s.add(match)
            self.s.flush()
        self.items[item_ref] = _id(match.id)
        return self.items[item_ref]

    def any_meeting(self, ref: str) -> int:
        """Any meeting of the panel held on the referred meeting's date (else a record-only one)."""
        if ref in self.meetings:
            return self.meetings[ref]
        other = self.others[ref]
        row = self.s.exec(
            select(t.Meeting)
            .where(col(t.Meeting.panel_id) == self.panel_id)
            .where(col(t.Meeting.held_on) == other.held_on)
            .order_by(col(t.Meeting.id))
        ).first()
        found = _id(row.id) if row is not None else self._create_record_meeting(other)
        self.meetings[ref] = found
        return found

    # --- actions -------------------------------------------------------------------------------------

    def load_refs(self) -> None:
        self.used_refs = {
            int(r)
            for r in self.s.exec(
                select(t.Action.ref_no).where(col(t.Action.panel_id) == self.panel_id)
            ).all()
        }

    def ref_no(self, wanted: int) -> int:
        ref = wanted if wanted not in self.used_refs else max(self.used_refs) + 1
        self.used_refs.add(ref)
        return ref

    def existing_action(self, a: BAction) -> int | None:
        row = self.s.exec(
            select(t.Action)
            .where(col(t.Action.panel_id) == self.panel_id)
            .where(col(t.Action.ref_no) == a.ref_no)
            .order_by(col(t.Action.id))
        ).first()
        if row is not None and _key(row.text) == _key(a.text):
            return _id(row.id)
        return None

    def new_action(self, a: BAction, meeting_id: int, item_id: int | None, pos: int) -> int:
        row = t.Action(
            panel_id=self.panel_id, meeting_id=meeting_id, item_id=item_id,
            ref_no=self.ref_no(a.ref_no), text=a.text, owner_id=self.person(a.owner),
            owner_text=a.owner_text, due_date=a.due_date, due_text=a.due_text,
            more_owners=owners_json([(self.person(ref), text) for ref, text in a.more_owners]),
            status=a.status.value,
            completion_note=a.completion_note, closed_on=a.closed_on, position=pos,
        )
        self.s.add(row)
        self.s.flush()
        return _id(row.id)

    # --- the meeting ---------------------------------------------------------------------------------

    def write(self) -> int:
        b = self.b
        self.panel()
        self.people_and_members()
        self.load_refs()

        # Carried actions first: matched, or created on a record-only meeting of their date.
        carried: list[tuple[BAction, int]] = []
        homes: dict[int, int] = {}
        for a in b.earlier_actions:
            found = self.existing_action(a)
            if found is None:
                assert a.raised_at is not None
                home = self.home_meeting(a.raised_at)
                item_id = self.origin_item(a.raised_at, a.item) if a.item is not None else None
                found = self.new_action(a, home, item_id, homes.get(home, 0))
                homes[home] = homes.get(home, 0) + 1
            carried.append((a, found))
        # Other referred meetings exist before this one is created, so a same-day previous
        # meeting keeps its place before it.
        for ref in (b.previous_meeting, b.meeting.approved_at_meeting,
                    *(am.recorded_at_meeting for am in b.amendments)):
            if ref is not None and ref != b.meeting.ref:
                self.any_meeting(ref)

        m = b.meeting
        meeting = t.Meeting(
            panel_id=self.panel_id, held_on=m.held_on, start_time=m.start_time,
            end_time=m.end_time, venue=m.venue, status=m.status.value, approved_at=m.approved_at,
            kind=m.kind.value,
            approved_at_meeting_id=(
                self.meetings[m.approved_at_meeting] if m.approved_at_meeting else None
            ),
            public_count=m.public_count,
        )
        self.s.add(meeting)
        self.s.flush()
        meeting_id = _id(meeting.id)
        self.meetings[m.ref] = meeting_id

        item_rows: list[t.AgendaItem] = []
        for pos, item in enumerate(b.items):
            row = t.AgendaItem(
                meeting_id=meeting_id, position=pos, taken_position=item.taken_position,
                number_label=item.number_label, title=item.title,
                public_title=item.public_title, presenter=item.presenter, kind=item.kind.value,
                exempt=item.exempt, exempt_basis=item.exempt_basis,
                documents=dump_list(list(item.documents)), started_at=item.started_at,
                finished_at=item.finished_at, resumed=dump_resumed(item.resumed),
                level=item.level, public_summary=item.public_summary,
            )
            self.s.add(row)
            item_rows.append(row)
        self.s.flush()
        for item, row in zip(b.items, item_rows, strict=True):
            self.items[item.ref] = _id(row.id)
        self.write_entries(item_rows)

        for pos, att in enumerate(b.attendance):
            self.s.add(t.Attendance(
                meeting_id=meeting_id, person_id=self.people[att.person], status=att.status.value,
                substitute_for_id=self.person(att.substitute_for), capacity=att.capacity,
                arrived_at=att.arrived_at, left_at=att.left_at, position=pos, note=att.note,
            ))
        for pos, d in enumerate(b.declarations):
            self.s.add(t.Declaration(
                meeting_id=meeting_id, person_id=self.people[d.person],
                item_id=self.items[d.item] if d.item is not None else None, text=d.text,
                position=pos, more_people=dump_ids(self.people[p] for p in d.more_people),
                more_items=dump_ids(self.items[i] for i in d.more_items),
            ))
        for pos, a in enumerate(b.actions):
            own = self.new_action(a, meeting_id, self.items[a.item] if a.item else None, pos)
            carried.append((a, own))  # its progress minuted here, as for carried actions
        for a, action_id in carried:
            for u in a.updates:
                self.s.add(t.ActionUpdate(
                    action_id=action_id, meeting_id=meeting_id, note=u.note,
                    status=u.status.value, created_at=u.created_at,
                ))
        for am in b.amendments:
            self.s.add(t.Amendment(
                meeting_id=meeting_id, kind=am.kind, text=am.text, recorded_at=am.recorded_at,
                recorded_at_meeting_id=(
                    self.meetings[am.recorded_at_meeting] if am.recorded_at_meeting else None
                ),
            ))
        self.s.flush()
        self.keep_running_numbers(meeting, item_rows)
        return meeting_id

    def write_entries(self, item_rows: list[t.AgendaItem]) -> int:
        """Every item's entries, as ``executemany`` batches of ``batches.WRITE_BATCH`` rows.

        Never an ORM object per entry: a 100,000-entry bundle would build 100,000 of them (and
        their identity-map state) in memory. The rows are plain tuples handed to the driver in
        this session's transaction; the timestamp is converted once, as the column type does.
        Returns how many batches were written."""
        table = _table(t.Entry)
        conn = self.s.connection()
        stamp = table.c.created_at.type.bind_processor(conn.dialect)
        now: object = t.utcnow()
        if stamp is not None:
            now = stamp(now)
        if conn.dialect.driver == "pysqlite":
            # What the sqlite3 module would do to the timestamp on each of the rows (its
            # registered adapter, a Python call per value), done once.
            adapt = sqlite3.adapters.get((type(now), sqlite3.PrepareProtocol))
            if adapt is not None:
                now = adapt(now)
        # The driver's own placeholder: SQLite's "?", psycopg's "%s".
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        statement = (
            f"INSERT INTO entry ({', '.join(_ENTRY_INSERT)}) "
            f"VALUES ({', '.join([mark] * len(_ENTRY_INSERT))})"
        )
        batch: list[tuple[object, ...]] = []
        written = 0
        for item, row in zip(self.b.items, item_rows, strict=True):
            item_id = _id(row.id)
            for pos, e in enumerate(item.entries):
                batch.append((
                    item_id, pos, e.kind.value, e.text, self.person(e.asker), e.asker_text,
                    self.person(e.respondent), e.respondent_text, e.answer, e.proposer,
                    e.seconder, e.vote_for, e.vote_against, e.vote_abstain, e.outcome.value,
                    e.casting_vote, e.at_time, now, now, e.vote_note,
                    pairs_json((_id(self.person(ref)), choice) for ref, choice in e.recorded_vote),
                ))
                if len(batch) >= batches.WRITE_BATCH:
                    conn.exec_driver_sql(statement, batch)
                    written += 1
                    batch = []
        if batch:
            conn.exec_driver_sql(statement, batch)
            written += 1
        return written

    def keep_running_numbers(self, meeting: t.Meeting, item_rows: list[t.AgendaItem]) -> None:
        """Running numbering: published minute references must not change on import.

        When the target panel's earlier meetings this year hold a different number of items than
        the source's did, each item without a label gets its original reference as its label.
        """
        panel = self.s.get(t.Panel, self.panel_id)
        if panel is None or panel.numbering != Numbering.RUNNING.value:
            return
        if self.b.panel.numbering is not Numbering.RUNNING:
            return
        offset = DocumentMixin._running_offset(self.s, meeting)
        if offset == self.b.year_offset:
            return
        year, first_day, last_day = DocumentMixin._numbering_year(self.s, meeting)
        if self.alone_in_its_year(meeting, first_day, last_day):
            # The year's first meeting here: the panel keeps the year's first number, so these
            # items and the meetings after them number on as the source did.
            set_running_start(self.s, self.panel_id, year, self.b.year_offset + 1)
            return
        index = 0
        for row in item_rows:
            if row.level:  # a sub-item is numbered from its item
                continue
            if not row.number_label.strip():
                row.number_label = f"{self.b.year_offset + index + 1}/{year % 100:02d}"
                self.s.add(row)
            index += 1
        self.s.flush()

    def alone_in_its_year(self, meeting: t.Meeting, first_day: date, last_day: date) -> bool:
        """Whether the panel has no other meeting in the imported meeting's numbering year."""
        others = self.s.exec(
            select(func.count()).select_from(t.Meeting)
            .where(col(t.Meeting.panel_id) == self.panel_id)
            .where(col(t.Meeting.id) != meeting.id)
            .where(col(t.Meeting.held_on) >= first_day)
            .where(col(t.Meeting.held_on) <= last_day)
        ).one()
        return int(others) == 0


def import_bundle(store: Store, data: dict[str, Any] | str | bytes) -> int:
    """Validate ``data`` completely, then write it in one transaction; return the new meeting id.

    Refused bundles raise ``BundleError`` and write nothing. See ``docs/bundle-format.md`` for
    how an existing panel and existing people are reused.
    """
    return write_bundle(store, parse_bundle(data))


def write_bundle(store: Store, bundle: Bundle) -> int:
    """Write a validated bundle as a new meeting in ONE transaction; return its id."""
    with store._session() as s:
        return _Writer(s, bundle).write()


def count_rows(store: Store) -> dict[str, int]:
    """Rows per table: lets callers (and tests) show that a refused import wrote nothing."""
    from sqlmodel import SQLModel

    out: dict[str, int] = {}
    with store._session() as s:
        for name, table in sorted(SQLModel.metadata.tables.items()):
            out[name] = int(s.exec(select(func.count()).select_from(table)).one())
    return out
