"""The help screen is built from the screens' own key bindings, and F1 / the palette open it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import Static

from panel_minutes.models.store import Store
from panel_minutes.screens.help import HelpScreen, key_name, keys_of, sections
from panel_minutes.screens.meetings import MeetingsScreen
from panel_minutes.screens.setup import AgendaTable, AttendanceTable, SetupScreen
from panel_minutes.tui.app import PanelMinutesApp, make_app
from tests.support import settle as settle


def help_text(screen: HelpScreen) -> str:
    """All the text of the help page, as plain text."""
    from io import StringIO

    from rich.console import Console

    console = Console(width=120, record=True, file=StringIO())
    for static in screen.query(".help-section").results(Static):
        console.print(static.content)
    return console.export_text()


def test_key_names_read_like_a_keyboard() -> None:
    assert key_name("ctrl+s") == "Ctrl+S"
    assert key_name("shift+up") == "Shift+↑"
    assert key_name("delete") == "Del"
    assert key_name("slash") == "/"
    assert key_name("f1") == "F1"
    assert key_name("n") == "n"
    assert [k.keys for k in keys_of([Binding("delete,x", "delete", "Delete")])] == ["Del / x"]


def test_every_screen_and_its_widgets_have_a_section() -> None:
    titles = [s.title for s in sections(PanelMinutesApp)]
    assert titles[0] == "Everywhere"
    for expected in ("Meetings (the first screen)", "New or edit meeting", "Setup",
                     "Setup: Attendance tab", "Setup: Declarations tab", "Setup: Agenda tab",
                     "Yes/no question", "One-line question", "Deleted entries"):
        assert expected in titles
    by_title = {s.title: s for s in sections(PanelMinutesApp)}
    described = {k.what for k in by_title["Setup: Agenda tab"].keys}
    assert described == {
        b.description for b in AgendaTable.BINDINGS if isinstance(b, Binding)
    }
    space = next(k for k in by_title["Setup: Attendance tab"].keys if k.keys == "Space")
    assert space.what == "Status" and "apologies" in space.more


async def test_f1_opens_help_listing_every_meetings_key(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A key added to a screen appears in the help without anyone editing the help.
    extra = Binding("z", "zoom", "Zoom the list", tooltip="A key that did not exist before")
    monkeypatch.setattr(MeetingsScreen, "BINDINGS", [*MeetingsScreen.BINDINGS, extra])
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        text = help_text(screen)
        for binding in MeetingsScreen.BINDINGS:
            assert isinstance(binding, Binding)
            assert binding.description in text
        assert "Zoom the list" in text and "A key that did not exist before" in text
        for binding in AttendanceTable.BINDINGS:
            assert isinstance(binding, Binding)
            assert binding.description in text
        await pilot.press("f1")  # F1 again does not stack a second help
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)


async def test_palette_offers_help_and_keys_kept_out_of_the_footer(
    demo: tuple[Store, int], db_path: Path
) -> None:
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Help (F1)" in titles
        assert "New (n)" in titles
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        # "Arrived at" is not in the crowded footer but has a tooltip: the palette has it.
        assert "Arrived at (t)" in titles
        assert "Go live (g)" in titles

        # Through the palette itself: ctrl+p, type, Enter.
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Help (F1)")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
