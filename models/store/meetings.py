"""Meetings, attendance, declarations and agenda items."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Unpack

from sqlmodel import Session, col, func, select, update

from panel_minutes.models import tables as t
from panel_minutes.models.domain import (
    MEMBER_CYCLE,
    AttendanceData,
    AttendanceStatus,
    DeclarationData,
    ItemData,
    ItemKind,
    MeetingData,
    MeetingKind,
    MeetingStatus,
    MeetingSummary,
    MemberRole,
    PersonData,
)
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.parsing import parse_time
from panel_minutes.models.patches import (
    AttendancePatch,
    DeclarationPatch,
    ItemPatch,
    MeetingPatch,
    keys,
)
from panel_minutes.models.public_count import check_public_count
from panel_minutes.models.store.base import (
    StoreBase,
    apply_fields,
    attendance_data,
    declaration_data,
    dump_ids,
    dump_list,
    held_before,
    item_data,
    load_ids,
    load_list,
    meeting_data,
    meeting_style,
    person_data,
    require_text,
)
from panel_minutes.models.store.filing import take_item
from panel_minutes.models.store.sitting import (
    check_attendance_times,
    check_end_time,
    check_item_times,
    check_movements_within,
)

ITEM_FIELDS = keys(ItemPatch)
ATTENDANCE_FIELDS = keys(AttendancePatch)

# Standing items recognised by title, so that a pasted or standing agenda gets the right behaviour.
# When several hints match, the most specific (longest) one wins, then the one nearest the start:
# "Matters arising from the minutes of the last meeting" is the action log, while "Minutes of the
# previous meeting and matters arising" is the previous minutes.
_KIND_HINTS: tuple[tuple[str, ItemKind], ...] = (
    ("apologies", ItemKind.APOLOGIES),
    ("declaration", ItemKind.DECLARATIONS),
    ("minutes of the", ItemKind.PREVIOUS_MINUTES),
    ("minutes of the previous meeting", ItemKind.PREVIOUS_MINUTES),
    ("minutes of the last meeting", ItemKind.PREVIOUS_MINUTES),
    ("action log", ItemKind.ACTION_LOG),
    ("matters arising", ItemKind.ACTION_LOG),
    ("matters arising from the minutes", ItemKind.ACTION_LOG),
    ("work programme", ItemKind.WORK_PROGRAMME),
)


def guess_item_kind(title: str) -> ItemKind:
    """What a title is recognised as: the longest matching hint wins, then the earliest."""
    lowered = " ".join(title.lower().split())
    matches = [
        (-len(hint), lowered.index(hint), kind) for hint, kind in _KIND_HINTS if hint in lowered
    ]
    return min(matches, key=lambda m: (m[0], m[1]))[2] if matches else ItemKind.STANDARD


class MeetingsMixin(StoreBase):
    # --- meetings --------------------------------------------------------------------------------

    def create_meeting(
        self,
        panel_id: int,
        held_on: date,
        *,
        start_time: str = "10:00",
        venue: str | None = None,
        standing_agenda: bool = True,
        prefill_attendance: bool = True,
        kind: MeetingKind | str = MeetingKind.NONE,
    ) -> MeetingData:
        start = parse_time(start_time, "start time") or "10:00"
        kind = checked_kind(kind)
        with self._session() as s:
            panel = self._get(s, t.Panel, panel_id, "panel")
            row = t.Meeting(
                panel_id=panel_id,
                held_on=held_on,
                start_time=start,
                venue=(venue if venue is not None else panel.default_venue).strip(),
                kind=kind.value,
            )
            s.add(row)
            s.flush()
            assert row.id is not None
            if standing_agenda:
                for pos, title in enumerate(load_list(panel.standing_agenda)):
                    s.add(
                        t.AgendaItem(
                            meeting_id=row.id, position=pos, title=title,
                            kind=guess_item_kind(title).value,
                        )
                    )
            if prefill_attendance:
                self._prefill(s, row)
            return meeting_data(row)

    @staticmethod
    def _prefill(s: Session, meeting: t.Meeting) -> None:
        members = s.exec(
            select(t.Membership)
            .where(col(t.Membership.panel_id) == meeting.panel_id)
            .order_by(col(t.Membership.position), col(t.Membership.id))
        ).all()
        present = {
            a.person_id
            for a in s.exec(
                select(t.Attendance).where(col(t.Attendance.meeting_id) == meeting.id)
            ).all()
        }
        pos = len(present)
        for m in members:
            if m.person_id in present:
                continue
            if m.start_date and meeting.held_on < m.start_date:
                continue
            if m.end_date and meeting.held_on > m.end_date:
                continue
            capacity = {"chair": "Chair", "vice_chair": "Vice-Chair"}.get(m.role, "")
            assert meeting.id is not None
            s.add(
                t.Attendance(
                    meeting_id=meeting.id, person_id=m.person_id, status="present",
                    capacity=capacity, position=pos,
                )
            )
            present.add(m.person_id)  # two overlapping seats still give one attendance line
            pos += 1

    def prefill_attendance(self, meeting_id: int) -> list[AttendanceData]:
        """Add the panel's members on the meeting's date who are not listed yet."""
        with self._session() as s:
            self._prefill(s, self._editable_meeting(s, meeting_id))
        return self.list_attendance(meeting_id)

    def update_meeting(self, meeting_id: int, **patch: Unpack[MeetingPatch]) -> MeetingData:
        fields: dict[str, Any] = dict(patch)
        allowed = keys(MeetingPatch)
        if "public_count" in fields:
            fields["public_count"] = check_public_count(fields["public_count"])
        for key in ("start_time", "end_time"):
            if key in fields:
                fields[key] = parse_time(str(fields[key]), key.replace("_", " "))
        if "kind" in fields:
            fields["kind"] = checked_kind(fields["kind"]).value
        with self._session() as s:
            row = self._editable_meeting(s, meeting_id)
            apply_fields(row, fields, allowed)
            if row.end_time and {"start_time", "end_time"} & fields.keys():
                check_end_time(s, row)
            if {"start_time", "end_time"} & fields.keys():
                check_movements_within(s, row)
            row.updated_at = t.utcnow()
            s.add(row)
            s.flush()
            return meeting_data(row)

    def get_meeting(self, meeting_id: int) -> MeetingData:
        with self._session() as s:
            return meeting_data(self._get(s, t.Meeting, meeting_id, "meeting"))

    def list_meetings(self, panel_id: int | None = None) -> list[MeetingSummary]:
        """Every meeting, newest first, with its panel's name and item count (one query)."""
        counts = (
            select(t.AgendaItem.meeting_id, func.count().label("n"))
            .group_by(col(t.AgendaItem.meeting_id))
            .subquery()
        )
        stmt = (
            select(t.Meeting, t.Panel.name, counts.c.n)
            .join(t.Panel, col(t.Panel.id) == col(t.Meeting.panel_id))
            .outerjoin(counts, counts.c.meeting_id == col(t.Meeting.id))
            .order_by(col(t.Meeting.held_on).desc(), col(t.Meeting.id).desc())
        )
        if panel_id is not None:
            stmt = stmt.where(col(t.Meeting.panel_id) == panel_id)
        with self._session() as s:
            out = []
            for m, panel_name, n in s.exec(stmt).all():
                assert m.id is not None
                out.append(
                    MeetingSummary(
                        id=m.id, panel_id=m.panel_id, panel_name=panel_name, held_on=m.held_on,
                        start_time=m.start_time, venue=m.venue, status=MeetingStatus(m.status),
                        item_count=int(n or 0),
                    )
                )
            return out

    def delete_meeting(self, meeting_id: int) -> None:
        with self._session() as s:
            s.delete(self._editable_meeting(s, meeting_id))  # approved minutes are a record

    def previous_meeting(self, meeting_id: int) -> MeetingData | None:
        """The panel's meeting held before this one, if any."""
        with self._session() as s:
            m = self._get(s, t.Meeting, meeting_id, "meeting")
            row = s.exec(
                select(t.Meeting)
                .where(held_before(m))
                .order_by(col(t.Meeting.held_on).desc(), col(t.Meeting.id).desc())
                .limit(1)
            ).first()
            return meeting_data(row) if row else None

    def copy_agenda(
        self, from_meeting_id: int, to_meeting_id: int, *, with_exempt: bool = True
    ) -> list[ItemData]:
        """Append the items (titles, kinds, exempt flags, documents) of one meeting to another.

        ``with_exempt=False`` leaves out the exempt (Part 2) items, whose titles and document
        titles are confidential and usually belong to that meeting alone."""
        with self._session() as s:
            self._get(s, t.Meeting, from_meeting_id, "meeting")
            self._editable_meeting(s, to_meeting_id)
            query = select(t.AgendaItem).where(col(t.AgendaItem.meeting_id) == from_meeting_id)
            if not with_exempt:
                query = query.where(col(t.AgendaItem.exempt).is_(False))
            source = s.exec(query.order_by(col(t.AgendaItem.position))).all()
            start = self._item_count(s, to_meeting_id)
            for offset, item in enumerate(source):
                s.add(
                    t.AgendaItem(
                        meeting_id=to_meeting_id, position=start + offset, title=item.title,
                        public_title=item.public_title, presenter=item.presenter, kind=item.kind,
                        exempt=item.exempt, exempt_basis=item.exempt_basis,
                        documents=item.documents,
                    )
                )
        return self.list_items(to_meeting_id)

    def duplicate_meeting(self, meeting_id: int, held_on: date, *, with_exempt: bool
                          ) -> MeetingData:
        """A new draft meeting of the same panel on ``held_on`` with this meeting's agenda.

        ``with_exempt`` has no default: whether the exempt (Part 2) items, with their
        confidential titles and documents, go into the copy is the caller's decision (the
        meetings screen asks the clerk)."""
        source = self.get_meeting(meeting_id)
        new = self.create_meeting(
            source.panel_id, held_on, start_time=source.start_time, venue=source.venue,
            standing_agenda=False,
        )
        self.copy_agenda(meeting_id, new.id, with_exempt=with_exempt)
        return new

    # --- attendance ------------------------------------------------------------------------------

    def _people(self, s: Session, ids: set[int]) -> dict[int, PersonData]:
        if not ids:
            return {}
        rows = s.exec(select(t.Person).where(col(t.Person.id).in_(ids))).all()
        return {r.id: person_data(r) for r in rows if r.id is not None}

    def list_attendance(self, meeting_id: int) -> list[AttendanceData]:
        with self._session() as s:
            rows = s.exec(
                select(t.Attendance)
                .where(col(t.Attendance.meeting_id) == meeting_id)
                .order_by(col(t.Attendance.position), col(t.Attendance.id))
            ).all()
            ids = {r.person_id for r in rows} | {
                r.substitute_for_id for r in rows if r.substitute_for_id
            }
            people = self._people(s, ids)
            return [attendance_data(r, people) for r in rows]

    def set_attendance(
        self,
        meeting_id: int,
        person_id: int,
        status: AttendanceStatus = AttendanceStatus.PRESENT,
        *,
        substitute_for_id: int | None = None,
        capacity: str = "",
    ) -> AttendanceData:
        """Add a person to the meeting's attendance, or change their record if listed."""
        status = AttendanceStatus(status)
        if status is AttendanceStatus.SUBSTITUTE and substitute_for_id is None:
            raise ValidationError("Say whom the substitute is standing in for.")
        with self._session() as s:
            self._editable_meeting(s, meeting_id)
            self._get(s, t.Person, person_id, "person")
            row = s.exec(
                select(t.Attendance)
                .where(col(t.Attendance.meeting_id) == meeting_id)
                .where(col(t.Attendance.person_id) == person_id)
            ).first()
            if row is None:
                count = s.exec(
                    select(func.count()).select_from(t.Attendance).where(
                        col(t.Attendance.meeting_id) == meeting_id
                    )
                ).one()
                row = t.Attendance(meeting_id=meeting_id, person_id=person_id, position=int(count))
            row.status = status.value
            row.substitute_for_id = substitute_for_id
            if capacity:
                row.capacity = capacity.strip()
            s.add(row)
            s.flush()
            ids = {person_id} | ({substitute_for_id} if substitute_for_id else set())
            return attendance_data(row, self._people(s, ids))

    def update_attendance(self, attendance_id: int, **patch: Unpack[AttendancePatch]) -> AttendanceData:
        fields: dict[str, Any] = dict(patch)
        if "status" in fields:
            fields["status"] = AttendanceStatus(fields["status"]).value
        for key in ("arrived_at", "left_at"):
            if key in fields:
                fields[key] = parse_time(str(fields[key]), key.replace("_", " "))
        if "note" in fields:
            fields["note"] = " ".join(str(fields["note"]).split())
        with self._session() as s:
            row = self._get(s, t.Attendance, attendance_id, "attendance record")
            meeting = self._editable_meeting(s, row.meeting_id)
            apply_fields(row, fields, ATTENDANCE_FIELDS)
            check_attendance_times(meeting, row, fields)
            s.add(row)
            s.flush()
            ids = {row.person_id} | ({row.substitute_for_id} if row.substitute_for_id else set())
            return attendance_data(row, self._people(s, ids))

    def cycle_attendance(self, attendance_id: int) -> AttendanceData:
        """present → apologies → absent → present (others start again at present)."""
        with self._session() as s:
            row = self._get(s, t.Attendance, attendance_id, "attendance record")
            current = AttendanceStatus(row.status)
        if current in MEMBER_CYCLE:
            nxt = MEMBER_CYCLE[(MEMBER_CYCLE.index(current) + 1) % len(MEMBER_CYCLE)]
        else:
            nxt = AttendanceStatus.PRESENT
        fields: AttendancePatch = {"status": nxt}
        if nxt is not AttendanceStatus.SUBSTITUTE:
            fields["substitute_for_id"] = None
        return self.update_attendance(attendance_id, **fields)

    def remove_attendance(self, attendance_id: int) -> None:
        with self._session() as s:
            row = self._get(s, t.Attendance, attendance_id, "attendance record")
            self._editable_meeting(s, row.meeting_id)
            s.delete(row)

    # --- declarations ----------------------------------------------------------------------------

    def add_declaration(
        self, meeting_id: int, person_id: int, text: str, item_id: int | None = None, *,
        more_person_ids: Sequence[int] = (), more_item_ids: Sequence[int] = (),
    ) -> DeclarationData:
        """One declaration, minuted once: made by ``person_id`` (and ``more_person_ids``) on
        ``item_id`` (and ``more_item_ids``; no item: the whole meeting)."""
        body = require_text(text, "declaration")
        with self._session() as s:
            self._editable_meeting(s, meeting_id)
            self._get(s, t.Person, person_id, "person")
            row = t.Declaration(
                meeting_id=meeting_id, person_id=person_id, item_id=item_id, text=body,
                position=int(s.exec(
                    select(func.count()).select_from(t.Declaration).where(
                        col(t.Declaration.meeting_id) == meeting_id
                    )
                ).one()),
            )
            self._link_declaration(s, row, more_person_ids, more_item_ids)
            s.add(row)
            s.flush()
            return declaration_data(row, self._people(s, _declaration_people(row)))

    def _link_declaration(
        self, s: Session, row: t.Declaration, more_people: Sequence[int],
        more_items: Sequence[int],
    ) -> None:
        """Check and set the declaration's members and items after its first ones."""
        for person_id in more_people:
            self._get(s, t.Person, person_id, "person")
        items = [i for i in (row.item_id, *more_items) if i is not None]
        for item_id in items:
            item = self._get(s, t.AgendaItem, item_id, "agenda item")
            if item.meeting_id != row.meeting_id:
                raise ValidationError("The item belongs to another meeting.")
        if row.item_id is None and more_items:
            raise ValidationError("Name the declaration's first item before the others.")
        row.more_people = dump_ids(p for p in more_people if p != row.person_id)
        _exempt_first(s, row, list(dict.fromkeys(items)))

    def update_declaration(
        self, declaration_id: int, **patch: Unpack[DeclarationPatch]
    ) -> DeclarationData:
        with self._session() as s:
            row = self._get(s, t.Declaration, declaration_id, "declaration")
            self._editable_meeting(s, row.meeting_id)
            if "text" in patch:
                row.text = require_text(patch["text"], "declaration")
            if "item_id" in patch:
                row.item_id = patch["item_id"]
            if {"item_id", "more_people", "more_items"} & patch.keys():
                self._link_declaration(
                    s, row,
                    list(patch.get("more_people", load_ids(row.more_people))),
                    list(patch.get("more_items", load_ids(row.more_items))),
                )
            s.add(row)
            s.flush()
            return declaration_data(row, self._people(s, _declaration_people(row)))

    def delete_declaration(self, declaration_id: int) -> None:
        with self._session() as s:
            row = self._get(s, t.Declaration, declaration_id, "declaration")
            self._editable_meeting(s, row.meeting_id)
            s.delete(row)

    def list_declarations(self, meeting_id: int) -> list[DeclarationData]:
        with self._session() as s:
            rows = s.exec(
                select(t.Declaration)
                .where(col(t.Declaration.meeting_id) == meeting_id)
                .order_by(col(t.Declaration.position), col(t.Declaration.id))
            ).all()
            people = self._people(s, {p for r in rows for p in _declaration_people(r)})
            return [declaration_data(r, people) for r in rows]

    # --- agenda items ----------------------------------------------------------------------------

    @staticmethod
    def _item_count(s: Session, meeting_id: int) -> int:
        return int(
            s.exec(
                select(func.count()).select_from(t.AgendaItem).where(
                    col(t.AgendaItem.meeting_id) == meeting_id
                )
            ).one()
        )

    def add_item(
        self,
        meeting_id: int,
        title: str,
        *,
        position: int | None = None,
        kind: ItemKind | None = None,
        exempt: bool = False,
        exempt_basis: str = "",
        public_title: str = "",
        presenter: str = "",
        documents: tuple[str, ...] | list[str] = (),
        level: int = 0,
        public_summary: str = "",
    ) -> ItemData:
        clean = require_text(title, "item title")
        with self._session() as s:
            self._editable_meeting(s, meeting_id)
            if exempt and not exempt_basis.strip():
                exempt_basis = meeting_style(s, meeting_id).default_exempt_basis
            count = self._item_count(s, meeting_id)
            pos = count if position is None else max(0, min(position, count))
            if pos < count:
                s.exec(
                    update(t.AgendaItem)
                    .where(col(t.AgendaItem.meeting_id) == meeting_id)
                    .where(col(t.AgendaItem.position) >= pos)
                    .values(position=col(t.AgendaItem.position) + 1)
                )
            row = t.AgendaItem(
                meeting_id=meeting_id, position=pos, title=clean,
                kind=(kind or guess_item_kind(clean)).value, exempt=exempt,
                exempt_basis=exempt_basis.strip(), public_title=public_title.strip(),
                presenter=presenter.strip(), documents=dump_list(list(documents)),
                level=1 if level else 0, public_summary=public_summary.strip(),
            )
            s.add(row)
            s.flush()
            return item_data(row)

    def add_items(self, meeting_id: int, titles: str | list[str]) -> list[ItemData]:
        """Create one item per non-empty line (a pasted agenda), after the existing items."""
        lines = titles.splitlines() if isinstance(titles, str) else titles
        cleaned = [line.strip().lstrip("-*•").strip() for line in lines]
        cleaned = [_strip_number(line) for line in cleaned if line]
        if not cleaned:
            raise ValidationError("Paste at least one item title, one per line.")
        with self._session() as s:
            self._editable_meeting(s, meeting_id)
            start = self._item_count(s, meeting_id)
            rows = [
                t.AgendaItem(
                    meeting_id=meeting_id, position=start + i, title=title,
                    kind=guess_item_kind(title).value,
                )
                for i, title in enumerate(cleaned)
            ]
            s.add_all(rows)
            s.flush()
            return [item_data(r) for r in rows]

    def update_item(self, item_id: int, **patch: Unpack[ItemPatch]) -> ItemData:
        fields: dict[str, Any] = dict(patch)
        if "title" in fields:
            fields["title"] = require_text(str(fields["title"]), "item title")
        if "kind" in fields:
            fields["kind"] = ItemKind(fields["kind"]).value
        if "documents" in fields:
            fields["documents"] = dump_list(list(fields["documents"]))
        if "public_summary" in fields:
            fields["public_summary"] = str(fields["public_summary"]).strip()
        for key in ("started_at", "finished_at"):
            if key in fields:
                fields[key] = parse_time(str(fields[key]), key.replace("_", " "))
        with self._session() as s:
            row, _ = self._item_meeting(s, item_id)
            apply_fields(row, fields, ITEM_FIELDS)
            if {"started_at", "finished_at"} & fields.keys():
                check_item_times(s, row)
            if row.exempt and not row.exempt_basis.strip():
                row.exempt_basis = meeting_style(s, row.meeting_id).default_exempt_basis
            if fields.get("exempt"):
                relink_declarations(s, row)
            s.add(row)
            s.flush()
            return item_data(row)

    def set_item_level(self, item_id: int, level: int) -> ItemData:
        """Make an item a sub-item of the item above it (``level`` 1: "4a", "4.1", "64/17c") or
        an item again (0). The agenda's first item has nothing above it: refused."""
        if level not in (0, 1):
            raise ValidationError("An agenda item is an item (level 0) or a sub-item (level 1).")
        with self._session() as s:
            row, _ = self._item_meeting(s, item_id)
            if level:
                above = s.exec(
                    select(func.count()).select_from(t.AgendaItem)
                    .where(col(t.AgendaItem.meeting_id) == row.meeting_id)
                    .where(col(t.AgendaItem.position) < row.position)
                ).one()
                if not above:
                    raise ValidationError(
                        "The first item cannot be a sub-item: there is no item above it."
                    )
            row.level = level
            s.add(row)
            s.flush()
            return item_data(row)

    def get_item(self, item_id: int) -> ItemData:
        with self._session() as s:
            return item_data(self._get(s, t.AgendaItem, item_id, "agenda item"))

    def list_items(self, meeting_id: int) -> list[ItemData]:
        with self._session() as s:
            rows = s.exec(
                select(t.AgendaItem)
                .where(col(t.AgendaItem.meeting_id) == meeting_id)
                .order_by(col(t.AgendaItem.position), col(t.AgendaItem.id))
            ).all()
            return [item_data(r) for r in rows]

    def move_item(self, item_id: int, delta: int) -> ItemData:
        """Move an item up (negative) or down the agenda; its neighbours shift."""
        with self._session() as s:
            row, _ = self._item_meeting(s, item_id)
            items = list(
                s.exec(
                    select(t.AgendaItem)
                    .where(col(t.AgendaItem.meeting_id) == row.meeting_id)
                    .order_by(col(t.AgendaItem.position), col(t.AgendaItem.id))
                ).all()
            )
            index = next(i for i, it in enumerate(items) if it.id == item_id)
            target = max(0, min(len(items) - 1, index + delta))
            items.insert(target, items.pop(index))
            for pos, it in enumerate(items):
                if it.position != pos:
                    it.position = pos
                    s.add(it)
            s.flush()
            return item_data(row)

    def mark_item_taken(self, item_id: int) -> ItemData:
        """Record that this item is being taken now (the next in the order actually taken)."""
        with self._session() as s:
            row, _ = self._item_meeting(s, item_id)
            take_item(s, row)
            return item_data(row)


