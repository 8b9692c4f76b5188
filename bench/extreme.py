"""The extreme meeting: a bundle of 300 items, one of them with 2,000 entries, for the scale rows.

    python bench/extreme.py --out bench/out/extreme.json [--entries 100000]

The bundle is what ``panel-minutes export ID --format json`` writes (every field of every
entry), with short paragraphs so that 100,000 entries stay under the 50 MB bundle limit. Content
is fully determined by ``--seed``. ``bench/run.py`` imports it (``import.extreme``) and opens the
imported meeting in the app (``open.extreme``), each beside a floor:

- ``floor_import``: the least any program could do with the file: read and parse the JSON with
  the standard library, insert the same rows with ``sqlite3.executemany`` in one transaction
  (the search index's triggers included) and commit;
- ``floor_read``: a raw sqlite3 read of the imported meeting's items and entries.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.textgen import TextGen

ITEMS = 300
LONG_ITEM_ENTRIES = 2000
PEOPLE = 12


def _entry(gen: TextGen, n: int, people: list[str]) -> dict[str, Any]:
    kind = ("paragraph", "paragraph", "paragraph", "question", "procedure")[n % 5]
    text = gen.sentence()[:60]
    return {
        "kind": kind, "text": text,
        "asker": people[n % PEOPLE] if kind == "question" else None, "asker_text": "",
        "respondent": people[(n + 1) % PEOPLE] if kind == "question" else None,
        "respondent_text": "", "answer": "Noted." if kind == "question" else "",
        "proposer": "", "seconder": "", "vote_for": None, "vote_against": None,
        "vote_abstain": None, "outcome": "", "casting_vote": False,
        "at_time": "11:05" if kind == "procedure" else "",
    }


def extreme_bundle(entries: int = 100_000, *, seed: int = 5) -> dict[str, Any]:
    """300 items; the first standard item holds 2,000 entries, the rest share what is left."""
    gen = TextGen(seed)
    people = [f"p{n}" for n in range(1, PEOPLE + 1)]
    rest = max(0, entries - LONG_ITEM_ENTRIES)
    counts = [LONG_ITEM_ENTRIES] + [
        rest // (ITEMS - 1) + (1 if n < rest % (ITEMS - 1) else 0) for n in range(ITEMS - 1)
    ]
    n = 0
    items = []
    for index, count in enumerate(counts):
        item_entries = []
        for _ in range(count):
            item_entries.append(_entry(gen, n, people))
            n += 1
        items.append({
            "id": f"i{index + 1}", "title": f"{gen.topics(1)[0]} ({index + 1})",
            "public_title": "", "presenter": "", "kind": "standard", "exempt": False,
            "exempt_basis": "", "number_label": "", "taken_position": None, "documents": [],
            "started_at": "", "finished_at": "", "entries": item_entries,
        })
    return {
        "format": "panel-minutes.bundle", "version": 1, "generator": "bench/extreme.py",
        "panel": {"name": "Extreme Police and Crime Panel", "short_name": "extreme-pcp",
                  "host_authority": "", "default_venue": "", "numbering": "per_item",
                  "chair_title": "Chair", "standing_agenda": []},
        "people": [{"id": p, "title": "Cllr", "name": gen.person(), "role": "",
                    "organisation": ""} for p in people],
        "memberships": [{"person": p, "role": "member", "represents": "", "start_date": None,
                         "end_date": None} for p in people],
        "meeting": {"id": "m1", "held_on": "2026-11-17", "start_time": "10:00", "end_time": "",
                    "venue": "", "status": "draft", "approved_at": None,
                    "approved_at_meeting": None},
        "other_meetings": [], "previous_meeting": None, "year_offset": 0,
        "attendance": [{"person": p, "status": "present", "substitute_for": None,
                        "capacity": "", "arrived_at": "", "left_at": ""} for p in people],
        "items": items, "declarations": [], "actions": [], "earlier_actions": [],
        "amendments": [],
    }


def write_extreme(path: Path, entries: int, *, seed: int = 5) -> Path:
    from panel_minutes.models.bundle import dumps_bundle

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps_bundle(extreme_bundle(entries, seed=seed)), encoding="utf-8")
    return path


# --- the floors --------------------------------------------------------------------------------


def _row(conn: sqlite3.Connection, table: str, values: dict[str, Any]) -> int:
    """Insert one row, filling the table's other NOT NULL columns with empty values."""
    row = dict(values)
    for _, name, kind, notnull, default, pk in conn.execute(f"PRAGMA table_info({table})"):
        if notnull and not pk and default is None and name not in row:
            row[name] = 0 if kind in ("INTEGER", "BOOLEAN") else ""
    cols = ", ".join(row)
    cursor = conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(row))})",
                          tuple(row.values()))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


_ENTRY_COLUMNS = (
    "kind", "text", "asker_text", "respondent_text", "answer", "proposer", "seconder",
    "vote_for", "vote_against", "vote_abstain", "outcome", "casting_vote", "at_time",
)


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def floor_import(bundle: Path, db: Path) -> float:
    """Seconds to parse the bundle and insert its items and entries with raw sqlite3."""
    from bench.storebench import raw_connection

    started = time.perf_counter()
    data = json.loads(bundle.read_bytes())
    conn = raw_connection(db)
    try:
        panel_id = _row(conn, "panel", {"name": "Floor panel"})
        meeting_id = _row(conn, "meeting", {"panel_id": panel_id, "held_on": "2026-11-17",
                                            "created_at": "2026-11-17",
                                            "updated_at": "2026-11-17"})
        columns = ", ".join(("item_id", "position", *_ENTRY_COLUMNS, "vote_note",
                             "recorded_vote", "created_at", "updated_at"))
        marks = ", ".join("?" * (len(_ENTRY_COLUMNS) + 6))
        sql = f"INSERT INTO entry ({columns}) VALUES ({marks})"
        for pos, item in enumerate(data["items"]):
            item_id = _row(conn, "agenda_item", {"meeting_id": meeting_id, "position": pos,
                                                 "title": item["title"], "documents": "[]"})
            conn.executemany(sql, (
                (item_id, n, *(e[c] for c in _ENTRY_COLUMNS), "", "", "2026-11-17", "2026-11-17")
                for n, e in enumerate(item["entries"])
            ))
        conn.commit()
    finally:
        conn.close()
    return time.perf_counter() - started


def app_import(bundle: Path, db: Path) -> tuple[float, int]:
    """Seconds panel-minutes takes to import the bundle file (as ``panel-minutes import``)."""
    from panel_minutes.models.store import Store
    from panel_minutes.models.store.bundle_io import import_bundle

    store = Store(str(db))
    try:
        started = time.perf_counter()
        meeting_id = import_bundle(store, bundle.read_bytes())
        return time.perf_counter() - started, meeting_id
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--floor-db", type=Path,
                        help="instead: time the raw sqlite3 import of --out into this database")
    parser.add_argument("--import-db", type=Path,
                        help="instead: time panel-minutes importing --out into this database")
    args = parser.parse_args(argv)
    if args.floor_db is not None:
        seconds = floor_import(args.out, args.floor_db)
        print(json.dumps({"seconds": seconds, "rss_mb": peak_rss_mb()}))
        return 0
    if args.import_db is not None:
        seconds, meeting_id = app_import(args.out, args.import_db)
        print(json.dumps({"seconds": seconds, "rss_mb": peak_rss_mb(), "meeting": meeting_id}))
        return 0
    write_extreme(args.out, args.entries, seed=args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
