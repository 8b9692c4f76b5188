"""How the deleted-entries dialog describes each row: where, what, when, and the start of it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from panel_minutes.models.domain import (
    ActionData,
    DeletedActionData,
    DeletedEntryData,
    EntryData,
    EntryKind,
)
from panel_minutes.screens.deleted import deleted_prompt

WHEN = datetime(2026, 11, 17, 10, 42, tzinfo=UTC)


def test_a_long_question_is_cut_and_its_answer_shown() -> None:
    entry = EntryData(7, 3, 0, EntryKind.QUESTION, text="whether " + "very " * 60 + "long",
                      answer="it was")
    line = deleted_prompt(DeletedEntryData(1, 1, 3, entry, WHEN, revisions=2), {3: "5"}).plain
    head, words = line.split("\n")
    assert head.startswith("Item 5 · Question · deleted ") and head.endswith("· 2 changes")
    assert len(words) == 150 and words.endswith("…")


def test_an_action_without_its_item_names_its_number_and_owner() -> None:
    action = ActionData(4, 1, 1, None, 12, "Write to the   Home Office", owner_text="Clerk",
                        due_date=date(2027, 1, 5))
    line = deleted_prompt(DeletedActionData(2, 1, None, action, WHEN, updates=1), {}).plain
    head, words = line.split("\n")
    assert head.startswith("No item · Action A12 · deleted ")
    assert head.endswith("· 1 progress report")
    assert words == "Write to the Home Office (Clerk)"
