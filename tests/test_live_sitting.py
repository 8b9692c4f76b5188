"""The meeting as it runs, by keys (issue 11, points 4-6): items taken out of order with ctrl+g,
F7 and F8; closing the meeting (F11); an F5 departure that changes the attendance and the vote
check. The rules themselves are tested in ``test_store_sitting.py``."""

from __future__ import annotations

import itertools
from pathlib import Path

from textual.pilot import Pilot

from panel_minutes.models.domain import ItemData
from panel_minutes.models.export.markdown import render_markdown
from panel_minutes.models.store import Store
from panel_minutes.screens.live import LiveScreen
from panel_minutes.tui.app import make_app
from tests.test_live_support import (
    FakeClock,
    open_live,
    settle,
    type_into_composer,
    write_meeting,
    write_panel,
)


def _write(db_path: Path, extra_items: int = 3) -> int:
    store = Store(str(db_path))
    meeting_id = write_meeting(store, write_panel(store))
    for n in range(extra_items):
        store.add_item(meeting_id, f"Further business {n + 1}")
    store.close()
    return meeting_id


async def _wait_screen(pilot: Pilot[None], name: str) -> None:
    for _ in range(100):
        if type(pilot.app.screen).__name__ == name:
            return
        await pilot.pause(0.02)
    raise AssertionError(f"no {name}")


def sittings(item: ItemData) -> list[tuple[str, str]]:
    """The item's sittings, first to last (``panel_minutes.models.item_times.sittings``, written out here so
    the test reads the stored fields themselves)."""
    first = [(item.started_at, item.finished_at)] if item.started_at else []
    return first + list(getattr(item, "resumed", ()))


def _number(live: LiveScreen) -> str:
    assert live.current_id is not None
    return live.numbers[live.current_id]


async def test_items_taken_out_of_order_by_keys_never_overlap(db_path: Path) -> None:
    meeting_id = _write(db_path)  # eight items
    clock = FakeClock()
    app = make_app(str(db_path))
    async with app.run_test(size=(140, 40)) as pilot:
        live = await open_live(app, pilot, meeting_id, clock)
        await pilot.press("f8")  # item 1 at 10:00
        await settle(pilot, live)
        clock.set(10, 10)
        await pilot.press("ctrl+g", "6", "enter")  # item 6 out of order
        await settle(pilot, live)
        clock.set(10, 20)
        await pilot.press("ctrl+g", "5", "enter")  # then item 5
        await settle(pilot, live)
        clock.set(10, 30)
        await pilot.press("f7")  # the next item not yet taken: 7, not 6
        await settle(pilot, live)
        assert _number(live) == "7"
        clock.set(10, 40)
        await pilot.press("f8")  # finishes item 7
        await settle(pilot, live)
        clock.set(10, 45)
        await pilot.press("ctrl+g", "6", "enter")  # nothing runs: this only shows item 6
        await settle(pilot, live)
        assert _number(live) == "6" and not any(i.resumed for i in live.items)
        await pilot.press("f8")  # item 6 taken up again
        await settle(pilot, live)
        clock.set(10, 48)
        await pilot.press("ctrl+g", "2", "enter")  # while 6 runs: 2 taken, 6 finished
        await settle(pilot, live)
        await pilot.press("ctrl+g", "6", "enter")  # and 6 taken up a third time
        await settle(pilot, live)
        clock.set(10, 50)
        await pilot.press("f7")  # on to item 8: 6 is finished
        await settle(pilot, live)
        assert _number(live) == "8"

    store = Store(str(db_path))
    items = {n + 1: i for n, i in enumerate(store.list_items(meeting_id))}
    store.close()
    assert (items[1].started_at, items[1].finished_at) == ("10:00", "10:10")
    assert sittings(items[6]) == [("10:10", "10:20"), ("10:45", "10:48"), ("10:48", "10:50")]
    assert (items[2].started_at, items[2].finished_at) == ("10:48", "10:48")
    assert (items[5].started_at, items[5].finished_at) == ("10:20", "10:30")  # 5 has an end
    assert (items[7].started_at, items[7].finished_at) == ("10:30", "10:40")
    assert (items[8].started_at, items[8].finished_at) == ("10:50", "")
    spans = sorted(s for item in items.values() for s in sittings(item))
    for (_s1, end), (start, _e2) in itertools.pairwise(spans):
        assert end and end <= start, spans


