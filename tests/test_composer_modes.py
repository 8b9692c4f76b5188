"""The composer's rules without Textual (``panel_minutes.models.composer_modes``, ``panel_minutes.models.names``): mode
changes that would hide typed fields are refused, typed prefixes, Tab order, the completion on
offer, and the cursor place riding in the draft (issue 13, points 1-4 and 12)."""

from __future__ import annotations

from datetime import datetime

import pytest

from panel_minutes.models.composer_modes import Mode, change_mode, tab_order, typed_prefix
from panel_minutes.models.composer_state import (
    ComposerState,
    Place,
    state_from_draft,
    state_to_draft,
)
from panel_minutes.models.domain import DraftData, PersonData
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.names import completion_in_field, completion_in_text

PEOPLE = [
    PersonData(1, "Simon Hale", title="Mr", role="Police and Crime Commissioner"),
    PersonData(2, "Joan Ashby", title="Cllr"),
]


def test_a_mode_change_never_hides_typed_fields() -> None:
    fields = {"owner": '"Clerk team"', "due": "31/02/2027"}
    with pytest.raises(ValidationError, match=r"^Still an action, not filed yet"):
        change_mode(Mode.ACTION, Mode.ACTION, fields, typed=True)
    with pytest.raises(ValidationError, match="Owner, Due date still hold"):
        change_mode(Mode.ACTION, Mode.PARAGRAPH, fields, typed=True)
    with pytest.raises(ValidationError, match="Answer still holds"):
        change_mode(Mode.QUESTION, Mode.ACTION, {"answer": "yes"}, typed=True)
    assert change_mode(Mode.ACTION, Mode.QUESTION, {"owner": " "}, typed=True) is Mode.QUESTION
    assert change_mode(Mode.PROCEDURE, Mode.PARAGRAPH, {"at": "10:11"}, typed=True) is (
        Mode.PARAGRAPH)  # the time was filled in by the app, not typed


def test_typed_prefixes_need_capitals_a_colon_and_a_space_at_the_start() -> None:
    assert typed_prefix("Q: why") == (Mode.QUESTION, "why")
    assert typed_prefix("RESOLVED: ") == (Mode.RESOLUTION, "")
    assert typed_prefix("ACTION: x") == (Mode.ACTION, "x")
    assert typed_prefix("NOTE: ") == (Mode.PROCEDURE, "")
    for text in ("Q:", "Note: the report", "ACTION:x", " Q: x", "The ACTION: x", "QQ: x"):
        assert typed_prefix(text) is None, text


def test_tab_starts_in_the_text_and_ends_in_the_answer() -> None:
    assert tab_order(Mode.QUESTION) == ("text", "asker", "respondent", "answer")
    assert tab_order(Mode.ACTION) == ("text", "owner", "due")
    assert tab_order(Mode.PARAGRAPH) == ("text",)


def test_the_completion_on_offer() -> None:
    assert completion_in_text("Ask ha", PEOPLE) == (4, ["Mr Hale"])
    assert completion_in_text("Ask Mr Hale ", PEOPLE) is None  # done: nothing on offer
    assert completion_in_text("Ask Mr Hale", PEOPLE) is None
    assert completion_in_text("Ask comm", PEOPLE) is None  # running text: names only
    assert completion_in_field("comm", PEOPLE) == [PEOPLE[0]]
    assert completion_in_field("Mr Hale", PEOPLE) == []
    assert completion_in_field('"ha', PEOPLE) == []  # quotes: kept as written


def test_the_cursor_place_rides_in_the_draft() -> None:
    state = ComposerState(Mode.QUESTION, "Why?", {"answer": "Because"},
                          place=Place("answer", 0, 5))
    kind, text, fields = state_to_draft(state)
    back = state_from_draft(DraftData(1, None, kind, text, fields, datetime(2027, 3, 9)))
    assert back.place == Place("answer", 0, 5)
    assert back == state  # the place is not part of what was typed
