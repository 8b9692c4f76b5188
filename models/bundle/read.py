"""Reading a meeting bundle: JSON to the validated records of ``schema``.

``parse_bundle(data) -> Bundle`` validates a bundle completely before anything is written: a
bundle is refused with ``BundleError`` (whose message names the field, e.g.
``items[0].entries[3].vote_for: expected a whole number, got text``), checks that span
records included (unique ids, references that resolve, votes within the voting members present,
carried actions from earlier meetings).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from panel_minutes.models.bundle.fields import (
    _SURROGATE,
    _TIME,
    JsonObject,
    decode,
    kind_of,
    refuse,
)
from panel_minutes.models.bundle.schema import (
    FORMAT,
    MAX_COUNT,
    VERSION,
    BAction,
    BAmendment,
    BAttendance,
    BDeclaration,
    BEntry,
    BItem,
    BMeeting,
    BMembership,
    BOriginItem,
    BOtherMeeting,
    BPanel,
    BPerson,
    Bundle,
    BUpdate,
)
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
from panel_minutes.models.house_style import HouseStyle
from panel_minutes.models.house_style import from_mapping as style_from_mapping
from panel_minutes.models.recorded_votes import VoteChoice, tally


def _style(panel: JsonObject) -> HouseStyle:
    """The panel's house style (version 2); a version 1 bundle has none: the default style."""
    raw = panel.raw("house_style", {})
    if not isinstance(raw, dict):
        raise refuse(panel.at("house_style"), f"expected an object, got {kind_of(raw)}")
    try:
        return style_from_mapping(raw)
    except ValueError as exc:
        raise refuse(panel.at("house_style"), str(exc).removeprefix("house style").lstrip(": ")) from None


def _level(item: JsonObject) -> int:
    """0 for an agenda item, 1 for a sub-item (version 2)."""
    level = item.whole("level") or 0
    if level > 1:
        raise refuse(item.at("level"), f"expected 0 (an item) or 1 (a sub-item), got {level}")
    return level


def parse_bundle(data: dict[str, Any] | str | bytes) -> Bundle:
    """Validate a bundle completely; raise ``BundleError`` naming the first problem found."""
    root = JsonObject(decode(data), "")
    fmt = root.raw("format")
    if fmt != FORMAT:
        raise refuse("format", f"expected {FORMAT!r}, got {fmt!r}: this is not a meeting bundle")
    version = root.raw("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise refuse("version", f"expected a whole number, got {kind_of(version)}")
    if version > VERSION:
        raise refuse(
            "version", f"bundle version {version} is newer than this panel-minutes understands "
            f"(up to {VERSION}); upgrade panel-minutes to import it"
        )
    if version < 1:
        raise refuse("version", f"unknown bundle version {version}")
    generator = root.text("generator")

    p = JsonObject(root.raw("panel"), "panel")
    panel = BPanel(
        name=p.text("name", nonempty=True).strip(),
        short_name=p.text("short_name"),
        host_authority=p.text("host_authority"),
        default_venue=p.text("default_venue"),
        numbering=p.choice("numbering", Numbering, Numbering.PER_ITEM),
        chair_title=p.text("chair_title") or "Chair",
        standing_agenda=p.texts("standing_agenda"),
        style=_style(p),
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
            raise refuse(o.at("end_date"), "the membership ends before it starts")
        memberships.append(BMembership(
            person=person, role=o.choice("role", MemberRole, MemberRole.MEMBER),
            represents=o.text("represents"), start_date=start, end_date=end,
        ))
        o.done()

    m = JsonObject(root.raw("meeting"), "meeting")
    meeting_ref = m.ident(ids)
    held_on = m.day("held_on", required=True)
    assert held_on is not None
    meeting_status = m.choice("status", MeetingStatus, MeetingStatus.DRAFT)
    start_time, end_time, venue = m.time("start_time"), m.time("end_time"), m.text("venue")
    approved_at = m.moment("approved_at")
    public_count = m.whole("public_count")
    meeting_kind = m.choice("kind", MeetingKind, MeetingKind.NONE)

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
        public_count=public_count,
        kind=meeting_kind,
    )

    previous = root.ref("previous_meeting", others, "meeting")
    if previous is not None and others[previous].held_on > held_on:
        raise refuse("previous_meeting", "the previous meeting is dated after this meeting")
    year_offset = root.whole("year_offset") or 0

    attendance: list[BAttendance] = []
    listed: dict[str, str] = {}
    for o in root.objects("attendance"):
        person = o.ref("person", people, "person", required=True)
        assert person is not None
        if person in listed:
            raise refuse(o.at("person"), f"{person!r} is already listed at {listed[person]}")
        listed[person] = o.path
        attendance.append(BAttendance(
            person=person, status=o.choice("status", AttendanceStatus, AttendanceStatus.PRESENT),
            substitute_for=o.ref("substitute_for", people, "person"),
            capacity=o.text("capacity"), arrived_at=o.time("arrived_at"),
            left_at=o.time("left_at"), note=o.text("note"),
        ))
        o.done()

    # As the app refuses it (``Store.check_vote_counts``): no vote larger than the voting members
    # present, unless attendance was not taken.
    voting = sum(a.status in _VOTING for a in attendance)
    items: list[BItem] = []
    item_refs: dict[str, BItem] = {}
    for o in root.objects("items"):
        ref = o.ident(ids)
        entries = _entries(o, people, voting)
        item = BItem(
            ref=ref, title=o.text("title", nonempty=True).strip(),
            public_title=o.text("public_title"), presenter=o.text("presenter"),
            kind=o.choice("kind", ItemKind, ItemKind.STANDARD), exempt=o.boolean("exempt"),
            exempt_basis=o.text("exempt_basis"), number_label=o.text("number_label"),
            taken_position=o.whole("taken_position"), documents=o.texts("documents"),
            started_at=o.time("started_at"), finished_at=o.time("finished_at"), entries=entries,
            resumed=o.sittings("resumed"), level=_level(o),
            public_summary=o.text("public_summary"),
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
            more_people=o.refs("more_people", people, "person"),
            more_items=o.refs("more_items", item_refs, "item"),
        ))
        if declarations[-1].more_items and declarations[-1].item is None:
            raise refuse(o.at("item"), "a declaration on further items names its first item")
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


