"""The draft survives SIGKILL: the REAL app in a pseudo-terminal, killed mid-sentence.

``panel-minutes --db X --open MEETING`` runs as a separate process on a pty (no terminal needed,
so it works under CI=true). The test types a question into the composer as keystrokes (F2, a
name completed with Tab, the question), waits past the 0.5 s autosave, kills the process with
SIGKILL, starts it again, and shows the question is back in the composer: the app says so, and
pressing Enter in the restored composer files exactly that question (asker included).
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from models.domain import EntryKind
from models.store import Store
from tests.test_live_support import write_meeting, write_panel

ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1bP[^\x1b]*\x1b\\")
F2 = b"\x1bOQ"
QUESTION = "whether the new 101 system had cut waiting times"


class PtyApp:
    """The app as a child process on a pseudo-terminal of 120x40."""

    def __init__(self, db: Path, meeting_id: int) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.child = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "--db", str(db), "--open", str(meeting_id)],
            stdin=slave, stdout=slave, stderr=slave, close_fds=True, start_new_session=True,
            env={**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"},
        )
        os.close(slave)
        self.master = master
        self.output = b""

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end and self.child.poll() is None:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    return

    def text(self) -> str:
        return ANSI.sub(b"", self.output).decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.1)
            if needle in self.text():
                return
        raise AssertionError(f"{needle!r} never appeared on screen:\n{self.text()[-3000:]}")

    def keys(self, data: bytes, pause: float = 0.15) -> None:
        os.write(self.master, data)
        self.pump(pause)

    def kill(self) -> None:
        os.killpg(self.child.pid, signal.SIGKILL)
        self.child.wait(timeout=10)
        os.close(self.master)

    def quit(self) -> int:
        self.keys(b"\x11", 0.5)  # ctrl+q
        self.pump(5)
        code = self.child.wait(timeout=10)
        os.close(self.master)
        return code


def test_a_typed_question_survives_sigkill_and_is_filed_after_restart(db_path: Path) -> None:
    store = Store(str(db_path))
    cast = write_panel(store)
    meeting_id = write_meeting(store, cast)
    store.close()

    first = PtyApp(db_path, meeting_id)
    try:
        first.wait_for("Enter files")
        first.pump(0.5)
        first.keys(F2)
        first.keys(b"bren\t", 0.3)  # asker completed to Cllr Brennan, on to the respondent
        first.keys(b"\t")  # on to the question itself
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
        assert draft.text == QUESTION, (draft.fields, first.text()[-1500:])
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
