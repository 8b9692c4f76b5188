"""The clerk's hands in the composer (issue 13, points 1-4 and 12): mode keys never move what a
field holds into the text, Tab does one job at a time (and says which on the screen), typing
starts in the text for every mode, the line-editing keys work in every field, a restored draft
puts the cursor back where it was, and typed prefixes (``Q:``, ``RESOLVED:``, ``ACTION:``,
``NOTE:``) change the mode visibly before Enter.

Every test presses keys in the real app (Pilot) on a temporary database and reads what was filed
back from the database.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from panel_minutes.models.composer_state import Mode
from panel_minutes.models.domain import EntryKind
from panel_minutes.models.store import Store
from panel_minutes.screens.live import LiveScreen
from panel_minutes.tui.app import PanelMinutesApp, make_app
from tests.test_live_support import (
    FakeClock,
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

    @property
    def focused(self) -> Widget | None:
        return self.app.focused

    def notes(self) -> list[str]:
        return [str(n.message) for n in self.app._notifications]


@pytest.fixture
async def live(db_path: Path) -> AsyncIterator[Live]:
    store = Store(str(db_path))
    meeting_id = write_meeting(store, write_panel(store))
    store.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        yield Live(app, pilot, screen, meeting_id)


# --- point 1: mode keys throw no work away -----------------------------------------------------


def mode_of(composer: Any) -> Mode:
    """The composer's mode, read anew (mypy would keep an earlier assert's narrowing)."""
    return cast(Mode, composer.mode)


async def test_pressing_the_action_key_again_keeps_the_unfiled_action_and_its_fields(
    live: Live,
) -> None:
    pilot, screen = live.pilot, live.screen
    composer = screen.composer
    await pilot.press("f4")
    type_into_composer(screen, "Write to the Home Office")
    await pilot.press("tab", *'"Clerk team"', "tab", *"31/02/2027", "enter")
    await settle(pilot, screen)
    assert any("not a real date" in n for n in live.notes())  # refused, correctly
    await pilot.press("f4")  # "was it filed?": the composer stays an action and says so
    assert mode_of(composer) is Mode.ACTION
    assert any("not filed yet" in n for n in live.notes())
    assert composer.field("owner").display and composer.field("owner").value == '"Clerk team"'
    # neither Esc nor another mode key hides fields that hold typed text
    for key in ("escape", "f2", "f3", "f5"):
        await pilot.press(key)
        assert composer.mode is Mode.ACTION, key
    assert any("Owner, Due date" in n for n in live.notes())
    # the next keys go where the screen shows them: owner and date into their fields
    await pilot.press("tab", "ctrl+u", *'"PCC office"', "tab", "ctrl+u", *"2027-01-15", "enter")
    await settle(pilot, screen)
    assert composer.text_area.text == ""
    (action,) = live.app.store.list_actions(meeting_id=live.meeting_id)
    assert (action.text, action.owner_text) == ("Write to the Home Office", "PCC office")
    assert action.due_date is not None and action.due_date.isoformat() == "2027-01-15"
    item = live.app.store.list_items(live.meeting_id)[0]
    assert live.app.store.list_entries(item.id) == []  # no field was filed as text


async def test_fields_emptied_first_let_the_mode_change(live: Live) -> None:
    pilot, composer = live.pilot, live.screen.composer
    await pilot.press("f4", *"Circulate", "tab", *"ash", "escape")
    assert mode_of(composer) is Mode.ACTION
    await pilot.press("ctrl+u", "escape")  # the owner cleared: Esc makes it a paragraph
    assert mode_of(composer) is Mode.PARAGRAPH
    assert composer.text_area.text == "Circulate"


# --- point 2: Tab does one job, shown on the screen --------------------------------------------


async def test_tab_completes_a_name_and_stays_then_moves_on(live: Live) -> None:
    pilot, composer = live.pilot, live.screen.composer
    await pilot.press("f2", *"Why", "tab", "tab")
    answered_by = composer.field("respondent")
    assert live.focused is answered_by
    await pilot.press(*"hal")
    assert "Mr Hale" in answered_by._suggestion  # the screen shows what Tab will do
    await pilot.press("tab")
    assert answered_by.value == "Mr Hale" and live.focused is answered_by
    await pilot.press("tab")  # nothing left to complete: the next field, the answer box
    assert live.focused is cast(Widget, composer.answer_area)
    await pilot.press("shift+tab", "ctrl+u", *"hal", "shift+tab", "tab")  # out and back in
    assert "Mr Hale" in answered_by._suggestion  # back in the field: shown again


async def test_a_completed_name_in_the_text_is_followed_by_a_space(live: Live) -> None:
    pilot, composer = live.pilot, live.screen.composer
    area = composer.text_area
    await pilot.press("f4", *"Ask ha")
    assert "Mr Hale" in area.suggestion  # shown after the cursor before Tab is pressed
    await pilot.press("tab", *"to reply")
    assert area.text == "Ask Mr Hale to reply"
    assert area.suggestion == ""
    await pilot.press("tab")  # no name on offer: Tab moves to the owner
    assert live.focused is composer.field("owner")


# --- point 3: typing starts in the text, whatever the mode ----------------------------------------


async def test_every_mode_key_starts_typing_in_the_text_at_its_end(live: Live) -> None:
    pilot, composer = live.pilot, live.screen.composer
    area = composer.text_area
    await pilot.press(*"Hi")
    for key, mode in (("f2", Mode.QUESTION), ("f3", Mode.RESOLUTION), ("f4", Mode.ACTION),
                      ("f5", Mode.PROCEDURE)):
        await pilot.press(key)
        assert composer.mode is mode
        assert live.focused is area, key
        assert area.cursor_location == area.document.end, key
        await pilot.press("escape")
    await pilot.press("f2", "tab")  # then Tab walks the fields: Asked by first
    assert live.focused is composer.field("asker")


# --- point 4: editing inside every field; a restored draft puts the cursor back --------------


async def test_ctrl_u_clears_answered_by_after_a_completion(live: Live) -> None:
    pilot, composer = live.pilot, live.screen.composer
    await pilot.press("f2", *"Why", "tab", "tab", *"hal", "tab")
    assert composer.field("respondent").value == "Mr Hale"
    await pilot.press("ctrl+u")  # the cursor is still in "Answered by", at its end
    assert composer.field("respondent").value == ""
    assert composer.text_area.text == "Why"


async def test_line_editing_keys_work_in_every_field(live: Live) -> None:
    pilot, composer = live.pilot, live.screen.composer
    await pilot.press("f2")

    def value(widget: Widget) -> str:
        return str(getattr(widget, "value", None) or getattr(widget, "text", ""))

    for widget in (composer.text_area, composer.field("asker"), composer.field("respondent"),
                   composer.answer_area):
        widget.focus()
        await pilot.press(*"ab cd", "ctrl+w")
        assert value(widget) == "ab ", widget
        await pilot.press("ctrl+a", "x", "end", "y", "home", "ctrl+k")
        assert value(widget) == "", widget
        await pilot.press(*"ab", "ctrl+e", "z", "ctrl+u")
        assert value(widget) == "", widget
        await pilot.press(*"old", "alt+a", *"new")  # select all, then typing replaces it
        assert value(widget) == "new", widget


async def test_a_restored_draft_puts_the_cursor_back_in_its_field_and_place(
    db_path: Path,
) -> None:
    store = Store(str(db_path))
    meeting_id = write_meeting(store, write_panel(store))
    store.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        await pilot.press("f2", *"Why?", "tab", "tab", "tab", *"Because", "left", "left")
        await pilot.press("ctrl+q")  # the draft is flushed on the way out
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        composer = screen.composer
        assert composer.mode is Mode.QUESTION
        assert app.focused is composer.answer_area
        assert composer.answer_area.cursor_location == (0, 5)
        await pilot.press("x")
        assert composer.answer_area.text == "Becauxse"


# --- point 12: typed prefixes ----------------------------------------------------------------


async def test_a_typed_prefix_changes_the_mode_before_enter(live: Live) -> None:
    pilot, screen = live.pilot, live.screen
    composer = screen.composer
    await pilot.press(*"Q:")
    assert mode_of(composer) is Mode.PARAGRAPH  # not yet: a prefix ends with a space
    await pilot.press("space")
    assert mode_of(composer) is Mode.QUESTION
    assert composer.text_area.text == ""
    assert composer.text_area.border_title is not None
    assert str(composer.text_area.border_title).startswith("Question")
    await pilot.press(*"Why late?", "enter")
    await settle(pilot, screen)
    await pilot.press(*"ACTION: ")
    assert mode_of(composer) is Mode.ACTION
    await pilot.press("escape", *"RESOLVED: ")
    assert mode_of(composer) is Mode.RESOLUTION
    # No preset after a typed prefix: the clerk types the words ("RESOLVED: that the Panel ...")
    # and they must not come out twice.
    assert composer.text_area.text == ""
    await pilot.press(*"that the Panel agree")
    assert composer.text_area.text == "that the Panel agree"
    await pilot.press("escape", "ctrl+u", *"NOTE: ")
    assert mode_of(composer) is Mode.PROCEDURE
    await pilot.press("escape", "ctrl+u", *"Note: the report")  # capitals only: a paragraph
    assert mode_of(composer) is Mode.PARAGRAPH
    await pilot.press("ctrl+u", *"ACTION:none", "enter")  # Enter never changes the mode
    await settle(pilot, screen)
    item = live.app.store.list_items(live.meeting_id)[0]
    assert [(e.kind, e.text) for e in live.app.store.list_entries(item.id)] == [
        (EntryKind.QUESTION, "Why late?"), (EntryKind.PARAGRAPH, "ACTION:none")]
