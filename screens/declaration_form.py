"""Add or edit a declaration of interest: who, on which item, and what they declared.

One declaration can be made by several members on several items and is minuted once: besides
the first member and item, space ticks further members ("Also declared by") and items ("Also
on items").

The dialog writes through the store itself and closes only once the declaration is saved, so a
failed save leaves the typed text on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Select, SelectionList, Static, TextArea

from panel_minutes.tui.typed_app import panel_app

if TYPE_CHECKING:
    from panel_minutes.models.domain import DeclarationData, ItemData, PersonData
    from panel_minutes.models.errors import PanelMinutesError
    from panel_minutes.models.store import Store


class DeclarationFormScreen(ModalScreen[int | None]):
    """Dismisses with the declaration's id once saved, or None if cancelled."""

    CSS_PATH = ["../tui/styles/dialogs.tcss", "../tui/styles/item_form.tcss"]
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", key_display="ctrl+s"),
        Binding("escape", "cancel", "Cancel", key_display="Esc"),
    ]

    def __init__(
        self,
        meeting_id: int,
        people: Sequence[PersonData],
        items: Sequence[ItemData],
        existing: DeclarationData | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.meeting_id = meeting_id
        self.people = list(people)
        self.items = list(items)
        self.existing = existing
        self.saving = False

    def compose(self) -> ComposeResult:
        existing = self.existing
        people = list(self.people)
        if existing is not None and all(p.id != existing.person.id for p in people):
            people.insert(0, existing.person)
        with Vertical(classes="dialog", id="declaration-form"):
            yield Label("Edit declaration" if existing else "New declaration of interest",
                        classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label("Member", classes="form-label")
                yield Select[int](
                    ((p.full_name, p.id) for p in people),
                    prompt="Who declared?", id="person",
                    value=existing.person.id if existing else Select.NULL,
                    disabled=existing is not None,
                )
            yield Static("", id="person-error", classes="field-error")
            with Horizontal(classes="form-row"):
                yield Label("Item", classes="form-label")
                yield Select[int](
                    ((f"{i.position + 1}. {i.title}", i.id) for i in self.items),
                    prompt="(no particular item)", id="item",
                    value=existing.item_id if existing and existing.item_id else Select.NULL,
                )
            more_people = {p.id for p in existing.more_people} if existing else set()
            more_items = set(existing.more_items) if existing else set()
            with Horizontal(classes="form-row several-row"):
                yield Label("Also declared\nby (space)", classes="form-label")
                yield SelectionList[int](
                    *((p.full_name, p.id, p.id in more_people) for p in people),
                    id="more-people",
                )
            with Horizontal(classes="form-row several-row"):
                yield Label("Also on items\n(space)", classes="form-label")
                yield SelectionList[int](
                    *((f"{i.position + 1}. {i.title}", i.id, i.id in more_items)
                      for i in self.items),
                    id="more-items",
                )
            with Horizontal(classes="form-row text-row"):
                yield Label("Declared", classes="form-label")
                yield TextArea(existing.text if existing else "", id="text", soft_wrap=True,
                               tab_behavior="focus")
            yield Static("", id="text-error", classes="field-error")
            yield Static("", id="form-error", classes="field-error")
            yield Static("ctrl+s saves · Esc cancels", classes="dialog-keys")

    def on_mount(self) -> None:
        target = "#text" if self.existing else "#person"
        self.query_one(target).focus()

    def _error(self, field: str, message: str) -> None:
        error = self.query_one(f"#{field}-error", Static)
        error.update(message)
        error.display = bool(message)

    @on(Select.Changed, "#person")
    def _person_changed(self) -> None:
        self._error("person", "")

    @on(TextArea.Changed, "#text")
    def _text_changed(self) -> None:
        self._error("text", "")

    def action_save(self) -> None:
        if self.saving:
            return
        person = self.query_one("#person", Select).value
        item = self.query_one("#item", Select).value
        text = self.query_one("#text", TextArea).text.strip()
        ok = True
        if not isinstance(person, int):
            self._error("person", "Pick the member who declared an interest.")
            ok = False
        if not text:
            self._error("text", "Type what was declared.")
            ok = False
        if not ok or not isinstance(person, int):
            return
        item_id = item if isinstance(item, int) else None
        more_people = [p for p in self.query_one("#more-people", SelectionList).selected
                       if isinstance(p, int) and p != person]
        more_items = [i for i in self.query_one("#more-items", SelectionList).selected
                      if isinstance(i, int) and i != item_id]
        if item_id is None and more_items:
            item_id, more_items = more_items[0], more_items[1:]
        meeting_id, existing = self.meeting_id, self.existing
        self.saving = True

        def save(store: Store) -> int:
            if existing is None:
                return store.add_declaration(
                    meeting_id, person, text, item_id, more_person_ids=more_people,
                    more_item_ids=more_items,
                ).id
            return store.update_declaration(
                existing.id, text=text, item_id=item_id, more_people=more_people,
                more_items=more_items,
            ).id

        panel_app(self).runner.call(self, save, self.dismiss, on_error=self._failed)

    def _failed(self, err: PanelMinutesError) -> None:
        self.saving = False
        self._error("form", f"Not saved: {err}")

    def action_cancel(self) -> None:
        self.dismiss(None)
