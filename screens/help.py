"""Every key of the app, grouped by screen, read from the screens' own ``BINDINGS``.

Nothing here lists a key by hand: each section is built from a screen class (or dialog, or a
widget the screen uses) when the help opens, so a key added to a screen shows up here at once.
A screen names the widgets whose keys belong under it with ``HELP_WIDGETS``; without it, the
widgets its module imports from ``screens``/``tui`` that declare their own ``BINDINGS`` are used.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static

from panel_minutes.tui.widgets.keybar import KeyBar

_KEY_NAMES = {
    "enter": "Enter", "escape": "Esc", "delete": "Del", "backspace": "Backspace",
    "space": "Space", "tab": "Tab", "up": "↑", "down": "↓", "left": "←", "right": "→",
    "pageup": "PgUp", "pagedown": "PgDn", "home": "Home", "end": "End", "slash": "/",
    "question_mark": "?", "insert": "Ins",
}

# (section title, module, class) in the order a clerk meets them. Missing ones are skipped.
SCREENS: tuple[tuple[str, str, str], ...] = (
    ("Meetings (the first screen)", "panel_minutes.screens.meetings", "MeetingsScreen"),
    ("New or edit meeting", "panel_minutes.screens.meeting_form", "MeetingFormScreen"),
    ("Setup", "panel_minutes.screens.setup", "SetupScreen"),
    ("Live minutes", "panel_minutes.screens.live", "LiveScreen"),
    ("Export", "panel_minutes.screens.export", "ExportScreen"),
    ("Search", "panel_minutes.screens.search", "SearchScreen"),
    ("Action log", "panel_minutes.screens.action_log", "ActionLogScreen"),
    ("Panel settings", "panel_minutes.screens.panel_settings", "PanelSettingsScreen"),
)
DIALOGS: tuple[tuple[str, str, str], ...] = (
    ("Yes/no question", "panel_minutes.screens.confirm", "ConfirmScreen"),
    ("One-line question", "panel_minutes.screens.prompt", "PromptScreen"),
    ("Pick from a list", "panel_minutes.screens.pickers", "ChoiceScreen"),
    ("Pick or add a person", "panel_minutes.screens.pickers", "PersonPickerScreen"),
    ("Agenda item", "panel_minutes.screens.item_form", "ItemFormScreen"),
    ("Paste agenda items", "panel_minutes.screens.item_form", "PasteItemsScreen"),
    ("Declaration of interest", "panel_minutes.screens.declaration_form", "DeclarationFormScreen"),
    ("Panel member", "panel_minutes.screens.panel_settings", "MemberFormScreen"),
    ("One action in full", "panel_minutes.screens.action_log", "ActionDetailScreen"),
    ("Changes to an entry", "panel_minutes.screens.revisions", "RevisionsScreen"),
    ("Deleted entries", "panel_minutes.screens.deleted", "DeletedEntriesScreen"),
    ("This help", "panel_minutes.screens.help", "HelpScreen"),
)


def key_name(key: str) -> str:
    """"ctrl+s" → "Ctrl+S", "shift+up" → "Shift+↑", "delete" → "Del"."""
    *mods, last = key.split("+")
    if last in _KEY_NAMES:
        name = _KEY_NAMES[last]
    elif re.fullmatch(r"f\d+", last):
        name = last.upper()
    elif len(last) == 1:
        name = last.upper() if mods and last.isalpha() else last
    else:
        name = last.replace("_", " ").capitalize()
    return "+".join([*(m.capitalize() for m in mods), name])


@dataclass(frozen=True, slots=True)
class KeyHelp:
    keys: str  # "Del / X"
    what: str  # "Delete"
    more: str = ""  # the tooltip, if any


@dataclass(frozen=True, slots=True)
class HelpSection:
    title: str
    keys: tuple[KeyHelp, ...]


def keys_of(bindings: Iterable[BindingType]) -> list[KeyHelp]:
    """The keys of a BINDINGS list that a person would look up (those with a description)."""
    out: list[KeyHelp] = []
    for raw in bindings:
        binding = raw if isinstance(raw, Binding) else Binding(*raw)
        if not binding.description:
            continue
        keys = " / ".join(key_name(k.strip()) for k in binding.key.split(","))
        out.append(KeyHelp(keys, binding.description, binding.tooltip or ""))
    return out


def _own_bindings(cls: type) -> list[BindingType]:
    return list(cls.__dict__.get("BINDINGS", []))


def title_of(cls: type) -> str:
    """A widget's name in the help: its ``HELP_TITLE``, or its class name in words."""
    custom = getattr(cls, "HELP_TITLE", "")
    if custom:
        return str(custom)
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", cls.__name__).split()
    return " ".join(words).capitalize()


