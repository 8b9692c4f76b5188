"""Search by keys: ctrl+f from anywhere, type, and the results (newest meeting first, matches
highlighted, Part 2 hits marked) open the older meeting's live minutes AT the entry found,
without stamping the item as taken. Searching again from that meeting and picking a hit in it
goes back to the same live screen instead of opening the meeting twice.

The meetings and their minutes are written through the store; the rest is keys.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.console import Group
from rich.padding import Padding
from rich.text import Text

from panel_minutes.models.domain import EntryKind
from panel_minutes.models.store import Store
from panel_minutes.screens.live import LiveScreen
from panel_minutes.screens.meetings import MeetingsScreen
from panel_minutes.screens.search import MATCH_STYLE, SearchResults, SearchScreen
from panel_minutes.tui.app import make_app
from tests.support import STANDING_WITH_ACTION_LOG, write_panel
from tests.test_screen_between_support import TODAY, screen_is, settle, wait_for

OLD, NEW = date(2025, 6, 10), date(2027, 3, 9)


def write_meetings(db: Path) -> dict[str, int]:
    store = Store(str(db))
    panel = write_panel(store, standing=STANDING_WITH_ACTION_LOG)
    ids: dict[str, int] = {}
    old = store.create_meeting(panel.panel_id, OLD).id
    item = store.add_item(old, "Stop and search: the Commissioner's scrutiny report")
    store.add_entry(item.id, EntryKind.PARAGRAPH,
                    "The Commissioner presented the report on the use of stop and search powers.")
    ids["resolution"] = store.add_entry(
        item.id, EntryKind.RESOLUTION,
        "that the Panel ask the Commissioner to publish the stop and search figures by "
        "ethnicity every quarter.",
    ).id
    secret = store.add_item(old, "Complaint about a stop and search encounter", exempt=True,
                            public_title="Complaint handling matter")
    store.add_entry(secret.id, EntryKind.PARAGRAPH,
                    "The Panel considered the complaint about a stop and search encounter.")
    new = store.create_meeting(panel.panel_id, NEW).id
    newer = store.add_item(new, "Rural crime update")
    store.add_entry(newer.id, EntryKind.PARAGRAPH,
                    "Members asked the Commissioner to stop the closure of rural stations and "
                    "search for other savings.")
    ids.update(old=old, new=new, item=item.id, secret=secret.id)
    store.close()
    return ids


def where_and_snippet(results: SearchResults, index: int) -> tuple[Text, Text]:
    prompt = results.get_option_at_index(index).prompt
    assert isinstance(prompt, Group)
    where, padded = prompt.renderables
    assert isinstance(where, Text) and isinstance(padded, Padding)
    snippet = padded.renderable
    assert isinstance(snippet, Text)
    return where, snippet


async def test_search_finds_an_older_meeting_and_opens_it_at_the_entry(db_path: Path) -> None:
    ids = write_meetings(db_path)
    app = make_app(str(db_path))
    app.fixed_today = TODAY
    async with app.run_test(size=(120, 40)) as pilot:
        await screen_is(pilot, MeetingsScreen)
        await pilot.press("ctrl+f")
        await screen_is(pilot, SearchScreen)
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*'"stop and search"')  # as typed: runs a moment after the last key
        await wait_for(pilot, lambda: search.searched == '"stop and search"', "the search")
        await settle(pilot)
        hits = search.hits
        # Only the older meeting says "stop and search" (the newer one has the words apart).
        assert {h.meeting_id for h in hits} == {ids["old"]}
        assert [h.held_on for h in hits] == sorted((h.held_on for h in hits), reverse=True)
        results = search.results
        assert results.option_count == len(hits) >= 4
        index = next(n for n, h in enumerate(hits) if h.entry_id == ids["resolution"])
        where, snippet = where_and_snippet(results, index)
        assert "10 Jun 2025" in where.plain and "scrutiny report" in where.plain
        marked = [snippet.plain[s.start:s.end] for s in snippet.spans if s.style == MATCH_STYLE]
        assert marked and all("[[" not in m for m in marked)
        assert "stop" in " ".join(marked).lower()
        assert "[[" not in snippet.plain
        secret = next(n for n, h in enumerate(hits) if h.item_id == ids["secret"])
        assert "PART 2 (exempt)" in where_and_snippet(results, secret)[0].plain
        exempt = sum(1 for h in hits if h.exempt)
        assert f"{exempt} in Part 2 (exempt) items" in str(
            search.query_one("#search-status").render())

        # Down into the results, to the resolution, Enter: the meeting opens at that entry.
        await pilot.press("down", *["down"] * index, "enter")
        await screen_is(pilot, LiveScreen)
        live = app.screen
        assert isinstance(live, LiveScreen)
        await live.loaded.wait()
        await settle(pilot)
        assert live.meeting_id == ids["old"]
        assert live.current_id == ids["item"]
        assert live.entry_list.selected_key == ("entry", ids["resolution"])
        assert live.entry_list.has_focus
        opened = app.store.get_item(ids["item"])
        assert opened.started_at == "" and opened.taken_position is None  # looked at, not taken

        # Search again from the live screen; a hit in this same meeting reuses this screen.
        depth = len(app.screen_stack)
        live.composer.text_area.focus()  # ctrl+f works while typing too
        await pilot.press("ctrl+f")
        await screen_is(pilot, SearchScreen)
        again = app.screen
        assert isinstance(again, SearchScreen)
        await pilot.press(*"ethnicity", "enter")
        await wait_for(pilot, lambda: again.searched == "ethnicity" and again.hits, "the search")
        await settle(pilot)
        assert again.results.has_focus
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is live, "back to the same live screen")
        assert len(app.screen_stack) == depth
        assert live.entry_list.selected_key == ("entry", ids["resolution"])


async def test_nothing_found_says_so_and_esc_goes_back(db_path: Path) -> None:
    write_meetings(db_path)
    app = make_app(str(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await screen_is(pilot, MeetingsScreen)
        await pilot.press("ctrl+f")
        await screen_is(pilot, SearchScreen)
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*"helicopter", "enter")
        await wait_for(pilot, lambda: search.searched == "helicopter", "the search")
        await settle(pilot)
        assert search.hits == [] and not search.results.display
        assert "Nothing found for 'helicopter'" in str(
            search.query_one("#search-status").render())
        await pilot.press("escape")
        await screen_is(pilot, MeetingsScreen)
