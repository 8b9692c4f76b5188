"""Panels, people and standing membership."""

from __future__ import annotations

from datetime import date
from typing import Any, Unpack

from sqlmodel import Session, col, func, select

from panel_minutes.models import tables as t
from panel_minutes.models.domain import (
    MeetingStatus,
    MemberRole,
    MembershipData,
    Numbering,
    PanelData,
    PersonData,
)
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.house_style import DEFAULT as DEFAULT_STYLE
from panel_minutes.models.house_style import HouseStyle
from panel_minutes.models.numbering import numbering_year_span
from panel_minutes.models.patches import MemberPatch, PanelPatch, PersonPatch, columns, keys
from panel_minutes.models.store.base import (
    StoreBase,
    apply_fields,
    dump_list,
    membership_data,
    panel_data,
    person_data,
    require_text,
    stored_style,
)

PANEL_FIELDS = columns(PanelPatch)  # the style is stored as JSON in house_style
PERSON_FIELDS = keys(PersonPatch)
MEMBER_FIELDS = keys(MemberPatch)


def slugify(text: str) -> str:
    out = []
    for ch in text.lower():
        out.append(ch if ch.isascii() and ch.isalnum() else "-")
    slug = "-".join(part for part in "".join(out).split("-") if part)
    return slug or "panel"


def default_short_name(name: str) -> str:
    """"Kent and Medway Police and Crime Panel" → "kent-and-medway-pcp"."""
    slug = slugify(name)
    return slug.replace("police-and-crime-panel", "pcp")


def set_running_start(s: Session, panel_id: int, year: int, first_number: int) -> None:
    """Keep ``first_number`` as the panel's first running minute number of ``year``."""
    row = s.exec(
        select(t.RunningStart)
        .where(col(t.RunningStart.panel_id) == panel_id)
        .where(col(t.RunningStart.year) == year)
    ).first()
    if row is None:
        row = t.RunningStart(panel_id=panel_id, year=year)
    row.first_number = first_number
    s.add(row)
    s.flush()