def _entries(o: JsonObject, people: dict[str, BPerson], voting: int) -> tuple[BEntry, ...]:
    """An item's entries: each plain one read directly (``_plain_entry``), any other through
    ``_entry``, whose getters name the problem; the same result and the same first error."""
    value = o.raw("entries", [])
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        return tuple(_entry(e, people, voting) for e in o.objects("entries"))
    where = o.at("entries")
    return tuple(
        _plain_entry(e, people, voting) or _entry(JsonObject(e, f"{where}[{n}]"), people, voting)
        for n, e in enumerate(value)
    )


_ENTRY_FIELDS = frozenset((
    "kind", "text", "asker", "asker_text", "respondent", "respondent_text", "answer", "proposer",
    "seconder", "vote_for", "vote_against", "vote_abstain", "outcome", "casting_vote", "at_time",
    "vote_note",
))
_ENTRY_TEXTS = ("text", "asker_text", "respondent_text", "answer", "proposer", "seconder",
                "at_time", "vote_note")
_ENTRY_KINDS = {k.value: k for k in EntryKind}
_OUTCOMES = {k.value: k for k in Outcome}
_PARAGRAPH, _NO_OUTCOME = EntryKind.PARAGRAPH.value, Outcome.NONE.value  # _entry's defaults


def _plain_entry(e: dict[str, Any], people: dict[str, BPerson], voting: int) -> BEntry | None:
    """The entry ``_entry`` would return, read without its per-field getters; None whenever
    anything is unusual (``_entry`` then reads it and names the problem). A bundle of thousands
    of entries spends most of its validation here, one JsonObject and fifteen calls an entry."""
    if not _ENTRY_FIELDS.issuperset(e):
        return None
    get = e.get
    texts = [get(key, "") for key in _ENTRY_TEXTS]
    for value in texts:
        if type(value) is not str:
            return None
    if _SURROGATE.search("".join(texts)):
        return None
    text, asker_text, respondent_text, answer, proposer, seconder, at_time, vote_note = texts
    if at_time and not _TIME.fullmatch(at_time):
        return None
    kind, outcome = get("kind", _PARAGRAPH), get("outcome", _NO_OUTCOME)
    if type(kind) is not str or kind not in _ENTRY_KINDS:
        return None
    if type(outcome) is not str or outcome not in _OUTCOMES:
        return None
    asker, respondent = get("asker"), get("respondent")
    for ref in (asker, respondent):
        if ref is not None and (type(ref) is not str or ref not in people):
            return None
    votes = (get("vote_for"), get("vote_against"), get("vote_abstain"))
    total = 0
    for vote in votes:
        if vote is not None:
            if type(vote) is not int or not 0 <= vote <= MAX_COUNT:
                return None
            total += vote
    if voting and total > voting:
        return None
    casting = get("casting_vote", False)
    if type(casting) is not bool:
        return None
    return BEntry(
        kind=_ENTRY_KINDS[kind], text=text, asker=asker, asker_text=asker_text,
        respondent=respondent, respondent_text=respondent_text, answer=answer,
        proposer=proposer, seconder=seconder, vote_for=votes[0], vote_against=votes[1],
        vote_abstain=votes[2], outcome=_OUTCOMES[outcome], casting_vote=casting, at_time=at_time,
        vote_note=vote_note,
    )


