"""In-app measurements: run INSIDE a pseudo-terminal by ``bench/run.py`` (never by hand).

    python bench/probe.py app --db FILE --meeting ID --out result.json [--keys N ...]
    python bench/probe.py textarea --out result.json --keys N      # the keystroke floor

``app`` runs the real panel-minutes app with its real driver writing to the terminal, and times,
from inside the process:

- open: the meetings screen opens the long meeting (as Enter on its row does) → the live screen
  is painted with its current item's entries (``LiveScreen.loaded`` set and the next frame
  written); open_all: → every other item's entries read as well (``LiveScreen.all_loaded``);
- memory: peak RSS (VmHWM) right after that;
- switch: F7 / F6 key event → the next frame showing the other item;
- file: Enter in the composer holding a paragraph → the frame showing the new entry;
- keys: printable key events typed into the composer with draft autosave on (pauses at sentence
  ends let the autosave run between keys, as when a clerk pauses): key event → the composer's
  ``TextArea.Changed`` dispatched (handled), and → the next frame written (painted). The keys
  typed right after a pause are listed apart (``keys_after_pause``): see ``bench/idle_penalty.py``.
  At the end the saved draft is read back and compared with what was typed.

``textarea`` is a bare Textual app with one TextArea, measured the same way.

"Painted" is the moment ``App._display`` has handed the frame to the driver (which writes it to
the terminal on its writer thread); key events enter through ``App.post_message``, the path the
driver uses. Times are ``time.perf_counter()`` in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import random
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if sys.argv[1:2] == ["app"]:
    # The app's own settings before Textual is imported, as its command line has them
    # (tui/__init__.py: the frame rate). The bare TextArea floor keeps Textual's defaults.
    import panel_minutes.tui  # noqa: F401

from textual import events
from textual._context import message_hook
from textual.app import App, ComposeResult
from textual.keys import _character_to_key
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import TextArea

from bench.textgen import TextGen


class Meter:
    """Watches messages and frames of one app; hands out futures resolved at the right moment."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.frame_waiters: list[tuple[Callable[[], bool], asyncio.Future[float]]] = []
        self.changed: asyncio.Future[float] | None = None
        self.gc: GcWatch | None = None
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None or not self.frame_waiters:
                return
            now = time.perf_counter()
            for condition, future in self.frame_waiters:
                if not future.done() and condition():
                    future.set_result(now)
            self.frame_waiters = [w for w in self.frame_waiters if not w[1].done()]

        app._display = display  # type: ignore[method-assign]

    def hook(self, message: Message) -> None:
        """``textual._context.message_hook``: called as each message is dispatched."""
        if (
            self.changed is not None
            and not self.changed.done()
            and isinstance(message, TextArea.Changed)
        ):
            self.changed.set_result(time.perf_counter())

    def frame_when(self, condition: Callable[[], bool]) -> asyncio.Future[float]:
        """Resolved with the time the first frame is written while ``condition()`` holds."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.frame_waiters.append((condition, future))
        return future

    async def press(self, key: str, character: str | None, painted: Callable[[], bool],
                    *, watch_change: bool = False, timeout: float = 10.0
                    ) -> tuple[float, float | None, float]:
        """Post one key event; return (sent, handled or None, painted) times."""
        loop = asyncio.get_running_loop()
        changed = loop.create_future() if watch_change else None
        self.changed = changed
        frame = self.frame_when(lambda: (changed is None or changed.done()) and painted())
        sent = time.perf_counter()
        self.app.post_message(events.Key(key, character))
        handled = await asyncio.wait_for(changed, timeout) if changed is not None else None
        painted_at = await asyncio.wait_for(frame, timeout)
        return sent, handled, painted_at


class GcWatch:
    """Times the garbage collector's pauses (a full collection stops the app for a while)."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float]] = []  # (generation, ms)
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append((int(info["generation"]), ms(time.perf_counter() - self._started)))

    def reset(self) -> None:
        """Count from now on (start-up's collections are not what the clerk feels)."""
        self.pauses.clear()

    def summary(self) -> dict[str, Any]:
        full = [p for g, p in self.pauses if g == 2]
        return {"gc_collections": len(self.pauses), "gc_full": len(full),
                "gc_full_max_ms": max(full, default=0.0),
                "gc_max_ms": max((p for _, p in self.pauses), default=0.0)}


def peak_rss_mb() -> float:
    """Peak resident memory of this program (VmHWM: ``ru_maxrss`` would include the memory of
    the benchmark runner copied into the child before ``exec``)."""
    from bench.floor_app import peak_rss_kb

    return round(peak_rss_kb() / 1024, 1)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def typed_text(count: int, seed: int) -> str:
    gen = TextGen(seed)
    text = ""
    while len(text) < count:
        text += gen.paragraph(2, 4) + " "
    return text[:count]


async def type_keys(meter: Meter, area: TextArea, text: str, seed: int) -> dict[str, Any]:
    """Type ``text`` key by key; pause at sentence ends (the draft autosave runs then)."""
    rng = random.Random(seed)
    handled: list[float] = []
    painted: list[float] = []
    after_pause: list[int] = []  # the keys typed right after a sentence end's pause
    for n, char in enumerate(text):
        expected = n + 1

        def shown(expected: int = expected) -> bool:
            return len(area.text) >= expected

        sent, done, frame = await meter.press(_character_to_key(char), char, shown,
                                              watch_change=True)
        assert done is not None
        handled.append(ms(done - sent))
        painted.append(ms(frame - sent))
        if n and text[n - 1] == ".":
            after_pause.append(n)
        await asyncio.sleep(0.6 if char == "." else rng.uniform(0.005, 0.03))
    return {"keys_handled_ms": handled, "keys_painted_ms": painted,
            "keys_after_pause": after_pause}


