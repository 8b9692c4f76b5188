"""Issue 14, HS-A point 1 and 2: the panel's house style is edited from the keyboard in Panel
settings (tab 4), every setting shown in words; templates with a wrong placeholder are refused in
one line; stock phrases are added, edited, moved and deleted; a preset replaces the style and
the numbering after asking. Everything is written through the store and read back from it.
"""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable

from panel_minutes.models.domain import Numbering
from panel_minutes.models.house_style import (
    DEFAULT,
    HouseStyle,
    ParagraphNumbers,
    TimeStyle,
    numbering_year,
    preset,
)
from panel_minutes.models.store import Store
from panel_minutes.screens.confirm import ConfirmScreen
from panel_minutes.screens.house_style_tab import HouseStyleTable
from panel_minutes.screens.panel_settings import PanelSettingsScreen
from panel_minutes.screens.pickers import ChoiceScreen
from panel_minutes.screens.prompt import PromptScreen
from tests.support import TODAY, app_for, settle, wait_for, write_panel
from tests.test_screen_between_support import answer_prompt, screen_is


def style_of(db_path: Path, panel_id: int) -> HouseStyle:
    store = Store(str(db_path))
    try:
        return store.get_panel(panel_id).style
    finally:
        store.close()


async def open_tab(pilot: Pilot[None], panel_id: int) -> PanelSettingsScreen:
    await pilot.app.push_screen(PanelSettingsScreen(panel_id))
    await screen_is(pilot, PanelSettingsScreen)
    screen = pilot.app.screen
    assert isinstance(screen, PanelSettingsScreen)
    await wait_for(pilot, lambda: screen.data is not None, "the settings")
    await pilot.press("4")
    await settle(pilot)
    assert isinstance(pilot.app.focused, HouseStyleTable)
    return screen


async def on_row(pilot: Pilot[None], key: str) -> None:
    table = pilot.app.screen.query_one(HouseStyleTable)
    table.move_cursor(row=table.get_row_index(key), animate=False)
    await pilot.pause()


def row_text(table: DataTable[Any], key: str) -> str:
    return str(table.get_row(key)[1])


async def back_on_settings(pilot: Pilot[None]) -> None:
    await screen_is(pilot, PanelSettingsScreen)
    await settle(pilot)


async def test_every_setting_is_shown_and_each_kind_is_edited_by_keys(db_path: Path) -> None:
    setup = Store(str(db_path))
    panel_id = write_panel(setup).panel_id
    setup.close()
    app = app_for(db_path)
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await open_tab(pilot, panel_id)
        table = screen.query_one(HouseStyleTable)
        keys = [str(row.key.value) for row in table.ordered_rows]
        for field in fields(HouseStyle):
            if field.name != "phrases":
                assert f"style:{field.name}" in keys
        assert {"numbering", "first_number", "phrases"} <= set(keys)
        assert row_text(table, "style:times") == '24-hour clock: "10:30", "19:00"'

        # A choice: a picker with an example beside each choice.
        await on_row(pilot, "style:times")
        await pilot.press("enter")
        await screen_is(pilot, ChoiceScreen)
        await pilot.press("up", "enter")
        await back_on_settings(pilot)
        assert style_of(db_path, panel_id).times is TimeStyle.TWELVE
        assert "10.30 am" in row_text(table, "style:times")

        # Yes or no: Enter flips it.
        await on_row(pilot, "style:status_line")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not style_of(db_path, panel_id).status_line, "the flip")
        await settle(pilot)
        assert row_text(table, "style:status_line") == "Not shown"

        # A template: a wrong placeholder or unpaired braces are refused in one line.
        await on_row(pilot, "style:closing_template")
        await pilot.press("enter")
        await screen_is(pilot, PromptScreen)
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        await answer_prompt(pilot, "The meeting closed at {tme}.")
        assert prompt.error == "Unknown placeholder {tme}: this one knows {time}."
        await answer_prompt(pilot, "The meeting closed at {time.")
        assert prompt.error.startswith("The braces do not pair up")
        assert app.screen is prompt
        await answer_prompt(pilot, "The meeting closed at {time}.")
        await back_on_settings(pilot)
        assert style_of(db_path, panel_id).closing_template == "The meeting closed at {time}."

        # A line break in a template is typed \n.
        await on_row(pilot, "style:signature_template")
        await pilot.press("enter")
        typed = await answer_prompt(pilot)
        assert typed == DEFAULT.signature_template.replace("\n", "\\n")
        await back_on_settings(pilot)
        assert style_of(db_path, panel_id).signature_template == DEFAULT.signature_template

        # The month the numbering year starts.
        await on_row(pilot, "style:year_start_month")
        await pilot.press("enter")
        await screen_is(pilot, ChoiceScreen)
        await pilot.press("down", "down", "down", "down", "enter")
        await back_on_settings(pilot)
        assert style_of(db_path, panel_id).year_start_month == 5
        assert row_text(table, "style:year_start_month").startswith("May (the municipal year")

        # The numbering and the first number of this (municipal) year.
        await on_row(pilot, "numbering")
        await pilot.press("enter")
        await screen_is(pilot, ChoiceScreen)
        await pilot.press("down", "enter")
        await back_on_settings(pilot)
        await on_row(pilot, "first_number")
        assert str(table.get_row("first_number")[0]) == "First number of 2026/27"
        await pilot.press("enter")
        await answer_prompt(pilot, "0")
        assert isinstance(app.screen, PromptScreen)
        assert app.screen.error == "Type a whole number from 1 to 99999."
        await answer_prompt(pilot, "107")
        await back_on_settings(pilot)
        store = Store(str(db_path))
        assert store.get_panel(panel_id).numbering is Numbering.RUNNING
        assert store.first_minute_number(panel_id, numbering_year(TODAY, 5)) == 107
        store.close()
        assert row_text(table, "first_number") == "107"


