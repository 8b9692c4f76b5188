"""The wording of minute entries: one module words them, the screen and the export agree.

``panel_minutes.models.export.wording.entry_spans`` is the only place an entry is worded; the live screen
styles its spans and the Markdown export escapes them. These tests hold the two to the same words
for every kind of entry, and check the small wording rules (times in notes, spaces, capitals).
"""

from __future__ import annotations

import re
from pathlib import Path

from panel_minutes.models.domain import EntryKind, Outcome
from panel_minutes.models.export import wording
from panel_minutes.models.export.markdown import render_markdown
from panel_minutes.models.store import Store
from panel_minutes.tui.app import PanelMinutesApp
from panel_minutes.tui.widgets.entries import EntryList
from panel_minutes.tui.widgets.entry_view import KIND_TAGS
from panel_minutes.tui.widgets.gutter import Gutter
from tests.test_live_support import (
    FakeClock,
    open_live,
    settle,
    type_into_composer,
    write_meeting,
    write_panel,
)


def _entries_of_every_kind(store: Store, item_id: int, people: dict[str, int]) -> None:
    e = store.add_entry
    e(item_id, EntryKind.PARAGRAPH, "The Commissioner presented the annual report.")
    e(item_id, EntryKind.QUESTION, "whether the figures were published",
      asker_id=people["brennan"], respondent_id=people["pcc"],
      answer="That the figures would follow")
    e(item_id, EntryKind.QUESTION, "What is the plan?", asker_id=people["carver"],
      respondent_text="the Chief Constable", answer="it was on track")
    e(item_id, EntryKind.QUESTION, "", asker_text="the Vice-Chair", respondent_id=people["pcc"],
      answer="Savings had been found.")
    e(item_id, EntryKind.QUESTION, "Why?", asker_id=people["ng"], answer="Because.")
    e(item_id, EntryKind.QUESTION, "When will it end?", asker_id=people["ng"],
      respondent_id=people["pcc"])  # not answered yet: the screen says who is to answer
    e(item_id, EntryKind.RESOLUTION, "that the Panel  notes the report.", vote_for=5,
      vote_against=0, vote_abstain=1, outcome=Outcome.CARRIED, proposer="Cllr Ashby",
      seconder="Cllr Carver")
    e(item_id, EntryKind.RESOLUTION, "The amendment fell.", vote_for=1, vote_against=4,
      outcome=Outcome.LOST)
    e(item_id, EntryKind.PROCEDURE, "Cllr Carver joined the meeting.", at_time="10:25")
    e(item_id, EntryKind.PROCEDURE, "Meeting closed at 10.00 pm", at_time="22:00")
    e(item_id, EntryKind.PROCEDURE, "At this point Cllr Brennan left.", at_time="11:40")


def _markdown_as_text(line: str) -> str:
    """A Markdown line as read: emphasis marks and backslash escapes taken out."""
    line = line.replace("**", "").replace("*(", "(").replace(")*", ")")
    return re.sub(r"\\(.)", r"\1", line)


