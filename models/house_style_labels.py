"""The house style in plain words, for Panel settings: a label for each setting, each choice of
an enum setting with an example of what it prints, and a value as the clerk reads it.

No Textual here: ``screens/panel_settings.py`` shows these and wires its keys to them. A setting
added to ``HouseStyle`` later without a label here is still shown (its name in words), so every
field of the style is always listed.
"""

from __future__ import annotations

from dataclasses import fields
from enum import StrEnum

from panel_minutes.models.house_style import (
    ActionPlacement,
    HouseStyle,
    ItemHeading,
    MovementStyle,
    NameStyle,
    ParagraphNumbers,
    ResolutionOpening,
    TimeStyle,
)

#: The width of the House style tab's Setting column: every label fits in it.
LABEL_WIDTH = 24

LABELS: dict[str, str] = {
    "heading_template": "Heading wording",
    "status_line": "Draft status line",
    "item_heading": "Item headings",
    "year_start_month": "Year starts in",
    "paragraph_numbers": "Paragraph numbers",
    "councillor_title": "Councillors' title",
    "names": "Names in the text",
    "show_councils": "Members' councils",
    "times": "Times",
    "movements": "Arrivals, departures",
    "apologies_in_attendance": "Apologies line",
    "apologies_template": "Apologies wording",
    "apologies_substitute_template": "Substitute in apologies",
    "procedural_names": "Names in apologies",
    "declarations_as_list": "Declarations as a list",
    "declaration_under_item": "Declarations under item",
    "declaration_item_template": "Declaration's item ref",
    "resolution_opening": "Resolutions open",
    "resolution_bold": "RESOLVED in bold",
    "resolution_start": "A resolution starts",
    "vote_template": "Vote wording",
    "vote_italic": "Vote in italics",
    "unanimous_words": "No one against",
    "question_template": "Question wording",
    "anonymous_question_template": "Unnamed asker",
    "actions": "Actions",
    "action_status_column": "Action status column",
    "inline_action_template": "Inline action",
    "exempt_template": "Exempt item wording",
    "default_exempt_basis": "Exempt basis if none",
    "say_no_actions_outstanding": "\"No actions outstanding\"",
    "say_no_actions_raised": "\"No actions raised\"",
    "say_none_declared": "\"None were declared\"",
    "closing_template": "Closing wording",
    "signature_template": "Signature line",
    "phrases": "Stock phrases",
    "entry_lists": "Typed lists and tables",
    "spaced_table_rules": "Table rule row spaced",
}

#: Each choice of an enum setting, in words with an example of what the minutes print.
CHOICES: dict[type[StrEnum], dict[str, str]] = {
    ItemHeading: {
        "heading": "A heading: \"### 3. Title\", then the paragraphs",
        "run_in": "Run in, bold: \"**108/26 Apologies for absence.** text ...\"",
    },
    ParagraphNumbers: {
        "dot": "1., 2., 3.",
        "brackets": "(1), (2), (3)",
        "decimal": "5.1, 5.2 (item, then paragraph)",
        "none": "Not numbered",
    },
    NameStyle: {
        "full": "Full name every time: \"Cllr Jane Hughes\"",
        "surname": "Surname after the first mention: \"Cllr Hughes\"",
    },
    TimeStyle: {
        "12h": "12-hour clock: \"10.30 am\", \"7.00 pm\"",
        "24h": "24-hour clock: \"10:30\", \"19:00\"",
    },
    MovementStyle: {
        "time": "As times: \"(from 10.55 am)\"",
        "minute": "As minute references: \"(from minute 112/26)\"",
    },
    ResolutionOpening: {
        "resolved_that": "\"RESOLVED that the Panel ...\"",
        "resolved_colon": "\"RESOLVED: That the Panel ...\"",
        "agreed": "\"AGREED that ...\"",
    },
    ActionPlacement: {
        "table": "In a table at the end",
        "inline": "Inline after their entry: \"ACTION: the Clerk to ..., by ...\"",
        "both": "Both inline and in the table at the end",
    },
}

#: What "on" and "off" mean for each yes/no setting.
SWITCHES: dict[str, tuple[str, str]] = {
    "status_line": ("Shown: \"Status: Draft, to be approved ...\"", "Not shown"),
    "show_councils": ("Shown in the attendance: \"(Northbury County Council)\"", "Not shown"),
    "apologies_in_attendance": ("An \"Apologies:\" line under \"Present:\"", "Not listed there"),
    "resolution_bold": ("**RESOLVED**", "RESOLVED (plain)"),
    "vote_italic": ("In italics", "Plain"),
    "action_status_column": ("The end table has a Status column", "No Status column"),
    "say_no_actions_outstanding": ("Written when none are outstanding", "Never written"),
    "say_no_actions_raised": ("Written when none were raised", "Never written"),
    "say_none_declared": ("Written when none were declared", "Never written"),
}

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)


def label(field: str) -> str:
    """The setting's name in words ("Times"); a field without one here, its name in words."""
    return LABELS.get(field) or field.replace("_", " ").capitalize()


def month_words(month: int) -> str:
    """"January (the calendar year)", "May (the municipal year)", "September"."""
    name = MONTHS[month - 1]
    if month == 1:
        return f"{name} (the calendar year)"
    if month == 5:
        return f"{name} (the municipal year, from the annual meeting)"
    return name


def choice_words(value: StrEnum) -> str:
    """An enum setting's value in words, with its example."""
    return CHOICES.get(type(value), {}).get(value.value, value.value)


def value_words(style: HouseStyle, field: str) -> str:
    """The value of ``field`` in ``style`` as the clerk reads it, on one line."""
    value = getattr(style, field)
    if isinstance(value, StrEnum):
        return choice_words(value)
    if isinstance(value, bool):
        on, off = SWITCHES.get(field, ("Yes", "No"))
        return on if value else off
    if field == "year_start_month":
        return month_words(int(value))
    if isinstance(value, tuple):
        count = len(value)
        return "None yet" if not count else f"{count} phrase{'s' if count != 1 else ''}"
    text = str(value)
    return text.replace("\n", " ⏎ ") if text else "(empty)"


def setting_fields() -> list[str]:
    """Every field of ``HouseStyle``, in its order (the stock phrases are listed one a row)."""
    return [f.name for f in fields(HouseStyle)]


def as_line(text: str) -> str:
    """A template as one line to edit in a text field: a line break is written ``\\n``."""
    return text.replace("\n", "\\n")


def from_line(line: str) -> str:
    """The template a one-line edit stands for (``\\n`` is a line break again)."""
    return line.replace("\\n", "\n")
