"""What was deleted from one meeting: ``DeletedEntriesScreen(meeting_id, numbers)``.

The store keeps every deleted entry and action whole (``Store.list_deleted_entries`` and
``list_deleted_actions``), so a wrong ``d`` is never the end of a paragraph, even after a restart.
This dialog lists them, most recently deleted first, with the item, the kind, when and the start
of the text; Enter returns the chosen one (the live screen puts it back and F9 undoes that), Esc
closes. Reading is the only thing done here.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from panel_minutes.models.domain import Deleted, DeletedEntryData, newest_first
from panel_minutes.screens.revisions import local_stamp
from panel_minutes.tui.typed_app import panel_app

KINDS = {"paragraph": "Paragraph", "question": "Question", "resolution": "Resolution",
         "procedure": "Note"}


def deleted_prompt(deleted: Deleted, numbers: Mapping[int, str]) -> Text:
    """"Item 5 · Question · deleted Tue 17 Nov 2026 10:42", then the start of its words."""
    where = (f"Item {numbers.get(deleted.item_id, '?')}" if deleted.item_id is not None
             else "No item")
    if isinstance(deleted, DeletedEntryData):
        entry = deleted.entry
        kind = KINDS.get(entry.kind.value, entry.kind.value)
        changes = deleted.revisions
        words = " ".join((entry.text or entry.answer).split())
        if entry.text and entry.answer:
            words += " / " + " ".join(entry.answer.split())
    else:
        action = deleted.action
        kind = f"Action {action.ref}"
        changes = deleted.updates
        owner = f" ({action.owner_text})" if action.owner_text else ""
        words = " ".join(action.text.split()) + owner
    head = Text.assemble(
        (where, "bold"), " · ", kind, (f" · deleted {local_stamp(deleted.deleted_at)}", "dim"),
    )
    if changes:
        noun = "change" if isinstance(deleted, DeletedEntryData) else "progress report"
        head.append(f" · {changes} {noun}{'s' if changes != 1 else ''}", style="dim")
    preview = words if len(words) <= 150 else words[:149] + "…"
    return Text.assemble(head, "\n", preview or Text("(no text)", style="dim"))


class DeletedEntriesScreen(ModalScreen[Deleted | None]):
    """Pick a deleted entry or action of the meeting to put back."""

    CSS_PATH = ["../tui/styles/dialogs.tcss", "../tui/styles/deleted.tcss"]
    BINDINGS = [
        Binding("enter", "restore", "Put back", key_display="⏎",
                tooltip="Put the highlighted entry back where it was"),
        Binding("escape,q", "close", "Close", key_display="Esc"),
    ]

    def __init__(self, meeting_id: int, numbers: Mapping[int, str]) -> None:
        super().__init__(classes="dialog-screen")
        self.meeting_id = meeting_id
        self.numbers = dict(numbers)
        self.deleted: list[Deleted] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="deleted-dialog"):
            yield Label("Deleted from this meeting", classes="dialog-title")
            yield Static("Reading…", id="deleted-intro")
            yield OptionList(id="deleted")
            yield Static("↑↓ to choose · Enter puts it back · Esc to close", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#deleted", OptionList).focus()
        meeting_id = self.meeting_id
        panel_app(self).runner.call(self, lambda s: newest_first(s.list_deleted_entries(meeting_id),
                                                s.list_deleted_actions(meeting_id)), self._show)

    def _show(self, deleted: list[Deleted]) -> None:
        self.deleted = deleted
        intro = self.query_one("#deleted-intro", Static)
        if not deleted:
            intro.update(Text("Nothing has been deleted from this meeting.", style="dim"))
            return
        count = len(deleted)
        intro.update(Text(f"{count} deleted, most recent first. Each goes back where it was, "
                          "with its history.", style="dim"))
        options = self.query_one("#deleted", OptionList)
        options.set_options(
            Option(deleted_prompt(d, self.numbers),
                   id=f"{'e' if isinstance(d, DeletedEntryData) else 'a'}{d.id}")
            for d in deleted
        )
        options.highlighted = 0

    @on(OptionList.OptionSelected, "#deleted")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_restore()

    def action_restore(self) -> None:
        options = self.query_one("#deleted", OptionList)
        if not self.deleted or options.highlighted is None:
            return
        self.dismiss(self.deleted[options.highlighted])

    def action_close(self) -> None:
        self.dismiss(None)
