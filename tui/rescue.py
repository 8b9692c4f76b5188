"""Rescue files: unfiled text the database could not take, kept on disk (no Textual here).

When the draft cannot be saved (the database fails at quit, or another window on the meeting
holds the draft and the clerk chose "Not now"), the composer's text and the Enters still waiting
are written to ``rescued/meeting-N-YYYYMMDD-HHMMSS.txt`` in the app's data folder, readable by the
clerk only; the app prints the file's name when it quits.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir

from panel_minutes.models.files import CONFIDENTIAL_MODE, write_atomic


def rescue_path(meeting_id: int, now: datetime) -> Path:
    folder = Path(user_data_dir("panel-minutes")) / "rescued"
    return folder / f"meeting-{meeting_id}-{now:%Y%m%d-%H%M%S}.txt"


def write_rescue(path: Path, body: str) -> Path:
    """Write ``body`` to ``path`` whole or not at all (``panel_minutes.models.files.write_atomic``; 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, (body + "\n").encode("utf-8"), CONFIDENTIAL_MODE)
    return path


def rescue_file_for(path: Path | None, body: str, meeting_id: int, now: datetime) -> Path | None:
    """The file a window keeps ``body`` in: ``path`` (the one it wrote before, rewritten each
    time) or a new one. Nothing left to keep (everything was filed since) removes the old file
    and gives None."""
    if not body:
        if path is not None:
            path.unlink(missing_ok=True)
        return None
    return path or rescue_path(meeting_id, now)
