"""Live minutes: the screen the clerk spends the meeting in.

Left, the agenda (the current item marked, its start time and running clock); middle, the current
item's minutes numbered as they will be exported; bottom, the composer. Enter files what was
typed as the next paragraph of the current item; F2-F5 turn the composer into a question,
resolution, action or procedural note. Every filed entry is committed at once; what is still in
the composer is saved as a draft within half a second of the last keystroke and comes back after a
crash. A store error never loses text: it stays in the composer and the save is retried.

All store calls run on the app's single store thread (``app.runner``, ``tui.store_runner``), in
the order they were made, so typing never waits on the disk.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import OptionList, Static

from models import batches
from models import clock as clock_source
from models.clock import Clock, hhmm, running_since
from models.composer_state import (
    Mode,
    Pending,
    rescue_text,
    state_from_action,
    state_from_draft,
    state_from_entry,
    waiting_from_draft,
)
from models.domain import (
    ActionData,
    AttendanceStatus,
    Deleted,
    DeletedEntryData,
    EntryData,
    EntryKind,
    ItemData,
    ItemKind,
    MeetingData,
    MinutesDocument,
    Numbering,
    PersonData,
)
from models.errors import PanelMinutesError, ValidationError
from models.filing_outcome import failure_of, given_back
from models.filing_queue import FilingQueue
from models.house_style import DEFAULT as DEFAULT_STYLE
from models.item_times import is_running, next_to_take, resumes_on_go_to, sittings
from models.live_saving import SAVE_BUSY_WAIT, Notice, SavingState
from models.movements import recognise
from models.numbering import entry_numbers, item_numbers
from models.parsing import long_date, weekday_date
from models.screen_data import Opening
from models.store.entries import DraftSharedNotice, EntryConflictError
from models.undo import (
    UndoOp,
    UndoStack,
    undo_add_action,
    undo_add_entry,
    undo_delete_action,
    undo_delete_entry,
    undo_move_entry,
    undo_update_action,
    undo_update_entry,
)
from tui.filing_calls import DraftVersion, FilingCall, draft_call, filing_call, remaining
from tui.rescue import rescue_file_for, write_rescue
from tui.timings import DEFAULT_TIMINGS, timings_of
from tui.typed_app import panel_app
from tui.widgets.agenda import AgendaList
from tui.widgets.composer import Composer
from tui.widgets.entries import EntryList
from tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from models.store import Store
    from tui.store_runner import StoreRunner

T = TypeVar("T")

WIDE = 110  # columns from which the agenda pane shows every item's times and counts
# The draft debounce and the retry interval are the app's (``tui.timings``: tests shorten them).
DRAFT_DEBOUNCE = DEFAULT_TIMINGS.draft_debounce
RETRY_EVERY = DEFAULT_TIMINGS.retry_every
KIND_CYCLE = (EntryKind.PARAGRAPH, EntryKind.QUESTION, EntryKind.RESOLUTION, EntryKind.PROCEDURE)
KIND_NAMES = {
    EntryKind.PARAGRAPH: "paragraph",
    EntryKind.QUESTION: "question",
    EntryKind.RESOLUTION: "resolution",
    EntryKind.PROCEDURE: "procedural note",
}
_PRESENT_FIRST = {
    AttendanceStatus.PRESENT: 0,
    AttendanceStatus.SUBSTITUTE: 0,
    AttendanceStatus.ALSO_PRESENT: 1,
    AttendanceStatus.IN_ATTENDANCE: 1,
    AttendanceStatus.APOLOGIES: 2,
    AttendanceStatus.ABSENT: 2,
}


class Fresh:
    """What a store job hands back besides its result: the lists it changed, re-read."""

    def __init__(
        self,
        entries: dict[int, list[EntryData]],
        actions: list[ActionData],
        items: list[ItemData],
    ) -> None:
        self.entries = entries
        self.actions = actions
        self.items = items


class LiveScreen(Screen[None]):
    """Minute one meeting live. ``LiveScreen(meeting_id)``; ``clock`` is for tests."""

    CSS_PATH = "../tui/styles/live.tcss"
    AUTO_FOCUS = ""  # the composer takes the focus in on_mount; nothing may move it after
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    BINDINGS = [
        Binding("f2", "mode('question')", "Question", key_display="F2",
                tooltip="Turn the composer into a question and answer (Esc: back to text)"),
        Binding("f3", "mode('resolution')", "Resolution", key_display="F3",
                tooltip="Turn the composer into a resolution with an optional vote"),
        Binding("f4", "mode('action')", "Action", key_display="F4",
                tooltip="Turn the composer into an action with owner and due date"),
        Binding("f5", "mode('procedure')", "Note", key_display="F5",
                tooltip="A procedural note stamped with the time (arrivals, departures)"),
        # priority: the composer's TextArea has its own F6 / F7 (select line / all)
        Binding("f6", "prev_item", "◀ Item", key_display="F6", priority=True,
                tooltip="Go back to the previous agenda item"),
        Binding("f7", "next_item", "Item ▶", key_display="F7", priority=True,
                tooltip="Finish this item and take the next one"),
        Binding("f8", "start_finish", "Start/end", key_display="F8",
                tooltip="Stamp the current item as started (or finished) now"),
        Binding("f9", "undo", "Undo", key_display="F9",
                tooltip="Undo the last change to the minutes"),
        Binding("ctrl+g", "focus_agenda", "Go to item", key_display="^G",
                tooltip="Pick an item from the agenda (type its number, Enter takes it)"),
        Binding("ctrl+l", "focus_entries", "Entries", key_display="^L",
                tooltip="Select a filed entry to edit, move, re-kind or delete"),
        Binding("ctrl+t", "focus_composer", "Type", key_display="^T", show=False,
                tooltip="Back to the composer"),
        Binding("escape", "focus_composer", "Back to typing", key_display="Esc", show=False),
        Binding("ctrl+b", "toggle_agenda", "Agenda pane", key_display="^B",
                tooltip="Hide or show the agenda pane"),
        Binding("f11", "close_meeting", "Close meeting", key_display="F11",
                tooltip="End the meeting now: finishes the running item and stamps the end time "
                        "(asks first)"),
        # One ^S at a time (check_action): hide when shown, show when hidden.
        Binding("ctrl+s", "hide_exempt(True)", "Hide Part 2", key_display="^S", show=False,
                tooltip="Hide Part 2 (exempt) text on screen, for a projector: exempt items "
                        "show their public title and no minutes"),
        Binding("ctrl+s", "hide_exempt(False)", "Show Part 2", key_display="^S", show=False,
                tooltip="Show Part 2 (exempt) items' titles and minutes on screen again"),
        Binding("f12", "export", "Export", key_display="F12",
                tooltip="Preview and export the minutes"),
        Binding("ctrl+o", "leave", "Meetings", key_display="^O",
                tooltip="Back to the list of meetings (nothing is lost)"),
        # Between meetings (screens/action_log.py, screens/revisions.py): only one ^R is active
        # at a time (check_action): approving on the previous-minutes item, amending when the
        # meeting's own minutes are approved.
        Binding("f10", "action_log", "Actions", key_display="F10",
                tooltip="The action log: record progress on the actions carried from earlier "
                        "meetings (minuted at this meeting)"),
        Binding("ctrl+r", "approve_previous", "Approve minutes", key_display="^R",
                tooltip="Agree the previous meeting's minutes as a correct record (asks for "
                        "any amendments)"),
        Binding("ctrl+r", "amend", "Amendment", key_display="^R",
                tooltip="Record a correction to these approved minutes as a dated amendment"),
        Binding("insert", "add_item", "Add item", key_display="Ins", show=False,
                tooltip="Add an agenda item after this one (business raised on the day)"),
    ]
    # The bar's most used keys first (tui/widgets/keybar.py); h and r are the entries list's.
    KEY_BAR_FIRST = (
        "mode", "next_item", "undo", "focus_agenda", "focus_entries", "leave")

    def __init__(
        self,
        meeting_id: int,
        *,
        clock: Clock | None = None,
        item_id: int | None = None,
        entry_id: int | None = None,
        action_id: int | None = None,
        opening: Opening | None = None,
    ) -> None:
        """``opening``: ``read_opening`` already done by the caller (the meetings screen reads
        it before pushing this screen, so the read does not compete with the mount)."""
        super().__init__()
        self.meeting_id = meeting_id
        self._opening = opening
        self._clock = clock
        # Open at this item and entry (or action), as a search result asks.
        self._open_at: tuple[int | None, int | None, int | None] | None = (
            (item_id, entry_id, action_id) if item_id or entry_id or action_id else None
        )
        self.doc: MinutesDocument | None = None
        self.items: list[ItemData] = []
        self.entries: dict[int, list[EntryData]] = {}
        self.actions: list[ActionData] = []
        self.people: dict[int, PersonData] = {}
        self.attendees: list[PersonData] = []
        self.numbers: dict[int, str] = {}
        self.current_id: int | None = None
        self.undo_stack = UndoStack()
        self.loaded = asyncio.Event()  # painted with the current item
        self.all_loaded = asyncio.Event()  # and every item's entries read
        self._counts: dict[int, int] = {}  # entry counts of items not read yet
        self._touched_since_load: set[int] = set()
        self._show_after_load: tuple[int | None, int | None, int | None] | None = None
        # the draft
        self._draft_timer: Timer | None = None
        self._saving = SavingState()  # the autosave's and the filing loop's flags (no Textual)
        # the draft's version, read and written by the store calls on the store thread
        self._draft_version = DraftVersion()
        self.rescued: Path | None = None  # the rescue file written on quit, if any
        self._prepare_timer: Timer | None = None
        self._clock_text: str | None = None
        # filing: each Enter waits here, in order, until it is written
        self._queue: FilingQueue[Pending] = FilingQueue()
        # When this session started an item, to the second (the stamp keeps only the minute).
        self._started_exactly: dict[int, datetime] = {}
        self._retry_timer: Timer | None = None
        # "move entry to item": the entry (or action) waiting for a target item
        self._moving: tuple[str, int] | None = None

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("Opening the meeting…", id="live-title")
        with Horizontal(id="live-body"):
            with Vertical(id="agenda-pane"):
                yield Static("", id="item-clock")
                yield AgendaList(id="agenda")
            yield EntryList(id="entries")
        yield Composer(self._completion_people, now=lambda: hhmm(self.now()), id="composer")
        yield KeyBar()

    @property
    def composer(self) -> Composer:
        return self._composer

    @property
    def agenda(self) -> AgendaList:
        return self.query_one(AgendaList)

    @property
    def entry_list(self) -> EntryList:
        return self.query_one(EntryList)

    def now(self) -> datetime:
        return (self._clock or panel_app(self).clock or clock_source.system_clock)()

    def _completion_people(self) -> Sequence[PersonData]:
        return self.attendees

    def on_resize(self) -> None:
        if self.loaded.is_set():
            self._refresh()

    def on_mount(self) -> None:
        self._composer = self.query_one(Composer)
        self.agenda.border_title = "Agenda"
        self.entry_list.border_title = "Minutes"
        self.composer.text_area.focus()
        self.set_interval(timings_of(self.app).clock_tick, self._tick)
        self.run_worker(self._load(), group="live-load", exclusive=True)

    # --- the store thread ------------------------------------------------------------------------

    @property
    def _runner(self) -> StoreRunner:
        """The app's store runner: every store call, in order with every other one."""
        return panel_app(self).runner

    async def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until every store call (this screen's and any other queued on the app's store
        thread) has finished (tests and the benchmark use this); False if it is still busy after
        ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            await asyncio.sleep(0)
            if not self._busy():
                await asyncio.sleep(0.01)
                if not self._busy():
                    return True
            await asyncio.sleep(0.01)
        return False

    def _busy(self) -> bool:
        return self._runner.busy or self._saving.saving or self._queue.in_flight

    def _job(self, call: Callable[[Store], T], items: set[int]) -> Callable[[Store], tuple[T, Fresh]]:
        """``call`` followed by a re-read of what it changed (in the same store-thread slot)."""
        meeting_id = self.meeting_id

        def run(store: Store) -> tuple[T, Fresh]:
            result = call(store)
            touched = set(items) | (result if isinstance(result, set) else set())
            fresh = Fresh(
                {i: store.list_entries(i) for i in touched},
                store.list_actions(meeting_id=meeting_id),
                store.list_items(meeting_id),
            )
            return result, fresh

        return run

    def _apply(self, fresh: Fresh, *, select: str | None = None) -> None:
        self.entries.update(fresh.entries)
        self._touched_since_load.update(fresh.entries)
        self.actions = fresh.actions
        self.items = fresh.items
        if self.doc is not None:  # items added (Ins) or removed: numbers follow the agenda
            self.numbers = item_numbers(self.doc, self.items)
        self._refresh(select=select)

    # --- loading ---------------------------------------------------------------------------------

    async def _load(self) -> None:
        """Two steps, so the clerk sees the meeting sooner: the agenda, people and actions with
        the CURRENT item's entries (and every item's entry count), painted; then every other
        item's entries (``all_loaded``), read while the clerk looks at the first screen."""
        meeting_id = self.meeting_id
        wanted = self._open_at[0] if self._open_at else None
        opening, self._opening = self._opening, None
        try:
            if opening is None or opening.doc.meeting.id != meeting_id:
                opening = await self._runner.run(lambda s: s.read_opening(meeting_id, wanted))
        except PanelMinutesError as err:
            self.query_one("#live-title", Static).update(f"Cannot open the meeting: {err}")
            self.notify(str(err), severity="error", timeout=15)
            return
        doc, draft, current = opening.doc, opening.draft, opening.current
        entries, counts = opening.entries, opening.counts
        self.doc = doc
        self.items = list(doc.items)
        self.entries = {current: entries} if current is not None else {}
        self._counts = counts
        self.actions = list(doc.actions)
        self.people = dict(doc.people)
        ranked = sorted(doc.attendance, key=lambda a: (_PRESENT_FIRST[a.status], a.position))
        self.attendees = list(dict.fromkeys(a.person for a in ranked))
        for person in self.attendees:
            self.people.setdefault(person.id, person)
        self.numbers = item_numbers(doc)
        self.current_id = current
        self._show_title()
        if doc.meeting.is_approved:
            self.notify(
                "These minutes were approved and are read-only: changes must be recorded as "
                "an amendment.", severity="warning", timeout=10,
            )
        waiting: list[Pending] = []
        if draft is not None:
            self._draft_version.stamp = draft.updated_at
            waiting = waiting_from_draft(draft)
            restored = state_from_draft(draft)
            typed = self.composer.state()
            if not typed.is_empty:  # typed while the meeting was loading: keep both
                restored = replace(restored, text=f"{restored.text}\n{typed.text}".strip())
            if not restored.is_empty or restored.editing is not None or restored.stash:
                self.composer.load(restored)
                self.notify("Your unfiled text was restored into the composer.", timeout=5)
        self._refresh(select_last=True)
        if self._open_at is not None:
            self.show_at(*self._open_at)
        self.composer.set_status("")
        self._touched_since_load = set()
        # An entry or action to show on an item read only in the second step: show it then.
        self._show_after_load = (
            self._open_at if self._open_at and self._open_at[0] != current else None
        )
        self.loaded.set()
        if waiting:  # Enters not yet filed when the app last stopped: file them, in order
            for pending in waiting:
                self._queue.add(pending)
            self.notify(f"{len(waiting)} entries waiting to be filed were restored; filing "
                        "them now.", timeout=6)
            self._show_queue()
            self._next_filing()
        self.run_worker(self._load_rest(), group="live-load-rest")

    async def _load_rest(self) -> None:
        """Every item's entries, after the first paint (see ``_load``)."""
        meeting_id = self.meeting_id
        # In groups of about READ_BATCH entries, each its own store call: filing (or any other
        # write) waits for one short read, never for the whole of a 100,000-entry meeting.
        wanted = [i.id for i in self.items if i.id not in self.entries]
        for group in batches.entry_batches(wanted, self._counts, batches.READ_BATCH):
            def read(s: Store, g: list[int] = group) -> dict[int, list[EntryData]]:
                return s.load_entries(meeting_id, g)

            try:
                some = await self._runner.run(read)
            except PanelMinutesError as err:
                self.notify(f"Could not read the other items' entries: {err}", severity="error",
                            timeout=15)
                return
            for item_id, entries in some.items():
                # An item re-read after a change since this was asked for is newer: keep it.
                if item_id not in self._touched_since_load:
                    self.entries[item_id] = entries
            if self.current_id in some:  # the item on screen was waiting for these
                self._refresh()
        self._counts = {}
        self.all_loaded.set()
        if self._show_after_load is not None:
            self.show_at(*self._show_after_load)
        else:
            self._refresh()
        self._prepare_neighbours()

    def _prepare_neighbours(self) -> None:
        """Soon, while the clerk is not typing, lay out the next and previous items' entries:
        F7 and F6 then find them laid out (~10 ms less for a 60-entry item)."""
        if self._prepare_timer is not None:
            self._prepare_timer.stop()
        self._prepare_timer = self.set_timer(0.02, self._prepare_now)

    def _prepare_now(self) -> None:
        self._prepare_timer = None
        index = self._index_of(self.current_id)
        for neighbour in (index + 1, index - 1):
            if index < 0 or not 0 <= neighbour < len(self.items):
                continue
            item_id = self.items[neighbour].id
            entries = self.entries.get(item_id)
            if entries is not None:  # one at a time: keys typed meanwhile go first
                self.call_later(self.entry_list.prepare, entries, self._item_actions(item_id),
                                self.numbering, self.people)

    def _show_title(self) -> None:
        doc = self.doc
        if doc is None:
            return
        panel = doc.panel.short_name.strip() or doc.panel.name
        when = weekday_date(doc.meeting.held_on)
        title = f"{doc.panel.name} · {when} · {doc.meeting.start_time}"
        if doc.meeting.end_time:
            title += f"\u2013{doc.meeting.end_time} (closed)"
        if doc.meeting.venue:
            title += f" · {doc.meeting.venue}"
        if self.hide_exempt:  # first: a long title is cut at the right at 80 columns
            title = f"[b]Part 2 hidden[/] (^S) · {title}"
        self.query_one("#live-title", Static).update(title)
        self.app.sub_title = f"{panel} · {doc.meeting.held_on.isoformat()}"

    # --- drawing ---------------------------------------------------------------------------------

    @property
    def current_item(self) -> ItemData | None:
        return next((i for i in self.items if i.id == self.current_id), None)

    @property
    def numbering(self) -> Numbering:
        return self.doc.panel.numbering if self.doc else Numbering.PER_ITEM

    def _item_actions(self, item_id: int | None) -> list[ActionData]:
        return [a for a in self.actions if a.item_id == item_id]

    def _refresh(self, *, select: str | None = None, select_last: bool = False) -> None:
        counts = dict(self._counts)
        counts.update((i, len(v)) for i, v in self.entries.items())
        action_counts: dict[int, int] = {}
        for action in self.actions:
            if action.item_id is not None:
                action_counts[action.item_id] = action_counts.get(action.item_id, 0) + 1
        hidden = self.hide_exempt
        self.agenda.show(
            self.items, self.numbers, self.current_id, counts, action_counts,
            keep_highlight=self._moving is not None or self.agenda.has_focus,
            details=self.size.width >= WIDE, hide_exempt=hidden,
        )
        item = self.current_item
        veiled = item is not None and item.exempt and hidden
        entries = self.entries.get(item.id, []) if item and not veiled else []
        if select_last:
            select = None
            self.entry_list.highlighted = None
        if self.doc is not None:  # worded and numbered as the minutes print them
            self.entry_list.set_wording(
                self.doc.style, self.doc.panel.chair_title,
                self.numbers.get(item.id, "") if item is not None else "",
            )
        self.entry_list.show(
            entries, self._item_actions(item.id if item and not veiled else None),
            self.numbering, self.people, select=select,
        )
        if select_last:
            self.entry_list.select_last()
        if item is None:
            self.entry_list.border_title = "No agenda items: press Ins to add one"
        else:
            shown = item.shown_public_title if veiled else item.title
            title = f"{self.numbers.get(item.id, '?')}. {shown}"
            if item.exempt:
                title += " · [b red]PART 2 (exempt)[/]"
            self.entry_list.border_title = title
            self.entry_list.set_class(item.exempt, "-exempt")
        self._between_hints()
        self._show_movement()  # the composer may have been cleared (filed) or loaded
        self._tick()

    def _tick(self) -> None:
        """The current item's clock line (every second, and after each redraw)."""
        item = self.current_item
        text = ""
        if item is not None:
            number = self.numbers.get(item.id, "?")
            times = sittings(item)
            start, end = times[-1] if times else ("", "")
            if start and end:
                text = f"▶ {number} · {start}\u2013{end} · done"
            elif start:
                text = (f"▶ {number} · {start} · "
                        f"{running_since(start, self.now(), self._started_exactly.get(item.id))}")
            else:
                text = f"▶ {number} · not started: F8"
        if text != self._clock_text:
            # One line of fixed height: no layout pass (it re-measured the whole screen, once a
            # second, in the middle of the clerk's typing).
            self._clock_text = text
            self.query_one("#item-clock", Static).update(text, layout=False)

    # --- the composer ----------------------------------------------------------------------------

    def action_mode(self, mode: str) -> None:
        self.composer.set_mode(Mode(mode), now=hhmm(self.now()))

    @on(Composer.Changed)
    def _composer_changed(self) -> None:
        if not self.loaded.is_set():
            return
        self._show_movement()
        if self._saving.changed():  # the first unsaved change (``models.live_saving``)
            self._draft_timer = self.set_timer(
                timings_of(self.app).draft_debounce, self._save_draft_soon)

    def _show_movement(self) -> None:
        """Under a procedural note, what it records in the attendance (``models.movements``):
        the clerk sees it before Enter."""
        composer = self.composer
        hint = ""
        if composer.mode is Mode.PROCEDURE:
            found = recognise(composer.text_area.text, composer.field("at").value,
                              self.attendees)
            hint = found.describe()
        composer.set_hint(hint)

    @on(Composer.UndoWanted)
    def _undo_wanted(self) -> None:
        self.action_undo()

    @on(Composer.Submitted)
    def _submitted(self) -> None:
        self.file_composer()

    def file_composer(self) -> None:
        """Enter: what is in the composer (or the edit it holds) joins the filing queue, and the
        composer is free at once. Each Enter is one entry, filed in order; while a filing is
        failing (a full disk, a lock) the Enters wait, and the composer shows how many."""
        if not self.loaded.is_set():
            return
        state = self.composer.state()
        item = self.current_item
        if state.is_empty and state.editing is None:
            self.notify("Type something first.", timeout=2)
            return
        if item is None and state.editing is None:
            self.notify("This meeting has no agenda items: press Ins to add one.",
                        severity="warning")
            return
        pending = Pending(state, item.id if item is not None else None, at=hhmm(self.now()))
        try:
            self._filing_call(pending)  # every typed value checked now, while it is on screen
        except ValidationError as err:
            self.notify(str(err), severity="warning", timeout=6)
            return
        self._queue.add(pending)
        self.composer.clear()
        self._show_queue()
        self._next_filing()

    def _filing_call(self, pending: Pending) -> FilingCall:
        meeting_id = self.meeting_id
        composer = self.composer.state()
        rest = [p for p in self._queue.items() if p is not pending]
        current = self.current_id
        return filing_call(
            pending, meeting_id=meeting_id,
            people=self.attendees or list(self.people.values()), version=self._draft_version,
            after=lambda text: remaining(meeting_id, text, composer, rest, current),
            find_entry=self._find_entry, actions=self.actions,
        )

    @property
    def filing_queue(self) -> FilingQueue[Pending]:
        """The Enters waiting to be filed, in order (the head is being written)."""
        return self._queue

    def _next_filing(self) -> None:
        """Start filing the queue's head, unless one is on its way."""
        pending = self._queue.start()
        if pending is None:
            return
        try:
            call = self._filing_call(pending)
        except ValidationError as err:
            self._queue.refused()
            self._give_back(pending, str(err))
            self._next_filing()
            return
        self.run_worker(self._file(pending, call), group="live-file")

    def _show_queue(self) -> None:
        """The composer's status line: how many Enters wait, and whether the draft is saved."""
        text, problem = self._saving.status(self._queue.label(), self._queue.failing,
                                            self._draft_version.blocked)
        self.composer.set_status(text, problem=problem)

    def _tell(self, notice: Notice | None) -> None:
        if notice is not None:
            self.notify(notice.text, severity=notice.severity, timeout=notice.timeout)

    def _sync_retry(self) -> None:
        """Run the shared retry interval while a filing or the draft is failing, and only then."""
        if self._saving.retrying and self._retry_timer is None:
            self._retry_timer = self.set_interval(timings_of(self.app).retry_every, self._retry)
        elif not self._saving.retrying and self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    async def _file(self, pending: Pending, call: FilingCall) -> None:
        try:
            result, fresh = await self._runner.run(self._job(call.call, call.items))
        except PanelMinutesError as err:
            failure = failure_of(err)  # ``models.filing_outcome``
            if failure.retry:
                self._queue.retry_later()
                self._filing_failed(err)
                return
            self._queue.refused()
            self._give_back(pending, failure.message, failure.field)
            if failure.conflict is not None:
                self._edit_conflict(failure.conflict)
            self._after_queue_step()
            return
        self._queue.filed()
        self._tell(self._saving.filed(not self._queue))
        self.undo_stack.push(self._undo_for(call, result))
        if call.kind == "action-edit":  # not settled in its transaction: save the draft now
            self._stop_draft_timer()
            self._save_draft_soon()
        self._after_queue_step()
        self._apply(fresh, select=f"e{result.id}" if isinstance(result, EntryData) else f"a{result.id}")

    def _after_queue_step(self) -> None:
        if not self._queue:
            self._stop_retry()
        self._show_queue()
        self._next_filing()

    def _undo_for(self, call: FilingCall, result: Any) -> UndoOp:
        before = call.before
        if call.kind == "action-edit" and isinstance(before, ActionData):
            return undo_update_action(before, f"editing action {before.ref}")
        if call.kind == "edit" and isinstance(before, EntryData):
            return undo_update_entry(before, f"editing {self._entry_label(before)}")
        if call.kind == "action":
            return undo_add_action(result, f"filing action {result.ref}")
        return undo_add_entry(result, f"filing a {KIND_NAMES[result.kind]}")

    def _give_back(self, pending: Pending, message: str, field: str = "") -> None:
        """A filing refused for a reason a retry will not fix: its text goes back into the
        composer (what was typed since is kept, and comes back after it), and the cursor goes to
        the field at fault (``field``), if the refusal names one."""
        if message:
            self.notify(message, severity="error", timeout=10)
        state, focus = given_back(pending.state, self.composer.state(), field)
        self.composer.load(state)
        if focus:
            box = self.composer.field(focus)
            box.focus()
            box.cursor_position = len(box.value)  # at the end, as it was typed

    def _edit_conflict(self, err: EntryConflictError) -> None:
        """The entry changed since the edit began (another window, or before a restart): show
        what it now says and ask before saving over it."""
        from screens.confirm import ConfirmScreen

        current = err.current
        shown = current.text if len(current.text) <= 400 else current.text[:400] + " ..."

        def answered(overwrite: bool | None) -> None:
            state = self.composer.state()
            if state.editing is None or state.editing.id != current.id:
                return
            if not overwrite:
                self.notify("Your edit stays in the composer; Esc drops it.", timeout=6)
                return
            base = current.updated_at.isoformat() if current.updated_at else ""
            self.composer.load(replace(state, editing=replace(state.editing, base=base)))
            self.file_composer()

        self.app.push_screen(
            ConfirmScreen(
                f"Entry {current.id} was changed after this edit began (in another window, or "
                f"before a restart). It now reads:\n\n{shown}\n\nSave your version over it?",
                title="The entry has changed", yes_label="Save mine", no_label="Not now",
            ),
            answered,
        )

    def _filing_failed(self, err: PanelMinutesError) -> None:
        self._tell(self._saving.filing_failed(str(err), timings_of(self.app).retry_every))
        self._show_queue()
        self._sync_retry()

    def _retry(self) -> None:
        if self._saving.filing_failing:
            self._next_filing()
        if self._saving.retry_draft():
            self._save_draft_soon()

    def _stop_retry(self) -> None:
        self._saving.queue_emptied()
        self._sync_retry()
        self._show_queue()

    # --- the draft -------------------------------------------------------------------------------

    def _draft_call(self) -> Callable[[Store], datetime | None] | None:
        return draft_call(self.composer.state(), self._draft_version, meeting_id=self.meeting_id,
                          item_id=self.current_id, queued=self._queue.items())

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        self._saving.unscheduled()

    def _save_draft_soon(self) -> None:
        """Write the composer's draft on the store thread (the debounce timer calls this)."""
        self._draft_timer = None
        self._saving.unscheduled()
        if not self._saving.may_save():
            self._draft_timer = self.set_timer(SAVE_BUSY_WAIT, self._save_draft_soon)
            return
        call = self._draft_call()
        self._saving.save_taken(started=call is not None)
        if call is None:
            if self._draft_version.blocked:  # another window holds the draft: keep it on disk
                try:
                    self._keep_rescued()
                except OSError as err:
                    self.notify(f"The rescue file could not be written: {err}", severity="error")
            return
        self.run_worker(self._save_draft(call), group="live-draft")

    async def _save_draft(self, call: Callable[[Store], datetime | None]) -> None:
        from models.errors import ConflictError

        try:
            await self._runner.run(call)
        except DraftSharedNotice as notice:
            self._saving.save_stopped()
            self.notify(str(notice), severity="warning", timeout=12)
            return
        except ConflictError as err:
            self._saving.save_stopped()
            self._draft_conflict(str(err))
            return
        except PanelMinutesError as err:
            self._tell(self._saving.save_failed(str(err)))
            self._show_queue()
            self._sync_retry()
            return
        self._tell(self._saving.save_done())
        self._sync_retry()
        self._show_queue()

    def _draft_conflict(self, message: str) -> None:
        from screens.confirm import ConfirmScreen

        self._draft_version.blocked = True
        self._show_queue()

        def answered(take_over: bool | None) -> None:
            if take_over:
                self._draft_version.take_over()
                self._save_draft_soon()
                self._show_queue()
            else:
                self.notify(
                    "What you type here is not saved as the draft: it is kept in a rescue file, "
                    "whose name is shown when you quit. Take over to save it here instead.",
                    severity="warning", timeout=12,
                )

        self.app.push_screen(
            ConfirmScreen(
                f"{message}\n\nTake the meeting over in this window? Its draft replaces the other "
                "window's (entries already filed are not affected).",
                title="Meeting open elsewhere", yes_label="Take over", no_label="Not now",
            ),
            answered,
        )

    def flush_draft_now(self) -> None:
        """Save the pending draft synchronously (on quit / leaving); never raises. Text that
        cannot be saved as the draft (the database fails, or another window owns the draft)
        goes to a rescue file, whose name is printed."""
        self._stop_draft_timer()
        if not self.loaded.is_set():
            return
        if self._draft_version.blocked:
            self._rescue("the meeting is open in another window, which holds the draft")
            return
        if not self._saving.must_flush(bool(self._queue)):
            return
        call = self._draft_call()
        if call is None:
            return
        try:
            # Behind every write already queued on the store thread, so they keep their order.
            self._runner.run_now(call)
            self._saving.flushed()
        except DraftSharedNotice:
            self._saving.flushed()
        except Exception as exc:  # the database is gone: keep the text in a rescue file
            self._rescue(str(exc))

    def _keep_rescued(self) -> Path | None:
        """Write what cannot be saved as the draft to this window's rescue file (the same file
        each time); None when there is nothing to keep."""
        body = rescue_text(self.composer.state(), self._queue.items())
        self.rescued = rescue_file_for(self.rescued, body, self.meeting_id, self.now())
        return None if self.rescued is None else write_rescue(self.rescued, body)

    def _rescue(self, why: str) -> None:
        try:
            path = self._keep_rescued()
        except OSError:
            body = rescue_text(self.composer.state(), self._queue.items())
            print(f"panel-minutes: the draft could not be saved ({why}). It was:\n{body}")
            return
        if path is not None:
            print(f"panel-minutes: the draft could not be saved ({why}); it was written to {path}")

    def on_unmount(self) -> None:
        self.flush_draft_now()

    # --- items -----------------------------------------------------------------------------------

    def _index_of(self, item_id: int | None) -> int:
        return next((n for n, i in enumerate(self.items) if i.id == item_id), -1)

    def action_prev_item(self) -> None:
        index = self._index_of(self.current_id)
        if index > 0:
            self.go_to(self.items[index - 1].id)
        else:
            self.notify("This is the first item.", timeout=2)

    def action_next_item(self) -> None:
        """The next item in agenda order not taken yet (``models.item_times.next_to_take``)."""
        target = next_to_take(self.items, self.current_id)
        if target is not None:
            self.go_to(target.id, take=True)
            return
        index = self._index_of(self.current_id)
        if 0 <= index < len(self.items) - 1:  # every item taken: F7 only looks at the next one
            self.go_to(self.items[index + 1].id)
        elif self.items:
            self.notify("Every item has been taken. F8 finishes this one; F11 closes the "
                        "meeting.", timeout=4)

    def go_to(self, item_id: int, *, take: bool = False) -> None:
        """Make ``item_id`` the current item. ``take``: the meeting moves on to it, so an item
        never started is marked taken and started now, and the running item is finished."""
        target = next((i for i in self.items if i.id == item_id), None)
        if target is None:
            return
        self.current_id = item_id
        self._refresh(select_last=True)
        self._prepare_neighbours()
        if not take or is_running(target) or not self.loaded.is_set() or self.read_only:
            return
        if target.started_at and not resumes_on_go_to(self.items, target):
            shown = ", ".join(f"{a}\u2013{b}" for a, b in sittings(target))
            self.notify(f"Item {self.numbers.get(item_id, '?')} was taken {shown}; F8 takes it "
                        "up again.", timeout=3)
            return
        moment = self.now()
        stamp = hhmm(moment)
        self._started_exactly[item_id] = moment
        again = " again" if target.started_at else ""
        label = f"taking item {self.numbers.get(item_id, '?')}{again} at {stamp}"
        self._stamp(lambda s: s.take_item(item_id, stamp), item_id, label)

    def _stamp(self, call: Callable[[Store], ItemData], item_id: int, label: str) -> None:
        """Change item times through the store (``take_item`` / ``finish_item``: one
        transaction each); F9 puts every item's times back as they are now."""
        before = list(self.items)
        meeting_id = self.meeting_id

        def run(s: Store) -> set[int]:
            call(s)
            return {item_id}

        def undo(s: Store, _ids: object) -> set[int]:
            s.put_back_times(meeting_id, before)
            return set()

        self._change(run, UndoOp(label, undo), items={item_id})

    def action_add_item(self) -> None:
        """Add an agenda item after the current one and go to it (nothing else changes)."""
        from screens.prompt import PromptScreen

        current = self.current_item
        position = current.position + 1 if current is not None else None
        meeting_id = self.meeting_id

        def titled(title: str | None) -> None:
            clean = (title or "").strip()
            if clean:
                self.run_worker(self._add_item(meeting_id, clean, position), group="live-change")

        self.app.push_screen(
            PromptScreen("Add an agenda item", hint="Its title; it goes after the current item."),
            titled,
        )

    async def _add_item(self, meeting_id: int, title: str, position: int | None) -> None:
        created: list[int] = []

        def run(s: Store) -> set[int]:
            item = s.add_item(meeting_id, title, position=position)
            created.append(item.id)
            return {item.id}

        def undo(s: Store, _ids: object) -> set[int]:
            for item_id in created:
                s.delete_item(item_id)
            return set()

        if await self._do_change(run, UndoOp(f"adding item '{title}'", undo), set(), None):
            self.go_to(created[0])

    def action_start_finish(self) -> None:
        item = self.current_item
        if item is None:
            return
        moment = self.now()
        stamp = hhmm(moment)
        item_id = item.id
        number = self.numbers.get(item_id, "?")
        if is_running(item):
            self._stamp(lambda s: s.finish_item(item_id, stamp), item_id,
                        f"finishing item {number}")
        else:  # not started yet, or finished and now taken up again
            self._started_exactly[item_id] = moment
            again = " again" if item.started_at else ""
            self._stamp(lambda s: s.take_item(item_id, stamp), item_id,
                        f"starting item {number}{again}")

    def action_close_meeting(self) -> None:
        """Close the meeting (asks first): the running item is finished and the end time
        stamped now (``Store.close_meeting``); the minutes say "The meeting ended at ..."."""
        from screens.confirm import ConfirmScreen

        if self.doc is None or self.read_only:
            return
        if self.doc.meeting.end_time:
            self.notify(f"The meeting already ended at {self.doc.meeting.end_time} (F9 undoes "
                        "closing; the meeting's details change the time).", timeout=4)
            return
        stamp = hhmm(self.now())
        running = next((i for i in self.items if is_running(i)), None)
        finishing = f" Item {self.numbers.get(running.id, '?')} is finished then." if running else ""

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._close(stamp), group="live-change")

        self.app.push_screen(ConfirmScreen(
            f"Close the meeting at {stamp}?{finishing} The minutes will say \"The meeting "
            f"ended at {stamp}.\" (F9 undoes.)", title="Close the meeting", yes_label="Close",
        ), answered)

    async def _close(self, stamp: str) -> None:
        meeting_id = self.meeting_id
        closed: list[MeetingData] = []
        before = list(self.items)

        def run(s: Store) -> set[int]:
            closed.append(s.close_meeting(meeting_id, stamp))
            return set()

        def reopen(s: Store, _ids: object) -> set[int]:
            s.put_back_times(meeting_id, before, "")
            self.app.call_from_thread(self._meeting_changed, s.get_meeting(meeting_id))
            return set()

        if await self._do_change(run, UndoOp(f"closing the meeting at {stamp}", reopen), set(),
                                 None):
            self._meeting_changed(closed[0])
            self.notify(f"The meeting ended at {stamp}.", timeout=4)

    def _meeting_changed(self, meeting: MeetingData) -> None:
        if self.doc is not None:
            self.doc = replace(self.doc, meeting=meeting)
            self._show_title()

    # --- entries ---------------------------------------------------------------------------------

    def _find_entry(self, entry_id: int) -> EntryData | None:
        for entries in self.entries.values():
            for entry in entries:
                if entry.id == entry_id:
                    return entry
        return None

    def _selected(self) -> tuple[str, int] | None:
        key = self.entry_list.selected_key
        if key is None:
            self.notify("No entry is selected: ^L selects the filed entries.", timeout=3)
        return key

    def _entry_label(self, entry: EntryData) -> str:
        entries = self.entries.get(entry.item_id, [])
        style = self.doc.style if self.doc is not None else DEFAULT_STYLE
        labels = entry_numbers(entries, self.numbering, style, self.numbers.get(entry.item_id, ""))
        for other, label in zip(entries, labels, strict=True):
            if other.id == entry.id:
                return f"{KIND_NAMES[entry.kind]} {label.strip('.()')}".strip()
        return KIND_NAMES[entry.kind]

    @on(OptionList.OptionSelected, "#entries")
    def _entry_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_entry()

    def action_edit_entry(self) -> None:
        key = self._selected()
        if key is None:
            return
        what, ident = key
        people = self.attendees or list(self.people.values())
        if what == "entry":
            entry = self._find_entry(ident)
            if entry is None:
                return
            self.composer.start_edit(state_from_entry(entry, people))
        else:
            action = next((a for a in self.actions if a.id == ident), None)
            if action is None:
                return
            self.composer.start_edit(state_from_action(action, people))

    def action_change_kind(self) -> None:
        key = self._selected()
        if key is None:
            return
        if key[0] == "action":
            self.notify("An action has no kind to change.", timeout=3)
            return
        entry = self._find_entry(key[1])
        if entry is None:
            return
        kind = KIND_CYCLE[(KIND_CYCLE.index(entry.kind) + 1) % len(KIND_CYCLE)]
        ident, stamp = entry.id, entry.updated_at
        label = f"making {self._entry_label(entry)} a {KIND_NAMES[kind]}"
        self._change(
            lambda s: s.update_entry(ident, expected_updated_at=stamp, kind=kind),
            undo_update_entry(entry, label), items={entry.item_id}, select=f"e{ident}",
        )

    def action_move_entry(self, delta: int) -> None:
        key = self._selected()
        if key is None or key[0] == "action":
            if key is not None:
                self.notify("Actions are listed in the order they were raised.", timeout=3)
            return
        entry = self._find_entry(key[1])
        if entry is None:
            return
        siblings = self.entries.get(entry.item_id, [])
        index = next(n for n, e in enumerate(siblings) if e.id == entry.id)
        if not 0 <= index + delta < len(siblings):
            return
        ident = entry.id
        self._change(
            lambda s: s.move_entry(ident, delta),
            undo_move_entry(entry, f"moving {self._entry_label(entry)}"),
            items={entry.item_id}, select=f"e{ident}",
        )

    def action_move_to_item(self) -> None:
        key = self._selected()
        if key is None:
            return
        self._moving = key
        self.agenda.border_title = "Move to which item? Enter · Esc cancels"
        self.agenda.add_class("-moving")
        self.agenda.focus()

    def _finish_move(self, target_id: int) -> None:
        moving, self._moving = self._moving, None
        self.agenda.border_title = "Agenda"
        self.agenda.remove_class("-moving")
        if moving is None:
            return
        what, ident = moving
        number = self.numbers.get(target_id, "?")
        if what == "entry":
            entry = self._find_entry(ident)
            if entry is None or entry.item_id == target_id:
                self.composer.text_area.focus()
                return
            self._change(
                lambda s: s.move_entry_to_item(ident, target_id),
                undo_move_entry(entry, f"moving {self._entry_label(entry)} to item {number}"),
                items={entry.item_id, target_id},
            )
        else:
            action = next((a for a in self.actions if a.id == ident), None)
            if action is None:
                return
            self._change(
                lambda s: s.update_action(ident, item_id=target_id),
                undo_update_action(action, f"moving action {action.ref} to item {number}"),
                items={target_id} | ({action.item_id} if action.item_id else set()),
            )
        self.notify(f"Moved to item {number}.", timeout=2)
        self.entry_list.focus()

    def action_delete_entry(self) -> None:
        from screens.confirm import ConfirmScreen

        key = self._selected()
        if key is None:
            return
        what, ident = key
        if what == "entry":
            entry = self._find_entry(ident)
            if entry is None:
                return
            label = self._entry_label(entry)
            preview = entry.text.strip()[:160] or entry.answer.strip()[:160]

            def delete(confirmed: bool | None) -> None:
                if confirmed:
                    self._change(lambda s: s.delete_entry(ident),
                                 undo_delete_entry(entry, f"deleting {label}"),
                                 items={entry.item_id})
                    self.notify(f"Deleted {label}. F9 undoes; r lists deleted entries.",
                                timeout=3)

            self.app.push_screen(
                ConfirmScreen(f"Delete {label}?\n\n“{preview}”", title="Delete entry",
                              yes_label="Delete"),
                delete,
            )
            return
        action = next((a for a in self.actions if a.id == ident), None)
        if action is None:
            return

        def delete_action(confirmed: bool | None) -> None:
            if confirmed:
                self._change(lambda s: s.delete_action(ident),
                             undo_delete_action(action, f"deleting action {action.ref}"),
                             items=set())
                self.notify(f"Deleted action {action.ref}. F9 undoes; r lists what was "
                            "deleted.", timeout=3)

        self.app.push_screen(
            ConfirmScreen(f"Delete action {action.ref}?\n\n“{action.text[:160]}”",
                          title="Delete action", yes_label="Delete"),
            delete_action,
        )

    def action_deleted_entries(self) -> None:
        """Entries and actions deleted from this meeting: the chosen one goes back."""
        from screens.deleted import DeletedEntriesScreen

        def chosen(deleted: Deleted | None) -> None:
            if deleted is not None:
                self.run_worker(self._put_back(deleted), group="live-change")

        self.app.push_screen(DeletedEntriesScreen(self.meeting_id, self.numbers), chosen)

    async def _put_back(self, deleted: Deleted) -> None:
        known = {item.id for item in self.items}
        target = deleted.item_id if deleted.item_id in known else self.current_id
        if target is None:
            self.notify("Go to an agenda item first: it goes back under it.", timeout=4)
            return
        ident = deleted.id
        call: Callable[[Store], EntryData | ActionData]
        if isinstance(deleted, DeletedEntryData):
            call = lambda s: s.restore_deleted_entry(ident, target)  # noqa: E731
        else:
            call = lambda s: s.restore_deleted_action(ident, target)  # noqa: E731
        try:
            result, fresh = await self._runner.run(self._job(call, {target}))
        except PanelMinutesError as err:
            self.notify(str(err), severity="error", timeout=10)
            return
        if isinstance(result, EntryData):
            name = f"the {KIND_NAMES[result.kind]}"
            self.undo_stack.push(undo_add_entry(result, f"putting back {name}"))
            select = f"e{result.id}"
        else:
            assert isinstance(result, ActionData)
            name = f"action {result.ref}"
            self.undo_stack.push(undo_add_action(result, f"putting back {name}"))
            select = f"a{result.id}"
        if target != self.current_id:
            self.go_to(target)
        self._apply(fresh, select=select)
        where = "" if target == deleted.item_id else " under this item (its own was deleted)"
        self.notify(f"Put back {name}{where}. F9 undoes.", timeout=3)

    # --- undo and generic changes ----------------------------------------------------------------

    def _change(
        self, call: Callable[[Store], Any], undo: UndoOp | None, *, items: set[int],
        select: str | None = None,
    ) -> None:
        self.run_worker(self._do_change(call, undo, items, select), group="live-change")

    async def _do_change(
        self, call: Callable[[Store], Any], undo: UndoOp | None, items: set[int],
        select: str | None,
    ) -> bool:
        try:
            _result, fresh = await self._runner.run(self._job(call, items))
        except PanelMinutesError as err:
            self.notify(str(err), severity="error", timeout=10)
            return False
        if undo is not None:
            self.undo_stack.push(undo)
        self._apply(fresh, select=select)
        return True

    def action_undo(self) -> None:
        op = self.undo_stack.pop()
        if op is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        self.run_worker(self._undo(op), group="live-change")

    async def _undo(self, op: UndoOp) -> None:
        ids = self.undo_stack.ids
        try:
            _touched, fresh = await self._runner.run(self._job(lambda s: op.run(s, ids), set()))
        except PanelMinutesError as err:
            self.undo_stack.push_back(op)
            self.notify(f"Could not undo {op.label}: {err}", severity="error", timeout=10)
            return
        self._apply(fresh)
        self.notify(f"Undone: {op.label}.", timeout=3)

    # --- focus and panes -------------------------------------------------------------------------

    def action_focus_agenda(self) -> None:
        self.query_one("#live-body").remove_class("-agenda-hidden")
        if self.current_id is not None:
            self.agenda.highlight_item(self.current_id)
        self.agenda.focus()

    def action_focus_entries(self) -> None:
        if not self.entry_list.has_focus and self.entry_list.highlighted is None:
            self.entry_list.select_last()
        self.entry_list.focus()

    def action_focus_composer(self) -> None:
        if self._moving is not None:
            self._moving = None
            self.agenda.border_title = "Agenda"
            self.agenda.remove_class("-moving")
            self.notify("Move cancelled.", timeout=2)
        self.composer.focus_first()

    def action_toggle_agenda(self) -> None:
        body = self.query_one("#live-body")
        body.toggle_class("-agenda-hidden")
        if body.has_class("-agenda-hidden") and self.agenda.has_focus:
            self.composer.focus_first()

    @on(OptionList.OptionSelected, "#agenda")
    def _agenda_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        item_id = int(event.option.id)
        if self._moving is not None:
            self._finish_move(item_id)
            return
        self.go_to(item_id, take=True)
        self.composer.focus_first()

    def action_export(self) -> None:
        from screens.export import ExportScreen

        self.flush_draft_now()
        self.app.push_screen(ExportScreen(self.meeting_id))

    def action_leave(self) -> None:
        from tui.navigation import back_to_meetings

        self.flush_draft_now()
        back_to_meetings(self.app, select=self.meeting_id)  # not to Setup, if it came from there

    # --- between meetings: search hits, action log, approval, amendments, revisions -------------

    def show_at(
        self, item_id: int | None, entry_id: int | None = None, action_id: int | None = None
    ) -> None:
        """Show ``item_id`` with ``entry_id`` (or ``action_id``) selected, without taking the
        item (a search result is looked at, not minuted)."""
        if item_id is None and action_id is not None:
            item_id = next((a.item_id for a in self.actions if a.id == action_id), None)
        if item_id is None or self._index_of(item_id) < 0:
            return
        self.current_id = item_id
        select = f"e{entry_id}" if entry_id else (f"a{action_id}" if action_id else None)
        self._refresh(select=select)
        if select is not None and self.entry_list.option_count:
            self.entry_list.focus()

    @property
    def read_only(self) -> bool:
        """True when this meeting's minutes are approved (changes are amendments)."""
        return self.doc is not None and self.doc.meeting.is_approved

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "approve_previous":
            item = self.current_item
            return (not self.read_only and item is not None
                    and item.kind == ItemKind.PREVIOUS_MINUTES)
        if action == "amend":
            return self.read_only
        if action == "hide_exempt":  # one ^S at a time: hide when shown, show when hidden
            return parameters[:1] == (not self.hide_exempt,)
        return True

    # --- Part 2 on screen --------------------------------------------------------------------------

    @property
    def hide_exempt(self) -> bool:
        """Part 2 text hidden on screen (^S; the app keeps it for the next meeting opened)."""
        return panel_app(self).hide_exempt

    def action_hide_exempt(self, hide: bool) -> None:
        panel_app(self).hide_exempt = hide
        self._show_title()
        self._refresh()
        self.notify("Part 2 hidden on screen: exempt items show their public title only. ^S "
                    "shows them again." if hide else "Part 2 items shown on screen.", timeout=4)

    def _between_hints(self) -> None:
        """Say which key applies on the items where one does (and update the footer)."""
        item = self.current_item
        hint = ""
        if item is not None and self.doc is not None:
            if item.kind == ItemKind.ACTION_LOG:
                carried = len(self.doc.earlier_actions)
                hint = (f"F10: {carried} action{'s' if carried != 1 else ''} carried from "
                        "earlier meetings" if carried else "F10: the action log")
            elif item.kind == ItemKind.PREVIOUS_MINUTES and not self.read_only:
                hint = "^R: approve the previous minutes"
            elif not self.entries.get(item.id) and not self._item_actions(item.id):
                hint = "nothing minuted yet: type below, Enter files"
        if self.read_only:
            hint = "Approved: read-only · ^R records an amendment"
        if item is not None and item.id not in self.entries:
            hint = "reading the entries…"  # the first moments after opening (see _load)
        if item is not None and item.exempt and self.hide_exempt:
            hint = "Part 2 hidden on screen · ^S shows it"
        self.entry_list.border_subtitle = hint
        self.refresh_bindings()

    def action_action_log(self) -> None:
        if self.doc is None:
            return
        from screens.action_log import ActionLogScreen

        self.app.push_screen(
            ActionLogScreen(self.doc.panel.id, meeting_id=self.meeting_id, carried=True)
        )

    def action_approve_previous(self) -> None:
        item = self.current_item
        if item is None or self.doc is None or self.read_only:
            return
        self.run_worker(self._approve_previous(item.id), group="live-approve")

    async def _approve_previous(self, item_id: int) -> None:
        from screens.prompt import PromptScreen

        meeting_id = self.meeting_id
        try:
            previous = await self._runner.run(lambda s: s.previous_meeting(meeting_id))
        except PanelMinutesError as err:
            self.notify(str(err), severity="error", timeout=10)
            return
        if previous is None:
            self.notify("This is the panel's first meeting in panel-minutes: there are no earlier "
                        "minutes to approve.", severity="warning", timeout=6)
            return
        when = long_date(previous.held_on)
        if previous.is_approved:
            self.notify(f"The minutes of the meeting held on {when} are approved already.",
                        timeout=6)
            return
        approved: list[int] = []

        def save(store: Store, amendments: str) -> None:
            result = store.approve_minutes(previous.id, at_meeting_id=meeting_id,
                                           amendments=amendments, item_id=item_id)
            if result.entry is not None:
                approved.append(result.entry.id)

        def saved(value: str | None) -> None:
            if value is None:
                return
            select = f"e{approved[0]}" if approved else None
            self._change(lambda s: None, None, items={item_id}, select=select)
            self.notify(f"The minutes of {when} are approved and now read-only. A mistake? Undo "
                        "the approval from the meetings screen (u).", timeout=6)

        self.app.push_screen(
            PromptScreen(
                f"Approve the minutes of the meeting held on {when}",
                hint="Agreed as a correct record. Type any amendments the meeting agreed, or "
                     "leave this empty and press Enter.",
                placeholder="e.g. minute 5.2: the vote was 7 for, 1 against",
                save=save,
            ),
            saved,
        )

    def action_amend(self) -> None:
        from screens.prompt import PromptScreen

        if not self.read_only:
            return
        typed = " ".join(self.composer.state().text.split())
        meeting_id = self.meeting_id

        def saved(value: str | None) -> None:
            if value is None:
                return
            if typed and " ".join(self.composer.state().text.split()) == typed:
                self.composer.clear()  # it is in the amendment now
            self.notify("Amendment recorded (dated today); it is listed with these minutes.",
                        timeout=5)

        self.app.push_screen(
            PromptScreen(
                "Record an amendment to these approved minutes",
                typed,
                hint="The minutes themselves stay as approved; the correction is listed with "
                     "them, dated.",
                placeholder="e.g. Minute 4.3: Cllr Raman, not Cllr Lloyd, asked the question.",
                validator=lambda text: None if text.strip() else "Type the correction.",
                save=lambda store, text: store.record_amendment(meeting_id, text),
            ),
            saved,
        )

    def action_revisions(self) -> None:
        from screens.revisions import RevisionsScreen

        key = self._selected()
        if key is None:
            return
        if key[0] != "entry":
            self.notify("Only entries keep a history of their text; an action's progress is in "
                        "the action log (F10).", timeout=4)
            return
        entry = self._find_entry(key[1])
        if entry is not None:
            self.app.push_screen(RevisionsScreen(entry.id, self._entry_label(entry)))
