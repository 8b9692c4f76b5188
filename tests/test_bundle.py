"""The meeting bundle: faithful round trips, reuse on import, and refusal of bad bundles."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from panel_minutes.models.bundle import (
    FORMAT,
    MAX_BUNDLE_BYTES,
    VERSION,
    dumps_bundle,
    export_bundle,
    parse_bundle,
)
from panel_minutes.models.demo import write_demo
from panel_minutes.models.domain import EntryKind, Numbering
from panel_minutes.models.errors import BundleError
from panel_minutes.models.export.markdown import render_markdown
from panel_minutes.models.house_style import DEFAULT as DEFAULT_STYLE
from panel_minutes.models.house_style import preset
from panel_minutes.models.store import Store
from panel_minutes.models.store.bundle_io import count_rows, import_bundle


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Store]:
    s = Store(str(tmp_path / "target.db"))
    try:
        yield s
    finally:
        s.close()


def markdown_pair(store: Store, meeting_id: int) -> tuple[str, str]:
    doc = store.load_document(meeting_id)
    return render_markdown(doc), render_markdown(doc, full=True)


# --- round trips ---------------------------------------------------------------------------------


def test_demo_round_trip_gives_identical_markdown_and_bundle(
    demo: tuple[Store, int], empty: Store
) -> None:
    source, mid = demo
    text = dumps_bundle(export_bundle(source, mid))
    new_id = import_bundle(empty, text)

    assert markdown_pair(empty, new_id) == markdown_pair(source, mid)
    assert dumps_bundle(export_bundle(empty, new_id)) == text
    # The demo holds real content: exempt item, questions, votes, carried actions and updates.
    public, full = markdown_pair(empty, new_id)
    assert "Complaint handling matter" in public and "Independent Office" not in public
    assert "Independent Office for Police Conduct" in full
    assert "The breakdown will be sent with the next budget report." in public


def test_bundle_header_and_json_shape(demo: tuple[Store, int]) -> None:
    source, mid = demo
    data = export_bundle(source, mid)
    text = dumps_bundle(data)
    assert text.startswith(f'{{\n  "format": "panel-minutes.bundle",\n  "version": {VERSION},')
    assert json.loads(text) == data
    assert data["format"] == FORMAT and data["version"] == VERSION
    # ids are bundle-local references, not database ids
    assert [p["id"] for p in data["people"]][:3] == ["p1", "p2", "p3"]
    assert data["meeting"]["id"] == "m1"
    # exporting twice gives the same bytes (no timestamps of the export itself)
    assert dumps_bundle(export_bundle(source, mid)) == text


def test_non_ascii_text_is_kept_as_characters(demo: tuple[Store, int], empty: Store) -> None:
    source, mid = demo
    item = source.list_items(mid)[0]
    typed = "Si\u00e2n Owain\u2019s note: caf\u00e9 \u2014 \u201cquoted\u201d"
    source.add_entry(item.id, EntryKind.PARAGRAPH, typed)
    text = dumps_bundle(export_bundle(source, mid))
    assert typed in text and "\\u" not in text
    new_id = import_bundle(empty, text.encode("utf-8"))
    assert markdown_pair(empty, new_id) == markdown_pair(source, mid)


def test_carried_action_from_exempt_item_stays_confidential(
    demo: tuple[Store, int], empty: Store
) -> None:
    source, _ = demo
    panel = source.list_panels()[0]
    later = source.create_meeting(panel.id, date(2027, 1, 19))
    secret = "Write to the complainant with the Panel's decision"
    assert secret in {a.text for a in source.carried_actions(later.id)}
    text = dumps_bundle(export_bundle(source, later.id))
    new_id = import_bundle(empty, text)

    public, full = markdown_pair(empty, new_id)
    assert (public, full) == markdown_pair(source, later.id)
    assert secret not in public and secret in full
    assert dumps_bundle(export_bundle(empty, new_id)) == text


def test_running_numbering_keeps_published_minute_numbers(store: Store, empty: Store) -> None:
    panel = store.create_panel("Northvale Police and Crime Panel", numbering=Numbering.RUNNING)
    first = store.create_meeting(panel.id, date(2026, 2, 3), standing_agenda=False)
    store.add_items(first.id, ["Apologies", "Declarations of interest", "Budget"])
    second = store.create_meeting(panel.id, date(2026, 6, 9), standing_agenda=False)
    store.add_items(second.id, ["Apologies", "Police and crime plan"])
    before = markdown_pair(store, second.id)
    assert "### 4/26 Apologies" in before[0]

    new_id = import_bundle(empty, export_bundle(store, second.id))
    assert markdown_pair(empty, new_id) == before


def test_approved_meeting_with_amendments_round_trip(
    demo: tuple[Store, int], empty: Store
) -> None:
    source, mid = demo
    data = export_bundle(source, mid)
    # written as export_bundle would write it (m2 is the previous meeting), so that the
    # re-export can be compared byte for byte
    data["other_meetings"].append(
        {"id": "m3", "held_on": "2027-01-19", "status": "draft", "items": []}
    )
    data["meeting"]["status"] = "approved"
    data["meeting"]["approved_at"] = "2027-01-19T11:30:00+00:00"
    data["meeting"]["approved_at_meeting"] = "m3"
    data["amendments"] = [
        {"kind": "amendment", "text": "Paragraph 2 of item 6 corrected: nine officers, not eight.",
         "recorded_at": "2027-01-19T11:40:00+00:00", "recorded_at_meeting": "m3"},
    ]
    new_id = import_bundle(empty, data)
    public = render_markdown(empty.load_document(new_id))
    assert "Approved as a correct record at the meeting held on 19 January 2027" in public
    assert "**Amended at the meeting held on 19 January 2027:** Paragraph 2 of item 6 corrected" in public
    assert empty.get_meeting(new_id).is_approved
    assert dumps_bundle(export_bundle(empty, new_id)) == dumps_bundle(data)


# --- import into a database that already holds data ----------------------------------------------


def test_import_twice_reuses_panel_and_people(demo: tuple[Store, int], empty: Store) -> None:
    source, mid = demo
    data = export_bundle(source, mid)
    first = import_bundle(empty, data)
    first_md = markdown_pair(empty, first)
    people, panels = len(empty.list_people()), len(empty.list_panels())
    members = len(empty.list_members(empty.list_panels()[0].id))

    second = import_bundle(empty, dumps_bundle(data))
    assert second != first
    assert len(empty.list_panels()) == panels == 1
    assert len(empty.list_people()) == people == len(data["people"])
    assert len(empty.list_members(empty.list_panels()[0].id)) == members
    # the earlier import is untouched
    assert markdown_pair(empty, first) == first_md
    # carried actions were matched (ref and text), not duplicated; new actions got free refs
    refs = [a.ref_no for a in empty.list_actions()]
    assert len(refs) == len(set(refs))
    texts = [a.text for a in empty.list_actions()]
    for earlier in data["earlier_actions"]:
        assert texts.count(earlier["text"]) == 1
    assert 1 in {a.ref_no for a in empty.carried_actions(second)}
    own = sorted(a.ref_no for a in empty.list_actions(meeting_id=second))
    assert own == [6, 7, 8]  # 3, 4, 5 were taken by the first import
    # the updates minuted at the meeting came along with it
    assert "The breakdown will be sent with the next budget report." in markdown_pair(
        empty, second
    )[0]


def test_reuse_matches_names_ignoring_case_and_spaces(demo: tuple[Store, int], empty: Store) -> None:
    source, mid = demo
    data = export_bundle(source, mid)
    existing = empty.create_person("helen  marsh", title="CLLR")
    panel = empty.create_panel("wessex vale police and crime panel", numbering=Numbering.RUNNING)
    new_id = import_bundle(empty, data)
    assert empty.get_meeting(new_id).panel_id == panel.id
    assert len(empty.list_panels()) == 1
    marsh = [p for p in empty.list_people() if p.name.lower().split() == ["helen", "marsh"]]
    assert [p.id for p in marsh] == [existing.id]
    # an existing panel keeps its own settings and membership
    assert empty.get_panel(panel.id).numbering is Numbering.RUNNING
    assert empty.list_members(panel.id) == []


def test_action_refs_kept_when_free(demo: tuple[Store, int], empty: Store) -> None:
    source, mid = demo
    data = export_bundle(source, mid)
    moved = copy.deepcopy(data)
    moved["actions"][0]["ref_no"] = 40
    new_id = import_bundle(empty, moved)
    assert sorted(a.ref_no for a in empty.list_actions(meeting_id=new_id)) == [4, 5, 40]
    # into the source database: A3-A5 are taken, so they follow the panel's highest ref
    again = import_bundle(source, data)
    assert sorted(a.ref_no for a in source.list_actions(meeting_id=again)) == [6, 7, 8]
    # A40 is free there and kept; A4 and A5 are not, and follow the (new) highest, as the app's
    # own numbering does
    third = import_bundle(source, moved)
    assert sorted(a.ref_no for a in source.list_actions(meeting_id=third)) == [40, 41, 42]


def test_import_accepts_dict_text_and_bytes(demo: tuple[Store, int], empty: Store) -> None:
    source, mid = demo
    data = export_bundle(source, mid)
    text = dumps_bundle(data)
    ids = [import_bundle(empty, data), import_bundle(empty, text),
           import_bundle(empty, b"\xef\xbb\xbf" + text.encode())]
    assert len(set(ids)) == 3


# --- refusals ------------------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], Any]


def _set(path: list[Any], value: Any) -> Mutation:
    def apply(data: dict[str, Any]) -> dict[str, Any]:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        return data

    return apply


def _delete(path: list[Any]) -> Mutation:
    def apply(data: dict[str, Any]) -> dict[str, Any]:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
        return data

    return apply


def _nested(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = [value]
    return value


def _duplicate_person_id(data: dict[str, Any]) -> dict[str, Any]:
    data["people"][1]["id"] = data["people"][0]["id"]
    return data


def _duplicate_ref_no(data: dict[str, Any]) -> dict[str, Any]:
    data["actions"][1]["ref_no"] = data["actions"][0]["ref_no"]
    return data


def _duplicate_attendance(data: dict[str, Any]) -> dict[str, Any]:
    data["attendance"].append(dict(data["attendance"][0]))
    return data


def _duplicate_key(data: dict[str, Any]) -> str:
    line = f'"version": {VERSION},'
    return dumps_bundle(data).replace(line, f"{line}\n  {line}", 1)


def _wrong_origin_item(data: dict[str, Any]) -> dict[str, Any]:
    data["other_meetings"].append({"id": "m7", "held_on": "2026-08-01", "status": "approved",
                                   "items": [{"id": "i77", "title": "Elsewhere"}]})
    data["earlier_actions"][0]["item"] = "i77"
    return data


BAD: list[tuple[str, Mutation | bytes, str]] = [
    ("malformed JSON", b'{"format": "panel-minutes.bundle", "version": 1,',
     "not valid JSON: Expecting property name enclosed in double quotes at line 1"),
    ("not UTF-8", b'{"format": "\xff\xfe"}', "not UTF-8"),
    ("not an object", b"[1, 2, 3]", "expected an object, got list"),
    ("not a bundle", _set(["format"], "something.else"), "this is not a meeting bundle"),
    ("newer version", _set(["version"], VERSION + 1), f"bundle version {VERSION + 1} is newer"),
    ("unknown version", _set(["version"], 0), "unknown bundle version 0"),
    ("version as text", _set(["version"], "1"), "version: expected a whole number, got text"),
    ("wrong type", _set(["items", 3, "title"], 12), "items[3].title: expected text, got number"),
    ("empty title", _set(["items", 0, "title"], "  "), "items[0].title: must not be empty"),
    ("missing field", _delete(["meeting", "held_on"]), "meeting.held_on: missing"),
    ("missing panel", _delete(["panel"]), "panel: missing"),
    ("bool as number", _set(["items", 4, "entries", 4, "vote_for"], True),
     "items[4].entries[4].vote_for: expected a whole number, got true/false"),
    ("negative vote", _set(["items", 4, "entries", 4, "vote_against"], -1),
     "items[4].entries[4].vote_against: -1 is out of range"),
    ("huge number", _set(["actions", 0, "ref_no"], 10**30), "actions[0].ref_no: "),
    ("NaN", lambda d: dumps_bundle(d).replace('"year_offset": 0', '"year_offset": NaN'),
     "NaN is not a number JSON allows"),
    ("duplicate key", _duplicate_key, "duplicate key 'version'"),
    ("duplicate id", _duplicate_person_id, "people[1].id: duplicate id 'p1'"),
    ("duplicate action ref", _duplicate_ref_no, "actions[1].ref_no: duplicate action A3"),
    ("person listed twice", _duplicate_attendance, "is already listed at attendance[0]"),
    ("dangling person", _set(["attendance", 0, "person"], "p99"),
     "attendance[0].person: refers to person 'p99', which is not in the bundle"),
    ("dangling item", _set(["actions", 0, "item"], "i99"),
     "actions[0].item: refers to item 'i99'"),
    ("dangling meeting", _set(["previous_meeting"], "m42"), "previous_meeting: refers to meeting"),
    ("origin item of another meeting", _wrong_origin_item,
     "earlier_actions[0].item: item 'i77' belongs to meeting 'm7'"),
    ("unknown enum", _set(["items", 0, "kind"], "plenary"),
     "items[0].kind: unknown value 'plenary' (expected one of"),
    ("unknown attendance", _set(["attendance", 0, "status"], "asleep"),
     "attendance[0].status: unknown value 'asleep'"),
    ("bad date", _set(["meeting", "held_on"], "2026-02-30"),
     "meeting.held_on: expected a date such as 2026-09-15, got '2026-02-30'"),
    ("bad time", _set(["attendance", 0, "arrived_at"], "25:10"),
     "attendance[0].arrived_at: expected a time such as 10:30"),
    ("bad timestamp", _set(["earlier_actions", 0, "updates", 0, "created_at"], "yesterday"),
     "earlier_actions[0].updates[0].created_at: expected a date and time"),
    ("unknown field", _set(["items", 2, "colour"], "red"), "items[2]: unknown field 'colour'"),
    ("list of text", _set(["items", 4, "documents"], ["ok", 3]),
     "items[4].documents[1]: expected text, got number"),
    ("deep nesting in a field", _set(["panel", "standing_agenda"], _nested(40)),
     "nested too deeply"),
    ("deep nesting", b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
    # A timestamp whose offset takes it outside the years 1 to 9999 in UTC (was an OverflowError).
    ("approved before year 1 in UTC", _set(["meeting", "approved_at"], "0001-01-01T00:00:00+14:00"),
     "meeting.approved_at: '0001-01-01T00:00:00+14:00' is out of range"),
    ("approved after year 9999 in UTC",
     _set(["meeting", "approved_at"], "9999-12-31T23:00:00-14:00"),
     "meeting.approved_at: '9999-12-31T23:00:00-14:00' is out of range"),
    ("amendment in year 1", _set(["amendments"], [
        {"kind": "amendment", "text": "x", "recorded_at": "0001-01-01T09:00:00+10:00"}]),
     "amendments[0].recorded_at: '0001-01-01T09:00:00+10:00' is out of range"),
    ("update in year 1",
     _set(["earlier_actions", 0, "updates", 0, "created_at"], "0001-01-01T00:30:00+01:00"),
     "earlier_actions[0].updates[0].created_at: '0001-01-01T00:30:00+01:00' is out of range"),
    # Lone surrogates are refused by the validator, naming the field (not by the database).
    ("lone surrogate", _set(["items", 2, "title"], "Budget \ud800 report"),
     "items[2].title: the text holds an unpaired UTF-16 surrogate ('\\ud800' at position 7)"),
    ("lone surrogate in a list", _set(["items", 4, "documents"], ["ok", "x\udfff"]),
     "items[4].documents[1]: the text holds an unpaired UTF-16 surrogate"),
    ("lone surrogate in an entry", _set(["items", 4, "entries", 0, "text"], "\udc80"),
     "items[4].entries[0].text: the text holds an unpaired UTF-16 surrogate"),
    ("time with a trailing newline", _set(["attendance", 0, "arrived_at"], "10:30\n"),
     "attendance[0].arrived_at: expected a time such as 10:30 or empty, got '10:30\\n'"),
    ("time with a non-ASCII digit", _set(["items", 0, "started_at"], "10:3\u0661"),
     "items[0].started_at: expected a time such as 10:30"),
    ("date with a non-ASCII digit", _set(["meeting", "held_on"], "2026-09-1\u0665"),
     "meeting.held_on: expected a date such as 2026-09-15"),
    ("votes beyond the members present", _set(["items", 4, "entries", 4, "vote_for"], 45),
     "items[4].entries[4].vote_for: the vote adds up to 46, but only 7 voting members"),
]


@pytest.mark.parametrize(("case", "mutation", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_bundles_are_refused_and_write_nothing(
    demo: tuple[Store, int], case: str, mutation: Mutation | bytes, message: str
) -> None:
    store, mid = demo
    good = export_bundle(store, mid)
    data: Any = mutation if isinstance(mutation, bytes) else mutation(copy.deepcopy(good))
    before = count_rows(store)
    with pytest.raises(BundleError) as caught:
        import_bundle(store, data)
    text = str(caught.value)
    assert message in text, text
    assert "\n" not in text and text.startswith("Cannot import the bundle")
    assert count_rows(store) == before


def test_oversized_input_refused_before_parsing(store: Store) -> None:
    before = count_rows(store)
    blob = b" " * (MAX_BUNDLE_BYTES + 1)
    with pytest.raises(BundleError, match="larger than 50 MB are refused"):
        import_bundle(store, blob)
    with pytest.raises(BundleError, match="larger than 50 MB are refused"):
        import_bundle(store, blob.decode())
    assert count_rows(store) == before


def test_every_export_validates(demo: tuple[Store, int]) -> None:
    store, mid = demo
    for meeting in store.list_meetings():
        bundle = parse_bundle(export_bundle(store, meeting.id))
        assert bundle.meeting.held_on == meeting.held_on
    assert parse_bundle(dumps_bundle(export_bundle(store, mid))).items


def test_refused_import_in_database_with_other_meetings_changes_nothing(
    tmp_path: Path,
) -> None:
    source = Store(str(tmp_path / "source.db"))
    target = Store(str(tmp_path / "target.db"))
    try:
        mid = write_demo(source)
        write_demo(target)
        data = export_bundle(source, mid)
        data["amendments"] = [{"kind": "amendment", "text": "x", "recorded_at": "not a time"}]
        before = count_rows(target)
        with pytest.raises(BundleError, match=r"amendments\[0\]\.recorded_at"):
            import_bundle(target, data)
        assert count_rows(target) == before
    finally:
        source.close()
        target.close()


_PLAIN = {
    "kind": "question", "text": "Asked about patrols.", "asker": "p1", "asker_text": "",
    "respondent": None, "respondent_text": "the Commissioner", "answer": "Noted.",
    "proposer": "", "seconder": "", "vote_for": 3, "vote_against": 0, "vote_abstain": None,
    "outcome": "carried", "casting_vote": False, "at_time": "10:05",
}


@pytest.mark.parametrize("change", [
    {}, {"kind": "procedure"}, {"kind": "nonsense"}, {"kind": 3}, {"text": None},
    {"text": "a\ud800b"}, {"answer": 7}, {"at_time": "25:00"}, {"at_time": "10:30\n"},
    {"asker": "nobody"}, {"asker": 1}, {"respondent": "p2"}, {"vote_for": True},
    {"vote_for": -1}, {"vote_for": 1.0}, {"vote_for": 9}, {"outcome": "maybe"},
    {"casting_vote": 1}, {"surprise": 1}, {"outcome": ""},
])
def test_entry_fast_path_reads_as_the_field_getters_do(change: dict[str, Any]) -> None:
    """Plain entries skip the per-field getters (the 5,000-entry import row's budget); whatever
    the fast path returns is what the getters return, and anything else goes to the getters."""
    from panel_minutes.models.bundle.fields import JsonObject
    from panel_minutes.models.bundle.read import _entry, _plain_entry

    people: dict[str, Any] = {"p1": object(), "p2": object()}
    e = {**_PLAIN, **change}
    fast = _plain_entry(e, people, 8)
    try:
        slow = _entry(JsonObject(e, "items[0].entries[0]"), people, 8)
    except BundleError:
        assert fast is None
        return
    if change in ({}, {"kind": "procedure"}, {"respondent": "p2"}, {"outcome": ""}):
        assert fast is not None  # the common case takes the fast path
    assert fast is None or fast == slow
    for key in list(_PLAIN):  # a missing field is read as its default by both
        fewer = {k: v for k, v in e.items() if k != key}
        shortcut = _plain_entry(fewer, people, 8)
        if shortcut is not None:
            assert shortcut == _entry(JsonObject(fewer, ""), people, 8)


def test_imported_entry_timestamps_keep_their_stored_text(
    demo: tuple[Store, int], tmp_path: Path
) -> None:
    """The import converts the entries' timestamp once instead of per row (as the sqlite3 module
    did for each): the stored text is what it was, ISO with a space and the UTC offset."""
    import sqlite3
    from datetime import datetime, timedelta

    store, meeting_id = demo
    target = Store(str(tmp_path / "stamps.db"))
    try:
        import_bundle(target, export_bundle(store, meeting_id))
    finally:
        target.close()
    conn = sqlite3.connect(tmp_path / "stamps.db")
    try:
        rows = conn.execute("SELECT created_at, updated_at FROM entry").fetchall()
    finally:
        conn.close()
    assert rows
    for created, updated in rows:
        assert created == updated
        stamp = datetime.fromisoformat(created)
        assert stamp.utcoffset() == timedelta(0)
        assert created == stamp.isoformat(" ")


def test_a_version_1_bundle_still_imports_with_the_default_style(
    demo: tuple[Store, int], tmp_path: Path
) -> None:
    """Version 2 added the panel's house style and sub-items; a version 1 bundle has neither."""
    source, mid = demo
    data = export_bundle(source, mid)
    data["version"] = 1
    del data["panel"]["house_style"]
    target = Store(str(tmp_path / "old.db"))
    new_id = import_bundle(target, data)
    doc = target.load_document(new_id)
    assert doc.style == DEFAULT_STYLE
    assert all(item.level == 0 for item in doc.items)


def test_the_house_style_and_sub_items_travel_in_the_bundle(
    demo: tuple[Store, int], tmp_path: Path
) -> None:
    source, mid = demo
    doc = source.load_document(mid)
    parish = preset("parish").style
    source.update_panel(doc.panel.id, style=parish)
    source.update_item(doc.items[-1].id, level=1)
    data = export_bundle(source, mid)
    assert data["panel"]["house_style"]["item_heading"] == "run_in"
    target = Store(str(tmp_path / "copy.db"))
    copied = target.load_document(import_bundle(target, data))
    assert copied.style == parish
    assert copied.items[-1].level == 1


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (_set(["panel", "house_style"], {"times": "noon"}), "panel.house_style: times"),
        (_set(["panel", "house_style"], "parish"), "panel.house_style: expected an object"),
        (_set(["items", 0, "level"], 2), "items[0].level: expected 0"),
    ],
)
def test_a_bad_house_style_or_level_is_refused_naming_it(
    demo: tuple[Store, int], mutation: Mutation, message: str
) -> None:
    store, mid = demo
    data = mutation(copy.deepcopy(export_bundle(store, mid)))
    with pytest.raises(BundleError, match=re.escape(message)):
        import_bundle(store, data)
