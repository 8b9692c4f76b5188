"""The reads each screen makes in one store call: everything it shows, as one frozen dataclass
(``panel_minutes.models.screen_data``), in a fixed number of queries whatever the size of the meeting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from panel_minutes.models.domain import ActionStatus, ItemData
from panel_minutes.models.item_times import is_running
from panel_minutes.models.screen_data import (
    CARRIED,
    ActionLogData,
    ActionLogFilters,
    Opening,
    PanelSettingsData,
    SetupData,
    is_overdue,
    owner_name,
)
from panel_minutes.models.store.actions import ActionsMixin
from panel_minutes.models.store.document import DocumentMixin
from panel_minutes.models.store.entries import EntriesMixin
from panel_minutes.models.store.meetings import MeetingsMixin
from panel_minutes.models.store.panels import PanelsMixin
from panel_minutes.models.store.sitting import SittingMixin


def first_current(items: Sequence[ItemData], wanted: int | None, draft_item: int | None,
                  *, approved: bool = False) -> int | None:
    """The item a meeting opens at: the one asked for (a search result); in approved minutes,
    the first; otherwise the one the unfiled draft was typed under, the running one, the last
    one taken, or the first.

    The laptop may be on the projector: a Part 2 (exempt) item is opened at only when asked
    for, running or holding the draft, never as the last one taken of a meeting that is over."""
    ids = {item.id for item in items}
    if wanted in ids:
        return wanted
    if approved:
        return items[0].id if items else None
    if draft_item in ids:
        return draft_item
    running = [i for i in items if is_running(i)]
    if running:
        return running[-1].id
    taken = [i for i in items if i.taken_position is not None]
    if taken:
        last = max(taken, key=lambda i: i.taken_position or 0)
        if not last.exempt:
            return last.id
    return items[0].id if items else None


class ScreenReadsMixin(
    PanelsMixin, MeetingsMixin, EntriesMixin, ActionsMixin, DocumentMixin, SittingMixin
):
    def read_setup(self, meeting_id: int) -> SetupData:
        """The meeting, its panel and members, everyone, its attendance, declarations, agenda."""
        meeting = self.get_meeting(meeting_id)
        return SetupData(
            meeting=meeting,
            panel=self.get_panel(meeting.panel_id),
            members=self.list_members(meeting.panel_id, on=meeting.held_on),
            people=self.list_people(),
            attendance=self.list_attendance(meeting_id),
            declarations=self.list_declarations(meeting_id),
            items=self.list_items(meeting_id),
            minuted=self.minuted_attendance(meeting_id),
        )

    def read_panel_settings(self, panel_id: int) -> PanelSettingsData:
        """The panel, its members past and present, everyone, and its meetings."""
        return PanelSettingsData(
            panel=self.get_panel(panel_id),
            members=self.list_members(panel_id),
            people=self.list_people(),
            meetings=self.list_meetings(panel_id),
        )

    def read_opening(self, meeting_id: int, wanted: int | None = None) -> Opening:
        """The meeting without its entries, the unfiled draft, the item it opens at and that
        item's entries, and every item's entry count: a few small queries (the live screen reads
        the rest after its first paint)."""
        doc = self.load_document(meeting_id, with_entries=False)
        draft = self.get_draft(meeting_id)
        current = first_current(doc.items, wanted, draft.item_id if draft else None,
                                approved=doc.meeting.is_approved)
        entries = self.list_entries(current) if current is not None else []
        return Opening(doc, draft, current, entries, self.entry_counts(meeting_id))

    def read_action_log(
        self, panel_id: int, filters: ActionLogFilters, context_id: int | None, today: date
    ) -> ActionLogData:
        """The panel's actions as ``filters`` pick them, with the meetings and people they name;
        opened from meeting ``context_id``, the actions it carries and the progress reported at
        it. The same number of queries for 3 actions or 3,000."""
        panel = self.get_panel(panel_id)
        meetings = {m.id: m for m in self.list_meetings(panel_id)}
        people = {p.id: p for p in self.list_people()}
        status = None if filters.status == "all" else ActionStatus(filters.status)
        context = self.get_meeting(context_id) if context_id is not None else None
        carried = self.carried_actions(context_id) if context_id is not None else []
        carried_ids = frozenset(a.id for a in carried)
        if filters.meeting == CARRIED:
            owner = filters.owner.strip().lower()
            actions = [
                a for a in carried
                if (status is None or a.status is status)
                and (not owner or owner in owner_name(a, people).lower())
                and (not filters.overdue or is_overdue(a, today))
            ]
        else:
            actions = self.list_actions(
                panel_id,
                meeting_id=filters.meeting if isinstance(filters.meeting, int) else None,
                status=status,
                owner=filters.owner,
                overdue_on=today if filters.overdue else None,
            )
        at_context = self.action_updates_at(context_id) if context_id is not None else {}
        updates = {a.id: at_context[a.id] for a in carried if a.id in at_context}
        total = self.count_actions(panel_id)
        latest = self.latest_action_updates([a.id for a in actions])
        return ActionLogData(panel, meetings, people, actions, total, context, carried_ids,
                             updates, latest)
