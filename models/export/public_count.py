"""Members of the public as the minutes count them: "four members of the public"."""

from __future__ import annotations

_WORDS = (
    "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
)


def number_words(n: int) -> str:
    """One to twelve in words ("four"), then digits ("13")."""
    return _WORDS[n] if 0 < n < len(_WORDS) else str(n)


def members_of_the_public(n: int) -> str:
    """"one member of the public", "four members of the public", "15 members of the public"."""
    return f"{number_words(n)} member{'' if n == 1 else 's'} of the public"
