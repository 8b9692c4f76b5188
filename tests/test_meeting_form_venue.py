"""Walkthrough: a clerk corrected a meeting's start time with `m` in Setup and its venue was
replaced by the panel's usual venue, because the form filled the venue in again when the
panel's choice was shown. Editing a meeting keeps its own venue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input

from panel_minutes.models.store import Store
from panel_minutes.screens.meeting_form import MeetingFormScreen
from tests.support import app_for, settle, wait_for


async def test_editing_a_meeting_keeps_its_own_venue(db_path: Path) -> None:
    setup = Store(str(db_path))
    panel = setup.create_panel("Little Marsham Parish Council", default_venue="Parish Office")
    meeting = setup.create_meeting(panel.id, date(2027, 3, 9), start_time="19:30",
                                   venue="Village Hall, Marsham")
    setup.close()
    app = app_for(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.app.push_screen(MeetingFormScreen(meeting.id))
        form = pilot.app.screen
        assert isinstance(form, MeetingFormScreen)
        await wait_for(pilot, lambda: form.loaded, "the form")
        await settle(pilot)
        assert form.query_one("#venue", Input).value == "Village Hall, Marsham"
        form.query_one("#start", Input).value = "19:45"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form, "the save")
    check = Store(str(db_path))
    saved = check.get_meeting(meeting.id)
    assert (saved.start_time, saved.venue) == ("19:45", "Village Hall, Marsham")
    check.close()
