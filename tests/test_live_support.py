"""Shared helpers for the live-screen tests (this module holds no tests itself).

A meeting of the fictional panel (``tests.support.write_panel``) written through the real
store on a temporary database; a settable clock; and small async helpers to drive
``LiveScreen`` with Pilot.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from textual.pilot import Pilot

from panel_minutes.models.domain import AttendanceStatus
from panel_minutes.models.store import Store
from panel_minutes.screens.live import LiveScreen
from panel_minutes.tui.app import PanelMinutesApp
from tests.support import STANDING as STANDING
from tests.support import Cast as Cast
from tests.support import settle as settle
from tests.support import write_panel as write_panel

MEETING_DAY = date(2027, 3, 9)


class FakeClock:
    """A clock the test moves by hand (``advance``); starts at 10:00:00 on the meeting day."""

    def __init__(self, start: datetime | None = None) -> None:
        self.moment = start or datetime(MEETING_DAY.year, MEETING_DAY.month, MEETING_DAY.day, 10)

    def __call__(self) -> datetime:
        return self.moment

    def set(self, hh: int, mm: int, ss: int = 0) -> None:
        self.moment = self.moment.replace(hour=hh, minute=mm, second=ss)

    def advance(self, minutes: int = 0, seconds: int = 0) -> None:
        self.moment += timedelta(minutes=minutes, seconds=seconds)


def write_meeting(store: Store, cast: Cast, *, exempt_item: bool = True) -> int:
    """A meeting of the panel with attendance and an agenda of five (or four) items."""
    meeting = store.create_meeting(cast.panel_id, MEETING_DAY, start_time="10:00")
    prepare_meeting(store, cast, meeting.id, exempt_item=exempt_item)
    return meeting.id


def prepare_meeting(store: Store, cast: Cast, meeting_id: int, *, exempt_item: bool = True) -> None:
    """Attendance and the two non-standing items of a meeting created elsewhere."""
    for record in store.list_attendance(meeting_id):
        if record.person.id == cast.people["dowd"]:
            store.update_attendance(record.id, status=AttendanceStatus.APOLOGIES)
    store.set_attendance(meeting_id, cast.people["pcc"], AttendanceStatus.ALSO_PRESENT)
    store.set_attendance(meeting_id, cast.people["clerk"], AttendanceStatus.IN_ATTENDANCE)
    store.add_item(meeting_id, "Police and Crime Plan: annual report",
                   presenter="Police and Crime Commissioner")
    if exempt_item:
        store.add_item(
            meeting_id, "Appointment of the Deputy Commissioner: candidate's references",
            exempt=True, public_title="Staffing matter",
        )


async def open_live(app: PanelMinutesApp, pilot: Pilot[None], meeting_id: int,
                    clock: FakeClock | None = None) -> LiveScreen:
    await pilot.pause()
    await app.push_screen(LiveScreen(meeting_id, clock=clock))
    screen = app.screen
    assert isinstance(screen, LiveScreen)
    await screen.loaded.wait()
    await pilot.pause()
    return screen


def type_into_composer(screen: LiveScreen, text: str) -> None:
    """Put long text into the composer as a paste would (pressing each key costs ~60 ms)."""
    area = screen.composer.text_area
    area.focus()
    area.insert(text)


async def file_text(pilot: Pilot[None], screen: LiveScreen, text: str) -> None:
    type_into_composer(screen, text)
    await pilot.press("enter")
    await settle(pilot, screen)
