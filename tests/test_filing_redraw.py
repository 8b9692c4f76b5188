"""Filing an entry redraws what changed, not the whole screen (the filing budget: README
"Performance").

- The entries list growing by one entry repaints the list and its scrollbar; it does not ask
  Textual for a layout pass of the whole screen (which re-rendered both lists and every
  scrollbar: 40 ms a filing in the quick benchmark of 1 December 2026).
- The agenda redraws only the current item's line (its entry count), not all its lines.
- The key bar is not drawn again when a filing leaves the same keys.
- The composer's text box (a fixed height) cleared at Enter repaints without a layout pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.widget import Widget

from panel_minutes.models.store import Store
from panel_minutes.tui.widgets.agenda import AgendaList
from panel_minutes.tui.widgets.composer import ComposerText
from panel_minutes.tui.widgets.entries import EntryList
from panel_minutes.tui.widgets.keybar import KeyBar
from tests.support import FAST, app_for
from tests.test_live_support import FakeClock, file_text, open_live, write_meeting, write_panel


async def test_a_filing_repaints_the_list_and_one_agenda_line_without_a_layout_pass(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = Store(str(db_path))
    meeting_id = write_meeting(setup, write_panel(setup))
    item_id = setup.list_items(meeting_id)[0].id
    for n in range(40):  # more than the list shows: its scrollbar is already there
        setup.add_entry(item_id, text=f"Paragraph {n} of the minutes so far.")
    setup.close()
    app = app_for(db_path, None, timings=FAST)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        assert screen.current_id == item_id
        await file_text(pilot, screen, "The first paragraph filed here.")
        refreshes: list[tuple[str, bool, tuple[Region, ...]]] = []
        original = Widget.refresh

        def refresh(self: Widget, *regions: Region, **kwargs: Any) -> Widget:
            if isinstance(self, EntryList | AgendaList | KeyBar | ComposerText):
                refreshes.append((type(self).__name__, bool(kwargs.get("layout")), regions))
            return original(self, *regions, **kwargs)

        monkeypatch.setattr(Widget, "refresh", refresh)
        # a paragraph of several lines, as clerks write them (the composer's text shrinks)
        await file_text(pilot, screen, "The Chair thanked the Commissioner for the report. " * 6)
        monkeypatch.undo()

        entries = screen.query_one(EntryList)
        assert [e.text for e in screen.entries[item_id]][-1].startswith("The Chair thanked")
        assert entries.highlighted_option is not None
        assert entries.highlighted_option.id == f"e{screen.entries[item_id][-1].id}"
        assert refreshes, "the filing redrew nothing"
        assert not [r for r in refreshes if r[0] == "EntryList" and r[1]], refreshes
        assert [r for r in refreshes if r[0] == "ComposerText"], "the composer was not cleared"
        assert not [r for r in refreshes if r[0] == "ComposerText" and r[1]], refreshes
        assert screen.composer.text_area.text == ""
        agenda = [r for r in refreshes if r[0] == "AgendaList"]
        assert agenda and all(regions for _, _, regions in agenda), agenda  # lines, not all
        assert not [r for r in refreshes if r[0] == "KeyBar"], refreshes
        # The agenda line shows the new count (the line drawn again, not a stale cache).
        line = screen.query_one(AgendaList).render_line(0).text + screen.query_one(
            AgendaList).render_line(1).text
        assert "42 entries" in line, line
