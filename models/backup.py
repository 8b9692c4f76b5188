"""Automatic backups of an SQLite database, and restoring one.

A rolling set of copies in ``<db folder>/backups/``, each made with SQLite's online backup API
(consistent even while the app writes) and created readable by its owner only (0600):

- ``<stem>-<stamp>-auto.db``: taken when the app opens the database and every few minutes while
  it is open; only the newest ``KEEP`` of these are kept;
- ``<stem>-<stamp>-manual.db``: taken by ``panel-minutes backup``; never pruned;
- ``<stem>-<stamp>-before-v<N>.db``: taken by ``panel_minutes.models.db.migrate`` before a schema upgrade;
  never pruned.

``restore_backup`` never deletes anything: the current file (damaged or not) is renamed aside as
``<name>.damaged-<stamp>`` (or ``<name>.replaced-<stamp>`` when it was healthy), with its ``-wal``
and ``-shm`` companions, before the copy is put in its place.

Pure: no Textual, no SQLAlchemy, only ``sqlite3``, so the command line and a thread worker of
the app can both call it.
"""

from __future__ import annotations

import contextlib
import filecmp
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from panel_minutes.models.db import SQLITE_MAGIC, backup_dir, recover_hint
from panel_minutes.models.errors import DatabaseError
from panel_minutes.models.files import CONFIDENTIAL_MODE, move_into_place
from panel_minutes.models.sqlite_uri import readonly_uri

KEEP = 10
AUTO = "auto"
MANUAL = "manual"
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}(?:-\d{6})?)-(?P<kind>[a-z0-9-]+)\.db$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    kind: str  # "auto", "manual" or "before-v<N>"
    size: int


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_from: Path
    target: Path
    kept_aside: Path | None  # where the file that was replaced now is (None: there was none)
    was_damaged: bool


def check_database(path: Path) -> str:
    """``"ok"``, or what is wrong with the SQLite file at ``path`` (one line)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except FileNotFoundError:
        return "the file does not exist"
    except OSError as exc:
        return f"cannot read it ({exc.strerror})"
    if not head:
        return "the file is empty"
    if not head.startswith(SQLITE_MAGIC):
        return "not an SQLite file"
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        result = "; ".join(str(r[0]) for r in rows[:3])
        if result != "ok":
            return result
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meeting" not in tables:
            return "not a panel-minutes database (no meetings table)"
        return "ok"
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()


def _parse(path: Path, stem: str) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if match is None or match["stem"] != stem:
        return None
    raw = match["stamp"]
    try:
        taken = datetime.strptime(raw, STAMP_FORMAT if raw.count("-") == 2 else "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return BackupInfo(path=path, taken_at=taken, kind=match["kind"], size=size)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Every backup of ``db_path`` (any kind), newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = [info for p in folder.iterdir() if (info := _parse(p, db_path.stem)) is not None]
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


class DamagedDatabaseError(DatabaseError):
    """The database fails SQLite's check: a copy of it would not be a usable backup."""


def _untouched_since(db_path: Path, when: datetime) -> bool:
    """Neither the file nor a non-empty write-ahead log was written after ``when``."""
    limit = when.timestamp()
    try:
        if db_path.stat().st_mtime >= limit:
            return False
    except OSError:
        return False
    try:
        wal = os.stat(f"{db_path}-wal")
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return wal.st_size == 0 or wal.st_mtime < limit


