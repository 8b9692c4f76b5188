"""The store on PostgreSQL, for teams that share one database.

A throwaway PostgreSQL server is started on loopback in a temporary folder (initdb + pg_ctl from
the machine's PostgreSQL package) and stopped afterwards. Where the server binaries are not
installed, these tests are skipped with that reason; CI's machines have them.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from panel_minutes.models.bundle import export_bundle
from panel_minutes.models.demo import write_demo
from panel_minutes.models.domain import EntryKind, MeetingStatus
from panel_minutes.models.errors import ReadOnlyMeetingError
from panel_minutes.models.export.markdown import render_markdown
from panel_minutes.models.store import Store
from panel_minutes.models.store.bundle_io import import_bundle

GOLDEN = Path(__file__).parent / "golden"


def _pg_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent  # /usr/local/bin may link initdb alone
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _as_server_user(args: list[str]) -> list[str]:
    """initdb refuses to run as root: run the server's tools as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def pg_server() -> Iterator[tuple[str, Path, int]]:
    """(URL prefix, bin dir, port) of a fresh PostgreSQL server on 127.0.0.1."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed here")
    pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
    if os.geteuid() == 0 and subprocess.run(["id", "postgres"], capture_output=True).returncode:
        pytest.skip("running as root with no postgres user to run the server as")
    # Not under pytest's tmp folder: that is private to root, and the server runs as postgres.
    base = Path(tempfile.mkdtemp(prefix="panel-minutes-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, user="postgres")
    data = base / "data"
    port = _free_port()
    subprocess.run(
        _as_server_user([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]),
        check=True, capture_output=True,
    )
    subprocess.run(
        _as_server_user([
            str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(base / "server.log"),
            "-o", f"-k {base} -p {port} -h 127.0.0.1", "start",
        ]),
        check=True, capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}", bindir, port
    finally:
        subprocess.run(
            _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: tuple[str, Path, int], request: pytest.FixtureRequest) -> str:
    """A new, empty database on the server for each test."""
    prefix, bindir, port = pg_server
    name = "t_" + "".join(ch if ch.isalnum() else "_" for ch in request.node.name.lower())[:50]
    subprocess.run(
        _as_server_user([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), name]),
        check=True, capture_output=True,
    )
    return f"{prefix}/{name}"


def test_demo_on_postgres_exports_the_golden_minutes(pg_url: str) -> None:
    store = Store(pg_url)
    try:
        meeting_id = write_demo(store)
        doc = store.load_document(meeting_id)
        assert render_markdown(doc) == (GOLDEN / "demo-public.md").read_text(encoding="utf-8")
        assert render_markdown(doc, full=True) == (GOLDEN / "demo-full.md").read_text(
            encoding="utf-8"
        )
        hits = store.search("farm machinery")
        assert hits and all(h.meeting_id == meeting_id for h in hits)
        assert any("[[farm]]" in h.snippet or "[[machinery]]" in h.snippet for h in hits)
    finally:
        store.close()


def test_ordering_approval_and_cascade_on_postgres(pg_url: str) -> None:
    store = Store(pg_url)
    try:
        meeting_id = write_demo(store)
        item = store.list_items(meeting_id)[4]
        texts = [e.text for e in store.list_entries(item.id)]
        last = store.list_entries(item.id)[-1]
        store.move_entry(last.id, -len(texts))
        assert store.list_entries(item.id)[0].id == last.id
        store.update_entry(last.id, text=last.text + " (corrected)")
        store.delete_entry(last.id)
        [kept] = store.list_deleted_entries(meeting_id)
        back = store.restore_deleted_entry(kept.id)
        assert (back.position, back.text) == (0, last.text + " (corrected)")
        assert len(store.list_revisions(back.id)) == 1
        store.delete_item(store.list_items(meeting_id)[5].id)  # its entries are kept
        assert store.list_deleted_entries(meeting_id)
        action = store.list_actions(meeting_id=meeting_id)[0]
        store.delete_action(action.id)
        assert store.restore_action(action).ref == action.ref
        earlier = store.previous_meeting(meeting_id)
        assert earlier is not None and earlier.status is MeetingStatus.APPROVED
        first_item = store.list_items(earlier.id)[0]
        with pytest.raises(ReadOnlyMeetingError):
            store.add_entry(first_item.id, EntryKind.PARAGRAPH, "A silent change.")
        store.delete_meeting(meeting_id)
        assert [m.id for m in store.list_meetings()] == [earlier.id]
        assert store.search("farm machinery") == []
    finally:
        store.close()


def test_bundle_from_sqlite_into_postgres_keeps_the_minutes(
    pg_url: str, demo: tuple[Store, int]
) -> None:
    sqlite_store, meeting_id = demo
    expected = render_markdown(sqlite_store.load_document(meeting_id))
    store = Store(pg_url)
    try:
        new_id = import_bundle(store, export_bundle(sqlite_store, meeting_id))
        assert render_markdown(store.load_document(new_id)) == expected
    finally:
        store.close()


def test_command_line_lists_a_postgres_database(pg_url: str) -> None:
    store = Store(pg_url)
    try:
        write_demo(store)
    finally:
        store.close()
    done = subprocess.run(
        [sys.executable, "-m", "panel_minutes.tui.cli", "--db", pg_url, "list"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Wessex Vale Police and Crime Panel" in done.stdout
    assert "2026-11-17" in done.stdout
