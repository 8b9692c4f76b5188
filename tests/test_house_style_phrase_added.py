"""Walkthrough: a clerk pressed `a` in the House style tab, typed a stock phrase and pressed
Enter; the highlight stayed at the top of the long list, so the new phrase, at the bottom, was
out of sight and the clerk could not tell it had been added. The highlight follows it now."""

from __future__ import annotations

from pathlib import Path

from panel_minutes.models.store import Store
from panel_minutes.screens.house_style_tab import HouseStyleTable
from tests.support import app_for, settle, wait_for, write_panel
from tests.test_house_style_settings import open_tab, style_of
from tests.test_screen_between_support import answer_prompt


async def test_a_phrase_just_added_is_highlighted(db_path: Path) -> None:
    setup = Store(str(db_path))
    panel_id = write_panel(setup).panel_id
    setup.close()
    app = app_for(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_tab(pilot, panel_id)
        table = screen.query_one(HouseStyleTable)
        await pilot.press("a")
        await answer_prompt(pilot, "The Chair, {chair}, welcomed everyone at {now}.")
        await wait_for(pilot, lambda: len(style_of(db_path, panel_id).phrases) == 1, "the save")
        await wait_for(pilot, lambda: table.get_row_index("phrase:0") >= 0, "the new row")
        await settle(pilot)
        assert table.cursor_row == table.get_row_index("phrase:0")
        assert table.scroll_offset.y > 0  # scrolled down to it: the last row of a long list
