"""Recorded (named) votes and several action owners in the live composer (issue 14, Resolutions): alt+v on a resolution
lists the voting members present, one key each cycling for -> against -> abstain -> not voting;
Enter keeps the marks, the counts follow, and the filed entry holds the names."""

from __future__ import annotations

from pathlib import Path

from panel_minutes.models.composer_state import Mode
from panel_minutes.models.domain import EntryKind
from panel_minutes.models.recorded_votes import VoteChoice
from panel_minutes.models.store import Store
from panel_minutes.screens.recorded_vote import RecordedVoteScreen
from panel_minutes.tui.app import make_app
from tests.test_live_support import (
    FakeClock,
    open_live,
    settle,
    type_into_composer,
    write_meeting,
    write_panel,
)


async def test_alt_v_marks_each_member_with_one_key_and_files_the_named_vote(
    db_path: Path,
) -> None:
    store = Store(str(db_path))
    cast = write_panel(store)
    meeting_id = write_meeting(store, cast)
    store.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        await pilot.press("alt+v")  # not on a paragraph
        assert not isinstance(app.screen, RecordedVoteScreen)
        await pilot.press("f3")
        type_into_composer(screen, "the report be noted.")
        await pilot.press("alt+v")
        await settle(pilot, screen)
        panel = app.screen
        assert isinstance(panel, RecordedVoteScreen)
        # present: Ashby, Brennan, Carver, Ng (Dowd sent apologies)
        assert [m.name for m in panel.members] == ["Joan Ashby", "Tariq Brennan", "Mina Carver",
                                                   "Ruth Ng"]
        await pilot.press("1", "2", "2", "3", "3", "3", "4", "4", "4", "4", "4")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.composer.mode is Mode.RESOLUTION
        assert screen.composer.field("vote").value == "2-1-1"
        await pilot.press("enter")
        await settle(pilot, screen)
    store = Store(str(db_path))
    try:
        doc = store.load_document(meeting_id)
        [entry] = [e for es in doc.entries.values() for e in es if e.kind is EntryKind.RESOLUTION]
        ids = cast.people
        assert dict(entry.recorded_votes) == {
            ids["ashby"]: VoteChoice.FOR, ids["brennan"]: VoteChoice.AGAINST,
            ids["carver"]: VoteChoice.ABSTAIN, ids["ng"]: VoteChoice.FOR,
        }
        assert (entry.vote_for, entry.vote_against, entry.vote_abstain) == (2, 1, 1)
    finally:
        store.close()


async def test_the_action_form_takes_several_owners(db_path: Path) -> None:
    store = Store(str(db_path))
    cast = write_panel(store)
    meeting_id = write_meeting(store, cast)
    store.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        await pilot.press("f4")
        type_into_composer(screen, "Circulate the comparison")
        owner = screen.composer.field("owner")
        owner.focus()
        owner.value = "Hale; Price"
        await pilot.pause()
        assert owner.has_class("-person")
        await pilot.press("enter")
        await settle(pilot, screen)
    store = Store(str(db_path))
    try:
        [action] = store.load_document(meeting_id).actions
        assert action.owners == ("Mr Simon Hale", "Mr Aled Price")
    finally:
        store.close()
