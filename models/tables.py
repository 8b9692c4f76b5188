"""SQLModel tables: what a clerk records, one class per table.

Only the store (``panel_minutes.models.store``) and the migrations touch these classes. Screens and export work
on the plain dataclasses of ``panel_minutes.models.domain``, never on live ORM objects.

Conventions:
- every ``position`` column is a 0-based order inside its parent; numbers shown to people are
  derived from it (``panel_minutes.models.numbering``), so reordering renumbers;
- times of day are ``HH:MM`` strings and dates are ``datetime.date``; timestamps are UTC
  ``datetime`` values;
- string enums are stored as their values (see ``panel_minutes.models.domain``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Timezone-aware UTC now (SQLModel stores aware timestamps)."""
    return datetime.now(UTC)


class Meta(SQLModel, table=True):
    """Key/value facts about the database itself (schema version, creating app version)."""

    __tablename__ = "pm_meta"
    key: str = Field(primary_key=True, max_length=64)
    value: str = ""


class Panel(SQLModel, table=True):
    __tablename__ = "panel"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    short_name: str = ""  # used in file names, e.g. "kent-and-medway-pcp"
    host_authority: str = ""
    default_venue: str = ""
    numbering: str = "per_item"  # panel_minutes.models.domain.Numbering
    chair_title: str = "Chair"
    standing_agenda: str = "[]"  # JSON list of item titles a new meeting starts with
    # The panel's house style (panel_minutes.models.house_style): the settings that differ from the default,
    # as a JSON object. Schema v8.
    house_style: str = "{}"


class RunningStart(SQLModel, table=True):
    """Running numbering: the first minute number of a panel's year when it is not 1 (a panel
    that began the year in another tool, or a meeting imported from a bundle numbered 70/17)."""

    __tablename__ = "running_start"
    id: int | None = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True, ondelete="CASCADE")
    year: int
    first_number: int = 1


class Person(SQLModel, table=True):
    __tablename__ = "person"
    id: int | None = Field(default=None, primary_key=True)
    title: str = ""  # Cllr, Mr, Ms, Dr ...
    name: str  # "Ann Baker"
    role: str = ""  # "Police and Crime Commissioner", "Independent co-opted member"
    organisation: str = ""


class Membership(SQLModel, table=True):
    """A person's seat on a panel, dated so past meetings keep the membership they had."""

    __tablename__ = "membership"
    id: int | None = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True, ondelete="CASCADE")
    person_id: int = Field(foreign_key="person.id", index=True, ondelete="CASCADE")
    role: str = "member"  # panel_minutes.models.domain.MemberRole
    represents: str = ""  # the authority a councillor sits for
    start_date: date | None = None
    end_date: date | None = None
    position: int = 0


class Meeting(SQLModel, table=True):
    __tablename__ = "meeting"
    id: int | None = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True, ondelete="CASCADE")
    held_on: date = Field(index=True)
    start_time: str = "10:00"
    end_time: str = ""
    venue: str = ""
    status: str = "draft"  # panel_minutes.models.domain.MeetingStatus
    approved_at: datetime | None = None
    approved_at_meeting_id: int | None = Field(
        default=None, foreign_key="meeting.id", ondelete="SET NULL"
    )
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # How many members of the public attended ("four members of the public"). Schema v9.
    public_count: int | None = None
    kind: str = ""  # panel_minutes.models.domain.MeetingKind ("" none, "Ordinary", ...). Schema v10.


class Attendance(SQLModel, table=True):
    __tablename__ = "attendance"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    person_id: int = Field(foreign_key="person.id", index=True, ondelete="CASCADE")
    status: str = "present"  # panel_minutes.models.domain.AttendanceStatus
    substitute_for_id: int | None = Field(
        default=None, foreign_key="person.id", ondelete="SET NULL"
    )
    capacity: str = ""  # "Chair", "Vice-Chair", or the role shown in brackets
    arrived_at: str = ""
    left_at: str = ""
    position: int = 0
    # A free note printed in brackets after the name ("work commitment"). Schema v9.
    note: str = ""


class AgendaItem(SQLModel, table=True):
    __tablename__ = "agenda_item"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    position: int = Field(default=0, index=True)  # agenda order
    taken_position: int | None = None  # the order actually taken, when it differs
    number_label: str = ""  # overrides the derived number, e.g. "5a"
    title: str
    public_title: str = ""  # shown for exempt items in public minutes
    presenter: str = ""
    kind: str = "standard"  # panel_minutes.models.domain.ItemKind
    exempt: bool = False
    exempt_basis: str = ""
    documents: str = "[]"  # JSON list of supporting document titles
    started_at: str = ""
    finished_at: str = ""
    # JSON list of [started, finished] pairs: the item taken up again after it was finished
    # (panel_minutes.models.item_times). Schema v5.
    resumed: str = "[]"
    # 0 for an agenda item, 1 for a sub-item of the item above it ("4a", "4.1"). Schema v8.
    level: int = 0
    # What the public minutes say of an exempt item after "considered in private". Schema v9.
    public_summary: str = ""


class Declaration(SQLModel, table=True):
    __tablename__ = "declaration"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    person_id: int = Field(foreign_key="person.id", index=True, ondelete="CASCADE")
    item_id: int | None = Field(
        default=None, foreign_key="agenda_item.id", index=True, ondelete="CASCADE"
    )
    text: str
    position: int = 0
    # One declaration made by several members on several items, minuted once: the members and
    # items after the first (``person_id``/``item_id``), as JSON lists of ids. Schema v9.
    more_people: str = "[]"
    more_items: str = "[]"


