"""Agendas in: five layouts written here (Word typed numbers with a Part 2 section, Word's own list
numbering, Markdown headings, a Markdown nested list, plain text with "Item 4a" and presenters),
bad files refused in one line, and the store writing an agenda whole or not at all."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from panel_minutes.models.agenda_import import (
    MAX_AGENDA_BYTES,
    ImportedItem,
    parse_agenda,
    read_agenda,
)
from panel_minutes.models.errors import AgendaImportError, ValidationError
from panel_minutes.models.store import Store
from panel_minutes.tui.cli import main


def _docx_bytes(document: object) -> bytes:
    out = io.BytesIO()
    document.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


def _typed_numbers_docx() -> bytes:
    """A council's Word agenda: a title, typed "1." numbers, indented sub-items, then PART 2."""
    doc = Document()
    doc.add_heading("Fernmoor Police and Crime Panel", level=1)
    doc.add_paragraph("Agenda for the meeting to be held on Thursday 4 March 2027 at 10.00 am")
    doc.add_heading("Part 1", level=2)
    doc.add_paragraph("1. Apologies for absence")
    doc.add_paragraph("2. Declarations of interest")
    doc.add_paragraph("3. Police and Crime Plan refresh")
    doc.add_paragraph("Presenter: the Deputy Commissioner")
    sub = doc.add_paragraph("3.1 Rural crime priorities")
    sub.paragraph_format.left_indent = Pt(36)
    doc.add_paragraph("Supporting documents: Plan draft, Appendix B survey")
    doc.add_heading("Part 2 - items likely to be considered in private (Schedule 12A paragraph 3)",
                    level=2)
    doc.add_paragraph("4. Estates disposal at Larkhill depot")
    doc.add_paragraph("Public title: Estates update")
    return _docx_bytes(doc)


def _numbered_list(paragraph: object, level: int) -> None:
    """Word's own numbering on a paragraph (``w:numPr``), as a person's Word writes it."""
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    numpr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), "1")
    numpr.append(ilvl)
    numpr.append(num)
    ppr.append(numpr)


def _word_numbering_docx() -> bytes:
    """No typed numbers at all: Word numbers the items itself (numPr), sub-items at level 2."""
    doc = Document()
    doc.add_paragraph("Lowbridge Police and Crime Panel: agenda")
    for text, level in (
        ("Minutes of the previous meeting", 0),
        ("Commissioner's annual report (report of the Commissioner)", 0),
        ("Victims' services", 1),
        ("Custody visiting", 1),
        ("Staff misconduct case - not for publication", 0),
        ("Forward work programme", 0),
    ):
        _numbered_list(doc.add_paragraph(text), level)
    doc.add_paragraph("Lead officer: the Panel's Scrutiny Officer")
    # A list style's own numbering (style numPr) counts as well.
    doc.add_paragraph("Any other business", style="List Number")
    return _docx_bytes(doc)


MARKDOWN_HEADINGS = """\
# Harrowdale Police and Crime Panel

Agenda, 9 April 2027, Council Chamber

## 1. Welcome and apologies

## 2. Precept monitoring

Lead: Chief Finance Officer

### 2a. Capital programme

### 2b. Reserves

**Papers:** Budget book; Capital *schedule*

## 3. Exempt: Chief Constable appraisal (Schedule 12A paragraph 1)

## 4. Date of next meeting
"""

MARKDOWN_NESTED = """\
Agenda of the Orchard Vale panel

- Apologies and substitutes
- Public questions
- Commissioner's update
  - Neighbourhood policing
  - Road safety
    Presenter: Inspector Dale Quinn
- Part 2 item: contract award [exempt]
  - Appendix A: tender scores
"""

TEXT_ITEMS = """\
KESTREL BAY POLICE AND CRIME PANEL
Meeting on 12 May 2027

Item 1   Apologies
Item 2   Minutes of the last meeting
Item 3   Complaints handling
         Presenter: Monitoring Officer
Item 4   Performance report
Item 4a  Response times
         (Report of the Head of Performance)
Item 4b  Call handling
Item 5   Forward plan

PART II - NOT FOR PUBLICATION
Item 6   Legal advice on the judicial review
"""


