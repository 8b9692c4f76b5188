"""The README's key tables match the screens (issue 13, point 7).

The tables under "Preparing a meeting" and "Screens and keys" (| Screen | Key | What it does |),
the live screen's and the export screen's (| Live screen key | ... |) are read from README.md and
compared with the bindings of the screens they name: every key the README gives is bound there
(or is one the screen's widgets handle themselves, listed below), and every key a screen's key
bar can show is in the README under that screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from textual.binding import Binding

from panel_minutes.screens.action_log import ActionLogScreen, ActionTable
from panel_minutes.screens.confirm import ConfirmScreen
from panel_minutes.screens.export import ExportScreen
from panel_minutes.screens.help import help_widgets
from panel_minutes.screens.house_style_tab import HouseStyleTable
from panel_minutes.screens.live import LiveScreen
from panel_minutes.screens.meeting_form import MeetingFormScreen
from panel_minutes.screens.meetings import MeetingsScreen, MeetingsTable
from panel_minutes.screens.panel_settings import (
    DetailsTable,
    MemberFormScreen,
    MembersTable,
    PanelSettingsScreen,
    StandingTable,
)
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.screens.search import SearchResults, SearchScreen
from panel_minutes.screens.setup import AgendaTable, AttendanceTable, DeclarationsTable, SetupScreen
from panel_minutes.tui.app import PanelMinutesApp
from panel_minutes.tui.widgets.composer import Composer, ComposerText

README = Path(__file__).resolve().parent.parent / "README.md"

# The README's name of a screen (or part of one) -> the classes whose bindings it describes.
SCREENS: dict[str, tuple[type, ...]] = {
    "Everywhere": (PanelMinutesApp,),
    "Meetings": (MeetingsScreen, MeetingsTable),
    "Meeting form": (MeetingFormScreen,),
    "Setup": (SetupScreen,),
    "Setup: attendance": (AttendanceTable,),
    "Setup: declarations": (DeclarationsTable,),
    "Setup: agenda": (AgendaTable,),
    "Dialogs": (ConfirmScreen, PromptScreen),
    "Live minutes": (LiveScreen, Composer, ComposerText, *help_widgets(LiveScreen)),
    "Export": (ExportScreen,),
    "Search": (SearchScreen, SearchResults),
    "Action log": (ActionLogScreen, ActionTable),
    "Panel settings": (PanelSettingsScreen, DetailsTable),
    "Standing agenda": (StandingTable,),
    "Members": (MembersTable,),
    "Member form": (MemberFormScreen,),
    "House style": (HouseStyleTable,),
}
# Keys a screen's widgets handle themselves (typing, scrolling, Textual's own keys), so no
# binding of ours names them.
NATIVE: dict[str, set[str]] = {
    "Everywhere": {"ctrl+p"},  # the command palette: Textual's own
    "Meetings": {"escape"},
    "Meeting form": {"enter"},  # Enter in the last field saves
    "Dialogs": {"enter"},
    "Live minutes": {"enter", "ctrl+j", "tab", "shift+tab", "ctrl+space", "ctrl+n", "ctrl+p",
                     # the text box's and the fields' own line-editing keys
                     "ctrl+a", "ctrl+e", "ctrl+k", "ctrl+u", "ctrl+w", "home", "end"},
    "Export": {"up", "down", "pageup", "pagedown"},
    "Search": {"enter", "down"},
    "Action log": {"escape"},
    "Member form": {"up", "down", "enter"},
}
# A part of a screen whose keys the README may give under the screen itself.
PARENT = {"Standing agenda": "Panel settings", "Members": "Panel settings",
          "House style": "Panel settings"}
_NAMES = {"esc": "escape", "del": "delete", "ins": "insert", "/": "slash", "↑": "up",
          "↓": "down", "pgup": "pageup", "pgdn": "pagedown", "␣": "space"}
_TOKEN = re.compile(
    r"`([^`]+)`|((?:ctrl|shift)\+(?:\w+|[↑↓])|\bF\d+\b|\bEnter\b|\bEsc(?:ape)?\b|\bSpace\b"
    r"|\bDel(?:ete)?\b|\bIns\b|\bPgUp\b|\bPgDn\b|\bTab\b|[↑↓])",
    re.IGNORECASE,
)


def key_of(token: str) -> str:
    """A key as the README writes it -> Textual's name: "Shift+↑" -> "shift+up"."""
    *mods, last = token.strip().split("+") if len(token.strip()) > 1 else [token.strip()]
    last = _NAMES.get(last.lower(), last if len(last) == 1 else last.lower())
    return "+".join([*(m.lower() for m in mods), last])


def keys_in(cell: str) -> set[str]:
    return {key_of(m[1] or m[2]) for m in _TOKEN.finditer(cell)}


def readme_tables(text: str) -> Iterator[tuple[str, set[str]]]:
    """(screen, keys) for each row of the README's key tables (no other table)."""
    kind = ""  # "screen": | Screen | Key | What it does |; else the screen a table is about
    screen = ""
    for line in text.splitlines():
        if not line.startswith("|"):
            kind = screen = ""
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[:2] == ["Screen", "Key"]:
            kind = "screen"
            continue
        if cells[0] in {"Live screen key", "Export screen key"}:
            kind = {"Live screen key": "Live minutes", "Export screen key": "Export"}[cells[0]]
            continue
        if not kind or (set(cells[0]) <= {"-", " "} and cells[0]):
            continue
        if kind == "screen":
            screen = cells[0] or screen
            yield screen, keys_in(cells[1])
        else:  # a column of keys: "e or Enter (entries)", "F2 / F3", "Tab, shift+tab"
            words = re.split(r"[\s,]+", re.sub(r"\(.*?\)", "", cells[0]))
            yield kind, {key_of(w) for w in words if w and w not in {"or", "/"}}


def bound(classes: tuple[type, ...]) -> dict[str, Binding]:
    """Every key bound by these classes (their own BINDINGS), key -> binding."""
    out: dict[str, Binding] = {}
    for cls in classes:
        for raw in cls.__dict__.get("BINDINGS", []):
            binding = raw if isinstance(raw, Binding) else Binding(*raw)
            for key in binding.key.split(","):
                out.setdefault(key.strip(), binding)
    return out


def readme_keys() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for screen, keys in readme_tables(README.read_text(encoding="utf-8")):
        found.setdefault(screen, set()).update(keys)
    return found


def test_the_readme_tables_name_known_screens() -> None:
    assert set(readme_keys()) <= set(SCREENS), set(readme_keys()) - set(SCREENS)
    assert {"Meetings", "Setup", "Live minutes", "Action log"} <= set(readme_keys())


def test_every_key_in_the_readme_is_bound_on_its_screen() -> None:
    wrong = {
        screen: sorted(keys - set(bound(SCREENS[screen])) - NATIVE.get(screen, set()))
        for screen, keys in readme_keys().items()
    }
    assert not {s: k for s, k in wrong.items() if k}, wrong


def test_every_key_a_key_bar_shows_is_in_the_readme() -> None:
    readme = readme_keys()
    missing: dict[str, list[str]] = {}
    for screen, classes in SCREENS.items():
        for key, binding in bound(classes).items():
            if not binding.show or not binding.description:
                continue
            keys = {k.strip() for k in binding.key.split(",")}
            listed = readme.get(screen, set()) | readme["Everywhere"]
            listed |= readme.get(PARENT.get(screen, ""), set())
            if not keys & listed:
                missing.setdefault(screen, []).append(f"{key} {binding.description}")
    assert not missing, missing
