"""The meeting bundle: one meeting, and everything its minutes need, as a versioned JSON file.

A bundle carries ONE meeting between databases (another laptop, a colleague, an archive). The
format is documented in ``docs/bundle-format.md``; this module is its single implementation:

- ``export_bundle(store, meeting_id) -> dict`` reads a meeting through the store;
- ``dumps_bundle(data) -> str`` writes it as JSON with a stable key order;
- ``parse_bundle(data) -> Bundle`` validates a bundle completely and returns typed values;
- ``import_bundle(store, data) -> int`` validates, then writes it in ONE transaction
  (``models.store.bundle_io``) and returns the new meeting's id.

Validation happens before anything is written: a bundle is refused with ``BundleError`` (whose
message names the field, e.g. ``items[3].title: expected text, got number``) and the database is
left exactly as it was.

Pure Python: importing this module loads neither SQLAlchemy nor Textual.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any, TypeVar

from models import __version__
from models.domain import (
    ActionData,
    ActionStatus,
    AttendanceStatus,
    EntryData,
    EntryKind,
    ItemData,
    ItemKind,
    MeetingStatus,
    MemberRole,
    Numbering,
    Outcome,
    PersonData,
)
from models.errors import BundleError

if TYPE_CHECKING:
    from models.store import Store

FORMAT = "panel-minutes.bundle"
VERSION = 1
MAX_BUNDLE_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 20  # a valid bundle nests 5 deep; anything far deeper is not a bundle
MAX_COUNT = 1_000_000_000  # upper bound for whole numbers (votes, ref numbers, positions)

E = TypeVar("E", bound=StrEnum)


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


@dataclass(frozen=True, slots=True)
class BDeclaration:
    person: str
    item: str | None
    text: str


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


# --- export ------------------------------------------------------------------------------------------


def _d(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dt(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_bundle(store: Store, meeting_id: int) -> dict[str, Any]:
    """The bundle of one meeting, as plain JSON-ready values (``dumps_bundle`` writes it)."""
    doc = store.load_document(meeting_id)
    members = store.list_members(doc.panel.id)
    previous = store.previous_meeting(meeting_id)

    # People, in order of first appearance (so the refs do not depend on database ids).
    people: dict[int, PersonData] = {}

    def mention(person: PersonData | None) -> None:
        if person is not None and person.id not in people:
            people[person.id] = person

    def mention_id(person_id: int | None) -> None:
        if person_id is not None:
            mention(doc.people.get(person_id))

    for m in members:
        mention(m.person)
    for a in doc.attendance:
        mention(a.person)
        mention(a.substitute_for)
    for d in doc.declarations:
        mention(d.person)
    for item in doc.items:
        for e in doc.entries.get(item.id, ()):
            mention_id(e.asker_id)
            mention_id(e.respondent_id)
    for act in (*doc.earlier_actions, *doc.actions):
        mention_id(act.owner_id)
    person_ref = {pid: f"p{n}" for n, pid in enumerate(people, start=1)}
    item_ref = {item.id: f"i{n}" for n, item in enumerate(doc.items, start=1)}

    # Other meetings referred to: previous meeting, origin of carried actions, approval, amendments.
    other_ids: set[int] = set()
    if previous is not None:
        other_ids.add(previous.id)
    other_ids |= {a.meeting_id for a in doc.earlier_actions}
    if doc.meeting.approved_at_meeting_id is not None:
        other_ids.add(doc.meeting.approved_at_meeting_id)
    other_ids |= {
        a.recorded_at_meeting_id for a in doc.amendments if a.recorded_at_meeting_id is not None
    }
    other_ids.discard(meeting_id)
    others = sorted(store.meetings_by_id(other_ids).values(), key=lambda m: (m.held_on, m.id))
    meeting_ref = {meeting_id: "m1"} | {m.id: f"m{n}" for n, m in enumerate(others, start=2)}
    # The items carried actions were raised under (an exempt one keeps the action out of the
    # public minutes), per meeting in agenda order, numbered on from this meeting's items.
    origin_items: dict[int, list[ItemData]] = {}
    origins = store.items_by_id(a.item_id for a in doc.earlier_actions if a.item_id is not None)
    for item_id in sorted(origins):
        origin = origins[item_id]
        origin_items.setdefault(origin.meeting_id, []).append(origin)
    for group in origin_items.values():
        group.sort(key=lambda i: (i.position, i.id))
    for origin in (i for m in others for i in origin_items.get(m.id, [])):
        item_ref[origin.id] = f"i{len(item_ref) + 1}"

    def pref(person_id: int | None) -> str | None:
        return person_ref.get(person_id) if person_id is not None else None

    def iref(item_id: int | None) -> str | None:
        return item_ref.get(item_id) if item_id is not None else None

    def mref(mid: int | None) -> str | None:
        return meeting_ref.get(mid) if mid is not None else None

    def entry(e: EntryData) -> dict[str, Any]:
        return {
            "kind": e.kind.value,
            "text": e.text,
            "asker": pref(e.asker_id),
            "asker_text": e.asker_text,
            "respondent": pref(e.respondent_id),
            "respondent_text": e.respondent_text,
            "answer": e.answer,
            "proposer": e.proposer,
            "seconder": e.seconder,
            "vote_for": e.vote_for,
            "vote_against": e.vote_against,
            "vote_abstain": e.vote_abstain,
            "outcome": e.outcome.value,
            "casting_vote": e.casting_vote,
            "at_time": e.at_time,
        }

    def action(a: ActionData, earlier: bool) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ref_no": a.ref_no,
            "text": a.text,
            "owner": pref(a.owner_id),
            "owner_text": a.owner_text,
            "due_date": _d(a.due_date),
            "status": a.status.value,
            "completion_note": a.completion_note,
            "closed_on": _d(a.closed_on),
        }
        out["item"] = iref(a.item_id)
        updates = [
            {"note": u.note, "status": u.status.value, "created_at": _dt(u.created_at)}
            for u in doc.action_updates.get(a.id, ())
        ]
        if earlier:
            out["raised_at"] = mref(a.meeting_id)
            out["updates"] = updates
        elif updates:  # progress minuted at the meeting that raised it (older bundles: none)
            out["updates"] = updates
        return out

    panel = doc.panel
    meeting = doc.meeting
    return {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"panel-minutes {__version__}",
        "panel": {
            "name": panel.name,
            "short_name": panel.short_name,
            "host_authority": panel.host_authority,
            "default_venue": panel.default_venue,
            "numbering": panel.numbering.value,
            "chair_title": panel.chair_title,
            "standing_agenda": list(panel.standing_agenda),
        },
        "people": [
            {
                "id": person_ref[p.id],
                "title": p.title,
                "name": p.name,
                "role": p.role,
                "organisation": p.organisation,
            }
            for p in people.values()
        ],
        "memberships": [
            {
                "person": person_ref[m.person.id],
                "role": m.role.value,
                "represents": m.represents,
                "start_date": _d(m.start_date),
                "end_date": _d(m.end_date),
            }
            for m in members
        ],
        "meeting": {
            "id": "m1",
            "held_on": meeting.held_on.isoformat(),
            "start_time": meeting.start_time,
            "end_time": meeting.end_time,
            "venue": meeting.venue,
            "status": meeting.status.value,
            "approved_at": _dt(meeting.approved_at),
            "approved_at_meeting": mref(meeting.approved_at_meeting_id),
        },
        "other_meetings": [
            {
                "id": meeting_ref[m.id],
                "held_on": m.held_on.isoformat(),
                "status": m.status.value,
                "items": [
                    {
                        "id": item_ref[i.id],
                        "title": i.title,
                        "public_title": i.public_title,
                        "exempt": i.exempt,
                        "exempt_basis": i.exempt_basis,
                    }
                    for i in origin_items.get(m.id, [])
                ],
            }
            for m in others
        ],
        "previous_meeting": mref(previous.id) if previous is not None else None,
        "year_offset": doc.year_offset,
        "attendance": [
            {
                "person": person_ref[a.person.id],
                "status": a.status.value,
                "substitute_for": (
                    person_ref[a.substitute_for.id] if a.substitute_for is not None else None
                ),
                "capacity": a.capacity,
                "arrived_at": a.arrived_at,
                "left_at": a.left_at,
            }
            for a in doc.attendance
        ],
        "items": [
            {
                "id": item_ref[i.id],
                "title": i.title,
                "public_title": i.public_title,
                "presenter": i.presenter,
                "kind": i.kind.value,
                "exempt": i.exempt,
                "exempt_basis": i.exempt_basis,
                "number_label": i.number_label,
                "taken_position": i.taken_position,
                "documents": list(i.documents),
                "started_at": i.started_at,
                "finished_at": i.finished_at,
                **({"resumed": [f"{a}-{b}" for a, b in i.resumed]} if i.resumed else {}),
                "entries": [entry(e) for e in doc.entries.get(i.id, ())],
            }
            for i in doc.items
        ],
        "declarations": [
            {"person": person_ref[d.person.id], "item": iref(d.item_id), "text": d.text}
            for d in doc.declarations
        ],
        "actions": [action(a, earlier=False) for a in doc.actions],
        "earlier_actions": [action(a, earlier=True) for a in doc.earlier_actions],
        "amendments": [
            {
                "kind": a.kind,
                "text": a.text,
                "recorded_at": _dt(a.recorded_at),
                "recorded_at_meeting": mref(a.recorded_at_meeting_id),
            }
            for a in doc.amendments
        ],
    }


# Keys in the order a person reading the file expects them; anything else follows, sorted.
_KEY_ORDER = (
    "format", "version", "generator", "panel", "people", "memberships", "meeting",
    "other_meetings", "previous_meeting", "year_offset", "attendance", "items", "declarations",
    "actions", "earlier_actions", "amendments",
    "id", "ref_no", "person", "kind", "title", "name", "held_on", "start_time", "end_time",
    "venue", "status",
)
_RANK = {key: n for n, key in enumerate(_KEY_ORDER)}


_KEY_ORDERS: dict[tuple[Any, ...], list[tuple[Any, str]]] = {}


def _key_order(value: dict[Any, Any]) -> list[tuple[Any, str]]:
    """(key, its JSON text and ": ") in bundle order; dicts of one kind share their keys, so
    this is worked out once per kind."""
    shape = tuple(value)
    keys = _KEY_ORDERS.get(shape)
    if keys is None:
        ordered = sorted(value, key=lambda k: (_RANK.get(k, len(_RANK)), str(k)))
        keys = [(k, encode_basestring(_json_key(k)) + ": ") for k in ordered]
        _KEY_ORDERS[shape] = keys
    return keys


def _json_key(key: Any) -> str:
    if isinstance(key, str):
        return key
    return json.dumps(key) if key is None or isinstance(key, bool | float) else str(key)


def _write_json(value: Any, pad: str, out: list[str]) -> None:
    """Exactly ``json.dumps(value, ensure_ascii=False, indent=2)`` with keys in bundle order,
    but about three times faster: json's C encoder is not used when it indents, and its
    pure-Python one is slow on a 60 x 60 meeting (3 MB of JSON)."""
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = pad + "  "
        between = ",\n" + inner
        out.append("{\n" + inner)
        for n, (key, head) in enumerate(_key_order(value)):
            if n:
                out.append(between)
            item = value[key]
            if type(item) is str:  # most values: one append, no call
                out.append(head + encode_basestring(item))
            elif item is None:
                out.append(head + "null")
            else:
                out.append(head)
                _write_json(item, inner, out)
        out.append("\n" + pad + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = pad + "  "
        out.append("[\n" + inner)
        for n, item in enumerate(value):
            if n:
                out.append(",\n" + inner)
            _write_json(item, inner, out)
        out.append("\n" + pad + "]")
    else:  # floats (and anything json itself would refuse)
        out.append(json.dumps(value, ensure_ascii=False))


def dumps_bundle(data: dict[str, Any]) -> str:
    """The bundle as JSON text: stable key order, UTF-8 characters kept, two-space indent."""
    out: list[str] = []
    _write_json(data, "", out)
    return "".join(out) + "\n"


# --- parsing and validation --------------------------------------------------------------------------


def _kind_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _refuse(path: str, problem: str) -> BundleError:
    where = f"{path}: " if path else ""
    return BundleError(f"Cannot import the bundle: {where}{problem}. Nothing was imported.")


def _unstorable(path: str, found: re.Match[str]) -> BundleError:
    return _refuse(
        path, f"the text holds an unpaired UTF-16 surrogate ({found.group()!r} at position "
        f"{found.start()}), which cannot be stored"
    )


_MISSING = object()
# Matched whole (``fullmatch``: ``$`` would let "10:30\n" through) and ASCII digits only
# (``\d`` would let "10:3\u0661" through).
_TIME = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# An unpaired UTF-16 surrogate (JSON "\ud800") cannot be stored as UTF-8 text.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _sittings(o: _Obj, key: str) -> tuple[tuple[str, str], ...]:
    """An item's later sittings, each "10:45-10:50" (the end empty while it runs)."""
    out = []
    for n, text in enumerate(o.texts(key)):
        start, _sep, end = text.partition("-")
        if not _TIME.fullmatch(start) or (end and not _TIME.fullmatch(end)):
            raise _refuse(f"{o.at(key)}[{n}]", f"expected times such as 10:45-10:50, got {text!r}")
        out.append((start, end))
    return tuple(out)


