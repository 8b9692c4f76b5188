"""What each screen shows, read in one store call (``panel_minutes.models.store.screen_reads``).

Frozen dataclasses of the ``panel_minutes.models.domain`` records, one per screen that reads several kinds of
record at once: the setup screen, the panel settings, the live screen's first paint and the
action log (with the filters the log is read with, and the two small rules it filters by).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from panel_minutes.models.domain import (
    ActionData,
    ActionStatus,
    ActionUpdateData,
    AttendanceData,
    DeclarationData,
    DraftData,
    EntryData,
    ItemData,
    MeetingData,
    MeetingSummary,
    MembershipData,
    MinutesDocument,
    PanelData,
    PersonData,
)

CARRIED = "carried"  # the meeting filter value meaning "carried to the context meeting"


@dataclass(frozen=True, slots=True)
class SetupData:
    """Everything the setup screen shows: attendance, declarations and agenda of a meeting."""

    meeting: MeetingData
    panel: PanelData
    members: list[MembershipData]
    people: list[PersonData]
    attendance: list[AttendanceData]
    declarations: list[DeclarationData]
    items: list[ItemData]
    # Arrivals and departures minuted in F5 notes, by attendance id ("until 11:15").
    minuted: dict[int, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class PanelSettingsData:
    """Everything the panel settings screen shows."""

    panel: PanelData
    members: list[MembershipData]
    people: list[PersonData]
    meetings: list[MeetingSummary]


@dataclass(frozen=True, slots=True)
class Opening:
    """What the live screen needs for its first paint: the meeting without its entries, the
    unfiled draft, the item it opens at and that item's entries, every item's entry count."""

    doc: MinutesDocument
    draft: DraftData | None
    current: int | None
    entries: list[EntryData]
    counts: dict[int, int]


@dataclass(frozen=True, slots=True)
class ActionLogFilters:
    """What the action log shows: a status (or "all"), owner text, overdue only, a meeting."""

    status: str = "open"
    owner: str = ""
    overdue: bool = False
    meeting: int | str | None = None  # a meeting id, CARRIED, or None for every meeting


@dataclass(frozen=True, slots=True)
class ActionLogData:
    """Everything the action log screen shows."""

    panel: PanelData
    meetings: dict[int, MeetingSummary]
    people: dict[int, PersonData]
    actions: list[ActionData]
    total: int  # every action of the panel, before filtering
    context: MeetingData | None = None
    carried_ids: frozenset[int] = frozenset()
    # Progress recorded at the context meeting, by action id (newest last).
    updates_here: dict[int, list[ActionUpdateData]] = field(default_factory=dict)
    # The newest update of each listed action, at whichever meeting it was reported.
    latest: dict[int, ActionUpdateData] = field(default_factory=dict)


def owner_name(action: ActionData, people: dict[int, PersonData]) -> str:
    """The action's owners: each person's full name, or the team written for them ("Mr Dan Wu
    and Ms Eve Larkin")."""
    names = []
    for pid, text in ((action.owner_id, action.owner_text), *action.more_owners):
        name = people[pid].full_name if pid is not None and pid in people else text.strip()
        if name:
            names.append(name)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def is_overdue(action: ActionData, today: date) -> bool:
    """Open, with a due date before ``today``."""
    return (
        action.status is ActionStatus.OPEN and action.due_date is not None
        and action.due_date < today
    )
