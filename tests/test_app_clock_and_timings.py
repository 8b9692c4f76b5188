"""The app factory takes a clock and timings, and keeps a log of its notices: what lets the
Pilot tests run the clerk's code paths without sleeping on real time (tests/support.py)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from panel_minutes.models.store import Store
from panel_minutes.screens.live import LiveScreen
from panel_minutes.tui.timings import DEFAULT_TIMINGS, timings_of
from tests.support import FAST, app_for, notices, settle, wait_for
from tests.test_live_support import FakeClock, write_meeting, write_panel


async def test_the_live_screen_and_today_follow_the_clock_given_to_make_app(db_path: Path) -> None:
    setup = Store(str(db_path))
    meeting_id = write_meeting(setup, write_panel(setup))
    setup.close()
    clock = FakeClock(datetime(2027, 3, 9, 10, 0))
    app = app_for(db_path, None, clock=clock, timings=FAST)
    async with app.run_test(size=(120, 40)) as pilot:
        assert timings_of(app) is FAST and app.today().isoformat() == "2027-03-09"
        await app.wait_for_store()
        await app.push_screen(LiveScreen(meeting_id))  # no clock of its own: the app's
        live = app.screen
        assert isinstance(live, LiveScreen)
        await live.loaded.wait()
        clock.set(10, 42)
        assert live.now() == datetime(2027, 3, 9, 10, 42)
        await pilot.press("f8")  # start the current item: stamped with the app's clock
        await settle(pilot, live)
        await wait_for(pilot, lambda: [i.started_at for i in app.store.list_items(meeting_id)
                                       if i.started_at] == ["10:42"], "the item stamped 10:42")


async def test_every_notice_is_kept_in_order(db_path: Path) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.notify("first")
        app.screen.notify("second", severity="warning", title="Heads up")
        await pilot.pause()
        assert notices(app) == ["first", "second"]
        assert [(n.title, n.severity) for n in app.notices][1] == ("Heads up", "warning")


def test_the_default_timings_are_the_clerks() -> None:
    assert app_for("unused.db").timings is DEFAULT_TIMINGS
    assert DEFAULT_TIMINGS.draft_debounce <= 0.5 and DEFAULT_TIMINGS.retry_every == 2.0
