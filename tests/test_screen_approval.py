"""Approving minutes by keys: at the later meeting's "Minutes of the previous meeting" item ^R
asks for any amendments and minutes the resolution there; the earlier meeting becomes read-only
(an attempt to file is refused with the store's reason and the text stays in the composer); ^R on
the approved meeting records a correction as a dated amendment, which the export shows; and the
approval is undone from the meetings screen (u), with a reason, after confirming.

The panel, its people and the two meetings are written through the store (other screens own
that); the rest is keys.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from panel_minutes.models.domain import AmendmentKind, EntryKind, MeetingStatus
from panel_minutes.models.store import Store
from panel_minutes.screens.confirm import ConfirmScreen
from panel_minutes.screens.export import ExportScreen
from panel_minutes.screens.live import LiveScreen
from panel_minutes.screens.meetings import MeetingsScreen
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.tui.app import make_app
from tests.support import STANDING_WITH_ACTION_LOG, notices, write_panel
from tests.test_screen_between_support import (
    TODAY,
    answer_prompt,
    screen_is,
    settle,
    wait_for,
)

FIRST, SECOND = date(2027, 1, 12), date(2027, 3, 9)
CORRECTION = "Minute 4.1: Cllr Brennan, not Cllr Carver, seconded the motion."


def write_meetings(db: Path) -> tuple[int, int]:
    store = Store(str(db))
    panel = write_panel(store, standing=STANDING_WITH_ACTION_LOG)
    first = store.create_meeting(panel.panel_id, FIRST).id
    item = store.add_item(first, "Police and Crime Plan: performance report")
    store.add_entry(item.id, EntryKind.PARAGRAPH,
                    "The Commissioner presented the performance report for the third quarter.")
    second = store.create_meeting(panel.panel_id, SECOND).id
    store.close()
    return first, second


def notes(pilot: Pilot[None]) -> list[str]:
    return notices(pilot.app)


async def open_row(pilot: Pilot[None], row: int) -> LiveScreen:
    meetings = pilot.app.screen
    assert isinstance(meetings, MeetingsScreen)
    await wait_for(pilot, lambda: meetings.loaded, "the meetings")
    meetings.query_one("#meetings").focus()
    await pilot.press("up", "up", *["down"] * row, "enter")
    await screen_is(pilot, LiveScreen)
    live = pilot.app.screen
    assert isinstance(live, LiveScreen)
    await live.loaded.wait()
    await settle(pilot)
    return live


async def test_approval_locks_the_meeting_and_corrections_become_amendments(
    db_path: Path,
) -> None:
    first, second = write_meetings(db_path)
    app = make_app(str(db_path))
    app.fixed_today = TODAY
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_is(pilot, MeetingsScreen)

        # --- at the second meeting, approve the first meeting's minutes -----------------------
        live = await open_row(pilot, 0)
        assert live.meeting_id == second
        assert not live.check_action("approve_previous", ())  # not on item 1
        await pilot.press("ctrl+g", "3", "enter")
        await settle(pilot)
        item = live.current_item
        assert item is not None and item.title == "Minutes of the previous meeting"
        assert app.screen.active_bindings["ctrl+r"].binding.action == "approve_previous"
        await pilot.press("ctrl+r")
        await answer_prompt(pilot, "minute 4.1: the vote was 6 for and 1 against")
        await live.wait_idle()
        await settle(pilot)
        resolution = live.entries[item.id][-1]
        assert resolution.kind is EntryKind.RESOLUTION
        assert resolution.text == (
            "that the minutes of the meeting held on 12 January 2027 be agreed as a correct "
            "record, subject to the following amendments: minute 4.1: the vote was 6 for and "
            "1 against."
        )
        assert live.entry_list.selected_key == ("entry", resolution.id)
        approved = app.store.get_meeting(first)
        assert approved.status is MeetingStatus.APPROVED
        assert approved.approved_at_meeting_id == second
        assert [e.id for e in app.store.list_entries(item.id)] == [resolution.id]

        await pilot.press("ctrl+r")  # again: the minutes are approved already
        await wait_for(pilot, lambda: any("approved already" in n for n in notes(pilot)),
                       "the 'approved already' notice")
        assert len(app.store.list_entries(item.id)) == 1
        await pilot.press("ctrl+o")
        await screen_is(pilot, MeetingsScreen)

        # --- the first meeting is read-only: filing is refused, the text is kept ------------
        live = await open_row(pilot, 1)
        assert live.meeting_id == first and live.read_only
        assert "read-only" in str(live.entry_list.border_subtitle)
        assert app.screen.active_bindings["ctrl+r"].binding.action == "amend"
        await pilot.press("f7")  # reading on through approved minutes stamps nothing
        await live.wait_idle()
        await settle(pilot)
        assert live.current_item is not None
        assert live.current_item.title == "Declarations of interest"
        assert not any("cannot be changed" in n for n in notes(pilot))
        before = app.store.load_document(first).entries
        area = live.composer.text_area
        area.focus()
        area.insert(CORRECTION)
        await pilot.press("enter")
        await live.wait_idle()
        await settle(pilot)
        assert area.text == CORRECTION
        assert any("were approved as a correct record at the meeting held on 9 March 2027"
                   in n for n in notes(pilot))
        assert app.store.load_document(first).entries == before

        # --- ^R records the typed correction as an amendment ---------------------------------
        await pilot.press("ctrl+r")
        offered = await answer_prompt(pilot)
        assert offered == CORRECTION
        await wait_for(pilot, lambda: len(app.store.list_amendments(first)) == 2,
                       "the amendment")
        # the amendment agreed at approval is kept with the minutes it amends, then the new one
        agreed, amendment = app.store.list_amendments(first)
        assert (agreed.text, agreed.recorded_at_meeting_id) == (
            "minute 4.1: the vote was 6 for and 1 against", second
        )
        assert (amendment.kind, amendment.text) == (AmendmentKind.AMENDMENT, CORRECTION)
        await wait_for(pilot, lambda: area.text == "", "the composer emptied")
        assert app.store.load_document(first).entries == before  # the text itself unchanged

        await pilot.press("f12")
        await screen_is(pilot, ExportScreen)
        export = app.screen
        assert isinstance(export, ExportScreen)
        await export.rendered.wait()
        assert CORRECTION in export.markdown_text
        assert ("**Amended at the meeting held on 9 March 2027:** minute 4.1: the vote was 6 for "
                "and 1 against" in export.markdown_text)
        assert "Approved as a correct record" in export.markdown_text
        await pilot.press("escape")
        await screen_is(pilot, LiveScreen)
        await pilot.press("ctrl+o")
        await screen_is(pilot, MeetingsScreen)

        # --- undo the approval from the meetings screen: a reason, then confirm -------------
        meetings = app.screen
        assert isinstance(meetings, MeetingsScreen)
        current = meetings.current()
        assert current is not None and current.id == first
        await pilot.press("u")
        await answer_prompt(pilot, "")  # a reason is required: the prompt stays open
        prompt = app.screen
        assert isinstance(prompt, PromptScreen) and prompt.error == "Type the reason."
        await answer_prompt(pilot, "Approved at the wrong meeting by mistake.")
        await screen_is(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, lambda: app.store.get_meeting(first).status is
                       MeetingStatus.DRAFT, "the approval undone")
        kinds = [a.kind for a in app.store.list_amendments(first)]
        assert kinds == [AmendmentKind.AMENDMENT, AmendmentKind.AMENDMENT,
                         AmendmentKind.APPROVAL_UNDONE]
        assert "Approved at the wrong meeting by mistake." in app.store.list_amendments(first)[2].text
        await wait_for(pilot, lambda: meetings.current() is not None
                       and meetings.current().status is MeetingStatus.DRAFT,  # type: ignore[union-attr]
                       "the list shows a draft")
        assert not meetings.check_action("undo_approval", ())
