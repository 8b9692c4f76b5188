"""The record is right, and approved minutes never change (issue 11, points 1, 2, 3, 11, 12).

- a meeting's own action table shows each action as it stood AT that meeting (as raised, or the
  progress reported at it), never later progress;
- amendments agreed when minutes are approved are shown with the minutes they amend;
- a closure is dated no earlier than the meeting that raised the action, and every completion and
  progress report made at a meeting is minuted in that meeting's action-log item;
- running minute numbers after an import number on from the imported meeting;
- the agenda kind guess takes the most specific match;
- the demo's approved meeting exports byte for byte the same after later work on other meetings.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from panel_minutes.models.bundle import export_bundle
from panel_minutes.models.domain import ActionStatus, EntryKind, ItemKind, Numbering
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.export import render_markdown
from panel_minutes.models.store import Store
from panel_minutes.models.store.bundle_io import import_bundle


def both(store: Store, meeting_id: int) -> tuple[str, str]:
    doc = store.load_document(meeting_id)
    return render_markdown(doc), render_markdown(doc, full=True)


def september(store: Store, november: int) -> int:
    earlier = store.previous_meeting(november)
    assert earlier is not None and store.get_meeting(earlier.id).is_approved
    return earlier.id


def by_ref(store: Store, panel_id: int) -> dict[str, int]:
    return {a.ref: a.id for a in store.list_actions(panel_id)}


def action_row(md: str, ref: str) -> str:
    [row] = [line for line in md.splitlines() if line.startswith(f"| {ref} |")]
    return row


# --- point 1: a meeting's own actions as they stood at it ---------------------------------------


def test_approved_minutes_show_their_actions_as_raised(demo: tuple[Store, int]) -> None:
    store, november = demo
    sept = september(store, november)
    md = render_markdown(store.load_document(sept))
    # A2 was done on 9 October, after September: September's own table says what it was then.
    assert action_row(md, "A2").endswith("| 15 October 2026 | Open |")
    assert action_row(md, "A1").endswith("| 31 October 2026 | Open |")
    # progress reported at the meeting that raised an action is its status there
    doc = store.load_document(november)
    [a5] = [a for a in doc.actions if a.ref == "A5"]
    store.set_action_status(a5.id, ActionStatus.DONE, note="Letter sent.", meeting_id=november)
    full = render_markdown(store.load_document(november), full=True)  # A5 is of an exempt item
    assert action_row(full, "A5").endswith("| Done |")


def test_demo_approved_meeting_exports_the_same_after_later_work(
    demo: tuple[Store, int],
) -> None:
    store, november = demo
    panel_id = store.get_meeting(november).panel_id
    sept = september(store, november)
    sept_before = both(store, sept)

    # November goes on: progress and a closure minuted there, an entry edited, then approved
    refs = by_ref(store, panel_id)
    store.add_action_update(refs["A1"], november, "The breakdown is with the printers.")
    store.set_action_status(refs["A5"], ActionStatus.DONE, note="Letter sent.",
                            meeting_id=november)
    item = store.list_items(november)[4]
    first_entry = store.list_entries(item.id)[0]
    store.update_entry(first_entry.id, text=first_entry.text + " She took questions.")
    january = store.create_meeting(panel_id, date(2027, 1, 19)).id
    store.approve_minutes(november, at_meeting_id=january,
                          amendments="Minute 5.2: nine officers, not eight.")
    assert sept_before == both(store, sept)
    november_before = both(store, november)

    # later work on other meetings: progress, closures (one dated before November, first
    # reported in March), drops, edits and a new agenda item
    store.add_action_update(refs["A4"], january, "Added to the March programme.")
    store.set_action_status(refs["A3"], ActionStatus.DONE, note="Figures circulated.",
                            meeting_id=january)
    march = store.create_meeting(panel_id, date(2027, 3, 16)).id
    store.approve_minutes(january, at_meeting_id=march)
    january_before = both(store, january)
    store.set_action_status(refs["A1"], ActionStatus.DONE, note="Sent in October after all.",
                            on=date(2026, 10, 20), meeting_id=march)
    store.set_action_status(refs["A4"], ActionStatus.DROPPED, note="Estate report cancelled.",
                            on=date(2027, 1, 10), meeting_id=march)
    store.add_item(march, "Police estate strategy")
    store.add_entry(store.list_items(march)[0].id, EntryKind.PARAGRAPH, "There were none.")
    may = store.create_meeting(panel_id, date(2027, 5, 11)).id
    store.add_action(may, "Review the estate strategy", owner_text="Democratic Services")

    assert both(store, sept) == sept_before
    assert both(store, november) == november_before
    assert both(store, january) == january_before
    # ... while the meetings that did the work minute it
    march_md = render_markdown(store.load_document(march))
    assert "| A1 |" in march_md and "Sent in October after all." in march_md
    assert "Estate report cancelled." in march_md


# --- point 2: amendments agreed at approval ------------------------------------------------------


def test_amendments_agreed_at_approval_are_shown_with_the_amended_minutes(store: Store) -> None:
    panel = store.create_panel("Northmoor Police and Crime Panel")
    first = store.create_meeting(panel.id, date(2027, 1, 12))
    second = store.create_meeting(panel.id, date(2027, 3, 9))
    store.approve_minutes(first.id, at_meeting_id=second.id,
                          amendments="Minute 4: the vote was 6 for and 1 against.")
    md = render_markdown(store.load_document(first.id))
    assert ("## Amendments\n\n- **Amended at the meeting held on 9 March 2027:** Minute 4: the "
            "vote was 6 for and 1 against.\n") in md
    [amendment] = store.list_amendments(first.id)
    assert amendment.recorded_at_meeting_id == second.id
    # approved outside a meeting: the amendments are not lost either
    third = store.create_meeting(panel.id, date(2027, 5, 11))
    store.approve_minutes(second.id, at_meeting_id=None, amendments="Item 3 retitled.")
    assert [a.text for a in store.list_amendments(second.id)] == ["Item 3 retitled."]
    # none agreed: nothing recorded
    fourth = store.create_meeting(panel.id, date(2027, 7, 6))
    store.approve_minutes(third.id, at_meeting_id=fourth.id)
    assert store.list_amendments(third.id) == []


# --- point 3: closing an action at a later meeting -----------------------------------------------


def test_a_closure_cannot_be_dated_before_the_action_was_raised(
    demo: tuple[Store, int],
) -> None:
    store, november = demo
    refs = by_ref(store, store.get_meeting(november).panel_id)
    january = store.create_meeting(store.get_meeting(november).panel_id, date(2027, 1, 19))
    with pytest.raises(ValidationError) as refused:
        store.set_action_status(refs["A3"], ActionStatus.DONE, note="Done.",
                                on=date(2026, 11, 1), meeting_id=january.id)
    message = str(refused.value)
    assert "\n" not in message
    assert message == ("A3 was raised at the meeting held on 17 November 2026: give a closing "
                       "date on or after 17 November 2026.")
    # nothing half-written: still open, no update minuted
    assert store.get_action(refs["A3"]).status is ActionStatus.OPEN
    assert store.list_action_updates(refs["A3"]) == []
    with pytest.raises(ValidationError):
        store.update_action(refs["A3"], status=ActionStatus.DONE, closed_on=date(2026, 1, 1))
    # closed at the meeting with no date: the meeting's date
    closed = store.set_action_status(refs["A3"], ActionStatus.DONE, meeting_id=january.id)
    assert closed.closed_on == date(2027, 1, 19)


def test_every_report_at_a_meeting_is_minuted_in_its_action_log(
    demo: tuple[Store, int],
) -> None:
    store, november = demo
    panel_id = store.get_meeting(november).panel_id
    refs = by_ref(store, panel_id)
    january = store.create_meeting(panel_id, date(2027, 1, 19)).id
    march = store.create_meeting(panel_id, date(2027, 3, 16)).id
    # at March, A3 is reported done on a date before January's meeting: it was still open as far
    # as January knew, and March minutes the completion
    store.add_action_update(refs["A3"], march, "The figures are ready.")
    store.set_action_status(refs["A3"], ActionStatus.DONE, note="Circulated by email.",
                            on=date(2026, 12, 10), meeting_id=march)
    march_md = render_markdown(store.load_document(march))
    assert action_row(march_md, "A3").endswith(
        "| Done | The figures are ready. Circulated by email. |"
    )
    assert "| Open |  |" in action_row(render_markdown(store.load_document(january)), "A3")
    # a progress report from a meeting held before the action was raised is refused
    with pytest.raises(ValidationError):
        store.add_action_update(
            refs["A3"], store.create_meeting(panel_id, date(2026, 10, 6)).id, "Too early."
        )


# --- point 11: running numbers after an import ---------------------------------------------------


def running_meeting(store: Store, panel_name: str, day: date, titles: list[str]) -> int:
    panels = {p.name: p.id for p in store.list_panels()}
    panel_id = panels.get(panel_name)
    if panel_id is None:
        panel_id = store.create_panel(panel_name, numbering=Numbering.RUNNING).id
    meeting = store.create_meeting(panel_id, day, standing_agenda=False)
    store.add_items(meeting.id, titles)
    return meeting.id


def h3(md: str) -> list[str]:
    return [line[4:] for line in md.splitlines() if line.startswith("### ")]


def test_running_numbers_follow_an_imported_meeting(store: Store, tmp_path: Path) -> None:
    source = Store(str(tmp_path / "source.db"))
    try:
        name = "Northvale Police and Crime Panel"
        running_meeting(source, name, date(2017, 2, 7), [f"Item {n}" for n in range(1, 70)])
        june = running_meeting(source, name, date(2017, 6, 13),
                               [f"June item {n}" for n in range(1, 20)])
        published = h3(render_markdown(source.load_document(june)))
        assert (published[0], published[-1]) == ("70/17 June item 1", "88/17 June item 19")
        bundle = export_bundle(source, june)
    finally:
        source.close()

    new_id = import_bundle(store, bundle)
    assert h3(render_markdown(store.load_document(new_id))) == published
    panel_id = store.get_meeting(new_id).panel_id
    september_id = store.create_meeting(panel_id, date(2017, 9, 12), standing_agenda=False).id
    store.add_items(september_id, ["Apologies", "Budget"])
    assert h3(render_markdown(store.load_document(september_id))) == [
        "89/17 Apologies", "90/17 Budget",
    ]
    # the next year starts again at 1
    next_year = store.create_meeting(panel_id, date(2018, 1, 16), standing_agenda=False).id
    store.add_items(next_year, ["Apologies"])
    assert h3(render_markdown(store.load_document(next_year))) == ["1/18 Apologies"]


def test_an_import_into_an_empty_year_keeps_the_panels_first_number(
    store: Store, tmp_path: Path
) -> None:
    source = Store(str(tmp_path / "source.db"))
    try:
        name = "Southvale Police and Crime Panel"
        panel_id = source.create_panel(name, numbering=Numbering.RUNNING).id
        source.set_first_minute_number(panel_id, 2017, 70)
        june = source.create_meeting(panel_id, date(2017, 6, 13), standing_agenda=False).id
        source.add_items(june, [f"June item {n}" for n in range(1, 20)])
        published = h3(render_markdown(source.load_document(june)))
        assert (published[0], published[-1]) == ("70/17 June item 1", "88/17 June item 19")
        bundle = export_bundle(source, june)
    finally:
        source.close()

    new_id = import_bundle(store, bundle)
    panel_id = store.get_meeting(new_id).panel_id
    assert store.first_minute_number(panel_id, 2017) == 70
    assert h3(render_markdown(store.load_document(new_id))) == published
    assert all(not i.number_label for i in store.list_items(new_id))  # numbered, not labelled
    later = store.create_meeting(panel_id, date(2017, 9, 12), standing_agenda=False).id
    store.add_items(later, ["Apologies"])
    assert h3(render_markdown(store.load_document(later))) == ["89/17 Apologies"]


def test_first_minute_number_of_a_year_is_kept_and_guarded(store: Store) -> None:
    panel_id = store.create_panel("Westvale Police and Crime Panel",
                                  numbering=Numbering.RUNNING).id
    assert store.first_minute_number(panel_id, 2027) == 1
    with pytest.raises(ValidationError, match="whole number from 1"):
        store.set_first_minute_number(panel_id, 2027, 0)
    store.set_first_minute_number(panel_id, 2027, 41)
    first = store.create_meeting(panel_id, date(2027, 2, 2), standing_agenda=False).id
    store.add_items(first, ["Apologies", "Budget"])
    assert h3(render_markdown(store.load_document(first))) == ["41/27 Apologies", "42/27 Budget"]
    second = store.create_meeting(panel_id, date(2027, 4, 6), standing_agenda=False).id
    store.approve_minutes(first, at_meeting_id=second)
    with pytest.raises(ValidationError) as refused:
        store.set_first_minute_number(panel_id, 2027, 1)
    assert "approved" in str(refused.value) and "\n" not in str(refused.value)
    assert store.first_minute_number(panel_id, 2027) == 41


# --- point 12: the agenda kind guess -------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Matters arising from the minutes of the last meeting", ItemKind.ACTION_LOG),
        ("Matters Arising From The Minutes", ItemKind.ACTION_LOG),
        ("Minutes of the previous meeting and matters arising", ItemKind.PREVIOUS_MINUTES),
        ("Minutes of the meeting held on 15 September 2026", ItemKind.PREVIOUS_MINUTES),
        ("Action log and matters arising", ItemKind.ACTION_LOG),
        ("Apologies and substitutes", ItemKind.APOLOGIES),
        ("Declarations of interest", ItemKind.DECLARATIONS),
        ("Forward work programme", ItemKind.WORK_PROGRAMME),
        ("Budget monitoring", ItemKind.STANDARD),
    ],
)
def test_agenda_kind_guess_takes_the_most_specific_match(
    store: Store, title: str, kind: ItemKind
) -> None:
    panel = store.create_panel("Guessing Police and Crime Panel")
    meeting = store.create_meeting(panel.id, date(2027, 1, 12), standing_agenda=False)
    [item] = store.add_items(meeting.id, [title])
    assert item.kind is kind


def test_progress_minuted_at_the_raising_meeting_travels_in_a_bundle(
    demo: tuple[Store, int], tmp_path: Path
) -> None:
    store, november = demo
    [a5] = [a for a in store.load_document(november).actions if a.ref == "A5"]
    store.set_action_status(a5.id, ActionStatus.DONE, note="Letter sent.", meeting_id=november)
    bundle = export_bundle(store, november)
    [own] = [a for a in bundle["actions"] if a["ref_no"] == a5.ref_no]
    assert [u["note"] for u in own["updates"]] == ["Letter sent."]
    assert all("updates" not in a for a in bundle["actions"] if a is not own)  # as before
    target = Store(str(tmp_path / "target.db"))
    try:
        new_id = import_bundle(target, bundle)
        assert both(target, new_id) == both(store, november)
    finally:
        target.close()
