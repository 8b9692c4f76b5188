"""A meeting as open data: JSON in the Open Civic Data (OCD) shape, public content only.

Why Open Civic Data rather than Popolo: a meeting is an *event* with a date, a venue, a status,
participants and an agenda, and OCD has exactly that object (``Event``: ``name``, ``start_date``,
``location``, ``status``, ``participants``, ``agenda`` items with ``notes``), used by the civic
data sites that publish council meetings. Popolo describes people, organisations and their
memberships, and has no event or agenda object; its motion and vote-event vocabulary is where
OCD's ``VoteEvent`` comes from (``motion_text``, ``result``, ``counts`` of yes/no/abstain and
named ``votes``), so the vote events below read the same in either world.

The shape (``meeting_json(doc)``): one OCD event with

- ``participants``: the panel (``organization``, note "host") and the people listed in the
  attendance, each with their attendance as the note ("present", "apologies", ...; before the
  meeting is held, "expected" unless they sent apologies);
- ``agenda``: one item per agenda item, in agenda order, ``order`` being the number the minutes
  give it, ``notes`` the minutes' words of each entry (``panel_minutes.models.export.wording``), ``subjects``
  its supporting documents and ``related_entities`` its presenter;
- ``vote_events``: one OCD vote event per resolution with a vote or an outcome recorded: motion
  text, result ("pass"/"fail"), ``counts`` (yes/no/abstain) and, where the clerk recorded how each
  member voted, the named ``votes``; ``agenda_item`` gives the ``order`` of its agenda item.

Public content only: an exempt (Part 2) item gives its number and public title and nothing else
(no notes, presenter, documents or votes); ``full=True`` (for a council's own systems) includes
them and says ``"confidential": true``. The output is deterministic: the id is a UUID-5 of the
panel, date and meeting id, keys are sorted, and nothing depends on "now".
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

from panel_minutes.models.domain import (
    AttendanceStatus,
    EntryData,
    EntryKind,
    ItemData,
    MinutesDocument,
    Outcome,
)
from panel_minutes.models.export.wording import entry_spans, plain_text
from panel_minutes.models.numbering import item_numbers

OCD_NAMESPACE = uuid.UUID("6f1c2d0e-8a4b-5c3d-9e7f-0a1b2c3d4e5f")  # panel-minutes' own
TIMEZONE = "Europe/London"
EVENT_KEYS = ("_type", "id", "name", "description", "classification", "start_date", "end_date",
              "timezone", "all_day", "status", "location", "participants", "agenda", "documents",
              "media", "links", "sources")
_ATTENDANCE_NOTE = {
    AttendanceStatus.PRESENT: "present",
    AttendanceStatus.APOLOGIES: "apologies",
    AttendanceStatus.ABSENT: "absent",
    AttendanceStatus.SUBSTITUTE: "substitute",
    AttendanceStatus.ALSO_PRESENT: "also present",
    AttendanceStatus.IN_ATTENDANCE: "in attendance",
}
_CHOICE = {"for": "yes", "yes": "yes", "against": "no", "no": "no", "abstain": "abstain",
           "abstained": "abstain", "abstaining": "abstain"}


def _when(day: str, time: str) -> str:
    """"2026-11-17T10:00" (local time, the event's ``timezone``), or the date alone."""
    return f"{day}T{time.strip()}" if time.strip() else day


def _event_status(doc: MinutesDocument) -> str:
    """OCD's "passed" once the meeting has been held (minutes taken), else "confirmed"."""
    held = doc.meeting.is_approved or bool(doc.meeting.end_time.strip()) or any(
        doc.entries.get(item.id) for item in doc.items
    )
    return "passed" if held else "confirmed"


def _named_votes(doc: MinutesDocument, entry: EntryData) -> list[dict[str, Any]]:
    """How each member voted, where the clerk recorded it (a recorded vote), else []."""
    recorded: Iterable[Any] = getattr(entry, "recorded_votes", None) or ()
    votes: list[dict[str, Any]] = []
    for mark in recorded:
        if isinstance(mark, tuple):
            person_id, choice = mark[0], mark[1]
        else:
            person_id, choice = getattr(mark, "person_id", None), getattr(mark, "choice", "")
        option = _CHOICE.get(str(getattr(choice, "value", choice)).lower())
        if option is None:
            continue
        votes.append({"option": option, "voter_name": doc.person_name(person_id),
                      "note": ""})
    return sorted(votes, key=lambda v: (v["option"], v["voter_name"]))


def _vote_event(doc: MinutesDocument, item_order: str, entry: EntryData) -> dict[str, Any] | None:
    counted = (entry.vote_for, entry.vote_against, entry.vote_abstain)
    if entry.kind is not EntryKind.RESOLUTION or (
        all(c is None for c in counted) and entry.outcome is Outcome.NONE
    ):
        return None
    votes = _named_votes(doc, entry)
    values: dict[str, int] = {}
    for option, value in zip(("yes", "no", "abstain"), counted, strict=True):
        if value is not None:
            values[option] = value
        elif votes:  # a recorded vote with no typed count: the count of the names
            values[option] = sum(1 for v in votes if v["option"] == option)
    counts = [{"option": option, "value": value} for option, value in values.items()]
    if entry.outcome in (Outcome.CARRIED, Outcome.UNANIMOUS):
        result = "pass"
    elif entry.outcome is Outcome.LOST:
        result = "fail"
    else:
        result = "pass" if values.get("yes", 0) > values.get("no", 0) else "fail"
    return {
        "_type": "vote_event",
        "identifier": f"entry-{entry.id}",
        "motion_text": " ".join(entry.text.split()),
        "motion_classification": [],
        "start_date": doc.meeting.held_on.isoformat(),
        "result": result,
        "organization": doc.panel.name,
        "agenda_item": item_order,
        "counts": counts,
        "votes": votes,
        "extras": {"unanimous": entry.outcome is Outcome.UNANIMOUS,
                   "casting_vote": entry.casting_vote,
                   "proposer": entry.proposer, "seconder": entry.seconder},
    }


def _agenda_item(doc: MinutesDocument, item: ItemData, order: str, full: bool) -> dict[str, Any]:
    public_only = item.exempt and not full
    notes = [] if public_only else [
        plain_text(entry_spans(entry, doc.people, chair_title=doc.panel.chair_title,
                               style=doc.style))
        for entry in doc.entries.get(item.id, ())
    ]
    return {
        "order": order,
        "description": item.shown_public_title if public_only else item.title,
        "classification": ["exempt"] if item.exempt else [],
        "subjects": [] if public_only else [d for d in item.documents if d.strip()],
        "notes": notes,
        "related_entities": [] if public_only or not item.presenter.strip() else [
            {"name": item.presenter.strip(), "entity_type": "person", "note": "presenter"}
        ],
        "media": [],
        "extras": {"sub_item": bool(item.level), "exempt": item.exempt,
                   **({"public_title": item.shown_public_title} if item.exempt else {}),
                   **({"exempt_basis": item.exempt_basis} if item.exempt else {})},
    }


def meeting_json(doc: MinutesDocument, *, full: bool = False) -> dict[str, Any]:
    """The meeting as one OCD event (see the module): public content unless ``full``."""
    meeting = doc.meeting
    day = meeting.held_on.isoformat()
    ident = uuid.uuid5(OCD_NAMESPACE, f"{doc.panel.name}|{day}|{meeting.id}")
    numbers = item_numbers(doc)
    participants: list[dict[str, Any]] = [
        {"name": doc.panel.name, "entity_type": "organization", "note": "host"}
    ]
    status = _event_status(doc)
    participants += [
        {"name": record.person.full_name, "entity_type": "person",
         # before the meeting the attendance is only who is expected (apologies already sent)
         "note": _ATTENDANCE_NOTE.get(record.status, str(record.status))
         if status == "passed" or record.status is AttendanceStatus.APOLOGIES else "expected"}
        for record in doc.attendance
    ]
    agenda = []
    vote_events: list[dict[str, Any]] = []
    for item in doc.items:
        order = numbers[item.id]
        agenda.append(_agenda_item(doc, item, order, full))
        if item.exempt and not full:
            continue
        for entry in doc.entries.get(item.id, ()):
            event = _vote_event(doc, order, entry)
            if event is not None:
                vote_events.append(event)
    raw_kind = getattr(doc.meeting, "kind", "")  # "Extraordinary" ... (house style branch)
    kind = str(getattr(raw_kind, "value", raw_kind) or "").strip()
    return {
        "_type": "event",
        "id": f"ocd-event/{ident}",
        "name": f"{doc.panel.name}: {kind + ' ' if kind else ''}meeting of {day}",
        "description": "",
        "classification": "committee-meeting",
        "start_date": _when(day, meeting.start_time),
        "end_date": _when(day, meeting.end_time) if meeting.end_time.strip() else "",
        "timezone": TIMEZONE,
        "all_day": False,
        "status": status,
        "location": {"name": meeting.venue.strip(), "note": "", "coordinates": None},
        "participants": participants,
        "agenda": agenda,
        "vote_events": vote_events,
        "documents": [],
        "media": [],
        "links": [],
        "sources": [],
        "extras": {
            "minutes_status": meeting.status.value,
            "panel": doc.panel.name,
            "confidential": full,
        },
    }


def open_data_bytes(doc: MinutesDocument, full: bool = False) -> bytes:
    """``meeting_json`` as UTF-8 JSON bytes, keys sorted, indented, ending in a newline."""
    data = json.dumps(meeting_json(doc, full=full), ensure_ascii=False, indent=2, sort_keys=True)
    return (data + "\n").encode("utf-8")

