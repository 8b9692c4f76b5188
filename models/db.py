"""The database: where it lives, how it is opened, and how its schema is kept up to date.

SQLite by default, at ``<user data dir>/minutes.db``; ``--db`` or ``PANEL_MINUTES_DB`` give a path
or any SQLAlchemy URL (``postgresql+psycopg://...``) for teams sharing one database.

Migrations are a small ordered list of steps keyed by a schema version kept in the ``pm_meta``
table. We chose this over Alembic because the app ships as one package that must migrate a
clerk's file on open, without a migrations folder or a second tool, and the same table works on
PostgreSQL (SQLite's ``PRAGMA user_version`` would not). Before a step runs on SQLite, the file is
copied with SQLite's backup API.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlmodel import SQLModel, create_engine

from models import tables
from models.errors import DatabaseError, SchemaTooNewError

APP_NAME = "panel-minutes"
ENV_VAR = "PANEL_MINUTES_DB"
SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 5000


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "minutes.db"


def resolve_target(db: str | os.PathLike[str] | None = None) -> str:
    """The database the user asked for: ``--db``, else the environment, else the default."""
    if db is not None and str(db):
        return str(db)
    env = os.environ.get(ENV_VAR, "")
    if env:
        return env
    return str(default_db_path())


def is_url(target: str) -> bool:
    return "://" in target


def sqlite_path(target: str) -> Path | None:
    """The file behind ``target`` when it is SQLite, else ``None``."""
    if not is_url(target):
        return Path(target).expanduser()
    url = make_url(target)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).expanduser()
    return None


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
    finally:
        cur.close()


def _prepare_sqlite_file(path: Path) -> None:
    """Make sure the folder exists and a new file is created readable by its owner only."""
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                f"Cannot create the folder {folder} for the database ({exc.strerror}). "
                "Choose another place with --db PATH."
            ) from exc
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file. Give a file path with --db.")
    if not path.exists():
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
        except FileExistsError:
            pass
        except OSError as exc:
            raise DatabaseError(
                f"Cannot create the database file {path} ({exc.strerror}). "
                "Choose another place with --db PATH."
            ) from exc
    _check_sqlite_header(path)


SQLITE_MAGIC = b"SQLite format 3\x00"


def _check_sqlite_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except PermissionError as exc:
        raise DatabaseError(
            f"Cannot read the database file {path}: permission denied. "
            "Check its owner and permissions, or choose another file with --db."
        ) from exc
    if head and not head.startswith(SQLITE_MAGIC):
        raise DatabaseError(
            f"{path} is not a panel-minutes database (not an SQLite file). It was left untouched; "
            "restore a backup with 'panel-minutes restore', or choose another file with --db."
        )
    if 0 < len(head) < 100:
        raise DatabaseError(
            f"{path} is truncated (only {len(head)} bytes). It was left untouched; restore a "
            "backup with 'panel-minutes restore', or choose another file with --db."
        )


def make_engine(target: str) -> Engine:
    """An engine for ``target`` (a path or URL), with our pragmas on every SQLite connection."""
    path = sqlite_path(target)
    if path is not None:
        _prepare_sqlite_file(path)
        engine = create_engine(
            f"sqlite:///{path}",
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        )
        event.listen(engine, "connect", _on_connect)
        return engine
    if is_url(target):
        return create_engine(target, pool_pre_ping=True)
    raise DatabaseError(f"Unknown database {target!r}: give a file path or an SQLAlchemy URL.")


def describe(target: str) -> str:
    path = sqlite_path(target)
    return str(path) if path is not None else make_url(target).render_as_string(hide_password=True)


# --- schema versions -----------------------------------------------------------------------------

Step = Callable[[Connection], None]


def _v2_between_meetings(conn: Connection) -> None:
    """v2: action progress, amendments and the entry audit trail."""
    for table in (tables.ActionUpdate, tables.Amendment, tables.EntryRevision):
        SQLModel.metadata.tables[str(table.__tablename__)].create(conn, checkfirst=True)


# MIGRATIONS[n] upgrades a database at version n to version n + 1.
MIGRATIONS: dict[int, Step] = {1: _v2_between_meetings}


def read_version(conn: Connection) -> int | None:
    """The schema version, ``None`` for an empty database, 0 for tables without a version."""
    from sqlalchemy import inspect

    names = set(inspect(conn).get_table_names())
    if "pm_meta" not in names:
        return 0 if names & {"panel", "meeting"} else None
    row = conn.execute(text("SELECT value FROM pm_meta WHERE key = 'schema_version'")).first()
    return int(row[0]) if row else 0


def _write_version(conn: Connection, version: int) -> None:
    conn.execute(text("DELETE FROM pm_meta WHERE key = 'schema_version'"))
    conn.execute(
        text("INSERT INTO pm_meta (key, value) VALUES ('schema_version', :v)"), {"v": str(version)}
    )


def backup_sqlite(source: Path, dest: Path) -> Path:
    """Copy a live SQLite database consistently with the backup API; the copy is 0600."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(dest, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    os.chmod(dest, 0o600)
    return dest


