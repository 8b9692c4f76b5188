"""The draft survives SIGKILL: the REAL app in a pseudo-terminal, killed mid-sentence.

``panel-minutes --db X --open MEETING`` runs as a separate process on a pty (no terminal needed,
so it works under CI=true). The test types a question into the composer as keystrokes (F2, a
name completed with Tab, the question), waits past the 0.5 s autosave, kills the process with
SIGKILL, starts it again, and shows the question is back in the composer: the app says so, and
pressing Enter in the restored composer files exactly that question (asker included).
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from panel_minutes.models.domain import EntryKind
from panel_minutes.models.store import Store
from tests.pty_app import PtyApp
from tests.test_live_support import write_meeting, write_panel

pytestmark = pytest.mark.slow  # real processes or large data: `-m "not slow"` skips it

F2 = b"\x1bOQ"
QUESTION = "whether the new 101 system had cut waiting times"


def test_a_typed_question_survives_sigkill_and_is_filed_after_restart(db_path: Path) -> None:
    store = Store(str(db_path))
    cast = write_panel(store)
    meeting_id = write_meeting(store, cast)
    store.close()

    first = PtyApp(db_path, meeting_id)
    try:
        first.wait_for("Enter files")
        first.pump(0.5)
        first.keys(F2)  # typing starts in the question; Tab goes on to "Asked by"
        first.keys(b"\t")
        first.keys(b"bren\t", 0.3)  # Tab completes the asker to Cllr Brennan (and stays)
        first.keys(b"\x1b[Z")  # shift+tab: back to the question itself
        for word in QUESTION.split(" "):
            first.keys(word.encode() + b" ", 0.02)
        first.keys(b"\x7f")  # backspace the last space
        first.pump(1.2)  # longer than the 0.5 s autosave promise
        saved = Store(str(db_path))
        try:
            draft = saved.get_draft(meeting_id)
        finally:
            saved.close()
        assert draft is not None and draft.kind is EntryKind.QUESTION
        assert draft.text == QUESTION, (draft.fields, first.screen()[-1500:])
    finally:
        first.kill()
    assert first.child.returncode == -signal.SIGKILL

    second = PtyApp(db_path, meeting_id)
    try:
        second.wait_for("unfiled text was restored")
        second.wait_for("Question")
        second.keys(b"\r", 1.0)  # Enter files what the restored composer holds
        assert second.quit() == 0
    finally:
        if second.child.poll() is None:
            second.child.kill()

    after = Store(str(db_path))
    try:
        entries = [e for i in after.list_items(meeting_id) for e in after.list_entries(i.id)]
        assert after.get_draft(meeting_id) is None
    finally:
        after.close()
    assert len(entries) == 1
    filed = entries[0]
    assert filed.kind is EntryKind.QUESTION
    assert filed.text == QUESTION
    assert filed.asker_id == cast.people["brennan"]


CORRECTION = " Figures to follow."


def _entry_and_draft(db_path: Path, meeting_id: int, entry_id: int) -> tuple[str, str | None]:
    store = Store(str(db_path))
    try:
        draft = store.get_draft(meeting_id)
        return store.get_entry(entry_id).text, (draft.text if draft else None)
    finally:
        store.close()


def test_an_edit_saved_just_before_sigkill_is_never_undone(db_path: Path) -> None:
    """Issue 10.2: edit a filed entry, press Enter, SIGKILL 0 to 40 ms later. The correction is
    saved with the draft cleared in one transaction (or, killed first, kept as the draft); on
    restart Enter never saves the old text over the correction."""
    store = Store(str(db_path))
    meeting_id = write_meeting(store, write_panel(store))
    item = store.list_items(meeting_id)[0]
    entry = store.add_entry(item.id, EntryKind.PARAGRAPH, "The Panel noted the report.")
    store.close()
    text = entry.text
    for delay in (0.0, 0.01, 0.02, 0.03, 0.04):
        app = PtyApp(db_path, meeting_id)
        try:
            app.wait_for("Enter files")
            app.pump(0.4)
            app.keys(b"\x0c", 0.3)  # ctrl+l: the last entry
            app.keys(b"e", 0.3)  # edit it in the composer
            app.wait_for("Editing")
            app.keys(CORRECTION.encode(), 0.2)
            app.pump(0.7)  # the edit is autosaved as the draft
            app.send(b"\r")
            app.pump(delay)
        finally:
            app.kill()
        corrected = text + CORRECTION
        saved, draft = _entry_and_draft(db_path, meeting_id, entry.id)
        assert saved in (text, corrected)
        if saved == corrected:
            # no edit of the old text left to come back
            assert draft is None or draft == "", (delay, draft)
        else:
            assert draft == corrected, (delay, draft)  # killed first: the edit is the draft
        # Restart and press Enter (it files a restored edit, if any), then quit.
        again = PtyApp(db_path, meeting_id)
        try:
            again.wait_for("Enter files" if saved == corrected else "Editing")
            again.pump(0.4)
            again.keys(b"\r", 1.0)
            assert again.quit() == 0
        finally:
            if again.child.poll() is None:
                again.child.kill()
        saved, draft = _entry_and_draft(db_path, meeting_id, entry.id)
        assert saved == corrected, (delay, saved)  # the correction is never lost
        text = saved
