"""Helpers shared by the Pilot tests (imported by ``conftest.py`` and by the test modules).

- ``app_for(db)``: the app on a temporary database with "today" fixed (and, when given, a clock
  and timings: ``FAST`` shortens every wait so no test sleeps on real time);
- ``settle(pilot)``: let the workers (store calls) finish and the screen catch up; with a live
  screen, wait until its store calls are done;
- ``wait_for(pilot, condition)``: pause until a condition holds (or fail after ``timeout``);
- ``notices(app)``: the messages the app has shown (``PanelMinutesApp.notices``, not Textual's
  private ``_notifications``);
- ``write_panel(store)``: the one fictional panel of the screen tests (Northmoor), written
  through the real store.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from panel_minutes.models.clock import Clock
from panel_minutes.models.domain import MemberRole
from panel_minutes.models.store import Store
from panel_minutes.tui.app import PanelMinutesApp, make_app
from panel_minutes.tui.timings import DEFAULT_TIMINGS, Timings

TODAY = date(2026, 11, 3)

STANDING = (
    "Apologies and substitutes",
    "Declarations of interest",
    "Minutes of the previous meeting",
)
STANDING_WITH_ACTION_LOG = (*STANDING, "Action log and matters arising")


@dataclass
class Cast:
    panel_id: int
    people: dict[str, int]


def write_panel(store: Store, *, standing: tuple[str, ...] = STANDING) -> Cast:
    """The fictional Northmoor panel: five members (a chair, a vice-chair, two members, an
    independent co-opted member), the Commissioner and a clerk. Every name here is invented."""
    panel = store.create_panel(
        "Northmoor Police and Crime Panel", short_name="northmoor-pcp",
        default_venue="Committee Room 2, Town Hall, Kellbridge", standing_agenda=standing,
    )
    p = store.create_person
    people = {
        "ashby": p("Joan Ashby", title="Cllr", role="Kellbridge City Council").id,
        "brennan": p("Tariq Brennan", title="Cllr", role="North Dale District Council").id,
        "carver": p("Mina Carver", title="Cllr", role="Northmoor County Council").id,
        "dowd": p("Eliot Dowd", title="Cllr", role="Harrow Fell Borough Council").id,
        "ng": p("Ruth Ng", title="Ms", role="Independent co-opted member").id,
        "pcc": p("Simon Hale", title="Mr", role="Police and Crime Commissioner").id,
        "clerk": p("Aled Price", title="Mr", role="Democratic Services Officer").id,
    }
    store.add_member(panel.id, people["ashby"], role=MemberRole.CHAIR)
    store.add_member(panel.id, people["brennan"], role=MemberRole.VICE_CHAIR)
    store.add_member(panel.id, people["carver"])
    store.add_member(panel.id, people["dowd"])
    store.add_member(panel.id, people["ng"], role=MemberRole.CO_OPTED)
    return Cast(panel.id, people)

# Every delay short: the same code paths as the clerk's, without waiting on real time.
FAST = Timings(
    draft_debounce=0.02, retry_every=0.05, clock_tick=1.0, backup_every=600.0,
    search_debounce=0.02, owner_debounce=0.02, typeahead=1.2,
)


def app_for(
    db: Path | str,
    today: date | None = TODAY,
    *,
    clock: Clock | None = None,
    timings: Timings = DEFAULT_TIMINGS,
) -> PanelMinutesApp:
    """The app on ``db`` with "today" fixed (``None``: the clock's date)."""
    app = make_app(str(db), clock=clock, timings=timings)
    app.fixed_today = today
    return app


async def settle(pilot: Pilot[None], screen: object = None, pause: float = 0.0) -> None:
    """Let the store calls finish and their results reach the screen.

    With a screen that has ``wait_idle`` (the live screen), wait until its store calls are done.
    """
    wait_idle = getattr(screen, "wait_idle", None)
    if wait_idle is not None:
        await pilot.pause()
        assert await wait_idle()
        await pilot.pause()
        return
    for _ in range(3):
        await pilot.pause(pause)
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_for(
    pilot: Pilot[None], condition: Callable[[], object], what: str = "the condition",
    timeout: float = 6.0,
) -> None:
    """Pause until ``condition()`` is true (the store thread and the UI are asynchronous)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


def notices(app: App[None]) -> list[str]:
    """Every notification message the app has shown, oldest first."""
    assert isinstance(app, PanelMinutesApp)
    return [notice.message for notice in app.notices]
