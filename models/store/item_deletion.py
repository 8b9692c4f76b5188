"""Deleting an agenda item, and putting it back, with everything that hangs off it.

An item's entries, the actions raised at it (with their progress reports at later meetings) and
the declarations made on it are part of it: ``delete_item`` sets them all aside with the item in
one transaction, so nothing of a deleted Part 2 (exempt) item is left behind in the public
minutes, in a later meeting's carried actions or in search without its exempt flag.
``restore_deleted_item`` puts the item back at its place with all of it, as it was.

The item is kept in ``deleted_item``; its entries and actions in ``deleted_entry`` /
``deleted_action`` rows pointing to it, so the live screen's list of deleted entries still shows
them, and one of them goes back on its own only under an item as confidential as its own was
(``check_confidential_target``). No Textual.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, col, func, select, update

from panel_minutes.models import tables as t
from panel_minutes.models.domain import DeletedItemData, ItemContents, ItemData
from panel_minutes.models.store.actions import ActionsMixin, keep_deleted_action
from panel_minutes.models.store.base import dump_ids, dump_list, item_data, load_ids
from panel_minutes.models.store.deleted import (
    action_from_json,
    declarations_from_json,
    declarations_json,
    deleted_item_data,
    entry_from_json,
    item_from_json,
    item_json,
    kept_rows,
    set_aside_from_json,
    set_aside_json,
)
from panel_minutes.models.store.entries import EntriesMixin, keep_deleted


class ItemDeletionMixin(EntriesMixin, ActionsMixin):
    def item_contents(self, item_id: int) -> ItemContents:
        """How many entries, actions and declarations hang off the item (what deleting it sets
        aside with it)."""
        with self._session() as s:
            self._get(s, t.AgendaItem, item_id, "agenda item")

            def count(table: type[t.Entry] | type[t.Action] | type[t.Declaration]) -> int:
                return int(s.exec(
                    select(func.count()).select_from(table).where(col(table.item_id) == item_id)
                ).one())

            return ItemContents(entries=count(t.Entry), actions=count(t.Action),
                                declarations=count(t.Declaration))

    def delete_item(self, item_id: int) -> DeletedItemData:
        """Delete the item, setting aside with it (one transaction) its entries, its actions with
        their progress reports, and its declarations; entries and actions deleted from it before
        stay deleted, now with it. ``restore_deleted_item`` puts it all back."""
        with self._session() as s:
            row, _ = self._item_meeting(s, item_id)
            meeting_id, pos = row.meeting_id, row.position
            declarations = _unlink_declarations(s, meeting_id, item_id, exempt=row.exempt)
            kept = t.DeletedItem(
                meeting_id=meeting_id, original_id=item_id, item=item_json(item_data(row)),
                declarations=declarations_json(declarations), deleted_at=datetime.now(UTC),
            )
            s.add(kept)
            s.flush()
            # Rows deleted from the item before: they stay deleted, with the item.
            for table in (t.DeletedEntry, t.DeletedAction):
                s.exec(update(table).where(col(table.item_id) == item_id)
                       .values(deleted_item_id=kept.id))
            entries = [
                keep_deleted(s, entry, meeting_id, with_item=kept)
                for entry in s.exec(
                    select(t.Entry).where(col(t.Entry.item_id) == item_id)
                    .order_by(col(t.Entry.position))
                ).all()
            ]
            actions = []
            for action in s.exec(
                select(t.Action).where(col(t.Action.item_id) == item_id)
                .order_by(col(t.Action.ref_no))
            ).all():
                actions.append(keep_deleted_action(s, action, with_item=kept))
                s.delete(action)
            for declaration in declarations:
                s.delete(declaration)
            s.flush()
            kept.set_aside = set_aside_json([e.id or 0 for e in entries],
                                            [a.id or 0 for a in actions])
            s.add(kept)
            s.delete(row)
            s.flush()
            s.exec(
                update(t.AgendaItem)
                .where(col(t.AgendaItem.meeting_id) == meeting_id)
                .where(col(t.AgendaItem.position) > pos)
                .values(position=col(t.AgendaItem.position) - 1)
            )
            return deleted_item_data(kept)

    def list_deleted_items(self, meeting_id: int) -> list[DeletedItemData]:
        """The meeting's deleted agenda items, most recently deleted first."""
        with self._session() as s:
            return [deleted_item_data(r) for r in kept_rows(s, t.DeletedItem, meeting_id)]

    def restore_deleted_item(self, deleted_id: int) -> ItemData:
        """Put a deleted item back at its place (under its old id when still free), with the
        entries, actions (and their progress reports) and declarations set aside with it. The
        entries and actions deleted from it before it was go back to its deleted list. One
        transaction."""
        with self._session() as s:
            kept = self._get(s, t.DeletedItem, deleted_id, "deleted agenda item")
            self._editable_meeting(s, kept.meeting_id)
            item = self._put_back_item(s, item_from_json(kept.item), kept.meeting_id)
            assert item.id is not None
            entries, actions = set_aside_from_json(kept.set_aside)
            for kept_entry in sorted(
                s.exec(select(t.DeletedEntry)
                       .where(col(t.DeletedEntry.deleted_item_id) == deleted_id)).all(),
                key=lambda r: entry_from_json(r.entry).position,
            ):
                if kept_entry.id in entries:
                    self._put_back(s, entry_from_json(kept_entry.entry), item.id, kept_entry)
                else:
                    self._refile(s, kept_entry, item.id)
            for kept_action in s.exec(
                select(t.DeletedAction).where(col(t.DeletedAction.deleted_item_id) == deleted_id)
                .order_by(col(t.DeletedAction.id))
            ).all():
                if kept_action.id in actions:
                    kept_action.deleted_item_id = None  # its own item is back
                    self._put_back_action(s, action_from_json(kept_action.action), item.id,
                                          kept_action)
                else:
                    self._refile(s, kept_action, item.id)
            for person_id, text, position, more, others in declarations_from_json(
                kept.declarations
            ):
                if s.get(t.Person, person_id) is not None:
                    s.add(t.Declaration(
                        meeting_id=kept.meeting_id, person_id=person_id, item_id=item.id,
                        text=text, position=position,
                        more_people=dump_ids(p for p in more if s.get(t.Person, p) is not None),
                        more_items=dump_ids(
                            i for i in others
                            if (other := s.get(t.AgendaItem, i)) is not None
                            and other.meeting_id == kept.meeting_id
                        ),
                    ))
            s.delete(kept)
            s.flush()
            return item_data(item)

    @staticmethod
    def _refile(s: Session, kept: t.DeletedEntry | t.DeletedAction, item_id: int) -> None:
        """A row deleted from the item before the item was: deleted still, under it again."""
        kept.item_id, kept.deleted_item_id = item_id, None
        s.add(kept)

    def _put_back_item(self, s: Session, data: ItemData, meeting_id: int) -> t.AgendaItem:
        count = self._item_count(s, meeting_id)
        pos = max(0, min(data.position, count))
        if pos < count:
            s.exec(
                update(t.AgendaItem)
                .where(col(t.AgendaItem.meeting_id) == meeting_id)
                .where(col(t.AgendaItem.position) >= pos)
                .values(position=col(t.AgendaItem.position) + 1)
            )
        free = s.get(t.AgendaItem, data.id) is None
        row = t.AgendaItem(
            id=data.id if free else None, meeting_id=meeting_id, position=pos,
            taken_position=data.taken_position, number_label=data.number_label, title=data.title,
            public_title=data.public_title, presenter=data.presenter, kind=data.kind.value,
            exempt=data.exempt, exempt_basis=data.exempt_basis,
            documents=dump_list(list(data.documents)), started_at=data.started_at,
            finished_at=data.finished_at, public_summary=data.public_summary,
        )
        s.add(row)
        s.flush()
        return row

    @staticmethod
    def _item_count(s: Session, meeting_id: int) -> int:
        return int(s.exec(
            select(func.count()).select_from(t.AgendaItem)
            .where(col(t.AgendaItem.meeting_id) == meeting_id)
        ).one())


def _unlink_declarations(
    s: Session, meeting_id: int, item_id: int, *, exempt: bool
) -> list[t.Declaration]:
    """The declarations set aside with the item (returned): those made on it alone, and, for an
    exempt item, every declaration naming it (its text is as confidential as the item; it comes
    back whole with it). A declaration on a public item that also names others stays in the
    minutes for them, with the item taken off its list."""
    alone: list[t.Declaration] = []
    for row in s.exec(
        select(t.Declaration).where(col(t.Declaration.meeting_id) == meeting_id)
        .order_by(col(t.Declaration.position), col(t.Declaration.id))
    ).all():
        items = [i for i in (row.item_id, *load_ids(row.more_items)) if i is not None]
        if item_id not in items:
            continue
        rest = [i for i in items if i != item_id]
        if not rest or exempt:
            row.more_items = dump_ids(rest)  # kept with it, to link again on restore
            alone.append(row)
            continue
        row.item_id, row.more_items = rest[0], dump_ids(rest[1:])
        s.add(row)
    return alone
