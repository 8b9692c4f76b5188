"""Every file the app writes goes through ``panel_minutes.models.files.write_atomic``: on a real full disk
(a small tmpfs, filled up) an export over an existing file fails with one clear message and the
old file is still there, whole; nothing half-written or temporary is left beside it.

Issue 10, point 5: the export screen wrote in place with O_TRUNC, so the old minutes were gone
and 4,096 bytes cut off mid-word remained.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from panel_minutes.models.domain import EntryKind
from panel_minutes.models.export import render_markdown
from panel_minutes.models.files import atomic_target, write_atomic
from panel_minutes.models.store import Store
from panel_minutes.tui.app import make_app
from tests.fs_support import fill, tmpfs
from tests.support import notices
from tests.test_export_screen import open_export, wait_for

OLD = ("Minutes approved last month, kept as the published record of the meeting. " * 30).encode()


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB disk holding an old export (``old.md``) and a filler that takes the rest."""
    with tmpfs(tmp_path / "disk", 64) as disk:
        (disk / "old.md").write_bytes(OLD)
        filler = fill(disk)
        yield disk
        filler.unlink()


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != "filler.bin"}


async def test_export_screen_keeps_the_old_file_when_the_disk_is_full(
    demo: tuple[Store, int], db_path: Path, full_disk: Path
) -> None:
    store, meeting_id = demo
    item = store.list_items(meeting_id)[4]
    store.add_entry(item.id, EntryKind.PARAGRAPH, "The Commissioner answered at length. " * 300)
    full_text = render_markdown(store.load_document(meeting_id), full=True)
    # more than the old file's page, which a write in place would free and fill, cut off
    assert len(full_text.encode()) > 2 * 4096
    old = full_disk / "old.md"
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot, meeting_id)
        await pilot.press("f")
        await wait_for(pilot, lambda: screen.markdown_text == full_text)

        async def write_over_old() -> None:
            await pilot.press("w")
            await wait_for(pilot, lambda: type(app.screen).__name__ == "PromptScreen")
            app.screen.query_one(Input).value = str(old)
            await pilot.press("enter")
            await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen")
            await pilot.press("y")

        def messages() -> list[str]:
            return notices(app)

        await write_over_old()
        await wait_for(pilot, lambda: any("Could not write" in m for m in messages()))
        assert files_in(full_disk) == {"old.md": OLD}  # whole, and no temporary file left
        [message] = [m for m in messages() if "Could not write" in m]
        assert str(old) in message and "No space left" in message
        assert "old file was kept" in message and "\n" not in message

        # Space returns: the same write replaces the file whole, readable by the owner only.
        (full_disk / "filler.bin").unlink()
        await write_over_old()
        await wait_for(pilot, lambda: old.read_bytes() == full_text.encode())
        assert stat.S_IMODE(old.stat().st_mode) == 0o600
        fill(full_disk)  # the fixture removes it again
    assert files_in(full_disk) == {"old.md": full_text.encode()}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panel_minutes.tui.cli", *args],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )


def test_cli_export_on_a_full_disk_keeps_the_old_file_and_leaves_no_scrap(
    demo: tuple[Store, int], db_path: Path, full_disk: Path
) -> None:
    _store, meeting_id = demo
    old = full_disk / "old.md"
    for target, force in ((old, True), (full_disk / "new.md", False)):
        args = ["--db", str(db_path), "export", str(meeting_id), "--full", "-o", str(target)]
        done = _cli(*args, *(["--force"] if force else []))
        assert done.returncode == 1, done
        [line] = done.stderr.splitlines()
        assert "No space left" in line and "Traceback" not in line
        assert files_in(full_disk) == {"old.md": OLD}


def test_write_atomic_gives_the_exact_mode_and_refuses_to_replace_unless_asked(
    tmp_path: Path,
) -> None:
    path = tmp_path / "minutes.md"
    old_umask = os.umask(0o077)  # a strict umask must not change a public file's mode
    try:
        write_atomic(path, b"public", 0o644)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    with pytest.raises(FileExistsError):
        write_atomic(path, b"other", 0o644, replace=False)
    assert path.read_bytes() == b"public"
    write_atomic(path, b"confidential", 0o600)  # a new file: never the old 0644 one
    assert (path.read_bytes(), stat.S_IMODE(path.stat().st_mode)) == (b"confidential", 0o600)
    with pytest.raises(RuntimeError), atomic_target(path, 0o600) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("the backup failed half way")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.md"]
    assert path.read_bytes() == b"confidential"
