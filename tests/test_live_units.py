"""The live screen's pure logic: name completion, checking typed values, composer ↔ draft, the
clock, and undo's id map. No Textual, no database."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from panel_minutes.models.clock import running_since, span
from panel_minutes.models.composer_state import (
    ComposerState,
    Editing,
    Mode,
    action_args,
    entry_args,
    parse_outcome,
    parse_vote,
    state_from_draft,
    state_from_entry,
    state_to_draft,
)
from panel_minutes.models.domain import DraftData, EntryData, EntryKind, Outcome, PersonData
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.names import candidates, clear_winner, match_person, word_before
from panel_minutes.models.parsing import parse_optional_date, parse_time
from panel_minutes.models.undo import IdMap

PEOPLE = [
    PersonData(1, "Helen Marsh", title="Cllr"),
    PersonData(2, "Martin Fenwick", title="Cllr"),
    PersonData(3, "Claire Whitfield", title="Ms", role="Police and Crime Commissioner"),
    PersonData(4, "Priya Raman", title="Cllr"),
    PersonData(5, "Paul Raman", title="Mr"),
]


def test_candidates_put_surnames_first_and_respect_a_typed_title() -> None:
    assert [p.id for p in candidates("mar", PEOPLE)] == [1, 2]  # Marsh (surname), Martin
    assert clear_winner("mar", PEOPLE)
    assert [p.id for p in candidates("raman", PEOPLE)] == [4, 5]
    assert not clear_winner("raman", PEOPLE)
    assert [p.id for p in candidates("Cllr Ram", PEOPLE)] == [4]
    assert [p.id for p in candidates("Mr. Ram", PEOPLE)] == [5]
    assert candidates("zz", PEOPLE) == []
    assert candidates("", PEOPLE) == []


def test_match_person_takes_exact_forms_or_one_candidate() -> None:
    assert match_person("Cllr Marsh", PEOPLE) == PEOPLE[0]
    assert match_person("claire whitfield", PEOPLE) == PEOPLE[2]
    assert match_person("whit", PEOPLE) == PEOPLE[2]
    assert match_person("Raman", PEOPLE) is None  # two Ramans: no one in particular
    assert match_person("The Monitoring Officer", PEOPLE) is None


def test_word_before_the_cursor_takes_a_title_along() -> None:
    assert word_before("Thanks to ram") == ("ram", 10)
    assert word_before("Thanks to Cllr Ra") == ("Cllr Ra", 10)
    assert word_before("Thanks to the ") is None


@pytest.mark.parametrize(("typed", "expected"), [
    ("2027-02-28", date(2027, 2, 28)), ("28/02/2027", date(2027, 2, 28)),
    ("1/3/2027", date(2027, 3, 1)), ("", None),
])
def test_due_dates(typed: str, expected: date | None) -> None:
    assert parse_optional_date(typed, "due date") == expected


@pytest.mark.parametrize("typed", ["31/02/2027", "2027-13-01", "tomorrow", "28-02-2027"])
def test_bad_due_dates_say_how_to_type_them(typed: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_optional_date(typed, "due date")
    assert typed in str(err.value)
    assert "\n" not in str(err.value)


def test_votes_outcomes_and_times() -> None:
    assert parse_vote("8-0-1") == (8, 0, 1)
    assert parse_vote("8/0") == (8, 0, None)
    assert parse_vote("") == (None, None, None)
    with pytest.raises(ValidationError):
        parse_vote("eight")
    assert parse_outcome("u", (None, None)) is Outcome.UNANIMOUS
    assert parse_outcome("", (5, 2)) is Outcome.CARRIED
    assert parse_outcome("", (2, 5)) is Outcome.LOST
    assert parse_outcome("", (None, None)) is Outcome.NONE
    with pytest.raises(ValidationError):
        parse_outcome("deferred", (None, None))
    assert parse_time("1115") == "11:15"
    assert parse_time("9.05") == "09:05"
    with pytest.raises(ValidationError):
        parse_time("25:00")


def test_entry_args_per_mode() -> None:
    question = ComposerState(Mode.QUESTION, "how many", {"asker": '"ram"', "respondent": "whit",
                                                           "answer": "nine"})
    args = entry_args(question, PEOPLE)
    # "ram" in quotes is kept as written; "whit" names the Commissioner
    assert (args["asker_id"], args["asker_text"]) == (None, "ram")
    assert (args["respondent_id"], args["respondent_text"]) == (3, "")
    resolution = ComposerState(Mode.RESOLUTION, "RESOLVED that the Panel agree.",
                               {"proposer": "marsh", "vote": "6-1-0"})
    args = entry_args(resolution, PEOPLE)
    assert args["text"] == "that the Panel agree."
    assert args["proposer"] == "Cllr Marsh"
    assert args["outcome"] is Outcome.CARRIED
    with pytest.raises(ValidationError):
        entry_args(ComposerState(Mode.RESOLUTION, "that the Panel "), PEOPLE)
    note = ComposerState(Mode.PROCEDURE, "Cllr Marsh left the meeting.", {"at": "1115"})
    assert entry_args(note, PEOPLE)["at_time"] == "11:15"
    action = ComposerState(Mode.ACTION, "Write to the Minister", {"owner": '"Clerk"',
                                                                   "due": "31/12/2026"})
    assert action_args(action, PEOPLE) == {"text": "Write to the Minister", "owner_id": None,
                                           "owner_text": "Clerk",
                                           "due_date": date(2026, 12, 31), "due_text": "",
                                           "more_owners": ()}


def test_composer_state_round_trips_through_the_draft_row() -> None:
    stash = ComposerState(Mode.PARAGRAPH, "half a sentence")
    state = ComposerState(Mode.QUESTION, "why", {"asker": "Cllr Marsh", "answer": "because"},
                          Editing("entry", 7), stash)
    kind, text, fields = state_to_draft(state)
    assert (kind, text) == (EntryKind.QUESTION, "why")
    back = state_from_draft(DraftData(1, 2, kind, text, fields))
    assert back == state
    # a draft written by something else (no composer details) is still restored as text
    plain = state_from_draft(DraftData(1, 2, EntryKind.RESOLUTION, "that the Panel agree"))
    assert plain == ComposerState(Mode.RESOLUTION, "that the Panel agree")


def test_editing_an_entry_shows_short_names_and_the_vote() -> None:
    entry = EntryData(9, 1, 0, EntryKind.RESOLUTION, "that x", proposer="Cllr Marsh",
                      vote_for=5, vote_against=0, outcome=Outcome.CARRIED)
    state = state_from_entry(entry, PEOPLE)
    assert state.fields["vote"] == "5-0"
    assert state.editing == Editing("entry", 9)
    question = EntryData(10, 1, 1, EntryKind.QUESTION, "q", asker_id=4, respondent_id=3)
    fields = state_from_entry(question, PEOPLE).fields
    assert fields["respondent"] == "Ms Whitfield"
    assert fields["asker"] == "Cllr Raman"  # "Cllr Raman" is unique; "Raman" alone is not


def test_is_empty_ignores_prefilled_text() -> None:
    assert ComposerState(Mode.RESOLUTION, "that the Panel ").is_empty
    assert ComposerState(Mode.PROCEDURE, "", {"at": "10:00"}).is_empty
    assert not ComposerState(Mode.ACTION, "", {"owner": "x"}).is_empty


def test_clock_helpers() -> None:
    now = datetime(2026, 11, 17, 11, 2, 9)
    assert running_since("10:12", now) == "50:09"
    assert running_since("09:00", now) == "2:02:09"
    assert running_since("12:00", now) == ""
    assert running_since("", now) == ""
    assert span("10:12", "10:58") == "10:12\u201310:58 (46 min)"


def test_undo_id_map_follows_chains() -> None:
    ids = IdMap()
    ids.entries[1] = 5
    ids.entries[5] = 9
    assert ids.entry(1) == 9
    assert ids.entry(2) == 2