def help_widgets(screen_cls: type) -> list[type]:
    """The widgets whose keys belong under a screen (see the module docstring)."""
    declared = screen_cls.__dict__.get("HELP_WIDGETS")
    if declared is not None:
        return list(declared)
    module = inspect.getmodule(screen_cls)
    found: list[type] = []
    for value in vars(module).values() if module else ():
        if (
            inspect.isclass(value)
            and issubclass(value, Widget)
            and not issubclass(value, Screen)
            and value.__module__.removeprefix("panel_minutes.").split(".")[0] in {"screens", "tui"}
            and _own_bindings(value)
            and value not in found
        ):
            found.append(value)
    return found


def _load(module: str, name: str) -> type | None:
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def sections(app_cls: type[App[Any]], first: type | None = None) -> Iterator[HelpSection]:
    """Every section of the help, in order (the keys of ``app_cls``, the running app, first).
    With ``first`` (the screen F1 was pressed on), that screen's sections come before all the
    others. The app is passed in, never imported here: ``panel_minutes.tui.app`` imports this screen."""
    everywhere = keys_of(_own_bindings(app_cls))
    everywhere.append(KeyHelp(key_name(app_cls.COMMAND_PALETTE_BINDING), "Command palette",
                              "Every command of the screen you are on, found by typing"))
    everywhere.append(KeyHelp("Tab / Shift+Tab", "Next / previous field or list"))
    groups: list[tuple[type, list[HelpSection]]] = []
    for group in (SCREENS, DIALOGS):
        for title, module, name in group:
            cls = _load(module, name)
            if cls is not None:
                groups.append((cls, list(_sections_of(title, cls))))
    for cls, found in groups:
        if cls is first:
            yield from found
    yield HelpSection("Everywhere", tuple(everywhere))
    for cls, found in groups:
        if cls is not first:
            yield from found


def _sections_of(title: str, cls: type) -> Iterator[HelpSection]:
    own = keys_of(_own_bindings(cls))
    if own:
        yield HelpSection(title, tuple(own))
    for widget in help_widgets(cls):
        keys = keys_of(_own_bindings(widget))
        if keys:
            yield HelpSection(f"{title}: {title_of(widget)}", tuple(keys))


def section_table(section: HelpSection) -> Table:
    table = Table(title=section.title, title_justify="left", title_style="bold",
                  show_header=False, box=None, padding=(0, 2, 0, 0), expand=True)
    table.add_column("Key", style="bold", no_wrap=True, width=16)
    table.add_column("What it does", ratio=1)
    for key in section.keys:
        what = Text(key.what)
        if key.more and key.more.lower() != key.what.lower():
            what.append(f": {key.more}", style="dim")
        table.add_row(key.keys, what)
    return table


class HelpScreen(Screen[None]):
    """Every key of the app, grouped by screen."""

    CSS_PATH = "../tui/styles/help.tcss"
    TITLE = "panel-minutes"
    SUB_TITLE = "Help: every key"
    HELP_TITLE = "Help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", key_display="Esc"),
    ]

    def __init__(self, for_screen: type | None = None) -> None:
        """``for_screen``: the class of the screen F1 was pressed on; its keys come first."""
        super().__init__()
        self.for_screen = for_screen

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help-body"):
            yield Static(
                "The keys of the screen you were on come first, then those that work "
                "everywhere, then every other screen's. The key bar shows the ones that matter "
                "where you are, and ctrl+p finds any command by name. "
                "↑↓ PgUp PgDn scroll this page; Esc closes it.",
                id="help-intro",
            )
            for section in sections(type(self.app), first=self.for_screen):
                yield Static(section_table(section), classes="help-section")
        yield KeyBar(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
