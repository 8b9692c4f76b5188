"""Attendee names: completing a few typed letters, and matching a typed name to a person.

Pure functions over ``PersonData`` (no Textual), so the rules are easy to test:

- ``candidates("ram", people)`` → the people whose title, first name, surname or full name starts
  with "ram" (case-insensitive), surname matches first, then in attendance order;
- ``match_person("Raman", people)`` → the one person meant, or ``None`` if the text names nobody
  or more than one person (the text is then kept as typed, as free text).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from models.domain import PersonData

TITLES = frozenset({"cllr", "councillor", "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"})
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'\-]*)$")
_TITLED_WORD_BEFORE = re.compile(r"\b([A-Za-z]+)\.? +([A-Za-z][\w'\-]*)$")


def _title(person: PersonData) -> str:
    return person.title.lower().rstrip(".")


def _parts(person: PersonData) -> list[str]:
    return [p.lower() for p in person.name.split()]


def candidates(fragment: str, people: Sequence[PersonData]) -> list[PersonData]:
    """People whose name could be meant by ``fragment`` ("ram", "Priya", "cllr ram", "Raman")."""
    words = fragment.strip().lower().replace(".", "").split()
    if not words:
        return []
    title = ""
    if len(words) > 1 and words[0] in TITLES:
        title, words = words[0], words[1:]
    needle = " ".join(words)
    surname_hits: list[PersonData] = []
    other_hits: list[PersonData] = []
    seen: set[int] = set()
    for person in people:
        if person.id in seen:
            continue
        if title and _title(person) != ("cllr" if title == "councillor" else title):
            continue
        parts = _parts(person)
        if not parts:
            continue
        full = " ".join(parts)
        if parts[-1].startswith(needle):
            surname_hits.append(person)
        elif full.startswith(needle) or any(p.startswith(needle) for p in parts):
            other_hits.append(person)
        else:
            continue
        seen.add(person.id)
    return surname_hits + other_hits


def clear_winner(fragment: str, people: Sequence[PersonData]) -> bool:
    """True when one person is plainly meant: the only surname match, or the only match."""
    found = candidates(fragment, people)
    if len(found) <= 1:
        return bool(found)
    words = fragment.strip().lower().replace(".", "").split()
    needle = " ".join(w for w in words if w not in TITLES) or " ".join(words)
    surnames = [p for p in found if _parts(p) and _parts(p)[-1].startswith(needle)]
    return len(surnames) == 1


def match_person(typed: str, people: Sequence[PersonData]) -> PersonData | None:
    """The single person ``typed`` names, or ``None`` (nobody, or ambiguous)."""
    text = " ".join(typed.split()).lower()
    if not text:
        return None
    for person in people:
        forms = {person.full_name.lower(), person.styled_name.lower(), person.name.lower()}
        if text in forms:
            return person
    found = candidates(text, people)
    return found[0] if len(found) == 1 else None


def word_before(text_before_cursor: str) -> tuple[str, int] | None:
    """The name fragment that ends at the cursor and where it starts (an index into the text).

    A title typed before it is taken along ("Cllr Ra" → "Cllr Ra"), so completing it gives
    "Cllr Raman" rather than "Cllr Cllr Raman".
    """
    titled = _TITLED_WORD_BEFORE.search(text_before_cursor)
    if titled and titled.group(1).lower() in TITLES:
        return titled.group(0), titled.start()
    plain = _WORD_BEFORE.search(text_before_cursor)
    if plain is None:
        return None
    return plain.group(1), plain.start()


def person_for(typed: str, people: Sequence[PersonData]) -> tuple[int | None, str]:
    """(person id, "") when ``typed`` names one attendee, else (None, the text as typed)."""
    person = match_person(typed, people)
    if person is not None:
        return person.id, ""
    return None, " ".join(typed.split())
