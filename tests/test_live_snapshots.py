"""Snapshots of the live minutes and export screens at 80x24 and 120x40.

The demo meeting, a frozen clock (10:31:05 on the meeting day) and cursors that do not blink keep
the pictures stable. Review a changed picture (``pytest --snapshot-update`` writes it; look at the
SVG) before accepting it. ``UPDATE_DOCS_SVG=1`` also rewrites ``docs/live-screen.svg`` for the
README from the question-mode picture at 120x40.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from panel_minutes.models.store import Store
from panel_minutes.screens.export import ExportScreen
from panel_minutes.screens.live import LiveScreen
from tests.support import app_for as app_for

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
SnapCompare = Callable[..., bool]
# After the demo's last item time (10:58): item times never overlap, so F8 cannot start an item
# at a time before it.
FROZEN = datetime(2026, 11, 17, 11, 1, 5)
DOCS_SVG = Path(__file__).parent.parent / "docs" / "live-screen.svg"


async def still(pilot: Pilot[None]) -> None:
    for widget in pilot.app.screen.query("Input, TextArea").results():
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()
    # Let the agenda finish scrolling the current item into view (it may animate), so the
    # picture does not depend on how fast this machine is.
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def live_then(meeting_id: int, *, question: bool, docs: bool = False
              ) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        app = pilot.app
        await app.wait_for_store()  # type: ignore[attr-defined]
        await pilot.pause()
        await app.push_screen(LiveScreen(meeting_id, clock=lambda: FROZEN))
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await screen.loaded.wait()
        # Every item's entries read (the second step of opening), so the picture never depends
        # on whether that step finished before or after the keys below on a busy machine.
        await screen.all_loaded.wait()
        # item 6 of the demo (forward work programme), started now: its clock shows 00:00
        screen.go_to(screen.items[5].id)
        await pilot.press("f8")
        assert await screen.wait_idle()
        if question:
            await pilot.press("f2", "tab", *"ell", "tab", "tab", *"whit", "tab")
            screen.composer.text_area.insert("whether the new rural crime officers would work "
                                             "weekends")
            await pilot.press("tab")
            screen.composer.answer_area.insert("they would, on a rota")
        else:
            screen.composer.text_area.insert("The Panel discussed the dates of the budget "
                                             "workshops")
        assert await screen.wait_idle()
        await still(pilot)
        if docs and os.environ.get("UPDATE_DOCS_SVG"):
            DOCS_SVG.parent.mkdir(exist_ok=True)
            app.save_screenshot(DOCS_SVG.name, str(DOCS_SVG.parent))

    return run


def export_then(meeting_id: int, *, full: bool) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        app = pilot.app
        await app.wait_for_store()  # type: ignore[attr-defined]
        await pilot.pause()
        await app.push_screen(ExportScreen(meeting_id))
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        await screen.rendered.wait()
        if full:
            await pilot.press("f")
            await pilot.pause(0.1)
            await screen.rendered.wait()
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES)
def test_live_paragraph(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    _store, meeting_id = demo
    assert snap_compare(app_for(db_path), terminal_size=size,
                        run_before=live_then(meeting_id, question=False))


@pytest.mark.parametrize("size", SIZES)
def test_live_question(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    _store, meeting_id = demo
    docs = size == (120, 40)
    assert snap_compare(app_for(db_path), terminal_size=size,
                        run_before=live_then(meeting_id, question=True, docs=docs))


@pytest.mark.parametrize("size", SIZES)
def test_export_public(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    _store, meeting_id = demo
    assert snap_compare(app_for(db_path), terminal_size=size,
                        run_before=export_then(meeting_id, full=False))


@pytest.mark.parametrize("size", SIZES)
def test_export_full(
    snap_compare: SnapCompare, demo: tuple[Store, int], db_path: Path, size: Any
) -> None:
    _store, meeting_id = demo
    assert snap_compare(app_for(db_path), terminal_size=size,
                        run_before=export_then(meeting_id, full=True))
