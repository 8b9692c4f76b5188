"""The action log of a panel: every action of every meeting in ONE DataTable.

``ActionLogScreen(panel_id, meeting_id=None, carried=False)``. Actions are chased for months, so
the log is filtered rather than paged: by owner (typed, matching the owner's name or the team
written for them), by status (open, done, dropped or all: ``s`` cycles), overdue only (``o``) and
by the meeting that raised them (``m``). An open action whose due date has passed is shown in red.

Keys on an action: ``d`` done and ``x`` dropped (each asks for a note, then the date), ``r``
reopens, Enter shows the action with its whole history of updates.

Opened from a meeting (the live screen's action-log key), the log works FOR that meeting:
``meeting_id`` names it, ``carried=True`` starts on the actions it carries from earlier meetings,
and every change is minuted there: ``u`` records progress (``add_action_update``) and closing or
reopening passes ``meeting_id`` to ``set_action_status``, so the exported minutes of that meeting
report it. Opened between meetings (from the meetings screen), changes are simply made.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Label, Static

from panel_minutes.models.parsing import DATE_HINT, date_problem, parse_date, short_date
from panel_minutes.models.screen_data import CARRIED, ActionLogData, is_overdue, owner_name
from panel_minutes.models.screen_data import ActionLogFilters as Filters
from panel_minutes.screens.meeting_form import today_for
from panel_minutes.screens.pickers import ChoiceScreen
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.screens.typing_filter import route_filter_keys
from panel_minutes.tui.timings import DEFAULT_TIMINGS, timings_of
from panel_minutes.tui.typed_app import panel_app
from panel_minutes.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from panel_minutes.models.domain import (
        ActionData,
        ActionUpdateData,
    )
    from panel_minutes.models.store import Store

STATUS_CYCLE = ("open", "done", "dropped", "all")
STATUS_STYLES = {"open": "", "done": "green", "dropped": "dim"}
OWNER_DEBOUNCE = DEFAULT_TIMINGS.owner_debounce  # the app's own: app.timings
WIDE = 110
FILTER_PLACEHOLDER = "Owner: type part of a name or team (/)"




class ActionTable(DataTable[Text | str]):
    """The actions; keys act on the highlighted one."""

    HELP_TITLE = "in the list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.details", "Details", key_display="⏎",
                tooltip="The action in full, with every update"),
        Binding("d", "screen.close_action('done')", "Done",
                tooltip="Mark the action done (asks for a note and the date)"),
        Binding("x", "screen.close_action('dropped')", "Drop",
                tooltip="Drop the action (asks for the reason and the date)"),
        Binding("r", "screen.reopen", "Reopen", tooltip="Open a done or dropped action again"),
        Binding("u", "screen.progress", "Progress",
                tooltip="Record progress reported at this meeting"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]


class ActionLogScreen(Screen[None]):
    """Every action of a panel, filtered; close, drop, reopen and record progress."""

    CSS_PATH = "../tui/styles/action_log.tcss"
    TITLE = "panel-minutes"
    SUB_TITLE = "Action log"
    HELP_WIDGETS: ClassVar[tuple[type, ...]] = (ActionTable,)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "cycle_status", "Status", tooltip="Show open → done → dropped → all"),
        Binding("o", "toggle_overdue", "Overdue", tooltip="Only open actions past their due date"),
        Binding("m", "pick_meeting", "Meeting", tooltip="Only the actions raised at one meeting"),
        Binding("slash", "filter_owner", "Owner", key_display="/",
                tooltip="Filter by owner: type part of a name or team"),
        Binding("escape", "back", "Back", key_display="Esc",
                tooltip="Clear the owner filter, or go back"),
    ]

    def __init__(
        self, panel_id: int, *, meeting_id: int | None = None, carried: bool = False
    ) -> None:
        super().__init__()
        self.panel_id = panel_id
        self.context_id = meeting_id
        start = Filters(status="all", meeting=CARRIED) if carried and meeting_id else Filters()
        self.filters = start
        self.data: ActionLogData | None = None
        self._owner_timer: Timer | None = None

    # --- layout and loading ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading the action log…", id="log-line")
        yield Input(placeholder=FILTER_PLACEHOLDER, id="owner", select_on_focus=False)
        yield Static("", id="log-empty")
        yield ActionTable(id="actions")
        yield KeyBar(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(ActionTable).focus()
        self.reload()

    @property
    def table(self) -> ActionTable:
        return self.query_one(ActionTable)

    def reload(self) -> None:
        """Read the log again with the current filters (after any change)."""
        panel_id, filters, context = self.panel_id, self.filters, self.context_id
        today = today_for(self.app)
        panel_app(self).runner.call(self, lambda s: s.read_action_log(panel_id, filters, context, today), self._show,
            group="action-log-load", exclusive=True,
        )

    def _set_filters(self, **changes: object) -> None:
        from dataclasses import replace

        self.filters = replace(self.filters, **changes)  # type: ignore[arg-type]
        self.reload()

    def _describe(self, data: ActionLogData) -> Text:
        """Two lines: what is shown (panel, filters, count), then where changes are minuted."""
        f = self.filters
        shown = {"open": "open actions", "done": "done actions", "dropped": "dropped actions",
                 "all": "all actions"}[f.status]
        parts = [shown]
        if f.overdue:
            parts.append("overdue")
        if f.meeting == CARRIED and data.context is not None:
            parts.append(f"carried to {short_date(data.context.held_on)}")
        elif isinstance(f.meeting, int) and f.meeting in data.meetings:
            parts.append(f"raised on {short_date(data.meetings[f.meeting].held_on)}")
        if f.owner.strip():
            parts.append(f"owner {f.owner.strip()!r}")
        wide = self.size.width >= WIDE
        panel = data.panel.name if wide else (data.panel.short_name or data.panel.name)
        line = Text.assemble((panel, "bold"), " · Action log · ", ", ".join(parts),
                             f" · {len(data.actions)} of {data.total}",
                             no_wrap=True, overflow="ellipsis")
        line.append("\n")
        context = data.context
        if context is None:
            line.append("s status · o overdue · m meeting · / owner · Esc back", style="dim")
        elif context.is_approved:
            line.append(f"The minutes of {short_date(context.held_on)} are approved: progress "
                        "cannot be minuted there.", style="red")
        else:
            line.append(f"Progress (u) and closures (d, x) are minuted at the meeting of "
                        f"{short_date(context.held_on)}.", style="bold")
        return line

    def _columns(self) -> list[tuple[str, int]]:
        wide = self.size.width >= WIDE
        fixed = [("Ref", 5), *([("Raised", 11)] if wide else []), ("Owner", 16 if wide else 14),
                 ("Due", 11), ("Status", 8)]
        used = sum(w + 2 for _, w in fixed) + 4 + 2  # cell padding, border, scrollbar
        flexible = max(16, self.size.width - used - (2 if wide else 0))
        if wide:
            action_w = max(16, flexible * 3 // 5)
            progress_w = max(10, flexible - action_w - 2)
            return [fixed[0], fixed[1], ("Action", action_w), *fixed[2:],
                    ("Progress / note", progress_w)]
        return [fixed[0], ("Action", flexible), *fixed[1:]]

    def _show(self, data: ActionLogData) -> None:
        self.data = data
        self.query_one("#log-line", Static).update(self._describe(data))
        table = self.table
        keep = self._current_key()
        columns = self._columns()
        if [(str(c.label), c.width) for c in table.ordered_columns] != columns:
            table.clear(columns=True)
            for title, width in columns:
                table.add_column(title, width=width, key=title)
        else:
            table.clear()
        today = today_for(self.app)
        for action in data.actions:
            cells = self._cells(action, data, today)
            table.add_row(*(cells[title] for title, _ in columns), key=str(action.id))
        if keep is not None:
            index = next((n for n, a in enumerate(data.actions) if str(a.id) == keep), None)
            if index is not None:
                table.move_cursor(row=index, animate=False)
        empty = self.query_one("#log-empty", Static)
        if not data.actions:
            empty.update(
                "No action has been raised at this panel's meetings yet."
                if data.total == 0 else
                "No action matches these filters. s changes the status shown, o the overdue "
                "filter, m the meeting; Esc clears the owner."
            )
        # The table stays (with its headings) so its keys keep working with no rows shown.
        empty.display = not data.actions
        self.refresh_bindings()

    def _cells(self, action: ActionData, data: ActionLogData, today: date) -> dict[str, Text | str]:
        overdue = is_overdue(action, today)
        due = Text(short_date(action.due_date) if action.due_date else action.due_text)
        if overdue:
            due.stylize("bold red")
        status = action.status.value
        status_cell = Text("Overdue" if overdue else status.capitalize(),
                           style="bold red" if overdue else STATUS_STYLES.get(status, ""))
        text = Text(" ".join(action.text.split()))
        if action.id in data.carried_ids and self.filters.meeting != CARRIED:
            text.append("  (carried)", style="dim")
        raised = data.meetings.get(action.meeting_id)
        here = data.updates_here.get(action.id)
        latest = data.latest.get(action.id)
        if here:
            progress = Text(" ".join(here[-1].note.split()) or "(status changed)", style="cyan")
        elif latest is not None:  # reported at another meeting: say which
            reported = data.meetings.get(latest.meeting_id)
            progress = Text(f"{short_date(reported.held_on)}: " if reported else "", style="bold")
            note = latest.note or action.completion_note
            progress.append(" ".join(note.split()) or "(status changed)")
        else:
            progress = Text(" ".join(action.completion_note.split()), style="dim")
        return {
            "Ref": Text(action.ref, style="bold"),
            "Raised": short_date(raised.held_on) if raised else "",
            "Action": text,
            "Owner": owner_name(action, data.people),
            "Due": due,
            "Status": status_cell,
            "Progress / note": progress,
        }

    def on_resize(self) -> None:
        if self.data is not None:
            self._show(self.data)

    # --- what is highlighted ---------------------------------------------------------------------

    def _current_key(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def current(self) -> ActionData | None:
        """The highlighted action, if any."""
        if self.data is None:
            return None
        key = self._current_key()
        return next((a for a in self.data.actions if str(a.id) == key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"details", "close_action", "reopen"}:
            return self.current() is not None
        if action == "progress":
            return self.context_id is not None and self.current() is not None
        return True

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    # --- filters ---------------------------------------------------------------------------------

    def action_cycle_status(self) -> None:
        index = STATUS_CYCLE.index(self.filters.status)
        self._set_filters(status=STATUS_CYCLE[(index + 1) % len(STATUS_CYCLE)])

    def action_toggle_overdue(self) -> None:
        overdue = not self.filters.overdue
        # Overdue means open and late: showing done ones too would be empty by definition.
        self._set_filters(overdue=overdue, status="open" if overdue else self.filters.status)

    def action_pick_meeting(self) -> None:
        data = self.data
        if data is None:
            return
        every = "every"  # ChoiceScreen answers None for Esc, so "every meeting" needs a value
        choices: list[tuple[str, int | str]] = [("Every meeting", every)]
        if data.context is not None:
            choices.append((f"Carried to the meeting of {short_date(data.context.held_on)}",
                            CARRIED))
        choices += [(f"Raised at the meeting of {short_date(m.held_on)}", m.id)
                    for m in data.meetings.values()]
        values = [value for _, value in choices]
        current = every if self.filters.meeting is None else self.filters.meeting
        selected = values.index(current) if current in values else 0

        def picked(value: int | str | None) -> None:
            if value is None or value == current:
                return
            self._set_filters(meeting=None if value == every else value)

        self.app.push_screen(
            ChoiceScreen("Show the actions of", choices, selected=selected), picked
        )

    def action_filter_owner(self) -> None:
        self.query_one("#owner", Input).focus()

    @on(Input.Changed, "#owner")
    def _owner_typed(self) -> None:
        if self._owner_timer is not None:
            self._owner_timer.stop()
        self._owner_timer = self.set_timer(timings_of(self.app).owner_debounce, self._apply_owner)

    def _apply_owner(self) -> None:
        self._owner_timer = None
        owner = self.query_one("#owner", Input).value
        if owner != self.filters.owner:
            self._set_filters(owner=owner)

    @on(Input.Submitted, "#owner")
    def _owner_done(self) -> None:
        if self._owner_timer is not None:
            self._owner_timer.stop()
            self._apply_owner()
        self.table.focus()

    def on_key(self, event: events.Key) -> None:
        """Down from the owner field goes to the list; a stray letter in the list types into it."""
        route_filter_keys(self, event, self.query_one("#owner", Input), self.table,
                          can_go_down=True)

    def action_back(self) -> None:
        field = self.query_one("#owner", Input)
        if field.value:
            field.value = ""
            if self._owner_timer is not None:
                self._owner_timer.stop()
            self._apply_owner()
            self.table.focus()
            return
        self.dismiss(None)

    # --- changes ---------------------------------------------------------------------------------

    def _context_date(self) -> date:
        """The date offered for a closure: the meeting's, when the log works for a meeting (the
        action was reported done AT it, so it is not carried to the next one); else today."""
        context = self.data.context if self.data else None
        return context.held_on if context is not None else today_for(self.app)

    def _where(self) -> str:
        context = self.data.context if self.data else None
        if context is None:
            return ""
        return f" It is minuted at the meeting of {short_date(context.held_on)}."

    def action_close_action(self, status: str) -> None:
        action = self.current()
        if action is None:
            return
        if action.status.value == status:
            self.notify(f"{action.ref} is already {status}.", timeout=3)
            return
        verb = "done" if status == "done" else "dropped"
        question = "What was done? (optional)" if status == "done" else "Why? (optional)"

        def noted(note: str | None) -> None:
            if note is not None:
                self._ask_date(action, status, note)

        self.app.push_screen(
            PromptScreen(
                f"{action.ref} {verb}",
                action.completion_note,
                hint=f"{_clip(action.text)}\n{question}{self._where()}",
                placeholder="e.g. Figures circulated to members by email",
            ),
            noted,
        )

    def _ask_date(self, action: ActionData, status: str, note: str) -> None:
        from panel_minutes.models.domain import ActionStatus

        meeting_id = self.context_id
        action_id = action.id
        wanted = ActionStatus(status)

        def save(store: Store, text: str) -> ActionData:
            return store.set_action_status(
                action_id, wanted, note=note, on=parse_date(text), meeting_id=meeting_id,
            )

        def saved(value: str | None) -> None:
            if value is not None:
                self.notify(f"{action.ref} marked {status}.", timeout=3)
                self.reload()

        self.app.push_screen(
            PromptScreen(
                f"{action.ref} {status}: on which date?",
                self._context_date().isoformat(),
                validator=date_problem,
                hint=f"The date it was {status} ({DATE_HINT}).",
                save=save,
            ),
            saved,
        )

    def action_reopen(self) -> None:
        from panel_minutes.models.domain import ActionStatus

        action = self.current()
        if action is None:
            return
        if action.status is ActionStatus.OPEN:
            self.notify(f"{action.ref} is open already.", timeout=3)
            return
        meeting_id = self.context_id
        action_id = action.id

        def save(store: Store, text: str) -> ActionData:
            return store.set_action_status(action_id, ActionStatus.OPEN, note=text,
                                           meeting_id=meeting_id)

        def saved(value: str | None) -> None:
            if value is not None:
                self.notify(f"{action.ref} is open again.", timeout=3)
                self.reload()

        self.app.push_screen(
            PromptScreen(
                f"Reopen {action.ref}",
                hint=f"{_clip(action.text)}\nWhy is it open again? (optional){self._where()}",
                save=save,
            ),
            saved,
        )

    def action_progress(self) -> None:
        action = self.current()
        meeting_id = self.context_id
        if action is None or meeting_id is None:
            return
        action_id = action.id

        def save(store: Store, text: str) -> ActionUpdateData:
            return store.add_action_update(action_id, meeting_id, text)

        def saved(value: str | None) -> None:
            if value is not None:
                self.notify(f"Progress on {action.ref} recorded.", timeout=3)
                self.reload()

        self.app.push_screen(
            PromptScreen(
                f"Progress on {action.ref}",
                hint=f"{_clip(action.text)}\nWhat was reported?{self._where()}",
                validator=lambda text: None if text.strip() else "Type what was reported.",
                save=save,
            ),
            saved,
        )

    def action_details(self) -> None:
        action = self.current()
        if action is None or self.data is None:
            return
        self.app.push_screen(ActionDetailScreen(action, self.data))


def _clip(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


class ActionDetailScreen(ModalScreen[None]):
    """One action in full: wording, owner, dates, status, and every update at every meeting."""

    HELP_WIDGETS: ClassVar[tuple[type, ...]] = ()  # its keys are its own
    CSS_PATH = ["../tui/styles/dialogs.tcss", "../tui/styles/action_log.tcss"]
    BINDINGS = [Binding("escape,q", "close", "Close", key_display="Esc")]

    def __init__(self, action: ActionData, data: ActionLogData) -> None:
        super().__init__(classes="dialog-screen")
        self.subject = action
        self.data = data

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="action-detail"):
            yield Label(f"Action {self.subject.ref}", classes="dialog-title")
            with VerticalScroll(id="action-detail-body"):
                yield Static(self._facts(), id="action-facts")
                yield Static("Reading the updates…", id="action-updates")
            yield Static("Esc to close", classes="dialog-keys")

    def _facts(self) -> Group:
        a, data = self.subject, self.data
        raised = data.meetings.get(a.meeting_id)
        rows = [
            Text(a.text),
            Text(""),
            Text.assemble(("Owner: ", "bold"), owner_name(a, data.people) or "(none)"),
            Text.assemble(("Due: ", "bold"), short_date(a.due_date) if a.due_date else (a.due_text or "(none)")),
            Text.assemble(("Raised: ", "bold"),
                          f"at the meeting of {short_date(raised.held_on)}" if raised else "?"),
            Text.assemble(("Status: ", "bold"), a.status.value,
                          f" on {short_date(a.closed_on)}" if a.closed_on else ""),
        ]
        if a.completion_note:
            rows.append(Text.assemble(("Note: ", "bold"), a.completion_note))
        return Group(*rows)

    def on_mount(self) -> None:
        self.query_one("#action-detail-body").focus()
        action_id = self.subject.id
        panel_app(self).runner.call(self, lambda s: s.list_action_updates(action_id), self._show_updates)

    def _show_updates(self, updates: list[ActionUpdateData]) -> None:
        target = self.query_one("#action-updates", Static)
        if not updates:
            target.update(Text("\nNo progress has been reported at a meeting yet.", style="dim"))
            return
        lines = [Text("\nReported at meetings:", style="bold")]
        for u in updates:
            meeting = self.data.meetings.get(u.meeting_id)
            when = short_date(meeting.held_on) if meeting else f"meeting {u.meeting_id}"
            line = Text(f"{when}: ", style="bold")
            line.append(u.note or "(no note)")
            if u.status.value != "open":
                line.append(f"  [{u.status.value}]", style="green")
            lines.append(line)
        target.update(Group(*lines))

    def action_close(self) -> None:
        self.dismiss(None)
