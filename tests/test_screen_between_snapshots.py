"""Snapshots of the between-meetings screens at 80x24 and 120x40: the action log (the panel's,
and the one a meeting opens for its carried actions), panel settings (standing agenda, members,
the member form), search results, an entry's revisions and the approval prompt.

The demo's dates are fixed, "today" is pinned (so overdue actions stay overdue), the live
screen's clock is frozen, revision times are set in the database and shown in UTC. Review a
changed picture (``pytest --snapshot-update`` writes it; look at the SVG) before accepting it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from panel_minutes.models.store import Store
from panel_minutes.screens.live import LiveScreen
from panel_minutes.screens.revisions import RevisionsScreen
from tests.support import app_for as app_for
from tests.support import settle as settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
SnapCompare = Callable[..., bool]
TODAY = date(2026, 11, 20)
FROZEN = datetime(2026, 11, 17, 10, 31, 5)


async def still(pilot: Pilot[None]) -> None:
    for widget in pilot.app.screen.query("Input, TextArea").results():
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


def keys(*pressed: str, pause: float = 0.0) -> Callable[[Pilot[None]], Awaitable[None]]:
    """From the meetings screen: wait for the store, press ``pressed`` (settling after each)."""

    async def run(pilot: Pilot[None]) -> None:
        await pilot.app.wait_for_store()  # type: ignore[attr-defined]
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot, pause)
        await still(pilot)

    return run


def live(meeting_id: int, *pressed: str, item: int = 0) -> Callable[[Pilot[None]], Awaitable[None]]:
    """The demo meeting's live screen (frozen clock) at item ``item`` (not taken), then keys."""

    async def run(pilot: Pilot[None]) -> None:
        app = pilot.app
        await app.wait_for_store()  # type: ignore[attr-defined]
        await settle(pilot)
        await app.push_screen(LiveScreen(meeting_id, clock=lambda: FROZEN))
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await screen.loaded.wait()
        await screen.all_loaded.wait()
        screen.go_to(screen.items[item].id)
        assert await screen.wait_idle()
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
        await still(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
def test_action_log(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    assert snap_compare(app_for(db_path, TODAY), terminal_size=size, run_before=keys("a", "s", "s", "s"))


@pytest.mark.parametrize("size", SIZES)
def test_action_log_carried(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    _store, meeting_id = demo
    assert snap_compare(app_for(db_path, TODAY), terminal_size=size,
                        run_before=live(meeting_id, "f10", item=3))


@pytest.mark.parametrize("size", SIZES)
def test_panel_standing_agenda(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    assert snap_compare(app_for(db_path, TODAY), terminal_size=size, run_before=keys("p", "2"))


@pytest.mark.parametrize("size", SIZES)
def test_panel_members(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    store, _ = demo
    panel = store.list_panels()[0]
    members = store.list_members(panel.id)
    store.update_member(members[3].id, end_date=date(2026, 9, 30))  # left after September
    newcomer = store.create_person("Anika Bose", title="Cllr", role="Eastbridge Borough Council")
    store.add_member(panel.id, newcomer.id, represents="Eastbridge Borough Council",
                     start_date=date(2026, 10, 1))
    assert snap_compare(app_for(db_path, TODAY), terminal_size=size, run_before=keys("p", "3"))


@pytest.mark.parametrize("size", SIZES)
def test_member_form(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    assert snap_compare(app_for(db_path, TODAY), terminal_size=size,
                        run_before=keys("p", "3", "down", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_search(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    assert snap_compare(app_for(db_path, TODAY), terminal_size=size,
                        run_before=keys("ctrl+f", *"rural", "enter", pause=0.05))


@pytest.mark.parametrize("size", SIZES)
def test_revisions(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store, meeting_id = demo
    item = store.list_items(meeting_id)[4]
    entry = store.list_entries(item.id)[1]
    store.update_entry(entry.id, expected_updated_at=entry.updated_at,
                       text=entry.text.replace("how many officers", "how many police officers"))
    entry = store.get_entry(entry.id)
    store.update_entry(entry.id, expected_updated_at=entry.updated_at,
                       text=entry.text.replace("next year", "in 2027"))
    with sqlite3.connect(db_path) as conn:  # fixed times, shown in UTC
        for rid, stamp in zip((1, 2), ("2026-11-17 10:41:00.000000", "2026-11-18 09:05:00.000000"),
                              strict=True):
            conn.execute("UPDATE entry_revision SET changed_at = ? WHERE id = ?", (stamp, rid))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()

    async def run(pilot: Pilot[None]) -> None:
        app = pilot.app
        await app.wait_for_store()  # type: ignore[attr-defined]
        await settle(pilot)
        await app.push_screen(RevisionsScreen(entry.id, "question 2"))
        await settle(pilot)

    try:
        assert snap_compare(app_for(db_path, TODAY), terminal_size=size, run_before=run)
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize("size", SIZES)
def test_approve_prompt(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    store, meeting_id = demo
    # The demo approves September at November; undo that to show the approval prompt itself.
    earlier = store.previous_meeting(meeting_id)
    assert earlier is not None
    store.undo_approval(earlier.id, "Approved before the amendments were read.")
    assert snap_compare(app_for(db_path, TODAY), terminal_size=size,
                        run_before=live(meeting_id, "ctrl+r", item=2))
