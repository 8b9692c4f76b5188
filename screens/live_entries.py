"""The live screen's keys on a filed entry or action (the entries list, ^L): edit (Enter), change
its kind (k), reorder it (shift+up/down), move it under another item (m), delete it (Del) and
put a deleted one back (r). A mixin of ``panel_minutes.screens.live.LiveScreen``; the rules are
``panel_minutes.models.live_moves`` (what a move changes) and ``panel_minutes.models.live_undo`` (how it is undone)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from panel_minutes.models.composer_state import state_from_action, state_from_entry
from panel_minutes.models.domain import ActionData, Deleted, DeletedEntryData, EntryData
from panel_minutes.models.errors import PanelMinutesError
from panel_minutes.models.live_meeting import KIND_CYCLE, KIND_NAMES
from panel_minutes.models.live_undo import undo_put_back
from panel_minutes.models.undo import undo_delete_action, undo_delete_entry, undo_update_entry

if TYPE_CHECKING:
    from panel_minutes.models.store import Store
    from panel_minutes.screens.live import LiveScreen


class EntryKeys:
    """Mixed into ``LiveScreen``: what the keys of the entries list do."""

    def _screen(self) -> LiveScreen:
        return cast("LiveScreen", self)

    def action_edit_entry(self) -> None:
        live = self._screen()
        key = live._selected()
        if key is None:
            return
        what, ident = key
        people = live.meeting.completion_people
        if what == "entry":
            entry = live._find_entry(ident)
            if entry is None:
                return
            live.composer.start_edit(state_from_entry(entry, people))
        else:
            action = live.meeting.find_action(ident)
            if action is None:
                return
            live.composer.start_edit(state_from_action(action, people))

    def action_change_kind(self) -> None:
        live = self._screen()
        key = live._selected()
        if key is None:
            return
        if key[0] == "action":
            live.notify("An action has no kind to change.", timeout=3)
            return
        entry = live._find_entry(key[1])
        if entry is None:
            return
        kind = KIND_CYCLE[(KIND_CYCLE.index(entry.kind) + 1) % len(KIND_CYCLE)]
        ident, stamp = entry.id, entry.updated_at
        label = f"making {live._entry_label(entry)} a {KIND_NAMES[kind]}"
        live._change(
            lambda s: s.update_entry(ident, expected_updated_at=stamp, kind=kind),
            undo_update_entry(entry, label), items={entry.item_id}, select=f"e{ident}",
        )

    def action_move_entry(self, delta: int) -> None:
        live = self._screen()
        key = live._selected()
        if key is not None:
            live._run(live.moves.reorder(key, delta))

    def action_move_to_item(self) -> None:
        live = self._screen()
        key = live._selected()
        if key is None:
            return
        live.moves.start(key)
        live.agenda.border_title = "Move to which item? Enter · Esc cancels"
        live.agenda.add_class("-moving")
        live.agenda.focus()

    def _finish_move(self, target_id: int) -> None:
        live = self._screen()
        moving = live.moves.pending
        change = live.moves.finish(target_id)
        live.agenda.border_title = "Agenda"
        live.agenda.remove_class("-moving")
        if change is None:
            if moving is not None and moving[0] == "entry":
                live.composer.text_area.focus()
            return
        live._run(change)
        live.notify(f"Moved to item {live.meeting.number_of(target_id)}.", timeout=2)
        live.entry_list.focus()

    def action_delete_entry(self) -> None:
        live = self._screen()
        from panel_minutes.screens.confirm import ConfirmScreen

        key = live._selected()
        if key is None:
            return
        what, ident = key
        if what == "entry":
            entry = live._find_entry(ident)
            if entry is None:
                return
            label = live._entry_label(entry)
            preview = entry.text.strip()[:160] or entry.answer.strip()[:160]

            def delete(confirmed: bool | None) -> None:
                if confirmed:
                    live._change(lambda s: s.delete_entry(ident),
                                 undo_delete_entry(entry, f"deleting {label}"),
                                 items={entry.item_id})
                    live.notify(f"Deleted {label}. F9 undoes; r lists deleted entries.",
                                timeout=3)

            live.app.push_screen(
                ConfirmScreen(f"Delete {label}?\n\n“{preview}”", title="Delete entry",
                              yes_label="Delete"),
                delete,
            )
            return
        action = live.meeting.find_action(ident)
        if action is None:
            return

        def delete_action(confirmed: bool | None) -> None:
            if confirmed:
                live._change(lambda s: s.delete_action(ident),
                             undo_delete_action(action, f"deleting action {action.ref}"),
                             items=set())
                live.notify(f"Deleted action {action.ref}. F9 undoes; r lists what was "
                            "deleted.", timeout=3)

        live.app.push_screen(
            ConfirmScreen(f"Delete action {action.ref}?\n\n“{action.text[:160]}”",
                          title="Delete action", yes_label="Delete"),
            delete_action,
        )

    def action_deleted_entries(self) -> None:
        """Entries and actions deleted from this meeting: the chosen one goes back."""
        live = self._screen()
        from panel_minutes.screens.deleted import DeletedEntriesScreen

        def chosen(deleted: Deleted | None) -> None:
            if deleted is not None:
                live.run_worker(live._put_back(deleted), group="live-change")

        live.app.push_screen(DeletedEntriesScreen(live.meeting_id, live.numbers), chosen)

    async def _put_back(self, deleted: Deleted) -> None:
        live = self._screen()
        known = {item.id for item in live.meeting.items}
        target = deleted.item_id if deleted.item_id in known else live.current_id
        if target is None:
            live.notify("Go to an agenda item first: it goes back under it.", timeout=4)
            return
        ident = deleted.id
        call: Callable[[Store], EntryData | ActionData]
        if isinstance(deleted, DeletedEntryData):
            call = lambda s: s.restore_deleted_entry(ident, target)  # noqa: E731
        else:
            call = lambda s: s.restore_deleted_action(ident, target)  # noqa: E731
        try:
            result, fresh = await live._runner.run(live._job(call, {target}))
        except PanelMinutesError as err:
            live.notify(str(err), severity="error", timeout=10)
            return
        assert isinstance(result, EntryData | ActionData)
        undo, name, select = undo_put_back(result)
        live.undo_stack.push(undo)
        if target != live.current_id:
            live.go_to(target)
        live._apply(fresh, select=select)
        where = "" if target == deleted.item_id else " under this item (its own was deleted)"
        live.notify(f"Put back {name}{where}. F9 undoes.", timeout=3)
