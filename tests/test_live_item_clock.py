"""The item clock counts from the second an item was started (issue 13, point 11).

The stamp keeps only the minute ("10:25"); the clock line used to count from that minute, so an
item started at 10:25:54 showed 00:54 at once. The clock is the screen's injected ``FakeClock``;
nothing here waits on real time.
"""

from __future__ import annotations

from pathlib import Path

from panel_minutes.models.clock import running_since
from panel_minutes.models.store import Store
from panel_minutes.tui.app import make_app
from tests.test_live_support import FakeClock, open_live, settle, write_meeting, write_panel


def clock_line(screen: object) -> str:
    screen._tick()  # type: ignore[attr-defined]  # the 1-second timer's work, without waiting
    return str(screen.query_one("#item-clock").render())  # type: ignore[attr-defined]


async def test_f8_and_f7_start_the_item_clock_at_zero(db_path: Path) -> None:
    store = Store(str(db_path))
    meeting_id = write_meeting(store, write_panel(store))
    store.close()
    clock = FakeClock()
    clock.set(10, 25, 54)
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, clock)
        await pilot.press("f8")  # start item 1 at 10:25:54
        await settle(pilot, screen)
        assert clock_line(screen).endswith("10:25 · 00:00"), clock_line(screen)
        clock.advance(seconds=10)
        assert clock_line(screen).endswith("10:25 · 00:10"), clock_line(screen)

        clock.set(10, 31, 42)
        await pilot.press("f7")  # finish item 1, take item 2 at 10:31:42
        await settle(pilot, screen)
        assert clock_line(screen).endswith("10:31 · 00:00"), clock_line(screen)
        clock.advance(minutes=2, seconds=3)
        assert clock_line(screen).endswith("10:31 · 02:03"), clock_line(screen)


def test_the_exact_start_counts_only_while_the_stamp_is_its_minute() -> None:
    clock = FakeClock()
    clock.set(10, 26, 4)
    started = clock.moment.replace(minute=25, second=54)
    assert running_since("10:25", clock.moment, started) == "00:10"
    assert running_since("10:25", clock.moment) == "01:04"  # opened later: from the minute
    assert running_since("10:20", clock.moment, started) == "06:04"  # stamp corrected by hand
