"""The action log's "Progress / note" column shows progress reported at any meeting (issue 13,
point 9): opened from the meetings list (``a``), not only from a live meeting (F10)."""

from __future__ import annotations

from pathlib import Path

from panel_minutes.models.store import Store
from panel_minutes.screens.action_log import ActionLogScreen
from panel_minutes.screens.meetings import MeetingsScreen
from tests.test_screen_action_log import app_for, cell, rows, write_series
from tests.test_screen_between_support import screen_is, wait_for


def test_latest_updates_are_read_in_one_call(db_path: Path) -> None:
    ids = write_series(db_path)
    store = Store(str(db_path))
    try:
        store.add_action_update(ids["a1"], ids["m2"], "Figures sent to members.")
        store.add_action_update(ids["a1"], ids["m3"], "Second set promised.")
        latest = store.latest_action_updates([ids["a1"], ids["a2"]])
        assert {k: v.note for k, v in latest.items()} == {ids["a1"]: "Second set promised."}
        assert store.latest_action_updates([]) == {}
    finally:
        store.close()


async def test_progress_reported_at_a_meeting_shows_in_the_panels_log(db_path: Path) -> None:
    ids = write_series(db_path)
    store = Store(str(db_path))
    store.add_action_update(ids["a1"], ids["m2"], "Figures circulated to members by email.")
    store.close()
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_is(pilot, MeetingsScreen)
        await wait_for(pilot, lambda: app.screen.loaded, "the meetings")  # type: ignore[attr-defined]
        await pilot.press("a")
        await screen_is(pilot, ActionLogScreen)
        log = app.screen
        assert isinstance(log, ActionLogScreen)
        await wait_for(pilot, lambda: rows(log), "the actions")
        progress = cell(log, "A1", "Progress / note")
        assert "9 Mar 2027" in progress and "Figures circulated" in progress, progress
        assert cell(log, "A2", "Progress / note") == ""