class _Obj:
    """One JSON object being read: typed getters that name the field in every error."""

    def __init__(self, value: object, path: str) -> None:
        if not isinstance(value, dict):
            raise _refuse(path, f"expected an object, got {_kind_of(value)}")
        self.data: dict[str, Any] = value
        self.path = path
        self.known: set[str] = set()

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def raw(self, key: str, default: object = _MISSING) -> object:
        self.known.add(key)
        if key not in self.data:
            if default is _MISSING:
                raise _refuse(self.at(key), "missing")
            return default
        return self.data[key]

    def text(self, key: str, *, required: bool = False, nonempty: bool = False) -> str:
        value = self.raw(key, _MISSING if required or nonempty else "")
        if not isinstance(value, str):
            raise _refuse(self.at(key), f"expected text, got {_kind_of(value)}")
        if (found := _SURROGATE.search(value)) is not None:
            raise _unstorable(self.at(key), found)
        if nonempty and not value.strip():
            raise _refuse(self.at(key), "must not be empty")
        return value

    def time(self, key: str) -> str:
        value = self.text(key)
        if value and not _TIME.fullmatch(value):
            raise _refuse(self.at(key), f"expected a time such as 10:30 or empty, got {value!r}")
        return value

    def boolean(self, key: str) -> bool:
        value = self.raw(key, False)
        if not isinstance(value, bool):
            raise _refuse(self.at(key), f"expected true or false, got {_kind_of(value)}")
        return value

    def whole(self, key: str, *, required: bool = False, minimum: int = 0) -> int | None:
        value = self.raw(key, _MISSING if required else None)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise _refuse(self.at(key), f"expected a whole number, got {_kind_of(value)}")
        if not minimum <= value <= MAX_COUNT:
            raise _refuse(self.at(key), f"{value} is out of range ({minimum} to {MAX_COUNT})")
        return value

    def day(self, key: str, *, required: bool = False) -> date | None:
        value = self.raw(key, _MISSING if required else None)
        if value is None and not required:
            return None
        if not isinstance(value, str):
            raise _refuse(self.at(key), f"expected a date such as 2026-09-15, got {_kind_of(value)}")
        try:
            if not _DATE.fullmatch(value):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            raise _refuse(
                self.at(key), f"expected a date such as 2026-09-15, got {value!r}"
            ) from None

    def moment(self, key: str, *, required: bool = False) -> datetime | None:
        value = self.raw(key, _MISSING if required else None)
        if value is None and not required:
            return None
        if not isinstance(value, str):
            raise _refuse(
                self.at(key), f"expected a date and time such as 2026-09-15T10:30:00, got "
                f"{_kind_of(value)}"
            )
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise _refuse(
                self.at(key), f"expected a date and time such as 2026-09-15T10:30:00, got {value!r}"
            ) from None
        # Timestamps are kept in UTC; one written without an offset is taken to be UTC already.
        try:
            return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
        except OverflowError:  # e.g. 0001-01-01T00:00:00+14:00 is in the year 0 in UTC
            raise _refuse(
                self.at(key), f"{value!r} is out of range: in UTC it falls before the year 1 or "
                "after the year 9999"
            ) from None

    def choice(self, key: str, enum: type[E], default: E | None = None) -> E:
        value = self.raw(key, _MISSING if default is None else default.value)
        if not isinstance(value, str):
            raise _refuse(self.at(key), f"expected text, got {_kind_of(value)}")
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in enum)
            raise _refuse(
                self.at(key), f"unknown value {value!r} (expected one of {allowed})"
            ) from None

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.raw(key, [])
        if not isinstance(value, list):
            raise _refuse(self.at(key), f"expected a list of text, got {_kind_of(value)}")
        for n, v in enumerate(value):
            if not isinstance(v, str):
                raise _refuse(f"{self.at(key)}[{n}]", f"expected text, got {_kind_of(v)}")
            if (found := _SURROGATE.search(v)) is not None:
                raise _unstorable(f"{self.at(key)}[{n}]", found)
        return tuple(value)

    def objects(self, key: str, *, required: bool = False) -> list[_Obj]:
        value = self.raw(key, _MISSING if required else [])
        if not isinstance(value, list):
            raise _refuse(self.at(key), f"expected a list, got {_kind_of(value)}")
        return [_Obj(v, f"{self.at(key)}[{n}]") for n, v in enumerate(value)]

    def ref(self, key: str, table: dict[str, Any], what: str, *, required: bool = False) -> str | None:
        value = self.raw(key, _MISSING if required else None)
        if value is None and not required:
            return None
        if not isinstance(value, str):
            raise _refuse(self.at(key), f"expected a {what} id (text), got {_kind_of(value)}")
        if value not in table:
            raise _refuse(self.at(key), f"refers to {what} {value!r}, which is not in the bundle")
        return value

    def ident(self, seen: dict[str, str]) -> str:
        value = self.text("id", nonempty=True)
        if value in seen:
            raise _refuse(self.at("id"), f"duplicate id {value!r} (already used at {seen[value]})")
        seen[value] = self.path
        return value

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.known)
        if unknown:
            raise _refuse(self.path, f"unknown field {unknown[0]!r}")


