"""Minute numbers, derived from order so that reordering renumbers.

Two schemes (a panel setting, ``panel_minutes.models.domain.Numbering``):

- ``per_item``: items are numbered by agenda position (1, 2, 3 ...) unless the clerk gave a label
  such as "5a"; inside each item, paragraphs, questions and procedural notes are numbered 1, 2 ...
  and resolutions stand unnumbered, as "RESOLVED that ...".
- ``running``: each item takes the next minute reference of the panel's numbering year, "107/25",
  counting on from the year's first number (1 unless the panel keeps another: ``RunningStart``,
  kept by numbering year) through the items of the panel's earlier meetings that year, and never
  below a reference an earlier meeting carries as a label; its paragraphs are numbered (1), (2) ...

The numbering year starts in the house style's ``year_start_month`` (1: the calendar year; 5: the
municipal year from May, so a June 2026 and an April 2027 meeting share "/26"): its suffix is the
year in which that numbering year began (``numbering_year``).

Sub-items (``ItemData.level == 1``) take no number of their own in the count: they are numbered
from the item above them, "4a", "4b" (per item), "4.1" (per item, with "5.1" paragraph numbers)
or "64/17c" (running), unless the clerk gave a label.

Paragraph numbers follow the house style's ``paragraph_numbers``: "1." (a Markdown ordered list),
"(1)", "5.1" (the item's number, then the paragraph's) or none. Under the default ("1."), a
running-numbered panel keeps its "(1)" paragraphs (as its minutes always read). Resolutions are
never numbered.
"""

from __future__ import annotations

import re
from datetime import date
from string import ascii_lowercase

from panel_minutes.models.domain import EntryData, EntryKind, ItemData, MinutesDocument, Numbering
from panel_minutes.models.house_style import DEFAULT as DEFAULT_STYLE
from panel_minutes.models.house_style import HouseStyle, ParagraphNumbers

NUMBERED_KINDS = frozenset({EntryKind.PARAGRAPH, EntryKind.QUESTION, EntryKind.PROCEDURE})


def item_number(item: ItemData, index: int, numbering: Numbering, year: int, offset: int) -> str:
    """The number shown for the item at agenda ``index`` (0-based)."""
    if item.number_label.strip():
        return item.number_label.strip()
    if numbering is Numbering.RUNNING:
        return f"{offset + index + 1}/{year % 100:02d}"
    return str(index + 1)


_RUNNING_LABEL = re.compile(r"\s*(\d{1,9})\s*/\s*(\d{2})\s*")


def running_label(label: str, year: int) -> int | None:
    """The number of a running minute reference of ``year`` written as a label ("88/17" → 88)."""
    match = _RUNNING_LABEL.fullmatch(label)
    if match is None or int(match.group(2)) != year % 100:
        return None
    return int(match.group(1))


def numbering_year(held_on: date, start_month: int = 1) -> int:
    """The year in which the numbering year holding ``held_on`` began (its "/26" suffix)."""
    return held_on.year if held_on.month >= start_month else held_on.year - 1


def numbering_year_span(year: int, start_month: int = 1) -> tuple[date, date]:
    """The first and last day of the numbering ``year`` that starts in ``start_month``."""
    first = date(year, start_month, 1)
    after = date(year + 1, start_month, 1)
    return first, date.fromordinal(after.toordinal() - 1)


def paragraph_style(numbering: Numbering, style: HouseStyle = DEFAULT_STYLE) -> ParagraphNumbers:
    """How paragraphs are numbered: the style's choice; "1." under running numbering reads "(1)"
    (the minutes of running-numbered panels always did)."""
    chosen = style.paragraph_numbers
    if chosen is ParagraphNumbers.DOT and numbering is Numbering.RUNNING:
        return ParagraphNumbers.BRACKETS
    return chosen


