"""The action log screen, driven by keys: actions raised at one meeting are carried to the next,
progress is recorded there, and they are closed at the third; each change is minuted at the
meeting whose live screen opened the log (so that meeting's exported minutes report it).

What the test writes through the store (other screens own it): the panel, its people, the three
meetings and the actions raised at the first. Everything after that is done by keys.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from panel_minutes.models.domain import ActionStatus
from panel_minutes.models.export import render_markdown
from panel_minutes.models.store import Store
from panel_minutes.screens.action_log import ActionDetailScreen, ActionLogScreen, ActionTable
from panel_minutes.screens.live import LiveScreen
from panel_minutes.screens.meetings import MeetingsScreen
from panel_minutes.screens.pickers import ChoiceScreen
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.tui.app import make_app
from tests.support import STANDING_WITH_ACTION_LOG, write_panel
from tests.support import app_for as app_for
from tests.test_screen_between_support import (
    TODAY,
    answer_prompt,
    screen_is,
    settle,
    wait_for,
)

FIRST, SECOND, THIRD = date(2027, 1, 12), date(2027, 3, 9), date(2027, 5, 11)


def plain(renderable: object) -> str:
    """A Static's content as the text a reader sees."""
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def write_series(db: Path) -> dict[str, int]:
    """Three meetings of the panel; three actions raised at the first."""
    store = Store(str(db))
    panel = write_panel(store, standing=STANDING_WITH_ACTION_LOG)
    ids: dict[str, int] = {}
    for name, day in (("m1", FIRST), ("m2", SECOND), ("m3", THIRD)):
        ids[name] = store.create_meeting(panel.panel_id, day).id
    item = store.add_item(ids["m1"], "Police and Crime Plan: performance report")
    add = store.add_action
    ids["a1"] = add(ids["m1"], "Circulate the figures on response times by district",
                    item_id=item.id, owner_id=panel.people["pcc"], due_date=date(2027, 2, 28)).id
    ids["a2"] = add(ids["m1"], "Report on the rural policing review",
                    item_id=item.id, owner_text="Office of the PCC",
                    due_date=date(2027, 9, 30)).id
    ids["a3"] = add(ids["m1"], "Book a visit to the force control room",
                    item_id=item.id, owner_id=panel.people["clerk"],
                    due_date=date(2027, 1, 31)).id
    store.close()
    return ids


def rows(screen: ActionLogScreen) -> list[str]:
    """The refs shown, in order."""
    table = screen.query_one(ActionTable)
    return [str(table.get_row_at(n)[0]) for n in range(table.row_count)]


def cell(screen: object, ref: str, column: str) -> str:
    assert isinstance(screen, ActionLogScreen)
    table = screen.query_one(ActionTable)
    names = [str(c.label) for c in table.ordered_columns]
    for n in range(table.row_count):
        row = table.get_row_at(n)
        if str(row[0]) == ref:
            return str(row[names.index(column)])
    raise AssertionError(f"{ref} is not listed")


async def open_meeting_at_action_log(pilot: Pilot[None], row: int) -> LiveScreen:
    """From the meetings list: the meeting on ``row``, then its action-log item (4)."""
    meetings = pilot.app.screen
    assert isinstance(meetings, MeetingsScreen)
    table = meetings.query_one("#meetings")
    await wait_for(pilot, lambda: meetings.loaded, "the meetings")
    table.focus()
    await pilot.press("up", "up", "up", *["down"] * row)
    await pilot.press("enter")
    await screen_is(pilot, LiveScreen)
    live = pilot.app.screen
    assert isinstance(live, LiveScreen)
    await live.loaded.wait()
    await pilot.press("ctrl+g", "4", "enter")
    await settle(pilot)
    assert live.current_item is not None
    assert live.current_item.title == "Action log and matters arising"
    return live


