"""Stock phrases: the panel's own sentences the clerk inserts in the composer with one key.

A phrase is kept in the panel's house style (``HouseStyle.phrases``) and may hold placeholders,
filled as it is inserted, so the composer shows the very words that will be filed:

- ``{presenter}``: the current item's presenter (empty when the item names none);
- ``{chair}``: the name of whoever attends this meeting in the capacity of the panel's chair
  title ("Chair", "Chairman"); when no one does, the chair title itself;
- ``{now}``: the time now, as the house style prints times ("10.30 am" or "10:30").

A phrase whose braces do not pair up (one kept before the check) is inserted as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from panel_minutes.models.domain import AttendanceData, AttendanceStatus
from panel_minutes.models.house_style import HouseStyle, TimeStyle
from panel_minutes.models.parsing import format_time, minutes_time


def chair_name(attendance: Iterable[AttendanceData], chair_title: str) -> str:
    """The full name of the member attending in the capacity ``chair_title`` (case aside);
    else ``chair_title``."""
    wanted = chair_title.strip().lower()
    for record in attendance:
        if record.status in (AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT):
            continue
        if record.capacity.strip().lower() == wanted:
            return record.person.full_name
    return chair_title


def fill_phrase(
    phrase: str, *, presenter: str, chair: str, now: datetime, style: HouseStyle
) -> str:
    """``phrase`` with ``{presenter}``, ``{chair}`` and ``{now}`` filled in. A placeholder with
    nothing to fill it (an item with no presenter) stays as typed, so the clerk sees what is
    missing in the composer before Enter instead of a sentence that starts with a space."""
    values = {
        key: value
        for key, value in (
            ("presenter", " ".join(presenter.split())),
            ("chair", " ".join(chair.split())),
            ("now", minutes_time(format_time(now), style.times is TimeStyle.TWELVE)),
        )
        if value
    }
    try:
        return phrase.format_map(_Known(values))
    except (ValueError, IndexError, AttributeError):
        return phrase


class _Known(dict[str, str]):
    """Placeholders other than the three known ones stay as they were typed."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
