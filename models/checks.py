"""Checks before publishing: warnings, never blocks, each saying where and what to do.

``check_minutes(doc, public_texts)`` looks at one meeting's minutes as they would be published:

- **leak**: a run of words from an exempt (Part 2) item (its confidential title, entries, answers,
  documents, presenter, declarations, actions) found in the PUBLIC rendering of any format. The
  caller passes each format's public text (``panel_minutes.models.publish.check_texts`` renders them); a run
  counts when it is ``LEAK_RUN`` words long (or a whole exempt text shorter than that, of at
  least two words) and does not also occur in the public items' own typed text (words the public
  part shares with the exempt part, such as "the Panel noted the report", are not a leak);
- an item with nothing minuted (standing items the app words itself are exempt from this);
- a resolution with no text, or with no proposer or seconder when the house style prints them;
- a vote that does not add up (carried with more against than for) or that counts more voting
  members than were present at the time;
- an action with no owner or no due date;
- attendance never taken;
- an exempt item with no legal basis, or no public summary when the house style prints one;
- names that are not at the meeting (an asker, respondent, owner, proposer or seconder who is
  not on the attendance list);
- minutes that are still a draft.

Pure functions of the document: no store, no Textual. Fast enough to run on every export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from panel_minutes.models.domain import (
    ActionData,
    AttendanceData,
    AttendanceStatus,
    EntryData,
    EntryKind,
    ItemData,
    ItemKind,
    MinutesDocument,
    Outcome,
)
from panel_minutes.models.exempt import is_1960_act
from panel_minutes.models.movements import movements_in, presence, voters_at
from panel_minutes.models.numbering import item_numbers

LEAK_RUN = 7  # words: a run this long from an exempt item found in public output is a leak
# A run must hold at least this many content words (not in _COMMON, longer than three letters),
# so that stock phrasing ("that the report be noted by the Panel") is never taken for a leak.
CONTENT_WORDS = 3
_COMMON = frozenset(
    ["that", "this", "with", "from", "were", "have", "been", "which", "their", "there", "would", "could", "should", "about", "into", "panel", "noted", "note", "resolved", "agreed", "report", "meeting", "item", "members", "member", "chair", "commissioner", "council", "councillor", "cllr", "minutes", "they", "them", "also", "said", "asked", "replied"]
)

# Items the app words itself when nothing is typed (apologies, declarations, the action log).
_SELF_WORDED = frozenset({ItemKind.APOLOGIES, ItemKind.DECLARATIONS, ItemKind.ACTION_LOG})
_AT_MEETING = frozenset(
    {
        AttendanceStatus.PRESENT,
        AttendanceStatus.SUBSTITUTE,
        AttendanceStatus.ALSO_PRESENT,
        AttendanceStatus.IN_ATTENDANCE,
    }
)
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


class Check(StrEnum):
    LEAK = "leak"
    EMPTY_ITEM = "empty item"
    RESOLUTION = "resolution"
    VOTE = "vote"
    ACTION = "action"
    ATTENDANCE = "attendance"
    EXEMPT = "exempt item"
    NAME = "name"
    DRAFT = "draft"


@dataclass(frozen=True, slots=True)
class Finding:
    check: Check
    where: str  # "Item 7 (Complaint handling matter), entry 2" (public titles) or "the HTML"
    problem: str  # what is wrong, one sentence
    fix: str  # what to do, one sentence

    def line(self) -> str:
        return f"{self.where}: {self.problem} {self.fix}"


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, without punctuation or markup."""
    return [w.lower().replace("\u2019", "'") for w in _WORD.findall(text)]


