"""The composer: where the clerk types, at the bottom of the live screen.

A TextArea for the text, and above it a compact row of one-line Inputs for the extra fields of the
current mode (asker and respondent of a question, proposer/seconder/vote/outcome of a resolution,
owner and due date of an action, the time of a procedural note). A question also gets a second
TextArea beside the first for the answer.

Keys inside the composer:

- Enter files the text (``Composer.Submitted``); ctrl+j (or shift+enter where the terminal
  reports it) starts a new line.
- Tab does one thing at a time, and the screen shows which: while the letters before the cursor
  can be completed to an attendee's name, the name is shown dimmed after them ("(Tab: Cllr
  Ashby)") and Tab puts it in (in running text followed by a space), staying in the field;
  otherwise Tab moves to the next field (text, then the mode's fields, then a question's answer)
  and shift+tab back. ctrl+space / ctrl+n complete, or put in the next matching name.
- Escape cancels an edit, or returns a question/resolution/... to a plain paragraph; neither Esc
  nor a mode key hides a field that holds typed text (``panel_minutes.models.composer_modes.change_mode``).
- The line-editing keys work in every field: ctrl+a / Home, ctrl+e / End, ctrl+u, ctrl+k, ctrl+w,
  and alt+a selects everything in the field (typing then replaces it).
- ``Q:``, ``RESOLVED:``, ``ACTION:``, ``NOTE:`` and a space at the start of a paragraph change
  the mode as the space is typed (``panel_minutes.models.composer_modes.typed_prefix``).
- ctrl+z undoes typing; in an empty composer it asks the screen to undo the last change instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Input, Label, TextArea
from textual.widgets.input import Selection

from panel_minutes.models.composer_modes import (
    ANSWER_FIELD,
    MODE_FIELDS,
    MODE_LABELS,
    NAME_FIELDS,
    RESOLUTION_START,
    START_FIELD,
    Mode,
    change_mode,
    tab_order,
    typed_prefix,
)
from panel_minutes.models.composer_state import (
    OWNER_SEPARATOR,
    RECORDED_VOTE,
    ComposerState,
    Place,
    short_name,
)
from panel_minutes.models.domain import PersonData
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.names import (
    NameKind,
    candidates,
    clear_winner,
    completion_in_field,
    completion_in_text,
    read_name_field,
)

People = Callable[[], Sequence[PersonData]]

COMPLETE_KEYS = frozenset({"ctrl+@", "ctrl+space", "ctrl+n"})
NEWLINE_KEYS = frozenset({"ctrl+j", "shift+enter"})
SELECT_ALL_KEY = "alt+a"  # ctrl+a is the start of the line, as in every shell


def completion_hint(name: str) -> str:
    """What Tab will put in, shown dimmed after the cursor."""
    return f" (Tab: {name})"

# Every extra field once, in the order they sit in the row.
ALL_FIELDS: tuple[tuple[str, str], ...] = tuple(
    dict.fromkeys(pair for fields in MODE_FIELDS.values() for pair in fields)
)
FIELD_LABELS = dict(ALL_FIELDS)
PLACEHOLDERS = {
    "asker": "member's name",
    "respondent": "who answered",
    "proposer": "name",
    "seconder": "name",
    "vote": "8-0-1",
    "outcome": "carried/lost/unan.",
    "vote_note": "who abstained, why",
    "owner": "name or team",
    "due": "YYYY-MM-DD",
    "at": "HH:MM",
}


# How a name field shows what it holds (see ``Composer.show_name_kind``).
NAME_MARKS = {
    NameKind.PERSON: "-person",
    NameKind.FREE: "-free",
    NameKind.NOBODY: "-nobody",
    NameKind.AMBIGUOUS: "-nobody",
}


@dataclass
class _Completion:
    """The last completion, so a repeated press can offer the next match."""

    row: int
    start: int
    end: int
    names: list[str]
    index: int
    tail: str = " "  # what follows the name in running text (a name field holds only the name)


class ComposerText(TextArea):
    """The composer's TextArea: Enter files, ctrl+j breaks the line, Tab completes names."""

    BINDINGS = [
        Binding("ctrl+z", "undo", "Undo typing", show=False),
        Binding(SELECT_ALL_KEY, "select_all", "Select all", show=False),
    ]

    # Its height is fixed (live.tcss), so a change of its scrollable size (the text cleared at
    # Enter, a line wrapped while typing) repaints it without a layout pass of the whole screen.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def __init__(self, people: People, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id, soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
        self._people = people
        self._completion: _Completion | None = None

    @property
    def composer(self) -> Composer:
        return self.query_ancestor(Composer)

    async def _on_key(self, event: events.Key) -> None:
        key = event.key
        if key == "enter":
            self._swallow(event)
            self.post_message(Composer.Submitted(self.composer))
            return
        if key in NEWLINE_KEYS:
            self._swallow(event)
            self.insert("\n")
            return
        if key in COMPLETE_KEYS:
            self._swallow(event)
            self.complete_name(cycle=True)
            return
        if key == "tab":
            self._swallow(event)
            # one job at a time: complete the name shown after the cursor, or move on
            if self._offer() is None or not self.complete_name(cycle=False):
                self.composer.step_focus(self, +1)
            return
        if key == "shift+tab":
            self._swallow(event)
            self.composer.step_focus(self, -1)
            return
        await super()._on_key(event)

    @staticmethod
    def _swallow(event: events.Key) -> None:
        event.stop()
        event.prevent_default()

    def action_undo(self) -> None:
        if not self.text.strip():
            self.post_message(Composer.UndoWanted(self.composer))
            return
        super().action_undo()

    def _offer(self) -> tuple[int, list[str]] | None:
        """The name the letters before the cursor complete to (``panel_minutes.models.names``), if any."""
        if not self.selection.is_empty:
            return None
        row, col = self.cursor_location
        line = self.document[row]
        if line[col:col + 1].isalnum():
            return None  # inside a word: nothing on offer
        return completion_in_text(line[:col], self._people())

    def update_suggestion(self) -> None:
        """Show what Tab will put in (dimmed, after the cursor) while there is a name to complete."""
        offer = self._offer()
        self.suggestion = completion_hint(offer[1][0]) if offer is not None else ""

    def action_cursor_right(self, select: bool = False) -> None:
        self.suggestion = ""  # the hint is not text: right moves the cursor, as usual
        super().action_cursor_right(select)

    def complete_name(self, *, cycle: bool) -> bool:
        """Complete the name before the cursor, followed by a space; a repeated ctrl+n puts in
        the next match. Returns False when there is nothing to complete."""
        row, col = self.cursor_location
        line = self.document[row]
        last = self._completion
        if (
            cycle
            and last is not None
            and last.row == row
            and last.end == col
            and line[last.start:col] == last.names[last.index] + last.tail
        ):
            if len(last.names) == 1:
                return True
            last.index = (last.index + 1) % len(last.names)
            name = last.names[last.index] + last.tail
            self._put(row, last.start, col, name)
            last.end = last.start + len(name)
            return True
        offer = self._offer()
        if offer is None:
            return False
        start, names = offer
        # a completed name is followed by a space (one already there is stepped over)
        spaced = line[col:col + 1] == " "
        self._put(row, start, col, names[0] if spaced else names[0] + " ")
        end = start + len(names[0]) + 1
        self.cursor_location = (row, end)
        self._completion = _Completion(row, start, end, names, 0)
        return True

    def _put(self, row: int, start: int, end: int, text: str) -> None:
        self.replace(text, (row, start), (row, end), maintain_selection_offset=False)
        self.cursor_location = (row, start + len(text))


