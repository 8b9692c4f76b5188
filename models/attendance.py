"""Rules about who can stand in for whom at a meeting (no Textual here)."""

from __future__ import annotations

from collections.abc import Sequence

from panel_minutes.models.domain import AttendanceData, AttendanceStatus

# The statuses of a member listed at a meeting (as opposed to a substitute, someone also
# present or an officer in attendance).
MEMBER_STATUSES = frozenset(
    {AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT}
)


def substitute_candidates(attendance: Sequence[AttendanceData]) -> list[AttendanceData]:
    """The members a substitute can stand in for: every member listed at the meeting (present,
    apologies or absent), whether or not the panel lists them as standing members, who has no
    substitute yet. In the order of the attendance."""
    covered = {a.substitute_for.id for a in attendance if a.substitute_for is not None}
    return [a for a in attendance
            if a.status in MEMBER_STATUSES and a.person.id not in covered]
