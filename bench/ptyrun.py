"""Run a terminal program in a pseudo-terminal, as a user's terminal would, and time it.

The program gets a real 120x40 terminal (so Textual paints exactly as it does for a clerk); we
read everything it writes so it never blocks, and watch for the benchmark marker line
``PANEL_MINUTES_BENCH <stage> <time.monotonic()>`` (see ``tui/bench_hook.py``). On Linux
``time.monotonic()`` is one clock for every process, so the marker time minus the time just
before we started the process is the whole process's start-up, interpreter and imports included.
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
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MARKER = re.compile(rb"PANEL_MINUTES_BENCH (\S+) ([0-9.]+)")
HWM = re.compile(rb"PANEL_MINUTES_BENCH_HWM ([0-9]+)")  # peak RSS in kB, when reported
COLS, ROWS = 120, 40


@dataclass(frozen=True)
class PtyRun:
    started: float  # time.monotonic() just before the process was started
    marks: dict[str, float]  # stage -> seconds after ``started``
    exited: float  # seconds after ``started`` when the terminal closed
    returncode: int
    output: bytes
    maxrss_mb: float  # ru_maxrss: includes the parent's memory at fork, see hwm_mb
    cpu_s: float  # user + system CPU time of the whole process (exit included)
    hwm_mb: float | None = None  # peak RSS of the program itself, if it reported it

    def mark(self, stage: str) -> float:
        if stage not in self.marks:
            tail = self.output[-2000:].decode("utf-8", "replace")
            raise RuntimeError(
                f"the program never reported {stage!r} (exit code {self.returncode}); "
                f"its last output:\n{tail}"
            )
        return self.marks[stage]


def run(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    timeout: float = 60.0,
    cols: int = COLS,
    rows: int = ROWS,
    cwd: str | None = None,
) -> PtyRun:
    """Run ``argv`` in a fresh pseudo-terminal until it exits (or ``timeout``, then kill it)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    full_env = dict(os.environ if env is None else env)
    full_env.setdefault("TERM", "xterm-256color")
    full_env.setdefault("COLORTERM", "truecolor")
    started = time.monotonic()
    proc = subprocess.Popen(
        list(argv), stdin=slave, stdout=slave, stderr=slave, env=full_env, cwd=cwd,
        start_new_session=True, close_fds=True,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = started + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.killpg(proc.pid, signal.SIGKILL)
                raise TimeoutError(f"{argv[0]} did not finish within {timeout:.0f} s")
            ready, _, _ = select.select([master], [], [], min(left, 0.5))
            if not ready:
                if proc.poll() is not None and not _drain(master, chunks):
                    break
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other end closed (the program exited)
                break
            if not data:
                break
            chunks.append(data)
        exited = time.monotonic() - started
        returncode, maxrss_mb, cpu_s = _wait(proc, deadline)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        os.close(master)
    output = b"".join(chunks)
    marks = {m.group(1).decode(): float(m.group(2)) - started for m in MARKER.finditer(output)}
    hwm = HWM.search(output)
    return PtyRun(started, marks, exited, returncode, output, maxrss_mb, cpu_s,
                  int(hwm.group(1)) / 1024 if hwm else None)


def _wait(proc: subprocess.Popen[bytes], deadline: float) -> tuple[int, float, float]:
    """Reap the process with ``wait4`` to learn its peak memory and CPU time too."""
    while time.monotonic() < deadline:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return proc.returncode, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
        time.sleep(0.005)
    raise TimeoutError(f"process {proc.pid} did not exit")


def _drain(master: int, chunks: list[bytes]) -> bool:
    """Read whatever is left without blocking; ``False`` when nothing (more) can be read."""
    try:
        ready, _, _ = select.select([master], [], [], 0)
        if not ready:
            return False
        data = os.read(master, 65536)
    except OSError:
        return False
    if data:
        chunks.append(data)
    return bool(data)
