"""Actions: raised at a meeting, owned by the panel, carried to later meetings until closed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, Unpack

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from panel_minutes.models import tables as t
from panel_minutes.models.domain import (
    ActionData,
    ActionStatus,
    ActionUpdateData,
    DeletedActionData,
    MeetingStatus,
)
from panel_minutes.models.errors import ReadOnlyMeetingError, ValidationError
from panel_minutes.models.parsing import long_date
from panel_minutes.models.patches import ActionPatch, keys
from panel_minutes.models.store.base import (
    StoreBase,
    action_data,
    action_update_data,
    apply_fields,
    held_before,
    owners_json,
    require_text,
)
from panel_minutes.models.store.deleted import (
    action_from_json,
    action_json,
    check_confidential_target,
    deleted_action_data,
    kept_for,
    kept_rows,
    updates_from_json,
    updates_json,
)
from panel_minutes.models.store.entries import drop_filed_draft
from panel_minutes.models.store.filing import DraftAfter, settle_draft

# Fields minuted when the action was raised: fixed once those minutes are approved.
MINUTED_ACTION_FIELDS = frozenset(
    {"text", "owner_id", "owner_text", "due_date", "due_text", "more_owners", "item_id"}
)
ACTION_FIELDS = keys(ActionPatch)


class ActionsMixin(StoreBase):
    def add_action(
        self,
        meeting_id: int,
        text: str,
        *,
        item_id: int | None = None,
        owner_id: int | None = None,
        owner_text: str = "",
        due_date: date | None = None,
        due_text: str = "",
        more_owners: Sequence[tuple[int | None, str]] = (),
        clear_draft_of: int | None = None,
        draft_stamp: datetime | None = None,
    ) -> ActionData:
        """Raise an action at ``meeting_id``; ``clear_draft_of`` as for ``add_entry``;
        ``due_text``: a due date in words ("next meeting") when it is not a date."""
        with self._session() as s:
            row = self._insert_action(s, meeting_id, text, item_id, owner_id, owner_text,
                                      due_date, due_text, more_owners)
            if clear_draft_of is not None:
                drop_filed_draft(s, clear_draft_of, draft_stamp, text)
            s.flush()
            return action_data(row)

    def file_action(
        self,
        meeting_id: int,
        text: str,
        *,
        item_id: int | None = None,
        owner_id: int | None = None,
        owner_text: str = "",
        due_date: date | None = None,
        due_text: str = "",
        more_owners: Sequence[tuple[int | None, str]] = (),
        draft: DraftAfter | None = None,
    ) -> tuple[ActionData, datetime | None, bool]:
        """Raise an action from the composer: the action, and the draft replaced by what is
        still unfiled (``settle_draft``), in one transaction. Returns the action, the draft's
        new version and whether another window's draft was left alone."""
        with self._session() as s:
            row = self._insert_action(s, meeting_id, text, item_id, owner_id, owner_text,
                                      due_date, due_text, more_owners)
            version: datetime | None = None
            left = False
            if draft is not None:
                version, left = settle_draft(s, draft)
            s.flush()
            return action_data(row), version, left

    def _insert_action(
        self, s: Session, meeting_id: int, text: str, item_id: int | None,
        owner_id: int | None, owner_text: str, due_date: date | None, due_text: str = "",
        more_owners: Sequence[tuple[int | None, str]] = (),
    ) -> t.Action:
        body = require_text(text, "action")
        meeting = self._editable_meeting(s, meeting_id)
        if item_id is not None:
            item = self._get(s, t.AgendaItem, item_id, "agenda item")
            if item.meeting_id != meeting_id:
                raise ValidationError("The item belongs to another meeting.")
        if owner_id is not None:
            self._get(s, t.Person, owner_id, "person")
        for pid, _text in more_owners:
            if pid is not None:
                self._get(s, t.Person, pid, "person")
        highest = s.exec(
            select(func.max(t.Action.ref_no)).where(col(t.Action.panel_id) == meeting.panel_id)
        ).one()
        count = s.exec(
            select(func.count()).select_from(t.Action).where(
                col(t.Action.meeting_id) == meeting_id
            )
        ).one()
        row = t.Action(
            panel_id=meeting.panel_id, meeting_id=meeting_id, item_id=item_id,
            ref_no=int(highest or 0) + 1, text=body, owner_id=owner_id,
            owner_text=owner_text.strip(), due_date=due_date,
            due_text=" ".join(due_text.split()), more_owners=owners_json(more_owners),
            position=int(count),
        )
        s.add(row)
        return row

    def update_action(self, action_id: int, **patch: Unpack[ActionPatch]) -> ActionData:
        fields: dict[str, Any] = dict(patch)
        if "text" in fields:
            fields["text"] = require_text(str(fields["text"]), "action")
        if "status" in fields:
            fields["status"] = ActionStatus(fields["status"]).value
        with self._session() as s:
            row = self._get(s, t.Action, action_id, "action")
            if fields.get("owner_id") is not None:
                self._get(s, t.Person, fields["owner_id"], "person")
            if "more_owners" in fields:
                for pid, _text in fields["more_owners"]:
                    if pid is not None:
                        self._get(s, t.Person, pid, "person")
                fields["more_owners"] = owners_json(fields["more_owners"])
            minuted = fields.keys() & MINUTED_ACTION_FIELDS
            if any(getattr(row, k) != fields[k] for k in minuted):
                self._minuted_action_check(s, row)
            apply_fields(row, fields, ACTION_FIELDS)
            # Closing dates the closure (as set_action_status does), so the next meeting reports
            # it; reopening clears the date.
            if "closed_on" not in fields:
                if row.status == ActionStatus.OPEN.value:
                    row.closed_on = None
                elif row.closed_on is None:
                    row.closed_on = date.today()
            if (
                fields.keys() & {"status", "closed_on"}
                and row.status != ActionStatus.OPEN.value
                and row.closed_on is not None
            ):
                self._closing_date_check(s, row, row.closed_on)
            s.add(row)
            s.flush()
            return action_data(row)

    @staticmethod
    def _minuted_action_check(s: Session, row: t.Action) -> None:
        """The wording, owner and due date of an action are part of the minutes that raised it."""
        meeting = s.get(t.Meeting, row.meeting_id)
        if meeting is not None and meeting.status == MeetingStatus.APPROVED.value:
            raise ReadOnlyMeetingError(
                f"Action A{row.ref_no} was raised at the meeting held on "
                f"{long_date(meeting.held_on)}, whose minutes are approved: its wording, owner and due "
                "date are part of that record. Report progress or a new date as an update at a "
                "later meeting, or record an amendment to those minutes."
            )

    def set_action_status(
        self,
        action_id: int,
        status: ActionStatus,
        *,
        note: str = "",
        on: date | None = None,
        meeting_id: int | None = None,
    ) -> ActionData:
        """Close (done/dropped) or reopen an action; with ``meeting_id`` the change is minuted at
        that meeting (an update there) and the closing date defaults to the meeting's date. A
        closing date before the meeting that raised the action is refused."""
        status = ActionStatus(status)
        with self._session() as s:
            row = self._get(s, t.Action, action_id, "action")
            default_day = date.today()
            if meeting_id is not None:  # the progress is minuted there, and dated by it
                default_day = self._reporting_meeting(s, row, meeting_id).held_on
            row.status = status.value
            if status is ActionStatus.OPEN:
                row.closed_on = None
            else:
                row.closed_on = on or default_day
                self._closing_date_check(s, row, row.closed_on)
            if note.strip():
                row.completion_note = note.strip()
            s.add(row)
            if meeting_id is not None:
                s.add(t.ActionUpdate(action_id=action_id, meeting_id=meeting_id,
                                     note=note.strip(), status=status.value))
            s.flush()
            return action_data(row)

    def _reporting_meeting(self, s: Session, action: t.Action, meeting_id: int) -> t.Meeting:
        """The meeting at which progress on ``action`` is minuted: editable, of the same panel,
        and not held before the meeting that raised the action."""
        meeting = self._editable_meeting(s, meeting_id)
        raised = s.get(t.Meeting, action.meeting_id)
        if meeting.panel_id != action.panel_id or (
            raised is not None and (raised.held_on, _id_of(raised)) > (meeting.held_on, meeting_id)
        ):
            raise ValidationError(
                f"Action A{action.ref_no} was not raised before the meeting held on "
                f"{_long(meeting.held_on)}, so its progress cannot be minuted there. Open the "
                "action log from a later meeting of the same panel."
            )
        return meeting

    @staticmethod
    def _closing_date_check(s: Session, action: t.Action, closed_on: date) -> None:
        """An action cannot be closed before the meeting that raised it."""
        raised = s.get(t.Meeting, action.meeting_id)
        if raised is not None and closed_on < raised.held_on:
            raise ValidationError(
                f"A{action.ref_no} was raised at the meeting held on {_long(raised.held_on)}: "
                f"give a closing date on or after {_long(raised.held_on)}."
            )

    def add_action_update(
        self, action_id: int, meeting_id: int, note: str, status: ActionStatus | None = None
    ) -> ActionUpdateData:
        """Progress on an earlier action reported at ``meeting_id`` (matters arising)."""
        with self._session() as s:
            action = self._get(s, t.Action, action_id, "action")
            self._reporting_meeting(s, action, meeting_id)
            row = t.ActionUpdate(
                action_id=action_id, meeting_id=meeting_id, note=require_text(note, "update"),
                status=ActionStatus(status or action.status).value,
            )
            s.add(row)
            s.flush()
            return action_update_data(row)

    def delete_action(self, action_id: int) -> None:
        """Delete the action; it is kept, with its progress reports, in ``deleted_action`` (same
        transaction) for ``restore_action`` (undo) or ``restore_deleted_action``."""
        with self._session() as s:
            row = self._get(s, t.Action, action_id, "action")
            self._editable_meeting(s, row.meeting_id)
            keep_deleted_action(s, row)
            s.delete(row)

    def restore_action(self, data: ActionData) -> ActionData:
        """Put back a deleted action (undo): its number if still free, its progress reports; it
        leaves the deleted list. One transaction."""
        with self._session() as s:
            kept = kept_for(s, t.DeletedAction, data.id)
            return self._put_back_action(s, data, data.item_id, kept)

    def list_deleted_actions(self, meeting_id: int) -> list[DeletedActionData]:
        """The meeting's deleted actions, most recently deleted first."""
        with self._session() as s:
            return [deleted_action_data(r) for r in kept_rows(s, t.DeletedAction, meeting_id)]

    def restore_deleted_action(self, deleted_id: int, item_id: int | None = None) -> ActionData:
        """Put a deleted action back (under ``item_id`` if given, else under its own item)."""
        with self._session() as s:
            kept = self._get(s, t.DeletedAction, deleted_id, "deleted action")
            data = action_from_json(kept.action)
            return self._put_back_action(
                s, data, item_id if item_id is not None else kept.item_id, kept
            )

    def _put_back_action(
        self, s: Session, data: ActionData, item_id: int | None, kept: t.DeletedAction | None
    ) -> ActionData:
        meeting = self._editable_meeting(s, data.meeting_id)
        item = None if item_id is None else s.get(t.AgendaItem, item_id)
        if item_id is not None and (item is None or item.meeting_id != meeting.id):
            raise ValidationError("A deleted action can only go back into its own meeting.")
        if kept is not None:
            check_confidential_target(s, kept.deleted_item_id, item, "action")
        owner_id = data.owner_id if data.owner_id and s.get(t.Person, data.owner_id) else None
        taken = s.exec(
            select(func.count()).select_from(t.Action)
            .where(col(t.Action.panel_id) == meeting.panel_id)
            .where(col(t.Action.ref_no) == data.ref_no)
        ).one()
        ref_no = data.ref_no
        if taken:  # its number was given to a later action: it takes the next one
            highest = s.exec(
                select(func.max(t.Action.ref_no)).where(col(t.Action.panel_id) == meeting.panel_id)
            ).one()
            ref_no = int(highest or 0) + 1
        count = s.exec(
            select(func.count()).select_from(t.Action)
            .where(col(t.Action.meeting_id) == meeting.id)
        ).one()
        row = t.Action(
            panel_id=meeting.panel_id, meeting_id=data.meeting_id, item_id=item_id, ref_no=ref_no,
            text=data.text, owner_id=owner_id, owner_text=data.owner_text, due_date=data.due_date,
            due_text=data.due_text, more_owners=owners_json(data.more_owners),
            status=data.status.value, completion_note=data.completion_note,
            closed_on=data.closed_on, position=int(count),
        )
        s.add(row)
        s.flush()
        back = action_data(row)
        if kept is not None:
            for at, note, status, when in updates_from_json(kept.updates):
                if s.get(t.Meeting, at) is not None:
                    s.add(t.ActionUpdate(action_id=back.id, meeting_id=at, note=note,
                                         status=status.value, created_at=when))
            s.delete(kept)
            s.flush()
        return back

    def get_action(self, action_id: int) -> ActionData:
        with self._session() as s:
            return action_data(self._get(s, t.Action, action_id, "action"))

    def list_actions(
        self,
        panel_id: int | None = None,
        *,
        meeting_id: int | None = None,
        status: ActionStatus | None = None,
        owner: str = "",
        overdue_on: date | None = None,
    ) -> list[ActionData]:
        """Actions filtered by panel, meeting, status, owner text/name and overdue date."""
        stmt = select(t.Action)
        if panel_id is not None:
            stmt = stmt.where(col(t.Action.panel_id) == panel_id)
        if meeting_id is not None:
            stmt = stmt.where(col(t.Action.meeting_id) == meeting_id)
        if status is not None:
            stmt = stmt.where(col(t.Action.status) == ActionStatus(status).value)
        if overdue_on is not None:
            stmt = stmt.where(col(t.Action.status) == ActionStatus.OPEN.value).where(
                col(t.Action.due_date) < overdue_on
            )
        if owner.strip():
            needle = f"%{owner.strip()}%"
            people = select(t.Person.id).where(col(t.Person.name).ilike(needle))
            stmt = stmt.where(
                col(t.Action.owner_text).ilike(needle) | col(t.Action.owner_id).in_(people)
            )
        stmt = stmt.order_by(col(t.Action.ref_no))
        with self._session() as s:
            return [action_data(r) for r in s.exec(stmt).all()]

    @staticmethod
    def _later_meetings(meeting: t.Meeting) -> Any:
        """The ids of the panel's meetings held after ``meeting`` (a subquery)."""
        return select(t.Meeting.id).where(col(t.Meeting.panel_id) == meeting.panel_id).where(
            (col(t.Meeting.held_on) > meeting.held_on)
            | ((col(t.Meeting.held_on) == meeting.held_on) & (col(t.Meeting.id) > meeting.id))
        )

    @staticmethod
    def _carried(s: Session, meeting: t.Meeting) -> list[t.Action]:
        """Actions of the panel's earlier meetings that this meeting reviews, as they stood at
        it: those with progress reported at it; those open at it (open now, closed after it, or
        whose closure was first reported at a later meeting, whatever date it was given); and
        those closed since the previous meeting (so their completion is minuted once)."""
        earlier = select(t.Meeting.id).where(held_before(meeting))
        previous = s.exec(select(func.max(t.Meeting.held_on)).where(held_before(meeting))).one()
        if previous is None:
            return []
        # A closure already minuted at an earlier meeting (an update closing it, at a meeting held
        # on or after the closing date) is not reported again.
        reporting = aliased(t.Meeting)
        closure_minuted = (
            select(t.ActionUpdate.id)
            .join(reporting, col(reporting.id) == col(t.ActionUpdate.meeting_id))
            .where(col(t.ActionUpdate.action_id) == col(t.Action.id))
            .where(col(t.ActionUpdate.status) != ActionStatus.OPEN.value)
            .where(col(t.ActionUpdate.meeting_id).in_(earlier))
            .where(col(reporting.held_on) >= col(t.Action.closed_on))
            .exists()
        )
        reported_here = (
            select(t.ActionUpdate.id)
            .where(col(t.ActionUpdate.action_id) == col(t.Action.id))
            .where(col(t.ActionUpdate.meeting_id) == meeting.id)
            .exists()
        )
        closure_reported_later = (
            select(t.ActionUpdate.id)
            .where(col(t.ActionUpdate.action_id) == col(t.Action.id))
            .where(col(t.ActionUpdate.status) != ActionStatus.OPEN.value)
            .where(col(t.ActionUpdate.meeting_id).in_(ActionsMixin._later_meetings(meeting)))
            .exists()
        )
        rows = s.exec(
            select(t.Action)
            .where(col(t.Action.meeting_id).in_(earlier))
            .where(
                (col(t.Action.status) == ActionStatus.OPEN.value)
                | reported_here
                | (col(t.Action.closed_on) > meeting.held_on)
                | closure_reported_later
                | ((col(t.Action.closed_on) >= previous) & ~closure_minuted)
            )
            .order_by(col(t.Action.ref_no))
        ).all()
        return list(rows)

    @staticmethod
    def _closed_later(s: Session, meeting: t.Meeting, action_ids: list[int]) -> frozenset[int]:
        """Of ``action_ids``, those whose closure was first reported at a later meeting: at
        ``meeting`` they still stood open, whatever closing date they were given."""
        if not action_ids:
            return frozenset()
        rows = s.exec(
            select(col(t.ActionUpdate.action_id))
            .where(col(t.ActionUpdate.action_id).in_(action_ids))
            .where(col(t.ActionUpdate.status) != ActionStatus.OPEN.value)
            .where(col(t.ActionUpdate.meeting_id).in_(ActionsMixin._later_meetings(meeting)))
        ).all()
        return frozenset(int(i) for i in rows)

    def carried_actions(self, meeting_id: int) -> list[ActionData]:
        """The open actions of earlier meetings that this meeting should review."""
        with self._session() as s:
            meeting = self._get(s, t.Meeting, meeting_id, "meeting")
            return [action_data(r) for r in self._carried(s, meeting)]

    def list_action_updates(self, action_id: int) -> list[ActionUpdateData]:
        with self._session() as s:
            return _updates(s, action_id)

    def latest_action_updates(self, action_ids: list[int]) -> dict[int, ActionUpdateData]:
        """The newest progress update of each action that has one, in one query (the action
        log's "Progress / note" column)."""
        if not action_ids:
            return {}
        with self._session() as s:
            rows = s.exec(
                select(t.ActionUpdate)
                .where(col(t.ActionUpdate.action_id).in_(action_ids))
                .order_by(col(t.ActionUpdate.created_at), col(t.ActionUpdate.id))
            ).all()
            return {r.action_id: action_update_data(r) for r in rows}  # newest wins
    def action_updates_at(self, meeting_id: int) -> dict[int, list[ActionUpdateData]]:
        """Progress reported at ``meeting_id``, by action id (oldest first): one query."""
        with self._session() as s:
            rows = s.exec(
                select(t.ActionUpdate)
                .where(col(t.ActionUpdate.meeting_id) == meeting_id)
                .order_by(col(t.ActionUpdate.created_at), col(t.ActionUpdate.id))
            ).all()
        updates: dict[int, list[ActionUpdateData]] = {}
        for row in rows:
            updates.setdefault(row.action_id, []).append(action_update_data(row))
        return updates

    def count_actions(self, panel_id: int) -> int:
        """How many actions the panel has (any status)."""
        with self._session() as s:
            return int(
                s.exec(
                    select(func.count()).select_from(t.Action).where(
                        col(t.Action.panel_id) == panel_id
                    )
                ).one()
            )


def keep_deleted_action(
    s: Session, row: t.Action, *, with_item: t.DeletedItem | None = None
) -> t.DeletedAction:
    """Copy an action about to be deleted (and its progress reports, which the delete removes)
    into ``deleted_action``, in the caller's transaction (``with_item``: the deleted item it is
    set aside with); returns the kept row."""
    data = action_data(row)
    kept = t.DeletedAction(
        meeting_id=row.meeting_id, item_id=row.item_id, original_id=data.id,
        action=action_json(data), updates=updates_json(_updates(s, data.id)),
        deleted_at=with_item.deleted_at if with_item else datetime.now(UTC),
        deleted_item_id=with_item.id if with_item else None,
    )
    s.add(kept)
    return kept
def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _id_of(meeting: t.Meeting) -> int:
    return meeting.id if meeting.id is not None else 0


def _updates(s: Session, action_id: int) -> list[ActionUpdateData]:
    rows = s.exec(
        select(t.ActionUpdate)
        .where(col(t.ActionUpdate.action_id) == action_id)
        .order_by(col(t.ActionUpdate.created_at), col(t.ActionUpdate.id))
    ).all()
    return [action_update_data(r) for r in rows]
