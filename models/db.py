"""The database: where it lives, how it is opened, and how its schema is kept up to date.

SQLite by default, at ``<user data dir>/minutes.db``; ``--db`` or ``PANEL_MINUTES_DB`` give a path
or any SQLAlchemy URL (``postgresql+psycopg://...``) for teams sharing one database.

Migrations are a small ordered list of steps keyed by a schema version kept in the ``pm_meta``
table. We chose this over Alembic because the app ships as one package that must migrate a
clerk's file on open, without a migrations folder or a second tool, and the same table works on
PostgreSQL (SQLite's ``PRAGMA user_version`` would not). Before a step runs on SQLite, the file is
copied with SQLite's backup API; then all the steps and the new version are one transaction.

A file is ours only by its ``pm_meta`` (``is_ours``); any other is refused before anything touches
it. Commands that only read open a file that cannot be written read-only (``open_read_only``).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlmodel import SQLModel, create_engine

from panel_minutes.models import search_index, tables
from panel_minutes.models.errors import DatabaseError, SchemaTooNewError
from panel_minutes.models.sqlite_uri import readonly_uri

APP_NAME = "panel-minutes"
ENV_VAR = "PANEL_MINUTES_DB"
SCHEMA_VERSION = 11
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
        if not _is_app_folder(folder):
            # A missing folder given by hand is more likely an unplugged stick or a typo than a
            # wish for a new, empty database: say so rather than start afresh somewhere else.
            raise DatabaseError(
                f"Cannot open {path}: the folder {folder} does not exist. Check the path (is a "
                f"drive unplugged?), or create the folder first (mkdir -p {folder})."
            )
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
    _check_writable(path)
    _probe_sqlite(path)


def _is_app_folder(folder: Path) -> bool:
    """The app's own data folder (or inside it): created on first use."""
    try:
        home = default_db_path().parent.resolve()
        return folder.resolve() == home or home in folder.resolve().parents
    except OSError:
        return False


def _probe_sqlite(path: Path) -> None:
    """Look at an existing file read-only before the engine touches it (the engine switches on
    WAL and may create tables): refuse another program's database or a newer schema untouched."""
    if path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
    except sqlite3.Error:
        return  # the engine's own open reports it
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = 0
        if "pm_meta" in names:
            row = conn.execute(
                "SELECT value FROM pm_meta WHERE key = 'schema_version'"
            ).fetchone()
            version = int(row[0]) if row and str(row[0]).isdigit() else 0
    except sqlite3.DatabaseError as exc:
        lowered = str(exc).lower()
        if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
            raise DatabaseError(
                f"{path} is damaged ({exc}). It was left untouched. {recover_hint(path)}"
            ) from exc
        return  # locked, busy ...: the engine's own open retries and reports it
    finally:
        conn.close()
    if names and not is_ours(names):
        raise DatabaseError(
            f"{path} is an SQLite database of another program, not panel-minutes. It was left "
            "untouched; choose another file with --db."
        )
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"{path} was written by a newer panel-minutes (schema {version}; this version knows "
            f"up to {SCHEMA_VERSION}). Upgrade panel-minutes to open it; the file was left "
            "untouched."
        )


# The tables of the first release, from before ``pm_meta`` existed: a file without ``pm_meta``
# is taken for an early panel-minutes file only when it has every one of them.
FIRST_RELEASE_TABLES = frozenset({
    "panel", "person", "membership", "meeting", "agenda_item", "attendance", "entry", "action",
    "declaration", "draft",
})


def is_ours(names: set[str]) -> bool:
    """Whether tables named ``names`` are a panel-minutes database: its ``pm_meta`` says so (or,
    from before that table, every table of the first release is there). Another program's file
    with a table that happens to be called ``meeting`` is not."""
    return "pm_meta" in names or names >= FIRST_RELEASE_TABLES


SQLITE_MAGIC = b"SQLite format 3\x00"


def recover_hint(path: Path) -> str:
    """The two commands that bring back a damaged database file at ``path``."""
    import shlex

    try:
        is_default = path.expanduser().resolve() == default_db_path().resolve()
    except OSError:
        is_default = False
    db_opt = "" if is_default else f" --db {shlex.quote(str(path))}"
    return (
        f"To recover it, run 'panel-minutes{db_opt} restore' (puts back the newest backup and "
        f"keeps this file aside), then 'panel-minutes{db_opt}' to open it again."
    )


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
            f"{path} is not a panel-minutes database (not an SQLite file). It was left untouched. "
            f"{recover_hint(path)}"
        )
    if 0 < len(head) < 100:
        raise DatabaseError(
            f"{path} is truncated (only {len(head)} bytes). It was left untouched. "
            f"{recover_hint(path)}"
        )
    if head:
        _check_sqlite_size(path, head)


