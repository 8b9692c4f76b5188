"""What a refused filing means, and what goes back into the composer (``panel_minutes.models.filing_outcome``),
without a screen."""

from __future__ import annotations

from datetime import datetime

from panel_minutes.models.composer_state import ComposerState, Editing, Mode
from panel_minutes.models.domain import EntryData, EntryKind
from panel_minutes.models.errors import DatabaseError, ValidationError
from panel_minutes.models.filing_outcome import FilingFailure, failure_of, given_back
from panel_minutes.models.store.entries import EntryConflictError


def test_a_database_that_refuses_for_now_means_wait_and_retry() -> None:
    assert failure_of(DatabaseError("The disk is full.")) == FilingFailure(
        retry=True, message="The disk is full.")


def test_an_entry_changed_since_the_edit_began_means_ask() -> None:
    current = EntryData(id=4, item_id=1, position=1, kind=EntryKind.PARAGRAPH, text="now",
                        updated_at=datetime(2026, 3, 4, 10, 0))
    err = EntryConflictError("changed", current)
    failure = failure_of(err)
    assert failure.conflict is err and not failure.retry and failure.message == ""


def test_any_other_refusal_names_its_reason_and_field() -> None:
    failure = failure_of(ValidationError("Votes do not add up.", field="vote_for"))
    assert failure == FilingFailure(message="Votes do not add up.", field="vote_for")


def test_a_refused_enter_comes_back_with_the_cursor_on_the_field_at_fault() -> None:
    typed = ComposerState(Mode.RESOLUTION, "that the Panel agrees", {"vote": "9-0-0"})
    state, focus = given_back(typed, ComposerState(), "vote")
    assert state == typed and focus == "vote"
    assert given_back(typed, ComposerState(), "nowhere") == (typed, "")  # not a shown field


def test_what_was_typed_since_is_put_aside_and_kept() -> None:
    typed = ComposerState(Mode.RESOLUTION, "that the Panel agrees", {"vote": "9-0-0"})
    since = ComposerState(text="the next paragraph")
    state, focus = given_back(typed, since, "vote")
    assert state.stash == since and state.text == typed.text
    assert focus == ""  # the cursor is not moved away from what is put aside
    editing = ComposerState(editing=Editing("entry", 3))
    assert given_back(typed, editing)[0].stash == editing  # an edit in progress is kept too
