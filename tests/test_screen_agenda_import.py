"""The setup screen's agenda tab imports an agenda file with `i` (asks for the path)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from panel_minutes.models.store import Store
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.screens.setup import AgendaTable, SetupScreen
from tests.support import app_for, notices, settle


async def test_i_imports_an_agenda_file_and_a_bad_file_says_why(
    demo: tuple[Store, int], db_path: Path, tmp_path: Path
) -> None:
    store, mid = demo
    before = [i.title for i in store.list_items(mid)]
    bad = tmp_path / "agenda.docx"
    bad.write_text("1. Not really Word\n")
    good = tmp_path / "agenda.md"
    good.write_text("# Agenda\n\n1. Estates review\n   - Larkhill depot\n2. Part 2: staffing [exempt]\n")
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        await pilot.press("3", "i")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        prompt.query_one(Input).value = str(bad)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)  # refused: the path stays to correct
        assert "agenda.docx" in prompt.error and "not a Word document" in prompt.error
        assert [i.title for i in store.list_items(mid)] == before
        prompt.query_one(Input).value = str(good)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not prompt and isinstance(app.screen, SetupScreen)
        assert screen.query_one(AgendaTable).row_count == len(before) + 3
        assert any("Imported 3 agenda items from agenda.md" in n for n in notices(app))
    items = store.list_items(mid)
    assert [(i.title, i.level, i.exempt) for i in items[len(before):]] == [
        ("Estates review", 0, False), ("Larkhill depot", 1, False), ("Part 2: staffing", 0, True),
    ]


async def test_a_path_pasted_in_quotes_from_a_file_manager_is_read(
    demo: tuple[Store, int], db_path: Path, tmp_path: Path
) -> None:
    """Walkthrough: a file dragged onto the terminal arrives as `'/path/agenda.md' `; the clerk
    was told "There is no file '/path/agenda.md'", which looked like the right path."""
    store, mid = demo
    folder = tmp_path / "My Documents"
    folder.mkdir()
    good = folder / "agenda.md"
    good.write_text("1. Estates review\n2. Budget\n")
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("3", "i")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        asked: PromptScreen = prompt
        asked.query_one(Input).value = f"'{good}' "
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not asked, asked.error
        assert any("Imported 2 agenda items from agenda.md" in n for n in notices(app))
    assert [i.title for i in store.list_items(mid)][-2:] == ["Estates review", "Budget"]
