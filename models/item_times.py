"""When agenda items were taken: sittings, the running item, the next item to take.

An item's first sitting is ``started_at``-``finished_at``; an item taken up again after it was
finished gets a further sitting in ``resumed``. The rules (the store enforces them, the live
screen and the command line go through the store):

- one item runs at a time: taking an item finishes the running one at the same minute;
- sittings never overlap, and a sitting does not finish before it starts;
- F7 takes the next item *in agenda order* not yet taken (after the current one; when every
  later item has been taken, the first earlier one not taken);
- an item finished earlier is taken up again (a further sitting) by ctrl+g while another item
  runs, or by F8.

Times are ``HH:MM`` strings, so they compare as text. Pure functions, no database.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from panel_minutes.models.domain import ItemData

Sitting = tuple[str, str]
OPEN_END = "99:99"  # a running sitting lasts until it is finished


def sittings(item: ItemData) -> list[Sitting]:
    """Every sitting of the item with a start time, first to last (``finished`` may be "")."""
    out: list[Sitting] = [(item.started_at, item.finished_at)] if item.started_at else []
    out.extend((start, end) for start, end in item.resumed if start)
    return out


def is_running(item: ItemData) -> bool:
    """Started (or taken up again) and not finished since."""
    found = sittings(item)
    return bool(found) and not found[-1][1]


def is_taken(item: ItemData) -> bool:
    return item.taken_position is not None or bool(item.started_at)


def latest_time(items: Sequence[ItemData]) -> str:
    """The latest time stamped on any item of the meeting ("" when none)."""
    stamps = [t for item in items for pair in sittings(item) for t in pair if t]
    return max(stamps, default="")


def next_to_take(items: Sequence[ItemData], current_id: int | None) -> ItemData | None:
    """The item F7 moves to: the first item after ``current_id`` in agenda order not taken yet,
    else the first such item before it; ``None`` when every other item has been taken."""
    ordered = sorted(items, key=lambda i: (i.position, i.id))
    index = next((n for n, i in enumerate(ordered) if i.id == current_id), -1)
    later = ordered[index + 1:]
    earlier = ordered[:max(index, 0)]
    for item in (*later, *earlier):
        if not is_taken(item):
            return item
    return None


def resumes_on_go_to(items: Sequence[ItemData], target: ItemData) -> bool:
    """Whether going to ``target`` (ctrl+g, Enter) takes it up again: it was finished and the
    meeting is on another item now. With nothing running (between items, or minutes read after
    the meeting) going to a finished item only shows it; F8 takes it up again."""
    return bool(sittings(target)) and not is_running(target) and any(
        is_running(i) for i in items if i.id != target.id)


def clash(item: ItemData, others: Sequence[ItemData]) -> str | None:
    """Why the item's times cannot stand (one line), or ``None``: a sitting that finishes before
    it starts, or one that overlaps a sitting of another item."""
    mine = sittings(item)
    for start, end in mine:
        if end and end < start:
            return f"It would finish at {end}, before it started at {start}."
    for other in others:
        if other.id == item.id:
            continue
        for start, end in mine:
            for o_start, o_end in sittings(other):
                if start < (o_end or OPEN_END) and o_start < (end or OPEN_END):
                    shown = f"{o_start}-{o_end}" if o_end else f"running since {o_start}"
                    return (f"Its times ({start}-{end or '…'}) overlap those of "
                            f"'{other.title}' ({shown}); item times cannot overlap.")
    return None


def dump_resumed(pairs: Sequence[Sitting]) -> str:
    return json.dumps([[start, end] for start, end in pairs])


def load_resumed(raw: str) -> tuple[Sitting, ...]:
    try:
        data = json.loads(raw or "[]")
    except ValueError:
        return ()
    if not isinstance(data, list):
        return ()
    return tuple(
        (str(pair[0]), str(pair[1]))
        for pair in data
        if isinstance(pair, list) and len(pair) == 2
    )
