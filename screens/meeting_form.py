"""Create or edit a meeting: ``MeetingFormScreen(meeting_id=None) -> meeting id | None``.

Panel (an existing one from the list, or a new one by typing its name), date, start time,
venue and the kind of meeting (Ordinary, Extraordinary ..., named in the minutes' heading). A
new panel starts from a house style preset (``panel_minutes.models.house_style.PRESETS``), picked as the form
is saved, today's default highlighted. Every field is checked before anything is written; a
problem is shown under its field and
nothing is saved. A new meeting gets the panel's standing agenda and its members as present (the
store's ``create_meeting`` does that).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from panel_minutes.models.domain import USUAL_STANDING_AGENDA, MeetingKind, Numbering
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.house_style import PRESETS, Preset, preset
from panel_minutes.models.parsing import DATE_HINT, parse_date, time_problem
from panel_minutes.screens.pickers import ChoiceScreen
from panel_minutes.tui.typed_app import panel_app

if TYPE_CHECKING:
    from panel_minutes.models.domain import MeetingData, PanelData
    from panel_minutes.models.errors import PanelMinutesError
    from panel_minutes.models.store import Store

KIND_NONE = "none"  # the Select's value for a meeting of no stated kind
KIND_OPTIONS = [("(none)", KIND_NONE)] + [(k.value, k.value) for k in MeetingKind if k.value]


def today_for(app: object) -> date:
    """The app's idea of today (tests and snapshots fix it through ``app.today``)."""
    today = getattr(app, "today", None)
    return today() if callable(today) else date.today()


