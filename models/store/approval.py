"""Approving minutes at a later meeting, amendments to approved minutes, and undoing approval.

The rules:

- ``approve_minutes`` records, at the later meeting (in its "Minutes of the previous meeting" item
  unless another item is named), the resolution "that the minutes of the meeting held on
  15 September 2026 be agreed as a correct record" (with ", subject to the following amendments:
  ..." when amendments were agreed), records those amendments with the minutes they amend (an
  Amendment agreed at the later meeting), and marks the earlier meeting approved, in one
  transaction;
- an approved meeting is read-only: every write to it, its items, entries, attendance,
  declarations and the wording of actions raised at it raises ``ReadOnlyMeetingError`` (progress
  on those actions is still recorded: it belongs to the later meetings that review them);
- a correction to approved minutes is an Amendment: dated, listed with the minutes, never a silent
  change of the text;
- approval is undone only by ``undo_approval`` with a reason, itself recorded as an Amendment of
  kind ``approval_undone`` (the resolution at the later meeting stays: it was minuted there).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, func, select, update

from panel_minutes.models import tables as t
from panel_minutes.models.domain import (
    AmendmentData,
    AmendmentKind,
    ApprovalData,
    EntryKind,
    ItemKind,
    MeetingStatus,
)
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.parsing import long_date
from panel_minutes.models.store.base import (
    StoreBase,
    amendment_data,
    entry_data,
    meeting_data,
    require_text,
)

PREVIOUS_MINUTES_TITLE = "Minutes of the previous meeting"


def approval_text(held_on: date, amendments: str = "") -> str:
    """The resolution's text, without "RESOLVED" (export and screens add it)."""
    text = (
        f"that the minutes of the meeting held on {long_date(held_on)} be agreed as a correct "
        "record"
    )
    extra = " ".join(amendments.split()).rstrip(". ")
    if extra:
        text += f", subject to the following amendments: {extra}"
    return text + "."


