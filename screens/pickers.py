"""Small choosing dialogs: one of a short list, or a person (existing or new).

``ChoiceScreen(title, [(label, value), ...]) -> value | None``: Enter picks, Escape cancels.

``PersonPickerScreen(title, people) -> PersonData | NewPerson | None``: type to find someone
already known, or fill in title, name and role for someone new. Enter on a found person picks
them; Enter in the new-person fields (or ctrl+s) adds the new one. Nothing is written here: the
caller creates the person in the same store call that uses them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from panel_minutes.models.domain import PersonData

T = TypeVar("T")


def arrows_to_list(event: events.Key, find: Input, options: OptionList) -> None:
    """Up and down typed in a picker's search field move the highlight in the list below it."""
    if find.has_focus and event.key in {"up", "down"}:
        event.stop()
        if event.key == "down":
            options.action_cursor_down()
        else:
            options.action_cursor_up()


@dataclass(frozen=True, slots=True)
class NewPerson:
    """Someone not yet in the database, as typed into the picker."""

    name: str
    title: str = ""
    role: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.title} {self.name}".strip()


class ChoiceScreen(ModalScreen[T | None], Generic[T]):
    """Pick one value from a short list."""

    CSS_PATH = ["../tui/styles/dialogs.tcss", "../tui/styles/pickers.tcss"]
    BINDINGS = [Binding("escape", "cancel", "Cancel", key_display="Esc")]

    def __init__(
        self, title: str, choices: Sequence[tuple[str, T]], *, hint: str = "",
        selected: int = 0,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.dialog_title = title
        self.choices = list(choices)
        self.hint = hint
        self.selected = selected

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Label(self.dialog_title, classes="dialog-title")
            if self.hint:
                yield Static(self.hint, classes="dialog-hint")
            yield OptionList(*(Option(label) for label, _ in self.choices), id="choices")
            yield Static("↑↓ to move · Enter to pick · Esc to cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        options = self.query_one("#choices", OptionList)
        if self.choices:
            options.highlighted = max(0, min(self.selected, len(self.choices) - 1))
        options.focus()

    @on(OptionList.OptionSelected, "#choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class PersonPickerScreen(ModalScreen["PersonData | NewPerson | None"]):
    """Find a person by typing, or describe a new one."""

    CSS_PATH = ["../tui/styles/dialogs.tcss", "../tui/styles/pickers.tcss"]
    BINDINGS = [
        Binding("ctrl+s", "add_new", "Add new person", key_display="ctrl+s"),
        Binding("escape", "cancel", "Cancel", key_display="Esc"),
    ]

    def __init__(
        self, title: str, people: Sequence[PersonData], *, default_title: str = "Cllr",
        hint: str = "",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.dialog_title = title
        self.people = list(people)
        self.shown: list[PersonData] = list(people)
        self.default_title = default_title
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker", id="person-picker"):
            yield Label(self.dialog_title, classes="dialog-title")
            if self.hint:
                yield Static(self.hint, classes="dialog-hint")
            yield Input(placeholder="type to find someone already known", id="find")
            yield OptionList(id="people")
            yield Static("or someone new:", classes="dialog-hint")
            with Horizontal(classes="person-fields"):
                yield Input(self.default_title, placeholder="Title", id="new-title")
                yield Input(placeholder="Name", id="new-name")
                yield Input(placeholder="Role or council", id="new-role")
            yield Static("", id="person-error", classes="field-error")
            yield Static("Enter: pick · Enter in a new-person field: add them · Esc: cancel",
                         classes="dialog-keys")

    def on_mount(self) -> None:
        self._refilter()
        self.query_one("#find" if self.people else "#new-name", Input).focus()

    def _refilter(self) -> None:
        words = self.query_one("#find", Input).value.lower().split()
        self.shown = [
            p for p in self.people
            if all(w in f"{p.full_name} {p.role} {p.organisation}".lower() for w in words)
        ]
        options = self.query_one("#people", OptionList)
        options.set_options(
            Option(f"{p.full_name}" + (f"  ({p.role})" if p.role else "")) for p in self.shown
        )
        if self.shown:
            options.highlighted = 0

    @on(Input.Changed, "#find")
    def _find_changed(self) -> None:
        self._refilter()

    @on(Input.Changed, "#new-name")
    def _name_changed(self) -> None:
        self.query_one("#person-error", Static).update("")

    def on_key(self, event: events.Key) -> None:
        arrows_to_list(event, self.query_one("#find", Input), self.query_one("#people", OptionList))

    @on(Input.Submitted, "#find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#people", OptionList)
        if self.shown and options.highlighted is not None:
            self.dismiss(self.shown[options.highlighted])
            return
        # Nobody found: carry what was typed into the new person's name.
        name = self.query_one("#new-name", Input)
        if not name.value.strip():
            name.value = event.value.strip()
        name.focus()

    @on(OptionList.OptionSelected, "#people")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.shown[event.option_index])

    @on(Input.Submitted, "#new-title, #new-name, #new-role")
    def _new_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_add_new()

    def action_add_new(self) -> None:
        name = self.query_one("#new-name", Input).value.strip()
        if not name:
            self.query_one("#person-error", Static).update(
                "Type the new person's name (or pick someone from the list)."
            )
            self.query_one("#new-name", Input).focus()
            return
        self.dismiss(
            NewPerson(
                name=name,
                title=self.query_one("#new-title", Input).value.strip(),
                role=self.query_one("#new-role", Input).value.strip(),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
