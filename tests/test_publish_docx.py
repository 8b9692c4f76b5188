"""Word (.docx) output: read back with python-docx and compared with the Markdown token stream.

The Markdown is the one document model; the .docx must say the same paragraphs (text, in order),
with the same heading levels, list numbers and table cells, and nothing more.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt
from markdown_it.token import Token

from panel_minutes.models.domain import EntryKind, MinutesDocument
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.export import render_markdown
from panel_minutes.models.publish.docx import write_docx
from panel_minutes.models.publish.meta import DocumentMeta, meta_for
from panel_minutes.models.store import Store
from tests.test_escape import HOSTILE
from tests.test_export_markdown import confidential_meeting

MD = MarkdownIt("commonmark").enable("table")
HEADING_STYLES = {"Title": 1, "Heading 1": 2, "Heading 2": 3, "Heading 3": 4}
Block = tuple[object, ...]


# --- the Markdown side: what the document should say ---------------------------------------------


def _inline_text(token: Token) -> str:
    out = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
    return "".join(out)


def markdown_blocks(markdown: str) -> list[Block]:
    """("h", level, text), ("p", marker, text), ("hr",), ("table", header rows, cells)."""
    toks = MD.parse(markdown)
    out: list[Block] = []
    counters: list[list[int | None]] = []  # per open list: the next number (None: bullets)
    first_paragraph: list[bool] = []  # per open list item
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.type == "heading_open":
            out.append(("h", int(t.tag[1]), _inline_text(toks[i + 1])))
            i += 3
            continue
        if t.type == "paragraph_open":
            marker = ""
            if first_paragraph and first_paragraph[-1]:
                first_paragraph[-1] = False
                counter = counters[-1]
                if counter[0] is None:
                    marker = f"bullet{len(counters) - 1}"
                else:
                    marker = f"{counter[0]}."
                    counter[0] += 1
            out.append(("p", marker, _inline_text(toks[i + 1])))
            i += 3
            continue
        if t.type == "ordered_list_open":
            counters.append([int(t.attrs.get("start", 1))])
        elif t.type == "bullet_list_open":
            counters.append([None])
        elif t.type in ("ordered_list_close", "bullet_list_close"):
            counters.pop()
        elif t.type == "list_item_open":
            first_paragraph.append(True)
        elif t.type == "list_item_close":
            first_paragraph.pop()
        elif t.type == "hr":
            out.append(("hr",))
        elif t.type == "table_open":
            rows: list[list[str]] = []
            header_rows = 0
            in_head = False
            while toks[i].type != "table_close":
                if toks[i].type == "thead_open":
                    in_head = True
                elif toks[i].type == "thead_close":
                    in_head = False
                elif toks[i].type == "tr_open":
                    rows.append([])
                    header_rows += in_head
                elif toks[i].type in ("th_open", "td_open"):
                    rows[-1].append(_inline_text(toks[i + 1]))
                i += 1
            out.append(("table", header_rows, rows))
        i += 1
    return out


# --- the Word side: what the document does say ---------------------------------------------------


def open_docx(data: bytes) -> DocxDocument:
    return docx.Document(io.BytesIO(data))


def _list_formats(document: DocxDocument) -> dict[tuple[str, str], tuple[str, int]]:
    """(numId, ilvl) -> (numFmt, start) from numbering.xml, start overrides applied."""
    root = document.part.numbering_part.element
    abstract: dict[str, dict[str, tuple[str, int]]] = {}
    for a in root.iterfind(qn("w:abstractNum")):
        levels = {}
        for lvl in a.iterfind(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            start = lvl.find(qn("w:start"))
            levels[lvl.get(qn("w:ilvl"))] = (
                "" if fmt is None else fmt.get(qn("w:val")),
                1 if start is None else int(start.get(qn("w:val"))),
            )
        abstract[a.get(qn("w:abstractNumId"))] = levels
    out: dict[tuple[str, str], tuple[str, int]] = {}
    for num in root.iterfind(qn("w:num")):
        num_id = num.get(qn("w:numId"))
        levels = dict(abstract[num.find(qn("w:abstractNumId")).get(qn("w:val"))])
        for override in num.iterfind(qn("w:lvlOverride")):
            start = override.find(qn("w:startOverride"))
            level = override.get(qn("w:ilvl"))
            if start is not None:
                levels[level] = (levels[level][0], int(start.get(qn("w:val"))))
        for level, value in levels.items():
            out[(num_id, level)] = value
    return out


def docx_blocks(data: bytes) -> list[Block]:
    """The body as the same kind of blocks: Word numbering worked out as Word counts it."""
    document = open_docx(data)
    formats = _list_formats(document)
    counters: dict[tuple[str, str], int] = {}
    out: list[Block] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            table = Table(child, document._body)
            header_rows = sum(
                1 for row in table.rows if row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
                is not None
            )
            out.append(("table", header_rows, [[c.text for c in row.cells] for row in table.rows]))
            continue
        if child.tag != qn("w:p"):
            continue
        paragraph = Paragraph(child, document._body)
        style = paragraph.style.name if paragraph.style is not None else ""
        if style in HEADING_STYLES:
            out.append(("h", HEADING_STYLES[style], paragraph.text))
            continue
        border = child.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
        if not paragraph.text:
            if border is not None:
                out.append(("hr",))
            continue  # the spacer after a table
        marker = ""
        num_pr = child.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None:
            key = (num_pr.find(qn("w:numId")).get(qn("w:val")),
                   num_pr.find(qn("w:ilvl")).get(qn("w:val")))
            fmt, start = formats[key]
            if fmt == "bullet":
                marker = f"bullet{key[1]}"
            else:
                counters[key] = counters.get(key, start - 1) + 1
                marker = f"{counters[key]}."
        out.append(("p", marker, paragraph.text))
    return out


def all_text(data: bytes) -> str:
    """Every XML part of the package, as text (document, header, footer, properties ...)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(
            z.read(name).decode("utf-8") for name in z.namelist() if name.endswith(".xml")
        )


