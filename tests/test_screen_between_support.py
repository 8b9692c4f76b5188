"""Shared helpers for the between-meetings screen tests (this module holds no tests itself).

A fictional panel ("Eastmere") written through the real store on a temporary database, and small
async helpers to drive the app with Pilot: wait for a condition, let the store thread finish,
answer a one-line prompt. Every name here is invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.pilot import Pilot
from textual.widgets import Input

from models.domain import MemberRole
from models.store import Store
from screens.prompt import PromptScreen
from tests.support import settle as settle
from tests.support import wait_for as wait_for

STANDING = (
    "Apologies and substitutes",
    "Declarations of interest",
    "Minutes of the previous meeting",
    "Action log and matters arising",
)
TODAY = date(2027, 7, 1)


@dataclass
class Panel:
    panel_id: int
    people: dict[str, int]


def write_panel(store: Store, *, standing: tuple[str, ...] = STANDING) -> Panel:
    """The fictional Eastmere panel: a chair, members, the Commissioner and a clerk."""
    panel = store.create_panel(
        "Eastmere Police and Crime Panel", short_name="eastmere-pcp",
        default_venue="Council Chamber, Guildhall, Eastmere", standing_agenda=standing,
    )
    p = store.create_person
    people = {
        "okoro": p("Grace Okoro", title="Cllr", role="Eastmere City Council").id,
        "whyte": p("Colin Whyte", title="Cllr", role="Fenby District Council").id,
        "sato": p("Ken Sato", title="Cllr", role="Marlow Vale Borough Council").id,
        "pcc": p("Janet Rowe", title="Ms", role="Police and Crime Commissioner").id,
        "clerk": p("Owen Hart", title="Mr", role="Democratic Services Officer").id,
    }
    store.add_member(panel.id, people["okoro"], role=MemberRole.CHAIR)
    store.add_member(panel.id, people["whyte"], role=MemberRole.VICE_CHAIR)
    store.add_member(panel.id, people["sato"])
    return Panel(panel.id, people)


async def screen_is(pilot: Pilot[None], cls: type, what: str = "") -> None:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, cls), what or cls.__name__)
    await settle(pilot)


async def answer_prompt(pilot: Pilot[None], text: str | None = None) -> str:
    """In the open one-line prompt, put ``text`` (as a paste would; None keeps the default)
    and press Enter. Returns the text that was in the field (the default, when ``text`` is
    None)."""
    await screen_is(pilot, PromptScreen, "a prompt")
    prompt = pilot.app.screen
    assert isinstance(prompt, PromptScreen)
    field = prompt.query_one("#prompt-input", Input)
    if text is not None:
        field.value = text
    value = field.value
    await pilot.press("enter")
    await settle(pilot)
    return value
