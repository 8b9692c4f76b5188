"""Bad database files: each gives one clear line naming the file and what to do, and the file is
never overwritten or deleted (its bytes and its folder are compared before and after).

Tried through the Store, through the app (make_app exits with the message) and, once the
command line has its subcommands, through ``panel-minutes --db X list`` in a subprocess.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from panel_minutes.models.demo import write_demo
from panel_minutes.models.errors import DatabaseError, SchemaTooNewError
from panel_minutes.models.store import Store

Maker = Callable[[Path], Path]


def _demo_file(folder: Path, name: str = "minutes.db") -> Path:
    path = folder / name
    store = Store(str(path))
    write_demo(store)
    store.close()
    return path


def missing_folder(tmp: Path) -> Path:
    return tmp / "unplugged-stick" / "minutes.db"


def a_folder(tmp: Path) -> Path:
    path = tmp / "minutes.db"
    path.mkdir()
    (path / "keep.txt").write_text("not a database")
    return path


def not_sqlite(tmp: Path) -> Path:
    path = tmp / "minutes.db"
    path.write_text("# Minutes of the Panel\n\nThese are notes, not a database.\n" * 20)
    return path


def truncated_header(tmp: Path) -> Path:
    path = _demo_file(tmp)
    path.write_bytes(path.read_bytes()[:60])
    return path


def truncated_half(tmp: Path) -> Path:
    path = _demo_file(tmp)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def damaged_schema(tmp: Path) -> Path:
    path = _demo_file(tmp)
    with path.open("r+b") as fh:
        fh.seek(100)
        fh.write(b"\x07" * 3900)
    return path


def newer_version(tmp: Path) -> Path:
    path = _demo_file(tmp)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE pm_meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()
    return path


def other_program(tmp: Path) -> Path:
    path = tmp / "minutes.db"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('A Person', '01234 567890')")
    conn.close()
    return path


def other_program_meeting(tmp: Path) -> Path:
    """Another program's file with a table that happens to be called ``meeting``: only
    ``pm_meta`` (or every table of the first release) makes a file panel-minutes'."""
    path = tmp / "minutes.db"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE meeting (id INTEGER PRIMARY KEY, subject TEXT)")
        conn.execute("INSERT INTO meeting (subject) VALUES ('Allotment society AGM')")
    conn.close()
    return path


def read_only(tmp: Path) -> Path:
    path = _demo_file(tmp)
    _make_read_only(path)
    return path


# (maker, words the message must contain: what is wrong and what to do)
CASES: dict[str, tuple[Maker, tuple[str, ...]]] = {
    "missing folder": (missing_folder, ("does not exist", "mkdir -p")),
    "a folder": (a_folder, ("is a folder", "--db")),
    "not SQLite": (not_sqlite, ("not an SQLite file", "restore")),
    "truncated header": (truncated_header, ("truncated", "restore")),
    "truncated half": (truncated_half, ("truncated", "restore")),
    "damaged": (damaged_schema, ("damaged", "restore")),
    "newer version": (newer_version, ("newer panel-minutes", "Upgrade")),
    "another program": (other_program, ("another program", "--db")),
    "another program's meeting table": (other_program_meeting, ("another program", "--db")),
    "read-only": (read_only, ("read-only", "chmod u+w")),
}


def _make_read_only(path: Path) -> None:
    """chmod for an ordinary user; root ignores modes, so for root the file is made immutable."""
    if os.geteuid() != 0:
        path.chmod(0o400)
        return
    if shutil.which("chattr") is None or subprocess.run(
        ["chattr", "+i", str(path)], capture_output=True
    ).returncode != 0:
        pytest.skip("running as root where files cannot be made read-only (no chattr +i)")


