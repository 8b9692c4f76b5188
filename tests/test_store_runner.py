"""One way from a screen to the store: the app's ``StoreRunner`` (``app.runner``).

The screens never open their own executor, never touch ``app.store`` or the store thread, and the
quit path's last draft save waits behind every write already queued on that one thread.
"""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest

from panel_minutes.models.store import Store
from panel_minutes.tui.app import make_app
from tests.support import wait_for

SCREENS = Path(__file__).resolve().parent.parent / "screens"
# Ways around the runner: an executor of their own, the store or its thread taken from the app.
BYPASSES = {"run_in_executor", "store", "store_thread", "wait_for_store", "_store"}


def _bypasses(path: Path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in BYPASSES:
            found.append(f"{path.name}:{node.lineno} .{node.attr}")
        if isinstance(node, ast.ImportFrom) and node.module == "tui.store_calls":
            found.append(f"{path.name}:{node.lineno} imports tui.store_calls")
    return found


def test_screens_reach_the_store_only_through_the_runner() -> None:
    found = [hit for path in sorted(SCREENS.glob("*.py")) for hit in _bypasses(path)]
    assert found == []


def test_screens_need_no_attr_defined_ignores_for_the_app() -> None:
    ignored = [f"{p.name}:{n}" for p in sorted(SCREENS.glob("*.py"))
               for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
               if "type: ignore[attr-defined]" in line or "getattr(self.app" in line]
    assert ignored == []


async def test_run_now_waits_behind_the_queued_calls_on_the_one_store_thread(
    db_path: Path,
) -> None:
    app = make_app(str(db_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.wait_for_store()
        order: list[str] = []
        gate = threading.Event()

        def queued(_store: Store) -> None:
            gate.wait(10)
            order.append("queued")

        def now(_store: Store) -> str:
            order.append("now")
            return threading.current_thread().name

        await wait_for(pilot, lambda: not app.runner.busy)  # the app's own warm-up is done
        app.runner.call(app.screen, queued)
        await wait_for(pilot, lambda: app.runner.busy)  # the worker has queued it
        with pytest.raises(TimeoutError):  # it does not jump the queue on the UI thread
            app.runner.run_now(now, timeout=0.05)
        assert order == []
        gate.set()
        assert app.runner.run_now(now).startswith("pm-store")
        assert order == ["queued", "now", "now"]  # the timed-out call still ran, in its turn
        assert await app.runner.run(lambda s: threading.current_thread().name) == \
            app.runner.run_now(lambda s: threading.current_thread().name)


async def test_the_quit_path_saves_the_draft_on_the_store_thread(
    db_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``flush_draft_now`` (on quit) no longer calls the store on the UI thread, out of order
    with the writes queued on the store thread: it runs on that thread, behind them."""
    from panel_minutes.models.store import Store as StoreType
    from panel_minutes.screens.live import LiveScreen
    from tests.test_live_support import open_live, type_into_composer, write_meeting, write_panel

    setup = StoreType(str(db_path))
    meeting_id = write_meeting(setup, write_panel(setup))
    setup.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        live = await open_live(app, pilot, meeting_id)
        ran_on: list[str] = []
        real = live._draft_call

        def draft_call() -> object:
            call = real()
            assert call is not None

            def traced(store: Store) -> object:
                ran_on.append(threading.current_thread().name)
                return call(store)

            return traced

        monkeypatch.setattr(live, "_draft_call", draft_call)
        type_into_composer(live, "Typed just before quitting")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        live.flush_draft_now()  # before the autosave's debounce has run
        assert len(ran_on) == 1 and ran_on[0].startswith("pm-store")
        draft = app.store.get_draft(meeting_id)
        assert draft is not None and draft.text == "Typed just before quitting"