def _check_sqlite_size(path: Path, head: bytes) -> None:
    """A file shorter than its own header says was cut off (a copy that did not finish)."""
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    header_valid = head[24:28] == head[92:96] and pages > 0
    try:
        size = path.stat().st_size
    except OSError:
        return
    if header_valid and page_size >= 512 and size < pages * page_size:
        raise DatabaseError(
            f"{path} is truncated ({size} of {pages * page_size} bytes). It was left "
            f"untouched. {recover_hint(path)}"
        )


def _check_writable(path: Path) -> None:
    """Refuse at open, not at the first save: typed text must never meet a read-only file."""
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseError(
            f"{path} is read-only, so nothing typed could be saved. Make it writable "
            f"(chmod u+w {path}) or open a writable copy with --db."
        )
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise DatabaseError(
            f"The folder {path.parent} is read-only, so {path.name} cannot be saved there. "
            "Make the folder writable or open a copy elsewhere with --db."
        )


def can_write(path: Path) -> bool:
    """Whether the file and its folder can be written (a read-only mount, an immutable file or
    missing permissions say no, for root too)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _on_connect_read_only(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
    finally:
        cur.close()


def open_read_only(path: Path) -> Engine:
    """An engine that only reads ``path`` (an archive on a read-only share, say): the same checks
    as a writable open, then SQLite's read-only (or immutable) mode, with no switch to WAL, no
    migration and no backup; nothing is written beside the file. Only the current schema can be
    read: an older file must be upgraded in a writable copy."""
    _check_sqlite_header(path)
    _probe_sqlite(path)
    uri = readonly_uri(path)
    engine = create_engine(
        f"sqlite:///{path}",
        creator=lambda: sqlite3.connect(
            uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        ),
    )
    event.listen(engine, "connect", _on_connect_read_only)
    try:
        with engine.connect() as conn:
            found = read_version(conn)
    except (OperationalError, SADatabaseError) as exc:
        engine.dispose()
        raise _open_error(str(path), exc) from exc
    if found != SCHEMA_VERSION:
        engine.dispose()
        _check_found(str(path), found)
        if found is None:
            raise DatabaseError(f"{path} is read-only and holds no minutes (an empty database).")
        raise DatabaseError(
            f"{path} is read-only and was written by an older panel-minutes (schema "
            f"{max(found, 1)}; this version reads {SCHEMA_VERSION}). Open a writable copy once "
            "to upgrade it (cp it elsewhere, then --db COPY)."
        )
    return engine


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


def _v3_search(conn: Connection) -> None:
    """v3: the full-text search index (SQLite FTS5) and the triggers that keep it in step."""
    search_index.install(conn)


def _v4_deleted_entries(conn: Connection) -> None:
    """v4: deleted entries (with their audit trail) and actions (with their progress) are kept so
    they can be put back."""
    for table in (tables.DeletedEntry, tables.DeletedAction):
        SQLModel.metadata.tables[str(table.__tablename__)].create(conn, checkfirst=True)


def _v5_deleted_items(conn: Connection) -> None:
    """v5: a deleted agenda item is kept with its declarations, and the entries and actions set
    aside with it point to it, so they stay as confidential as it was and come back with it."""
    from sqlalchemy import inspect

    SQLModel.metadata.tables[str(tables.DeletedItem.__tablename__)].create(conn, checkfirst=True)
    for table in (tables.DeletedEntry, tables.DeletedAction):
        name = str(table.__tablename__)
        if "deleted_item_id" not in {c["name"] for c in inspect(conn).get_columns(name)}:
            conn.execute(text(f"ALTER TABLE {name} ADD COLUMN deleted_item_id INTEGER"))


def _v6_running_start(conn: Connection) -> None:
    """v6: the first minute number of a panel's year (running numbering)."""
    SQLModel.metadata.tables[str(tables.RunningStart.__tablename__)].create(conn, checkfirst=True)


def _v7_item_sittings(conn: Connection) -> None:
    """v7: an agenda item taken up again after it was finished keeps its later sittings."""
    from sqlalchemy import inspect

    columns = {c["name"] for c in inspect(conn).get_columns("agenda_item")}
    if "resumed" not in columns:
        conn.execute(text("ALTER TABLE agenda_item ADD COLUMN resumed VARCHAR NOT NULL DEFAULT '[]'"))


def _v8_house_style(conn: Connection) -> None:
    """v8: a panel's house style, and sub-items on the agenda."""
    from sqlalchemy import inspect

    panel = {c["name"] for c in inspect(conn).get_columns("panel")}
    if "house_style" not in panel:
        conn.execute(text("ALTER TABLE panel ADD COLUMN house_style VARCHAR NOT NULL DEFAULT '{}'"))
    item = {c["name"] for c in inspect(conn).get_columns("agenda_item")}
    if "level" not in item:
        conn.execute(text("ALTER TABLE agenda_item ADD COLUMN level INTEGER NOT NULL DEFAULT 0"))


