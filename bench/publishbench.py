"""Publishing formats over the long meeting (60 items x 60 entries), each beside its floor.

- HTML: load the meeting, render the Markdown, make the page (``panel_minutes.models.publish.formats``) and
  write the file. Floor: markdown-it-py rendering the same Markdown text to HTML, the least any
  page made by markdown-it from that text can cost.
- PDF: the same, through WeasyPrint (tagged PDF/UA-1). Floor: WeasyPrint laying out the same
  HTML page as a plain, untagged PDF, the least the library spends on those pages. The 60x60
  meeting is some 360 A4 pages; ``--quick`` makes the PDF of its first ``QUICK_PDF_ITEMS``
  items only (one run each), so CI stays quick, and says so in the row's label.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bench.storebench import timed

QUICK_PDF_ITEMS = 3


def measure(db: Path, meeting_id: int, out_dir: Path, *, reps: int, quick: bool
            ) -> dict[str, list[float]]:
    """Every publishing figure and floor, in milliseconds (lists of samples)."""
    from markdown_it import MarkdownIt

    from panel_minutes.models.export.markdown import render_markdown
    from panel_minutes.models.files import PUBLIC_MODE, write_atomic
    from panel_minutes.models.publish.formats import export_bytes, format_named
    from panel_minutes.models.publish.html import render_html
    from panel_minutes.models.publish.meta import meta_for
    from panel_minutes.models.store import Store

    out_dir.mkdir(parents=True, exist_ok=True)
    html_fmt, pdf_fmt = format_named("html"), format_named("pdf")
    results: dict[str, list[float]] = {}
    store = Store(str(db))
    try:
        def export_html() -> None:
            data = export_bytes(store.load_document(meeting_id), html_fmt)
            write_atomic(out_dir / "long-meeting.html", data, PUBLIC_MODE)

        results["publish.html"] = timed(export_html, reps)
        markdown = render_markdown(store.load_document(meeting_id))
        parser = MarkdownIt("commonmark").enable("table")
        results["floor.publish.html"] = timed(lambda: parser.render(markdown), reps)

        items = QUICK_PDF_ITEMS if quick else None

        def export_pdf() -> None:
            doc = store.load_document(meeting_id)
            if items is not None:
                doc = dataclasses.replace(doc, items=doc.items[:items])
            write_atomic(out_dir / "long-meeting.pdf", export_bytes(doc, pdf_fmt), PUBLIC_MODE)

        import weasyprint

        weasyprint.HTML(string="<p>warm-up</p>").write_pdf()  # imports, fonts: not counted
        pdf_reps = 1 if quick else 2
        results["publish.pdf"] = timed(export_pdf, pdf_reps, warm=0)
        doc = store.load_document(meeting_id)
        if items is not None:
            doc = dataclasses.replace(doc, items=doc.items[:items])
        page = render_html(render_markdown(doc), meta_for(doc))

        def floor_pdf() -> None:
            weasyprint.HTML(string=page).write_pdf()

        results["floor.publish.pdf"] = timed(floor_pdf, pdf_reps, warm=0)
        results["publish.pdf.items"] = [float(len(doc.items))]
    finally:
        store.close()
    return results

