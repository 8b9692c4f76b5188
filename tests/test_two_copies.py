"""Two copies of panel-minutes on one database: no write lost, none silently overwritten.

Entries carry ``updated_at`` as a version token. ``Store.update_entry(...,
expected_updated_at=...)`` compares and sets it in one statement, so of two writers holding the
same version exactly one wins and the other gets ``ConflictError`` with the entry as it now is.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from panel_minutes.models.domain import EntryKind
from panel_minutes.models.errors import ConflictError
from panel_minutes.models.store import Store
from panel_minutes.models.store.entries import (
    DraftConflictError,
    DraftSharedNotice,
    EntryConflictError,
)

WRITERS = 2
APPENDS_PER_WRITER = 20
ADDS_PER_WRITER = 40


def _item(store: Store) -> tuple[int, int]:
    panel = store.create_panel("Northmoor Police and Crime Panel")
    from datetime import date

    meeting = store.create_meeting(panel.id, date(2026, 3, 2))
    item = store.add_item(meeting.id, "Commissioner's update")
    return meeting.id, item.id


def test_stale_update_is_refused_and_shows_the_other_version(db_path: Path) -> None:
    first, second = Store(str(db_path)), Store(str(db_path))
    try:
        _, item_id = _item(first)
        entry = first.add_entry(item_id, EntryKind.PARAGRAPH, "The Panel noted the report.")
        assert entry.updated_at is not None
        seen_by_second = second.get_entry(entry.id)
        assert seen_by_second.updated_at == entry.updated_at

        # The first window saves its change; the second still holds the old version.
        saved = first.update_entry(
            entry.id, text="The Panel noted the report and thanked the officers.",
            expected_updated_at=entry.updated_at,
        )
        assert saved.updated_at is not None and saved.updated_at > entry.updated_at
        with pytest.raises(EntryConflictError) as caught:
            second.update_entry(
                entry.id, text="The Panel noted the report with concern.",
                expected_updated_at=seen_by_second.updated_at,
            )
        message = str(caught.value)
        assert "changed elsewhere" in message and "nothing was overwritten" in message
        assert "\n" not in message
        assert caught.value.current.text == saved.text  # the other version, to show the clerk
        assert second.get_entry(entry.id).text == saved.text  # not clobbered

        # Having seen the other version, the second window can save on top of it deliberately.
        merged = second.update_entry(
            entry.id, text=saved.text + " Members asked for a follow-up.",
            expected_updated_at=caught.value.current.updated_at,
        )
        assert first.get_entry(entry.id).text == merged.text
        # Both changes are in the audit trail: nothing silently lost.
        trail = [r.new_text for r in first.list_revisions(entry.id)]
        assert trail == [saved.text, merged.text]
    finally:
        first.close()
        second.close()


def test_update_of_an_entry_deleted_elsewhere_is_reported(db_path: Path) -> None:
    first, second = Store(str(db_path)), Store(str(db_path))
    try:
        _, item_id = _item(first)
        entry = first.add_entry(item_id, EntryKind.PARAGRAPH, "To be withdrawn.")
        first.delete_entry(entry.id)
        with pytest.raises(Exception, match="deleted elsewhere"):
            second.update_entry(entry.id, text="changed", expected_updated_at=entry.updated_at)
    finally:
        first.close()
        second.close()


def test_plain_update_without_a_token_still_works(store: Store) -> None:
    _, item_id = _item(store)
    entry = store.add_entry(item_id, EntryKind.PARAGRAPH, "First text.")
    again = store.update_entry(entry.id, text="Second text.")
    third = store.update_entry(entry.id, text="Third text.")
    assert again.updated_at is not None and third.updated_at is not None
    assert third.updated_at > again.updated_at  # every change gets a new version


def test_two_threads_with_two_stores_lose_no_entry(db_path: Path) -> None:
    setup = Store(str(db_path))
    _, item_id = _item(setup)
    setup.close()
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        store = Store(str(db_path))
        try:
            for n in range(ADDS_PER_WRITER):
                store.add_entry(item_id, EntryKind.PARAGRAPH, f"{name} entry {n}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=writer, args=(f"copy{w}",)) for w in range(WRITERS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    check = Store(str(db_path))
    try:
        texts = {e.text for e in check.list_entries(item_id)}
    finally:
        check.close()
    expected = {f"copy{w} entry {n}" for w in range(WRITERS) for n in range(ADDS_PER_WRITER)}
    lost = expected - texts
    print(f"two threads: {len(expected)} entries filed, {len(lost)} lost")
    assert lost == set()
    assert _integrity(db_path) == "ok"


def _append_lines(db: str, entry_id: int, item_id: int, name: str, count: int) -> None:
    """One copy of the app: append ``count`` lines to a shared entry, retrying on conflict,
    and file ``count`` entries of its own."""
    store = Store(db)
    try:
        for n in range(count):
            while True:
                current = store.get_entry(entry_id)
                try:
                    store.update_entry(
                        entry_id, text=f"{current.text}\n{name} line {n}",
                        expected_updated_at=current.updated_at,
                    )
                    break
                except ConflictError:
                    continue  # someone else wrote first: read again and re-apply
            store.add_entry(item_id, EntryKind.PARAGRAPH, f"{name} own {n}")
    finally:
        store.close()


@pytest.mark.slow
def test_two_processes_editing_one_entry_lose_no_change(db_path: Path) -> None:
    setup = Store(str(db_path))
    _, item_id = _item(setup)
    shared = setup.add_entry(item_id, EntryKind.PARAGRAPH, "Shared notes:")
    setup.close()

    ctx = multiprocessing.get_context("spawn")
    procs = [
        ctx.Process(
            target=_append_lines,
            args=(str(db_path), shared.id, item_id, f"copy{w}", APPENDS_PER_WRITER),
        )
        for w in range(WRITERS)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * WRITERS

    check = Store(str(db_path))
    try:
        lines = check.get_entry(shared.id).text.split("\n")[1:]
        own = {e.text for e in check.list_entries(item_id)} - {check.get_entry(shared.id).text}
        revisions = check.list_revisions(shared.id)
    finally:
        check.close()
    expected = {f"copy{w} line {n}" for w in range(WRITERS) for n in range(APPENDS_PER_WRITER)}
    lost = expected - set(lines)
    print(f"two processes: {len(expected)} edits of one entry, {len(lost)} lost; "
          f"{len(own)} own entries")
    assert lost == set() and len(lines) == len(expected)  # every edit, none twice
    assert own == {f"copy{w} own {n}" for w in range(WRITERS) for n in range(APPENDS_PER_WRITER)}
    assert len(revisions) == len(expected)
    assert _integrity(db_path) == "ok"


def test_second_window_on_one_meeting_is_told_it_is_open_elsewhere(db_path: Path) -> None:
    first, second = Store(str(db_path)), Store(str(db_path))
    try:
        meeting_id, item_id = _item(first)
        v1 = first.save_draft(meeting_id, "The Chair welcomed", item_id=item_id)
        # The second window opens the meeting and restores the draft with its version ...
        restored = second.get_draft(meeting_id)
        assert restored is not None and restored.updated_at == v1
        v2 = second.save_draft(
            meeting_id, "The Chair welcomed everyone", item_id=item_id, expected_updated_at=v1
        )
        # ... so the first window's next autosave would overwrite it: refused, and said so.
        with pytest.raises(DraftConflictError, match="open in another window") as caught:
            first.save_draft(
                meeting_id, "The Chair welcomed members", item_id=item_id, expected_updated_at=v1
            )
        assert caught.value.current is not None
        assert caught.value.current.text == "The Chair welcomed everyone"
        draft = first.get_draft(meeting_id)
        assert draft is not None and draft.text == "The Chair welcomed everyone"
        # The window that owns the draft learns of the other at its next save, which is
        # written as usual (its text is never held back).
        with pytest.raises(DraftSharedNotice, match="also open in another window") as told:
            second.save_draft(meeting_id, "The Chair welcomed everyone present",
                              item_id=item_id, expected_updated_at=v2)
        owned = second.get_draft(meeting_id)
        assert owned is not None and owned.text == "The Chair welcomed everyone present"
        assert owned.updated_at == told.value.version
        # ... once: its saves after that are quiet.
        second.save_draft(meeting_id, "The Chair welcomed all", item_id=item_id,
                          expected_updated_at=told.value.version)
        # The clerk may take the meeting over deliberately.
        first.save_draft(meeting_id, "Taken over", item_id=item_id, expected_updated_at=v1,
                         claim=True)
        taken = second.get_draft(meeting_id)
        assert taken is not None and taken.text == "Taken over"
    finally:
        first.close()
        second.close()


def _integrity(db_path: Path) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def test_filing_from_the_draft_clears_it_in_the_same_transaction(store: Store) -> None:
    """A crash just after Enter cannot offer the filed text again as an unfiled draft."""
    meeting_id, item_id = _item(store)
    stamp = store.save_draft(meeting_id, "The Panel agreed the report.", item_id=item_id)
    store.add_entry(item_id, EntryKind.PARAGRAPH, "The Panel agreed the report.",
                    clear_draft_of=meeting_id, draft_stamp=stamp)
    assert store.get_draft(meeting_id) is None
    # A draft saved since (typed after Enter) is a newer version: it stays.
    old = store.save_draft(meeting_id, "first words", item_id=item_id)
    newer = store.save_draft(meeting_id, "first words and more", item_id=item_id,
                             expected_updated_at=old)
    store.add_entry(item_id, EntryKind.PARAGRAPH, "first words", clear_draft_of=meeting_id,
                    draft_stamp=old)
    kept = store.get_draft(meeting_id)
    assert kept is not None and kept.text == "first words and more" and kept.updated_at == newer
    # The window that filed saves its next draft against a row that is gone: no false conflict.
    store.clear_draft(meeting_id)
    store.save_draft(meeting_id, "next", item_id=item_id, expected_updated_at=newer)
    again = store.get_draft(meeting_id)
    assert again is not None and again.text == "next"


@pytest.mark.slow
def _wait_for_both(window: Any, needle: str, other: Any, timeout: float = 60) -> None:
    """``window.wait_for(needle)``, reading ``other``'s terminal too while waiting."""
    import time

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        window.pump(0.05)
        other.pump(0.01)
        if needle in window.screen():
            return
    import re as _re

    shown = _re.sub(r"(┃ Typed in window A\s*)+", "[A] ", window.screen())
    raise AssertionError(f"{needle!r} never appeared:\n{shown[-3000:]}")