def backup_dir(path: Path) -> Path:
    return path.parent / "backups"


def migrate(engine: Engine, target: str) -> int:
    """Bring the schema to ``SCHEMA_VERSION``; returns the version found before."""
    try:
        with engine.begin() as conn:
            found = read_version(conn)
            if found is None:
                SQLModel.metadata.create_all(conn)
                _write_version(conn, SCHEMA_VERSION)
                conn.execute(
                    text("INSERT INTO pm_meta (key, value) VALUES ('created_at', :v)"),
                    {"v": datetime.now().isoformat(timespec="seconds")},
                )
                return SCHEMA_VERSION
    except OperationalError as exc:
        raise _open_error(target, exc) from exc
    except SADatabaseError as exc:
        raise _open_error(target, exc) from exc
    if found > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"{describe(target)} was written by a newer panel-minutes (schema {found}; this "
            f"version knows up to {SCHEMA_VERSION}). Upgrade panel-minutes to open it; "
            "the file was left untouched."
        )
    if found == SCHEMA_VERSION:
        return found
    path = sqlite_path(target)
    if path is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        engine.dispose()
        backup_sqlite(path, backup_dir(path) / f"{path.stem}-{stamp}-before-v{SCHEMA_VERSION}.db")
    with engine.begin() as conn:
        if found == 0:
            SQLModel.metadata.tables["pm_meta"].create(conn, checkfirst=True)
            found = 1
        for version in range(found, SCHEMA_VERSION):
            MIGRATIONS[version](conn)
        _write_version(conn, SCHEMA_VERSION)
    return found


def _open_error(target: str, exc: Exception) -> DatabaseError:
    message = str(getattr(exc, "orig", exc))
    where = describe(target)
    lowered = message.lower()
    if "not a database" in lowered or "malformed" in lowered:
        return DatabaseError(
            f"{where} is damaged or not a panel-minutes database ({message}). It was left "
            "untouched; restore a backup with 'panel-minutes restore', or use another --db."
        )
    if "readonly" in lowered or "read-only" in lowered:
        return DatabaseError(
            f"{where} is read-only. Make it writable (chmod u+w) or choose another file with --db."
        )
    if "locked" in lowered or "busy" in lowered:
        return DatabaseError(
            f"{where} is locked by another program. Close the other copy of panel-minutes and retry."
        )
    if "unable to open" in lowered:
        return DatabaseError(
            f"Cannot open {where} ({message}). Check the folder exists and is writable, "
            "or choose another file with --db."
        )
    return DatabaseError(f"Cannot use the database {where}: {message}")


def open_engine(target: str) -> Engine:
    """Open (creating or migrating as needed) the database and return its engine."""
    engine = make_engine(target)
    try:
        migrate(engine, target)
    except BaseException:
        engine.dispose()
        raise
    return engine


def translate(target: str, exc: Exception) -> DatabaseError:
    """A user-facing error for a failure during normal use (full disk, read-only, locked)."""
    from models.errors import StorageFullError

    message = str(getattr(exc, "orig", exc)).lower()
    if "full" in message or "disk i/o" in message:
        return StorageFullError(
            f"Could not save to {describe(target)}: the disk is full or failing. "
            "Your text is kept on screen; it will be saved when space returns."
        )
    return _open_error(target, exc)
