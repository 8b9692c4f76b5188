"""A panel's action log, every action it has raised, as CSV and as Markdown.

One row per action: reference, text, owner, due date, status, the date of the meeting that raised
it, and its latest progress (the newest update, else its completion note). Public by default:
actions raised at an exempt (Part 2) item are left out; ``full=True`` includes them and marks the
document confidential.

- CSV through the ``csv`` module (RFC 4180 quoting, CRLF line ends), as UTF-8 with a byte order
  mark so that Excel opens the names' accents correctly; dates are ISO (2027-03-04) so that a
  spreadsheet sorts them. A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
  return) is prefixed with ``'``: a spreadsheet would otherwise run it as a formula (CSV
  injection), and typed text such as "=HYPERLINK(...)" must stay text.
- Markdown as one GFM table, every cell escaped (``panel_minutes.models.export.escape``), long dates.

No database here: the store gathers ``ActionLogData`` (``Store.load_action_log``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from panel_minutes.models.domain import (
    ActionData,
    ActionStatus,
    ActionUpdateData,
    PanelData,
    PersonData,
)
from panel_minutes.models.export import escape
from panel_minutes.models.parsing import long_date

STATUS_LABEL = {ActionStatus.OPEN: "Open", ActionStatus.DONE: "Done",
                ActionStatus.DROPPED: "Dropped"}
HEADERS = ("Ref", "Action", "Owner", "Due", "Status", "Raised at", "Latest update")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class ActionLogData:
    """Everything the action log needs about one panel's actions (``Store.load_action_log``)."""

    panel: PanelData
    actions: tuple[ActionData, ...]  # by reference number
    people: dict[int, PersonData] = field(default_factory=dict)  # owners
    meeting_dates: dict[int, date] = field(default_factory=dict)  # meeting id -> held on
    exempt_action_ids: frozenset[int] = frozenset()  # raised at an exempt (Part 2) item
    latest_updates: dict[int, ActionUpdateData] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ActionRow:
    ref: str
    text: str
    owner: str
    due: date | None
    status: str
    raised_at: date | None
    latest_update: str


def action_rows(log: ActionLogData, *, full: bool = False) -> list[ActionRow]:
    """The log's rows in reference order; without ``full``, none raised at an exempt item."""
    rows: list[ActionRow] = []
    for action in log.actions:
        if not full and action.id in log.exempt_action_ids:
            continue
        person = log.people.get(action.owner_id) if action.owner_id is not None else None
        update = log.latest_updates.get(action.id)
        rows.append(ActionRow(
            ref=action.ref,
            text=action.text,
            owner=person.full_name if person is not None else action.owner_text,
            due=action.due_date,
            status=STATUS_LABEL.get(action.status, str(action.status)),
            raised_at=log.meeting_dates.get(action.meeting_id),
            latest_update=update.note if update is not None and update.note.strip()
            else action.completion_note,
        ))
    return rows


def safe_cell(value: str) -> str:
    """``value`` as a spreadsheet will show it, never run it: see the module."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def action_log_csv(log: ActionLogData, *, full: bool = False) -> bytes:
    """The action log as CSV bytes (UTF-8 with a byte order mark)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in action_rows(log, full=full):
        writer.writerow([safe_cell(cell) for cell in (
            row.ref, row.text, row.owner, row.due.isoformat() if row.due else "", row.status,
            row.raised_at.isoformat() if row.raised_at else "", row.latest_update,
        )])
    return out.getvalue().encode("utf-8-sig")


def action_log_markdown(log: ActionLogData, *, full: bool = False) -> str:
    """The action log as Markdown: a heading and one GFM table (escaped cells)."""
    blocks: list[str] = []
    if full:
        blocks.append(
            "**CONFIDENTIAL: full action log, including actions of exempt items. Not for "
            "publication.**"
        )
    blocks.append(f"# Action log: {escape.heading(log.panel.name)}")
    rows = action_rows(log, full=full)
    if not rows:
        blocks.append("The panel has no actions.")
        return "\n\n".join(blocks) + "\n"
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    for row in rows:
        cells = (
            row.ref, row.text, row.owner, long_date(row.due) if row.due else "", row.status,
            long_date(row.raised_at) if row.raised_at else "", row.latest_update,
        )
        lines.append("| " + " | ".join(escape.table_cell(c) for c in cells) + " |")
    blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def default_action_log_name(panel: PanelData, ext: str, *, full: bool = False) -> str:
    """"wessex-vale-pcp-action-log.csv" (``-full`` for the confidential one)."""
    chars = [ch if ch.isascii() and ch.isalnum() else "-" for ch in
             (panel.short_name or panel.name).lower()]
    slug = "-".join(p for p in "".join(chars).split("-") if p).replace(
        "police-and-crime-panel", "pcp") or "panel"
    return f"{slug}-action-log{'-full' if full else ''}.{ext}"
