"""No network, ever: the app and the command line work with every way out blocked.

Outgoing connections, datagrams and name look-ups raise (and are logged). Local socket pairs
stay allowed: asyncio's event loop wakes itself with one, and that never leaves the process.
The command line runs in subprocesses with a ``sitecustomize.py`` on ``PYTHONPATH`` doing the
blocking before anything else is imported; the app runs under Pilot with the same blocks.
Both still work, and the log of attempts stays empty.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from panel_minutes.models.store import Store
from panel_minutes.tui.app import make_app
from tests.support import settle
from tests.test_live_support import file_text, open_live, write_meeting, write_panel

SITECUSTOMIZE = '''
import os, socket

_LOG = os.environ["PM_NET_LOG"]


def _refuse(name):
    def blocked(*args, **kwargs):
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(f"{name} {args[1:2]!r}\\n")
        raise OSError(f"network blocked by the test: {name}")
    return blocked


for _name in ("connect", "connect_ex", "sendto", "sendmsg"):
    setattr(socket.socket, _name, _refuse("socket." + _name))
socket.create_connection = _refuse("create_connection")
socket.getaddrinfo = _refuse("getaddrinfo")
socket.gethostbyname = _refuse("gethostbyname")
'''


@pytest.fixture
def offline(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "offline"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "network-attempts.log"
    path = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, "PM_NET_LOG": str(log)}


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "panel_minutes.tui.cli", *args], env=env, capture_output=True, text=True,
        timeout=120, stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, f"{args}: {done.stderr}"
    return done


def test_the_blocks_really_block(offline: dict[str, str]) -> None:
    probe = subprocess.run(
        [sys.executable, "-c",
         "import socket\n"
         "try:\n"
         "    socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
         "except OSError as exc:\n"
         "    print(exc)\n"],
        env=offline, capture_output=True, text=True, timeout=60,
    )
    assert "network blocked by the test" in probe.stdout
    Path(offline["PM_NET_LOG"]).unlink()


def test_command_line_works_offline(offline: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "minutes.db"
    _cli(offline, "demo", "--db", str(db))
    listed = _cli(offline, "--db", str(db), "list", "--json")
    assert "Wessex Vale" in listed.stdout
    meeting = "2026-11-17"
    out = tmp_path / "out"
    out.mkdir()
    _cli(offline, "--db", str(db), "export", meeting, "-o", str(out / "public.md"))
    _cli(offline, "--db", str(db), "export", meeting, "--full", "-o", str(out / "full.md"))
    _cli(offline, "--db", str(db), "export", meeting, "--format", "json", "-o",
         str(out / "bundle.json"))
    _cli(offline, "--db", str(tmp_path / "other.db"), "import", str(out / "bundle.json"))
    _cli(offline, "--db", str(db), "backup")
    _cli(offline, "--db", str(db), "restore")
    assert "Minutes" in (out / "public.md").read_text(encoding="utf-8")
    assert not Path(offline["PM_NET_LOG"]).exists(), Path(offline["PM_NET_LOG"]).read_text()


async def test_app_works_offline(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def blocked(*args: object, **kwargs: object) -> None:
            attempts.append(name)
            raise OSError(f"network blocked by the test: {name}")
        return blocked

    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        monkeypatch.setattr(socket.socket, name, refuse(name))
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))

    store = Store(str(db_path))
    meeting_id = write_meeting(store, write_panel(store))
    store.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.wait_for_store()
        screen = await open_live(app, pilot, meeting_id)
        await file_text(pilot, screen, "The Panel met with the network switched off.")
        await settle(pilot, screen)
    check = Store(str(db_path))
    try:
        texts = [e.text for i in check.list_items(meeting_id) for e in check.list_entries(i.id)]
    finally:
        check.close()
    assert "The Panel met with the network switched off." in texts
    assert attempts == []
    # The automatic backup on open was written too, privately.
    backups = list((db_path.parent / "backups").glob("*-auto.db"))
    assert backups and stat.S_IMODE(backups[0].stat().st_mode) == 0o600