class MeetingFormScreen(ModalScreen[int | None]):
    """The new / edit meeting form. Dismisses with the meeting's id, or None if cancelled."""

    CSS_PATH = ["../tui/styles/dialogs.tcss", "../tui/styles/meeting_form.tcss"]
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", key_display="ctrl+s"),
        Binding("escape", "cancel", "Cancel", key_display="Esc"),
    ]

    def __init__(self, meeting_id: int | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.meeting_id = meeting_id
        self.panels: list[PanelData] = []
        self.meeting: MeetingData | None = None
        self.loaded = False
        self.saving = False
        self._auto_venue = ""

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        title = "New meeting" if self.meeting_id is None else "Edit meeting"
        with Vertical(classes="dialog", id="meeting-form"):
            yield Label(title, classes="dialog-title")
            with Horizontal(classes="form-row", id="panel-row"):
                yield Label("Panel", classes="form-label")
                yield Select[int]([], prompt="Loading panels…", id="panel", allow_blank=True)
            with Horizontal(classes="form-row", id="new-panel-row"):
                yield Label("or new panel", classes="form-label", id="new-panel-label")
                yield Input(placeholder="type a new panel's name", id="new-panel")
            yield Static("", id="panel-error", classes="field-error")
            with Horizontal(classes="form-row"):
                yield Label("Date", classes="form-label")
                yield Input(id="date", placeholder=DATE_HINT, classes="date-input")
                yield Label("Start", classes="form-label-short")
                yield Input("10:00", id="start", placeholder="10:00", classes="time-input")
            yield Static("", id="date-error", classes="field-error")
            yield Static("", id="start-error", classes="field-error")
            with Horizontal(classes="form-row", id="end-row"):  # editing a meeting only
                yield Label("Ended at", classes="form-label")
                yield Input(id="end", placeholder="", classes="time-input")
                yield Label("F11 in the live screen stamps it",
                            classes="form-label-short form-hint")
            yield Static("", id="end-error", classes="field-error")
            with Horizontal(classes="form-row"):
                yield Label("Venue", classes="form-label")
                yield Input(id="venue", placeholder="where the meeting is held")
            with Horizontal(classes="form-row"):
                yield Label("Kind", classes="form-label")
                yield Select[str](
                    KIND_OPTIONS, value=KIND_NONE, allow_blank=False, id="kind",
                )
                yield Label("named in the heading", classes="form-label-short form-hint")
            yield Static("", id="form-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#end-row").display = self.meeting_id is not None
        self.query_one("#date", Input).value = today_for(self.app).isoformat()
        self.query_one("#panel", Select).disabled = True
        meeting_id = self.meeting_id

        def load(store: Store) -> tuple[list[PanelData], MeetingData | None]:
            meeting = store.get_meeting(meeting_id) if meeting_id is not None else None
            return store.list_panels(), meeting

        panel_app(self).runner.call(self, load, self._loaded, on_error=lambda _err: self._load_failed())

    def _load_failed(self) -> None:
        self.query_one("#form-error", Static).update("Could not load the panels; press Esc.")

    def _loaded(self, result: tuple[list[PanelData], MeetingData | None]) -> None:
        self.panels, self.meeting = result
        select = self.query_one("#panel", Select)
        select.set_options((p.name, p.id) for p in self.panels)
        select.prompt = "Pick a panel"
        select.disabled = not self.panels
        if not self.panels:
            # A first-time clerk: there is nothing to pick, so just ask for the name.
            self.query_one("#panel-row").display = False
            self.query_one("#new-panel-label", Label).update("Panel")
            self.query_one("#new-panel", Input).placeholder = (
                "the panel's full name"
            )
        if self.meeting is not None:
            m = self.meeting
            select.value = m.panel_id
            self.query_one("#date", Input).value = m.held_on.isoformat()
            self.query_one("#start", Input).value = m.start_time
            self.query_one("#end", Input).value = m.end_time
            self.query_one("#venue", Input).value = m.venue
            self.query_one("#kind", Select).value = m.kind.value or KIND_NONE
            self._auto_venue = m.venue
        elif len(self.panels) == 1:
            select.value = self.panels[0].id
        self.loaded = True
        first = "#panel" if self.panels else "#new-panel"
        self.query_one(first).focus()

    # --- field feedback --------------------------------------------------------------------------

    def _set_error(self, field: str, message: str) -> None:
        error = self.query_one(f"#{field}-error", Static)
        error.update(message)
        error.display = bool(message)
        if field != "form":  # the field itself turns red too
            widget = self.query_one(f"#{field}" if field != "panel" else "#new-panel")
            widget.set_class(bool(message), "-invalid")

    @on(Select.Changed, "#panel")
    def _panel_picked(self, event: Select.Changed) -> None:
        self._set_error("panel", "")
        panel = next((p for p in self.panels if p.id == event.value), None)
        if panel is None:
            return
        if self.meeting is not None and panel.id == self.meeting.panel_id:
            return  # the meeting's own panel, shown as the form opens: keep its own venue
        venue = self.query_one("#venue", Input)
        if venue.value.strip() in {"", self._auto_venue}:
            venue.value = panel.default_venue
            self._auto_venue = panel.default_venue

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        field = event.input.id or ""
        if field == "new-panel":
            self._set_error("panel", "")
        elif field in {"date", "start", "end"}:
            self._set_error(field, "")

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    # --- saving ----------------------------------------------------------------------------------

    def action_cancel(self) -> None:
        self.dismiss(None)

    def kind(self) -> MeetingKind:
        value = self.query_one("#kind", Select).value
        return MeetingKind(value) if isinstance(value, str) and value != KIND_NONE else (
            MeetingKind.NONE
        )

    def validate(self) -> tuple[int | None, str, date, str, str, str] | None:
        """Check every field; show each problem beside its field. None when any is wrong."""
        new_panel = self.query_one("#new-panel", Input).value.strip()
        picked = self.query_one("#panel", Select).value
        panel_id = picked if isinstance(picked, int) else None
        wrong: list[str] = []  # the fields in error, top to bottom
        if not new_panel and panel_id is None:
            self._set_error(
                "panel",
                "Pick a panel or type a new panel's name."
                if self.panels else "Type the panel's name.",
            )
            wrong.append("#panel" if self.panels else "#new-panel")
        elif new_panel and any(p.name.lower() == new_panel.lower() for p in self.panels):
            self._set_error("panel", f"{new_panel!r} already exists: pick it from the list.")
            wrong.append("#new-panel")
        held_on: date | None = None
        try:
            held_on = parse_date(self.query_one("#date", Input).value)
        except ValidationError as err:
            self._set_error("date", str(err))
            wrong.append("#date")
        start = self.query_one("#start", Input).value.strip() or "10:00"
        problem = time_problem(start, "start time")
        if problem:
            self._set_error("start", problem)
            wrong.append("#start")
        end = self.query_one("#end", Input).value.strip()
        problem = time_problem(end) if self.meeting_id is not None else None
        if problem:
            self._set_error("end", problem.replace("The time", "The end time"))
            wrong.append("#end")
        if wrong or held_on is None:
            # The clerk's next keys correct the first mistake, not the field Enter was pressed in.
            self.query_one(wrong[0] if wrong else "#date").focus()
            return None
        venue = self.query_one("#venue", Input).value.strip()
        return (None if new_panel else panel_id), new_panel, held_on, start, end, venue

    def action_save(self, chosen: Preset | None = None) -> None:
        if self.saving or not self.loaded:
            return
        values = self.validate()
        if values is None:
            return
        panel_id, new_panel, held_on, start, end, venue = values
        if new_panel and chosen is None:
            # A new panel starts from a house style preset: the clerk picks it first.
            self.app.push_screen(
                ChoiceScreen(f"House style for {new_panel}", [(p.label, p) for p in PRESETS],
                             hint="How its minutes read (Panel settings, tab 4, changes any "
                                  "part later)."),
                lambda picked: self.action_save(picked) if picked is not None else None,
            )
            return
        start_from = chosen or preset("default")
        kind = self.kind()
        meeting_id = self.meeting_id
        self.saving = True
        self._set_error("form", "")

        def save(store: Store) -> int:
            pid = panel_id
            created_panel = None
            if new_panel:
                # A new panel starts with the usual opening items (Panel settings edits them).
                created_panel = store.create_panel(
                    new_panel, default_venue=venue, standing_agenda=USUAL_STANDING_AGENDA,
                    style=start_from.style, numbering=Numbering(start_from.numbering),
                )
                pid = created_panel.id
            assert pid is not None
            try:
                if meeting_id is None:
                    return store.create_meeting(
                        pid, held_on, start_time=start, venue=venue, kind=kind
                    ).id
                return store.update_meeting(
                    meeting_id, panel_id=pid, held_on=held_on, start_time=start, end_time=end,
                    venue=venue, kind=kind,
                ).id
            except BaseException:
                if created_panel is not None:  # nothing half-made: no panel without its meeting
                    store.delete_panel(created_panel.id)
                raise

        panel_app(self).runner.call(self, save, self._saved, on_error=self._save_failed)

    def _saved(self, meeting_id: int) -> None:
        self.saving = False
        self.dismiss(meeting_id)

    def _save_failed(self, err: PanelMinutesError) -> None:
        self.saving = False
        self._set_error("form", f"Not saved: {err}")
