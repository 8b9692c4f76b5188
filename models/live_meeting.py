"""The meeting as the live screen holds it: what was read when it opened, and kept up to date.

The live screen opens a meeting in two steps (``Store.read_opening``, then every other item's
entries in short reads). This class holds what those reads brought and every re-read after a
change, and answers the questions the screen asks of it (the current item, an entry's label,
the counts the agenda shows). Pure Python: no Textual; the screen only draws it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from panel_minutes.models import batches
from panel_minutes.models.domain import (
    ActionData,
    AttendanceStatus,
    EntryData,
    EntryKind,
    ItemData,
    MinutesDocument,
    Numbering,
    PersonData,
)
from panel_minutes.models.house_style import DEFAULT as DEFAULT_STYLE
from panel_minutes.models.numbering import entry_numbers, item_numbers
from panel_minutes.models.screen_data import Opening

if TYPE_CHECKING:
    from panel_minutes.models.store import Store

T = TypeVar("T")

# Where the screen opens (a search hit): item, entry, action.
Place = tuple[int | None, int | None, int | None]

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


@dataclass(frozen=True, slots=True)
class Fresh:
    """What a store job hands back besides its result: the lists it changed, re-read."""

    entries: dict[int, list[EntryData]]
    actions: list[ActionData]
    items: list[ItemData]


def with_fresh(
    call: Callable[[Store], T], items: set[int], meeting_id: int
) -> Callable[[Store], tuple[T, Fresh]]:
    """``call`` followed by a re-read of what it changed, in the same store-thread slot: the
    items in ``items`` (and any set of item ids ``call`` returns), the actions and the agenda."""

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


class LiveMeeting:
    """One meeting's agenda, entries, actions and people as the live screen shows them."""

    def __init__(self, meeting_id: int, open_at: Place | None = None) -> None:
        self.meeting_id = meeting_id
        self.open_at = open_at  # a search result asks to open at this item and entry (or action)
        self.doc: MinutesDocument | None = None
        self.items: list[ItemData] = []
        self.entries: dict[int, list[EntryData]] = {}
        self.actions: list[ActionData] = []
        self.people: dict[int, PersonData] = {}
        self.attendees: list[PersonData] = []  # present first: the composer completes these
        self.numbers: dict[int, str] = {}
        self.current_id: int | None = None
        self._counts: dict[int, int] = {}  # entry counts of items not read yet
        self._touched: set[int] = set()  # items re-read since opening: newer than the 2nd step
        self._show_after_load: Place | None = None

    # --- opening ---------------------------------------------------------------------------------

    @property
    def wanted_item(self) -> int | None:
        """The item to open at (a search hit's), if any."""
        return self.open_at[0] if self.open_at else None

    def open(self, opening: Opening) -> None:
        """The first step read (``Store.read_opening``): the agenda, people and actions, with
        the current item's entries and every item's entry count."""
        doc, current = opening.doc, opening.current
        self.doc = doc
        self.items = list(doc.items)
        self.entries = {current: opening.entries} if current is not None else {}
        self._counts = dict(opening.counts)
        self.actions = list(doc.actions)
        self.people = dict(doc.people)
        ranked = sorted(doc.attendance, key=lambda a: (_PRESENT_FIRST[a.status], a.position))
        self.attendees = list(dict.fromkeys(a.person for a in ranked))
        for person in self.attendees:
            self.people.setdefault(person.id, person)
        self.numbers = item_numbers(doc)
        self.current_id = current
        self._touched = set()
        # An entry or action to show on an item read only in the second step: show it then.
        self._show_after_load = (
            self.open_at if self.open_at and self.open_at[0] != current else None
        )

    def rest_groups(self) -> list[list[int]]:
        """The second step: every other item, in groups of about ``READ_BATCH`` entries, each
        read by its own store call (a filing waits for one short read, never for them all)."""
        wanted = [i.id for i in self.items if i.id not in self.entries]
        return batches.entry_batches(wanted, self._counts, batches.READ_BATCH)

    def merge_read(self, some: Mapping[int, list[EntryData]]) -> bool:
        """One group of the second step read; True when it holds the current item's entries. An
        item re-read after a change since the read was asked for is newer, and kept."""
        for item_id, entries in some.items():
            if item_id not in self._touched:
                self.entries[item_id] = entries
        return self.current_id in some

    def all_read(self) -> Place | None:
        """Every item's entries are read: where to go now (a search hit's entry on an item
        that was not read at first), if anywhere."""
        self._counts = {}
        return self._show_after_load

    def apply(self, fresh: Fresh) -> None:
        """The lists a change re-read replace the ones held (item numbers follow the agenda)."""
        self.entries.update(fresh.entries)
        self._touched.update(fresh.entries)
        self.actions = fresh.actions
        self.items = fresh.items
        if self.doc is not None:  # items added (Ins) or removed
            self.numbers = item_numbers(self.doc, self.items)

    # --- questions the screen asks ----------------------------------------------------------------

    @property
    def current_item(self) -> ItemData | None:
        return next((i for i in self.items if i.id == self.current_id), None)

    @property
    def numbering(self) -> Numbering:
        return self.doc.panel.numbering if self.doc else Numbering.PER_ITEM

    @property
    def read_only(self) -> bool:
        """True when this meeting's minutes are approved (changes are amendments)."""
        return self.doc is not None and self.doc.meeting.is_approved

    @property
    def completion_people(self) -> list[PersonData]:
        """Whom the composer's name fields offer: the attendees, or everyone known."""
        return self.attendees or list(self.people.values())

    def number_of(self, item_id: int | None) -> str:
        return self.numbers.get(item_id, "?") if item_id is not None else "?"

    def index_of(self, item_id: int | None) -> int:
        return next((n for n, i in enumerate(self.items) if i.id == item_id), -1)

    def item(self, item_id: int) -> ItemData | None:
        return next((i for i in self.items if i.id == item_id), None)

    def item_actions(self, item_id: int | None) -> list[ActionData]:
        return [a for a in self.actions if a.item_id == item_id]

    def find_entry(self, entry_id: int) -> EntryData | None:
        for entries in self.entries.values():
            for entry in entries:
                if entry.id == entry_id:
                    return entry
        return None

    def find_action(self, action_id: int) -> ActionData | None:
        return next((a for a in self.actions if a.id == action_id), None)

    def entry_label(self, entry: EntryData) -> str:
        """"question 3" — the kind and the entry's number as the minutes will show it."""
        entries = self.entries.get(entry.item_id, [])
        style = self.doc.style if self.doc is not None else DEFAULT_STYLE
        labels = entry_numbers(entries, self.numbering, style, self.numbers.get(entry.item_id, ""))
        for other, label in zip(entries, labels, strict=True):
            if other.id == entry.id:
                return f"{KIND_NAMES[entry.kind]} {label.strip('.()')}".strip()
        return KIND_NAMES[entry.kind]

    def agenda_counts(self) -> tuple[dict[int, int], dict[int, int]]:
        """Each item's entry count (read, or counted at opening) and action count."""
        counts = dict(self._counts)
        counts.update((i, len(v)) for i, v in self.entries.items())
        action_counts: dict[int, int] = {}
        for action in self.actions:
            if action.item_id is not None:
                action_counts[action.item_id] = action_counts.get(action.item_id, 0) + 1
        return counts, action_counts
