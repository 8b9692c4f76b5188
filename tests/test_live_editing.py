"""Editing filed minutes in the live screen by keys: edit in place, change kind, move, move to
another item, delete (with confirmation), and undo each of them; name completion in the composer.

Every test drives the real app with Pilot on a temporary database and reads the result back from
the database (not just from the widgets).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.pilot import Pilot

from panel_minutes.models.domain import AttendanceStatus, DeletedEntryData, EntryKind
from panel_minutes.models.store import Store
from panel_minutes.screens.live import LiveScreen
from panel_minutes.tui.app import PanelMinutesApp, make_app
from tests.support import notices
from tests.test_live_support import (
    Cast,
    FakeClock,
    file_text,
    open_live,
    settle,
    type_into_composer,
    write_meeting,
    write_panel,
)


@dataclass
class Live:
    app: PanelMinutesApp
    pilot: Pilot[None]
    screen: LiveScreen
    meeting_id: int
    cast: Cast
    db: Path

    def texts(self, item_index: int = 0) -> list[tuple[str, str]]:
        """(kind, text) of an item's entries, read from the database."""
        store = self.app.store
        item = store.list_items(self.meeting_id)[item_index]
        return [(e.kind.value, e.text) for e in store.list_entries(item.id)]


@pytest.fixture
async def live(db_path: Path) -> AsyncIterator[Live]:
    store = Store(str(db_path))
    cast = write_panel(store)
    meeting_id = write_meeting(store, cast)
    store.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        yield Live(app, pilot, screen, meeting_id, cast, db_path)


async def test_edit_kind_move_delete_and_undo_each_step(live: Live) -> None:
    pilot, screen = live.pilot, live.screen
    await file_text(pilot, screen, "First paragraph.")
    await file_text(pilot, screen, "Second paragraph.")
    original = [("paragraph", "First paragraph."), ("paragraph", "Second paragraph.")]
    assert live.texts() == original

    # edit the first in place: ctrl+l selects the last entry, up moves to the first, e edits
    await pilot.press("ctrl+l", "up", "e")
    assert screen.composer.text_area.text == "First paragraph."
    assert screen.composer.has_class("-editing")
    await pilot.press("end", *" Amended.", "enter")
    await settle(pilot, screen)
    edited = [("paragraph", "First paragraph. Amended."), ("paragraph", "Second paragraph.")]
    assert live.texts() == edited
    assert screen.composer.state().is_empty and not screen.composer.has_class("-editing")

    # change the second's kind (the highlight stayed on the edited entry), then move it up
    await pilot.press("ctrl+l", "down", "k")
    await settle(pilot, screen)
    rekinded = [("paragraph", "First paragraph. Amended."), ("question", "Second paragraph.")]
    assert live.texts() == rekinded
    await pilot.press("shift+up")
    await settle(pilot, screen)
    moved = [("question", "Second paragraph."), ("paragraph", "First paragraph. Amended.")]
    assert live.texts() == moved

    # delete the (now second) amended paragraph: asks first, "n" keeps it, "y" deletes
    await pilot.press("down", "d")
    await pilot.pause()
    await pilot.press("n")
    await settle(pilot, screen)
    assert live.texts() == moved
    await pilot.press("d")
    await pilot.pause()
    await pilot.press("y")
    await settle(pilot, screen)
    assert live.texts() == [("question", "Second paragraph.")]

    # undo walks back through every state (F9 from anywhere)
    for expected in (moved, rekinded, edited, original, [original[0]], []):
        await pilot.press("f9")
        await settle(pilot, screen)
        assert live.texts() == expected
    await pilot.press("f9")
    await settle(pilot, screen)
    assert live.texts() == []  # nothing left to undo: nothing happens


async def test_move_an_entry_to_another_item_and_back(live: Live) -> None:
    pilot, screen = live.pilot, live.screen
    await file_text(pilot, screen, "Filed under the wrong item.")
    await pilot.press("ctrl+l", "m")
    assert screen.agenda.has_focus and screen.agenda.has_class("-moving")
    await pilot.press("4", "enter")
    await settle(pilot, screen)
    assert live.texts(0) == []
    assert live.texts(3) == [("paragraph", "Filed under the wrong item.")]
    await pilot.press("u")  # undo from the entries list
    await settle(pilot, screen)
    assert live.texts(0) == [("paragraph", "Filed under the wrong item.")]
    assert live.texts(3) == []


