"""Agenda item dialogs: edit one item, or paste a whole agenda at once.

Both write through the store themselves and close only once the write succeeded, so a failed
save (disk full, approved minutes) leaves everything typed on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from panel_minutes.models.exempt import BASES
from panel_minutes.tui.typed_app import panel_app

if TYPE_CHECKING:
    from panel_minutes.models.domain import ItemData
    from panel_minutes.models.errors import PanelMinutesError
    from panel_minutes.models.patches import ItemPatch
    from panel_minutes.models.store import Store


def pasted_titles(text: str) -> list[str]:
    """The non-blank lines of a pasted agenda (the store strips numbers and bullets)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class ItemFormScreen(ModalScreen[int | None]):
    """Edit an item's title, public title, presenter, documents and Part 2 status (its legal
    basis, picked from the standard ones or typed, and the public summary)."""

    CSS_PATH = ["../tui/styles/dialogs.tcss", "../tui/styles/item_form.tcss"]
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", key_display="ctrl+s"),
        Binding("escape", "cancel", "Cancel", key_display="Esc"),
    ]

    def __init__(self, item: ItemData) -> None:
        super().__init__(classes="dialog-screen")
        self.item = item
        self.saving = False

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical(classes="dialog", id="item-form"):
            yield Label(f"Agenda item {item.position + 1}", classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label("Title", classes="form-label")
                yield Input(item.title, id="title")
            yield Static("", id="title-error", classes="field-error")
            with Horizontal(classes="form-row"):
                yield Label("Presenter", classes="form-label")
                yield Input(item.presenter, id="presenter",
                            placeholder="e.g. Police and Crime Commissioner")
            with Horizontal(classes="form-row documents-row"):
                yield Label("Documents\n(one a line)", classes="form-label")
                yield TextArea("\n".join(item.documents), id="documents", soft_wrap=True,
                               tab_behavior="focus")
            with Horizontal(classes="form-row"):
                yield Label("", classes="form-label")
                yield Checkbox("Part 2: exempt from the public minutes", item.exempt,
                               id="exempt")
            with Horizontal(classes="form-row exempt-only"):
                yield Label("Standard basis", classes="form-label")
                yield Select[str](
                    ((b.label, b.text) for b in BASES), prompt="pick one to fill the basis",
                    id="basis-choice",
                    value=next((b.text for b in BASES if b.text == item.exempt_basis.strip()),
                               Select.NULL),
                )
            with Horizontal(classes="form-row exempt-only"):
                yield Label("Legal basis", classes="form-label")
                yield Input(item.exempt_basis, id="basis",
                            placeholder="paragraph 3 of Schedule 12A to the LGA 1972")
            with Horizontal(classes="form-row exempt-only"):
                yield Label("Public title", classes="form-label")
                yield Input(item.public_title, id="public-title",
                            placeholder="shown in the public minutes instead of the title")
            with Horizontal(classes="form-row exempt-only"):
                yield Label("Public summary", classes="form-label")
                yield Input(item.public_summary, id="public-summary",
                            placeholder="the outcome the public minutes give (public)")
            yield Static("", id="form-error", classes="field-error")
            yield Static("ctrl+s or Enter in a field saves · Esc cancels", classes="dialog-keys")

    def on_mount(self) -> None:
        self._show_exempt(self.item.exempt)
        self.query_one("#title", Input).focus()

    def _show_exempt(self, exempt: bool) -> None:
        for row in self.query(".exempt-only"):
            row.display = exempt
        if exempt and not self.query_one("#basis", Input).value.strip():
            from panel_minutes.models.domain import DEFAULT_EXEMPT_BASIS

            self.query_one("#basis", Input).value = DEFAULT_EXEMPT_BASIS

    @on(Checkbox.Changed, "#exempt")
    def _exempt_changed(self, event: Checkbox.Changed) -> None:
        self._show_exempt(event.value)

    @on(Select.Changed, "#basis-choice")
    def _basis_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.query_one("#basis", Input).value = event.value

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Input.Changed, "#title")
    def _title_changed(self) -> None:
        self._error("title", "")

    def _error(self, field: str, message: str) -> None:
        error = self.query_one(f"#{field}-error", Static)
        error.update(message)
        error.display = bool(message)

    def action_save(self) -> None:
        if self.saving:
            return
        title = self.query_one("#title", Input).value.strip()
        if not title:
            self._error("title", "The item needs a title.")
            self.query_one("#title", Input).focus()
            return
        exempt = self.query_one("#exempt", Checkbox).value
        fields: ItemPatch = {
            "title": title,
            "presenter": self.query_one("#presenter", Input).value.strip(),
            "documents": pasted_titles(self.query_one("#documents", TextArea).text),
            "exempt": exempt,
            "exempt_basis": self.query_one("#basis", Input).value.strip(),
            "public_title": self.query_one("#public-title", Input).value.strip(),
            "public_summary": self.query_one("#public-summary", Input).value.strip(),
        }
        item_id = self.item.id
        self.saving = True
        panel_app(self).runner.call(self, lambda s: s.update_item(item_id, **fields).id, self._saved,
                   on_error=self._failed)

    def _saved(self, item_id: int) -> None:
        self.dismiss(item_id)

    def _failed(self, err: PanelMinutesError) -> None:
        self.saving = False
        self._error("form", f"Not saved: {err}")

    def action_cancel(self) -> None:
        self.dismiss(None)


class PasteItemsScreen(ModalScreen[int | None]):
    """Paste (or type) item titles, one a line; ctrl+s adds them all after the agenda."""

    CSS_PATH = ["../tui/styles/dialogs.tcss", "../tui/styles/item_form.tcss"]
    BINDINGS = [
        Binding("ctrl+s", "save", "Add items", key_display="ctrl+s"),
        Binding("escape", "cancel", "Cancel", key_display="Esc"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__(classes="dialog-screen")
        self.meeting_id = meeting_id
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="paste-items"):
            yield Label("Paste agenda items", classes="dialog-title")
            yield Static("One title a line; numbers and bullets are dropped. They are added "
                         "after the existing items.", classes="dialog-hint")
            yield TextArea(id="titles", soft_wrap=True)
            yield Static("No items yet", id="count", classes="dialog-hint")
            yield Static("", id="form-error", classes="field-error")
            yield Static("ctrl+s adds them · Esc cancels", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#titles", TextArea).focus()

    @on(TextArea.Changed, "#titles")
    def _changed(self) -> None:
        n = len(pasted_titles(self.query_one("#titles", TextArea).text))
        self.query_one("#count", Static).update(
            f"{n} item{'s' if n != 1 else ''} to add" if n else "No items yet"
        )
        self.query_one("#form-error", Static).update("")

    def action_save(self) -> None:
        if self.saving:
            return
        text = self.query_one("#titles", TextArea).text
        if not pasted_titles(text):
            self.query_one("#form-error", Static).update(
                "Paste or type at least one title, one a line."
            )
            return
        meeting_id = self.meeting_id
        self.saving = True

        def add(store: Store) -> int:
            return len(store.add_items(meeting_id, text))

        panel_app(self).runner.call(self, add, self.dismiss, on_error=self._failed)

    def _failed(self, err: PanelMinutesError) -> None:
        self.saving = False
        self.query_one("#form-error", Static).update(f"Not saved: {err}")

    def action_cancel(self) -> None:
        self.dismiss(None)
