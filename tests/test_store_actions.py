"""Store: actions, their references, filters, progress, and carry-over to later meetings."""

from __future__ import annotations

from datetime import date

import pytest

from panel_minutes.models.domain import ActionStatus
from panel_minutes.models.errors import NotFoundError, ValidationError
from panel_minutes.models.store import Store


@pytest.fixture
def panel_id(store: Store) -> int:
    return store.create_panel("Actions Police and Crime Panel").id


def meeting(store: Store, panel_id: int, day: date) -> int:
    return store.create_meeting(panel_id, day, standing_agenda=False).id


def refs(actions: list) -> list[str]:  # type: ignore[type-arg]
    return [a.ref for a in actions]


def test_refs_run_on_through_the_panel(store: Store, panel_id: int) -> None:
    first = meeting(store, panel_id, date(2026, 1, 1))
    second = meeting(store, panel_id, date(2026, 2, 1))
    other_panel = store.create_panel("Other Police and Crime Panel").id
    elsewhere = meeting(store, other_panel, date(2026, 1, 1))
    a1 = store.add_action(first, "  Send the report ", owner_text=" Clerk ")
    a2 = store.add_action(first, "Book the room")
    a3 = store.add_action(second, "Chase the figures")
    b1 = store.add_action(elsewhere, "Another panel's action")
    assert [a.ref for a in (a1, a2, a3, b1)] == ["A1", "A2", "A3", "A1"]
    assert a1.text == "Send the report" and a1.owner_text == "Clerk"
    assert [a.position for a in (a1, a2, a3)] == [0, 1, 0]
    assert refs(store.list_actions(panel_id)) == ["A1", "A2", "A3"]
    assert refs(store.list_actions(meeting_id=first)) == ["A1", "A2"]


def test_action_validation(store: Store, panel_id: int) -> None:
    first = meeting(store, panel_id, date(2026, 1, 1))
    second = meeting(store, panel_id, date(2026, 2, 1))
    item = store.add_item(second, "Report")
    with pytest.raises(ValidationError, match="action cannot be empty"):
        store.add_action(first, "  ")
    with pytest.raises(ValidationError, match="another meeting"):
        store.add_action(first, "Chase", item_id=item.id)
    with pytest.raises(NotFoundError):
        store.add_action(first + 100, "Chase")
    action = store.add_action(first, "Chase")
    with pytest.raises(ValidationError):
        store.update_action(action.id, text="")
    with pytest.raises(ValueError):
        store.update_action(action.id, status="finished")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="update cannot be empty"):
        store.add_action_update(action.id, second, "  ")
    with pytest.raises(NotFoundError):
        store.get_action(action.id + 100)


def test_unknown_owner_is_a_clear_error(store: Store, panel_id: int) -> None:
    first = meeting(store, panel_id, date(2026, 1, 1))
    with pytest.raises(NotFoundError, match="person"):
        store.add_action(first, "Chase", owner_id=9999)
    assert store.list_actions(panel_id) == []


def test_filters(store: Store, panel_id: int) -> None:
    first = meeting(store, panel_id, date(2026, 1, 1))
    pcc = store.create_person("Colin Reid", title="Mr")
    store.add_action(first, "Late one", owner_id=pcc.id, due_date=date(2026, 1, 10))
    store.add_action(first, "Not yet due", owner_text="Office of the PCC",
                     due_date=date(2026, 3, 1))
    done = store.add_action(first, "Finished", owner_text="Clerk", due_date=date(2026, 1, 5))
    store.set_action_status(done.id, ActionStatus.DONE, note="Sent.", on=date(2026, 1, 4))
    assert refs(store.list_actions(panel_id, status=ActionStatus.OPEN)) == ["A1", "A2"]
    assert refs(store.list_actions(panel_id, status=ActionStatus.DONE)) == ["A3"]
    assert refs(store.list_actions(panel_id, owner="reid")) == ["A1"]
    assert refs(store.list_actions(panel_id, owner="pcc")) == ["A2"]
    assert refs(store.list_actions(panel_id, overdue_on=date(2026, 2, 1))) == ["A1"]


