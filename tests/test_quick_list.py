"""panel_minutes.models.quick_list: the meetings list before SQLAlchemy is loaded, and the app using it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from panel_minutes.models.db import resolve_target, sqlite_path
from panel_minutes.models.demo import write_demo
from panel_minutes.models.domain import MeetingStatus
from panel_minutes.models.quick_list import database_file, quick_meetings
from panel_minutes.models.store import Store
from panel_minutes.models.store.bulk import NewItem
from panel_minutes.screens.meetings import MeetingsScreen, MeetingsTable
from panel_minutes.tui.app import make_app


def _three_meetings(store: Store) -> None:
    panel = store.create_panel("Fenmarsh Police and Crime Panel")
    other = store.create_panel("Ashcombe Police and Crime Panel")
    store.create_meeting(panel.id, date(2025, 1, 14), venue="Guildhall")
    store.create_meeting(other.id, date(2025, 1, 14), standing_agenda=False)  # no items
    store.create_meeting(panel.id, date(2024, 6, 4), start_time="14:30")


def test_same_rows_as_the_store(store: Store, db_path: Path) -> None:
    _three_meetings(store)
    write_demo(store)
    panel_id = store.list_panels()[0].id
    store.bulk_add_meeting(panel_id, date(2023, 3, 7), [NewItem("Report")], approved=True)
    expected = store.list_meetings()
    assert {m.status for m in expected} == {MeetingStatus.DRAFT, MeetingStatus.APPROVED}
    assert 0 in {m.item_count for m in expected}
    assert quick_meetings(str(db_path)) == expected
    assert quick_meetings(str(db_path.parent / "new.db")) is None  # not created yet: the store


def test_declines_what_it_cannot_read_safely(tmp_path: Path, db_path: Path) -> None:
    assert quick_meetings(f"sqlite:///{db_path}") is None
    assert quick_meetings("postgresql+psycopg://clerk@server/minutes") is None
    garbage = tmp_path / "notes.db"
    garbage.write_bytes(b"These are not minutes. " * 200)
    assert quick_meetings(str(garbage)) is None
    empty_schema = tmp_path / "other.db"
    with closing(sqlite3.connect(empty_schema)) as conn:
        conn.execute("CREATE TABLE meeting (id INTEGER PRIMARY KEY)")
    assert quick_meetings(str(empty_schema)) is None
    assert quick_meetings(str(tmp_path)) is None  # a folder


def test_finds_the_same_file_as_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    explicit = tmp_path / "given.db"
    assert database_file(str(explicit)) == sqlite_path(resolve_target(str(explicit)))
    monkeypatch.setenv("PANEL_MINUTES_DB", str(tmp_path / "from-env.db"))
    assert database_file(None) == sqlite_path(resolve_target(None))
    monkeypatch.delenv("PANEL_MINUTES_DB")
    assert database_file(None) == sqlite_path(resolve_target(None))  # the platformdirs default
    monkeypatch.setenv("HOME", str(tmp_path))
    assert database_file("~/minutes.db") == sqlite_path(resolve_target("~/minutes.db"))


def test_never_loads_sqlalchemy(store: Store, db_path: Path) -> None:
    _three_meetings(store)
    script = (
        "import json, sys\n"
        "from panel_minutes.models.quick_list import quick_meetings\n"
        f"rows = quick_meetings({str(db_path)!r})\n"
        "print(json.dumps([len(rows), sorted(m for m in sys.modules if m.startswith('sql'))]))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, check=True)
    count, modules = json.loads(result.stdout.strip().splitlines()[-1])
    assert count == 3
    assert "sqlite3" in modules
    assert [m for m in modules if m.startswith(("sqlalchemy", "sqlmodel"))] == []


async def test_app_lists_meetings_before_the_store_opens(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _three_meetings(store)
    store.close()
    release = threading.Event()
    real_init = Store.__init__

    def slow_init(self: Store, *args: object, **kwargs: object) -> None:
        release.wait(timeout=30)  # the store takes its time to open
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "__init__", slow_init)
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingsScreen)
        table = screen.query_one(MeetingsTable)
        for _ in range(100):
            if table.row_count:
                break
            await pilot.pause(0.02)
        assert table.row_count == 3 and table.display
        assert not app.store_ready.is_set() and not screen.loaded
        first = table.get_row_at(0)
        release.set()
        await app.wait_for_store()
        for _ in range(100):
            if screen.loaded:
                break
            await pilot.pause(0.02)
        assert screen.loaded
        assert table.row_count == 3 and table.get_row_at(0) == first
        # A meeting added meanwhile (another copy of the app) shows once the store answers.
        app.store.create_meeting(app.store.list_panels()[0].id, date(2026, 3, 3))
        screen.reload()
        for _ in range(100):
            if table.row_count == 4:
                break
            await pilot.pause(0.02)
        assert table.row_count == 4
