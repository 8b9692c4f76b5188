"""Dates and times as the clerk types them, and as the minutes write them: the one place.

Every screen, the composer, the command line and the store read a typed date or time through
these functions, so the same text is accepted or refused the same way everywhere, with the same
message (a ``ValidationError``, one line fit to show as it is).

- A date is typed ``2026-11-17`` or ``17/11/2026`` (also ``17.11.2026``).
- A time of day is typed on the 24-hour clock (``19:00``, ``19.00``, ``1900``, ``9:05``) or the
  12-hour clock (``7pm``, ``7 pm``, ``7.00 pm``, ``7:30 p.m.``, ``12am`` is midnight, ``12pm``
  noon). Minutes take two digits: ``9:5`` is refused (9:05 or 9:50?). A time is kept and shown
  as ``HH:MM`` (``format_time``).
- Dates are written in English whatever the machine's locale: ``long_date`` "17 November 2026",
  ``weekday_date`` "Tuesday 17 November 2026", ``short_date`` "17 Nov 2026".
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from panel_minutes.models.errors import ValidationError

DATE_HINT = "YYYY-MM-DD or DD/MM/YYYY"
TIME_HINT = "19:00, 7pm or 7.30 pm"

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_UK_DATE = re.compile(r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})")
# 24-hour clock: "19:00", "19.00", "9:05" or the digits alone, "1900", "905".
_CLOCK_24 = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})|([0-9]{1,2})([0-9]{2})")
# 12-hour clock: "7pm", "7 PM", "7.00 pm", "7:30p.m.", "730pm".
_CLOCK_12 = re.compile(r"([0-9]{1,2})(?:[:.]?([0-9]{2}))?\s*([ap])\.?\s*m\.?", re.IGNORECASE)

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)


# --- reading what was typed ----------------------------------------------------------------------


def parse_date(text: str, what: str = "date") -> date:
    """The date typed in ``text`` (``what`` names the field in the message); empty is refused."""
    raw = text.strip()
    if not raw:
        raise ValidationError(f"Type the {what} ({DATE_HINT}).")
    iso, uk = _ISO_DATE.fullmatch(raw), _UK_DATE.fullmatch(raw)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif uk:
        day, month, year = (int(g) for g in uk.groups())
    else:
        raise ValidationError(f"The {what} {raw!r} is not a date: type it as {DATE_HINT}.")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(
            f"The {what} {raw!r} is not a real date (day {day}, month {month}, year {year})."
        ) from None


def parse_optional_date(text: str, what: str = "date") -> date | None:
    """Like ``parse_date``, but an empty field means no date (``None``)."""
    return parse_date(text, what) if text.strip() else None


def parse_time(text: str, what: str = "time") -> str:
    """The time of day typed in ``text`` as ``HH:MM``; empty stays empty (see the module's doc)."""
    raw = text.strip()
    if not raw:
        return ""
    moment = _clock_24(raw) or _clock_12(raw)
    if moment is None:
        raise ValidationError(f"The {what} {raw!r} is not a time of day: type it as {TIME_HINT}.")
    return format_time(moment)


def _clock_24(raw: str) -> time | None:
    match = _CLOCK_24.fullmatch(raw)
    if not match:
        return None
    hours, minutes = (int(g) for g in match.groups() if g is not None)
    return time(hours, minutes) if hours < 24 and minutes < 60 else None


def _clock_12(raw: str) -> time | None:
    match = _CLOCK_12.fullmatch(raw)
    if not match:
        return None
    hours, minutes = int(match[1]), int(match[2] or 0)
    if not 1 <= hours <= 12 or minutes >= 60:
        return None
    hours %= 12  # 12am is midnight, 12pm noon
    if match[3].lower() == "p":
        hours += 12
    return time(hours, minutes)


def date_problem(text: str, what: str = "date") -> str | None:
    """For prompt validators: the message ``parse_date`` would raise, or ``None``."""
    try:
        parse_date(text, what)
    except ValidationError as err:
        return str(err)
    return None


def time_problem(text: str, what: str = "time") -> str | None:
    """For prompt validators: the message ``parse_time`` would raise, or ``None``."""
    try:
        parse_time(text, what)
    except ValidationError as err:
        return str(err)
    return None


# --- writing dates and times ---------------------------------------------------------------------


def format_time(moment: time | datetime) -> str:
    """"09:05": how a time of day is kept and shown (24-hour clock, two digits each)."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def long_date(day: date) -> str:
    """"17 November 2026" (no leading zero), as minutes write dates; English in any locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def weekday_date(day: date) -> str:
    """"Tuesday 17 November 2026"."""
    return f"{_WEEKDAYS[day.weekday()]} {long_date(day)}"


def short_date(day: date) -> str:
    """"17 Nov 2026", where a column is narrow (the action log)."""
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


def minutes_time(kept: str, twelve_hour: bool) -> str:
    """A kept "HH:MM" time as the house style prints it: "10:30", or "10.30 am" / "7.00 pm" /
    "12.00 noon" with ``twelve_hour``. Text that is not a kept time is returned as it is."""
    try:
        moment = datetime.strptime(kept.strip(), "%H:%M").time()
    except ValueError:
        return kept
    if not twelve_hour:
        return format_time(moment)
    if moment.hour == 12 and moment.minute == 0:
        return "12.00 noon"
    hour = moment.hour % 12 or 12
    return f"{hour}.{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"
