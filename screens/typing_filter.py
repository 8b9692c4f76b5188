"""Type-to-filter between a filter Input and the list under it, shared by list screens."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input


def route_filter_keys(
    screen: Screen[Any], event: events.Key, field: Input, table: Widget, *, can_go_down: bool
) -> None:
    """Down in the filter moves to the list; a stray printable key in the list (one that is not
    a binding) starts typing in the filter, so a clerk can just type what they are looking for."""
    if screen.focused is field and event.key == "down" and can_go_down:
        event.stop()
        table.focus()
    elif (
        screen.focused is table
        and event.is_printable
        and event.character is not None
        and not event.character.isspace()
        and event.key not in screen.active_bindings
    ):
        event.stop()
        field.focus()
        field.insert_text_at_cursor(event.character)
