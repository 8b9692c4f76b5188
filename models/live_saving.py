"""What the live screen's saving is doing, and what each turn means (no Textual here).

Two things write while the clerk types: the draft's autosave (what is in the composer, so that it
comes back after a crash) and the filing queue (each Enter, one entry). Either can fail for a
while (a full disk, a database locked by another program); both are then retried on one shared
interval. ``SavingState`` holds the flags that used to live on the screen and decides, from each
event, what happens next and what the clerk is told; the screen only runs the timers, the store
calls and the notifications it is handed.

- The autosave is not a debounce that restarts on every key (unbroken typing would then never be
  saved): the first unsaved change asks for the timer; the save takes the text as it is then.
- One save at a time: a save asked for while one is on its way waits ``SAVE_BUSY_WAIT`` seconds.
- A filing that fails keeps ``filing_failing`` until the queue is empty again, and only then is
  the clerk told that everything is in the minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["information", "warning", "error"]

SAVE_BUSY_WAIT = 0.1  # seconds before a save asked for during another save is tried again


@dataclass(frozen=True)
class Notice:
    """One line for the clerk (the screen shows it as a notification)."""

    text: str
    severity: Severity = "information"
    timeout: float = 3


class SavingState:
    """The draft's autosave and the filing loop's health, and the retry they share."""

    def __init__(self) -> None:
        self.dirty = False  # the composer changed since the draft was last handed to a save
        self.saving = False  # a draft save is on its way to the store
        self.draft_failing = False  # the last draft save failed; it is retried
        self.filing_failing = False  # a filing failed and the queue has not emptied since
        self.save_scheduled = False  # the autosave timer is running

    # --- the draft ------------------------------------------------------------------------------

    def changed(self) -> bool:
        """The composer changed: True when the autosave timer is to start now (the first change
        since the last save was asked for)."""
        self.dirty = True
        if self.save_scheduled:
            return False
        self.save_scheduled = True
        return True

    def unscheduled(self) -> None:
        """The autosave timer fired or was stopped."""
        self.save_scheduled = False

    def may_save(self) -> bool:
        """Whether a draft save may start now; False when one is still on its way (then ask again
        in ``SAVE_BUSY_WAIT`` seconds, and the timer counts as scheduled)."""
        if self.saving:
            self.save_scheduled = True
            return False
        return True

    def save_taken(self, started: bool) -> None:
        """The composer's text was handed to a save (``started``) or there was nothing to save."""
        self.dirty = False
        self.saving = started

    def flushed(self) -> None:
        """The draft was written synchronously (on quit)."""
        self.dirty = False

    def save_stopped(self) -> None:
        """The save ended without a failure to retry (the draft is shared, or in conflict)."""
        self.saving = False

    def save_failed(self, message: str) -> Notice | None:
        """The save failed: the text stays dirty and the save is retried. The clerk is told
        once, when the failing starts."""
        self.saving = False
        self.dirty = True
        told = None if self.draft_failing else Notice(
            f"{message} The draft is kept on screen; retrying.", "error", 10)
        self.draft_failing = True
        return told

    def save_done(self) -> Notice | None:
        """The save was written; when it had been failing, the clerk hears it is saved again."""
        self.saving = False
        if not self.draft_failing:
            return None
        self.draft_failing = False
        return Notice("The draft is saved again.", timeout=3)

    def must_flush(self, waiting: bool) -> bool:
        """On quit: whether anything is left to write as the draft (``waiting``: Enters in the
        filing queue)."""
        return self.dirty or self.draft_failing or waiting

    # --- the filing loop --------------------------------------------------------------------------

    def filing_failed(self, message: str, retry_every: float) -> Notice | None:
        """A filing could not be written; the clerk is told once, when the failing starts."""
        told = None if self.filing_failing else Notice(
            f"{message} Not filed: each Enter waits, in order, and saving is retried every "
            f"{retry_every:g} s.", "error", 12)
        self.filing_failing = True
        return told

    def filed(self, queue_empty: bool) -> Notice | None:
        """A filing was written; after a failing, the clerk hears when the queue has emptied."""
        if self.filing_failing and queue_empty:
            return Notice("Saved. Everything you typed is in the minutes.", timeout=4)
        return None

    def queue_emptied(self) -> None:
        self.filing_failing = False

    # --- both -----------------------------------------------------------------------------------

    @property
    def retrying(self) -> bool:
        """Whether the shared retry interval is to run."""
        return self.filing_failing or self.draft_failing

    def retry_draft(self) -> bool:
        """On a retry tick: whether to save the draft again."""
        return self.draft_failing and not self.saving

    def status(self, queue_label: str, queue_failing: bool, blocked: bool) -> tuple[str, bool]:
        """The composer's status line, and whether it shows a problem. ``blocked``: another
        window holds the meeting's draft."""
        parts = [queue_label]
        if self.draft_failing:
            parts.append("draft NOT SAVED · retrying")
        if blocked:
            parts.append("draft not saved: open in another window")
        problem = queue_failing or self.draft_failing or blocked
        return " · ".join(p for p in parts if p), problem