def _decode(data: dict[str, Any] | str | bytes) -> object:
    """Bytes or text → JSON values, refusing oversized, malformed or deeply nested input."""
    if isinstance(data, dict):
        parsed: object = data
    else:
        if isinstance(data, bytes | bytearray):
            if len(data) > MAX_BUNDLE_BYTES:
                raise _too_big(len(data))
            try:
                text = bytes(data).decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise _refuse("", f"the file is not UTF-8 text (byte {exc.start})") from None
        elif isinstance(data, str):
            if len(data) > MAX_BUNDLE_BYTES or len(data.encode("utf-8", "replace")) > MAX_BUNDLE_BYTES:
                raise _too_big(len(data.encode("utf-8", "replace")))
            text = data
        else:
            raise _refuse("", f"expected JSON text or an object, got {type(data).__name__}")
        try:
            parsed = json.loads(text, object_pairs_hook=_no_duplicate_keys,
                                parse_constant=_no_constant)
        except RecursionError:
            raise _refuse("", f"the JSON is nested too deeply (more than {MAX_DEPTH} levels)") from None
        except json.JSONDecodeError as exc:
            raise _refuse(
                "", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
            ) from None
        except ValueError as exc:  # raised by the hooks below
            raise _refuse("", str(exc)) from None
    _check_depth(parsed)
    return parsed


