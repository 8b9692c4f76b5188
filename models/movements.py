"""Arrivals and departures minuted live, and who was present at a given time.

A procedural note (F5) records an attendance movement when its text **starts with the name of
someone on the meeting's attendance** (their full name "Cllr Joan Ashby", styled name
"Cllr Ashby" or plain name "Joan Ashby", any case) followed by one of these words:

====================================  =================================================
``arrived``, ``joined``               arrived (late): present from then
``left the room``, ``withdrew``       left the room for the item: not present until back
``returned``, ``rejoined``,           back in the room (or back at the meeting)
``re-joined``, ``came back``
``left``, ``departed``                left the meeting: present until then
====================================  =================================================

The time is the one the text names ("... left the meeting at 11:15", "at 11.15") or else the
note's own time (its *At* field). A note naming nobody on the attendance, or two people at once,
records no movement; the composer says which before Enter. The attendance record's own
"arrived at" and "left at" times (meeting setup) count as an arrival and a departure too.

From these, ``presence`` tells who was present at any minute: the export's "(from 10:55)" and
"(until 11:15)" and the store's vote check (``Store.check_vote_counts``) both use it. A movement
takes effect at its minute: a vote taken at 11:15 does not count a member who left at 11:15.
A member who left the room for an item is still on the attendance line, but is not counted for
a vote taken while out of the room.

A house style that gives movements as minute references (``minute_notes``: "from minute
112/26", "for minutes 108/26 to 112/26") places each one by the items' recorded times
(``item_at``): an arrival belongs to the item running at that time, or else the next one taken;
a departure to the item running at that time (or finishing then), or else the last one
finished. Pure functions, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from panel_minutes.models.domain import (
    AttendanceData,
    AttendanceStatus,
    EntryData,
    EntryKind,
    ItemData,
    PersonData,
)
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.parsing import parse_time


class Movement(StrEnum):
    ARRIVED = "arrived"
    LEFT = "left"  # the meeting
    WITHDREW = "withdrew"  # left the room for an item
    RETURNED = "returned"


# Checked in this order: "left the room" before "left".
_VERBS: tuple[tuple[str, Movement], ...] = (
    (r"left the (?:room|chamber)", Movement.WITHDREW),
    (r"withdrew", Movement.WITHDREW),
    (r"(?:returned|rejoined|re-joined|came back)", Movement.RETURNED),
    (r"(?:arrived|joined)", Movement.ARRIVED),
    (r"(?:left|departed)", Movement.LEFT),
)
# "at 10:55", "at 10.55 am", "at 7pm", "at 7 p.m.": a time needs its minutes or am/pm ("at 7"
# alone is not one); what it matched is read by ``panel_minutes.models.parsing.parse_time``.
_TIME = re.compile(
    r"\bat (\d{1,2}(?:[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?))(?![\w])", re.IGNORECASE
)

#: Statuses that vote: members present and substitutes (and members shown absent or with
#: apologies who are minuted arriving).
VOTING = (AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTE)
_MEMBERS = (*VOTING, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT)

WORDS = {
    Movement.ARRIVED: "arrived",
    Movement.LEFT: "left the meeting",
    Movement.WITHDREW: "left the room",
    Movement.RETURNED: "returned",
}


@dataclass(frozen=True, slots=True)
class MovementRecord:
    person: PersonData
    kind: Movement
    at: str  # HH:MM
    item_id: int | None = None
    entry_id: int | None = None


@dataclass(frozen=True, slots=True)
class Recognised:
    """What a note's text says about attendance: a movement, or why none is recorded."""

    movement: MovementRecord | None
    problem: str = ""

    def describe(self) -> str:
        """The one line the composer shows before Enter."""
        if self.movement is None:
            return self.problem
        m = self.movement
        return f"attendance: {m.person.styled_name} {WORDS[m.kind]} at {m.at}"


@lru_cache(maxsize=4096)
def _names(person: PersonData) -> frozenset[str]:
    """The ways a note may name the person: full, styled, plain; a "Cllr" title also as
    "Councillor" (as the house style may print it: "Councillor Morgan joined the meeting")."""
    forms = {person.full_name, person.styled_name, person.name}
    forms |= {re.sub(r"\bcllr\b\.?", "councillor", f, flags=re.IGNORECASE) for f in forms}
    return frozenset(f.strip().lower() for f in forms if f.strip())


def _time_in(text: str) -> str:
    match = _TIME.search(text)
    if match is None:
        return ""
    try:
        return parse_time(match.group(1))
    except ValidationError:
        return ""