def visible_text(data: bytes) -> str:
    """The text of every w:t of every part: what a reader of the document can see."""
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", all_text(data)))


def render(store: Store, meeting_id: int, *, full: bool) -> tuple[str, DocumentMeta, bytes]:
    doc = store.load_document(meeting_id)
    markdown = render_markdown(doc, full=full)
    meta = meta_for(doc, full=full)
    return markdown, meta, write_docx(markdown, meta)


# --- the demo meeting ------------------------------------------------------------------------------


@pytest.mark.parametrize("full", [False, True], ids=["public", "full"])
def test_demo_docx_says_what_the_markdown_says(demo: tuple[Store, int], full: bool) -> None:
    store, meeting_id = demo
    markdown, _, data = render(store, meeting_id, full=full)
    expected = markdown_blocks(markdown)
    assert docx_blocks(data) == expected
    # the comparison covers what matters: headings at four levels, numbers, bullets, tables
    kinds = {(b[0], b[1]) for b in expected if b[0] in ("h", "p")}
    assert {("h", 1), ("h", 2), ("h", 3)} <= kinds
    assert ("p", "4.") in kinds and ("p", "bullet0") in kinds
    assert [b[0] for b in expected].count("table") == 2
    tables = [b for b in expected if b[0] == "table"]
    assert all(b[1] == 1 for b in tables)  # one header row each, repeated on every page
    actions = tables[-1][2]
    assert isinstance(actions, list) and actions[0] == ["Ref", "Action", "Owner", "Due", "Status"]


