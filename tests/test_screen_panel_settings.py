"""Panel settings by keys: details, the standing agenda and members with dates; then new meetings
made with the meeting form start with that standing agenda and list the members who sat on
their date (one who left before it is not listed; one who joined after it is not either).

The panel, its first people and an earlier meeting are written through the store; everything
else is keys (long text is put into fields as a paste would).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from panel_minutes.models.domain import MemberRole, Numbering
from panel_minutes.models.store import Store
from panel_minutes.screens.confirm import ConfirmScreen
from panel_minutes.screens.meeting_form import MeetingFormScreen
from panel_minutes.screens.meetings import MeetingsScreen
from panel_minutes.screens.panel_settings import (
    DetailsTable,
    MemberFormScreen,
    MembersTable,
    PanelSettingsScreen,
    StandingTable,
)
from panel_minutes.screens.pickers import ChoiceScreen, PersonPickerScreen
from panel_minutes.screens.setup import AgendaTable, AttendanceTable, SetupScreen
from panel_minutes.tui.app import PanelMinutesApp, make_app
from tests.support import write_panel
from tests.test_screen_between_support import (
    TODAY,
    answer_prompt,
    screen_is,
    settle,
    wait_for,
)

WANTED_AGENDA = [
    "Apologies for absence",
    "Declarations of interest",
    "Minutes of the previous meeting",
    "Action log and matters arising",
]


def column(table: DataTable[Any], index: int) -> list[str]:
    return [str(table.get_row_at(n)[index]) for n in range(table.row_count)]


async def add_standing(pilot: Pilot[None], title: str) -> None:
    await pilot.press("a")
    await answer_prompt(pilot, title)


async def member_form(pilot: Pilot[None], **fields: str) -> MemberFormScreen:
    await screen_is(pilot, MemberFormScreen)
    form = pilot.app.screen
    assert isinstance(form, MemberFormScreen)
    for name, value in fields.items():
        form.query_one(f"#{name}", Input).value = value
    return form


async def new_meeting(pilot: Pilot[None], app: PanelMinutesApp, day: date) -> int:
    before = {m.id for m in app.store.list_meetings()}
    await pilot.press("n")
    await screen_is(pilot, MeetingFormScreen)
    form = app.screen
    await wait_for(pilot, lambda: form.loaded, "the form")  # type: ignore[attr-defined]
    form.query_one("#date", Input).value = day.isoformat()
    await pilot.press("ctrl+s")
    await screen_is(pilot, MeetingsScreen)
    [created] = [m.id for m in app.store.list_meetings() if m.id not in before]
    return created


async def test_panel_settings_then_new_meetings_get_the_standing_agenda_and_members(
    db_path: Path,
) -> None:
    setup = Store(str(db_path))
    panel = write_panel(setup, standing=())
    setup.create_meeting(panel.panel_id, date(2027, 1, 12))
    setup.close()
    app = make_app(str(db_path))
    app.fixed_today = TODAY
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_is(pilot, MeetingsScreen)
        await wait_for(pilot, lambda: app.screen.loaded, "the meetings")  # type: ignore[attr-defined]
        await pilot.press("p")
        await screen_is(pilot, PanelSettingsScreen)
        screen = app.screen
        assert isinstance(screen, PanelSettingsScreen)
        assert screen.panel_id == panel.panel_id

        # --- details -------------------------------------------------------------------------
        details = screen.query_one(DetailsTable)
        assert details.has_focus
        await pilot.press("down", "down", "enter")  # host authority
        await answer_prompt(pilot, "Kellbridge City Council")
        await pilot.press("down", "down", "enter")  # minute numbering
        await screen_is(pilot, ChoiceScreen)
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("down", "enter")  # chair's title
        await screen_is(pilot, ChoiceScreen)
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.store.get_panel(panel.panel_id).chair_title ==
                       "Chairman", "the chair's title")
        stored = app.store.get_panel(panel.panel_id)
        assert stored.host_authority == "Kellbridge City Council"
        assert stored.numbering is Numbering.RUNNING
        await wait_for(pilot, lambda: column(details, 1)[-1] == "Chairman", "details shown")
        assert column(details, 1)[2] == "Kellbridge City Council"
        assert column(details, 1)[4].startswith("Running through the year")

        # --- standing agenda -----------------------------------------------------------------
        await pilot.press("2")
        await settle(pilot)
        standing = screen.query_one(StandingTable)
        assert standing.has_focus
        await add_standing(pilot, "Apologies for absence")
        await add_standing(pilot, "Minutes of the previous meeting")
        await add_standing(pilot, "Declarations of interest")
        await pilot.press("shift+up")  # declarations before minutes
        await settle(pilot)
        await pilot.press("down")
        await add_standing(pilot, "Action lgo")  # a typo, put right below
        await pilot.press("enter")
        await answer_prompt(pilot, "Action log and matters arising")
        await add_standing(pilot, "Chairman's announcements")
        await pilot.press("x")
        await screen_is(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, lambda: list(app.store.get_panel(panel.panel_id).standing_agenda)
                       == WANTED_AGENDA, "the standing agenda")
        await wait_for(pilot, lambda: column(standing, 1) == WANTED_AGENDA, "the table")
        assert column(standing, 2) == ["Apologies", "Declarations", "Previous minutes",
                                       "Action log"]

        # --- members ---------------------------------------------------------------------------
        await pilot.press("3")
        await settle(pilot)
        members = screen.query_one(MembersTable)
        assert members.has_focus
        assert column(members, 1) == ["Chairman", "Vice-Chairman", "Member", "Member",
                                      "Independent co-opted member"]
        await pilot.press("down", "down", "enter")  # Cllr Carver leaves at the end of April
        await member_form(pilot, end="30/04/2027")
        await pilot.press("ctrl+s")
        await screen_is(pilot, PanelSettingsScreen)

        await pilot.press("a")  # someone new, from May
        await screen_is(pilot, PersonPickerScreen)
        picker = app.screen
        picker.query_one("#new-name", Input).value = "Nadia Haq"
        picker.query_one("#new-role", Input).value = "North Dale District Council"
        await pilot.press("ctrl+s")
        form = await member_form(pilot, start="2027-05-01")
        assert form.query_one("#represents", Input).value == "North Dale District Council"
        assert form.role == "member"
        await pilot.press("ctrl+s")
        await screen_is(pilot, PanelSettingsScreen)

        await pilot.press("a")  # an independent co-opted member, always
        await screen_is(pilot, PersonPickerScreen)
        picker = app.screen
        picker.query_one("#new-title", Input).value = "Mr"
        picker.query_one("#new-name", Input).value = "Leon Ferris"
        await pilot.press("ctrl+s")
        form = await member_form(pilot, start="", represents="")
        await pilot.press("down")  # member -> independent co-opted member
        assert form.role == "co_opted"
        await pilot.press("ctrl+s")
        await screen_is(pilot, PanelSettingsScreen)

        await wait_for(pilot, lambda: members.row_count == 7, "seven memberships")
        names = column(members, 0)
        assert names[2] == "Cllr Mina Carver  (left)"  # before today, 1 July 2027
        assert names[5:] == ["Cllr Nadia Haq", "Mr Leon Ferris"]  # the two added, last
        assert column(members, 1)[5:] == ["Member", "Independent co-opted member"]
        by_name = {m.person.name: m for m in app.store.list_members(panel.panel_id)}
        assert by_name["Mina Carver"].end_date == date(2027, 4, 30)
        assert (by_name["Nadia Haq"].start_date, by_name["Nadia Haq"].represents) == (
            date(2027, 5, 1), "North Dale District Council")
        assert by_name["Leon Ferris"].role is MemberRole.CO_OPTED
        assert by_name["Leon Ferris"].start_date is None

        # A bad date is refused in the form, with the typed text kept.
        await pilot.press("enter")
        form = await member_form(pilot, start="31/02/2027")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and "not a real date" in form.error
        assert form.query_one("#start", Input).value == "31/02/2027"
        await pilot.press("escape")
        await screen_is(pilot, PanelSettingsScreen)
        await pilot.press("escape")
        await screen_is(pilot, MeetingsScreen)

        # --- new meetings: the standing agenda, and the members of their date --------------
        june = await new_meeting(pilot, app, date(2027, 6, 15))
        april = await new_meeting(pilot, app, date(2027, 4, 20))
        store = app.store
        assert [i.title for i in store.list_items(june)] == WANTED_AGENDA
        sitting = {a.person.name for a in store.list_attendance(june)}
        assert sitting == {"Joan Ashby", "Tariq Brennan", "Eliot Dowd", "Ruth Ng", "Nadia Haq",
                           "Leon Ferris"}
        sitting = {a.person.name for a in store.list_attendance(april)}
        assert sitting == {"Joan Ashby", "Tariq Brennan", "Mina Carver", "Eliot Dowd", "Ruth Ng",
                           "Leon Ferris"}

        # The setup screen of the June meeting shows them.
        meetings = app.screen
        assert isinstance(meetings, MeetingsScreen)
        await wait_for(pilot, lambda: any(m.id == june for m in meetings.shown), "listed")
        meetings.query_one("#meetings").focus()
        await pilot.press("up", "up", "up")
        assert meetings.current() is not None and meetings.current().id == june  # type: ignore[union-attr,unused-ignore]
        await pilot.press("s")
        await screen_is(pilot, SetupScreen)
        attendance = app.screen.query_one(AttendanceTable)
        await wait_for(pilot, lambda: attendance.row_count == 6, "the attendance")
        assert set(column(attendance, 0)) == {"Cllr Joan Ashby", "Cllr Tariq Brennan",
                                              "Cllr Eliot Dowd", "Ms Ruth Ng", "Cllr Nadia Haq",
                                              "Mr Leon Ferris"}
        assert column(app.screen.query_one(AgendaTable), 1) == WANTED_AGENDA
