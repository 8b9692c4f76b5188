"""Checks before publishing: each warning on a meeting written to trigger it, and none on a
meeting that is right. The leak check finds exempt words wherever they reach public output."""

from __future__ import annotations

from datetime import date

import pytest

from panel_minutes.models.checks import (
    Check,
    Finding,
    check_minutes,
    content_findings,
    leaks,
    summary,
)
from panel_minutes.models.domain import AttendanceStatus, EntryKind, MinutesDocument, Outcome
from panel_minutes.models.export.markdown import render_markdown
from panel_minutes.models.publish.check_texts import all_formats, markdown_words, public_texts
from panel_minutes.models.publish.formats import FORMATS
from panel_minutes.models.store import Store
from panel_minutes.tui.cli import main

SECRET = "the officer under investigation had accessed the custody records without authority"


def meeting(store: Store) -> tuple[int, dict[str, int]]:
    """A meeting that passes every check but the draft one, with an exempt item."""
    panel = store.create_panel("Harrowdene Police and Crime Panel")
    chair = store.create_person("Wendy Farrow", title="Cllr")
    member = store.create_person("Idris Quayle", title="Cllr")
    pcc = store.create_person("Noel Brannigan", title="Mr", role="Police and Crime Commissioner")
    for person in (chair, member):
        store.add_member(panel.id, person.id)
    m = store.create_meeting(panel.id, date(2026, 9, 8), standing_agenda=False)
    store.set_attendance(m.id, chair.id, capacity="Chair")
    store.set_attendance(m.id, member.id)
    store.set_attendance(m.id, pcc.id, status=AttendanceStatus.ALSO_PRESENT)
    report = store.add_item(m.id, "Annual report")
    store.add_entry(report.id, EntryKind.PARAGRAPH, "The Commissioner introduced the report.")
    store.add_entry(report.id, EntryKind.RESOLUTION, "that the report be noted",
                    proposer="Cllr Farrow", seconder="Cllr Quayle", vote_for=2, vote_against=0,
                    outcome=Outcome.CARRIED)
    store.add_action(m.id, "Publish the report", item_id=report.id, owner_id=pcc.id,
                     due_date=date(2026, 10, 1))
    exempt = store.add_item(m.id, "Misconduct case 14", exempt=True, public_title="Staffing")
    store.update_item(exempt.id, public_summary="The Panel noted the outcome of the case.")
    store.add_entry(exempt.id, EntryKind.PARAGRAPH, f"The Panel heard that {SECRET}.")
    return m.id, {"report": report.id, "exempt": exempt.id, "pcc": pcc.id, "member": member.id}


def findings_of(store: Store, meeting_id: int) -> list[Finding]:
    doc = store.load_document(meeting_id)
    return check_minutes(doc, public_texts(doc))


def kinds(findings: list[Finding]) -> list[Check]:
    return [f.check for f in findings]


def test_a_right_meeting_warns_only_that_it_is_a_draft(store: Store) -> None:
    meeting_id, _ = meeting(store)
    assert kinds(findings_of(store, meeting_id)) == [Check.DRAFT]


def test_exempt_words_typed_into_a_public_item_are_a_leak(store: Store) -> None:
    meeting_id, ids = meeting(store)
    store.add_entry(ids["report"], EntryKind.PARAGRAPH,
                    f"A member said that {SECRET}, which the Chair ruled out of order.")
    found = [f for f in findings_of(store, meeting_id) if f.check is Check.LEAK]
    assert found and all("exempt item 2" in f.problem for f in found)
    assert "Markdown" in found[0].where


def test_an_exempt_title_in_a_public_title_is_a_leak(store: Store) -> None:
    meeting_id, ids = meeting(store)
    store.update_item(ids["report"], title="Annual report and misconduct case 14")
    assert Check.LEAK in kinds(findings_of(store, meeting_id))


def test_a_rendering_that_leaked_would_be_caught_in_every_format_given(store: Store) -> None:
    """The check reads each format's own text: a renderer that let the exempt item through
    (simulated by handing it the full minutes as if they were public) is caught."""
    meeting_id, _ = meeting(store)
    doc = store.load_document(meeting_id)
    full = render_markdown(doc, full=True)
    found = leaks(doc, {"Word": full, "HTML": markdown_words(full)})
    assert {f.where for f in found} == {"the public Word", "the public HTML"}
    assert leaks(doc, public_texts(doc)) == []


def test_every_public_file_is_read_back_and_a_leak_in_any_is_found(store: Store) -> None:
    """Each format's real public file (Word via python-docx, PDF via pypdf, HTML's text nodes)
    is read; a leak typed into a public item shows in every one of them."""
    meeting_id, ids = meeting(store)
    doc = store.load_document(meeting_id)
    texts = public_texts(doc, all_formats())
    assert set(texts) == {f.label for f in FORMATS}
    assert leaks(doc, texts) == []
    store.add_entry(ids["report"], EntryKind.PARAGRAPH, f"Off the record, {SECRET}.")
    doc = store.load_document(meeting_id)
    found = {f.where for f in leaks(doc, public_texts(doc, all_formats()))}
    assert found == {f"the public {f.label}" for f in FORMATS}


