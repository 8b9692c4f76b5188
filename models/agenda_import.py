"""Reading an agenda someone else wrote: a Word ``.docx``, a Markdown file or a plain-text file.

``read_agenda(path)`` returns an ``ImportedAgenda``: typed items, nothing written anywhere. The
store applies them in one transaction (``Store.import_agenda``), so a file is imported whole or
not at all. No Textual and no store here.

What is recognised, in every format:

- **items**: lines numbered "1.", "1)", "1:", "Item 1", "Item 4a", "4a", "4.1", "(a)", "a)";
  bulleted lines ("-", "*", "•"); Word list paragraphs (Word's own numbering, ``numPr``, where the
  number is not typed); Markdown headings that carry a number ("## 3. Budget"), or, in a Markdown
  file with neither numbers nor lists, the headings of the second level and below;
- **sub-items**: "4a", "4.1", "(a)"/"a)", and any item written deeper than the item above it
  (indented, a nested Markdown list, a Word list level 2) become ``level=1``;
- **presenters**: "Presenter: ...", "Presented by ...", "Lead: ...", "Lead officer: ...",
  "Report of the ..." on a line of its own or in brackets after the title;
- **exempt markers**: a "Part 2" / "Part II" / "Exempt items" / "not for publication" section
  line makes every item after it exempt (until "Part 1"); "exempt", "Part 2", "not for
  publication" or "Schedule 12A paragraph 3" written in an item's title or under it makes that
  item exempt. A paragraph number of Schedule 12A, wherever written, becomes the legal basis;
  "Public title: ..." under an exempt item gives the title the public agenda shows;
- **supporting documents**: under "Supporting documents:" / "Documents:" / "Papers:" /
  "Background papers:" (one a line or comma-separated), and lines starting "Appendix", "Annex",
  "Report:" under an item.

Anything the import cannot read is refused with one ``AgendaImportError`` line that names the
file, says what is wrong and what to do: a missing, empty, binary or huge file (over
``MAX_AGENDA_BYTES``), a file called .docx that is not a Word document (a renamed text file, an old
.doc, a zip without ``word/document.xml``), and a file with no numbered or bulleted items.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from panel_minutes.models.errors import AgendaImportError

MAX_AGENDA_BYTES = 5 * 1024 * 1024  # an agenda is a few pages; more is not an agenda
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # the .docx's parts inflated: a zip bomb stops here
SCHEDULE_12A = "paragraph {n} of Schedule 12A to the Local Government Act 1972"
DOCX_SUFFIXES = frozenset({".docx", ".docm", ".dotx", ".dotm"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


@dataclass(frozen=True, slots=True)
class ImportedItem:
    """One agenda item as the file gives it (``number`` as written, for the clerk's eye only:
    the minutes number items themselves)."""

    title: str
    level: int = 0  # 1: a sub-item of the item above
    number: str = ""
    presenter: str = ""
    exempt: bool = False
    exempt_basis: str = ""
    public_title: str = ""
    documents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportedAgenda:
    source: str  # the file's name, for messages
    kind: str  # "Word", "Markdown" or "text"
    items: tuple[ImportedItem, ...]


# --- the lines of a file ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    depth: int = 0  # indentation, list nesting or Word list level
    listed: bool = False  # a list paragraph whose marker is not typed (Word numbering)
    heading: int = 0  # Markdown "#" count / Word heading level; 0 for body text


# "Item 4a", "4a.", "4.", "4)", "4:", "4 " (up to three digits: "2026 budget" is a title).
_NUMBERED = re.compile(
    r"^(?:(?:agenda\s+)?item\s+)?(?P<num>\d{1,3})(?P<letter>[a-z])?(?![\d/])(?:[.):]+|\s*[-\u2013\u2014]\s)?\s+"
    r"(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_DECIMAL = re.compile(r"^(?:(?:agenda\s+)?item\s+)?(?P<num>\d{1,3}\.\d{1,2})[.):]?\s+(?P<rest>\S.*)$",
                      re.IGNORECASE)
_LETTERED = re.compile(r"^(?:\((?P<a>[a-z])\)|(?P<b>[a-z])[.)])\s+(?P<rest>\S.*)$")
_BULLET = re.compile(r"^[-*+\u2022\u25aa\u25cf\u2013\u00b7]\s+(?P<rest>\S.*)$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<rest>.*?)\s*#*\s*$")

_PART2 = re.compile(
    r"^(?:part\s+(?:2|ii|two|b)\b|exempt\s+(?:items|business|information)\b"
    r"|(?:items?\s+)?not\s+for\s+publication\b|confidential\s+items\b)",
    re.IGNORECASE,
)
_PART1 = re.compile(r"^part\s+(?:1|i|one|a)\b", re.IGNORECASE)
_EXEMPT_WORDS = re.compile(
    r"\b(?:exempt|not\s+for\s+publication|schedule\s+12a|part\s+(?:2|ii))\b", re.IGNORECASE
)
_PARAGRAPH_N = re.compile(
    r"(?:paragraph|para\.?)\s+(\d{1,2})\b[^.]*?schedule\s+12a|schedule\s+12a[^.]*?"
    r"(?:paragraph|para\.?)\s+(\d{1,2})\b",
    re.IGNORECASE,
)
# A title's trailing marker: "(exempt)", "[Part 2]", "- not for publication", "(Schedule 12A ...)".
_TITLE_MARKER = re.compile(
    r"\s*(?:[(\[][^()\[\]]*(?:exempt|not\s+for\s+publication|schedule\s+12a|part\s+(?:2|ii))"
    r"[^()\[\]]*[)\]]|[-\u2013\u2014:]\s*(?:exempt|not\s+for\s+publication|part\s+(?:2|ii))"
    r"\b.*)\s*$",
    re.IGNORECASE,
)
_PRESENTER = re.compile(
    r"^(?:presenter|presented\s+by|lead(?:\s+(?:officer|member))?|introduced\s+by|speaker)"
    r"\s*[:\-\u2013]?\s+(?P<who>\S.*)$",
    re.IGNORECASE,
)
_REPORT_OF = re.compile(r"^\(?\s*(?:joint\s+)?report\s+of\s+(?:the\s+)?(?P<who>\S.*?)\s*\)?\.?$",
                        re.IGNORECASE)
_TITLE_PRESENTER = re.compile(
    r"\s*(?:\((?P<a>(?:joint\s+)?report\s+of\s+[^()]+|(?:presenter|lead(?:\s+officer)?)\s*:"
    r"\s*[^()]+)\)|[-\u2013\u2014]\s+(?P<b>(?:presenter|lead(?:\s+officer)?)\s*:\s*.+))\s*$",
    re.IGNORECASE,
)
_DOCS_HEAD = re.compile(
    r"^(?:supporting\s+documents?|documents?|papers|background\s+papers|attachments?|"
    r"enclosures?)\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_DOC_LINE = re.compile(r"^(?:appendix|annex|report\s*:|attached\s*:)", re.IGNORECASE)
_PUBLIC_TITLE = re.compile(r"^public\s+title\s*:\s*(?P<title>\S.*)$", re.IGNORECASE)
# Markdown inline markup removed from titles: **bold**, _it_, `code`, [text](url), \escapes.
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~&])")


def _depth_of(raw: str) -> int:
    expanded = raw.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def _plain(text: str) -> str:
    """Markdown inline markup and odd spacing removed: the words as a reader sees them."""
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_MARKS.sub("", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    return " ".join(text.replace("\u00a0", " ").split())


def _text_lines(text: str, *, markdown: bool) -> list[_Line]:
    lines: list[_Line] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        stripped = raw.strip()
        heading = 0
        if markdown:
            match = _HEADING.match(stripped)
            if match is not None:
                heading = len(match.group("hashes"))
                stripped = match.group("rest")
            elif stripped.startswith(">"):
                stripped = stripped.lstrip("> ")
            if set(stripped) <= set("-=*_ ") or stripped.startswith(("<!--", "|---", "| ---")):
                continue  # a rule, a setext underline, a comment, a table divider
            if stripped.startswith("|") and stripped.endswith("|"):
                cells = [c.strip() for c in stripped.strip("|").split("|")]
                stripped = " ".join(c for c in cells[:2] if c)
                lines.append(_Line(_plain(stripped), _depth_of(raw)))
                lines.extend(_Line(_plain(c), _depth_of(raw) + 1) for c in cells[2:] if c)
                continue
            stripped = _plain(stripped)
        else:
            stripped = " ".join(stripped.split())
        if stripped:
            lines.append(_Line(stripped, _depth_of(raw), heading=heading))
    return lines


# --- reading the file ------------------------------------------------------------------------------


def read_agenda(path: Path) -> ImportedAgenda:
    """The agenda in ``path`` (Word, Markdown or text, by its name and its bytes)."""
    path = Path(path).expanduser()
    name = path.name or str(path)
    if path.is_dir():
        raise AgendaImportError(f"{path} is a folder: give the agenda file itself.")
    if not path.exists():
        raise AgendaImportError(f"There is no file {path}. Check the name and the folder.")
    try:
        size = path.stat().st_size
        if size <= MAX_AGENDA_BYTES:
            with path.open("rb") as fh:
                data = fh.read(MAX_AGENDA_BYTES + 1)
    except OSError as exc:  # no permission, a device, a file that vanished
        raise AgendaImportError(
            f"Cannot read {path}: {exc.strerror or type(exc).__name__}. Check the file can be "
            "opened, or copy it somewhere you can read. Nothing was imported."
        ) from None
    if size > MAX_AGENDA_BYTES:
        raise AgendaImportError(
            f"Cannot import {name}: it is {size / 1024 / 1024:.1f} MB, more than the "
            f"{MAX_AGENDA_BYTES // 1024 // 1024} MB an agenda file may be. Check it is the agenda "
            "(not a report pack); save the agenda alone and import that. Nothing was imported."
        )
    return parse_agenda(data, name)


def parse_agenda(data: bytes, name: str) -> ImportedAgenda:
    """The agenda in ``data``, a file called ``name`` (its suffix says what it claims to be)."""
    suffix = Path(name).suffix.lower()
    if len(data) > MAX_AGENDA_BYTES:
        raise AgendaImportError(
            f"Cannot import {name}: it is larger than {MAX_AGENDA_BYTES // 1024 // 1024} MB. "
            "Nothing was imported."
        )
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise AgendaImportError(
            f"Cannot import {name}: the file is empty. Save the agenda into it (or choose the "
            "right file) and import again. Nothing was imported."
        )
    is_zip = data[:4] == b"PK\x03\x04"
    if suffix in DOCX_SUFFIXES or is_zip:
        kind, lines = "Word", _docx_lines(data, name)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise AgendaImportError(
            f"Cannot import {name}: it is an old Word 97-2003 (.doc) file. Open it in Word and "
            "save it as a Word document (.docx), then import that. Nothing was imported."
        )
    else:
        markdown = suffix in MARKDOWN_SUFFIXES
        kind = "Markdown" if markdown else "text"
        lines = _text_lines(_decode(data, name), markdown=markdown)
    items = _interpret(lines)
    if not items:
        raise AgendaImportError(
            f"Cannot import {name}: it has no numbered or bulleted items, so there is no agenda to "
            "read. Number the item titles (1., 2. ... or Item 1, Item 2 ...) or make them a list, "
            "then import again. Nothing was imported."
        )
    return ImportedAgenda(source=name, kind=kind, items=tuple(items))


def _decode(data: bytes, name: str) -> str:
    """Text from UTF-8 (with or without a BOM), UTF-16 with a BOM, or Windows-1252; a file with
    NUL bytes or many control characters is binary and refused."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        with suppress(UnicodeDecodeError):  # not really UTF-16: read on as a byte encoding
            return data.decode("utf-16")
    elif data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in sample or controls > len(sample) // 100:
        raise AgendaImportError(
            f"Cannot import {name}: it is a binary file, not text, Markdown or a Word document. "
            "Choose the agenda itself (a .docx, .md or .txt file). Nothing was imported."
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _docx_lines(data: bytes, name: str) -> list[_Line]:
    not_word = (
        f"Cannot import {name}: it is called .docx but is not a Word document"
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise AgendaImportError(
            f"{not_word} (perhaps a renamed text file, or a damaged download). Open it in Word and "
            "save it again as a Word document (.docx), or save the agenda as text and import "
            "that. Nothing was imported."
        ) from None
    with archive:
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError:
            raise AgendaImportError(
                f"Cannot import {name}: it is a zip file without word/document.xml, so not a Word "
                "document. Open the agenda in Word and save it as a Word document (.docx), then "
                "import that. Nothing was imported."
            ) from None
        unpacked = sum(entry.file_size for entry in archive.infolist())
        if max(unpacked, info.file_size) > MAX_UNZIPPED_BYTES:
            raise AgendaImportError(
                f"Cannot import {name}: it unpacks to more than "
                f"{MAX_UNZIPPED_BYTES // 1024 // 1024} MB, far more than an agenda. Save the "
                "agenda alone and import that. Nothing was imported."
            )
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise AgendaImportError(
            f"Cannot import {name}: Word's parts in it cannot be read ({type(exc).__name__}). "
            "Open it in Word and save it again as .docx, then import that. Nothing was imported."
        ) from None
    return list(_docx_body(document))


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_body(document: Any) -> Iterator[_Line]:
    """Paragraphs and table rows in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            line = _paragraph_line(Paragraph(child, document))
            if line is not None:
                yield line
        elif child.tag == f"{_W}tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                if not cells:
                    continue
                yield _Line(" ".join(cells[:2]))
                yield from (_Line(c, 1) for c in cells[2:])


def _paragraph_line(paragraph: Any) -> _Line | None:
    text = " ".join(paragraph.text.replace("\u00a0", " ").split())
    if not text:
        return None
    style = paragraph.style
    style_name = str(style.name or "") if style is not None else ""
    heading = 0
    match = re.fullmatch(r"Heading (\d)", style_name)
    if match is not None:
        heading = int(match.group(1))
    elif style_name == "Title":
        heading = 1
    level = _list_level(paragraph)
    if style_name.startswith(("List Number", "List Bullet", "List Paragraph")):
        # "List Number 2" is Word's second level whatever numbering its style points at
        tail = style_name.rsplit(" ", 1)[-1]
        named = int(tail) - 1 if tail.isdigit() else 0
        level = named if level is None else max(level, named)
    if level is not None:
        return _Line(text, level, listed=True, heading=heading)
    indent = paragraph.paragraph_format.left_indent
    depth = int(indent.pt // 18) if indent is not None and indent.pt > 0 else 0
    return _Line(text, depth, heading=heading)


def _list_level(paragraph: Any) -> int | None:
    """Word's own list level of a numbered or bulleted paragraph (``w:numPr``), else None."""
    ppr = paragraph._p.pPr
    numpr = ppr.numPr if ppr is not None else None
    if numpr is None:
        style = paragraph.style
        while style is not None and numpr is None:
            sppr = style.element.pPr
            numpr = sppr.numPr if sppr is not None else None
            style = style.base_style
    if numpr is None:
        return None
    num_id = numpr.numId
    if num_id is not None and num_id.val == 0:  # numbering switched off
        return None
    ilvl = numpr.ilvl
    return int(ilvl.val) if ilvl is not None and ilvl.val is not None else 0


# --- from lines to items ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    title: str
    depth: int
    level: int
    number: str
    presenter: str = ""
    exempt: bool = False
    basis: str = ""
    public_title: str = ""
    documents: list[str] = field(default_factory=list)

    def done(self) -> ImportedItem:
        return ImportedItem(
            title=self.title, level=self.level, number=self.number, presenter=self.presenter,
            exempt=self.exempt, exempt_basis=self.basis if self.exempt else "",
            public_title=self.public_title if self.exempt else "", documents=tuple(self.documents),
        )


@dataclass(frozen=True, slots=True)
class _Marker:
    """What an item line's start says: its number as written and whether it is a sub-item."""

    rest: str
    number: str = ""
    sub: bool | None = None  # None: decided by depth


def _item_marker(line: _Line, heading_items: frozenset[int]) -> _Marker | None:
    text = line.text
    if line.heading and line.heading not in heading_items and not _NUMBERED.match(text):
        return None
    for pattern in (_DECIMAL,):
        match = pattern.match(text)
        if match is not None:
            return _Marker(match.group("rest"), match.group("num"), True)
    match = _NUMBERED.match(text)
    if match is not None:
        letter = match.group("letter") or ""
        return _Marker(match.group("rest"), match.group("num") + letter, bool(letter) or None)
    match = _LETTERED.match(text)
    if match is not None:
        return _Marker(match.group("rest"), f"({match.group('a') or match.group('b')})", True)
    match = _BULLET.match(text)
    if match is not None:
        return _Marker(match.group("rest"))
    if line.listed or line.heading:
        return _Marker(text)
    return None


def _basis(text: str) -> str:
    match = _PARAGRAPH_N.search(text)
    if match is None:
        return ""
    return SCHEDULE_12A.format(n=match.group(1) or match.group(2))


def _clean_title(text: str) -> tuple[str, str, bool]:
    """(title, presenter, exempt) from an item line: trailing markers are taken off."""
    presenter = ""
    exempt = False
    for _ in range(3):  # a title may carry both, in either order
        match = _TITLE_PRESENTER.search(text)
        if match is not None and match.start() > 0:
            presenter = _presenter_text(match.group("a") or match.group("b"))
            text = text[: match.start()]
            continue
        match = _TITLE_MARKER.search(text)
        if match is not None and match.start() > 0:
            exempt = True
            text = text[: match.start()]
            continue
        break
    return text.strip(" .:-\u2013\u2014"), presenter, exempt


def _presenter_text(raw: str) -> str:
    """"Presenter: the Clerk" / "report of the Chief Constable" -> the person or office."""
    raw = raw.strip(" .()")
    for pattern in (_PRESENTER, _REPORT_OF):
        match = pattern.match(raw)
        if match is not None:
            return match.group("who").strip(" .()")
    return raw


def _heading_item_levels(lines: list[_Line]) -> frozenset[int]:
    """The heading levels that are items: every level where a heading carries a number; in a file
    with no numbered or listed line at all, the headings below the first level."""
    numbered = {ln.heading for ln in lines if ln.heading and _NUMBERED.match(ln.text)}
    if numbered:
        return frozenset(numbered)
    if any(ln.listed or _BULLET.match(ln.text) or _NUMBERED.match(ln.text) for ln in lines):
        return frozenset()
    levels = sorted({ln.heading for ln in lines if ln.heading and not _PART2.match(ln.text)})
    return frozenset(levels[1:3] if len(levels) > 1 else levels)


def _interpret(lines: list[_Line]) -> list[ImportedItem]:
    heading_items = _heading_item_levels(lines)
    top_heading = min(heading_items) if heading_items else 0
    items: list[_Draft] = []
    part2 = False
    part2_basis = ""
    docs_open = False  # under a "Supporting documents:" line
    after_item = False  # the line before was an item's title
    top_depth = 0
    for line in lines:
        text = line.text
        current = items[-1] if items else None
        marker = _item_marker(line, heading_items)
        deeper = current is not None and line.depth > current.depth
        if marker is not None and deeper and not marker.number and _DOC_LINE.match(marker.rest):
            docs_open = True  # "- Appendix A: ..." listed under an item is one of its papers
        if marker is None or (docs_open and deeper):
            wrapped, after_item = after_item, False
            if marker is not None and current is not None:
                current.documents.append(_plain(marker.rest))
                continue
            if _PART1.match(text) and len(text) < 60:
                part2, part2_basis = False, ""
                continue
            if _PART2.match(text) and len(text) < 200 and not deeper:
                part2, part2_basis = True, _basis(text)
                docs_open = False
                continue
            if current is None:
                continue  # the agenda's title, date, venue, notes before the first item
            if wrapped and text[:1].islower() and deeper:
                current.title = f"{current.title} {text}"  # a long title wrapped onto two lines
                after_item = True
                continue
            docs_open = _under_item(current, text, docs_open)
            continue
        docs_open = False
        after_item = True
        title, presenter, exempt = _clean_title(marker.rest)
        if not title:
            continue
        if line.heading and line.heading in heading_items:
            sub = marker.sub if marker.sub is not None else line.heading > top_heading
        elif marker.sub is not None:
            sub = marker.sub
        else:
            sub = bool(items) and line.depth > top_depth
        if not sub or not items:
            top_depth = line.depth
        draft = _Draft(title=title, depth=line.depth, level=1 if sub and items else 0,
                       number=marker.number, presenter=presenter)
        if exempt or part2 or _EXEMPT_WORDS.search(marker.rest):
            draft.exempt = True
            draft.basis = _basis(marker.rest) or part2_basis
        items.append(draft)
    return [d.done() for d in items]


def _under_item(item: _Draft, text: str, docs_open: bool) -> bool:
    """Read a line written under ``item``: presenter, exempt marker, public title, documents.
    Returns whether a documents list is open."""
    match = _PRESENTER.match(text)
    if match is not None and not item.presenter:
        item.presenter = _presenter_text(match.group("who"))
        return False
    match = _REPORT_OF.match(text)
    if match is not None and not item.presenter and len(text) < 200:
        item.presenter = _presenter_text(text)
        return False
    match = _PUBLIC_TITLE.match(text)
    if match is not None:
        item.public_title = match.group("title").strip()
        return docs_open
    match = _DOCS_HEAD.match(text)
    if match is not None:
        item.documents.extend(_split_documents(match.group("rest")))
        return True
    if _EXEMPT_WORDS.search(text) and len(text) < 300:
        item.exempt = True
        item.basis = item.basis or _basis(text)
        return docs_open
    if docs_open or _DOC_LINE.match(text):
        item.documents.append(text)
        return docs_open
    return False


def _split_documents(rest: str) -> Iterable[str]:
    parts = [p.strip(" .;") for p in re.split(r";|,(?![^()]*\))", rest)] if rest.strip() else []
    return [p for p in parts if p]

