"""People's names as the house style prints them: the councillor title, and the full or the
surname form.

A person stored with the title "Cllr" or "Councillor" is printed with the style's
``councillor_title`` ("Cllr", "Councillor"); any other title ("District Cllr", "Mrs") is printed
as stored. Pure functions over ``PersonData`` and ``HouseStyle``.
"""

from __future__ import annotations

from models.domain import PersonData
from models.house_style import HouseStyle, NameStyle

_COUNCILLOR = frozenset({"cllr", "councillor"})


def shown_title(person: PersonData, style: HouseStyle) -> str:
    """The person's title as the style prints it ("Councillor" for a stored "Cllr")."""
    title = person.title.strip()
    if title.lower().rstrip(".") in _COUNCILLOR:
        return style.councillor_title.strip() or title
    return title


def full_name(person: PersonData, style: HouseStyle) -> str:
    """"Councillor Jane Hughes": the title as the style prints it, then the whole name."""
    return f"{shown_title(person, style)} {person.name}".strip()


def surname_name(person: PersonData, style: HouseStyle) -> str:
    """"Councillor Hughes" (a person without a title keeps the whole name)."""
    title = shown_title(person, style)
    if not title:
        return person.name
    parts = person.name.split()
    return f"{title} {parts[-1] if parts else person.name}".strip()


def name_as(person: PersonData, style: HouseStyle, form: NameStyle) -> str:
    """The full or the surname form of the name."""
    return full_name(person, style) if form is NameStyle.FULL else surname_name(person, style)
