"""Store: panels, people and dated membership."""

from __future__ import annotations

from datetime import date

import pytest

from panel_minutes.models.domain import MemberRole, Numbering
from panel_minutes.models.errors import NotFoundError, ValidationError
from panel_minutes.models.store import Store


def test_create_panel_defaults_and_update(store: Store) -> None:
    panel = store.create_panel("  Kent and Medway Police and Crime Panel  ",
                               standing_agenda=["Apologies", "  ", "Minutes"])
    assert panel.name == "Kent and Medway Police and Crime Panel"
    assert panel.short_name == "kent-and-medway-pcp"
    assert panel.numbering is Numbering.PER_ITEM
    assert panel.chair_title == "Chair"
    assert panel.standing_agenda == ("Apologies", "Minutes")  # blank lines dropped
    changed = store.update_panel(panel.id, numbering=Numbering.RUNNING, chair_title="Chairman",
                                 standing_agenda=["Only item"])
    assert changed.numbering is Numbering.RUNNING
    assert store.get_panel(panel.id) == changed
    assert store.get_panel(panel.id).standing_agenda == ("Only item",)


def test_panel_validation(store: Store) -> None:
    with pytest.raises(ValidationError, match="panel name cannot be empty"):
        store.create_panel("   ")
    panel = store.create_panel("A Panel")
    with pytest.raises(ValidationError):
        store.update_panel(panel.id, name="")
    with pytest.raises(NotFoundError):
        store.get_panel(panel.id + 100)
    with pytest.raises(ValueError, match="cannot set"):
        store.update_panel(panel.id, colour="red")  # type: ignore[call-arg]


def test_list_and_delete_panels(store: Store) -> None:
    b = store.create_panel("B Panel")
    a = store.create_panel("A Panel")
    assert [p.name for p in store.list_panels()] == ["A Panel", "B Panel"]
    store.delete_panel(b.id)
    assert [p.id for p in store.list_panels()] == [a.id]
    with pytest.raises(NotFoundError):
        store.delete_panel(b.id)


def test_people(store: Store) -> None:
    ann = store.create_person(" Ann Baker ", title="Cllr", role="Ashford Borough Council")
    assert ann.name == "Ann Baker"
    assert ann.full_name == "Cllr Ann Baker"
    assert ann.styled_name == "Cllr Baker"
    plain = store.create_person("Faye Osei")
    assert plain.full_name == "Faye Osei" and plain.styled_name == "Faye Osei"
    store.update_person(plain.id, title="Ms")
    assert store.get_person(plain.id).full_name == "Ms Faye Osei"
    assert [p.name for p in store.list_people()] == ["Ann Baker", "Faye Osei"]
    with pytest.raises(ValidationError):
        store.create_person("")
    with pytest.raises(ValidationError):
        store.update_person(ann.id, name="  ")


def test_membership_by_date(store: Store) -> None:
    panel = store.create_panel("Dated Panel")
    old = store.create_person("Old Member", title="Cllr")
    new = store.create_person("New Member", title="Cllr")
    always = store.create_person("Always Member", title="Cllr")
    store.add_member(panel.id, always.id, role=MemberRole.CHAIR)
    store.add_member(panel.id, old.id, end_date=date(2026, 5, 31))
    store.add_member(panel.id, new.id, start_date=date(2026, 6, 1))

    def names(on: date) -> list[str]:
        return [m.person.name for m in store.list_members(panel.id, on=on)]

    assert names(date(2026, 5, 31)) == ["Always Member", "Old Member"]
    assert names(date(2026, 6, 1)) == ["Always Member", "New Member"]
    assert len(store.list_members(panel.id)) == 3
    # a meeting prefills only the members sitting on its date
    before = store.create_meeting(panel.id, date(2026, 5, 1))
    after = store.create_meeting(panel.id, date(2026, 7, 1))
    assert [a.person.name for a in store.list_attendance(before.id)] == ["Always Member",
                                                                         "Old Member"]
    attendance = store.list_attendance(after.id)
    assert [(a.person.name, a.capacity) for a in attendance] == [
        ("Always Member", "Chair"), ("New Member", "")
    ]


def test_membership_validation_and_changes(store: Store) -> None:
    panel = store.create_panel("Panel")
    person = store.create_person("Ann Baker")
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        store.add_member(panel.id, person.id, start_date=date(2026, 2, 1),
                         end_date=date(2026, 1, 1))
    seat = store.add_member(panel.id, person.id)
    with pytest.raises(ValidationError):
        store.update_member(seat.id, start_date=date(2026, 2, 1), end_date=date(2026, 1, 1))
    assert store.update_member(seat.id, role=MemberRole.VICE_CHAIR).role is MemberRole.VICE_CHAIR
    with pytest.raises(NotFoundError):
        store.add_member(panel.id, person.id + 99)
    store.remove_member(seat.id)
    assert store.list_members(panel.id) == []
