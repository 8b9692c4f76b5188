"""The key bar at the bottom of every screen: the bindings that work now, on one line.

It shows what Textual's compact ``Footer`` shows (each action's key and description, the
command palette key at the right) but as ONE widget that redraws a line of text. ``Footer``
mounts a widget per key and mounts them all again whenever the bindings change; the live
screen's bindings change when the composer changes mode, after each filing and on focus changes,
and those remounts were a third of the cost of opening a meeting and a good part of filing.

A click on a key presses it (as on ``Footer``); hovering shows the binding's tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass

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

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def _keys(self) -> tuple[list[tuple[Binding, bool, str]], tuple[Binding, bool, str] | None]:
        """The shown bindings, one per action (the first bound), and the palette's."""
        active = self.screen.active_bindings
        by_action: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = (binding, enabled, tooltip or binding.description)
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                palette = (found.binding, found.enabled,
                           found.binding.tooltip or found.binding.description)
                by_action.pop(found.binding.action, None)
        return list(by_action.values()), palette

    def render(self) -> RenderResult:
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        shown: list[Shown] = []
        keys, palette = self._keys()
        get_display = self.app.get_key_display
        for binding, enabled, tooltip in keys:
            start = line.cell_len
            line.append(get_display(binding), key_style)
            if binding.description:
                line.append(f" {binding.description}", text_style)
            if not enabled:
                line.stylize("dim", start)
            shown.append(Shown(start, line.cell_len, binding.key, enabled, tooltip))
            line.append(" ")
        if palette is not None:  # docked right, as Footer docks it: the other keys give way
            binding, enabled, tooltip = palette
            label = Text.assemble(
                ("▏", self.get_component_rich_style("keybar--palette")),
                (get_display(binding), key_style),
                (f" {binding.description}", text_style),
            )
            room = self.size.width - label.cell_len
            if line.cell_len > room:
                line.truncate(max(0, room - 1), overflow="ellipsis")
                shown = [s for s in shown if s.end <= room - 1]
            line.append(" " * max(0, room - line.cell_len))
            start = line.cell_len
            line.append_text(label)
            shown.append(Shown(start + 1, line.cell_len, binding.key, enabled, tooltip))
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
