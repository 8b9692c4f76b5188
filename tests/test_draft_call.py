"""What the live screen saves as the draft, and where it keeps what it cannot save, driven
without a screen: ``panel_minutes.tui.filing_calls.draft_call`` against a real store, and
``panel_minutes.tui.rescue.rescue_file_for``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from panel_minutes.models.composer_state import (
    ComposerState,
    Pending,
    state_from_draft,
    waiting_from_draft,
)
from panel_minutes.models.store import Store
from panel_minutes.models.store.entries import DraftConflictError
from panel_minutes.tui.filing_calls import DraftVersion, draft_call
from panel_minutes.tui.rescue import rescue_file_for
from tests.test_live_support import write_meeting, write_panel


def _meeting(db_path: Path) -> tuple[Store, int, int]:
    store = Store(str(db_path))
    meeting_id = write_meeting(store, write_panel(store))
    return store, meeting_id, store.list_items(meeting_id)[0].id


def test_the_draft_holds_the_composer_and_the_enters_not_yet_written(db_path: Path) -> None:
    store, meeting_id, item_id = _meeting(db_path)
    try:
        version = DraftVersion()
        first, second = (Pending(ComposerState(text=t), item_id) for t in ("one", "two"))
        version.written.add(first.serial)  # filed before this save ran on the store thread
        call = draft_call(ComposerState(text="typing on"), version, meeting_id=meeting_id,
                          item_id=item_id, queued=[first, second])
        assert call is not None
        stamp = call(store)
        draft = store.get_draft(meeting_id)
        assert draft is not None and stamp is not None and draft.updated_at == stamp
        assert version.stamp == stamp
        assert state_from_draft(draft).text == "typing on"
        assert [p.state.text for p in waiting_from_draft(draft)] == ["two"]
    finally:
        store.close()


def test_an_empty_composer_clears_only_this_windows_draft(db_path: Path) -> None:
    store, meeting_id, item_id = _meeting(db_path)
    try:
        mine = DraftVersion()
        save = draft_call(ComposerState(text="mine"), mine, meeting_id=meeting_id,
                          item_id=item_id, queued=[])
        assert save is not None and save(store) is not None
        clear = draft_call(ComposerState(), mine, meeting_id=meeting_id, item_id=item_id,
                           queued=[])
        assert clear is not None and clear(store) is None
        assert store.get_draft(meeting_id) is None and mine.stamp is None
        # A window that holds no draft leaves another window's alone.
        store.save_draft(meeting_id, "the other window", item_id=item_id, new=True)
        assert clear(store) is None
        kept = store.get_draft(meeting_id)
        assert kept is not None and kept.text == "the other window"
    finally:
        store.close()


def test_a_blocked_window_saves_nothing_until_it_takes_over(db_path: Path) -> None:
    store, meeting_id, item_id = _meeting(db_path)
    try:
        store.save_draft(meeting_id, "the other window", item_id=item_id, new=True)
        version = DraftVersion()
        save = draft_call(ComposerState(text="mine"), version, meeting_id=meeting_id,
                          item_id=item_id, queued=[])
        assert save is not None
        with pytest.raises(DraftConflictError):
            save(store)
        version.blocked = True
        assert draft_call(ComposerState(text="mine"), version, meeting_id=meeting_id,
                          item_id=item_id, queued=[]) is None
        version.take_over()
        assert not version.blocked and version.claim
        take = draft_call(ComposerState(text="mine"), version, meeting_id=meeting_id,
                          item_id=item_id, queued=[])
        assert take is not None and take(store) is not None
        draft = store.get_draft(meeting_id)
        assert draft is not None and state_from_draft(draft).text == "mine"
        assert version.claim is False  # the claim is used once
    finally:
        store.close()


def test_a_window_keeps_one_rescue_file_and_drops_it_when_nothing_is_left(tmp_path: Path) -> None:
    old = tmp_path / "meeting-3-old.txt"
    assert rescue_file_for(old, "text", 3, datetime(2026, 3, 4, 10, 0)) == old
    old.write_text("text\n")
    assert rescue_file_for(old, "", 3, datetime(2026, 3, 4, 10, 0)) is None
    assert not old.exists()
    new = rescue_file_for(None, "text", 3, datetime(2026, 3, 4, 10, 5, 9))
    assert new is not None and new.name == "meeting-3-20260304-100509.txt"
    assert rescue_file_for(None, "", 3, datetime(2026, 3, 4, 10, 0)) is None
