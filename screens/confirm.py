"""A yes/no question as a modal dialog: ``ConfirmScreen(question) -> bool``.

``y`` (or Enter on "Yes") confirms; ``n``, Escape (or Enter on "No") declines. The safe answer,
"No", has the focus when the dialog opens, so a stray Enter never deletes anything.
``escape_cancels=True``: for a question whose "No" still goes on (copy these too? no: go on
without them), Escape dismisses with ``None``, "stop here", instead of answering No.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class ConfirmScreen(ModalScreen[bool]):
    """Ask ``question``; dismiss with True (yes) or False (no / Escape)."""

    CSS_PATH = "../tui/styles/dialogs.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", key_display="y"),
        Binding("n", "answer(False)", "No", key_display="n"),
        Binding("escape", "cancel", "Cancel", key_display="Esc"),
        Binding("left,right", "swap_focus", "Switch", show=False),
    ]

    def __init__(
        self,
        question: str,
        *,
        title: str = "Are you sure?",
        yes_label: str = "Yes",
        no_label: str = "No",
        escape_cancels: bool = False,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.dialog_title = title
        self.yes_label = yes_label
        self.no_label = no_label
        self.escape_cancels = escape_cancels

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Label(self.dialog_title, classes="dialog-title")
            yield Static(self.question, id="confirm-question", classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes_label} (y)", id="yes", variant="error")
                yield Button(f"{self.no_label} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_cancel(self) -> None:
        if self.escape_cancels:
            self.dismiss(None)  # "neither": the caller stops
        else:
            self.dismiss(False)

    def action_swap_focus(self) -> None:
        target = "#yes" if self.focused is self.query_one("#no") else "#no"
        self.query_one(target, Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
