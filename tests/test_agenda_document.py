"""The agenda document of a meeting before it happens: Markdown (and Word through the one Word
writer), public by default with no exempt content, numbered as the minutes will number it."""

from __future__ import annotations

import io
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from panel_minutes.models.agenda_import import ImportedItem
from panel_minutes.models.domain import Numbering
from panel_minutes.models.export.agenda import default_agenda_name, render_agenda_markdown
from panel_minutes.models.numbering import item_numbers
from panel_minutes.models.store import Store
from panel_minutes.tui.cli import main

SECRET_TITLE = "Disciplinary hearing of Officer Quillan Marsh"
SECRET_PRESENTER = "Head of Professional Standards Zebedee"
SECRET_DOC = "Investigation report Nightjar"


def _agenda_meeting(store: Store, numbering: Numbering = Numbering.PER_ITEM) -> int:
    panel = store.create_panel("Fernmoor Police and Crime Panel", numbering=numbering,
                               default_venue="Committee Room 2, Fernmoor House")
    meeting = store.create_meeting(panel.id, date(2027, 3, 4), start_time="14:00")
    store.import_agenda(meeting.id, (
        ImportedItem("Apologies for absence"),
        ImportedItem("Police and Crime Plan refresh", presenter="Deputy Commissioner",
                     documents=("Plan draft", "Appendix B: survey <results>")),
        ImportedItem("Rural crime priorities", level=1),
        ImportedItem(SECRET_TITLE, exempt=True,
                     exempt_basis="paragraph 1 of Schedule 12A to the Local Government Act 1972",
                     public_title="Staffing matter", presenter=SECRET_PRESENTER,
                     documents=(SECRET_DOC,)),
        ImportedItem("Date of the next meeting"),
    ))
    return meeting.id


def test_the_public_agenda_has_the_items_and_no_exempt_content(store: Store) -> None:
    doc = store.load_document(_agenda_meeting(store), with_entries=False)
    text = render_agenda_markdown(doc)
    assert text.startswith("# Fernmoor Police and Crime Panel\n")
    assert ("## Agenda of the meeting to be held on Thursday 4 March 2027 at 14:00, Committee "
            "Room 2, Fernmoor House") in text
    numbers = item_numbers(doc)
    plan, rural, secret = doc.items[1], doc.items[2], doc.items[3]
    assert f"### {numbers[plan.id]}. Police and Crime Plan refresh" in text
    assert f"#### {numbers[rural.id]}. Rural crime priorities" in text  # one level below
    assert "**Presenter:** Deputy Commissioner" in text
    assert "- Appendix B: survey \\<results>" in text  # typed text escaped
    assert f"### {numbers[secret.id]}. Staffing matter" in text
    assert ("*Part 2: exempt under paragraph 1 of Schedule 12A. The press and public are likely "
            "to be excluded for this item.*") in text
    for secret_text in (SECRET_TITLE, SECRET_PRESENTER, SECRET_DOC, "Quillan", "Nightjar",
                        "CONFIDENTIAL"):
        assert secret_text not in text
    assert text == render_agenda_markdown(doc)  # deterministic


def test_the_full_agenda_says_everything_and_is_marked(store: Store) -> None:
    doc = store.load_document(_agenda_meeting(store), with_entries=False)
    text = render_agenda_markdown(doc, full=True)
    assert text.startswith("**CONFIDENTIAL")
    for secret_text in (SECRET_TITLE, SECRET_PRESENTER, SECRET_DOC):
        assert secret_text in text
    assert "Public title: \u201cStaffing matter\u201d" in text


def test_running_numbers_are_the_minutes_numbers(store: Store) -> None:
    doc = store.load_document(_agenda_meeting(store, Numbering.RUNNING), with_entries=False)
    text = render_agenda_markdown(doc)
    first = item_numbers(doc)[doc.items[0].id]
    assert first.endswith("/27")
    assert f"### {first} Apologies for absence" in text


def test_agenda_command_writes_markdown_refuses_to_overwrite_and_full_is_private(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.db"
    store = Store(str(db))
    try:
        meeting_id = _agenda_meeting(store)
        doc = store.load_document(meeting_id, with_entries=False)
    finally:
        store.close()
    args = ["agenda", str(meeting_id), "--db", str(db)]
    assert main(args) == 0
    assert "Staffing matter" in capsys.readouterr().out
    assert main([*args, "-o", str(tmp_path)]) == 0
    public = tmp_path / default_agenda_name(doc)
    assert public.name == "2027-03-04-fernmoor-pcp-agenda.md"
    assert SECRET_TITLE not in public.read_text(encoding="utf-8")
    assert main([*args, "-o", str(tmp_path)]) == 1
    assert "already exists; add --force" in capsys.readouterr().err
    assert main([*args, "-o", str(public), "--force", "--full"]) == 0
    assert SECRET_TITLE in public.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(public).st_mode) == 0o600


def test_agenda_command_word_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "a.db"
    store = Store(str(db))
    try:
        meeting_id = _agenda_meeting(store)
    finally:
        store.close()
    out = tmp_path / "agenda.docx"
    code = main(["agenda", str(meeting_id), "--format", "docx", "-o", str(out), "--db", str(db)])
    assert code == 0 and "public agenda" in capsys.readouterr().out
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o644
    from docx import Document

    word = Document(io.BytesIO(out.read_bytes()))
    paragraphs = [(p.style.name if p.style is not None else "", p.text) for p in word.paragraphs]
    assert ("Heading 2", "1. Apologies for absence") in paragraphs
    assert any(t.endswith("Rural crime priorities") and s == "Heading 3" for s, t in paragraphs)
    assert word.core_properties.title.startswith("Agenda of the Fernmoor Police and Crime Panel")
    text = "\n".join(t for _, t in paragraphs)
    assert "Police and Crime Plan refresh" in text and "Staffing matter" in text
    assert "The press and public are likely to be excluded for this item." in text
    assert SECRET_TITLE not in text and SECRET_DOC not in text and SECRET_PRESENTER not in text
    # the default name, in the current folder, when no -o is given
    monkeypatch.chdir(tmp_path)
    assert main(["agenda", str(meeting_id), "--format", "docx", "--db", str(db)]) == 0
    assert (tmp_path / "2027-03-04-fernmoor-pcp-agenda.docx").exists()
