"""Word (.docx) from the Markdown minutes: a converter from markdown-it-py's token stream.

The Markdown that ``panel_minutes.models.export.markdown`` renders (in the panel's house style, public or full)
is the one document model; this module only changes its form, never its words:

- ``#``/``##``/``###``/``####`` headings get the real styles Title / Heading 1 / 2 / 3, so Word's
  navigation pane, a table of contents and a screen reader see the structure;
- ordered lists become real Word numbering (``numbering.xml``: one ``abstractNum`` for numbers and
  one for bullets, and a new ``num`` per list with a ``startOverride``, so every list restarts at
  the number its Markdown starts at). Paragraphs that carry their own number as text ("(1) ...",
  "108/26 ...") keep it, as text;
- bold and italic runs as in the Markdown; escaped characters come out as the plain character;
- GFM tables become Word tables with a bordered style and a header row that repeats on every page
  (``w:tblHeader``);
- a ``---`` rule becomes an empty paragraph with a bottom border (before the signature block);
- the header carries the panel's name (and CONFIDENTIAL for full minutes), the footer
  "Page N of M" (PAGE and NUMPAGES fields).

The body is written as one WordprocessingML string and parsed once: python-docx's
``add_paragraph`` costs ~80 us a paragraph, too slow for a 3,600-entry meeting. The panel's own
template (``.docx`` or ``.dotx``) gives styles, header, footer and logo; its body is cleared.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape as _xml_escape

from markdown_it.token import Token

from panel_minutes.models.errors import ValidationError
from panel_minutes.models.publish.meta import DocumentMeta
from panel_minutes.models.publish.tokens import parse_tokens

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
AUTHOR = "panel-minutes"
FONT = "Arial"
# A4 with 2.54 cm margins, in twentieths of a point: the built-in document is for UK councils.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1440
_CHAR, _CELL_PADDING = 150, 260  # an Arial 11 pt character, a cell's side margins (twips)
_ONE_LINE = 18  # cells this short are kept on one line when the columns allow
INDENT = 567  # one level of list indentation (1 cm); the hanging indent holds the number
# Characters XML 1.0 cannot hold (escape.clean already replaces them in typed text; any other
# Markdown handed to this writer gets the same visible replacement mark instead of a crash).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DOS_DATE = struct.pack("<HH", 0, (1 << 5) | 1)  # 00:00:00, 1980-01-01 (MS-DOS time, date)


def write_docx(markdown: str, meta: DocumentMeta, template: Path | None = None) -> bytes:
    """The Word document of ``markdown`` (the panel's house-style rendering), as bytes.

    ``template``: the panel's own ``.docx``/``.dotx`` (styles, header, footer, logo); its body is
    replaced. Without one, a clean built-in A4 document (Arial 11 pt). Raises ValidationError
    (one clear line) when the template cannot be read as a Word document.
    """
    document = _open_template(template) if template is not None else _built_in()
    _set_language(document, meta.lang)
    writer = _BodyWriter(document)
    body_xml = writer.convert(parse_tokens(markdown))
    _replace_body(document, body_xml)
    _header_and_footer(document, meta, built_in=template is None)
    _core_properties(document, meta)
    _drop_thumbnail(document)
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip_dates(out.getvalue())


# --- the document: template or built-in ----------------------------------------------------------


def _open_template(path: Path) -> DocxDocument:
    import docx

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read the Word template {path}: {exc.strerror}.") from exc
    try:
        return docx.Document(io.BytesIO(_as_document(data)))
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, SyntaxError) as exc:
        raise ValidationError(
            f"The Word template {path} is not a Word document (.docx or .dotx)."
        ) from exc


def _as_document(data: bytes) -> bytes:
    """A ``.dotx`` template with its main part declared as a document, so python-docx opens it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zin:
            types = zin.read("[Content_Types].xml")
            if _TEMPLATE_TYPE not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
                for info in zin.infolist():
                    blob = zin.read(info.filename)
                    if info.filename == "[Content_Types].xml":
                        blob = blob.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
                    zout.writestr(info, blob)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ValueError("not a zip package") from exc


def _built_in() -> DocxDocument:
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = _twips(PAGE_WIDTH), _twips(PAGE_HEIGHT)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, _twips(MARGIN))
    _tidy_styles(document)
    return document


def _twips(value: int) -> Any:
    from docx.shared import Twips

    return Twips(value)


