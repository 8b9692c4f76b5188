"""The SQLite full-text index behind ``Store.search``: its table, triggers and rebuild.

One FTS5 table, ``search_index``, holds a row for every entry, agenda item, action, action update,
declaration and amendment. Triggers on those tables keep it in step, so every write path (the
store, a bundle import, a script with plain SQL) updates the index for free and in the same
transaction as the write.

Why a plain FTS5 table (it keeps its own copy of the text) rather than external-content or
contentless:

- the text comes from six tables; an external-content table reads its text back from ONE table by
  rowid, which would need a UNION view with a computed rowid that SQLite cannot look up by index;
- a contentless table cannot produce ``snippet()`` output (and on SQLite before 3.43 cannot delete
  a row without being given its old text), and snippets are the point of the results list;
- the copy is small (minutes are text measured in megabytes at most) and can be rebuilt from the
  source tables at any time with :func:`rebuild`.

Each indexed row's rowid is ``source id * 8 + source code`` (see :data:`SOURCES`), so a trigger
deletes or replaces a row by rowid (an index lookup), never by scanning the index.

Beside it, an ordinary table ``search_doc`` (rowid → meeting, panel, date), kept by the same
triggers, lets a search sort its matches newest meeting first with one index lookup per match
instead of a chain of joins; a trigger on ``meeting`` keeps its dates in step.

Columns: ``text`` (the main text), ``extra`` (answers, notes, alternative titles, documents) and
``who`` (people's names: askers, respondents, proposers, owners). The tokenizer is
``porter unicode61 remove_diacritics 2``: "officers" finds "officer", "cafe" finds "café".

Only SQLite uses this module; other databases fall back to a LIKE search (``panel_minutes.models.store.search``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

TABLE = "search_index"
DOC_TABLE = "search_doc"
TOKENIZE = "porter unicode61 remove_diacritics 2"
ROWID_STRIDE = 8


@dataclass(frozen=True, slots=True)
class Source:
    """How one table's rows become index rows."""

    code: int  # rowid = id * ROWID_STRIDE + code
    name: str  # the SearchHit.source value
    table: str
    columns: tuple[str, ...]  # the source columns whose change re-indexes the row
    text: str  # SQL expressions over ``src`` (the source row) for the three indexed columns
    extra: str
    who: str
    meeting: str = "src.meeting_id"  # SQL for the id of the meeting the row belongs to


def _person(column: str) -> str:
    """SQL for the full name ("Cllr Ann Baker") of the person in ``src.<column>``, or ''."""
    return (
        f"coalesce((SELECT trim(p.title || ' ' || p.name) FROM person AS p "
        f"WHERE p.id = src.{column}), '')"
    )


def _join(*parts: str) -> str:
    """SQL joining the non-empty ``parts`` with "; " (so names read as a list in snippets)."""
    pieces = " || ".join(f"coalesce('; ' || nullif(trim({p}), ''), '')" for p in parts)
    return f"substr({pieces}, 3)"


# The item's supporting documents are a JSON list: index them as "first; second", not as JSON.
# json_valid() guards the trigger: a malformed value is indexed as it is, never fails a write.
_DOCUMENTS = (
    "CASE WHEN json_valid(src.documents) AND json_type(src.documents) = 'array' "
    "THEN (SELECT group_concat(value, '; ') FROM json_each(src.documents)) "
    "ELSE src.documents END"
)


SOURCES: tuple[Source, ...] = (
    Source(
        0, "entry", "entry",
        ("text", "answer", "asker_id", "asker_text", "respondent_id", "respondent_text",
         "proposer", "seconder", "item_id"),
        text="src.text",
        extra="src.answer",
        who=_join(_person("asker_id"), "src.asker_text", _person("respondent_id"),
                  "src.respondent_text", "src.proposer", "src.seconder"),
        meeting="(SELECT i.meeting_id FROM agenda_item AS i WHERE i.id = src.item_id)",
    ),
    Source(
        1, "item", "agenda_item",
        ("title", "public_title", "presenter", "documents", "meeting_id"),
        text="src.title",
        extra=_join("src.public_title", _DOCUMENTS),
        who="src.presenter",
    ),
    Source(
        2, "action", "action",
        ("text", "completion_note", "owner_id", "owner_text", "meeting_id"),
        text="src.text",
        extra="src.completion_note",
        who=_join(_person("owner_id"), "src.owner_text"),
    ),
    Source(
        3, "action_update", "action_update",
        ("note", "meeting_id"),
        text="src.note",
        extra="''",
        who="''",
    ),
    Source(
        4, "declaration", "declaration",
        ("text", "person_id", "meeting_id"),
        text="src.text",
        extra="''",
        who=_person("person_id"),
    ),
    Source(
        5, "amendment", "amendment",
        ("text", "meeting_id"),
        text="src.text",
        extra="''",
        who="''",
    ),
)
SOURCE_BY_CODE = {s.code: s for s in SOURCES}

# When a person is renamed, the rows that show their name are indexed again.
_PERSON_COLUMNS: dict[str, tuple[str, ...]] = {
    "entry": ("asker_id", "respondent_id"),
    "action": ("owner_id",),
    "declaration": ("person_id",),
}


def _rowid(source: Source, id_sql: str) -> str:
    return f"{id_sql} * {ROWID_STRIDE} + {source.code}"


