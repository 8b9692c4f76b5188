"""Real filesystems for the tests: a small disk that fills up, and a read-only share.

Both are tmpfs mounts, so they need the right to mount (the tests run as root here); where that
is not allowed the test is skipped rather than faked.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True)


@contextmanager
def tmpfs(folder: Path, size_kb: int) -> Iterator[Path]:
    """A tmpfs of ``size_kb`` KiB mounted on ``folder`` (created) until the block ends."""
    folder.mkdir(parents=True, exist_ok=True)
    done = _run("mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(folder))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here ({done.stderr.strip()})")
    try:
        yield folder
    finally:
        if _run("umount", str(folder)).returncode != 0:
            _run("umount", "-l", str(folder))


def fill(folder: Path) -> Path:
    """Write a filler file in ``folder`` until its disk is full; returns the filler."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        block = b"\0" * 4096
        while True:
            try:
                os.write(fd, block)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc
                break
        try:  # and the last few bytes of a partial block
            while os.write(fd, b"\0"):
                continue
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    finally:
        os.close(fd)
    return filler


def make_read_only(folder: Path) -> None:
    """Remount the tmpfs on ``folder`` read-only: an archive on a read-only share."""
    done = _run("mount", "-o", "remount,ro", str(folder))
    if done.returncode != 0:
        pytest.skip(f"cannot remount {folder} read-only ({done.stderr.strip()})")