def recognise(text: str, at_time: str, people: Iterable[PersonData]) -> Recognised:
    """The movement a procedural note's ``text`` records (see the module's rules)."""
    lowered = " ".join(text.split()).lower()
    if not lowered:
        return Recognised(None)
    matches: dict[str, list[PersonData]] = {}
    for person in people:
        for form in _names(person):
            if lowered.startswith(form + " "):
                matches.setdefault(form, [])
                if person not in matches[form]:
                    matches[form].append(person)
    if not matches:
        return Recognised(None)
    form = max(matches, key=len)
    rest = lowered[len(form) + 1:]
    kind = next((k for pattern, k in _VERBS if re.match(rf"(?:has )?{pattern}\b", rest)), None)
    if kind is None:
        return Recognised(None)
    if len(matches[form]) > 1:
        return Recognised(None, f"not counted in the attendance: '{form}' is "
                                f"{len(matches[form])} people (use the full name)")
    when = _time_in(rest) or at_time.strip()
    if not when:
        return Recognised(None, "not counted in the attendance: give the note a time")
    return Recognised(MovementRecord(matches[form][0], kind, when))


def movements_in(
    entries: Iterable[EntryData], people: Iterable[PersonData]
) -> list[MovementRecord]:
    """The movements the procedural notes among ``entries`` record, in the order given."""
    listed = list(people)
    out = []
    for entry in entries:
        if entry.kind is not EntryKind.PROCEDURE:
            continue
        found = recognise(entry.text, entry.at_time, listed).movement
        if found is not None:
            out.append(MovementRecord(found.person, found.kind, found.at, entry.item_id,
                                      entry.id))
    return out


# --- presence ------------------------------------------------------------------------------------

_IN, _OUT_OF_ROOM, _GONE = "in", "out of the room", "gone"


@dataclass(frozen=True, slots=True)
class Presence:
    """One attendance record's movements, in time order, with where they leave the person."""

    record: AttendanceData
    starts: str  # _IN or _GONE: where the person was when the meeting began
    steps: tuple[tuple[str, Movement, str], ...]  # (time, movement, state after)

    def state_at(self, at: str) -> str:
        state = self.starts
        for when, _kind, after in self.steps:
            if when <= at:
                state = after
        return state

    def present_at(self, at: str) -> bool:
        return self.state_at(at) == _IN

    def notes(self) -> list[str]:
        """"from 10:55", "until 11:15" ...: the times the person arrived at and left the
        meeting (leaving the room for an item is minuted in the item, not here)."""
        out = []
        state = self.starts
        for when, _kind, after in self.steps:
            if after == _IN and state == _GONE:
                out.append(f"from {when}")
            elif after == _GONE and state != _GONE:
                out.append(f"until {when}")
            state = after
        return out


def _step(state: str, kind: Movement) -> str:
    if kind is Movement.LEFT:
        return _GONE
    if kind is Movement.WITHDREW:
        return _OUT_OF_ROOM if state == _IN else state
    return _IN


def presence(
    attendance: Sequence[AttendanceData], movements: Sequence[MovementRecord]
) -> dict[int, Presence]:
    """Each attendance record's presence (by attendance id), from its own "arrived at" /
    "left at" times and the movements minuted for that person."""
    by_person: dict[int, list[MovementRecord]] = {}
    for m in movements:
        by_person.setdefault(m.person.id, []).append(m)
    out: dict[int, Presence] = {}
    for record in attendance:
        events: list[tuple[str, int, Movement]] = []
        if record.arrived_at.strip():
            events.append((record.arrived_at, -2, Movement.ARRIVED))
        if record.left_at.strip():
            events.append((record.left_at, -1, Movement.LEFT))
        for n, m in enumerate(by_person.get(record.person.id, [])):
            events.append((m.at, n, m.kind))
        events.sort(key=lambda e: (e[0], e[1]))
        first = events[0][2] if events else None
        away = record.status in (AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT)
        starts = _GONE if away or first in (Movement.ARRIVED, Movement.RETURNED) else _IN
        steps = []
        state = starts
        for when, _n, kind in events:
            after = _step(state, kind)
            if after == state and kind in (Movement.ARRIVED, Movement.RETURNED):
                continue  # already there (the setup time and a minuted arrival agree)
            steps.append((when, kind, after))
            state = after
        out[record.id] = Presence(record, starts, tuple(steps))
    return out


def counts_as_present(p: Presence) -> bool:
    """Listed under Present: present or substitute, or a member minuted arriving."""
    status = p.record.status
    return status in VOTING or (
        status in _MEMBERS and any(k in (Movement.ARRIVED, Movement.RETURNED)
                                   for _w, k, _a in p.steps)
    )


