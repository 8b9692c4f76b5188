"""Plain, typed domain values: what screens and export see.

No SQLAlchemy, no Textual: importing this module is cheap, so the app can paint its first frame
before the database layer has loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from panel_minutes.models.house_style import DEFAULT as DEFAULT_STYLE
from panel_minutes.models.house_style import HouseStyle
from panel_minutes.models.recorded_votes import VoteChoice


class Numbering(StrEnum):
    PER_ITEM = "per_item"  # items 1., 2. ... with paragraphs 1., 2. ... inside each
    RUNNING = "running"  # minute references run on over the panel's year: 107/20, 108/20 ...


class MeetingStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class MeetingKind(StrEnum):
    """The kind of meeting the heading names ("Minutes of the Extraordinary Meeting of ...")."""

    NONE = ""  # a meeting of no stated kind
    ORDINARY = "Ordinary"
    EXTRAORDINARY = "Extraordinary"
    ANNUAL = "Annual"
    ADJOURNED = "Adjourned"
    SPECIAL = "Special"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    SUBSTITUTE = "substitute"
    ALSO_PRESENT = "also_present"
    IN_ATTENDANCE = "in_attendance"  # officers


# The order the one-key cycle in the setup screen walks through for a member.
MEMBER_CYCLE = (AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT)


class MemberRole(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    MEMBER = "member"
    CO_OPTED = "co_opted"  # independent co-opted member


class ItemKind(StrEnum):
    STANDARD = "standard"
    APOLOGIES = "apologies"
    DECLARATIONS = "declarations"
    PREVIOUS_MINUTES = "previous_minutes"
    ACTION_LOG = "action_log"
    WORK_PROGRAMME = "work_programme"


#: The standing agenda a new panel starts with: the opening business of a council committee and
#: its work programme. The clerk changes it in Panel settings; each title is recognised as its
#: kind of item (apologies, declarations, previous minutes, action log, work programme).
USUAL_STANDING_AGENDA: tuple[str, ...] = (
    "Apologies and substitutes",
    "Declarations of interest",
    "Minutes of the previous meeting",
    "Action log and matters arising",
    "Forward work programme",
)


class EntryKind(StrEnum):
    PARAGRAPH = "paragraph"
    QUESTION = "question"
    RESOLUTION = "resolution"
    PROCEDURE = "procedure"


class Outcome(StrEnum):
    NONE = ""
    CARRIED = "carried"
    LOST = "lost"
    UNANIMOUS = "unanimous"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


DEFAULT_EXEMPT_BASIS = "paragraph 3 of Schedule 12A to the Local Government Act 1972"
EXEMPT_PUBLIC_TITLE = "Exempt item"


@dataclass(frozen=True, slots=True)
class PanelData:
    id: int
    name: str
    short_name: str = ""
    host_authority: str = ""
    default_venue: str = ""
    numbering: Numbering = Numbering.PER_ITEM
    chair_title: str = "Chair"
    standing_agenda: tuple[str, ...] = ()
    style: HouseStyle = DEFAULT_STYLE  # how its minutes read (panel_minutes.models.house_style)


@dataclass(frozen=True, slots=True)
class PersonData:
    id: int
    name: str
    title: str = ""
    role: str = ""
    organisation: str = ""

    @property
    def full_name(self) -> str:
        """"Cllr Ann Baker"."""
        return f"{self.title} {self.name}".strip()

    @property
    def styled_name(self) -> str:
        """"Cllr Baker": the form used in running text."""
        surname = self.name.split()[-1] if self.name.split() else self.name
        return f"{self.title} {surname}".strip() if self.title else self.name


@dataclass(frozen=True, slots=True)
class MembershipData:
    id: int
    panel_id: int
    person: PersonData
    role: MemberRole = MemberRole.MEMBER
    represents: str = ""
    start_date: date | None = None
    end_date: date | None = None
    position: int = 0

    def active_on(self, day: date) -> bool:
        if self.start_date is not None and day < self.start_date:
            return False
        return not (self.end_date is not None and day > self.end_date)


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """One row of the meetings list."""

    id: int
    panel_id: int
    panel_name: str
    held_on: date
    start_time: str
    venue: str
    status: MeetingStatus
    item_count: int


@dataclass(frozen=True, slots=True)
class MeetingData:
    id: int
    panel_id: int
    held_on: date
    start_time: str = "10:00"
    end_time: str = ""
    venue: str = ""
    status: MeetingStatus = MeetingStatus.DRAFT
    approved_at: datetime | None = None
    approved_at_meeting_id: int | None = None
    public_count: int | None = None  # members of the public present ("four members of ...")
    kind: MeetingKind = MeetingKind.NONE  # Ordinary, Extraordinary ... (schema v10)

    @property
    def is_approved(self) -> bool:
        return self.status is MeetingStatus.APPROVED


@dataclass(frozen=True, slots=True)
class AttendanceData:
    id: int
    meeting_id: int
    person: PersonData
    status: AttendanceStatus = AttendanceStatus.PRESENT
    substitute_for: PersonData | None = None
    capacity: str = ""
    arrived_at: str = ""
    left_at: str = ""
    position: int = 0
    note: str = ""  # free note in brackets after the name ("work commitment")
    represents: str = ""  # the council the member sits for (their membership on the day)


@dataclass(frozen=True, slots=True)
class DeclarationData:
    id: int
    meeting_id: int
    person: PersonData
    item_id: int | None
    text: str
    position: int = 0
    # The same declaration made by more members / on more items: minuted once, after the first.
    more_people: tuple[PersonData, ...] = ()
    more_items: tuple[int, ...] = ()

    @property
    def people(self) -> tuple[PersonData, ...]:
        """Every member who made the declaration, the first one first."""
        return (self.person, *self.more_people)

    @property
    def item_ids(self) -> tuple[int, ...]:
        """Every item the declaration is on, the first one first (none: the whole meeting)."""
        return ((self.item_id,) if self.item_id is not None else ()) + self.more_items


@dataclass(frozen=True, slots=True)
class ItemData:
    id: int
    meeting_id: int
    position: int
    title: str
    taken_position: int | None = None
    number_label: str = ""
    public_title: str = ""
    presenter: str = ""
    kind: ItemKind = ItemKind.STANDARD
    exempt: bool = False
    exempt_basis: str = ""
    documents: tuple[str, ...] = ()
    started_at: str = ""
    finished_at: str = ""
    # Later sittings of an item taken up again after it was finished: (started, finished) pairs
    # after the first sitting (``started_at``-``finished_at``); see ``panel_minutes.models.item_times``.
    resumed: tuple[tuple[str, str], ...] = ()
    level: int = 0  # 1: a sub-item of the item above it ("4a", "4.1", "64/17c")
    public_summary: str = ""  # exempt item: what the public minutes say of it (public)

    @property
    def shown_public_title(self) -> str:
        return self.public_title.strip() or EXEMPT_PUBLIC_TITLE


@dataclass(frozen=True, slots=True)
class EntryData:
    id: int
    item_id: int
    position: int
    kind: EntryKind
    text: str = ""
    asker_id: int | None = None
    asker_text: str = ""
    respondent_id: int | None = None
    respondent_text: str = ""
    answer: str = ""
    proposer: str = ""
    seconder: str = ""
    vote_for: int | None = None
    vote_against: int | None = None
    vote_abstain: int | None = None
    outcome: Outcome = Outcome.NONE
    casting_vote: bool = False
    at_time: str = ""
    vote_note: str = ""  # a free note on the vote ("Cllr Dunn abstained as a neighbour")
    # A recorded (named) vote: (person id, panel_minutes.models.recorded_votes.VoteChoice) per member who voted
    recorded_votes: tuple[tuple[int, VoteChoice], ...] = ()
    # When the entry was last changed (UTC): the version token for Store.update_entry's
    # ``expected_updated_at`` (two windows editing one entry are detected, never clobbered).
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ActionData:
    id: int
    panel_id: int
    meeting_id: int
    item_id: int | None
    ref_no: int
    text: str
    owner_id: int | None = None
    owner_text: str = ""
    due_date: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    completion_note: str = ""
    closed_on: date | None = None
    position: int = 0
    due_text: str = ""  # a due date in words ("next meeting"), shown instead of a date
    # owners after the first: (person id, "") or (None, text kept as written)
    more_owners: tuple[tuple[int | None, str], ...] = ()
    # every owner's name, the first (owner_id/owner_text) first, as the store read them
    owner_names: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        return f"A{self.ref_no}"

    @property
    def owners(self) -> tuple[str, ...]:
        """The names of the action's owners ("Mr Dan Wu", "Ms Eve Larkin"), first owner first."""
        if self.owner_names:
            return self.owner_names
        return (self.owner_text,) if self.owner_text.strip() else ()


