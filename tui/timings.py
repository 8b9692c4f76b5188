"""How long the app waits before it acts: one frozen record the App owns (``app.timings``).

``make_app(timings=...)`` takes another, so that tests run the same code with short waits
instead of sleeping on real time. The defaults are what the clerk gets.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Timings:
    """Seconds the screens and widgets wait (every field is a delay or an interval)."""

    draft_debounce: float = 0.4  # the first unsaved keystroke to the draft save (promise: 0.5 s)
    retry_every: float = 2.0  # between retries of a save that failed (full disk, locked file)
    clock_tick: float = 1.0  # the live screen's running clock of the current item
    backup_every: float = 600.0  # between automatic backups (kept only when the file changed)
    search_debounce: float = 0.25  # the last keystroke in the search field to the search
    owner_debounce: float = 0.2  # the last keystroke in the action log's owner filter
    typeahead: float = 1.2  # the agenda's type-ahead on item numbers ("1" then "2": item 12)


DEFAULT_TIMINGS = Timings()


def timings_of(app: object) -> Timings:
    """The timings of the running app (``PanelMinutesApp.timings``), or the defaults."""
    found = getattr(app, "timings", None)
    return found if isinstance(found, Timings) else DEFAULT_TIMINGS
