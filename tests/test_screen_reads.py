"""The store reads each screen makes in one call (``panel_minutes.models.store.screen_reads``).

Every screen that shows several kinds of record reads them with one ``Store.read_*`` call and
gets one frozen dataclass (``panel_minutes.models.screen_data``). The action log reads everything it shows in a
fixed number of SQL statements, however many actions the panel has: it once asked for each
carried action's progress separately, and read every action of the panel only to count them.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event

from panel_minutes.models.domain import ActionStatus, EntryKind
from panel_minutes.models.screen_data import (
    CARRIED,
    ActionLogFilters,
    Opening,
    PanelSettingsData,
    SetupData,
)
from panel_minutes.models.store import Store

FIRST, SECOND = date(2027, 1, 12), date(2027, 3, 9)


@contextmanager
def counted(store: Store) -> Iterator[list[str]]:
    """Every SQL statement the store's engine runs inside the block."""
    statements: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        event.remove(store.engine, "before_cursor_execute", note)


def panel_with_actions(store: Store, how_many: int) -> tuple[int, int]:
    """(panel id, second meeting id): ``how_many`` actions raised at the first meeting, each with
    progress reported at the second; one more closed at the second."""
    panel = store.create_panel("Northmoor Police and Crime Panel", short_name="northmoor-pcp")
    first = store.create_meeting(panel.id, FIRST).id
    second = store.create_meeting(panel.id, SECOND).id
    for n in range(how_many):
        action = store.add_action(first, f"Report back on matter {n + 1}", owner_text="Clerk",
                                  due_date=date(2027, 2, 1))
        store.add_action_update(action.id, second, f"Progress on matter {n + 1}")
    closed = store.add_action(first, "Write to the Chief Constable", owner_text="Chair")
    store.set_action_status(closed.id, ActionStatus.DONE, note="Letter sent", meeting_id=second)
    return panel.id, second


def log_reads(tmp_path: Path, how_many: int, filters: ActionLogFilters) -> int:
    """How many statements the action log opened from the second meeting runs."""
    store = Store(str(tmp_path / f"log-{how_many}.db"))
    try:
        panel_id, second = panel_with_actions(store, how_many)
        with counted(store) as statements:
            data = store.read_action_log(panel_id, filters, second, SECOND)
    finally:
        store.close()
    assert data.total == how_many + 1
    assert len(data.carried_ids) == how_many + 1
    # Every carried action's progress at the second meeting, the closure included.
    assert len(data.updates_here) == how_many + 1
    assert all(len(updates) == 1 for updates in data.updates_here.values())
    assert [u.note for u in data.updates_here[max(data.carried_ids)]] == ["Letter sent"]
    return len(statements)


@pytest.mark.parametrize("filters", [
    ActionLogFilters(status="all", meeting=CARRIED),
    ActionLogFilters(status="open", owner="clerk", overdue=True),
], ids=["carried", "filtered"])
def test_the_action_log_reads_in_a_fixed_number_of_statements(
    tmp_path: Path, filters: ActionLogFilters
) -> None:
    few = log_reads(tmp_path, 2, filters)
    many = log_reads(tmp_path, 40, filters)
    assert many == few, f"{few} statements for 3 actions, {many} for 41"
    assert many <= 12


def test_the_action_log_filters_as_the_screen_asks(store: Store) -> None:
    panel_id, second = panel_with_actions(store, 3)
    carried = store.read_action_log(panel_id, ActionLogFilters(meeting=CARRIED), second, SECOND)
    assert [a.text for a in carried.actions] == [f"Report back on matter {n}" for n in (1, 2, 3)]
    overdue = store.read_action_log(panel_id, ActionLogFilters(overdue=True, owner="chair"),
                                    None, SECOND)
    assert overdue.actions == [] and overdue.context is None and overdue.updates_here == {}
    done = store.read_action_log(panel_id, ActionLogFilters(status="done"), None, SECOND)
    assert [a.text for a in done.actions] == ["Write to the Chief Constable"]
    assert done.total == 4


def test_setup_and_panel_settings_read_as_one_record_each(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    setup = store.read_setup(meeting_id)
    assert isinstance(setup, SetupData)
    assert setup.meeting.id == meeting_id and setup.panel.id == setup.meeting.panel_id
    assert setup.attendance == store.list_attendance(meeting_id)
    assert setup.items == store.list_items(meeting_id)
    settings = store.read_panel_settings(setup.panel.id)
    assert isinstance(settings, PanelSettingsData)
    assert settings.members == store.list_members(setup.panel.id)
    assert meeting_id in {m.id for m in settings.meetings}
    with pytest.raises(dataclasses.FrozenInstanceError):
        setup.meeting = setup.meeting  # type: ignore[misc]


def test_a_meeting_opens_at_the_item_of_its_unfiled_draft(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    items = store.list_items(meeting_id)
    third = items[2]
    store.save_draft(meeting_id, "Half a sentence", item_id=third.id, kind=EntryKind.PARAGRAPH)
    opening = store.read_opening(meeting_id)
    assert isinstance(opening, Opening)
    assert opening.current == third.id
    assert opening.draft is not None and opening.draft.text == "Half a sentence"
    assert opening.entries == store.list_entries(third.id)
    assert not opening.doc.entries  # the other items' entries are read after the first paint
    # A search result asks for another item: that one wins over the draft.
    assert store.read_opening(meeting_id, wanted=items[0].id).current == items[0].id


def test_the_rules_moved_out_of_the_widgets_load_no_textual() -> None:
    """Composer state, undo operations, the clock and the screen reads are plain models."""
    code = (
        "import panel_minutes.models.clock, panel_minutes.models.composer_state, panel_minutes.models.undo, panel_minutes.models.screen_data\n"
        "import panel_minutes.models.store.screen_reads\n"
        "import json, sys\nprint(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=True)
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert not {m for m in loaded if m == "textual" or m.startswith(("textual.", "tui."))}
