"""Read-only SQLite URIs that leave no trace beside the file (standard library only)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote


def readonly_uri(path: Path) -> str:
    """A URI to read ``path`` leaving no trace: with no write-ahead log beside it the file is
    opened as immutable (no -wal or -shm is created); with one, read-only through the log."""
    mode = "ro" if Path(f"{path}-wal").exists() else "ro&immutable=1"
    return f"file:{quote(str(path))}?mode={mode}"
