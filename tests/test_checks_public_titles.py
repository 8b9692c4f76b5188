"""Walkthrough: with Part 2 hidden for the projector (ctrl+s), F12 showed the checks line
"Item 7 (Complaint concerning the conduct of a member of the Commissioner's staff): The exempt
item has no public summary ..." under the banner "Public minutes, as they will be published".
A warning names an exempt item by its number and public title, never its confidential one."""

from __future__ import annotations

from models.checks import check_minutes
from models.store import Store


def test_warnings_name_exempt_items_by_their_public_title(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    doc = store.load_document(meeting_id)
    [exempt] = [item for item in doc.items if item.exempt]
    assert exempt.title != exempt.shown_public_title
    lines = [finding.line() for finding in check_minutes(doc)]
    about_it = [line for line in lines if exempt.shown_public_title in line]
    assert about_it  # the demo's exempt item has warnings, found by its public title
    assert not [line for line in lines if exempt.title in line]
