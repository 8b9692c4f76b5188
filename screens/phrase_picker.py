"""Pick one of the panel's stock phrases: ``PhrasePickerScreen(phrases) -> phrase | None``.

Typing filters the list (every word typed must appear in the phrase); ↑↓ move, Enter picks,
Escape cancels. Each phrase is shown as it will be inserted (its placeholders filled), so the
clerk chooses the words that land in the composer. The live screen fills and inserts it
(``panel_minutes.models.stock_phrases``); nothing is written here.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from panel_minutes.screens.pickers import arrows_to_list


class PhrasePickerScreen(ModalScreen[str | None]):
    """The stock phrases, already filled in, narrowed by what is typed."""

    CSS_PATH = ["../tui/styles/dialogs.tcss", "../tui/styles/pickers.tcss"]
    BINDINGS = [Binding("escape", "cancel", "Cancel", key_display="Esc")]

    def __init__(self, phrases: Sequence[str]) -> None:
        super().__init__(classes="dialog-screen")
        self.phrases = list(phrases)
        self.shown = list(phrases)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker", id="phrase-picker"):
            yield Label("Insert a stock phrase", classes="dialog-title")
            yield Input(placeholder="type to find a phrase", id="find")
            yield OptionList(id="phrases")
            yield Static("↑↓ to move · Enter inserts it at the cursor · Esc to cancel",
                         classes="dialog-keys")

    def on_mount(self) -> None:
        self._refilter()
        self.query_one("#find", Input).focus()

    def _refilter(self) -> None:
        words = self.query_one("#find", Input).value.lower().split()
        self.shown = [p for p in self.phrases if all(w in p.lower() for w in words)]
        options = self.query_one("#phrases", OptionList)
        options.set_options(Option(p) for p in self.shown)
        if self.shown:
            options.highlighted = 0

    @on(Input.Changed, "#find")
    def _find_changed(self) -> None:
        self._refilter()

    def on_key(self, event: events.Key) -> None:
        arrows_to_list(event, self.query_one("#find", Input), self.query_one("#phrases", OptionList))

    @on(Input.Submitted, "#find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        highlighted = self.query_one("#phrases", OptionList).highlighted
        if self.shown and highlighted is not None:
            self.dismiss(self.shown[highlighted])

    @on(OptionList.OptionSelected, "#phrases")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.shown[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
