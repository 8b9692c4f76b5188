"""Filing from the composer is one store operation with one set of rules (issue 11 point 7,
issue 10 point 2): ``file_entry`` checks the vote against the members present, marks the item
taken and replaces the draft in ONE transaction; ``update_entry`` / ``save_edit`` apply the same
vote check, and a saved edit replaces the draft that held it in its own transaction."""

from __future__ import annotations

from pathlib import Path

import pytest

from panel_minutes.models.domain import EntryKind, Outcome
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.store import Store
from panel_minutes.models.store.entries import DraftConflictError
from panel_minutes.models.store.filing import DraftAfter
from tests.support import notices, wait_for
from tests.test_live_support import write_meeting, write_panel


def _meeting(db_path: Path) -> tuple[Store, int, int]:
    store = Store(str(db_path))
    meeting_id = write_meeting(store, write_panel(store))
    item = store.list_items(meeting_id)[0]
    return store, meeting_id, item.id


def test_editing_a_vote_is_checked_against_those_present(db_path: Path) -> None:
    store, meeting_id, item_id = _meeting(db_path)
    try:
        present = store.voting_members_present(meeting_id)
        assert present == 4
        filed = store.add_entry(
            item_id, EntryKind.RESOLUTION, "that the Panel notes the report",
            vote_for=3, vote_against=1, outcome=Outcome.CARRIED,
        )
        with pytest.raises(ValidationError, match="adds up to 151, but only 4") as caught:
            store.update_entry(filed.id, vote_for=150)
        assert "\n" not in str(caught.value)
        assert store.get_entry(filed.id).vote_for == 3  # nothing written
        assert store.list_revisions(filed.id) == []
        # An edit that leaves the vote alone is not refused, and a right count is saved.
        store.update_entry(filed.id, text="that the Panel notes the annual report")
        assert store.update_entry(filed.id, vote_for=2, vote_abstain=1).vote_for == 2
    finally:
        store.close()


def test_file_entry_checks_the_vote_marks_the_item_and_clears_the_draft_at_once(
    db_path: Path,
) -> None:
    store, meeting_id, item_id = _meeting(db_path)
    try:
        stamp = store.save_draft(meeting_id, "that the Panel agrees", item_id=item_id)
        after = DraftAfter(meeting_id, stamp, "that the Panel agrees")
        with pytest.raises(ValidationError, match="adds up to 9"):
            store.file_entry(item_id, EntryKind.RESOLUTION, "that the Panel agrees",
                             vote_for=9, vote_against=0, draft=after)
        # Refused: nothing written, the item not taken, the draft still there.
        assert store.list_entries(item_id) == []
        assert store.list_items(meeting_id)[0].taken_position is None
        assert store.get_draft(meeting_id) is not None
        filed = store.file_entry(item_id, EntryKind.RESOLUTION, "that the Panel agrees",
                                 vote_for=4, vote_against=0, draft=after)
        assert [e.id for e in store.list_entries(item_id)] == [filed.entry.id]
        assert store.list_items(meeting_id)[0].taken_position == 0
        assert store.get_draft(meeting_id) is None and filed.draft_version is None
    finally:
        store.close()


def test_filing_leaves_what_is_still_unfiled_as_the_draft(db_path: Path) -> None:
    store, meeting_id, item_id = _meeting(db_path)
    try:
        stamp = store.save_draft(meeting_id, "first", item_id=item_id)
        after = DraftAfter(meeting_id, stamp, "first", text="second, typed since",
                           item_id=item_id, fields={"waiting": ["third"]})
        filed = store.file_entry(item_id, EntryKind.PARAGRAPH, "first", draft=after)
        draft = store.get_draft(meeting_id)
        assert draft is not None and draft.text == "second, typed since"
        assert draft.fields == {"waiting": ["third"]}
        assert draft.updated_at == filed.draft_version
        # Another window's draft (another version, other text) is left exactly as it was.
        other = store.save_draft(meeting_id, "the other window", item_id=item_id,
                                 expected_updated_at=filed.draft_version)
        kept = store.file_entry(item_id, EntryKind.PARAGRAPH, "mine",
                                draft=DraftAfter(meeting_id, stamp, "mine"))
        assert kept.draft_left
        draft = store.get_draft(meeting_id)
        assert draft is not None and draft.text == "the other window"
        assert draft.updated_at == other
    finally:
        store.close()


def test_saving_an_edit_replaces_the_draft_that_held_it(db_path: Path) -> None:
    """The kill in issue 10.2: the edit is saved, the draft that held it must go in the same
    transaction, or a restart offers the old text again as an unsaved edit."""
    store, meeting_id, item_id = _meeting(db_path)
    try:
        entry = store.file_entry(item_id, EntryKind.PARAGRAPH, "The Panel noted the repot.").entry
        stamp = store.save_draft(
            meeting_id, "The Panel noted the report.", item_id=item_id,
            fields={"composer": {"editing": {"what": "entry", "id": entry.id}}},
        )
        saved = store.save_edit(
            entry.id, expected_updated_at=entry.updated_at, text="The Panel noted the report.",
            draft=DraftAfter(meeting_id, stamp, "The Panel noted the report."),
        )
        assert store.get_entry(entry.id).text == "The Panel noted the report."
        assert store.get_draft(meeting_id) is None and saved.draft_version is None
        # A refused edit (vote) leaves the draft holding it.
        stamp = store.save_draft(meeting_id, "edit", item_id=item_id)
        with pytest.raises(ValidationError):
            store.save_edit(entry.id, kind=EntryKind.RESOLUTION, vote_for=99,
                            draft=DraftAfter(meeting_id, stamp, "edit"))
        assert store.get_draft(meeting_id) is not None
        assert store.get_entry(entry.id).kind is EntryKind.PARAGRAPH
    finally:
        store.close()


def test_a_window_holding_no_draft_does_not_overwrite_another_windows(db_path: Path) -> None:
    store, meeting_id, item_id = _meeting(db_path)
    try:
        store.save_draft(meeting_id, "typed in window B", item_id=item_id, new=True)
        with pytest.raises(DraftConflictError):
            store.save_draft(meeting_id, "typed in window A", item_id=item_id, new=True)
        draft = store.get_draft(meeting_id)
        assert draft is not None and draft.text == "typed in window B"
    finally:
        store.close()


async def test_the_live_screen_refuses_an_edited_vote_beyond_those_present(db_path: Path) -> None:
    """The key path: edit a filed resolution's vote to 150 with four members present."""
    from panel_minutes.tui.app import make_app
    from tests.test_live_support import FakeClock, open_live, settle

    store, meeting_id, item_id = _meeting(db_path)
    entry = store.add_entry(item_id, EntryKind.RESOLUTION, "that the Panel notes the report",
                            vote_for=3, vote_against=1, outcome=Outcome.CARRIED)
    store.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        await pilot.press("ctrl+l", "e")
        await pilot.pause()
        vote = screen.composer.field("vote")
        vote.value = "150-0-0"
        await pilot.press("enter")
        await settle(pilot, screen)
        await wait_for(pilot, lambda: any("adds up to 150, but only 4" in m for m in notices(app)),
                       "the refusal")
        assert app.store.get_entry(entry.id).vote_for == 3  # not saved
        state = screen.composer.state()
        assert state.editing is not None and state.get("vote") == "150-0-0"  # kept as typed
