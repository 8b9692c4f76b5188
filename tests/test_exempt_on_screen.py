"""Confidential (Part 2) text on screen (issue 13, point 10), driven by keys.

A laptop in a meeting room is often on the projector: duplicating an agenda asks before copying
the exempt items (with their confidential titles and documents), an approved meeting opens on
its first item, not on the Part 2 item taken last, and ^S on the live screen hides Part 2 text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input

from panel_minutes.models.store import Store
from panel_minutes.screens.confirm import ConfirmScreen
from panel_minutes.screens.live import LiveScreen
from panel_minutes.screens.prompt import PromptScreen
from tests.test_live_support import write_meeting, write_panel
from tests.test_screen_meetings import app_for, settle, shown_rows

SECRET = "Appointment of the Deputy Commissioner"  # the exempt item of write_meeting


def meeting_with_part_2(db_path: Path) -> tuple[Store, int]:
    """A meeting whose last item is exempt, with a confidential document title."""
    store = Store(str(db_path))
    meeting_id = write_meeting(store, write_panel(store))
    exempt = [i for i in store.list_items(meeting_id) if i.exempt]
    assert len(exempt) == 1 and exempt[0].title.startswith(SECRET)
    store.update_item(exempt[0].id, documents=["Referee's letter (confidential)"])
    return store, meeting_id


async def duplicate_to(pilot: object, app: object, day: str, *answer: str) -> None:
    """``d``, the answer to the Part 2 question (if any), then the new meeting's date."""
    await pilot.press("d", *answer)  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    prompt = app.screen  # type: ignore[attr-defined]
    assert isinstance(prompt, PromptScreen), prompt
    prompt.query_one(Input).value = day
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_duplicate_asks_before_copying_part_2_items(db_path: Path) -> None:
    store, meeting_id = meeting_with_part_2(db_path)
    source = store.list_items(meeting_id)
    exempt = [i for i in source if i.exempt]
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        # The question names the item by its public title only: it may be on a projector.
        assert exempt[0].shown_public_title in dialog.question
        assert SECRET not in dialog.question
        await pilot.press("escape")  # Esc: nothing is duplicated
        await settle(pilot)
        assert len(store.list_meetings()) == 1

        await duplicate_to(pilot, app, "19/04/2027", "n")  # n: leave the Part 2 items out
        assert shown_rows(app)[0][0] == "Mon 19 Apr 2027"
        new = store.list_meetings()[0]
        copied = store.list_items(new.id)
        assert [i.title for i in copied] == [i.title for i in source if not i.exempt]
        assert not any(i.exempt for i in copied)

        await pilot.press("down")  # back to the demo meeting; y copies its Part 2 items too
        await duplicate_to(pilot, app, "17/05/2027", "y")
        newest = store.list_meetings()[0]
        assert newest.held_on == date(2027, 5, 17)
        copied = store.list_items(newest.id)
        assert [(i.title, i.exempt, i.documents) for i in copied] == [
            (i.title, i.exempt, i.documents) for i in source
        ]


async def test_an_approved_meeting_opens_on_its_first_item(db_path: Path) -> None:
    store, meeting_id = meeting_with_part_2(db_path)
    items = store.list_items(meeting_id)
    for n, item in enumerate(items):  # taken in order; the Part 2 item last
        store.mark_item_taken(item.id)
        store.update_item(item.id, started_at=f"10:{n:02d}", finished_at=f"10:{n + 1:02d}")
    assert items[-1].exempt
    store.approve_minutes(meeting_id, at_meeting_id=None)
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        live = app.screen
        assert isinstance(live, LiveScreen)
        await live.loaded.wait()
        await pilot.pause()
        assert live.current_id == items[0].id
        assert SECRET not in str(live.entry_list.border_title)


def test_the_opening_item_is_part_2_only_when_asked_running_or_holding_the_draft() -> None:
    from dataclasses import replace

    from panel_minutes.models.domain import ItemData
    from panel_minutes.models.store.screen_reads import first_current

    public = [ItemData(id=n, meeting_id=1, position=n, title=f"Item {n}", taken_position=n,
                       started_at="10:00", finished_at="10:05") for n in (1, 2)]
    part_2 = ItemData(id=3, meeting_id=1, position=3, title=SECRET, exempt=True,
                      taken_position=3, started_at="10:05", finished_at="10:09")
    items = [*public, part_2]
    assert first_current(items, None, None) == 1  # over, Part 2 last: the first item
    assert first_current(items, 3, None) == 3  # a search result asked for it
    assert first_current(items, None, 3) == 3  # the clerk's unfiled draft is there
    running = [*public, replace(part_2, finished_at="")]
    assert first_current(running, None, None) == 3  # the meeting is in Part 2 now
    assert first_current([public[0], replace(public[1], finished_at="")], None, None) == 2
    assert first_current(items, None, 3, approved=True) == 1
    assert first_current(items, 3, None, approved=True) == 3


async def test_ctrl_s_hides_part_2_text_on_the_live_screen(db_path: Path) -> None:
    from panel_minutes.models.domain import EntryKind
    from tests.test_live_support import FakeClock, open_live

    store, meeting_id = meeting_with_part_2(db_path)
    exempt = next(i for i in store.list_items(meeting_id) if i.exempt)
    store.add_entry(exempt.id, EntryKind.PARAGRAPH, "The referees were unanimous.")
    store.close()
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        live = await open_live(app, pilot, meeting_id, FakeClock())
        await pilot.press("ctrl+g", "5", "enter")  # take the Part 2 item (item 5)
        await pilot.pause()
        await live.all_loaded.wait()
        await pilot.pause()
        assert live.current_id == exempt.id
        screen_text = app.export_screenshot()
        assert "unanimous" in screen_text and "candidate" in screen_text

        await pilot.press("ctrl+s")
        await pilot.pause()
        screen_text = app.export_screenshot()
        assert "unanimous" not in screen_text and "candidate" not in screen_text
        assert "Staffing" in screen_text  # the public title stands in for it
        assert "Part 2 hidden" in str(live.entry_list.border_subtitle)
        assert str(live.query_one("#live-title").render()).startswith("Part 2 hidden (^S) · ")
        labels = [c.title for c in app.get_system_commands(live)]  # the palette's entries
        assert "Show Part 2 (^S)" in labels and "Hide Part 2 (^S)" not in labels

        await pilot.press("ctrl+o")  # the next meeting opened keeps it hidden
        await settle(pilot)
        live = await open_live(app, pilot, meeting_id, FakeClock())
        assert "candidate" not in app.export_screenshot()
        await pilot.press("ctrl+s")  # shown again
        await pilot.pause()
        assert "candidate" in app.export_screenshot()
        assert "Hide Part 2 (^S)" in [c.title for c in app.get_system_commands(live)]
