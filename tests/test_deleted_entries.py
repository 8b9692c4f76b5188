"""Deleted entries and actions are kept: listed per meeting, put back as they were (with their
audit trail or progress), after a restart too, and upgraded databases gain the tables."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from panel_minutes.models.db import SCHEMA_VERSION
from panel_minutes.models.domain import EntryKind, Outcome, newest_first
from panel_minutes.models.errors import NotFoundError, ReadOnlyMeetingError, ValidationError
from panel_minutes.models.store import Store
from panel_minutes.models.store.deleted import entry_from_json, entry_json
from tests.test_search_migration import downgrade


@pytest.fixture
def meeting(store: Store) -> tuple[int, int, int]:
    """(meeting id, item id, second item id)."""
    panel = store.create_panel("Fenmoor Police and Crime Panel")
    m = store.create_meeting(panel.id, date(2026, 3, 9), standing_agenda=False)
    first = store.add_item(m.id, "Estates strategy")
    second = store.add_item(m.id, "Any other business")
    return m.id, first.id, second.id


def texts(store: Store, item_id: int) -> list[str]:
    return [e.text for e in store.list_entries(item_id)]


def test_a_deleted_entry_is_kept_whole_with_its_changes(
    store: Store, meeting: tuple[int, int, int]
) -> None:
    meeting_id, item, _ = meeting
    store.add_entry(item, text="First paragraph.")
    vote = store.add_entry(item, EntryKind.RESOLUTION, "that the strategy be noted.",
                           proposer="Cllr Hale", vote_for=5, vote_against=1,
                           outcome=Outcome.CARRIED)
    store.add_entry(item, text="Last paragraph.")
    store.update_entry(vote.id, text="that the strategy be noted with thanks.")

    gone = store.delete_entry(vote.id)
    assert texts(store, item) == ["First paragraph.", "Last paragraph."]
    [kept] = store.list_deleted_entries(meeting_id)
    assert kept.item_id == item and kept.meeting_id == meeting_id
    assert kept.entry == gone  # every field, the vote and outcome included
    assert kept.revisions == 1

    back = store.restore_deleted_entry(kept.id)
    assert texts(store, item) == ["First paragraph.", "that the strategy be noted with thanks.",
                                  "Last paragraph."]
    assert (back.kind, back.proposer, back.vote_for, back.vote_against, back.outcome) == (
        EntryKind.RESOLUTION, "Cllr Hale", 5, 1, Outcome.CARRIED)
    assert [(r.old_text, r.new_text) for r in store.list_revisions(back.id)] == [
        ("that the strategy be noted.", "that the strategy be noted with thanks.")]
    assert store.list_deleted_entries(meeting_id) == []


def test_undo_of_a_delete_takes_it_out_of_the_deleted_list(
    store: Store, meeting: tuple[int, int, int]
) -> None:
    meeting_id, item, _ = meeting
    entry = store.add_entry(item, text="Kept by undo.")
    store.update_entry(entry.id, text="Kept by undo, changed once.")
    gone = store.delete_entry(entry.id)
    assert len(store.list_deleted_entries(meeting_id)) == 1
    back = store.restore_entry(gone)
    assert store.list_deleted_entries(meeting_id) == []
    assert len(store.list_revisions(back.id)) == 1


def test_deleted_entries_survive_a_restart_newest_first(
    db_path: Path, meeting: tuple[int, int, int], store: Store
) -> None:
    meeting_id, item, _ = meeting
    for text in ("One.", "Two.", "Three."):
        store.delete_entry(store.add_entry(item, text=text).id)
    store.close()
    again = Store(str(db_path))
    try:
        kept = again.list_deleted_entries(meeting_id)
        assert [d.entry.text for d in kept] == ["Three.", "Two.", "One."]
        again.restore_deleted_entry(kept[2].id)
        assert texts(again, item) == ["One."]
    finally:
        again.close()


def test_deleting_an_item_keeps_its_entries_to_go_back_under_another(
    store: Store, meeting: tuple[int, int, int]
) -> None:
    meeting_id, item, other = meeting
    store.add_entry(other, text="Already here.")
    deleted_first = store.add_entry(item, text="Deleted on its own.")
    store.delete_entry(deleted_first.id)
    store.add_entry(item, text="Orphaned paragraph.")
    store.delete_item(item)
    kept = store.list_deleted_entries(meeting_id)
    assert sorted(d.entry.text for d in kept) == ["Deleted on its own.", "Orphaned paragraph."]
    assert all(d.item_id is None for d in kept)
    orphan = next(d for d in kept if d.entry.text == "Orphaned paragraph.")
    with pytest.raises(ValidationError, match="Choose the item"):
        store.restore_deleted_entry(orphan.id)
    store.restore_deleted_entry(orphan.id, item_id=other)
    assert texts(store, other) == ["Already here.", "Orphaned paragraph."]


def test_restoring_is_refused_into_another_meeting_or_approved_minutes(
    store: Store, meeting: tuple[int, int, int]
) -> None:
    meeting_id, item, _ = meeting
    panel_id = store.get_meeting(meeting_id).panel_id
    later = store.create_meeting(panel_id, date(2026, 5, 11), standing_agenda=False)
    later_item = store.add_item(later.id, "Minutes of the previous meeting")
    store.delete_entry(store.add_entry(item, text="Deleted before approval.").id)
    [kept] = store.list_deleted_entries(meeting_id)
    with pytest.raises(ValidationError, match="its own meeting"):
        store.restore_deleted_entry(kept.id, item_id=later_item.id)
    store.approve_minutes(meeting_id, at_meeting_id=None)
    with pytest.raises(ReadOnlyMeetingError):
        store.restore_deleted_entry(kept.id)
    assert [d.id for d in store.list_deleted_entries(meeting_id)] == [kept.id]  # still kept
    with pytest.raises(NotFoundError):
        store.restore_deleted_entry(kept.id + 100)


def test_deleting_a_meeting_deletes_its_deleted_entries(
    store: Store, meeting: tuple[int, int, int]
) -> None:
    meeting_id, item, _ = meeting
    store.delete_entry(store.add_entry(item, text="Gone with the meeting.").id)
    store.delete_meeting(meeting_id)
    assert store.list_deleted_entries(meeting_id) == []


def test_entry_json_round_trips_and_tolerates_unknown_keys(
    store: Store, meeting: tuple[int, int, int]
) -> None:
    _, item, _ = meeting
    entry = store.add_entry(item, EntryKind.QUESTION, "whether “rural” patrols — at night — rose",
                            asker_text="Cllr Ōno", answer="they had 🚓", vote_for=None)
    assert entry_from_json(entry_json(entry)) == entry
    raw = entry_json(entry)[:-1] + ', "from_a_newer_version": 1}'
    assert entry_from_json(raw) == entry


def test_a_version_3_database_gains_the_tables(db_path: Path) -> None:
    store = Store(str(db_path))
    panel = store.create_panel("Fenmoor Police and Crime Panel")
    meeting = store.create_meeting(panel.id, date(2026, 3, 9), standing_agenda=False)
    item = store.add_item(meeting.id, "Estates strategy")
    store.add_entry(item.id, text="Written before the upgrade.")
    store.close()
    downgrade(db_path, 3)

    store = Store(str(db_path))
    try:
        [entry] = store.list_entries(item.id)
        store.delete_entry(entry.id)
        assert [d.entry.text for d in store.list_deleted_entries(meeting.id)] == [
            "Written before the upgrade."]
        store.delete_action(store.add_action(meeting.id, "Raised after the upgrade").id)
        assert len(store.list_deleted_actions(meeting.id)) == 1
    finally:
        store.close()
    conn = sqlite3.connect(db_path)
    try:
        version = conn.execute("SELECT value FROM pm_meta WHERE key = 'schema_version'").fetchone()
    finally:
        conn.close()
    assert version[0] == str(SCHEMA_VERSION)


# --- actions ---------------------------------------------------------------------------------


def test_a_deleted_action_comes_back_with_its_number_and_progress(
    store: Store, meeting: tuple[int, int, int]
) -> None:
    meeting_id, item, _ = meeting
    panel_id = store.get_meeting(meeting_id).panel_id
    owner = store.create_person("Dana Whitlock", title="Ms")
    first = store.add_action(meeting_id, "Report on the estates backlog", item_id=item,
                             owner_id=owner.id, owner_text="Ms Dana Whitlock",
                             due_date=date(2026, 6, 1))
    store.add_action(meeting_id, "Circulate the survey", item_id=item)
    later = store.create_meeting(panel_id, date(2026, 4, 20), standing_agenda=False)
    store.add_action_update(first.id, later.id, "Survey under way.")

    store.delete_action(first.id)
    assert [a.ref for a in store.list_actions(meeting_id=meeting_id)] == ["A2"]
    [kept] = store.list_deleted_actions(meeting_id)
    assert kept.action == first and kept.item_id == item and kept.updates == 1

    back = store.restore_deleted_action(kept.id)
    assert (back.ref, back.text, back.owner_id, back.due_date, back.item_id) == (
        "A1", first.text, owner.id, date(2026, 6, 1), item)
    assert [u.note for u in store.list_action_updates(back.id)] == ["Survey under way."]
    assert store.list_deleted_actions(meeting_id) == []


def test_undo_of_an_action_delete_keeps_its_number_unless_it_was_reused(
    store: Store, meeting: tuple[int, int, int]
) -> None:
    meeting_id, item, _ = meeting
    action = store.add_action(meeting_id, "Write to the Commissioner", item_id=item)
    store.delete_action(action.id)
    assert store.restore_action(action).ref == "A1"
    assert store.list_deleted_actions(meeting_id) == []

    again = store.list_actions(meeting_id=meeting_id)[0]
    store.delete_action(again.id)
    store.add_action(meeting_id, "Filed after the delete", item_id=item)  # takes A1 again
    [kept] = store.list_deleted_actions(meeting_id)
    assert store.restore_deleted_action(kept.id).ref == "A2"


def test_deleted_entries_and_actions_list_together_newest_first(
    store: Store, meeting: tuple[int, int, int]
) -> None:
    meeting_id, item, _ = meeting
    store.delete_entry(store.add_entry(item, text="An entry.").id)
    store.delete_action(store.add_action(meeting_id, "An action", item_id=item).id)
    both = newest_first(store.list_deleted_entries(meeting_id),
                        store.list_deleted_actions(meeting_id))
    assert [type(d).__name__ for d in both] == ["DeletedActionData", "DeletedEntryData"]
