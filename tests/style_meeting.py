"""A small meeting in a chosen house style, made through the Store (tests of the style's wording
of resolutions, votes, questions and actions)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from panel_minutes.models.domain import MemberRole, PersonData
from panel_minutes.models.export import render_markdown
from panel_minutes.models.house_style import DEFAULT, HouseStyle, preset
from panel_minutes.models.store import Store


@dataclass(frozen=True)
class StyleMeeting:
    store: Store
    meeting_id: int
    item_id: int
    people: dict[str, PersonData]

    def markdown(self) -> str:
        return render_markdown(self.store.load_document(self.meeting_id))

    def people_by_id(self) -> dict[int, PersonData]:
        return {p.id: p for p in self.people.values()}

    def lines(self) -> list[str]:
        return self.markdown().split("\n\n")


def style_meeting(store: Store, style: HouseStyle | str = DEFAULT, **changes: Any) -> StyleMeeting:
    """A panel in ``style`` (a preset key or a value, with ``changes``), five councillors, an
    independent member and a Commissioner; one meeting with one item, "Precept"."""
    chosen = preset(style).style if isinstance(style, str) else style
    chosen = replace(chosen, **changes)
    panel = store.create_panel("Elmsworth Police and Crime Panel", style=chosen)
    names = {
        "hughes": ("Jane Hughes", "Cllr", ""),
        "adeyemi": ("Ben Adeyemi", "Cllr", ""),
        "pike": ("Lara Pike", "Cllr", ""),
        "tate": ("Owen Tate", "Cllr", ""),
        "morgan": ("Rhys Morgan", "Cllr", ""),
        "ortiz": ("Sam Ortiz", "Mr", "Independent Member"),
    }
    people: dict[str, PersonData] = {}
    for key, (name, title, role) in names.items():
        person = store.create_person(name, title=title, role=role)
        store.add_member(
            panel.id, person.id, role=MemberRole.CHAIR if key == "hughes" else MemberRole.MEMBER
        )
        people[key] = person
    people["pcc"] = store.create_person(
        "Alison Greer", title="Mrs", role="Police and Crime Commissioner"
    )
    people["wu"] = store.create_person("Dan Wu", title="Mr", role="Chief Executive")
    people["larkin"] = store.create_person("Eve Larkin", title="Ms", role="Officer")
    meeting = store.create_meeting(panel.id, date(2026, 10, 15), standing_agenda=False)
    item = store.add_item(meeting.id, "Precept")
    return StyleMeeting(store, meeting.id, item.id, people)
