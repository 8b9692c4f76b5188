"""An archive copy on a read-only share can be listed, exported and searched (issue 10, point
10): the commands that only read open such a file read-only, and leave it, and its folder,
exactly as they were (no switch to WAL, no -wal or -shm, no backup beside it). Commands that
write still say in one line that the file is read-only.

Run through the real command line in a subprocess, on a real read-only tmpfs mount and on a
file made immutable (``chattr +i``: root ignores file modes).
"""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from panel_minutes.models.demo import write_demo
from panel_minutes.models.errors import DatabaseError
from panel_minutes.models.store import Store
from tests.fs_support import make_read_only, tmpfs
from tests.test_bad_files import _make_read_only, _snapshot, _undo_read_only
from tests.test_migrations import load_v1


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panel_minutes.tui.cli", *args],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )


def _write_demo(path: Path) -> int:
    store = Store(str(path))
    try:
        return write_demo(store)
    finally:
        store.close()


@pytest.fixture(params=["read-only share", "immutable file"])
def archive(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """(the archived database, its demo meeting id), read-only the way the param says."""
    if request.param == "read-only share":
        with tmpfs(tmp_path / "share", 4096) as share:
            path = share / "archive.db"
            meeting_id = _write_demo(path)
            make_read_only(share)
            yield path, meeting_id
    else:
        folder = tmp_path / "archive"
        folder.mkdir()
        path = folder / "archive.db"
        meeting_id = _write_demo(path)
        _make_read_only(path)
        try:
            yield path, meeting_id
        finally:
            _undo_read_only(folder)


def test_reading_commands_work_on_a_read_only_archive_and_change_nothing(
    archive: tuple[Path, int], tmp_path: Path
) -> None:
    path, meeting_id = archive
    before = _snapshot(path.parent)
    db = ("--db", str(path))

    listed = _cli(*db, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert meeting_id in [m["id"] for m in json.loads(listed.stdout)]

    public = _cli(*db, "export", str(meeting_id))
    assert public.returncode == 0, public.stderr
    assert public.stdout.startswith("# ") and "Police and Crime Panel" in public.stdout

    out = tmp_path / "full.md"  # written elsewhere, readable by the owner only
    full = _cli(*db, "export", str(meeting_id), "--full", "-o", str(out))
    assert full.returncode == 0, full.stderr
    assert "CONFIDENTIAL" in out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600

    bundle = _cli(*db, "export", str(meeting_id), "--format", "json")
    assert bundle.returncode == 0, bundle.stderr
    assert json.loads(bundle.stdout)["format"] == "panel-minutes.bundle"

    found = _cli(*db, "search", "budget", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout), "the archive's minutes mention the budget"

    # Writing is refused in one line that says why; nothing is half-done.
    (tmp_path / "bundle.json").write_text(bundle.stdout, encoding="utf-8")
    for args in (("search", "--reindex"), ("import", str(tmp_path / "bundle.json"))):
        refused = _cli(*db, *args)
        assert refused.returncode == 2, refused
        [line] = refused.stderr.splitlines()
        assert "read-only" in line and str(path) in line

    assert _snapshot(path.parent) == before  # no WAL switch, no -wal/-shm, no backups folder
    assert not (path.parent / "backups").exists()


def test_the_store_opened_for_reading_refuses_writes_in_one_line(
    archive: tuple[Path, int],
) -> None:
    path, _meeting_id = archive
    before = _snapshot(path.parent)
    store = Store(str(path), for_reading=True)
    try:
        assert store.list_meetings()
        with pytest.raises(DatabaseError, match="read-only") as caught:
            store.create_panel("Fenmarsh Police and Crime Panel")
        assert "\n" not in str(caught.value)
    finally:
        store.close()
    with pytest.raises(DatabaseError, match="read-only"):  # the app still needs to write
        Store(str(path)).close()
    assert _snapshot(path.parent) == before


def test_an_older_read_only_archive_is_refused_in_one_line_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    path = folder / "old.db"
    load_v1(path)
    _make_read_only(path)
    try:
        before = _snapshot(folder)
        done = _cli("--db", str(path), "list")
        assert done.returncode == 2
        [line] = done.stderr.splitlines()
        assert "read-only" in line and "older panel-minutes" in line and "copy" in line
        assert _snapshot(folder) == before
    finally:
        _undo_read_only(folder)
