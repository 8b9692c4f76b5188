"""House style, the layout of the minutes (issue 14): the heading and kind of meeting, item
headings and sub-items, numbering, entry lists and tables, names, times, the app's sentences,
the closing and the signature. Each option: a small meeting made through the Store, rendered."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from panel_minutes.models.bundle import export_bundle
from panel_minutes.models.domain import (
    AttendanceStatus,
    EntryKind,
    MeetingKind,
    Numbering,
    PersonData,
)
from panel_minutes.models.errors import BundleError, ValidationError
from panel_minutes.models.export import render_markdown
from panel_minutes.models.export.names import name_as, running_name, shown_title
from panel_minutes.models.house_style import (
    DEFAULT,
    HouseStyle,
    ItemHeading,
    NameStyle,
    ParagraphNumbers,
    TimeStyle,
    preset,
)
from panel_minutes.models.movements import recognise
from panel_minutes.models.store import Store
from panel_minutes.models.store.bundle_io import import_bundle

PARISH = preset("parish").style
PCP = preset("pcp").style


def panel(store: Store, style: HouseStyle = DEFAULT, *, running: bool = False) -> int:
    return store.create_panel(
        "Fenwick Marsh Parish Council",
        numbering=Numbering.RUNNING if running else Numbering.PER_ITEM,
        style=style,
    ).id


def meeting(store: Store, panel_id: int, held_on: date = date(2026, 6, 3), **kw: object) -> int:
    return store.create_meeting(
        panel_id, held_on, standing_agenda=False, prefill_attendance=False, **kw  # type: ignore[arg-type]
    ).id


def md(store: Store, meeting_id: int) -> str:
    return render_markdown(store.load_document(meeting_id))


def blocks(text: str) -> list[str]:
    return text.split("\n\n")


# --- the heading ---------------------------------------------------------------------------------


def test_heading_names_the_kind_of_meeting_in_the_house_wording(store: Store) -> None:
    mid = meeting(store, panel(store, PARISH), start_time="19:00", venue="the Village Hall",
                  kind=MeetingKind.ORDINARY)
    assert "## Minutes of the Ordinary Meeting of the Parish Council held on Wednesday 3 June " \
        "2026 at 7.00 pm in the Village Hall\n" in md(store, mid)
    assert store.get_meeting(mid).kind is MeetingKind.ORDINARY


def test_heading_drops_an_empty_kind_and_venue_with_their_words(store: Store) -> None:
    mid = meeting(store, panel(store, PARISH), start_time="19:00", venue="")
    assert "## Minutes of the Meeting of the Parish Council held on Wednesday 3 June 2026 at " \
        "7.00 pm\n" in md(store, mid)


def test_heading_template_with_panel_placeholder(store: Store) -> None:
    mid = meeting(store, panel(store, PCP), start_time="10:30", venue="County Hall",
                  kind="extraordinary")
    assert "## Minutes of the Extraordinary Meeting of the Fenwick Marsh Parish Council held on " \
        "Wednesday 3 June 2026 at 10.30 am in County Hall\n" in md(store, mid)


def test_kind_of_meeting_is_checked_and_can_be_changed(store: Store) -> None:
    mid = meeting(store, panel(store))
    with pytest.raises(ValidationError, match="Ordinary, Extraordinary, Annual"):
        store.update_meeting(mid, kind="Emergency")  # type: ignore[arg-type]
    assert store.update_meeting(mid, kind=MeetingKind.ANNUAL).kind is MeetingKind.ANNUAL
    assert store.get_meeting(mid).kind is MeetingKind.ANNUAL


def test_status_line_can_be_turned_off(store: Store) -> None:
    with_status = meeting(store, panel(store))
    assert "**Status:** Draft" in md(store, with_status)
    other = store.create_panel("Quiet Panel", style=replace(DEFAULT, status_line=False)).id
    assert "**Status:**" not in md(store, meeting(store, other))


# --- items and sub-items -------------------------------------------------------------------------


def test_run_in_heading_joins_the_first_paragraph(store: Store) -> None:
    pid = panel(store, PARISH, running=True)
    mid = meeting(store, pid)
    first = store.add_item(mid, "Public participation")
    store.add_entry(first.id, EntryKind.PARAGRAPH, "A resident raised concerns.")
    store.add_entry(first.id, EntryKind.PARAGRAPH, "The Chair thanked the resident.")
    store.add_item(mid, "Any other business?")
    text = md(store, mid)
    assert "**1/26 Public participation.** A resident raised concerns.\n\n" \
        "The Chair thanked the resident.\n" in text
    assert "**2/26 Any other business?**\n" in text  # no entries: stands alone, no extra stop


def test_run_in_heading_with_per_item_numbers(store: Store) -> None:
    style = replace(DEFAULT, item_heading=ItemHeading.RUN_IN, paragraph_numbers=ParagraphNumbers.NONE)
    mid = meeting(store, panel(store, style))
    item = store.add_item(mid, "Finance")
    store.add_entry(item.id, EntryKind.RESOLUTION, "that the payments be approved.")
    assert "**1. Finance.** **RESOLVED** that the payments be approved." in md(store, mid)


def test_sub_items_are_numbered_from_their_item(store: Store) -> None:
    mid = meeting(store, panel(store, PCP))
    store.add_item(mid, "Precept")
    store.add_item(mid, "Fire and rescue collaboration")
    store.add_item(mid, "Joint estates review", level=1)
    store.add_item(mid, "Shared control room", level=1)
    store.add_item(mid, "Exclusion of the press and public")
    text = md(store, mid)
    assert "### 2. Fire and rescue collaboration\n\n#### 2a. Joint estates review\n\n" \
        "#### 2b. Shared control room\n\n### 3. Exclusion" in text


def test_sub_items_with_decimal_paragraphs(store: Store) -> None:
    style = replace(DEFAULT, paragraph_numbers=ParagraphNumbers.DECIMAL)
    mid = meeting(store, panel(store, style))
    store.add_item(mid, "Budget")
    sub = store.add_item(mid, "Capital programme", level=1)
    store.add_entry(sub.id, EntryKind.PARAGRAPH, "The programme was noted.")
    text = md(store, mid)
    assert "#### 1.1. Capital programme\n\n1.1.1 The programme was noted." in text


def test_running_sub_items_take_no_reference(store: Store) -> None:
    pid = panel(store, PARISH, running=True)
    first = meeting(store, pid, date(2026, 6, 3))
    store.add_item(first, "Planning")
    store.add_item(first, "Application 1", level=1)
    store.add_item(first, "Application 2", level=1)
    store.add_item(first, "Application 3", level=1)
    store.add_item(first, "Finance")
    later = meeting(store, pid, date(2026, 7, 1))
    store.add_item(later, "Highways")
    assert "**1/26 Planning.**\n\n**1/26a Application 1.**\n\n**1/26b Application 2.**\n\n" \
        "**1/26c Application 3.**\n\n**2/26 Finance.**" in md(store, first)
    assert "**3/26 Highways.**" in md(store, later)


def test_an_item_label_wins_over_its_number(store: Store) -> None:
    mid = meeting(store, panel(store))
    item = store.add_item(mid, "Report")
    sub = store.add_item(mid, "Annex", level=1)
    store.update_item(item.id, number_label="5")
    store.update_item(sub.id, number_label="5(i)")
    assert "### 5. Report\n\n#### 5(i). Annex" in md(store, mid)


# --- numbering -----------------------------------------------------------------------------------


def test_municipal_year_shares_its_count_and_suffix(store: Store) -> None:
    pid = panel(store, PARISH, running=True)  # the parish year starts in May
    june = meeting(store, pid, date(2026, 6, 3))
    store.add_items(june, ["Apologies", "Planning"])
    april = meeting(store, pid, date(2027, 4, 7))
    store.add_item(april, "Highways")
    may = meeting(store, pid, date(2027, 5, 12))
    store.add_item(may, "Election of Chair")
    assert "**3/26 Highways.**" in md(store, april)
    assert "**1/27 Election of Chair.**" in md(store, may)


def test_first_number_is_kept_by_numbering_year(store: Store) -> None:
    pid = panel(store, PARISH, running=True)
    store.set_first_minute_number(pid, 2026, 108)
    april = meeting(store, pid, date(2027, 4, 7))  # still the 2026 municipal year
    store.add_item(april, "Apologies for absence")
    assert "**108/26 Apologies for absence.**" in md(store, april)
    assert store.first_minute_number(pid, 2026) == 108


def entries_in(store: Store, style: HouseStyle, *, running: bool = False) -> str:
    mid = meeting(store, panel(store, style, running=running))
    store.add_item(mid, "Apologies")
    item = store.add_item(mid, "Precept")
    store.add_entry(item.id, EntryKind.PARAGRAPH, "The Commissioner introduced her proposal.")
    store.add_entry(item.id, EntryKind.PARAGRAPH, "Members asked questions.")
    store.add_entry(item.id, EntryKind.RESOLUTION, "that the precept be supported.")
    return md(store, mid)


def test_paragraph_numbers_dot_is_an_ordered_list(store: Store) -> None:
    assert "1. The Commissioner introduced her proposal.\n2. Members asked questions.\n\n" \
        "**RESOLVED** that" in entries_in(store, DEFAULT)


def test_paragraph_numbers_in_brackets_are_paragraphs(store: Store) -> None:
    text = entries_in(store, replace(DEFAULT, paragraph_numbers=ParagraphNumbers.BRACKETS))
    assert "(1) The Commissioner introduced her proposal.\n\n(2) Members asked questions.\n\n" \
        "**RESOLVED** that" in text


def test_paragraph_numbers_decimal_carry_the_item_number(store: Store) -> None:
    text = entries_in(store, replace(DEFAULT, paragraph_numbers=ParagraphNumbers.DECIMAL))
    assert "2.1 The Commissioner introduced her proposal.\n\n2.2 Members asked questions.\n\n" \
        "**RESOLVED** that" in text


def test_paragraph_numbers_none(store: Store) -> None:
    text = entries_in(store, replace(DEFAULT, paragraph_numbers=ParagraphNumbers.NONE))
    assert "### 2. Precept\n\nThe Commissioner introduced her proposal.\n\n" \
        "Members asked questions.\n\n**RESOLVED** that" in text


# --- lists and tables typed in an entry ----------------------------------------------------------

TYPED = (
    "The Clerk reported the readings in May:\n- 412 vehicles over 40 mph;\n"
    "* the highest speed was 63 mph.\nPayments:\n| Payee | Amount |\n|---|---|\n"
    "| H Marr | £612.40 |\n| *Hall* <b> | # 24 |"
)


def test_typed_list_and_table_stay_a_list_and_a_table(store: Store) -> None:
    style = replace(DEFAULT, entry_lists=True, paragraph_numbers=ParagraphNumbers.NONE)
    mid = meeting(store, panel(store, style))
    item = store.add_item(mid, "Highways")
    store.add_entry(item.id, EntryKind.PARAGRAPH, TYPED)
    assert (
        "The Clerk reported the readings in May:\n\n- 412 vehicles over 40 mph;\n"
        "- the highest speed was 63 mph.\n\nPayments:\n\n| Payee | Amount |\n| --- | --- |\n"
        "| H Marr | £612.40 |\n| \\*Hall\\* \\<b> | \\# 24 |\n"
    ) in md(store, mid)


def test_typed_list_stays_text_under_the_default(store: Store) -> None:
    mid = meeting(store, panel(store))
    item = store.add_item(mid, "Highways")
    store.add_entry(item.id, EntryKind.PARAGRAPH, "Readings:\n- 412 vehicles")
    assert "1. Readings:\\\n   \\- 412 vehicles" in md(store, mid)


# --- names ---------------------------------------------------------------------------------------


def names_meeting(store: Store, style: HouseStyle) -> str:
    mid = meeting(store, panel(store, style))
    pike = store.create_person("Lara Pike", title="Cllr")
    baines = store.create_person("Tom Baines", title="District Cllr")
    store.set_attendance(mid, pike.id)
    store.set_attendance(mid, baines.id, AttendanceStatus.IN_ATTENDANCE)
    item = store.add_item(mid, "Report")
    for asker in (baines, pike, baines):
        store.add_entry(item.id, EntryKind.QUESTION, "about the plan.", asker_id=asker.id,
                        respondent_text="the Clerk", answer="it was on track.")
    return md(store, mid)


def test_names_councillor_title_and_surnames(store: Store) -> None:
    text = names_meeting(store, replace(PCP, paragraph_numbers=ParagraphNumbers.NONE,
                                        question_template=DEFAULT.question_template))
    assert "**Present:** Councillor Lara Pike" in text
    assert "District Councillor Tom Baines" in text
    assert "District Councillor Baines asked about the plan." in text
    assert "Councillor Pike asked about the plan." in text


def test_names_full_every_time(store: Store) -> None:
    text = names_meeting(store, replace(DEFAULT, names=NameStyle.FULL))
    assert text.count("District Cllr Tom Baines asked about the plan.") == 2
    assert "Cllr Lara Pike asked" in text


def test_names_full_at_first_mention_then_surname(store: Store) -> None:
    text = names_meeting(store, replace(DEFAULT, names=NameStyle.FIRST_FULL))
    assert "1. District Cllr Tom Baines asked" in text
    assert "2. Cllr Lara Pike asked" in text
    assert "3. District Cllr Baines asked" in text


def test_names_module_forms() -> None:
    baines = PersonData(1, "Tom Baines", title="District Cllr")
    pike = PersonData(2, "Lara Pike", title="Councillor")
    assert shown_title(baines, PCP) == "District Councillor"
    assert shown_title(baines, DEFAULT) == "District Cllr"  # the default prints titles as typed
    assert shown_title(pike, DEFAULT) == "Councillor"
    assert name_as(baines, PCP, NameStyle.FULL) == "District Councillor Tom Baines"
    assert name_as(baines, PCP, NameStyle.SURNAME) == "District Councillor Baines"
    assert running_name(PersonData(3, "Sam Ortiz"), PCP) == "Sam Ortiz"


def test_names_default_unchanged(store: Store) -> None:
    text = names_meeting(store, DEFAULT)
    assert "1. District Cllr Baines asked" in text and "2. Cllr Pike asked" in text


# --- times, sentences, closing, signature --------------------------------------------------------


def test_times_in_the_house_style(store: Store) -> None:
    mid = meeting(store, panel(store, PARISH), start_time="19:00")
    item = store.add_item(mid, "Report")
    store.add_entry(item.id, EntryKind.PROCEDURE, "District Cllr Tom Baines left the meeting",
                    at_time="19:40")
    store.update_meeting(mid, end_time="21:05")
    text = md(store, mid)
    assert "District Cllr Tom Baines left the meeting at 7.40 pm." in text
    assert "\n\nThe meeting closed at 9.05 pm.\n\n" in text
    assert "at 7.00 pm" in text.splitlines()[2]


def test_twenty_four_hour_times(store: Store) -> None:
    style = replace(PARISH, times=TimeStyle.TWENTY_FOUR)
    mid = meeting(store, panel(store, style), start_time="19:00")
    store.update_meeting(mid, end_time="21:05")
    text = md(store, mid)
    assert "at 19:00" in text and "The meeting closed at 21:05." in text


def test_app_sentences_can_each_be_turned_off(store: Store) -> None:
    def render(style: HouseStyle) -> str:
        mid = meeting(store, panel(store, style))
        store.add_item(mid, "Declarations of interest")
        store.add_item(mid, "Action log")
        return md(store, mid)

    on = render(DEFAULT)
    assert "None were declared." in on
    assert "There were no actions outstanding from earlier meetings." in on
    assert "No actions were raised at this meeting." in on
    off = render(replace(DEFAULT, say_none_declared=False, say_no_actions_outstanding=False,
                         say_no_actions_raised=False))
    assert "None were declared." not in off
    assert "There were no actions outstanding" not in off
    assert "No actions were raised" not in off


def test_closing_and_signature_templates(store: Store) -> None:
    mid = meeting(store, panel(store, PARISH))
    store.update_meeting(mid, end_time="21:05")
    text = md(store, mid)
    assert text.endswith(
        "The meeting closed at 9.05 pm.\n\n"
        "Signed ............................ (Chair)   Date ..................\n"
    )


# --- the kind of meeting in bundles ------------------------------------------------------------


def test_the_kind_of_meeting_travels_in_the_bundle_and_is_optional(
    store: Store, tmp_path: Path
) -> None:
    mid = meeting(store, panel(store, PARISH), kind=MeetingKind.EXTRAORDINARY)
    data = export_bundle(store, mid)
    assert data["meeting"]["kind"] == "Extraordinary"
    target = Store(str(tmp_path / "copy.db"))
    try:
        copied = target.load_document(import_bundle(target, data))
        assert copied.meeting.kind is MeetingKind.EXTRAORDINARY
        older = copy.deepcopy(data)
        del older["meeting"]["kind"]  # a bundle written before the kind existed
        assert target.load_document(import_bundle(target, older)).meeting.kind is MeetingKind.NONE
        data["meeting"]["kind"] = "Emergency"
        with pytest.raises(BundleError, match=r"meeting\.kind: unknown value 'Emergency'"):
            import_bundle(target, data)
    finally:
        target.close()


def test_the_apps_own_sentences_are_numbered_paragraphs_in_a_numbered_style(store: Store) -> None:
    """Under "(1)" or "5.1" paragraphs the apologies and declarations the app words are the
    item's first paragraphs; the clerk's go on from them. A "1." list leaves them unnumbered."""

    def render(style: HouseStyle) -> str:
        mid = meeting(store, panel(store, style))
        evans = store.create_person("Kay Evans", title="Cllr")
        store.set_attendance(mid, evans.id, AttendanceStatus.APOLOGIES)
        apologies = store.add_item(mid, "Apologies")
        store.add_item(mid, "Declarations of interest")
        report = store.add_item(mid, "Report")
        store.add_declaration(mid, evans.id, "that she is a governor.", report.id)
        store.add_entry(store.list_items(mid)[1].id, EntryKind.PARAGRAPH, "No others were made.")
        assert apologies.kind.value == "apologies"
        return md(store, mid)

    text = render(PCP)
    assert "### 1. Apologies\n\n(1) Apologies were received from Councillor Evans.\n" in text
    assert "### 2. Declarations of interest\n\n(1) Councillor Evans declared that she is a " \
        "governor, in relation to item 3.\n\n(2) No others were made.\n" in text
    decimal = render(replace(PCP, paragraph_numbers=ParagraphNumbers.DECIMAL))
    assert "1.1 Apologies were received from Councillor Evans." in decimal
    assert "2.2 No others were made." in decimal
    assert "\n\nApologies were received from Cllr Kay Evans.\n" in render(DEFAULT)


def test_a_note_naming_a_cllr_as_councillor_counts_in_the_attendance() -> None:
    """A clerk whose minutes print "Councillor" types it in notes too: the movement counts."""
    jenkins = PersonData(4, "Dafydd Jenkins", title="Cllr")
    for text in ("Councillor Dafydd Jenkins left the meeting", "Councillor Jenkins left",
                 "Cllr Jenkins left the meeting"):
        found = recognise(text, "15:20", [jenkins]).movement
        assert found is not None and found.person == jenkins and found.at == "15:20", text