@dataclass(frozen=True, slots=True)
class ActionUpdateData:
    id: int
    action_id: int
    meeting_id: int
    note: str
    status: ActionStatus
    created_at: datetime


class AmendmentKind(StrEnum):
    AMENDMENT = "amendment"  # a correction to approved minutes
    APPROVAL_UNDONE = "approval_undone"  # the approval itself was undone


@dataclass(frozen=True, slots=True)
class AmendmentData:
    id: int
    meeting_id: int
    kind: str
    text: str
    recorded_at: datetime
    recorded_at_meeting_id: int | None = None


@dataclass(frozen=True, slots=True)
class ApprovalData:
    """The result of approving minutes: the approved meeting and the resolution recorded."""

    meeting: MeetingData
    entry: EntryData | None  # None when approved without naming a later meeting


@dataclass(frozen=True, slots=True)
class DraftData:
    meeting_id: int
    item_id: int | None
    kind: EntryKind
    text: str
    fields: dict[str, object] = field(default_factory=dict)
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class RevisionData:
    id: int
    entry_id: int
    old_text: str
    new_text: str
    changed_at: datetime


@dataclass(frozen=True, slots=True)
class DeletedEntryData:
    """An entry deleted from a meeting's minutes, as it was (``Store.list_deleted_entries``).

    ``item_id`` is ``None`` when its agenda item was deleted too; ``revisions`` counts the changes
    of its audit trail, which come back with it."""

    id: int
    meeting_id: int
    item_id: int | None
    entry: EntryData
    deleted_at: datetime
    revisions: int = 0
    deleted_item_id: int | None = None  # set aside with this deleted item (its own)


