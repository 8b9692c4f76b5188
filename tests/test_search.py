"""Full-text search: kept in step by triggers, safe against any typed query, newest first."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panel_minutes.models.db import SCHEMA_VERSION
from panel_minutes.models.domain import ActionStatus, EntryKind, SearchHit
from panel_minutes.models.store import Store
from panel_minutes.models.store.search import make_snippet, parse_query


@dataclass
class World:
    store: Store
    panel_id: int
    old: int  # meeting ids, oldest first
    new: int
    old_item: int
    new_item: int
    secret_item: int
    pcc_id: int
    asker_id: int


@pytest.fixture
def world(store: Store) -> World:
    panel = store.create_panel("Fenland Police and Crime Panel")
    pcc = store.create_person("Nadia Quarrie", title="Ms", role="Police and Crime Commissioner")
    asker = store.create_person("Bernard Ollerenshaw", title="Cllr")
    old = store.create_meeting(panel.id, date(2024, 6, 3), standing_agenda=False)
    new = store.create_meeting(panel.id, date(2025, 6, 2), standing_agenda=False)
    old_item = store.add_item(old.id, "Precept proposal for 2024 to 2025")
    new_item = store.add_item(new.id, "Precept proposal for 2025 to 2026")
    secret = store.add_item(new.id, "Staffing matter", exempt=True, public_title="Staffing")
    return World(store, panel.id, old.id, new.id, old_item.id, new_item.id, secret.id, pcc.id,
                 asker.id)


Search = Callable[..., list[SearchHit]]


@pytest.fixture(params=["fts", "like"])
def search(request: pytest.FixtureRequest, world: World) -> Search:
    """Both engines: the FTS5 index, and the LIKE fallback called directly on SQLite."""
    store = world.store
    if request.param == "fts":
        return store.search

    def like(query: str, *, panel_id: int | None = None, limit: int = 50) -> list[SearchHit]:
        parsed = parse_query(query)
        if not parsed.positives:
            return []
        return store._search_like(parsed, panel_id=panel_id, limit=limit)

    return like


def sources(hits: list[SearchHit]) -> list[tuple[str, int]]:
    return [(h.source, h.meeting_id) for h in hits]


# --- the index -----------------------------------------------------------------------------------


def test_fresh_database_has_the_index_at_the_current_schema(store: Store, db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        version = conn.execute("SELECT value FROM pm_meta WHERE key = 'schema_version'").fetchone()
    finally:
        conn.close()
    assert "search_index" in names
    assert {"pm_fts_entry_ai", "pm_fts_entry_au", "pm_fts_entry_ad"} <= names
    assert version == (str(SCHEMA_VERSION),)
    assert store._uses_fts()


def test_entries_are_indexed_on_insert_update_and_delete(world: World, search: Search) -> None:
    s = world.store
    entry = s.add_entry(world.new_item, EntryKind.PARAGRAPH, "The panel discussed the heliport.")
    hits = search("heliport")
    assert [(h.source, h.entry_id, h.item_id, h.meeting_id) for h in hits] == [
        ("entry", entry.id, world.new_item, world.new)
    ]
    assert hits[0].item_title == "Precept proposal for 2025 to 2026"
    assert hits[0].panel_name == "Fenland Police and Crime Panel"
    assert hits[0].held_on == date(2025, 6, 2)

    s.update_entry(entry.id, text="The panel discussed the boathouse.")
    assert search("heliport") == []
    assert [h.entry_id for h in search("boathouse")] == [entry.id]

    s.delete_entry(entry.id)
    assert search("boathouse") == []


def test_answers_questions_and_resolutions_are_found(world: World, search: Search) -> None:
    s = world.store
    q = s.add_entry(
        world.old_item, EntryKind.QUESTION, "whether the drones would be replaced.",
        asker_id=world.asker_id, respondent_id=world.pcc_id,
        answer="the replacement drones were ordered in March.",
    )
    r = s.add_entry(world.old_item, EntryKind.RESOLUTION, "that the precept be vetoed.",
                    proposer="Cllr Ollerenshaw")
    assert [h.entry_id for h in search("ordered march")] == [q.id]
    assert [h.entry_id for h in search("vetoed")] == [r.id]
    # People's names find their questions and motions; the snippet still shows the text.
    names = search("Ollerenshaw")
    assert {h.entry_id for h in names} == {q.id, r.id}
    assert all("[[Ollerenshaw]]" in h.snippet for h in names)
    asked = next(h for h in names if h.entry_id == q.id)
    assert asked.snippet.startswith("whether the drones")


def test_items_are_indexed_on_insert_update_and_delete(world: World, search: Search) -> None:
    s = world.store
    item = s.add_item(world.new, "Estates strategy", documents=["Appendix B: depot survey"])
    assert ("item", world.new) in sources(search("estates strategy"))
    hits = search("depot")
    assert [(h.source, h.item_id) for h in hits] == [("item", item.id)]
    assert "[[depot]]" in hits[0].snippet and '["' not in hits[0].snippet
    s.update_item(item.id, title="Fleet strategy")
    assert search("estates") == []
    assert [h.item_id for h in search("fleet")] == [item.id]
    s.delete_item(item.id)
    assert search("fleet") == []


def test_deleting_an_item_or_a_meeting_removes_its_entries(world: World, search: Search) -> None:
    s = world.store
    s.add_entry(world.new_item, EntryKind.PARAGRAPH, "Mention of the marina.")
    s.add_entry(world.old_item, EntryKind.PARAGRAPH, "Earlier mention of the marina.")
    assert len(search("marina")) == 2
    s.delete_item(world.new_item)  # cascades to its entries
    assert sources(search("marina")) == [("entry", world.old)]
    s.delete_meeting(world.old)
    assert search("marina") == []


def test_actions_and_their_notes_are_indexed(world: World, search: Search) -> None:
    s = world.store
    action = s.add_action(world.old, "Write to the coastguard", item_id=world.old_item,
                          owner_id=world.pcc_id)
    hits = search("coastguard")
    assert [(h.source, h.action_id, h.item_id, h.meeting_id) for h in hits] == [
        ("action", action.id, world.old_item, world.old)
    ]
    assert [h.action_id for h in search("Quarrie")] == [action.id]  # the owner's name
    s.update_action(action.id, text="Write to the harbour master")
    assert search("coastguard") == []
    s.set_action_status(action.id, ActionStatus.DONE, note="Letter sent in July.")
    assert [h.source for h in search("letter sent")] == ["action"]
    update = s.add_action_update(action.id, world.new, "The harbour master replied.")
    replied = search("replied")
    assert [(h.source, h.action_id, h.meeting_id, h.item_id) for h in replied] == [
        ("action_update", update.action_id, world.new, None)
    ]
    s.delete_action(action.id)  # cascades to its updates
    assert search("harbour") == []


def test_declarations_and_amendments_are_indexed(world: World, search: Search) -> None:
    s = world.store
    s.add_declaration(world.new, world.asker_id, "Owns a shop near the custody suite.")
    assert sources(search("custody suite")) == [("declaration", world.new)]
    s.approve_minutes(world.old, at_meeting_id=world.new)
    s.record_amendment(world.old, "The vote in minute 2 was 7 for, not 8.")
    assert sources(search("vote minute")) == [("amendment", world.old)]


def test_renaming_a_person_reindexes_what_they_asked_and_own(world: World) -> None:
    s = world.store
    s.add_entry(world.new_item, EntryKind.QUESTION, "about response times.",
                asker_id=world.asker_id, respondent_id=world.pcc_id, answer="they improved.")
    s.add_action(world.new, "Send the figures", owner_id=world.asker_id)
    assert len(s.search("Ollerenshaw")) == 2
    s.update_person(world.asker_id, name="Bernard Pettigrew")
    assert s.search("Ollerenshaw") == []
    assert {h.source for h in s.search("Pettigrew")} == {"entry", "action"}


def test_drafts_are_not_indexed(world: World) -> None:
    """The typing path (autosaved drafts) costs the index nothing."""
    s = world.store
    s.save_draft(world.new, "half typed about the lighthouse", item_id=world.new_item)
    assert s.search("lighthouse") == []


def test_rebuild_gives_the_same_results(world: World) -> None:
    s = world.store
    s.add_entry(world.new_item, EntryKind.PARAGRAPH, "The observatory budget.")
    before = s.search("observatory")
    s.rebuild_search_index()
    assert s.search("observatory") == before != []


def test_moving_an_entry_moves_its_hit(world: World) -> None:
    s = world.store
    other = s.add_item(world.new, "Any other business")
    entry = s.add_entry(world.new_item, EntryKind.PARAGRAPH, "The tramway extension.")
    s.move_entry_to_item(entry.id, other.id)
    assert [(h.entry_id, h.item_id, h.item_title) for h in s.search("tramway")] == [
        (entry.id, other.id, "Any other business")
    ]


def test_changing_a_meeting_date_reorders_results(world: World) -> None:
    s = world.store
    s.add_entry(world.old_item, EntryKind.PARAGRAPH, "Viaduct repairs, first mention.")
    s.add_entry(world.new_item, EntryKind.PARAGRAPH, "Viaduct repairs, second mention.")
    assert [h.meeting_id for h in s.search("viaduct")] == [world.new, world.old]
    s.update_meeting(world.old, held_on=date(2026, 1, 5))
    hits = s.search("viaduct")
    assert [(h.meeting_id, h.held_on) for h in hits] == [
        (world.old, date(2026, 1, 5)), (world.new, date(2025, 6, 2))
    ]


def test_a_stale_index_falls_back_to_like_until_repaired(world: World, db_path: Path) -> None:
    s = world.store
    s.add_entry(world.new_item, EntryKind.PARAGRAPH, "The aqueduct survey.")
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("DROP TRIGGER pm_fts_entry_ai")
        conn.commit()
    finally:
        conn.close()
    fresh = Store(str(db_path))
    try:
        assert not fresh._uses_fts()
        assert [h.source for h in fresh.search("aqueduct")] == ["entry"]  # LIKE still finds it
        assert fresh.rebuild_search_index()
        assert fresh._uses_fts()
        fresh.add_entry(world.old_item, EntryKind.PARAGRAPH, "Another aqueduct.")
        assert len(fresh.search("aqueduct")) == 2
    finally:
        fresh.close()


def test_a_very_long_entry_is_found_quickly_with_a_snippet(world: World) -> None:
    s = world.store
    text = "The bypass was discussed again. " * 20000  # 640 kB, 20,000 matches of each word
    s.add_entry(world.new_item, EntryKind.PARAGRAPH, text)
    s.add_entry(world.new_item, EntryKind.PARAGRAPH, "A short bypass note.")
    started = time.perf_counter()
    hits = s.search("bypass")
    assert time.perf_counter() - started < 2  # FTS5's own snippet would take minutes here
    assert len(hits) == 2
    assert all("[[bypass]]" in h.snippet and len(h.snippet) < 300 for h in hits)
    assert "[[bypass]]" in s.search("bypa*")[0].snippet


# --- queries -------------------------------------------------------------------------------------


def test_words_and_phrases(world: World, search: Search) -> None:
    s = world.store
    together = s.add_entry(world.new_item, EntryKind.PARAGRAPH, "Rural crime fell by a tenth.")
    apart = s.add_entry(world.new_item, EntryKind.PARAGRAPH, "Crime in rural areas rose.")
    assert {h.entry_id for h in search("rural crime")} == {together.id, apart.id}
    assert {h.entry_id for h in search("crime rural")} == {together.id, apart.id}
    phrase = search('"rural crime"')
    assert [h.entry_id for h in phrase] == [together.id]
    assert "[[Rural crime]]" in phrase[0].snippet or "[[Rural]] [[crime]]" in phrase[0].snippet
    assert {h.entry_id for h in search('"rural crime" tenth')} == {together.id}
    assert {h.entry_id for h in search("crime -tenth")} == {apart.id}


def test_snippet_marks_matches(world: World, search: Search) -> None:
    s = world.store
    long = " ".join(["filler"] * 40) + " the ferry terminal " + " ".join(["padding"] * 40)
    s.add_entry(world.new_item, EntryKind.PARAGRAPH, long)
    (hit,) = search("terminal")
    assert "[[terminal]]" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) < len(long) / 2


def test_prefix_and_word_forms(world: World) -> None:
    s = world.store
    s.add_entry(world.new_item, EntryKind.PARAGRAPH, "Two officers were seconded.")
    assert len(s.search("sec*")) == 1
    assert s.search("sec") == []  # a bare word is a whole word ...
    assert len(s.search("officer")) == 1  # ... in any of its forms (FTS only)
    assert len(s.search("second")) == 1


HOSTILE = ['AND OR "', "*", "-x", "col:foo", "(", ")", "NOT", "AND", "OR", '"', '""', "-", "^",
           "NEAR(a b)", "a OR", "text:rural", "{text extra}: x", "'", "%", "_", "\\", "a*b*",
           "*rural", "rural)", "--", '"unclosed phrase', "\x00", "💥", "   "]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_fail(world: World, search: Search, query: str) -> None:
    world.store.add_entry(world.new_item, EntryKind.PARAGRAPH, "Rural and urban text: x and y.")
    hits = search(query)
    assert isinstance(hits, list)


def test_operators_typed_are_plain_words(world: World, search: Search) -> None:
    s = world.store
    e = s.add_entry(world.new_item, EntryKind.PARAGRAPH, "Bread and butter or jam.")
    s.add_entry(world.new_item, EntryKind.PARAGRAPH, "Nothing like that here.")
    assert [h.entry_id for h in search("butter OR jam")] == [e.id]  # OR is a word, both required
    assert [h.entry_id for h in search("bread AND")] == [e.id]
    assert [h.entry_id for h in search("text:bread")] == []  # "text bread" is not in it
    assert [h.entry_id for h in search("-bread")] == [e.id]  # a lone exclusion is a word


def test_like_wildcards_are_literal(world: World) -> None:
    s = world.store
    s.add_entry(world.new_item, EntryKind.PARAGRAPH, "A rise of 5% was proposed.")
    s.add_entry(world.new_item, EntryKind.PARAGRAPH, "A rise of 50 pence was proposed.")
    parsed = parse_query("50%")
    assert s._search_like(parsed, panel_id=None, limit=10) == []
    hits = s._search_like(parse_query("5%"), panel_id=None, limit=10)
    assert [h.snippet for h in hits] == ["A rise of [[5%]] was proposed."]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=40))
def test_any_text_is_a_valid_query(world: World, query: str) -> None:
    assert isinstance(world.store.search(query), list)
    parsed = parse_query(query)
    if parsed.positives:
        assert isinstance(world.store._search_like(parsed, panel_id=None, limit=5), list)


def test_empty_queries_find_nothing(world: World) -> None:
    world.store.add_entry(world.new_item, EntryKind.PARAGRAPH, "Anything.")
    assert world.store.search("") == []
    assert world.store.search("  * - \" ") == []
    assert world.store.search("anything", limit=0) == []


# --- order, scope, exempt ------------------------------------------------------------------------


def test_newest_meeting_first(world: World, search: Search) -> None:
    s = world.store
    s.add_entry(world.old_item, EntryKind.PARAGRAPH, "Precept discussed last year.")
    s.add_entry(world.new_item, EntryKind.PARAGRAPH, "Precept discussed this year.")
    middle = s.create_meeting(world.panel_id, date(2024, 12, 2), standing_agenda=False)
    s.add_item(middle.id, "Precept briefing")
    hits = search("precept")
    days = [h.held_on for h in hits]
    assert days == sorted(days, reverse=True)
    assert hits[0].meeting_id == world.new
    assert hits[-1].meeting_id == world.old
    assert middle.id in {h.meeting_id for h in hits}
    assert len(search("precept", limit=2)) == 2


def test_panel_filter(world: World, search: Search) -> None:
    s = world.store
    other = s.create_panel("Marshland Police and Crime Panel")
    m = s.create_meeting(other.id, date(2025, 1, 1), standing_agenda=False)
    s.add_item(m.id, "Precept proposal for Marshland")
    assert {h.panel_name for h in search("precept")} == {
        "Fenland Police and Crime Panel", "Marshland Police and Crime Panel"
    }
    assert {h.meeting_id for h in search("precept", panel_id=other.id)} == {m.id}
    assert {h.meeting_id for h in search("precept", panel_id=world.panel_id)} == {
        world.old, world.new
    }


def test_exempt_items_are_searchable_and_marked(world: World, search: Search) -> None:
    s = world.store
    s.add_entry(world.secret_item, EntryKind.PARAGRAPH, "The disciplinary hearing outcome.")
    action = s.add_action(world.new, "Notify the disciplinary panel", item_id=world.secret_item)
    s.add_action_update(action.id, world.new, "Disciplinary notice drafted.")
    s.add_entry(world.new_item, EntryKind.PARAGRAPH, "No disciplinary matters in public.")
    hits = search("disciplinary")
    assert {(h.source, h.exempt) for h in hits} == {
        ("entry", True), ("action", True), ("action_update", True), ("entry", False)
    }
    assert [h.exempt for h in search("staffing")] == [True]  # the item itself
    # Exemption is read when searching: lifting it shows at once.
    s.update_item(world.secret_item, exempt=False)
    assert not any(h.exempt for h in search("disciplinary"))


def test_demo_minutes_are_searchable(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    hits = store.search("farm machinery")
    assert hits and hits[0].meeting_id == meeting_id
    assert any(h.exempt for h in store.search("complaint"))


def test_snippet_helper() -> None:
    assert make_snippet("The Farm watch scheme", ["farm"]) == "The [[Farm]] watch scheme"
    assert make_snippet("", ["x"]) == ""
