"""How many rows one store call reads or writes at a time, so a huge meeting stays responsive.

A meeting can hold 100,000 entries (300 items, 2,000 in one). Reading or writing them in one go
would hold the store thread (and the clerk's next filing) for seconds and build every row in
memory at once; these sizes cut that work into short steps. Pure Python.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# The live screen reads a long meeting's entries in groups of about this many.
READ_BATCH = 2000
# An imported bundle's entries are inserted in ``executemany`` batches of this many rows.
WRITE_BATCH = 2000


def entry_batches(
    item_ids: Sequence[int], counts: Mapping[int, int], limit: int = READ_BATCH
) -> list[list[int]]:
    """``item_ids`` in order, cut into groups whose entries (``counts``) add up to at most
    ``limit`` (an item with more is a group of its own): each group is one short read, so a
    meeting of 100,000 entries never holds the store thread for seconds."""
    batches: list[list[int]] = []
    group: list[int] = []
    size = 0
    for item_id in item_ids:
        n = counts.get(item_id, 0)
        if group and size + n > limit:
            batches.append(group)
            group, size = [], 0
        group.append(item_id)
        size += n
    if group:
        batches.append(group)
    return batches
