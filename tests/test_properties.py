"""Property tests: whatever a clerk types or pastes survives, and cannot reshape the minutes.

Any Unicode text (control characters, NUL, emoji, right-to-left scripts, bidi overrides, very
long lines, a 1 MB paste) put in every free-text field of every record (the panel, the people,
their seats and attendance, items with their number labels and exemption basis, entries,
declarations, actions with progress and completion notes, amendments), whether the screens can
set it or only a bundle can:

- is stored exactly (the database gives back what was typed, or for fields the store trims, the
  trimmed text);
- survives store -> JSON bundle -> import into another database exactly (the same text in the
  second database, and the exported Markdown, public and full, is identical);
- never changes the structure of the exported Markdown: the block tokens markdown-it-py sees
  (headings, paragraphs, lists, tables), and the inline ones that mean something (emphasis,
  links, code, raw HTML), are the same as for the same meetings with plain words; the file name
  offered for the export stays plain.

Times of day (start, end, arrival, a note's time) are not free text: the store and the bundle
refuse anything but HH:MM, so they are not in ``FIELDS``.
"""

from __future__ import annotations

import atexit
import os
import random
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from panel_minutes.models.bundle import dumps_bundle, export_bundle
from panel_minutes.models.domain import (
    ActionStatus,
    AttendanceStatus,
    EntryKind,
    MinutesDocument,
    Outcome,
)
from panel_minutes.models.export import default_export_name, render_markdown
from panel_minutes.models.store import Store
from panel_minutes.models.store.bundle_io import import_bundle

MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")
EXAMPLES = 40

FIELDS = (
    "item_title", "presenter", "document", "paragraph", "question", "answer", "asker_text",
    "resolution", "proposer", "seconder", "procedure", "action", "owner_text", "declaration",
    "update_note", "exempt_title", "exempt_public_title", "exempt_paragraph",
    # every other field of every record, typed in the screens or only set by a bundle
    "panel_name", "short_name", "host_authority", "default_venue", "chair_title", "venue",
    "person_title", "chair_name", "member_name", "pcc_name", "pcc_role", "organisation",
    "guest_name", "guest_role", "represents", "capacity", "number_label", "public_title",
    "exempt_basis", "exempt_number_label", "respondent_text", "completion_note", "amendment",
)

# Strings that have broken Markdown exporters and terminals before.
NASTY = (
    "# Not a heading", "1. not a list", "- not a bullet", "> not a quote", "---", "===",
    "| a | b |\n|---|---|", "<script>alert(1)</script>", "&amp; &#60;", "`code`", "**bold**",
    "[link](http://example.invalid)", "\x00", "NUL\x00inside", "\u202eright-to-left override",
    "\u2067isolate", "مرحبا بالعالم", "שלום עולם", "👍🏽👨‍👩‍👧 emoji", "e\u0301 combining",
    "line\r\nbreaks\rand\u2028separators", "\t\ttabs", "trailing backslash \\",
    "    indented code?", "\x1b[31mANSI\x1b[0m", "\ufeffBOM", "\u200bzero width",
)

_chars = st.characters(exclude_categories=["Cs"])  # lone surrogates cannot be typed or stored
TEXT = st.one_of(
    st.text(_chars, min_size=1, max_size=200),
    st.sampled_from(NASTY),
    st.lists(st.sampled_from(NASTY), min_size=2, max_size=5).map("\n".join),
    st.integers(500, 5000).map(lambda n: "a very long line " * n),
).map(lambda s: s if s.strip() else s + "x")


@dataclass(frozen=True)
class Written:
    meeting_id: int
    typed: dict[str, str]