def voters_at(presences: Iterable[Presence], at: str | None) -> int:
    """How many voting members were present at ``at``; with no time, the most present at any
    one time during the meeting (so a vote without a time is never refused wrongly)."""
    voters = [p for p in presences if p.record.status in _MEMBERS and counts_as_present(p)]
    if at:
        return sum(1 for p in voters if p.present_at(at))
    at_start = sum(1 for p in voters if p.starts == _IN)
    moments = {when for p in voters for when, _k, _a in p.steps}
    return max([at_start, *(sum(1 for p in voters if p.present_at(m)) for m in moments)])


def voting_members_at(presences: Iterable[Presence], at: str | None) -> list[AttendanceData]:
    """The voting members present at ``at`` (members present and substitutes, less those gone or
    out of the room then), in attendance order: whom a recorded vote lists; with no time, those
    present at the start or minuted arriving."""
    voters = [p for p in presences if p.record.status in _MEMBERS and counts_as_present(p)]
    if at:
        return [p.record for p in voters if p.present_at(at)]
    return [p.record for p in voters]


def outside_meeting(at: str, start: str, end: str) -> str:
    """Why an arrival or departure at ``at`` contradicts the meeting: "before the meeting
    started (10:00)" or "after the meeting ended (12:30)" (only once it has ended); "" when
    it lies within the meeting."""
    if not at.strip():
        return ""
    if start and at < start:
        return f"before the meeting started ({start})"
    if end and at > end:
        return f"after the meeting ended ({end})"
    return ""


def time_within_meeting(at: str, start: str, end: str) -> str:
    """``at`` moved into the meeting: its start time when earlier, its end time (once it has
    ended) when later; what the setup's "arrived at" / "left at" prompts offer."""
    if start and at < start:
        return start
    if end and at > end:
        return end
    return at


# --- arrivals and departures as minute references --------------------------------------------


def _sittings(item: ItemData) -> list[tuple[str, str]]:
    out = [(item.started_at, item.finished_at)] if item.started_at else []
    out.extend((start, end) for start, end in item.resumed if start)
    return out


def item_at(items: Sequence[ItemData], at: str, *, arriving: bool) -> ItemData | None:
    """The item a movement at ``at`` belongs to (``items`` in the order taken, with their
    started/finished times): the item running at that time (started at or before it and not
    finished before it); else, for an arrival, the next item taken (the first to start after
    it); for a departure, the last item finished by then. ``None`` when no item's times say."""
    for item in items:
        for start, end in _sittings(item):
            if start <= at and (not end or at < end or (not arriving and at == end)):
                return item
    if arriving:
        later = [(start, n) for n, i in enumerate(items) for start, _ in _sittings(i)
                 if start > at]
        return items[min(later)[1]] if later else None
    earlier = [(end, n) for n, i in enumerate(items) for _, end in _sittings(i) if end and end <= at]
    return items[max(earlier)[1]] if earlier else None


def minute_notes(
    p: Presence, items: Sequence[ItemData], numbers: dict[int, str], word: str = "minute"
) -> list[str]:
    """The person's arrivals and departures as minute references: "from minute 112/26" (arrived
    during or before that item), "for minutes 108/26 to 112/26" (present from the first item,
    or from an arrival, until leaving during or after the last one), "for minute 112/26". A
    movement no item's times place is given as its time ("from 19:10")."""
    first = next((i for i in items if _sittings(i)), None)
    out: list[str] = []
    state = p.starts
    arrived: str | None = None
    periods: list[tuple[str | None, str | None]] = []
    for when, _kind, after in p.steps:
        if after == _IN and state == _GONE:
            arrived = when
        elif after == _GONE and state != _GONE:
            periods.append((arrived, when))
            arrived = None
        state = after
    if state != _GONE and (arrived is not None or periods):
        periods.append((arrived, None))

    def ref(item: ItemData) -> str:
        return numbers.get(item.id, "")

    for came, went in periods:
        start = item_at(items, came, arriving=True) if came is not None else first
        end = item_at(items, went, arriving=False) if went is not None else None
        if came is not None and start is None:
            out.append(f"from {came}")
        if went is not None and end is None:
            out.append(f"until {went}")
            continue
        if start is None:
            if end is not None:
                out.append(f"until {word} {ref(end)}")
            continue
        if end is None:
            if came is not None:
                out.append(f"from {word} {ref(start)}")
        elif end.id == start.id:
            out.append(f"for {word} {ref(start)}")
        else:
            out.append(f"for {word}s {ref(start)} to {ref(end)}")
    return out
