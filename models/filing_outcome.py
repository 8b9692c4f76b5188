"""What a filing that failed means, and what goes back into the composer (no Textual here).

The live screen files each Enter from its ``FilingQueue``. When the store refuses the head:

- the database refused the write for now (a full disk, a lock): the Enter stays first in the
  queue and is retried (``FilingFailure.retry``);
- the entry being edited changed since the edit began: its text goes back into the composer and
  the clerk is asked whether to save over it (``FilingFailure.conflict``);
- any other refusal (a vote that does not add up, ...): its text goes back into the composer,
  with one line saying why, and the cursor on the field at fault when the refusal names one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from panel_minutes.models.composer_modes import MODE_FIELDS
from panel_minutes.models.composer_state import ComposerState
from panel_minutes.models.errors import DatabaseError, PanelMinutesError
from panel_minutes.models.store.entries import EntryConflictError


@dataclass(frozen=True)
class FilingFailure:
    retry: bool = False  # the Enter waits and is filed again on the next retry
    conflict: EntryConflictError | None = None  # ask before saving over the entry
    message: str = ""  # the line for the clerk ("" for none)
    field: str = ""  # the field the refusal names, if any


def failure_of(err: PanelMinutesError) -> FilingFailure:
    if isinstance(err, DatabaseError):
        return FilingFailure(retry=True, message=str(err))
    if isinstance(err, EntryConflictError):
        return FilingFailure(conflict=err)
    return FilingFailure(message=str(err), field=getattr(err, "field", ""))


def given_back(typed: ComposerState, now: ComposerState, field: str = "") -> tuple[ComposerState, str]:
    """The composer after a refused filing of ``typed``, when it holds ``now``: what was typed
    since is put aside and comes back after it. Also the field to put the cursor in ("" for
    none): the one the refusal names, when the composer shows it."""
    state = typed
    if not (now.is_empty and now.editing is None and now.stash is None):
        state = replace(state, stash=now)
    shown = {key for key, _ in MODE_FIELDS[state.mode]}
    return state, field if field and state.stash is None and field in shown else ""
