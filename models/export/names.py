"""Names as the house style prints them: the councillor title, and full names or surnames in
running text. ``PersonData.full_name``/``styled_name`` stay as they are (the screens use them);
the minutes' wording goes through these functions.

- ``printed_title``: a style whose ``councillor_title`` is not "Cllr" prints the word "Cllr" of
  a title as it ("Cllr" → "Councillor", "District Cllr" → "District Councillor"); any other
  title (and every title under "Cllr") is printed as typed.
- ``full_name``: "Councillor Jane Hughes"; ``surname_name``: "Councillor Hughes".
- In running text (``Mentions``): the full name every time (``NameStyle.FULL``); the title and
  surname every time (``NameStyle.SURNAME``: the attendance lists, always full names, have
  introduced everyone, as Police and Crime Panels print them); or the full name at a person's
  first mention in the body and the surname after it (``NameStyle.FIRST_FULL``), mentions
  counted in document order across the body (the attendance lists do not count).
"""

from __future__ import annotations

from panel_minutes.models.domain import PersonData
from panel_minutes.models.house_style import DEFAULT as DEFAULT_STYLE
from panel_minutes.models.house_style import HouseStyle, NameStyle

_CLLR = frozenset({"cllr", "cllr."})


def printed_title(title: str, style: HouseStyle = DEFAULT_STYLE) -> str:
    """The title as the house style prints it."""
    word = style.councillor_title.strip()
    if not word or word == DEFAULT_STYLE.councillor_title:
        return title
    return " ".join(word if part.lower() in _CLLR else part for part in title.split())


def full_name(person: PersonData, style: HouseStyle = DEFAULT_STYLE) -> str:
    """"Councillor Jane Hughes" ("Cllr Jane Hughes" under the default)."""
    return f"{printed_title(person.title, style)} {person.name}".strip()


def surname_name(person: PersonData, style: HouseStyle = DEFAULT_STYLE) -> str:
    """"Councillor Hughes": the title and surname (a person with no title: the name)."""
    if not person.title:
        return person.styled_name
    surname = person.name.split()[-1] if person.name.split() else person.name
    return f"{printed_title(person.title, style)} {surname}".strip()


class Mentions:
    """Who the minutes have named so far, so each person is named as the house style says."""

    def __init__(self, style: HouseStyle = DEFAULT_STYLE) -> None:
        self.style = style
        self.named: set[int] = set()

    def name(self, person: PersonData) -> str:
        """The person's name at this point of the minutes (and they count as named from now)."""
        first = person.id not in self.named
        self.named.add(person.id)
        names = self.style.names
        if names is NameStyle.FULL or (names is NameStyle.FIRST_FULL and first):
            return full_name(person, self.style)
        return surname_name(person, self.style)


def running_name(
    person: PersonData, style: HouseStyle = DEFAULT_STYLE, mentions: Mentions | None = None
) -> str:
    """A person named in running text: through ``mentions`` when the minutes count them; without
    it (the live screen, one entry at a time), as after their first mention."""
    if mentions is not None:
        return mentions.name(person)
    if style.names is NameStyle.FULL:
        return full_name(person, style)
    return surname_name(person, style)


def shown_title(person: PersonData, style: HouseStyle = DEFAULT_STYLE) -> str:
    """The person's title as the style prints it ("Councillor" for a stored "Cllr")."""
    return printed_title(person.title.strip(), style)


def name_as(person: PersonData, style: HouseStyle, form: NameStyle) -> str:
    """The full (``FULL``) or the title-and-surname form of the name."""
    return full_name(person, style) if form is NameStyle.FULL else surname_name(person, style)
