"""The export screen offers every format of the registry: ``t`` chooses it (the line under the
banner shows them all), the offered file name follows it, an existing file is replaced only
after a confirm, full minutes are written 0600, and a format that cannot be made here (PDF
without WeasyPrint) is one error notice, nothing written."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from textual.widgets import Input, Label, Static

from panel_minutes.models.export import default_export_name
from panel_minutes.models.publish import pdf
from panel_minutes.models.publish.formats import FORMATS, export_bytes, format_named
from panel_minutes.models.store import Store
from panel_minutes.screens.export import ExportScreen
from panel_minutes.tui.app import make_app
from tests.support import notices, settle, wait_for
from tests.test_export_screen import open_export


def formats_shown(screen: ExportScreen) -> str:
    return str(screen.query_one("#export-formats", Static).render())


async def test_t_cycles_through_every_format_and_the_name_follows(
    demo: tuple[Store, int], db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, meeting_id = demo
    doc = store.load_document(meeting_id)
    monkeypatch.chdir(tmp_path)
    app = make_app(str(db_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot, meeting_id)
        line = formats_shown(screen)
        assert all(f" {f.name} " in line for f in FORMATS)  # every format is on show
        assert screen.format.name == "md" and "Markdown (.md)" in line
        seen = []
        for _ in FORMATS:
            seen.append(screen.format.name)
            await pilot.press("t")
        assert seen == [f.name for f in FORMATS] and screen.format.name == "md"  # round again

        for _ in range(FORMATS.index(format_named("html"))):
            await pilot.press("t")
        assert "Web page (.html)" in formats_shown(screen)
        await pilot.press("w")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PromptScreen")
        html_path = tmp_path / default_export_name(doc, "html")
        assert app.screen.query_one(Input).value == str(html_path)
        assert "as Web page (.html)" in str(app.screen.query_one(".dialog-title", Label).render())
        await pilot.press("enter")
        expected = export_bytes(doc, format_named("html"))
        await wait_for(pilot, lambda: html_path.exists() and html_path.read_bytes() == expected)
        assert stat.S_IMODE(html_path.stat().st_mode) == 0o644

        # text, full: the offered name says -full and .txt; the file is 0600
        await pilot.press("t", "t", "f")
        assert screen.format.name == "text"
        await settle(pilot)
        await screen.rendered.wait()
        await pilot.press("w")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PromptScreen")
        text_path = tmp_path / default_export_name(doc, "txt", full=True)
        assert app.screen.query_one(Input).value == str(text_path)
        await pilot.press("enter")
        full_text = export_bytes(doc, format_named("text"), full=True)
        await wait_for(pilot, lambda: text_path.exists() and text_path.read_bytes() == full_text)
        assert stat.S_IMODE(text_path.stat().st_mode) == 0o600


async def test_pdf_over_an_existing_file_asks_first(
    demo: tuple[Store, int], db_path: Path, tmp_path: Path
) -> None:
    store, meeting_id = demo
    target = tmp_path / "minutes.pdf"
    target.write_bytes(b"old file")
    app = make_app(str(db_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot, meeting_id)
        while screen.format.name != "pdf":
            await pilot.press("t")
        for answer in ("n", "y"):
            await pilot.press("w")
            await wait_for(pilot, lambda: type(app.screen).__name__ == "PromptScreen")
            app.screen.query_one(Input).value = str(target)
            await pilot.press("enter")
            await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen")
            await pilot.press(answer)
            await settle(pilot)
            if answer == "n":
                assert target.read_bytes() == b"old file"
        await wait_for(pilot, lambda: target.read_bytes().startswith(b"%PDF-"), timeout=30)
        assert any("Wrote" in n and "minutes.pdf" in n for n in notices(app))
    assert store.load_document(meeting_id).meeting.id == meeting_id


async def test_pdf_that_cannot_be_made_is_one_notice_and_no_file(
    demo: tuple[Store, int], db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _store, meeting_id = demo

    def missing() -> None:
        raise pdf.PdfUnavailableError(f"{pdf.INSTALL_HINT} (missing: weasyprint)")

    monkeypatch.setattr(pdf, "_weasyprint", missing)
    target = tmp_path / "minutes.pdf"
    app = make_app(str(db_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot, meeting_id)
        while screen.format.name != "pdf":
            await pilot.press("t")
        await pilot.press("w")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PromptScreen")
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("pip install" in n for n in notices(app)))
        message = next(n for n in notices(app) if "pip install" in n)
        assert "Could not make the PDF (.pdf) file" in message and "libpango" in message
        assert isinstance(app.screen, ExportScreen)
    assert not target.exists()
    assert not list(tmp_path.glob(".*.tmp"))


async def test_a_folder_typed_for_the_file_gets_the_usual_name_in_it(
    demo: tuple[Store, int], db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walkthrough: the clerk typed the folder to write to and was refused with "add a file
    name, such as .../minutes.md", while `export -o FOLDER` writes the usual name into it."""
    store, meeting_id = demo
    doc = store.load_document(meeting_id)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "To publish"
    out.mkdir()
    app = make_app(str(db_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot, meeting_id)
        await screen.rendered.wait()
        await pilot.press("w")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PromptScreen")
        app.screen.query_one(Input).value = f"'{out}/'"
        await pilot.press("enter")
        written = out / default_export_name(doc, "md")
        expected = export_bytes(doc, format_named("md"))
        await wait_for(pilot, lambda: written.exists() and written.read_bytes() == expected)
