"""The current item's minutes: ONE OptionList of Rich renderables (never a widget per entry).

Option ids are ``e<id>`` for entries and ``a<id>`` for actions raised under the item, so the
highlight survives a redraw and the screen knows what the clerk has selected.

A long item shows only its last ``WINDOW`` entries, under one row saying how many earlier ones
there are (id ``more``): moving onto that row (or Enter on it) lays out ``WINDOW`` more. An item
of 2,000 entries so opens, files and switches as fast as one of 100; selecting an earlier entry
(a search result) widens the window to it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Hashable, Mapping, Sequence
from functools import partial
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from panel_minutes.models.domain import ActionData, EntryData, Numbering, PersonData
from panel_minutes.models.house_style import DEFAULT as DEFAULT_STYLE
from panel_minutes.models.house_style import HouseStyle
from panel_minutes.models.numbering import entry_numbers
from panel_minutes.tui.widgets.entry_view import action_renderable, entry_renderable
from panel_minutes.tui.widgets.memo import Memo, MemoCache

WINDOW = 100  # entries laid out at a time in a long item
MORE = "more"  # the option id of the "earlier entries" row


def more_prompt(hidden: int) -> Text:
    return Text(
        f"▲ {hidden:,} earlier entr{'y' if hidden == 1 else 'ies'} · ↑ or Enter shows "
        f"{min(hidden, WINDOW)} more", style="dim italic",
    )


class EntryList(OptionList):
    """Keys act on the highlighted entry through the screen's actions."""

    HELP_TITLE = "Entries list"

    # Textual lays out the whole screen again when a widget's virtual (scrollable) size changes;
    # this list's own size never depends on its content (it fills the space left), so a filing
    # that makes it one entry longer only repaints it and moves its scrollbar (Textual still
    # lays out when the scrollbar appears or goes).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("e", "screen.edit_entry", "Edit", key_display="e/⏎"),
        Binding("k", "screen.change_kind", "Kind", tooltip="Paragraph → question → resolution → note"),
        Binding("shift+up,K", "screen.move_entry(-1)", "Up", key_display="⇧↑"),
        Binding("shift+down,J", "screen.move_entry(1)", "Down", key_display="⇧↓"),
        Binding("m", "screen.move_to_item", "To item", tooltip="Move it to another agenda item"),
        Binding("d,delete", "screen.delete_entry", "Delete", key_display="d"),
        Binding("h", "screen.revisions", "Changes",
                tooltip="The changes made to the selected entry since it was filed"),
        Binding("r", "screen.deleted_entries", "Deleted entries",
                tooltip="Entries and actions deleted from this meeting (kept, after a restart "
                        "too): put one back"),
        Binding("u", "screen.undo", "Undo", show=False),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Entries laid out once, reused while unchanged (switching back, filing one more).
        self._memos = MemoCache()
        self._people: Mapping[int, PersonData] | None = None
        self._shown: list[Hashable] | None = None
        self._item: int | None = None  # the item whose entries are shown
        self._window = WINDOW  # how many of its last entries are laid out
        self._count = 0  # how many entries the item had at the last show()
        self._last: tuple[Any, ...] | None = None  # the arguments of the last show()
        self._redrawing = False
        # The panel's house style, its chair's title and the item's number ("5.1" paragraphs):
        # entries are worded and numbered as the minutes print them (``wording``).
        self._wording: tuple[HouseStyle, str] = (DEFAULT_STYLE, "Chair")
        self._item_number = ""

    def set_wording(
        self, style: HouseStyle, chair_title: str = "Chair", item_number: str = ""
    ) -> None:
        """Word and number the entries in ``style`` from now (the panel's house style) under the
        item numbered ``item_number``; a change lays every entry out again."""
        if (style, chair_title) != self._wording:
            self._wording = (style, chair_title)
            self._memos.clear()
            self._shown = None
        self._item_number = item_number

    def _rows(
        self,
        entries: Sequence[EntryData],
        actions: Sequence[ActionData],
        numbering: Numbering,
        people: Mapping[int, PersonData],
        hidden: int = 0,
    ) -> list[tuple[str, Hashable, Memo | Text]]:
        """(option id, what it shows, its laid-out line) for the "earlier entries" row when
        ``hidden`` entries are left out, each entry after those, then each action."""
        memo = self._memos.get
        style, chair_title = self._wording
        labels = entry_numbers(list(entries), numbering, style, self._item_number)
        rows: list[tuple[str, Hashable, Memo | Text]] = (
            [(MORE, (MORE, hidden), more_prompt(hidden))] if hidden else []
        )
        rows += [
            (f"e{entry.id}", (entry, label),
             memo((entry, label),
                  partial(entry_renderable, entry, label, people, chair_title, style)))
            for entry, label in zip(entries[hidden:], labels[hidden:], strict=True)
        ]
        rows += [(f"a{a.id}", a, memo(a, partial(action_renderable, a, people))) for a in actions]
        return rows

    def _hidden(self, entries: Sequence[EntryData], keep: str | None) -> int:
        """How many of ``entries`` stay out of the list: all but the window, which starts
        afresh for another item and widens to take in the entry to keep."""
        item = entries[0].item_id if entries else None
        if item != self._item:
            self._item, self._window = item, WINDOW
        elif len(entries) > self._count:
            # Filed in this item: the rows above stay (the list only grows at its end) until
            # the window is twice its size, then it starts afresh.
            grown = self._window + len(entries) - self._count
            self._window = grown if grown <= 2 * WINDOW else WINDOW
        self._count = len(entries)
        if keep is not None and keep.startswith("e"):
            index = next((n for n, e in enumerate(entries) if f"e{e.id}" == keep), None)
            if index is not None:
                self._window = max(self._window, len(entries) - index)
        return max(0, len(entries) - self._window)

    def show(
        self,
        entries: Sequence[EntryData],
        actions: Sequence[ActionData],
        numbering: Numbering,
        people: Mapping[int, PersonData],
        *,
        select: str | None = None,
    ) -> None:
        """Redraw the list; keep the highlight on ``select`` or the entry that had it."""
        current = self.highlighted_option.id if self.highlighted_option else None
        keep = select or (current if current != MORE else None)
        if people is not self._people:  # names may have changed: lay everything out again
            self._people = people
            self._memos.clear()
            self._shown = None
        self._last = (entries, actions, numbering, people)
        rows = self._rows(entries, actions, numbering, people, self._hidden(entries, keep))
        shown = [shows for _, shows, _ in rows]
        if shown == self._shown and self.option_count:
            # Nothing changed (a store call re-read the same rows): keep the list as drawn.
            if select is not None:
                with contextlib.suppress(OptionDoesNotExist):
                    self.highlighted = self.get_option_index(select)
            return
        before, self._shown = self._shown, shown
        self._redrawing = True
        try:
            if (before and self.option_count == len(before) < len(shown)
                    and shown[:len(before)] == before):
                # Rows only added at the end (a filing): Textual lays out just those.
                self.add_options([Option(line, id=option_id)
                                  for option_id, _, line in rows[len(before):]])
            else:
                self.set_options([Option(line, id=option_id) for option_id, _, line in rows])
        finally:
            self._redrawing = False
        if not rows:
            return
        index = len(rows) - 1
        if keep is not None:
            try:
                index = self.get_option_index(keep)
            except OptionDoesNotExist:  # the kept entry was deleted or moved away
                index = len(rows) - 1
        self.highlighted = index

    def prepare(
        self,
        entries: Sequence[EntryData],
        actions: Sequence[ActionData],
        numbering: Numbering,
        people: Mapping[int, PersonData],
    ) -> None:
        """Lay out another item's lines now, at this list's width, so that showing that item
        later (F7, F6) finds them laid out. Called while the clerk is not typing."""
        if people is not self._people or not self.size.width:
            return
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - padding.width
        console = self.app.console
        options = self.app.console_options.update_width(width)
        hidden = max(0, len(entries) - WINDOW)  # what showing it would lay out
        for _, _, line in self._rows(entries, actions, numbering, people, hidden):
            list(console.render(line, options))

    def show_more(self) -> None:
        """Lay out ``WINDOW`` more of the item's earlier entries; the highlight moves to the
        last of them (just above the entry that was first), so ↑ carries on upwards."""
        if self._last is None:
            return
        entries = self._last[0]
        hidden = max(0, len(entries) - self._window)
        if not hidden:
            return
        self._window += WINDOW
        target = entries[hidden - 1]
        self.show(*self._last, select=f"e{target.id}")

    def action_select(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id == MORE:
            self.show_more()
            return
        super().action_select()

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if (not self._redrawing and highlighted is not None and highlighted < self.option_count
                and self.get_option_at_index(highlighted).id == MORE):
            self.call_later(self.show_more)  # scrolled up to it: lay out the next ones

    @property
    def selected_key(self) -> tuple[str, int] | None:
        """("entry", id) or ("action", id) for the highlighted row."""
        option = self.highlighted_option
        if option is None or not option.id or option.id == MORE:
            return None
        kind = "entry" if option.id[0] == "e" else "action"
        return kind, int(option.id[1:])

    def select_last(self) -> None:
        if self.option_count:
            self.highlighted = self.option_count - 1
