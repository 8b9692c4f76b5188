"""A restored edit whose entry changed since is not saved over it without asking (issue 10.2).

The draft records the entry's version the edit began from; after a restart (or with a second
window) Enter on such an edit shows the entry as it now reads and asks. "Not now" keeps the edit
in the composer and the entry as it is; "Save mine" saves it, and both versions stay in the
entry's history.
"""

from __future__ import annotations

from pathlib import Path

from panel_minutes.models.composer_state import state_from_entry, state_to_draft
from panel_minutes.models.domain import EntryKind
from panel_minutes.models.store import Store
from panel_minutes.screens.confirm import ConfirmScreen
from panel_minutes.tui.app import make_app
from tests.support import wait_for
from tests.test_live_support import FakeClock, open_live, settle, write_meeting, write_panel

OLD = "The Panel noted the repot."
MINE = "The Panel noted the report. (edit restored after a restart)"
THEIRS = "The Panel noted the report and thanked the officers."


async def test_a_restored_edit_of_an_entry_changed_since_asks_first(db_path: Path) -> None:
    setup = Store(str(db_path))
    meeting_id = write_meeting(setup, write_panel(setup))
    item_id = setup.list_items(meeting_id)[0].id
    entry = setup.add_entry(item_id, EntryKind.PARAGRAPH, OLD)
    # The composer was editing the entry when the app stopped ...
    editing = state_from_entry(entry, [])
    kind, text, fields = state_to_draft(editing.__class__(editing.mode, MINE, {}, editing.editing))
    setup.save_draft(meeting_id, text, item_id=item_id, kind=kind, fields=fields)
    # ... and the entry was corrected since (another window saved it).
    setup.update_entry(entry.id, text=THEIRS)
    setup.close()
    app = make_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, meeting_id, FakeClock())
        store = app.store
        assert screen.composer.state().text == MINE
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert store.get_entry(entry.id).text == THEIRS  # nothing overwritten
        await pilot.press("n")
        await settle(pilot, screen)
        assert store.get_entry(entry.id).text == THEIRS
        state = screen.composer.state()
        assert state.text == MINE and state.editing is not None  # the edit is kept
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")  # save mine over it, knowingly
        await wait_for(pilot, lambda: store.get_entry(entry.id).text == MINE, "mine saved")
        await settle(pilot, screen)
        assert store.get_entry(entry.id).text == MINE
        assert [r.new_text for r in store.list_revisions(entry.id)] == [THEIRS, MINE]
        assert screen.composer.state().editing is None
