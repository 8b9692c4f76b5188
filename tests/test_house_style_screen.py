"""The live screen in the panel's house style (issue 14): entries worded and numbered as the
exported minutes print them, and sub-items indented in the agenda with their numbers."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from textual.widgets import Input

from panel_minutes.models.domain import EntryKind, Numbering, Outcome
from panel_minutes.models.export.markdown import render_markdown
from panel_minutes.models.house_style import HouseStyle, preset
from panel_minutes.models.store import Store
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.screens.setup import AgendaTable
from panel_minutes.tui.app import PanelMinutesApp
from panel_minutes.tui.widgets.agenda import AgendaList
from panel_minutes.tui.widgets.entries import EntryList
from panel_minutes.tui.widgets.gutter import Gutter
from tests.support import app_for, notices, settle
from tests.test_live_support import open_live
from tests.test_screen_setup import go_to_row, open_setup


def as_read(line: str) -> str:
    """A Markdown line as read: emphasis marks and backslash escapes taken out."""
    line = line.replace("**", "").replace("*(", "(").replace(")*", ")")
    return re.sub(r"\\(.)", r"\1", line)


def _meeting(db_path: Path, style: HouseStyle, numbering: Numbering) -> tuple[int, int, str]:
    """A meeting whose second item has a sub-item and entries of each kind; its export."""
    store = Store(str(db_path))
    try:
        panel = store.create_panel("Fenwick Marsh Parish Council", numbering=numbering,
                                   style=style)
        meeting = store.create_meeting(panel.id, date(2026, 6, 3), start_time="19:00",
                                       standing_agenda=False, prefill_attendance=False)
        store.add_item(meeting.id, "Apologies for absence")
        item = store.add_item(meeting.id, "Finance")
        store.add_item(meeting.id, "Payments", level=1)
        store.add_entry(item.id, EntryKind.PARAGRAPH, "The Clerk presented the payments.")
        store.add_entry(item.id, EntryKind.RESOLUTION, "that the payments be approved.",
                        proposer="Cllr Joan Whitlock", seconder="Cllr Alan Brightwell",
                        outcome=Outcome.UNANIMOUS)
        store.add_entry(item.id, EntryKind.PROCEDURE, "Cllr Ravi Sandhu left the room",
                        at_time="20:15")
        exported = render_markdown(store.load_document(meeting.id))
        return meeting.id, item.id, exported
    finally:
        store.close()


async def _screen_rows(db_path: Path, meeting_id: int, item_id: int) -> tuple[
    list[tuple[str, str]], list[str]
]:
    app = PanelMinutesApp(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        live = await open_live(app, pilot, meeting_id)
        await live.all_loaded.wait()
        live.go_to(item_id)
        await settle(pilot, live)
        rows: list[tuple[str, str]] = []
        entry_list = live.query_one(EntryList)
        for index in range(entry_list.option_count):
            prompt = entry_list.get_option_at_index(index).prompt
            line = getattr(prompt, "renderable", prompt)
            assert isinstance(line, Gutter)
            rows.append((line.cells[0].text.plain, line.body.plain))
        agenda = live.query_one(AgendaList)
        numbers = []
        for index in range(agenda.option_count):
            prompt = agenda.get_option_at_index(index).prompt
            line = getattr(prompt, "renderable", prompt)
            assert isinstance(line, Gutter)
            numbers.append(line.cells[1].text.plain)
    return rows, numbers


async def test_parish_style_on_screen_reads_as_exported(db_path: Path) -> None:
    meeting_id, item_id, exported = _meeting(db_path, preset("parish").style, Numbering.RUNNING)
    rows, numbers = await _screen_rows(db_path, meeting_id, item_id)
    assert numbers == ["1/26.", "2/26.", "  2/26a."]
    words = [body for _label, body in rows]
    # no paragraph numbers: the screen shows the kind's tag, the export no number at all
    assert "**2/26 Finance.** The Clerk presented the payments." in exported
    assert words[0] == "The Clerk presented the payments."
    resolution = next(
        as_read(line) for line in exported.split("\n\n") if as_read(line).startswith("RESOLVED")
    )
    assert words[1] == resolution
    assert words[1] == (
        "RESOLVED: That the payments be approved. (Cllr Joan Whitlock proposed, Cllr Alan "
        "Brightwell seconded, all were in favour)"
    )
    assert f"\n\n{words[1]}\n\n" in exported  # plain in the parish style: no markup at all
    assert "Cllr Ravi Sandhu left the room at 8.15 pm." in exported
    assert words[2] == "Cllr Ravi Sandhu left the room at 8.15 pm."


async def test_pcp_style_on_screen_numbers_paragraphs_as_exported(db_path: Path) -> None:
    meeting_id, item_id, exported = _meeting(db_path, preset("pcp").style, Numbering.PER_ITEM)
    rows, numbers = await _screen_rows(db_path, meeting_id, item_id)
    assert numbers == ["1.", "2.", "  2a."]
    assert rows[0] == ("(1)", "The Clerk presented the payments.")
    assert "(1) The Clerk presented the payments." in exported
    assert rows[2] == ("(2)", "Cllr Ravi Sandhu left the room at 8.15 pm.")
    assert "(2) Cllr Ravi Sandhu left the room at 8.15 pm." in exported
    assert "#### 2a. Payments" in exported


# --- the agenda tab: sub-items and an item's own number ------------------------------------------


async def test_agenda_keys_make_sub_items_and_set_an_items_number(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, mid = demo
    app = app_for(db_path)

    def levels() -> list[int]:
        return [i.level for i in store.list_items(mid)]

    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_setup(pilot)
        await pilot.press("3")
        await pilot.pause()
        table = screen.query_one(AgendaTable)
        await go_to_row(pilot, AgendaTable, 0)
        await pilot.press(">")  # the first item has nothing above it
        await settle(pilot)
        assert levels()[0] == 0
        assert any("no item above it" in n for n in notices(app))
        await go_to_row(pilot, AgendaTable, 2)
        await pilot.press(">")
        await settle(pilot)
        assert levels()[:3] == [0, 0, 1]
        assert str(table.get_row_at(2)[0]) == "2a."
        assert str(table.get_row_at(2)[1]).startswith("  ")
        await go_to_row(pilot, AgendaTable, 2)
        await pilot.press("<")
        await settle(pilot)
        assert levels()[:3] == [0, 0, 0]
        await go_to_row(pilot, AgendaTable, 1)
        await pilot.press("n")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        prompt.query_one(Input).value = "5a"
        await pilot.press("enter")
        await settle(pilot)
        assert store.list_items(mid)[1].number_label == "5a"
        assert str(table.get_row_at(1)[0]) == "5a."
