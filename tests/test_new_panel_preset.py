"""Issue 14, HS-A point 2: a new panel starts from a house style preset the clerk picks as the
new meeting's form is saved (today's default highlighted); Escape on the picker saves nothing.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from panel_minutes.models.domain import Numbering
from panel_minutes.models.house_style import DEFAULT, preset
from panel_minutes.models.store import Store
from panel_minutes.screens.meeting_form import MeetingFormScreen
from panel_minutes.screens.meetings import MeetingsScreen
from panel_minutes.screens.pickers import ChoiceScreen
from tests.support import app_for, settle, wait_for


async def _form_with_new_panel(pilot: Pilot[None]) -> MeetingFormScreen:
    await settle(pilot)
    await pilot.press("n")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, MeetingFormScreen), "the form")
    form = pilot.app.screen
    assert isinstance(form, MeetingFormScreen)
    await wait_for(pilot, lambda: form.loaded, "the form's panels")
    form.query_one("#new-panel", Input).value = "Ashwell Parish Council"
    form.query_one("#venue", Input).value = "Village Hall"
    return form


def _panels(db_path: Path) -> list[tuple[str, object, object]]:
    store = Store(str(db_path))
    try:
        return [(p.name, p.style, p.numbering) for p in store.list_panels()]
    finally:
        store.close()


async def test_a_new_panel_from_the_parish_preset(db_path: Path) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _form_with_new_panel(pilot)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the presets")
        choices = app.screen.query_one(OptionList)
        assert [str(choices.get_option_at_index(n).prompt) for n in range(3)] == [
            "panel-minutes default", "Police and Crime Panel", "Parish or town council"]
        assert choices.highlighted == 0  # today's default
        await pilot.press("down", "down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingsScreen), "the meetings")
        await settle(pilot)
    assert _panels(db_path) == [
        ("Ashwell Parish Council", preset("parish").style, Numbering.RUNNING)]


async def test_the_default_preset_and_escape(db_path: Path) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        form = await _form_with_new_panel(pilot)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the presets")
        await pilot.press("escape")  # back to the form, with what was typed; nothing written
        await wait_for(pilot, lambda: app.screen is form, "the form")
        assert form.query_one("#new-panel", Input).value == "Ashwell Parish Council"
        assert _panels(db_path) == []
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the presets")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingsScreen), "the meetings")
        await settle(pilot)
    assert _panels(db_path) == [("Ashwell Parish Council", DEFAULT, Numbering.PER_ITEM)]
