"""Ask for one line of text in a modal dialog: ``PromptScreen(title, default) -> str | None``.

Enter submits, Escape cancels (``None``). An optional ``validator`` returns an error message for a
bad value (or ``None`` when it is fine); the message is shown under the field and the dialog stays
open with the typed text untouched, so nothing the clerk typed is lost.

With ``save`` (a function of the store and the value), the dialog writes the value itself on the
store thread and closes only once it is saved: if the write fails (disk full, meeting approved
...) the error shows under the field and the typed text stays there to try again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from panel_minutes.tui.typed_app import panel_app

if TYPE_CHECKING:
    from panel_minutes.models.errors import PanelMinutesError
    from panel_minutes.models.store import Store

Validator = Callable[[str], str | None]
Saver = Callable[["Store", str], Any]


class PromptScreen(ModalScreen[str | None]):
    """One text field with a title, an optional hint, and inline validation."""

    CSS_PATH = "../tui/styles/dialogs.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", key_display="Esc"),
    ]

    def __init__(
        self,
        title: str,
        default: str = "",
        *,
        validator: Validator | None = None,
        hint: str = "",
        placeholder: str = "",
        save: Saver | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.dialog_title = title
        self.default = default
        self.validator = validator
        self.hint = hint
        self.placeholder = placeholder
        self.save = save
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="prompt-dialog"):
            yield Label(self.dialog_title, classes="dialog-title")
            if self.hint:
                yield Static(self.hint, classes="dialog-hint")
            yield Input(self.default, placeholder=self.placeholder, id="prompt-input")
            yield Static("", id="prompt-error", classes="field-error")
            yield Static("Enter to accept · Esc to cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    @property
    def error(self) -> str:
        """The message shown under the field ("" when none)."""
        return str(self.query_one("#prompt-error", Static).content)

    def _show_error(self, message: str) -> None:
        self.query_one("#prompt-error", Static).update(message)
        self.query_one("#prompt-input", Input).set_class(bool(message), "-invalid")

    @on(Input.Changed, "#prompt-input")
    def _changed(self) -> None:
        if self.error:
            self._show_error("")

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value
        if self.saving:
            return
        if self.validator is not None:
            problem = self.validator(value)
            if problem:
                self._show_error(problem)
                return
        if self.save is None:
            self.dismiss(value)
            return
        save = self.save
        self.saving = True
        panel_app(self).runner.call(self, lambda store: save(store, value), lambda _: self.dismiss(value),
                   on_error=self._save_failed)

    def _save_failed(self, err: PanelMinutesError) -> None:
        self.saving = False
        self._show_error(f"Not saved: {err}")

    def action_cancel(self) -> None:
        self.dismiss(None)
