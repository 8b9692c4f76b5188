"""The Enters waiting to be filed, in order (no Textual here).

Each Enter in the composer is one entry. While a filing is on its way or failing (a full disk, a
database locked by another program), further Enters wait behind it here instead of running the
paragraphs together: the composer empties at once, the screen shows how many are waiting
("2 waiting"), and they are filed one by one, in the order typed, as soon as the database
accepts writes again.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class FilingQueue(Generic[T]):
    """Ordered pending filings; the head is the one being (or next to be) written."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._waiting: deque[T] = deque(items)
        self.in_flight = False  # the head's store call is running
        self.failing = False  # the last try of the head failed; it is retried

    def __len__(self) -> int:
        return len(self._waiting)

    def __bool__(self) -> bool:
        return bool(self._waiting)

    def items(self) -> list[T]:
        """Everything waiting, head first."""
        return list(self._waiting)

    def rest(self) -> list[T]:
        """What waits behind the head."""
        return list(self._waiting)[1:]

    def add(self, item: T) -> None:
        self._waiting.append(item)

    def start(self) -> T | None:
        """The head, when its filing may start now (nothing in flight); marks it in flight."""
        if self.in_flight or not self._waiting:
            return None
        self.in_flight = True
        return self._waiting[0]

    def filed(self) -> T:
        """The head was written: it leaves the queue."""
        self.in_flight = False
        self.failing = False
        return self._waiting.popleft()

    def retry_later(self) -> None:
        """The head could not be written (the database refused the write for now): it stays
        first, and everything behind it keeps waiting."""
        self.in_flight = False
        self.failing = True

    def refused(self) -> T:
        """The head was refused for a reason retrying will not fix (a vote that does not add
        up, ...): it leaves the queue, for the clerk to correct."""
        self.in_flight = False
        self.failing = False
        return self._waiting.popleft()

    def label(self) -> str:
        """What the composer shows: "", "1 waiting", "NOT SAVED · 3 waiting · retrying"."""
        if not self._waiting:
            return ""
        count = f"{len(self._waiting)} waiting"
        return f"NOT SAVED · {count} · retrying" if self.failing else count