# The built-in styles: paragraph properties, then run emphasis and size (half-points); each in
# the schema's element order (pPr: keepNext, keepLines, spacing, jc, outlineLvl; rPr: rFonts,
# b, i, color, sz), which Word insists on.
_BOLD, _ITALIC = "<w:b/><w:bCs/>", "<w:i/><w:iCs/>"
_STYLE_PROPS: dict[str, tuple[str, str, int]] = {
    "Normal": ('<w:spacing w:before="0" w:after="120" w:line="264" w:lineRule="auto"/>', "", 22),
    "Title": ('<w:keepNext/><w:spacing w:before="0" w:after="240"/>', _BOLD, 36),
    "Heading 1": ('<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/>'
                  '<w:outlineLvl w:val="0"/>', _BOLD, 28),
    "Heading 2": ('<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/>'
                  '<w:outlineLvl w:val="1"/>', _BOLD, 24),
    "Heading 3": ('<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/>'
                  '<w:outlineLvl w:val="2"/>', _BOLD, 22),
    "Heading 4": ('<w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="80"/>'
                  '<w:outlineLvl w:val="3"/>', _BOLD + _ITALIC, 22),
    "Header": ('<w:spacing w:before="0" w:after="0"/>', "", 18),
    "Footer": ('<w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/>', "", 18),
}
_FONTS = f'w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"'


def _tidy_styles(document: DocxDocument) -> None:
    """Arial throughout, black headings without theme colours or borders, A4-friendly spacing."""
    from docx.oxml import parse_xml

    styles = document.styles
    defaults = styles.element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
    if defaults is not None:
        old = defaults.find(f"{_W}rFonts")
        if old is not None:  # the theme's fonts (Calibri, Cambria) would win over the styles'
            defaults.replace(old, parse_xml(f'<w:rFonts xmlns:w="{W_NS}" {_FONTS}/>'))
    for name, (ppr, emphasis, size) in _STYLE_PROPS.items():
        element = styles[name].element
        for tag in ("pPr", "rPr"):
            for child in element.findall(f"{_W}{tag}"):
                element.remove(child)
        element.append(parse_xml(f'<w:pPr xmlns:w="{W_NS}">{ppr}</w:pPr>'))
        element.append(parse_xml(
            f'<w:rPr xmlns:w="{W_NS}"><w:rFonts {_FONTS}/>{emphasis}<w:color w:val="000000"/>'
            f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        ))


def _set_language(document: DocxDocument, lang: str) -> None:
    """``w:lang`` on the default run properties and on every style that names a language."""
    from docx.oxml import OxmlElement

    root = document.styles.element
    defaults = root.find(f"{_W}docDefaults")
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        root.insert(0, defaults)
    rpr_default = defaults.find(f"{_W}rPrDefault")
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(f"{_W}rPr")
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    targets = [rpr, *root.iterfind(f"{_W}style/{_W}rPr")]
    normal = document.styles["Normal"].element.get_or_add_rPr()
    if normal not in targets:
        targets.append(normal)
    for props in targets:
        element = props.find(f"{_W}lang")
        if element is None:
            if props is not rpr and props is not normal:
                continue  # a style without its own language inherits the default's
            element = OxmlElement("w:lang")
            props.append(element)  # w:lang is near the end of rPr's sequence
        element.set(f"{_W}val", lang)
        element.set(f"{_W}eastAsia", lang)
    settings = document.settings.element.find(f"{_W}themeFontLang")
    if settings is not None:
        settings.set(f"{_W}val", lang)


def _core_properties(document: DocxDocument, meta: DocumentMeta) -> None:
    props = document.core_properties
    props.title = meta.title
    props.language = meta.lang
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.subject = meta.header
    props.keywords = "CONFIDENTIAL" if meta.confidential else ""
    props.comments = ""
    props.category = ""
    props.revision = 1
    # Fixed dates (the meeting's, else a constant) so the same minutes make the same document.
    day = meta.held_on
    stamp = datetime.combine(day, time(0, 0), tzinfo=UTC) if day else datetime(2000, 1, 1, tzinfo=UTC)
    props.created = props.modified = props.last_printed = stamp.replace(tzinfo=None)