@dataclass(frozen=True, slots=True)
class DeletedActionData:
    """An action deleted from a meeting's minutes, as it was (``Store.list_deleted_actions``);
    ``updates`` counts the progress reports that come back with it."""

    id: int
    meeting_id: int
    item_id: int | None
    action: ActionData
    deleted_at: datetime
    updates: int = 0
    deleted_item_id: int | None = None  # set aside with this deleted item (its own)


@dataclass(frozen=True, slots=True)
class ItemContents:
    """What hangs off an agenda item, and so is set aside with it when it is deleted."""

    entries: int = 0
    actions: int = 0
    declarations: int = 0


@dataclass(frozen=True, slots=True)
class DeletedItemData:
    """An agenda item deleted from a meeting, as it was (``Store.list_deleted_items``), with how
    much was set aside with it and comes back with it."""

    id: int
    meeting_id: int
    item: ItemData
    deleted_at: datetime
    contents: ItemContents = ItemContents()


Deleted = DeletedEntryData | DeletedActionData


def newest_first(
    entries: list[DeletedEntryData], actions: list[DeletedActionData]
) -> list[Deleted]:
    """A meeting's deleted entries and actions together, most recently deleted first."""
    both: list[Deleted] = [*entries, *actions]
    return sorted(both, key=lambda d: d.deleted_at, reverse=True)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: where it is, and a snippet with the matching words marked.

    ``snippet`` marks each match as ``[[word]]``; screens turn the markers into highlights.
    """

    meeting_id: int
    panel_name: str
    held_on: date
    item_id: int | None
    item_title: str
    entry_id: int | None
    source: str  # "entry", "item", "action", "action_update", "declaration", "amendment"
    snippet: str
    exempt: bool = False  # from an exempt (Part 2) item: not for the public minutes
    action_id: int | None = None  # for "action" and "action_update" hits


@dataclass(frozen=True, slots=True)
class MinutesDocument:
    """Everything export needs about one meeting, loaded in a handful of queries."""

    panel: PanelData
    meeting: MeetingData
    people: dict[int, PersonData]
    attendance: tuple[AttendanceData, ...]
    declarations: tuple[DeclarationData, ...]
    items: tuple[ItemData, ...]  # in agenda order
    entries: dict[int, tuple[EntryData, ...]]  # item id -> entries in order
    actions: tuple[ActionData, ...]  # raised at this meeting
    earlier_actions: tuple[ActionData, ...] = ()  # carried in from earlier meetings
    action_updates: dict[int, tuple[ActionUpdateData, ...]] = field(default_factory=dict)
    amendments: tuple[AmendmentData, ...] = ()
    previous_meeting_date: date | None = None
    year_offset: int = 0  # running numbering: minute refs used by earlier meetings this year
    # The date of the meeting at which these minutes were approved (meeting.approved_at_meeting_id).
    approved_at_meeting_date: date | None = None
    # Earlier actions (ids in earlier_actions) raised at exempt items: left out of public minutes.
    confidential_action_ids: frozenset[int] = frozenset()
    # Earlier actions whose closure was first reported at a later meeting: open as at this one.
    closed_later_action_ids: frozenset[int] = frozenset()
    # Meeting id -> date, for the meetings at which amendments to these minutes were agreed.
    amendment_meeting_dates: dict[int, date] = field(default_factory=dict)

    @property
    def style(self) -> HouseStyle:
        """The panel's house style: every renderer reads it from here."""
        return self.panel.style

    def person_name(self, person_id: int | None, fallback: str = "") -> str:
        if person_id is not None and person_id in self.people:
            return self.people[person_id].full_name
        return fallback

    def taken_items(self) -> tuple[ItemData, ...]:
        """Items in the order they were taken (agenda order where no other order was recorded)."""
        return tuple(
            sorted(
                self.items,
                key=lambda i: (i.taken_position if i.taken_position is not None else i.position,
                               i.position),
            )
        )
