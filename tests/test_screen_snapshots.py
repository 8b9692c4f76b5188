"""Snapshots of the meetings, meeting form, setup and help screens at 80x24 and 120x40.

The demo's dates are fixed and the app's "today" is pinned, so the pictures only change when the
screens do. Review a changed picture (``pytest --snapshot-update`` writes it; look at the SVG)
before accepting it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from panel_minutes.models.store import Store
from tests.support import app_for as app_for
from tests.support import settle as settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
SnapCompare = Callable[..., bool]


def then(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Wait for the store, press ``keys`` (waiting after each), stop cursors blinking."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for widget in pilot.app.screen.query("Input, TextArea").results():
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = False
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES)
def test_meetings_empty(snap_compare: SnapCompare, db_path: Path, size: Any) -> None:
    assert snap_compare(app_for(db_path), terminal_size=size, run_before=then())


@pytest.mark.parametrize("size", SIZES)
def test_meetings_demo(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    assert snap_compare(app_for(db_path), terminal_size=size, run_before=then())


@pytest.mark.parametrize("size", SIZES)
def test_meeting_form(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    assert snap_compare(app_for(db_path), terminal_size=size, run_before=then("n"))


@pytest.mark.parametrize("size", SIZES)
def test_setup_attendance(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    assert snap_compare(app_for(db_path), terminal_size=size, run_before=then("s"))


@pytest.mark.parametrize("size", SIZES)
def test_setup_agenda(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    assert snap_compare(app_for(db_path), terminal_size=size, run_before=then("s", "3"))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: SnapCompare, db_path: Path, size: Any) -> None:
    assert snap_compare(app_for(db_path), terminal_size=size, run_before=then("f1"))


@pytest.mark.parametrize("size", SIZES)
def test_help_from_setup(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    """F1 opens at the keys of the screen it was pressed on: Setup's come first."""
    assert snap_compare(app_for(db_path), terminal_size=size, run_before=then("s", "f1"))