# --- the real app ------------------------------------------------------------------------------


async def app_scenario(pilot: Pilot[Any], meter: Meter, args: argparse.Namespace) -> dict[str, Any]:
    from panel_minutes.screens.live import LiveScreen
    from panel_minutes.screens.meetings import MeetingsScreen

    app = pilot.app
    out: dict[str, Any] = {}
    # The meetings list first, as a clerk sees it.
    await app.wait_for_store()  # type: ignore[attr-defined]
    meetings = app.screen
    assert isinstance(meetings, MeetingsScreen)
    for _ in range(500):
        if meetings.loaded:
            break
        await asyncio.sleep(0.01)
    # The automatic backup the app takes at open (panel_minutes.models.backup, in a thread) copies the whole
    # database when it changed since the last copy; let it finish so it does not blur the
    # figures below, and report how long it ran.
    began = time.perf_counter()
    for worker in list(app.workers):
        if worker.group == "backup":
            await worker.wait()
    out["backup_wait_ms"] = ms(time.perf_counter() - began)
    await asyncio.sleep(0.2)

    # Open the long meeting.
    if meter.gc is not None:
        meter.gc.reset()
    frame = meter.frame_when(
        lambda: isinstance(app.screen, LiveScreen) and app.screen.loaded.is_set()
    )
    started = time.perf_counter()
    meetings.open_live(args.meeting)
    try:
        opened = await asyncio.wait_for(frame, 60)
    except TimeoutError:
        title = app.screen.query("#live-title").first().render() if app.screen.query(
            "#live-title") else type(app.screen).__name__
        raise RuntimeError(f"the long meeting did not open: {title}") from None
    out["open_ms"] = ms(opened - started)
    live = app.screen
    assert isinstance(live, LiveScreen)
    # The screen paints with the current item's entries; the other items' follow (two steps).
    await asyncio.wait_for(live.all_loaded.wait(), 60)
    out["open_all_ms"] = ms(time.perf_counter() - started)
    out["rss_mb"] = peak_rss_mb()
    await asyncio.sleep(0.3)

    # Switch items: forward through the agenda (F7 takes the next item), then back (F6) (or
    # back first when the current item is near the end).
    switches: list[float] = []
    start = next(i for i, item in enumerate(live.items) if item.id == live.current_id)
    half = args.switches // 2
    first, then = ("f7", "f6") if start + half < len(live.items) else ("f6", "f7")
    for n in range(args.switches):
        key = first if n < half else then
        index = next(i for i, item in enumerate(live.items) if item.id == live.current_id)
        target = live.items[index + (1 if key == "f7" else -1)].id
        sent, _, painted = await meter.press(key, None, lambda t=target: live.current_id == t)
        switches.append(ms(painted - sent))
        await asyncio.sleep(0.05)
    await live.wait_idle()
    out["switch_ms"] = switches

    # File entries: a paragraph in the composer, then Enter.
    area = live.composer.text_area
    area.focus()
    gen = TextGen(args.seed + 7)
    filed: list[float] = []
    for _ in range(args.files):
        item_id = live.current_id
        assert item_id is not None
        before = len(live.entries.get(item_id, []))
        area.load_text(gen.paragraph(1, 3))
        await asyncio.sleep(0.05)
        sent, _, painted = await meter.press(
            "enter", "\r",
            lambda i=item_id, b=before: len(live.entries.get(i, [])) == b + 1 and not area.text,
        )
        filed.append(ms(painted - sent))
        await live.wait_idle()
        await asyncio.sleep(0.05)
    out["file_ms"] = filed

    # Typing with autosave on.
    await asyncio.sleep(0.6)
    text = typed_text(args.keys, args.seed)
    out.update(await type_keys(meter, area, text, args.seed))
    await asyncio.sleep(0.8)
    await live.wait_idle()
    meeting = args.meeting
    draft = await app.runner.run(lambda s: s.get_draft(meeting))
    out["draft_saved"] = draft is not None and draft.text == area.text == text
    out["rss_end_mb"] = peak_rss_mb()
    return out


# --- the keystroke floor -----------------------------------------------------------------------


class BareTextArea(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea(soft_wrap=True)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()


async def textarea_scenario(pilot: Pilot[Any], meter: Meter, args: argparse.Namespace
                            ) -> dict[str, Any]:
    await asyncio.sleep(0.3)
    area = pilot.app.query_one(TextArea)
    out = await type_keys(meter, area, typed_text(args.keys, args.seed), args.seed)
    out["rss_mb"] = peak_rss_mb()
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("app", "textarea"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--db")
    parser.add_argument("--meeting", type=int, default=0)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--switches", type=int, default=20)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    if args.mode == "app":
        from panel_minutes.tui.app import make_app

        app: App[Any] = make_app(args.db)
        scenario = app_scenario
    else:
        app = BareTextArea()
        scenario = textarea_scenario
    meter = Meter(app)
    gc_watch = meter.gc = GcWatch()
    message_hook.set(meter.hook)
    result: dict[str, Any] = {}

    async def pilot_run(pilot: Pilot[Any]) -> None:
        try:
            result.update(await scenario(pilot, meter, args))
        except Exception:
            result["error"] = traceback.format_exc()
        app.exit()

    app.run(auto_pilot=pilot_run)
    result.update(gc_watch.summary())
    args.out.write_text(json.dumps(result))
    return 1 if "error" in result else 0


if __name__ == "__main__":
    sys.exit(main())
