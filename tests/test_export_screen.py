"""The export screen: the public minutes rendered as the export writes them, ``f`` for the full
(CONFIDENTIAL) minutes, ``w`` to write them to a file with the default name in the current folder,
a question before replacing a file, and full minutes written readable by the owner only."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Markdown, Static

from panel_minutes.models.export import default_export_name, render_markdown
from panel_minutes.models.store import Store
from panel_minutes.screens.export import ExportScreen, check_target
from panel_minutes.tui.app import make_app
from tests.support import settle
from tests.support import wait_for as wait_for


async def open_export(pilot: Pilot[None], meeting_id: int) -> ExportScreen:
    app = pilot.app
    await app.wait_for_store()  # type: ignore[attr-defined]
    await app.push_screen(ExportScreen(meeting_id))
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    await screen.rendered.wait()
    await pilot.pause()
    return screen


async def test_preview_toggle_and_write_both_versions(
    demo: tuple[Store, int], db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, meeting_id = demo
    doc = store.load_document(meeting_id)
    monkeypatch.chdir(tmp_path)
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot, meeting_id)
        public = render_markdown(doc)
        assert screen.markdown_text == public
        assert screen.query_one(Markdown).source == public
        banner = str(screen.query_one("#export-banner", Static).render())
        assert "Public minutes" in banner
        assert "Complaint concerning the conduct" not in public  # exempt title stays out

        # write the public minutes: the default name, in the current folder
        await pilot.press("w")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PromptScreen")
        field = app.screen.query_one(Input)
        public_path = tmp_path / default_export_name(doc)
        assert field.value == str(public_path)
        await pilot.press("enter")
        await wait_for(pilot, lambda: public_path.exists()
                       and public_path.read_text(encoding="utf-8") == public)

        # full minutes: a clear CONFIDENTIAL marker, and a 0600 file
        await pilot.press("f")
        await settle(pilot)
        await screen.rendered.wait()
        full = render_markdown(doc, full=True)
        assert screen.markdown_text == full
        assert "CONFIDENTIAL" in str(screen.query_one("#export-banner", Static).render())
        assert screen.query_one("#export-banner").has_class("-confidential")
        assert "Complaint concerning the conduct" in full
        await pilot.press("w")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PromptScreen")
        full_path = tmp_path / default_export_name(doc, full=True)
        assert app.screen.query_one(Input).value == str(full_path)
        await pilot.press("enter")
        await wait_for(pilot, lambda: full_path.exists()
                       and full_path.read_text(encoding="utf-8") == full)
        assert stat.S_IMODE(full_path.stat().st_mode) == 0o600

        # writing the full minutes over the public file: asked first; "n" leaves it alone
        await pilot.press("w")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PromptScreen")
        app.screen.query_one(Input).value = str(public_path)
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen")
        await pilot.press("n")
        await settle(pilot)
        assert public_path.read_text(encoding="utf-8") == public
        # ... and "y" replaces it, now readable by the owner only
        await pilot.press("w")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PromptScreen")
        app.screen.query_one(Input).value = str(public_path)
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen")
        await pilot.press("y")
        await wait_for(pilot, lambda: public_path.read_text(encoding="utf-8") == full)
        assert stat.S_IMODE(public_path.stat().st_mode) == 0o600

        # Escape goes back
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)


async def test_a_bad_path_is_refused_in_the_prompt(
    demo: tuple[Store, int], db_path: Path, tmp_path: Path
) -> None:
    _store, meeting_id = demo
    app = make_app(str(db_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export(pilot, meeting_id)
        await pilot.press("w")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PromptScreen")
        prompt = app.screen
        prompt.query_one(Input).value = str(tmp_path / "no-such-folder" / "minutes.md")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is prompt
        assert "does not exist" in prompt.error  # type: ignore[attr-defined]
        await pilot.press("escape")
    assert not (tmp_path / "no-such-folder").exists()


def test_check_target_messages(tmp_path: Path) -> None:
    assert check_target("") is not None
    assert check_target(str(tmp_path)) is None  # a folder: the usual name is written in it
    assert check_target(str(tmp_path / "minutes.md")) is None
