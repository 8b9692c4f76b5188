"""Schema v3: an older database gains the search index, filled from the minutes it already holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from panel_minutes.models.db import SCHEMA_VERSION, backup_dir
from panel_minutes.models.demo import write_demo
from panel_minutes.models.store import Store


def downgrade(path: Path, version: int) -> None:
    """Turn a current database into one written by an older panel-minutes (schema ``version``).

    v3 is today's tables without the deleted entries and actions; v2 also lacks the search index; v1 also
    lacks the v2 tables.
    """
    conn = sqlite3.connect(path)
    try:
        conn.execute("DROP TABLE deleted_entry")
        conn.execute("DROP TABLE deleted_action")
        conn.execute("UPDATE pm_meta SET value = ? WHERE key = 'schema_version'", (str(version),))
        conn.commit()
        if version >= 3:
            return
        triggers = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'pm_fts_%'"
        )]
        for name in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DROP TABLE search_index")
        conn.execute("DROP TABLE search_doc")
        if version < 2:
            for table in ("action_update", "amendment", "entry_revision"):
                conn.execute(f"DROP TABLE {table}")
        conn.commit()
    finally:
        conn.close()


def _schema(path: Path) -> tuple[str, set[str]]:
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("SELECT value FROM pm_meta WHERE key = 'schema_version'").fetchone()
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    return version[0], names


@pytest.mark.parametrize("version", [1, 2])
def test_database_from_before_v3_upgrades_with_its_minutes_searchable(
    db_path: Path, version: int
) -> None:
    store = Store(str(db_path))
    meeting_id = write_demo(store)
    store.close()
    downgrade(db_path, version)
    assert _schema(db_path)[0] == str(version)
    assert "search_index" not in _schema(db_path)[1]

    store = Store(str(db_path))
    try:
        found, names = _schema(db_path)
        assert found == str(SCHEMA_VERSION)
        assert {"search_index", "search_doc", "pm_fts_entry_ai", "pm_fts_meeting_au"} <= names
        # Minutes written before the upgrade are found ...
        hits = store.search("farm machinery")
        assert hits and hits[0].meeting_id == meeting_id
        assert any(h.exempt for h in store.search("Monitoring Officer"))
        assert store.search('"estates budget"')  # an action of the older meeting
        # ... and new writes keep the index in step.
        item = store.list_items(meeting_id)[0]
        store.add_entry(item.id, text="A note about the aquarium.")
        assert len(store.search("aquarium")) == 1
    finally:
        store.close()
    # The file was copied before the migration ran.
    backups = list(backup_dir(db_path).glob(f"{db_path.stem}-*-before-v{SCHEMA_VERSION}.db"))
    assert len(backups) == 1
    assert _schema(backups[0])[0] == str(version)


def test_opening_twice_does_not_duplicate_the_index(db_path: Path) -> None:
    store = Store(str(db_path))
    write_demo(store)
    before = len(store.search("rural"))
    store.close()
    again = Store(str(db_path))
    try:
        assert len(again.search("rural")) == before > 0
    finally:
        again.close()
