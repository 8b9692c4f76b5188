"""Rescue files: unfiled text the database could not take, kept on disk (no Textual here).

When the draft cannot be saved (the database fails at quit, or another window on the meeting
holds the draft and the clerk chose "Not now"), the composer's text and the Enters still waiting
are written to ``rescued/meeting-N-YYYYMMDD-HHMMSS.txt`` in the app's data folder, readable by the
clerk only; the app prints the file's name when it quits.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir


def rescue_path(meeting_id: int, now: datetime) -> Path:
    folder = Path(user_data_dir("panel-minutes")) / "rescued"
    return folder / f"meeting-{meeting_id}-{now:%Y%m%d-%H%M%S}.txt"


def write_rescue(path: Path, body: str) -> Path:
    """Write ``body`` to ``path`` whole or not at all (temporary file, fsync, rename; 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path
