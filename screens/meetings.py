"""The first screen: every meeting of every panel, newest first, and what to do with one.

One ``DataTable`` holds all the rows (never one widget per meeting), so a thousand meetings open
as quickly as three. The filter above it narrows the list by panel, date, status or venue as you
type; ``/`` (or simply typing a letter that is not a key below) jumps into it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from panel_minutes.models.parsing import DATE_HINT, date_problem, long_date, parse_date
from panel_minutes.screens.confirm import ConfirmScreen
from panel_minutes.screens.meeting_form import MeetingFormScreen, today_for
from panel_minutes.screens.pickers import ChoiceScreen
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.screens.typing_filter import route_filter_keys
from panel_minutes.tui import bench_hook
from panel_minutes.tui.typed_app import panel_app
from panel_minutes.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from panel_minutes.models.domain import ItemData, MeetingSummary
    from panel_minutes.models.store import Store

EMPTY_GREETING = (
    "No meetings yet. Press n to create your first meeting; panel-minutes --demo opens a demo."
)
_FIXED_COLUMNS = (("Date", 15), ("Status", 8), ("Items", 5))
_TIME_COLUMN = ("Time", 5)
_WIDE = 100  # the start time gets a column of its own from this width up


def meeting_label(m: MeetingSummary) -> str:
    """"Wessex Vale Police and Crime Panel, Tue 17 Nov 2026"."""
    return f"{m.panel_name}, {m.held_on:%a %d %b %Y}"


def search_text(m: MeetingSummary) -> str:
    """Everything the filter matches against, lower case."""
    day = m.held_on
    return " ".join(
        (
            m.panel_name, day.isoformat(), f"{day:%d/%m/%Y}", long_date(day),
            f"{day:%a %d %b %Y}", m.status.value, m.venue,
        )
    ).lower()


class MeetingsTable(DataTable[Text | str]):
    """The list of meetings: Enter opens the highlighted one for live minutes."""

    HELP_TITLE = "in the list"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "Open" means nothing (and is not offered in the footer) while the list is empty.
        return self.row_count > 0 if action == "select_cursor" else True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", tooltip="Open the meeting to take minutes"),
    ]


class MeetingsScreen(Screen[None]):
    """Find a meeting; create, open, set up, duplicate, export or delete it."""

    CSS_PATH = "../tui/styles/meetings.tcss"
    TITLE = "panel-minutes"
    SUB_TITLE = "Meetings"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New", tooltip="Create a new meeting"),
        Binding("s", "setup", "Setup", tooltip="Attendance, declarations and agenda"),
        Binding("d", "duplicate", "Duplicate", tooltip="Copy this agenda into a new meeting"),
        Binding("e", "export", "Export", tooltip="Export the minutes"),
        Binding("delete,x", "delete", "Delete", key_display="x",
                tooltip="Delete the meeting (asks first)"),
        Binding("slash", "filter", "Filter", key_display="/",
                tooltip="Filter by panel, date or status"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        # Between meetings (screens/panel_settings.py, screens/action_log.py).
        Binding("p", "panel_settings", "Panel settings",
                tooltip="The panel's details, standing agenda and members"),
        Binding("a", "action_log", "Action log",
                tooltip="Every action of the panel: chase, close, drop, reopen"),
        Binding("u", "undo_approval", "Undo approval",
                tooltip="Make approved minutes editable again (asks why; the undoing is "
                        "recorded)"),
        # The app's own ctrl+q stays out of crowded footers; this screen has room to show it.
        Binding("ctrl+q", "app.quit", "Quit", key_display="^q", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.meetings: list[MeetingSummary] = []
        self.shown: list[MeetingSummary] = []
        self.loaded = False
        self._panel_width = 0
        self._select_after_load: int | None = None
        self._early = False  # showing the list read before the store opened

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="Filter: type part of a panel name, a date or a status (/)",
            id="filter",
            select_on_focus=False,  # a letter typed in the list carries on into the filter
        )
        table = MeetingsTable(id="meetings", cursor_type="row", zebra_stripes=True)
        table.display = False
        yield table
        yield Static("Opening the database…", id="empty")
        yield KeyBar(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(MeetingsTable).focus()
        self.reload()

    # --- loading and showing ---------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """Read the meetings again (after a change); ``select`` moves the cursor to that id."""
        if select is not None:
            self._select_after_load = select
        panel_app(self).runner.call(self, lambda s: s.list_meetings(), self._loaded, group="meetings-load",
                   exclusive=True)

    def show_early(self, meetings: list[MeetingSummary]) -> None:
        """The list read before the store opened (``panel_minutes.models.quick_list``): shown at once;
        ``loaded`` waits for the store's own answer, which redraws only if it differs."""
        if self.loaded:
            return
        self.meetings = meetings
        self._early = True
        self._show()
        self.call_after_refresh(bench_hook.mark, self.app, "ready")

    def _loaded(self, meetings: list[MeetingSummary]) -> None:
        first_time = not self.loaded
        same = self._early and meetings == self.meetings
        self.meetings = meetings
        self.loaded = True
        self._early = False
        if not same:
            self._show()
        if first_time:
            self.call_after_refresh(bench_hook.mark, self.app, "ready")
            app = panel_app(self)
            opening = app.open_meeting
            if opening is not None:
                app.open_meeting = None
                self.open_live(opening)

    def _columns(self) -> list[tuple[str, int]]:
        """(title, width) of each column for the screen's width; the panel name gets the rest."""
        fixed = [*_FIXED_COLUMNS]
        if self.size.width >= _WIDE:
            fixed.insert(1, _TIME_COLUMN)
        used = sum(width + 2 for _, width in fixed) + 2  # cell padding, then the panel's own
        panel = max(16, self.size.width - used - 4)  # table border and a scrollbar
        fixed.insert(2 if self.size.width >= _WIDE else 1, ("Panel", panel))
        return fixed

    def _show(self) -> None:
        table = self.query_one(MeetingsTable)
        empty = self.query_one("#empty", Static)
        words = self.query_one("#filter", Input).value.lower().split()
        self.shown = [m for m in self.meetings if all(w in search_text(m) for w in words)]
        previous = self.current()
        wanted = self._select_after_load or (previous.id if previous else None)
        self._select_after_load = None

        columns = self._columns()
        width = dict(columns)["Panel"]
        if width != self._panel_width:
            self._panel_width = width
            table.clear(columns=True)
            for title, size in columns:
                table.add_column(title, width=size, key=title.lower())
        else:
            table.clear()
        keys = [key for key, _ in columns]
        for m in self.shown:
            name = m.panel_name if len(m.panel_name) <= width else m.panel_name[: width - 1] + "…"
            cells: dict[str, Text | str] = {
                "Date": f"{m.held_on:%a %d %b %Y}",
                "Time": m.start_time,
                "Panel": name,
                "Status": Text(m.status.value.capitalize(),
                               style="green" if m.status.value == "approved" else ""),
                "Items": Text(str(m.item_count), justify="right"),
            }
            table.add_row(*(cells[k] for k in keys), key=str(m.id))
        if wanted is not None:
            index = next((i for i, m in enumerate(self.shown) if m.id == wanted), None)
            if index is not None:
                table.move_cursor(row=index, animate=False)

        if not self.meetings:
            empty.update(EMPTY_GREETING)
        elif not self.shown:
            filter_text = self.query_one("#filter", Input).value.strip()
            empty.update(f"No meeting matches {filter_text!r}. Press Esc to clear the filter.")
        empty.display = not self.shown
        had_focus = self.focused is table
        table.display = bool(self.shown)
        if had_focus and not self.shown and self.meetings:
            self.query_one("#filter", Input).focus()
        self.refresh_bindings()

    def on_resize(self, event: events.Resize) -> None:
        if (self.loaded or self._early) and dict(self._columns())["Panel"] != self._panel_width:
            self._show()

    def current(self) -> MeetingSummary | None:
        """The highlighted meeting, if the list shows any."""
        table = self.query_one(MeetingsTable)
        if not self.shown or table.row_count == 0:
            return None
        row = table.cursor_row
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"setup", "duplicate", "export", "delete", "action_log"}:
            return self.current() is not None
        if action == "undo_approval":
            current = self.current()
            return current is not None and current.status.value == "approved"
        if action == "clear_filter":
            return bool(self.query_one("#filter", Input).value)
        return True

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    # --- the filter ------------------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        if self.loaded or self._early:
            self._show()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        if self.shown:
            self.query_one(MeetingsTable).focus()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.value = ""
        self._show()
        if self.shown:
            self.query_one(MeetingsTable).focus()

    def on_key(self, event: events.Key) -> None:
        """Down from the filter goes to the list; a stray letter in the list starts a filter."""
        route_filter_keys(
            self, event, self.query_one("#filter", Input), self.query_one(MeetingsTable),
            can_go_down=bool(self.shown),
        )

    # --- actions ---------------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#meetings")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        meeting = self.current()
        if meeting is not None:
            self.open_live(meeting.id)

    def open_live(self, meeting_id: int) -> None:
        from panel_minutes.models.screen_data import Opening
        from panel_minutes.screens.live import LiveScreen

        def opened(opening: Opening) -> None:
            # Read first, then mount: the two no longer compete for the interpreter, and the
            # screen paints with its data in one go.
            if self.app.screen is self:
                self.app.push_screen(LiveScreen(meeting_id, opening=opening),
                                     lambda _=None: self.reload())

        panel_app(self).runner.call(self, lambda s: s.read_opening(meeting_id), opened, group="open-live",
                   exclusive=True)

    def action_new(self) -> None:
        def created(meeting_id: int | None) -> None:
            if meeting_id is not None:
                self.notify("Meeting created. Press s to set it up, or Enter to start minuting.")
                self.query_one("#filter", Input).value = ""
                self.reload(select=meeting_id)
                self.query_one(MeetingsTable).focus()

        self.app.push_screen(MeetingFormScreen(), created)

    def action_setup(self) -> None:
        meeting = self.current()
        if meeting is None:
            return
        from panel_minutes.screens.setup import SetupScreen

        self.app.push_screen(SetupScreen(meeting.id), lambda _=None: self.reload())

    def action_export(self) -> None:
        meeting = self.current()
        if meeting is None:
            return
        try:
            from panel_minutes.screens.export import ExportScreen
        except ImportError:
            self.notify("The export screen is not available yet.", severity="warning")
            return
        self.app.push_screen(ExportScreen(meeting.id), lambda _=None: self.reload())

    def action_duplicate(self) -> None:
        """Ask for the date of the new meeting; first, if the agenda has Part 2 items, whether
        to copy them (their titles and documents are confidential, and usually one-off)."""
        source = self.current()
        if source is None:
            return

        def ask(exempt: list[ItemData]) -> None:
            if self.app.screen is not self:  # a dialog came up meanwhile
                return
            if not exempt:
                self._duplicate(source, with_exempt=False, left_out=0)
                return
            count = len(exempt)
            items = f"{count} Part 2 (exempt) item{'s' if count != 1 else ''}"
            shown = ", ".join(f"“{i.shown_public_title}”" for i in exempt)
            self.app.push_screen(
                ConfirmScreen(
                    f"The agenda of {meeting_label(source)} has {items}: {shown}.\n"
                    f"Copy {'them' if count != 1 else 'it'} too, with the confidential titles "
                    "and documents? "
                    "No leaves them out; Esc duplicates nothing.",
                    title="Duplicate the agenda: Part 2 items",
                    yes_label="Copy them",
                    no_label="Leave out",
                    escape_cancels=True,
                ),
                lambda yes: None if yes is None else self._duplicate(
                    source, with_exempt=yes, left_out=0 if yes else count),
            )

        panel_app(self).runner.call(self, lambda s: [i for i in s.list_items(source.id) if i.exempt], ask)

    def _duplicate(self, source: MeetingSummary, *, with_exempt: bool, left_out: int) -> None:
        created: list[int] = []
        without = (f" (leaving out its {left_out} Part 2 item{'s' if left_out != 1 else ''})"
                   if left_out else "")

        def save(store: Store, text: str) -> None:
            # Runs on the store thread; the prompt stays open (date kept) if it fails.
            created.append(
                store.duplicate_meeting(source.id, parse_date(text), with_exempt=with_exempt).id
            )

        def chosen(text: str | None) -> None:
            if text is not None and created:
                self._duplicated(created[-1], long_date(parse_date(text)), without)

        self.app.push_screen(
            PromptScreen(
                "Duplicate the agenda into a new meeting",
                today_for(self.app).isoformat(),
                validator=date_problem,
                save=save,
                hint=f"Copies the agenda of {meeting_label(source)}{without}.\n"
                     f"Date of the new meeting ({DATE_HINT}):",
            ),
            chosen,
        )

    def _duplicated(self, meeting_id: int, when: str, without: str = "") -> None:
        self.notify(f"New meeting on {when} with the same agenda{without}.")
        self.query_one("#filter", Input).value = ""
        self.reload(select=meeting_id)

    def action_delete(self) -> None:
        meeting = self.current()
        if meeting is None:
            return
        items = f"{meeting.item_count} agenda item{'s' if meeting.item_count != 1 else ''}"
        warning = (
            "\nIts minutes were APPROVED as a correct record."
            if meeting.status.value == "approved" else ""
        )

        def confirmed(yes: bool | None) -> None:
            if yes:
                panel_app(self).runner.call(self, lambda s: s.delete_meeting(meeting.id),
                           lambda _: self._deleted(meeting))

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the meeting of {meeting_label(meeting)} with its {items} and all its "
                f"minutes?{warning}\nThis cannot be undone.",
                title="Delete meeting",
                yes_label="Delete",
            ),
            confirmed,
        )

    def _deleted(self, meeting: MeetingSummary) -> None:
        self.notify(f"Deleted the meeting of {meeting_label(meeting)}.")
        self.reload()

    # --- between meetings ------------------------------------------------------------------------

    def action_panel_settings(self) -> None:
        """The highlighted meeting's panel; with no meeting listed, pick a panel."""
        from panel_minutes.screens.panel_settings import PanelSettingsScreen

        meeting = self.current()
        if meeting is not None:
            self.app.push_screen(PanelSettingsScreen(meeting.panel_id),
                                 lambda _=None: self.reload())
            return

        def listed(panels: list[tuple[str, int]]) -> None:
            if not panels:
                self.notify("There is no panel yet: press n to create a meeting and its panel.",
                            timeout=5)
                return

            def picked(panel_id: int | None) -> None:
                if panel_id is not None:
                    self.app.push_screen(PanelSettingsScreen(panel_id),
                                         lambda _=None: self.reload())

            self.app.push_screen(ChoiceScreen("Settings of which panel?", panels), picked)

        panel_app(self).runner.call(self, lambda s: [(p.name, p.id) for p in s.list_panels()], listed)

    def action_action_log(self) -> None:
        from panel_minutes.screens.action_log import ActionLogScreen

        meeting = self.current()
        if meeting is not None:
            self.app.push_screen(ActionLogScreen(meeting.panel_id), lambda _=None: self.reload())

    def action_undo_approval(self) -> None:
        meeting = self.current()
        if meeting is None or meeting.status.value != "approved":
            return

        def reason_given(reason: str | None) -> None:
            if not reason:
                return

            def confirmed(yes: bool | None) -> None:
                if yes:
                    panel_app(self).runner.call(self, lambda s: s.undo_approval(meeting.id, reason),
                               lambda _: self._approval_undone(meeting))

            self.app.push_screen(
                ConfirmScreen(
                    f"Undo the approval of the minutes of {meeting_label(meeting)}?\n"
                    f"They become a draft again and can be changed. The undoing is recorded with "
                    f"the minutes, with the reason: “{reason.strip()}”",
                    title="Undo approval", yes_label="Undo approval",
                ),
                confirmed,
            )

        self.app.push_screen(
            PromptScreen(
                "Undo the approval of these minutes",
                hint=f"{meeting_label(meeting)}: approved as a correct record. Why is the "
                     "approval being undone? (recorded with the minutes)",
                placeholder="e.g. approved at the wrong meeting by mistake",
                validator=lambda text: None if text.strip() else "Type the reason.",
            ),
            reason_given,
        )

    def _approval_undone(self, meeting: MeetingSummary) -> None:
        self.notify(f"The minutes of {meeting_label(meeting)} are a draft again; the undoing "
                    "is recorded with them.", timeout=5)
        self.reload(select=meeting.id)
