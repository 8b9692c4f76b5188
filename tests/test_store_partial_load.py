"""The live screen's two-step load: the meeting without its entries, then the entries."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from panel_minutes.models.store import Store


def test_document_without_entries_is_the_document_minus_entries(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    whole = store.load_document(meeting_id)
    light = store.load_document(meeting_id, with_entries=False)
    assert light.entries == {}
    assert replace(whole, entries={}) == light  # people named only by entries included
    assert any(e.asker_id for es in whole.entries.values() for e in es)


def test_entries_and_counts_match_the_whole_document(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    whole = store.load_document(meeting_id)
    entries = store.load_entries(meeting_id)
    assert {k: tuple(v) for k, v in entries.items()} == dict(whole.entries)
    assert set(entries) == {item.id for item in whole.items}  # empty items too
    counts = store.entry_counts(meeting_id)
    assert counts == {k: len(v) for k, v in whole.entries.items() if v}
    for item_id, listed in entries.items():
        assert store.list_entries(item_id) == listed


def test_meeting_without_items(store: Store) -> None:
    panel = store.create_panel("Test Panel")
    meeting = store.create_meeting(panel.id, date(2026, 12, 1), standing_agenda=False)
    assert store.load_entries(meeting.id) == {}
    assert store.entry_counts(meeting.id) == {}
    assert store.load_document(meeting.id, with_entries=False).entries == {}
