"""The PDF export: WeasyPrint lays out the HTML page as a tagged PDF/UA-1 document.

Read back with pypdf: the title and language are in the metadata, the document is tagged (a
structure tree, MarkInfo /Marked), the public PDF's text holds nothing of an exempt item, and a
machine without WeasyPrint or Pango gets one line saying how to install them.
"""

from __future__ import annotations

import importlib.abc
import io
import logging
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

import pytest
from pypdf import PdfReader

from panel_minutes.models.export import render_markdown
from panel_minutes.models.publish import pdf
from panel_minutes.models.publish.meta import DocumentMeta, meta_for
from panel_minutes.models.store import Store
from tests.test_export_markdown import confidential_meeting


def make_pdf(store: Store, meeting_id: int, *, full: bool = False) -> bytes:
    doc = store.load_document(meeting_id)
    return pdf.write_pdf(render_markdown(doc, full=full), meta_for(doc, full=full))


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_demo_pdf_is_tagged_titled_and_in_english(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    data = make_pdf(store, meeting_id)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None
    assert reader.metadata.title == (
        "Minutes of the Wessex Vale Police and Crime Panel, 17 November 2026"
    )
    root: Any = reader.trailer["/Root"]  # pypdf types its objects loosely
    assert "/StructTreeRoot" in root  # tagged: a screen reader can follow the structure
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])  # PDF/UA asks for it
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in xmp  # the PDF/UA-1 identification in the XMP metadata
    pages = reader.pages
    assert len(pages) >= 2
    assert [round(float(v)) for v in pages[0].mediabox[2:]] == [595, 842]  # A4
    text = text_of(data)
    assert "Wessex Vale Police and Crime Panel" in text
    assert "RESOLVED that the forward work programme be agreed" in text
    assert "Page 1 of" in text  # the print stylesheet's page numbers
    assert "Complaint handling matter" in text
    assert "CONFIDENTIAL" not in text
    # WeasyPrint's own advice never reaches the clerk's terminal (the app draws on it)
    assert logging.getLogger("weasyprint").getEffectiveLevel() == logging.ERROR


def test_public_pdf_holds_no_exempt_content(store: Store) -> None:
    meeting_id, markers = confidential_meeting(store)
    public = text_of(make_pdf(store, meeting_id))
    assert "SECRET" not in public
    assert "Staffing matter" in public
    full = text_of(make_pdf(store, meeting_id, full=True))
    assert "CONFIDENTIAL" in full
    assert [m for m in markers if m not in full.replace(" ", "")] == [markers[0]]


def test_numbered_paragraphs_keep_their_numbers_after_a_resolution() -> None:
    """An ordered list that goes on after a resolution starts at 4 in the Markdown; the PDF
    shows 4. and 5. (WeasyPrint ignores ``start`` without presentational hints)."""
    markdown = (
        "# Panel\n\n### 1. Item\n\n1. First.\n2. Second.\n3. Third.\n\n"
        "**RESOLVED** that it be noted.\n\n4. Fourth paragraph.\n5. Fifth paragraph.\n"
    )
    text = text_of(pdf.write_pdf(markdown, DocumentMeta(title="T", header="Panel")))
    # pypdf gives the list markers (artifacts of the tagged layout) after the text, in order
    assert "Fourth paragraph. Fifth paragraph." in text
    assert "1. 2. 3. 4. 5." in text and "3. 1. 2." not in text, text


class _Refuse(importlib.abc.MetaPathFinder):
    """Makes ``import weasyprint`` fail as it does on a machine without it (or without Pango)."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> None:
        if fullname == "weasyprint" or fullname.startswith("weasyprint."):
            raise self.error
        return None


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (ModuleNotFoundError("No module named 'weasyprint'", name="weasyprint"), "weasyprint"),
        (OSError("cannot load library 'libpango-1.0-0': no such file\nmore detail"),
         "cannot load library 'libpango-1.0-0'"),
    ],
)
def test_missing_weasyprint_or_pango_is_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, error: Exception, says: str
) -> None:
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [_Refuse(error), *sys.meta_path])
    assert pdf.pdf_available() is False
    with pytest.raises(pdf.PdfUnavailableError) as caught:
        pdf.html_to_pdf("<html><title>x</title></html>")
    message = str(caught.value)
    assert "\n" not in message
    assert "pip install 'panel-minutes[pdf]'" in message and "libpango" in message
    assert says in message
