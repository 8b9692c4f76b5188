"""Agendas in and action logs out: the store's side of publishing.

``import_agenda`` writes the items ``panel_minutes.models.agenda_import`` read from a file in ONE transaction,
so an agenda is imported whole or not at all. ``load_action_log`` gathers a panel's actions with
what the action log export needs (``panel_minutes.models.export.action_log``) in a handful of queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from panel_minutes.models import tables as t
from panel_minutes.models.agenda_import import ImportedItem
from panel_minutes.models.domain import (
    ActionUpdateData,
    ItemData,
)
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.export.action_log import ActionLogData
from panel_minutes.models.store.base import (
    StoreBase,
    action_data,
    action_update_data,
    dump_list,
    item_data,
    meeting_style,
    panel_data,
    person_data,
)
from panel_minutes.models.store.meetings import guess_item_kind

MAX_TITLE_CHARS = 500  # an item title is a line; more is a paragraph pasted by mistake
MAX_FIELD_CHARS = 2000  # presenter, public title, legal basis, one supporting document


@dataclass(frozen=True, slots=True)
class AgendaImportResult:
    items: tuple[ItemData, ...]  # the items written, in agenda order
    replaced: int  # how many empty items (e.g. the standing agenda) they took the place of


def _checked(number: int, item: ImportedItem) -> None:
    """The store's limits, item by item (so a bad item half way stops the whole import)."""
    where = f"Item {number} of the agenda"
    if not item.title.strip():
        raise ValidationError(f"{where} has no title.")
    if len(item.title) > MAX_TITLE_CHARS:
        raise ValidationError(
            f"{where} has a title of {len(item.title)} characters, more than the "
            f"{MAX_TITLE_CHARS} a title may have (\u201c{item.title[:40]}\u2026\u201d): shorten it "
            "in the file and import again. Nothing was imported."
        )
    for what, value in (("presenter", item.presenter), ("public title", item.public_title),
                        ("legal basis", item.exempt_basis), *(("document", d)
                                                             for d in item.documents)):
        if len(value) > MAX_FIELD_CHARS:
            raise ValidationError(
                f"{where} has a {what} of {len(value)} characters, more than {MAX_FIELD_CHARS}: "
                "shorten it in the file and import again. Nothing was imported."
            )


class AgendaIOMixin(StoreBase):
    def import_agenda(
        self, meeting_id: int, items: Sequence[ImportedItem]
    ) -> AgendaImportResult:
        """Write ``items`` as the meeting's agenda, all in one transaction.

        While nothing has been minuted against the meeting's items (no entries, actions,
        declarations, times: typically the standing agenda a new meeting starts with), the
        imported agenda takes their place; otherwise it is added after them. Any item the store
        refuses (an empty or too-long title ...) rolls the whole import back."""
        if not items:
            raise ValidationError("The agenda has no items: nothing was imported.")
        with self._session() as s:
            self._editable_meeting(s, meeting_id)
            existing = list(s.exec(
                select(t.AgendaItem).where(col(t.AgendaItem.meeting_id) == meeting_id)
                .order_by(col(t.AgendaItem.position), col(t.AgendaItem.id))
            ).all())
            replaced = 0
            if existing and _all_empty(s, existing):
                for row in existing:
                    s.delete(row)
                s.flush()
                replaced, start = len(existing), 0
            else:
                start = len(existing)
            default_basis = meeting_style(s, meeting_id).default_exempt_basis
            rows: list[t.AgendaItem] = []
            for index, item in enumerate(items):
                _checked(index + 1, item)
                title = " ".join(item.title.split())
                row = t.AgendaItem(
                    meeting_id=meeting_id, position=start + index, title=title,
                    kind=guess_item_kind(title).value, exempt=item.exempt,
                    exempt_basis=(item.exempt_basis.strip() or default_basis)
                    if item.exempt else "",
                    public_title=item.public_title.strip(), presenter=item.presenter.strip(),
                    documents=dump_list([d.strip() for d in item.documents if d.strip()]),
                    level=1 if item.level and (rows or start) else 0,
                )
                s.add(row)
                s.flush()  # each row meets the database's own checks here, inside the one transaction
                rows.append(row)
            return AgendaImportResult(tuple(item_data(r) for r in rows), replaced)

    def load_action_log(self, panel_id: int) -> ActionLogData:
        """Every action of the panel, with owners, meeting dates and latest progress."""
        with self._session() as s:
            panel = panel_data(self._get(s, t.Panel, panel_id, "panel"))
            actions = [action_data(r) for r in s.exec(
                select(t.Action).where(col(t.Action.panel_id) == panel_id)
                .order_by(col(t.Action.ref_no), col(t.Action.id))
            ).all()]
            meeting_ids = {a.meeting_id for a in actions}
            dates = {
                int(m.id or 0): m.held_on for m in s.exec(
                    select(t.Meeting).where(col(t.Meeting.id).in_(meeting_ids))
                ).all()
            }
            item_ids = {a.item_id for a in actions if a.item_id is not None}
            exempt_items = {
                int(i) for i in s.exec(
                    select(t.AgendaItem.id).where(col(t.AgendaItem.id).in_(item_ids))
                    .where(col(t.AgendaItem.exempt))
                ).all() if i is not None
            }
            owner_ids = {a.owner_id for a in actions if a.owner_id is not None}
            people = {
                int(p.id or 0): person_data(p) for p in s.exec(
                    select(t.Person).where(col(t.Person.id).in_(owner_ids))
                ).all()
            }
            latest: dict[int, ActionUpdateData] = {}
            for row in s.exec(
                select(t.ActionUpdate).where(
                    col(t.ActionUpdate.action_id).in_([a.id for a in actions])
                ).order_by(col(t.ActionUpdate.created_at), col(t.ActionUpdate.id))
            ).all():
                latest[row.action_id] = action_update_data(row)  # the newest wins
        return ActionLogData(
            panel=panel, actions=tuple(actions), people=people,
            meeting_dates=dict(dates), latest_updates=latest,
            exempt_action_ids=frozenset(
                a.id for a in actions if a.item_id is not None and a.item_id in exempt_items
            ),
        )


def _all_empty(s: Session, rows: list[t.AgendaItem]) -> bool:
    """Whether nothing hangs off these items yet: no entries, actions or declarations (live or
    deleted), and no item taken or timed."""
    if any(r.started_at or r.finished_at or r.taken_position is not None for r in rows):
        return False
    ids = [r.id for r in rows]
    for model in (t.Entry, t.Action, t.Declaration, t.DeletedEntry, t.DeletedAction):
        column = col(model.item_id)
        count = s.exec(select(func.count()).select_from(model).where(column.in_(ids))).one()
        if int(count):
            return False
    return True
