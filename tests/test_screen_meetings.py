"""The meetings screen and the new-meeting form, driven by keys on a real temporary database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static

from panel_minutes.models.domain import USUAL_STANDING_AGENDA, ItemKind, MeetingStatus
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.parsing import parse_date
from panel_minutes.models.store import Store
from panel_minutes.screens.confirm import ConfirmScreen
from panel_minutes.screens.meeting_form import MeetingFormScreen
from panel_minutes.screens.meetings import EMPTY_GREETING, MeetingsScreen, MeetingsTable
from panel_minutes.screens.pickers import ChoiceScreen
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.tui.app import PanelMinutesApp, make_app
from tests.support import app_for as app_for
from tests.support import notices
from tests.support import settle as settle

TODAY = date(2026, 11, 3)


def meetings_screen(app: PanelMinutesApp) -> MeetingsScreen:
    screen = app.screen
    assert isinstance(screen, MeetingsScreen), screen
    return screen


def shown_rows(app: PanelMinutesApp) -> list[list[str]]:
    table = app.screen.query_one(MeetingsTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def test_parse_date_accepts_iso_and_uk_forms() -> None:
    assert parse_date("2026-11-17") == date(2026, 11, 17)
    assert parse_date(" 17/11/2026 ") == date(2026, 11, 17)
    assert parse_date("7/3/2027") == date(2027, 3, 7)
    for bad, says in (("", "Type the date"), ("17 Nov", "not a date"),
                      ("31/02/2026", "not a real date"), ("2026-13-01", "not a real date")):
        try:
            parse_date(bad)
        except ValidationError as err:
            assert says in str(err)
        else:
            raise AssertionError(bad)


async def test_empty_database_greets_a_new_clerk(db_path: Path) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = meetings_screen(app)
        empty = screen.query_one("#empty", Static)
        assert empty.display
        assert str(empty.content) == EMPTY_GREETING
        assert not screen.query_one(MeetingsTable).display
        keys = {b.binding.action for b in screen.active_bindings.values()}
        assert "new" in keys
        assert "delete" not in keys and "setup" not in keys  # nothing to act on yet


async def test_create_first_meeting_through_the_form(db_path: Path) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MeetingFormScreen)
        # No panels yet: the panel picker is hidden and the name field has the focus.
        assert not form.query_one("#panel-row").display
        assert form.focused is form.query_one("#new-panel", Input)
        assert form.query_one("#date", Input).value == "2026-11-03"  # today, fixed

        # Nothing typed: the missing panel is reported beside its field, nothing saved.
        form.query_one("#date", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "panel's name" in str(form.query_one("#panel-error", Static).content)
        assert "Type the date" in str(form.query_one("#date-error", Static).content)
        assert form.focused is form.query_one("#new-panel", Input)  # the first mistake

        form.query_one("#new-panel", Input).value = "Northmoor Police and Crime Panel"
        form.query_one("#date", Input).value = "31/02/2026"
        form.query_one("#start", Input).value = "25:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert str(form.query_one("#panel-error", Static).content) == ""
        assert "not a real date" in str(form.query_one("#date-error", Static).content)
        assert "not a time of day" in str(form.query_one("#start-error", Static).content)
        with _open(db_path) as check:
            assert check.list_panels() == [] and check.list_meetings() == []

        # Enter in the venue with a wrong date: the cursor goes to the date, so what the clerk
        # types next corrects it instead of landing in the venue.
        form.query_one("#start", Input).value = "10:00"
        form.query_one("#venue", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form
        assert form.focused is form.query_one("#date", Input)
        assert str(form.query_one("#start-error", Static).content) == ""
        with _open(db_path) as check:
            assert check.list_panels() == [] and check.list_meetings() == []

        form.query_one("#date", Input).value = "17/11/2026"
        form.query_one("#start", Input).value = "1030"
        form.query_one("#venue", Input).value = "Room 4, Northmoor House"
        await pilot.press("enter")  # Enter in a field saves, like ctrl+s
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)  # a new panel: which house style first
        await pilot.press("enter")  # today's default, highlighted
        await settle(pilot)
        screen = meetings_screen(app)
        assert shown_rows(app)[0][:2] == ["Tue 17 Nov 2026", "Northmoor Police and Crime Panel"]
        assert screen.current() is not None
        assert screen.focused is screen.query_one(MeetingsTable)

    with _open(db_path) as check:
        (meeting,) = check.list_meetings()
        assert meeting.held_on == date(2026, 11, 17)
        assert meeting.start_time == "10:30"
        assert meeting.venue == "Room 4, Northmoor House"
        (panel,) = check.list_panels()
        assert panel.name == "Northmoor Police and Crime Panel"
        assert panel.default_venue == "Room 4, Northmoor House"
        # A new panel starts with the usual opening business, each item known for what it is
        # (so ^R on the previous minutes and F10 on the action log work at the first meeting).
        items = check.list_items(meeting.id)
        assert [i.title for i in items] == list(USUAL_STANDING_AGENDA)
        assert [i.kind for i in items] == [
            ItemKind.APOLOGIES, ItemKind.DECLARATIONS, ItemKind.PREVIOUS_MINUTES,
            ItemKind.ACTION_LOG, ItemKind.WORK_PROGRAMME,
        ]


async def test_new_meeting_for_existing_panel_gets_standing_agenda_and_members(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, _ = demo
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MeetingFormScreen)
        panel = store.list_panels()[0]
        # The only panel is picked already, and its default venue filled in.
        assert form.query_one("#panel", Select).value == panel.id
        assert form.query_one("#venue", Input).value == panel.default_venue
        form.query_one("#date", Input).value = "2027-01-19"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        assert shown_rows(app)[0][0] == "Tue 19 Jan 2027"
    new = store.list_meetings()[0]
    assert new.held_on == date(2027, 1, 19) and new.item_count == 5
    attendance = store.list_attendance(new.id)
    assert len(attendance) == len(store.list_members(panel.id))


async def test_existing_panel_name_typed_again_is_refused(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, _ = demo
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MeetingFormScreen)
        form.query_one("#new-panel", Input).value = "wessex vale police and crime panel"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "already exists" in str(form.query_one("#panel-error", Static).content)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
    assert len(store.list_meetings()) == 2 and len(store.list_panels()) == 1


async def test_filter_by_typing_and_clear_with_escape(
    demo: tuple[Store, int], db_path: Path
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = meetings_screen(app)
        assert len(shown_rows(app)) == 2
        await pilot.press("slash")
        assert screen.focused is screen.query_one("#filter", Input)
        await pilot.press("s", "e", "p")
        assert [r[0] for r in shown_rows(app)] == ["Tue 15 Sep 2026"]
        await pilot.press("down")  # from the filter into the list
        focused: object = screen.focused
        assert focused is screen.query_one(MeetingsTable)
        await pilot.press("escape")
        assert len(shown_rows(app)) == 2
        assert screen.query_one("#filter", Input).value == ""

        # Typing a letter that is not a key in the list starts a filter.
        await pilot.press("w", "o")
        assert screen.query_one("#filter", Input).value == "wo"
        assert not screen.query_one(MeetingsTable).display
        assert "No meeting matches" in str(screen.query_one("#empty", Static).content)
        screen.query_one("#filter", Input).value = "17/11/2026 draft"
        await pilot.pause()
        assert [r[0] for r in shown_rows(app)] == ["Tue 17 Nov 2026"]


async def test_duplicate_asks_for_the_date_and_copies_the_agenda(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, meeting_id = demo
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # the demo has a Part 2 item: copy it?
        await pilot.press("y")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        field = prompt.query_one(Input)
        assert field.value == "2026-11-03"
        field.value = "19 January"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is prompt
        assert isinstance(prompt, PromptScreen) and "not a date" in prompt.error
        field.value = "19/01/2027"
        await pilot.press("enter")
        await settle(pilot)
        assert shown_rows(app)[0][0] == "Tue 19 Jan 2027"
    meetings = store.list_meetings()
    assert len(meetings) == 3
    new = meetings[0]
    assert new.held_on == date(2027, 1, 19) and new.status is MeetingStatus.DRAFT
    titles = [i.title for i in store.list_items(new.id)]
    assert titles == [i.title for i in store.list_items(meeting_id)]


async def test_delete_asks_first(demo: tuple[Store, int], db_path: Path) -> None:
    store, meeting_id = demo
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert len(store.list_meetings()) == 2
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert [r[0] for r in shown_rows(app)] == ["Tue 15 Sep 2026"]
    assert [m.id for m in store.list_meetings()] != [meeting_id]
    assert len(store.list_meetings()) == 1


async def test_store_error_is_a_notification_not_a_crash(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, meeting_id = demo
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        store.delete_meeting(meeting_id)  # gone behind the screen's back (another window)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.is_running
        messages = notices(app)
        assert any("No meeting with id" in m for m in messages), messages


async def test_a_thousand_meetings_are_one_table(db_path: Path) -> None:
    with _open(db_path) as s:
        panel = s.create_panel("Bulk Police and Crime Panel")
        for i in range(1000):
            s.bulk_add_meeting(panel.id, date(1950 + i // 12, 1 + i % 12, 1), ())
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = meetings_screen(app)
        assert len(shown_rows(app)) == 1000
        assert len(screen.query("*")) < 40  # rows are lines of one table, not widgets


class _open:
    """``with _open(path) as store``: a second connection to check what was written."""

    def __init__(self, path: Path) -> None:
        self.store = Store(str(path))

    def __enter__(self) -> Store:
        return self.store

    def __exit__(self, *exc: object) -> None:
        self.store.close()


async def test_enter_and_open_meeting_open_the_live_screen(
    demo: tuple[Store, int], db_path: Path
) -> None:
    from panel_minutes.screens.live import LiveScreen

    _, meeting_id = demo
    app = make_app(str(db_path), open_meeting=meeting_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LiveScreen)
        assert app.open_meeting is None  # only once
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LiveScreen)


async def test_full_disk_keeps_the_form_open_with_everything_typed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from panel_minutes.models.errors import StorageFullError

    def disk_full(*args: object, **kwargs: object) -> None:
        raise StorageFullError("Could not save: the disk is full.")

    monkeypatch.setattr(Store, "create_meeting", disk_full)  # the write fails, as on a full disk
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MeetingFormScreen)
        form.query_one("#new-panel", Input).value = "Northmoor Police and Crime Panel"
        form.query_one("#venue", Input).value = "Room 4"
        await pilot.press("ctrl+s")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ChoiceScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form and app.is_running
        assert form.query_one("#new-panel", Input).value == "Northmoor Police and Crime Panel"
        assert form.query_one("#venue", Input).value == "Room 4"
        assert "disk is full" in str(form.query_one("#form-error", Static).content)
        assert any("disk is full" in m for m in notices(app))
    with _open(db_path) as check:
        assert check.list_panels() == []  # nothing half-made: the new panel went too
