"""The screens that record attendance notes, the public count, shared declarations, exempt bases
and summaries, and the live key that offers the exclusion resolution (issue 14), driven by keys.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, SelectionList, TextArea

from panel_minutes.models.composer_modes import Mode
from panel_minutes.models.domain import EntryKind
from panel_minutes.models.exempt import ACT_1960, BASES, exclusion_wording
from panel_minutes.models.store import Store
from panel_minutes.screens.declaration_form import DeclarationFormScreen
from panel_minutes.screens.item_form import ItemFormScreen
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.screens.setup import AgendaTable, AttendanceTable, DeclarationsTable, SetupScreen
from tests.support import app_for, settle
from tests.test_exempt_on_screen import meeting_with_part_2
from tests.test_screen_setup import go_to_row, open_setup


async def answer(pilot: object, app: object, text: str) -> PromptScreen:
    prompt = app.screen  # type: ignore[attr-defined]
    assert isinstance(prompt, PromptScreen), prompt
    prompt.query_one(Input).value = text
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    return prompt


async def test_attendance_note_and_public_count_keys(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, mid = demo
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_setup(pilot)
        await go_to_row(pilot, AttendanceTable, 2)
        record = screen.current_attendance()
        assert record is not None
        await pilot.press("n")
        await settle(pilot)
        await answer(pilot, app, "work commitment")
        assert isinstance(app.screen, SetupScreen)
        saved = next(a for a in store.list_attendance(mid) if a.id == record.id)
        assert saved.note == "work commitment"
        table = screen.query_one(AttendanceTable)
        assert "(work commitment)" in str(table.get_row_at(2)[-1])

        await pilot.press("u")
        await settle(pilot)
        prompt = await answer(pilot, app, "four")
        assert "whole number" in prompt.error and app.screen_stack[-1] is prompt  # kept
        await answer(pilot, app, "4")
        assert store.get_meeting(mid).public_count == 4
        assert "four members of the public" in str(screen.query_one("#meeting-line").render())


async def test_declaration_form_picks_several_members_and_items(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, mid = demo
    items = store.list_items(mid)
    rural = next(i for i in items if "rural" in i.title)
    plan = next(i for i in items if "work programme" in i.title.lower())
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_setup(pilot)
        await pilot.press("2", "a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DeclarationFormScreen)
        raman = next(p for p in form.people if p.name == "Priya Raman")
        lloyd = next(p for p in form.people if p.name == "Gareth Lloyd")
        form.query_one("#person", Select).value = raman.id
        form.query_one("#item", Select).value = rural.id
        people = form.query_one("#more-people", SelectionList)
        people.focus()
        people.highlighted = next(
            n for n in range(people.option_count) if people.get_option_at_index(n).value == lloyd.id
        )
        await pilot.press("space")  # tick a second member
        form.query_one("#more-items", SelectionList).select(plan.id)
        form.query_one("#text", TextArea).text = "that they are members of the Farmers' Union."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        added = store.list_declarations(mid)[-1]
        assert [p.id for p in added.people] == [raman.id, lloyd.id]
        assert added.item_ids == (rural.id, plan.id)
        table = app.screen.query_one(DeclarationsTable)
        assert str(table.get_row_at(table.row_count - 1)[0]) == "Cllr Raman and Cllr Lloyd"


async def test_item_form_picks_a_standard_basis_and_keeps_a_public_summary(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, mid = demo
    index, exempt = next((n, i) for n, i in enumerate(store.list_items(mid)) if i.exempt)
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_setup(pilot)
        await pilot.press("3")
        await pilot.pause()
        await go_to_row(pilot, AgendaTable, index)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ItemFormScreen)
        form.query_one("#basis-choice", Select).value = ACT_1960
        await pilot.pause()
        assert form.query_one("#basis", Input).value == ACT_1960
        form.query_one("#public-summary", Input).value = "The Panel noted the outcome."
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = store.get_item(exempt.id)
        assert (saved.exempt_basis, saved.public_summary) == (
            ACT_1960, "The Panel noted the outcome.")


async def test_alt_x_offers_the_exclusion_resolution_and_enter_files_it(db_path: Path) -> None:
    from tests.test_live_support import FakeClock, open_live

    store, meeting_id = meeting_with_part_2(db_path)
    items = store.list_items(meeting_id)
    exempt = next(i for i in items if i.exempt)
    store.update_item(exempt.id, exempt_basis=BASES[0].text)
    before = items[items.index(exempt) - 1]
    store.close()
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        live = await open_live(app, pilot, meeting_id, FakeClock())
        await pilot.press("ctrl+g", str(before.position + 1), "enter")
        await pilot.pause()
        await live.all_loaded.wait()
        assert live.current_id == before.id
        await pilot.press("alt+x")
        await pilot.pause()
        wording = exclusion_wording([BASES[0].text])
        assert live.composer.mode is Mode.RESOLUTION
        assert live.composer.text_area.text == wording
        check = Store(str(db_path))
        try:
            assert check.list_entries(before.id) == []  # seen, not filed
            await pilot.press("enter")
            await settle(pilot, live)
            [filed] = check.list_entries(before.id)
            assert (filed.kind, filed.text) == (EntryKind.RESOLUTION, wording)
        finally:
            check.close()
        # with typed text in the composer, nothing is replaced
        live.composer.text_area.insert("The Chair thanked")
        await pilot.press("alt+x")
        await pilot.pause()
        assert live.composer.text_area.text == "The Chair thanked"
