"""Business raised on the day: the clerk adds an agenda item from the live screen (Ins)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input

from panel_minutes.models.store import Store
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.tui.app import make_app
from tests.test_live_support import FakeClock, file_text, open_live, settle


async def test_ins_adds_an_item_after_the_current_one_and_files_into_it(db_path: Path) -> None:
    setup = Store(str(db_path))
    panel = setup.create_panel("Fernbrook Police and Crime Panel")
    meeting = setup.create_meeting(panel.id, date(2027, 2, 2), standing_agenda=False)
    setup.close()

    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting.id, FakeClock())
        store = app.store
        # An empty agenda: the screen says which key adds an item.
        assert "Ins" in str(screen.entry_list.border_title)

        await pilot.press("insert")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        prompt.query_one(Input).value = "Urgent business: flooding response"
        await pilot.press("enter")
        await settle(pilot, screen)
        assert [i.title for i in store.list_items(meeting.id)] == [
            "Urgent business: flooding response"
        ]
        first = store.list_items(meeting.id)[0]
        assert screen.current_id == first.id
        assert screen.numbers[first.id] == "1"  # numbered as it will be exported, at once

        await file_text(pilot, screen, "The Chair agreed to take the item as urgent business.")
        assert [e.text for e in store.list_entries(first.id)] == [
            "The Chair agreed to take the item as urgent business."
        ]

        # A second item goes after the current one, not at the end of the agenda.
        screen.go_to(first.id)
        await pilot.press("insert")
        await pilot.pause()
        app.screen.query_one(Input).value = "Exclusion of the press and public"
        await pilot.press("enter")
        await settle(pilot, screen)
        items = store.list_items(meeting.id)
        assert [i.title for i in items] == [
            "Urgent business: flooding response", "Exclusion of the press and public"
        ]
        assert [screen.numbers[i.id] for i in items] == ["1", "2"]

        # Undo (F9) takes the added item away again.
        await pilot.press("f9")
        await settle(pilot, screen)
        assert [i.title for i in store.list_items(meeting.id)] == [
            "Urgent business: flooding response"
        ]
