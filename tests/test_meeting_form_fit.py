"""Walkthrough: in the meeting form a start time typed "7.30 pm" (a spelling the README gives)
showed as "30 pm", its field too narrow for it; editing a meeting, the hint after "Ended at"
was cut off at the dialog's edge ("... F11 in the live scree")."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label

from panel_minutes.models.store import Store
from panel_minutes.screens.meeting_form import MeetingFormScreen
from tests.support import app_for, settle, wait_for
from tests.test_live_support import write_meeting, write_panel


async def test_a_twelve_hour_time_and_the_end_hint_fit(db_path: Path) -> None:
    setup = Store(str(db_path))
    meeting_id = write_meeting(setup, write_panel(setup))
    setup.close()
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.app.push_screen(MeetingFormScreen(meeting_id))
        form = pilot.app.screen
        assert isinstance(form, MeetingFormScreen)
        await wait_for(pilot, lambda: form.loaded, "the form")
        start = form.query_one("#start", Input)
        start.value = "7.30 pm"
        await settle(pilot)
        assert start.content_region.width >= len("7.30 pm") + 1  # the text and the cursor
        dialog = form.query_one("#meeting-form")
        hint = form.query_one("#end-row", ).query(Label).last()
        assert hint.region.right <= dialog.content_region.right
        assert hint.region.width >= len(str(hint.render()))