def _titles(items: tuple[ImportedItem, ...]) -> list[tuple[str, int]]:
    return [(i.title, i.level) for i in items]


def test_word_agenda_with_typed_numbers_and_a_part_2_section() -> None:
    agenda = parse_agenda(_typed_numbers_docx(), "fernmoor.docx")
    assert agenda.kind == "Word"
    assert _titles(agenda.items) == [
        ("Apologies for absence", 0), ("Declarations of interest", 0),
        ("Police and Crime Plan refresh", 0), ("Rural crime priorities", 1),
        ("Estates disposal at Larkhill depot", 0),
    ]
    plan, rural, estates = agenda.items[2], agenda.items[3], agenda.items[4]
    assert plan.presenter == "the Deputy Commissioner"
    assert rural.documents == ("Plan draft", "Appendix B survey")
    assert not any(i.exempt for i in agenda.items[:4])
    assert estates.exempt
    assert estates.exempt_basis == (
        "paragraph 3 of Schedule 12A to the Local Government Act 1972"
    )
    assert estates.public_title == "Estates update"


def test_word_agenda_numbered_by_word_itself() -> None:
    agenda = parse_agenda(_word_numbering_docx(), "lowbridge.docx")
    assert _titles(agenda.items) == [
        ("Minutes of the previous meeting", 0), ("Commissioner's annual report", 0),
        ("Victims' services", 1), ("Custody visiting", 1),
        ("Staff misconduct case", 0), ("Forward work programme", 0),
        ("Any other business", 0),
    ]
    assert agenda.items[1].presenter == "Commissioner"
    misconduct = agenda.items[4]
    assert misconduct.exempt
    assert misconduct.exempt_basis == ""  # none written: the store gives the usual paragraph 3
    assert agenda.items[5].presenter == "the Panel's Scrutiny Officer"


