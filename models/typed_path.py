"""A file path as a clerk types or pastes it into a prompt.

Dragging a file onto a terminal, or "Copy" in a file manager, gives the path in quotes with a
space after it (`'/home/clerk/My Documents/agenda.docx' `), as a `file://` address, or with its
spaces escaped by backslashes. Each is read as the file it names; a path that exists as typed
is always taken as typed.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

QUOTES = ("'", '"')


def typed_path(text: str) -> Path:
    """The path ``text`` names: trimmed, unquoted, ``~`` expanded."""
    raw = text.strip()
    if Path(raw).expanduser().exists():
        return Path(raw).expanduser()
    cleaned = raw
    if len(cleaned) >= 2 and cleaned[0] in QUOTES and cleaned[-1] == cleaned[0]:
        cleaned = cleaned[1:-1]
    if cleaned.startswith("file://"):
        cleaned = unquote(urlsplit(cleaned).path)
    elif "\\ " in cleaned and not Path(cleaned).expanduser().exists():
        cleaned = cleaned.replace("\\ ", " ")
    return Path(cleaned).expanduser()


def target_file(text: str, usual_name: str) -> Path:
    """Where to write, from a typed path: a folder gets ``usual_name`` inside it (as
    ``export -o FOLDER`` does on the command line)."""
    path = typed_path(text)
    return path / usual_name if path.is_dir() else path