def test_status_changes(store: Store, panel_id: int) -> None:
    first = meeting(store, panel_id, date(2026, 1, 1))
    second = meeting(store, panel_id, date(2026, 2, 1))
    action = store.add_action(first, "Send the report")
    closed = store.set_action_status(action.id, ActionStatus.DONE, note=" Sent on 20 Jan. ",
                                     on=date(2026, 1, 20), meeting_id=second)
    assert (closed.status, closed.closed_on, closed.completion_note) == (
        ActionStatus.DONE, date(2026, 1, 20), "Sent on 20 Jan."
    )
    assert [(u.meeting_id, u.status, u.note) for u in store.list_action_updates(action.id)] == [
        (second, ActionStatus.DONE, "Sent on 20 Jan.")
    ]
    reopened = store.set_action_status(action.id, ActionStatus.OPEN)
    assert reopened.status is ActionStatus.OPEN and reopened.closed_on is None
    # closing through update_action dates the closure too, so the next meeting reports it
    done = store.update_action(action.id, status=ActionStatus.DROPPED)
    assert done.closed_on is not None
    assert store.update_action(action.id, status=ActionStatus.OPEN).closed_on is None


def test_open_actions_carry_over_until_closed(store: Store, panel_id: int) -> None:
    first = meeting(store, panel_id, date(2026, 1, 1))
    a1 = store.add_action(first, "Still open")
    a2 = store.add_action(first, "Closed between meetings")
    a3 = store.add_action(first, "Closed before the first meeting was even over")
    # (minuted at that meeting: a closure cannot be dated before the meeting that raised it)
    store.set_action_status(a3.id, ActionStatus.DONE, on=date(2026, 1, 1), meeting_id=first)
    second = meeting(store, panel_id, date(2026, 2, 1))
    store.set_action_status(a2.id, ActionStatus.DONE, note="Done.", on=date(2026, 1, 15))
    a4 = store.add_action(second, "Raised at the second meeting")
    third = meeting(store, panel_id, date(2026, 3, 1))
    fourth = meeting(store, panel_id, date(2026, 4, 1))

    assert store.carried_actions(first) == []
    assert refs(store.carried_actions(second)) == ["A1", "A2"]
    # the closed one is shown at the next meeting only; open ones keep coming
    assert refs(store.carried_actions(third)) == ["A1", "A4"]
    store.set_action_status(a1.id, ActionStatus.DONE, on=date(2026, 3, 10))
    assert refs(store.carried_actions(fourth)) == ["A1", "A4"]
    assert refs(store.carried_actions(third)) == ["A1", "A4"]
    fifth = meeting(store, panel_id, date(2026, 5, 1))
    assert refs(store.carried_actions(fifth)) == ["A4"]
    # the document for a meeting carries the same list, with the updates minuted there
    store.add_action_update(a4.id, fourth, "In hand.")
    doc = store.load_document(fourth)
    assert [a.ref for a in doc.earlier_actions] == ["A1", "A4"]
    assert [u.note for u in doc.action_updates[a4.id]] == ["In hand."]
    assert a1.id not in doc.action_updates


def test_carried_actions_of_exempt_items_are_marked_confidential(
    store: Store, panel_id: int
) -> None:
    first = meeting(store, panel_id, date(2026, 1, 1))
    secret = store.add_item(first, "Complaint", exempt=True)
    public = store.add_item(first, "Budget")
    hidden = store.add_action(first, "Write to the complainant", item_id=secret.id)
    shown = store.add_action(first, "Publish the budget", item_id=public.id)
    loose = store.add_action(first, "Book the room")
    second = meeting(store, panel_id, date(2026, 2, 1))
    doc = store.load_document(second)
    assert {a.id for a in doc.earlier_actions} == {hidden.id, shown.id, loose.id}
    assert doc.confidential_action_ids == frozenset({hidden.id})


def test_deleting_a_meeting_takes_its_actions_but_not_earlier_ones(
    store: Store, panel_id: int
) -> None:
    first = meeting(store, panel_id, date(2026, 1, 1))
    old = store.add_action(first, "Earlier action")
    second = meeting(store, panel_id, date(2026, 2, 1))
    store.add_action(second, "Later action")
    store.add_action_update(old.id, second, "Progress minuted at the second meeting.")
    store.delete_meeting(second)
    assert refs(store.list_actions(panel_id)) == ["A1"]
    assert store.list_action_updates(old.id) == []
    store.delete_action(old.id)
    assert store.list_actions(panel_id) == []
