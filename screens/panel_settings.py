"""A panel's settings: details, standing agenda, standing members and house style.
``PanelSettingsScreen(id)``.

Four tabs (``1`` to ``4``), each one table driven by keys, like the setup screen:

- *Details*: name, short name (used in file names), host authority, usual venue, how minutes
  are numbered (per item, or running through the year) and the chair's title (Chair or
  Chairman). Enter edits the highlighted one.
- *Standing agenda*: the items every new meeting of the panel starts with. ``a`` adds after the
  highlighted one, Enter edits, ``x`` deletes, Shift+↑/↓ reorders, ``c`` copies the agenda of
  one of the panel's meetings. The kind the app recognises from the title (apologies,
  declarations, previous minutes, action log, work programme) is shown: those items get their
  own keys in the live screen.
- *Members*: who sits on the panel, as what (chair, vice-chair, member for an authority,
  independent co-opted member), from and until when. Past meetings keep the members they had:
  when someone leaves, give their membership an end date rather than deleting it. A new meeting
  lists the members whose dates cover its date.
- *House style*: how the panel's minutes read, and its stock phrases (``screens/house_style_tab.py``).

Every change is written at once through the store thread; dialogs that take typed text save it
themselves and stay open, with the text, if the write fails.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import (
    DataTable,
    Header,
    Input,
    Label,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from panel_minutes.models.domain import Numbering
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.parsing import DATE_HINT, parse_optional_date, short_date
from panel_minutes.models.screen_data import PanelSettingsData
from panel_minutes.screens.confirm import ConfirmScreen
from panel_minutes.screens.house_style_tab import (
    HouseStyleTab,
    HouseStyleTable,
    this_numbering_year,
)
from panel_minutes.screens.meeting_form import today_for
from panel_minutes.screens.pickers import ChoiceScreen, NewPerson, PersonPickerScreen
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.tui.typed_app import panel_app
from panel_minutes.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from panel_minutes.models.domain import MembershipData, PanelData, PersonData
    from panel_minutes.models.errors import PanelMinutesError
    from panel_minutes.models.patches import PanelPatch
    from panel_minutes.models.store import Store

TABS = ("details", "agenda", "members", "style")
ROLES = ("chair", "vice_chair", "member", "co_opted")
CHAIR_TITLES = ("Chair", "Chairman")
NUMBERING_LABELS = {
    "per_item": "Per item: items 1, 2, 3 …, paragraphs 1., 2. … inside each",
    "running": "Running through the year: 107/26, 108/26 …",
}
KIND_LABELS = {
    "apologies": "Apologies",
    "declarations": "Declarations",
    "previous_minutes": "Previous minutes",
    "action_log": "Action log",
    "work_programme": "Work programme",
}
# (field, label, what the prompt asks)
PanelTextField = Literal["name", "short_name", "host_authority", "default_venue"]
TEXT_FIELDS: tuple[tuple[PanelTextField, str, str], ...] = (
    ("name", "Name", "The panel's full name"),
    ("short_name", "Short name", "Used in file names, e.g. wessex-vale-pcp"),
    ("host_authority", "Host authority", "The council that supports the panel"),
    ("default_venue", "Usual venue", "Where meetings are held unless a meeting says otherwise"),
)
EMPTY_HINTS = {
    "agenda": "No standing items. Press a to add one (such as Apologies and substitutes, "
              "Declarations of interest, Minutes of the previous meeting, Action log), or c to "
              "copy the agenda of one of the panel's meetings.",
    "members": "No standing members. Press a to add one: they are listed as present at every "
               "new meeting held while they sit on the panel.",
}


def role_label(role: str, chair_title: str = "Chair") -> str:
    """"Chairman", "Vice-Chairman", "Member", "Independent co-opted member"."""
    return {
        "chair": chair_title,
        "vice_chair": f"Vice-{chair_title}",
        "member": "Member",
        "co_opted": "Independent co-opted member",
    }.get(role, role)


def sitting(start: date | None, end: date | None, today: date) -> str:
    """A membership's dates in 17 characters: "left 30/09/26", "from 01/10/26", "since …",
    "until …" or "01/10/26-30/09/27" ("" when it has none)."""
    def d(day: date) -> str:
        return f"{day:%d/%m/%y}"

    if end is not None and end < today:
        return f"left {d(end)}"
    if start is not None and start > today:
        return f"from {d(start)}"
    if start is not None and end is not None:
        return f"{d(start)}-{d(end)}"
    if start is not None:
        return f"since {d(start)}"
    if end is not None:
        return f"until {d(end)}"
    return ""


def _guess_kind(title: str) -> str:
    from panel_minutes.models.store.meetings import (
        guess_item_kind,  # the store's own rule (loaded by now)
    )

    return guess_item_kind(title).value


class _SettingsTable(DataTable[Text | str]):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)


class DetailsTable(_SettingsTable):
    """The panel's details, one a row."""

    HELP_TITLE = "Details tab"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,e", "screen.edit_detail", "Edit", key_display="⏎/e",
                tooltip="Change the highlighted setting"),
    ]


