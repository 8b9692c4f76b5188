"""Dates and times are read and written by one module, ``panel_minutes.models.parsing``.

Every path that takes a typed date or time (the meeting form, the command line, the composer,
the store) accepts and refuses the same text, with the same one-line ``ValidationError``; dates
are written in English whatever the locale; the "earlier meeting" rule is one SQL condition.
"""

from __future__ import annotations

import locale
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select
from textual.widgets import Input, Static

from panel_minutes.models import tables as t
from panel_minutes.models.composer_state import ComposerState, Mode, action_args, entry_args
from panel_minutes.models.domain import EntryKind
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.parsing import (
    date_problem,
    format_time,
    long_date,
    parse_date,
    parse_optional_date,
    parse_time,
    short_date,
    time_problem,
    weekday_date,
)
from panel_minutes.models.store import Store
from panel_minutes.models.store.base import held_before
from panel_minutes.screens.meeting_form import MeetingFormScreen
from panel_minutes.tui.app import make_app
from panel_minutes.tui.cli import main

# --- times ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "kept"), [
    ("19:00", "19:00"), ("19.00", "19:00"), ("1900", "19:00"), (" 9:05 ", "09:05"),
    ("905", "09:05"), ("00:00", "00:00"), ("23:59", "23:59"),
    ("7pm", "19:00"), ("7 pm", "19:00"), ("7.00 pm", "19:00"), ("7:30 p.m.", "19:30"),
    ("7PM", "19:00"), ("7.15am", "07:15"), ("10 a.m.", "10:00"), ("730pm", "19:30"),
    ("12am", "00:00"), ("12.30 am", "00:30"), ("12pm", "12:00"), ("12:45pm", "12:45"),
    ("", ""), ("   ", ""),
])
def test_times_on_either_clock_are_kept_as_hh_mm(typed: str, kept: str) -> None:
    assert parse_time(typed) == kept


