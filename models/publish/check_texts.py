"""The public text of each format, for the leak check (``panel_minutes.models.checks``).

Each format is made PUBLIC by the one format registry (``panel_minutes.models.publish.formats``) and its bytes
are read back to the words a reader of that file sees: the Markdown's inline text, the HTML's
text nodes (not its markup), the plain text, the Word document's paragraphs and table cells
(python-docx), the PDF's extracted text (pypdf, when installed). So a renderer that let exempt
content through would be caught in the file it wrote, not only in the Markdown it started from.

``check MEETING`` reads the Markdown by default (every format is made from it, and reading it
once keeps the check within its 100 ms budget on a 60x60 meeting); ``--formats all`` (and the
export screen, for the format it writes) reads the files themselves.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from html.parser import HTMLParser

from panel_minutes.models.domain import MinutesDocument
from panel_minutes.models.publish.formats import FORMATS, export_bytes, format_named
from panel_minutes.models.publish.tokens import parse_tokens

DEFAULT_FORMATS = ("md",)


def markdown_words(markdown: str) -> str:
    """The text a reader sees in ``markdown``: inline content of every block, markup removed."""
    out: list[str] = []
    for token in parse_tokens(markdown):
        if token.type == "inline":
            out.extend(child.content for child in token.children or () if child.content)
            out.append("\n")
    return " ".join(out)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_words(data: bytes) -> str:
    parser = _Text()
    parser.feed(data.decode("utf-8"))
    return " ".join(parser.parts)


def docx_words(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
    return "\n".join(parts)


def pdf_words(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def json_words(data: bytes) -> str:
    """Every text value of a JSON document (open data), one per line."""
    import json

    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(data.decode("utf-8")))
    return "\n".join(out)


READERS: dict[str, Callable[[bytes], str]] = {
    "open-data": json_words,
    "md": lambda data: markdown_words(data.decode("utf-8")),
    "docx": docx_words,
    "html": html_words,
    "pdf": pdf_words,
    "text": lambda data: data.decode("utf-8"),
}


def words_of(format_name: str, data: bytes) -> str:
    """The words a reader sees in a file of that format."""
    return READERS[format_named(format_name).name](data)


def available(names: Iterable[str]) -> list[str]:
    """The formats among ``names`` that can be made and read here (PDF needs WeasyPrint and
    pypdf)."""
    out = []
    for name in names:
        fmt = format_named(name)
        if fmt.name == "pdf":
            try:
                import pypdf  # noqa: F401
                import weasyprint  # noqa: F401
            except (ImportError, OSError):
                continue
        out.append(fmt.name)
    return out


def public_texts(
    doc: MinutesDocument, formats: Iterable[str] | None = None
) -> dict[str, str]:
    """Format label -> the words of its PUBLIC rendering of ``doc``."""
    names = list(DEFAULT_FORMATS if formats is None else formats)
    return {
        format_named(name).label: words_of(name, export_bytes(doc, format_named(name)))
        for name in available(names)
    }


def all_formats() -> list[str]:
    return [f.name for f in FORMATS]
