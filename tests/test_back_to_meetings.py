"""ctrl+o on the live screen goes back to the list of meetings, however the live screen was
reached (issue 13, point 6): opened from Setup (g), it used to land on Setup."""

from __future__ import annotations

from pathlib import Path

from panel_minutes.models.store import Store
from panel_minutes.screens.live import LiveScreen
from panel_minutes.screens.meetings import MeetingsScreen
from tests.test_screen_setup import app_for, open_setup, settle


async def test_ctrl_o_from_a_live_screen_opened_from_setup_lands_on_the_meetings(
    demo: tuple[Store, int], db_path: Path
) -> None:
    _, mid = demo
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_setup(pilot)
        await pilot.press("g")
        await settle(pilot)
        live = app.screen
        assert isinstance(live, LiveScreen)
        await live.loaded.wait()
        await pilot.press("ctrl+o")
        await settle(pilot)
        meetings = app.screen
        assert isinstance(meetings, MeetingsScreen) and len(app.screen_stack) == 1
        current = meetings.current()
        assert current is not None and current.id == mid  # the meeting just left