async def test_escape_cancels_an_edit_and_gives_back_what_was_being_typed(live: Live) -> None:
    pilot, screen = live.pilot, live.screen
    await file_text(pilot, screen, "Filed text.")
    type_into_composer(screen, "Half-typed next paragraph")
    await pilot.press("ctrl+l", "e")
    assert screen.composer.text_area.text == "Filed text."
    await pilot.press("escape")
    await settle(pilot, screen)
    assert screen.composer.text_area.text == "Half-typed next paragraph"
    assert live.texts() == [("paragraph", "Filed text.")]


async def test_a_resolution_and_an_action_from_their_field_rows(live: Live) -> None:
    pilot, screen = live.pilot, live.screen
    await pilot.press("f3")
    type_into_composer(screen, "note the report.")
    await pilot.press("tab", *"ash", "tab", "tab", *"bren", "tab", "tab", *"2-1", "tab", "enter")
    await settle(pilot, screen)
    store = live.app.store
    item = store.list_items(live.meeting_id)[0]
    (resolution,) = store.list_entries(item.id)
    assert resolution.kind is EntryKind.RESOLUTION
    assert resolution.text == "that the Panel note the report."
    assert (resolution.proposer, resolution.seconder) == ("Cllr Ashby", "Cllr Brennan")
    assert (resolution.vote_for, resolution.vote_against, resolution.vote_abstain) == (2, 1, None)
    assert resolution.outcome.value == "carried"

    # an action with a bad date: a clear message, nothing filed, the text stays
    await pilot.press("f4")
    type_into_composer(screen, "Write to the Home Office")
    await pilot.press("tab", *'"Clerk team"', "tab", *"31/02/2027", "enter")  # kept as written
    await settle(pilot, screen)
    assert store.list_actions(meeting_id=live.meeting_id) == []
    assert screen.composer.text_area.text == "Write to the Home Office"
    assert any("not a real date" in m for m in notices(live.app))
    await pilot.press("ctrl+u", *"2027-02-28", "enter")
    await settle(pilot, screen)
    (action,) = store.list_actions(meeting_id=live.meeting_id)
    assert (action.text, action.owner_text, action.owner_id) == (
        "Write to the Home Office", "Clerk team", None)
    assert action.due_date is not None and action.due_date.isoformat() == "2027-02-28"
    assert action.item_id == item.id


async def test_tab_completes_attendee_names_and_cycles_when_ambiguous(live: Live) -> None:
    pilot, screen = live.pilot, live.screen
    store = live.app.store
    extra = store.create_person("Ben Carwood", title="Cllr")
    store.set_attendance(live.meeting_id, extra.id, AttendanceStatus.PRESENT)
    await pilot.press("ctrl+o")  # back to the meetings list, then reopen to see the new attendee
    await pilot.pause()
    screen = await open_live(live.app, pilot, live.meeting_id, FakeClock())
    area = screen.composer.text_area

    await pilot.press(*"Thanks to bren", "tab")  # a completed name is followed by a space
    assert area.text == "Thanks to Cllr Brennan "
    await pilot.press(*"and cllr car", "tab")
    assert area.text == "Thanks to Cllr Brennan and Cllr Carver "
    await pilot.press("ctrl+n")  # ctrl+n: the next match
    assert area.text == "Thanks to Cllr Brennan and Cllr Carwood "
    await pilot.press("ctrl+n")
    assert area.text == "Thanks to Cllr Brennan and Cllr Carver "
    await pilot.press(*"xq", "tab")  # no attendee: Tab does nothing in a plain paragraph
    assert area.text == "Thanks to Cllr Brennan and Cllr Carver xq"


async def test_next_item_finishes_the_running_item_and_starts_the_next(live: Live) -> None:
    pilot, screen = live.pilot, live.screen
    clock = screen._clock
    assert isinstance(clock, FakeClock)
    await pilot.press("f8")
    await settle(pilot, screen)
    clock.set(10, 7, 30)
    await pilot.press("f7")
    await settle(pilot, screen)
    clock.set(10, 9, 45)
    screen._tick()
    assert "10:07 · 02:15" in str(screen.query_one("#item-clock").render())  # from 10:07:30
    items = live.app.store.list_items(live.meeting_id)
    assert (items[0].started_at, items[0].finished_at) == ("10:00", "10:07")
    assert (items[1].started_at, items[1].finished_at) == ("10:07", "")
    assert [i.taken_position for i in items[:2]] == [0, 1]
    await pilot.press("f9")  # undo the stamps of "next item"
    await settle(pilot, screen)
    items = live.app.store.list_items(live.meeting_id)
    assert (items[0].finished_at, items[1].started_at) == ("", "")