async def test_f11_closes_the_meeting_and_f9_reopens_it(db_path: Path) -> None:
    from panel_minutes.screens.help import sections
    from panel_minutes.tui.widgets.keybar import KeyBar

    meeting_id = _write(db_path, 0)
    clock = FakeClock()
    app = make_app(str(db_path))
    async with app.run_test(size=(240, 40)) as pilot:
        live = await open_live(app, pilot, meeting_id, clock)
        assert "F11 Close meeting" in str(live.query_one(KeyBar).render())  # the key bar
        assert any(k.keys == "F11" and k.what == "Close meeting"
                   for section in sections(type(app)) for k in section.keys)  # F1 (and ctrl+p)
        await pilot.press("f8")
        await settle(pilot, live)
        clock.set(12, 31)
        await pilot.press("f11")
        await _wait_screen(pilot, "ConfirmScreen")
        await pilot.press("y")
        await _wait_screen(pilot, "LiveScreen")
        await settle(pilot, live)
        assert live.doc is not None and live.doc.meeting.end_time == "12:31"
        assert "12:31 (closed)" in str(live.query_one("#live-title").render())
        assert app.store.get_item(live.items[0].id).finished_at == "12:31"
        text = render_markdown(app.store.load_document(meeting_id))
        assert "The meeting ended at 12:31." in text
        await pilot.press("f9")
        await settle(pilot, live)
        assert app.store.get_meeting(meeting_id).end_time == ""
        assert app.store.get_item(live.items[0].id).finished_at == ""
        await pilot.pause()
        assert live.doc.meeting.end_time == ""


async def test_an_f5_departure_changes_the_attendance_and_the_vote_check(db_path: Path) -> None:
    meeting_id = _write(db_path, 0)  # four voting members present, one apology
    clock = FakeClock()
    clock.set(11, 15)
    app = make_app(str(db_path))
    async with app.run_test(size=(140, 40)) as pilot:
        live = await open_live(app, pilot, meeting_id, clock)
        await pilot.press("f5")
        type_into_composer(live, "Cllr Carver left the meeting")
        await pilot.pause()
        shown = str(live.composer.text_area.border_subtitle)
        assert shown == "attendance: Cllr Carver left the meeting at 11:15"  # before Enter
        await pilot.press("enter")
        await settle(pilot, live)
        assert not live.composer.text_area.border_subtitle  # filed: the line goes with it

        clock.set(11, 20)
        await pilot.press("f3")
        type_into_composer(live, "note the report.")
        await pilot.press("tab", "tab", "tab", *"4-0-0", "enter")
        await settle(pilot, live)
        messages = [str(n.message) for n in app._notifications]
        assert any("only 3 voting members were present at 11:20" in m for m in messages)
        assert live.composer.text_area.text == "that the Panel note the report."  # kept
        assert live.composer.field("vote").value == "4-0-0"
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace",
                          *"3-0-0", "enter")
        await settle(pilot, live)
        assert live.composer.text_area.text == "", [str(n.message) for n in app._notifications]

    store = Store(str(db_path))
    text = render_markdown(store.load_document(meeting_id))
    store.close()
    assert "Cllr Mina Carver (until 11:15)" in text
    assert "for 3, against 0, abstentions 0" in text.lower()


