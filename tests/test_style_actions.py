"""House style: where actions go (a table, inline after their item, or both), the due date as a
date or words, and the table's status column (issue 14, Actions)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from panel_minutes.models.bundle import dumps_bundle, export_bundle
from panel_minutes.models.composer_modes import Mode
from panel_minutes.models.composer_state import ComposerState, action_args, state_from_action
from panel_minutes.models.domain import EntryKind
from panel_minutes.models.due import parse_due
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.export import render_markdown
from panel_minutes.models.house_style import ActionPlacement
from panel_minutes.models.screen_data import owner_name
from panel_minutes.models.store import Store
from panel_minutes.models.store.bundle_io import import_bundle
from tests.style_meeting import StyleMeeting, style_meeting

INLINE = "ACTION: the Clerk to request the traffic survey, by the July meeting."


def with_action(m: StyleMeeting) -> None:
    m.store.add_entry(m.item_id, EntryKind.RESOLUTION, "that the Clerk ask for a survey.")
    m.store.add_action(m.meeting_id, "request the traffic survey.", item_id=m.item_id,
                       owner_text="the Clerk", due_text="the July meeting")
    m.store.add_item(m.meeting_id, "Finance")


def test_inline_actions_follow_their_item_and_leave_no_table(store: Store) -> None:
    m = style_meeting(store, "parish")
    with_action(m)
    lines = m.lines()
    assert "RESOLVED: That the Clerk ask" in lines[lines.index(INLINE) - 1]
    assert "Finance" in lines[lines.index(INLINE) + 1]
    assert "## Actions" not in lines


def test_both_places_inline_and_the_table(store: Store) -> None:
    m = style_meeting(store, actions=ActionPlacement.BOTH)
    with_action(m)
    text = m.markdown()
    assert INLINE in text
    assert "| A1 | request the traffic survey. | the Clerk | the July meeting | Open |" in text


def test_the_table_alone_by_default(store: Store) -> None:
    m = style_meeting(store)
    with_action(m)
    assert "ACTION:" not in m.markdown()


def test_an_action_with_no_item_stays_in_the_table_when_inline(store: Store) -> None:
    m = style_meeting(store, "parish")
    store.add_action(m.meeting_id, "Book the hall", owner_text="the Clerk")
    assert "| A1 | Book the hall | the Clerk |  |" in m.markdown()


def test_inline_with_no_due_date_drops_by(store: Store) -> None:
    m = style_meeting(store, "parish")
    store.add_action(m.meeting_id, "Book the hall", item_id=m.item_id, owner_text="the Clerk")
    assert "** ACTION: the Clerk to Book the hall.\n\n" in m.markdown()


def test_pcp_table_without_status_column_and_due_in_words(store: Store) -> None:
    m = style_meeting(store, "pcp")
    store.add_action(m.meeting_id, "Circulate the comparison", item_id=m.item_id,
                     owner_id=m.people["wu"].id, due_text="next meeting")
    store.add_action(m.meeting_id, "Bring the business case", item_id=m.item_id,
                     owner_id=m.people["pcc"].id, due_date=date(2027, 1, 14))
    assert (
        "| Ref | Action | Owner | Due |\n| --- | --- | --- | --- |\n"
        "| A1 | Circulate the comparison | Mr Dan Wu | next meeting |\n"
        "| A2 | Bring the business case | Mrs Alison Greer | 14 January 2027 |"
    ) in m.markdown()


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("2026-07-01", (date(2026, 7, 1), "")),
        ("1/7/2026", (date(2026, 7, 1), "")),
        ("next  meeting", (None, "next meeting")),
        ("", (None, "")),
    ],
)
def test_the_due_field_takes_a_date_or_words(typed: str, due: tuple[date | None, str]) -> None:
    assert parse_due(typed) == due


def test_a_mistyped_date_is_refused_not_kept_as_words() -> None:
    with pytest.raises(ValidationError, match="not a real date"):
        parse_due("2026-13-01")


def test_the_composer_files_and_edits_a_due_date_in_words(store: Store) -> None:
    m = style_meeting(store)
    state = ComposerState(Mode.ACTION, "Circulate the comparison",
                          {"owner": '"the Clerk"', "due": "next meeting"})
    action = store.add_action(m.meeting_id, item_id=m.item_id, **action_args(state, []))
    assert (action.due_date, action.due_text) == (None, "next meeting")
    assert state_from_action(action, []).get("due") == "next meeting"
    changed = store.update_action(action.id, due_date=date(2026, 7, 1), due_text="")
    assert (changed.due_date, changed.due_text) == (date(2026, 7, 1), "")


def test_an_action_with_several_owners(store: Store, tmp_path: Path) -> None:
    m = style_meeting(store, "pcp")
    wu, larkin = m.people["wu"], m.people["larkin"]
    people = list(m.people.values())
    state = ComposerState(Mode.ACTION, "Circulate the comparison",
                          {"owner": "Dan Wu; Eve Larkin", "due": "next meeting"})
    values = action_args(state, people)
    assert (values["owner_id"], values["more_owners"]) == (wu.id, ((larkin.id, ""),))
    action = store.add_action(m.meeting_id, item_id=m.item_id, **values)
    assert action.owners == ("Mr Dan Wu", "Ms Eve Larkin")
    assert owner_name(action, m.people_by_id()) == "Mr Dan Wu and Ms Eve Larkin"
    assert state_from_action(action, people).get("owner").count(";") == 1
    line = "| A1 | Circulate the comparison | Mr Dan Wu and Ms Eve Larkin | next meeting |"
    assert line in m.markdown()
    text = dumps_bundle(export_bundle(store, m.meeting_id))
    other = Store(str(tmp_path / "other.db"))
    try:
        assert line in render_markdown(other.load_document(import_bundle(other, text)))
    finally:
        other.close()
    changed = store.update_action(action.id, more_owners=())
    assert changed.owners == ("Mr Dan Wu",)
