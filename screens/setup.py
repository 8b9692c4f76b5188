"""Prepare a meeting before it starts: attendance, declarations of interest and the agenda.

Three tabs, each one table driven by keys (shown in the footer when the table has the focus).
Every change is written at once through the store thread; the tables then reload, keeping the
cursor on the same row. Dialogs that take typed text save it themselves and stay open if the
write fails, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from panel_minutes.models.domain import Numbering
from panel_minutes.models.movements import time_within_meeting
from panel_minutes.models.numbering import is_sub_item, numbered_agenda
from panel_minutes.models.parsing import format_time, time_problem
from panel_minutes.models.public_count import check_public_count, members_of_the_public
from panel_minutes.models.screen_data import SetupData
from panel_minutes.models.typed_path import typed_path
from panel_minutes.screens.confirm import ConfirmScreen
from panel_minutes.screens.declaration_form import DeclarationFormScreen
from panel_minutes.screens.item_form import ItemFormScreen, PasteItemsScreen
from panel_minutes.screens.meeting_form import MeetingFormScreen
from panel_minutes.screens.pickers import ChoiceScreen, NewPerson, PersonPickerScreen
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.screens.tabbed import TabbedTablesScreen
from panel_minutes.tui.typed_app import panel_app
from panel_minutes.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from panel_minutes.models.domain import (
        AttendanceData,
        AttendanceStatus,
        DeclarationData,
        DeletedItemData,
        ItemContents,
        ItemData,
        MeetingData,
        PersonData,
    )
    from panel_minutes.models.store import Store
    from panel_minutes.models.store.agenda_io import AgendaImportResult

STATUS_LABELS = {
    "present": "Present",
    "apologies": "Apologies",
    "absent": "Absent",
    "substitute": "Substitute",
    "also_present": "Also present",
    "in_attendance": "In attendance",
}
_STATUS_STYLES = {"apologies": "yellow", "absent": "red", "substitute": "cyan"}
TABS = ("attendance", "declarations", "agenda")
EMPTY_HINTS = {
    "attendance": "Nobody is listed yet. Press a to add a member who is present, o someone "
                  "also present, i an officer in attendance. A panel's standing members are "
                  "listed here by themselves when a meeting is created.",
    "declarations": "No declarations of interest yet. Press a to add one.",
    "agenda": "No agenda items yet. Press a to add one, or v to paste a list of titles, "
              "one a line.",
}


def _person_id(store: Store, choice: PersonData | NewPerson) -> int:
    """The id of a picked person, creating them first if they are new."""
    if isinstance(choice, NewPerson):
        return store.create_person(choice.name, title=choice.title, role=choice.role).id
    return choice.id


class _SetupTable(DataTable[Text | str]):
    """A setup table: one row per record, the cursor a whole row."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)


class AttendanceTable(_SetupTable):
    """Who is at the meeting, and as what."""

    HELP_TITLE = "Attendance tab"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "screen.cycle", "Status", key_display="␣",
                tooltip="Cycle a member: present, apologies, absent"),
        Binding("a", "screen.add_attendee('present')", "Member",
                tooltip="Add a member who is present"),
        Binding("s", "screen.add_substitute", "Substitute",
                tooltip="Add a substitute for a member"),
        Binding("o", "screen.add_attendee('also_present')", "Also present",
                tooltip="Add someone also present (e.g. the Commissioner)"),
        Binding("i", "screen.add_attendee('in_attendance')", "Officer",
                tooltip="Add an officer in attendance"),
        Binding("t", "screen.set_time('arrived_at')", "Arrived at",
                tooltip="Set the time this person arrived"),
        Binding("l", "screen.set_time('left_at')", "Left at",
                tooltip="Set the time this person left"),
        Binding("c", "screen.set_capacity", "Capacity",
                tooltip="Set the capacity (e.g. Chair) this person attends in"),
        Binding("n", "screen.set_note", "Note",
                tooltip="A note in brackets after the name (e.g. work commitment)"),
        Binding("u", "screen.set_public_count", "Public",
                tooltip="How many members of the public attended"),
        Binding("delete,x", "screen.remove_attendee", "Remove", key_display="x",
                tooltip="Remove this person from the attendance"),
    ]


