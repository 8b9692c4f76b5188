"""The audit trail of one filed entry: ``RevisionsScreen(entry_id, label)``.

Every change to an entry's text after it was filed is kept by the store (``list_revisions``):
the text before, the text after and when. This modal lists them oldest first, each with its date
and time (local), so the clerk can say exactly what was changed in the minutes and when. Esc
closes it. Nothing here writes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from panel_minutes.tui.typed_app import panel_app

if TYPE_CHECKING:
    from panel_minutes.models.domain import RevisionData


def local_stamp(moment: datetime) -> str:
    """"Tue 17 Nov 2026 10:42" in the laptop's time zone (stored times are UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    local = aware.astimezone()
    return f"{local:%a %d %b %Y %H:%M}"


def revision_renderable(number: int, revision: RevisionData) -> Group:
    """One change: its number and time, then the text before and after."""
    head = Text.assemble((f"Change {number}", "bold"), "  ",
                         (local_stamp(revision.changed_at), "dim"))
    before = Text.assemble(("Before: ", "bold red"),
                           (revision.old_text or "(empty)", "" if revision.old_text else "dim"))
    after = Text.assemble(("After:  ", "bold green"),
                          (revision.new_text or "(empty)", "" if revision.new_text else "dim"))
    return Group(head, before, after, Text(""))


class RevisionsScreen(ModalScreen[None]):
    """The changes made to one entry since it was filed, oldest first."""

    CSS_PATH = ["../tui/styles/dialogs.tcss", "../tui/styles/revisions.tcss"]
    BINDINGS = [
        Binding("escape,q", "close", "Close", key_display="Esc"),
    ]

    def __init__(self, entry_id: int, label: str = "this entry") -> None:
        super().__init__(classes="dialog-screen")
        self.entry_id = entry_id
        self.label = label
        self.revisions: list[RevisionData] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="revisions-dialog"):
            yield Label(f"Changes to {self.label}", classes="dialog-title")
            with VerticalScroll(id="revisions-body"):
                yield Static("Reading the changes…", id="revisions")
            yield Static("↑↓ PgUp PgDn to scroll · Esc to close", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#revisions-body").focus()
        entry_id = self.entry_id
        panel_app(self).runner.call(self, lambda s: s.list_revisions(entry_id), self._show)

    def _show(self, revisions: list[RevisionData]) -> None:
        self.revisions = revisions
        target = self.query_one("#revisions", Static)
        if not revisions:
            target.update(Text("No changes: the text is as it was filed.", style="dim"))
            return
        parts = [revision_renderable(n, r) for n, r in enumerate(revisions, start=1)]
        count = len(revisions)
        intro = Text(f"{count} change{'s' if count != 1 else ''}, oldest first.\n", style="dim")
        target.update(Group(intro, *parts))

    def action_close(self) -> None:
        self.dismiss(None)