class PanelsMixin(StoreBase):
    # --- running minute numbers ------------------------------------------------------------------

    def first_minute_number(self, panel_id: int, year: int) -> int:
        """Running numbering: the panel's first minute number of ``year`` (1 unless set); the
        year is the numbering year (``panel_minutes.models.numbering.numbering_year``), named by the year it
        starts in."""
        with self._session() as s:
            first = s.exec(
                select(col(t.RunningStart.first_number))
                .where(col(t.RunningStart.panel_id) == panel_id)
                .where(col(t.RunningStart.year) == year)
            ).first()
            return int(first or 1)

    def set_first_minute_number(self, panel_id: int, year: int, first_number: int) -> None:
        """Keep another first minute number for the panel's ``year`` (a panel that began the year
        in another tool). Refused once minutes of that year are approved: their numbers are part
        of the record."""
        if not 1 <= first_number <= 99_999:
            raise ValidationError(
                "The first minute number of a year is a whole number from 1 to 99999."
            )
        with self._session() as s:
            panel = self._get(s, t.Panel, panel_id, "panel")
            start_month = stored_style(panel.house_style).year_start_month
            first_day, last_day = numbering_year_span(year, start_month)
            approved = s.exec(
                select(col(t.Meeting.held_on))
                .where(col(t.Meeting.panel_id) == panel_id)
                .where(col(t.Meeting.status) == MeetingStatus.APPROVED.value)
                .where(col(t.Meeting.held_on) >= first_day)
                .where(col(t.Meeting.held_on) <= last_day)
                .order_by(col(t.Meeting.held_on))
            ).first()
            if approved is not None:
                raise ValidationError(
                    f"The minutes of the meeting held on {approved.day} {approved:%B %Y} are "
                    f"approved, so the minute numbers of {year} cannot change. Undo that approval "
                    "first, or label the items by hand."
                )
            set_running_start(s, panel_id, year, first_number)

    # --- panels ----------------------------------------------------------------------------------

    def create_panel(
        self,
        name: str,
        *,
        short_name: str = "",
        host_authority: str = "",
        default_venue: str = "",
        numbering: Numbering = Numbering.PER_ITEM,
        chair_title: str = "Chair",
        standing_agenda: tuple[str, ...] | list[str] = (),
        style: HouseStyle = DEFAULT_STYLE,
    ) -> PanelData:
        name = require_text(name, "panel name")
        row = t.Panel(
            name=name,
            short_name=short_name.strip() or default_short_name(name),
            host_authority=host_authority.strip(),
            default_venue=default_venue.strip(),
            numbering=Numbering(numbering).value,
            chair_title=chair_title.strip() or "Chair",
            standing_agenda=dump_list(list(standing_agenda)),
            house_style=style.to_json(),
        )
        with self._session() as s:
            s.add(row)
            s.flush()
            return panel_data(row)

    def update_panel(self, panel_id: int, **patch: Unpack[PanelPatch]) -> PanelData:
        fields: dict[str, Any] = dict(patch)
        if "name" in fields:
            fields["name"] = require_text(str(fields["name"]), "panel name")
        if "numbering" in fields:
            fields["numbering"] = Numbering(fields["numbering"]).value
        if "standing_agenda" in fields:
            fields["standing_agenda"] = dump_list(list(fields["standing_agenda"]))
        if "style" in fields:
            fields["house_style"] = fields.pop("style").to_json()
        with self._session() as s:
            row = self._get(s, t.Panel, panel_id, "panel")
            apply_fields(row, fields, PANEL_FIELDS)
            s.add(row)
            s.flush()
            return panel_data(row)

    def get_panel(self, panel_id: int) -> PanelData:
        with self._session() as s:
            return panel_data(self._get(s, t.Panel, panel_id, "panel"))

    def list_panels(self) -> list[PanelData]:
        with self._session() as s:
            rows = s.exec(select(t.Panel).order_by(col(t.Panel.name))).all()
            return [panel_data(r) for r in rows]

    def delete_panel(self, panel_id: int) -> None:
        with self._session() as s:
            s.delete(self._get(s, t.Panel, panel_id, "panel"))

    # --- people ----------------------------------------------------------------------------------

    def create_person(
        self, name: str, *, title: str = "", role: str = "", organisation: str = ""
    ) -> PersonData:
        row = t.Person(
            name=require_text(name, "person's name"),
            title=title.strip(),
            role=role.strip(),
            organisation=organisation.strip(),
        )
        with self._session() as s:
            s.add(row)
            s.flush()
            return person_data(row)

    def update_person(self, person_id: int, **patch: Unpack[PersonPatch]) -> PersonData:
        fields: dict[str, Any] = dict(patch)
        if "name" in fields:
            fields["name"] = require_text(str(fields["name"]), "person's name")
        with self._session() as s:
            row = self._get(s, t.Person, person_id, "person")
            apply_fields(row, fields, PERSON_FIELDS)
            s.add(row)
            s.flush()
            return person_data(row)

    def get_person(self, person_id: int) -> PersonData:
        with self._session() as s:
            return person_data(self._get(s, t.Person, person_id, "person"))

    def list_people(self) -> list[PersonData]:
        with self._session() as s:
            rows = s.exec(select(t.Person).order_by(col(t.Person.name))).all()
            return [person_data(r) for r in rows]

    # --- membership ------------------------------------------------------------------------------

    def add_member(
        self,
        panel_id: int,
        person_id: int,
        *,
        role: MemberRole = MemberRole.MEMBER,
        represents: str = "",
        start_date: date | None = None,
        end_date: date | None = None,
    ) -> MembershipData:
        if start_date and end_date and end_date < start_date:
            raise ValidationError("A membership cannot end before it starts.")
        with self._session() as s:
            self._get(s, t.Panel, panel_id, "panel")
            person = person_data(self._get(s, t.Person, person_id, "person"))
            count = s.exec(
                select(func.count()).select_from(t.Membership).where(
                    col(t.Membership.panel_id) == panel_id
                )
            ).one()
            row = t.Membership(
                panel_id=panel_id,
                person_id=person_id,
                role=MemberRole(role).value,
                represents=represents.strip(),
                start_date=start_date,
                end_date=end_date,
                position=int(count),
            )
            s.add(row)
            s.flush()
            return membership_data(row, person)

    def update_member(self, membership_id: int, **patch: Unpack[MemberPatch]) -> MembershipData:
        fields: dict[str, Any] = dict(patch)
        if "role" in fields:
            fields["role"] = MemberRole(fields["role"]).value
        with self._session() as s:
            row = self._get(s, t.Membership, membership_id, "membership")
            apply_fields(row, fields, MEMBER_FIELDS)
            if row.start_date and row.end_date and row.end_date < row.start_date:
                raise ValidationError("A membership cannot end before it starts.")
            s.add(row)
            s.flush()
            person = person_data(self._get(s, t.Person, row.person_id, "person"))
            return membership_data(row, person)

    def remove_member(self, membership_id: int) -> None:
        with self._session() as s:
            s.delete(self._get(s, t.Membership, membership_id, "membership"))

    def list_members(self, panel_id: int, on: date | None = None) -> list[MembershipData]:
        """The panel's standing members; with ``on``, only those who sat on that date."""
        with self._session() as s:
            rows = s.exec(
                select(t.Membership, t.Person)
                .join(t.Person, col(t.Person.id) == col(t.Membership.person_id))
                .where(col(t.Membership.panel_id) == panel_id)
                .order_by(col(t.Membership.position), col(t.Membership.id))
            ).all()
            members = [membership_data(m, person_data(p)) for m, p in rows]
        if on is not None:
            members = [m for m in members if m.active_on(on)]
        return members
