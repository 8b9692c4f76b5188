"""Panel settings' House style tab: every setting of the panel's house style, edited by keys.

One row a setting, its value in words (with an example of what the minutes print); then the
minute numbering and the first minute number of the year; then the stock phrases, one a row.
Enter edits the highlighted row: a choice opens a small picker (each choice with its example), a
yes/no setting flips, a wording opens a one-line prompt (a template with braces that do not pair
up or a ``{placeholder}`` it does not know is refused in one line, naming it:
``panel_minutes.models.house_style.template_problem``; a line break is typed ``\\n``). ``a`` adds a stock
phrase, ``x`` deletes one, Shift+↑/↓ moves it; ``p`` replaces the whole style with a preset
(asks first). Every change is written at once through the store thread, starting from the style
as it is in the database.

The rows and words are ``panel_minutes.models.house_style_labels``; this module only wires keys to them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from panel_minutes.models.domain import Numbering
from panel_minutes.models.house_style import (
    PLACEHOLDERS,
    PRESETS,
    HouseStyle,
    Preset,
    numbering_year,
    template_problem,
    with_preset,
    with_setting,
)
from panel_minutes.models.house_style_labels import (
    LABEL_WIDTH,
    MONTHS,
    as_line,
    choice_words,
    from_line,
    label,
    month_words,
    setting_fields,
    value_words,
)
from panel_minutes.screens.confirm import ConfirmScreen
from panel_minutes.screens.pickers import ChoiceScreen
from panel_minutes.screens.prompt import PromptScreen
from panel_minutes.screens.tabbed import TabbedTablesScreen

if TYPE_CHECKING:
    from panel_minutes.models.domain import PanelData
    from panel_minutes.models.screen_data import PanelSettingsData
    from panel_minutes.models.store import Store

NUMBERING_WORDS = {
    "per_item": "Per item: items 1, 2, 3 …, paragraphs 1., 2. … inside each",
    "running": "Running through the year: 107/26, 108/26 …",
}


class HouseStyleTable(DataTable[Text | str]):
    """The panel's house style, one setting a row, then its stock phrases."""

    HELP_TITLE = "House style tab"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,e", "screen.edit_style", "Edit", key_display="⏎/e",
                tooltip="Change the highlighted setting (a choice, yes/no, or its wording)"),
        Binding("p", "screen.apply_preset", "Preset",
                tooltip="Replace the house style and numbering with a preset (asks first)"),
        Binding("a", "screen.add_phrase", "Add phrase",
                tooltip="Add a stock phrase ({presenter}, {chair}, {now} are filled in)"),
        Binding("shift+up,ctrl+up", "screen.move_phrase(-1)", "Up", key_display="⇧↑",
                tooltip="Move the stock phrase up"),
        Binding("shift+down,ctrl+down", "screen.move_phrase(1)", "Down", key_display="⇧↓",
                tooltip="Move the stock phrase down"),
        Binding("delete,x", "screen.delete_phrase", "Delete phrase", key_display="x",
                tooltip="Delete the stock phrase (asks first)"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)


def style_rows(style: HouseStyle, numbering: Numbering, first_number: int,
               year: str) -> list[tuple[str, str, str]]:
    """(row key, setting, value in words) for every row of the tab, top to bottom."""
    rows: list[tuple[str, str, str]] = []
    for field in setting_fields():
        if field == "phrases":
            continue
        rows.append((f"style:{field}", label(field), value_words(style, field)))
        if field == "year_start_month":
            rows.append(("numbering", "Minute numbering",
                         NUMBERING_WORDS.get(numbering.value, numbering.value)))
            used = "" if numbering is Numbering.RUNNING else "  (used by running numbering)"
            rows.append(("first_number", f"First number of {year}", f"{first_number}{used}"))
    if not style.phrases:
        rows.append(("phrases", label("phrases"), "None yet: press a to add one"))
    for n, phrase in enumerate(style.phrases):
        rows.append((f"phrase:{n}", f"Phrase {n + 1}", phrase))
    return rows