@pytest.mark.parametrize("typed", [
    "9:5", "12.5", "25:00", "19:60", "7", "19", "13pm", "0am", "19:00 pm", "7 pmm", "half ten",
    "7:30:00", "-1:00", "\u0661\u0669:00",  # Arabic-Indic digits are not a time typed here
])
def test_what_is_not_a_time_is_refused_with_one_line(typed: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_time(typed, "start time")
    assert str(err.value) == (
        f"The start time {typed.strip()!r} is not a time of day: type it as 19:00, 7pm or 7.30 pm."
    )
    assert time_problem(typed, "start time") == str(err.value)


def test_a_time_is_formatted_by_one_function() -> None:
    assert format_time(time(9, 5)) == "09:05"
    assert format_time(datetime(2026, 11, 17, 19, 0, 42)) == "19:00"


def _refusal(call: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(ValidationError) as err:
        call(*args, **kwargs)
    return str(err.value)


@pytest.mark.parametrize("typed", ["9:5", "12.5", "25:00"])
def test_the_same_time_is_refused_the_same_way_by_the_composer_and_the_store(
    store: Store, typed: str
) -> None:
    panel = store.create_panel("Northmoor Police and Crime Panel")
    meeting = store.create_meeting(panel.id, date(2026, 11, 17))
    item = store.add_item(meeting.id, "Chair's announcements")
    note = ComposerState(Mode.PROCEDURE, "Cllr Quillfeather left the meeting.", {"at": typed})
    from_composer = _refusal(entry_args, note, [])
    from_store = _refusal(
        store.add_entry, item.id, EntryKind.PROCEDURE, "Left.", at_time=typed
    )
    expected = _refusal(parse_time, typed, "time of the note")
    assert from_composer == from_store == expected
    start = _refusal(store.create_meeting, panel.id, date(2026, 12, 1), start_time=typed)
    moved = _refusal(store.update_meeting, meeting.id, start_time=typed)
    assert start == moved == _refusal(parse_time, typed, "start time")
    assert store.get_meeting(meeting.id).start_time == "10:00"  # nothing was changed


def test_every_path_keeps_seven_pm_as_19_00(store: Store) -> None:
    panel = store.create_panel("Northmoor Police and Crime Panel")
    store.add_member(panel.id, store.create_person("Oriel Fenwright", title="Cllr").id)
    meeting = store.create_meeting(panel.id, date(2026, 11, 17), start_time="7pm")
    assert meeting.start_time == "19:00"
    assert store.update_meeting(meeting.id, end_time="9.15 pm").end_time == "21:15"
    item = store.add_item(meeting.id, "Chair's announcements")
    note = ComposerState(Mode.PROCEDURE, "The meeting adjourned.", {"at": "7.00 pm"})
    args = entry_args(note, [])
    assert args["at_time"] == "19:00"
    filed = store.add_entry(item.id, **args)
    assert filed.at_time == "19:00"
    record = store.list_attendance(meeting.id)[0]
    assert store.update_attendance(record.id, arrived_at="7:05pm").arrived_at == "19:05"


# --- dates ---------------------------------------------------------------------------------------


def test_dates_in_either_form() -> None:
    assert parse_date("2026-11-17") == parse_date(" 17/11/2026 ") == date(2026, 11, 17)
    assert parse_date("7.3.2027") == date(2027, 3, 7)
    assert parse_optional_date("  ") is None
    assert parse_optional_date("1/3/2027", "due date") == date(2027, 3, 1)
    assert date_problem("2026-11-17") is None
    assert date_problem("") == "Type the date (YYYY-MM-DD or DD/MM/YYYY)."
    assert date_problem("17 Nov") == (
        "The date '17 Nov' is not a date: type it as YYYY-MM-DD or DD/MM/YYYY."
    )
    assert date_problem("31/02/2026") == (
        "The date '31/02/2026' is not a real date (day 31, month 2, year 2026)."
    )


@pytest.fixture
def one_meeting(db_path: Path) -> Iterator[Path]:
    store = Store(str(db_path))
    try:
        panel = store.create_panel("Northmoor Police and Crime Panel")
        store.create_meeting(panel.id, date(2026, 11, 17))
    finally:
        store.close()
    yield db_path


@pytest.mark.parametrize("typed", ["31/02/2026", "17 Nov"])
async def test_the_same_date_is_refused_the_same_way_by_the_form_and_the_command_line(
    one_meeting: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    expected = _refusal(parse_date, typed)

    assert main(["--db", str(one_meeting), "export", typed]) == 2
    _, err = capsys.readouterr()
    assert err.strip().endswith(expected), err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1

    app = make_app(str(one_meeting))
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingFormScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MeetingFormScreen)
        form.query_one("#date", Input).value = typed
        form.query_one("#start", Input).value = "9:5"
        form.validate()
        assert str(form.query_one("#date-error", Static).content) == expected
        assert str(form.query_one("#start-error", Static).content) == (
            _refusal(parse_time, "9:5", "start time")
        )

    # The composer's due date names its field, and says the same thing; a due date in words
    # ("17 Nov", "next meeting": house style) is kept as typed rather than refused.
    action = ComposerState(Mode.ACTION, "Circulate the figures.", {"due": typed})
    if any(ch.isalpha() for ch in typed):
        composed = action_args(action, [])
        assert composed["due_date"] is None and composed["due_text"] == typed
    else:
        assert _refusal(action_args, action, []) == _refusal(parse_date, typed, "due date")


def test_a_date_in_either_form_finds_the_meeting_on_the_command_line(
    one_meeting: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(one_meeting), "export", "17/11/2026"]) == 0
    out, _ = capsys.readouterr()
    assert "17 November 2026" in out


# --- writing dates -------------------------------------------------------------------------------


class NoStrftime(date):
    """A date that refuses to be formatted through the C library (``%B`` follows LC_TIME)."""

    def strftime(self, fmt: str) -> str:
        raise AssertionError(f"strftime({fmt!r}) depends on the locale")

    def __format__(self, fmt: str) -> str:
        if fmt:
            raise AssertionError(f"format({fmt!r}) depends on the locale")
        return super().__format__(fmt)


def test_dates_are_written_in_english_without_the_locale() -> None:
    day = NoStrftime(2026, 9, 5)
    assert long_date(day) == "5 September 2026"
    assert weekday_date(day) == "Saturday 5 September 2026"
    assert short_date(day) == "5 Sep 2026"
    months = [long_date(date(2026, m, 1)).split()[1] for m in range(1, 13)]
    assert months == ["January", "February", "March", "April", "May", "June", "July", "August",
                      "September", "October", "November", "December"]
    assert [short_date(date(2026, m, 1)).split()[1] for m in range(1, 13)] == [
        m[:3] for m in months
    ]


def test_dates_stay_english_when_the_locale_is_not(store: Store) -> None:
    """Under another LC_TIME (when the machine has one), the minutes still say "September"."""
    from panel_minutes.models.store.approval import approval_text

    saved = locale.setlocale(locale.LC_TIME)
    switched = False
    for name in ("fr_FR.UTF-8", "de_DE.UTF-8", "es_ES.UTF-8", "fr_FR.utf8", "de_DE.utf8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        switched = True
        break
    try:
        if switched:
            assert f"{date(2026, 9, 5):%B}" != "September"  # the locale really is another one
        assert long_date(date(2026, 9, 5)) == "5 September 2026"
        assert "held on 5 September 2026 be agreed" in approval_text(date(2026, 9, 5))
    finally:
        locale.setlocale(locale.LC_TIME, saved)


# --- the earlier meeting ---------------------------------------------------------------------------


def test_one_rule_says_which_meetings_came_earlier(store: Store) -> None:
    """An earlier day, or the same day and created first; another panel's meetings never."""
    panel = store.create_panel("Northmoor Police and Crime Panel")
    other = store.create_panel("Westmere Police and Crime Panel")
    june = store.create_meeting(panel.id, date(2026, 6, 2))
    july_first = store.create_meeting(panel.id, date(2026, 7, 7))
    july_second = store.create_meeting(panel.id, date(2026, 7, 7))  # same day, later row
    march = store.create_meeting(panel.id, date(2026, 3, 3))  # created last, held first
    store.create_meeting(other.id, date(2026, 1, 1))

    def earlier(meeting_id: int) -> set[int]:
        with store._session() as s:
            row = s.get(t.Meeting, meeting_id)
            assert row is not None
            return {i for i in s.exec(select(t.Meeting.id).where(held_before(row))).all() if i}

    assert earlier(march.id) == set()
    assert earlier(june.id) == {march.id}
    assert earlier(july_first.id) == {march.id, june.id}
    assert earlier(july_second.id) == {march.id, june.id, july_first.id}
    # Every "previous meeting" the store gives follows that rule.
    previous = store.previous_meeting(july_second.id)
    assert previous is not None and previous.id == july_first.id
    assert store.load_document(july_second.id).previous_meeting_date == date(2026, 7, 7)
    assert store.previous_meeting(march.id) is None
    assert store.load_document(march.id).previous_meeting_date is None