def test_demo_signature_block_and_rule(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    _, _, data = render(store, meeting_id, full=False)
    blocks = docx_blocks(data)
    assert blocks[-2:] == [("hr",), ("p", "", "Chair: ______________________ Date: ______________")]
    assert "---" not in visible_text(data)


def test_bold_resolved_and_italic_vote_are_runs(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    _, _, data = render(store, meeting_id, full=False)
    document = open_docx(data)
    resolved = [p for p in document.paragraphs if p.text.startswith("RESOLVED that the Panel note")]
    assert len(resolved) == 1
    runs = [(r.text, bool(r.bold), bool(r.italic)) for r in resolved[0].runs]
    assert runs[0] == ("RESOLVED", True, False)
    assert runs[1][1:] == (False, False) and runs[1][0].startswith(" that the Panel note")
    assert runs[-1] == ("(Proposed by Cllr Marsh, seconded by Cllr Pritchard; for 6, against 0, "
                        "abstentions 1: carried)", False, True)


def test_exempt_content_is_absent_from_the_public_docx(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    doc: MinutesDocument = store.load_document(meeting_id)
    exempt = [item for item in doc.items if item.exempt]
    assert exempt
    secrets = [item.title for item in exempt]
    secrets += [e.text for item in exempt for e in doc.entries.get(item.id, ()) if e.text]
    secrets += [a.text for a in doc.actions if a.item_id in {item.id for item in exempt}]
    assert len(secrets) >= 3
    _, _, public = render(store, meeting_id, full=False)
    _, _, full = render(store, meeting_id, full=True)
    public_text, full_text = visible_text(public), visible_text(full)
    assert [s for s in secrets if s in full_text] == secrets
    assert [s for s in secrets if s in public_text] == []
    assert [s for s in secrets if s in all_text(public)] == []
    assert "CONFIDENTIAL" not in all_text(public)


def test_every_marked_piece_of_an_exempt_item_stays_out(store: Store) -> None:
    meeting_id, markers = confidential_meeting(store)
    _, _, public = render(store, meeting_id, full=False)
    _, _, full = render(store, meeting_id, full=True)
    assert "SECRET" not in all_text(public)
    # every marker but the earlier meeting's item title (not part of these minutes) is in full
    assert [m for m in markers if m not in visible_text(full)] == ["SECRET00OLDEXEMPTTITLE"]
    assert "Staffing matter" in visible_text(public)


# --- typed text --------------------------------------------------------------------------------------


def test_typed_markup_comes_out_as_plain_text(store: Store) -> None:
    panel = store.create_panel("Typed Vale Police and Crime Panel")
    meeting = store.create_meeting(panel.id, date(2026, 3, 4))
    typed = "<b>*x*</b> | y"
    item = store.add_item(meeting.id, typed)
    store.add_entry(item.id, EntryKind.PARAGRAPH, f"{typed} \\*a\\* # [link](http://e.test) &amp;")
    store.add_action(meeting.id, typed, item_id=item.id, owner_text="Clerk")
    markdown, _, data = render(store, meeting.id, full=False)
    assert docx_blocks(data) == markdown_blocks(markdown)
    document = open_docx(data)
    heading = next(p for p in document.paragraphs if p.style is not None
                   and p.style.name == "Heading 2")
    assert heading.text == f"1. {typed}"
    entry = next(p for p in document.paragraphs if p.text.startswith(typed))
    assert entry.text == f"{typed} \\*a\\* # [link](http://e.test) &amp;"
    assert not any(r.bold or r.italic for r in entry.runs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert typed in cells
    assert "<b>" not in all_text(data).replace("&lt;b&gt;", "")


def test_hostile_text_keeps_the_document_shape(store: Store) -> None:
    """Every hostile string as an item title, an entry and an action: the .docx still has the
    Markdown's blocks, each with the text the Markdown shows, and no formatting of its own."""
    panel = store.create_panel("Hostile Vale Police and Crime Panel")
    meeting = store.create_meeting(panel.id, date(2026, 3, 4))
    storable = [t for t in HOSTILE if not any("\ud800" <= c <= "\udfff" for c in t)]
    for text in storable:
        item = store.add_item(meeting.id, text)
        store.add_entry(item.id, EntryKind.PARAGRAPH, text)
        store.add_action(meeting.id, text, item_id=item.id, owner_text=text)
    markdown, _, data = render(store, meeting.id, full=False)
    assert docx_blocks(data) == markdown_blocks(markdown)
    document = open_docx(data)
    typed = [p for p in document.paragraphs if p.style is not None and p.style.name == "List "
             "Paragraph"]
    assert len(typed) >= len(storable)
    assert not any(r.bold or r.italic for p in typed for r in p.runs)


def test_escaped_characters_and_formatting_runs() -> None:
    markdown = (
        "**RESOLVED** that \\*x\\* and \\_y\\_ cost \\£5 \\| *(vote)*\\\nnext line\n\n"
        "(1) A paragraph with its own number.\n\n"
        "108/26 Apologies for absence.\n"
    )
    data = write_docx(markdown, DocumentMeta(title="T", header="H"))
    document = open_docx(data)
    first = document.paragraphs[0]
    assert first.text == "RESOLVED that *x* and _y_ cost \\£5 | (vote)\nnext line"
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in first.runs[:3]] == [
        ("RESOLVED", True, False), (" that *x* and _y_ cost \\£5 | ", False, False),
        ("(vote)", False, True),
    ]
    assert docx_blocks(data)[1:] == [
        ("p", "", "(1) A paragraph with its own number."),
        ("p", "", "108/26 Apologies for absence."),
    ]


def test_each_ordered_list_restarts_at_its_own_number() -> None:
    markdown = "1. one\n2. two\n\n**RESOLVED** x\n\n5. five\n6. six\n\n- a\n- b\n\n1. again\n"
    data = write_docx(markdown, DocumentMeta(title="T", header="H"))
    assert docx_blocks(data) == [
        ("p", "1.", "one"), ("p", "2.", "two"), ("p", "", "RESOLVED x"),
        ("p", "5.", "five"), ("p", "6.", "six"), ("p", "bullet0", "a"), ("p", "bullet0", "b"),
        ("p", "1.", "again"),
    ]
    # real Word numbering: each list its own w:num, restarted by a startOverride
    numbering = open_docx(data).part.numbering_part.element.xml
    assert numbering.count("<w:startOverride") == 4
    assert '<w:startOverride w:val="5"/>' in numbering
    # the schema's order, which Word enforces: every abstractNum before every num
    kinds = re.findall(r"<w:(abstractNum|num) ", numbering)
    assert kinds == sorted(kinds, key=lambda k: k != "abstractNum")


def test_table_columns_leave_short_words_whole() -> None:
    markdown = (
        "| Ref | Action | Owner |\n|---|---|---|\n"
        f"| A1 | {'Circulate the breakdown of the estates budget to all members ' * 2}| "
        "Mr Tom Ashdown |\n"
    )
    data = write_docx(markdown, DocumentMeta(title="T", header="H"))
    grid = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', all_text(data))]
    ref, action, owner = grid
    assert ref >= 567  # 1 cm: "Ref" and "A1" on one line
    assert owner >= 150 * len("Ashdown") + 260  # no name broken in the middle
    assert action > owner > ref
    assert sum(grid) <= 9026  # within the A4 text width


# --- agenda and other Markdown ---------------------------------------------------------------------

AGENDA = """\
# Wessex Vale Police and Crime Panel

## Agenda for the meeting on Tuesday 17 November 2026 at 10:00, Council Chamber, Shire Hall

**Contact:** Ms Rachel Boyd, Democratic Services Officer

1. Apologies and substitutes
2. Declarations of interest
3. Commissioner's update on rural crime

   *Presenter:* Police and Crime Commissioner

   - Rural crime update (report of the Police and Crime Commissioner)
   - Appendix A: rural crime figures by district
4. Sub-items
   1. Joint estates review
   2. Shared control room
5. **Exempt item:** Complaint handling matter. The public may be excluded under paragraph 1 of
   Schedule 12A to the Local Government Act 1972.

### Supporting documents

| Item | Document | Pages |
|---|---|--:|
| 3 | Rural crime update | 12 |
| 3 | Appendix A \\| figures | 4 |

---

Published 9 November 2026
"""


def test_an_agenda_in_markdown_renders_as_the_same_document() -> None:
    meta = DocumentMeta(title="Agenda of the Wessex Vale Police and Crime Panel, 17 November 2026",
                        header="Wessex Vale Police and Crime Panel", held_on=date(2026, 11, 17))
    data = write_docx(AGENDA, meta)
    blocks = docx_blocks(data)
    assert blocks == markdown_blocks(AGENDA)
    assert ("p", "3.", "Commissioner's update on rural crime") in blocks
    assert ("p", "bullet1", "Appendix A: rural crime figures by district") in blocks
    assert ("p", "2.", "Shared control room") in blocks  # the nested list counts on its own
    assert ("p", "5.", "Exempt item: Complaint handling matter. The public may be excluded under "
            "paragraph 1 of Schedule 12A to the Local Government Act 1972.") in blocks
    assert ("table", 1, [["Item", "Document", "Pages"], ["3", "Rural crime update", "12"],
                         ["3", "Appendix A | figures", "4"]]) in blocks
    document = open_docx(data)
    # the continuation paragraph of item 3 is indented under it, without a number of its own
    presenter = next(p for p in document.paragraphs if p.text.startswith("Presenter:"))
    assert presenter._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is None
    assert presenter.paragraph_format.left_indent is not None
    pages = document.tables[0].rows[1].cells[2].paragraphs[0]
    assert pages.alignment is not None and pages.alignment.name == "RIGHT"


HOUSE_STYLE = """\
# Fenwick Marsh Parish Council

**108/26 Apologies for absence.** Apologies were received from Cllr Mary Dunn.

**115/26 Finance.** The Clerk presented the payments for June:

| Payee | Purpose | Amount |
| --- | --- | --- |
| H Marr | Clerk's salary, May | £612.40 |

RESOLVED: That the payments be approved. (Cllr Joan Whitlock proposed, all were in favour)

#### 4a. Joint estates review

(1) The Chief Executive reported that two shared stations would open in 2027.

Signed ............................ (Chair)   Date ..................
"""


def test_a_house_style_with_run_in_headings_and_literal_numbers() -> None:
    data = write_docx(HOUSE_STYLE, DocumentMeta(title="T", header="Fenwick Marsh Parish Council"))
    blocks = docx_blocks(data)
    assert blocks == markdown_blocks(HOUSE_STYLE)
    assert ("h", 4, "4a. Joint estates review") in blocks
    assert blocks[1] == ("p", "", "108/26 Apologies for absence. Apologies were received from "
                                  "Cllr Mary Dunn.")
    assert open_docx(data).paragraphs[1].runs[0].bold


# --- the document itself ---------------------------------------------------------------------------


def test_title_language_header_and_page_numbers(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    _, meta, public = render(store, meeting_id, full=False)
    document = open_docx(public)
    props = document.core_properties
    assert props.title == meta.title == (
        "Minutes of the Wessex Vale Police and Crime Panel, 17 November 2026")
    assert props.language == "en-GB" and props.author == "panel-minutes"
    assert props.created == datetime(2026, 11, 17, tzinfo=UTC) == props.modified
    styles = document.styles.element.xml
    assert re.search(r'<w:rPrDefault>\s*<w:rPr>.*?<w:lang w:val="en-GB"', styles, re.S)
    assert 'w:val="en-US"' not in styles
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Wessex Vale Police and Crime Panel"
    assert "CONFIDENTIAL" not in all_text(public)
    footer = section.footer._element.xml
    assert 'w:instr=" PAGE ' in footer and 'w:instr=" NUMPAGES ' in footer
    # "Page N of M": the words around the two fields, in that order
    assert re.search(r">Page </w:t>.*w:instr=\" PAGE .*> of </w:t>.*w:instr=\" NUMPAGES ", footer,
                     re.S)
    assert section.page_width is not None and round(section.page_width.mm) == 210  # A4

    _, full_meta, full = render(store, meeting_id, full=True)
    header = [p.text for p in open_docx(full).sections[0].header.paragraphs]
    assert header == ["Wessex Vale Police and Crime Panel", "CONFIDENTIAL: not for publication"]
    assert open_docx(full).core_properties.title == full_meta.title
    assert "CONFIDENTIAL" in full_meta.title


def test_the_same_minutes_give_the_same_document(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    _, _, first = render(store, meeting_id, full=True)
    _, _, again = render(store, meeting_id, full=True)
    assert first == again
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert package.testzip() is None
        # no preview picture of some other document (python-docx's own template has one)
        assert not [n for n in package.namelist() if "thumbnail" in n]


# --- the panel's own template ----------------------------------------------------------------------


def make_template(path: Path, *, page_field: bool = False) -> Path:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    heading = document.styles["Heading 2"]
    heading.font.name = "Georgia"
    heading.font.color.rgb = RGBColor(0x8B, 0x00, 0x00)
    note = document.styles.add_style("Council Note", WD_STYLE_TYPE.PARAGRAPH)
    note.font.size = Pt(9)
    section = document.sections[0]
    section.header.paragraphs[0].text = "Marker Borough Council: democratic services"
    section.footer.paragraphs[0].text = "marker-footer www.example.test"
    if page_field:
        section.footer._element.append(parse_xml(
            '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>'
        ))
    document.add_paragraph("Template sample body text, to be replaced")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "template table"
    document.save(str(path))
    return path


def test_the_panels_template_gives_styles_header_and_footer(tmp_path: Path) -> None:
    template = make_template(tmp_path / "council.docx")
    meta = DocumentMeta(title="Agenda", header="Wessex Vale Police and Crime Panel",
                        confidential=True)
    data = write_docx(AGENDA, meta, template)
    document = open_docx(data)
    assert docx_blocks(data) == markdown_blocks(AGENDA)
    assert "Template sample body text" not in all_text(data)
    assert "template table" not in all_text(data)
    # the template's styles are the document's styles
    assert document.styles["Heading 2"].font.name == "Georgia"
    assert str(document.styles["Heading 2"].font.color.rgb) == "8B0000"
    assert "Council Note" in [s.name for s in document.styles]
    # its header and footer are kept; the panel name, CONFIDENTIAL and page numbers are added
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert header == ["Marker Borough Council: democratic services",
                      "Wessex Vale Police and Crime Panel", "CONFIDENTIAL: not for publication"]
    footer = document.sections[0].footer
    assert footer.paragraphs[0].text == "marker-footer www.example.test"
    assert 'w:instr=" PAGE ' in footer._element.xml
    assert document.core_properties.language == "en-GB"
    styles = document.styles.element.xml  # the template said en-US: the minutes say en-GB
    assert 'w:lang w:val="en-GB"' in styles and 'w:val="en-US"' not in styles


def test_a_template_missing_styles_gets_them_added_as_needed(tmp_path: Path) -> None:
    template = make_template(tmp_path / "council.docx")
    document = docx.Document(str(template))
    for name in ("Table Grid", "Heading 2", "Heading 5"):
        element = document.styles[name].element
        element.getparent().remove(element)
    document.save(str(template))
    data = write_docx(AGENDA, DocumentMeta(title="A", header="H"), template)
    assert docx_blocks(data) == markdown_blocks(AGENDA)  # "### Supporting documents" included
    result = open_docx(data)
    heading = result.styles["Heading 2"].element.xml  # added: a real heading, level 2
    assert '<w:outlineLvl w:val="1"/>' in heading
    assert "Heading 5" not in [s.name for s in result.styles]  # not used, not added
    table = result.tables[0]._tbl.xml  # no grid style: borders of its own
    assert "<w:tblStyle" not in table
    assert re.search(r'<w:tblBorders>.*<w:insideH w:val="single"', table, re.S)
    assert "<w:tblHeader/>" in table


def test_a_template_with_a_first_page_header_gets_the_panel_name_on_both(tmp_path: Path) -> None:
    template = make_template(tmp_path / "council.docx")
    document = docx.Document(str(template))
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Crest and address"
    document.save(str(template))
    data = write_docx(AGENDA, DocumentMeta(title="A", header="Wessex Vale Panel"), template)
    section = open_docx(data).sections[0]
    assert [p.text for p in section.first_page_header.paragraphs] == [
        "Crest and address", "Wessex Vale Panel"]
    assert [p.text for p in section.header.paragraphs][-1] == "Wessex Vale Panel"
    assert 'w:instr=" PAGE ' in section.first_page_footer._element.xml


def test_a_template_with_its_own_page_numbers_gets_no_second_one(tmp_path: Path) -> None:
    template = make_template(tmp_path / "council.docx", page_field=True)
    data = write_docx(AGENDA, DocumentMeta(title="A", header="Marker Borough Council"), template)
    footer = open_docx(data).sections[0].footer._element.xml
    assert footer.count("PAGE") == 1 and "NUMPAGES" not in footer
    header = [p.text for p in open_docx(data).sections[0].header.paragraphs]
    assert header == ["Marker Borough Council: democratic services"]  # already names the panel


def test_a_dotx_template_is_accepted(tmp_path: Path) -> None:
    source = make_template(tmp_path / "council.docx")
    dotx = tmp_path / "council.dotx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dotx, "w") as zout:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(b"document.main+xml", b"template.main+xml")
            zout.writestr(info, blob)
    data = write_docx(AGENDA, DocumentMeta(title="A", header="H"), dotx)
    assert open_docx(data).styles["Heading 2"].font.name == "Georgia"


@pytest.mark.parametrize("content", [b"", b"not a zip at all", b"PK\x03\x04broken"],
                         ids=["empty", "text", "broken-zip"])
def test_a_bad_template_is_one_clear_error(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(content)
    with pytest.raises(ValidationError, match=r"is not a Word document \(\.docx or \.dotx\)"):
        write_docx(AGENDA, DocumentMeta(title="A", header="H"), bad)
    with pytest.raises(ValidationError, match="Cannot read the Word template"):
        write_docx(AGENDA, DocumentMeta(title="A", header="H"), tmp_path / "missing.docx")


def test_a_zip_that_is_not_a_word_document_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "other.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("hello.txt", "hello")
    with pytest.raises(ValidationError, match="is not a Word document"):
        write_docx(AGENDA, DocumentMeta(title="A", header="H"), bad)