def year_name(year: int, start_month: int) -> str:
    """A numbering year as the clerk says it: "2026", or "2026/27" when it starts in May."""
    return str(year) if start_month == 1 else f"{year}/{(year + 1) % 100:02d}"


def this_numbering_year(today: date, style: HouseStyle) -> int:
    """The numbering year ``today`` is in, under the style's year start."""
    return numbering_year(today, style.year_start_month)


class HouseStyleTab(TabbedTablesScreen):
    """The House style tab's actions, for ``PanelSettingsScreen`` (which reads the panel and
    writes through the store: ``reload`` and ``_write``)."""

    panel_id: int
    data: PanelSettingsData | None
    first_number: int = 1
    numbering_year: int = 0
    _pending_row: int | None = None

    if TYPE_CHECKING:  # given by PanelSettingsScreen, which this mixin is part of

        def reload(self, *, agenda_at: int | None = None, member: int | None = None) -> None:
            ...

        def _write(
            self, call: Callable[[Store], object], done: str = "", **select: int
        ) -> None:
            ...

    # --- showing ---------------------------------------------------------------------------------

    def _fill_style(self, panel: PanelData, width: int) -> None:
        table = self.query_one(HouseStyleTable)
        year = year_name(self.numbering_year, panel.style.year_start_month)
        rows = style_rows(panel.style, panel.numbering, self.first_number, year)
        keep = table.cursor_row if table.row_count else 0
        if self._pending_row is not None:  # a phrase just moved or deleted: follow it
            keys = [key for key, _, _ in rows]
            wanted = f"phrase:{self._pending_row}"
            keep = keys.index(wanted) if wanted in keys else keep
            self._pending_row = None
        table.clear(columns=True)
        table.add_column("Setting", width=LABEL_WIDTH)
        table.add_column("Value", width=max(20, width - LABEL_WIDTH - 2 - 6))
        for key, setting, value in rows:
            table.add_row(setting, Text(value, no_wrap=True, overflow="ellipsis"), key=key)
        table.move_cursor(row=max(0, min(keep, len(rows) - 1)), animate=False)

    def style_key(self) -> str | None:
        """The key of the highlighted row ("style:times", "numbering", "phrase:2" ...)."""
        table = self.query_one(HouseStyleTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def current_phrase(self) -> int | None:
        key = self.style_key()
        return int(key.split(":", 1)[1]) if key and key.startswith("phrase:") else None

    # --- writing ---------------------------------------------------------------------------------

    def _style_change(self, change: Callable[[HouseStyle], HouseStyle], done: str = "") -> None:
        """Write ``change`` applied to the panel's style as it is in the database."""
        panel_id = self.panel_id

        def run(store: Store) -> object:
            current = store.get_panel(panel_id).style
            return store.update_panel(panel_id, style=change(current))

        self._write(run, done)

    def _set_field(self, field: str, value: object) -> None:
        self._style_change(lambda style: with_setting(style, field, value))

    # --- editing a setting -----------------------------------------------------------------------

    def action_edit_style(self) -> None:
        data = self.data
        key = self.style_key()
        if data is None or key is None:
            return
        style: HouseStyle = data.panel.style
        if key == "numbering":
            self._choose_numbering(data.panel)
        elif key == "first_number":
            self._edit_first_number()
        elif key == "phrases":
            self.action_add_phrase()
        elif key.startswith("phrase:"):
            self._edit_phrase(int(key.split(":", 1)[1]))
        else:
            self._edit_setting(style, key.split(":", 1)[1])

    def _edit_setting(self, style: HouseStyle, field: str) -> None:
        value = getattr(style, field)
        if isinstance(value, StrEnum):
            members = list(type(value))
            self.app.push_screen(
                ChoiceScreen(label(field), [(choice_words(m), m.value) for m in members],
                             selected=members.index(value)),
                lambda chosen: self._set_field(field, type(value)(chosen))
                if chosen is not None and chosen != value.value else None,
            )
        elif isinstance(value, bool):
            self._set_field(field, not value)
        elif field == "year_start_month":
            self.app.push_screen(
                ChoiceScreen("The minute numbering year starts in",
                             [(month_words(n), n) for n in range(1, len(MONTHS) + 1)],
                             selected=int(value) - 1),
                lambda month: self._set_field(field, month)
                if month is not None and month != value else None,
            )
        elif isinstance(value, str):
            self._edit_text(field, value)

    def _edit_text(self, field: str, value: str) -> None:
        def problem(line: str) -> str | None:
            return template_problem(field, from_line(line))

        panel_id = self.panel_id

        def save(store: Store, line: str) -> object:
            current = store.get_panel(panel_id).style
            return store.update_panel(panel_id,
                                      style=with_setting(current, field, from_line(line)))

        self.app.push_screen(
            PromptScreen(label(field), as_line(value), validator=problem, save=save,
                         hint=_text_hint(field)),
            lambda saved: self.reload() if saved is not None else None,
        )

    # --- numbering -------------------------------------------------------------------------------

    def _choose_numbering(self, panel: PanelData) -> None:
        panel_id = self.panel_id
        choices = [(words, value) for value, words in NUMBERING_WORDS.items()]
        current = list(NUMBERING_WORDS).index(panel.numbering.value)

        def numbered(value: str | None) -> None:
            if value is not None and value != panel.numbering.value:
                self._write(lambda s: s.update_panel(panel_id, numbering=Numbering(value)),
                            "Minute numbering changed; minutes are renumbered as exported.")

        self.app.push_screen(
            ChoiceScreen("How are the minutes numbered?", choices, selected=current), numbered,
        )

    def _edit_first_number(self) -> None:
        panel_id, year = self.panel_id, self.numbering_year

        def problem(text: str) -> str | None:
            if text.strip().isdigit() and 1 <= int(text.strip()) <= 99_999:
                return None
            return "Type a whole number from 1 to 99999."

        def save(store: Store, text: str) -> object:
            store.set_first_minute_number(panel_id, year, int(text.strip()))
            return None

        self.app.push_screen(
            PromptScreen(f"First minute number of {year}", str(self.first_number),
                         validator=problem, save=save,
                         hint="Running numbering counts on from it (a panel that began the "
                              "year in another tool)."),
            lambda saved: self.reload() if saved is not None else None,
        )

    # --- stock phrases ---------------------------------------------------------------------------

    def _phrases_change(self, change: Callable[[list[str]], list[str]], at: int) -> None:
        self._pending_row = at
        self._style_change(lambda style: replace(style, phrases=tuple(change(list(style.phrases)))))

    def action_add_phrase(self) -> None:
        if self.data is None:
            return
        index = self.current_phrase()
        at = len(self.data.panel.style.phrases) if index is None else index + 1
        panel_id = self.panel_id

        def save(store: Store, text: str) -> object:
            style = store.get_panel(panel_id).style
            phrases = list(style.phrases)
            phrases.insert(min(at, len(phrases)), text.strip())
            return store.update_panel(panel_id, style=replace(style, phrases=tuple(phrases)))

        self.app.push_screen(
            PromptScreen("Add a stock phrase", validator=_phrase_problem, save=save,
                         hint=_text_hint("phrases"),
                         placeholder="e.g. {presenter} introduced the report."),
            self._phrase_added(at),
        )

    def _phrase_added(self, at: int) -> Callable[[object], None]:
        """After the add prompt: reload with the highlight on the new phrase, so it is seen."""

        def done(saved: object) -> None:
            if saved is not None:
                self._pending_row = at
                self.reload()

        return done

    def _edit_phrase(self, index: int) -> None:
        if self.data is None:
            return
        old = self.data.panel.style.phrases[index]
        panel_id = self.panel_id

        def save(store: Store, text: str) -> object:
            style = store.get_panel(panel_id).style
            phrases = list(style.phrases)
            if index < len(phrases) and phrases[index] == old:  # still the one the clerk saw
                phrases[index] = text.strip()
            else:
                phrases.append(text.strip())
            return store.update_panel(panel_id, style=replace(style, phrases=tuple(phrases)))

        self.app.push_screen(
            PromptScreen(f"Stock phrase {index + 1}", old, validator=_phrase_problem, save=save,
                         hint=_text_hint("phrases")),
            lambda saved: self.reload() if saved is not None else None,
        )

    def action_move_phrase(self, delta: int) -> None:
        index = self.current_phrase()
        if index is None or self.data is None:
            return
        phrases: Sequence[str] = self.data.panel.style.phrases
        target = index + delta
        if not 0 <= target < len(phrases):
            return
        phrase = phrases[index]

        def move(current: list[str]) -> list[str]:
            if index < len(current) and current[index] == phrase and 0 <= target < len(current):
                current[index], current[target] = current[target], current[index]
            return current

        self._phrases_change(move, target)

    def action_delete_phrase(self) -> None:
        index = self.current_phrase()
        if index is None or self.data is None:
            return
        phrase = self.data.panel.style.phrases[index]

        def confirmed(yes: bool | None) -> None:
            if yes:
                def drop(current: list[str]) -> list[str]:
                    if index < len(current) and current[index] == phrase:
                        del current[index]
                    return current

                self._phrases_change(drop, max(0, index - 1))

        self.app.push_screen(
            ConfirmScreen(f"Delete the stock phrase “{phrase}”?", title="Delete stock phrase",
                          yes_label="Delete"),
            confirmed,
        )

    # --- presets ---------------------------------------------------------------------------------

    def action_apply_preset(self) -> None:
        data = self.data
        if data is None:
            return
        style: HouseStyle = data.panel.style
        same = [n for n, p in enumerate(PRESETS)
                if replace(p.style, phrases=style.phrases) == style]

        def chosen(key: str | None) -> None:
            found = next((p for p in PRESETS if p.key == key), None)
            if found is None:
                return
            self.app.push_screen(
                ConfirmScreen(
                    f"Use the “{found.label}” house style for this panel?\nEvery setting on "
                    f"this tab is replaced (the stock phrases stay), and minutes are numbered "
                    f"{'running through the year' if found.numbering == 'running' else 'per item'}"
                    ".", title="Apply a preset", yes_label="Apply"),
                lambda yes: self._apply(found) if yes else None,
            )

        self.app.push_screen(
            ChoiceScreen("Start the house style from which preset?",
                         [(p.label, p.key) for p in PRESETS], selected=same[0] if same else 0,
                         hint="Every setting can be changed afterwards."),
            chosen,
        )

    def _apply(self, chosen: Preset) -> None:
        panel_id = self.panel_id

        def run(store: Store) -> object:
            current = store.get_panel(panel_id).style
            return store.update_panel(panel_id, style=with_preset(current, chosen),
                                      numbering=Numbering(chosen.numbering))

        self._write(run, f"House style: {chosen.label}.")


def _phrase_problem(text: str) -> str | None:
    if not text.strip():
        return "Type the phrase."
    return template_problem("phrases", text)


def _text_hint(field: str) -> str:
    known = sorted(PLACEHOLDERS.get(field, frozenset()))
    if field == "phrases":
        return ("Filled in as it is inserted: {presenter} the item's presenter, {chair} the "
                "Chair's name, {now} the time now.")
    if known:
        return "Placeholders: " + ", ".join("{" + k + "}" for k in known) + (
            ". A line break is typed \\n." if field == "signature_template" else ".")
    return ""