def test_word_list_number_2_style_is_a_sub_item() -> None:
    """Walkthrough: a sub-item given Word's "List Number 2" style (from the style gallery, not
    Tab) was imported as an item of its own, because that style's numbering has no level."""
    document = Document()
    document.add_paragraph("Planning", style="List Number")
    document.add_paragraph("Application 26/00412/FUL, 4 Orchard Close", style="List Number 2")
    document.add_paragraph("Application 26/00977/HOU, The Old Forge", style="List Bullet 2")
    document.add_paragraph("Finance", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    agenda = parse_agenda(buffer.getvalue(), "agenda.docx")
    assert _titles(agenda.items) == [
        ("Planning", 0), ("Application 26/00412/FUL, 4 Orchard Close", 1),
        ("Application 26/00977/HOU, The Old Forge", 1), ("Finance", 0),
    ]


def test_markdown_agenda_with_headings() -> None:
    agenda = parse_agenda(MARKDOWN_HEADINGS.encode(), "harrowdale.md")
    assert agenda.kind == "Markdown"
    assert _titles(agenda.items) == [
        ("Welcome and apologies", 0), ("Precept monitoring", 0), ("Capital programme", 1),
        ("Reserves", 1), ("Exempt: Chief Constable appraisal", 0), ("Date of next meeting", 0),
    ]
    assert agenda.items[1].presenter == "Chief Finance Officer"
    assert agenda.items[3].documents == ("Budget book", "Capital schedule")
    appraisal = agenda.items[4]
    assert appraisal.exempt
    assert appraisal.exempt_basis.startswith("paragraph 1 of Schedule 12A")
    assert [i.number for i in agenda.items] == ["1", "2", "2a", "2b", "3", "4"]


def test_markdown_agenda_with_a_nested_list() -> None:
    agenda = parse_agenda(MARKDOWN_NESTED.encode(), "orchard.md")
    assert _titles(agenda.items) == [
        ("Apologies and substitutes", 0), ("Public questions", 0), ("Commissioner's update", 0),
        ("Neighbourhood policing", 1), ("Road safety", 1),
        ("Part 2 item: contract award", 0),
    ]
    assert agenda.items[4].presenter == "Inspector Dale Quinn"
    contract = agenda.items[5]
    assert contract.exempt
    assert contract.documents == ("Appendix A: tender scores",)


def test_plain_text_agenda_with_item_4a_and_presenters() -> None:
    agenda = parse_agenda(TEXT_ITEMS.encode("cp1252"), "kestrel.txt")
    assert agenda.kind == "text"
    assert _titles(agenda.items) == [
        ("Apologies", 0), ("Minutes of the last meeting", 0), ("Complaints handling", 0),
        ("Performance report", 0), ("Response times", 1), ("Call handling", 1),
        ("Forward plan", 0), ("Legal advice on the judicial review", 0),
    ]
    assert agenda.items[2].presenter == "Monitoring Officer"
    assert agenda.items[4].presenter == "Head of Performance"
    assert [i.exempt for i in agenda.items] == [False] * 7 + [True]
    assert [i.number for i in agenda.items][3:6] == ["4", "4a", "4b"]


def test_a_four_digit_year_is_part_of_the_title() -> None:
    agenda = parse_agenda(b"1. Apologies\n2. 2027 budget consultation\n", "a.txt")
    assert [i.title for i in agenda.items] == ["Apologies", "2027 budget consultation"]


# --- bad files: one clear message each ---------------------------------------------------------


def _refused(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(AgendaImportError) as err:
        read_agenda(path)
    message = str(err.value)
    assert "\n" not in message
    assert name in message and "Nothing was imported" in message
    return message


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    assert "empty" in _refused(tmp_path, "agenda.txt", b"")
    assert "empty" in _refused(tmp_path, "blank.md", b"\n  \n\t\n")


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    data = bytes(range(256)) * 40
    assert "binary" in _refused(tmp_path, "agenda.txt", data)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    message = _refused(tmp_path, "agenda.md", b"1. Item\n" * (MAX_AGENDA_BYTES // 8 + 10))
    assert "5 MB" in message


def test_a_text_file_renamed_docx_is_refused(tmp_path: Path) -> None:
    message = _refused(tmp_path, "agenda.docx", b"1. Apologies\n2. Minutes\n")
    assert "not a Word document" in message


def test_a_zip_that_is_not_a_word_document_is_refused(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    message = _refused(tmp_path, "agenda.docx", out.getvalue())
    assert "word/document.xml" in message


def test_an_old_word_doc_is_refused(tmp_path: Path) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    assert "97-2003" in _refused(tmp_path, "agenda.doc", data)


def test_a_word_document_without_items_is_refused(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Dear colleagues, the agenda will follow next week.")
    message = _refused(tmp_path, "letter.docx", _docx_bytes(doc))
    assert "no numbered or bulleted items" in message


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(AgendaImportError, match="There is no file"):
        read_agenda(tmp_path / "nowhere.docx")


# --- the store: all or nothing ---------------------------------------------------------------------


def _meeting(store: Store) -> int:
    from datetime import date

    panel = store.create_panel("Fernmoor Police and Crime Panel",
                               standing_agenda=("Apologies", "Declarations of interest"))
    return store.create_meeting(panel.id, date(2027, 3, 4)).id


def test_an_import_replaces_the_empty_standing_agenda(store: Store) -> None:
    meeting_id = _meeting(store)
    agenda = parse_agenda(_typed_numbers_docx(), "fernmoor.docx")
    result = store.import_agenda(meeting_id, agenda.items)
    assert result.replaced == 2
    items = store.list_items(meeting_id)
    assert [(i.title, i.level) for i in items] == _titles(agenda.items)
    estates = items[-1]
    assert estates.exempt and estates.public_title == "Estates update"
    assert items[3].documents == ("Plan draft", "Appendix B survey")


def test_an_import_is_added_after_items_already_minuted(store: Store) -> None:
    from panel_minutes.models.domain import EntryKind

    meeting_id = _meeting(store)
    first = store.list_items(meeting_id)[0]
    store.add_entry(first.id, EntryKind.PARAGRAPH, "Apologies were noted.")
    store.import_agenda(meeting_id, (ImportedItem("Budget"),))
    assert [i.title for i in store.list_items(meeting_id)] == [
        "Apologies", "Declarations of interest", "Budget",
    ]


def test_a_refused_item_half_way_leaves_nothing_imported(store: Store) -> None:
    meeting_id = _meeting(store)
    before = store.list_items(meeting_id)
    items = [ImportedItem(f"Item number {n}") for n in range(6)]
    items.insert(3, ImportedItem("x" * 501))  # the store refuses it after three were written
    with pytest.raises(ValidationError, match="Item 4 of the agenda"):
        store.import_agenda(meeting_id, items)
    assert store.list_items(meeting_id) == before


def test_an_unstorable_character_half_way_leaves_nothing_imported(store: Store) -> None:
    meeting_id = _meeting(store)
    before = store.list_items(meeting_id)
    items = [ImportedItem("Apologies"), ImportedItem("Bad \ud800 title"), ImportedItem("Last")]
    with pytest.raises(ValidationError):
        store.import_agenda(meeting_id, items)
    assert store.list_items(meeting_id) == before


# --- the command line ------------------------------------------------------------------------------


def test_import_agenda_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.db"
    store = Store(str(db))
    try:
        meeting_id = _meeting(store)
    finally:
        store.close()
    path = tmp_path / "kestrel.txt"
    path.write_text(TEXT_ITEMS, encoding="utf-8")
    assert main(["import-agenda", str(meeting_id), str(path), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Imported 8 agenda items (2 sub-items, 1 exempt (Part 2))" in out
    assert "in place of the 2 empty items" in out
    store = Store(str(db))
    try:
        assert len(store.list_items(meeting_id)) == 8
    finally:
        store.close()
    bad = tmp_path / "agenda.docx"
    bad.write_text("not really Word")
    assert main(["import-agenda", str(meeting_id), str(bad), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "agenda.docx" in err and "not a Word document" in err


def test_a_word_agenda_laid_out_as_a_table() -> None:
    """Many councils lay the agenda out as a table: number, title, presenter, papers."""
    doc = Document()
    doc.add_paragraph("Agenda")
    table = doc.add_table(rows=0, cols=3)
    for number, title, extra in (
        ("1.", "Apologies", ""),
        ("2.", "Budget monitoring", "Presenter: Chief Finance Officer"),
        ("3.", "Vetting review", "Not for publication: Schedule 12A paragraph 7"),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = number, title, extra
    agenda = parse_agenda(_docx_bytes(doc), "table.docx")
    assert _titles(agenda.items) == [("Apologies", 0), ("Budget monitoring", 0),
                                     ("Vetting review", 0)]
    assert agenda.items[1].presenter == "Chief Finance Officer"
    assert agenda.items[2].exempt
    assert agenda.items[2].exempt_basis.startswith("paragraph 7 of Schedule 12A")


def test_words_that_only_look_exempt_do_not_make_an_item_exempt() -> None:
    text = (b"1. Confidential reporting line for staff\n2. Exemptions from the fees policy\n"
            b"3. Vehicle fleet report on the replacement\n   programme for 2027\n")
    agenda = parse_agenda(text, "a.txt")
    assert [(i.title, i.exempt) for i in agenda.items] == [
        ("Confidential reporting line for staff", False),
        ("Exemptions from the fees policy", False),
        ("Vehicle fleet report on the replacement programme for 2027", False),
    ]


def test_a_word_file_that_unpacks_to_far_more_than_an_agenda_is_refused(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/padding.bin", b"\0" * (51 * 1024 * 1024))  # ~50 KB zipped
    assert len(out.getvalue()) < MAX_AGENDA_BYTES
    assert "unpacks to more than" in _refused(tmp_path, "bomb.docx", out.getvalue())
