"""The setup screen (attendance, declarations, agenda), driven by keys on the demo database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, TabbedContent, TextArea

from panel_minutes.models.domain import DEFAULT_EXEMPT_BASIS, AttendanceStatus
from panel_minutes.models.store import Store
from panel_minutes.screens.confirm import ConfirmScreen
from panel_minutes.screens.declaration_form import DeclarationFormScreen
from panel_minutes.screens.item_form import ItemFormScreen, PasteItemsScreen
from panel_minutes.screens.pickers import ChoiceScreen, PersonPickerScreen
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.screens.setup import AgendaTable, AttendanceTable, DeclarationsTable, SetupScreen
from panel_minutes.tui.app import PanelMinutesApp
from tests.support import app_for as app_for
from tests.support import notices
from tests.support import settle as settle


async def open_setup(pilot: Pilot[None]) -> SetupScreen:
    """From the meetings list (the demo meeting is the newest, so highlighted) press s."""
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SetupScreen)
    return screen


async def go_to_row(pilot: Pilot[None], table_type: type[DataTable[Any]], index: int) -> None:
    table = pilot.app.screen.query_one(table_type)
    table.move_cursor(row=index, animate=False)
    await pilot.pause()


def status_of(store: Store, meeting_id: int, name: str) -> AttendanceStatus:
    return next(a.status for a in store.list_attendance(meeting_id) if a.person.name == name)


def notifications(app: PanelMinutesApp) -> list[str]:
    return notices(app)


async def test_space_cycles_a_member_through_present_apologies_absent(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, mid = demo
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_setup(pilot)
        assert screen.focused is screen.query_one(AttendanceTable)
        await go_to_row(pilot, AttendanceTable, 2)  # Cllr Priya Raman, present
        assert screen.current_attendance() is not None
        assert screen.current_attendance().person.name == "Priya Raman"  # type: ignore[union-attr]
        for expected in ("apologies", "absent", "present"):
            await pilot.press("space")
            await settle(pilot)
            assert status_of(store, mid, "Priya Raman").value == expected
            row = screen.query_one(AttendanceTable).get_row_at(2)
            assert str(row[1]).lower() == expected
        # A substitute is not a member: space leaves them alone and says why.
        await go_to_row(pilot, AttendanceTable, 7)
        await pilot.press("space")
        await settle(pilot)
        assert status_of(store, mid, "Lucy Dunmore") is AttendanceStatus.SUBSTITUTE
        assert any("press x to remove" in m for m in notifications(app))


async def test_add_substitute_for_a_member_as_a_new_person(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, mid = demo
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_setup(pilot)
        await pilot.press("s")
        await settle(pilot)
        choice = app.screen
        assert isinstance(choice, ChoiceScreen)
        labels = [label for label, _ in choice.choices]
        assert "Cllr Martin Fenwick (apologies)" not in labels  # already has a substitute
        assert "Cllr Priya Raman (present)" in labels
        await pilot.press(*["down"] * labels.index("Cllr Priya Raman (present)"), "enter")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PersonPickerScreen)
        assert picker.dialog_title == "Substitute for Cllr Priya Raman"
        picker.query_one("#new-name", Input).value = "Alan Pike"
        picker.query_one("#new-role", Input).value = "Millford District Council"
        picker.query_one("#new-name", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
    sub = next(a for a in store.list_attendance(mid) if a.person.name == "Alan Pike")
    assert sub.status is AttendanceStatus.SUBSTITUTE
    assert sub.person.title == "Cllr" and sub.person.role == "Millford District Council"
    assert sub.substitute_for is not None and sub.substitute_for.name == "Priya Raman"
    assert status_of(store, mid, "Priya Raman") is AttendanceStatus.APOLOGIES


async def test_add_people_times_capacity_and_remove(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, mid = demo
    first = store.list_meetings()[-1].id  # the September meeting: fewer people listed
    # The demo approves September at November; reopen it so its attendance can be edited.
    store.undo_approval(first, "Reopened to correct the attendance.")
    store.delete_meeting(mid)
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_setup(pilot)
        assert screen.meeting_id == first
        # o: also present, picked from people already known by typing part of the name.
        await pilot.press("o")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PersonPickerScreen)
        await pilot.press("w", "h", "i", "t")
        assert [p.name for p in picker.shown] == ["Claire Whitfield"]
        await pilot.press("enter")
        await settle(pilot)
        assert status_of(store, first, "Claire Whitfield") is AttendanceStatus.ALSO_PRESENT

        # i: an officer in attendance, someone new.
        await pilot.press("i")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PersonPickerScreen)
        assert picker.query_one("#new-title", Input).value == ""
        picker.query_one("#find", Input).value = "Jo Bright"
        await pilot.press("enter")  # nobody found: the name carries into the new-person fields
        assert picker.query_one("#new-name", Input).value == "Jo Bright"
        assert picker.focused is picker.query_one("#new-name", Input)
        await pilot.press("enter")
        await settle(pilot)
        assert status_of(store, first, "Jo Bright") is AttendanceStatus.IN_ATTENDANCE

        # a: a member present (an existing person).
        await pilot.press("a")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PersonPickerScreen)
        picker.query_one("#find", Input).value = "dunmore"
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert status_of(store, first, "Lucy Dunmore") is AttendanceStatus.PRESENT

        # t / l / c on Cllr Okafor (row 4).
        await go_to_row(pilot, AttendanceTable, 4)
        await pilot.press("t")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        prompt.query_one(Input).value = "25:70"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is prompt
        assert isinstance(prompt, PromptScreen) and "not a time of day" in prompt.error
        prompt.query_one(Input).value = "1025"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one(Input).value = "12.40"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one(Input).value = "Lead member for finance"
        await pilot.press("enter")
        await settle(pilot)
        okafor = next(a for a in store.list_attendance(first) if a.person.name == "Sandra Okafor")
        assert (okafor.arrived_at, okafor.left_at) == ("10:25", "12:40")
        assert okafor.capacity == "Lead member for finance"
        row = [str(c) for c in screen.query_one(AttendanceTable).get_row_at(4)]
        assert "arrived 10:25" in row[2] and "left 12:40" in row[2]

        # x removes, after asking.
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert all(a.person.name != "Sandra Okafor" for a in store.list_attendance(first))


async def test_declarations_add_edit_delete(demo: tuple[Store, int], db_path: Path) -> None:
    store, mid = demo
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_setup(pilot)
        await pilot.press("2")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "declarations"
        assert screen.focused is screen.query_one(DeclarationsTable)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DeclarationFormScreen)
        # Apologies are not offered: Cllr Fenwick sent them.
        assert "Martin Fenwick" not in [p.name for p in form.people]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # nothing picked, nothing typed: both said, nothing saved
        assert "Pick the member" in str(form.query_one("#person-error").render())
        assert len(store.list_declarations(mid)) == 1
        assert isinstance(form, DeclarationFormScreen)
        raman = next(p for p in form.people if p.name == "Priya Raman")
        rural = next(i for i in store.list_items(mid) if "rural" in i.title)
        form.query_one("#person", Select).value = raman.id
        form.query_one("#item", Select).value = rural.id
        form.query_one("#text", TextArea).text = "Cllr Raman declared that she keeps sheep."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        added = store.list_declarations(mid)[-1]
        assert (added.person.id, added.item_id) == (raman.id, rural.id)
        assert screen.query_one(DeclarationsTable).row_count == 2

        await go_to_row(pilot, DeclarationsTable, 1)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DeclarationFormScreen)
        assert form.query_one("#text", TextArea).text.startswith("Cllr Raman declared")
        form.query_one("#text", TextArea).text = "Cllr Raman declared that she farms sheep."
        form.query_one("#item", Select).clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        edited = store.list_declarations(mid)[-1]
        assert edited.text.endswith("farms sheep.") and edited.item_id is None

        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert [d.person.name for d in store.list_declarations(mid)] == ["Gareth Lloyd"]


async def test_agenda_add_move_exempt_edit_delete(demo: tuple[Store, int], db_path: Path) -> None:
    store, mid = demo
    app = app_for(db_path)

    def titles() -> list[str]:
        return [i.title for i in store.list_items(mid)]

    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_setup(pilot)
        await pilot.press("3")
        await pilot.pause()
        assert screen.focused is screen.query_one(AgendaTable)
        await go_to_row(pilot, AgendaTable, 3)  # Action log and matters arising

        # a: add after the highlighted item.
        await pilot.press("a")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        await pilot.press("enter")
        assert "Type the item's title" in prompt.error
        prompt.query_one(Input).value = "Budget monitoring report"
        await pilot.press("enter")
        await settle(pilot)
        assert titles()[4] == "Budget monitoring report"
        table = screen.query_one(AgendaTable)
        assert table.cursor_row == 4

        # shift+up / ctrl+down move it.
        await pilot.press("shift+up")
        await settle(pilot)
        assert titles()[3] == "Budget monitoring report" and table.cursor_row == 3
        await pilot.press("ctrl+down", "ctrl+down")
        await settle(pilot)
        assert titles()[5] == "Budget monitoring report" and table.cursor_row == 5

        # p: Part 2 with the default legal basis, then public again.
        await pilot.press("p")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        assert prompt.query_one(Input).value == DEFAULT_EXEMPT_BASIS
        await pilot.press("enter")
        await settle(pilot)
        item = store.list_items(mid)[5]
        assert item.exempt and item.exempt_basis == DEFAULT_EXEMPT_BASIS
        assert "Part 2" in str(table.get_row_at(5)[-1])
        await pilot.press("p")
        await settle(pilot)
        assert not store.list_items(mid)[5].exempt

        # e: edit title, presenter and documents.
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ItemFormScreen)
        form.query_one("#title", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # an empty title is refused beside the field
        form.query_one("#title", Input).value = "Budget monitoring: quarter 2"
        form.query_one("#presenter", Input).value = "Chief Finance Officer"
        form.query_one("#documents", TextArea).text = "Budget report\n\nAppendix A\n"
        await pilot.press("ctrl+s")
        await settle(pilot)
        item = store.list_items(mid)[5]
        assert item.title == "Budget monitoring: quarter 2"
        assert item.presenter == "Chief Finance Officer"
        assert item.documents == ("Budget report", "Appendix A")

        # x: delete, after asking; n keeps it.
        count = len(titles())
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert len(titles()) == count
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Budget monitoring: quarter 2" not in titles() and len(titles()) == count - 1


async def test_paste_five_titles(demo: tuple[Store, int], db_path: Path) -> None:
    store, mid = demo
    before = [i.title for i in store.list_items(mid)]
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_setup(pilot)
        await pilot.press("3", "v")
        await settle(pilot)
        paste = app.screen
        assert isinstance(paste, PasteItemsScreen)
        paste.query_one(TextArea).text = (
            "1. Police and Crime Plan refresh\n"
            "2. Victims' services commissioning\n\n"
            "- Estates strategy\n"
            "• Complaints review\n"
            "5) Annual report of the Commissioner\n"
        )
        await pilot.pause()
        assert "5 items to add" in str(paste.query_one("#count").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert screen.query_one(AgendaTable).row_count == len(before) + 5
    assert [i.title for i in store.list_items(mid)] == [
        *before, "Police and Crime Plan refresh", "Victims' services commissioning",
        "Estates strategy", "Complaints review", "Annual report of the Commissioner",
    ]


async def test_approved_minutes_refuse_changes_with_a_message(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, mid = demo
    store.approve_minutes(mid, at_meeting_id=None)
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_setup(pilot)
        assert "Approved" in str(screen.query_one("#meeting-line").render())
        await go_to_row(pilot, AttendanceTable, 2)
        await pilot.press("space")
        await settle(pilot)
        assert app.is_running
        assert any("were approved" in m for m in notifications(app)), notifications(app)
        assert status_of(store, mid, "Priya Raman") is AttendanceStatus.PRESENT

        # A typed value is not lost when the write fails: the prompt stays open with it.
        await pilot.press("c")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        prompt.query_one(Input).value = "Acting Chair"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is prompt
        assert prompt.query_one(Input).value == "Acting Chair"
        assert isinstance(prompt, PromptScreen) and "were approved" in prompt.error


async def test_deleting_a_part_2_item_says_what_goes_aside_and_u_puts_it_all_back(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, mid = demo
    exempt = next(i for i in store.list_items(mid) if i.exempt)
    member = store.list_attendance(mid)[0].person
    store.add_declaration(mid, member.id, "Knows the complainant.", item_id=exempt.id)
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_setup(pilot)
        await pilot.press("3")
        await go_to_row(pilot, AgendaTable, exempt.position)
        await pilot.press("x")
        await settle(pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        for said in ("2 minute entries", "1 action", "1 declaration of interest",
                     "confidential", "u on this agenda puts the item back"):
            assert said in confirm.question, said
        await pilot.press("y")
        await settle(pilot)
        assert all(not i.exempt for i in store.list_items(mid))
        assert [a for a in store.list_actions(meeting_id=mid) if "complainant" in a.text] == []

        await pilot.press("u")
        await settle(pilot)
        chooser = app.screen
        assert isinstance(chooser, ChoiceScreen)
        assert "Part 2" in chooser.choices[0][0] and "1 declaration" in chooser.choices[0][0]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        back = store.list_items(mid)[exempt.position]
        assert (back.id, back.title, back.exempt) == (exempt.id, exempt.title, True)
        assert len(store.list_entries(back.id)) == 2
        assert [a.text for a in store.list_actions(meeting_id=mid) if a.item_id == back.id] == [
            "Write to the complainant with the Panel's decision"]
        assert any(d.item_id == back.id for d in store.list_declarations(mid))


async def test_times_outside_the_meeting_are_refused_and_the_prompt_offers_its_start(
    demo: tuple[Store, int], db_path: Path
) -> None:
    """t / l before the meeting's start (10:00) offer 10:00, not the clock's 09:15; a time
    before the start is refused in one line under the field, the typed text kept."""
    from datetime import datetime

    from tests.test_live_support import FakeClock

    store, mid = demo
    app = app_for(db_path, clock=FakeClock(datetime(2026, 11, 17, 9, 15)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(pilot)
        assert screen.meeting_id == mid
        await go_to_row(pilot, AttendanceTable, 1)
        record = screen.current_attendance()
        assert record is not None and not record.left_at
        await pilot.press("l")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        assert prompt.query_one(Input).value == "10:00"
        prompt.query_one(Input).value = "09:10"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is prompt and isinstance(prompt, PromptScreen)
        assert prompt.error == ("Not saved: Left at 09:10 is before the meeting started (10:00): "
                                "give a time from 10:00 on, or leave it empty.")
        assert prompt.query_one(Input).value == "09:10"
        await pilot.press("escape")
        await settle(pilot)
        left = next(a for a in store.list_attendance(mid) if a.id == record.id).left_at
        assert left == ""
