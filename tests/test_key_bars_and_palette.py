"""Key bars, F1 and the command palette (issue 13, points 7 and 8), driven by keys.

7: every bar lists the keys the screen has (Meetings a / p / u / ctrl+f, Setup t / l / c / m / g,
the entries list r / h), the most used first, and ends in "F1 all keys" when cut; F1 opens at the
keys of the screen it was pressed on. 8: the palette finds every command of the screen from
anywhere on it ("Deleted entries" from the composer). The pictures are in
test_screen_snapshots.py; the bar's order and cut in test_keybar.py.
"""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Static

from panel_minutes.models.store import Store
from panel_minutes.screens.deleted import DeletedEntriesScreen
from panel_minutes.screens.help import HelpScreen
from panel_minutes.screens.live import LiveScreen
from panel_minutes.screens.setup import SetupScreen
from panel_minutes.tui.widgets.keybar import KeyBar
from tests.support import wait_for
from tests.test_live_support import open_live, prepare_meeting, write_meeting, write_panel
from tests.test_screen_setup import app_for, open_setup, settle


def bar(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one(KeyBar).render())


def palette_first(pilot: Pilot[None]) -> str:
    """The command the open palette offers first ("" before it has found any)."""
    lists = pilot.app.screen.query(CommandList)
    if not lists or lists.first().option_count == 0:
        return ""
    return str(lists.first().get_option_at_index(0).prompt)


def first_help_section(pilot: Pilot[None]) -> str:
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    sections = screen.query(".help-section").results()
    section = next(iter(sections))
    assert isinstance(section, Static)
    table = section.content
    assert isinstance(table, Table)
    return str(table.title)


async def test_every_bar_lists_the_screens_keys_and_f1_opens_at_them(
    demo: tuple[Store, int], db_path: Path
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # the September meeting, approved: u applies
        await settle(pilot)
        text = bar(pilot)
        for shown in ("a Action log", "p Panel settings", "u Undo approval"):
            assert shown in text, (shown, text)
        await pilot.press("up", "f1")
        await settle(pilot)
        assert first_help_section(pilot) == "Meetings (the first screen)"
        await pilot.press("escape")
        setup = await open_setup(pilot)
        text = bar(pilot)
        for shown in ("t Arrived at", "l Left at", "c Capacity"):
            assert shown in text, (shown, text)
        await pilot.press("2")
        await settle(pilot)
        text = bar(pilot)
        for shown in ("m Meeting details", "g Go live", "^F Search"):
            assert shown in text, (shown, text)
        await pilot.press("f1")
        await settle(pilot)
        assert first_help_section(pilot) == "Setup"
        await pilot.press("escape", "g")
        await settle(pilot)
        live = app.screen
        assert isinstance(live, LiveScreen) and app.screen_stack[-2] is setup
        await live.loaded.wait()
        await pilot.press("ctrl+l")
        await settle(pilot)
        text = bar(pilot)
        for shown in ("h Changes", "r Deleted entries"):
            assert shown in text, (shown, text)
        await pilot.press("f1")
        await settle(pilot)
        assert first_help_section(pilot) == "Live minutes"


async def test_a_cut_bar_ends_in_f1_all_keys(demo: tuple[Store, int], db_path: Path) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert bar(pilot).endswith("F1 all keys")
        await open_setup(pilot)
        assert bar(pilot).endswith("F1 all keys")
        assert isinstance(app.screen, SetupScreen)


async def test_the_palette_finds_deleted_entries_from_the_composer(db_path: Path) -> None:
    store = Store(str(db_path))
    cast = write_panel(store)
    meeting_id = write_meeting(store, cast)
    prepare_meeting(store, cast, meeting_id)
    store.close()
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        live = await open_live(app, pilot, meeting_id)
        assert app.focused is live.composer.text_area
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Deleted entries")
        await wait_for(pilot, lambda: palette_first(pilot).startswith("Deleted entries"),
                       "the palette's search")  # it searches in the background
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DeletedEntriesScreen)