class DeclarationsTable(_SetupTable):
    """Declarations of interest made at the meeting."""

    HELP_TITLE = "Declarations tab"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "screen.add_declaration", "Add", tooltip="Add a declaration of interest"),
        Binding("enter,e", "screen.edit_declaration", "Edit", key_display="⏎/e",
                tooltip="Edit the highlighted declaration"),
        Binding("delete,x", "screen.delete_declaration", "Delete", key_display="x",
                tooltip="Delete the highlighted declaration"),
    ]


class AgendaTable(_SetupTable):
    """The agenda, in order."""

    HELP_TITLE = "Agenda tab"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "screen.add_item", "Add", tooltip="Add an item after the highlighted one"),
        Binding("v", "screen.paste_items", "Paste list",
                tooltip="Paste many item titles, one a line"),
        Binding("enter,e", "screen.edit_item", "Edit", key_display="⏎/e",
                tooltip="Edit title, public title, presenter, documents"),
        Binding("p", "screen.toggle_exempt", "Part 2",
                tooltip="Make the item exempt (Part 2) or public again"),
        Binding("shift+up,ctrl+up", "screen.move_item(-1)", "Up", key_display="⇧↑",
                tooltip="Move the item up the agenda"),
        Binding("shift+down,ctrl+down", "screen.move_item(1)", "Down", key_display="⇧↓",
                tooltip="Move the item down the agenda"),
        Binding("delete,x", "screen.delete_item", "Delete", key_display="x",
                tooltip="Delete the item (asks first)"),
        Binding("i", "screen.import_agenda", "Import",
                tooltip="Import the agenda from a Word, Markdown or text file (asks for the path)"),
        Binding("u", "screen.restore_item", "Put back", show=False,
                tooltip="Put a deleted item back, with everything set aside with it"),
        Binding(">", "screen.set_level(1)", "Sub-item", key_display=">",
                tooltip="Make the item a sub-item of the one above it (4a, 4.1, 64/17c)"),
        Binding("<", "screen.set_level(0)", "Item", key_display="<",
                show=False, tooltip="Make a sub-item an item of its own again"),
        Binding("n", "screen.set_number", "Number", show=False,
                tooltip="Give the item its own number (label), or clear it"),
    ]