class ApprovalMixin(StoreBase):
    def approve_minutes(
        self,
        meeting_id: int,
        *,
        at_meeting_id: int | None,
        amendments: str = "",
        item_id: int | None = None,
    ) -> ApprovalData:
        """Mark ``meeting_id``'s minutes approved; with ``at_meeting_id``, minute the resolution.

        ``at_meeting_id=None`` approves without minuting it anywhere (for minutes agreed outside
        a meeting); ``item_id`` names the later meeting's item to minute it in.
        """
        with self._session() as s:
            meeting = self._get(s, t.Meeting, meeting_id, "meeting")
            if meeting.status == MeetingStatus.APPROVED.value:
                when = f" on {long_date(meeting.approved_at.date())}" if meeting.approved_at else ""
                raise ValidationError(
                    f"The minutes of the meeting held on {long_date(meeting.held_on)} were "
                    f"already approved{when}. To approve them again, undo the approval first."
                )
            entry = None
            if at_meeting_id is not None:
                later = self._approving_meeting(s, meeting, at_meeting_id)
                item = self._approval_item(s, later, item_id)
                assert item.id is not None
                count = s.exec(
                    select(func.count()).select_from(t.Entry).where(
                        col(t.Entry.item_id) == item.id
                    )
                ).one()
                row = t.Entry(
                    item_id=item.id, position=int(count), kind=EntryKind.RESOLUTION.value,
                    text=approval_text(meeting.held_on, amendments),
                )
                s.add(row)
                s.flush()
                entry = entry_data(row)
            agreed = " ".join(amendments.split())
            if agreed:  # shown with the minutes they amend, not only in the later resolution
                s.add(t.Amendment(
                    meeting_id=meeting_id, kind=AmendmentKind.AMENDMENT.value, text=agreed,
                    recorded_at_meeting_id=at_meeting_id,
                ))
            meeting.status = MeetingStatus.APPROVED.value
            meeting.approved_at = t.utcnow()
            meeting.approved_at_meeting_id = at_meeting_id
            meeting.updated_at = t.utcnow()
            s.add(meeting)
            s.flush()
            return ApprovalData(meeting=meeting_data(meeting), entry=entry)

    def _approving_meeting(
        self, s: Session, meeting: t.Meeting, at_meeting_id: int
    ) -> t.Meeting:
        if at_meeting_id == meeting.id:
            raise ValidationError(
                "Minutes are approved at a later meeting, not at the meeting they record."
            )
        later = self._editable_meeting(s, at_meeting_id)
        if later.panel_id != meeting.panel_id:
            raise ValidationError(
                "Minutes are approved at a later meeting of the same panel; that meeting "
                "belongs to another panel."
            )
        if later.held_on < meeting.held_on:
            raise ValidationError(
                f"The meeting of {long_date(later.held_on)} was held before the meeting of "
                f"{long_date(meeting.held_on)}; minutes are approved at a later meeting."
            )
        return later

    @staticmethod
    def _approval_item(s: Session, later: t.Meeting, item_id: int | None) -> t.AgendaItem:
        """The named item, else the later meeting's "Minutes of the previous meeting" item
        (added after apologies and declarations when the agenda has none)."""
        items = list(
            s.exec(
                select(t.AgendaItem)
                .where(col(t.AgendaItem.meeting_id) == later.id)
                .order_by(col(t.AgendaItem.position), col(t.AgendaItem.id))
            ).all()
        )
        if item_id is not None:
            for item in items:
                if item.id == item_id:
                    return item
            raise ValidationError(
                f"Item {item_id} is not on the agenda of the meeting held on "
                f"{long_date(later.held_on)}."
            )
        for item in items:
            if item.kind == ItemKind.PREVIOUS_MINUTES.value:
                return item
        opening = (ItemKind.APOLOGIES.value, ItemKind.DECLARATIONS.value)
        pos = 0
        for item in items:
            if item.kind in opening:
                pos = item.position + 1
        assert later.id is not None
        s.exec(
            update(t.AgendaItem)
            .where(col(t.AgendaItem.meeting_id) == later.id)
            .where(col(t.AgendaItem.position) >= pos)
            .values(position=col(t.AgendaItem.position) + 1)
        )
        row = t.AgendaItem(
            meeting_id=later.id, position=pos, title=PREVIOUS_MINUTES_TITLE,
            kind=ItemKind.PREVIOUS_MINUTES.value,
        )
        s.add(row)
        s.flush()
        return row

    def record_amendment(
        self, meeting_id: int, text: str, at_meeting_id: int | None = None
    ) -> AmendmentData:
        """Record a dated, visible correction to approved minutes (their text is not changed)."""
        body = require_text(text, "amendment")
        with self._session() as s:
            meeting = self._get(s, t.Meeting, meeting_id, "meeting")
            if meeting.status != MeetingStatus.APPROVED.value:
                raise ValidationError(
                    f"The minutes of the meeting held on {long_date(meeting.held_on)} are not "
                    "approved yet: correct them directly instead of recording an amendment."
                )
            if at_meeting_id is not None:
                at = self._get(s, t.Meeting, at_meeting_id, "meeting")
                if at.panel_id != meeting.panel_id:
                    raise ValidationError(
                        "An amendment is agreed at a meeting of the same panel; that meeting "
                        "belongs to another panel."
                    )
            row = t.Amendment(
                meeting_id=meeting_id, kind=AmendmentKind.AMENDMENT.value, text=body,
                recorded_at_meeting_id=at_meeting_id,
            )
            s.add(row)
            s.flush()
            return amendment_data(row)

    def undo_approval(self, meeting_id: int, reason: str) -> AmendmentData:
        """Make approved minutes editable again; the undoing is recorded with its reason."""
        why = require_text(reason, "reason for undoing the approval")
        with self._session() as s:
            meeting = self._get(s, t.Meeting, meeting_id, "meeting")
            if meeting.status != MeetingStatus.APPROVED.value:
                raise ValidationError(
                    f"The minutes of the meeting held on {long_date(meeting.held_on)} are not "
                    "approved, so there is no approval to undo."
                )
            where = ""
            if meeting.approved_at_meeting_id is not None:
                at = s.get(t.Meeting, meeting.approved_at_meeting_id)
                if at is not None:
                    where = f" at the meeting held on {long_date(at.held_on)}"
            row = t.Amendment(
                meeting_id=meeting_id, kind=AmendmentKind.APPROVAL_UNDONE.value,
                text=f"The approval of these minutes{where} was undone: {why}",
                recorded_at_meeting_id=None,
            )
            meeting.status = MeetingStatus.DRAFT.value
            meeting.approved_at = None
            meeting.approved_at_meeting_id = None
            meeting.updated_at = t.utcnow()
            s.add(meeting)
            s.add(row)
            s.flush()
            return amendment_data(row)

    def list_amendments(self, meeting_id: int) -> list[AmendmentData]:
        """The meeting's amendments and approval events, oldest first."""
        with self._session() as s:
            self._get(s, t.Meeting, meeting_id, "meeting")
            rows = s.exec(
                select(t.Amendment)
                .where(col(t.Amendment.meeting_id) == meeting_id)
                .order_by(col(t.Amendment.recorded_at), col(t.Amendment.id))
            ).all()
            return [amendment_data(r) for r in rows]
