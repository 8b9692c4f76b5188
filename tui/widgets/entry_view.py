"""Rich renderables for one minute entry or action, as the live screen lists them.

The wording follows the published minutes (``models.export.wording``: a question reads "Cllr
Raman asked ... The Commissioner replied that ..."; a resolution reads "RESOLVED that ..." with its
vote), and the number beside each entry is the one the export will print (``models.numbering``).
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import RenderableType
from rich.text import Text

from models.domain import ActionData, EntryData, EntryKind, PersonData
from models.export.wording import respondent_reference, sentence, starts_lower, vote_summary
from tui.widgets.gutter import Cell, Gutter

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


def _person(person_id: int | None, fallback: str, people: Mapping[int, PersonData],
            *, styled: bool = True) -> str:
    if person_id is not None and person_id in people:
        person = people[person_id]
        return person.styled_name if styled else person.full_name
    return fallback.strip()


def procedure_sentence(entry: EntryData) -> str:
    """"Cllr Okafor joined the meeting at 10:25." from the text and its time stamp."""
    text = entry.text.strip()
    if entry.at_time and entry.at_time not in text:
        text = text.rstrip(". ") + f" at {entry.at_time}"
    return sentence(text)


def _question(entry: EntryData, people: Mapping[int, PersonData], body: Text) -> None:
    asker = _person(entry.asker_id, entry.asker_text, people) or "A member"
    question = sentence(entry.text.strip())
    body.append(asker, style="bold")
    if not question:
        body.append(" asked a question.")
    else:
        body.append(" asked " if starts_lower(question) else " asked: ")
        body.append(question)
    answer = sentence(entry.answer.strip())
    if entry.respondent_id is not None and entry.respondent_id in people:
        who = respondent_reference(people[entry.respondent_id])
    else:
        who = entry.respondent_text.strip()
    if not answer:
        if who:
            body.append(f" ({who} to answer)", style="dim")
        return
    if not who:
        body.append(" In reply, the Panel was told: ")
    else:
        body.append(" ")
        body.append(who, style="bold")
        if answer.lower().startswith("that "):
            body.append(" replied ")
        else:
            body.append(" replied that " if starts_lower(answer) else " replied: ")
    body.append(answer)


def entry_body(entry: EntryData, people: Mapping[int, PersonData], chair_title: str = "Chair") -> Text:
    """The entry's sentence(s), worded as the export words them, with light styling."""
    body = Text()
    if entry.kind is EntryKind.QUESTION:
        _question(entry, people, body)
    elif entry.kind is EntryKind.RESOLUTION:
        text = entry.text.strip()
        if text[:8].upper() == "RESOLVED":
            text = text[8:].lstrip(" :-\u2013\u2014")
        starts_that = text.lower().startswith(("that ", "that:", "that,")) or text.lower() == "that"
        body.append("RESOLVED " if starts_that else "RESOLVED: ", style="bold")
        body.append(text)
        summary = vote_summary(entry, chair_title)
        if summary:
            body.append(f" ({summary})", style="italic")
    elif entry.kind is EntryKind.PROCEDURE:
        body.append(procedure_sentence(entry), style="italic")
    else:
        body.append(entry.text.strip())
    return body


def entry_renderable(
    entry: EntryData, number: str, people: Mapping[int, PersonData], chair_title: str = "Chair"
) -> RenderableType:
    """One row of the entries list: the export number (or the kind's tag) and the text."""
    label = Text(number or KIND_TAGS[entry.kind], style=KIND_STYLES[entry.kind] or "bold")
    return Gutter([Cell(label, LABEL_WIDTH, "right")], entry_body(entry, people, chair_title))


def action_renderable(action: ActionData, people: Mapping[int, PersonData]) -> RenderableType:
    """An action raised under the item: "A3  Action: ... (Owner, by 15/12/2026)"."""
    body = Text()
    body.append("Action: ", style="bold magenta")
    body.append(action.text)
    owner = _person(action.owner_id, action.owner_text, people, styled=False)
    extra = [p for p in (owner, f"by {action.due_date:%d/%m/%Y}" if action.due_date else "") if p]
    if extra:
        body.append(f" ({', '.join(extra)})", style="magenta")
    return Gutter([Cell(Text(action.ref, style="bold magenta"), LABEL_WIDTH, "right")], body)
