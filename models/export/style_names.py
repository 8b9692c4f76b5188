"""How the minutes name a person in running text, in the panel's house style.

A minimal rule for the wording of votes and questions (HS-D); the full rule for names in running
text (first mention in full, then the surname) belongs to the names part of the house style:

- a councillor's title is printed as the style's ``councillor_title`` ("Cllr" or "Councillor");
  any other title ("Mr", "District Cllr") as it was typed;
- ``NameStyle.FULL`` gives "Cllr Nadia Osei", ``NameStyle.SURNAME`` "Councillor Hughes";
- ``named(text, people, style)`` is a name kept as text (a proposer or seconder is filed as the
  attendee's styled name, "Cllr Osei"): when it is exactly one person's styled or full name, that
  person in the style; otherwise the text as typed.
"""

from __future__ import annotations

from collections.abc import Iterable

from models.domain import PersonData
from models.house_style import HouseStyle, NameStyle

_COUNCILLOR = frozenset({"cllr", "councillor"})


def title_in_style(title: str, style: HouseStyle) -> str:
    """"Cllr" or "Councillor" as the style prints it; any other title unchanged."""
    if title.strip().lower().rstrip(".") in _COUNCILLOR:
        return style.councillor_title
    return title.strip()


def person_in_style(person: PersonData, style: HouseStyle) -> str:
    """"Cllr Nadia Osei" (full names) or "Councillor Hughes" (surnames) by the style."""
    words = person.name.split()
    name = person.name.strip()
    if style.names is NameStyle.SURNAME and words:
        name = words[-1]
    title = title_in_style(person.title, style)
    if not title:
        return person.name.strip()
    return f"{title} {name}".strip()


def named(text: str, people: Iterable[PersonData], style: HouseStyle) -> str:
    """A name kept as text, in the style when it names exactly one person (else as typed)."""
    shown = " ".join(text.split())
    if not shown:
        return ""
    wanted = shown.lower()
    last = wanted.rsplit(" ", 1)[-1]
    found = [
        p for p in people
        if p.name.lower().endswith(last) and wanted in (p.styled_name.lower(), p.full_name.lower())
    ]
    if len(found) == 1:
        return person_in_style(found[0], style)
    return shown
