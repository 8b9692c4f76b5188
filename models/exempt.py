"""Exempt (Part 2) items: the legal bases a clerk picks from, and the exclusion resolution.

A principal council's committee (a Police and Crime Panel) excludes the press and public under
one of the seven paragraphs of Part 1 of Schedule 12A to the Local Government Act 1972; a parish
or town council under section 1(2) of the Public Bodies (Admission to Meetings) Act 1960. The
basis is stored as its text (``ItemData.exempt_basis``), so a basis typed by hand still reads;
``BASES`` are the standard ones the item form offers.

``exclusion_resolution(items, index)`` is the resolution excluding the press and public for the
exempt item(s) that follow the item at ``index`` in the order taken, in the standard wording
for their basis; the live composer offers it to the clerk (who sees it before filing it).
No Textual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from panel_minutes.models.domain import ItemData

SCHEDULE_12A = "of Schedule 12A to the Local Government Act 1972"
ACT_1960 = "section 1(2) of the Public Bodies (Admission to Meetings) Act 1960"

# What each paragraph of Part 1 of Schedule 12A covers, shortly (the picker's labels).
_PARAGRAPHS = (
    "an individual",
    "identity of an individual",
    "financial or business affairs",
    "labour relations",
    "legal professional privilege",
    "notices, orders or directions",
    "crime prevention or prosecution",
)


@dataclass(frozen=True, slots=True)
class Basis:
    text: str  # as stored and printed ("paragraph 3 of Schedule 12A to ...")
    label: str  # as the picker shows it


BASES: tuple[Basis, ...] = (
    *(
        Basis(f"paragraph {n} {SCHEDULE_12A}", f"Schedule 12A para {n}: {what}")
        for n, what in enumerate(_PARAGRAPHS, start=1)
    ),
    Basis(ACT_1960, "1960 Act s1(2): parish and town councils"),
)

_PARAGRAPH = re.compile(r"paragraphs? (\d)\b.*Schedule 12A", re.IGNORECASE)


def paragraph_of(basis: str) -> int | None:
    """The Schedule 12A paragraph a basis names (3 for "paragraph 3 of Schedule 12A ..."), or
    ``None`` (the 1960 Act, or a basis typed otherwise)."""
    match = _PARAGRAPH.search(basis)
    return int(match.group(1)) if match else None


def is_1960_act(basis: str) -> bool:
    return "admission to meetings" in basis.lower()


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def exclusion_wording(bases: Sequence[str]) -> str:
    """The resolution text excluding the press and public for items taken on ``bases``:
    "that the press and public be excluded ... paragraph 3 of Part 1 of Schedule 12A ..." or,
    under the 1960 Act, "that in view of the confidential nature of the business ...". A
    basis that is neither (typed by hand) is named as typed."""
    if not bases:
        return ""
    if all(is_1960_act(b) for b in bases):
        return (
            "that in view of the confidential nature of the business about to be transacted, "
            f"the press and public be excluded under {ACT_1960}."
        )
    paragraphs = sorted({p for p in (paragraph_of(b) for b in bases) if p is not None})
    plural = len(bases) > 1
    what = "the following items of business" if plural else "the following item of business"
    opening = f"that the press and public be excluded from the meeting for {what} on the grounds"
    if paragraphs and len(paragraphs) == len({b.strip() for b in bases}):
        numbers = _and([str(p) for p in paragraphs])
        word = "paragraphs" if len(paragraphs) > 1 else "paragraph"
        return (
            f"{opening} that {'they involve' if plural else 'it involves'} the likely "
            f"disclosure of exempt information as defined in {word} {numbers} of Part 1 "
            f"{SCHEDULE_12A}."
        )
    typed = _and(list(dict.fromkeys(b.strip().rstrip(".") for b in bases)))
    return f"{opening} set out in {typed}."


def exclusion_resolution(items: Sequence[ItemData], current_id: int | None) -> str:
    """The exclusion resolution for the exempt items taken next after the item
    ``current_id`` (items in the order taken): the run of exempt items that follows it, or the
    item itself when it is exempt and none follows. ``""`` when there is no exempt item to
    exclude the public for."""
    index = next((n for n, i in enumerate(items) if i.id == current_id), -1)
    following: list[ItemData] = []
    for item in items[index + 1:]:
        if not item.exempt:
            if following:
                break
            continue
        following.append(item)
    if not following and 0 <= index < len(items) and items[index].exempt:
        following = [items[index]]
    return exclusion_wording([i.exempt_basis for i in following])
