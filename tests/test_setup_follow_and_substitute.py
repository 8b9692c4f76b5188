"""Setup (issue 13, point 5): the highlight follows the person just added, so the next key acts
on them; ``s`` offers every member listed at the meeting, standing member of the panel or not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from panel_minutes.models.attendance import substitute_candidates
from panel_minutes.models.domain import AttendanceStatus
from panel_minutes.models.store import Store
from panel_minutes.screens.pickers import ChoiceScreen, PersonPickerScreen
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.screens.setup import SetupScreen
from tests.test_screen_setup import app_for, open_setup, settle


async def test_after_adding_someone_c_sets_their_capacity(
    demo: tuple[Store, int], db_path: Path
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_setup(pilot)
        await pilot.press("i", *"Jo Bright", "enter", "enter")  # new officer in attendance
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("c")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        assert prompt.dialog_title == "Capacity of Jo Bright", "c acts on the person added"


def _meeting_without_standing_members(store: Store) -> int:
    panel = store.create_panel("Westmoor Police and Crime Panel", short_name="westmoor-pcp")
    meeting = store.create_meeting(panel.id, date(2026, 11, 10))
    for name in ("Ada Penrose", "Tom Lusk"):
        person = store.create_person(name, title="Cllr")
        store.set_attendance(meeting.id, person.id, AttendanceStatus.PRESENT)
    return meeting.id


def test_every_member_listed_can_have_a_substitute(store: Store) -> None:
    mid = _meeting_without_standing_members(store)
    listed = store.list_attendance(mid)
    assert [a.person.name for a in substitute_candidates(listed)] == ["Ada Penrose", "Tom Lusk"]
    store.set_attendance(mid, store.create_person("Ann Vey").id, AttendanceStatus.SUBSTITUTE,
                         substitute_for_id=listed[0].person.id)
    after = store.list_attendance(mid)
    assert [a.person.name for a in substitute_candidates(after)] == ["Tom Lusk"]


async def test_s_substitutes_for_a_member_who_is_not_a_standing_member(
    store: Store, db_path: Path
) -> None:
    mid = _meeting_without_standing_members(store)
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        setup = await open_setup(pilot)
        assert setup.meeting_id == mid
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen), "s is refused for non-standing members"
        await pilot.press("enter")  # Cllr Ada Penrose
        await settle(pilot)
        assert isinstance(app.screen, PersonPickerScreen)
        await pilot.press(*"Ann Vey", "enter", "enter")
        await settle(pilot)
    sub = next(a for a in store.list_attendance(mid) if a.person.name == "Ann Vey")
    assert sub.status is AttendanceStatus.SUBSTITUTE
    assert sub.substitute_for is not None and sub.substitute_for.name == "Ada Penrose"
