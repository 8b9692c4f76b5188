"""The store call that files one waiting Enter, and the draft version it shares (no Textual).

Each Enter in the composer becomes a ``Pending`` in the live screen's ``FilingQueue``; this module
turns the queue's head into ONE store call (``Store.file_entry``, ``save_edit`` or ``file_action``)
which also replaces the meeting's draft with what is still unfiled (the Enters behind it and the
composer), so a kill at any moment neither loses an entry nor offers a filed one again.

``DraftVersion`` is the version of the draft this window last wrote. It is read and written by the
store calls themselves, on the app's single store thread, so calls queued one after another (a
filing, then an autosave) each see the version the one before left.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from panel_minutes.models.composer_state import (
    ComposerState,
    Mode,
    Pending,
    action_args,
    draft_is_empty,
    entry_args,
    entry_as_update,
    state_to_draft,
)
from panel_minutes.models.domain import ActionData, EntryData, EntryKind, PersonData
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.store.entries import DraftSharedNotice
from panel_minutes.models.store.filing import DraftAfter, Filed

if TYPE_CHECKING:
    from panel_minutes.models.store import Store


@dataclass
class DraftVersion:
    """The draft version this window last saved (``None``: it holds no draft), and whether its
    next save takes the meeting over from another window."""

    stamp: datetime | None = None
    claim: bool = False
    blocked: bool = False  # another window owns the draft (until this one takes over)
    # The Enters (serials) already written: a draft save built before a filing and run after
    # it must not list that Enter as waiting any more.
    written: set[int] = field(default_factory=set)

    def unwritten(self, waiting: Sequence[Pending]) -> list[Pending]:
        return [p for p in waiting if p.serial not in self.written]

    def take_over(self) -> None:
        """The clerk takes the meeting over from the window that holds its draft: the next save
        claims it."""
        self.blocked = False
        self.claim = True

    def settled(self, version: datetime | None, left: bool) -> None:
        """After a filing replaced (or, with ``left``, did not touch) the draft."""
        if not left:
            self.stamp = version


def remaining(
    meeting_id: int, filed_text: str, composer: ComposerState, rest: Sequence[Pending],
    item_id: int | None,
) -> DraftAfter:
    """What the draft becomes once this filing is written: the composer and the Enters behind."""
    if draft_is_empty(composer, rest):
        return DraftAfter(meeting_id, None, filed_text)
    kind, text, fields = state_to_draft(composer, rest)
    return DraftAfter(meeting_id, None, filed_text, text, item_id, kind, fields)


@dataclass(frozen=True)
class FilingCall:
    call: Callable[[Store], Any]
    items: set[int]
    kind: str  # "entry", "edit", "action", "action-edit"
    before: EntryData | ActionData | None = None


def filing_call(
    pending: Pending,
    *,
    meeting_id: int,
    people: Sequence[PersonData],
    version: DraftVersion,
    after: Callable[[str], DraftAfter],
    find_entry: Callable[[int], EntryData | None],
    actions: Sequence[ActionData],
) -> FilingCall:
    """The store call for ``pending`` (raises ``ValidationError`` for a value that cannot be
    filed). ``after(filed_text)`` is the draft that is to remain once it is written."""
    state: ComposerState = pending.state
    editing = state.editing

    def settle(text: str) -> DraftAfter | None:
        # read on the store thread: the version the previous store call left
        return None if version.blocked else replace(after(text), stamp=version.stamp)

    if editing is not None and editing.what == "action":
        action_before = next((a for a in actions if a.id == editing.id), None)
        if action_before is None:
            raise ValidationError("That action no longer exists; press Esc.")
        values = action_args(state, people)
        items = {action_before.item_id} if action_before.item_id is not None else set()
        return FilingCall(lambda s: s.update_action(editing.id, **values), items,
                          "action-edit", action_before)
    if editing is not None:
        entry_before = find_entry(editing.id)
        if entry_before is None:
            raise ValidationError("That entry no longer exists; press Esc.")
        edit_values = entry_as_update(entry_args(state, people))
        # The version the edit began from: an edit restored after a restart whose entry has
        # changed since is refused (EntryConflictError), and the screen asks.
        expected = editing.base_version or entry_before.updated_at

        def save_edit(s: Store) -> EntryData:
            filed: Filed = s.save_edit(editing.id, expected_updated_at=expected,
                                       draft=settle(edit_values["text"]), **edit_values)
            version.settled(filed.draft_version, filed.draft_left)
            version.written.add(pending.serial)
            return filed.entry

        return FilingCall(save_edit, {entry_before.item_id}, "edit", entry_before)
    item_id = pending.item_id
    if item_id is None:
        raise ValidationError("This meeting has no agenda items: press Ins to add one.")
    if state.mode is Mode.ACTION:
        action_values = action_args(state, people)

        def file_action(s: Store) -> ActionData:
            action, draft_version, left = s.file_action(
                meeting_id, item_id=item_id, draft=settle(action_values["text"]), **action_values
            )
            version.settled(draft_version, left)
            version.written.add(pending.serial)
            return action

        return FilingCall(file_action, {item_id}, "action")
    entry_values: dict[str, Any] = dict(entry_args(state, people))
    kind: EntryKind = entry_values.pop("kind")
    text: str = entry_values.pop("text")

    def file_entry(s: Store) -> EntryData:
        filed = s.file_entry(item_id, kind, text, draft=settle(text), voted_at=pending.at or None,
                             **entry_values)
        version.settled(filed.draft_version, filed.draft_left)
        version.written.add(pending.serial)
        return filed.entry

    return FilingCall(file_entry, {item_id}, "entry")


def draft_call(
    state: ComposerState, version: DraftVersion, *, meeting_id: int, item_id: int | None,
    queued: Sequence[Pending],
) -> Callable[[Store], datetime | None] | None:
    """The store call that saves the composer (and the Enters still ``queued``) as this window's
    draft, or None while another window holds the draft (``version.blocked``)."""
    if version.blocked:
        return None

    def save(s: Store) -> datetime | None:
        # The version (and what is still waiting) is read and written here, on the store
        # thread, after every store call queued before this one: a filing replaces the
        # draft and its version.
        waiting = version.unwritten(queued)
        if draft_is_empty(state, waiting):
            if version.stamp is not None:  # this window's draft only
                s.clear_draft(meeting_id, expected_updated_at=version.stamp)
            version.stamp = None
            return None
        kind, text, fields = state_to_draft(state, waiting)
        claim, version.claim = version.claim, False
        try:
            version.stamp = s.save_draft(
                meeting_id, text, item_id=item_id, kind=kind, fields=fields,
                expected_updated_at=version.stamp, new=version.stamp is None, claim=claim,
            )
        except DraftSharedNotice as notice:
            version.stamp = notice.version
            raise
        return version.stamp

    return save
