"""``panel-minutes search``: the store's full-text search from the command line."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from panel_minutes.models.demo import write_demo
from panel_minutes.models.domain import EntryKind
from panel_minutes.models.store import Store
from panel_minutes.tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "minutes.db"
    store = Store(str(path))
    try:
        write_demo(store)
        other = store.create_panel("Fenmarsh Police and Crime Panel")
        meeting = store.create_meeting(other.id, date(2024, 2, 6), standing_agenda=False)
        item = store.add_item(meeting.id, "Rural crime strategy")
        store.add_entry(item.id, EntryKind.PARAGRAPH, "Rural crime in the fens was discussed.")
    finally:
        store.close()
    return path


def test_search_prints_hits_newest_first(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, err = run(capsys, "search", "--db", str(db), "rural", "crime")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("2026-11-17  meeting 2  Wessex Vale Police and Crime Panel")
    assert "[[rural]]" in out.lower()
    dates = [line[:10] for line in lines if line[:4].isdigit()]
    assert dates == sorted(dates, reverse=True)
    assert dates[-1] == "2024-02-06"
    assert lines[-1].endswith("results, newest first.")


def test_phrase_panel_and_json(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, _ = run(capsys, "search", "--db", str(db), '"rural crime"', "--panel", "fenmarsh",
                       "--json")
    assert code == 0
    rows = json.loads(out)
    assert {r["panel"] for r in rows} == {"Fenmarsh Police and Crime Panel"}
    assert {r["source"] for r in rows} == {"item", "entry"}
    assert all("[[Rural crime]]" in r["snippet"] for r in rows)
    assert set(rows[0]) == {"meeting_id", "panel", "date", "item_id", "item", "source",
                            "entry_id", "action_id", "exempt", "snippet"}
    code, out, _ = run(capsys, "search", "--db", str(db), "rural", "--panel", "1", "--json")
    assert code == 0 and {r["panel"] for r in json.loads(out)} == {
        "Wessex Vale Police and Crime Panel"
    }


def test_exempt_hits_are_flagged(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, _ = run(capsys, "search", "--db", str(db), "complainant")
    assert code == 0
    assert "[EXEMPT: Part 2, not for the public minutes]" in out


def test_no_match_and_hostile_queries(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, _ = run(capsys, "search", "--db", str(db), "zeppelin")
    assert (code, out) == (0, "No matches for 'zeppelin'.\n")
    for hostile in ('AND OR "', "*", "col:foo", "(", "NEAR(x"):
        code, out, err = run(capsys, "search", "--db", str(db), hostile)
        assert code == 0 and err == "", hostile
    code, out, _ = run(capsys, "search", "--db", str(db), "--", "-x")
    assert code == 0


def test_limit(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, _ = run(capsys, "search", "--db", str(db), "the", "--limit", "2")
    assert code == 0
    assert out.splitlines()[-1] == "2 results, newest first (there may be more: raise --limit)."


@pytest.mark.parametrize(
    ("args", "needle", "status"),
    [
        ((), "give the words to find", 2),
        (("rural", "--limit", "0"), "--limit must be 1 or more", 2),
        (("rural", "--panel", "Nowhere"), "No panel matches 'Nowhere'", 1),
        (("rural", "--panel", "police"), "Several panels match 'police'", 1),
    ],
)
def test_mistakes_are_one_line(
    capsys: pytest.CaptureFixture[str], db: Path, args: tuple[str, ...], needle: str, status: int
) -> None:
    code, out, err = run(capsys, "search", "--db", str(db), *args)
    assert code == status and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("panel-minutes: error: ")
    assert needle in err


def test_missing_database_is_not_created(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nothing-here.db"
    code, _, err = run(capsys, "search", "--db", str(missing), "rural")
    assert code == 2 and "There is no database" in err
    assert not missing.exists()


def test_reindex_repairs_the_index(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        conn.execute("DELETE FROM search_index")
        conn.commit()
    finally:
        conn.close()
    code, out, _ = run(capsys, "search", "--db", str(db), "farm", "--json")
    assert json.loads(out) == []  # the emptied index finds nothing ...
    code, out, _ = run(capsys, "search", "--db", str(db), "--reindex")
    assert (code, out) == (0, "Rebuilt the search index.\n")
    code, out, _ = run(capsys, "search", "--db", str(db), "farm", "--json")
    assert json.loads(out)  # ... and finds again once rebuilt


def test_real_process(tmp_path: Path, db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "panel_minutes.tui.cli", "search", "--db", str(db), "machinery"],
        cwd=tmp_path, capture_output=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert "farm [[machinery]]" in out
    assert result.stderr == b""
