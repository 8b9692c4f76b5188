"""Attendee names: completing a few typed letters, matching a typed name to a person, and the
rule for what a name field (asked by, answered by, proposer, seconder, owner) may hold.

Pure functions over ``PersonData``, so the rules are easy to test:

- ``candidates("ram", people)`` → the people whose title, first name, surname or full name starts
  with "ram" (case-insensitive), surname matches first, then other name matches, then people
  whose role has a word starting with it ("comm" → the Police and Crime Commissioner), each in
  attendance order;
- ``match_person("Raman", people)`` → the one person meant, or ``None`` if the text names nobody
  or more than one person;
- ``read_name_field("sco", people)`` → what a name field holds: nothing, one person at the
  meeting, text the clerk chose to keep as written (typed in quotes: "Democratic Services"), or
  letters that name no one (or more than one person), which are never filed:
  ``name_field_value`` refuses them with one line saying what to do;
- ``completion_in_text`` / ``completion_in_field`` → the name on offer where the clerk types (the
  composer shows it dimmed, so what Tab will do is on the screen).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from panel_minutes.models.domain import PersonData
from panel_minutes.models.errors import ValidationError

TITLES = frozenset({"cllr", "councillor", "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame"})
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'\-]*)$")
_TITLED_WORD_BEFORE = re.compile(r"\b([A-Za-z]+)\.? +([A-Za-z][\w'\-]*)$")


def _title(person: PersonData) -> str:
    return person.title.lower().rstrip(".")


def _parts(person: PersonData) -> list[str]:
    return [p.lower() for p in person.name.split()]


# Words of a role that name no one ("Police and Crime Commissioner": "and").
_ROLE_STOPWORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to", "&"})


def _role_words(person: PersonData) -> list[str]:
    words = re.split(r"[\s\-/,()]+", person.role.lower())
    return [w for w in words if w and w not in _ROLE_STOPWORDS]


def candidates(
    fragment: str, people: Sequence[PersonData], *, roles: bool = True
) -> list[PersonData]:
    """People whose name could be meant by ``fragment`` ("ram", "Priya", "cllr ram", "Raman");
    with ``roles``, also those whose role has a word starting with it ("comm", "chief")."""
    words = fragment.strip().lower().replace(".", "").split()
    if not words:
        return []
    title = ""
    if len(words) > 1 and words[0] in TITLES:
        title, words = words[0], words[1:]
    needle = " ".join(words)
    surname_hits: list[PersonData] = []
    other_hits: list[PersonData] = []
    role_hits: list[PersonData] = []
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
        elif (
            roles and not title and len(words) == 1 and len(needle) >= 3
            and any(w.startswith(needle) for w in _role_words(person))
        ):
            role_hits.append(person)
        else:
            continue
        seen.add(person.id)
    return surname_hits + other_hits + role_hits


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


# --- what a name field holds ---------------------------------------------------------------------

_QUOTES = {'"': '"', "\u201c": "\u201d", "'": "'", "\u2018": "\u2019"}


def kept_as_written(typed: str) -> str | None:
    """The text inside quotes ("Democratic Services" typed with its quotes), else ``None``."""
    text = typed.strip()
    if len(text) >= 2 and _QUOTES.get(text[0]) == text[-1]:
        return " ".join(text[1:-1].split())
    return None


def as_written(text: str) -> str:
    """Free text as the composer shows it: in quotes, so it is plainly not a person."""
    return f'"{text}"' if text else ""


class NameKind(StrEnum):
    EMPTY = "empty"
    PERSON = "person"  # someone at the meeting
    FREE = "free"  # text the clerk keeps as written (in quotes)
    NOBODY = "nobody"  # letters that match no one at the meeting
    AMBIGUOUS = "ambiguous"  # letters that match more than one person


@dataclass(frozen=True, slots=True)
class NameField:
    kind: NameKind
    person: PersonData | None = None
    text: str = ""  # the free text (FREE), or the letters as typed (NOBODY, AMBIGUOUS)
    matches: tuple[PersonData, ...] = ()  # who it could be (AMBIGUOUS)


def read_name_field(typed: str, people: Sequence[PersonData]) -> NameField:
    """What a name field holds (see the module's docstring)."""
    text = " ".join(typed.split())
    if not text:
        return NameField(NameKind.EMPTY)
    free = kept_as_written(text)
    if free is not None:
        return NameField(NameKind.FREE, text=free) if free else NameField(NameKind.EMPTY)
    person = match_person(text, people)
    if person is not None:
        return NameField(NameKind.PERSON, person)
    found = tuple(candidates(text, people))
    if len(found) > 1:
        return NameField(NameKind.AMBIGUOUS, text=text, matches=found)
    return NameField(NameKind.NOBODY, text=text)


def name_field_value(label: str, typed: str, people: Sequence[PersonData]) -> tuple[int | None, str]:
    """(person id, "") for someone at the meeting, (None, free text) for text kept as written,
    (None, "") for nothing; letters that name no one are refused (``ValidationError``)."""
    field = read_name_field(typed, people)
    if field.kind is NameKind.PERSON:
        assert field.person is not None
        return field.person.id, ""
    if field.kind is NameKind.FREE:
        return None, field.text
    if field.kind is NameKind.EMPTY:
        return None, ""
    if field.kind is NameKind.AMBIGUOUS:
        names = [p.full_name for p in field.matches]
        could = ", ".join(names[:-1]) + " or " + names[-1]
        raise ValidationError(
            f"{label}: \"{field.text}\" could be {could}: Tab in the field chooses; in quotes "
            f"it is kept as written."
        )
    raise ValidationError(
        f"{label}: \"{field.text}\" is no one at this meeting: Tab in the field completes a "
        f"name; in quotes it is kept as written."
    )


# --- completing a name where the clerk types -----------------------------------------------------


def completion_in_text(text_before_cursor: str, people: Sequence[PersonData]
                       ) -> tuple[int, list[str]] | None:
    """(where the letters start, the names they complete to) for the word before the cursor in
    running text, or ``None``: fewer than two letters, no attendee, or already a whole name.

    The composer shows the first name after the cursor before Tab is pressed, so what Tab will
    do is on the screen; completing puts the name in, followed by a space.
    """
    found = word_before(text_before_cursor)
    if found is None:
        return None
    fragment, start = found
    if len(fragment.strip()) < 2:
        return None
    people_found = candidates(fragment, people, roles=False)  # names in running text
    names = list(dict.fromkeys(p.styled_name for p in people_found))
    if not names or fragment in names:
        return None
    return start, names


def completion_in_field(typed: str, people: Sequence[PersonData]) -> list[PersonData]:
    """The people a name field's letters complete to; empty when there is nothing to complete:
    an empty field, text in quotes (kept as written), or a whole name already."""
    text = " ".join(typed.split())
    if not text or kept_as_written(text) is not None or text[0] in _QUOTES:
        return []
    person = match_person(text, people)
    if person is not None and text.lower() in {
        person.full_name.lower(), person.styled_name.lower()
    }:
        return []
    return candidates(text, people)