def _drop_thumbnail(document: DocxDocument) -> None:
    """No preview picture: the template's (or python-docx's) would show another document."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rels = document.part.package.rels
    for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[r_id]


def _fixed_zip_dates(data: bytes) -> bytes:
    """The package with every member dated 1980-01-01, so equal documents are equal bytes.

    The date fields of each local header and central directory record are overwritten in place
    (recompressing the package would cost as much again as writing it).
    """
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = package.infolist()
        directory = package.start_dir
    for info in members:
        if out[info.header_offset:info.header_offset + 4] != b"PK\x03\x04":
            return data  # not the layout python-docx writes: leave it alone
        out[info.header_offset + 10:info.header_offset + 14] = _DOS_DATE
    pos = directory
    for _ in members:
        if out[pos:pos + 4] != b"PK\x01\x02":
            return data
        out[pos + 12:pos + 16] = _DOS_DATE
        name, extra, comment = struct.unpack_from("<HHH", out, pos + 28)
        pos += 46 + name + extra + comment
    return bytes(out)


# --- header and footer ---------------------------------------------------------------------------


def _header_and_footer(document: DocxDocument, meta: DocumentMeta, *, built_in: bool) -> None:
    """The panel's name (and CONFIDENTIAL) in the header, "Page N of M" in the footer.

    A template's own header and footer are kept; what they lack of these is added to them.
    """
    from docx.oxml import parse_xml

    header_style = _style_id(document, "Header")
    footer_style = _style_id(document, "Footer")
    for section in document.sections:
        parts = [(section.header, section.footer)]
        if section.different_first_page_header_footer:
            parts.append((section.first_page_header, section.first_page_footer))
        for header, footer in parts:
            h = header._element
            if built_in or header.is_linked_to_previous:
                header.is_linked_to_previous = False
                h = header._element
                for child in list(h):
                    h.remove(child)
            text = "".join(t.text or "" for t in h.iter(f"{_W}t"))
            if meta.header not in text:
                h.append(parse_xml(_paragraph_xml(
                    header_style, _run(meta.header), jc="left", standalone=True)))
            if meta.confidential and "CONFIDENTIAL" not in text:
                h.append(parse_xml(_paragraph_xml(
                    header_style, _run("CONFIDENTIAL: not for publication", bold=True), jc="left",
                    standalone=True,
                )))
            f = footer._element
            if built_in or footer.is_linked_to_previous:
                footer.is_linked_to_previous = False
                f = footer._element
                for child in list(f):
                    f.remove(child)
            if not _has_page_field(f):
                f.append(parse_xml(_paragraph_xml(
                    footer_style, _page_n_of_m(), jc="center", standalone=True)))


def _has_page_field(element: Any) -> bool:
    instructions = [e.get(f"{_W}instr", "") for e in element.iter(f"{_W}fldSimple")]
    instructions += [t.text or "" for t in element.iter(f"{_W}instrText")]
    return any(re.search(r"\bPAGE\b", i) for i in instructions)


def _page_n_of_m() -> str:
    def field(code: str) -> str:
        return f'<w:fldSimple w:instr=" {code} \\* MERGEFORMAT ">{_run("1")}</w:fldSimple>'

    return _run("Page ") + field("PAGE") + _run(" of ") + field("NUMPAGES")


# --- WordprocessingML pieces ----------------------------------------------------------------------


def _xml_text(text: str) -> str:
    return _xml_escape(_NOT_XML.sub("\ufffd", text))


def _run(text: str, *, bold: bool = False, italic: bool = False, code: bool = False,
         strike: bool = False) -> str:
    props = ""
    if bold:
        props += "<w:b/><w:bCs/>"
    if italic:
        props += "<w:i/><w:iCs/>"
    if strike:
        props += "<w:strike/>"
    if code:
        props = '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>' + props
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    keep = text[:1].isspace() or text[-1:].isspace() or "  " in text
    space = ' xml:space="preserve"' if keep else ""
    return f"<w:r>{rpr}<w:t{space}>{_xml_text(text)}</w:t></w:r>"


def _paragraph_xml(style: str | None, runs: str, *, jc: str | None = None, extra: str = "",
                   standalone: bool = False) -> str:
    """One ``w:p``; ``standalone`` declares the namespace (a paragraph parsed on its own)."""
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr += extra
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    ns = f' xmlns:w="{W_NS}"' if standalone else ""
    return f"<w:p{ns}><w:pPr>{ppr}</w:pPr>{runs}</w:p>" if ppr else f"<w:p{ns}>{runs}</w:p>"


def _style_id(document: DocxDocument, name: str) -> str | None:
    """The id of the paragraph style ``name`` in this document (a template's ids may differ)."""
    from docx.enum.style import WD_STYLE_TYPE

    try:
        style = document.styles[name]
    except KeyError:
        return None
    return str(style.style_id) if style.type == WD_STYLE_TYPE.PARAGRAPH else None


def _heading_style(document: DocxDocument, name: str, level: int | None) -> str:
    """The heading style ``name``, added (with its outline level, if any) when a template lacks
    it."""
    found = _style_id(document, name)
    if found is not None:
        return found
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    outline = "" if level is None else f'<w:outlineLvl w:val="{level}"/>'
    style.element.append(parse_xml(f'<w:pPr xmlns:w="{W_NS}"><w:keepNext/>{outline}</w:pPr>'))
    style.element.append(parse_xml(f'<w:rPr xmlns:w="{W_NS}"><w:b/><w:bCs/></w:rPr>'))
    return str(style.style_id)


def _replace_body(document: DocxDocument, body_xml: str) -> None:
    """Clear the body (a template's sample text included), keep its section, then add ours."""
    from docx.oxml import parse_xml

    body = document.element.body
    section = body.find(f"{_W}sectPr")
    for child in list(body):
        if child is not section:
            body.remove(child)
    new = parse_xml(f'<w:body xmlns:w="{W_NS}">{body_xml}</w:body>')
    for child in list(new):
        if section is not None:
            section.addprevious(child)
        else:
            body.append(child)


# --- numbering (numbering.xml) ---------------------------------------------------------------------


_BULLETS = ("\u2022", "\u25e6", "\u25aa")


def _abstract_xml(abstract_id: int, *, ordered: bool) -> str:
    levels = []
    for level in range(9):
        if ordered:
            fmt, text, font = "decimal", f"%{level + 1}.", ""
        else:
            fmt, text = "bullet", _BULLETS[level % 3]
            font = f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:hint="default"/></w:rPr>'
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{INDENT * (level + 1)}" w:hanging="{INDENT}"/></w:pPr>{font}'
            "</w:lvl>"
        )
    return (
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(levels)}</w:abstractNum>'
    )


