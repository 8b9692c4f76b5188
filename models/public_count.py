"""Members of the public as the minutes count them ("four members of the public"), and the
count as the clerk types it."""

from __future__ import annotations

from panel_minutes.models.errors import ValidationError

_WORDS = (
    "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
)


def number_words(n: int) -> str:
    """One to twelve in words ("four"), then digits ("13")."""
    return _WORDS[n] if 0 < n < len(_WORDS) else str(n)


def members_of_the_public(n: int) -> str:
    """"one member of the public", "four members of the public", "15 members of the public"
    ("no members of the public" for 0)."""
    if n == 0:
        return "no members of the public"
    return f"{number_words(n)} member{'' if n == 1 else 's'} of the public"


def check_public_count(value: object) -> int | None:
    """How many members of the public attended, as typed or given: a whole number from 0, or
    ``None`` (empty: not recorded); refused with one line otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError("Members of the public: give a whole number.")
    try:
        count = int(str(value).strip())
    except ValueError:
        raise ValidationError(
            f"Members of the public: {value!r} is not a whole number."
        ) from None
    if count < 0:
        raise ValidationError("Members of the public: the count cannot be negative.")
    return count