def _runs(tokens: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


# --- what an exempt item holds -----------------------------------------------------------------


def _entry_texts(entry: EntryData) -> list[str]:
    return [entry.text, entry.answer, entry.asker_text, entry.respondent_text]


def exempt_texts(doc: MinutesDocument) -> dict[int, list[str]]:
    """Item id -> every typed text of that exempt item that public minutes must not show."""
    out: dict[int, list[str]] = {}
    for item in doc.items:
        if not item.exempt:
            continue
        texts = [item.presenter, *item.documents]
        if " ".join(words(item.title)) != " ".join(words(item.shown_public_title)):
            texts.append(item.title)
        for entry in doc.entries.get(item.id, ()):
            texts.extend(_entry_texts(entry))
        texts.extend(d.text for d in doc.declarations if d.item_id == item.id)
        texts.extend(a.text for a in doc.actions if a.item_id == item.id)
        texts.extend(
            a.text for a in doc.earlier_actions if a.id in doc.confidential_action_ids
        )
        out[item.id] = [t for t in texts if t.strip()]
    return out


def _public_source(doc: MinutesDocument) -> set[tuple[str, ...]]:
    """Every short text (under ``LEAK_RUN`` words) typed in the public part, as its words: a
    short exempt text that the public part also holds word for word is not a leak. (A longer
    public text cannot equal a short exempt one, so it is not cut up.)"""
    texts: list[str] = [doc.panel.name, doc.meeting.venue]
    texts.extend(r.person.full_name for r in doc.attendance)
    for item in doc.items:
        texts.append(item.shown_public_title if item.exempt else item.title)
        if item.exempt:
            continue
        texts.extend([item.presenter, *item.documents])
        for entry in doc.entries.get(item.id, ()):
            texts.extend(t for t in _entry_texts(entry) if len(t) < 200)
    exempt_ids = {i.id for i in doc.items if i.exempt}
    texts.extend(d.text for d in doc.declarations if d.item_id not in exempt_ids)
    texts.extend(a.text for a in doc.actions if a.item_id not in exempt_ids)
    shared: set[tuple[str, ...]] = set()
    for text in texts:
        tokens = words(text)
        if len(tokens) < LEAK_RUN:
            shared.add(tuple(tokens))
    return shared


def _telling(run: tuple[str, ...]) -> bool:
    return sum(1 for w in run if len(w) > 3 and w not in _COMMON) >= CONTENT_WORDS


def leaks(doc: MinutesDocument, public_texts: Mapping[str, str]) -> list[Finding]:
    """Runs of exempt words found in each format's public text (format name -> its text)."""
    shared = _public_source(doc)
    numbers = item_numbers(doc)
    findings: list[Finding] = []
    rendered = {name: " ".join(words(text)) for name, text in public_texts.items()}
    for item_id, texts in exempt_texts(doc).items():
        needles: list[tuple[str, ...]] = []
        for text in texts:
            tokens = words(text)
            if len(tokens) >= LEAK_RUN:
                needles.extend(r for r in _runs(tokens, LEAK_RUN) if _telling(r))
            elif len(tokens) >= 2 and tuple(tokens) not in shared:
                needles.append(tuple(tokens))
        if not needles:
            continue
        for name, flat in rendered.items():
            padded = f" {flat} "
            hit = next((n for n in needles if f" {' '.join(n)} " in padded), None)
            if hit is not None:
                findings.append(
                    Finding(
                        Check.LEAK,
                        f"the public {name}",
                        f"words of exempt item {numbers.get(item_id, '?')} appear in it "
                        f"(\u201c{' '.join(hit)}\u201d).",
                        "Find where they were typed in a public item or title and reword it, "
                        "or publish the full minutes only to those entitled to them.",
                    )
                )
    return findings


# --- the other checks --------------------------------------------------------------------------


def _where(item: ItemData, numbers: Mapping[int, str], entry_index: int | None = None) -> str:
    """"Item 7 (Title), entry 2": an exempt item by its public title, since warnings are shown
    on the export screen (perhaps on a projector) and printed by ``check``."""
    title = " ".join((item.shown_public_title if item.exempt else item.title).split())
    where = f"Item {numbers.get(item.id, '?')} ({title})"
    return where if entry_index is None else f"{where}, entry {entry_index}"


def _shows(template: str, placeholder: str) -> bool:
    return "{" + placeholder + "}" in template


def _present_names(doc: MinutesDocument) -> frozenset[str]:
    return _names_cache(doc.attendance)


@lru_cache(maxsize=8)
def _names_cache(attendance: tuple[AttendanceData, ...]) -> frozenset[str]:
    names: set[str] = set()
    for record in attendance:
        if record.status not in _AT_MEETING:
            continue
        person = record.person
        for name in (person.name, person.full_name, person.styled_name, person.name.split()[-1:]):
            if isinstance(name, list):
                names.update(n.lower() for n in name)
            elif name.strip():
                names.add(" ".join(name.split()).lower())
    return frozenset(names)


def _named_here(name: str, present: frozenset[str]) -> bool:
    """Whether a typed name is someone on the attendance list (any of their name forms)."""
    cleaned = " ".join(name.replace(".", " ").split()).lower()
    if not cleaned or cleaned in present:
        return True
    # "Cllr Marsh", "Councillor Helen Marsh", "the Commissioner": a surname match is enough,
    # and a role ("the Chair", "the Clerk", "the Commissioner") is not a name to check.
    if cleaned.startswith(("the ", "a ", "an ")):
        return True
    return any(part in present for part in cleaned.split()[1:]) or cleaned.split()[-1] in present


def _resolution_findings(
    doc: MinutesDocument, item: ItemData, index: int, entry: EntryData, where: str,
    voters: int | None,
) -> list[Finding]:
    out: list[Finding] = []
    text = entry.text.strip()
    if text[:8].upper() == "RESOLVED":
        text = text[8:].strip(" :-")
    if not text:
        out.append(Finding(Check.RESOLUTION, where, "A resolution has no text.",
                           "Type what was resolved, or delete the entry."))
    template = doc.style.vote_template
    counted = [v for v in (entry.vote_for, entry.vote_against, entry.vote_abstain) if v is not None]
    voted = bool(counted) or entry.outcome is not Outcome.NONE
    if voted and _shows(template, "proposer") and not entry.proposer.strip():
        out.append(Finding(Check.RESOLUTION, where, "The resolution has no proposer.",
                           "Add who proposed it (the house style prints the proposer)."))
    if voted and _shows(template, "seconder") and not entry.seconder.strip():
        out.append(Finding(Check.RESOLUTION, where, "The resolution has no seconder.",
                           "Add who seconded it (the house style prints the seconder)."))
    for_, against = entry.vote_for or 0, entry.vote_against or 0
    both = entry.vote_for is not None and entry.vote_against is not None
    if both and entry.outcome is Outcome.CARRIED and for_ < against and not entry.casting_vote:
        out.append(Finding(Check.VOTE, where,
                           f"The vote is minuted as carried with {for_} for and {against} "
                           "against.", "Check the counts or the outcome."))
    if both and entry.outcome is Outcome.LOST and for_ > against:
        out.append(Finding(Check.VOTE, where,
                           f"The vote is minuted as lost with {for_} for and {against} "
                           "against.", "Check the counts or the outcome."))
    if entry.outcome is Outcome.UNANIMOUS and (entry.vote_against or 0) > 0:
        out.append(Finding(Check.VOTE, where, "A unanimous vote has votes against.",
                           "Check the counts or the outcome."))
    total = sum(counted)
    if voters and total > voters:
        out.append(Finding(Check.VOTE, where,
                           f"The vote counts {total} votes but {voters} voting members were "
                           "present.", "Check the counts, or who had arrived or left by then."))
    for role, name in (("proposer", entry.proposer), ("seconder", entry.seconder)):
        if name.strip() and doc.attendance and not _named_here(name, _present_names(doc)):
            out.append(Finding(Check.NAME, where,
                               f"The {role}, {' '.join(name.split())}, is not on the attendance "
                               "list.", "Correct the name, or add them to the attendance."))
    return out


def _question_findings(doc: MinutesDocument, entry: EntryData, where: str) -> list[Finding]:
    out: list[Finding] = []
    present_ids = {r.person.id for r in doc.attendance if r.status in _AT_MEETING}
    for role, person_id, typed in (
        ("asker", entry.asker_id, entry.asker_text),
        ("respondent", entry.respondent_id, entry.respondent_text),
    ):
        if person_id is not None and doc.attendance and person_id not in present_ids:
            name = doc.person_name(person_id, typed)
            out.append(Finding(Check.NAME, where,
                               f"The {role}, {name}, is not on the attendance list as present.",
                               "Correct the name, or mark them present in the attendance."))
    return out


def _action_findings(
    doc: MinutesDocument, action: ActionData, numbers: Mapping[int, str]
) -> list[Finding]:
    item = next((i for i in doc.items if i.id == action.item_id), None)
    where = f"Action {action.ref}" + (f" ({_where(item, numbers)})" if item else "")
    out: list[Finding] = []
    if action.owner_id is None and not action.owner_text.strip():
        out.append(Finding(Check.ACTION, where, "The action has no owner.",
                           "Say who will do it."))
    if action.due_date is None and not getattr(action, "due_text", "").strip():
        out.append(Finding(Check.ACTION, where, "The action has no due date.",
                           "Give a date or \u201cnext meeting\u201d."))
    present_ids = {r.person.id for r in doc.attendance if r.status in _AT_MEETING}
    if action.owner_id is not None and doc.attendance and action.owner_id not in present_ids:
        name = doc.person_name(action.owner_id, action.owner_text)
        # An owner need not attend (an officer of the Commissioner's office): only a note.
        if action.owner_id not in doc.people:
            out.append(Finding(Check.NAME, where, f"The owner {name} is not known.",
                               "Pick the owner again."))
    return out


def _exempt_findings(doc: MinutesDocument, item: ItemData, where: str) -> list[Finding]:
    out: list[Finding] = []
    basis = item.exempt_basis.lower()
    if not any(law in basis for law in ("paragraph", "section", "1960", "schedule 12a")):
        out.append(Finding(Check.EXEMPT, where, "The exempt item names no legal basis.",
                           "Choose the paragraph of Schedule 12A (or the 1960 Act) it was "
                           "taken under."))
    if not item.public_summary.strip() and _shows(
        doc.style.exempt_template, "summary"
    ):
        # s100C binds principal councils (Schedule 12A); a parish or town council excludes the
        # public under the 1960 Act, which asks no such record
        why = ("." if is_1960_act(item.exempt_basis)
               else ", as s100C of the Local Government Act 1972 expects.")
        out.append(Finding(Check.EXEMPT, where, "The exempt item has no public summary.",
                           f"Write a line the public may read (what was decided){why}"))
    return out


def content_findings(doc: MinutesDocument) -> list[Finding]:
    """Every check but the leak check, in the order of the minutes."""
    findings: list[Finding] = []
    numbers = item_numbers(doc)
    if not any(r.status in _AT_MEETING for r in doc.attendance):
        findings.append(Finding(Check.ATTENDANCE, "Attendance", "Attendance was never taken.",
                                "Mark who was present (Setup, Attendance)."))
    notes = [e for item in doc.items for e in doc.entries.get(item.id, ())]
    presences = presence(doc.attendance, movements_in(notes, [a.person for a in doc.attendance]))
    voters_when: dict[str, int] = {}  # time of the vote ("" untimed) -> voting members present

    def voters(at: str) -> int | None:
        if not presences:
            return None
        if at not in voters_when:
            voters_when[at] = voters_at(presences.values(), at or None)
        return voters_when[at]

    for item in doc.items:
        entries = doc.entries.get(item.id, ())
        where = _where(item, numbers)
        if item.exempt:
            findings.extend(_exempt_findings(doc, item, where))
        if not entries and item.kind not in _SELF_WORDED:
            findings.append(Finding(Check.EMPTY_ITEM, where, "Nothing is minuted for this item.",
                                    "Minute what happened, or a note that it was not taken."))
        for index, entry in enumerate(entries, start=1):
            here = _where(item, numbers, index)
            if entry.kind is EntryKind.RESOLUTION:
                findings.extend(
                    _resolution_findings(doc, item, index, entry, here, voters(entry.at_time))
                )
            elif entry.kind is EntryKind.QUESTION:
                findings.extend(_question_findings(doc, entry, here))
    for action in doc.actions:
        findings.extend(_action_findings(doc, action, numbers))
    if not doc.meeting.is_approved:
        findings.append(Finding(Check.DRAFT, "The minutes", "These minutes are still a draft.",
                                "Publish them marked as a draft, or approve them at the next "
                                "meeting first."))
    return findings


def check_minutes(
    doc: MinutesDocument, public_texts: Mapping[str, str] | None = None
) -> list[Finding]:
    """Every check on ``doc``: the leak check over each format's public text, then the rest."""
    return [*leaks(doc, public_texts or {}), *content_findings(doc)]


def summary(findings: Iterable[Finding]) -> str:
    """"3 warnings (1 leak, 2 empty items)" or "No warnings"."""
    found = list(findings)
    if not found:
        return "No warnings: the minutes passed every check."
    counts: dict[str, int] = {}
    for f in found:
        counts[f.check.value] = counts.get(f.check.value, 0) + 1
    parts = ", ".join(f"{n} {name}{'s' if n > 1 else ''}" for name, n in counts.items())
    plural = "s" if len(found) > 1 else ""
    return f"{len(found)} warning{plural} ({parts})"