def entry_numbers(
    entries: tuple[EntryData, ...] | list[EntryData],
    numbering: Numbering,
    style: HouseStyle = DEFAULT_STYLE,
    item_number: str = "",
    start: int = 0,
) -> list[str]:
    """One label per entry, in order: "1.", "2." (or "(1)", "5.1", or none as the house style
    says), "" for resolutions. ``item_number`` is the item's own number ("5.1" paragraphs);
    ``start`` counts paragraphs already numbered above the entries (the app's own sentences)."""
    how = paragraph_style(numbering, style)
    labels: list[str] = []
    n = start
    for entry in entries:
        if entry.kind in NUMBERED_KINDS and how is not ParagraphNumbers.NONE:
            n += 1
            labels.append(paragraph_label(n, how, item_number))
        else:
            labels.append("")
    return labels


def paragraph_label(n: int, how: ParagraphNumbers, item_number: str = "") -> str:
    """The label of the ``n``-th paragraph of an item: "3.", "(3)" or "5.3" ("" for none)."""
    if how is ParagraphNumbers.NONE:
        return ""
    if how is ParagraphNumbers.BRACKETS:
        return f"({n})"
    if how is ParagraphNumbers.DECIMAL and item_number:
        return f"{item_number.rstrip('.')}.{n}"
    return f"{n}."


def numbers_own_sentences(numbering: Numbering, style: HouseStyle = DEFAULT_STYLE) -> bool:
    """Whether the sentences the app writes in an item (the apologies received, the
    declarations made) are numbered paragraphs like the clerk's: when paragraphs stand on their
    own as "(1)" or "5.1" (a "1." list keeps them outside the list, as it always did)."""
    return paragraph_style(numbering, style) in (ParagraphNumbers.BRACKETS, ParagraphNumbers.DECIMAL)


def sub_item_number(parent: str, index: int, numbering: Numbering, style: HouseStyle) -> str:
    """The number of the ``index``-th (0-based) sub-item of the item numbered ``parent``."""
    if numbering is Numbering.PER_ITEM and style.paragraph_numbers is ParagraphNumbers.DECIMAL:
        return f"{parent.rstrip('.')}.{index + 1}"
    return f"{parent.rstrip('.')}{_letters(index)}"


def _letters(index: int) -> str:
    """a, b ... z, aa, ab ... for the 0-based ``index``."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = ascii_lowercase[rest] + out
    return out


def numbered_agenda(
    items: tuple[ItemData, ...] | list[ItemData],
    numbering: Numbering,
    year: int,
    offset: int,
    style: HouseStyle = DEFAULT_STYLE,
) -> dict[int, str]:
    """Item id → number for an agenda in order: items count 1, 2 ... (or on from ``offset``,
    running); a sub-item is numbered from the item above it; a label the clerk gave wins. A
    sub-item with no item above it counts as an item."""
    numbers: dict[int, str] = {}
    count = 0
    parent = ""
    subs = 0
    for item in items:
        label = item.number_label.strip()
        if item.level >= 1 and parent:
            numbers[item.id] = label or sub_item_number(parent, subs, numbering, style)
            subs += 1
            continue
        numbers[item.id] = item_number(item, count, numbering, year, offset)
        parent = numbers[item.id]
        count += 1
        subs = 0
    return numbers


def is_sub_item(items: tuple[ItemData, ...] | list[ItemData], index: int) -> bool:
    """Whether the item at ``index`` is shown as a sub-item (level 1, with an item above it)."""
    return items[index].level >= 1 and index > 0


def item_numbers(
    doc: MinutesDocument, items: tuple[ItemData, ...] | list[ItemData] | None = None
) -> dict[int, str]:
    """Item id → number for every item of the document (or ``items``, the same meeting's agenda
    as it is now), in agenda order."""
    style = doc.style
    year = numbering_year(doc.meeting.held_on, style.year_start_month)
    return numbered_agenda(
        doc.items if items is None else items, doc.panel.numbering, year, doc.year_offset, style
    )
