"""Writing a meeting bundle: a meeting read through the store, as JSON.

- ``export_bundle(store, meeting_id) -> dict`` reads a meeting through the store, as plain
  JSON-ready values whose references (``p1``, ``i1``, ``m1``) do not depend on database ids;
- ``dumps_bundle(data) -> str`` writes it as JSON with a stable key order.

The store is only a parameter here, described by ``MeetingSource`` (the five reads an export
needs): this package never imports ``panel_minutes.models.store``, which sits above the bundle format (an
import-linter contract in pyproject.toml keeps it so).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from json.encoder import encode_basestring
from typing import Any, Protocol

from panel_minutes.models import __version__
from panel_minutes.models.bundle.schema import FORMAT, VERSION
from panel_minutes.models.domain import (
    ActionData,
    EntryData,
    ItemData,
    MeetingData,
    MembershipData,
    MinutesDocument,
    PersonData,
)


class MeetingSource(Protocol):
    """What ``export_bundle`` reads a meeting through (``panel_minutes.models.store.Store`` is one)."""

    def load_document(self, meeting_id: int, *, with_entries: bool = True) -> MinutesDocument: ...

    def list_members(self, panel_id: int, on: date | None = None) -> list[MembershipData]: ...

    def previous_meeting(self, meeting_id: int) -> MeetingData | None: ...

    def meetings_by_id(self, ids: Iterable[int]) -> dict[int, MeetingData]: ...

    def items_by_id(self, ids: Iterable[int]) -> dict[int, ItemData]: ...




def _d(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dt(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _vote_extras(e: EntryData, pref: Callable[[int | None], str | None]) -> dict[str, Any]:
    """The optional fields of a vote: written only when there is something (older readers and
    bundles without them are unchanged)."""
    out: dict[str, Any] = {}
    if e.vote_note:
        out["vote_note"] = e.vote_note
    marks = [[pref(pid), choice.value] for pid, choice in e.recorded_votes if pref(pid)]
    if marks:
        out["recorded_vote"] = marks
    return out


def export_bundle(store: MeetingSource, meeting_id: int) -> dict[str, Any]:
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
        for declarer in d.people:
            mention(declarer)
    for item in doc.items:
        for e in doc.entries.get(item.id, ()):
            mention_id(e.asker_id)
            mention_id(e.respondent_id)
            for pid, _choice in e.recorded_votes:
                mention_id(pid)
    for act in (*doc.earlier_actions, *doc.actions):
        mention_id(act.owner_id)
        for owner_id, _text in act.more_owners:
            mention_id(owner_id)
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
        } | _vote_extras(e, pref)

    def action(a: ActionData, earlier: bool) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ref_no": a.ref_no,
            "text": a.text,
            "owner": pref(a.owner_id),
            "owner_text": a.owner_text,
            "due_date": _d(a.due_date),
            **({"due_text": a.due_text} if a.due_text else {}),
            **({"more_owners": [{"owner": pref(pid), "owner_text": text}
                                for pid, text in a.more_owners]} if a.more_owners else {}),
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
            "house_style": json.loads(panel.style.to_json()),
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
            **(
                {"public_count": meeting.public_count}
                if meeting.public_count is not None else {}
            ),
            **({"kind": meeting.kind.value} if meeting.kind else {}),
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
                **({"note": a.note} if a.note else {}),
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
                **({"level": i.level} if i.level else {}),
                **({"public_summary": i.public_summary} if i.public_summary else {}),
                "entries": [entry(e) for e in doc.entries.get(i.id, ())],
            }
            for i in doc.items
        ],
        "declarations": [
            {
                "person": person_ref[d.person.id], "item": iref(d.item_id), "text": d.text,
                **(
                    {"more_people": [person_ref[p.id] for p in d.more_people]}
                    if d.more_people else {}
                ),
                **(
                    {"more_items": [iref(i) for i in d.more_items if i in item_ref]}
                    if d.more_items else {}
                ),
            }
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
