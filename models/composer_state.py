"""What the composer holds, and how it becomes a store call (no Textual here).

``ComposerState`` is the composer's whole content: its mode (paragraph, question, resolution,
action, procedural note), the main text, the extra fields (asker, vote, owner, due date ...), and
whether it is editing an entry already filed. It round-trips through the draft row
(``state_to_draft`` / ``state_from_draft``) so a crash or kill loses nothing, and it turns into
the arguments of ``store.add_entry`` / ``update_entry`` / ``add_action`` with every typed value
checked first (``entry_args`` / ``action_args`` raise ``ValidationError`` with one clear line).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import count
from typing import Any

from panel_minutes.models.composer_modes import MODE_FIELDS, RESOLUTION_START
from panel_minutes.models.composer_modes import (
    Mode as Mode,  # re-exported: the screens import it from here
)
from panel_minutes.models.domain import (
    ActionData,
    DraftData,
    EntryData,
    EntryKind,
    Outcome,
    PersonData,
)
from panel_minutes.models.due import due_field, parse_due
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.names import as_written, match_person, name_field_value
from panel_minutes.models.parsing import parse_time
from panel_minutes.models.patches import ComposedAction, EntryPatch
from panel_minutes.models.recorded_votes import VoteChoice, as_pairs, from_pairs, pairs_json, tally

_ENTRY_MODES = {
    Mode.PARAGRAPH: EntryKind.PARAGRAPH,
    Mode.QUESTION: EntryKind.QUESTION,
    Mode.RESOLUTION: EntryKind.RESOLUTION,
    Mode.PROCEDURE: EntryKind.PROCEDURE,
}
_RESOLVED_PREFIX = re.compile(r"^\s*resolved\b[\s:,\-\u2013]*", re.IGNORECASE)


@dataclass(frozen=True)
class Editing:
    """The composer is editing an entry (or action) already filed."""

    what: str  # "entry" or "action"
    id: int
    # The entry's version (``updated_at``, ISO) the edit began from: an edit restored after a
    # restart whose entry changed since must not be saved over it without asking.
    base: str = ""

    @property
    def base_version(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.base) if self.base else None
        except ValueError:
            return None


@dataclass(frozen=True)
class Place:
    """Where the cursor is in the composer, so a restored draft puts it back."""

    field: str  # "text", "answer" or a field's key ("respondent", "due" ...)
    row: int = 0
    column: int = 0


@dataclass(frozen=True)
class ComposerState:
    mode: Mode = Mode.PARAGRAPH
    text: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    editing: Editing | None = None
    # The unfiled composer content put aside while an entry is edited; it comes back after.
    stash: ComposerState | None = None
    # Where the cursor was: (field, row, column), field "text", "answer" or a field's key.
    # Not part of what is typed: two states with the same content are equal wherever it is.
    place: Place | None = field(default=None, compare=False)

    @property
    def is_empty(self) -> bool:
        """Nothing typed (prefilled text such as "that the Panel " does not count)."""
        text = self.text.strip()
        typed_fields = {k: v for k, v in self.fields.items() if v.strip() and k != "at"}
        return (not text or text == RESOLUTION_START.strip()) and not typed_fields

    def get(self, name: str) -> str:
        return self.fields.get(name, "").strip()

    def with_mode(self, mode: Mode) -> ComposerState:
        return replace(self, mode=mode)


# --- checking typed values -----------------------------------------------------------------------


def parse_vote(value: str) -> tuple[int | None, int | None, int | None]:
    """"8-0-1" (for-against-abstain; "8/0/1", "8 0 1" and "8-0" too) → (8, 0, 1)."""
    raw = value.strip()
    if not raw:
        return None, None, None
    parts = [p for p in re.split(r"[\s\-/,]+", raw) if p]
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        raise ValidationError(
            f"The vote {raw!r} is not for-against-abstain counts: type it as 8-0-1."
        )
    counts: list[int | None] = [int(p) for p in parts]
    counts += [None] * (3 - len(counts))
    return counts[0], counts[1], counts[2]


def parse_outcome(value: str, votes: tuple[int | None, int | None]) -> Outcome:
    """"c", "carried", "l", "lost", "u", "unanimous"; "" works it out from the vote if given."""
    raw = value.strip().lower()
    if not raw:
        yes, no = votes
        if yes is not None and no is not None:
            return Outcome.CARRIED if yes > no else Outcome.LOST
        return Outcome.NONE
    for outcome in (Outcome.CARRIED, Outcome.LOST, Outcome.UNANIMOUS):
        if outcome.value.startswith(raw):
            return outcome
    raise ValidationError(f"The outcome {value.strip()!r} must be carried, lost or unanimous.")


# --- composer → store ----------------------------------------------------------------------------


def entry_args(state: ComposerState, people: Sequence[PersonData]) -> EntryPatch:
    """Keyword arguments for ``store.add_entry`` (kind, text and the kind's fields)."""
    kind = _ENTRY_MODES.get(state.mode)
    if kind is None:
        raise ValidationError("An action is not a minute entry.")
    text = state.text.strip()
    args: EntryPatch = {"kind": kind, "text": text}
    if kind is EntryKind.PARAGRAPH:
        if not text:
            raise ValidationError("Type the paragraph first.")
    elif kind is EntryKind.QUESTION:
        answer = state.get("answer")
        if not text and not answer:
            raise ValidationError("Type the question (and the answer, when it comes) first.")
        args["asker_id"], args["asker_text"] = _name_field(state, "asker", people)
        args["respondent_id"], args["respondent_text"] = _name_field(state, "respondent", people)
        args["answer"] = answer
    elif kind is EntryKind.RESOLUTION:
        text = _RESOLVED_PREFIX.sub("", text).strip()
        if not text or text == RESOLUTION_START.strip():
            raise ValidationError("Type what was resolved, after \"that the Panel\".")
        args["text"] = text
        yes, no, abstain = parse_vote(state.get("vote"))
        args["vote_for"], args["vote_against"], args["vote_abstain"] = yes, no, abstain
        args["outcome"] = parse_outcome(state.get("outcome"), (yes, no))
        args["proposer"] = _styled(state, "proposer", people)
        args["seconder"] = _styled(state, "seconder", people)
        args["vote_note"] = state.get("vote_note")
        if state.get(RECORDED_VOTE):  # the counts follow the marks (store: _recorded_vote)
            args["recorded_vote"] = state.get(RECORDED_VOTE)
    else:  # procedural note
        if not text:
            raise ValidationError("Type the note first, such as \"Cllr Lloyd left the meeting.\"")
        args["at_time"] = parse_time(state.get("at"), "time of the note")
    return args


_FIELD_LABELS = {key: label for fields in MODE_FIELDS.values() for key, label in fields}


def _name_field(
    state: ComposerState, key: str, people: Sequence[PersonData]
) -> tuple[int | None, str]:
    """(person id, "") or (None, text kept as written); letters naming no one are refused."""
    return name_field_value(_FIELD_LABELS[key], state.get(key), people)


def _styled(state: ComposerState, key: str, people: Sequence[PersonData]) -> str:
    """A proposer or seconder: the attendee's styled name, or the text kept as written."""
    person_id, text = _name_field(state, key, people)
    if person_id is None:
        return text
    return next(p.styled_name for p in people if p.id == person_id)


# The composer field holding a resolution's recorded (named) vote: the marks as stored (JSON
# pairs, ``panel_minutes.models.recorded_votes.pairs_json``), set by the recorded-vote panel, not typed.
RECORDED_VOTE = "recorded_vote"


def with_recorded_vote(
    state: ComposerState, marks: dict[int, VoteChoice | None]
) -> ComposerState:
    """The composer after the recorded-vote panel: the marks kept, the vote field showing the
    counts they give ("4-1-1"), the outcome left as typed (worked out from the counts if empty)."""
    pairs = as_pairs(marks)
    fields = dict(state.fields)
    fields[RECORDED_VOTE] = pairs_json(pairs)
    if pairs:
        yes, no, abstain = tally(c for _pid, c in pairs)
        fields["vote"] = f"{yes}-{no}-{abstain}"
    return replace(state, fields=fields)


def recorded_marks(state: ComposerState) -> dict[int, VoteChoice]:
    """The marks a composer holds (none when the vote was not recorded by name)."""
    raw = state.get(RECORDED_VOTE)
    return dict(from_pairs(json.loads(raw))) if raw else {}


# Several owners are typed in the Owner field separated by ";" ("Wu; Larkin").
OWNER_SEPARATOR = ";"


def action_args(state: ComposerState, people: Sequence[PersonData]) -> ComposedAction:
    """Keyword arguments for ``store.add_action`` / ``update_action`` (text, owner, due date)."""
    text = state.text.strip()
    if not text:
        raise ValidationError("Type what is to be done first.")
    owners = [
        name_field_value(_FIELD_LABELS["owner"], part, people)
        for part in state.get("owner").split(OWNER_SEPARATOR)
    ]
    owners = [(pid, text) for pid, text in owners if pid is not None or text] or [(None, "")]
    (owner_id, owner_text), *more = owners
    due_date, due_text = parse_due(state.get("due"))
    return {
        "text": text,
        "owner_id": owner_id,
        "owner_text": owner_text,
        "due_date": due_date,
        "due_text": due_text,
        "more_owners": tuple(more),
    }


# --- store → composer (editing) ------------------------------------------------------------------


def short_name(person: PersonData, people: Sequence[PersonData]) -> str:
    """"Cllr Raman" when no one else present shares it, else "Cllr Priya Raman"."""
    styled = person.styled_name.lower()
    if sum(1 for p in people if p.styled_name.lower() == styled) == 1:
        return person.styled_name
    return person.full_name


def _name(person_id: int | None, fallback: str, people: Sequence[PersonData]) -> str:
    """A filed name as the composer shows it: the person, or free text in quotes."""
    for person in people:
        if person.id == person_id:
            return short_name(person, people)
    return as_written(fallback)


def _typed_name(text: str, people: Sequence[PersonData]) -> str:
    """A proposer or seconder as filed (plain text): as it is when it names someone present."""
    return text if not text or match_person(text, people) is not None else as_written(text)


def _vote_text(entry: EntryData) -> str:
    counts = [entry.vote_for, entry.vote_against, entry.vote_abstain]
    while counts and counts[-1] is None:
        counts.pop()
    return "-".join("0" if c is None else str(c) for c in counts)


def state_from_entry(entry: EntryData, people: Sequence[PersonData]) -> ComposerState:
    mode = Mode(entry.kind.value)
    fields: dict[str, str] = {}
    if mode is Mode.QUESTION:
        fields = {
            "asker": _name(entry.asker_id, entry.asker_text, people),
            "respondent": _name(entry.respondent_id, entry.respondent_text, people),
            "answer": entry.answer,
        }
    elif mode is Mode.RESOLUTION:
        fields = {
            "proposer": _typed_name(entry.proposer, people),
            "seconder": _typed_name(entry.seconder, people),
            "vote": _vote_text(entry),
            "outcome": entry.outcome.value,
            "vote_note": entry.vote_note,
        }
        if entry.recorded_votes:
            fields[RECORDED_VOTE] = pairs_json(entry.recorded_votes)
    elif mode is Mode.PROCEDURE:
        fields = {"at": entry.at_time}
    base = entry.updated_at.isoformat() if entry.updated_at else ""
    return ComposerState(mode, entry.text, fields, Editing("entry", entry.id, base))


def state_from_action(action: ActionData, people: Sequence[PersonData]) -> ComposerState:
    fields = {
        "owner": f"{OWNER_SEPARATOR} ".join(
            _name(pid, text, people)
            for pid, text in ((action.owner_id, action.owner_text), *action.more_owners)
        ),
        "due": due_field(action.due_date, action.due_text),
    }
    return ComposerState(Mode.ACTION, action.text, fields, Editing("action", action.id))


def entry_as_update(args: EntryPatch) -> EntryPatch:
    """``entry_args`` made fit for ``update_entry``: fields the new kind does not use are blanked."""
    blank: EntryPatch = {
        "asker_id": None, "asker_text": "", "respondent_id": None, "respondent_text": "",
        "answer": "", "proposer": "", "seconder": "", "vote_for": None, "vote_against": None,
        "vote_abstain": None, "outcome": Outcome.NONE, "at_time": "", "recorded_vote": "",
        "vote_note": "",
    }
    blank.update(args)
    return blank


# --- composer ↔ draft row ------------------------------------------------------------------------


def _state_dict(state: ComposerState) -> dict[str, Any]:
    out: dict[str, Any] = {"mode": state.mode.value, "text": state.text, "fields": state.fields}
    if state.editing is not None:
        out["editing"] = {"what": state.editing.what, "id": state.editing.id,
                          "base": state.editing.base}
    if state.stash is not None:
        out["stash"] = _state_dict(state.stash)
    if state.place is not None:
        out["place"] = [state.place.field, state.place.row, state.place.column]
    return out


def _state_from_dict(data: Any) -> ComposerState | None:
    if not isinstance(data, dict):
        return None
    try:
        mode = Mode(str(data.get("mode", "paragraph")))
    except ValueError:
        mode = Mode.PARAGRAPH
    raw_fields = data.get("fields", {})
    fields = (
        {str(k): str(v) for k, v in raw_fields.items() if v is not None}
        if isinstance(raw_fields, dict)
        else {}
    )
    editing = None
    raw_edit = data.get("editing")
    if isinstance(raw_edit, dict) and raw_edit.get("what") in {"entry", "action"}:
        try:
            editing = Editing(str(raw_edit["what"]), int(raw_edit["id"]),
                              str(raw_edit.get("base") or ""))
        except (KeyError, TypeError, ValueError):
            editing = None
    return ComposerState(
        mode, str(data.get("text", "")), fields, editing, _state_from_dict(data.get("stash")),
        _place_from(data.get("place")),
    )


def _place_from(raw: Any) -> Place | None:
    """The cursor place of a saved draft (``None`` for drafts saved without one)."""
    if not isinstance(raw, list) or len(raw) != 3:
        return None
    key, row, column = raw
    if not isinstance(key, str) or not isinstance(row, int) or not isinstance(column, int):
        return None
    return Place(key, max(row, 0), max(column, 0))


_SERIALS = count(1)


@dataclass(frozen=True)
class Pending:
    """An Enter waiting to be filed: the composer as it was, and the item it was typed under."""

    state: ComposerState
    item_id: int | None
    # When Enter was pressed (HH:MM): a vote is checked against who was present then.
    at: str = field(default="", compare=False)
    # Tells two Enters of the same text apart (the filing calls note which ones were written).
    serial: int = field(default_factory=lambda: next(_SERIALS), compare=False)



def state_to_draft(
    state: ComposerState, waiting: Sequence[Pending] = ()
) -> tuple[EntryKind, str, dict[str, Any]]:
    """(kind, text, fields) for ``store.save_draft``; the full state rides in ``fields``, with
    the Enters still waiting to be filed (``waiting``), so a kill loses none of them."""
    kind = _ENTRY_MODES.get(state.mode, EntryKind.PARAGRAPH)
    fields: dict[str, Any] = {"composer": _state_dict(state)}
    if waiting:
        fields["waiting"] = [{"item": p.item_id, **_state_dict(p.state)} for p in waiting]
    return kind, state.text, fields


def draft_is_empty(state: ComposerState, waiting: Sequence[Pending] = ()) -> bool:
    """Nothing to keep as a draft: no text, no edit under way, nothing waiting."""
    return state.is_empty and state.editing is None and state.stash is None and not waiting


def waiting_from_draft(draft: DraftData) -> list[Pending]:
    """The Enters that were waiting to be filed when the draft was saved."""
    raw = draft.fields.get("waiting")
    out: list[Pending] = []
    for data in raw if isinstance(raw, list) else []:
        state = _state_from_dict(data)
        if state is None:
            continue
        item = data.get("item")
        out.append(Pending(state, item if isinstance(item, int) else None))
    return out


def state_from_draft(draft: DraftData) -> ComposerState:
    """The composer as it was saved; a draft written without composer details is a paragraph."""
    restored = _state_from_dict(draft.fields.get("composer"))
    if restored is not None:
        return restored
    mode = Mode(draft.kind.value)
    return ComposerState(mode, draft.text)


def rescue_text(state: ComposerState, waiting: Sequence[Pending] = ()) -> str:
    """Everything unfiled, as plain text for a rescue file: the Enters waiting to be filed, in
    order, then the composer (and anything it put aside while an entry was edited)."""
    parts: list[str] = []

    def add(one: ComposerState) -> None:
        if one.is_empty:
            return
        answer = one.get("answer")
        parts.append(one.text.strip() + (f"\n\nAnswer: {answer}" if answer else ""))

    for pending in waiting:
        add(pending.state)
    seen: ComposerState | None = state
    while seen is not None:
        add(seen)
        seen = seen.stash
    return "\n\n".join(parts)