def _insert_text(source: Source, where: str) -> str:
    return (
        f"INSERT INTO {TABLE}(rowid, text, extra, who) "
        f"SELECT {_rowid(source, 'src.id')}, coalesce({source.text}, ''), "
        f"coalesce({source.extra}, ''), coalesce({source.who}, '') "
        f"FROM {source.table} AS src WHERE {where};"
    )


def _insert_doc(source: Source, where: str) -> str:
    return (
        f"INSERT INTO {DOC_TABLE}(rid, meeting_id, panel_id, held_on) "
        f"SELECT {_rowid(source, 'src.id')}, m.id, m.panel_id, m.held_on "
        f"FROM {source.table} AS src JOIN meeting AS m ON m.id = {source.meeting} "
        f"WHERE {where};"
    )


def _insert(source: Source, where: str) -> str:
    return _insert_text(source, where) + " " + _insert_doc(source, where)


def _delete(source: Source, id_sql: str) -> str:
    rowid = _rowid(source, id_sql)
    return (
        f"DELETE FROM {TABLE} WHERE rowid = {rowid}; "
        f"DELETE FROM {DOC_TABLE} WHERE rid = {rowid};"
    )


def ddl() -> list[str]:
    """Every statement that creates the index, its ordering table and triggers (idempotent)."""
    out = [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
        f"text, extra, who, tokenize = '{TOKENIZE}')",
        f"CREATE TABLE IF NOT EXISTS {DOC_TABLE} (rid INTEGER PRIMARY KEY, "
        "meeting_id INTEGER NOT NULL, panel_id INTEGER NOT NULL, held_on TEXT NOT NULL)",
        f"CREATE INDEX IF NOT EXISTS ix_{DOC_TABLE}_order "
        f"ON {DOC_TABLE} (held_on DESC, meeting_id DESC, rid)",
        f"CREATE INDEX IF NOT EXISTS ix_{DOC_TABLE}_meeting ON {DOC_TABLE} (meeting_id)",
    ]
    for s in SOURCES:
        prefix = f"pm_fts_{s.table}"
        out.append(
            f"CREATE TRIGGER IF NOT EXISTS {prefix}_ai AFTER INSERT ON {s.table} BEGIN "
            f"{_insert(s, 'src.id = NEW.id')} END"
        )
        out.append(
            f"CREATE TRIGGER IF NOT EXISTS {prefix}_ad AFTER DELETE ON {s.table} BEGIN "
            f"{_delete(s, 'OLD.id')} END"
        )
        out.append(
            f"CREATE TRIGGER IF NOT EXISTS {prefix}_au AFTER UPDATE OF {', '.join(s.columns)} "
            f"ON {s.table} BEGIN {_delete(s, 'OLD.id')} {_insert(s, 'src.id = NEW.id')} END"
        )
    person_body = []
    for s in SOURCES:
        cols = _PERSON_COLUMNS.get(s.table)
        if not cols:
            continue
        match = " OR ".join(f"src.{c} = NEW.id" for c in cols)
        person_body.append(
            f"DELETE FROM {TABLE} WHERE rowid IN (SELECT {_rowid(s, 'src.id')} "
            f"FROM {s.table} AS src WHERE {match});"
        )
        person_body.append(_insert_text(s, match))
    out.append(
        "CREATE TRIGGER IF NOT EXISTS pm_fts_person_au AFTER UPDATE OF name, title ON person "
        f"BEGIN {' '.join(person_body)} END"
    )
    out.append(
        "CREATE TRIGGER IF NOT EXISTS pm_fts_meeting_au AFTER UPDATE OF held_on, panel_id "
        f"ON meeting BEGIN UPDATE {DOC_TABLE} SET held_on = NEW.held_on, "
        "panel_id = NEW.panel_id WHERE meeting_id = NEW.id; END"
    )
    return out


TRIGGERS = tuple(
    [f"pm_fts_{s.table}_{kind}" for s in SOURCES for kind in ("ai", "ad", "au")]
    + ["pm_fts_person_au", "pm_fts_meeting_au"]
)


def fts5_available() -> bool:
    """Whether this Python's SQLite library was built with FTS5 (nearly always true)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()
    return True


def exists(conn: Connection) -> bool:
    """Whether the index, its ordering table and every trigger are in place."""
    names = {
        str(r[0])
        for r in conn.execute(
            text("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        )
    }
    return {TABLE, DOC_TABLE, *TRIGGERS} <= names


def install(conn: Connection) -> bool:
    """Create (or repair) the index and its triggers and fill it from existing rows; SQLite only.

    Returns False (and does nothing) on other databases or when SQLite lacks FTS5; the store then
    searches with LIKE.
    """
    if conn.dialect.name != "sqlite" or not fts5_available():
        return False
    for name in TRIGGERS:  # an older definition is replaced, never kept
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for statement in ddl():
        conn.exec_driver_sql(statement)
    rebuild(conn)
    return True


def rebuild(conn: Connection) -> None:
    """Empty the index and fill it again from the source tables."""
    conn.exec_driver_sql(f"DELETE FROM {TABLE}")
    conn.exec_driver_sql(f"DELETE FROM {DOC_TABLE}")
    for s in SOURCES:
        conn.exec_driver_sql(_insert_text(s, "1"))
        conn.exec_driver_sql(_insert_doc(s, "1"))
