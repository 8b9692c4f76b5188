"""The publishing rows of ``bench/run.py``: HTML and PDF of a meeting, each beside its floor
(markdown-it on the same text; WeasyPrint on the same page, untagged), measured on the demo
meeting here so the test stays quick (CI's ``bench/run.py --quick`` runs the long one)."""

from __future__ import annotations

from pathlib import Path

from bench import publishbench, run
from panel_minutes.models.store import Store


def test_publish_figures_and_rows(demo: tuple[Store, int], db_path: Path, tmp_path: Path) -> None:
    _store, meeting_id = demo
    figures = publishbench.measure(db_path, meeting_id, tmp_path / "out", reps=2, quick=True)
    for key in ("publish.html", "floor.publish.html", "publish.pdf", "floor.publish.pdf"):
        assert figures[key] and all(v > 0 for v in figures[key]), key
    assert len(figures["publish.html"]) == 2 and len(figures["publish.pdf"]) == 1
    assert (tmp_path / "out" / "long-meeting.pdf").read_bytes().startswith(b"%PDF-")
    assert b"<main>" in (tmp_path / "out" / "long-meeting.html").read_bytes()
    assert figures["publish.pdf.items"] == [float(publishbench.QUICK_PDF_ITEMS)]

    quick = run.publish_rows(figures, quick=True)
    assert [r.key for r in quick] == ["publish.html", "publish.pdf"]
    html, pdf = quick
    assert html.budget == ("max", 100) and html.floor_label == "markdown-it, same text"
    assert html.ratio is not None and html.ratio > 0
    assert pdf.budget is None and "first 3 items" in pdf.label  # a slice: no budget
    full = run.publish_rows(figures, quick=False)
    assert full[1].budget == ("max", 3000) and full[1].label == "export long meeting: PDF"
