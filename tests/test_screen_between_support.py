"""Shared helpers for the between-meetings screen tests (this module holds no tests itself).

The fictional panel is ``tests.support.write_panel`` (with the action log on its standing
agenda: ``STANDING_WITH_ACTION_LOG``); here, small async helpers to drive the app with Pilot:
wait for a screen, let the store thread finish, answer a one-line prompt.
"""

from __future__ import annotations

from datetime import date

from textual.pilot import Pilot
from textual.widgets import Input

from panel_minutes.screens.prompt import PromptScreen
from tests.support import settle as settle
from tests.support import wait_for as wait_for

TODAY = date(2027, 7, 1)


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
