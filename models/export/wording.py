"""The wording of the minutes: names of respondents, votes, sentences, and every entry.

The ONE place that words a minute entry. ``entry_spans(entry, people)`` gives the entry's
sentence(s) as a tuple of ``Span`` (a piece of text and its ``Role``); the Markdown export only
escapes and marks up each span by its role (``models.export.markdown``) and the live screen only
styles it (``tui.widgets.entry_view``), so the two always say the same words. The rules:

- a question reads "<asker> asked <question> <respondent> replied that <answer>"; the respondent
  is "The Commissioner" (or "The Deputy Commissioner", "The Chief Constable") when their role
  says so, otherwise their styled name; a question or answer that starts with a capital letter
  follows a colon instead ("asked: What ..."); an answer that starts with "that" (any case) is
  not doubled ("replied that the figures would follow"); a name typed with an article starts
  its sentence with a capital ("The Commissioner replied", typed as "the Commissioner");
- a procedural note with a time reads "<text> at HH:MM." ("Cllr Okafor joined the meeting at
  10:25."), unless the text already names a time ("at 10.00 pm", "at 22:00", "noon") or says
  when in words ("at this point");
- a resolution whose text starts with "that" reads "RESOLVED that ..."; any other text reads
  "RESOLVED: ..."; the vote follows in brackets ("(Proposed by Cllr Marsh, seconded by Cllr
  Pritchard; for 8, against 0, abstentions 1: carried)");
- what the clerk typed is used as typed, except that runs of spaces become one (the resolution's
  "that the Panel " plus a typed space is one space, not two).

Everything else here is plain functions on plain values, returning plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from models.domain import EntryData, EntryKind, Outcome, PersonData
from models.export.escape import clean
from models.export.names import running_name
from models.house_style import DEFAULT as DEFAULT_STYLE
from models.house_style import HouseStyle, TimeStyle
from models.parsing import minutes_time

if TYPE_CHECKING:
    from models.export.names import Mentions

SENTENCE_END = tuple(".?!:;)\"'\u201d\u2019")


def sentence(text: str) -> str:
    """Text with a full stop added when it does not already end a sentence."""
    text = text.rstrip()
    if text and not text.endswith(SENTENCE_END):
        return text + "."
    return text


def starts_lower(text: str) -> bool:
    first = text.lstrip()[:1]
    return bool(first) and not first.isupper()


def respondent_reference(
    person: PersonData, style: HouseStyle = DEFAULT_STYLE, mentions: Mentions | None = None
) -> str:
    """How the minutes name someone who answers: "The Commissioner" or "Ms Whitfield"."""
    role = person.role.lower()
    if "commissioner" in role and "deputy" in role:
        return "The Deputy Commissioner"
    if "commissioner" in role and "assistant" not in role:
        return "The Commissioner"
    if "chief constable" in role and "deputy" not in role and "assistant" not in role:
        return "The Chief Constable"
    return running_name(person, style, mentions)


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


# --- entries -------------------------------------------------------------------------------------


class Role(StrEnum):
    """What a span of a worded entry is: the export marks it up, the screen styles it, by this."""

    WORDS = "words"  # the minutes' own words ("asked", " replied that "): never escaped
    TEXT = "text"  # what the clerk typed: a paragraph, question, answer or resolution
    NOTE = "note"  # a procedural note, with its time
    NAME = "name"  # a person: a styled name, "The Commissioner", or a name kept as free text
    LABEL = "label"  # "RESOLVED" / "RESOLVED:"
    VOTE = "vote"  # "(Proposed by ...; for 8, against 0: carried)"
    HINT = "hint"  # for the live screen only ("(The Commissioner to answer)"); never exported


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    role: Role = Role.WORDS


_SPACE_RUN = re.compile(r"[ \t]{2,}")
# A time of day in the text ("22:00", "10.00", "10 pm", "10.30am"), or when said in words.
_CLOCK_TIME = re.compile(
    r"\d:\d\d|\d(?:\.\d\d)? ?[ap]\.?m\b|\bat \d{1,2}\.\d\d\b", re.IGNORECASE
)
_DIGIT = re.compile(r"\d")
_WORDS_TIME = re.compile(
    r"\b(?:noon|midday|midnight|at (?:this|that|the same) (?:point|time|stage|juncture))\b"
)


def typed(text: str) -> str:
    """Clerk-typed text as the minutes use it: line breaks normalised, unsafe characters
    replaced, runs of spaces made one, blanks trimmed at both ends."""
    text = clean(text)
    if "  " in text or "\t" in text:
        text = _SPACE_RUN.sub(" ", text)
    return text.strip()


def names_time(text: str) -> bool:
    """Whether a note already says when ("closed at 10.00 pm", "at this point")."""
    if _DIGIT.search(text) and _CLOCK_TIME.search(text):  # (the first is a quick sieve)
        return True
    lowered = text.lower()
    return ("noon" in lowered or "mid" in lowered or "at th" in lowered) and bool(
        _WORDS_TIME.search(lowered)
    )


def procedure_text(text: str, at_time: str) -> str:
    """"Cllr Okafor joined the meeting at 10:25." from the note and its time stamp."""
    note = typed(text)
    at = typed(at_time)
    if at and at not in note and not names_time(note):
        note = note.rstrip(". ") + f" at {at}"
    return sentence(note)


_ARTICLE = re.compile(r"(?:the|a|an)\b")


def sentence_start(name: str) -> str:
    """A name that starts a sentence: "the Commissioner" → "The Commissioner" (only an article
    is raised: a name is otherwise shown as it was typed)."""
    if _ARTICLE.match(name):
        return name[:1].upper() + name[1:]
    return name


def _person(
    person_id: int | None, typed_name: str, people: Mapping[int, PersonData]
) -> tuple[PersonData | None, str]:
    if person_id is not None and person_id in people:
        return people[person_id], ""
    return None, _one_line(clean(typed_name))


def _question(
    entry: EntryData,
    people: Mapping[int, PersonData],
    style: HouseStyle = DEFAULT_STYLE,
    mentions: Mentions | None = None,
) -> list[Span]:
    asker_person, asker = _person(entry.asker_id, entry.asker_text, people)
    if asker_person is not None:
        asker = running_name(asker_person, style, mentions)
    spans = [Span(sentence_start(asker) or "A member", Role.NAME)]
    question = sentence(typed(entry.text))
    if not question:
        spans.append(Span(" asked a question."))
    else:
        spans += [Span(" asked " if starts_lower(question) else " asked: "),
                  Span(question, Role.TEXT)]
    respondent, who = _person(entry.respondent_id, entry.respondent_text, people)
    if respondent is not None:
        who = respondent_reference(respondent, style, mentions)
    who = sentence_start(who)
    answer = sentence(typed(entry.answer))
    if not answer:
        if who:
            spans.append(Span(f" ({who} to answer)", Role.HINT))
        return spans
    if not who:
        return [*spans, Span(" In reply, the Panel was told: "), Span(answer, Role.TEXT)]
    spans += [Span(" "), Span(who, Role.NAME)]
    if answer.lower().startswith("that "):
        return [*spans, Span(" replied "), Span("t" + answer[1:], Role.TEXT)]
    joint = " replied that " if starts_lower(answer) else " replied: "
    return [*spans, Span(joint), Span(answer, Role.TEXT)]


def _resolution(entry: EntryData, chair_title: str) -> list[Span]:
    text = typed(entry.text)
    if text[:8].upper() == "RESOLVED":
        text = text[8:].lstrip(" :-\u2013\u2014")
    lowered = text.lower()
    starts_that = lowered.startswith(("that ", "that:", "that,")) or lowered == "that"
    spans = [
        Span("RESOLVED" if starts_that else "RESOLVED:", Role.LABEL),
        Span(" "),
        Span(text, Role.TEXT),
    ]
    summary = vote_summary(entry, chair_title)
    if summary:
        spans += [Span(" "), Span(f"({summary})", Role.VOTE)]
    return spans


def entry_spans(
    entry: EntryData,
    people: Mapping[int, PersonData],
    chair_title: str = "Chair",
    style: HouseStyle = DEFAULT_STYLE,
    mentions: Mentions | None = None,
) -> tuple[Span, ...]:
    """The entry's sentence(s) as spans, worded in the panel's house ``style``: joined, they
    are the words of the minutes. ``mentions`` counts who the minutes have named so far
    (``models.export.names``); without it people are named as after their first mention."""
    if entry.kind is EntryKind.QUESTION:
        return tuple(_question(entry, people, style, mentions))
    if entry.kind is EntryKind.RESOLUTION:
        return tuple(_resolution(entry, chair_title))
    if entry.kind is EntryKind.PROCEDURE:
        at = minutes_time(entry.at_time, style.times is TimeStyle.TWELVE)
        return (Span(procedure_text(entry.text, at), Role.NOTE),)
    return (Span(typed(entry.text), Role.TEXT),)


def plain_text(spans: Iterable[Span], *, hints: bool = False) -> str:
    """The spans as plain text (the screen's words; ``hints`` keeps the screen-only ones)."""
    return "".join(s.text for s in spans if hints or s.role is not Role.HINT)
