"""The audit trail by keys: an entry filed and then edited in the live screen shows, with ``h``
on the selected entry, every change (text before, text after, when), oldest first."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from rich.console import Console, ConsoleRenderable, RichCast
from textual.widgets import Static

from panel_minutes.models.domain import EntryKind
from panel_minutes.models.store import Store
from panel_minutes.screens.live import LiveScreen
from panel_minutes.screens.revisions import RevisionsScreen
from panel_minutes.tui.app import make_app
from tests.support import STANDING_WITH_ACTION_LOG, write_panel
from tests.test_live_support import open_live
from tests.test_screen_between_support import TODAY, screen_is, settle, wait_for


def plain(renderable: object) -> str:
    assert isinstance(renderable, ConsoleRenderable | RichCast | str)
    """A Static's content as the text a reader sees."""
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


FILED = "The Commissioner presented the quarterly performance report."
FIRST_EDIT = "The Commissioner presented the third quarter's performance report."
SECOND_EDIT = "The Chief Executive presented the third quarter's performance report."


async def test_revisions_of_an_edited_entry(db_path: Path) -> None:
    store = Store(str(db_path))
    panel = write_panel(store, standing=STANDING_WITH_ACTION_LOG)
    meeting = store.create_meeting(panel.panel_id, date(2027, 3, 9)).id
    item = store.list_items(meeting)[0]
    entry = store.add_entry(item.id, EntryKind.PARAGRAPH, FILED).id
    store.close()
    app = make_app(str(db_path))
    app.fixed_today = TODAY
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        live = await open_live(app, pilot, meeting)
        for text in (FIRST_EDIT, SECOND_EDIT):
            await pilot.press("ctrl+l", "e")
            await settle(pilot)
            area = live.composer.text_area
            assert area.text == live.entries[item.id][0].text
            area.load_text(text)
            await pilot.press("enter")
            await live.wait_idle()
            await settle(pilot)
        assert app.store.get_entry(entry).text == SECOND_EDIT

        await pilot.press("ctrl+l", "h")
        await screen_is(pilot, RevisionsScreen)
        dialog = app.screen
        assert isinstance(dialog, RevisionsScreen)
        await wait_for(pilot, lambda: dialog.revisions is not None, "the revisions")
        assert dialog.revisions is not None
        assert [(r.old_text, r.new_text) for r in dialog.revisions] == [
            (FILED, FIRST_EDIT), (FIRST_EDIT, SECOND_EDIT),
        ]
        shown = plain(dialog.query_one("#revisions", Static).content)
        assert "2 changes, oldest first." in shown
        assert shown.index(FILED) < shown.index(SECOND_EDIT)
        await pilot.press("escape")
        await screen_is(pilot, LiveScreen)


async def test_an_entry_never_changed_says_so(db_path: Path) -> None:
    store = Store(str(db_path))
    panel = write_panel(store, standing=STANDING_WITH_ACTION_LOG)
    meeting = store.create_meeting(panel.panel_id, date(2027, 3, 9)).id
    store.add_entry(store.list_items(meeting)[0].id, EntryKind.PARAGRAPH, FILED)
    store.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_live(app, pilot, meeting)
        await pilot.press("ctrl+l", "h")
        await screen_is(pilot, RevisionsScreen)
        dialog = app.screen
        assert isinstance(dialog, RevisionsScreen)
        await wait_for(pilot, lambda: dialog.revisions == [], "the revisions")
        assert "No changes" in plain(dialog.query_one("#revisions", Static).content)
