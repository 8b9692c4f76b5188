"""The wording of the minutes: dates, names of respondents, votes, sentences.

Plain functions on plain values, returning plain text: the Markdown export escapes what they
return, and the live screen shows it as it is.
"""

from __future__ import annotations

from datetime import date

from models.domain import EntryData, Outcome, PersonData

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
SENTENCE_END = tuple(".?!:;)\"'\u201d\u2019")


def long_date(day: date) -> str:
    """"17 November 2026" (English whatever the locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def weekday_date(day: date) -> str:
    """"Tuesday 17 November 2026"."""
    return f"{_WEEKDAYS[day.weekday()]} {long_date(day)}"


def sentence(text: str) -> str:
    """Text with a full stop added when it does not already end a sentence."""
    text = text.rstrip()
    if text and not text.endswith(SENTENCE_END):
        return text + "."
    return text


def starts_lower(text: str) -> bool:
    first = text.lstrip()[:1]
    return bool(first) and not first.isupper()


def respondent_reference(person: PersonData) -> str:
    """How the minutes name someone who answers: "The Commissioner" or "Ms Whitfield"."""
    role = person.role.lower()
    if "commissioner" in role and "deputy" in role:
        return "The Deputy Commissioner"
    if "commissioner" in role and "assistant" not in role:
        return "The Commissioner"
    if "chief constable" in role and "deputy" not in role and "assistant" not in role:
        return "The Chief Constable"
    return person.styled_name


def vote_summary(entry: EntryData, chair_title: str = "Chair") -> str:
    """"Proposed by X, seconded by Y; for 8, against 0, abstentions 1: carried".

    Plain text (the names as typed, on one line): the Markdown export escapes it as a whole.
    """
    movers = []
    if entry.proposer.strip():
        movers.append(f"proposed by {_one_line(entry.proposer)}")
    if entry.seconder.strip():
        movers.append(f"seconded by {_one_line(entry.seconder)}")
    counts = [
        f"{label} {value}"
        for label, value in (
            ("for", entry.vote_for),
            ("against", entry.vote_against),
            ("abstentions", entry.vote_abstain),
        )
        if value is not None
    ]
    outcome = {
        Outcome.CARRIED: "carried",
        Outcome.LOST: "lost",
        Outcome.UNANIMOUS: "unanimous",
        Outcome.NONE: "",
    }[entry.outcome]
    if entry.casting_vote:
        chair = _one_line(chair_title) or "Chair"
        how = f"on the {chair}\u2019s casting vote"
        outcome = f"{outcome} {how}" if outcome else f"decided {how}"
    result = ", ".join(counts)
    if outcome:
        result = f"{result}: {outcome}" if result else outcome
    parts = [p for p in (", ".join(movers), result) if p]
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
