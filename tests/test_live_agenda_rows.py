"""The agenda and entries lists measure their rows at the width they draw them.

Textual's ``OptionList`` measures rows when options are set and does not measure them again when
its scrollbar appears and takes a column, so a wrapped row could be counted a line short: the
current item's last line (its start time) fell below the list, at random, depending on whether
the scrollbar was there first. The lists keep the scrollbar's column from the start.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from panel_minutes.models.store import Store
from panel_minutes.screens.live import LiveScreen
from panel_minutes.tui.app import make_app


def measured_height(options: OptionList) -> int:
    """Every row measured now, at the width the list draws at."""
    width = options.scrollable_content_region.width
    return options.get_content_height(options.size, options.size, width)


def fully_visible(options: OptionList) -> bool:
    index = options.highlighted
    assert index is not None
    top = options._index_to_line[index]  # Textual keeps the row map private
    bottom = top + options._heights[index]
    window = options.scrollable_content_region.height
    return options.scroll_y <= top and bottom <= options.scroll_y + window


async def test_every_started_item_shows_whole_in_a_narrow_agenda(
    demo: tuple[Store, int], db_path: Path
) -> None:
    _store, meeting_id = demo
    app = make_app(str(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_for_store()
        await app.push_screen(LiveScreen(meeting_id))
        live = app.screen
        assert isinstance(live, LiveScreen)
        await live.loaded.wait()
        await live.all_loaded.wait()
        agenda = live.query_one("#agenda", OptionList)
        entries = live.query_one("#entries", OptionList)
        for item in live.items:
            live.go_to(item.id)
            await pilot.press("f8")  # start (or end) the item: its row gains or loses a line
            await live.wait_idle()
            await pilot.pause()
            assert agenda.virtual_size.height == measured_height(agenda), item.title
            assert fully_visible(agenda), item.title
            assert entries.virtual_size.height == measured_height(entries), item.title
