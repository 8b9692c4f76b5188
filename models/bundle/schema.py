"""The meeting bundle's records: what a bundle holds once it has passed validation.

``read.parse_bundle`` builds these from JSON (every value typed, every reference resolved);
``panel_minutes.models.store.bundle_io`` writes them into the database. The format itself (field names,
defaults, versioning) is documented in ``docs/bundle-format.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from panel_minutes.models.domain import (
    ActionStatus,
    AttendanceStatus,
    EntryKind,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    Numbering,
    Outcome,
)
from panel_minutes.models.house_style import DEFAULT as DEFAULT_STYLE
from panel_minutes.models.house_style import HouseStyle
from panel_minutes.models.recorded_votes import VoteChoice

FORMAT = "panel-minutes.bundle"
VERSION = 2  # 2: the panel's house style, sub-items
MAX_BUNDLE_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 20  # a valid bundle nests 5 deep; anything far deeper is not a bundle
MAX_COUNT = 1_000_000_000  # upper bound for whole numbers (votes, ref numbers, positions)

# --- validated, typed contents ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BPanel:
    name: str
    short_name: str
    host_authority: str
    default_venue: str
    numbering: Numbering
    chair_title: str
    standing_agenda: tuple[str, ...]
    style: HouseStyle = DEFAULT_STYLE  # version 2; a version 1 bundle has the default


@dataclass(frozen=True, slots=True)
class BPerson:
    ref: str
    name: str
    title: str
    role: str
    organisation: str


@dataclass(frozen=True, slots=True)
class BMembership:
    person: str
    role: MemberRole
    represents: str
    start_date: date | None
    end_date: date | None


@dataclass(frozen=True, slots=True)
class BMeeting:
    ref: str
    held_on: date
    start_time: str
    end_time: str
    venue: str
    status: MeetingStatus
    approved_at: datetime | None
    approved_at_meeting: str | None
    public_count: int | None = None  # optional: members of the public present
    kind: MeetingKind = MeetingKind.NONE  # optional: absent in older bundles


@dataclass(frozen=True, slots=True)
class BOriginItem:
    """An item of another meeting under which a carried action was raised."""

    ref: str
    title: str
    public_title: str
    exempt: bool
    exempt_basis: str


@dataclass(frozen=True, slots=True)
class BOtherMeeting:
    """Another meeting of the panel the bundle refers to: its date, status and origin items."""

    ref: str
    held_on: date
    status: MeetingStatus
    items: tuple[BOriginItem, ...] = ()


@dataclass(frozen=True, slots=True)
class BAttendance:
    person: str
    status: AttendanceStatus
    substitute_for: str | None
    capacity: str
    arrived_at: str
    left_at: str
    note: str = ""  # optional: the note in brackets after the name


@dataclass(frozen=True, slots=True)
class BEntry:
    kind: EntryKind
    text: str
    asker: str | None
    asker_text: str
    respondent: str | None
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
    vote_note: str = ""  # optional: a free note on the vote
    # optional: a recorded (named) vote, (person id in the bundle, choice) per member who voted
    recorded_vote: tuple[tuple[str, VoteChoice], ...] = ()


@dataclass(frozen=True, slots=True)
class BItem:
    ref: str
    title: str
    public_title: str
    presenter: str
    kind: ItemKind
    exempt: bool
    exempt_basis: str
    number_label: str
    taken_position: int | None
    documents: tuple[str, ...]
    started_at: str
    finished_at: str
    entries: tuple[BEntry, ...]
    # Later sittings of an item taken up again ("10:45-10:50"; written only when there are any).
    resumed: tuple[tuple[str, str], ...] = ()
    level: int = 0  # version 2: 1 for a sub-item
    public_summary: str = ""  # optional: an exempt item's public summary


@dataclass(frozen=True, slots=True)
class BDeclaration:
    person: str
    item: str | None
    text: str
    more_people: tuple[str, ...] = ()  # optional: further members making it
    more_items: tuple[str, ...] = ()  # optional: further items it is on


@dataclass(frozen=True, slots=True)
class BUpdate:
    note: str
    status: ActionStatus
    created_at: datetime


@dataclass(frozen=True, slots=True)
class BAction:
    ref_no: int
    text: str
    item: str | None
    owner: str | None
    owner_text: str
    due_date: date | None
    status: ActionStatus
    completion_note: str
    closed_on: date | None
    raised_at: str | None = None  # earlier actions: the meeting that raised it
    due_text: str = ""  # optional: a due date in words ("next meeting")
    # optional: owners after the first, (person id in the bundle, or None and the text)
    more_owners: tuple[tuple[str | None, str], ...] = ()
    updates: tuple[BUpdate, ...] = ()  # progress reported at this meeting


@dataclass(frozen=True, slots=True)
class BAmendment:
    kind: str
    text: str
    recorded_at: datetime
    recorded_at_meeting: str | None


@dataclass(frozen=True, slots=True)
class Bundle:
    """A bundle that passed validation: every reference resolves, every value is typed."""

    version: int
    panel: BPanel
    people: tuple[BPerson, ...]
    memberships: tuple[BMembership, ...]
    meeting: BMeeting
    other_meetings: tuple[BOtherMeeting, ...]
    previous_meeting: str | None
    year_offset: int
    attendance: tuple[BAttendance, ...]
    items: tuple[BItem, ...]
    declarations: tuple[BDeclaration, ...]
    actions: tuple[BAction, ...]
    earlier_actions: tuple[BAction, ...]
    amendments: tuple[BAmendment, ...]
    generator: str = ""
