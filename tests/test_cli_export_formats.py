"""``panel-minutes export --format md|docx|html|pdf|text``: every format of the one registry.

The file name defaults to the dated slug with the format's extension; an existing file is refused
in one line unless ``--force``; full minutes are always written 0600; a machine without
WeasyPrint gets one line on how to install it, never a traceback.
"""

from __future__ import annotations

import importlib
import io
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from panel_minutes.models.domain import MinutesDocument
from panel_minutes.models.export import default_export_name, render_markdown
from panel_minutes.models.publish import pdf
from panel_minutes.models.publish.formats import FORMATS, export_bytes, format_named
from panel_minutes.models.publish.html import render_html
from panel_minutes.models.publish.meta import meta_for
from panel_minutes.models.publish.text import render_text
from panel_minutes.models.store import Store
from panel_minutes.tui.cli import main
from tests.test_cli import assert_one_error_line, demo_db, run

__all__ = ["demo_db"]  # the fixture, shared with tests/test_cli.py


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def load(db: Path, meeting_id: int) -> MinutesDocument:
    store = Store(str(db))
    try:
        return store.load_document(meeting_id)
    finally:
        store.close()


def test_the_registry_names_every_format() -> None:
    assert [f.name for f in FORMATS] == ["md", "docx", "html", "pdf", "text", "open-data"]
    assert [f.extension for f in FORMATS] == ["md", "docx", "html", "pdf", "txt", "json"]
    assert [f.binary for f in FORMATS] == [False, True, False, True, False, False]
    assert format_named("markdown") is format_named("md") and format_named(".TXT").name == "text"
    with pytest.raises(Exception, match="There is no format 'odt': choose one of md, docx"):
        format_named("odt")


def test_text_formats_print_the_same_document(
    capsys: pytest.CaptureFixture[str], demo_db: tuple[Path, int]
) -> None:
    db, mid = demo_db
    doc = load(db, mid)
    for full in (False, True):
        extra = ["--full"] if full else []
        markdown = render_markdown(doc, full=full)
        code, out, err = run(capsys, "--db", str(db), "export", str(mid), "--format", "html",
                             *extra)
        assert (code, err) == (0, "")
        assert out == render_html(markdown, meta_for(doc, full=full))
        code, out, _ = run(capsys, "--db", str(db), "export", str(mid), "--format", "text", *extra)
        assert code == 0 and out == render_text(markdown)
        code, out, _ = run(capsys, "--db", str(db), "export", str(mid), "--format", "md", *extra)
        assert code == 0 and out == markdown


@pytest.mark.parametrize("name", ["md", "html", "text", "pdf"])
def test_each_format_into_a_folder_gets_the_dated_name_and_modes(
    capsys: pytest.CaptureFixture[str], demo_db: tuple[Path, int], tmp_path: Path, name: str
) -> None:
    db, mid = demo_db
    doc = load(db, mid)
    fmt = format_named(name)
    folder = tmp_path / "out"
    folder.mkdir()
    code, out, err = run(capsys, "--db", str(db), "export", str(mid), "--format", name,
                         "-o", str(folder))
    assert (code, err) == (0, "")
    public = folder / default_export_name(doc, fmt.extension)
    assert public.name == f"2026-11-17-wessex-vale-pcp-minutes.{fmt.extension}"
    assert f"Wrote the public minutes ({fmt.label}) to {public}" in out
    assert mode(public) == 0o644
    if fmt.binary:
        assert public.read_bytes().startswith(b"%PDF-")
    else:
        assert public.read_bytes() == export_bytes(doc, fmt)

    # the same again: refused in one line, the file left as it was
    before = public.read_bytes()
    code, out, err = run(capsys, "--db", str(db), "export", str(mid), "--format", name,
                         "-o", str(public))
    assert code == 1 and out == ""
    assert_one_error_line(err, "already exists", "--force")
    assert public.read_bytes() == before

    # full minutes over it with --force: replaced, and now readable by the owner only
    code, out, err = run(capsys, "--db", str(db), "export", str(mid), "--format", name,
                         "--full", "-o", str(public), "--force")
    assert (code, err) == (0, "") and "readable by you only" in out
    assert mode(public) == 0o600
    full_name = folder / default_export_name(doc, fmt.extension, full=True)
    code, _, _ = run(capsys, "--db", str(db), "export", str(mid), "--format", name, "--full",
                     "-o", str(folder))
    assert code == 0 and mode(full_name) == 0o600
    assert full_name.name.endswith(f"-minutes-full.{fmt.extension}")
    if name == "pdf":
        text = " ".join((PdfReader(io.BytesIO(full_name.read_bytes())).pages[0].extract_text()
                         or "").split())
        assert "CONFIDENTIAL" in text
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_binary_format_without_o_is_written_under_the_dated_name(
    capsys: pytest.CaptureFixture[str], demo_db: tuple[Path, int], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, mid = demo_db
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--db", str(db), "export", str(mid), "--format", "pdf",
                         "--full")
    assert (code, err) == (0, "")
    written = tmp_path / "2026-11-17-wessex-vale-pcp-minutes-full.pdf"
    assert written.read_bytes().startswith(b"%PDF-") and mode(written) == 0o600
    assert str(written) in out
    # asked again: refused, not overwritten
    code, _, err = run(capsys, "--db", str(db), "export", str(mid), "--format", "pdf", "--full")
    assert code == 1
    assert_one_error_line(err, "already exists", "--force")