def _v9_attendance_notes(conn: Connection) -> None:
    """v9: a note per attendee, the count of the public, an exempt item's public summary, and
    declarations naming several members and items."""
    from sqlalchemy import inspect

    wanted = {
        "attendance": (("note", "VARCHAR NOT NULL DEFAULT ''"),),
        "meeting": (("public_count", "INTEGER"),),
        "agenda_item": (("public_summary", "VARCHAR NOT NULL DEFAULT ''"),),
        "declaration": (
            ("more_people", "VARCHAR NOT NULL DEFAULT '[]'"),
            ("more_items", "VARCHAR NOT NULL DEFAULT '[]'"),
        ),
    }
    for table, columns in wanted.items():
        have = {c["name"] for c in inspect(conn).get_columns(table)}
        for name, kind in columns:
            if name not in have:
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} {kind}"))


def _v10_meeting_kind(conn: Connection) -> None:
    """v10: the kind of meeting (Ordinary, Extraordinary ...) its minutes' heading names."""
    from sqlalchemy import inspect

    if "kind" not in {c["name"] for c in inspect(conn).get_columns("meeting")}:
        conn.execute(text("ALTER TABLE meeting ADD COLUMN kind VARCHAR NOT NULL DEFAULT ''"))


def _v11_votes_and_actions(conn: Connection) -> None:
    """v11: a note on a vote, recorded (named) votes, and an action's due date in words and
    owners after the first."""
    from sqlalchemy import inspect

    entry = {c["name"] for c in inspect(conn).get_columns("entry")}
    for column in ("vote_note", "recorded_vote"):
        if column not in entry:
            conn.execute(text(f"ALTER TABLE entry ADD COLUMN {column} VARCHAR NOT NULL DEFAULT ''"))
    action = {c["name"] for c in inspect(conn).get_columns("action")}
    if "due_text" not in action:
        conn.execute(text("ALTER TABLE action ADD COLUMN due_text VARCHAR NOT NULL DEFAULT ''"))
    if "more_owners" not in action:
        conn.execute(text("ALTER TABLE action ADD COLUMN more_owners VARCHAR NOT NULL DEFAULT ''"))


# MIGRATIONS[n] upgrades a database at version n to version n + 1.
MIGRATIONS: dict[int, Step] = {
    1: _v2_between_meetings, 2: _v3_search, 3: _v4_deleted_entries, 4: _v5_deleted_items,
    5: _v6_running_start, 6: _v7_item_sittings, 7: _v8_house_style, 8: _v9_attendance_notes,
    9: _v10_meeting_kind, 10: _v11_votes_and_actions,
}


NOT_OURS = -1  # read_version: some of our table names, but not a panel-minutes database


def read_version(conn: Connection) -> int | None:
    """The schema version, ``None`` for an empty database (or one holding only other programs'
    tables: a shared server database), 0 for the first release's tables without a version,
    ``NOT_OURS`` for another program's tables that share a name with ours (``meeting``)."""
    from sqlalchemy import inspect

    names = set(inspect(conn).get_table_names())
    if "pm_meta" not in names:
        if names >= FIRST_RELEASE_TABLES:
            return 0
        return NOT_OURS if names & FIRST_RELEASE_TABLES else None
    row = conn.execute(text("SELECT value FROM pm_meta WHERE key = 'schema_version'")).first()
    return int(row[0]) if row else 0


def _write_version(conn: Connection, version: int) -> None:
    conn.execute(text("DELETE FROM pm_meta WHERE key = 'schema_version'"))
    conn.execute(
        text("INSERT INTO pm_meta (key, value) VALUES ('schema_version', :v)"), {"v": str(version)}
    )


def backup_sqlite(source: Path, dest: Path) -> Path:
    """Copy a live SQLite database consistently with the backup API; the copy is 0600."""
    from panel_minutes.models.files import CONFIDENTIAL_MODE, atomic_target

    dest.parent.mkdir(parents=True, exist_ok=True)
    with atomic_target(dest, CONFIDENTIAL_MODE) as partial:
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, CONFIDENTIAL_MODE))
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    return dest


def backup_dir(path: Path) -> Path:
    return path.parent / "backups"