def _entry(o: JsonObject, people: dict[str, BPerson], voting: int = 0) -> BEntry:
    votes = {key: o.whole(key) for key in ("vote_for", "vote_against", "vote_abstain")}
    recorded = _recorded_vote(o, people)
    if recorded:  # the counts of a recorded vote are its marks'
        counted = tally(choice for _ref, choice in recorded)
        votes = dict(zip(("vote_for", "vote_against", "vote_abstain"), counted, strict=True))
    total = sum(v for v in votes.values() if v is not None)
    if voting and total > voting:
        raise refuse(
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
        vote_note=o.text("vote_note"), recorded_vote=recorded,
    )
    o.done()
    return entry


def _recorded_vote(
    o: JsonObject, people: dict[str, BPerson]
) -> tuple[tuple[str, VoteChoice], ...]:
    """An entry's optional recorded vote: [[person id, "for"|"against"|"abstain"], ...]."""
    value = o.raw("recorded_vote", [])
    where = o.at("recorded_vote")
    if not isinstance(value, list):
        raise refuse(where, "expected a list of [person, choice] pairs")
    out: list[tuple[str, VoteChoice]] = []
    for n, pair in enumerate(value):
        at = f"{where}[{n}]"
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(v, str) for v in pair)):
            raise refuse(at, "expected [person id, choice]")
        ref, choice = pair
        if ref not in people:
            raise refuse(at, f"refers to person {ref!r}, which is not in the bundle")
        if any(ref == seen for seen, _c in out):
            raise refuse(at, f"person {ref!r} is marked twice")
        try:
            out.append((ref, VoteChoice(choice)))
        except ValueError:
            raise refuse(at, f"{choice!r} is not one of for, against, abstain") from None
    return tuple(out)


def _action(
    o: JsonObject,
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
        raise refuse(o.at("ref_no"), f"duplicate action A{ref_no} (already at {refs[ref_no]})")
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
            raise refuse(o.at("raised_at"), "an earlier action cannot come from a later meeting")
        item = o.ref("item", origin_of, "item of an earlier meeting")
        if item is not None and origin_of[item] != raised_at:
            raise refuse(
                o.at("item"), f"item {item!r} belongs to meeting {origin_of[item]!r}, not to "
                f"{raised_at!r} where the action was raised"
            )
        updates = tuple(_update(u) for u in o.objects("updates"))
    action = BAction(
        ref_no=ref_no, text=o.text("text", nonempty=True).strip(), item=item,
        owner=o.ref("owner", people, "person"), owner_text=o.text("owner_text"),
        due_date=o.day("due_date"), due_text=o.text("due_text"),
        more_owners=tuple(
            (m.ref("owner", people, "person"), m.text("owner_text"))
            for m in o.objects("more_owners")
        ),
        status=o.choice("status", ActionStatus, ActionStatus.OPEN),
        completion_note=o.text("completion_note"), closed_on=o.day("closed_on"),
        raised_at=raised_at, updates=updates,
    )
    o.done()
    return action


def _update(o: JsonObject) -> BUpdate:
    created = o.moment("created_at", required=True)
    assert created is not None
    update = BUpdate(
        note=o.text("note", nonempty=True).strip(),
        status=o.choice("status", ActionStatus, ActionStatus.OPEN), created_at=created,
    )
    o.done()
    return update