def _undo_read_only(folder: Path) -> None:
    if os.geteuid() == 0 and shutil.which("chattr"):
        for p in folder.rglob("*"):
            subprocess.run(["chattr", "-i", str(p)], capture_output=True)


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file under ``folder`` with its bytes (folders as None)."""
    return {
        str(p.relative_to(folder)): (None if p.is_dir() else p.read_bytes())
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def bad_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    folder.mkdir()
    yield folder
    _undo_read_only(folder)


def _check_message(message: str, path: Path, words: tuple[str, ...]) -> None:
    assert "\n" not in message and "Traceback" not in message
    assert str(path) in message, message
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"


@pytest.mark.parametrize("case", list(CASES))
def test_store_refuses_bad_file_untouched(case: str, bad_dir: Path) -> None:
    maker, words = CASES[case]
    path = maker(bad_dir)
    before = _snapshot(bad_dir)
    with pytest.raises(DatabaseError) as caught:
        Store(str(path)).close()
    _check_message(str(caught.value), path, words)
    if case == "newer version":
        assert isinstance(caught.value, SchemaTooNewError)
    assert _snapshot(bad_dir) == before  # nothing overwritten, nothing deleted, nothing added
    print(f"{case}: {caught.value}")


@pytest.mark.parametrize("case", list(CASES))
async def test_app_exits_with_the_message(case: str, bad_dir: Path) -> None:
    from panel_minutes.tui.app import make_app

    maker, words = CASES[case]
    path = maker(bad_dir)
    before = _snapshot(bad_dir)
    app = make_app(str(path))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            if app.store_error is not None:
                break
            await pilot.pause(0.05)
    assert app.store_error is not None
    _check_message(app.store_error, path, words)
    assert app.return_code == 2
    assert _snapshot(bad_dir) == before


def test_an_empty_file_becomes_a_new_database(tmp_path: Path) -> None:
    """A zero-byte file is what ``touch`` leaves: SQLite's own idea of an empty database."""
    path = tmp_path / "minutes.db"
    path.touch()
    store = Store(str(path))
    try:
        assert store.list_meetings() == []
    finally:
        store.close()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panel_minutes.tui.cli", *args],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )


# What the command line says where it words a case its own way: `list` never creates a database,
# so a path in a missing folder is "no database there" before the store is asked.
CLI_WORDS: dict[str, tuple[str, ...]] = {"missing folder": ("no database", "--db")}


# A read-only file is listed (the commands that only read open it read-only): see
# tests/test_read_only_archive.py.
@pytest.mark.parametrize("case", [c for c in CASES if c != "read-only"])
def test_cli_says_one_line_and_leaves_the_file(case: str, bad_dir: Path) -> None:
    maker, words = CASES[case]
    path = maker(bad_dir)
    before = _snapshot(bad_dir)
    done = _cli("--db", str(path), "list")
    assert done.returncode == 2, done
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("panel-minutes: error: ")
    _check_message(lines[0], path, CLI_WORDS.get(case, words))
    assert _snapshot(bad_dir) == before


# --- bad input: bundles too big or too deep, impossible dates, times, titles and votes --------


