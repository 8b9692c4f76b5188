"""The minutes as a tagged (PDF/UA-1) PDF, made from the HTML page by WeasyPrint.

Why WeasyPrint: it lays out the SAME accessible HTML page (``panel_minutes.models.publish.html``) with its
print stylesheet, so the PDF cannot say anything the other formats do not; it writes tagged
PDF/UA-1 (structure tree, language, title shown as the window title), which no pure-Python
writer we know of does from HTML; and it is maintained and BSD-licensed. Its cost is Pango,
a system library, so it is an optional extra: ``pip install 'panel-minutes[pdf]'`` plus Pango
(Debian/Ubuntu: ``apt-get install libpango-1.0-0 libpangoft2-1.0-0``). When either is missing,
``write_pdf`` raises ``PdfUnavailableError`` with one line that says how to install it.
"""

from __future__ import annotations

import logging
from types import ModuleType

from panel_minutes.models.errors import PanelMinutesError
from panel_minutes.models.publish.html import render_html
from panel_minutes.models.publish.meta import DocumentMeta

PDF_VARIANT = "pdf/ua-1"
INSTALL_HINT = (
    "PDF needs WeasyPrint and the Pango library: pip install 'panel-minutes[pdf]' and "
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 (or your system's Pango package)"
)


class PdfUnavailableError(PanelMinutesError):
    """WeasyPrint or Pango is not installed: PDF cannot be made on this machine."""


def _weasyprint() -> ModuleType:
    """The weasyprint module, or one clear line on how to get it."""
    try:
        import weasyprint
    except ImportError as err:
        raise PdfUnavailableError(f"{INSTALL_HINT} (missing: {err.name or 'weasyprint'})") from None
    except OSError as err:  # weasyprint is there but cannot load Pango (cffi dlopen)
        first = str(err).splitlines()[0] if str(err) else "Pango not found"
        raise PdfUnavailableError(f"{INSTALL_HINT} ({first})") from None
    # WeasyPrint logs its own advice (install HarfBuzz-subset, an unsupported CSS property) to
    # stderr: not for the clerk, and never into the terminal the app draws on. Errors still show.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    module: ModuleType = weasyprint
    return module


def pdf_available() -> bool:
    """Whether PDF can be made here (WeasyPrint imports and finds Pango)."""
    try:
        _weasyprint()
    except PdfUnavailableError:
        return False
    return True


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF/UA-1 document of a complete HTML page (title and language from the page)."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html)
    # presentational hints: HTML's own attributes count, so <ol start="4"> (numbered paragraphs
    # that go on after a resolution) is numbered 4., 5. as in the Markdown, not 1., 2.
    data: bytes = document.write_pdf(
        pdf_variant=PDF_VARIANT, pdf_tags=True, presentational_hints=True
    )
    return data


def write_pdf(markdown: str, meta: DocumentMeta) -> bytes:
    """The minutes (the Markdown export) as PDF, through the one HTML page of ``render_html``."""
    return html_to_pdf(render_html(markdown, meta))
