"""The typed store: every read and write the screens and the command line make.

``Store(db)`` opens (creating or migrating) the database named by ``db``, ``PANEL_MINUTES_DB`` or
the platformdirs default. Methods take and return plain dataclasses from ``panel_minutes.models.domain``; every
write is one short transaction. No Textual imports here.
"""

from __future__ import annotations

from panel_minutes.models.store.actions import ActionsMixin
from panel_minutes.models.store.agenda_io import AgendaIOMixin
from panel_minutes.models.store.approval import ApprovalMixin
from panel_minutes.models.store.bulk import BulkMixin
from panel_minutes.models.store.document import DocumentMixin
from panel_minutes.models.store.entries import EntriesMixin
from panel_minutes.models.store.item_deletion import ItemDeletionMixin
from panel_minutes.models.store.meetings import MeetingsMixin
from panel_minutes.models.store.panels import PanelsMixin
from panel_minutes.models.store.screen_reads import ScreenReadsMixin
from panel_minutes.models.store.search import SearchMixin
from panel_minutes.models.store.sitting import SittingMixin


class Store(
    ScreenReadsMixin, ItemDeletionMixin, PanelsMixin, MeetingsMixin, EntriesMixin, ActionsMixin,
    DocumentMixin, BulkMixin, SearchMixin, ApprovalMixin, SittingMixin, AgendaIOMixin,
):
    """One database, opened once; safe to share between the UI thread and workers."""

    def warm_up(self) -> None:
        """Run the queries that open a meeting once, on the newest meeting, and forget the
        answers. SQLAlchemy compiles each statement the first time it runs (about half the cost
        of opening the first meeting); the app calls this while the clerk reads the list."""
        newest = self.newest_meeting_id()
        if newest is None:
            return
        self.load_document(newest, with_entries=False)
        counts = self.entry_counts(newest)
        self.get_draft(newest)
        if counts:
            # The item with the fewest entries: the statements compile the same, and a
            # meeting of 100,000 entries does not hold the store thread for seconds.
            smallest = min(counts, key=lambda item_id: counts[item_id])
            self.list_entries(smallest)
            self.load_entries(newest, [smallest])


__all__ = ["Store"]
