"""Filing from the composer: the rules one filing (or one saved edit) applies in ONE transaction.

``file_entry`` and ``save_edit`` (in ``EntriesMixin``) check a vote against the members present,
mark the item taken, write the entry, and bring the meeting's draft in line with what is still
unfiled, all in the same transaction: a kill just after Enter can neither lose the entry nor offer
the filed (or the corrected) text again as an unsaved draft.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, func, select

from panel_minutes.models import tables as t
from panel_minutes.models.domain import AttendanceStatus, EntryData, EntryKind
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.movements import voters_at
from panel_minutes.models.store.base import as_utc

# Attendance that counts towards a vote: members present and substitutes sitting for members.
VOTING_STATUSES = (AttendanceStatus.PRESENT.value, AttendanceStatus.SUBSTITUTE.value)


@dataclass(frozen=True)
class DraftAfter:
    """What the meeting's draft becomes in the transaction that files from it.

    ``stamp`` is the draft version this window last saved (``None``: it holds none). ``text``,
    ``kind``, ``item_id`` and ``fields`` are what is still unfiled (the composer and any entries
    waiting to be filed); nothing left (empty text and no fields) deletes the draft.
    """

    meeting_id: int
    stamp: datetime | None
    filed_text: str
    text: str = ""
    item_id: int | None = None
    kind: EntryKind = EntryKind.PARAGRAPH
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.text.strip() and not self.fields


@dataclass(frozen=True)
class Filed:
    """An entry filed (or an edit saved) and the draft's version after it.

    ``draft_version`` is the draft's new version (``None``: no draft is left). ``draft_left``:
    the draft belonged to another window and was left exactly as it was.
    """

    entry: EntryData
    draft_version: datetime | None = None
    draft_left: bool = False


def utc(value: datetime) -> datetime:
    """An aware UTC datetime (a zone-less value is taken to be UTC already)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def next_stamp(previous: datetime | None) -> datetime:
    """Now, but always later than ``previous``: every change gets a new version token."""
    now = utc(t.utcnow())
    if previous is not None and now <= utc(previous):
        now = utc(previous) + timedelta(microseconds=1)
    return now


def settle_draft(s: Session, after: DraftAfter) -> tuple[datetime | None, bool]:
    """Replace (or delete) this window's draft with what is still unfiled, in the caller's
    transaction; returns (the draft's new version, whether another window's draft was left).

    The draft is this window's when its version is the one this window last saved, or when its
    text is the filed text or the start of it (an autosave on its way when Enter was pressed).
    """
    row = s.get(t.Draft, after.meeting_id)
    if row is None:
        if after.empty:
            return None, False
        row = t.Draft(meeting_id=after.meeting_id)
    else:
        same = after.stamp is not None and as_utc(row.updated_at) == as_utc(after.stamp)
        typed = row.text.strip()
        filed = after.filed_text.strip()
        if not (same or (typed and filed.startswith(typed)) or (not typed and not filed)):
            return row.updated_at, True
        if after.empty:
            s.delete(row)
            return None, False
    row.text = after.text
    row.item_id = after.item_id
    row.kind = EntryKind(after.kind).value
    row.fields = json.dumps(after.fields, ensure_ascii=False, default=str)
    row.updated_at = next_stamp(row.updated_at)
    s.add(row)
    return as_utc(row.updated_at), False


def voting_present(s: Session, meeting_id: int, at_time: str | None = None) -> int:
    """How many people could vote at ``at_time``: members present and substitutes, less those
    minuted as gone or out of the room then (``panel_minutes.models.movements``); without a time, the most
    present at any one time during the meeting (so a vote with no time is never wrongly
    refused)."""
    from panel_minutes.models.store.sitting import read_presences

    return voters_at(read_presences(s, meeting_id).values(), at_time or None)


def check_vote_total(
    s: Session, meeting_id: int, counts: dict[str, Any], *, at_time: str | None = None
) -> None:
    """Refuse counts adding up to more votes than voting members present when the vote was
    taken (one line). A meeting whose attendance has not been taken (no one present) is not
    checked."""
    from panel_minutes.models.parsing import parse_time

    total = sum(v for v in counts.values() if isinstance(v, int))
    if not total:
        return
    when = parse_time(at_time or "", "time of the vote") or None
    present = voting_present(s, meeting_id, when)
    taken = present or voting_present(s, meeting_id)  # attendance was taken
    if taken and total > present:
        at = f" at {when}" if when else ""
        raise ValidationError(
            f"The vote adds up to {total}, but only {present} voting members were present{at}. "
            "Check the counts, or the attendance (arrivals and departures are F5 notes).",
            field="vote",
        )


def check_entry_votes(
    s: Session, meeting_id: int, row: t.Entry, *, at_time: str | None = None
) -> None:
    """The vote of a resolution, checked against those present (at ``at_time``, when the vote
    was taken; without it, the most present at any one time)."""
    if row.kind != EntryKind.RESOLUTION.value:
        return
    check_vote_total(
        s, meeting_id,
        {"vote_for": row.vote_for, "vote_against": row.vote_against,
         "vote_abstain": row.vote_abstain},
        at_time=at_time,
    )


def take_item(s: Session, row: t.AgendaItem) -> None:
    """Record that the item is being taken now (the next in the order actually taken)."""
    if row.taken_position is not None:
        return
    highest = s.exec(
        select(func.max(t.AgendaItem.taken_position)).where(
            col(t.AgendaItem.meeting_id) == row.meeting_id
        )
    ).one()
    row.taken_position = 0 if highest is None else int(highest) + 1
    s.add(row)
    s.flush()