async def test_stock_phrases_are_added_edited_moved_and_deleted(db_path: Path) -> None:
    setup = Store(str(db_path))
    panel_id = write_panel(setup).panel_id
    setup.close()
    app = app_for(db_path)
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await open_tab(pilot, panel_id)
        table = screen.query_one(HouseStyleTable)
        await pilot.press("a")
        await answer_prompt(pilot, "{presenter} introduced the report.")
        await back_on_settings(pilot)
        await pilot.press("a")
        await screen_is(pilot, PromptScreen)
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        await answer_prompt(pilot, "The {chairman} welcomed everyone.")
        assert prompt.error.startswith("Unknown placeholder {chairman}")
        await answer_prompt(pilot, "The Chair, {chair}, welcomed everyone at {now}.")
        await back_on_settings(pilot)
        assert style_of(db_path, panel_id).phrases == (
            "{presenter} introduced the report.",
            "The Chair, {chair}, welcomed everyone at {now}.",
        )
        await on_row(pilot, "phrase:1")
        await pilot.press("shift+up")
        await wait_for(pilot, lambda: style_of(db_path, panel_id).phrases[0].startswith("The"),
                       "the move")
        await settle(pilot)
        assert table.cursor_row == table.get_row_index("phrase:0")
        await pilot.press("enter")
        await answer_prompt(pilot, "The Chair, {chair}, opened the meeting at {now}.")
        await back_on_settings(pilot)
        await on_row(pilot, "phrase:1")
        await pilot.press("x")
        await screen_is(pilot, ConfirmScreen)
        await pilot.press("y")
        await back_on_settings(pilot)
        assert style_of(db_path, panel_id).phrases == (
            "The Chair, {chair}, opened the meeting at {now}.",
        )
        assert row_text(table, "phrase:0") == "The Chair, {chair}, opened the meeting at {now}."


async def test_a_preset_replaces_the_style_and_numbering_after_asking(db_path: Path) -> None:
    setup = Store(str(db_path))
    panel_id = write_panel(setup).panel_id
    mine = replace(DEFAULT, paragraph_numbers=ParagraphNumbers.BRACKETS, phrases=("Noted.",))
    setup.update_panel(panel_id, style=mine)
    setup.close()
    app = app_for(db_path)
    async with app.run_test(size=(120, 50)) as pilot:
        await open_tab(pilot, panel_id)
        await pilot.press("p")
        await screen_is(pilot, ChoiceScreen)
        await pilot.press("down", "down", "enter")  # default, pcp, parish
        await screen_is(pilot, ConfirmScreen)
        await pilot.press("n")  # nothing changes without a yes
        await back_on_settings(pilot)
        assert style_of(db_path, panel_id) == mine
        await pilot.press("p")
        await screen_is(pilot, ChoiceScreen)
        await pilot.press("down", "down", "enter")
        await screen_is(pilot, ConfirmScreen)
        await pilot.press("y")
        await back_on_settings(pilot)
        store = Store(str(db_path))
        panel = store.get_panel(panel_id)
        store.close()
        assert panel.style == replace(preset("parish").style, phrases=("Noted.",))
        assert panel.numbering is Numbering.RUNNING