def _too_big(size: int) -> BundleError:
    return _refuse(
        "", f"it is {size / 1024 / 1024:.1f} MB; bundles larger than "
        f"{MAX_BUNDLE_BYTES // 1024 // 1024} MB are refused"
    )


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)  # in C: a bundle of 100,000 entries has as many objects
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r} in a JSON object")
            seen.add(key)
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _check_depth(value: object) -> None:
    """Refuse more than MAX_DEPTH levels; only containers are visited (a bundle of 100,000
    entries holds over a million text and number values, none of which can nest)."""
    level: list[dict[str, Any] | list[Any]] = [value] if isinstance(value, dict | list) else []
    depth = 1  # of the values in ``level``
    while level:
        below: list[dict[str, Any] | list[Any]] = []
        for node in level:
            values = node.values() if isinstance(node, dict) else node
            if values and depth >= MAX_DEPTH:  # anything inside is one level too deep
                raise _refuse("", f"the JSON is nested too deeply (more than {MAX_DEPTH} levels)")
            below.extend(v for v in values if isinstance(v, dict | list))
        level = below
        depth += 1


def parse_bundle(data: dict[str, Any] | str | bytes) -> Bundle:
    """Validate a bundle completely; raise ``BundleError`` naming the first problem found."""
    root = _Obj(_decode(data), "")
    fmt = root.raw("format")
    if fmt != FORMAT:
        raise _refuse("format", f"expected {FORMAT!r}, got {fmt!r}: this is not a meeting bundle")
    version = root.raw("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _refuse("version", f"expected a whole number, got {_kind_of(version)}")
    if version > VERSION:
        raise _refuse(
            "version", f"bundle version {version} is newer than this panel-minutes understands "
            f"(up to {VERSION}); upgrade panel-minutes to import it"
        )
    if version < 1:
        raise _refuse("version", f"unknown bundle version {version}")
    generator = root.text("generator")

    p = _Obj(root.raw("panel"), "panel")
    panel = BPanel(
        name=p.text("name", nonempty=True).strip(),
        short_name=p.text("short_name"),
        host_authority=p.text("host_authority"),
        default_venue=p.text("default_venue"),
        numbering=p.choice("numbering", Numbering, Numbering.PER_ITEM),
        chair_title=p.text("chair_title") or "Chair",
        standing_agenda=p.texts("standing_agenda"),
    )
    p.done()

    ids: dict[str, str] = {}  # every id in the bundle, whatever it names, must be unique
    people: dict[str, BPerson] = {}
    for o in root.objects("people"):
        ref = o.ident(ids)
        people[ref] = BPerson(
            ref=ref, name=o.text("name", nonempty=True).strip(), title=o.text("title").strip(),
            role=o.text("role"), organisation=o.text("organisation"),
        )
        o.done()

    memberships: list[BMembership] = []
    for o in root.objects("memberships"):
        person = o.ref("person", people, "person", required=True)
        assert person is not None
        start, end = o.day("start_date"), o.day("end_date")
        if start and end and end < start:
            raise _refuse(o.at("end_date"), "the membership ends before it starts")
        memberships.append(BMembership(
            person=person, role=o.choice("role", MemberRole, MemberRole.MEMBER),
            represents=o.text("represents"), start_date=start, end_date=end,
        ))
        o.done()

    m = _Obj(root.raw("meeting"), "meeting")
    meeting_ref = m.ident(ids)
    held_on = m.day("held_on", required=True)
    assert held_on is not None
    meeting_status = m.choice("status", MeetingStatus, MeetingStatus.DRAFT)
    start_time, end_time, venue = m.time("start_time"), m.time("end_time"), m.text("venue")
    approved_at = m.moment("approved_at")

    others: dict[str, BOtherMeeting] = {}
    origin_of: dict[str, str] = {}  # origin item id -> the other meeting it belongs to
    for o in root.objects("other_meetings"):
        ref = o.ident(ids)
        day = o.day("held_on", required=True)
        assert day is not None
        origin_items: list[BOriginItem] = []
        for io in o.objects("items"):
            item_ref = io.ident(ids)
            origin_items.append(BOriginItem(
                ref=item_ref, title=io.text("title", nonempty=True).strip(),
                public_title=io.text("public_title"), exempt=io.boolean("exempt"),
                exempt_basis=io.text("exempt_basis"),
            ))
            origin_of[item_ref] = ref
            io.done()
        others[ref] = BOtherMeeting(
            ref=ref, held_on=day, status=o.choice("status", MeetingStatus, MeetingStatus.DRAFT),
            items=tuple(origin_items),
        )
        o.done()
    approved_at_meeting = m.ref("approved_at_meeting", others, "meeting")
    m.done()
    meeting = BMeeting(
        ref=meeting_ref, held_on=held_on, start_time=start_time, end_time=end_time, venue=venue,
        status=meeting_status, approved_at=approved_at, approved_at_meeting=approved_at_meeting,
    )

    previous = root.ref("previous_meeting", others, "meeting")
    if previous is not None and others[previous].held_on > held_on:
        raise _refuse("previous_meeting", "the previous meeting is dated after this meeting")
    year_offset = root.whole("year_offset") or 0

    attendance: list[BAttendance] = []
    listed: dict[str, str] = {}
    for o in root.objects("attendance"):
        person = o.ref("person", people, "person", required=True)
        assert person is not None
        if person in listed:
            raise _refuse(o.at("person"), f"{person!r} is already listed at {listed[person]}")
        listed[person] = o.path
        attendance.append(BAttendance(
            person=person, status=o.choice("status", AttendanceStatus, AttendanceStatus.PRESENT),
            substitute_for=o.ref("substitute_for", people, "person"),
            capacity=o.text("capacity"), arrived_at=o.time("arrived_at"),
            left_at=o.time("left_at"),
        ))
        o.done()

    # As the app refuses it (``Store.check_vote_counts``): no vote larger than the voting members
    # present, unless attendance was not taken.
    voting = sum(a.status in _VOTING for a in attendance)
    items: list[BItem] = []
    item_refs: dict[str, BItem] = {}
    for o in root.objects("items"):
        ref = o.ident(ids)
        entries = tuple(_entry(e, people, voting) for e in o.objects("entries"))
        item = BItem(
            ref=ref, title=o.text("title", nonempty=True).strip(),
            public_title=o.text("public_title"), presenter=o.text("presenter"),
            kind=o.choice("kind", ItemKind, ItemKind.STANDARD), exempt=o.boolean("exempt"),
            exempt_basis=o.text("exempt_basis"), number_label=o.text("number_label"),
            taken_position=o.whole("taken_position"), documents=o.texts("documents"),
            started_at=o.time("started_at"), finished_at=o.time("finished_at"), entries=entries,
            resumed=_sittings(o, "resumed"),
        )
        o.done()
        items.append(item)
        item_refs[ref] = item

    declarations: list[BDeclaration] = []
    for o in root.objects("declarations"):
        person = o.ref("person", people, "person", required=True)
        assert person is not None
        declarations.append(BDeclaration(
            person=person, item=o.ref("item", item_refs, "item"),
            text=o.text("text", nonempty=True).strip(),
        ))
        o.done()

    refs: dict[int, str] = {}
    earlier = [
        _action(o, people, item_refs, refs, others=others, origin_of=origin_of, held_on=held_on)
        for o in root.objects("earlier_actions")
    ]
    actions = [_action(o, people, item_refs, refs) for o in root.objects("actions")]

    amendments: list[BAmendment] = []
    for o in root.objects("amendments"):
        recorded = o.moment("recorded_at", required=True)
        assert recorded is not None
        amendments.append(BAmendment(
            kind=o.text("kind", nonempty=True).strip(), text=o.text("text"),
            recorded_at=recorded,
            recorded_at_meeting=o.ref("recorded_at_meeting", others | {meeting_ref: meeting},
                                      "meeting"),
        ))
        o.done()
    root.done()

    return Bundle(
        version=version, panel=panel, people=tuple(people.values()),
        memberships=tuple(memberships), meeting=meeting, other_meetings=tuple(others.values()),
        previous_meeting=previous, year_offset=year_offset, attendance=tuple(attendance),
        items=tuple(items), declarations=tuple(declarations), actions=tuple(actions),
        earlier_actions=tuple(earlier), amendments=tuple(amendments), generator=generator,
    )


_VOTING = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTE})


