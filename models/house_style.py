"""A panel's house style: how its minutes read, set per panel and carried in bundles.

``HouseStyle`` is a frozen value with one field per choice the issue "House style" lists. It holds
no rule about wording itself: ``panel_minutes.models.export`` reads it to word and lay out the minutes (the
Markdown export and, through it, every other format), and the live screen shows entries through
the same wording module. ``PRESETS`` are the starting points a new panel picks from; the clerk can
then change any field in Panel settings.

Templates use ``{placeholders}`` (``str.format`` names); the placeholders each template knows are
listed beside it. A template never invents a sentence: it words what the clerk recorded or chose.

``to_json``/``from_json`` give the stored and bundled form: a JSON object holding only the fields
that differ from ``DEFAULT``, so a style saved by an older version still reads, and a field added
later takes its default. ``from_json`` refuses a wrong field or value with a ``ValueError`` that
names the field.
"""

from __future__ import annotations

import json
import string
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from enum import StrEnum
from typing import Any


class ItemHeading(StrEnum):
    HEADING = "heading"  # "### 3. Title" then the paragraphs
    RUN_IN = "run_in"  # "**108/26 Apologies for absence.** first paragraph ..."


class ParagraphNumbers(StrEnum):
    DOT = "dot"  # "1."
    BRACKETS = "brackets"  # "(1)"
    DECIMAL = "decimal"  # "5.1" (item number, then paragraph)
    NONE = "none"  # not numbered


class NameStyle(StrEnum):
    FULL = "full"  # "Cllr Jane Hughes" every time
    SURNAME = "surname"  # "Councillor Hughes" (the attendance lists give the full names)
    FIRST_FULL = "first_full"  # in the body, the full name at first mention, then the surname


class TimeStyle(StrEnum):
    TWELVE = "12h"  # "10.30 am", "7.00 pm"
    TWENTY_FOUR = "24h"  # "10:30", "19:00"


class MovementStyle(StrEnum):
    TIME = "time"  # "(from 10.55 am)", "(until 11.40 am)"
    MINUTE = "minute"  # "(from minute 112/26)", "(for minutes 108/26 to 112/26)"


class ResolutionOpening(StrEnum):
    RESOLVED_THAT = "resolved_that"  # "RESOLVED that the Panel ..."
    RESOLVED_COLON = "resolved_colon"  # "RESOLVED: That the Panel ..."
    AGREED = "agreed"  # "AGREED that ..." / "AGREED: ..."


class ActionPlacement(StrEnum):
    TABLE = "table"  # a table of actions at the end
    INLINE = "inline"  # "ACTION: the Clerk to ..., by the July meeting." after its entry
    BOTH = "both"


