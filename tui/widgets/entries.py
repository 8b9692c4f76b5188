"""The current item's minutes: ONE OptionList of Rich renderables (never a widget per entry).

Option ids are ``e<id>`` for entries and ``a<id>`` for actions raised under the item, so the
highlight survives a redraw and the screen knows what the clerk has selected.
"""

from __future__ import annotations

import contextlib
from collections.abc import Hashable, Mapping, Sequence
from functools import partial
from typing import Any

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from models.domain import ActionData, EntryData, Numbering, PersonData
from models.numbering import entry_numbers
from tui.widgets.entry_view import action_renderable, entry_renderable
from tui.widgets.memo import Memo, MemoCache


class EntryList(OptionList):
    """Keys act on the highlighted entry through the screen's actions."""

    HELP_TITLE = "Entries list"

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

    def _rows(
        self,
        entries: Sequence[EntryData],
        actions: Sequence[ActionData],
        numbering: Numbering,
        people: Mapping[int, PersonData],
    ) -> list[tuple[str, Hashable, Memo]]:
        """(option id, what it shows, its laid-out line) for each entry, then each action."""
        memo = self._memos.get
        rows: list[tuple[str, Hashable, Memo]] = [
            (f"e{entry.id}", (entry, label),
             memo((entry, label), partial(entry_renderable, entry, label, people)))
            for entry, label in zip(entries, entry_numbers(list(entries), numbering), strict=True)
        ]
        rows += [(f"a{a.id}", a, memo(a, partial(action_renderable, a, people))) for a in actions]
        return rows

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
        keep = select or (self.highlighted_option.id if self.highlighted_option else None)
        if people is not self._people:  # names may have changed: lay everything out again
            self._people = people
            self._memos.clear()
            self._shown = None
        rows = self._rows(entries, actions, numbering, people)
        shown = [shows for _, shows, _ in rows]
        if shown == self._shown and self.option_count:
            # Nothing changed (a store call re-read the same rows): keep the list as drawn.
            if select is not None:
                with contextlib.suppress(OptionDoesNotExist):
                    self.highlighted = self.get_option_index(select)
            return
        self._shown = shown
        self.set_options([Option(line, id=option_id) for option_id, _, line in rows])
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
        for _, _, line in self._rows(entries, actions, numbering, people):
            list(console.render(line, options))

    @property
    def selected_key(self) -> tuple[str, int] | None:
        """("entry", id) or ("action", id) for the highlighted row."""
        option = self.highlighted_option
        if option is None or not option.id:
            return None
        kind = "entry" if option.id[0] == "e" else "action"
        return kind, int(option.id[1:])

    def select_last(self) -> None:
        if self.option_count:
            self.highlighted = self.option_count - 1
