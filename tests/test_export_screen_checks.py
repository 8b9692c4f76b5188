"""The export screen shows the checks before publishing, and warns when a written public file
holds exempt words (warnings: the file is still written)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from panel_minutes.models.domain import EntryKind
from panel_minutes.models.store import Store
from panel_minutes.screens.export import ExportScreen
from tests.support import app_for, notices, settle, wait_for
from tests.test_checks import SECRET, meeting


async def test_the_checks_show_under_the_formats_and_c_shows_them_all(
    db_path: Path, tmp_path: Path
) -> None:
    store = Store(str(db_path))
    meeting_id, ids = meeting(store)
    store.add_item(meeting_id, "Any other business")
    store.add_entry(ids["report"], EntryKind.PARAGRAPH, f"A member said that {SECRET}.")
    store.close()
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ExportScreen(meeting_id))
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        await wait_for(pilot, lambda: screen.rendered.is_set(), "minutes rendered")
        shown = str(screen.query_one("#export-checks", Static).render())
        assert "3 warnings (1 leak, 1 empty item, 1 draft)" in shown
        assert "words of exempt item 2 appear" in shown and "Any other business" not in shown
        await pilot.press("c")
        await settle(pilot)
        shown = str(screen.query_one("#export-checks", Static).render())
        assert "Any other business" in shown and "still a draft" in shown

        target = tmp_path / "public.txt"
        await pilot.press("t", "t", "t", "t", "w")  # md -> docx -> html -> pdf -> text
        await settle(pilot)
        prompt = app.screen
        prompt.query_one("Input").value = str(target)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("Warning:" in n for n in notices(app)), "a warning")
        assert target.exists()
        assert any("Plain text" in n and "exempt item 2" in n for n in notices(app))
