"""Attendance, apologies, declarations and exempt items in a panel's house style (issue 14).

Each meeting is made through the ``Store`` and rendered with ``render_markdown``; the lines are
those of the examples (``shared/examples/house-style-*.md``), with fictional names.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from panel_minutes.models.bundle import dumps_bundle, export_bundle
from panel_minutes.models.domain import AttendanceStatus, EntryKind, ItemKind, MemberRole, Numbering
from panel_minutes.models.errors import ValidationError
from panel_minutes.models.exempt import ACT_1960, BASES, exclusion_resolution, exclusion_wording
from panel_minutes.models.export import render_markdown
from panel_minutes.models.house_style import DEFAULT, MovementStyle, preset
from panel_minutes.models.movements import item_at
from panel_minutes.models.numbering import item_numbers
from panel_minutes.models.public_count import members_of_the_public
from panel_minutes.models.store import Store
from panel_minutes.models.store.bundle_io import import_bundle

PCP = preset("pcp").style
PARISH = preset("parish").style


def render(store: Store, meeting_id: int, *, full: bool = False) -> str:
    return render_markdown(store.load_document(meeting_id), full=full)


def pcp_meeting(store: Store, style: object = PCP) -> tuple[int, dict[str, int]]:
    """The Northbury-like panel: councils, a substitute, a late arrival, an apology."""
    panel = store.create_panel(
        "Northbury Police and Crime Panel", style=PCP if style is None else style,  # type: ignore[arg-type]
        standing_agenda=("Apologies and substitutes", "Declarations of interest"),
    )
    p = store.create_person
    people = {
        "hughes": p("Jane Hughes", title="Cllr"), "adeyemi": p("Ben Adeyemi", title="Cllr"),
        "pike": p("Lara Pike", title="Cllr"), "evans": p("Kay Evans", title="Cllr"),
        "tate": p("Owen Tate", title="Cllr"), "morgan": p("Rhys Morgan", title="Cllr"),
        "ortiz": p("Sam Ortiz", title="Mr"), "larkin": p("Eve Larkin", title="Ms",
                                                          role="Democratic Services Officer"),
    }
    seats = (
        ("hughes", MemberRole.CHAIR, "Northbury County Council"),
        ("adeyemi", MemberRole.VICE_CHAIR, "Eastfield Borough Council"),
        ("pike", MemberRole.MEMBER, "Westmoor District Council"),
        ("evans", MemberRole.MEMBER, "Northbury City Council"),
        ("morgan", MemberRole.MEMBER, "Southvale District Council"),
        ("ortiz", MemberRole.CO_OPTED, ""),
    )
    for key, role, council in seats:
        store.add_member(panel.id, people[key].id, role=role, represents=council)
    # the substitute's own seat ended before the meeting: the council still shows (below)
    meeting = store.create_meeting(panel.id, date(2026, 10, 15), start_time="10:30")
    store.add_member(panel.id, people["tate"].id, represents="Northbury City Council",
                     start_date=date(2026, 10, 15), end_date=date(2026, 10, 15))
    ids = {key: person.id for key, person in people.items()}
    for rec in store.list_attendance(meeting.id):
        if rec.person.id == ids["evans"]:
            store.update_attendance(rec.id, status=AttendanceStatus.APOLOGIES)
        if rec.person.id == ids["morgan"]:
            store.update_attendance(rec.id, arrived_at="10:55")
        if rec.person.id == ids["ortiz"]:
            store.update_attendance(rec.id, capacity="Independent Member")
    store.set_attendance(meeting.id, ids["tate"], AttendanceStatus.SUBSTITUTE,
                         substitute_for_id=ids["evans"])
    store.set_attendance(meeting.id, ids["larkin"], AttendanceStatus.IN_ATTENDANCE)
    return meeting.id, ids


# --- 1. attendance lines ------------------------------------------------------------------------


def test_pcp_attendance_shows_councils_and_the_councillor_title(store: Store) -> None:
    meeting_id, _ = pcp_meeting(store)
    md = render(store, meeting_id)
    assert (
        "**Present:** Councillor Jane Hughes (Chair, Northbury County Council), Councillor Ben "
        "Adeyemi (Vice-Chair, Eastfield Borough Council), Councillor Lara Pike (Westmoor "
        "District Council), Councillor Rhys Morgan (Southvale District Council, from 10.55 am), "
        "Mr Sam Ortiz (Independent Member), Councillor Owen Tate (Northbury City Council, "
        "substitute for Councillor Kay Evans)\n" in md
    )
    assert "**Apologies:** Councillor Kay Evans (Northbury City Council)\n" in md
    assert "**In attendance:** Ms Eve Larkin (Democratic Services Officer)\n" in md


def test_default_style_shows_no_councils(store: Store) -> None:
    meeting_id, _ = pcp_meeting(store, DEFAULT)
    md = render(store, meeting_id)
    assert "Cllr Jane Hughes (Chair), " in md
    assert "Council" not in md.split("**Apologies:**")[0].split("# ")[-1].replace(
        "Police and Crime Panel", "")


def test_apologies_line_can_be_left_out(store: Store) -> None:
    meeting_id, _ = pcp_meeting(store, replace(PCP, apologies_in_attendance=False))
    md = render(store, meeting_id)
    assert "**Apologies:**" not in md
    assert "Apologies were received from Councillor Evans" in md


def test_pcp_apologies_sentence_names_the_substitute(store: Store) -> None:
    meeting_id, _ = pcp_meeting(store)
    md = render(store, meeting_id)
    assert (
        "### 1. Apologies and substitutes\n\n(1) Apologies were received from Councillor Evans, "
        "for whom Councillor Tate substituted.\n" in md
    )


# --- 2. a note per person -----------------------------------------------------------------------


def parish_meeting(store: Store) -> tuple[int, dict[str, int]]:
    panel = store.create_panel(
        "Fenwick Marsh Parish Council", style=PARISH, numbering=Numbering.RUNNING,
        standing_agenda=("Apologies for absence", "Declarations of interest"),
    )
    p = store.create_person
    people = {
        "brightwell": p("Alan Brightwell", title="Cllr"), "crane": p("Peter Crane", title="Cllr"),
        "sandhu": p("Ravi Sandhu", title="Cllr"), "dunn": p("Mary Dunn", title="Cllr"),
        "osei": p("Nadia Osei", title="Cllr"), "whitlock": p("Joan Whitlock", title="Cllr"),
        "marr": p("Helen Marr", title="Mrs", role="Clerk and Responsible Financial Officer"),
        "baines": p("Tom Baines", title="District Cllr"),
    }
    store.add_member(panel.id, people["brightwell"].id, role=MemberRole.CHAIR)
    for key in ("osei", "crane", "whitlock", "sandhu", "dunn"):
        store.add_member(panel.id, people[key].id)
    meeting = store.create_meeting(panel.id, date(2026, 6, 3), start_time="19:00")
    ids = {key: person.id for key, person in people.items()}
    for rec in store.list_attendance(meeting.id):
        if rec.person.id == ids["dunn"]:
            store.update_attendance(rec.id, status=AttendanceStatus.APOLOGIES,
                                    note="work commitment")
    store.set_attendance(meeting.id, ids["marr"], AttendanceStatus.IN_ATTENDANCE)
    store.set_attendance(meeting.id, ids["baines"], AttendanceStatus.IN_ATTENDANCE)
    return meeting.id, ids


def test_a_note_per_person_in_the_attendance_and_the_apologies(store: Store) -> None:
    meeting_id, _ids = parish_meeting(store)
    md = render(store, meeting_id)
    assert "Apologies for absence.** Apologies were received and accepted from Cllr Mary " \
        "Dunn (work commitment)." in md or \
        "Apologies were received and accepted from Cllr Mary Dunn (work commitment)." in md
    # the default style lists apologies, with the note
    panel_id = store.get_meeting(meeting_id).panel_id
    store.update_panel(panel_id, style=DEFAULT)
    md = render(store, meeting_id)
    assert "**Apologies:** Cllr Mary Dunn (work commitment)\n" in md
    assert "Apologies were received from Cllr Mary Dunn (work commitment)." in md


def test_the_note_is_kept_tidy(store: Store) -> None:
    meeting_id, ids = parish_meeting(store)
    [rec] = [a for a in store.list_attendance(meeting_id) if a.person.id == ids["crane"]]
    assert store.update_attendance(rec.id, note="  left   early ").note == "left early"


# --- 3. members of the public -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "words"),
    [(1, "one member of the public"), (4, "four members of the public"),
     (12, "twelve members of the public"), (13, "13 members of the public")],
)
def test_members_of_the_public_in_words(count: int, words: str) -> None:
    assert members_of_the_public(count) == words


def test_public_count_ends_the_in_attendance_line(store: Store) -> None:
    meeting_id, _ = parish_meeting(store)
    store.update_meeting(meeting_id, public_count=4)
    md = render(store, meeting_id)
    assert (
        "**In attendance:** Mrs Helen Marr (Clerk and Responsible Financial Officer), District "
        "Cllr Tom Baines, four members of the public\n" in md
    )


def test_public_count_makes_the_line_when_no_one_else_attends(store: Store) -> None:
    panel = store.create_panel("Quiet Parish Council", style=PARISH)
    meeting = store.create_meeting(panel.id, date(2026, 6, 3))
    store.update_meeting(meeting.id, public_count=1)
    assert "**In attendance:** one member of the public\n" in render(store, meeting.id)
    store.update_meeting(meeting.id, public_count=None)
    assert "In attendance" not in render(store, meeting.id)


def test_public_count_refuses_what_is_not_a_count(store: Store) -> None:
    meeting_id, _ = parish_meeting(store)
    with pytest.raises(ValidationError, match="whole number"):
        store.update_meeting(meeting_id, public_count="four")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="negative"):
        store.update_meeting(meeting_id, public_count=-1)
    assert store.get_meeting(meeting_id).public_count is None


# --- 4. arrivals and departures -----------------------------------------------------------------


def taken_parish(store: Store) -> tuple[int, dict[str, int], list[int], dict[int, str]]:
    """Parish meeting with five items taken at known times, Crane arriving during the fourth
    (F5 note) and Baines leaving at its end."""
    meeting_id, ids = parish_meeting(store)
    extra = store.add_items(meeting_id, ["Minutes", "Public participation", "District report",
                                          "Highways", "Planning"])
    items = [i.id for i in store.list_items(meeting_id)]
    for item_id, at in zip(items, ("19:00", "19:05", "19:10", "19:15", "19:25", "19:40",
                                   "19:50"), strict=True):
        store.take_item(item_id, at)
    store.file_entry(extra[3].id, EntryKind.PROCEDURE, "Cllr Peter Crane arrived.",
                     at_time="19:30")
    store.file_entry(extra[3].id, EntryKind.PROCEDURE,
                     "District Cllr Tom Baines left the meeting at 7.40 pm.", at_time="19:40")
    numbers = item_numbers(store.load_document(meeting_id))
    return meeting_id, ids, items, numbers


def test_movements_as_minute_references(store: Store) -> None:
    meeting_id, _ids, items, numbers = taken_parish(store)
    md = render(store, meeting_id)
    district = numbers[items[4]]
    assert f"Cllr Peter Crane (from minute {district})" in md
    assert f"District Cllr Tom Baines (for minutes {numbers[items[0]]} to {district})" in md


def test_movements_as_times_in_the_style(store: Store) -> None:
    meeting_id, _ids, _items, _numbers = taken_parish(store)
    panel_id = store.get_meeting(meeting_id).panel_id
    store.update_panel(panel_id, style=replace(PARISH, movements=MovementStyle.TIME))
    md = render(store, meeting_id)
    assert "Cllr Peter Crane (from 7.30 pm)" in md
    assert "District Cllr Tom Baines (until 7.40 pm)" in md


def test_the_minute_a_movement_belongs_to(store: Store) -> None:
    meeting_id, _ids, items, _numbers = taken_parish(store)
    taken = store.load_document(meeting_id).taken_items()
    by_id = {i.id: i for i in taken}
    # during an item: that item
    assert item_at(taken, "19:12", arriving=True) == by_id[items[2]]
    assert item_at(taken, "19:12", arriving=False) == by_id[items[2]]
    # at the moment one item ends and the next starts: arrival in the next, departure after
    # the one that ended
    assert item_at(taken, "19:25", arriving=True) == by_id[items[4]]
    assert item_at(taken, "19:25", arriving=False) == by_id[items[3]]
    # before the first item: the first one taken; no item yet finished: none
    assert item_at(taken, "18:55", arriving=True) == by_id[items[0]]
    assert item_at(taken, "18:55", arriving=False) is None


def test_leaving_the_room_does_not_change_the_attendance_but_counts_for_votes(
    store: Store,
) -> None:
    meeting_id, _ids, items, _numbers = taken_parish(store)
    md_before = render(store, meeting_id)
    planning = items[6]
    store.file_entry(planning, EntryKind.PROCEDURE, "Cllr Ravi Sandhu left the room.",
                     at_time="19:52")
    md = render(store, meeting_id)
    def lines(text: str) -> list[str]:
        return [b for b in text.split("\n\n") if b.startswith(("**Present:**", "**In att"))]

    assert len(lines(md)) == 2 and lines(md) == lines(md_before)
    assert lines(md)[0].endswith(", Cllr Ravi Sandhu")
    # five members present at 19:52 (Crane arrived), Sandhu out of the room: four may vote
    store.check_vote_counts(meeting_id, 3, 1, 0, at_time="19:55")
    with pytest.raises(ValidationError):
        store.check_vote_counts(meeting_id, 4, 1, 0, at_time="19:55")
    store.file_entry(planning, EntryKind.PROCEDURE, "Cllr Ravi Sandhu returned to the room.",
                     at_time="19:58")
    store.check_vote_counts(meeting_id, 4, 1, 0, at_time="19:59")


# --- 5. declarations ----------------------------------------------------------------------------


def test_one_declaration_by_two_members_on_an_item(store: Store) -> None:
    meeting_id, ids = pcp_meeting(store)
    fire = store.add_item(meeting_id, "Fire and rescue collaboration")
    decl = store.add_declaration(
        meeting_id, ids["pike"], "that they are members of the Northbury Fire Authority.",
        fire.id, more_person_ids=[ids["adeyemi"]],
    )
    assert [p.id for p in decl.people] == [ids["pike"], ids["adeyemi"]]
    md = render(store, meeting_id)
    assert (
        "### 2. Declarations of interest\n\n(1) Councillor Pike and Councillor Adeyemi declared "
        "that they are members of the Northbury Fire Authority, in relation to item 3.\n" in md
    )
    assert md.count("Northbury Fire Authority") == 1  # minuted once: not again under item 3
    store.update_panel(store.get_meeting(meeting_id).panel_id,
                       style=replace(PCP, declaration_under_item=True))
    assert render(store, meeting_id).count("Northbury Fire Authority") == 2


def test_one_declaration_on_several_items_default_style(store: Store) -> None:
    meeting_id, ids = pcp_meeting(store, DEFAULT)
    one = store.add_item(meeting_id, "Precept")
    two = store.add_item(meeting_id, "Estates")
    store.add_declaration(meeting_id, ids["pike"], "that she is a governor.", one.id,
                          more_item_ids=[two.id])
    md = render(store, meeting_id)
    assert "- Cllr Lara Pike declared that she is a governor. (item 3 and item 4)\n" in md


def test_text_naming_the_item_gets_no_reference_appended(store: Store) -> None:
    meeting_id, ids = parish_meeting(store)
    planning = store.add_item(meeting_id, "Planning")
    numbers = item_numbers(store.load_document(meeting_id))
    ref = numbers[planning.id]
    store.add_declaration(
        meeting_id, ids["sandhu"],
        f"Cllr Ravi Sandhu declared a pecuniary interest in minute {ref} as a neighbour of "
        "the applicant.", planning.id,
    )
    md = render(store, meeting_id)
    assert (
        f"Declarations of interest.** Cllr Ravi Sandhu declared a pecuniary interest in minute "
        f"{ref} as a neighbour of the applicant.\n" in md
        or f"\n\nCllr Ravi Sandhu declared a pecuniary interest in minute {ref} as a neighbour "
        "of the applicant.\n" in md
    )
    assert f"({'minute'} {ref})" not in md


def test_deleting_one_item_of_a_shared_declaration_keeps_it_for_the_other(store: Store) -> None:
    meeting_id, ids = pcp_meeting(store, DEFAULT)
    one = store.add_item(meeting_id, "Precept")
    two = store.add_item(meeting_id, "Estates")
    decl = store.add_declaration(meeting_id, ids["pike"], "that she is a governor.", one.id,
                                 more_item_ids=[two.id], more_person_ids=[ids["hughes"]])
    store.delete_item(one.id)
    [left] = store.list_declarations(meeting_id)
    assert (left.id, left.item_ids) == (decl.id, (two.id,))
    assert [p.id for p in left.people] == [ids["pike"], ids["hughes"]]
    store.delete_item(two.id)
    assert store.list_declarations(meeting_id) == []
    kept = store.list_deleted_items(meeting_id)[0]  # the newest: the second item
    assert kept.item.id == two.id
    store.restore_deleted_item(kept.id)
    [back] = store.list_declarations(meeting_id)
    assert [p.id for p in back.people] == [ids["pike"], ids["hughes"]]


def test_declaration_items_must_be_of_the_meeting(store: Store) -> None:
    meeting_id, ids = pcp_meeting(store)
    other, _ = pcp_meeting(store)
    elsewhere = store.add_item(other, "Elsewhere")
    here = store.add_item(meeting_id, "Here")
    with pytest.raises(ValidationError, match="another meeting"):
        store.add_declaration(meeting_id, ids["pike"], "x", here.id,
                              more_item_ids=[elsewhere.id])


# --- 6. exempt items ----------------------------------------------------------------------------


def test_bases_offer_schedule_12a_and_the_1960_act() -> None:
    assert [b.text for b in BASES][2] == (
        "paragraph 3 of Schedule 12A to the Local Government Act 1972"
    )
    assert len(BASES) == 8 and BASES[-1].text == ACT_1960


def test_exclusion_wording_for_each_basis() -> None:
    assert exclusion_wording([BASES[2].text]) == (
        "that the press and public be excluded from the meeting for the following item of "
        "business on the grounds that it involves the likely disclosure of exempt information "
        "as defined in paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972."
    )
    assert exclusion_wording([ACT_1960]) == (
        "that in view of the confidential nature of the business about to be transacted, the "
        "press and public be excluded under section 1(2) of the Public Bodies (Admission to "
        "Meetings) Act 1960."
    )
    assert "items of business on the grounds that they involve the likely disclosure of " \
        "exempt information as defined in paragraphs 1 and 3 of Part 1" in exclusion_wording(
            [BASES[0].text, BASES[2].text])


def test_exclusion_resolution_is_for_the_exempt_items_that_follow(store: Store) -> None:
    panel = store.create_panel("Exempt Police and Crime Panel", style=PCP)
    meeting = store.create_meeting(panel.id, date(2026, 10, 15), standing_agenda=False)
    exclusion = store.add_item(meeting.id, "Exclusion of the press and public")
    store.add_item(meeting.id, "Contract", exempt=True, exempt_basis=BASES[2].text)
    store.add_item(meeting.id, "Staffing", exempt=True, exempt_basis=BASES[0].text)
    items = store.load_document(meeting.id).taken_items()
    text = exclusion_resolution(items, exclusion.id)
    assert "paragraphs 1 and 3 of Part 1 of Schedule 12A" in text
    assert exclusion_resolution(items, items[-1].id).endswith(
        "paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972.")


def test_public_summary_follows_the_exempt_template(store: Store) -> None:
    panel = store.create_panel("Exempt Police and Crime Panel", style=PCP)
    meeting = store.create_meeting(panel.id, date(2026, 10, 15), standing_agenda=False)
    item = store.add_item(meeting.id, "Custody health contract: bidders' prices",
                          exempt=True, public_title="Contract for the custody health service",
                          public_summary="The Panel noted the award of the contract.")
    md = render(store, meeting.id)
    assert (
        "### 1. Contract for the custody health service\n\nThis item was considered in private "
        "under paragraph 3 of Schedule 12A to the Local Government Act 1972. The Panel noted "
        "the award of the contract.\n" in md
    )
    store.update_panel(panel.id, style=PARISH)
    store.update_item(item.id, exempt_basis=ACT_1960,
                      public_summary="The Council agreed the Clerk's annual pay review.")
    md = render(store, meeting.id)
    assert "This item was considered in private. The Council agreed the Clerk's annual pay " \
        "review.\n" in md


def test_exempt_item_without_summary_reads_as_before(store: Store) -> None:
    panel = store.create_panel("Exempt Police and Crime Panel")
    meeting = store.create_meeting(panel.id, date(2026, 10, 15), standing_agenda=False)
    store.add_item(meeting.id, "Secret", exempt=True, kind=ItemKind.STANDARD)
    md = render(store, meeting.id)
    assert md.count(
        "This item was considered in private under paragraph 3 of Schedule 12A to the Local "
        "Government Act 1972.\n") == 1


def test_a_declaration_naming_an_exempt_item_stays_out_of_the_public_minutes(
    store: Store,
) -> None:
    meeting_id, ids = pcp_meeting(store, DEFAULT)
    public = store.add_item(meeting_id, "Precept")
    later_exempt = store.add_item(meeting_id, "Contract")
    store.add_declaration(meeting_id, ids["pike"], "that she is a QXGOVERNOR.", public.id,
                          more_item_ids=[later_exempt.id])
    assert "QXGOVERNOR" in render(store, meeting_id)
    store.update_item(later_exempt.id, exempt=True)
    [decl] = store.list_declarations(meeting_id)
    assert decl.item_ids == (later_exempt.id, public.id)  # the exempt item first: search
    assert "QXGOVERNOR" not in render(store, meeting_id)
    assert [h.exempt for h in store.search("QXGOVERNOR")] == [True]
    assert "(item 3 and item 4)" in render(store, meeting_id, full=True)


# --- bundles --------------------------------------------------------------------------------------


def test_bundle_carries_notes_public_count_summary_and_shared_declarations(
    store: Store, tmp_path: Path,
) -> None:
    meeting_id, ids = pcp_meeting(store)
    store.update_meeting(meeting_id, public_count=4)
    [rec] = [a for a in store.list_attendance(meeting_id) if a.person.id == ids["evans"]]
    store.update_attendance(rec.id, note="illness")
    fire = store.add_item(meeting_id, "Fire")
    secret = store.add_item(meeting_id, "Contract", exempt=True, public_title="Contract",
                            public_summary="The Panel noted the award.")
    store.add_declaration(meeting_id, ids["pike"], "that they are members of the Fire "
                          "Authority.", fire.id, more_person_ids=[ids["adeyemi"]],
                          more_item_ids=[secret.id])
    data = export_bundle(store, meeting_id)
    other = Store(str(tmp_path / "other.db"))
    try:
        new_id = import_bundle(other, dumps_bundle(data))
        assert render(other, new_id, full=True) == render(store, meeting_id, full=True)
        doc = other.load_document(new_id)
        assert doc.meeting.public_count == 4
        assert [a.note for a in doc.attendance if a.note] == ["illness"]
        assert [len(d.people) for d in doc.declarations] == [2]
        assert len(doc.declarations[0].item_ids) == 2
    finally:
        other.close()


def test_older_bundles_without_the_new_fields_still_import(store: Store, tmp_path: Path) -> None:
    meeting_id, _ids = pcp_meeting(store)
    data = export_bundle(store, meeting_id)
    for key in ("public_count",):
        assert key not in data["meeting"]
    assert all("note" not in a for a in data["attendance"])
    other = Store(str(tmp_path / "other.db"))
    try:
        new_id = import_bundle(other, dumps_bundle(data))
        assert other.load_document(new_id).meeting.public_count is None
    finally:
        other.close()


def test_editing_a_declaration_changes_its_members_and_items(store: Store) -> None:
    meeting_id, ids = pcp_meeting(store, DEFAULT)
    one = store.add_item(meeting_id, "Precept")
    two = store.add_item(meeting_id, "Estates")
    decl = store.add_declaration(meeting_id, ids["pike"], "that she is a governor.", one.id)
    edited = store.update_declaration(decl.id, more_people=[ids["tate"]], more_items=[two.id])
    assert [p.id for p in edited.people] == [ids["pike"], ids["tate"]]
    assert edited.item_ids == (one.id, two.id)
    assert store.update_declaration(decl.id, text="that she is a trustee.").item_ids == (
        one.id, two.id)
    cleared = store.update_declaration(decl.id, more_people=[], more_items=[])
    assert (cleared.more_people, cleared.more_items) == ((), ())


def test_a_movement_no_item_time_places_is_given_as_a_time(store: Store) -> None:
    meeting_id, ids = parish_meeting(store)  # no item taken: no times to place it by
    [rec] = [a for a in store.list_attendance(meeting_id) if a.person.id == ids["crane"]]
    store.update_attendance(rec.id, arrived_at="19:10")
    assert "Cllr Peter Crane (from 7.10 pm)" in render(store, meeting_id)


def test_apologies_stay_minuted_when_the_clerk_files_something_else_in_that_item(
    store: Store,
) -> None:
    """A welcome filed in the apologies item (a stock phrase at the start of the meeting) does
    not take the apologies out of the minutes; apologies typed in the clerk's own words are not
    repeated."""
    panel = store.create_panel("Fenwick Reach Parish Council")
    store.update_panel(panel.id, style=preset("parish").style)
    dunn = store.create_person("Mary Dunn", title="Cllr")
    store.add_member(panel.id, dunn.id)
    m = store.create_meeting(panel.id, date(2026, 6, 3), standing_agenda=False)
    record = store.set_attendance(m.id, dunn.id, status=AttendanceStatus.APOLOGIES)
    store.update_attendance(record.id, note="work commitment")
    item = store.add_item(m.id, "Apologies for absence")
    store.add_entry(item.id, EntryKind.PARAGRAPH, "The Chair welcomed everyone to the meeting.")
    text = render_markdown(store.load_document(m.id))
    assert "Apologies were received and accepted from Cllr Mary Dunn (work commitment)." in text
    assert "The Chair welcomed everyone to the meeting." in text
    store.add_entry(item.id, EntryKind.PARAGRAPH, "Apologies were received from Cllr Dunn.")
    text = render_markdown(store.load_document(m.id))
    assert "accepted from Cllr Mary Dunn" not in text
