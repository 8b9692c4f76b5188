"""Confidential (exempt, "Part 2") content never reaches anything written for the public.

A unique marker goes into every confidential field of an exempt item: its title, presenter and
documents, every kind of entry (paragraph, question and answer, resolution with mover and
seconder, procedural note), the declarations made on it, the actions raised at it (text, owner,
completion note) and their progress updates at a later meeting. Everything but its public title
and the exemption basis, which the public minutes are meant to show.

The public Markdown of both meetings holds none of the markers; the full (confidential) Markdown
holds every one (so the markers really were in the meeting). Before looking, the property test
deletes items (the exempt one too), entries and actions at random: whatever is set aside stays
out of the public minutes, the later meeting's carried actions and search hits without the
exempt flag, and once all of it is put back the full minutes hold every marker again. The JSON bundle is a full-fidelity
format for moving a meeting between databases: there is no public bundle, it carries every
marker, and so it is treated as confidential (written 0600, like the full Markdown).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panel_minutes.models.bundle import dumps_bundle, export_bundle
from panel_minutes.models.domain import ActionStatus, EntryKind, Outcome
from panel_minutes.models.export import render_markdown
from panel_minutes.models.store import Store
from tests.test_properties import _SCRATCH, TEXT, _fresh_store

EXAMPLES = 15

# Where a marker goes: every confidential field of the exempt item and what hangs off it.
SECRET_FIELDS = (
    "title", "presenter", "document", "paragraph", "question", "answer", "asker_text",
    "respondent_text", "resolution", "proposer", "seconder", "procedure", "declaration",
    "action", "owner_text", "completion_note", "update_note", "later_update_note",
    "second_declaration", "shared_declaration",
)
# What the public minutes must show of the exempt item: its public summary (s100C).
SUMMARY = "The Panel noted the PUBLICSUMMARYOK outcome."


def marker(n: int) -> str:
    return f"QXSECRET{n:02d}ZZ"


def write_meetings(store: Store, secret: dict[str, str]) -> tuple[int, int]:
    """An earlier meeting with an exempt item full of secrets, and a later one that reports on
    the actions raised at it. Returns both meeting ids."""
    panel = store.create_panel("Fenland Reach Police and Crime Panel")
    member = store.create_person("Dora Madeup", title="Cllr")
    other = store.create_person("Evan Fictional", title="Cllr")
    pcc = store.create_person("Fay Notreal", title="Mr", role="Police and Crime Commissioner")
    store.add_member(panel.id, member.id)
    store.add_member(panel.id, other.id)
    first = store.create_meeting(panel.id, date(2026, 2, 3))
    store.set_attendance(first.id, pcc.id)

    public = store.add_item(first.id, "Commissioner's annual report")
    store.add_entry(public.id, EntryKind.PARAGRAPH, "The Panel noted the annual report.")
    store.add_action(first.id, "Publish the annual report", item_id=public.id,
                     owner_text="Office of the PCC")

    exempt = store.add_item(
        first.id, secret["title"], exempt=True, public_title="Staffing matter",
        presenter=secret["presenter"], documents=[secret["document"]], public_summary=SUMMARY,
    )
    e = store.add_entry
    e(exempt.id, EntryKind.PARAGRAPH, secret["paragraph"])
    e(exempt.id, EntryKind.QUESTION, secret["question"], asker_id=member.id,
      respondent_id=pcc.id, answer=secret["answer"])
    e(exempt.id, EntryKind.QUESTION, secret["question"], asker_text=secret["asker_text"],
      respondent_text=secret["respondent_text"], answer=secret["answer"])
    e(exempt.id, EntryKind.RESOLUTION, secret["resolution"], proposer=secret["proposer"],
      seconder=secret["seconder"], vote_for=2, vote_against=0, outcome=Outcome.CARRIED)
    e(exempt.id, EntryKind.PROCEDURE, secret["procedure"], at_time="11:05")
    store.add_declaration(first.id, member.id, secret["declaration"], item_id=exempt.id)
    # one declaration on the public item and the exempt one, by both members
    store.add_declaration(first.id, other.id, secret["shared_declaration"], item_id=public.id,
                          more_item_ids=[exempt.id], more_person_ids=[member.id])
    done = store.add_action(first.id, secret["action"], item_id=exempt.id,
                            owner_text=secret["owner_text"], due_date=date(2026, 3, 1))
    still_open = store.add_action(first.id, secret["action"], item_id=exempt.id,
                                  owner_id=pcc.id, due_date=date(2026, 4, 1))
    reported = store.add_action(first.id, "Report back", item_id=exempt.id, owner_id=pcc.id)

    later = store.create_meeting(panel.id, date(2026, 4, 14))
    store.add_declaration(first.id, other.id, secret["second_declaration"], item_id=exempt.id)
    store.set_action_status(done.id, ActionStatus.DONE, note=secret["completion_note"],
                            on=date(2026, 4, 10), meeting_id=later.id)
    store.add_action_update(still_open.id, later.id, secret["later_update_note"])
    store.add_action_update(reported.id, later.id, secret["update_note"])
    return first.id, later.id


# A deletion before the markers are looked for: what, and which of them (an index, wrapped).
Deletion = tuple[str, int]
DELETIONS = st.lists(
    st.tuples(st.sampled_from(("exempt_item", "item", "entry", "action")), st.integers(0, 99)),
    max_size=6,
)


def delete_some(store: Store, meeting_id: int, deletions: list[Deletion]) -> None:
    """Delete items, entries and actions of the meeting as the screens do."""
    for kind, index in deletions:
        items = store.list_items(meeting_id)
        if kind == "exempt_item":
            for item in items:
                if item.exempt:
                    store.delete_item(item.id)
        elif kind == "item" and items:
            store.delete_item(items[index % len(items)].id)
        elif kind == "entry":
            entries = [e for i in items for e in store.list_entries(i.id)]
            if entries:
                store.delete_entry(entries[index % len(entries)].id)
        elif kind == "action":
            actions = store.list_actions(meeting_id=meeting_id)
            if actions:
                store.delete_action(actions[index % len(actions)].id)


def put_all_back(store: Store, meeting_id: int) -> None:
    """Every deleted item, then every deleted entry and action, back where it was."""
    for item in store.list_deleted_items(meeting_id):
        store.restore_deleted_item(item.id)
    for entry in store.list_deleted_entries(meeting_id):
        store.restore_deleted_entry(entry.id)
    for action in store.list_deleted_actions(meeting_id):
        store.restore_deleted_action(action.id)


def assert_nothing_public(store: Store, meetings: tuple[int, int], markers: list[str]) -> None:
    for m in meetings:
        public = render_markdown(store.load_document(m))
        leaked = [k for k in markers if k in public]
        assert leaked == [], f"confidential text in the public minutes: {leaked}"
        confidential = store.load_document(m).confidential_action_ids
        shown = " ".join(f"{a.text} {a.owner_text} {a.completion_note}"
                         for a in store.carried_actions(m) if a.id not in confidential)
        assert [k for k in markers if k in shown] == [], "a Part 2 action carried as public"
    for k in markers:
        public_hits = [h for h in store.search(k) if not h.exempt]
        assert public_hits == [], f"{k} found without the exempt flag: {public_hits}"


def check_no_leak(
    store: Store, secret: dict[str, str], markers: list[str], deletions: Sequence[Deletion] = (),
) -> None:
    first, later = write_meetings(store, secret)
    delete_some(store, first, list(deletions))
    assert_nothing_public(store, (first, later), markers)
    public = render_markdown(store.load_document(first))
    if not store.list_deleted_items(first):
        assert "Staffing matter" in public  # the public title and stub are there
        assert "PUBLICSUMMARYOK" in public  # and the public summary
    put_all_back(store, first)
    assert_nothing_public(store, (first, later), markers)
    full = "\n".join(render_markdown(store.load_document(m), full=True) for m in (first, later))
    missing = [m for m in markers if m not in full]
    assert missing == [], f"markers not in the full minutes (not placed or not put back): {missing}"
    bundles = "\n".join(dumps_bundle(export_bundle(store, m)) for m in (first, later))
    assert [m for m in markers if m not in bundles] == []  # full fidelity: confidential


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.fixed_dictionaries({name: st.tuples(TEXT, TEXT) for name in SECRET_FIELDS}),
       DELETIONS)
def test_no_exempt_text_in_public_minutes(
    around: dict[str, tuple[str, str]], deletions: list[Deletion]
) -> None:
    markers = [marker(n) for n in range(len(SECRET_FIELDS))]
    # The marker sits inside whatever the clerk typed around it, on its own line so no
    # typed character can glue onto it.
    secret = {
        name: f"{before}\n{markers[n]}\n{after}"
        for n, (name, (before, after)) in enumerate(around.items())
    }
    with tempfile.TemporaryDirectory(dir=_SCRATCH) as folder:
        store = _fresh_store(Path(folder) / "minutes.db")
        try:
            check_no_leak(store, secret, markers, deletions)
        finally:
            store.close()


def test_no_exempt_text_in_public_minutes_plain(store: Store) -> None:
    """The same with nothing around the markers, and the count printed for the README."""
    markers = [marker(n) for n in range(len(SECRET_FIELDS))]
    secret = dict(zip(SECRET_FIELDS, markers, strict=True))
    check_no_leak(store, secret, markers)
    print(f"confidentiality: {len(markers)} confidential fields marked, 0 in public minutes")


def test_deleting_the_exempt_item_leaks_none_of_its_markers(store: Store) -> None:
    """The same with the exempt item deleted (its actions were reported at the later meeting),
    then put back."""
    markers = [marker(n) for n in range(len(SECRET_FIELDS))]
    secret = dict(zip(SECRET_FIELDS, markers, strict=True))
    check_no_leak(store, secret, markers, [("exempt_item", 0)])


# --- file modes: the database, its backups and full exports are private ----------------------


def _mode(path: Path) -> int:
    import stat

    return stat.S_IMODE(path.stat().st_mode)


def test_database_backups_and_exports_are_private_public_minutes_are_not(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    from panel_minutes.models import backup
    from panel_minutes.screens.export import write_minutes

    old_umask = os.umask(0o022)  # a usual umask: new files would be world-readable
    try:
        db = tmp_path / "minutes.db"
        store = Store(str(db))
        from panel_minutes.models.demo import write_demo

        meeting_id = write_demo(store)
        doc = store.load_document(meeting_id)
        store.close()
        assert _mode(db) == 0o600
        taken = backup.take_backup(db)
        assert taken is not None and _mode(taken) == 0o600

        def cli(*args: str) -> None:
            done = subprocess.run(
                [sys.executable, "-m", "panel_minutes.tui.cli", "--db", str(db), *args],
                capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
            )
            assert done.returncode == 0, done.stderr

        cli("export", str(meeting_id), "-o", str(tmp_path / "public.md"))
        cli("export", str(meeting_id), "--full", "-o", str(tmp_path / "full.md"))
        cli("export", str(meeting_id), "--format", "json", "-o", str(tmp_path / "bundle.json"))
        assert _mode(tmp_path / "public.md") == 0o644
        assert _mode(tmp_path / "full.md") == 0o600
        assert _mode(tmp_path / "bundle.json") == 0o600  # full fidelity: confidential

        # The app's export screen writes the same way, even over an existing public file.
        write_minutes(tmp_path / "app-public.md", render_markdown(doc), confidential=False)
        assert _mode(tmp_path / "app-public.md") == 0o644
        write_minutes(tmp_path / "app-public.md", render_markdown(doc, full=True),
                      confidential=True)
        assert _mode(tmp_path / "app-public.md") == 0o600
    finally:
        os.umask(old_umask)
