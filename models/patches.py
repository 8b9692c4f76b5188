"""What a caller may change on each record: the typed boundary of the store's ``update_*``.

One ``TypedDict`` per record, ``total=False``: a key that is absent is left alone, so "not given"
needs no sentinel and ``None`` stays a value (a due date cleared, an item unlinked). The store
declares ``**fields: Unpack[ItemPatch]``, so mypy checks every keyword at every call site (a
misspelt or mistyped field is an error there), and a caller that builds the change as a dict
annotates it with the same patch type. The store's lists of settable columns are these keys:
adding a field is one line here (and its column in ``panel_minutes.models.tables``).
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from panel_minutes.models.domain import (
    ActionStatus,
    AttendanceStatus,
    EntryKind,
    ItemKind,
    MeetingKind,
    MemberRole,
    Numbering,
    Outcome,
)
from panel_minutes.models.house_style import HouseStyle


class EntryPatch(TypedDict, total=False):
    kind: EntryKind
    text: str
    asker_id: int | None
    asker_text: str
    respondent_id: int | None
    respondent_text: str
    answer: str
    proposer: str
    seconder: str
    vote_for: int | None
    vote_against: int | None
    vote_abstain: int | None
    outcome: Outcome
    casting_vote: bool
    at_time: str
    vote_note: str
    recorded_vote: str  # JSON pairs (panel_minutes.models.recorded_votes); the counts follow from it


class ActionPatch(TypedDict, total=False):
    text: str
    owner_id: int | None
    owner_text: str
    due_date: date | None
    due_text: str
    more_owners: tuple[tuple[int | None, str], ...]  # owners after the first
    status: ActionStatus
    completion_note: str
    closed_on: date | None
    item_id: int | None


class ComposedAction(TypedDict):
    """An action as the composer files it: what ``file_action`` and ``update_action`` share."""

    text: str
    owner_id: int | None
    owner_text: str
    due_date: date | None
    due_text: str  # a due date in words ("next meeting"), when not a date
    more_owners: tuple[tuple[int | None, str], ...]  # owners after the first


class MeetingPatch(TypedDict, total=False):
    held_on: date
    start_time: str
    end_time: str
    venue: str
    panel_id: int
    public_count: int | None
    kind: MeetingKind


class AttendancePatch(TypedDict, total=False):
    status: AttendanceStatus
    substitute_for_id: int | None
    capacity: str
    arrived_at: str
    left_at: str
    position: int
    note: str


class DeclarationPatch(TypedDict, total=False):
    text: str
    item_id: int | None
    more_people: tuple[int, ...] | list[int]  # ids of the members after the first
    more_items: tuple[int, ...] | list[int]  # ids of the items after the first


class ItemPatch(TypedDict, total=False):
    title: str
    public_title: str
    presenter: str
    kind: ItemKind
    exempt: bool
    exempt_basis: str
    documents: tuple[str, ...] | list[str]
    number_label: str
    started_at: str
    finished_at: str
    taken_position: int | None
    level: int
    public_summary: str


class PanelPatch(TypedDict, total=False):
    name: str
    short_name: str
    host_authority: str
    default_venue: str
    numbering: Numbering
    chair_title: str
    standing_agenda: tuple[str, ...] | list[str]
    style: HouseStyle


class PersonPatch(TypedDict, total=False):
    name: str
    title: str
    role: str
    organisation: str


class MemberPatch(TypedDict, total=False):
    role: MemberRole
    represents: str
    start_date: date | None
    end_date: date | None
    position: int


# A patch field kept in a column of another name (and form): the house style is stored as JSON.
COLUMN_OF = {"style": "house_style"}


def columns(patch: type) -> frozenset[str]:
    """The columns a patch type writes."""
    return frozenset(COLUMN_OF.get(name, name) for name in keys(patch))


def keys(patch: type) -> frozenset[str]:
    """The fields a patch type allows (the store's guard against anything else)."""
    return frozenset(patch.__annotations__)
