"""A complete meeting minuted by keys alone, from an empty database to the exported minutes.

What is done by keys: creating the meeting (meetings screen, ``n``, form, ctrl+s), opening it
(Enter), every entry of the minutes (paragraphs, a resolution agreeing the previous minutes, a
late arrival, a question and answer, a resolution with a vote, an action with owner and due date,
an exempt item taken with ctrl+g and its number), quitting (ctrl+q), reopening the app, and
exporting (``e``, then ``w`` and Enter).

What is written through the store in the test, because other screens own it: the panel, its
people and members (no people screen here), and the meeting's attendance and two extra agenda
items (the setup screen). Long text is put into the composer with ``insert`` as a paste would;
only the keys that matter are pressed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.pilot import Pilot

from panel_minutes.models.store import Store
from panel_minutes.screens.export import ExportScreen
from panel_minutes.screens.live import LiveScreen
from panel_minutes.tui.app import make_app
from tests.support import wait_for as wait_for
from tests.test_live_support import (
    FakeClock,
    prepare_meeting,
    settle,
    type_into_composer,
    write_panel,
)

GOLDEN = Path(__file__).parent / "golden" / "live-meeting.md"


async def type_entry(pilot: Pilot[None], live: LiveScreen, text: str) -> None:
    type_into_composer(live, text)
    await pilot.press("enter")
    await settle(pilot, live)


async def test_a_whole_meeting_by_keys_survives_a_restart_and_exports_as_expected(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = Store(str(db_path))
    cast = write_panel(setup)
    setup.close()
    clock = FakeClock()
    monkeypatch.chdir(tmp_path)

    app = make_app(str(db_path), clock=clock)  # the meeting day, at the time the test sets
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "loaded", False), "meetings list")
        # --- a new meeting through the meetings screen ------------------------------------------
        await pilot.press("n")
        await wait_for(pilot, lambda: getattr(app.screen, "loaded", False), "meeting form")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.store.list_meetings(), "the new meeting")
        meeting_id = app.store.list_meetings()[0].id
        prepare_meeting(app.store, cast, meeting_id)  # attendance + 2 items: the setup screen's job
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MeetingsScreen", "form closed")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LiveScreen), "the live screen")
        live = app.screen
        assert isinstance(live, LiveScreen)
        await live.loaded.wait()
        await pilot.pause()
        assert [i.title for i in live.items][:3] == [
            "Apologies and substitutes", "Declarations of interest",
            "Minutes of the previous meeting",
        ]

        # --- item 1: apologies ---------------------------------------------------------------
        await pilot.press("f8")  # start the item at 10:00
        await type_entry(pilot, live, "Apologies were received from Cllr Dowd.")

        # --- item 2: declarations --------------------------------------------------------------
        clock.set(10, 2)
        await pilot.press("f7")
        await type_entry(pilot, live, "No interests were declared.")

        # --- item 3: previous minutes, a resolution agreed unanimously ---------------------------
        clock.set(10, 3)
        await pilot.press("f7", "f3")
        assert live.composer.text_area.text == "that the Panel "
        await pilot.press("ctrl+u")  # this one is not "that the Panel ..."
        type_into_composer(
            live, "that the minutes of the meeting held on 8 December 2026 be agreed as a "
            "correct record."
        )
        await pilot.press("tab", "tab", "tab", "tab", "u", "enter")
        await settle(pilot, live)

        # --- item 4: the annual report ------------------------------------------------------------
        clock.set(10, 5)
        await pilot.press("f7")
        await type_entry(
            pilot, live,
            "The Commissioner presented the annual report on the Police and Crime Plan, "
            "highlighting faster answering of non-emergency calls.",
        )
        clock.set(10, 11, 30)
        await pilot.press("f5")  # a late arrival, stamped 10:11
        await type_entry(pilot, live, "Cllr Carver joined the meeting.")

        await pilot.press("f2")  # typing starts in the question; Tab completes, then moves on
        type_into_composer(live, "how many calls to 101 were abandoned before being answered")
        await pilot.press("tab", *"bren", "tab", "tab", *"hale", "tab", "tab")  # to the answer
        live.composer.answer_area.insert("one in twelve had been in the first quarter, and one "
                                         "in thirty by the fourth")
        await pilot.press("enter")
        await settle(pilot, live)

        await pilot.press("f3")
        type_into_composer(live, "note the annual report and ask for a progress report in "
                                 "six months.")
        await pilot.press("tab", *"ash", "tab", "tab", *"ng", "tab", "tab", *"3-0-1", "enter")
        await settle(pilot, live)

        await pilot.press("f4")
        type_into_composer(live, "Publish the plan's performance measures on the "
                                 "Commissioner's website")
        await pilot.press("tab", *"hale", "tab", "tab", *"30/04/2027", "enter")
        await settle(pilot, live)

        # --- item 5: exempt, taken with ctrl+g and its number ----------------------------------
        clock.set(10, 40)
        await pilot.press("ctrl+g", "5", "enter")
        await settle(pilot, live)
        assert live.current_item is not None and live.current_item.exempt
        await type_entry(pilot, live, "The Panel considered the references of the preferred "
                                      "candidate.")
        await pilot.press("f3")
        type_into_composer(live, "confirm the appointment of the Deputy Commissioner.")
        await pilot.press("tab", "tab", "tab", "tab", *"unan", "enter")
        await settle(pilot, live)
        clock.set(10, 52)
        await pilot.press("f8")  # finish it
        await settle(pilot, live)

        shown = {i.title: len(v) for i, v in ((i, live.entries[i.id]) for i in live.items)}
        assert list(shown.values()) == [1, 1, 1, 4, 2]
        assert live.composer.state().is_empty
        await pilot.press("ctrl+q")

    # --- reopen the app on the same database and export -----------------------------------------
    check = Store(str(db_path))
    try:
        assert check.get_draft(meeting_id) is None  # everything was filed: no draft left
        items = check.list_items(meeting_id)
        assert [(i.started_at, i.finished_at) for i in items] == [
            ("10:00", "10:02"), ("10:02", "10:03"), ("10:03", "10:05"), ("10:05", "10:40"),
            ("10:40", "10:52"),
        ]
    finally:
        check.close()

    again = make_app(str(db_path), clock=clock)
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: getattr(again.screen, "loaded", False), "meetings list")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(again.screen, ExportScreen), "export screen")
        export = again.screen
        assert isinstance(export, ExportScreen)
        await export.rendered.wait()
        public = export.markdown_text
        await pilot.press("w")
        await wait_for(pilot, lambda: type(again.screen).__name__ == "PromptScreen", "prompt")
        await pilot.press("enter")
        written = tmp_path / "2027-03-09-northmoor-pcp-minutes.md"
        await wait_for(pilot, lambda: written.exists()
                       and written.read_text(encoding="utf-8") == public, "the written file")

    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(public, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert public == expected
    assert written.read_text(encoding="utf-8") == expected
    assert "references of the preferred candidate" not in public  # the exempt item stays out