def test_two_windows_on_one_meeting_learn_of_each_other_and_lose_nothing(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 10.3, with two real copies of the app on pseudo-terminals: B saves the draft first,
    A is told the meeting is open elsewhere and answers "Not now", B is told too; what A types
    after that, which cannot be saved as the draft, is written to a rescue file named on quit."""
    from tests.pty_app import PtyApp
    from tests.test_live_support import write_meeting, write_panel

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    setup = Store(str(db_path))
    meeting_id = write_meeting(setup, write_panel(setup))
    setup.close()
    window_a = PtyApp(db_path, meeting_id)
    window_b = PtyApp(db_path, meeting_id)
    try:
        window_a.wait_for("Enter files")
        window_b.wait_for("Enter files")
        window_b.keys(b"Typed in window B", 0.1)
        window_b.pump(0.8)  # B's draft is saved
        window_a.keys(b"Typed in window A", 0.1)
        window_a.wait_for("open elsewhere", timeout=30)
        window_a.wait_for("Not now", timeout=30)
        window_a.pump(0.5)  # the dialog has the focus (slow under a loaded machine)
        window_a.keys(b"n", 0.3)  # Not now
        # B's terminal is read meanwhile: a window whose output nobody reads stops drawing.
        _wait_for_both(window_a, "kept in a rescue", window_b)  # the toast may wrap anywhere
        window_a.keys(b" and more in A", 0.1)
        window_b.keys(b" and more in B", 0.1)
        _wait_for_both(window_b, "also open", window_a, timeout=30)  # the toast may wrap anywhere
        window_a.pump(0.8)
        # kept on disk already (a kill now would lose nothing), and named on quit
        (kept,) = list((tmp_path / "data").rglob("meeting-*.txt"))
        assert kept.read_text(encoding="utf-8").strip() == "Typed in window A and more in A"
        assert window_a.quit() == 0
        assert window_b.quit() == 0
    finally:
        for window in (window_a, window_b):
            if window.child.poll() is None:
                window.kill()
    rescued = list((tmp_path / "data").rglob("meeting-*.txt"))
    assert len(rescued) == 1
    assert rescued[0].read_text(encoding="utf-8").strip() == "Typed in window A and more in A"
    assert str(rescued[0]) in window_a.screen().replace("\r\n", "").replace("\n", "")
    check = Store(str(db_path))
    try:
        draft = check.get_draft(meeting_id)
    finally:
        check.close()
    assert draft is not None and draft.text == "Typed in window B and more in B"
