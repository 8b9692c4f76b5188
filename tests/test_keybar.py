"""panel_minutes.tui.widgets.keybar: the one-line key bar every screen shows, on the real live screen."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from panel_minutes.models.composer_state import Mode
from panel_minutes.models.store import Store
from panel_minutes.screens.live import LiveScreen
from panel_minutes.tui.app import make_app
from panel_minutes.tui.widgets.keybar import KeyBar
from tests.test_live_support import open_live, prepare_meeting, settle, write_meeting, write_panel


def _bar(screen: LiveScreen) -> tuple[KeyBar, str]:
    bar = screen.query_one(KeyBar)
    return bar, str(bar.render())


async def _live(db_path: Path, pilot: Pilot[None]) -> LiveScreen:
    app = pilot.app
    store = Store(str(db_path))
    cast = write_panel(store)
    meeting_id = write_meeting(store, cast)
    prepare_meeting(store, cast, meeting_id)
    store.close()
    return await open_live(app, pilot, meeting_id)  # type: ignore[arg-type]


async def test_bar_lists_the_live_keys_and_follows_the_composer(db_path: Path) -> None:
    app = make_app(str(db_path))
    async with app.run_test(size=(160, 40)) as pilot:
        live = await _live(db_path, pilot)
        _, text = _bar(live)
        for shown in ("F2 Question", "F3 Resolution", "F7 Item ▶", "^G Go to item", "F1 all keys"):
            assert shown in text, (shown, text)
        assert "Esc Plain text" not in text  # nothing to escape from in a plain paragraph

        await pilot.press("f2")  # a question: Esc now returns to plain text, and says so
        await settle(pilot, live)
        assert live.composer.mode is Mode.QUESTION
        _, text = _bar(live)
        assert "Esc Plain text" in text

        await pilot.press("escape")
        await settle(pilot, live)
        _, text = _bar(live)
        mode: Mode = live.composer.mode
        assert mode is Mode.PARAGRAPH
        assert "Esc Plain text" not in text


async def test_clicking_a_key_presses_it(db_path: Path) -> None:
    app = make_app(str(db_path))
    async with app.run_test(size=(160, 40)) as pilot:
        live = await _live(db_path, pilot)
        bar, text = _bar(live)
        column = text.index("F3 Resolution")
        await pilot.hover(KeyBar, offset=(column + 1, 0))
        assert bar.tooltip and "resolution" in str(bar.tooltip).lower()
        await pilot.click(KeyBar, offset=(column + 1, 0))
        await settle(pilot, live)
        assert live.composer.mode is Mode.RESOLUTION


async def test_narrow_bar_shows_the_most_used_keys_then_f1_all_keys(db_path: Path) -> None:
    app = make_app(str(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        live = await _live(db_path, pilot)
        _, text = _bar(live)
        assert len(text) == 80
        # The screen's most used keys first (LiveScreen.KEY_BAR_FIRST), whole keys only ...
        assert text.startswith("F2 Question F3 Resolution F4 Action F5 Note F7 Item ▶ F9 Undo")
        assert "…" not in text
        # ... and the bar, being cut, says where the rest are.
        assert text.rstrip().endswith("F1 all keys")


async def test_a_bar_with_room_for_every_key_shows_f1_help_and_the_palette(
    db_path: Path,
) -> None:
    app = make_app(str(db_path))
    async with app.run_test(size=(250, 40)) as pilot:
        live = await _live(db_path, pilot)
        _, text = _bar(live)
        assert "F1 Help" in text and "all keys" not in text
        assert text.rstrip().endswith("^p palette")
