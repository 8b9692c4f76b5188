"""The action log across a series of meetings: raised, chased, closed, and no longer carried."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from panel_minutes.models.domain import ActionData, ActionStatus, ItemKind
from panel_minutes.models.errors import ReadOnlyMeetingError, ValidationError
from panel_minutes.models.patches import ActionPatch
from panel_minutes.models.store import Store

DAYS = (date(2025, 1, 10), date(2025, 3, 10), date(2025, 5, 12), date(2025, 7, 14))


@dataclass
class Series:
    store: Store
    panel_id: int
    meetings: list[int]
    pcc_id: int
    chased: int  # raised at meeting 1, updated at 2, closed at 3
    standing: int  # raised at meeting 1, still open at meeting 4


@pytest.fixture
def series(store: Store) -> Series:
    panel = store.create_panel(
        "Northmoor Police and Crime Panel",
        standing_agenda=("Apologies", "Minutes of the previous meeting", "Action log"),
    )
    pcc = store.create_person("Joan Tiverton", title="Ms", role="Police and Crime Commissioner")
    meetings = [store.create_meeting(panel.id, day).id for day in DAYS]
    first_items = store.list_items(meetings[0])
    chased = store.add_action(
        meetings[0], "Send the panel the victim satisfaction survey results",
        item_id=first_items[2].id, owner_id=pcc.id, due_date=date(2025, 2, 28),
    )
    standing = store.add_action(
        meetings[0], "Report on the estates strategy", owner_text="Office of the PCC",
        due_date=date(2025, 12, 1),
    )
    return Series(store, panel.id, meetings, pcc.id, chased.id, standing.id)


def refs(actions: list[ActionData]) -> list[str]:
    return [a.ref for a in actions]


def test_refs_run_on_within_a_panel_and_restart_for_another(series: Series) -> None:
    s = series.store
    later = s.add_action(series.meetings[1], "Invite the chief constable")
    assert refs(s.list_actions(series.panel_id)) == ["A1", "A2", "A3"]
    assert later.ref == "A3"
    other = s.create_panel("Southmoor Police and Crime Panel")
    meeting = s.create_meeting(other.id, date(2025, 1, 1))
    assert s.add_action(meeting.id, "Something else").ref == "A1"


def test_raised_at_one_updated_at_two_closed_at_three_not_carried_to_four(series: Series) -> None:
    s = series.store
    m1, m2, m3, m4 = series.meetings
    assert s.carried_actions(m1) == []
    assert refs(s.carried_actions(m2)) == ["A1", "A2"]

    s.add_action_update(series.chased, m2, "The survey closes at the end of March.")
    assert s.get_action(series.chased).status is ActionStatus.OPEN

    assert refs(s.carried_actions(m3)) == ["A1", "A2"]
    s.set_action_status(
        series.chased, ActionStatus.DONE, note="Results circulated on 2 May.", on=DAYS[2],
        meeting_id=m3,
    )
    # Still reviewed at meeting 3, where its completion is minuted ...
    carried3 = s.carried_actions(m3)
    assert refs(carried3) == ["A1", "A2"]
    assert carried3[0].status is ActionStatus.DONE
    assert carried3[0].completion_note == "Results circulated on 2 May."
    # ... and gone from meeting 4, while the open one is still carried.
    assert refs(s.carried_actions(m4)) == ["A2"]

    updates = s.list_action_updates(series.chased)
    assert [(u.meeting_id, u.status, u.note) for u in updates] == [
        (m2, ActionStatus.OPEN, "The survey closes at the end of March."),
        (m3, ActionStatus.DONE, "Results circulated on 2 May."),
    ]
    # The meeting documents show the same thing.
    doc3 = s.load_document(m3)
    assert [a.ref for a in doc3.earlier_actions] == ["A1", "A2"]
    assert [u.note for u in doc3.action_updates[series.chased]] == ["Results circulated on 2 May."]
    assert [a.ref for a in s.load_document(m4).earlier_actions] == ["A2"]


def test_an_action_is_not_carried_to_its_own_meeting(series: Series) -> None:
    s = series.store
    _, m2, m3, _ = series.meetings
    new = s.add_action(m2, "Publish the complaints data")
    assert new.id not in {a.id for a in s.carried_actions(m2)}
    assert new.id in {a.id for a in s.carried_actions(m3)}


def test_closed_between_meetings_is_reported_once(series: Series) -> None:
    """Closed without being minuted: shown at the next meeting, then no more."""
    s = series.store
    _, m2, m3, _ = series.meetings
    s.set_action_status(series.chased, ActionStatus.DONE, on=date(2025, 2, 20))
    assert refs(s.carried_actions(m2)) == ["A1", "A2"]
    assert refs(s.carried_actions(m3)) == ["A2"]


def test_closed_reopened_and_closed_again_is_reported_at_the_second_closure(
    series: Series,
) -> None:
    s = series.store
    _, m2, m3, m4 = series.meetings
    s.set_action_status(series.chased, ActionStatus.DONE, on=DAYS[1], meeting_id=m2)
    assert refs(s.carried_actions(m3)) == ["A2"]
    s.set_action_status(series.chased, ActionStatus.OPEN, note="Survey incomplete.", meeting_id=m3)
    assert refs(s.carried_actions(m4)) == ["A1", "A2"]
    s.set_action_status(series.chased, ActionStatus.DONE, on=DAYS[3], meeting_id=m4)
    assert refs(s.carried_actions(m4)) == ["A1", "A2"]
    m5 = s.create_meeting(series.panel_id, date(2025, 9, 15)).id
    assert refs(s.carried_actions(m5)) == ["A2"]


def test_list_actions_filters(series: Series) -> None:
    s = series.store
    m1, m2, m3, _ = series.meetings
    s.add_action(m2, "Invite the chief constable", owner_text="Panel clerk")
    assert refs(s.list_actions(series.panel_id, meeting_id=m1)) == ["A1", "A2"]
    assert refs(s.list_actions(meeting_id=m2)) == ["A3"]
    assert refs(s.list_actions(series.panel_id, owner="tiverton")) == ["A1"]  # the person's name
    assert refs(s.list_actions(series.panel_id, owner="office of")) == ["A2"]  # typed owner
    assert refs(s.list_actions(series.panel_id, overdue_on=date(2025, 3, 1))) == ["A1"]
    assert refs(s.list_actions(series.panel_id, overdue_on=date(2025, 12, 2))) == ["A1", "A2"]

    s.set_action_status(series.chased, ActionStatus.DONE, on=DAYS[2], meeting_id=m3)
    assert refs(s.list_actions(series.panel_id, status=ActionStatus.OPEN)) == ["A2", "A3"]
    assert refs(s.list_actions(series.panel_id, status=ActionStatus.DONE)) == ["A1"]
    # A closed action is never overdue.
    assert refs(s.list_actions(series.panel_id, overdue_on=date(2025, 12, 2))) == ["A2"]
    s.set_action_status(series.standing, ActionStatus.DROPPED, note="Superseded.")
    assert refs(s.list_actions(series.panel_id, status=ActionStatus.DROPPED)) == ["A2"]
    assert s.get_action(series.standing).closed_on == date.today()


def test_reopening_clears_the_closing_date(series: Series) -> None:
    s = series.store
    s.set_action_status(series.chased, ActionStatus.DONE, on=date(2025, 2, 1))
    reopened = s.set_action_status(series.chased, ActionStatus.OPEN)
    assert reopened.closed_on is None
    assert reopened.status is ActionStatus.OPEN


def test_update_needs_text(series: Series) -> None:
    with pytest.raises(ValidationError, match="cannot be empty"):
        series.store.add_action_update(series.chased, series.meetings[1], "   ")


def test_actions_of_approved_minutes_are_still_chased(series: Series) -> None:
    """Approval freezes what was minuted (wording, owner, due date), not the action's progress."""
    s = series.store
    m1, m2, m3, _ = series.meetings
    s.approve_minutes(m1, at_meeting_id=m2)
    s.add_action_update(series.chased, m2, "Chased by the clerk.")
    closed = s.set_action_status(series.chased, ActionStatus.DONE, on=DAYS[2], meeting_id=m3)
    assert closed.status is ActionStatus.DONE
    assert s.update_action(series.standing, completion_note="In hand.").completion_note == (
        "In hand."
    )
    # Re-sending an unchanged wording (a form that saves every field) is harmless.
    assert s.update_action(series.standing, text="Report on the estates strategy").ref == "A2"
    changes: list[ActionPatch] = [
        {"text": "Report on something else"},
        {"owner_text": "Chief Constable"},
        {"due_date": date(2026, 1, 1)},
    ]
    for change in changes:
        with pytest.raises(ReadOnlyMeetingError, match="progress"):
            s.update_action(series.standing, **change)
    # Progress reported at a meeting whose own minutes are approved is refused.
    s.approve_minutes(m2, at_meeting_id=m3)
    with pytest.raises(ReadOnlyMeetingError, match="10 March 2025"):
        s.add_action_update(series.standing, m2, "Too late.")
    with pytest.raises(ReadOnlyMeetingError, match="10 March 2025"):
        s.set_action_status(series.standing, ActionStatus.DONE, meeting_id=m2)
    assert s.get_action(series.standing).status is ActionStatus.OPEN


def test_action_log_item_kind_is_recognised(series: Series) -> None:
    items = series.store.list_items(series.meetings[0])
    assert items[2].kind is ItemKind.ACTION_LOG
