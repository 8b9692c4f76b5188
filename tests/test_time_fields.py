"""Issue 14, HS-A point 4: every time field accepts "7pm", "7.00 pm" and "19:00" (and keeps
"19:00"). Fields on a form are filled through the real app (Pilot); the others through the
store, which every screen reaches them by. A note's own words ("arrived at 7pm") count too.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from panel_minutes.models.domain import EntryKind
from panel_minutes.models.movements import recognise
from panel_minutes.models.store import Store
from panel_minutes.models.store.bulk import NewItem
from panel_minutes.screens.live import LiveScreen
from panel_minutes.screens.meeting_form import MeetingFormScreen
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.screens.setup import AttendanceTable, SetupScreen
from tests.support import TODAY, app_for, settle, wait_for
from tests.test_live_support import FakeClock, write_meeting, write_panel

SPELLINGS = ["7pm", "7.00 pm", "19:00"]
DAY = date(2027, 3, 9)


def a_meeting(store: Store) -> tuple[int, int]:
    """(meeting id, the id of its first item) of the fictional Northmoor panel."""
    meeting_id = write_meeting(store, write_panel(store))
    return meeting_id, store.list_items(meeting_id)[0].id


# --- through the store -------------------------------------------------------------------------


@pytest.mark.parametrize("typed", SPELLINGS)
def test_meeting_start_and_end(store: Store, typed: str) -> None:
    panel_id = write_panel(store).panel_id
    meeting = store.create_meeting(panel_id, DAY, start_time=typed)
    assert meeting.start_time == "19:00"
    later = store.create_meeting(panel_id, date(2027, 4, 6), start_time="10:00")
    assert store.update_meeting(later.id, end_time=typed).end_time == "19:00"
    assert store.update_meeting(later.id, start_time=typed).start_time == "19:00"


@pytest.mark.parametrize("typed", SPELLINGS)
def test_attendance_arrived_and_left(store: Store, typed: str) -> None:
    meeting_id, _item = a_meeting(store)
    record = store.list_attendance(meeting_id)[0]
    assert store.update_attendance(record.id, arrived_at=typed).arrived_at == "19:00"
    assert store.update_attendance(record.id, left_at=typed).left_at == "19:00"


@pytest.mark.parametrize("typed", SPELLINGS)
def test_item_started_and_finished(store: Store, typed: str) -> None:
    meeting_id, item_id = a_meeting(store)
    changed = store.update_item(item_id, started_at=typed, finished_at=typed)
    assert (changed.started_at, changed.finished_at) == ("19:00", "19:00")
    other = store.list_items(meeting_id)[1].id
    assert store.take_item(other, typed).started_at == "19:00"
    assert store.finish_item(other, typed).finished_at == "19:00"
    assert store.close_meeting(meeting_id, typed).end_time == "19:00"


@pytest.mark.parametrize("typed", SPELLINGS)
def test_a_procedural_notes_time(store: Store, typed: str) -> None:
    _meeting_id, item_id = a_meeting(store)
    note = store.add_entry(item_id, EntryKind.PROCEDURE, "The meeting adjourned.",
                           at_time=typed)
    assert note.at_time == "19:00"


@pytest.mark.parametrize("typed", SPELLINGS)
def test_a_meeting_written_in_one_go(store: Store, typed: str) -> None:
    panel_id = write_panel(store).panel_id
    meeting_id = store.bulk_add_meeting(
        panel_id, DAY, [NewItem("Apologies", started_at=typed, finished_at=typed)],
        start_time=typed, end_time=typed,
    )
    meeting = store.get_meeting(meeting_id)
    assert (meeting.start_time, meeting.end_time) == ("19:00", "19:00")
    [item] = store.list_items(meeting_id)
    assert (item.started_at, item.finished_at) == ("19:00", "19:00")


@pytest.mark.parametrize("typed", SPELLINGS)
def test_a_time_in_a_notes_words(store: Store, typed: str) -> None:
    """"Cllr Ashby arrived at 7pm": the movement is at 19:00, whatever the note's own time."""
    meeting_id, _item = a_meeting(store)
    people = [a.person for a in store.list_attendance(meeting_id)]
    found = recognise(f"Cllr Ashby arrived at {typed}", "18:30", people)
    assert found.movement is not None and found.movement.at == "19:00"


def test_at_without_a_time_is_not_a_time(store: Store) -> None:
    """"arrived at 7 for item 3" gives no time: the note's own time is kept."""
    meeting_id, _item = a_meeting(store)
    people = [a.person for a in store.list_attendance(meeting_id)]
    found = recognise("Cllr Ashby arrived at 7 past the hour", "18:30", people)
    assert found.movement is not None and found.movement.at == "18:30"


# --- through the forms -------------------------------------------------------------------------


async def _form(pilot: Pilot[None], meeting_id: int | None) -> MeetingFormScreen:
    await settle(pilot)
    await pilot.app.push_screen(MeetingFormScreen(meeting_id))
    form = pilot.app.screen
    assert isinstance(form, MeetingFormScreen)
    await wait_for(pilot, lambda: form.loaded, "the form")
    return form


@pytest.mark.parametrize("typed", SPELLINGS)
async def test_the_meeting_forms_start_time(db_path: Path, typed: str) -> None:
    setup = Store(str(db_path))
    write_panel(setup)  # one panel: the form picks it
    setup.close()
    app = app_for(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        form = await _form(pilot, None)
        form.query_one("#start", Input).value = typed
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, "the save")
    check = Store(str(db_path))
    [meeting] = check.list_meetings()
    assert meeting.start_time == "19:00"
    check.close()


@pytest.mark.parametrize("typed", SPELLINGS)
async def test_the_meeting_forms_end_time(db_path: Path, typed: str) -> None:
    setup = Store(str(db_path))
    meeting_id, _item = a_meeting(setup)
    setup.close()
    app = app_for(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        form = await _form(pilot, meeting_id)
        form.query_one("#end", Input).value = typed
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, "the save")
    check = Store(str(db_path))
    assert check.get_meeting(meeting_id).end_time == "19:00"
    check.close()


@pytest.mark.parametrize("typed", SPELLINGS)
async def test_the_setup_arrived_at_prompt(db_path: Path, typed: str) -> None:
    setup = Store(str(db_path))
    meeting_id, _item = a_meeting(setup)
    setup.close()
    app = app_for(db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(SetupScreen(meeting_id))
        screen = app.screen
        await wait_for(pilot, lambda: screen.query_one(AttendanceTable).row_count > 0, "rows")
        screen.query_one(AttendanceTable).focus()
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the prompt")
        app.screen.query_one(Input).value = typed
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen, "the save")
        await settle(pilot)
    check = Store(str(db_path))
    assert "19:00" in [a.arrived_at for a in check.list_attendance(meeting_id)]
    check.close()


@pytest.mark.parametrize("typed", SPELLINGS)
async def test_the_composers_note_time(db_path: Path, typed: str) -> None:
    setup = Store(str(db_path))
    meeting_id, item_id = a_meeting(setup)
    setup.close()
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(LiveScreen(meeting_id, clock=FakeClock(), item_id=item_id))
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await screen.loaded.wait()
        await settle(pilot, screen)
        await pilot.press("f5")
        screen.composer.text_area.insert("The meeting adjourned.")
        screen.composer.field("at").value = typed
        await pilot.press("enter")
        await settle(pilot, screen)
    check = Store(str(db_path))
    assert [e.at_time for e in check.list_entries(item_id)] == ["19:00"]
    check.close()
