"""Membership by date: who sat on the panel on a given day, and the attendance a meeting starts with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from panel_minutes.models.domain import AttendanceStatus, MemberRole
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.store import Store


@dataclass
class Panel:
    store: Store
    id: int
    chair: int  # person ids
    vice: int
    leaver: int  # left on 31 May 2025
    joiner: int  # joined on 1 June 2025
    coopted: int
    leaver_seat: int  # membership id


@pytest.fixture
def panel(store: Store) -> Panel:
    p = store.create_panel("Vale of Tarn Police and Crime Panel")
    person = store.create_person
    chair = person("Alma Pennock", title="Cllr")
    vice = person("Rhys Doverdale", title="Cllr")
    leaver = person("Colin Haswell", title="Cllr")
    joiner = person("Freya Lusk", title="Cllr")
    coopted = person("Yusuf Brannigan", title="Mr", role="Independent co-opted member")
    store.add_member(p.id, chair.id, role=MemberRole.CHAIR, start_date=date(2024, 5, 20))
    store.add_member(p.id, vice.id, role=MemberRole.VICE_CHAIR)
    seat = store.add_member(p.id, leaver.id, start_date=date(2023, 5, 1), end_date=date(2025, 5, 31))
    store.add_member(p.id, joiner.id, start_date=date(2025, 6, 1))
    store.add_member(p.id, coopted.id, role=MemberRole.CO_OPTED)
    return Panel(store, p.id, chair.id, vice.id, leaver.id, joiner.id, coopted.id, seat.id)


def names_on(panel: Panel, day: date | None) -> list[str]:
    return [m.person.name for m in panel.store.list_members(panel.id, on=day)]


def test_all_members_without_a_date(panel: Panel) -> None:
    assert names_on(panel, None) == [
        "Alma Pennock", "Rhys Doverdale", "Colin Haswell", "Freya Lusk", "Yusuf Brannigan"
    ]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # before the chair's term began
        (date(2024, 5, 19), ["Rhys Doverdale", "Colin Haswell", "Yusuf Brannigan"]),
        # the first day of a term counts
        (date(2024, 5, 20), ["Alma Pennock", "Rhys Doverdale", "Colin Haswell", "Yusuf Brannigan"]),
        # the last day of a term counts
        (date(2025, 5, 31), ["Alma Pennock", "Rhys Doverdale", "Colin Haswell", "Yusuf Brannigan"]),
        # the day after: the leaver is gone and the joiner has come
        (date(2025, 6, 1), ["Alma Pennock", "Rhys Doverdale", "Freya Lusk", "Yusuf Brannigan"]),
        # before anyone's dated term: only the open-ended seats
        (date(2020, 1, 1), ["Rhys Doverdale", "Yusuf Brannigan"]),
    ],
)
def test_members_on_a_date(panel: Panel, day: date, expected: list[str]) -> None:
    assert names_on(panel, day) == expected


def test_roles_and_dates_come_back(panel: Panel) -> None:
    members = {m.person.id: m for m in panel.store.list_members(panel.id)}
    assert members[panel.chair].role is MemberRole.CHAIR
    assert members[panel.coopted].role is MemberRole.CO_OPTED
    assert members[panel.leaver].end_date == date(2025, 5, 31)
    assert members[panel.leaver].active_on(date(2025, 5, 31))
    assert not members[panel.leaver].active_on(date(2025, 6, 1))


def test_a_meeting_starts_with_the_members_of_its_date(panel: Panel) -> None:
    s = panel.store
    before = s.create_meeting(panel.id, date(2025, 3, 4))
    after = s.create_meeting(panel.id, date(2025, 9, 9))

    def roll(meeting_id: int) -> list[tuple[str, AttendanceStatus, str, int]]:
        return [
            (a.person.name, a.status, a.capacity, a.position)
            for a in s.list_attendance(meeting_id)
        ]

    assert roll(before.id) == [
        ("Alma Pennock", AttendanceStatus.PRESENT, "Chair", 0),
        ("Rhys Doverdale", AttendanceStatus.PRESENT, "Vice-Chair", 1),
        ("Colin Haswell", AttendanceStatus.PRESENT, "", 2),
        ("Yusuf Brannigan", AttendanceStatus.PRESENT, "", 3),
    ]
    assert [name for name, *_ in roll(after.id)] == [
        "Alma Pennock", "Rhys Doverdale", "Freya Lusk", "Yusuf Brannigan"
    ]


def test_attendance_is_kept_when_membership_changes_later(panel: Panel) -> None:
    """A meeting's attendance is its own record: later membership changes do not rewrite it."""
    s = panel.store
    meeting = s.create_meeting(panel.id, date(2025, 3, 4))
    s.update_member(panel.leaver_seat, end_date=date(2025, 1, 31))
    assert "Colin Haswell" in [a.person.name for a in s.list_attendance(meeting.id)]
    assert "Colin Haswell" not in names_on(panel, date(2025, 3, 4))


def test_prefill_adds_only_missing_members(panel: Panel) -> None:
    s = panel.store
    meeting = s.create_meeting(panel.id, date(2025, 9, 9), prefill_attendance=False)
    assert s.list_attendance(meeting.id) == []
    s.set_attendance(meeting.id, panel.vice, AttendanceStatus.APOLOGIES)
    rows = s.prefill_attendance(meeting.id)
    assert [(a.person.name, a.status) for a in rows] == [
        ("Rhys Doverdale", AttendanceStatus.APOLOGIES),  # kept as recorded
        ("Alma Pennock", AttendanceStatus.PRESENT),
        ("Freya Lusk", AttendanceStatus.PRESENT),
        ("Yusuf Brannigan", AttendanceStatus.PRESENT),
    ]
    assert s.prefill_attendance(meeting.id) == rows  # running it again changes nothing


def test_a_member_with_two_seats_on_the_date_is_listed_once(panel: Panel) -> None:
    s = panel.store
    # Re-appointed with an overlapping record (a data-entry slip): still one line.
    s.add_member(panel.id, panel.joiner, start_date=date(2025, 8, 1))
    meeting = s.create_meeting(panel.id, date(2025, 9, 9))
    names = [a.person.name for a in s.list_attendance(meeting.id)]
    assert names.count("Freya Lusk") == 1


def test_a_returning_member_sits_again(panel: Panel) -> None:
    s = panel.store
    s.add_member(panel.id, panel.leaver, start_date=date(2026, 1, 1))
    assert "Colin Haswell" not in names_on(panel, date(2025, 9, 9))
    assert "Colin Haswell" in names_on(panel, date(2026, 2, 2))
    meeting = s.create_meeting(panel.id, date(2026, 2, 2))
    assert [a.person.name for a in s.list_attendance(meeting.id)].count("Colin Haswell") == 1


def test_membership_dates_must_make_sense(panel: Panel) -> None:
    s = panel.store
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        s.add_member(panel.id, panel.joiner, start_date=date(2025, 6, 1), end_date=date(2025, 1, 1))
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        s.update_member(panel.leaver_seat, end_date=date(2020, 1, 1))
    assert s.list_members(panel.id)[2].end_date == date(2025, 5, 31)