def write_meeting(store: Store, typed: dict[str, str]) -> Written:
    """One meeting with every text field of every record filled from ``typed`` (approved, with
    an amendment), and a later meeting that reviews its actions (``later_meeting``)."""
    panel = store.create_panel(
        typed["panel_name"], short_name=typed["short_name"],
        host_authority=typed["host_authority"], default_venue=typed["default_venue"],
        chair_title=typed["chair_title"],
    )
    chair = store.create_person(typed["chair_name"], title=typed["person_title"],
                                organisation=typed["organisation"])
    member = store.create_person(typed["member_name"], title="Cllr")
    pcc = store.create_person(typed["pcc_name"], title="Ms", role=typed["pcc_role"])
    guest = store.create_person(typed["guest_name"], role=typed["guest_role"])
    store.add_member(panel.id, chair.id, represents=typed["represents"])
    store.add_member(panel.id, member.id)
    meeting = store.create_meeting(panel.id, date(2026, 5, 12), standing_agenda=False)
    store.update_meeting(meeting.id, venue=typed["venue"])
    store.set_attendance(meeting.id, chair.id, capacity=typed["capacity"])
    store.set_attendance(meeting.id, pcc.id)
    store.set_attendance(meeting.id, guest.id, AttendanceStatus.ALSO_PRESENT)
    item = store.add_item(
        meeting.id, typed["item_title"], presenter=typed["presenter"],
        documents=[typed["document"]], public_title=typed["public_title"],
    )
    store.update_item(item.id, number_label=typed["number_label"])  # a bundle can set it
    store.add_entry(item.id, EntryKind.PARAGRAPH, typed["paragraph"])
    store.add_entry(
        item.id, EntryKind.QUESTION, typed["question"], asker_id=member.id,
        respondent_id=pcc.id, answer=typed["answer"],
    )
    store.add_entry(
        item.id, EntryKind.QUESTION, typed["question"], asker_text=typed["asker_text"],
        respondent_text=typed["respondent_text"], answer=typed["answer"],
    )
    store.add_entry(
        item.id, EntryKind.RESOLUTION, typed["resolution"], proposer=typed["proposer"],
        seconder=typed["seconder"], vote_for=2, vote_against=0, outcome=Outcome.CARRIED,
    )
    store.add_entry(item.id, EntryKind.PROCEDURE, typed["procedure"], at_time="10:30")
    store.add_declaration(meeting.id, member.id, typed["declaration"], item_id=item.id)
    action = store.add_action(meeting.id, typed["action"], item_id=item.id,
                              owner_text=typed["owner_text"], due_date=date(2026, 6, 1))
    store.add_action_update(action.id, meeting.id, typed["update_note"])
    closed = store.add_action(meeting.id, typed["action"], item_id=item.id, owner_id=pcc.id)
    store.set_action_status(closed.id, ActionStatus.DONE, note=typed["completion_note"],
                            on=date(2026, 6, 2))
    exempt = store.add_item(
        meeting.id, typed["exempt_title"], exempt=True, public_title=typed["exempt_public_title"],
        exempt_basis=typed["exempt_basis"],
    )
    store.update_item(exempt.id, number_label=typed["exempt_number_label"])
    store.add_entry(exempt.id, EntryKind.PARAGRAPH, typed["exempt_paragraph"])
    store.approve_minutes(meeting.id, at_meeting_id=None)
    store.record_amendment(meeting.id, typed["amendment"])
    return Written(meeting.id, typed)


def later_meeting(store: Store, written: Written) -> int:
    """The panel's next meeting, whose action log reviews the first meeting's actions."""
    panel_id = store.get_meeting(written.meeting_id).panel_id
    later = store.create_meeting(panel_id, date(2026, 7, 14), standing_agenda=False)
    store.add_item(later.id, "Action log")
    return later.id


def stored_texts(doc: MinutesDocument) -> list[str]:
    """Every clerk-typed text of the meeting as the database holds it, in a stable order."""
    p = doc.panel
    out: list[str] = [p.name, p.short_name, p.host_authority, p.default_venue, p.chair_title,
                      doc.meeting.venue]
    for a in doc.attendance:
        out += [a.person.title, a.person.name, a.person.role, a.person.organisation, a.capacity]
    for item in doc.items:
        out += [item.title, item.public_title, item.presenter, *item.documents,
                item.number_label, item.exempt_basis]
        for e in doc.entries.get(item.id, ()):
            out += [e.kind.value, e.text, e.answer, e.asker_text, e.respondent_text,
                    e.proposer, e.seconder, e.at_time]
    out += [d.text for d in doc.declarations]
    for act in doc.actions:
        out += [act.text, act.owner_text, act.completion_note]
        out += [u.note for u in doc.action_updates.get(act.id, ())]
    out += [m.text for m in doc.amendments]
    return out


# Inline tokens that only plain text and hard line breaks may not give.
_MEANINGFUL_INLINE = frozenset({
    "em_open", "strong_open", "s_open", "link_open", "image", "code_inline", "html_inline",
})


