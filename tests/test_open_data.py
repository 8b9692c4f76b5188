"""Open data: a meeting as an Open Civic Data event (JSON), structurally valid, deterministic,
with vote events whose counts add up, and no exempt content."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from panel_minutes.models.domain import EntryKind, MinutesDocument, Outcome
from panel_minutes.models.export.open_data import EVENT_KEYS, meeting_json, open_data_bytes
from panel_minutes.models.store import Store
from panel_minutes.tui.cli import main

OCD_STATUSES = {"cancelled", "tentative", "confirmed", "passed"}


def _exempt_words(doc: MinutesDocument) -> list[str]:
    """Every text of the exempt items that the public must never see."""
    words: list[str] = []
    for item in doc.items:
        if not item.exempt:
            continue
        words.append(item.title)
        words += [e.text for e in doc.entries.get(item.id, ()) if e.text.strip()]
        words += [e.answer for e in doc.entries.get(item.id, ()) if e.answer.strip()]
        words += [a.text for a in doc.actions if a.item_id == item.id]
    return words


def check_ocd_event(event: dict[str, Any]) -> None:
    """The structure OCD asks of an event and its vote events (what a consumer relies on)."""
    assert set(EVENT_KEYS) <= event.keys()
    assert event["_type"] == "event" and event["id"].startswith("ocd-event/")
    assert event["status"] in OCD_STATUSES
    date.fromisoformat(event["start_date"][:10])
    assert isinstance(event["location"]["name"], str)
    for participant in event["participants"]:
        assert participant["entity_type"] in ("organization", "person") and participant["name"]
    orders = [item["order"] for item in event["agenda"]]
    assert len(set(orders)) == len(orders)
    for item in event["agenda"]:
        assert {"order", "description", "notes", "subjects", "related_entities"} <= item.keys()
        assert all(isinstance(n, str) for n in item["notes"])
    for vote in event["vote_events"]:
        assert vote["agenda_item"] in orders
        assert vote["motion_text"] and vote["result"] in ("pass", "fail")
        options = [c["option"] for c in vote["counts"]]
        assert set(options) <= {"yes", "no", "abstain"} and len(options) == len(set(options))
        assert all(isinstance(c["value"], int) and c["value"] >= 0 for c in vote["counts"])
        for count in vote["counts"]:  # named votes, where recorded, add up to the counts
            named = [v for v in vote["votes"] if v["option"] == count["option"]]
            assert not vote["votes"] or len(named) == count["value"]


def test_the_demo_meeting_is_a_valid_public_ocd_event(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    doc = store.load_document(meeting_id)
    event = meeting_json(doc)
    check_ocd_event(event)
    assert event["status"] == "passed"
    assert event["start_date"] == "2026-11-17T10:00"
    assert event["location"]["name"] == doc.meeting.venue
    names = {p["name"] for p in event["participants"]}
    assert doc.panel.name in names and "Cllr Helen Marsh" in names
    assert len(event["agenda"]) == len(doc.items)
    vote = next(v for v in event["vote_events"] if v["agenda_item"] == "5")
    assert vote["counts"] == [{"option": "yes", "value": 6}, {"option": "no", "value": 0},
                              {"option": "abstain", "value": 1}]
    assert vote["result"] == "pass"
    exempt = next(i for i in event["agenda"] if "exempt" in i["classification"])
    assert exempt["description"] == "Complaint handling matter"
    assert exempt["notes"] == [] and exempt["subjects"] == [] and exempt["related_entities"] == []
    text = open_data_bytes(doc).decode("utf-8")
    secrets = _exempt_words(doc)
    assert secrets
    for secret in secrets:
        assert secret not in text
    assert open_data_bytes(doc) == open_data_bytes(store.load_document(meeting_id))
    assert all(s in open_data_bytes(doc, full=True).decode() for s in secrets[:1])


def test_named_votes_are_listed_and_counts_follow_them(store: Store) -> None:
    panel = store.create_panel("Fernmoor Police and Crime Panel")
    meeting = store.create_meeting(panel.id, date(2027, 3, 4))
    item = store.add_item(meeting.id, "Precept proposal")
    ann = store.create_person("Ann Tate", title="Cllr")
    bob = store.create_person("Bob Pike", title="Cllr")
    cat = store.create_person("Cat Morgan", title="Cllr")
    for person in (ann, bob, cat):
        store.set_attendance(meeting.id, person.id)
    store.add_entry(
        item.id, EntryKind.RESOLUTION, "That the precept be vetoed.", outcome=Outcome.LOST,
        recorded_vote=[(ann.id, "for"), (bob.id, "against"), (cat.id, "against")],
    )
    event = meeting_json(store.load_document(meeting.id))
    check_ocd_event(event)
    (vote,) = event["vote_events"]
    assert vote["result"] == "fail"
    assert vote["counts"] == [{"option": "yes", "value": 1}, {"option": "no", "value": 2},
                              {"option": "abstain", "value": 0}]
    assert {(v["option"], v["voter_name"]) for v in vote["votes"]} == {
        ("yes", "Cllr Ann Tate"), ("no", "Cllr Bob Pike"), ("no", "Cllr Cat Morgan"),
    }


def test_export_format_open_data(demo: tuple[Store, int], db_path: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The open data is one format of the registry: `export --format open-data` (or ocd)."""
    store, meeting_id = demo
    doc = store.load_document(meeting_id)
    store.close()
    args = ["export", str(meeting_id), "--db", str(db_path), "--format"]
    assert main([*args, "open-data"]) == 0
    out = capsys.readouterr().out
    check_ocd_event(json.loads(out))
    assert out.encode("utf-8") == open_data_bytes(doc)
    target = tmp_path / "meeting-ocd.json"
    assert main([*args, "ocd", "-o", str(target)]) == 0
    assert target.read_bytes() == open_data_bytes(doc)
    assert main([*args, "ocd", "-o", str(target)]) == 1  # never overwritten without --force


def test_a_meeting_not_yet_held_is_confirmed_and_claims_no_attendance(
    demo: tuple[Store, int]
) -> None:
    store, meeting_id = demo
    panel_id = store.get_meeting(meeting_id).panel_id
    later = store.create_meeting(panel_id, date(2027, 2, 2))
    event = meeting_json(store.load_document(later.id))
    check_ocd_event(event)
    assert event["status"] == "confirmed" and event["vote_events"] == []
    people = [p for p in event["participants"] if p["entity_type"] == "person"]
    assert people and {p["note"] for p in people} == {"expected"}
