"""Automatic backups: a rolling, bounded set of 0600 copies, and restore that deletes nothing."""

from __future__ import annotations

import os
import re
import shlex
import stat
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from panel_minutes.models import backup
from panel_minutes.models.db import backup_dir
from panel_minutes.models.demo import write_demo
from panel_minutes.models.domain import EntryKind
from panel_minutes.models.errors import DatabaseError
from panel_minutes.models.store import Store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _damage_middle(path: Path) -> None:
    """Overwrite a stretch of pages past the schema page: the header still looks fine."""
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(4096 * 2)
        fh.write(b"\xde\xad\xbe\xef" * ((size - 4096 * 2) // 4 // 2))


def _damage_schema(path: Path) -> None:
    """Scribble over the first page after the 100-byte header (the schema table)."""
    with path.open("r+b") as fh:
        fh.seek(100)
        fh.write(b"\x07" * 3900)


def test_backup_is_a_private_consistent_copy(demo: tuple[Store, int], db_path: Path) -> None:
    store, meeting_id = demo
    taken = backup.take_backup(db_path)
    assert taken is not None and taken.parent == backup_dir(db_path)
    assert _mode(taken) == 0o600
    assert _mode(taken.parent) == 0o700
    assert backup.check_database(taken) == "ok"
    copy = Store(str(taken))
    try:
        assert copy.load_document(meeting_id) == store.load_document(meeting_id)
    finally:
        copy.close()
    assert not list(taken.parent.glob("*.part"))


def test_rolling_set_keeps_the_newest_ten_and_every_manual_copy(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, meeting_id = demo
    item_id = store.list_items(meeting_id)[0].id
    start = datetime(2026, 11, 17, 10, 0)
    for n in range(15):
        store.add_entry(item_id, EntryKind.PARAGRAPH, f"Paragraph {n}")
        backup.take_backup(db_path, now=start + timedelta(minutes=10 * n))
    manual = backup.take_backup(db_path, kind=backup.MANUAL, now=start + timedelta(hours=5))
    autos = [b for b in backup.list_backups(db_path) if b.kind == backup.AUTO]
    print(f"15 automatic backups taken, {len(autos)} kept")
    assert len(autos) == backup.KEEP
    assert autos[0].taken_at == start + timedelta(minutes=140)  # newest first
    assert autos[-1].taken_at == start + timedelta(minutes=50)
    assert manual is not None and manual.exists()
    # The newest automatic copy has all 15 paragraphs; the oldest kept has 6.
    newest = Store(str(autos[0].path))
    oldest = Store(str(autos[-1].path))
    try:
        assert len(newest.list_entries(item_id)) - len(oldest.list_entries(item_id)) == 9
    finally:
        newest.close()
        oldest.close()


def test_unchanged_database_does_not_push_out_older_copies(
    demo: tuple[Store, int], db_path: Path
) -> None:
    first = backup.take_backup(db_path, if_changed=True)
    assert first is not None
    # Opening, reading and closing again changes nothing: no new copy.
    again = Store(str(db_path))
    again.list_meetings()
    again.close()
    assert backup.take_backup(db_path, if_changed=True) is None
    store, meeting_id = demo
    store.add_entry(store.list_items(meeting_id)[0].id, EntryKind.PARAGRAPH, "New words.")
    assert backup.take_backup(db_path, if_changed=True) is not None
    assert len(backup.list_backups(db_path)) == 2


def test_a_damaged_database_is_not_backed_up_over_good_copies(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, _ = demo
    good = backup.take_backup(db_path)
    store.close()
    _damage_middle(db_path)
    with pytest.raises(backup.DamagedDatabaseError) as caught:
        backup.take_backup(db_path)
    message = str(caught.value)
    assert str(db_path) in message and "restore" in message and "\n" not in message
    assert [b.path for b in backup.list_backups(db_path)] == [good]
    assert not list(backup_dir(db_path).glob("*.part"))


def test_damage_then_follow_the_message_and_the_data_is_back(
    tmp_path: Path, db_path: Path
) -> None:
    store = Store(str(db_path))
    meeting_id = write_demo(store)
    before = store.load_document(meeting_id)
    store.close()
    backup.take_backup(db_path)
    _damage_schema(db_path)
    damaged_bytes = db_path.read_bytes()

    with pytest.raises(DatabaseError) as caught:
        Store(str(db_path))
    message = str(caught.value)
    print(f"damaged file message: {message}")
    assert str(db_path) in message and "\n" not in message
    assert f"panel-minutes --db {db_path} restore" in message  # the two commands to recover
    assert f"then 'panel-minutes --db {db_path}'" in message
    assert db_path.read_bytes() == damaged_bytes  # left untouched

    result = backup.restore_backup(db_path)
    assert result.was_damaged and result.kept_aside is not None
    assert result.kept_aside.name.startswith("minutes.db.damaged-")
    assert result.kept_aside.read_bytes() == damaged_bytes  # kept aside, not deleted
    assert _mode(db_path) == 0o600
    reopened = Store(str(db_path))
    try:
        assert reopened.load_document(meeting_id) == before
    finally:
        reopened.close()


def test_restore_skips_a_damaged_newest_copy_and_moves_a_stale_log_aside(
    demo: tuple[Store, int], db_path: Path
) -> None:
    store, meeting_id = demo
    good = backup.take_backup(db_path, now=datetime(2026, 1, 1, 9, 0))
    assert good is not None
    bad = backup.take_backup(db_path, now=datetime(2026, 1, 1, 9, 10))
    assert bad is not None
    _damage_middle(bad)
    store.add_entry(store.list_items(meeting_id)[0].id, EntryKind.PARAGRAPH, "After the backup.")
    wal = Path(f"{db_path}-wal")
    assert wal.exists()  # the store is still open: a live write-ahead log
    wal_bytes = wal.read_bytes()
    store.close()
    wal.write_bytes(wal_bytes)  # as if the app had been killed with the log not checkpointed

    result = backup.restore_backup(db_path)
    assert result.restored_from == good
    assert result.kept_aside is not None and not result.was_damaged
    assert result.kept_aside.name.startswith("minutes.db.replaced-")
    assert Path(f"{result.kept_aside}-wal").read_bytes() == wal_bytes
    assert not wal.exists()
    reopened = Store(str(db_path))
    try:
        texts = [e.text for e in reopened.list_entries(reopened.list_items(meeting_id)[0].id)]
        assert "After the backup." not in texts
    finally:
        reopened.close()


def test_restore_with_no_backup_changes_nothing(store: Store, db_path: Path) -> None:
    store.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="No usable backup"):
        backup.restore_backup(db_path)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith("minutes")) == [
        "minutes.db"
    ]


def test_restore_a_named_backup_and_refuse_a_bad_one(
    demo: tuple[Store, int], db_path: Path, tmp_path: Path
) -> None:
    store, _ = demo
    taken = backup.take_backup(db_path, kind=backup.MANUAL)
    store.close()
    assert taken is not None
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all")
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="cannot be used"):
        backup.restore_backup(db_path, junk)
    assert db_path.read_bytes() == before
    result = backup.restore_backup(db_path, Path(taken.name))  # a bare name from the list
    assert result.restored_from == taken
    assert os.access(db_path, os.R_OK)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panel_minutes.tui.cli", *args],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )


def test_cli_damage_follow_the_message_data_back(tmp_path: Path) -> None:
    """The whole story on the command line: a damaged file, the message, restore, data back."""
    db = tmp_path / "minutes.db"
    assert _cli("demo", "--db", str(db)).returncode == 0
    listed = _cli("--db", str(db), "list")
    assert listed.returncode == 0
    taken = _cli("--db", str(db), "backup")
    assert taken.returncode == 0 and "Backed up" in taken.stdout
    assert _mode(next(backup_dir(db).glob("*-manual.db"))) == 0o600
    _damage_schema(db)
    damaged = db.read_bytes()

    broken = _cli("--db", str(db), "list")
    assert broken.returncode == 2 and len(broken.stderr.splitlines()) == 1
    message = broken.stderr
    # The message names the two commands; run them exactly as written.
    first = re.search(r"run '([^']+ restore)'", message)
    second = re.search(r"then '([^']+)' to open it", message)
    assert first is not None and second is not None, message
    restore_args = shlex.split(first.group(1))[1:]
    assert restore_args == ["--db", str(db), "restore"]
    restored = _cli(*restore_args)
    assert restored.returncode == 0, restored.stderr
    assert "kept as" in restored.stdout
    assert shlex.split(second.group(1))[1:] == ["--db", str(db)]
    assert _cli("--db", str(db), "list").stdout == listed.stdout  # the meetings are back
    aside = list(tmp_path.glob("minutes.db.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged  # nothing deleted

    shown = _cli("--db", str(db), "backup", "--list")
    assert shown.returncode == 0 and "manual" in shown.stdout


def test_cli_restore_refuses_while_the_database_is_open(tmp_path: Path) -> None:
    db = tmp_path / "minutes.db"
    store = Store(str(db))
    write_demo(store)
    store.close()
    backup.take_backup(db)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from panel_minutes.models.store import Store; s = Store(sys.argv[1]); "
         "s.list_meetings(); print('open', flush=True); time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = db.read_bytes()
        refused = _cli("--db", str(db), "restore")
        assert refused.returncode == 1
        assert "is open in panel-minutes" in refused.stderr and "Close it first" in refused.stderr
        assert db.read_bytes() == before
        assert not list(tmp_path.glob("minutes.db.replaced-*"))
    finally:
        holder.kill()
        holder.wait()


def test_cli_restore_without_backups_and_on_a_server_url(tmp_path: Path) -> None:
    db = tmp_path / "minutes.db"
    Store(str(db)).close()
    none = _cli("--db", str(db), "restore")
    assert none.returncode == 1 and "No usable backup" in none.stderr
    url = _cli("--db", "postgresql+psycopg://clerk@localhost/minutes", "backup")
    assert url.returncode == 2 and "SQLite file" in url.stderr


def test_a_copy_cut_short_by_a_kill_is_cleared_later(demo: tuple[Store, int], db_path: Path) -> None:
    folder = backup_dir(db_path)
    folder.mkdir(exist_ok=True)
    old_part = folder / "minutes-20260101-090000-000000-auto.db.part"
    new_part = folder / "minutes-20260101-091000-000000-auto.db.part"
    old_part.write_bytes(b"half a copy")
    new_part.write_bytes(b"a copy being written now")
    os.utime(old_part, (0, datetime.now().timestamp() - 7200))
    backup.take_backup(db_path)
    assert not old_part.exists() and new_part.exists()
