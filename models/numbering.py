"""Minute numbers, derived from order so that reordering renumbers.

Two schemes (a panel setting, ``models.domain.Numbering``):

- ``per_item``: items are numbered by agenda position (1, 2, 3 ...) unless the clerk gave a label
  such as "5a"; inside each item, paragraphs, questions and procedural notes are numbered 1, 2 ...
  and resolutions stand unnumbered, as "RESOLVED that ...".
- ``running``: each item takes the next minute reference of the panel's calendar year, "107/25",
  counting on from the year's first number (1 unless the panel keeps another: ``RunningStart``)
  through the items of the panel's earlier meetings that year, and never below a reference an
  earlier meeting carries as a label; its paragraphs are numbered (1), (2) ...
"""

from __future__ import annotations

import re

from models.domain import EntryData, EntryKind, ItemData, MinutesDocument, Numbering

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


def entry_numbers(entries: tuple[EntryData, ...] | list[EntryData], numbering: Numbering) -> list[str]:
    """One label per entry, in order: "1.", "2." (or "(1)", "(2)"), "" for resolutions."""
    labels: list[str] = []
    n = 0
    for entry in entries:
        if entry.kind in NUMBERED_KINDS:
            n += 1
            labels.append(f"({n})" if numbering is Numbering.RUNNING else f"{n}.")
        else:
            labels.append("")
    return labels


def item_numbers(
    doc: MinutesDocument, items: tuple[ItemData, ...] | list[ItemData] | None = None
) -> dict[int, str]:
    """Item id → number for every item of the document (or ``items``, the same meeting's agenda
    as it is now), in agenda order."""
    year = doc.meeting.held_on.year
    return {
        item.id: item_number(item, index, doc.panel.numbering, year, doc.year_offset)
        for index, item in enumerate(doc.items if items is None else items)
    }