class StandingTable(_SettingsTable):
    """The standing agenda: the items every new meeting starts with."""

    HELP_TITLE = "Standing agenda tab"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "screen.add_standing", "Add", tooltip="Add a standing item after this one"),
        Binding("enter,e", "screen.edit_standing", "Edit", key_display="⏎/e",
                tooltip="Change the item's title"),
        Binding("shift+up,ctrl+up", "screen.move_standing(-1)", "Up", key_display="⇧↑",
                tooltip="Move the item up"),
        Binding("shift+down,ctrl+down", "screen.move_standing(1)", "Down", key_display="⇧↓",
                tooltip="Move the item down"),
        Binding("c", "screen.copy_agenda", "Copy agenda",
                tooltip="Replace the standing agenda with the agenda of one of the panel's "
                        "meetings"),
        Binding("delete,x", "screen.delete_standing", "Delete", key_display="x",
                tooltip="Delete the standing item (asks first)"),
    ]


class MembersTable(_SettingsTable):
    """The panel's standing members, past and present."""

    HELP_TITLE = "Members tab"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "screen.add_member", "Add", tooltip="Add a standing member"),
        Binding("enter,e", "screen.edit_member", "Edit", key_display="⏎/e",
                tooltip="Role, authority represented, from and until"),
        Binding("delete,x", "screen.remove_member", "Remove", key_display="x",
                tooltip="Remove a membership entered by mistake (asks first); someone who "
                        "leaves gets an end date instead"),
    ]