async def test_the_end_time_is_in_the_meeting_details(db_path: Path) -> None:
    from textual.widgets import Input, Static

    from panel_minutes.screens.meeting_form import MeetingFormScreen

    meeting_id = _write(db_path, 0)
    store = Store(str(db_path))
    store.take_item(store.list_items(meeting_id)[0].id, "10:00")
    store.close_meeting(meeting_id, "12:31")
    store.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(MeetingFormScreen(meeting_id))
        await _wait_screen(pilot, "MeetingFormScreen")
        form = app.screen
        for _ in range(50):
            if getattr(form, "loaded", False):
                break
            await pilot.pause(0.02)
        end = form.query_one("#end", Input)
        assert end.value == "12:31"  # shown in the details
        end.value = "09:30"  # before the meeting started: refused in one line, kept as typed
        await pilot.press("ctrl+s")
        for _ in range(50):
            if str(form.query_one("#form-error", Static).render()).strip():
                break
            await pilot.pause(0.02)
        error = str(form.query_one("#form-error", Static).render())
        assert "before the start time 10:00" in error and "\n" not in error.strip()
        assert end.value == "09:30" and app.screen is form
        end.value = "12:45"
        await pilot.press("ctrl+s")
        for _ in range(100):
            if app.screen is not form:
                break
            await pilot.pause(0.02)
        assert app.screen is not form
    store = Store(str(db_path))
    assert store.get_meeting(meeting_id).end_time == "12:45"
    store.close()


async def test_an_f5_departure_before_the_start_is_refused_and_the_note_kept(
    db_path: Path,
) -> None:
    """The meeting starts at 10:00: "left the meeting at 09:40" contradicts it; Enter says so in
    one line and the note stays in the composer to correct."""
    meeting_id = _write(db_path, 0)
    clock = FakeClock()
    clock.set(10, 15)
    app = make_app(str(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        live = await open_live(app, pilot, meeting_id, clock)
        await pilot.press("f5")
        type_into_composer(live, "Cllr Carver left the meeting at 09:40")
        await pilot.press("enter")
        await settle(pilot, live)
        messages = [str(n.message) for n in app._notifications]
        assert ("Cllr Carver left the meeting at 09:40, before the meeting started (10:00): "
                "correct the time in the note, or the meeting's times in its details.") in messages
        assert live.composer.text_area.text == "Cllr Carver left the meeting at 09:40"
        assert live.current_id is not None
        assert app.store.list_entries(live.current_id) == []


async def test_f11_says_the_closing_sentence_in_the_house_style(db_path: Path) -> None:
    """A parish council's minutes say "The meeting closed at 9.05 pm.": so does the question
    F11 asks, and the notice after it (one wording for screen and export)."""
    from panel_minutes.models.house_style import preset
    from panel_minutes.screens.confirm import ConfirmScreen

    meeting_id = _write(db_path, 0)
    store = Store(str(db_path))
    panel_id = store.get_meeting(meeting_id).panel_id
    store.update_panel(panel_id, style=preset("parish").style)
    store.close()
    clock = FakeClock()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        live = await open_live(app, pilot, meeting_id, clock)
        clock.set(21, 5)
        await pilot.press("f11")
        await _wait_screen(pilot, "ConfirmScreen")
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert 'The minutes will say "The meeting closed at 9.05 pm."' in question.question
        await pilot.press("y")
        await _wait_screen(pilot, "LiveScreen")
        await settle(pilot, live)
        text = render_markdown(app.store.load_document(meeting_id))
        assert "The meeting closed at 9.05 pm." in text


async def test_f3_starts_a_resolution_in_the_house_style_s_words(db_path: Path) -> None:
    """A parish council resolves "That the Parish Council ...": F3 puts the style's start in
    the composer (the Panel's elsewhere); the start alone is nothing typed."""
    from panel_minutes.models.domain import EntryKind
    from panel_minutes.models.house_style import preset
    from panel_minutes.tui.widgets.composer import Composer

    meeting_id = _write(db_path, 0)
    store = Store(str(db_path))
    panel_id = store.get_meeting(meeting_id).panel_id
    store.update_panel(panel_id, style=preset("parish").style)
    store.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        live = await open_live(app, pilot, meeting_id, FakeClock())
        composer = live.query_one(Composer)
        await pilot.press("f3")
        await settle(pilot, live)
        assert composer.text_area.text == "that the Parish Council "
        assert composer.state().is_empty  # the start alone is not typed text
        await pilot.press(*"support the application", "enter")
        await settle(pilot, live)
        filed = [e for e in app.store.list_entries(live.items[0].id)
                 if e.kind is EntryKind.RESOLUTION]
        assert [e.text for e in filed] == ["that the Parish Council support the application"]
        text = render_markdown(app.store.load_document(meeting_id))
        assert "RESOLVED: That the Parish Council support the application" in text
