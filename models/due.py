"""An action's due date as the clerk types it: a date ("2026-07-01", "1/7/2026") or words ("next
meeting", "the July meeting").

``parse_due(text)`` gives ``(due_date, due_text)``: a date when the text is one; the words as
typed when the text has a letter in it; nothing when empty. Text with no letter that is not a
date ("2026-13-01", "1/7") is refused with the date's one-line message, since it was meant as a
date.
"""

from __future__ import annotations

from datetime import date

from panel_minutes.models.parsing import parse_date


def parse_due(text: str, what: str = "due date") -> tuple[date | None, str]:
    """(date, "") for a date, (None, words) for words, (None, "") for nothing."""
    raw = " ".join(text.split())
    if not raw:
        return None, ""
    if any(ch.isalpha() for ch in raw):
        return None, raw
    return parse_date(raw, what), ""


def due_field(due_date: date | None, due_text: str) -> str:
    """What the due field shows when an action is edited: its words, or its date."""
    if due_text.strip():
        return due_text
    return due_date.isoformat() if due_date else ""
