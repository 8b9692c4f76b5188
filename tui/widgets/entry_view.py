"""Rich renderables for one minute entry or action, as the live screen lists them.

The words are the published minutes' own (``panel_minutes.models.export.wording.entry_spans``: a question
reads "Cllr Raman asked ... The Commissioner replied that ..."; a resolution reads "RESOLVED that
..." with its vote): this module only styles them. The number beside each entry is the one the
export will print (``panel_minutes.models.numbering``).
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import RenderableType
from rich.text import Text

from panel_minutes.models.domain import ActionData, EntryData, EntryKind, PersonData
from panel_minutes.models.export.wording import Role, entry_spans
from panel_minutes.models.house_style import DEFAULT as DEFAULT_STYLE
from panel_minutes.models.house_style import HouseStyle
from panel_minutes.tui.widgets.gutter import Cell, Gutter

LABEL_WIDTH = 4  # "12.", "(12)", "A3": the number column of the entries list

KIND_STYLES = {
    EntryKind.PARAGRAPH: "",
    EntryKind.QUESTION: "cyan",
    EntryKind.RESOLUTION: "bold yellow",
    EntryKind.PROCEDURE: "italic",
}
KIND_TAGS = {
    EntryKind.PARAGRAPH: "",
    EntryKind.QUESTION: "Q",
    EntryKind.RESOLUTION: "R",
    EntryKind.PROCEDURE: "P",
}


# How the screen styles each part of a worded entry (the words are ``panel_minutes.models.export.wording``'s).
ROLE_STYLES = {
    Role.WORDS: "",
    Role.TEXT: "",
    Role.NOTE: "italic",
    Role.NAME: "bold",
    Role.LABEL: "bold",
    Role.VOTE: "italic",
    Role.HINT: "dim",
}


def _person(person_id: int | None, fallback: str, people: Mapping[int, PersonData],
            *, styled: bool = True) -> str:
    if person_id is not None and person_id in people:
        person = people[person_id]
        return person.styled_name if styled else person.full_name
    return fallback.strip()


def entry_body(
    entry: EntryData,
    people: Mapping[int, PersonData],
    chair_title: str = "Chair",
    style: HouseStyle = DEFAULT_STYLE,
) -> Text:
    """The entry's sentence(s), worded by ``panel_minutes.models.export.wording`` in the panel's house style,
    each part styled."""
    body = Text()
    for span in entry_spans(entry, people, chair_title, style):
        body.append(span.text, style=ROLE_STYLES[span.role])
    return body


def entry_renderable(
    entry: EntryData,
    number: str,
    people: Mapping[int, PersonData],
    chair_title: str = "Chair",
    style: HouseStyle = DEFAULT_STYLE,
) -> RenderableType:
    """One row of the entries list: the export number (or the kind's tag) and the text, worded
    in the panel's house ``style``."""
    label = Text(number or KIND_TAGS[entry.kind], style=KIND_STYLES[entry.kind] or "bold")
    body = entry_body(entry, people, chair_title, style)
    return Gutter([Cell(label, max(LABEL_WIDTH, len(number)), "right")], body)


def action_renderable(action: ActionData, people: Mapping[int, PersonData]) -> RenderableType:
    """An action raised under the item: "A3  Action: ... (Owner, by 15/12/2026)"."""
    body = Text()
    body.append("Action: ", style="bold magenta")
    body.append(action.text)
    owner = _person(action.owner_id, action.owner_text, people, styled=False)
    due = f"by {action.due_date:%d/%m/%Y}" if action.due_date else (
        f"by {action.due_text}" if action.due_text else "")
    extra = [p for p in (owner, due) if p]
    if extra:
        body.append(f" ({', '.join(extra)})", style="magenta")
    return Gutter([Cell(Text(action.ref, style="bold magenta"), LABEL_WIDTH, "right")], body)
