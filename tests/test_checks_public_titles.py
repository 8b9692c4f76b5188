"""Walkthrough: with Part 2 hidden for the projector (ctrl+s), F12 showed the checks line
"Item 7 (Complaint concerning the conduct of a member of the Commissioner's staff): The exempt
item has no public summary ..." under the banner "Public minutes, as they will be published".
A warning names an exempt item by its number and public title, never its confidential one."""

from __future__ import annotations

from panel_minutes.models.checks import check_minutes
from panel_minutes.models.store import Store


def test_warnings_name_exempt_items_by_their_public_title(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    doc = store.load_document(meeting_id)
    [exempt] = [item for item in doc.items if item.exempt]
    assert exempt.title != exempt.shown_public_title
    lines = [finding.line() for finding in check_minutes(doc)]
    about_it = [line for line in lines if exempt.shown_public_title in line]
    assert about_it  # the demo's exempt item has warnings, found by its public title
    assert not [line for line in lines if exempt.title in line]


def test_a_parish_councils_item_is_not_told_of_s100c(store: Store) -> None:
    """Walkthrough: a parish clerk's exempt item (taken under the 1960 Act) was told to write a
    public summary "as s100C of the Local Government Act 1972 expects", which does not apply
    to a parish council; an item under Schedule 12A still is."""
    from datetime import date

    from panel_minutes.models.exempt import ACT_1960

    panel = store.create_panel("Little Marsham Parish Council")
    meeting = store.create_meeting(panel.id, date(2027, 3, 9))
    parish = store.add_item(meeting.id, "Clerk's contract", exempt=True, public_title="Staffing")
    store.update_item(parish.id, exempt_basis=ACT_1960, public_summary="")
    principal = store.add_item(meeting.id, "Tender prices", exempt=True, public_title="Tenders")
    store.update_item(principal.id, public_summary="")
    lines = [f.line() for f in check_minutes(store.load_document(meeting.id))]
    [about_parish] = [line for line in lines if "(Staffing)" in line and "summary" in line]
    [about_principal] = [line for line in lines if "(Tenders)" in line and "summary" in line]
    assert "s100C" not in about_parish
    assert "s100C" in about_principal