def _entry(o: _Obj, people: dict[str, BPerson], voting: int = 0) -> BEntry:
    votes = {key: o.whole(key) for key in ("vote_for", "vote_against", "vote_abstain")}
    total = sum(v for v in votes.values() if v is not None)
    if voting and total > voting:
        raise _refuse(
            o.at("vote_for"), f"the vote adds up to {total}, but only {voting} voting members are "
            "present in the attendance"
        )
    entry = BEntry(
        kind=o.choice("kind", EntryKind, EntryKind.PARAGRAPH), text=o.text("text"),
        asker=o.ref("asker", people, "person"), asker_text=o.text("asker_text"),
        respondent=o.ref("respondent", people, "person"),
        respondent_text=o.text("respondent_text"), answer=o.text("answer"),
        proposer=o.text("proposer"), seconder=o.text("seconder"),
        vote_for=votes["vote_for"], vote_against=votes["vote_against"],
        vote_abstain=votes["vote_abstain"], outcome=o.choice("outcome", Outcome, Outcome.NONE),
        casting_vote=o.boolean("casting_vote"), at_time=o.time("at_time"),
    )
    o.done()
    return entry


def _action(
    o: _Obj,
    people: dict[str, BPerson],
    items: dict[str, BItem],
    refs: dict[int, str],
    *,
    others: dict[str, BOtherMeeting] | None = None,
    origin_of: dict[str, str] | None = None,
    held_on: date | None = None,
) -> BAction:
    ref_no = o.whole("ref_no", required=True, minimum=1)
    assert ref_no is not None
    if ref_no in refs:
        raise _refuse(o.at("ref_no"), f"duplicate action A{ref_no} (already at {refs[ref_no]})")
    refs[ref_no] = o.path
    raised_at: str | None = None
    updates: tuple[BUpdate, ...] = ()
    item: str | None = None
    if others is None or origin_of is None:
        item = o.ref("item", items, "item")
        updates = tuple(_update(u) for u in o.objects("updates"))
    else:
        raised_at = o.ref("raised_at", others, "earlier meeting", required=True)
        assert raised_at is not None
        if held_on is not None and others[raised_at].held_on > held_on:
            raise _refuse(o.at("raised_at"), "an earlier action cannot come from a later meeting")
        item = o.ref("item", origin_of, "item of an earlier meeting")
        if item is not None and origin_of[item] != raised_at:
            raise _refuse(
                o.at("item"), f"item {item!r} belongs to meeting {origin_of[item]!r}, not to "
                f"{raised_at!r} where the action was raised"
            )
        updates = tuple(_update(u) for u in o.objects("updates"))
    action = BAction(
        ref_no=ref_no, text=o.text("text", nonempty=True).strip(), item=item,
        owner=o.ref("owner", people, "person"), owner_text=o.text("owner_text"),
        due_date=o.day("due_date"), status=o.choice("status", ActionStatus, ActionStatus.OPEN),
        completion_note=o.text("completion_note"), closed_on=o.day("closed_on"),
        raised_at=raised_at, updates=updates,
    )
    o.done()
    return action


def _update(o: _Obj) -> BUpdate:
    created = o.moment("created_at", required=True)
    assert created is not None
    update = BUpdate(
        note=o.text("note", nonempty=True).strip(),
        status=o.choice("status", ActionStatus, ActionStatus.OPEN), created_at=created,
    )
    o.done()
    return update


def import_bundle(store: Store, data: dict[str, Any] | str | bytes) -> int:
    """Validate ``data`` completely, then write it in one transaction; return the new meeting id.

    Refused bundles raise ``BundleError`` and write nothing. See ``docs/bundle-format.md`` for
    how an existing panel and existing people are reused.
    """
    bundle = parse_bundle(data)
    from models.store.bundle_io import write_bundle

    return write_bundle(store, bundle)