def test_the_demo_public_output_does_not_leak(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    doc = store.load_document(meeting_id)
    assert leaks(doc, public_texts(doc)) == []


def test_words_shared_with_the_public_part_are_not_a_leak(store: Store) -> None:
    meeting_id, ids = meeting(store)
    store.add_entry(ids["exempt"], EntryKind.PARAGRAPH, "The Commissioner introduced the report.")
    assert Check.LEAK not in kinds(findings_of(store, meeting_id))


def test_an_item_with_nothing_minuted(store: Store) -> None:
    meeting_id, _ = meeting(store)
    store.add_item(meeting_id, "Any other business")
    found = [f for f in findings_of(store, meeting_id) if f.check is Check.EMPTY_ITEM]
    assert len(found) == 1 and "Any other business" in found[0].where


def test_a_resolution_with_no_text(store: Store) -> None:
    meeting_id, ids = meeting(store)
    store.add_entry(ids["report"], EntryKind.RESOLUTION, "RESOLVED:")
    lines = [f.line() for f in content_findings(store.load_document(meeting_id))]
    assert any("A resolution has no text" in line for line in lines), lines


def test_a_vote_counting_more_members_than_were_there(store: Store) -> None:
    """Filed when both members were present; one later marked as sending apologies."""
    meeting_id, ids = meeting(store)
    store.set_attendance(meeting_id, ids["member"], status=AttendanceStatus.APOLOGIES)
    lines = [f.line() for f in content_findings(store.load_document(meeting_id))]
    assert any("counts 2 votes but 1 voting members were present" in line for line in lines)


def test_a_style_without_movers_does_not_ask_for_them(store: Store) -> None:
    from dataclasses import replace

    meeting_id, ids = meeting(store)
    store.add_entry(ids["report"], EntryKind.RESOLUTION, "that the plan be agreed",
                    vote_for=2, vote_against=0, outcome=Outcome.CARRIED)
    doc = store.load_document(meeting_id)
    assert any("no proposer" in f.problem for f in content_findings(doc))
    quiet = replace(doc, panel=replace(doc.panel, style=replace(
        doc.style, vote_template="(for {for}, against {against})")))
    assert not any("no proposer" in f.problem for f in content_findings(quiet))


def test_actions_with_no_owner_or_due_date(store: Store) -> None:
    meeting_id, ids = meeting(store)
    store.add_action(meeting_id, "Write to the Home Office", item_id=ids["report"])
    lines = [f.line() for f in content_findings(store.load_document(meeting_id))]
    assert any("A2" in line and "no owner" in line for line in lines)
    assert any("A2" in line and "no due date" in line for line in lines)


def test_attendance_never_taken(store: Store) -> None:
    panel = store.create_panel("Harrowdene Police and Crime Panel")
    m = store.create_meeting(panel.id, date(2026, 9, 8), standing_agenda=False)
    assert Check.ATTENDANCE in kinds(content_findings(store.load_document(m.id)))


def test_an_exempt_item_with_no_legal_basis(store: Store) -> None:
    meeting_id, ids = meeting(store)
    assert Check.EXEMPT not in kinds(content_findings(store.load_document(meeting_id)))
    store.update_item(ids["exempt"], exempt_basis="confidential")
    lines = [f.line() for f in content_findings(store.load_document(meeting_id))]
    assert any("(Staffing)" in line and "names no legal basis" in line for line in lines)


def test_an_exempt_item_with_no_public_summary(store: Store) -> None:
    meeting_id, ids = meeting(store)
    store.update_item(ids["exempt"], public_summary="")
    lines = [f.line() for f in content_findings(store.load_document(meeting_id))]
    assert any("(Staffing)" in line and "no public summary" in line for line in lines)


def test_names_that_are_not_at_the_meeting(store: Store) -> None:
    meeting_id, ids = meeting(store)
    absent = store.create_person("Petra Ossory", title="Cllr")
    store.set_attendance(meeting_id, absent.id, status=AttendanceStatus.APOLOGIES)
    store.add_entry(ids["report"], EntryKind.QUESTION, "what the cost was", asker_id=absent.id,
                    respondent_id=ids["pcc"], answer="it was within budget")
    store.add_entry(ids["report"], EntryKind.RESOLUTION, "that the cost be noted",
                    proposer="Cllr Zebedee Nobody", seconder="Cllr Quayle", vote_for=2,
                    vote_against=0, outcome=Outcome.CARRIED)
    lines = [f.line() for f in content_findings(store.load_document(meeting_id))
             if f.check is Check.NAME]
    assert any("asker, Cllr Petra Ossory" in line for line in lines), lines
    assert any("proposer, Cllr Zebedee Nobody" in line for line in lines), lines
    assert not any("Quayle" in line for line in lines)


def test_approved_minutes_are_not_a_draft(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    earlier = next(m for m in store.list_meetings() if m.id != meeting_id)
    doc: MinutesDocument = store.load_document(earlier.id)
    assert doc.meeting.is_approved
    assert Check.DRAFT not in kinds(content_findings(doc))


def test_the_summary_counts_by_kind() -> None:
    f = Finding(Check.LEAK, "x", "y.", "z.")
    assert summary([f, f]) == "2 warnings (2 leaks)"
    assert summary([]).startswith("No warnings")


def test_the_command_line_prints_one_line_per_warning(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting_id, ids = meeting(store)
    store.add_entry(ids["report"], EntryKind.PARAGRAPH, f"Someone said {SECRET}.")
    url = str(store.engine.url)
    assert main(["check", "--db", url.removeprefix("sqlite:///"), str(meeting_id)]) == 0
    out = capsys.readouterr().out
    assert "- the public Markdown (.md): words of exempt item 2 appear in it" in out
    assert "warnings (" in out and "leak" in out