class Entry(SQLModel, table=True):
    """One minute entry of an item: paragraph, question, resolution or procedural note."""

    __tablename__ = "entry"
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="agenda_item.id", index=True, ondelete="CASCADE")
    position: int = Field(default=0, index=True)
    kind: str = "paragraph"  # panel_minutes.models.domain.EntryKind
    text: str = ""  # paragraph text, question text, resolution text or note text
    asker_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    asker_text: str = ""
    respondent_id: int | None = Field(
        default=None, foreign_key="person.id", ondelete="SET NULL"
    )
    respondent_text: str = ""
    answer: str = ""
    proposer: str = ""
    seconder: str = ""
    vote_for: int | None = None
    vote_against: int | None = None
    vote_abstain: int | None = None
    outcome: str = ""  # panel_minutes.models.domain.Outcome
    casting_vote: bool = False
    at_time: str = ""  # procedural notes: the time it happened
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    vote_note: str = ""  # a free note on the vote of a resolution
    # A recorded (named) vote: JSON [[person_id, "for"|"against"|"abstain"], ...] (a column, not a
    # table: the marks travel with the entry through edits, deletion, undo and bundles as one
    # field, and a mark names a person the minutes resolve like an asker)
    recorded_vote: str = ""


class Action(SQLModel, table=True):
    __tablename__ = "action"
    id: int | None = Field(default=None, primary_key=True)
    panel_id: int = Field(foreign_key="panel.id", index=True, ondelete="CASCADE")
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    item_id: int | None = Field(
        default=None, foreign_key="agenda_item.id", index=True, ondelete="SET NULL"
    )
    ref_no: int = 0  # A<ref_no>, sequential within the panel
    text: str
    owner_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    owner_text: str = ""
    due_date: date | None = None
    status: str = Field(default="open", index=True)  # panel_minutes.models.domain.ActionStatus
    completion_note: str = ""
    closed_on: date | None = None
    position: int = 0
    due_text: str = ""  # a due date in words ("next meeting"), when not a date
    # owners after the first (owner_id/owner_text): JSON [[person_id or null, text], ...]
    more_owners: str = ""


class ActionUpdate(SQLModel, table=True):
    """Progress on an action reported at a later meeting (the action log / matters arising)."""

    __tablename__ = "action_update"
    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True, ondelete="CASCADE")
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    note: str = ""
    status: str = "open"
    created_at: datetime = Field(default_factory=utcnow)


class Draft(SQLModel, table=True):
    """The composer's unfiled text, autosaved while the clerk types (one per meeting)."""

    __tablename__ = "draft"
    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True, ondelete="CASCADE")
    item_id: int | None = None
    kind: str = "paragraph"
    text: str = ""
    fields: str = "{}"  # JSON: the other composer fields (asker, vote, owner ...)
    updated_at: datetime = Field(default_factory=utcnow)


class EntryRevision(SQLModel, table=True):
    """Audit trail: an entry's text before and after each change once it was filed."""

    __tablename__ = "entry_revision"
    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="entry.id", index=True, ondelete="CASCADE")
    old_text: str = ""
    new_text: str = ""
    changed_at: datetime = Field(default_factory=utcnow)


class DeletedEntry(SQLModel, table=True):
    """An entry deleted from the minutes, kept whole so it can be put back (nothing typed is
    lost to a wrong key): every field as JSON, and its audit trail, which the delete removes."""

    __tablename__ = "deleted_entry"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    item_id: int | None = Field(
        default=None, foreign_key="agenda_item.id", ondelete="SET NULL"
    )
    original_id: int = 0  # the entry's id: undo finds it by this
    entry: str = "{}"  # JSON: EntryData's fields
    revisions: str = "[]"  # JSON: [[old_text, new_text, changed_at], ...]
    deleted_at: datetime = Field(default_factory=utcnow)
    deleted_item_id: int | None = None  # the DeletedItem it was set aside with, if any


class DeletedAction(SQLModel, table=True):
    """An action deleted from the minutes, kept whole to be put back: its fields as JSON and the
    progress reported on it at later meetings, which the delete removes."""

    __tablename__ = "deleted_action"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    item_id: int | None = Field(
        default=None, foreign_key="agenda_item.id", ondelete="SET NULL"
    )
    original_id: int = 0  # the action's id: undo finds it by this
    action: str = "{}"  # JSON: ActionData's fields
    updates: str = "[]"  # JSON: [[meeting_id, note, status, created_at], ...]
    deleted_at: datetime = Field(default_factory=utcnow)
    deleted_item_id: int | None = None  # the DeletedItem it was set aside with, if any


class DeletedItem(SQLModel, table=True):
    """An agenda item deleted from a meeting, kept whole to be put back with everything that
    hung off it: its fields and the declarations made on it as JSON. Its entries and actions are
    kept in ``deleted_entry`` / ``deleted_action`` rows pointing here (``deleted_item_id``), so
    nothing of a Part 2 item outlives it in the minutes, and all of it comes back with it."""

    __tablename__ = "deleted_item"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    original_id: int = 0  # the item's id: it goes back under it when that is still free
    item: str = "{}"  # JSON: ItemData's fields
    declarations: str = "[]"  # JSON: [[person_id, text, position], ...]
    set_aside: str = "{}"  # JSON: {"entries": [kept ids], "actions": [kept ids]} to refile
    deleted_at: datetime = Field(default_factory=utcnow)


class Amendment(SQLModel, table=True):
    """A dated, visible correction or event recorded against a meeting's minutes."""

    __tablename__ = "amendment"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    kind: str = "amendment"  # amendment | approval_undone
    text: str = ""
    recorded_at: datetime = Field(default_factory=utcnow)
    recorded_at_meeting_id: int | None = Field(
        default=None, foreign_key="meeting.id", ondelete="SET NULL"
    )
