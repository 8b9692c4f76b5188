"""The wording of the minutes: names of respondents, votes, sentences, and every entry.

The ONE place that words a minute entry. ``entry_spans(entry, people)`` gives the entry's
sentence(s) as a tuple of ``Span`` (a piece of text and its ``Role``); the Markdown export only
escapes and marks up each span by its role (``panel_minutes.models.export.markdown``) and the live screen only
styles it (``panel_minutes.tui.widgets.entry_view``), so the two always say the same words. The rules:

- a question is worded from the style's ``question_template`` ({asker} {question} {respondent}
  {answer}), or its ``anonymous_question_template`` when no one is named as asking ("A member
  asked ..."); the default reads "<asker> asked <question> <respondent> replied that <answer>"; a
  name inside a sentence has its article lowered ("In response to a question from Councillor
  Pike, the Commissioner said that ..."); a style that words question and answer as one
  sentence words an unanswered question (or one answered by no one named) as the default
  does; in the default's words: the respondent
  is "The Commissioner" (or "The Deputy Commissioner", "The Chief Constable") when their role
  says so, otherwise their styled name; a question or answer that starts with a capital letter
  follows a colon instead ("asked: What ..."); an answer that starts with "that" (any case) is
  not doubled ("replied that the figures would follow"); a name typed with an article starts
  its sentence with a capital ("The Commissioner replied", typed as "the Commissioner");
- a procedural note with a time reads "<text> at HH:MM." ("Cllr Okafor joined the meeting at
  10:25."), unless the text already names a time ("at 10.00 pm", "at 22:00", "noon") or says
  when in words ("at this point");
- a resolution opens as the house style says (``resolution_opening``): "RESOLVED that ..." when
  its text starts with "that", any other text "RESOLVED: ..."; or "RESOLVED: That ..." (the
  typed "that" raised); or "AGREED that ..."/"AGREED: ..."; the vote follows, worded from the
  style's ``vote_template`` (``panel_minutes.models.export.votes``: "(Proposed by Cllr Marsh, seconded by Cllr
  Pritchard; for 8, against 0, abstentions 1: carried)", "(Cllr Nadia Osei proposed, ...,
  all were in favour)"); a recorded vote's names follow in a paragraph of their own;
- what the clerk typed is used as typed, except that runs of spaces become one (the resolution's
  "that the Panel " plus a typed space is one space, not two).

Everything else here is plain functions on plain values, returning plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from string import Formatter
from typing import TYPE_CHECKING

from panel_minutes.models.domain import EntryData, EntryKind, PersonData
from panel_minutes.models.export.escape import clean
from panel_minutes.models.export.names import running_name
from panel_minutes.models.export.votes import recorded_vote_text, vote_text
from panel_minutes.models.house_style import DEFAULT as DEFAULT_STYLE
from panel_minutes.models.house_style import HouseStyle, ResolutionOpening, TimeStyle
from panel_minutes.models.parsing import minutes_time

if TYPE_CHECKING:
    from panel_minutes.models.export.names import Mentions

# A span of these words starts a new paragraph of the same entry (a recorded vote's names).
PARAGRAPH_BREAK = "\n\n"
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


_SENTENCE_GAP = re.compile(r"(?:^|[.?!:]\s+)$")


def _at_sentence_start(before: str) -> bool:
    return bool(_SENTENCE_GAP.search(before))


def _mid_sentence(name: str) -> str:
    """"The Commissioner" inside a sentence: "the Commissioner" (only an article is lowered)."""
    if re.match(r"(?:The|A|An)\b", name):
        return name[:1].lower() + name[1:]
    return name


def _question_joint(words: str, question: str) -> str:
    """" asked " before the question, or " asked: " before one that starts with a capital."""
    if question and not starts_lower(question) and words.endswith(" ") and words.strip()[-1:].isalpha():
        return words.rstrip() + ": "
    return words


def _answer_joint(words: str, answer: str) -> tuple[str, str]:
    """(" replied that ", answer): "that" not doubled, a colon before a capital."""
    if words.lower().endswith(" that "):
        if answer.lower().startswith("that "):
            return words[: -len("that ")], "t" + answer[1:]
        if not starts_lower(answer):
            return words[: -len(" that ")] + ": ", answer
    return words, answer


@lru_cache(maxsize=32)
def _template_parts(template: str) -> tuple[tuple[str, str | None], ...]:
    return tuple((literal, name) for literal, name, _spec, _conv in Formatter().parse(template))


def _question(
    entry: EntryData,
    people: Mapping[int, PersonData],
    style: HouseStyle = DEFAULT_STYLE,
    mentions: Mentions | None = None,
) -> list[Span]:
    asker_person, asker = _person(entry.asker_id, entry.asker_text, people)
    if asker_person is not None:
        asker = running_name(asker_person, style, mentions)
    respondent, who = _person(entry.respondent_id, entry.respondent_text, people)
    if respondent is not None:
        who = respondent_reference(respondent, style, mentions)
    question = sentence(typed(entry.text))
    answer = sentence(typed(entry.answer))
    template = style.question_template if asker else style.anonymous_question_template
    parts = _template_parts(template)
    names = [name for _literal, name in parts]
    cut = next((n for n, name in enumerate(names) if name in ("respondent", "answer")), len(parts))
    if (not answer or not who) and "question" not in names[:cut]:
        # the style words the question and the answer as one sentence: an unanswered question
        # (or one answered by no one named) is worded as the default style words it
        template = DEFAULT_STYLE.question_template if asker else (
            DEFAULT_STYLE.anonymous_question_template)
        parts = _template_parts(template)
        names = [name for _literal, name in parts]
        cut = names.index("respondent")
    if not answer or not who:
        parts = parts[:cut]
    spans: list[Span] = []
    said = ""
    for literal, name in parts:
        if name == "question":
            literal = _question_joint(literal, question)
        if name == "answer":
            literal, shown_answer = _answer_joint(literal, answer)
        if literal:
            spans.append(Span(literal))
            said += literal
        if name == "asker" and asker:
            shown = sentence_start(asker) if _at_sentence_start(said) else _mid_sentence(asker)
            spans.append(Span(shown, Role.NAME))
        elif name == "question":
            spans.append(Span(question, Role.TEXT) if question else Span("a question."))
        elif name == "respondent":
            shown = sentence_start(who) if _at_sentence_start(said) else _mid_sentence(who)
            spans.append(Span(shown, Role.NAME))
        elif name == "answer":
            spans.append(Span(shown_answer, Role.TEXT))
        said += spans[-1].text if spans and name else ""
    if not answer:
        if who:
            spans.append(Span(f" ({sentence_start(who)} to answer)", Role.HINT))
        return spans
    if not who:
        return [*spans, Span(" In reply, the Panel was told: "), Span(answer, Role.TEXT)]
    return spans


_OPENING_WORD = {
    ResolutionOpening.RESOLVED_THAT: "RESOLVED",
    ResolutionOpening.RESOLVED_COLON: "RESOLVED",
    ResolutionOpening.AGREED: "AGREED",
}


def resolution_opening(text: str, style: HouseStyle) -> tuple[str, str]:
    """(label, text) of a resolution in the style: ("RESOLVED", "that the Panel ..."),
    ("RESOLVED:", "That the Panel ...") or ("AGREED:", "the report be noted"). A typed
    "RESOLVED"/"AGREED" at the start is not doubled."""
    for typed_word in ("RESOLVED", "AGREED"):
        if text[: len(typed_word)].upper() == typed_word:
            text = text[len(typed_word):].lstrip(" :-\u2013\u2014")
            break
    lowered = text.lower()
    starts_that = lowered.startswith(("that ", "that:", "that,")) or lowered == "that"
    word = _OPENING_WORD[style.resolution_opening]
    if style.resolution_opening is ResolutionOpening.RESOLVED_COLON:
        if starts_that:
            text = "T" + text[1:]
        return f"{word}:", text
    return (word if starts_that else f"{word}:"), text


def _resolution(
    entry: EntryData,
    people: Mapping[int, PersonData],
    chair_title: str,
    style: HouseStyle,
    mentions: Mentions | None = None,
) -> list[Span]:
    label, text = resolution_opening(typed(entry.text), style)
    spans = [Span(label, Role.LABEL), Span(" "), Span(text, Role.TEXT)]
    summary = vote_text(entry, people, style, chair_title, mentions)
    if summary:
        spans += [Span(" "), Span(summary, Role.VOTE)]
    recorded = recorded_vote_text(entry, people, style, chair_title, mentions)
    if recorded:
        spans += [Span(PARAGRAPH_BREAK), Span("Recorded vote.", Role.VOTE), Span(" "),
                  Span(recorded, Role.NAME)]
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
    (``panel_minutes.models.export.names``); without it people are named as after their first mention."""
    if entry.kind is EntryKind.QUESTION:
        return tuple(_question(entry, people, style, mentions))
    if entry.kind is EntryKind.RESOLUTION:
        return tuple(_resolution(entry, people, chair_title, style, mentions))
    if entry.kind is EntryKind.PROCEDURE:
        at = minutes_time(entry.at_time, style.times is TimeStyle.TWELVE)
        return (Span(procedure_text(entry.text, at), Role.NOTE),)
    return (Span(typed(entry.text), Role.TEXT),)


def plain_text(spans: Iterable[Span], *, hints: bool = False) -> str:
    """The spans as plain text (the screen's words; ``hints`` keeps the screen-only ones)."""
    return "".join(s.text for s in spans if hints or s.role is not Role.HINT)


def closing_sentence(end: str, style: HouseStyle = DEFAULT_STYLE) -> str:
    """"The meeting ended at 12:10." / "The meeting closed at 9.05 pm.": the house style's
    ``closing_template`` with the end time as the style prints it (plain text; the export and
    the live screen's Close question both take it from here)."""
    from panel_minutes.models.export.templates import fill

    return fill(style.closing_template, time=minutes_time(end, style.times is TimeStyle.TWELVE))