async def test_a_deleted_entry_is_put_back_from_the_deleted_list(live: Live) -> None:
    from panel_minutes.screens.deleted import DeletedEntriesScreen

    pilot, screen = live.pilot, live.screen
    await file_text(pilot, screen, "Deleted by a wrong key.")
    await file_text(pilot, screen, "Kept.")
    await pilot.press("ctrl+l", "up", "d")
    await pilot.pause()
    await pilot.press("y")
    await settle(pilot, screen)
    assert live.texts() == [("paragraph", "Kept.")]

    # r (from the entries list, or the palette) lists what was deleted; Enter puts it back
    assert "Deleted entries (r)" in [c.title for c in live.app.get_system_commands(screen)]
    await pilot.press("r")
    await settle(pilot, screen)
    dialog = live.app.screen
    assert isinstance(dialog, DeletedEntriesScreen)
    assert dialog.deleted is not None
    assert all(isinstance(d, DeletedEntryData) for d in dialog.deleted)
    assert [d.entry.text for d in dialog.deleted if isinstance(d, DeletedEntryData)] == [
        "Deleted by a wrong key."]
    await pilot.press("enter")
    await settle(pilot, screen)
    assert live.app.screen is screen
    assert live.texts() == [("paragraph", "Deleted by a wrong key."), ("paragraph", "Kept.")]
    assert live.app.store.list_deleted_entries(live.meeting_id) == []
    assert screen.entry_list.selected_key is not None  # the entry put back is selected

    # F9 takes it out again; it is still kept
    await pilot.press("f9")
    await settle(pilot, screen)
    assert live.texts() == [("paragraph", "Kept.")]
    assert len(live.app.store.list_deleted_entries(live.meeting_id)) == 1
    await pilot.press("ctrl+l", "r")
    await settle(pilot, screen)
    assert isinstance(live.app.screen, DeletedEntriesScreen)
    await pilot.press("escape")
    await settle(pilot, screen)
    assert live.app.screen is screen
    assert live.texts() == [("paragraph", "Kept.")]

    # an action deleted by mistake comes back with its number; F9 after a delete also keeps it
    store = live.app.store
    await pilot.press("f4")
    type_into_composer(screen, "Send the estates survey to members")
    await pilot.press("enter")
    await settle(pilot, screen)
    (action,) = store.list_actions(meeting_id=live.meeting_id)
    await pilot.press("ctrl+l", "d")  # the action is the last row
    await pilot.pause()
    await pilot.press("y")
    await settle(pilot, screen)
    assert store.list_actions(meeting_id=live.meeting_id) == []
    await pilot.press("r")
    await settle(pilot, screen)
    dialog = live.app.screen
    assert isinstance(dialog, DeletedEntriesScreen) and dialog.deleted is not None
    assert [type(d).__name__ for d in dialog.deleted] == ["DeletedActionData", "DeletedEntryData"]
    await pilot.press("enter")
    await settle(pilot, screen)
    (back,) = store.list_actions(meeting_id=live.meeting_id)
    assert (back.ref, back.text) == (action.ref, "Send the estates survey to members")
    assert len(store.list_deleted_actions(live.meeting_id)) == 0
    assert screen.entry_list.selected_key == ("action", back.id)


async def test_an_empty_item_says_how_to_minute_it(live: Live) -> None:
    pilot, screen = live.pilot, live.screen
    assert live.texts() == []
    assert "nothing minuted yet" in str(screen.entry_list.border_subtitle)
    await file_text(pilot, screen, "Apologies were received from Cllr Ashby.")
    assert not screen.entry_list.border_subtitle
    await pilot.press("f9")  # undoing the filing empties the item again
    await settle(pilot, screen)
    assert "nothing minuted yet" in str(screen.entry_list.border_subtitle)