class SetupScreen(TabbedTablesScreen):
    """Attendance, declarations and agenda of one meeting."""

    TABS = TABS

    CSS_PATH = "../tui/styles/setup.tcss"
    TITLE = "panel-minutes"
    SUB_TITLE = "Setup"
    # The help screen lists these widgets' keys under this screen.
    HELP_WIDGETS: ClassVar[tuple[type, ...]] = (AttendanceTable, DeclarationsTable, AgendaTable)
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer (no room at 80 columns): the line above the tabs says it.
        Binding("escape", "back", "Back", key_display="Esc", show=False,
                tooltip="Back to the meetings"),
        Binding("1", "show_tab('attendance')", "Attendance", show=False,
                tooltip="Show the attendance"),
        Binding("2", "show_tab('declarations')", "Declarations", show=False,
                tooltip="Show the declarations of interest"),
        Binding("3", "show_tab('agenda')", "Agenda", show=False, tooltip="Show the agenda"),
        Binding("m", "edit_meeting", "Meeting details",
                tooltip="Change the panel, date, start time or venue"),
        Binding("g", "go_live", "Go live",
                tooltip="Start taking the minutes of this meeting"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.data: SetupData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the meeting…", id="meeting-line")
        with TabbedContent(id="tabs"):
            with TabPane("Attendance", id="attendance"):
                yield Static(EMPTY_HINTS["attendance"], classes="empty-hint")
                yield AttendanceTable(id="attendance-table")
            with TabPane("Declarations", id="declarations"):
                yield Static(EMPTY_HINTS["declarations"], classes="empty-hint")
                yield DeclarationsTable(id="declarations-table")
            with TabPane("Agenda", id="agenda"):
                yield Static(EMPTY_HINTS["agenda"], classes="empty-hint")
                yield AgendaTable(id="agenda-table")
        yield KeyBar(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(AttendanceTable).focus()
        self.reload()

    # --- loading ---------------------------------------------------------------------------------

    def reload(self, *, select_item_at: int | None = None,
               select_attendance: int | None = None) -> None:
        """Read everything again and redraw the tables (after any change); ``select_…`` moves
        a table's highlight to that row."""
        meeting_id = self.meeting_id
        panel_app(self).runner.call(self, lambda s: s.read_setup(meeting_id),
            lambda data: self._show(data, select_item_at, select_attendance),
            group="setup-load", exclusive=True,
        )

    def _reload_after(self, _result: object = None) -> None:
        self.reload()

    def _show(self, data: SetupData, select_item_at: int | None = None,
              select_attendance: int | None = None) -> None:
        self.data = data
        m, panel = data.meeting, data.panel
        state = ("Approved: read-only", "green") if m.is_approved else ("Draft", "")
        venue = f" · {m.venue}" if m.venue else ""
        if m.public_count is not None:
            venue += f" · {members_of_the_public(m.public_count)}"
        self.query_one("#meeting-line", Static).update(
            Text.assemble(
                (panel.name, "bold"), " · ", state, ("   Esc: back to the meetings", "dim"),
                "\n",
                f"{m.held_on:%a %d %b %Y}, {m.start_time}{venue}",
            )
        )
        self.sub_title = f"Setup · {m.held_on:%d %b %Y}"
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("attendance").label = f"1 Attendance ({len(data.attendance)})"
        tabs.get_tab("declarations").label = f"2 Declarations ({len(data.declarations)})"
        tabs.get_tab("agenda").label = f"3 Agenda ({len(data.items)})"
        self._fill_attendance(data, select_attendance)
        self._fill_declarations(data)
        self._fill_agenda(data, select_item_at)
        for tab, rows in (("attendance", data.attendance), ("declarations", data.declarations),
                          ("agenda", data.items)):
            self.query_one(f"#{tab} .empty-hint", Static).display = not rows
        self.refresh_bindings()

    def _width(self, fixed: Sequence[int]) -> int:
        """What is left for the flexible column once the fixed ones have their width."""
        return max(16, self.size.width - sum(w + 2 for w in fixed) - 2 - 4)

    @staticmethod
    def _refill(table: DataTable[Text | str], columns: Sequence[tuple[str, int]],
                rows: Sequence[tuple[str, Sequence[Text | str]]], keep: str | None,
                at: int | None = None) -> None:
        """Replace a table's rows; keep the cursor on row key ``keep`` (or at index ``at``)."""
        if [(str(c.label), c.width) for c in table.ordered_columns] != list(columns):
            table.clear(columns=True)
            for title, width in columns:
                table.add_column(title, width=width)
        else:
            table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        index = at
        if index is None and keep is not None:
            index = next((i for i, (key, _) in enumerate(rows) if key == keep), None)
        if index is not None and rows:
            table.move_cursor(row=max(0, min(index, len(rows) - 1)), animate=False)

    @staticmethod
    def _current_key(table: DataTable[Text | str]) -> str | None:
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _fill_attendance(self, data: SetupData, select: int | None = None) -> None:
        table = self.query_one(AttendanceTable)
        keep = str(select) if select is not None else self._current_key(table)
        standing = {m.person.id for m in data.members}
        name_w = 26
        details_w = self._width((name_w, 13))
        rows: list[tuple[str, Sequence[Text | str]]] = []
        for a in data.attendance:
            details = []
            if a.substitute_for is not None:
                details.append(f"for {a.substitute_for.styled_name}")
            if a.capacity:
                details.append(a.capacity)
            if a.status.value in {"also_present", "in_attendance"} and a.person.role:
                details.append(a.person.role)
            if a.arrived_at:
                details.append(f"arrived {a.arrived_at}")
            if a.left_at:
                details.append(f"left {a.left_at}")
            if a.note:
                details.append(f"({a.note})")
            if a.id in data.minuted:
                details.append("minuted " + ", ".join(data.minuted[a.id]))
            if a.person.id not in standing and a.status.value in {"present", "apologies",
                                                                   "absent"}:
                details.append("not a standing member")
            status = a.status.value
            rows.append((
                str(a.id),
                [a.person.full_name,
                 Text(STATUS_LABELS.get(status, status), style=_STATUS_STYLES.get(status, "")),
                 "; ".join(details)],
            ))
        self._refill(table, [("Name", name_w), ("Status", 13), ("Details", details_w)], rows,
                     keep)

    def _fill_declarations(self, data: SetupData) -> None:
        table = self.query_one(DeclarationsTable)
        keep = self._current_key(table)
        items = {i.id: i for i in data.items}
        name_w, item_w = 22, 16
        text_w = self._width((name_w, item_w))
        rows: list[tuple[str, Sequence[Text | str]]] = []
        for d in data.declarations:
            named = sorted((items[i] for i in d.item_ids if i in items),
                           key=lambda i: i.position)
            label = (
                ", ".join(str(i.position + 1) for i in named) if len(named) > 1
                else f"{named[0].position + 1}. {named[0].title}" if named else "(general)"
            )
            who = " and ".join(p.styled_name for p in d.people) if d.more_people \
                else d.person.full_name
            rows.append((str(d.id), [who, label, d.text.replace("\n", " ")]))
        self._refill(table, [("Member", name_w), ("Item", item_w), ("Declaration", text_w)],
                     rows, keep)

    def _fill_agenda(self, data: SetupData, at: int | None) -> None:
        table = self.query_one(AgendaTable)
        keep = self._current_key(table)
        wide = self.size.width >= 110
        fixed = [4, *([24] if wide else []), 4, 6]
        title_w = self._width(fixed)
        rows: list[tuple[str, Sequence[Text | str]]] = []
        numbers = numbered_agenda(data.items, Numbering.PER_ITEM, 0, 0, data.panel.style)
        for index, i in enumerate(data.items):
            sub = is_sub_item(data.items, index)
            title = Text(("  " if sub else "") + i.title)
            if i.exempt and i.public_title:
                title.append(f"  (public: {i.public_title})", style="dim")
            number = numbers[i.id] if sub or i.number_label.strip() else str(i.position + 1)
            cells: list[Text | str] = [Text(f"{number}.", justify="right"), title]
            if wide:
                cells.append(i.presenter)
            cells += [Text(str(len(i.documents)) if i.documents else "", justify="right"),
                      Text("Part 2", style="bold red") if i.exempt else ""]
            rows.append((str(i.id), cells))
        columns = [("No.", 4), ("Title", title_w), *([("Presenter", 24)] if wide else []),
                   ("Docs", 4), ("Exempt", 6)]
        self._refill(table, columns, rows, keep, at)

    def on_resize(self) -> None:
        if self.data is not None:
            self._show(self.data)

    # --- what is highlighted ---------------------------------------------------------------------

    def _selected(self, table_type: type[_SetupTable], records: Sequence[Any]) -> Any:
        table = self.query_one(table_type)
        key = self._current_key(table)
        return next((r for r in records if str(r.id) == key), None)

    def current_attendance(self) -> AttendanceData | None:
        return self._selected(AttendanceTable, self.data.attendance) if self.data else None

    def current_declaration(self) -> DeclarationData | None:
        return self._selected(DeclarationsTable, self.data.declarations) if self.data else None

    def current_item(self) -> ItemData | None:
        return self._selected(AgendaTable, self.data.items) if self.data else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        needs = {
            "cycle": self.current_attendance, "set_time": self.current_attendance,
            "set_capacity": self.current_attendance, "remove_attendee": self.current_attendance,
            "edit_declaration": self.current_declaration,
            "delete_declaration": self.current_declaration,
            "edit_item": self.current_item, "toggle_exempt": self.current_item,
            "move_item": self.current_item, "delete_item": self.current_item,
            "set_level": self.current_item, "set_number": self.current_item,
        }
        if action in needs:
            return needs[action]() is not None
        return self.data is not None or action in {"back", "show_tab"}

    # --- screen keys -----------------------------------------------------------------------------

    def action_edit_meeting(self) -> None:
        self.app.push_screen(MeetingFormScreen(self.meeting_id), self._reload_after)

    def action_go_live(self) -> None:
        try:
            from panel_minutes.screens.live import LiveScreen
        except ImportError:
            self.notify("The live minutes screen is not available yet.", severity="warning")
            return
        self.app.push_screen(LiveScreen(self.meeting_id), self._reload_after)

    def _write(self, call: Callable[[Store], object], done: str = "") -> None:
        """Run one change, then reload; ``done`` is said when it worked. When the change adds
        someone to the attendance, the highlight moves to them (the next key acts on them)."""
        from panel_minutes.models.domain import AttendanceData

        def finished(result: object) -> None:
            if done:
                self.notify(done)
            self.reload(select_attendance=result.id if isinstance(result, AttendanceData)
                        else None)

        panel_app(self).runner.call(self, call, finished)

    # --- attendance ------------------------------------------------------------------------------

    def action_cycle(self) -> None:
        record = self.current_attendance()
        if record is None:
            return
        if record.status.value not in {"present", "apologies", "absent"}:
            self.notify(
                f"Space cycles members between present, apologies and absent. "
                f"{record.person.full_name} is {STATUS_LABELS[record.status.value].lower()}: "
                "press x to remove them instead.",
                severity="warning",
            )
            return
        self._write(lambda s: s.cycle_attendance(record.id))

    def _listed(self) -> set[int]:
        return {a.person.id for a in self.data.attendance} if self.data else set()

    def action_add_attendee(self, status: str) -> None:
        if self.data is None:
            return
        from panel_minutes.models.domain import AttendanceStatus

        wanted = AttendanceStatus(status)
        titles = {
            "present": "Add a member (present)",
            "also_present": "Add someone also present",
            "in_attendance": "Add an officer in attendance",
        }
        listed = self._listed()
        people = [p for p in self.data.people if p.id not in listed]
        meeting_id = self.meeting_id

        def picked(choice: PersonData | NewPerson | None) -> None:
            if choice is None:
                return

            def add(store: Store) -> AttendanceData:
                return store.set_attendance(meeting_id, _person_id(store, choice), wanted)

            self._write(add, f"{choice.full_name}: {STATUS_LABELS[status].lower()}.")

        self.app.push_screen(
            PersonPickerScreen(titles[status], people,
                               default_title="Cllr" if status == "present" else ""),
            picked,
        )

    def action_add_substitute(self) -> None:
        if self.data is None:
            return
        from panel_minutes.models.attendance import substitute_candidates
        from panel_minutes.models.domain import AttendanceStatus

        candidates = substitute_candidates(self.data.attendance)
        if not candidates:
            self.notify("No member to substitute for: list the members first (a adds a member; "
                        "every one listed already has a substitute).", severity="warning")
            return
        choices = [
            (f"{a.person.full_name} ({STATUS_LABELS[a.status.value].lower()})", a)
            for a in candidates
        ]
        first_away = next(
            (n for n, a in enumerate(candidates) if a.status.value != "present"), 0
        )
        listed = self._listed()
        people = [p for p in self.data.people if p.id not in listed]
        meeting_id = self.meeting_id

        def member_chosen(member: AttendanceData | None) -> None:
            if member is None:
                return

            def substitute_chosen(choice: PersonData | NewPerson | None) -> None:
                if choice is None:
                    return

                def add(store: Store) -> AttendanceData:
                    if member.status is AttendanceStatus.PRESENT:
                        store.update_attendance(member.id, status=AttendanceStatus.APOLOGIES)
                    return store.set_attendance(
                        meeting_id, _person_id(store, choice), AttendanceStatus.SUBSTITUTE,
                        substitute_for_id=member.person.id,
                    )

                self._write(add, f"{choice.full_name} substitutes for "
                                 f"{member.person.full_name}.")

            self.app.push_screen(
                PersonPickerScreen(f"Substitute for {member.person.full_name}", people),
                substitute_chosen,
            )

        self.app.push_screen(
            ChoiceScreen("Substitute for which member?", choices, selected=first_away),
            member_chosen,
        )

    def action_set_time(self, field: str) -> None:
        record = self.current_attendance()
        if record is None:
            return
        current = record.arrived_at if field == "arrived_at" else record.left_at
        verb = "arrived" if field == "arrived_at" else "left"
        meeting = self.data.meeting if self.data is not None else None
        default = current or format_time(panel_app(self).now())
        if not current and meeting is not None:
            default = time_within_meeting(default, meeting.start_time, meeting.end_time)

        def save(store: Store, value: str) -> AttendanceData:
            if field == "arrived_at":
                return store.update_attendance(record.id, arrived_at=value)
            return store.update_attendance(record.id, left_at=value)

        self.app.push_screen(
            PromptScreen(f"{record.person.full_name} {verb} at", default,
                         hint="A time such as 10:25; leave it empty to clear it.",
                         validator=time_problem, save=save),
            self._reload_after,
        )

    def action_set_capacity(self) -> None:
        record = self.current_attendance()
        if record is None:
            return

        def save(store: Store, value: str) -> AttendanceData:
            return store.update_attendance(record.id, capacity=value.strip())

        self.app.push_screen(
            PromptScreen(f"Capacity of {record.person.full_name}", record.capacity,
                         hint="e.g. Chair, Vice-Chair, Monitoring Officer; empty for none.",
                         save=save),
            self._reload_after,
        )

    def action_set_note(self) -> None:
        record = self.current_attendance()
        if record is None:
            return

        def save(store: Store, value: str) -> AttendanceData:
            return store.update_attendance(record.id, note=value)

        self.app.push_screen(
            PromptScreen(f"Note on {record.person.full_name}", record.note,
                         hint="Printed in brackets after the name, e.g. work commitment; "
                              "empty for none.",
                         save=save),
            self._reload_after,
        )

    def action_set_public_count(self) -> None:
        if self.data is None:
            return
        meeting_id = self.meeting_id
        count = self.data.meeting.public_count

        def save(store: Store, value: str) -> MeetingData:
            return store.update_meeting(meeting_id, public_count=check_public_count(value))

        self.app.push_screen(
            PromptScreen("Members of the public", "" if count is None else str(count),
                         hint="How many attended (printed as \"four members of the public\"); "
                              "empty if not recorded.",
                         save=save),
            self._reload_after,
        )

    def action_remove_attendee(self) -> None:
        record = self.current_attendance()
        if record is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._write(lambda s: s.remove_attendance(record.id),
                            f"Removed {record.person.full_name} from the attendance.")

        self.app.push_screen(
            ConfirmScreen(f"Remove {record.person.full_name} from this meeting's attendance?",
                          title="Remove from attendance", yes_label="Remove"),
            confirmed,
        )

    # --- declarations ----------------------------------------------------------------------------

    def _declarers(self) -> list[PersonData]:
        assert self.data is not None
        present = [a.person for a in self.data.attendance
                   if a.status.value not in {"apologies", "absent"}]
        return present or list(self.data.people)

    def action_add_declaration(self) -> None:
        if self.data is None:
            return
        self.app.push_screen(
            DeclarationFormScreen(self.meeting_id, self._declarers(), self.data.items),
            self._reload_after,
        )

    def action_edit_declaration(self) -> None:
        record = self.current_declaration()
        if record is None or self.data is None:
            return
        self.app.push_screen(
            DeclarationFormScreen(self.meeting_id, self._declarers(), self.data.items, record),
            self._reload_after,
        )

    def action_delete_declaration(self) -> None:
        record = self.current_declaration()
        if record is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._write(lambda s: s.delete_declaration(record.id), "Declaration deleted.")

        self.app.push_screen(
            ConfirmScreen(f"Delete the declaration by {record.person.full_name}?\n"
                          f"“{record.text[:120]}”",
                          title="Delete declaration", yes_label="Delete"),
            confirmed,
        )

    # --- agenda ----------------------------------------------------------------------------------

    def action_add_item(self) -> None:
        if self.data is None:
            return
        current = self.current_item()
        position = current.position + 1 if current else len(self.data.items)
        hint = (f"Added after item {current.position + 1}: {current.title}" if current
                else "The first item of the agenda.")
        meeting_id = self.meeting_id

        def save(store: Store, title: str) -> ItemData:
            return store.add_item(meeting_id, title, position=position)

        def added(title: str | None) -> None:
            if title is not None:
                self.reload(select_item_at=position)

        self.app.push_screen(
            PromptScreen("New agenda item", hint=hint, placeholder="the item's title",
                         validator=lambda v: None if v.strip() else "Type the item's title.",
                         save=save),
            added,
        )

    def action_paste_items(self) -> None:
        def pasted(count: int | None) -> None:
            if count:
                self.notify(f"Added {count} agenda item{'s' if count != 1 else ''}.")
                self.reload(select_item_at=len(self.data.items) + count - 1 if self.data
                            else None)

        self.app.push_screen(PasteItemsScreen(self.meeting_id), pasted)

    def action_import_agenda(self) -> None:
        """Ask for a file; read and write it on the store thread, all items or none: a file
        that cannot be read shows its one-line reason under the path, which stays to correct."""
        meeting_id = self.meeting_id
        imported: list[AgendaImportResult] = []

        def save(store: Store, path: str) -> AgendaImportResult:
            from panel_minutes.models.agenda_import import read_agenda

            result = store.import_agenda(meeting_id, read_agenda(typed_path(path)).items)
            imported.append(result)
            return result

        def done(path: str | None) -> None:
            if path is None or not imported:
                return
            result = imported[-1]
            count = len(result.items)
            replaced = (f", in place of {result.replaced} empty item"
                        f"{'s' if result.replaced != 1 else ''}") if result.replaced else ""
            self.notify(f"Imported {count} agenda item{'s' if count != 1 else ''} from "
                        f"{typed_path(path).name}{replaced}.")
            self.reload(select_item_at=result.items[0].position if result.items else None)

        self.app.push_screen(
            PromptScreen("Import the agenda", hint="A Word (.docx), Markdown (.md) or text file. "
                         "While nothing is minuted, it replaces the agenda; otherwise it is "
                         "added after it.",
                         placeholder="path to the agenda file",
                         validator=lambda v: None if v.strip() else "Type the file's path.",
                         save=save),
            done,
        )

    def action_edit_item(self) -> None:
        item = self.current_item()
        if item is not None:
            self.app.push_screen(ItemFormScreen(item), self._reload_after)

    def action_move_item(self, delta: int) -> None:
        item = self.current_item()
        if item is not None:
            self._write(lambda s: s.move_item(item.id, delta))

    def action_set_level(self, level: int) -> None:
        """``>``: a sub-item of the item above; ``<``: an item of its own again."""
        item = self.current_item()
        if item is None or item.level == level:
            return
        self._write(lambda s: s.set_item_level(item.id, level))

    def action_set_number(self) -> None:
        """``n``: the item's own number ("5a", "108/26"), shown instead of the counted one."""
        item = self.current_item()
        if item is None:
            return

        def save(store: Store, label: str) -> ItemData:
            return store.update_item(item.id, number_label=label.strip())

        self.app.push_screen(
            PromptScreen(f"Number of “{item.title}”", item.number_label,
                         hint="Its own number, e.g. 5a or 108/26; empty: numbered in order.",
                         save=save),
            self._reload_after,
        )

    def action_toggle_exempt(self) -> None:
        item = self.current_item()
        if item is None:
            return
        if item.exempt:
            self._write(lambda s: s.update_item(item.id, exempt=False),
                        f"Item {item.position + 1} is public again.")
            return
        from panel_minutes.models.domain import DEFAULT_EXEMPT_BASIS

        def save(store: Store, basis: str) -> ItemData:
            return store.update_item(item.id, exempt=True, exempt_basis=basis.strip())

        self.app.push_screen(
            PromptScreen(
                f"Part 2: exclude the public from item {item.position + 1}",
                item.exempt_basis or DEFAULT_EXEMPT_BASIS,
                hint="The legal basis, as it will appear in the minutes:",
                validator=lambda v: None if v.strip() else "Give the legal basis.",
                save=save,
            ),
            self._reload_after,
        )

    def action_delete_item(self) -> None:
        item = self.current_item()
        if item is None:
            return

        def ask(contents: ItemContents) -> None:
            aside = set_aside_text(contents, item.exempt)

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._write(lambda s: s.delete_item(item.id),
                                f"Deleted item {item.position + 1}. u puts it back.")

            self.app.push_screen(
                ConfirmScreen(f"Delete item {item.position + 1}, “{item.title}”?{aside}",
                              title="Delete agenda item", yes_label="Delete"),
                confirmed,
            )

        panel_app(self).runner.call(self, lambda s: s.item_contents(item.id), ask)

    def action_restore_item(self) -> None:
        """Choose one of the meeting's deleted items: it goes back with all it took aside."""
        meeting_id = self.meeting_id

        def chosen(deleted: DeletedItemData | None) -> None:
            if deleted is not None:
                self._write(lambda s: s.restore_deleted_item(deleted.id),
                            f"Put back item {deleted.item.position + 1}, "
                            f"“{deleted.item.title}”.")

        def show(deleted: list[DeletedItemData]) -> None:
            if not deleted:
                self.notify("No agenda item of this meeting has been deleted.")
                return
            self.app.push_screen(
                ChoiceScreen("Put back a deleted item", [(deleted_item_label(d), d)
                                                         for d in deleted],
                             hint="Most recently deleted first. It goes back at its place, with "
                                  "what was set aside with it."),
                chosen,
            )

        panel_app(self).runner.call(self, lambda s: s.list_deleted_items(meeting_id), show)


def _count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def set_aside_text(contents: ItemContents, exempt: bool) -> str:
    """What deleting an item sets aside with it, for the confirmation ("" when nothing)."""
    parts = [
        _count(contents.entries, "minute entry", "minute entries") if contents.entries else "",
        (_count(contents.actions, "action") + " (with progress reported on "
         f"{'it' if contents.actions == 1 else 'them'})") if contents.actions else "",
        _count(contents.declarations, "declaration of interest",
               "declarations of interest") if contents.declarations else "",
    ]
    listed = [p for p in parts if p]
    if not listed:
        return "\nu on this agenda puts it back."
    joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
    secret = " They stay as confidential as this Part 2 item." if exempt else ""
    return (f"\nSet aside with it: {joined}. They leave the minutes and later meetings' action "
            f"tables.{secret} u on this agenda puts the item back with all of them.")


def deleted_item_label(deleted: DeletedItemData) -> str:
    """"Item 7 · Part 2 · Complaint … · 2 entries, 1 action" for the put-back list."""
    item, contents = deleted.item, deleted.contents
    counts = [_count(n, noun, plural) for n, noun, plural in (
        (contents.entries, "entry", "entries"), (contents.actions, "action", ""),
        (contents.declarations, "declaration", "")) if n]
    part2 = " · Part 2" if item.exempt else ""
    return (f"Item {item.position + 1}{part2} · {item.title}"
            + (f" · {', '.join(counts)}" if counts else ""))


def status_label(status: AttendanceStatus) -> str:
    """"Also present" for ``AttendanceStatus.ALSO_PRESENT``."""
    return STATUS_LABELS.get(status.value, status.value)
