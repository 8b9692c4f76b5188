"""Live minutes: the screen the clerk spends the meeting in.

Left, the agenda (the current item marked, its start time and running clock); middle, the current
item's minutes numbered as they will be exported; bottom, the composer. Enter files what was
typed as the next paragraph of the current item; F2-F5 turn the composer into a question,
resolution, action or procedural note. Every filed entry is committed at once; what is still in
the composer is saved as a draft within half a second of the last keystroke and comes back after a
crash. A store error never loses text: it stays in the composer and the save is retried.

All store calls run on the app's single store thread (``app.runner``, ``panel_minutes.tui.store_runner``), in
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
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import OptionList, Static

from panel_minutes.models import clock as clock_source
from panel_minutes.models.clock import Clock, hhmm, running_since
from panel_minutes.models.composer_state import (
    Mode,
    Pending,
    recorded_marks,
    state_from_draft,
    waiting_from_draft,
    with_recorded_vote,
)
from panel_minutes.models.domain import (
    ActionData,
    EntryData,
    ItemData,
    ItemKind,
    MeetingData,
    MinutesDocument,
    Numbering,
    PersonData,
)
from panel_minutes.models.errors import PanelMinutesError, ValidationError
from panel_minutes.models.exempt import exclusion_resolution
from panel_minutes.models.export.wording import closing_sentence
from panel_minutes.models.filing_outcome import failure_of, given_back
from panel_minutes.models.filing_queue import FilingQueue
from panel_minutes.models.house_style import DEFAULT as DEFAULT_STYLE
from panel_minutes.models.item_times import is_running, sittings
from panel_minutes.models.live_meeting import Fresh, LiveMeeting, with_fresh
from panel_minutes.models.live_moves import Change, EntryMoves, ItemTaking, Say
from panel_minutes.models.live_saving import Notice, SavingState
from panel_minutes.models.live_undo import undo_add_item, undo_close, undo_filing
from panel_minutes.models.movements import recognise
from panel_minutes.models.parsing import weekday_date
from panel_minutes.models.screen_data import Opening
from panel_minutes.models.store.entries import EntryConflictError
from panel_minutes.models.undo import UndoOp, UndoStack
from panel_minutes.screens.live_between import BetweenMeetingsKeys
from panel_minutes.screens.live_draft import DraftKeeping
from panel_minutes.screens.live_entries import EntryKeys
from panel_minutes.screens.live_keys import LIVE_BINDINGS
from panel_minutes.tui.filing_calls import DraftVersion, FilingCall, filing_call, remaining
from panel_minutes.tui.timings import DEFAULT_TIMINGS, timings_of
from panel_minutes.tui.typed_app import panel_app
from panel_minutes.tui.widgets.agenda import AgendaList
from panel_minutes.tui.widgets.composer import Composer
from panel_minutes.tui.widgets.entries import EntryList
from panel_minutes.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from panel_minutes.models.store import Store
    from panel_minutes.tui.store_runner import StoreRunner

T = TypeVar("T")

WIDE = 110  # columns from which the agenda pane shows every item's times and counts
# The draft debounce and the retry interval are the app's (``panel_minutes.tui.timings``: tests shorten them).
DRAFT_DEBOUNCE = DEFAULT_TIMINGS.draft_debounce
RETRY_EVERY = DEFAULT_TIMINGS.retry_every
class LiveScreen(DraftKeeping, EntryKeys, BetweenMeetingsKeys, Screen[None]):
    """Minute one meeting live. ``LiveScreen(meeting_id)``; ``clock`` is for tests."""

    CSS_PATH = "../tui/styles/live.tcss"
    AUTO_FOCUS = ""  # the composer takes the focus in on_mount; nothing may move it after
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    BINDINGS = LIVE_BINDINGS
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
        self._bar_mode: Mode | None = None  # the composer mode the key bar was drawn for
        self.meeting_id = meeting_id
        self._opening = opening
        self._clock = clock
        # What the store read and re-read (``panel_minutes.models.live_meeting``); it opens at this item and
        # entry (or action) when a search result asks.
        self.meeting = LiveMeeting(
            meeting_id,
            (item_id, entry_id, action_id) if item_id or entry_id or action_id else None,
        )
        self.undo_stack = UndoStack()
        self.loaded = asyncio.Event()  # painted with the current item
        self.all_loaded = asyncio.Event()  # and every item's entries read
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
        self._retry_timer: Timer | None = None
        # Items taken and stamped, entries reordered or moved (``panel_minutes.models.live_moves``).
        self.taking = ItemTaking(self.meeting)
        self.moves = EntryMoves(self.meeting)

    # --- the meeting as read (``panel_minutes.models.live_meeting``) ---------------------------------------------

    @property
    def doc(self) -> MinutesDocument | None:
        return self.meeting.doc

    @property
    def items(self) -> list[ItemData]:
        return self.meeting.items

    @property
    def entries(self) -> dict[int, list[EntryData]]:
        return self.meeting.entries

    @property
    def numbers(self) -> dict[int, str]:
        return self.meeting.numbers

    @property
    def current_id(self) -> int | None:
        return self.meeting.current_id

    @current_id.setter
    def current_id(self, item_id: int | None) -> None:
        self.meeting.current_id = item_id

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
        return self.meeting.attendees

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
        return with_fresh(call, items, self.meeting_id)

    def _apply(self, fresh: Fresh, *, select: str | None = None) -> None:
        self.meeting.apply(fresh)
        self._refresh(select=select)

    # --- loading ---------------------------------------------------------------------------------

    async def _load(self) -> None:
        """Two steps, so the clerk sees the meeting sooner: the agenda, people and actions with
        the CURRENT item's entries (and every item's entry count), painted; then every other
        item's entries (``all_loaded``), read while the clerk looks at the first screen."""
        meeting_id = self.meeting_id
        wanted = self.meeting.wanted_item
        opening, self._opening = self._opening, None
        try:
            if opening is None or opening.doc.meeting.id != meeting_id:
                opening = await self._runner.run(lambda s: s.read_opening(meeting_id, wanted))
        except PanelMinutesError as err:
            self.query_one("#live-title", Static).update(f"Cannot open the meeting: {err}")
            self.notify(str(err), severity="error", timeout=15)
            return
        self.meeting.open(opening)
        draft = opening.draft
        self._show_title()
        if self.meeting.read_only:
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
        if self.meeting.open_at is not None:
            self.show_at(*self.meeting.open_at)
        self.composer.set_status("")
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
        for group in self.meeting.rest_groups():  # each its own short store call
            def read(s: Store, g: list[int] = group) -> dict[int, list[EntryData]]:
                return s.load_entries(meeting_id, g)

            try:
                some = await self._runner.run(read)
            except PanelMinutesError as err:
                self.notify(f"Could not read the other items' entries: {err}", severity="error",
                            timeout=15)
                return
            if self.meeting.merge_read(some):  # the item on screen was waiting for these
                self._refresh()
        show_after_load = self.meeting.all_read()
        self.all_loaded.set()
        if show_after_load is not None:
            self.show_at(*show_after_load)
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
        meeting = self.meeting
        index = meeting.index_of(meeting.current_id)
        for neighbour in (index + 1, index - 1):
            if index < 0 or not 0 <= neighbour < len(meeting.items):
                continue
            item_id = meeting.items[neighbour].id
            entries = meeting.entries.get(item_id)
            if entries is not None:  # one at a time: keys typed meanwhile go first
                self.call_later(self.entry_list.prepare, entries, meeting.item_actions(item_id),
                                meeting.numbering, meeting.people)

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
        return self.meeting.current_item

    @property
    def numbering(self) -> Numbering:
        return self.meeting.numbering

    def _item_actions(self, item_id: int | None) -> list[ActionData]:
        return self.meeting.item_actions(item_id)

    def _refresh(self, *, select: str | None = None, select_last: bool = False) -> None:
        counts, action_counts = self.meeting.agenda_counts()
        hidden = self.hide_exempt
        self.agenda.show(
            self.items, self.numbers, self.current_id, counts, action_counts,
            keep_highlight=self.moves.active or self.agenda.has_focus,
            details=self.size.width >= WIDE, hide_exempt=hidden,
        )
        item = self.current_item
        veiled = item is not None and item.exempt and hidden
        entries = self.entries.get(item.id, []) if item and not veiled else []
        if select_last:
            select = None
            self.entry_list.highlighted = None
        if self.doc is not None:  # worded and numbered as the minutes print them
            self.composer.resolution_start = self.doc.style.resolution_start
            self.entry_list.set_wording(
                self.doc.style, self.doc.panel.chair_title,
                self.numbers.get(item.id, "") if item is not None else "",
            )
        self.entry_list.show(
            entries, self._item_actions(item.id if item and not veiled else None),
            self.numbering, self.meeting.people, select=select,
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
                        f"{running_since(start, self.now(), self.taking.started_exactly.get(item.id))}")
            else:
                text = f"▶ {number} · not started: F8"
        if text != self._clock_text:
            # One line of fixed height: no layout pass (it re-measured the whole screen, once a
            # second, in the middle of the clerk's typing).
            self._clock_text = text
            self.query_one("#item-clock", Static).update(text, layout=False)

    # --- the composer ----------------------------------------------------------------------------

    def action_exclusion(self) -> None:
        """The exclusion resolution (``panel_minutes.models.exempt``) in the composer, seen before Enter."""
        if self.read_only:
            return
        ordered = sorted(self.items, key=lambda i: (i.position, i.id))
        text = exclusion_resolution(ordered, self.current_id)
        if not text:
            self.notify("No Part 2 (exempt) item follows this one: mark the item Part 2 in "
                        "the agenda first.", severity="warning", timeout=5)
            return
        self.composer.offer_resolution(text)

    def action_mode(self, mode: str) -> None:
        self.composer.set_mode(Mode(mode), now=hhmm(self.now()))

    @on(Composer.Changed)
    def _composer_changed(self) -> None:
        if self.composer.mode is not self._bar_mode:  # the keys shown follow the mode
            self._bar_mode = self.composer.mode
            self.refresh_bindings()
        if not self.loaded.is_set():
            return
        self._show_movement()
        if self._saving.changed():  # the first unsaved change (``panel_minutes.models.live_saving``)
            self._draft_timer = self.set_timer(
                timings_of(self.app).draft_debounce, self._save_draft_soon)

    def _show_movement(self) -> None:
        """Under a procedural note, what it records in the attendance (``panel_minutes.models.movements``):
        the clerk sees it before Enter."""
        composer = self.composer
        hint = ""
        if composer.mode is Mode.PROCEDURE:
            found = recognise(composer.text_area.text, composer.field("at").value,
                              self.meeting.attendees)
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
            people=self.meeting.completion_people, version=self._draft_version,
            after=lambda text: remaining(meeting_id, text, composer, rest, current),
            find_entry=self.meeting.find_entry, actions=self.meeting.actions,
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
            failure = failure_of(err)  # ``panel_minutes.models.filing_outcome``
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
        self.undo_stack.push(undo_filing(call.kind, call.before, result, self.meeting.entry_label))
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
        from panel_minutes.screens.confirm import ConfirmScreen

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

    # --- the draft (``panel_minutes.screens.live_draft``) ------------------------------------------------------

    def on_unmount(self) -> None:
        self.flush_draft_now()

    # --- items -----------------------------------------------------------------------------------

    def _index_of(self, item_id: int | None) -> int:
        return self.meeting.index_of(item_id)

    def _say(self, say: Say) -> None:
        self.notify(say.text, timeout=say.timeout)

    def _run(self, change: Change | Say | None) -> None:
        """Run a change a rule chose (``panel_minutes.models.live_moves``), or say why there is none."""
        if isinstance(change, Say):
            self._say(change)
        elif change is not None:
            self._change(change.call, change.undo, items=change.items, select=change.select)

    def action_prev_item(self) -> None:
        target = self.taking.previous()
        if isinstance(target, Say):
            self._say(target)
        else:
            self.go_to(target)

    def action_next_item(self) -> None:
        """The next item in agenda order not taken yet (``panel_minutes.models.item_times.next_to_take``)."""
        target = self.taking.next()
        if isinstance(target, Say):
            self._say(target)
        elif target is not None:
            item_id, take = target
            self.go_to(item_id, take=take)

    def go_to(self, item_id: int, *, take: bool = False) -> None:
        """Make ``item_id`` the current item. ``take``: the meeting moves on to it, so an item
        never started is marked taken and started now, and the running item is finished."""
        if self.meeting.item(item_id) is None:
            return
        self.current_id = item_id
        self._refresh(select_last=True)
        self._prepare_neighbours()
        if take and self.loaded.is_set():
            self._run(self.taking.take(item_id, self.now()))

    def action_add_item(self) -> None:
        """Add an agenda item after the current one and go to it (nothing else changes)."""
        from panel_minutes.screens.prompt import PromptScreen

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

    def action_insert_phrase(self) -> None:
        """Pick a stock phrase (Panel settings, House style) and put it, filled in, at the
        cursor: it shows in the composer and is filed only by Enter, like anything typed."""
        from panel_minutes.models.stock_phrases import chair_name, fill_phrase
        from panel_minutes.screens.phrase_picker import PhrasePickerScreen

        doc = self.doc
        if doc is None or self.read_only:
            return
        if not doc.panel.style.phrases:
            self.notify("No stock phrases yet: add them in Panel settings, tab 4 (House style).",
                        timeout=4)
            return
        item = self.current_item
        chair = chair_name(doc.attendance, doc.panel.chair_title)
        now = self.now()
        filled = [fill_phrase(p, presenter=item.presenter if item else "", chair=chair, now=now,
                              style=doc.panel.style) for p in doc.panel.style.phrases]
        self.app.push_screen(PhrasePickerScreen(filled), self._insert_text)

    def _insert_text(self, text: str | None) -> None:
        if text:
            self.composer.insert_at_cursor(text)

    async def _add_item(self, meeting_id: int, title: str, position: int | None) -> None:
        created: list[int] = []

        def run(s: Store) -> set[int]:
            item = s.add_item(meeting_id, title, position=position)
            created.append(item.id)
            return {item.id}

        if await self._do_change(run, undo_add_item(title, created), set(), None):
            self.go_to(created[0])

    def action_start_finish(self) -> None:
        self._run(self.taking.start_finish(self.now()))

    def action_close_meeting(self) -> None:
        """Close the meeting (asks first): the running item is finished and the end time
        stamped now (``Store.close_meeting``); the minutes say "The meeting ended at ..."."""
        from panel_minutes.screens.confirm import ConfirmScreen

        if self.doc is None or self.read_only:
            return
        if self.doc.meeting.end_time:
            self.notify(f"The meeting already ended at {self.doc.meeting.end_time} (F9 undoes "
                        "closing; the meeting's details change the time).", timeout=4)
            return
        stamp = hhmm(self.now())
        running = next((i for i in self.items if is_running(i)), None)
        finishing = f" Item {self.meeting.number_of(running.id)} is finished then." if running else ""

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._close(stamp), group="live-change")

        closing = closing_sentence(stamp, self.doc.panel.style)
        self.app.push_screen(ConfirmScreen(
            f"Close the meeting at {stamp}?{finishing} The minutes will say \"{closing}\" "
            "(F9 undoes.)", title="Close the meeting", yes_label="Close",
        ), answered)

    async def _close(self, stamp: str) -> None:
        meeting_id = self.meeting_id
        closed: list[MeetingData] = []

        def run(s: Store) -> set[int]:
            closed.append(s.close_meeting(meeting_id, stamp))
            return set()

        def reopened(meeting: MeetingData) -> None:
            self.app.call_from_thread(self._meeting_changed, meeting)

        undo = undo_close(meeting_id, self.items, stamp, reopened)
        if await self._do_change(run, undo, set(), None):
            self._meeting_changed(closed[0])
            style = self.doc.panel.style if self.doc is not None else DEFAULT_STYLE
            self.notify(closing_sentence(stamp, style), timeout=4)

    def _meeting_changed(self, meeting: MeetingData) -> None:
        if self.meeting.doc is not None:
            self.meeting.doc = replace(self.meeting.doc, meeting=meeting)
            self._show_title()

    # --- entries (their keys: ``panel_minutes.screens.live_entries``) -----------------------------------------

    def _find_entry(self, entry_id: int) -> EntryData | None:
        return self.meeting.find_entry(entry_id)

    def _selected(self) -> tuple[str, int] | None:
        key = self.entry_list.selected_key
        if key is None:
            self.notify("No entry is selected: ^L selects the filed entries.", timeout=3)
        return key

    def _entry_label(self, entry: EntryData) -> str:
        return self.meeting.entry_label(entry)

    @on(OptionList.OptionSelected, "#entries")
    def _entry_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_entry()

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
        if self.moves.cancel():
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
        if self.moves.active:
            self._finish_move(item_id)
            return
        self.go_to(item_id, take=True)
        self.composer.focus_first()

    def action_recorded_vote(self) -> None:
        """The recorded-vote panel for the resolution in the composer: the voting members
        present now (``Store.recorded_vote_members``), each marked with one key."""
        from panel_minutes.screens.recorded_vote import Marks, RecordedVoteScreen

        if self.composer.mode is not Mode.RESOLUTION:
            self.notify("A recorded vote is taken on a resolution: F3 first.", timeout=4)
            return
        state = self.composer.state()
        marks = recorded_marks(state)
        at = hhmm(self.now())
        meeting_id = self.meeting_id

        def chosen(result: Marks | None) -> None:
            if result is not None:
                self.composer.load(with_recorded_vote(self.composer.state(), result))

        def show(members: list[PersonData]) -> None:
            self.app.push_screen(RecordedVoteScreen(members, marks), chosen)

        self._runner.call(self, lambda s: s.recorded_vote_members(meeting_id, at), show)

    def action_export(self) -> None:
        from panel_minutes.screens.export import ExportScreen

        self.flush_draft_now()
        self.app.push_screen(ExportScreen(self.meeting_id))

    def action_leave(self) -> None:
        from panel_minutes.tui.navigation import back_to_meetings

        self.flush_draft_now()
        back_to_meetings(self.app, select=self.meeting_id)  # not to Setup, if it came from there

    # --- between meetings: search hits, action log, approval, amendments, revisions -------------

    def show_at(
        self, item_id: int | None, entry_id: int | None = None, action_id: int | None = None
    ) -> None:
        """Show ``item_id`` with ``entry_id`` (or ``action_id``) selected, without taking the
        item (a search result is looked at, not minuted)."""
        if item_id is None and action_id is not None:
            found = self.meeting.find_action(action_id)
            item_id = found.item_id if found is not None else None
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
        return self.meeting.read_only

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "recorded_vote":  # on a resolution only (the bar follows the mode)
            composer = getattr(self, "_composer", None)
            return not self.read_only and composer is not None and composer.mode is Mode.RESOLUTION
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