@dataclass
class _Numbering:
    """New abstract numbering definitions, and one ``w:num`` per list (restarting its count)."""

    document: DocxDocument
    ordered_abstract: int = -1
    bullet_abstract: int = -1
    next_num: int = 1
    nums: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        root = self.document.part.numbering_part.element
        abstract_ids = [int(a.get(f"{_W}abstractNumId", "0")) for a in root.iterfind(f"{_W}abstractNum")]
        num_ids = [int(n.get(f"{_W}numId", "0")) for n in root.iterfind(f"{_W}num")]
        first = max(abstract_ids, default=-1) + 1
        self.ordered_abstract, self.bullet_abstract = first, first + 1
        self.next_num = max(num_ids, default=0) + 1

    def new_list(self, *, ordered: bool, level: int, start: int) -> int:
        num_id = self.next_num
        self.next_num += 1
        abstract = self.ordered_abstract if ordered else self.bullet_abstract
        self.nums.append(
            f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
            f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            "</w:num>"
        )
        return num_id

    def write(self) -> None:
        if not self.nums:
            return
        from docx.oxml import parse_xml

        root = self.document.part.numbering_part.element
        first_num = root.find(f"{_W}num")
        for abstract_id, ordered in ((self.ordered_abstract, True), (self.bullet_abstract, False)):
            element = parse_xml(_abstract_xml(abstract_id, ordered=ordered))
            if first_num is not None:
                first_num.addprevious(element)  # every abstractNum precedes every num
            else:
                root.append(element)
        for num in self.nums:
            root.append(parse_xml(num))


# --- the token walk --------------------------------------------------------------------------------


@dataclass
class _List:
    ordered: bool
    num_id: int
    level: int


@dataclass
class _Item:
    first_paragraph: bool = True


