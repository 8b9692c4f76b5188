"""Search every meeting's minutes: ``SearchScreen(query="")``.

An Input and ONE OptionList of results (never a widget per hit). The search runs on the store
thread a moment after the clerk stops typing (``DEBOUNCE``), so typing never waits for it; a newer
query replaces the results of an older one. Each result shows the meeting's date and panel, the
item, what was found (question, resolution, action ...) and a snippet with the matching words
highlighted; hits in exempt (Part 2) items are marked. Results come newest meeting first.

Enter on a result opens that meeting's live minutes at the item and entry found (the app decides
whether to reuse an open live screen: ``open_hit``). Query syntax: see ``panel_minutes.models.store.search``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from panel_minutes.tui.timings import DEFAULT_TIMINGS, timings_of
from panel_minutes.tui.typed_app import panel_app
from panel_minutes.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from panel_minutes.models.domain import SearchHit

DEBOUNCE = DEFAULT_TIMINGS.search_debounce  # seconds after the last keystroke (app.timings)
LIMIT = 100  # results shown at most (newest first)
MARK_OPEN, MARK_CLOSE = "[[", "]]"  # as panel_minutes.models.store.search marks matches
MATCH_STYLE = "bold black on yellow"
SOURCE_LABELS = {
    "entry": "minutes",
    "item": "agenda item",
    "action": "action",
    "action_update": "action progress",
    "declaration": "declaration",
    "amendment": "amendment",
}
HELP_TEXT = (
    "Type words to find them in every meeting's minutes (all of them must appear). "
    '"exact phrase" · budg* (words starting with) · -word (leave out). '
    "↓ or Enter goes to the results; Enter on a result opens the meeting there."
)


def highlighted(snippet: str) -> Text:
    """The store's snippet with ``[[matches]]`` turned into highlighted text (markers removed).

    Only the markers are interpreted: any other text (brackets, Rich markup) stays as typed."""
    out = Text()
    rest = snippet
    while rest:
        start = rest.find(MARK_OPEN)
        end = rest.find(MARK_CLOSE, start + len(MARK_OPEN)) if start >= 0 else -1
        if start < 0 or end < 0:
            out.append(rest)
            break
        out.append(rest[:start])
        out.append(rest[start + len(MARK_OPEN):end], style=MATCH_STYLE)
        rest = rest[end + len(MARK_CLOSE):]
    return out


def hit_renderable(hit: SearchHit) -> Group:
    """Where (date, what, item, panel: cut to one line), then the highlighted snippet indented
    by two columns (its wrapped lines too)."""
    where = Text(no_wrap=True, overflow="ellipsis")
    where.append(f"{hit.held_on:%d %b %Y}", style="bold")
    where.append(f"  {SOURCE_LABELS.get(hit.source, hit.source)}", style="italic")
    if hit.exempt:
        where.append("  PART 2 (exempt)", style="bold red")
    if hit.item_title:
        where.append("  ")
        where.append(hit.item_title, style="bold")
    where.append(f"  · {hit.panel_name}", style="dim")
    return Group(where, Padding(highlighted(hit.snippet), (0, 0, 0, 2)))


class SearchResults(OptionList):
    """The results: Enter opens the highlighted one."""

    HELP_TITLE = "in the results"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", key_display="⏎",
                tooltip="Open the meeting at this entry"),
    ]


class SearchScreen(Screen[None]):
    """Find a word or phrase in every meeting; open the meeting where it was said."""

    CSS_PATH = "../tui/styles/search.tcss"
    TITLE = "panel-minutes"
    SUB_TITLE = "Search"
    HELP_WIDGETS: ClassVar[tuple[type, ...]] = (SearchResults,)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", key_display="Esc", tooltip="Close the search"),
        Binding("slash", "focus_query", "Edit search", key_display="/", show=False,
                tooltip="Back to the search words"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial_query = query
        self.hits: list[SearchHit] = []
        self.searched = ""  # the query the shown results answer
        self.searching = False
        self._timer: Timer | None = None
        self._to_results = False  # Enter was pressed: go to the results when they come

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(self.initial_query, placeholder="Search the minutes of every meeting",
                    id="query")
        yield Static(HELP_TEXT, id="search-status")
        yield SearchResults(id="results")
        yield KeyBar(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        self.query_one(SearchResults).display = False
        if self.initial_query.strip():
            self.run_search()

    @property
    def results(self) -> SearchResults:
        return self.query_one(SearchResults)

    # --- searching -------------------------------------------------------------------------------

    @on(Input.Changed, "#query")
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(timings_of(self.app).search_debounce, self.run_search)

    def run_search(self) -> None:
        """Search for what is in the field now (on the store thread; newer replaces older)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        query = self.query_one("#query", Input).value
        if not query.strip():
            self._show(query, [])
            return
        self.searching = True
        panel_app(self).runner.call(self, lambda s: s.search(query, limit=LIMIT), lambda hits: self._show(query, hits),
            on_error=lambda _err: self._failed(), group="search", exclusive=True,
        )

    def _failed(self) -> None:
        self.searching = False

    def _show(self, query: str, hits: list[SearchHit]) -> None:
        if not self.is_attached or not self.query(SearchResults):
            return  # closed while the search ran
        self.searching = False
        self.searched = query
        self.hits = hits
        results = self.results
        results.set_options(
            Option(hit_renderable(hit), id=str(n)) for n, hit in enumerate(hits)
        )
        results.display = bool(hits)
        if hits:
            results.highlighted = 0
            if self._to_results:
                results.focus()
        self._to_results = False
        status = self.query_one("#search-status", Static)
        if not query.strip():
            status.update(HELP_TEXT)
        elif not hits:
            status.update(f"Nothing found for {query.strip()!r}. Try fewer or shorter words, "
                          "or a word's start with * (budg*).")
        else:
            more = " (the newest; add words to narrow it down)" if len(hits) >= LIMIT else ""
            exempt = sum(1 for h in hits if h.exempt)
            note = f" · {exempt} in Part 2 (exempt) items" if exempt else ""
            status.update(
                f"{len(hits)} result{'s' if len(hits) != 1 else ''}{more}, newest meeting "
                f"first{note}. Enter opens the meeting there."
            )

    # --- moving about ----------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Down (or Enter) in the field goes to the results; up from the first result back."""
        field = self.query_one("#query", Input)
        results = self.results
        if self.focused is field and event.key == "down" and self.hits:
            event.stop()
            results.focus()
        elif self.focused is results and event.key == "up" and results.highlighted in (0, None):
            event.stop()
            field.focus()

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None or self.searched != event.value:
            self._to_results = True
            self.run_search()
        elif self.hits:
            self.results.focus()

    def action_focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    @on(OptionList.OptionSelected, "#results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = int(event.option.id or 0)
        if 0 <= index < len(self.hits):
            self.open_hit(self.hits[index])

    def open_hit(self, hit: SearchHit) -> None:
        """Open the hit's meeting at its item and entry (or action)."""
        from panel_minutes.screens.live import LiveScreen

        target = (hit.meeting_id, hit.item_id, hit.entry_id, hit.action_id)
        # The meeting may be open underneath already: go back to it rather than open it twice
        # (two live screens on one meeting would fight over its draft).
        stack = self.app.screen_stack
        for depth, screen in enumerate(reversed(stack)):
            if isinstance(screen, LiveScreen) and screen.meeting_id == hit.meeting_id:
                for _ in range(depth):
                    self.app.pop_screen()
                screen.show_at(*target[1:])
                return
        self.dismiss(None)
        self.app.push_screen(
            LiveScreen(hit.meeting_id, item_id=hit.item_id, entry_id=hit.entry_id,
                       action_id=hit.action_id)
        )

    def action_close(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.dismiss(None)