async def test_the_screen_shows_every_kind_of_entry_in_the_exported_words(
    db_path: Path,
) -> None:
    store = Store(str(db_path))
    cast = write_panel(store)
    meeting_id = write_meeting(store, cast, exempt_item=False)
    item = next(i for i in store.list_items(meeting_id) if "annual report" in i.title)
    _entries_of_every_kind(store, item.id, cast.people)
    exported = [
        _markdown_as_text(line)
        for line in render_markdown(store.load_document(meeting_id)).splitlines()
    ]
    store.close()

    app = PanelMinutesApp(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        live = await open_live(app, pilot, meeting_id)
        await live.all_loaded.wait()
        live.go_to(item.id)
        await settle(pilot, live)
        entry_list = live.query_one(EntryList)
        shown: list[tuple[str, str]] = []
        for index in range(entry_list.option_count):
            prompt = entry_list.get_option_at_index(index).prompt
            line = getattr(prompt, "renderable", prompt)
            assert isinstance(line, Gutter)
            shown.append((line.cells[0].text.plain.strip(), line.body.plain))

    assert len(shown) == 11
    hint = " (The Commissioner to answer)"
    for label, words in shown:
        words = words.removesuffix(hint)  # the screen's reminder, never printed
        numbered = label not in KIND_TAGS.values()  # a tag ("R") where the export has no number
        assert (f"{label} {words}" if numbered else words) in exported, (label, words)
    assert shown[1][1] == ("Cllr Brennan asked whether the figures were published. The "
                           "Commissioner replied that the figures would follow.")
    assert shown[5][1].endswith(hint)


# --- small wrong words (issue 11, point 9) --------------------------------------------------------


def _meeting_item(store: Store) -> tuple[int, int, dict[str, int]]:
    cast = write_panel(store)
    meeting_id = write_meeting(store, cast, exempt_item=False)
    item = next(i for i in store.list_items(meeting_id) if "annual report" in i.title)
    return meeting_id, item.id, cast.people


def test_a_note_that_already_says_when_gets_no_second_time(store: Store) -> None:
    meeting_id, item_id, _ = _meeting_item(store)
    e = store.add_entry
    e(item_id, EntryKind.PROCEDURE, "Meeting closed at 10.00 pm", at_time="22:00")
    e(item_id, EntryKind.PROCEDURE, "At this point Cllr Brennan left.", at_time="11:40")
    e(item_id, EntryKind.PROCEDURE, "The meeting resumed at 2 pm.", at_time="14:02")
    e(item_id, EntryKind.PROCEDURE, "Cllr Carver joined the meeting.", at_time="10:25")
    e(item_id, EntryKind.PROCEDURE, "Item 3.12 was deferred.", at_time="10:30")
    md = render_markdown(store.load_document(meeting_id))
    assert "Meeting closed at 10.00 pm.\n" in md
    assert "22:00" not in md
    assert "At this point Cllr Brennan left.\n" in md
    assert "The meeting resumed at 2 pm.\n" in md
    assert "Cllr Carver joined the meeting at 10:25.\n" in md
    assert "Item 3.12 was deferred at 10:30.\n" in md  # a number is not a time


def test_names_time_tells_times_from_other_numbers() -> None:
    for text in ("closed at 22:00", "at 10.00 pm", "left at 9.30 a.m.", "at 10pm", "at noon",
                 "resumed at 10.30", "At that point the Chair adjourned", "until midnight"):
        assert wording.names_time(text), text
    for text in ("Cllr X left", "the 2024 report", "3 amendments", "Item 3.12 deferred",
                 "the report at length", "the middle of the list"):
        assert not wording.names_time(text), text


def test_the_resolution_preset_and_a_typed_space_make_one_space(store: Store) -> None:
    meeting_id, item_id, _ = _meeting_item(store)
    store.add_entry(item_id, EntryKind.RESOLUTION, "that the Panel  noted the report.")
    store.add_entry(item_id, EntryKind.PARAGRAPH, "Members   discussed\tthe   report.")
    md = render_markdown(store.load_document(meeting_id))
    assert "**RESOLVED** that the Panel noted the report." in md
    assert "Members discussed the report." in md
    assert "  " not in md


def test_a_name_that_starts_a_sentence_starts_with_a_capital(store: Store) -> None:
    meeting_id, item_id, _ = _meeting_item(store)
    store.add_entry(item_id, EntryKind.QUESTION, "about the budget", asker_text="the Vice-Chair",
                    respondent_text="the Commissioner", answer="it was balanced")
    md = render_markdown(store.load_document(meeting_id))
    assert ("The Vice-Chair asked about the budget. The Commissioner replied that it was "
            "balanced.") in md


async def test_f5_and_f3_by_keys_file_the_right_words(db_path: Path) -> None:
    """F5 on a note that names its time, F3 then a space: the file says each once."""
    store = Store(str(db_path))
    cast = write_panel(store)
    meeting_id = write_meeting(store, cast, exempt_item=False)
    store.close()
    clock = FakeClock()
    clock.set(22, 18)
    app = PanelMinutesApp(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        live = await open_live(app, pilot, meeting_id, clock)
        await pilot.press("f3", "space")
        type_into_composer(live, "noted the report.")
        await pilot.press("enter")
        await settle(pilot, live)
        await pilot.press("f5")
        assert live.composer.field("at").value == "22:18"
        type_into_composer(live, "Meeting closed at 10.00 pm")
        await pilot.press("enter")
        await settle(pilot, live)
        md = render_markdown(app.store.load_document(meeting_id))
    assert "**RESOLVED** that the Panel noted the report.\n" in md
    assert "Meeting closed at 10.00 pm.\n" in md
    assert "22:18" not in md