def _copy(source: Path, dest: Path) -> Path:
    """A consistent copy of ``source`` through the backup API into a new 0600 file next to
    ``dest`` (``<dest>.part``), checked with SQLite's quick_check; returns that file.

    A damaged source gives a damaged copy: that copy is thrown away (``DamagedDatabaseError``),
    so it never pushes a good backup out of the rolling set.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(dest.parent, 0o700)
    partial = dest.with_name(dest.name + ".part")
    fd = os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, CONFIDENTIAL_MODE)
    os.close(fd)
    try:
        src = sqlite3.connect(readonly_uri(source), uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
                verdict = dst.execute("PRAGMA quick_check").fetchone()
            finally:
                dst.close()
        finally:
            src.close()
        if verdict is None or verdict[0] != "ok":
            problem = verdict[0] if verdict else "no answer"
            raise DamagedDatabaseError(
                f"{source} is damaged ({problem}). {recover_hint(source)}"
            )
        return partial
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise


def take_backup(
    db_path: Path, *, kind: str = AUTO, keep: int = KEEP, now: datetime | None = None,
    if_changed: bool = False,
) -> Path | None:
    """Copy ``db_path`` into its backups folder; prune automatic copies to the newest ``keep``.

    With ``if_changed``, nothing is kept (``None``) when the copy is identical to the newest
    backup of the same kind: opening and closing the app ten times does not push out older,
    different copies. Raises ``DamagedDatabaseError`` when the database fails SQLite's check
    (no backup is taken then, and the older ones stay).
    """
    db_path = Path(db_path)
    if not db_path.exists():
        raise DatabaseError(f"Cannot back up {db_path}: the file does not exist.")
    if if_changed:
        newest = next((b for b in list_backups(db_path) if b.kind == kind), None)
        if newest is not None and _untouched_since(db_path, newest.taken_at):
            return None  # cheap: no copy of a large database that did not change
    moment = now or datetime.now()
    dest = backup_dir(db_path) / f"{db_path.stem}-{moment.strftime(STAMP_FORMAT)}-{kind}.db"
    try:
        partial = _copy(db_path, dest)
    except sqlite3.Error as exc:
        lowered = str(exc).lower()
        if "malformed" in lowered or "not a database" in lowered:
            raise DamagedDatabaseError(
                f"{db_path} is damaged ({exc}). {recover_hint(db_path)}"
            ) from exc
        raise DatabaseError(
            f"Could not back up {db_path} ({exc}). The database itself was not changed."
        ) from exc
    except OSError as exc:
        raise DatabaseError(
            f"Could not write a backup of {db_path} to {dest.parent} ({exc.strerror}). "
            "The database itself was not changed."
        ) from exc
    if if_changed:
        newest = next((b for b in list_backups(db_path) if b.kind == kind), None)
        if newest is not None and filecmp.cmp(partial, newest.path, shallow=False):
            partial.unlink()
            return None
    move_into_place(partial, dest, CONFIDENTIAL_MODE)
    if kind == AUTO:
        prune(db_path, keep=keep)
    return dest


def prune(db_path: Path, *, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups; returns the deleted paths."""
    autos = [b for b in list_backups(db_path) if b.kind == AUTO]
    removed = []
    # A copy cut short (the app was killed mid-backup) leaves a .part file: drop old ones.
    folder = backup_dir(db_path)
    if folder.is_dir():
        stale = datetime.now().timestamp() - 3600
        for part in folder.glob(f"{db_path.stem}-*.db.part"):
            with contextlib.suppress(OSError):
                if part.stat().st_mtime < stale:
                    part.unlink()
                    removed.append(part)
    for old in autos[max(keep, 1):]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def _aside_name(db_path: Path, label: str, stamp: str) -> Path:
    candidate = db_path.with_name(f"{db_path.name}.{label}-{stamp}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = db_path.with_name(f"{db_path.name}.{label}-{stamp}-{n}")
    return candidate


def in_use(db_path: Path) -> bool:
    """Whether another process has the database open right now.

    While a connection to a WAL database is open, SQLite holds a read lock on byte 128 of its
    ``-shm`` file (its "dead man switch"). Probing it with a write lock says whether anyone else
    does. Call this only from a process that does not itself have the database open: closing
    the probe's descriptor drops every POSIX lock this process holds on that file.
    """
    shm = Path(f"{db_path}-shm")
    if not shm.exists():
        return False
    try:
        import fcntl
    except ImportError:  # not POSIX: no way to tell
        return False
    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return False
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128)
        except OSError:
            return True
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, 128)
        return False
    finally:
        os.close(fd)


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes SQLite's integrity check."""
    for info in list_backups(db_path):
        if check_database(info.path) == "ok":
            return info
    return None


def restore_backup(db_path: Path, backup: Path | None = None) -> RestoreResult:
    """Put a backup (default: the newest good one) in place of ``db_path``; delete nothing.

    The file being replaced is renamed aside first, with its ``-wal`` and ``-shm`` files (a
    stale write-ahead log must never be replayed onto the restored copy). Close the app first.
    """
    db_path = Path(db_path)
    if backup is None:
        info = newest_good_backup(db_path)
        if info is None:
            where = backup_dir(db_path)
            raise DatabaseError(
                f"No usable backup of {db_path} found in {where}. Nothing was changed."
            )
        source = info.path
    else:
        source = Path(backup)
        if not source.exists():
            # A bare name from 'panel-minutes backup --list' is looked up in the backups folder.
            candidate = backup_dir(db_path) / source.name
            if not candidate.exists():
                raise DatabaseError(f"No backup file {source}. Nothing was changed.")
            source = candidate
        problem = check_database(source)
        if problem != "ok":
            raise DatabaseError(
                f"The backup {source} cannot be used ({problem}). Nothing was changed; "
                "choose another with 'panel-minutes backup --list'."
            )
    if source.resolve() == db_path.resolve():
        raise DatabaseError(f"{source} is the database itself, not a backup. Nothing was changed.")

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept_aside: Path | None = None
    was_damaged = False
    # Copy first into the same folder, so a failure leaves the current file where it was.
    try:
        incoming = _copy(source, db_path.with_name(f".{db_path.name}.restoring-{stamp}"))
    except (sqlite3.Error, OSError) as exc:
        raise DatabaseError(
            f"Could not copy the backup {source} next to {db_path} ({exc}). Nothing was changed."
        ) from exc
    if db_path.exists():
        was_damaged = check_database(db_path) != "ok"
        kept_aside = _aside_name(db_path, "damaged" if was_damaged else "replaced", stamp)
        os.rename(db_path, kept_aside)
        for suffix in ("-wal", "-shm"):
            companion = Path(f"{db_path}{suffix}")
            if companion.exists():
                os.rename(companion, Path(f"{kept_aside}{suffix}"))
    move_into_place(incoming, db_path, CONFIDENTIAL_MODE)
    return RestoreResult(
        restored_from=source, target=db_path, kept_aside=kept_aside, was_damaged=was_damaged
    )
