"""Moving between the app's screens where a key means "go back to a given place"."""

from __future__ import annotations

from textual.app import App


def back_to_meetings(app: App[object], select: int | None = None) -> None:
    """Close every screen above the list of meetings (the app's first and bottom screen),
    however the current one was reached (from Setup, from a search hit), then re-read the list
    with ``select`` highlighted. Nothing is asked: the screens closed hold no unsaved typing
    (the live screen writes its draft before calling this)."""
    from panel_minutes.screens.meetings import MeetingsScreen

    bottom = app.screen_stack[0]
    while len(app.screen_stack) > 1:
        app.pop_screen()
    if isinstance(bottom, MeetingsScreen):
        bottom.reload(select=select)
