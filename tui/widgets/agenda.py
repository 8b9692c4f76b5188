"""The agenda pane of the live screen: ONE OptionList, one option per item.

The current item is marked ``▶``, finished items ``✓``; each shows its start (and finish) time and
how many entries it has. Typing an item's number (``1``, ``2``, ``1`` ``2`` for 12, ``5a``) moves
the highlight there; Enter takes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from time import monotonic
from typing import cast

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.css.styles import RulesMap
from textual.visual import Visual, visualize
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from panel_minutes.models.clock import span
from panel_minutes.models.domain import ItemData
from panel_minutes.models.item_times import is_running, sittings
from panel_minutes.tui.timings import DEFAULT_TIMINGS, timings_of
from panel_minutes.tui.widgets.gutter import Cell, Gutter
from panel_minutes.tui.widgets.memo import MemoCache

TYPEAHEAD_SECONDS = DEFAULT_TIMINGS.typeahead  # the app's own: app.timings


def item_prompt(
    item: ItemData,
    number: str,
    *,
    current: bool,
    entry_count: int,
    action_count: int = 0,
    details: bool = True,
    hide_exempt: bool = False,
) -> RenderableType:
    """Marker and number in their own columns; the title, then times and counts (dim).

    ``details=False`` (a narrow screen) leaves out the second line; ``hide_exempt`` shows an
    exempt item by its public title (the screen may be on a projector)."""
    marker = "▶" if current else ("✓" if item.finished_at and not is_running(item) else "")
    shown = item.shown_public_title if item.exempt and hide_exempt else item.title
    title = Text(shown, style="bold" if current else "")
    if item.exempt:
        title.append(" Part 2", style="bold red")
    facts = []
    for start, end in sittings(item):  # an item taken up again shows each sitting
        facts.append(span(start, end) if end else f"from {start}")
    if entry_count:
        facts.append(f"{entry_count} entr{'y' if entry_count == 1 else 'ies'}")
    if action_count:
        facts.append(f"{action_count} action{'' if action_count == 1 else 's'}")
    if facts and details:
        title.append("\n" + " · ".join(facts), style="dim")
    shown_number = f"  {number}." if item.level else f"{number}."  # a sub-item: indented
    return Gutter(
        [Cell(Text(marker, style="bold" if current else "green"), 1),
         Cell(Text(shown_number, style="bold"), len(shown_number))],
        title,
    )


class AgendaList(OptionList):
    """The meeting's items. Option ids are the item ids (as strings)."""

    BINDINGS = [
        Binding("enter", "select", "Take item", key_display="⏎",
                tooltip="Make the highlighted item the current one"),
    ]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self._typed = ""
        self._typed_at = 0.0
        self._numbers: dict[int, str] = {}
        self._memos = MemoCache(limit=500)
        self._keys: list[tuple[ItemData, str, bool, int, int, bool, bool]] = []
        self._options_by_key: dict[tuple[ItemData, str, bool, int, int, bool, bool], Option] = {}

    def show(
        self,
        items: Sequence[ItemData],
        numbers: Mapping[int, str],
        current_id: int | None,
        entry_counts: Mapping[int, int],
        action_counts: Mapping[int, int],
        *,
        keep_highlight: bool = True,
        details: bool = True,
        hide_exempt: bool = False,
    ) -> None:
        """Redraw the items (a meeting has tens of items, 300 at the most)."""
        previous = self.highlighted_option.id if keep_highlight and self.highlighted_option else None
        self._numbers = dict(numbers)
        keys = [
            (item, numbers.get(item.id, "?"), item.id == current_id, entry_counts.get(item.id, 0),
             action_counts.get(item.id, 0), details or item.id == current_id, hide_exempt)
            for item in items
        ]
        if (keys != self._keys and self.option_count == len(self._keys) == len(keys)
                and self._replace_in_place(keys)):
            pass  # a filing or a switch: one or two lines changed, the rest stays as drawn
        elif keys != self._keys or not self.option_count:
            # Only the lines that changed are laid out again (a switch changes two).
            self._keys = keys
            # An unchanged line keeps its Option (and with it Textual's visual of it): a filing
            # changes one line of an agenda of 300 items, not 300.
            previous_options, self._options_by_key = self._options_by_key, {}
            options = []
            for key in keys:
                option = previous_options.get(key)
                if option is None:
                    option = Option(self._prompt(key), id=str(key[0].id))
                self._options_by_key[key] = option
                options.append(option)
            self.set_options(options)
        target = previous or (str(current_id) if current_id is not None else None)
        if target is not None:
            self.highlight_item(int(target))

    def _prompt(self, key: tuple[ItemData, str, bool, int, int, bool, bool]) -> RenderableType:
        item, number, current, entry_count, action_count, shown, hide = key
        return self._memos.get(key, partial(
            item_prompt, item, number, current=current, entry_count=entry_count,
            action_count=action_count, details=shown, hide_exempt=hide,
        ))

    def _replace_in_place(self, keys: list[tuple[ItemData, str, bool, int, int, bool, bool]]) -> bool:
        """Replace the prompts of the few lines that changed, when the items are the same ones
        in the same order and each changed line keeps its height: ``set_options`` would make
        Textual measure all 300 lines of an extreme agenda again. False: redraw them all."""
        changed = [n for n, (old, new) in enumerate(zip(self._keys, keys, strict=True))
                   if old != new]
        if len(changed) > 4 or any(self._keys[n][0].id != keys[n][0].id for n in changed):
            return False
        heights = self._heights
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - padding.width
        if width <= 0:
            return False
        new: list[tuple[int, RenderableType, Visual]] = []
        for n in changed:
            prompt = self._prompt(keys[n])
            visual = visualize(self, prompt, markup=self._markup)
            if visual.get_height(cast(RulesMap, self.styles), width) != heights.get(n):
                return False
            new.append((n, prompt, visual))
        cache = self._option_render_cache
        lines = self._index_to_line
        for n, prompt, visual in new:
            option = self.get_option_at_index(n)
            self._options_by_key.pop(self._keys[n], None)
            option._set_prompt(prompt)
            option._visual = visual
            self._options_by_key[keys[n]] = option
            # Only this option's lines are drawn again (its heights, and so every line's
            # position, are kept): the rest of the agenda stays as painted.
            for key in [k for k in cache.keys() if k[0] is option]:  # noqa: SIM118 (no __iter__)
                cache.discard(key)
            if n in lines:
                self.refresh_lines(lines[n], heights[n])
            else:
                self.refresh()
        self._keys = keys
        return True

    def highlight_item(self, item_id: int) -> None:
        try:
            self.highlighted = self.get_option_index(str(item_id))
        except Exception:  # an item that is not (or no longer) listed
            return

    @property
    def highlighted_item_id(self) -> int | None:
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id is not None else None

    async def _on_key(self, event: events.Key) -> None:
        """Type-ahead on item numbers: "1" then "2" within a second jumps to item 12."""
        char = event.character
        if char is None or not char.isalnum() or len(char) != 1:
            return
        now = monotonic()
        pending = self._typed if now - self._typed_at < timings_of(self.app).typeahead else ""
        if not char.isdigit() and not pending:
            return  # letters start nothing: they stay free for key bindings
        typed = pending + char.lower()
        match = self._find(typed)
        if match is None and char.isdigit():
            typed = char
            match = self._find(typed)
        self._typed, self._typed_at = typed, now
        if match is not None:
            event.stop()
            event.prevent_default()
            self.highlight_item(match)

    def _find(self, typed: str) -> int | None:
        exact = [i for i, n in self._numbers.items() if n.lower() == typed]
        if exact:
            return exact[0]
        prefix = [i for i, n in self._numbers.items() if n.lower().startswith(typed)]
        return prefix[0] if prefix else None