@contextmanager
def _one_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction that also holds the schema changes.

    Python's sqlite3 begins a transaction only before INSERT, UPDATE or DELETE, so CREATE TABLE
    would otherwise commit on its own: a failing step would leave the earlier steps' tables in
    place with the old version number. ``BEGIN IMMEDIATE`` puts every statement in the one
    transaction, and takes the write lock first, so two copies opening at once do not both
    migrate. (PostgreSQL's DDL is transactional already.)
    """
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        yield conn


def _create(conn: Connection) -> None:
    SQLModel.metadata.create_all(conn)
    search_index.install(conn)  # not a SQLModel table: created here and in v3
    _write_version(conn, SCHEMA_VERSION)
    conn.execute(
        text("INSERT INTO pm_meta (key, value) VALUES ('created_at', :v)"),
        {"v": datetime.now().isoformat(timespec="seconds")},
    )


def _upgrade(conn: Connection, found: int) -> None:
    """Every step from ``found`` to ``SCHEMA_VERSION``, then the new version (one transaction)."""
    if found == 0:
        SQLModel.metadata.tables["pm_meta"].create(conn, checkfirst=True)
        found = 1
    for version in range(found, SCHEMA_VERSION):
        MIGRATIONS[version](conn)
    _write_version(conn, SCHEMA_VERSION)


def _check_found(target: str, found: int | None) -> None:
    if found == NOT_OURS:
        raise DatabaseError(
            f"{describe(target)} holds another program's tables, not a panel-minutes database. "
            "It was left untouched; choose another with --db."
        )
    if found is not None and found > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"{describe(target)} was written by a newer panel-minutes (schema {found}; this "
            f"version knows up to {SCHEMA_VERSION}). Upgrade panel-minutes to open it; "
            "the file was left untouched."
        )


def migrate(engine: Engine, target: str) -> int:
    """Bring the schema to ``SCHEMA_VERSION``; returns the version found before.

    A new database is created, and an older one upgraded, in one transaction: if any step
    fails, nothing of the upgrade stays and the version is unchanged (the file is as it was).
    """
    try:
        with engine.connect() as conn:
            found = read_version(conn)
    except (OperationalError, SADatabaseError) as exc:
        raise _open_error(target, exc) from exc
    _check_found(target, found)
    if found == SCHEMA_VERSION:
        return found
    copy: Path | None = None
    path = sqlite_path(target)
    if found is not None and path is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        engine.dispose()
        copy = backup_dir(path) / f"{path.stem}-{stamp}-before-v{SCHEMA_VERSION}.db"
        backup_sqlite(path, copy)
    try:
        with _one_transaction(engine) as conn:
            now = read_version(conn)  # another copy may have done it while we waited
            _check_found(target, now)
            if now is None:
                _create(conn)
            elif now < SCHEMA_VERSION:
                _upgrade(conn, now)
    except (OperationalError, SADatabaseError) as exc:
        if found is None:
            raise _open_error(target, exc) from exc
        raise _upgrade_error(target, found, copy, exc) from exc
    return SCHEMA_VERSION if found is None else found


def _upgrade_error(target: str, found: int, copy: Path | None, exc: Exception) -> DatabaseError:
    translated = _open_error(target, exc)
    if "locked" in str(translated) or "read-only" in str(translated):
        return translated
    message = " ".join(str(getattr(exc, "orig", exc)).split())
    kept = f" A copy from before is in {copy}." if copy is not None else ""
    return DatabaseError(
        f"Could not upgrade {describe(target)} from schema {max(found, 1)} to {SCHEMA_VERSION} "
        f"({message}). Nothing was changed: it is still at schema {max(found, 1)}.{kept} "
        "Please report this."
    )


def _open_error(target: str, exc: Exception) -> DatabaseError:
    message = str(getattr(exc, "orig", exc))
    where = describe(target)
    lowered = message.lower()
    if "not a database" in lowered or "malformed" in lowered:
        path = sqlite_path(target)
        hint = recover_hint(path) if path is not None else "Restore it from your backups."
        return DatabaseError(
            f"{where} is damaged or not a panel-minutes database ({message}). It was left "
            f"untouched. {hint}"
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


def open_engine(target: str, *, for_reading: bool = False) -> Engine:
    """Open (creating or migrating as needed) the database and return its engine.

    ``for_reading`` (commands that only read: list, export, search): an SQLite file that cannot
    be written is opened read-only instead of refused, and left exactly as it is.
    """
    path = sqlite_path(target)
    if for_reading and path is not None and path.is_file() and not can_write(path):
        return open_read_only(path)
    engine = make_engine(target)
    try:
        migrate(engine, target)
    except BaseException:
        engine.dispose()
        raise
    return engine


def translate(target: str, exc: Exception) -> DatabaseError:
    """A user-facing error for a failure during normal use (full disk, read-only, locked)."""
    from panel_minutes.models.errors import StorageFullError

    message = str(getattr(exc, "orig", exc)).lower()
    if "full" in message or "disk i/o" in message:
        return StorageFullError(
            f"Could not save to {describe(target)}: the disk is full or failing. "
            "Your text is kept on screen; it will be saved when space returns."
        )
    return _open_error(target, exc)
