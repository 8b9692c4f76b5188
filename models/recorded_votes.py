"""Recorded (named) votes: each voting member present marked for, against or abstaining.

The rules, with no screen:

- ``VoteChoice``: for, against, abstain; a member not marked did not vote;
- ``next_choice(choice)``: what one key press makes of a member's mark: for -> against ->
  abstain -> not voting -> for;
- ``member_keys(n)``: the key for each member on the panel: "1"-"9", then "a", "b", ...
  (letters the recorded-vote panel uses for nothing else);
- ``tally(marks)``: the counts a set of marks gives, ``(for, against, abstain)``, for the vote
  check (``panel_minutes.models.store.filing.check_vote_total``) and the counts of the resolution;
- ``as_pairs`` / ``from_pairs``: the marks as stored (``EntryData.recorded_votes``: a tuple of
  ``(person_id, VoteChoice)`` in the order the members were listed).
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterable, Mapping
from enum import StrEnum


class VoteChoice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


_CYCLE: dict[VoteChoice | None, VoteChoice | None] = {
    None: VoteChoice.FOR,
    VoteChoice.FOR: VoteChoice.AGAINST,
    VoteChoice.AGAINST: VoteChoice.ABSTAIN,
    VoteChoice.ABSTAIN: None,
}

# Keys the panel keeps for itself (Enter files, Escape closes): not given to members.
_LETTERS = [c for c in string.ascii_lowercase]
KEYS: tuple[str, ...] = tuple("123456789") + tuple(_LETTERS)


def next_choice(choice: VoteChoice | None) -> VoteChoice | None:
    """One press: for -> against -> abstain -> not voting -> for."""
    return _CYCLE[choice]


def member_keys(count: int) -> tuple[str, ...]:
    """The key of each of ``count`` members ("1".."9", then "a".."z"); at most 35 members."""
    return KEYS[:count]


def tally(marks: Iterable[VoteChoice | None]) -> tuple[int, int, int]:
    """(for, against, abstain) from the members' marks."""
    chosen = list(marks)
    return (
        sum(1 for c in chosen if c is VoteChoice.FOR),
        sum(1 for c in chosen if c is VoteChoice.AGAINST),
        sum(1 for c in chosen if c is VoteChoice.ABSTAIN),
    )


def as_pairs(marks: Mapping[int, VoteChoice | None]) -> tuple[tuple[int, VoteChoice], ...]:
    """The marks as stored: (person id, choice) for each member who voted, in order."""
    return tuple((pid, choice) for pid, choice in marks.items() if choice is not None)


def pairs_json(pairs: Iterable[tuple[int, VoteChoice]]) -> str:
    """The stored form of a recorded vote: JSON [[person id, choice], ...] ("" when none)."""
    listed = [[pid, VoteChoice(choice).value] for pid, choice in pairs]
    return json.dumps(listed) if listed else ""


def from_pairs(pairs: Iterable[tuple[int, str]]) -> tuple[tuple[int, VoteChoice], ...]:
    """Stored pairs read back (a choice this version does not know is refused)."""
    out = []
    for pid, choice in pairs:
        try:
            out.append((int(pid), VoteChoice(choice)))
        except ValueError:
            raise ValueError(f"recorded vote: {choice!r} is not for, against or abstain") from None
    return tuple(out)
