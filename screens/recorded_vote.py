"""The recorded-vote panel: each voting member present, one key each, marked for, against or
abstaining. ``RecordedVoteScreen(members, marks) -> dict[person id, choice] | None``.

A member's key ("1"-"9", then "a", "b", ...) cycles their mark: for -> against -> abstain ->
not voting (``panel_minutes.models.recorded_votes``: the rule and the counts live there). The counts the
marks give are shown as they change; Enter keeps the marks, Escape leaves the resolution as it
was.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from panel_minutes.models.domain import PersonData
from panel_minutes.models.recorded_votes import VoteChoice, member_keys, next_choice, tally

_SHOWN = {
    VoteChoice.FOR: ("For", "bold green"),
    VoteChoice.AGAINST: ("Against", "bold red"),
    VoteChoice.ABSTAIN: ("Abstaining", "bold yellow"),
    None: ("-", "dim"),
}

Marks = dict[int, VoteChoice | None]


class RecordedVoteScreen(ModalScreen[Marks | None]):
    """Mark each member; dismiss with the marks (Enter) or ``None`` (Escape)."""

    CSS_PATH = "../tui/styles/dialogs.tcss"
    BINDINGS = [
        Binding("enter", "keep", "Keep the vote", key_display="Enter"),
        Binding("escape", "cancel", "Cancel", key_display="Esc"),
    ]

    def __init__(self, members: list[PersonData], marks: dict[int, VoteChoice] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.members = members
        self.keys = dict(zip(member_keys(len(members)), members, strict=False))
        given = marks or {}
        self.marks: Marks = {m.id: given.get(m.id) for m in members}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="recorded-vote-dialog"):
            yield Label("Recorded vote", classes="dialog-title")
            yield Static(id="recorded-vote-members", classes="dialog-body")
            yield Static(id="recorded-vote-counts")
            yield Static(
                "Each member's key: for → against → abstain → not voting · Enter keeps · Esc "
                "cancels", classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        lines = Text()
        for n, (key, member) in enumerate(self.keys.items()):
            label, style = _SHOWN[self.marks[member.id]]
            if n:
                lines.append("\n")
            lines.append(f" {key} ", style="reverse")
            lines.append(f" {member.full_name:<32} ")
            lines.append(label, style=style)
        if not self.keys:
            lines.append("No voting members are recorded as present at this time.", style="dim")
        self.query_one("#recorded-vote-members", Static).update(lines)
        yes, no, abstain = tally(self.marks.values())
        self.query_one("#recorded-vote-counts", Static).update(
            f"For {yes} · Against {no} · Abstaining {abstain}"
        )

    def on_key(self, event: events.Key) -> None:
        member = self.keys.get(event.key)
        if member is None:
            return
        event.stop()
        event.prevent_default()
        self.marks[member.id] = next_choice(self.marks[member.id])
        self._show()

    def action_keep(self) -> None:
        self.dismiss(dict(self.marks))

    def action_cancel(self) -> None:
        self.dismiss(None)