def _db_state(path: Path) -> bytes:
    """The database's content (after a checkpoint, so the bytes say what it holds)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("shape", ["100 MB file", "100 MB on stdin", "deeply nested",
                                   "deeply nested objects"])
def test_cli_refuses_huge_and_deep_bundles_writing_nothing(shape: str, tmp_path: Path) -> None:
    db = _demo_file(tmp_path)
    before = _db_state(db)
    bundle = tmp_path / "bundle.json"
    stdin: bytes | None = None
    if shape.startswith("100 MB"):
        head = b'{"format": "panel-minutes.bundle", "version": 1, "padding": "'
        data = head + b"x" * (100 * 1024 * 1024 - len(head) - 2) + b'"}'
        if shape == "100 MB file":
            bundle.write_bytes(data)
        else:
            stdin = data
    elif shape == "deeply nested":
        bundle.write_bytes(b"[" * 500_000 + b"]" * 500_000)
    else:
        bundle.write_bytes(b'{"a": ' * 100_000 + b"1" + b"}" * 100_000)
    args = [sys.executable, "-m", "panel_minutes.tui.cli", "--db", str(db), "import",
            "-" if stdin is not None else str(bundle)]
    done = subprocess.run(args, input=stdin, capture_output=True, timeout=120)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    lines = err.splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert ("larger than" in err) if shape.startswith("100 MB") else ("nested too deeply" in err)
    assert "Nothing was imported" in err
    assert _db_state(db) == before


def test_cli_refuses_a_timestamp_out_of_range_in_utc_in_one_line(tmp_path: Path) -> None:
    """0001-01-01T00:00:00+14:00 is in the year 0 in UTC: it was an OverflowError "bug"."""
    import json

    from panel_minutes.models.bundle import export_bundle

    db = _demo_file(tmp_path)
    store = Store(str(db))
    data = export_bundle(store, store.list_meetings()[0].id)
    store.close()
    data["meeting"]["approved_at"] = "0001-01-01T00:00:00+14:00"
    bundle = tmp_path / "bundle.json"
    bundle.write_text(json.dumps(data))
    before = _db_state(db)
    done = subprocess.run([sys.executable, "-m", "panel_minutes.tui.cli", "--db", str(db), "import",
                           str(bundle)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "bug" not in done.stderr, done.stderr
    assert "meeting.approved_at: '0001-01-01T00:00:00+14:00' is out of range" in lines[0]
    assert _db_state(db) == before


def test_impossible_dates_times_titles_and_votes_are_refused_clearly(store: Store) -> None:
    from datetime import date

    from panel_minutes.models.domain import AttendanceStatus, EntryKind, Outcome
    from panel_minutes.models.errors import ValidationError

    panel = store.create_panel("Dunmoor Police and Crime Panel")
    people = [store.create_person(f"Member {n}", title="Cllr") for n in range(5)]
    for person in people:
        store.add_member(panel.id, person.id)
    meeting = store.create_meeting(panel.id, date(2026, 6, 2), standing_agenda=False)
    item = store.add_item(meeting.id, "Budget")

    refusals: dict[str, Callable[[], object]] = {
        "start time 25:00": lambda: store.create_meeting(panel.id, date(2026, 7, 1),
                                                          start_time="25:00"),
        "end time 10:75": lambda: store.update_meeting(meeting.id, end_time="10:75"),
        "a time in words": lambda: store.update_meeting(meeting.id, start_time="half ten"),
        "empty item title": lambda: store.add_item(meeting.id, "   "),
        "empty action": lambda: store.add_action(meeting.id, "\t\n"),
        "empty entry": lambda: store.add_entry(item.id, EntryKind.PARAGRAPH, "  "),
        "negative votes": lambda: store.add_entry(item.id, EntryKind.RESOLUTION, "that it pass",
                                                  vote_for=-1),
        "votes in words": lambda: store.add_entry(item.id, EntryKind.RESOLUTION, "that it pass",
                                                  vote_for="many"),
        "carried 2 to 3": lambda: store.add_entry(item.id, EntryKind.RESOLUTION, "that it pass",
                                                  vote_for=2, vote_against=3,
                                                  outcome=Outcome.CARRIED),
        "more votes than members present": lambda: store.check_vote_counts(meeting.id, 4, 1, 1),
    }
    messages = {}
    for what, call in refusals.items():
        with pytest.raises(ValidationError) as caught:
            call()
        message = str(caught.value)
        assert message and "\n" not in message and "Traceback" not in message, what
        messages[what] = message
    assert "25:00" in messages["start time 25:00"]
    assert "cannot be empty" in messages["empty item title"]
    assert "adds up to 6" in messages["more votes than members present"]
    assert "only 5 voting members" in messages["more votes than members present"]
    # Within the members present, or with attendance not taken, the counts are accepted.
    store.check_vote_counts(meeting.id, 3, 1, 1)
    store.update_attendance(store.list_attendance(meeting.id)[0].id,
                            status=AttendanceStatus.APOLOGIES)
    with pytest.raises(ValidationError, match="only 4 voting members"):
        store.check_vote_counts(meeting.id, 3, 1, 1)
    empty = store.create_meeting(panel.id, date(2026, 8, 4), prefill_attendance=False)
    store.check_vote_counts(empty.id, 30, 0, 0)
    assert len(store.list_entries(item.id)) == 0  # nothing half-filed


def test_cli_refuses_an_impossible_meeting_date(tmp_path: Path) -> None:
    db = _demo_file(tmp_path)
    done = _cli("--db", str(db), "export", "2026-02-30")
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "2026-02-30" in done.stderr
