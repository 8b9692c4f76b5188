"""A screen of tabs, each holding one DataTable: the shape of Setup and Panel settings."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.screen import Screen
from textual.widgets import DataTable, TabbedContent


class TabbedTablesScreen(Screen[None]):
    """Number keys switch tabs; a shown tab focuses its ``#<tab>-table``; keys follow the row."""

    TABS: ClassVar[tuple[str, ...]] = ()

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane
        if pane is not None and pane.id in self.TABS:
            self.query_one(f"#{pane.id}-table", DataTable).focus()
