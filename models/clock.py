"""The time of day as the live screen sees it: one injectable source, so tests can freeze it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from panel_minutes.models.parsing import format_time

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The local wall-clock time (the default clock)."""
    return datetime.now()


def hhmm(moment: datetime) -> str:
    """"10:25": the form stamped on items and procedural notes."""
    return format_time(moment)


def minutes_of(stamp: str) -> int | None:
    """Minutes since midnight of an ``HH:MM`` stamp, or ``None`` if it is not one."""
    hours, sep, minutes = stamp.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit():
        return None
    return int(hours) * 60 + int(minutes)


def running_since(started: str, now: datetime, exact: datetime | None = None) -> str:
    """How long an item started at ``started`` (HH:MM) has run, as ``H:MM:SS`` or ``MM:SS``.

    ``exact``: the moment the item was started, to the second, when this session saw it (the
    stamp keeps only the minute); used while it still says ``started``, so an item started at
    10:25:54 shows 00:00, not 00:54. Without it the clock counts from the stamp's minute.
    "" when there is no start stamp or it lies in the future (a clock changed, or a stamp typed
    by hand for another day).
    """
    start = minutes_of(started)
    if start is None:
        return ""
    seconds = now.hour * 3600 + now.minute * 60 + now.second - start * 60
    if exact is not None and hhmm(exact) == started.strip() and exact.date() == now.date():
        seconds -= exact.second
    if seconds < 0:
        return ""
    hours, rest = divmod(seconds, 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins:02d}:{secs:02d}"


def span(started: str, finished: str) -> str:
    """"10:12-10:58 (46 min)" for a finished item; "" if either stamp is missing."""
    start, end = minutes_of(started), minutes_of(finished)
    if start is None or end is None:
        return ""
    length = end - start
    return f"{started}\u2013{finished} ({length} min)" if length >= 0 else f"{started}\u2013{finished}"
