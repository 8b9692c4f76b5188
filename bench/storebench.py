"""Store-level measurements over the large database, each beside a raw sqlite3 floor.

Each figure is the median of ``reps`` calls in this process, after one warm-up call (imports and
SQLAlchemy's statement cache are warm, as they are in the app once it has started). The floors
do the least work that gives the same answer with the standard library's ``sqlite3`` and the
app's own pragmas: they are what the database and the disk cost, before any of our code.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from panel_minutes.models.db import BUSY_TIMEOUT_MS

SEARCH_WORD = "burglary"
SEARCH_PHRASE = '"hare coursing"'
FILED_TEXT = "The Panel noted the update and thanked the officers for their work."


def timed(call: Callable[[], Any], reps: int, *, warm: int = 1) -> list[float]:
    """Milliseconds of each of ``reps`` calls, after ``warm`` untimed ones."""
    for _ in range(warm):
        call()
    out: list[float] = []
    for _ in range(reps):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def median(values: list[float]) -> float:
    return statistics.median(values)


def raw_connection(db: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the app's pragmas (``panel_minutes.models.db._on_connect``)."""
    conn = sqlite3.connect(db, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


def raw_insert_floor(db: Path, item_id: int, reps: int) -> list[float]:
    """One INSERT of an entry and its COMMIT (fsync), the FTS trigger included."""
    conn = raw_connection(db)
    position = conn.execute("SELECT count(*) FROM entry WHERE item_id = ?", (item_id,)).fetchone()[0]
    sql = (
        "INSERT INTO entry (item_id, position, kind, text, asker_text, respondent_text, answer, "
        "proposer, seconder, outcome, casting_vote, at_time, vote_note, recorded_vote, "
        "created_at, updated_at) "
        "VALUES (?, ?, 'paragraph', ?, '', '', '', '', '', '', 0, '', '', '', ?, ?)"
    )

    def insert() -> None:
        nonlocal position
        now = datetime.now(UTC).isoformat(sep=" ")
        conn.execute(sql, (item_id, position, FILED_TEXT, now, now))
        conn.commit()
        position += 1

    try:
        return timed(insert, reps)
    finally:
        conn.close()


def raw_meeting_rows(conn: sqlite3.Connection, meeting_id: int) -> list[tuple[Any, ...]]:
    """The long meeting's items and entries, in order: what opening or exporting it must read."""
    items = conn.execute(
        "SELECT id, title FROM agenda_item WHERE meeting_id = ? ORDER BY position, id",
        (meeting_id,),
    ).fetchall()
    rows: list[tuple[Any, ...]] = list(items)
    rows += conn.execute(
        "SELECT e.* FROM entry AS e JOIN agenda_item AS i ON i.id = e.item_id "
        "WHERE i.meeting_id = ? ORDER BY i.position, e.position, e.id",
        (meeting_id,),
    ).fetchall()
    return rows


def raw_export_floor(db: Path, meeting_id: int, out: Path, reps: int) -> list[float]:
    """Read the meeting's rows, join their text, write and fsync a file."""
    conn = raw_connection(db)

    sql = (
        "SELECT i.title, e.text, e.answer FROM agenda_item AS i "
        "LEFT JOIN entry AS e ON e.item_id = i.id "
        "WHERE i.meeting_id = ? ORDER BY i.position, e.position, e.id"
    )

    def export() -> None:
        rows = conn.execute(sql, (meeting_id,)).fetchall()
        data = "\n\n".join(f"{title}\n{text}\n{answer}" for title, text, answer in rows)
        with out.open("wb") as fh:
            fh.write(data.encode())
            fh.flush()
            os.fsync(fh.fileno())

    try:
        return timed(export, reps)
    finally:
        conn.close()


def raw_read_floor(db: Path, meeting_id: int, reps: int) -> list[float]:
    conn = raw_connection(db)
    try:
        return timed(lambda: raw_meeting_rows(conn, meeting_id), reps)
    finally:
        conn.close()


def raw_search_floor(db: Path, fts_query: str, reps: int) -> list[float]:
    """FTS5's own cost: the first 50 matches with a snippet, in index order (no joins)."""
    conn = raw_connection(db)
    sql = (
        "SELECT rowid, snippet(search_index, -1, '[[', ']]', '…', 16) FROM search_index "
        "WHERE search_index MATCH ? LIMIT 50"
    )
    try:
        return timed(lambda: conn.execute(sql, (fts_query,)).fetchall(), reps)
    finally:
        conn.close()


def docx_floor(paragraphs: int, out: Path, reps: int) -> list[float]:
    """python-docx's own cost: a default document with ``paragraphs`` plain paragraphs, saved."""
    import docx

    text = FILED_TEXT

    def write() -> None:
        document = docx.Document()
        for _ in range(paragraphs):
            document.add_paragraph(text)
        document.save(str(out))

    return timed(write, reps)


def docx_paragraphs(markdown: str) -> int:
    """How many Word paragraphs (and table rows) the Markdown makes: the floor writes as many."""
    from markdown_it import MarkdownIt

    blocks = ("paragraph_open", "heading_open", "tr_open", "hr")
    return sum(1 for t in MarkdownIt("commonmark").enable("table").parse(markdown)
               if t.type in blocks)


def measure(db: Path, meeting_id: int, out_dir: Path, *, reps: int) -> dict[str, list[float]]:
    """Every store-level figure and floor, in milliseconds (lists of samples)."""
    from panel_minutes.models.bundle import dumps_bundle, export_bundle
    from panel_minutes.models.export.markdown import render_markdown
    from panel_minutes.models.store import Store
    from panel_minutes.tui.cli import write_file

    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, list[float]] = {}
    store = Store(str(db))
    try:
        items = store.list_items(meeting_id)
        last = items[-1].id
        results["store.file"] = timed(
            lambda: store.add_entry(last, "paragraph", FILED_TEXT), reps
        )
        results["floor.insert"] = raw_insert_floor(db, last, reps)
        middle = items[len(items) // 2].id
        results["store.switch"] = timed(lambda: store.list_entries(middle), reps)
        results["store.open"] = timed(
            lambda: (store.load_document(meeting_id), store.get_draft(meeting_id)), reps
        )
        results["floor.read"] = raw_read_floor(db, meeting_id, reps)

        md_path, json_path = out_dir / "long-meeting.md", out_dir / "long-meeting.json"

        def export_markdown() -> None:
            text = render_markdown(store.load_document(meeting_id))
            write_file(md_path, text.encode(), mode=0o644, force=True)

        def export_json() -> None:
            text = dumps_bundle(export_bundle(store, meeting_id))
            write_file(json_path, text.encode(), mode=0o600, force=True)

        results["export.markdown"] = timed(export_markdown, reps)
        results["export.json"] = timed(export_json, reps)
        results["floor.export"] = raw_export_floor(db, meeting_id, out_dir / "raw.txt", reps)
        # Word: the Markdown (the one document model, rendered once) to .docx bytes; a .docx
        # costs ~0.3 s, so fewer repetitions than the rest keep --quick's time.
        from panel_minutes.models.publish.docx import write_docx
        from panel_minutes.models.publish.meta import meta_for

        doc = store.load_document(meeting_id)
        markdown, meta = render_markdown(doc), meta_for(doc)
        docx_reps = max(3, reps // 4)
        results["export.docx"] = timed(lambda: write_docx(markdown, meta), docx_reps)
        results["floor.docx"] = docx_floor(docx_paragraphs(markdown), out_dir / "floor.docx",
                                           docx_reps)

        def check() -> None:
            from panel_minutes.models.checks import check_minutes
            from panel_minutes.models.publish.check_texts import public_texts

            doc = store.load_document(meeting_id)
            check_minutes(doc, public_texts(doc))

        results["check"] = timed(check, reps)
        results["search.word"] = timed(lambda: store.search(SEARCH_WORD), reps)
        results["search.phrase"] = timed(lambda: store.search(SEARCH_PHRASE), reps)
        results["search.hits"] = [
            float(len(store.search(SEARCH_WORD))), float(len(store.search(SEARCH_PHRASE)))
        ]
    finally:
        store.close()
    results["floor.search.word"] = raw_search_floor(db, f'"{SEARCH_WORD}"', reps)
    results["floor.search.phrase"] = raw_search_floor(db, SEARCH_PHRASE, reps)
    return results
