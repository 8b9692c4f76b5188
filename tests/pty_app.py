"""The real app as a child process on a 120x40 pseudo-terminal, for kill and restart tests."""

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

ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1bP[^\x1b]*\x1b\\")


class PtyApp:
    """``panel-minutes --db DB --open MEETING`` on a pseudo-terminal; works with no terminal."""

    def __init__(self, db: Path, meeting_id: int) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.started = time.monotonic()
        self.child = subprocess.Popen(
            [sys.executable, "-m", "panel_minutes.tui.cli", "--db", str(db), "--open", str(meeting_id)],
            stdin=slave, stdout=slave, stderr=slave, close_fds=True, start_new_session=True,
            env={**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"},
        )
        os.close(slave)
        self.master = master
        self.output = b""

    def pump(self, seconds: float) -> None:
        """Read what the app drew for ``seconds`` (or until it exits)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end and self.child.poll() is None:
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    return

    def screen(self) -> str:
        """Everything drawn so far, without escape sequences."""
        return ANSI.sub(b"", self.output).decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.05)
            if needle in self.screen():
                return
            assert self.child.poll() is None, f"the app exited:\n{self.screen()[-2000:]}"
        raise AssertionError(f"{needle!r} never appeared:\n{self.screen()[-2000:]}")

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def keys(self, data: bytes, pause: float = 0.15) -> None:
        self.send(data)
        self.pump(pause)

    def kill(self) -> float:
        """SIGKILL the app (and anything it started); returns the moment of the kill."""
        moment = time.monotonic()
        os.killpg(self.child.pid, signal.SIGKILL)
        self.child.wait(timeout=20)
        self.pump(0)
        os.close(self.master)
        return moment

    def quit(self) -> int:
        self.keys(b"\x11", 0.5)  # ctrl+q
        self.pump(5)
        code = self.child.wait(timeout=10)
        os.close(self.master)
        return code
