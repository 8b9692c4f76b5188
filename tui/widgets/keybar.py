"""The key bar at the bottom of every screen: the bindings that work now, on one line.

It shows what Textual's compact ``Footer`` shows (each action's key and description, the
command palette key at the right) but as ONE widget that redraws a line of text. ``Footer``
mounts a widget per key and mounts them all again whenever the bindings change; the live
screen's bindings change when the composer changes mode, after each filing and on focus changes,
and those remounts were a third of the cost of opening a meeting and a good part of filing.

A click on a key presses it (as on ``Footer``); hovering shows the binding's tooltip.

Order: the focused widget's keys first (what the highlight is on), then the screen's, with the
actions a screen names in ``KEY_BAR_FIRST`` (its most used keys) ahead of the rest, then the
app's. When they do not all fit, the bar shows as many whole keys as fit and ends in
"F1 all keys" (the help, which opens at this screen's keys) instead of the palette key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class Shown:
    """One key as drawn: its columns on the bar, and what a click does."""

    start: int
    end: int
    key: str
    enabled: bool
    tooltip: str


class Key(NamedTuple):
    """One binding the bar may show: enabled now, and its tooltip (or description)."""

    binding: Binding
    enabled: bool
    tooltip: str


class KeyBar(Widget, can_focus=False):
    """``KeyBar(show_command_palette=False)`` leaves out the ^P key on the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--palette"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        & > .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keybar--palette {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, show_command_palette: bool = True, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.show_command_palette = show_command_palette
        self._shown: list[Shown] = []
        self._drawn_keys: tuple[list[Key], Key | None] | None = None  # as of the last signal

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # Textual signals after every action and focus change; most leave the same keys (a
        # filing does), and the bar is drawn again only when what it shows changed.
        if self.is_attached and screen is self.screen:
            keys = self._keys()
            if keys != self._drawn_keys:
                self._drawn_keys = keys
                self.refresh()

    def _keys(self) -> tuple[list[Key], Key | None]:
        """The shown bindings, one per action (the first bound), in the bar's order (see the
        module docstring), and the palette's."""
        active = self.screen.active_bindings
        first = tuple(getattr(self.screen, "KEY_BAR_FIRST", ()))
        screen, app = self.screen, self.app
        by_action: dict[str, tuple[tuple[int, int, int], Key]] = {}
        for n, (node, binding, enabled, tooltip) in enumerate(active.values()):
            if not binding.show or binding.action in by_action:
                continue
            level = 2 if node is app else 1 if node is screen else 0
            name = binding.action.split("(")[0]
            rank = first.index(name) if level == 1 and name in first else len(first)
            key = Key(binding, enabled, tooltip or binding.description)
            by_action[binding.action] = ((level, rank, n), key)
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                palette = Key(found.binding, found.enabled,
                              found.binding.tooltip or found.binding.description)
                by_action.pop(found.binding.action, None)
        ordered = [key for _, key in sorted(by_action.values(), key=lambda pair: pair[0])]
        return ordered, palette

    def _segment(self, key: Key, description: str | None = None) -> Text:
        text = Text(self.app.get_key_display(key.binding),
                    self.get_component_rich_style("keybar--key"))
        description = key.binding.description if description is None else description
        if description:
            text.append(f" {description}", self.get_component_rich_style("keybar--description"))
        if not key.enabled:
            text.stylize("dim")
        return text

    def render(self) -> RenderResult:
        keys, palette = self._keys()
        width = self.size.width
        segments = [(key, self._segment(key)) for key in keys]
        needed = sum(seg.cell_len + 1 for _, seg in segments)
        tail: tuple[Key, Text] | None = None
        if palette is not None:
            label = Text.assemble(("▏", self.get_component_rich_style("keybar--palette")),
                                  self._segment(palette))
            tail = (palette, label)
        if needed + (tail[1].cell_len if tail else 0) > width:  # cut: say where the rest are
            help_key = next((k for k in keys if k.binding.action == "help"), None)
            tail = None
            if help_key is not None:
                segments = [(k, seg) for k, seg in segments if k is not help_key]
                tail = (help_key, self._segment(help_key, "all keys"))
        room = width - (tail[1].cell_len + 1 if tail else 0)
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        shown: list[Shown] = []
        for key, seg in segments:
            if line.cell_len + seg.cell_len > room:
                break
            start = line.cell_len
            line.append_text(seg)
            shown.append(Shown(start, line.cell_len, key.binding.key, key.enabled, key.tooltip))
            line.append(" ")
        if tail is not None:
            key, label = tail
            line.append(" " * max(0, width - label.cell_len - line.cell_len))
            start = line.cell_len + (1 if key is palette else 0)  # the palette's "▏"
            line.append_text(label)
            shown.append(Shown(start, line.cell_len, key.binding.key, key.enabled, key.tooltip))
        self._shown = shown
        return line

    def _at(self, x: int) -> Shown | None:
        return next((s for s in self._shown if s.start <= x < s.end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        shown = self._at(event.x)
        if shown is None:
            return
        if shown.enabled:
            self.app.simulate_key(shown.key.split(",")[0])
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        shown = self._at(event.x)
        self.tooltip = shown.tooltip if shown is not None else None