class _BodyWriter:
    """Turns markdown-it-py's block tokens into WordprocessingML paragraphs and tables."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.numbering = _Numbering(document)
        self.heading_styles: dict[int, str] = {}  # Markdown level -> style id, as used
        self.list_style = _style_id(document, "List Paragraph")
        self.table_style = self._table_style()
        self.out: list[str] = []
        self.lists: list[_List] = []
        self.items: list[_Item] = []
        self.quote_depth = 0

    def heading_style(self, level: int) -> str:
        """``#`` is the Title (no outline level, as in Word), ``##`` to ``######`` Heading 1-5."""
        if level not in self.heading_styles:
            name = "Title" if level == 1 else f"Heading {level - 1}"
            outline = None if level == 1 else level - 2
            self.heading_styles[level] = _heading_style(self.document, name, outline)
        return self.heading_styles[level]

    def _table_style(self) -> str | None:
        from docx.enum.style import WD_STYLE_TYPE

        try:
            style = self.document.styles["Table Grid"]
        except KeyError:
            return None
        return str(style.style_id) if style.type == WD_STYLE_TYPE.TABLE else None

    def convert(self, tokens: list[Token]) -> str:
        i = 0
        while i < len(tokens):
            i = self.block(tokens, i)
        self.numbering.write()
        return "".join(self.out)

    def block(self, tokens: list[Token], i: int) -> int:
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1])
            style = self.heading_style(level)
            self.out.append(_paragraph_xml(style, self.inline(tokens[i + 1])))
            return i + 3
        if kind == "paragraph_open":
            self.paragraph(self.inline(tokens[i + 1]))
            return i + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            start = int(token.attrs.get("start", 1)) if ordered else 1
            level = len(self.lists)
            num_id = self.numbering.new_list(ordered=ordered, level=min(level, 8), start=start)
            self.lists.append(_List(ordered, num_id, min(level, 8)))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.items.append(_Item())
        elif kind == "list_item_close":
            self.items.pop()
        elif kind == "blockquote_open":
            self.quote_depth += 1
        elif kind == "blockquote_close":
            self.quote_depth -= 1
        elif kind == "hr":
            self.out.append(_paragraph_xml(None, "", extra=(
                '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'
            )))
        elif kind in ("code_block", "fence"):
            self.literal(token.content, code=True)
        elif kind == "html_block":
            self.literal(token.content, code=False)
        elif kind == "table_open":
            return self.table(tokens, i)
        return i + 1

    def indent_left(self) -> int:
        return INDENT * (len(self.lists) + self.quote_depth)

    def paragraph(self, runs: str, *, keep_lines: bool = False) -> None:
        extra = ""
        style: str | None = None
        if self.items:
            item, current = self.items[-1], self.lists[-1]
            style = self.list_style
            if item.first_paragraph:
                item.first_paragraph = False
                extra = (f'<w:numPr><w:ilvl w:val="{current.level}"/>'
                         f'<w:numId w:val="{current.num_id}"/></w:numPr>')
                extra += (f'<w:ind w:left="{INDENT * (current.level + 1 + self.quote_depth)}" '
                          f'w:hanging="{INDENT}"/>')
            else:
                extra = f'<w:ind w:left="{self.indent_left()}" w:hanging="0"/>'
            extra += "<w:contextualSpacing w:val=\"0\"/>"
        elif self.quote_depth:
            extra = f'<w:ind w:left="{self.indent_left()}"/>'
        if keep_lines:
            extra = "<w:keepLines/>" + extra
        self.out.append(_paragraph_xml(style, runs, extra=extra))

    def literal(self, content: str, *, code: bool) -> None:
        lines = content.rstrip("\n").split("\n")
        runs = "<w:r><w:br/></w:r>".join(_run(line, code=code) for line in lines)
        self.paragraph(runs, keep_lines=code)

    def inline(self, token: Token, *, strong: bool = False) -> str:
        return "".join(_inline_runs(token.children or [], strong=strong))

    def table(self, tokens: list[Token], i: int) -> int:
        rows: list[tuple[bool, list[tuple[str, str, str | None]]]] = []
        cells: list[tuple[str, str, str | None]] = []
        header = False
        j = i + 1
        while tokens[j].type != "table_close":
            t = tokens[j]
            if t.type == "thead_open":
                header = True
            elif t.type == "tbody_open":
                header = False
            elif t.type == "tr_open":
                cells = []
            elif t.type == "tr_close":
                rows.append((header, cells))
            elif t.type in ("th_open", "td_open"):
                inline = tokens[j + 1]
                align = _alignment(str(t.attrs.get("style", "")))
                # header cells in bold: the template's table style may not make them so
                cells.append((self.inline(inline, strong=header), _plain(inline), align))
                j += 2
            j += 1
        self.out.append(self.table_xml(rows))
        return j + 1

    def table_xml(self, rows: list[tuple[bool, list[tuple[str, str, str | None]]]]) -> str:
        columns = max((len(cells) for _, cells in rows), default=0)
        widths = _column_widths([[plain for _, plain, _ in cells] for _, cells in rows], columns,
                                PAGE_WIDTH - 2 * MARGIN - self.indent_left())
        style = (f'<w:tblStyle w:val="{self.table_style}"/>' if self.table_style else "")
        borders = "" if self.table_style else "<w:tblBorders>" + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        ) + "</w:tblBorders>"
        indent = f'<w:tblInd w:w="{self.indent_left()}" w:type="dxa"/>' if self.indent_left() else ""
        parts = [
            f'<w:tbl><w:tblPr>{style}<w:tblW w:w="0" w:type="auto"/>{indent}{borders}'
            '<w:tblLayout w:type="autofit"/>'
            '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/>'
            "</w:tblCellMar>"
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{w}"/>' for w in widths),
            "</w:tblGrid>",
        ]
        for is_header, cells in rows:
            trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if is_header else (
                "<w:trPr><w:cantSplit/></w:trPr>")
            parts.append(f"<w:tr>{trpr}")
            for col in range(columns):
                runs, _, align = cells[col] if col < len(cells) else ("", "", None)
                jc = f'<w:jc w:val="{align}"/>' if align else ""
                parts.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{widths[col]}" w:type="dxa"/></w:tcPr>'
                    f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>{jc}</w:pPr>{runs}</w:p>'
                    "</w:tc>"
                )
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        # Word needs a paragraph between two tables and after a table that ends a cell; an
        # empty one after every table also gives the space below it.
        parts.append('<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p>')
        return "".join(parts)


