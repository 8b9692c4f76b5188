"""The Textual App: opens the store off the first frame, then hands over to the screens.

Start-up is ordered for speed: the first screen paints before SQLAlchemy is even imported; the
store opens in a thread worker and screens wait on ``app.store_ready`` before loading data.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widget import Widget

from panel_minutes.models import clock as clock_source
from panel_minutes.models.clock import Clock
from panel_minutes.tui import bench_hook
from panel_minutes.tui.store_runner import StoreRunner
from panel_minutes.tui.timings import DEFAULT_TIMINGS, Timings

if TYPE_CHECKING:
    from panel_minutes.models.domain import MeetingSummary
    from panel_minutes.models.store import Store


@dataclass(frozen=True)
class Notice:
    """One notification as the app showed it (``app.notices``)."""

    message: str
    title: str
    severity: str


class PanelMinutesApp(App[None]):
    """The clerk's app. Build it with ``make_app`` (the CLI and every test do)."""

    CSS_PATH = ["styles/app.tcss", "styles/meetings.tcss"]  # meetings: the first screen
    TITLE = "panel-minutes"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", "Help", key_display="F1"),
        # Search every meeting from any screen (screens/search.py).
        Binding("ctrl+f", "search", "Search", key_display="^F",
                tooltip="Find words in the minutes of every meeting"),
        # Kept out of crowded footers; the meetings screen shows it, F1 and the palette list it.
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
    ]

    def __init__(
        self,
        db: str | None = None,
        *,
        open_meeting: int | None = None,
        clock: Clock | None = None,
        timings: Timings = DEFAULT_TIMINGS,
    ) -> None:
        super().__init__()
        self.db_target = db
        self.open_meeting = open_meeting
        # The time of day the screens see, and how long they wait (tests inject both).
        self.clock = clock
        self.timings = timings
        self.backup_every = timings.backup_every
        # Every notification shown, newest last (a bounded log: tests and the screens read it).
        self.notices: deque[Notice] = deque(maxlen=200)
        self._store: Store | None = None
        self.store_ready = asyncio.Event()
        self.store_error: str | None = None
        # The one way the screens reach the store (panel_minutes.tui.store_runner): one thread, so writes land
        # in the order they were made, and a read after a write sees it.
        self.runner = StoreRunner(self.wait_for_store, lambda: self.store)
        # Tests and snapshots fix "today" here so that screens showing it are deterministic.
        self.fixed_today: date | None = None
        # The live screen's ^S: Part 2 (exempt) text hidden on screen (a projector in the room);
        # kept here so that it stays hidden in the next meeting opened.
        self.hide_exempt = False

    @property
    def store(self) -> Store:
        """The open store; only valid once ``store_ready`` is set (screens await it)."""
        if self._store is None:
            raise RuntimeError("the store is not open yet: await app.store_ready first")
        return self._store

    def today(self) -> date:
        """Today's date as the screens see it (``fixed_today`` when a test sets it, else the
        app's clock)."""
        return self.fixed_today or self.now().date()

    def now(self) -> datetime:
        """The time of day as the screens see it: the injected clock, else the system's."""
        moment: datetime = (self.clock or clock_source.system_clock)()
        return moment

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification (Textual's) and keep it in ``notices``."""
        self.notices.append(Notice(message, title, severity))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    async def wait_for_store(self) -> Store:
        await self.store_ready.wait()
        return self.store

    def get_default_screen(self) -> Screen[Any]:
        """The meetings list is the app's first and bottom screen: no blank screen under it to
        compose and paint first, and its styles are read with the app's (CSS_PATH), so the
        stylesheet is not parsed and applied twice before the first frame (~20 ms sooner)."""
        from panel_minutes.screens.meetings import MeetingsScreen

        return MeetingsScreen()

    def on_mount(self) -> None:
        # Open the store once the first frame is painted: importing SQLAlchemy in a thread
        # holds the GIL for most of its ~0.3 s and would otherwise delay that frame.
        self.call_after_refresh(self._open_store)
        if bench_hook.active():
            self.call_after_refresh(bench_hook.mark, self, "first-frame")

    @work(thread=True, exclusive=True, group="store-open")
    def _open_store(self) -> None:
        # The meetings list first, read with the standard library alone (panel_minutes.models.quick_list):
        # it paints before SQLAlchemy is even imported. The import below then waits for that
        # frame, as it would otherwise hold the GIL while the list is drawn.
        from panel_minutes.models.quick_list import quick_meetings

        early = quick_meetings(self.db_target)
        if early is not None:
            painted = threading.Event()
            self.call_from_thread(self._show_early, early, painted)
            painted.wait(timeout=2.0)

        from panel_minutes.models.errors import PanelMinutesError
        from panel_minutes.models.store import Store

        try:
            store = Store(self.db_target)
        except PanelMinutesError as exc:
            self.call_from_thread(self._store_failed, str(exc))
            return
        self.call_from_thread(self._store_opened, store)

    def _show_early(self, meetings: list[MeetingSummary], painted: threading.Event) -> None:
        from panel_minutes.screens.meetings import MeetingsScreen

        if isinstance(self.screen, MeetingsScreen):
            self.screen.show_early(meetings)
        self.call_after_refresh(painted.set)

    def _store_opened(self, store: Store) -> None:
        self._store = store
        self.store_ready.set()
        self._start_backups(store)
        self._warm_up()

    @work(thread=True, group="warm-up")
    def _warm_up(self) -> None:
        """Load the live screen's code while the clerk reads the list (~0.07 s of imports that
        opening the first meeting would otherwise wait for), then take everything loaded so
        far out of the garbage collector's full passes: they scanned every object of Textual
        and SQLAlchemy, a pause of up to 0.2 s in the middle of typing.

        The store runs the queries that open a meeting once (``Store.warm_up``, on the store
        thread, after whatever the screens asked first), so SQLAlchemy has compiled them."""
        import gc

        import panel_minutes.screens.live  # noqa: F401
        from panel_minutes.models.errors import PanelMinutesError
        if self._store is not None:
            try:
                self.runner.run_now(lambda store: store.warm_up(), timeout=30)
            except (PanelMinutesError, TimeoutError) as exc:  # only a head start: never fatal
                self.log.warning("store warm-up skipped", exc)
            except Exception as exc:  # a bug there must not close the app either
                self.log.error("store warm-up failed", exc)
        gc.freeze()

    # --- automatic backups (panel_minutes.models.backup) -------------------------------------------------------

    # Seconds between automatic backups while the app is open (a copy is kept only when the
    # database changed); ``timings.backup_every`` unless a test sets it.
    backup_every: float = DEFAULT_TIMINGS.backup_every

    def _start_backups(self, store: Store) -> None:
        """A backup now (off the UI thread), then every ``backup_every`` seconds: SQLite only."""
        from panel_minutes.models.db import sqlite_path

        path = sqlite_path(store.target)
        if path is None:
            return
        self._backup(path, opening=True)
        self.set_interval(self.backup_every, partial(self._backup, path), name="backup")

    @work(thread=True, group="backup")
    def _backup(self, path: Path, opening: bool = False) -> None:
        from panel_minutes.models import backup
        from panel_minutes.models.errors import PanelMinutesError

        try:
            backup.take_backup(path, if_changed=True)
        except backup.DamagedDatabaseError as exc:
            self.call_from_thread(self._database_damaged, str(exc), opening)
        except PanelMinutesError as exc:
            self.call_from_thread(
                self.notify, f"Automatic backup failed: {exc}", title="Backup",
                severity="warning", timeout=15,
            )

    def _database_damaged(self, message: str, opening: bool) -> None:
        """Found by the backup's check: at open, stop (like any unusable file); later, warn."""
        if opening:
            self._store_failed(message)
        else:
            self.notify(message, title="Database damaged", severity="error", timeout=60)

    def _store_failed(self, message: str) -> None:
        # The command line prints ``store_error`` as its one error line after the app closes.
        self.store_error = message
        self.exit(return_code=2)

    def on_unmount(self) -> None:
        # Let every queued write finish before the store closes.
        self.runner.shutdown()
        if self._store is not None:
            self._store.close()

    def action_help(self) -> None:
        from panel_minutes.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(for_screen=type(self.screen)))

    def action_search(self) -> None:
        """Open the search (screens/search.py) over the current screen; not over a dialog."""
        from textual.screen import ModalScreen

        from panel_minutes.screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            self.screen.action_focus_query()
            return
        if isinstance(self.screen, ModalScreen):
            self.notify("Close this dialog first (Esc), then search.", timeout=3)
            return
        self.push_screen(SearchScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every command of the screen, wherever the focus is: the keys of the screen, of every
        widget on it (the entries list's keys from the composer too) and of the app.

        A key is listed when it is shown in the key bar, or kept out of it (``show=False``) with
        a ``tooltip``; a key an action's ``check_action`` turns off right now is left out. The
        keys active where the focus is come first and win a clash; a widget's key found off the
        focus is named with the widget ("Edit (e) · Setup: Agenda tab") and focuses it first.
        """
        from panel_minutes.screens.help import title_of

        yield from super().get_system_commands(screen)
        seen: set[tuple[int, str]] = set()
        for node, binding in _screen_bindings(screen):
            listed = binding.show or bool(binding.tooltip)
            if not listed or not binding.description:
                continue
            if binding.action in {"quit", "command_palette", "app.quit"}:
                continue
            target, name, params = self._parse_action(binding.action, node)
            if (id(target), binding.action.split(".")[-1]) in seen:
                continue
            if target.check_action(name, params) is False:
                continue
            seen.add((id(target), binding.action.split(".")[-1]))
            key = binding.key_display or self.get_key_display(binding)
            title = f"{binding.description} ({key})"
            focused = screen.focused
            off_focus = (isinstance(node, Widget) and node is not screen
                         and (focused is None or node not in focused.ancestors_with_self))
            where = title_of(type(node)) if off_focus else ""
            if where:
                title = f"{title} · {where}"
            yield SystemCommand(
                title,
                binding.tooltip or f"Same as pressing {key}",
                partial(self._run_from_palette, binding.action, node),
            )

    async def _run_from_palette(self, action: str, node: DOMNode) -> None:
        """Run a command picked in the palette as its key would (its widget focused first,
        when that widget can take the focus)."""
        if isinstance(node, Widget) and node in node.screen.focus_chain:
            node.focus()
        await self.run_action(action, node)


def _screen_bindings(screen: Screen[object]) -> Iterator[tuple[DOMNode, Binding]]:
    """Every binding of ``screen``: those active where the focus is first (in Textual's order),
    then those of every other widget on the screen, then the screen's and the app's."""
    for active in screen.active_bindings.values():
        yield active.node, active.binding
    for node in (*screen.query("*").results(), screen, screen.app):
        for bindings in node._bindings.key_to_bindings.values():
            for binding in bindings:
                yield node, binding


def make_app(
    db: str | None = None,
    *,
    open_meeting: int | None = None,
    clock: Clock | None = None,
    timings: Timings = DEFAULT_TIMINGS,
) -> PanelMinutesApp:
    """Build the app for a database path or URL (``None``: environment, then the default).

    ``clock`` gives the time of day (default: the system's); ``timings`` the app's delays and
    intervals (``panel_minutes.tui.timings``). Tests pass a clock they move and short timings."""
    return PanelMinutesApp(db, open_meeting=open_meeting, clock=clock, timings=timings)