def test_o_dash_sends_a_binary_format_down_a_pipe(
    capsysbinary: pytest.CaptureFixture[bytes], demo_db: tuple[Path, int]
) -> None:
    db, mid = demo_db
    code = main(["--db", str(db), "export", str(mid), "--format", "pdf", "-o", "-"])
    out, err = capsysbinary.readouterr()
    assert (code, err) == (0, b"")
    assert out.startswith(b"%PDF-") and out.rstrip().endswith(b"%%EOF")


def test_pdf_without_weasyprint_is_one_line(
    capsys: pytest.CaptureFixture[str], demo_db: tuple[Path, int], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, mid = demo_db

    def missing() -> None:
        raise pdf.PdfUnavailableError(f"{pdf.INSTALL_HINT} (missing: weasyprint)")

    monkeypatch.setattr(pdf, "_weasyprint", missing)
    target = tmp_path / "m.pdf"
    code, out, err = run(capsys, "--db", str(db), "export", str(mid), "--format", "pdf",
                         "-o", str(target))
    assert code == 1 and out == ""
    assert_one_error_line(err, "pip install 'panel-minutes[pdf]'", "libpango")
    assert not target.exists()


def test_template_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], demo_db: tuple[Path, int], tmp_path: Path
) -> None:
    db, mid = demo_db
    code, _, err = run(capsys, "--db", str(db), "export", str(mid), "--format", "docx",
                       "--template", str(tmp_path / "nope.docx"))
    assert code == 1
    assert_one_error_line(err, "There is no template file", "nope.docx")
    template = tmp_path / "house.docx"
    template.write_bytes(b"PK")
    code, _, err = run(capsys, "--db", str(db), "export", str(mid), "--format", "pdf",
                       "--template", str(template))
    assert code == 2
    assert_one_error_line(err, "--template is for --format docx only")
    with pytest.raises(Exception, match="A template shapes Word"):
        export_bytes(load(db, mid), format_named("html"), template=template)


def test_docx_is_made_by_the_word_writer(
    demo: tuple[Store, int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The registry hands the Word writer the Markdown, the meta and the template; until that
    writer is installed, asking for Word is one clear error, not a traceback."""
    store, mid = demo
    doc = store.load_document(mid)
    calls: list[tuple[str, object, object]] = []

    class Writer:
        @staticmethod
        def write_docx(markdown: str, meta: object, template: Path | None) -> bytes:
            calls.append((markdown, meta, template))
            return b"PK-docx"

    real_import = importlib.import_module

    def fake_import(name: str) -> object:
        if name == "panel_minutes.models.publish.docx":
            return Writer
        return real_import(name)

    template = tmp_path / "t.docx"
    monkeypatch.setattr(importlib, "import_module", fake_import)
    assert export_bytes(doc, format_named("docx"), full=True, template=template) == b"PK-docx"
    assert calls == [(render_markdown(doc, full=True), meta_for(doc, full=True), template)]
