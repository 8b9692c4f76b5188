"""A fictional demo panel and meeting, written through the store.

Every name, place and sentence here is invented for panel-minutes.
"""

from __future__ import annotations

from datetime import date

from panel_minutes.models.domain import (
    USUAL_STANDING_AGENDA,
    ActionStatus,
    AttendanceStatus,
    EntryKind,
    MemberRole,
    Outcome,
)
from panel_minutes.models.store import Store

DEMO_PANEL = "Wessex Vale Police and Crime Panel"


def write_demo(store: Store) -> int:
    """Write the demo panel with two meetings; return the id of the newer (draft) meeting."""
    panel = store.create_panel(
        DEMO_PANEL,
        short_name="wessex-vale-pcp",
        host_authority="Wessex Vale County Council",
        default_venue="Council Chamber, Shire Hall, Eastbridge",
        standing_agenda=USUAL_STANDING_AGENDA,
    )
    p = store.create_person
    marsh = p("Helen Marsh", title="Cllr", role="Wessex Vale County Council")
    pritchard = p("Owen Pritchard", title="Cllr", role="Eastbridge Borough Council")
    raman = p("Priya Raman", title="Cllr", role="Millford District Council")
    lloyd = p("Gareth Lloyd", title="Cllr", role="Harrowdown District Council")
    okafor = p("Sandra Okafor", title="Cllr", role="Wessex Vale County Council")
    fenwick = p("Martin Fenwick", title="Cllr", role="Southcombe District Council")
    ellery = p("David Ellery", title="Mr", role="Independent co-opted member")
    dunmore = p("Lucy Dunmore", title="Cllr", role="Southcombe District Council")
    pcc = p("Claire Whitfield", title="Ms", role="Police and Crime Commissioner")
    ceo = p("Tom Ashdown", title="Mr", role="Chief Executive, Office of the PCC")
    clerk = p("Rachel Boyd", title="Ms", role="Democratic Services Officer")

    store.add_member(panel.id, marsh.id, role=MemberRole.CHAIR, represents="Wessex Vale CC")
    store.add_member(panel.id, pritchard.id, role=MemberRole.VICE_CHAIR)
    for person in (raman, lloyd, okafor, fenwick):
        store.add_member(panel.id, person.id)
    store.add_member(panel.id, ellery.id, role=MemberRole.CO_OPTED)

    # --- the earlier meeting: approved, with an action still open --------------------------------
    first = store.create_meeting(panel.id, date(2026, 9, 15), start_time="10:00")
    items = store.list_items(first.id)
    store.add_entry(items[0].id, EntryKind.PARAGRAPH, "There were no apologies.")
    store.add_entry(items[1].id, EntryKind.PARAGRAPH, "No interests were declared.")
    budget = store.add_item(first.id, "Commissioner's budget monitoring report", position=4)
    store.add_entry(
        budget.id, EntryKind.PARAGRAPH,
        "The Commissioner presented the budget position at the end of the first quarter.",
    )
    store.add_action(
        first.id, "Circulate the breakdown of the estates budget to all members",
        item_id=budget.id, owner_id=ceo.id, due_date=date(2026, 10, 31),
    )
    old_done = store.add_action(
        first.id, "Arrange a briefing on the new call-handling system",
        item_id=budget.id, owner_text="Office of the PCC", due_date=date(2026, 10, 15),
    )
    store.set_action_status(old_done.id, ActionStatus.DONE, note="Briefing held on 9 October.",
                            on=date(2026, 10, 9))

    # --- the demo meeting ------------------------------------------------------------------------
    m = store.create_meeting(panel.id, date(2026, 11, 17), start_time="10:00")
    mid = m.id
    for rec in store.list_attendance(mid):
        if rec.person.id == fenwick.id:
            store.update_attendance(rec.id, status=AttendanceStatus.APOLOGIES)
    store.set_attendance(mid, dunmore.id, AttendanceStatus.SUBSTITUTE, substitute_for_id=fenwick.id)
    store.set_attendance(mid, pcc.id, AttendanceStatus.ALSO_PRESENT)
    store.set_attendance(mid, ceo.id, AttendanceStatus.ALSO_PRESENT)
    store.set_attendance(mid, clerk.id, AttendanceStatus.IN_ATTENDANCE)
    for rec in store.list_attendance(mid):
        if rec.person.id == okafor.id:
            store.update_attendance(rec.id, arrived_at="10:25")

    items = store.list_items(mid)
    apologies, declarations, previous, action_log, work_programme = items
    store.add_entry(
        apologies.id, EntryKind.PARAGRAPH,
        "Apologies were received from Cllr Fenwick, for whom Cllr Dunmore substituted.",
    )
    store.add_declaration(
        mid, lloyd.id,
        "Cllr Lloyd declared that a close relative works for Wessex Vale Police in a civilian "
        "role. He stayed in the meeting.",
    )
    store.add_entry(
        declarations.id, EntryKind.PARAGRAPH,
        "Cllr Lloyd declared an interest as recorded above.",
    )
    store.update_item(previous.id, title="Minutes of the meeting held on 15 September 2026")
    # The September minutes are agreed at this meeting: minuted here, and September is locked.
    store.approve_minutes(first.id, at_meeting_id=mid, item_id=previous.id)
    store.add_entry(
        action_log.id, EntryKind.PARAGRAPH,
        "The Panel noted the progress on the actions from its previous meeting.",
    )
    carried = store.carried_actions(mid)
    for action in carried:
        if action.status is ActionStatus.OPEN:
            store.add_action_update(
                action.id, mid, "The breakdown will be sent with the next budget report."
            )

    rural = store.add_item(
        mid, "Commissioner's update on rural and wildlife crime", position=4,
        presenter="Police and Crime Commissioner",
        documents=["Rural crime update (report of the Police and Crime Commissioner)",
                   "Appendix A: rural crime figures by district"],
    )
    store.mark_item_taken(rural.id)
    store.update_item(rural.id, started_at="10:12", finished_at="10:58")
    e = store.add_entry
    e(rural.id, EntryKind.PARAGRAPH,
      "The Commissioner introduced her report on the work of the rural crime team over the past "
      "year, including the new farm watch scheme and the joint patrols with the fire service.")
    e(rural.id, EntryKind.QUESTION,
      "how many officers were now assigned to the rural crime team, and whether that number "
      "would be kept up next year.",
      asker_id=raman.id, respondent_id=pcc.id,
      answer="the team had grown from six to nine officers and that its funding was protected "
             "in the draft budget.")
    e(rural.id, EntryKind.PROCEDURE, "Cllr Okafor joined the meeting.", at_time="10:25")
    e(rural.id, EntryKind.QUESTION,
      "what share of reported thefts of farm machinery led to a charge.",
      asker_id=ellery.id, respondent_id=pcc.id,
      answer="about one in eight did, and that she would circulate the figures by district.")
    e(rural.id, EntryKind.RESOLUTION,
      "that the Panel note the Commissioner's update on rural and wildlife crime and ask for a "
      "further report in twelve months.",
      proposer="Cllr Marsh", seconder="Cllr Pritchard", vote_for=6, vote_against=0,
      vote_abstain=1, outcome=Outcome.CARRIED)
    store.add_action(
        mid, "Circulate the figures for charges after thefts of farm machinery, by district",
        item_id=rural.id, owner_id=pcc.id, due_date=date(2026, 12, 15),
    )

    e(work_programme.id, EntryKind.RESOLUTION,
      "that the forward work programme be agreed, with a report on the police estate added for "
      "March.")
    store.add_action(
        mid, "Add a report on the police estate to the work programme for March",
        item_id=work_programme.id, owner_id=clerk.id, due_date=date(2027, 1, 31),
    )

    exempt = store.add_item(
        mid, "Complaint concerning the conduct of a member of the Commissioner's staff",
        exempt=True, public_title="Complaint handling matter",
        exempt_basis="paragraph 1 of Schedule 12A to the Local Government Act 1972",
    )
    e(exempt.id, EntryKind.PARAGRAPH,
      "The Panel considered the report of the Monitoring Officer on the complaint.")
    e(exempt.id, EntryKind.RESOLUTION,
      "that the complaint be referred to the Independent Office for Police Conduct.",
      outcome=Outcome.UNANIMOUS)
    store.add_action(
        mid, "Write to the complainant with the Panel's decision",
        item_id=exempt.id, owner_id=clerk.id, due_date=date(2026, 11, 30),
    )
    return mid