@dataclass(frozen=True, slots=True)
class HouseStyle:
    # --- the heading ------------------------------------------------------------------------
    # {kind} Ordinary/Extraordinary/Annual/Adjourned/Special ("" for a plain meeting), {panel},
    # {date} ("Tuesday 4 February 2025"), {time}, {venue}. Parts whose placeholder is empty are
    # dropped with the words that introduce them (" at {time}", " in {venue}", "{kind} ").
    heading_template: str = "Minutes of the meeting held on {date} at {time}, {venue}"
    status_line: bool = True  # "**Status:** Draft, to be approved at the next meeting"
    # --- items ------------------------------------------------------------------------------
    item_heading: ItemHeading = ItemHeading.HEADING
    # --- numbering (per item or running references are the panel's ``numbering``) -------------
    year_start_month: int = 1  # 1 = calendar year; 5 = the municipal year from May
    paragraph_numbers: ParagraphNumbers = ParagraphNumbers.DOT
    # a bulleted list ("- " lines) or a simple "|" table typed in an entry is kept as a list or
    # table (off: every typed line is text, as the default minutes always read)
    entry_lists: bool = False
    # --- names ------------------------------------------------------------------------------
    councillor_title: str = "Cllr"  # how "Cllr"/"Councillor" titles are printed
    names: NameStyle = NameStyle.SURNAME  # in running text (attendance lists are always full)
    show_councils: bool = False  # "Councillor Jane Hughes (Chair, Northbury County Council)"
    # --- times ------------------------------------------------------------------------------
    times: TimeStyle = TimeStyle.TWENTY_FOUR
    # --- attendance -------------------------------------------------------------------------
    movements: MovementStyle = MovementStyle.TIME
    apologies_in_attendance: bool = True  # an "Apologies:" line under "Present:"
    # {names} ("Cllr A, and Cllr B (work commitment)"): the apologies item's own sentence
    apologies_template: str = "Apologies were received from {names}."
    # {substitute}: said after the name of a member who sent apologies and was substituted
    # (", for whom Councillor Tate substituted"); "" gives the sentence "Cllr B attended as
    # substitute for Cllr A." after the apologies instead.
    apologies_substitute_template: str = ""
    # the names the app writes in the apologies and declarations sentences: full ("Cllr Mary
    # Dunn") or surname ("Councillor Evans"); running text is ``names``
    procedural_names: NameStyle = NameStyle.FULL
    # --- declarations -----------------------------------------------------------------------
    declarations_as_list: bool = True  # "- Cllr A declared ..." or one paragraph each
    # repeated under the item it is on ("*Declaration of interest:* ..."); off: minuted once,
    # in the declarations item (or the list after the attendance when there is none)
    declaration_under_item: bool = True
    # {ref} ("item 4", "minute 114/26"): after a declaration on an item whose text does not
    # name it; a template ending in "." replaces the text's own full stop
    declaration_item_template: str = " ({ref})"
    # --- resolutions ------------------------------------------------------------------------
    resolution_opening: ResolutionOpening = ResolutionOpening.RESOLVED_THAT
    # what the composer puts in a new resolution for the clerk to type on from (F3): "that the
    # Panel ", "that the Parish Council "
    resolution_start: str = "that the Panel "
    resolution_bold: bool = True  # "**RESOLVED**" or plain "RESOLVED"
    # {proposer} {seconder} {for} {against} {abstain} {outcome} {counts} {note}; a part
    # (cut at ", ", "; ", ": ") whose placeholders are all empty is dropped
    # (panel_minutes.models.export.votes). {counts} is the short tally ("all were in favour", "4 in favour,
    # 1 abstention"); {note} the clerk's free note on the vote.
    vote_template: str = (
        "(Proposed by {proposer}, seconded by {seconder}; "
        "for {for}, against {against}, abstentions {abstain}: {outcome}; {note})"
    )
    vote_italic: bool = True
    unanimous_words: str = "unanimous"  # {outcome} / {counts} of a vote with no one against
    # --- questions --------------------------------------------------------------------------
    # {asker} {question} {respondent} {answer}
    question_template: str = "{asker} asked {question} {respondent} replied that {answer}"
    # a question with no named asker
    anonymous_question_template: str = "A member asked {question} {respondent} replied that {answer}"
    # --- actions ----------------------------------------------------------------------------
    actions: ActionPlacement = ActionPlacement.TABLE
    action_status_column: bool = True  # the end table's "Status" column
    # {owner} {text} {due}: the inline form
    inline_action_template: str = "ACTION: {owner} to {text}, by {due}."
    # the rule row of the action tables: "| --- | --- |" (as typed entry tables are written)
    # or "|---|---|"
    spaced_table_rules: bool = False
    # --- exempt items -----------------------------------------------------------------------
    # the legal basis an item made exempt gets when none is given (the clerk picks another in
    # the item form): Schedule 12A paragraph 3 (``panel_minutes.models.domain.DEFAULT_EXEMPT_BASIS``), or for
    # a parish or town council section 1(2) of the 1960 Act (``panel_minutes.models.exempt.ACT_1960``)
    default_exempt_basis: str = "paragraph 3 of Schedule 12A to the Local Government Act 1972"
    # {basis} ("paragraph 3 of Schedule 12A to the Local Government Act 1972"), {summary}
    exempt_template: str = "This item was considered in private under {basis}. {summary}"
    # --- sentences the app writes (each can be turned off) -----------------------------------
    say_no_actions_outstanding: bool = True
    say_no_actions_raised: bool = True
    say_none_declared: bool = True
    # --- the end ----------------------------------------------------------------------------
    closing_template: str = "The meeting ended at {time}."
    signature_template: str = "---\n\n{chair}: ______________________ Date: ______________"
    # --- stock phrases (inserted in the composer; {presenter} {chair} {now}) -------------------
    phrases: tuple[str, ...] = ()

    def to_json(self) -> str:
        """Only the fields that differ from ``DEFAULT``, as a JSON object (sorted keys)."""
        base = asdict(DEFAULT)
        mine = asdict(self)
        changed = {
            k: (list(v) if isinstance(v, tuple) else v)
            for k, v in mine.items()
            if v != base[k]
        }
        return json.dumps(changed, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> HouseStyle:
        """The style a ``to_json`` text describes; ``ValueError`` naming the field if wrong."""
        try:
            raw = json.loads(text or "{}")
        except json.JSONDecodeError as exc:
            raise ValueError(f"house style: not JSON ({exc.msg})") from None
        if not isinstance(raw, dict):
            raise ValueError("house style: expected an object of settings")
        return from_mapping(raw)


def from_mapping(raw: dict[str, Any]) -> HouseStyle:
    """A style from a mapping of field names to plain values (JSON's), checked field by field."""
    known = {f.name: f for f in fields(HouseStyle)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            raise ValueError(f"house style: unknown setting {key!r}")
        default = getattr(DEFAULT, key)
        values[key] = _checked(key, value, default)
    return replace(DEFAULT, **values)


def with_setting(style: HouseStyle, key: str, value: object) -> HouseStyle:
    """``style`` with one setting changed, checked as ``from_mapping`` checks it (an enum
    setting also takes its value's text); ``ValueError`` naming the setting if wrong."""
    if key not in {f.name for f in fields(HouseStyle)}:
        raise ValueError(f"house style: unknown setting {key!r}")
    checked: Any = _checked(key, value, getattr(DEFAULT, key))
    return replace(style, **{key: checked})


def _checked(key: str, value: Any, default: Any) -> Any:
    where = f"house style {key}"
    if isinstance(default, StrEnum):
        try:
            return type(default)(value)
        except ValueError:
            allowed = ", ".join(m.value for m in type(default))
            raise ValueError(f"{where}: {value!r} is not one of {allowed}") from None
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(f"{where}: expected true or false")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{where}: expected a whole number")
        if key == "year_start_month" and not 1 <= value <= 12:
            raise ValueError(f"{where}: a month is 1 to 12, got {value}")
        return value
    if isinstance(default, tuple):
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{where}: expected a list of texts")
        return tuple(value)
    if not isinstance(value, str):
        raise ValueError(f"{where}: expected a text")
    return value


DEFAULT = HouseStyle()


@dataclass(frozen=True, slots=True)
class Preset:
    """A starting point for a new panel: its numbering scheme and its house style."""

    key: str
    label: str
    numbering: str  # a ``panel_minutes.models.domain.Numbering`` value
    style: HouseStyle


PRESETS: tuple[Preset, ...] = (
    Preset("default", "panel-minutes default", "per_item", DEFAULT),
    Preset(
        "pcp",
        "Police and Crime Panel",
        "per_item",
        replace(
            DEFAULT,
            heading_template=(
                "Minutes of the {kind} Meeting of the {panel} held on {date} at {time} in {venue}"
            ),
            status_line=False,
            paragraph_numbers=ParagraphNumbers.BRACKETS,
            entry_lists=True,
            councillor_title="Councillor",
            show_councils=True,
            apologies_substitute_template=", for whom {substitute} substituted",
            procedural_names=NameStyle.SURNAME,
            declarations_as_list=False,
            declaration_under_item=False,
            declaration_item_template=", in relation to {ref}.",
            times=TimeStyle.TWELVE,
            spaced_table_rules=True,
            resolution_bold=False,
            question_template=(
                "In response to a question from {asker}, {respondent} said that {answer}"
            ),
            anonymous_question_template="A member asked {question} {respondent} said that {answer}",
            action_status_column=False,
        ),
    ),
    Preset(
        "parish",
        "Parish or town council",
        "running",
        replace(
            DEFAULT,
            heading_template=(
                "Minutes of the {kind} Meeting of the Parish Council held on {date} at {time} "
                "in {venue}"
            ),
            status_line=False,
            item_heading=ItemHeading.RUN_IN,
            year_start_month=5,
            paragraph_numbers=ParagraphNumbers.NONE,
            entry_lists=True,
            names=NameStyle.FULL,
            times=TimeStyle.TWELVE,
            movements=MovementStyle.MINUTE,
            apologies_in_attendance=False,
            apologies_template="Apologies were received and accepted from {names}.",
            declarations_as_list=False,
            declaration_under_item=False,
            resolution_opening=ResolutionOpening.RESOLVED_COLON,
            resolution_start="that the Parish Council ",
            default_exempt_basis=(
                "section 1(2) of the Public Bodies (Admission to Meetings) Act 1960"
            ),
            resolution_bold=False,
            vote_template="({proposer} proposed, {seconder} seconded, {counts}; {note})",
            vote_italic=False,
            unanimous_words="all were in favour",
            actions=ActionPlacement.INLINE,
            spaced_table_rules=True,
            exempt_template="This item was considered in private. {summary}",
            say_no_actions_outstanding=False,
            say_no_actions_raised=False,
            closing_template="The meeting closed at {time}.",
            signature_template="Signed ............................ ({chair})   Date ..................",
        ),
    ),
)


def preset(key: str) -> Preset:
    """The preset called ``key`` ("default", "pcp", "parish"); ``KeyError`` if none."""
    for candidate in PRESETS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


# --- checking what the clerk types into a template --------------------------------------------

#: The placeholders each template field knows (``{name}``), as documented beside the field.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "heading_template": frozenset({"kind", "panel", "date", "time", "venue"}),
    "apologies_template": frozenset({"names"}),
    "apologies_substitute_template": frozenset({"substitute"}),
    "declaration_item_template": frozenset({"ref"}),
    "vote_template": frozenset(
        {"proposer", "seconder", "for", "against", "abstain", "outcome", "counts", "note"}
    ),
    "question_template": frozenset({"asker", "question", "respondent", "answer"}),
    "anonymous_question_template": frozenset({"question", "respondent", "answer"}),
    "inline_action_template": frozenset({"owner", "text", "due"}),
    "exempt_template": frozenset({"basis", "summary"}),
    "closing_template": frozenset({"time"}),
    "signature_template": frozenset({"chair"}),
    "phrases": frozenset({"presenter", "chair", "now"}),
}


def template_problem(field: str, text: str) -> str | None:
    """One line saying what is wrong with ``text`` as the template ``field`` (unbalanced braces,
    or a ``{placeholder}`` the field does not know, named), or ``None`` when it is fine.

    A field not in ``PLACEHOLDERS`` knows the placeholders its default and the presets use
    (none for a plain text). Doubled braces ``{{`` and ``}}`` stand for a brace itself, as in
    ``str.format``."""
    known = PLACEHOLDERS.get(field) or _placeholders_in_presets(field)
    try:
        parts = list(_FORMATTER.parse(text))
    except ValueError:
        return (
            "The braces do not pair up: write a placeholder as {name}, and a brace itself "
            "as {{ or }}."
        )
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in known or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (
                f":{spec}" if spec else "") + "}"
            allowed = ", ".join("{" + k + "}" for k in sorted(known)) or "none"
            return f"Unknown placeholder {shown}: this one knows {allowed}."
    return None


_FORMATTER = string.Formatter()


def _placeholders_in_presets(field: str) -> frozenset[str]:
    names: set[str] = set()
    for candidate in PRESETS:
        value = getattr(candidate.style, field, "")
        for text in value if isinstance(value, tuple) else (value,):
            if not isinstance(text, str):
                continue
            try:
                names.update(n for _, n, _, _ in _FORMATTER.parse(text) if n)
            except ValueError:
                continue
    return frozenset(names)


def numbering_year(day: date, year_start_month: int) -> int:
    """The year whose minute numbers ``day`` falls in: its calendar year, or with a year that
    starts in May (``year_start_month=5``) the year in which that municipal year began."""
    return day.year if day.month >= year_start_month else day.year - 1


def with_preset(current: HouseStyle, chosen: Preset) -> HouseStyle:
    """``current`` replaced by the preset's style; the panel's own stock phrases stay, since a
    preset brings none of its own (they are the clerk's, not the council's look)."""
    if chosen.style.phrases:
        return chosen.style
    return replace(chosen.style, phrases=current.phrases)
