"""The composer's modes and the rules for moving between them (no Textual here).

A mode is what the next entry will be: a paragraph, a question, a resolution, an action or a
procedural note. Each mode has its extra fields (``MODE_FIELDS``, in the order Tab visits them
after the text). The rules the live screen's keys follow:

- **Typing starts in the text** (``START_FIELD``), at its end, whatever the mode; Tab then walks
  the mode's fields left to right (``tab_order``), and for a question ends in the answer box.
- **A mode key never throws work away** (``change_mode``): pressing the key of the current mode
  keeps it (the entry is not filed yet), and a change that would hide fields holding typed text
  is refused with one line, so nothing typed in a field ends up in the text or is lost.
- **Typed prefixes** (``typed_prefix``): at the start of a plain paragraph, ``Q:``, ``RESOLVED:``,
  ``ACTION:`` or ``NOTE:`` in capitals, followed by a space, turn the composer into a question,
  resolution, action or procedural note as that space is typed (the prefix itself goes). Enter
  never reads a prefix: it files what the screen shows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum

from panel_minutes.models.errors import ValidationError


class Mode(StrEnum):
    PARAGRAPH = "paragraph"
    QUESTION = "question"
    RESOLUTION = "resolution"
    ACTION = "action"
    PROCEDURE = "procedure"


MODE_LABELS = {
    Mode.PARAGRAPH: "Paragraph",
    Mode.QUESTION: "Question",
    Mode.RESOLUTION: "Resolution",
    Mode.ACTION: "Action",
    Mode.PROCEDURE: "Procedural note",
}

# The extra fields of each mode, in Tab order, with their labels.
MODE_FIELDS: dict[Mode, tuple[tuple[str, str], ...]] = {
    Mode.PARAGRAPH: (),
    Mode.QUESTION: (("asker", "Asked by"), ("respondent", "Answered by")),
    Mode.RESOLUTION: (
        ("proposer", "Proposer"),
        ("seconder", "Seconder"),
        ("vote", "Vote"),
        ("outcome", "Outcome"),
        ("vote_note", "Note"),
    ),
    Mode.ACTION: (("owner", "Owner"), ("due", "Due date")),
    Mode.PROCEDURE: (("at", "At"),),
}
# Fields holding a person's name (completed from the attendance).
NAME_FIELDS = frozenset({"asker", "respondent", "proposer", "seconder", "owner"})

RESOLUTION_START = "that the Panel "

# Where typing starts after a mode key, a filing or an edit is loaded: the main text.
START_FIELD = "text"
# The question's answer box, the last stop of a question's Tab order.
ANSWER_FIELD = "answer"
# Filled in by the app, not typed (the time of a procedural note): hiding it loses nothing.
_PREFILLED = frozenset({"at"})

_ARTICLE = {
    Mode.PARAGRAPH: "a paragraph",
    Mode.QUESTION: "a question",
    Mode.RESOLUTION: "a resolution",
    Mode.ACTION: "an action",
    Mode.PROCEDURE: "a procedural note",
}

# The typed prefixes: the word in capitals, a colon, then a space (the space makes the change).
PREFIXES = {
    "Q:": Mode.QUESTION,
    "RESOLVED:": Mode.RESOLUTION,
    "ACTION:": Mode.ACTION,
    "NOTE:": Mode.PROCEDURE,
}
_PREFIX = re.compile(r"^(Q|RESOLVED|ACTION|NOTE):[ \t]+")


def tab_order(mode: Mode) -> tuple[str, ...]:
    """The stops of Tab in ``mode``: the text, the mode's fields left to right, the answer."""
    stops = (START_FIELD, *(key for key, _ in MODE_FIELDS[mode]))
    return (*stops, ANSWER_FIELD) if mode is Mode.QUESTION else stops


def field_label(key: str) -> str:
    if key == ANSWER_FIELD:
        return "Answer"
    for fields in MODE_FIELDS.values():
        for name, label in fields:
            if name == key:
                return label
    return key


def typed_fields(mode: Mode, fields: Mapping[str, str]) -> list[str]:
    """The keys of ``mode``'s fields (the answer too) that hold typed text."""
    keys = [key for key in tab_order(mode) if key != START_FIELD and key not in _PREFILLED]
    return [key for key in keys if fields.get(key, "").strip()]


def change_mode(
    current: Mode, requested: Mode, fields: Mapping[str, str], *, typed: bool
) -> Mode:
    """The mode a mode key (or Esc, asking for a paragraph) leads to from ``current``.

    ``fields`` are the values of the current mode's fields; ``typed`` says whether anything was
    typed at all. Raises ``ValidationError`` (one line, saying what to do) when the key would
    hide typed text, or is the key of the mode already shown.
    """
    if requested is current:
        if current is Mode.PARAGRAPH:
            return current
        what = _ARTICLE[current]
        if typed:
            raise ValidationError(
                f"Still {what}, not filed yet: Enter files it; Esc makes it a plain paragraph."
            )
        raise ValidationError(f"Already {what}: Esc makes it a plain paragraph.")
    full = typed_fields(current, fields)
    if full:
        labels = ", ".join(field_label(key) for key in full)
        verb, them = ("still holds", "it") if len(full) == 1 else ("still hold", "them")
        raise ValidationError(
            f"Not made {_ARTICLE[requested]}: {labels} {verb} what you typed. Enter files "
            f"{_ARTICLE[current]}; ctrl+u in each field empties {them}."
        )
    return requested


def typed_prefix(text: str) -> tuple[Mode, str] | None:
    """(mode, the text after the prefix) when ``text`` starts with a typed prefix and its space;
    ``None`` otherwise ("Q:" without its space, "Note: " not in capitals, a prefix later on)."""
    found = _PREFIX.match(text)
    if found is None:
        return None
    return PREFIXES[f"{found.group(1)}:"], text[found.end():]
