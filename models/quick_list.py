"""The meetings list read with the standard library's ``sqlite3`` alone, for the first screen.

Importing SQLAlchemy and SQLModel and mapping the tables costs about half a second of CPU, more
than everything else the app does before its first screen. The meetings list is one query, so
the app shows it from here first, then opens the store (``panel_minutes.models.store``) for everything else;
``Store.list_meetings`` answers again once it is open, and the screen redraws only if the answer
differs. This module must never import SQLAlchemy (``tests/test_quick_list.py`` checks it).

It answers only when that is safe and cheap: a plain SQLite file that exists, read-only, without
waiting on a lock. For anything else (a database URL, a new or locked or damaged file, a schema
it does not know) it returns ``None`` and the store answers alone, with its clear messages.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

from panel_minutes.models.domain import MeetingStatus, MeetingSummary
from panel_minutes.models.sqlite_uri import readonly_uri

APP_NAME = "panel-minutes"  # as panel_minutes.models.db
ENV_VAR = "PANEL_MINUTES_DB"  # as panel_minutes.models.db
LOCK_WAIT_MS = 100  # a writer holding a lock: give up quickly, the store will wait properly

# The same rows, in the same order, as ``Store.list_meetings()``.
QUERY = """
SELECT m.id, m.panel_id, p.name, m.held_on, m.start_time, m.venue, m.status, coalesce(c.n, 0)
FROM meeting AS m
JOIN panel AS p ON p.id = m.panel_id
LEFT JOIN (SELECT meeting_id, count(*) AS n FROM agenda_item GROUP BY meeting_id) AS c
    ON c.meeting_id = m.id
ORDER BY m.held_on DESC, m.id DESC
"""


def database_file(db: str | os.PathLike[str] | None = None) -> Path | None:
    """The SQLite file ``panel_minutes.models.db.resolve_target`` would open, when it is a plain path."""
    target = str(db) if db is not None and str(db) else os.environ.get(ENV_VAR, "")
    if not target:
        from platformdirs import user_data_path

        return user_data_path(APP_NAME, appauthor=False) / "minutes.db"
    if "://" in target:
        return None  # a URL: leave it to SQLAlchemy
    return Path(target).expanduser()


def quick_meetings(db: str | os.PathLike[str] | None = None) -> list[MeetingSummary] | None:
    """Every meeting, newest first, as ``Store.list_meetings()`` gives them; ``None`` when this
    shortcut cannot answer (the caller then waits for the store)."""
    path = database_file(db)
    if path is None or not path.is_file():
        return None
    try:
        # Read-only and leaving no trace (no -wal or -shm created), so a damaged or foreign
        # file is left exactly as it was; the store's answer follows.
        conn = sqlite3.connect(readonly_uri(path.resolve()), uri=True,
                               timeout=LOCK_WAIT_MS / 1000)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        rows = conn.execute(QUERY).fetchall()
        return [
            MeetingSummary(
                id=int(mid), panel_id=int(panel_id), panel_name=str(name),
                held_on=date.fromisoformat(str(held_on)), start_time=str(start_time),
                venue=str(venue), status=MeetingStatus(status), item_count=int(count),
            )
            for mid, panel_id, name, held_on, start_time, venue, status, count in rows
        ]
    except (sqlite3.Error, ValueError, TypeError):
        return None  # locked, damaged, or a schema this query does not fit
    finally:
        conn.close()
