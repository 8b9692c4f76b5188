"""How the minutes show an action in the house style: its due date (a date, or words such as
"next meeting"), the inline line after its item ("ACTION: the Clerk to request the traffic survey,
by the July meeting."), and where actions go (``ActionPlacement``: a table at the end, inline,
or both).

Plain functions on plain values; the Markdown export escapes what the clerk typed before it
fills a template (``panel_minutes.models.export.templates.fill``, which drops ", by {due}" when there is no
due date).
"""

from __future__ import annotations

from panel_minutes.models.domain import ActionData
from panel_minutes.models.house_style import ActionPlacement, HouseStyle
from panel_minutes.models.parsing import long_date


def due_words(action: ActionData) -> str:
    """"1 July 2026", or the due date in words ("next meeting"), or ""."""
    if action.due_text.strip():
        return " ".join(action.due_text.split())
    return long_date(action.due_date) if action.due_date else ""


def inline(style: HouseStyle) -> bool:
    """Whether actions are minuted after their item."""
    return style.actions in (ActionPlacement.INLINE, ActionPlacement.BOTH)


def in_table(style: HouseStyle, action: ActionData, shown_inline: bool) -> bool:
    """Whether the end table lists ``action``: always under table or both; under inline, only an
    action that was not minuted after an item (one raised with no item), so none is lost."""
    if style.actions is ActionPlacement.INLINE:
        return not shown_inline
    return True


def action_text(text: str) -> str:
    """The action as it reads after "to" in the inline line: typed text, no closing stop."""
    return " ".join(text.split()).rstrip(" .")