def _inline_runs(children: Iterable[Token], *, strong: bool = False) -> Iterable[str]:
    """Runs for one block's inline tokens (a link keeps its text: typed text cannot make one)."""
    bold, italic, strike = int(strong), 0, 0
    for child in children:
        kind = child.type
        if (kind == "text" or kind == "html_inline") and child.content:
            yield _run(child.content, bold=bold > 0, italic=italic > 0, strike=strike > 0)
        elif kind == "code_inline":
            yield _run(child.content, bold=bold > 0, italic=italic > 0, code=True)
        elif kind == "softbreak":
            yield _run(" ", bold=bold > 0, italic=italic > 0)
        elif kind == "hardbreak":
            yield "<w:r><w:br/></w:r>"
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "s_open":
            strike += 1
        elif kind == "s_close":
            strike -= 1
        elif kind == "image":
            yield _run(child.content or str(child.attrs.get("alt", "")))


def _plain(token: Token) -> str:
    return "".join(c.content for c in token.children or () if c.type in ("text", "code_inline"))


def _alignment(style: str) -> str | None:
    match = re.search(r"text-align:\s*(left|right|center)", style)
    return None if match is None else {"left": "left", "right": "right", "center": "center"}[
        match.group(1)]


def _column_widths(rows: list[list[str]], columns: int, total: int) -> list[int]:
    """Column widths (twips): in proportion to the longest cell (within bounds), and wide enough
    that short cells ("15 December 2026", "Ms Rachel Boyd") stay on one line and no word of a
    column ("Ref", "Status") is split, as far as the page allows."""
    if columns == 0:
        return []
    weights, one_line, words = [], [], []
    for col in range(columns):
        texts = [cells[col] for cells in rows if col < len(cells)]
        longest = max((len(t) for t in texts), default=1)
        weights.append(min(max(longest, 4), 45))
        word = max((len(w) for t in texts for w in t.split()), default=1)
        short = max((len(t) for t in texts if len(t) <= _ONE_LINE), default=0)
        words.append(word * _CHAR + _CELL_PADDING)
        one_line.append(max(short, word) * _CHAR + _CELL_PADDING)
    floors = one_line if sum(one_line) <= total * 3 // 4 else words
    floors = [min(f, total // columns) for f in floors]
    widths = [int(w * total / sum(weights)) for w in weights]
    short_cols = [i for i in range(columns) if widths[i] < floors[i]]
    if short_cols:
        fixed = sum(floors[i] for i in short_cols)
        rest = [i for i in range(columns) if i not in short_cols]
        spare = sum(weights[i] for i in rest)
        for i in short_cols:
            widths[i] = floors[i]
        for i in rest:
            widths[i] = int(weights[i] * (total - fixed) / spare)
    return widths
