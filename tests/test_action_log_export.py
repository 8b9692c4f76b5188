"""A panel's action log as CSV and Markdown: public by default (no action of an exempt item),
formula-safe CSV cells, escaped Markdown cells, and the `actions` command."""

from __future__ import annotations

import csv
import io
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from panel_minutes.models.demo import write_demo
from panel_minutes.models.export.action_log import (
    action_log_csv,
    action_log_markdown,
    default_action_log_name,
    safe_cell,
)
from panel_minutes.models.store import Store
from panel_minutes.tui.cli import main

EXEMPT_ACTION = "Write to the complainant with the Panel's decision"  # the demo's Part 2 action


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the accents right
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_every_public_action_with_its_meeting_and_latest_update(
    demo: tuple[Store, int]
) -> None:
    store, meeting_id = demo
    panel_id = store.get_meeting(meeting_id).panel_id
    log = store.load_action_log(panel_id)
    rows = _rows(action_log_csv(log))
    assert rows[0] == ["Ref", "Action", "Owner", "Due", "Status", "Raised at", "Latest update"]
    by_ref = {r[0]: r for r in rows[1:]}
    assert EXEMPT_ACTION not in {r[1] for r in rows}
    assert by_ref["A2"][4] == "Done" and by_ref["A2"][5] == "2026-09-15"
    assert by_ref["A1"][6] == "The breakdown will be sent with the next budget report."
    full = _rows(action_log_csv(log, full=True))
    assert EXEMPT_ACTION in {r[1] for r in full}
    assert len(full) == len(rows) + 1


def test_csv_cells_that_a_spreadsheet_would_run_stay_text(store: Store) -> None:
    panel = store.create_panel("Fernmoor Police and Crime Panel")
    meeting = store.create_meeting(panel.id, date(2027, 3, 4))
    item = store.list_items(meeting.id) or [store.add_item(meeting.id, "Business")]
    for text in ("=HYPERLINK(\"http://x.example\",\"click\")", "+1 more", "-2 items",
                 "@SUM(A1)", "Plain, with a comma and \"quotes\"\nand a second line"):
        store.add_action(meeting.id, text, item_id=item[0].id, owner_text="=cmd|' /C calc'!A0")
    rows = _rows(action_log_csv(store.load_action_log(panel.id)))
    texts = [r[1] for r in rows[1:]]
    assert texts == ["'=HYPERLINK(\"http://x.example\",\"click\")", "'+1 more", "'-2 items",
                     "'@SUM(A1)", "Plain, with a comma and \"quotes\"\nand a second line"]
    assert {r[2] for r in rows[1:]} == {"'=cmd|' /C calc'!A0"}
    assert safe_cell("A3") == "A3" and safe_cell("\tx") == "'\tx"


def test_markdown_is_one_table_with_escaped_cells(store: Store) -> None:
    panel = store.create_panel("Fernmoor Police and Crime Panel")
    meeting = store.create_meeting(panel.id, date(2027, 3, 4))
    item = store.add_item(meeting.id, "Business")
    store.add_action(meeting.id, "Check the | pipes and <b>tags</b> and **stars**",
                     item_id=item.id, owner_text="Clerk")
    text = action_log_markdown(store.load_action_log(panel.id))
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    shown = ["".join(c.content for c in t.children or []) for t in tokens if t.type == "inline"]
    assert "Check the | pipes and <b>tags</b> and **stars**" in shown  # one cell, as typed
    assert sum(1 for t in tokens if t.type == "table_open") == 1
    assert sum(1 for t in tokens if t.type == "tr_open") == 2  # header and one action
    assert not any(t.type in ("html_inline", "strong_open") for t in tokens)


def test_actions_command_writes_csv_and_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.db"
    store = Store(str(db))
    try:
        write_demo(store)
        panel = store.list_panels()[0]
    finally:
        store.close()
    args = ["actions", "wessex", "--db", str(db)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ref,Action,") and EXEMPT_ACTION not in out
    assert main([*args, "-o", str(tmp_path)]) == 0
    written = tmp_path / default_action_log_name(panel, "csv")
    assert written.name == "wessex-vale-pcp-action-log.csv"
    assert stat.S_IMODE(os.stat(written).st_mode) == 0o644
    assert main([*args, "-o", str(written)]) == 1
    assert "add --force" in capsys.readouterr().err
    full = tmp_path / "full.md"
    assert main([*args, "--format", "md", "--full", "-o", str(full)]) == 0
    assert EXEMPT_ACTION in full.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(full).st_mode) == 0o600
