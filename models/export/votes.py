"""The wording of a vote in the panel's house style: the bracketed vote after a resolution, from
the style's ``vote_template``, and the names of a recorded vote.

``vote_text(entry, people, style, chair_title)`` fills the template's placeholders:

- ``{proposer}`` ``{seconder}``: the names as filed, in the style when they name one person
  (``named``, through ``panel_minutes.models.export.names``);
- ``{for}`` ``{against}`` ``{abstain}``: the counts ("" when not taken; 0 is a count);
- ``{outcome}``: "carried", "lost", or the style's ``unanimous_words``, with "on the Chair's
  casting vote" when the Chair decided it;
- ``{counts}``: the short tally: the style's ``unanimous_words`` ("all were in favour") when no
  one voted against or abstained and the outcome is unanimous or there were votes for; otherwise
  "4 in favour, 1 abstention", "3 in favour, 1 against" (plurals right); with no counts, the
  outcome (when the template has no ``{outcome}`` of its own);
- ``{note}``: the clerk's free note on the vote ("Cllr Dunn abstained as a neighbour").

The template is cut into parts at ", ", "; " and ": "; a part whose placeholders are all empty
is dropped with the separator before it, and where parts were dropped the strongest separator
stays ("; " over ": " over ", "), so "(Proposed by X, seconded by Y; for 8, ...: carried)" with
no counts reads "(Proposed by X, seconded by Y; carried)". Brackets round the whole template
stay round what is left; nothing left gives "" (no vote). When the template starts with a
capital and its first part was dropped, what is left starts with a capital too.

A recorded (named) vote lists the names: "For: Councillor Hughes, Mr Ortiz (2). Against:
Councillor Pike (1). Abstaining: Councillor Morgan (1). Carried." (``recorded_vote_text``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from string import Formatter
from typing import TYPE_CHECKING

from panel_minutes.models.domain import EntryData, Outcome, PersonData
from panel_minutes.models.export.names import running_name
from panel_minutes.models.house_style import HouseStyle, NameStyle
from panel_minutes.models.recorded_votes import VoteChoice, tally

if TYPE_CHECKING:
    from panel_minutes.models.export.names import Mentions

_SEPARATOR = re.compile(r"(, |; |: )")
_STRENGTH = {", ": 1, ": ": 2, "; ": 3}
_OPEN = "(["
_CLOSE = ")]"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def named(
    text: str, people: Iterable[PersonData], style: HouseStyle, mentions: Mentions | None = None
) -> str:
    """A name kept as text (a proposer is filed as the attendee's styled name, "Cllr Osei"): when
    it is exactly one person's styled or full name, that person as the style names them
    ("Cllr Nadia Osei", "Councillor Osei"); otherwise the text as typed."""
    shown = " ".join(text.split())
    if not shown or (style.names is NameStyle.SURNAME and style.councillor_title == "Cllr"):
        return shown  # the default style: as filed ("Cllr Osei"), as it always was
    wanted = shown.lower()
    last = wanted.rsplit(" ", 1)[-1]
    found = [
        p for p in people
        if p.name.lower().endswith(last) and wanted in (p.styled_name.lower(), p.full_name.lower())
    ]
    if len(found) == 1:
        return running_name(found[0], style, mentions)
    return shown


def outcome_words(entry: EntryData, style: HouseStyle, chair_title: str = "Chair") -> str:
    """"carried", "lost", the style's unanimous words, with the Chair's casting vote."""
    outcome = {
        Outcome.CARRIED: "carried",
        Outcome.LOST: "lost",
        Outcome.UNANIMOUS: _one_line(style.unanimous_words),
        Outcome.NONE: "",
    }[entry.outcome]
    if entry.casting_vote:
        chair = _one_line(chair_title) or "Chair"
        how = f"on the {chair}\u2019s casting vote"
        outcome = f"{outcome} {how}" if outcome else f"decided {how}"
    return outcome


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def counts_words(
    for_: int | None, against: int | None, abstain: int | None, outcome: Outcome,
    style: HouseStyle,
) -> str:
    """"all were in favour" (the style's unanimous words), or "4 in favour, 1 abstention"."""
    none_dissent = not against and not abstain
    if none_dissent and (outcome is Outcome.UNANIMOUS or (for_ or 0) > 0):
        return _one_line(style.unanimous_words)
    parts = []
    if for_ is not None:
        parts.append(f"{for_} in favour")
    if against:
        parts.append(f"{against} against")
    if abstain:
        parts.append(_plural(abstain, "abstention", "abstentions"))
    return ", ".join(parts)


@lru_cache(maxsize=64)
def _parsed(template: str) -> tuple[str, str, str, tuple[tuple[str, tuple[tuple[str, str | None], ...]], ...]]:
    """(opening bracket, template body, closing bracket, parts): each part its separator and
    its (literal, placeholder) pieces."""
    body = template.strip()
    opening = body[:1] if body[:1] in _OPEN else ""
    closing = body[-1:] if body[-1:] in _CLOSE and len(body) > 1 else ""
    body = body[len(opening): len(body) - len(closing)]
    parts: list[tuple[str, list[tuple[str, str | None]]]] = [("", [])]
    for literal, name, _spec, _conv in Formatter().parse(body):
        for piece in _SEPARATOR.split(literal):
            if _SEPARATOR.fullmatch(piece):
                parts.append((piece, []))
            elif piece:
                parts[-1][1].append((piece, None))
        if name is not None:
            parts[-1][1].append(("", name))
    return opening, body, closing, tuple((sep, tuple(pieces)) for sep, pieces in parts)


def fill_parts(template: str, values: Mapping[str, str]) -> str:
    """The template filled, its parts with only empty placeholders dropped (module docstring)."""
    shown = {k: _one_line(v) for k, v in values.items()}
    skeleton, capital = _skeleton(template, frozenset(k for k, v in shown.items() if v))
    if not skeleton:
        return ""
    text = skeleton.format_map(shown)
    if capital:
        opening = len(text) - len(text.lstrip("(["))
        text = text[:opening] + text[opening:opening + 1].upper() + text[opening + 1:]
    return text


@lru_cache(maxsize=256)
def _skeleton(template: str, filled: frozenset[str]) -> tuple[str, bool]:
    """The template with the parts dropped that only hold placeholders not in ``filled``, as a
    ``str.format`` pattern, and whether what is left starts with a capital (module docstring)."""
    opening, body, closing, parts = _parsed(template)
    kept: list[tuple[str, str]] = []
    pending = ""
    for separator, pieces in parts:
        names = [name for _literal, name in pieces if name is not None]
        if names and not any(name in filled for name in names):
            if _STRENGTH.get(separator, 0) > _STRENGTH.get(pending, 0):
                pending = separator
            continue
        text = "".join(
            (f"{{{name}}}" if name in filled else "") if name is not None
            else literal.replace("{", "{{").replace("}", "}}")
            for literal, name in pieces
        )
        joint = pending if _STRENGTH.get(pending, 0) > _STRENGTH.get(separator, 0) else separator
        pending = ""
        kept.append((joint, text))
    if not kept or not "".join(text for _s, text in kept).strip():
        return "", False
    text = (kept[0][1] + "".join(separator + part for separator, part in kept[1:])).strip()
    return f"{opening}{text}{closing}", body[:1].isupper()


def vote_values(
    entry: EntryData, people: Mapping[int, PersonData], style: HouseStyle,
    chair_title: str = "Chair", mentions: Mentions | None = None, *, counts: bool = True,
) -> dict[str, str]:
    """The placeholders' values (without ``counts``: the names and note only)."""
    everyone = list(people.values())
    values = {
        "proposer": named(entry.proposer, everyone, style, mentions),
        "seconder": named(entry.seconder, everyone, style, mentions),
        "note": _one_line(entry.vote_note),
        "for": "", "against": "", "abstain": "", "outcome": "", "counts": "",
    }
    if not counts:
        return values
    numbers = (entry.vote_for, entry.vote_against, entry.vote_abstain)
    for key, number in zip(("for", "against", "abstain"), numbers, strict=True):
        values[key] = "" if number is None else str(number)
    values["outcome"] = outcome_words(entry, style, chair_title)
    tallied = counts_words(*numbers, entry.outcome, style)
    if not tallied and "{outcome}" not in style.vote_template:
        tallied = values["outcome"]
    values["counts"] = tallied
    return values


def vote_text(
    entry: EntryData, people: Mapping[int, PersonData], style: HouseStyle,
    chair_title: str = "Chair", mentions: Mentions | None = None,
) -> str:
    """The vote after a resolution, from the style's template ("" when nothing was recorded).
    A recorded vote gives its counts in its own paragraph, so here only the names and note."""
    values = vote_values(
        entry, people, style, chair_title, mentions, counts=not entry.recorded_votes
    )
    return fill_parts(style.vote_template, values)


_GROUPS = (
    (VoteChoice.FOR, "For"),
    (VoteChoice.AGAINST, "Against"),
    (VoteChoice.ABSTAIN, "Abstaining"),
)


def recorded_vote_groups(
    entry: EntryData, people: Mapping[int, PersonData], style: HouseStyle,
    mentions: Mentions | None = None,
) -> list[tuple[str, list[str]]]:
    """("For", names), ("Against", names), ("Abstaining", names): the groups with someone in."""
    out = []
    for choice, label in _GROUPS:
        names = [
            running_name(people[pid], style, mentions)
            for pid, marked in entry.recorded_votes
            if marked is choice and pid in people
        ]
        if names:
            out.append((label, names))
    return out


def recorded_vote_text(
    entry: EntryData, people: Mapping[int, PersonData], style: HouseStyle,
    chair_title: str = "Chair", mentions: Mentions | None = None,
) -> str:
    """"For: Councillor Hughes, Mr Ortiz (2). Against: Councillor Pike (1). Carried." ("" when
    the vote was not recorded by name)."""
    if not entry.recorded_votes:
        return ""
    sentences = [
        f"{label}: {', '.join(names)} ({len(names)})."
        for label, names in recorded_vote_groups(entry, people, style, mentions)
    ]
    outcome = outcome_words(entry, style, chair_title)
    if outcome:
        sentences.append(outcome[:1].upper() + outcome[1:] + ".")
    return " ".join(sentences)


__all__ = [
    "counts_words", "fill_parts", "named", "outcome_words", "recorded_vote_groups", "recorded_vote_text",
    "tally", "vote_text", "vote_values",
]
