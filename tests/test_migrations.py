"""Schema versions: an older database upgrades in place, keeping its data and a dated backup;
a database from a newer panel-minutes is refused and left byte for byte as it was.

The v1 database is real: ``tests/fixtures/schema_v1.sql`` is a dump of the first release's tables
with fictional rows. Checks use ``SCHEMA_VERSION``, never a literal, so they keep working as
versions are added.
"""

from __future__ import annotations

import re
import sqlite3
import stat
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Connection

from panel_minutes.models import db as db_module
from panel_minutes.models.db import SCHEMA_VERSION
from panel_minutes.models.domain import ActionStatus, AttendanceStatus, EntryKind
from panel_minutes.models.errors import DatabaseError, SchemaTooNewError
from panel_minutes.models.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
V2_TABLES = {"action_update", "amendment", "entry_revision"}


def load_v1(path: Path, *, with_meta: bool = True) -> None:
    script = (FIXTURES / "schema_v1.sql").read_text(encoding="utf-8")
    con = sqlite3.connect(path)
    try:
        con.executescript(script)
        if not with_meta:  # a database from before the version table existed
            con.executescript("DROP TABLE pm_meta;")
    finally:
        con.close()


def schema_of(path: Path) -> dict[str, Any]:
    """Every table, index and trigger by name, with each table's columns (formatting aside)."""
    con = sqlite3.connect(path)
    try:
        objects = con.execute(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
        out: dict[str, object] = {}
        for kind, name in objects:
            if kind == "table":
                cols = con.execute(f'PRAGMA table_info("{name}")').fetchall()
                out[name] = (kind, [(c[1], c[2].upper(), c[3], c[5]) for c in cols])
            else:
                out[name] = (kind,)
        return out
    finally:
        con.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def version_in(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT value FROM pm_meta WHERE key = 'schema_version'").fetchone()
        return str(row[0])
    finally:
        con.close()


def test_fixture_is_a_v1_database(tmp_path: Path) -> None:
    db = tmp_path / "v1.db"
    load_v1(db)
    assert version_in(db) == "1"
    tables = {n for n, v in schema_of(db).items() if v[0] == "table"}
    assert not tables & V2_TABLES
    assert {"panel", "person", "meeting", "entry", "action", "draft"} <= tables


def test_v1_database_upgrades_with_its_data_and_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "minutes.db"
    load_v1(db)
    v1_bytes_schema = schema_of(db)

    store = Store(str(db))
    try:
        # the data is all there
        [meeting] = store.list_meetings()
        assert (meeting.panel_name, meeting.held_on.isoformat()) == (
            "Northmoor and Dale Police and Crime Panel", "2025-06-10",
        )
        doc = store.load_document(meeting.id)
        assert [i.title for i in doc.items][2] == "Police and crime plan: progress on road safety"
        question = doc.entries[doc.items[2].id][1]
        assert question.kind is EntryKind.QUESTION
        assert question.answer == "it would be reviewed in the autumn."
        assert doc.person_name(question.asker_id) == "Mr Peter Lamb"
        statuses = {a.person.name: a.status for a in doc.attendance}
        assert statuses["Imran Qureshi"] is AttendanceStatus.APOLOGIES
        assert doc.declarations[0].text.startswith("Mr Lamb declared")
        [action] = doc.actions
        assert (action.ref, action.status) == ("A1", ActionStatus.OPEN)
        draft = store.get_draft(meeting.id)
        assert draft is not None
        assert draft.text == "Unfiled note typed just before the laptop was updated"
        # what the new tables are for works on the upgraded file
        later = store.create_meeting(doc.panel.id, doc.meeting.held_on.replace(month=9))
        update = store.add_action_update(action.id, later.id, "Evaluation due in October.")
        assert store.list_action_updates(action.id) == [update]
    finally:
        store.close()

    # the schema is now the current one: same tables, columns, indexes and triggers as a new file
    fresh = tmp_path / "fresh.db"
    Store(str(fresh)).close()
    assert schema_of(db) == schema_of(fresh)
    assert set(schema_of(db)) >= V2_TABLES
    assert version_in(db) == str(SCHEMA_VERSION)

    # a dated backup of the v1 file was taken first, readable by its owner only
    backups = sorted((tmp_path / "backups").glob("*.db"))
    assert len(backups) == 1, backups
    backup = backups[0]
    stamp = re.fullmatch(rf"minutes-(\d{{8}}-\d{{6}})-before-v{SCHEMA_VERSION}\.db", backup.name)
    assert stamp is not None, backup.name
    taken = datetime.strptime(stamp.group(1), "%Y%m%d-%H%M%S")
    assert abs((datetime.now() - taken).total_seconds()) < 600
    assert mode(backup) == 0o600
    assert version_in(backup) == "1"
    assert schema_of(backup) == v1_bytes_schema
    con = sqlite3.connect(backup)
    try:
        assert con.execute("SELECT count(*) FROM entry").fetchone() == (4,)
    finally:
        con.close()

    # opening the upgraded file again migrates nothing and takes no further backup
    Store(str(db)).close()
    assert sorted((tmp_path / "backups").glob("*.db")) == backups


def test_database_from_before_versioning_upgrades(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    load_v1(db, with_meta=False)
    store = Store(str(db))
    try:
        assert len(store.list_meetings()) == 1
    finally:
        store.close()
    assert version_in(db) == str(SCHEMA_VERSION)
    assert list((tmp_path / "backups").glob("old-*-before-v*.db"))


def test_newer_schema_is_refused_and_the_file_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    store = Store(str(db))
    store.create_panel("Southwold Police and Crime Panel")
    store.close()
    con = sqlite3.connect(db)
    with con:
        con.execute(
            "UPDATE pm_meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),)
        )
    con.close()
    assert not Path(f"{db}-wal").exists()
    before = db.read_bytes()
    before_stat = db.stat()

    with pytest.raises(SchemaTooNewError) as caught:
        Store(str(db))
    message = str(caught.value)
    assert f"schema {SCHEMA_VERSION + 1}" in message and "newer panel-minutes" in message
    assert "\n" not in message

    assert db.read_bytes() == before
    assert db.stat().st_mtime_ns == before_stat.st_mtime_ns
    assert not (tmp_path / "backups").exists()


def test_new_database_file_is_private(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    Store(str(db)).close()
    assert mode(db) == 0o600
    assert version_in(db) == str(SCHEMA_VERSION)


def test_a_failing_step_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All the steps are one transaction (issue 10, point 9): the last step fails after every
    earlier step ran, and none of their tables stays; the version is still 1."""
    db = tmp_path / "minutes.db"
    load_v1(db)
    before = schema_of(db)
    last_step = db_module.MIGRATIONS[SCHEMA_VERSION - 1]

    def failing_last_step(conn: Connection) -> None:
        last_step(conn)
        conn.exec_driver_sql("CREATE TABLE panel (id INTEGER)")  # SQLite: it already exists

    monkeypatch.setitem(db_module.MIGRATIONS, SCHEMA_VERSION - 1, failing_last_step)
    with pytest.raises(DatabaseError) as caught:
        Store(str(db))
    message = str(caught.value)
    assert "\n" not in message and str(db) in message
    assert f"Could not upgrade {db} from schema 1 to {SCHEMA_VERSION}" in message
    assert "already exists" in message and "Nothing was changed" in message
    assert schema_of(db) == before  # no table, index or trigger of v2 or later
    assert version_in(db) == "1"
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("SELECT count(*) FROM entry").fetchone() == (4,)
    finally:
        con.close()

    # With the step fixed, the same file upgrades (from the same backup point, nothing lost).
    monkeypatch.undo()
    store = Store(str(db))
    try:
        assert len(store.list_meetings()) == 1
    finally:
        store.close()
    assert version_in(db) == str(SCHEMA_VERSION)