class FieldInput(Input):
    """One extra field: Tab completes a name or moves along the composer, Enter files."""

    BINDINGS = [
        Binding(SELECT_ALL_KEY, "select_all", "Select all", show=False),
    ]

    def __init__(self, key: str, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(
            placeholder=PLACEHOLDERS.get(key, ""), id=id, classes=classes, compact=True,
            select_on_focus=False,
        )
        self.field_key = key
        self._seed = ""  # the letters typed before completing, for cycling with ctrl+n

    @property
    def composer(self) -> Composer:
        return self.query_ancestor(Composer)

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            # one job at a time: complete the name shown dimmed in the field, or move on
            if event.key == "tab" and self._offer():
                self.complete_name(cycle=False)
                return
            self.composer.step_focus(self, +1 if event.key == "tab" else -1)
            return
        if event.key in COMPLETE_KEYS:
            event.stop()
            event.prevent_default()
            self.complete_name(cycle=True)
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(Composer.Submitted(self.composer))
            return
        await super()._on_key(event)

    def _offer(self) -> list[PersonData]:
        """Who the letters in a name field complete to (``panel_minutes.models.names``); none elsewhere."""
        if self.field_key not in NAME_FIELDS:
            return []
        return completion_in_field(self.value, self.composer.people())

    def show_hint(self) -> None:
        """Show the name Tab will put in, dimmed after the letters typed."""
        offer = self._offer() if self.cursor_at_end else []
        if offer:
            name = short_name(offer[0], list(self.composer.people()))
            self._suggestion = self.value + completion_hint(name)
        else:
            self._suggestion = ""

    def action_cursor_right(self, select: bool = False) -> None:
        self._suggestion = ""  # the hint is not text: right moves the cursor, as usual
        super().action_cursor_right(select)

    def _on_focus(self, event: events.Focus) -> None:
        # Input's own handler (called after this one) clears the dimmed text: show it again
        # once the focus has landed, so what Tab will do is on the screen.
        self.call_later(self.show_hint)
        # the cursor back in view (the field showed the start of its text while away)
        self.scroll_to_region(Region(self._cursor_offset, 0, width=1, height=1), force=True,
                              animate=False)

    def _on_blur(self, event: events.Blur) -> None:
        # A field without the focus shows the start of its text: a name wider than the field
        # was scrolled to its end while typed ("llr Okafor" instead of "Cllr Okaf").
        self.scroll_to(x=0, animate=False, force=True)

    def _watch_selection(self, selection: Selection) -> None:
        super()._watch_selection(selection)
        if self.is_attached:
            self.composer.cursor_moved()  # the draft keeps where the cursor is

    def complete_name(self, *, cycle: bool) -> bool:
        """Name fields: complete the typed letters to an attendee's full name (a field holds one
        name: no space after it)."""
        if self.field_key not in NAME_FIELDS:
            return False
        people = list(self.composer.people())
        typed = self.value.strip()
        if not typed:
            return False
        exact = not self._offer()
        if exact and not cycle:
            return False
        seed = (self._seed if exact else "") or typed
        found = candidates(seed, people)
        if not found:
            return False
        names = [short_name(p, people) for p in found]
        index = (names.index(self.value) + 1) % len(names) if self.value in names else 0
        self._seed = seed
        self.value = names[index]
        self.cursor_position = len(self.value)
        self._suggestion = ""
        if len(names) > 1 and not exact and not clear_winner(seed, people):
            others = ", ".join(n for n in names if n != self.value)
            self.app.notify(f"{self.value}? Also matching: {others} (ctrl+n: the next).", timeout=4)
        return True


class Composer(Vertical):
    """The fields row and the text (and answer) areas; the live screen reads ``state()``."""

    BINDINGS = [
        Binding("escape", "escape", "Plain text", key_display="Esc"),
    ]

    class Submitted(Message):
        """Enter in the composer: file (or save the edit)."""

        def __init__(self, composer: Composer) -> None:
            super().__init__()
            self.composer = composer

    class Changed(Message):
        """Anything in the composer changed, or its cursor moved (the screen autosaves the
        draft, which keeps the cursor's place)."""

        def __init__(self, composer: Composer) -> None:
            super().__init__()
            self.composer = composer

    class UndoWanted(Message):
        """ctrl+z in an empty composer: undo the last change to the minutes."""

        def __init__(self, composer: Composer) -> None:
            super().__init__()
            self.composer = composer

    def __init__(
        self, people: People, *, now: Callable[[], str] | None = None,
        id: str | None = None,  # noqa: A002 (Textual's name)
    ) -> None:
        super().__init__(id=id)
        self.people = people
        self._now = now or (lambda: "")  # "HH:MM", for a note started by its typed prefix
        self._last_part = START_FIELD  # the part of the composer that last had the focus
        self._stated_place = Place(START_FIELD)  # where ``state()`` last found the cursor
        self.mode = Mode.PARAGRAPH
        self.editing: ComposerState | None = None  # the state being edited (its ``editing``)
        self._stash: ComposerState | None = None
        self._recorded_vote = ""  # a resolution's recorded vote (panel_minutes.models.composer_state)
        # what F3 puts in a new resolution: the panel's house style sets it (``resolution_start``)
        self.resolution_start = RESOLUTION_START
        self._loading = False
        self._status = ""
        self._hint = ""

    def compose(self) -> ComposeResult:
        # The field row starts empty: a field (and its label) is mounted the first time a mode
        # needs it, so opening a meeting does not pay for nine inputs a paragraph never shows.
        yield Horizontal(id="composer-fields")
        with Horizontal(id="composer-texts"):
            yield ComposerText(self.people, id="composer-text")
            yield ComposerText(self.people, id="composer-answer")

    def on_mount(self) -> None:
        # Kept as references: ``state()`` runs on every keystroke and once more while the screen
        # is being taken down (the last draft flush), when queries no longer find children.
        self._row = self.query_one("#composer-fields", Horizontal)
        self._text = self.query_one("#composer-text", ComposerText)
        self._answer = self.query_one("#composer-answer", ComposerText)
        self._fields: dict[str, FieldInput] = {}
        self._labels: dict[str, Label] = {}
        self._answer.border_title = "Answer"
        self._shown_mode: Mode | None = None
        self._apply_mode()

    # --- parts -----------------------------------------------------------------------------------

    @property
    def text_area(self) -> ComposerText:
        return self._text

    @property
    def answer_area(self) -> ComposerText:
        return self._answer

    def field(self, key: str) -> FieldInput:
        """The extra field ``key``, mounted in its place in the row the first time it is used."""
        found = self._fields.get(key)
        if found is not None:
            return found
        found = FieldInput(key, id=f"field-{key}", classes=f"field-input f-{key}")
        label = Label(FIELD_LABELS[key], classes=f"field-label f-{key}")
        order = [k for k, _ in ALL_FIELDS]
        later = [self._labels[k] for k in order[order.index(key) + 1:] if k in self._labels]
        self._fields[key] = found
        self._labels[key] = label
        if later:
            self._row.mount(label, found, before=later[0])
        else:
            self._row.mount(label, found)
        return found

    def part(self, key: str) -> Widget:
        """The text, the answer or a field, by the name ``panel_minutes.models.composer_modes`` gives it."""
        if key == START_FIELD:
            return self.text_area
        if key == ANSWER_FIELD:
            return self.answer_area
        return self.field(key)

    def _part_name(self, widget: Widget) -> str | None:
        if widget is self._text:
            return START_FIELD
        if widget is self._answer:
            return ANSWER_FIELD
        if isinstance(widget, FieldInput):
            return widget.field_key
        return None

    def _tab_order(self) -> list[Widget]:
        return [self.part(key) for key in tab_order(self.mode)]

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        name = self._part_name(event.widget)
        if name is not None and name != self._last_part:
            self._last_part = name
            self.cursor_moved()

    @on(TextArea.SelectionChanged)
    def _selection_changed(self, event: TextArea.SelectionChanged) -> None:
        event.stop()
        self.cursor_moved()

    def cursor_moved(self) -> None:
        """The cursor moved or changed field: the draft is to keep its new place (typing
        reports itself; this is for arrows, Home, End, Tab and the like)."""
        if self._loading or not hasattr(self, "_fields"):
            return
        if self._place() != self._stated_place:
            self.post_message(Composer.Changed(self))

    def _place(self) -> Place:
        key = self._last_part if self._last_part in tab_order(self.mode) else START_FIELD
        widget = self.part(key)
        if isinstance(widget, TextArea):
            row, column = widget.cursor_location
            return Place(key, row, column)
        assert isinstance(widget, Input)
        return Place(key, 0, widget.cursor_position)

    def _go_to(self, place: Place) -> None:
        """Put the cursor at ``place`` (a restored draft: the field and the spot it was at)."""
        key = place.field if place.field in tab_order(self.mode) else START_FIELD
        widget = self.part(key)
        if isinstance(widget, TextArea):
            document = widget.document
            row = min(place.row, document.line_count - 1)
            widget.move_cursor((row, min(place.column, len(document[row]))))
        elif isinstance(widget, Input):
            widget.cursor_position = min(place.column, len(widget.value))
        self._last_part = key

    def insert_at_cursor(self, text: str) -> None:
        """Put ``text`` where the cursor was (the text, the answer or a field) and go back
        there, as if it had been typed (a stock phrase)."""
        key = self._last_part if self._last_part in tab_order(self.mode) else START_FIELD
        widget = self.part(key)
        if isinstance(widget, TextArea):
            widget.insert(text)
        elif isinstance(widget, Input):
            widget.insert_text_at_cursor(text)
        widget.focus()

    def step_focus(self, widget: Widget, step: int) -> None:
        order = self._tab_order()
        if len(order) < 2 or widget not in order:
            return
        order[(order.index(widget) + step) % len(order)].focus()

    # --- state -----------------------------------------------------------------------------------

    def state(self) -> ComposerState:
        fields = {key: self.field(key).value for key, _ in MODE_FIELDS[self.mode]}
        if self.mode is Mode.QUESTION:
            fields["answer"] = self.answer_area.text
        if self.mode is Mode.RESOLUTION and self._recorded_vote:  # set by the panel, not typed
            fields[RECORDED_VOTE] = self._recorded_vote
        editing = self.editing.editing if self.editing is not None else None
        self._stated_place = place = self._place()
        text = self.text_area.text
        if self.mode is Mode.RESOLUTION and self._only_start(text):
            text = ""  # the style's prefilled start alone is nothing typed
        return ComposerState(self.mode, text, fields, editing, self._stash, place)

    def _only_start(self, text: str) -> bool:
        """Whether ``text`` is only a resolution's prefilled start (the house style's, or the
        default "that the Panel")."""
        typed = text.strip()
        return typed in (self.resolution_start.strip(), RESOLUTION_START.strip())

    def load(self, state: ComposerState, *, focus: bool = True) -> None:
        """Show ``state`` (a restored draft, an entry to edit, or a cleared composer)."""
        self._loading = True
        try:
            self.mode = state.mode
            self._stash = state.stash
            self._recorded_vote = state.fields.get(RECORDED_VOTE, "")
            self.editing = state if state.editing is not None else None
            wanted = {k for k, _ in MODE_FIELDS[state.mode]}
            for key, _ in ALL_FIELDS:
                value = state.fields.get(key, "")
                if value or key in wanted or key in self._fields:
                    self.field(key).value = value
            self.text_area.load_text(state.text)
            self.answer_area.load_text(state.fields.get("answer", ""))
            self._apply_mode()
            self._go_to(state.place or Place(START_FIELD, *self.text_area.document.end))
        finally:
            self._loading = False
        self.post_message(Composer.Changed(self))
        if focus:
            self.focus_first()

    def clear(self) -> None:
        """After filing: an empty paragraph, or the text put aside before an edit."""
        stash = self._stash
        self.load(stash if stash is not None else ComposerState(), focus=False)
        self.focus_first()

    def _end_of_text(self) -> None:
        area = self.text_area
        area.move_cursor(area.document.end)

    def focus_first(self) -> None:
        """Back to typing: the part of the composer last typed in (the text after a mode key,
        a filing or a cleared composer), with its cursor where it was."""
        key = self._last_part if self._last_part in tab_order(self.mode) else START_FIELD
        self.part(key).focus()

    def focus_text_end(self) -> None:
        """Where typing starts after a mode key: the end of the text, whatever the mode."""
        self._last_part = START_FIELD
        self._end_of_text()
        self.text_area.focus()

    # --- modes -----------------------------------------------------------------------------------

    def set_mode(self, mode: Mode, *, now: str = "", preset: bool = True) -> bool:
        """Switch the composer to ``mode``, keeping what was typed; refused (with one line) when
        it would hide a field holding typed text, or ``mode`` is the one shown
        (``panel_minutes.models.composer_modes.change_mode``). Typing then starts at the end of the text.
        ``preset``: a resolution begins with "that the Panel " (F3); a typed prefix passes False,
        since the clerk is already typing the words ("RESOLVED: that the Panel ...")."""
        current = self.state()
        try:
            mode = change_mode(self.mode, mode, current.fields, typed=not current.is_empty)
        except ValidationError as err:
            self.app.notify(str(err), severity="warning", timeout=5)
            if mode is self.mode:
                self.focus_text_end()  # the key of the mode shown: typing goes on in its text
            return False
        editing = self.editing.editing if self.editing is not None else None
        if editing is not None and (editing.what == "action") != (mode is Mode.ACTION):
            self.app.notify(
                "An action cannot become a minute entry (or the other way round): "
                "press Esc to cancel the edit first.", severity="warning",
            )
            return False
        area = self.text_area
        if self.mode is Mode.RESOLUTION and self._only_start(area.text):
            area.load_text("")
        self.mode = mode
        if mode is Mode.RESOLUTION and preset and not area.text.strip():
            area.load_text(self.resolution_start)
            self._end_of_text()
        if mode is Mode.PROCEDURE and now and not self.field("at").value.strip():
            self.field("at").value = now
        self._apply_mode()
        self.post_message(Composer.Changed(self))
        self.focus_text_end()
        return True

    def offer_resolution(self, text: str) -> bool:
        """Put ``text`` in the resolution composer for the clerk to read and file with Enter
        (never filed here); refused with one line when the composer holds typed text."""
        typed = self.text_area.text.strip()
        if self.editing is not None or (typed and not self._only_start(typed)):
            self.app.notify("The composer holds typed text: file it or clear it first.",
                            severity="warning", timeout=5)
            return False
        if self.mode is not Mode.RESOLUTION and not self.set_mode(Mode.RESOLUTION, preset=False):
            return False
        self.text_area.load_text(text)
        self.focus_text_end()
        self.post_message(Composer.Changed(self))
        return True

    def _apply_mode(self) -> None:
        wanted = {k for k, _ in MODE_FIELDS[self.mode]}
        for key in wanted:
            self.field(key)
        for key, field in self._fields.items():
            field.display = self._labels[key].display = key in wanted
        self._row.display = bool(wanted)
        self.answer_area.display = self.mode is Mode.QUESTION
        if self._shown_mode is not self.mode:
            if self._shown_mode is not None:
                self.remove_class(f"-mode-{self._shown_mode.value}")
            self.add_class(f"-mode-{self.mode.value}")
            self._shown_mode = self.mode
        self.set_class(self.editing is not None, "-editing")
        self.refresh_bindings()
        label = MODE_LABELS[self.mode]
        if self.editing is not None and self.editing.editing is not None:
            label = f"Editing: {label.lower()} · Enter saves · Esc cancels"
        else:
            label = f"{label} · Enter files · ^J new line"
        self.text_area.border_title = label

    def set_status(self, text: str, *, problem: bool = False) -> None:
        """The draft / save status shown under the text ("draft saved", "NOT SAVED ...")."""
        self._status = text
        self.text_area.border_subtitle = text or self._hint
        self.set_class(problem, "-problem")

    def set_hint(self, text: str) -> None:
        """What the text will record besides the entry (a procedural note's attendance
        movement), shown under the text when there is no save status to show."""
        if text == self._hint:
            return
        self._hint = text
        self.text_area.border_subtitle = self._status or text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape is offered (and shown in the footer) only when there is something to undo."""
        if action == "escape":
            return self.editing is not None or self.mode is not Mode.PARAGRAPH
        return True

    def action_escape(self) -> None:
        if self.editing is not None:
            self.load(self._stash or ComposerState())
            self.app.notify("Edit cancelled; the entry is unchanged.", timeout=3)
            return
        if self.mode is not Mode.PARAGRAPH:
            self.set_mode(Mode.PARAGRAPH)

    def start_edit(self, state: ComposerState) -> None:
        """Load a filed entry for editing, putting aside what was being typed."""
        current = self.state()
        stash = current.stash if current.editing is not None else (
            None if current.is_empty else replace(current, stash=None)
        )
        self.load(replace(state, stash=stash))

    # --- change notifications --------------------------------------------------------------------

    @on(TextArea.Changed)
    @on(Input.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        if isinstance(event, Input.Changed) and isinstance(event.input, FieldInput):
            self.show_name_kind(event.input)
            event.input.show_hint()
        if (
            isinstance(event, TextArea.Changed) and event.text_area is self._text
            and not self._loading and self.mode is Mode.PARAGRAPH
        ):
            self._take_prefix()
        if not self._loading:
            self.post_message(Composer.Changed(self))

    def _take_prefix(self) -> None:
        """A typed prefix ("Q: ", "ACTION: " ...) at the start of a paragraph: the mode changes
        now, on the screen, and the prefix goes (``panel_minutes.models.composer_modes.typed_prefix``)."""
        found = typed_prefix(self._text.text)
        if found is None:
            return
        mode, rest = found
        if self.editing is not None and mode is Mode.ACTION:
            return  # an entry being edited cannot become an action: the text stays as typed
        area = self._text
        area.replace("", (0, 0), (0, len(area.text) - len(rest)))
        self.set_mode(mode, now=self._now(), preset=False)

    def show_name_kind(self, field: FieldInput) -> None:
        """Mark a name field with what it holds (``panel_minutes.models.names``), before anything is filed:
        someone at the meeting, text kept as written (in quotes), or letters naming no one."""
        if field.field_key not in NAME_FIELDS:
            return
        value = field.value
        if field.field_key == "owner" and OWNER_SEPARATOR in value:
            # several owners: marked by the first that names no one (else the last)
            reads = [read_name_field(part, self.people()) for part in value.split(OWNER_SEPARATOR)]
            bad = [r for r in reads if r.kind in (NameKind.NOBODY, NameKind.AMBIGUOUS)]
            read = bad[0] if bad else reads[-1]
        else:
            read = read_name_field(value, self.people())
        kind = read.kind
        for mark in NAME_MARKS.values():
            field.remove_class(mark)
        if kind in NAME_MARKS:
            field.add_class(NAME_MARKS[kind])
        if read.person is not None:
            who = read.person
            field.tooltip = f"{who.full_name}, {who.role}" if who.role else who.full_name
        elif kind is NameKind.FREE:
            field.tooltip = "Kept as written (not a person at the meeting)"
        elif kind in (NameKind.NOBODY, NameKind.AMBIGUOUS):
            field.tooltip = (
                "No one at this meeting (or more than one): Tab completes a name; quotes keep "
                "the text as written"
            )
        else:
            field.tooltip = None
