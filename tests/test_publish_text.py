"""The plain-text export for email: 72 columns, no markup, tables in monospace columns."""

from __future__ import annotations

from pathlib import Path

from panel_minutes.models.export import render_markdown
from panel_minutes.models.publish.text import WIDTH, render_text, table_lines
from panel_minutes.models.store import Store
from tests.test_export_markdown import Hostile, build_meeting, confidential_meeting


def demo_text(store: Store, meeting_id: int, *, full: bool = False) -> str:
    return render_text(render_markdown(store.load_document(meeting_id), full=full))


def test_demo_text_is_wrapped_and_plain(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    for full in (False, True):
        text = demo_text(store, meeting_id, full=full)
        lines = text.splitlines()
        assert max(len(line) for line in lines) <= WIDTH
        assert "**" not in text and "\\" not in text and "| --- |" not in text
        assert "|---|" not in text
    text = demo_text(store, meeting_id)
    lines = text.splitlines()
    # headings: the panel's name upper-cased and underlined, items underlined
    assert lines[:2] == ["WESSEX VALE POLICE AND CRIME PANEL", "=" * 34]
    heading = lines.index("6. Forward work programme")
    assert lines[heading + 1] == "-" * len("6. Forward work programme")
    # numbered paragraphs with a hanging indent: wrapped lines start under the text
    first = next(i for i, line in enumerate(lines) if line.startswith("1. The Commissioner"))
    assert lines[first + 1].startswith("   team over the past year")
    assert "RESOLVED that the Panel note the Commissioner's update" in text
    assert "(Proposed by Cllr Marsh, seconded by Cllr Pritchard;" in " ".join(lines)
    # bullets of a tight list stay together
    bullet = lines.index("- Rural crime update (report of the Police and Crime Commissioner)")
    assert lines[bullet + 1] == "- Appendix A: rural crime figures by district"
    assert "Complaint concerning the conduct" not in text


def test_tables_line_up_in_columns(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    lines = demo_text(store, meeting_id).splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Ref  Action") and
                  line.endswith("Status"))
    rule = lines[header + 1]
    assert set(rule) <= {"-", " "}
    starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
    assert len(starts) == 5
    for title, start in zip(("Ref", "Action", "Owner", "Due", "Status"), starts, strict=True):
        assert lines[header][start:].startswith(title)
    row = next(line for line in lines[header:] if line.startswith("A3 "))
    assert row[starts[3]:].startswith("15 December")
    assert row[starts[4]:] == "Open"


def test_a_wide_table_is_fitted_and_its_cells_wrapped() -> None:
    words = "a long cell that needs to be wrapped onto several lines of its column " * 2
    rows = [["Ref", "Action", "Owner", "Note"], ["A1", words, "Ms Someone Withalongname", words]]
    lines = table_lines(rows)
    assert max(len(line) for line in lines) <= WIDTH
    starts = [i for i, ch in enumerate(lines[1]) if ch == "-" and (i == 0 or lines[1][i - 1] == " ")]
    assert len(starts) == 4
    # every line of the row keeps each column's text in its column
    body = lines[2:]
    assert len(body) > 3
    for line in body:
        for start in starts[1:]:
            assert start >= len(line) or line[start - 1] == " ", line
    assert " ".join(" ".join(line[starts[1]:starts[2]].split()) for line in body).split() == (
        words.split()
    )
    # a word longer than the whole width is broken rather than overflowing
    lines = table_lines([["A", "B"], ["x" * 200, "y"]])
    assert max(len(line) for line in lines) <= WIDTH


def test_typed_markup_and_escapes_come_out_plain(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "hostile.db"))
    try:
        hostile = Hostile()
        meeting_id = build_meeting(store, hostile)
        markdown = render_markdown(store.load_document(meeting_id), full=True)
        assert "\\*" in markdown and "\\<" in markdown  # the Markdown escaped them ...
        text = render_text(markdown)
        assert max(len(line) for line in text.splitlines()) <= WIDTH
        assert "<script>alert(1)</script>" in text  # ... plain text shows them as typed
        assert "\\*" not in text and "\\<" not in text and "\\[" not in text
        flat = " ".join(text.split())
        for label, value in hostile.values.items():
            if label.startswith("role "):
                continue
            marker = value.rsplit(" ", 1)[-1]
            assert marker in flat, label
    finally:
        store.close()


def test_exempt_content_is_not_in_the_public_text(store: Store) -> None:
    meeting_id, markers = confidential_meeting(store)
    public = demo_text(store, meeting_id)
    assert "SECRET" not in public
    full = " ".join(demo_text(store, meeting_id, full=True).split())
    in_prose = [m for m in markers if "TITLE" in m or "PARAGRAPH" in m or "ANSWER" in m]
    assert [m for m in in_prose if m not in full] == [markers[0]]  # an earlier meeting's title