def structure(markdown: str) -> list[tuple[str, str, int]]:
    """The block tokens, each inline one by the meaningful inline tokens it holds."""
    out = []
    for token in MD.parse(markdown):
        if token.type != "inline":
            out.append((token.type, token.tag, token.level))
            continue
        out += [(c.type, c.tag, c.level) for c in token.children or ()
                if c.type in _MEANINGFUL_INLINE]
    return out


_EXPORT_NAME = re.compile(r"\d{4}-\d\d-\d\d-[a-z0-9]+(?:-[a-z0-9]+)*-minutes(?:-full)?\.md")


_TEMPLATE: dict[str, Path] = {}
# Scratch databases in memory-backed /dev/shm where there is one: fsync costs nothing there, so
# the examples test the text handling rather than the disk.
_SCRATCH = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
_PLAIN: dict[tuple[bool, bool], list[tuple[str, str, int]]] = {}


def _fresh_store(path: Path) -> Store:
    """A new empty database, copied from one made once (creating the schema is the slow part)."""
    if "db" not in _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="pm-template-", dir=_SCRATCH))
        atexit.register(shutil.rmtree, folder, True)
        Store(str(folder / "empty.db")).close()
        _TEMPLATE["db"] = folder / "empty.db"
    shutil.copyfile(_TEMPLATE["db"], path)
    return Store(str(path))


def _plain_structure(full: bool, later: bool = False) -> list[tuple[str, str, int]]:
    """Blocks (headings included, so their count too) of the same meeting, or the later one,
    with plain words (computed once)."""
    if (full, later) not in _PLAIN:
        with tempfile.TemporaryDirectory(dir=_SCRATCH) as folder:
            plain = _fresh_store(Path(folder) / "plain.db")
            try:
                words = write_meeting(plain, {k: f"Plain words for {k}" for k in FIELDS})
                shown = later_meeting(plain, words) if later else words.meeting_id
                md = render_markdown(plain.load_document(shown), full=full)
            finally:
                plain.close()
        _PLAIN[(full, later)] = structure(md)
    return _PLAIN[(full, later)]


def round_trip(typed: dict[str, str], folder: Path) -> None:
    first = _fresh_store(folder / "first.db")
    second = _fresh_store(folder / "second.db")
    try:
        written = write_meeting(first, typed)
        doc = first.load_document(written.meeting_id)
        entries = {e.kind: e for e in doc.entries[doc.items[0].id]}
        # Stored exactly as typed (entry text is never trimmed).
        assert entries[EntryKind.PARAGRAPH].text == typed["paragraph"]
        assert entries[EntryKind.QUESTION].answer == typed["answer"]
        assert entries[EntryKind.RESOLUTION].text == typed["resolution"]
        assert doc.entries[doc.items[1].id][0].text == typed["exempt_paragraph"]

        bundle = dumps_bundle(export_bundle(first, written.meeting_id))
        imported = import_bundle(second, bundle)
        again = second.load_document(imported)
        assert stored_texts(again) == stored_texts(doc)
        next_doc = first.load_document(later_meeting(first, written))
        for full in (False, True):
            typed_md = render_markdown(doc, full=full)
            assert render_markdown(again, full=full) == typed_md
            # Same meeting with plain words: the Markdown has exactly the same blocks.
            assert structure(typed_md) == _plain_structure(full)
            assert structure(render_markdown(next_doc, full=full)) == _plain_structure(full, True)
            assert _EXPORT_NAME.fullmatch(default_export_name(doc, full=full))
    finally:
        first.close()
        second.close()


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.fixed_dictionaries({name: TEXT for name in FIELDS}))
def test_any_text_survives_the_round_trip_and_keeps_the_structure(
    typed: dict[str, str],
) -> None:
    with tempfile.TemporaryDirectory(dir=_SCRATCH) as folder:
        round_trip(typed, Path(folder))


def test_a_one_megabyte_paste_survives(tmp_path: Path) -> None:
    rng = random.Random(20261117)
    pool = (
        "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?-#>|*_`[]<&\\"
        "éüßøñ中文字مرحباשלום👍🏽🚓\u202e\u200b\x00\x07\t\r\n\u2028"
    )
    paste = "".join(rng.choice(pool) for _ in range(1_000_000))
    assert len(paste.encode("utf-8")) > 1_000_000
    typed = {name: f"Short {name}" for name in FIELDS}
    typed["paragraph"] = paste
    typed["answer"] = "x" * 200_000  # one very long line
    round_trip(typed, tmp_path)