def _strip_number(line: str) -> str:
    """"3. Minutes of the meeting" → "Minutes of the meeting"; "3)" and "3 " too.

    A bare number of four digits or more is part of the title ("2026 budget consultation").
    """
    head, sep, rest = line.partition(" ")
    number = head.rstrip(".):")
    if sep and number.isdigit() and rest.strip() and (number != head or len(number) <= 3):
        return rest.strip()
    return line


def member_capacity(role: MemberRole) -> str:
    return {MemberRole.CHAIR: "Chair", MemberRole.VICE_CHAIR: "Vice-Chair"}.get(role, "")


def checked_kind(value: MeetingKind | str) -> MeetingKind:
    """A kind of meeting ("Extraordinary", any case) or one clear line naming the choices."""
    if isinstance(value, MeetingKind):
        return value
    for kind in MeetingKind:
        if kind.value.lower() == str(value).strip().lower():
            return kind
    choices = ", ".join(k.value for k in MeetingKind if k.value)
    raise ValidationError(f"The kind of meeting is one of {choices}, or none.")


def _exempt_first(s: Session, row: t.Declaration, items: list[int]) -> None:
    """Set the declaration's items, an exempt one first: the first item is the one search and
    the deleted-items list go by, so a declaration naming an exempt (Part 2) item is treated as
    confidential everywhere (the minutes list its items in agenda order whatever this order)."""
    exempt = [i for i in items if (item := s.get(t.AgendaItem, i)) is not None and item.exempt]
    ordered = [*exempt, *(i for i in items if i not in exempt)]
    row.item_id = ordered[0] if ordered else None
    row.more_items = dump_ids(ordered[1:])


def relink_declarations(s: Session, item: t.AgendaItem) -> None:
    """An item was made exempt: declarations naming it among others name it first."""
    for row in s.exec(
        select(t.Declaration).where(col(t.Declaration.meeting_id) == item.meeting_id)
    ).all():
        if item.id in load_ids(row.more_items):
            _exempt_first(s, row, [i for i in (row.item_id, *load_ids(row.more_items)) if i])
            s.add(row)


def _declaration_people(row: t.Declaration) -> set[int]:
    return {row.person_id, *load_ids(row.more_people)}