class PanelSettingsScreen(HouseStyleTab):
    """Details, standing agenda, members and house style of one panel."""

    TABS = TABS

    CSS_PATH = "../tui/styles/panel_settings.tcss"
    TITLE = "panel-minutes"
    SUB_TITLE = "Panel settings"
    HELP_WIDGETS: ClassVar[tuple[type, ...]] = (DetailsTable, StandingTable, MembersTable,
                                                HouseStyleTable)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", key_display="Esc", show=False,
                tooltip="Back to the meetings"),
        Binding("1", "show_tab('details')", "Details", show=False,
                tooltip="Show the panel's details"),
        Binding("2", "show_tab('agenda')", "Standing agenda", show=False,
                tooltip="Show the standing agenda"),
        Binding("3", "show_tab('members')", "Members", show=False,
                tooltip="Show the standing members"),
        Binding("4", "show_tab('style')", "House style", show=False,
                tooltip="Show the panel's house style: how its minutes read"),
    ]

    def __init__(self, panel_id: int) -> None:
        super().__init__()
        self.panel_id = panel_id
        self.data: PanelSettingsData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the panel…", id="panel-line")
        with TabbedContent(id="tabs"):
            with TabPane("1 Details", id="details"):
                yield DetailsTable(id="details-table")
            with TabPane("2 Standing agenda", id="agenda"):
                yield Static(EMPTY_HINTS["agenda"], classes="empty-hint")
                yield StandingTable(id="agenda-table")
            with TabPane("3 Members", id="members"):
                yield Static(EMPTY_HINTS["members"], classes="empty-hint")
                yield MembersTable(id="members-table")
            with TabPane("4 House style", id="style"):
                yield HouseStyleTable(id="style-table")
        yield KeyBar(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(DetailsTable).focus()
        self.reload()

    # --- loading and showing ---------------------------------------------------------------------

    def reload(self, *, agenda_at: int | None = None, member: int | None = None) -> None:
        """Read everything again; ``agenda_at`` / ``member`` put the cursor on that row."""
        panel_id = self.panel_id
        today = today_for(self.app)

        def read(s: Store) -> tuple[PanelSettingsData, int, int]:
            data = s.read_panel_settings(panel_id)
            year = this_numbering_year(today, data.panel.style)
            return data, year, s.first_minute_number(panel_id, year)

        def loaded(result: tuple[PanelSettingsData, int, int]) -> None:
            data, self.numbering_year, self.first_number = result
            self._show(data, agenda_at, member)

        panel_app(self).runner.call(self, read, loaded,
            group="panel-settings-load", exclusive=True,
        )

    def _show(self, data: PanelSettingsData, agenda_at: int | None = None,
              member: int | None = None) -> None:
        self.data = data
        panel = data.panel
        today = today_for(self.app)
        sitting = sum(1 for m in data.members if m.active_on(today))
        self.query_one("#panel-line", Static).update(
            Text.assemble(
                (panel.name, "bold"), ("   1 2 3 4: tabs · Esc: back", "dim"), "\n",
                f"{len(panel.standing_agenda)} standing items · {sitting} members today · "
                f"{len(data.meetings)} meeting{'s' if len(data.meetings) != 1 else ''}",
            )
        )
        self.sub_title = f"Panel settings · {panel.short_name or panel.name}"
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("agenda").label = f"2 Standing agenda ({len(panel.standing_agenda)})"
        tabs.get_tab("members").label = f"3 Members ({sitting})"
        self._fill_details(panel)
        self._fill_agenda(panel, agenda_at)
        self._fill_members(data, today, member)
        self._fill_style(panel, self.size.width)
        self.query_one("#agenda .empty-hint", Static).display = not panel.standing_agenda
        self.query_one("#members .empty-hint", Static).display = not data.members
        self.refresh_bindings()

    def _flex(self, fixed: Sequence[int]) -> int:
        return max(16, self.size.width - sum(w + 2 for w in fixed) - 2 - 4)

    @staticmethod
    def _refill(table: DataTable[Text | str], columns: Sequence[tuple[str, int]],
                rows: Sequence[tuple[str, Sequence[Text | str]]], at: int | None) -> None:
        keep = table.cursor_row if table.row_count else 0
        if [(str(c.label), c.width) for c in table.ordered_columns] != list(columns):
            table.clear(columns=True)
            for title, width in columns:
                table.add_column(title, width=width)
        else:
            table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if rows:
            index = keep if at is None else at
            table.move_cursor(row=max(0, min(index, len(rows) - 1)), animate=False)

    def _fill_details(self, panel: PanelData) -> None:
        values = {
            "name": panel.name,
            "short_name": panel.short_name,
            "host_authority": panel.host_authority,
            "default_venue": panel.default_venue,
            "numbering": NUMBERING_LABELS.get(panel.numbering.value, panel.numbering.value),
            "chair_title": panel.chair_title,
        }
        labels = [(f, label) for f, label, _ in TEXT_FIELDS] + [
            ("numbering", "Minute numbering"), ("chair_title", "Chair's title"),
        ]
        rows: list[tuple[str, Sequence[Text | str]]] = [
            (field, [label, values[field] or Text("(not set)", style="dim")])
            for field, label in labels
        ]
        self._refill(self.query_one(DetailsTable), [("Setting", 18), ("Value", self._flex([18]))],
                     rows, None)

    def _fill_agenda(self, panel: PanelData, at: int | None) -> None:
        rows: list[tuple[str, Sequence[Text | str]]] = []
        for n, title in enumerate(panel.standing_agenda):
            kind = KIND_LABELS.get(_guess_kind(title), "")
            rows.append((str(n), [Text(f"{n + 1}.", justify="right"), title,
                                  Text(kind, style="cyan")]))
        self._refill(self.query_one(StandingTable),
                     [("No.", 4), ("Title", self._flex([4, 16])), ("Recognised as", 16)],
                     rows, at)

    def _fill_members(self, data: PanelSettingsData, today: date, member: int | None) -> None:
        """Wide: From and Until columns. Narrow (80 columns): one "Sitting" column that says
        "left 30/09/26", "from 01/10/26" or "01/10/26-30/09/27"."""
        rows: list[tuple[str, Sequence[Text | str]]] = []
        chair_title = data.panel.chair_title
        wide = self.size.width >= 110
        at = None
        for n, m in enumerate(data.members):
            if m.id == member:
                at = n
            style = "" if m.active_on(today) else "dim"
            name = Text(m.person.full_name, style=style)
            left = m.end_date is not None and m.end_date < today
            later = m.start_date is not None and m.start_date > today
            if wide and left:
                name.append("  (left)", style="dim italic")
            elif wide and later:
                name.append("  (from later)", style="italic")
            role = role_label(m.role.value, chair_title)
            if not wide and m.role.value == "co_opted":
                role = "Co-opted"
            represents = (Text(m.represents, style=style) if m.represents else
                          Text(m.person.role, style="dim"))
            cells: list[Text | str] = [name, Text(role, style=style), represents]
            if wide:
                cells += [Text(short_date(day) if day else "", style=style)
                          for day in (m.start_date, m.end_date)]
            else:
                cells.append(Text(sitting(m.start_date, m.end_date, today), style=style))
            rows.append((str(m.id), cells))
        if wide:
            fixed = [30, 28, 11, 11]
            columns = [("Name", 30), ("Role", 28), ("Represents", self._flex(fixed)),
                       ("From", 11), ("Until", 11)]
        else:
            fixed = [20, 13, 17]
            columns = [("Name", 20), ("Role", 13), ("Represents", self._flex(fixed)),
                       ("Sitting", 17)]
        self._refill(self.query_one(MembersTable), columns, rows, at)

    def on_resize(self) -> None:
        if self.data is not None:
            self._show(self.data)

    # --- what is highlighted ---------------------------------------------------------------------

    @staticmethod
    def _key(table: DataTable[Text | str]) -> str | None:
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def current_standing(self) -> int | None:
        """The index of the highlighted standing item."""
        key = self._key(self.query_one(StandingTable))
        return int(key) if key is not None else None

    def current_member(self) -> MembershipData | None:
        if self.data is None:
            return None
        key = self._key(self.query_one(MembersTable))
        return next((m for m in self.data.members if str(m.id) == key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"edit_standing", "move_standing", "delete_standing"}:
            return self.current_standing() is not None
        if action in {"edit_member", "remove_member"}:
            return self.current_member() is not None
        if action in {"move_phrase", "delete_phrase"}:
            return self.current_phrase() is not None
        return self.data is not None or action in {"back", "show_tab"}

    def _write(self, call: Callable[[Store], object], done: str = "", **select: int) -> None:
        def finished(_result: object) -> None:
            if done:
                self.notify(done, timeout=3)
            self.reload(**select)

        panel_app(self).runner.call(self, call, finished)

    # --- details ---------------------------------------------------------------------------------

    def action_edit_detail(self) -> None:
        data = self.data
        if data is None:
            return
        field = self._key(self.query_one(DetailsTable))
        panel_id = self.panel_id
        if field == "numbering":
            choices = [(label, value) for value, label in NUMBERING_LABELS.items()]
            current = list(NUMBERING_LABELS).index(data.panel.numbering.value)

            def numbered(value: str | None) -> None:
                if value is not None and value != data.panel.numbering.value:
                    self._write(lambda s: s.update_panel(panel_id, numbering=Numbering(value)),
                                "Minute numbering changed; minutes are renumbered as exported.")

            self.app.push_screen(
                ChoiceScreen("How are the minutes numbered?", choices, selected=current),
                numbered,
            )
            return
        if field == "chair_title":
            titles = list(CHAIR_TITLES)
            if data.panel.chair_title not in titles:
                titles.append(data.panel.chair_title)
            choices = [(t, t) for t in titles] + [("Something else…", "")]

            def titled(value: str | None) -> None:
                if value is None:
                    return
                if value:
                    self._write(lambda s: s.update_panel(panel_id, chair_title=value))
                    return
                self.app.push_screen(
                    PromptScreen("The chair's title", data.panel.chair_title,
                                 validator=_required("the title"),
                                 save=lambda s, v: s.update_panel(panel_id, chair_title=v)),
                    self._reload_after,
                )

            self.app.push_screen(
                ChoiceScreen("What is the chair called?", choices,
                             selected=titles.index(data.panel.chair_title)),
                titled,
            )
            return
        found = next((f for f in TEXT_FIELDS if f[0] == field), None)
        if found is None:
            return
        name, label, hint = found

        def save(store: Store, text: str) -> PanelData:
            patch: PanelPatch = {}
            patch[name] = text
            return store.update_panel(panel_id, **patch)

        self.app.push_screen(
            PromptScreen(
                label, str(getattr(data.panel, name)), hint=hint,
                validator=_required("the panel's name") if name == "name" else None,
                save=save,
            ),
            self._reload_after,
        )

    def _reload_after(self, _result: object = None) -> None:
        self.reload()

    # --- standing agenda -------------------------------------------------------------------------

    def _agenda_change(
        self, change: Callable[[list[str]], list[str]], at: int | None, done: str = ""
    ) -> Callable[[Store], object]:
        """A store call applying ``change`` to the standing agenda as it is in the database."""
        panel_id = self.panel_id

        def run(store: Store) -> PanelData:
            titles = list(store.get_panel(panel_id).standing_agenda)
            return store.update_panel(panel_id, standing_agenda=change(titles))

        return run

    def action_add_standing(self) -> None:
        if self.data is None:
            return
        index = self.current_standing()
        at = len(self.data.panel.standing_agenda) if index is None else index + 1

        def save(store: Store, title: str) -> object:
            clean = " ".join(title.split())
            return self._agenda_change(lambda ts: [*ts[:at], clean, *ts[at:]], at)(store)

        self.app.push_screen(
            PromptScreen("Add a standing item", hint="Every new meeting of the panel starts "
                         "with it. Its title as it appears on the agenda:",
                         validator=_required("the item's title"), save=save,
                         placeholder="e.g. Minutes of the previous meeting"),
            lambda value: self.reload(agenda_at=at) if value is not None else None,
        )

    def action_edit_standing(self) -> None:
        index = self.current_standing()
        if index is None or self.data is None:
            return
        old = self.data.panel.standing_agenda[index]

        def replace(titles: list[str], title: str) -> list[str]:
            # By position, but only if that item is still the one the clerk saw.
            if index < len(titles) and titles[index] == old:
                titles[index] = title
            else:
                titles.append(title)
            return titles

        def save(store: Store, title: str) -> object:
            clean = " ".join(title.split())
            return self._agenda_change(lambda ts: replace(ts, clean), index)(store)

        self.app.push_screen(
            PromptScreen("Standing item", old, validator=_required("the item's title"),
                         save=save),
            lambda value: self.reload(agenda_at=index) if value is not None else None,
        )

    def action_move_standing(self, delta: int) -> None:
        index = self.current_standing()
        if index is None or self.data is None:
            return
        target = index + delta
        if not 0 <= target < len(self.data.panel.standing_agenda):
            return
        title = self.data.panel.standing_agenda[index]

        def move(titles: list[str]) -> list[str]:
            if index < len(titles) and titles[index] == title and 0 <= target < len(titles):
                titles[index], titles[target] = titles[target], titles[index]
            return titles

        self._write(self._agenda_change(move, target), agenda_at=target)

    def action_delete_standing(self) -> None:
        index = self.current_standing()
        if index is None or self.data is None:
            return
        title = self.data.panel.standing_agenda[index]

        def confirmed(yes: bool | None) -> None:
            if yes:
                def drop(titles: list[str]) -> list[str]:
                    if index < len(titles) and titles[index] == title:
                        del titles[index]
                    return titles

                self._write(self._agenda_change(drop, index), agenda_at=index)

        self.app.push_screen(
            ConfirmScreen(f"Delete “{title}” from the standing agenda?\nMeetings already "
                          "created keep their agenda.", title="Delete standing item",
                          yes_label="Delete"),
            confirmed,
        )

    def action_copy_agenda(self) -> None:
        data = self.data
        if data is None:
            return
        if not data.meetings:
            self.notify("The panel has no meetings yet to copy an agenda from.", timeout=4)
            return
        choices = [(f"{m.held_on:%a %d %b %Y} ({m.item_count} items)", m.id)
                   for m in data.meetings]
        panel_id = self.panel_id
        count = len(data.panel.standing_agenda)

        def picked(meeting_id: int | None) -> None:
            if meeting_id is None:
                return

            def copy(store: Store) -> int:
                titles = [i.title for i in store.list_items(meeting_id) if not i.exempt]
                store.update_panel(panel_id, standing_agenda=titles)
                return len(titles)

            def confirmed(yes: bool | None) -> None:
                if yes:
                    panel_app(self).runner.call(self, copy, lambda n: self._copied(n))

            if count == 0:
                confirmed(True)
                return
            self.app.push_screen(
                ConfirmScreen(f"Replace the {count} standing items with that meeting's agenda "
                              "(its Part 2 items left out)?", title="Copy an agenda",
                              yes_label="Replace"),
                confirmed,
            )

        self.app.push_screen(
            ChoiceScreen("Copy the agenda of which meeting?", choices,
                         hint="Its public items become the standing agenda."),
            picked,
        )

    def _copied(self, count: int) -> None:
        self.notify(f"The standing agenda now has {count} items.", timeout=3)
        self.reload(agenda_at=0)

    # --- members ---------------------------------------------------------------------------------

    def action_add_member(self) -> None:
        data = self.data
        if data is None:
            return
        sitting = {m.person.id for m in data.members if m.active_on(today_for(self.app))}
        people = [p for p in data.people if p.id not in sitting]

        def picked(choice: PersonData | NewPerson | None) -> None:
            if choice is not None:
                self.app.push_screen(
                    MemberFormScreen(self.panel_id, choice, chair_title=data.panel.chair_title,
                                     today=today_for(self.app)),
                    lambda mid: self.reload(member=mid) if mid is not None else None,
                )

        self.app.push_screen(
            PersonPickerScreen("Add a standing member", people,
                               hint="Pick someone already known, or add someone new."),
            picked,
        )

    def action_edit_member(self) -> None:
        member = self.current_member()
        if member is None or self.data is None:
            return
        self.app.push_screen(
            MemberFormScreen(self.panel_id, member.person, membership=member,
                             chair_title=self.data.panel.chair_title,
                             today=today_for(self.app)),
            lambda mid: self.reload(member=mid) if mid is not None else None,
        )

    def action_remove_member(self) -> None:
        member = self.current_member()
        if member is None:
            return
        membership_id = member.id

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._write(lambda s: s.remove_member(membership_id),
                            f"Removed {member.person.full_name} from the members.")

        self.app.push_screen(
            ConfirmScreen(
                f"Remove {member.person.full_name}'s membership altogether?\n"
                "Use this for a mistake only. When someone leaves the panel, edit their "
                "membership (Enter) and give it an end date: the meetings they attended keep "
                "them, and later meetings do not list them.",
                title="Remove member", yes_label="Remove",
            ),
            confirmed,
        )


def _required(what: str) -> Callable[[str], str | None]:
    return lambda text: None if text.strip() else f"Type {what}."


class MemberFormScreen(ModalScreen[int | None]):
    """A standing membership: role, authority represented, from and until (both optional).

    ``membership=None`` adds ``person`` (created first when new) to the panel. Saves itself
    (ctrl+s, or Enter in a field) and dismisses with the membership's id; a problem is shown in
    the form, which stays open with everything typed."""

    HELP_WIDGETS: ClassVar[tuple[type, ...]] = ()  # its keys are its own
    CSS_PATH = ["../tui/styles/dialogs.tcss", "../tui/styles/panel_settings.tcss"]
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", key_display="ctrl+s"),
        Binding("escape", "cancel", "Cancel", key_display="Esc"),
    ]

    def __init__(
        self,
        panel_id: int,
        person: PersonData | NewPerson,
        *,
        membership: MembershipData | None = None,
        chair_title: str = "Chair",
        today: date | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.panel_id = panel_id
        self.person = person
        self.membership = membership
        self.chair_title = chair_title
        self.today = today or date.today()
        self.saving = False

    def compose(self) -> ComposeResult:
        name = self.person.full_name
        title = f"Add {name} as a member" if self.membership is None else f"{name}: membership"
        m = self.membership
        represents = m.represents if m else getattr(self.person, "role", "")
        with Vertical(classes="dialog", id="member-form"):
            yield Label(title, classes="dialog-title")
            yield Label("Role (↑↓)", classes="form-caption")
            yield OptionList(
                *(Option(role_label(r, self.chair_title), id=r) for r in ROLES), id="role",
            )
            with Horizontal(classes="form-row"):
                yield Label("Represents", classes="form-label")
                yield Input(represents, placeholder="the council, or leave empty", id="represents")
            with Horizontal(classes="form-row"):
                yield Label("From", classes="form-label")
                yield Input(m.start_date.isoformat() if m and m.start_date else
                            ("" if m else self.today.isoformat()),
                            placeholder="empty: always", id="start")
                yield Label("Until", classes="form-label-short")
                yield Input(m.end_date.isoformat() if m and m.end_date else "",
                            placeholder="empty: still sits", id="end")
            yield Static("", id="member-error", classes="field-error")
            yield Static(f"Dates: {DATE_HINT}. Enter or ctrl+s saves · Esc cancels",
                         classes="dialog-keys")

    def on_mount(self) -> None:
        roles = self.query_one("#role", OptionList)
        current = self.membership.role.value if self.membership else "member"
        roles.highlighted = ROLES.index(current) if current in ROLES else 2
        roles.focus()

    @property
    def role(self) -> str:
        index = self.query_one("#role", OptionList).highlighted
        return ROLES[index] if index is not None else "member"

    @property
    def error(self) -> str:
        return str(self.query_one("#member-error", Static).content)

    def _error(self, message: str, field: str | None = None) -> None:
        self.query_one("#member-error", Static).update(message)
        for name in ("start", "end"):
            self.query_one(f"#{name}", Input).set_class(name == field, "-invalid")

    @on(Input.Changed)
    def _changed(self) -> None:
        if self.error:
            self._error("")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(OptionList.OptionSelected, "#role")
    def _role_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#represents", Input).focus()

    def action_save(self) -> None:
        if self.saving:
            return
        values: dict[str, date | None] = {}
        for name in ("start", "end"):
            try:
                values[name] = parse_optional_date(
                    self.query_one(f"#{name}", Input).value, f"{name} date"
                )
            except ValidationError as err:
                self._error(str(err), name)
                return
        start, end = values["start"], values["end"]
        if start and end and end < start:
            self._error("The membership cannot end before it starts.", "end")
            return
        from panel_minutes.models.domain import MemberRole

        role = MemberRole(self.role)
        represents = self.query_one("#represents", Input).value.strip()
        panel_id, person, membership = self.panel_id, self.person, self.membership

        def save(store: Store) -> int:
            if membership is not None:
                return store.update_member(membership.id, role=role, represents=represents,
                                           start_date=start, end_date=end).id
            if isinstance(person, NewPerson):
                person_id = store.create_person(person.name, title=person.title,
                                                role=person.role).id
            else:
                person_id = person.id
            return store.add_member(panel_id, person_id, role=role, represents=represents,
                                    start_date=start, end_date=end).id

        self.saving = True
        panel_app(self).runner.call(self, save, self.dismiss, on_error=self._failed)

    def _failed(self, err: PanelMinutesError) -> None:
        self.saving = False
        self._error(f"Not saved: {err}")

    def action_cancel(self) -> None:
        self.dismiss(None)
