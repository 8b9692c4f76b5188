"""Placeholder: replaced by the meetings screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class MeetingsScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("panel-minutes", id="placeholder")
        yield Footer()
