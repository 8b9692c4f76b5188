"""Issue 14, HS-A point 3: stock phrases. The filling is a rule (``panel_minutes.models.stock_phrases``),
tested without a screen; the live screen's key (alt+p) picks a phrase, puts it filled in at the
cursor, and Enter files exactly what the composer shows.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import OptionList

from panel_minutes.models.domain import AttendanceData, AttendanceStatus, PersonData
from panel_minutes.models.house_style import DEFAULT, TimeStyle
from panel_minutes.models.stock_phrases import chair_name, fill_phrase
from panel_minutes.models.store import Store
from panel_minutes.screens.live import LiveScreen
from panel_minutes.screens.phrase_picker import PhrasePickerScreen
from panel_minutes.tui.app import make_app
from tests.support import wait_for
from tests.test_live_support import FakeClock, settle, write_meeting, write_panel

ASHBY = PersonData(1, "Joan Ashby", title="Cllr")
BRENNAN = PersonData(2, "Tariq Brennan", title="Cllr")
EVENING = datetime(2027, 3, 9, 19, 5)


async def alt_p_as_a_terminal_sends_it(pilot: Pilot[None]) -> None:
    """A real terminal's alt+p carries the character "p" (Pilot's has none), which the text box
    would type if the binding came after it."""
    driver = pilot.app._driver
    assert driver is not None
    key = events.Key("alt+p", "p")
    key.set_sender(pilot.app)
    driver.send_message(key)
    await pilot.pause()


def attending(person: PersonData, capacity: str = "",
              status: AttendanceStatus = AttendanceStatus.PRESENT) -> AttendanceData:
    return AttendanceData(person.id, 1, person, status=status, capacity=capacity)


def test_the_chair_is_whoever_attends_as_the_panels_chair_title() -> None:
    present = [attending(BRENNAN, "Vice-Chairman"), attending(ASHBY, "chairman")]
    assert chair_name(present, "Chairman") == "Cllr Joan Ashby"
    assert chair_name(present, "Chair") == "Chair"  # no one attends as "Chair": the title
    sent_apologies = [attending(ASHBY, "Chair", AttendanceStatus.APOLOGIES)]
    assert chair_name(sent_apologies, "Chair") == "Chair"


def test_placeholders_are_filled_in_the_house_style_time() -> None:
    phrase = "{presenter} introduced the report; the {chair} thanked him at {now}."
    twelve = replace(DEFAULT, times=TimeStyle.TWELVE)
    assert fill_phrase(phrase, presenter="The Commissioner", chair="Chair", now=EVENING,
                       style=twelve) == (
        "The Commissioner introduced the report; the Chair thanked him at 7.05 pm.")
    assert fill_phrase("At {now}.", presenter="", chair="", now=EVENING, style=DEFAULT) == (
        "At 19:05.")
    # An unknown placeholder stays as typed; a phrase with unpaired braces goes in as it is.
    assert fill_phrase("{mover} moved {now}", presenter="", chair="", now=EVENING,
                       style=DEFAULT) == "{mover} moved 19:05"
    assert fill_phrase("{now", presenter="", chair="", now=EVENING, style=DEFAULT) == "{now"


def test_a_placeholder_with_nothing_to_fill_it_stays_for_the_clerk_to_see() -> None:
    """An item with no presenter: "{presenter} introduced the report." stays as typed in the
    composer (not " introduced the report.", a sentence starting with a space)."""
    assert fill_phrase("{presenter} introduced the report.", presenter="  ", chair="Chair",
                       now=EVENING, style=DEFAULT) == "{presenter} introduced the report."


async def test_alt_p_inserts_a_filled_phrase_at_the_cursor_and_enter_files_it(
    db_path: Path,
) -> None:
    store = Store(str(db_path))
    cast = write_panel(store)
    meeting_id = write_meeting(store, cast)
    style = replace(DEFAULT, times=TimeStyle.TWELVE, phrases=(
        "{presenter} presented the report.",
        "The Chair, {chair}, thanked everyone at {now}.",
    ))
    store.update_panel(cast.panel_id, style=style)
    for record in store.list_attendance(meeting_id):
        if record.person.id == cast.people["ashby"]:
            store.update_attendance(record.id, capacity="Chair")
    [report] = [i for i in store.list_items(meeting_id) if i.title.startswith("Police and")]
    store.close()
    clock = FakeClock()
    clock.set(10, 40)
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(LiveScreen(meeting_id, clock=clock, item_id=report.id))
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        await screen.loaded.wait()
        await settle(pilot, screen)
        await pilot.press(*"Noted. ")
        await alt_p_as_a_terminal_sends_it(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, PhrasePickerScreen), "the phrases")
        picker = app.screen
        options = picker.query_one(OptionList)
        assert [str(options.get_option_at_index(n).prompt) for n in range(2)] == [
            "Police and Crime Commissioner presented the report.",
            "The Chair, Cllr Joan Ashby, thanked everyone at 10.40 am.",
        ]
        await pilot.press(*"thank", "enter")  # typing narrows the list to the second
        await wait_for(pilot, lambda: app.screen is screen, "the live screen")
        shown = "Noted. The Chair, Cllr Joan Ashby, thanked everyone at 10.40 am."
        assert screen.composer.text_area.text == shown  # on screen before anything is filed
        await pilot.press("enter")
        await settle(pilot, screen)
    check = Store(str(db_path))
    assert [e.text for e in check.list_entries(report.id)] == [shown]
    check.close()