async def test_actions_are_carried_over_three_meetings_and_closed_at_the_third(
    db_path: Path,
) -> None:
    ids = write_series(db_path)
    app = app_for(db_path, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_is(pilot, MeetingsScreen)
        # --- the second meeting: all three are carried; progress on A1, A3 done -------------
        live = await open_meeting_at_action_log(pilot, row=1)  # newest first: m3, m2, m1
        assert live.meeting_id == ids["m2"]
        assert "F10: 3 actions carried" in str(live.entry_list.border_subtitle)
        await pilot.press("f10")
        await screen_is(pilot, ActionLogScreen)
        log = app.screen
        assert isinstance(log, ActionLogScreen)
        assert rows(log) == ["A1", "A2", "A3"]
        assert cell(log, "A1", "Status") == "Overdue"  # due 28 Feb, today 1 Jul
        assert cell(log, "A2", "Status") == "Open"
        due = log.query_one(ActionTable).get_row_at(0)[5]
        assert isinstance(due, Text) and "red" in str(due.style)
        assert "carried to 9 Mar 2027" in str(
            log.query_one("#log-line").render()
        )

        await pilot.press("u")
        await answer_prompt(pilot, "The Commissioner has asked the force for the figures.")
        await wait_for(pilot, lambda: "asked the force" in cell(log, "A1", "Progress / note"),
                       "the progress shown")
        await pilot.press("enter")  # A1 in full, with the update just reported
        await screen_is(pilot, ActionDetailScreen)
        detail = app.screen
        await wait_for(pilot, lambda: "asked the force" in plain(
            detail.query_one("#action-updates", Static).content), "the update listed")
        facts = plain(detail.query_one("#action-facts", Static).content)
        assert "Mr Simon Hale" in facts and "28 Feb 2027" in facts and "12 Jan 2027" in facts
        await pilot.press("escape")
        await screen_is(pilot, ActionLogScreen)
        await pilot.press("down", "down", "d")
        await answer_prompt(pilot, "Visit held on 2 March.")
        offered = await answer_prompt(pilot)  # the date offered: the meeting's own
        assert offered == SECOND.isoformat()
        await wait_for(pilot, lambda: cell(log, "A3", "Status") == "Done", "A3 done")

        await pilot.press("escape")
        await screen_is(pilot, LiveScreen)
        await pilot.press("ctrl+o")
        await screen_is(pilot, MeetingsScreen)

        # --- the third meeting: A1 and A2 still open and carried; A3's closure was minuted --
        live = await open_meeting_at_action_log(pilot, row=0)
        assert live.meeting_id == ids["m3"]
        await pilot.press("f10")
        await screen_is(pilot, ActionLogScreen)
        log = app.screen
        assert isinstance(log, ActionLogScreen)
        assert rows(log) == ["A1", "A2"]
        await pilot.press("d")
        await answer_prompt(pilot, "Figures circulated to members on 20 April.")
        await answer_prompt(pilot, "20/04/2027")
        await wait_for(pilot, lambda: cell(log, "A1", "Status") == "Done", "A1 done")
        await pilot.press("down", "x")
        await answer_prompt(pilot, "Superseded by the new Police and Crime Plan.")
        await answer_prompt(pilot)
        await wait_for(pilot, lambda: cell(log, "A2", "Status") == "Dropped", "A2 dropped")

        # Only the open ones: none left.
        await pilot.press("s")  # all -> open
        await wait_for(pilot, lambda: rows(log) == [], "no open carried action")
        assert log.query_one("#log-empty").display

        store = app.store
        a1, a2, a3 = (store.get_action(ids[k]) for k in ("a1", "a2", "a3"))
        assert (a1.status, a1.closed_on) == (ActionStatus.DONE, date(2027, 4, 20))
        assert (a2.status, a2.closed_on) == (ActionStatus.DROPPED, THIRD)
        assert (a3.status, a3.closed_on) == (ActionStatus.DONE, SECOND)
        assert [(u.meeting_id, u.status) for u in store.list_action_updates(ids["a1"])] == [
            (ids["m2"], ActionStatus.OPEN), (ids["m3"], ActionStatus.DONE),
        ]
        assert [u.meeting_id for u in store.list_action_updates(ids["a3"])] == [ids["m2"]]
        # The third meeting reports both closures; a fourth carries nothing.
        assert [a.ref for a in store.carried_actions(ids["m3"])] == ["A1", "A2"]
        minutes = render_markdown(store.load_document(ids["m3"]))
        assert "Figures circulated to members on 20 April." in minutes
        assert "Superseded by the new Police and Crime Plan." in minutes
        later = store.create_meeting(store.get_meeting(ids["m1"]).panel_id, date(2027, 7, 6))
        assert store.carried_actions(later.id) == []


async def test_the_panels_log_filters_by_owner_overdue_and_meeting_and_reopens(
    db_path: Path,
) -> None:
    ids = write_series(db_path)
    setup = Store(str(db_path))
    setup.set_action_status(ids["a3"], ActionStatus.DONE, note="Visit held.",
                            on=date(2027, 2, 1))
    panel_id = setup.get_meeting(ids["m1"]).panel_id
    setup.add_action(ids["m2"], "Ask the force for a briefing on drones",
                     owner_text="Office of the PCC", due_date=date(2027, 8, 31))
    setup.close()
    app = app_for(db_path, TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await screen_is(pilot, MeetingsScreen)
        await wait_for(pilot, lambda: app.screen.loaded, "the meetings")  # type: ignore[attr-defined]
        await pilot.press("a")
        await screen_is(pilot, ActionLogScreen)
        log = app.screen
        assert isinstance(log, ActionLogScreen)
        assert log.panel_id == panel_id and log.context_id is None
        assert rows(log) == ["A1", "A2", "A4"]  # open ones, by reference
        assert not log.check_action("progress", ())  # no meeting to minute progress at

        # A letter that is not a key types into the owner filter.
        await pilot.press("/", "p", "c", "c")
        await wait_for(pilot, lambda: rows(log) == ["A2", "A4"], "owner 'pcc'")
        assert log.query_one("#owner", Input).value == "pcc"
        await pilot.press("escape")  # clears the owner
        await wait_for(pilot, lambda: rows(log) == ["A1", "A2", "A4"], "owner cleared")
        await pilot.press("o")  # overdue on 1 July: A1 only (A3 is done)
        await wait_for(pilot, lambda: rows(log) == ["A1"], "overdue")
        await pilot.press("o", "s", "s", "s")  # overdue off; open -> done -> dropped -> all
        await wait_for(pilot, lambda: log.filters.status == "all" and len(rows(log)) == 4, "all")

        await pilot.press("m")  # only the actions raised at the second meeting
        await screen_is(pilot, ChoiceScreen)
        choices = app.screen.query_one("#choices", OptionList)
        labels = [str(choices.get_option_at_index(n).prompt) for n in range(choices.option_count)]
        assert labels[0] == "Every meeting"
        choices.highlighted = labels.index("Raised at the meeting of 9 Mar 2027")
        await pilot.press("enter")
        await wait_for(pilot, lambda: rows(log) == ["A4"], "meeting filter")

        await pilot.press("m")
        await screen_is(pilot, ChoiceScreen)
        await pilot.press("home", "enter")  # every meeting
        await wait_for(pilot, lambda: len(rows(log)) == 4, "every meeting again")
        log.query_one(ActionTable).move_cursor(row=rows(log).index("A3"))
        await pilot.press("r")
        await answer_prompt(pilot, "The visit was postponed.")
        await wait_for(pilot, lambda: cell(log, "A3", "Status") == "Overdue", "A3 reopened")
        a3 = app.store.get_action(ids["a3"])
        assert a3.status is ActionStatus.OPEN and a3.closed_on is None
        # Between meetings nothing is minuted: no update row.
        assert app.store.list_action_updates(ids["a3"]) == []


async def test_closing_at_a_meeting_offers_its_date_refuses_one_before_the_action_and_minutes_it(
    db_path: Path,
) -> None:
    """Issue 11.3: `d` in the log opened from a meeting offers the meeting's date (not today's),
    refuses a date before the action was raised in one line keeping what was typed, and the
    completion, dated before the previous meeting, is minuted at this meeting."""
    ids = write_series(db_path)
    app = make_app(str(db_path))
    app.fixed_today = date(2027, 5, 2)  # typing up before the meeting of 11 May
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_is(pilot, MeetingsScreen)
        live = await open_meeting_at_action_log(pilot, row=0)
        assert live.meeting_id == ids["m3"]
        await pilot.press("f10")
        await screen_is(pilot, ActionLogScreen)
        log = app.screen
        assert isinstance(log, ActionLogScreen)
        await wait_for(pilot, lambda: rows(log) == ["A1", "A2", "A3"], "the carried actions")
        await pilot.press("d")
        await answer_prompt(pilot, "Figures circulated to members.")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen)
                       and "on which date" in app.screen.dialog_title, "the date prompt")
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        assert prompt.query_one("#prompt-input", Input).value == THIRD.isoformat()
        await answer_prompt(pilot, "05/01/2027")  # before A1 was raised (12 January)
        await wait_for(pilot, lambda: bool(prompt.error), "the refusal")
        assert prompt.error == (
            "Not saved: A1 was raised at the meeting held on 12 January 2027: give a closing "
            "date on or after 12 January 2027."
        )
        assert prompt.query_one("#prompt-input", Input).value == "05/01/2027"
        assert app.store.get_action(ids["a1"]).status is ActionStatus.OPEN
        await pilot.press("escape")
        await screen_is(pilot, ActionLogScreen)

        await pilot.press("d")
        await answer_prompt(pilot, "Figures circulated to members.")
        await answer_prompt(pilot, "2027-02-01")  # before the previous meeting (9 March)
        await wait_for(pilot, lambda: cell(log, "A1", "Status") == "Done", "A1 done")
        store = app.store
        assert store.get_action(ids["a1"]).closed_on == date(2027, 2, 1)
        minutes = render_markdown(store.load_document(ids["m3"]))
        assert "| A1 | Circulate the figures on response times by district | Mr Simon Hale | " \
            "Done | Figures circulated to members. |" in minutes
        # the meeting of 9 March knew nothing of it: its minutes still show A1 open
        assert "Figures circulated" not in render_markdown(store.load_document(ids["m2"]))

        await pilot.press("down", "x")  # the date offered is the meeting's, not today's
        await answer_prompt(pilot, "Superseded.")
        assert await answer_prompt(pilot) == THIRD.isoformat()
