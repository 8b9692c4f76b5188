"""A meeting's minutes as CommonMark Markdown (with GFM tables for the action lists).

``render_markdown(doc)`` gives the PUBLIC minutes: an exempt ("Part 2") item shows only its
number, its public title and the basis on which it was taken in private; nothing else of it
(confidential title, entries, declarations, documents, presenter, actions) appears anywhere.
``render_markdown(doc, full=True)`` gives everything, marked CONFIDENTIAL at the top.

The output is deterministic: the same document always gives the same bytes (no "now").
Every piece of clerk-typed text goes through ``panel_minutes.models.export.escape``, so no text can change the
structure of the minutes. The text is built as a list of blocks joined once.

Wording: people in attendance lists are shown by full name ("Cllr Helen Marsh"), in running
text by styled name ("Cllr Marsh"). Every minute entry is worded by ``panel_minutes.models.export.wording``
(``entry_spans``); this module only escapes each span and marks it up by its role ("RESOLVED" in
bold, the vote in italics).
"""

from __future__ import annotations

import re

from panel_minutes.models.domain import (
    ActionData,
    ActionStatus,
    AttendanceData,
    AttendanceStatus,
    DeclarationData,
    EntryData,
    ItemData,
    ItemKind,
    MinutesDocument,
    Numbering,
    PersonData,
)
from panel_minutes.models.export import action_wording, escape
from panel_minutes.models.export.names import Mentions, full_name, name_as, running_name
from panel_minutes.models.export.templates import fill
from panel_minutes.models.export.wording import (
    PARAGRAPH_BREAK,
    Role,
    Span,
    closing_sentence,
    entry_spans,
    join_names,
    sentence,
)
from panel_minutes.models.house_style import DEFAULT as DEFAULT_STYLE
from panel_minutes.models.house_style import (
    HouseStyle,
    ItemHeading,
    MovementStyle,
    ParagraphNumbers,
    TimeStyle,
)
from panel_minutes.models.movements import counts_as_present, minute_notes, movements_in, presence
from panel_minutes.models.numbering import (
    entry_numbers,
    is_sub_item,
    item_numbers,
    numbers_own_sentences,
    paragraph_label,
    paragraph_style,
)
from panel_minutes.models.parsing import long_date, minutes_time, weekday_date
from panel_minutes.models.public_count import members_of_the_public

_STATUS_LABEL = {
    ActionStatus.OPEN: "Open",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Dropped",
}
SIGNATURE_LINE = "______________________ Date: ______________"


def _markdown_span(
    span: Span, indent: str, lists: bool = False, style: HouseStyle = DEFAULT_STYLE
) -> str:
    """One span of a worded entry (``panel_minutes.models.export.wording``) as Markdown: escaped when typed
    (with ``lists``, typed bulleted lists and ``|`` tables stay lists and tables); the label
    bold and the vote in italics as the house style says."""
    role = span.role
    if role is Role.WORDS:
        return span.text + indent if span.text == PARAGRAPH_BREAK else span.text
    if role is Role.HINT:
        return ""
    if role is Role.LABEL:
        return f"**{span.text}**" if style.resolution_bold else span.text
    if role is Role.VOTE:
        shown = escape.inline(span.text)
        return f"*{shown}*" if style.vote_italic else shown
    if role is Role.NAME:
        return escape.inline(span.text)
    if lists and role is Role.TEXT:
        return escape.blocks(span.text, indent=indent)
    return escape.paragraph(span.text, indent=indent)


# A block that cannot follow a run-in heading on its line: a list, table, heading or quote.
_NOT_RUN_IN = re.compile(r"(?:[-*+] |\d{1,9}[.)] |\||#|>|---)")


# A time as ``minutes_time`` prints it ("10:30", "7.00 pm", "12.00 noon"): safe as it is.
_SHOWN_TIME = re.compile(r"\d{1,2}[.:]\d\d(?: (?:am|pm|noon))?")


# A minute number that needs no escaping ("4a", "4.1", "64/17c").
_PLAIN_NUMBER = re.compile(r"[0-9A-Za-z]+(?:[./][0-9A-Za-z]+)*")


class _Renderer:
    def __init__(self, doc: MinutesDocument, full: bool) -> None:
        self.doc = doc
        self.full = full
        self.blocks: list[str] = []
        self.numbers = item_numbers(doc)
        self.items_by_id = {item.id: item for item in doc.items}
        self.running = doc.panel.numbering is Numbering.RUNNING
        self.style = doc.style
        self.sub_items = {
            item.id for index, item in enumerate(doc.items) if is_sub_item(doc.items, index)
        }
        self.mentions = Mentions(doc.style)
        self.inlined: set[int] = set()  # actions minuted after their item
        notes = [e for item in doc.items for e in doc.entries.get(item.id, ())]
        self.presence = presence(
            doc.attendance, movements_in(notes, [a.person for a in doc.attendance])
        )

    # --- helpers ---------------------------------------------------------------------------------

    def hidden(self, item_id: int | None) -> bool:
        """Whether content attached to this item is left out (public minutes, exempt item)."""
        if self.full or item_id is None:
            return False
        item = self.items_by_id.get(item_id)
        return item is not None and item.exempt

    def add(self, block: str) -> None:
        if block:
            self.blocks.append(block)

    def person(self, person_id: int | None, fallback: str, *, styled: bool) -> str:
        """Escaped name of a person (styled "Cllr Marsh" or full), or the typed fallback."""
        if person_id is not None and person_id in self.doc.people:
            p = self.doc.people[person_id]
            return escape.inline(
                running_name(p, self.style, self.mentions) if styled else full_name(p, self.style)
            )
        return escape.inline(fallback)

    def item_ref(self, item: ItemData) -> str:
        """"item 5" or "minute 107/26", in running text: the number may be a typed label."""
        word = "minute" if self.running else "item"
        return f"{word} {escape.inline(self.numbers[item.id])}"

    # --- header ----------------------------------------------------------------------------------

    def header(self) -> None:
        doc = self.doc
        if self.full:
            self.add(
                "**CONFIDENTIAL: full minutes, including exempt items. Not for publication.**"
            )
        self.add(f"# {escape.heading(doc.panel.name)}")
        meeting = doc.meeting
        self.add(f"## {self.heading_line()}")
        if not self.style.status_line:
            return
        if meeting.is_approved:
            if doc.approved_at_meeting_date is not None:
                status = (
                    "Approved as a correct record at the meeting held on "
                    f"{long_date(doc.approved_at_meeting_date)}"
                )
            elif meeting.approved_at is not None:
                status = f"Approved as a correct record on {long_date(meeting.approved_at.date())}"
            else:
                status = "Approved as a correct record"
        else:
            status = "Draft, to be approved at the next meeting"
        self.add(f"**Status:** {status}")

    def time(self, kept: str) -> str:
        """A kept time ("19:00") as the house style prints it ("7.00 pm"); text that is not a
        time is escaped."""
        shown = minutes_time(kept, self.style.times is TimeStyle.TWELVE)
        return shown if _SHOWN_TIME.fullmatch(shown) else escape.inline(shown)

    def heading_line(self) -> str:
        """"Minutes of the Ordinary Meeting of ... held on ... at ... in ...": the house
        style's ``heading_template``, its empty parts dropped (``panel_minutes.models.export.templates``)."""
        meeting = self.doc.meeting
        time = self.time(meeting.start_time)
        return fill(
            self.style.heading_template,
            kind=escape.heading(meeting.kind.value),
            panel=escape.heading(self.doc.panel.name),
            date=weekday_date(meeting.held_on),
            time=time if _SHOWN_TIME.fullmatch(time) else escape.heading(meeting.start_time),
            venue=escape.heading(meeting.venue),
        )

    # --- attendance ------------------------------------------------------------------------------

    def attendance(self) -> None:
        groups: dict[AttendanceStatus, list[AttendanceData]] = {}
        for record in self.doc.attendance:
            status = record.status
            if status is AttendanceStatus.SUBSTITUTE or (
                status in (AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT)
                and counts_as_present(self.presence[record.id])
            ):  # a member minuted arriving after all is present from then
                status = AttendanceStatus.PRESENT
            groups.setdefault(status, []).append(record)
        chair = self.doc.panel.chair_title.strip().lower() or "chair"

        def rank(record: AttendanceData) -> int:
            capacity = record.capacity.strip().lower()
            if capacity in (chair, "chair", "chairman", "chairperson"):
                return 0
            if capacity.startswith("vice"):
                return 1
            return 2

        present = sorted(groups.get(AttendanceStatus.PRESENT, []), key=rank)
        apologies = groups.get(AttendanceStatus.APOLOGIES, [])
        rows = (
            ("Present", present, self.member_label),
            (
                "Apologies",
                apologies if self.doc.style.apologies_in_attendance else [],
                self.member_label,
            ),
            ("Absent", groups.get(AttendanceStatus.ABSENT, []), self.member_label),
            ("Also present", groups.get(AttendanceStatus.ALSO_PRESENT, []), self.guest_label),
        )
        for label, records, describe in rows:
            if records:
                self.add(f"**{label}:** " + ", ".join(describe(r) for r in records))
        shown = [
            self.guest_label(r) for r in groups.get(AttendanceStatus.IN_ATTENDANCE, [])
        ]
        public = self.doc.meeting.public_count
        if public:  # "four members of the public", at the end of "In attendance"
            shown.append(members_of_the_public(public))
        if shown:
            self.add("**In attendance:** " + ", ".join(shown))

    def shown_name(self, person: PersonData) -> str:
        """A name in the attendance: in full, the councillor title as the style prints it."""
        return full_name(person, self.doc.style)

    def member_label(self, record: AttendanceData) -> str:
        notes: list[str] = []
        if record.capacity.strip():
            notes.append(escape.inline(record.capacity))
        elif "co-opted" in record.person.role.lower():
            notes.append(escape.inline(record.person.role))
        if self.doc.style.show_councils and record.represents.strip():
            notes.append(escape.inline(record.represents))
        if record.status is AttendanceStatus.SUBSTITUTE and record.substitute_for is not None:
            notes.append(
                f"substitute for {escape.inline(self.shown_name(record.substitute_for))}"
            )
        elif record.status is AttendanceStatus.SUBSTITUTE:
            notes.append("substitute")
        if counts_as_present(self.presence[record.id]):
            notes.extend(self.times(record))
        if record.note.strip():
            notes.append(escape.inline(record.note))
        return self.labelled(self.shown_name(record.person), notes)

    def guest_label(self, record: AttendanceData) -> str:
        notes: list[str] = []
        role = record.capacity.strip() or record.person.role.strip()
        if role:
            notes.append(escape.inline(role))
        notes.extend(self.times(record))
        if record.note.strip():
            notes.append(escape.inline(record.note))
        return self.labelled(self.shown_name(record.person), notes)

    def times(self, record: AttendanceData) -> list[str]:
        """"from 10.55 am", "until 11.15 am" or "from minute 112/26", "for minutes 108/26 to
        112/26": from the record's own times and the arrivals and departures minuted in
        procedural notes (``panel_minutes.models.movements``), as the house style's ``movements`` says."""
        style = self.doc.style
        if style.movements is MovementStyle.MINUTE:
            word = "minute" if self.running else "item"
            notes = minute_notes(
                self.presence[record.id], self.doc.taken_items(), self.numbers, word
            )
        else:
            notes = self.presence[record.id].notes()
        twelve = style.times.value == "12h"
        return [  # "from 10:55" as the style prints times ("from 10.55 am")
            escape.inline(" ".join(
                minutes_time(w, twelve) if w[:1].isdigit() and ":" in w else w
                for w in note.split(" ")
            ))
            for note in notes
        ]

    @staticmethod
    def labelled(name: str, notes: list[str]) -> str:
        shown = escape.inline(name)
        return f"{shown} ({', '.join(notes)})" if notes else shown

    # --- declarations ----------------------------------------------------------------------------

    def declaration_text(self, decl: DeclarationData, indent: str) -> str:
        """The declaration as typed when it names the member (the first); otherwise prefixed by
        the names of every member who made it ("Councillor Pike and Councillor Adeyemi
        declared that ...")."""
        text = escape.clean(decl.text).strip()
        person = decl.person
        surname = person.name.split()[-1] if person.name.split() else person.name
        lowered = text.lower()
        style = self.doc.style
        names_member = any(
            n and lowered.startswith(n.lower())
            for n in (
                person.full_name, person.styled_name, person.name, surname,
                full_name(person, style), name_as(person, style, style.procedural_names),
            )
        )
        body = escape.paragraph(text, indent=indent)
        if names_member:
            return body
        names = [name_as(p, style, style.procedural_names) for p in decl.people]
        name = join_names([escape.inline(n) for n in names])
        if lowered.startswith("that ") or len(names) > 1:
            return f"{name} declared {body}"
        return f"{name}: {body}"

    def visible_declarations(self) -> list[DeclarationData]:
        return [
            d for d in self.doc.declarations
            if not any(self.hidden(i) for i in d.item_ids)
        ]

    def declaration_line(self, decl: DeclarationData, indent: str) -> str:
        """The declaration with the items it is on ("(item 4)", ", in relation to item 4."),
        unless its text already names each of them."""
        line = self.declaration_text(decl, indent)
        refs = []
        named = [self.items_by_id[i] for i in decl.item_ids if i in self.items_by_id]
        for item in sorted(named, key=lambda i: (i.position, i.id)):
            ref = self.item_ref(item)
            if not _names_ref(decl.text, self.numbers[item.id]) and ref not in refs:
                refs.append(ref)
        if not refs:
            return line
        template = self.doc.style.declaration_item_template
        if template.rstrip().endswith("."):
            line = line.rstrip()
            line = line[:-1] if line.endswith(".") else line
        return line + template.replace("{ref}", join_names(refs))

    def declarations_list(self, declarations: list[DeclarationData]) -> str:
        if self.doc.style.declarations_as_list:
            return "\n".join(f"- {self.declaration_line(d, '  ')}" for d in declarations)
        return "\n\n".join(self.declaration_line(d, "") for d in declarations)

    def has_declarations_item(self) -> bool:
        return any(
            i.kind is ItemKind.DECLARATIONS and (self.full or not i.exempt) for i in self.doc.items
        )

    def loose_declarations(self) -> None:
        """Declarations when the agenda has no declarations item: listed after attendance."""
        if self.has_declarations_item():
            return
        visible = self.visible_declarations()
        if visible:
            self.add("**Declarations of interest:**")
            self.add(self.declarations_list(visible))

    # --- items -----------------------------------------------------------------------------------

    def items(self) -> None:
        for item in self.doc.items:
            start = len(self.blocks)
            if item.exempt and not self.full:
                self.exempt_stub(item)
            else:
                self.item(item)
            if self.style.item_heading is ItemHeading.RUN_IN:
                self.run_in(start)

    def item_heading(self, item: ItemData, title: str) -> str:
        """"### 3. Title" ("#### 4a. Title" for a sub-item), or the bold run-in heading
        "**108/26 Title.**" (no full stop added after a title that ends with one)."""
        number = self.heading_number(item)
        if self.style.item_heading is ItemHeading.RUN_IN:
            shown = escape.inline(title)
            stop = "" if title.rstrip().endswith((".", "?", "!", ":")) else "."
            return f"**{number} {shown}{stop}**"
        level = "####" if item.id in self.sub_items else "###"
        return f"{level} {number} {escape.heading(title)}"

    def run_in(self, start: int) -> None:
        """The item's first paragraph joined to its run-in heading (``blocks[start]``); a list,
        table or nothing after it leaves the heading standing alone."""
        if len(self.blocks) > start + 1 and not _NOT_RUN_IN.match(self.blocks[start + 1]):
            self.blocks[start : start + 2] = [f"{self.blocks[start]} {self.blocks[start + 1]}"]

    def heading_number(self, item: ItemData) -> str:
        number = self.numbers[item.id]
        number = number if _PLAIN_NUMBER.fullmatch(number) else escape.heading(number)
        return number if self.running else f"{number}."

    def exempt_basis(self, item: ItemData) -> str:
        basis = escape.clean(item.exempt_basis).strip() or self.style.default_exempt_basis
        return escape.inline(basis.rstrip("."))

    def exempt_stub(self, item: ItemData) -> None:
        """An exempt item in the public minutes: its number, its public title and the house
        style's ``exempt_template`` with the basis and the clerk's public summary; nothing
        else of it."""
        self.add(self.item_heading(item, item.shown_public_title))
        summary = escape.paragraph(escape.clean(item.public_summary).strip(), indent="")
        text = self.doc.style.exempt_template.replace("{basis}", self.exempt_basis(item))
        self.add(" ".join(text.replace("{summary}", summary).split(" ")).strip())

    def item(self, item: ItemData) -> None:
        self.add(self.item_heading(item, item.title))
        if item.exempt:
            self.add(
                "**Exempt item: not for publication.** Considered in private under "
                f"{self.exempt_basis(item)}. Public title: "
                f"\u201c{escape.inline(item.shown_public_title)}\u201d."
            )
            if item.public_summary.strip():
                self.add(
                    "*Public summary:* "
                    + escape.paragraph(escape.clean(item.public_summary).strip(), indent="")
                )
        if item.presenter.strip():
            self.add(f"**Presenter:** {escape.inline(item.presenter)}")
        entries = self.doc.entries.get(item.id, ())
        own = len(self.blocks)  # the app's own sentences about the item start here
        if item.kind is ItemKind.DECLARATIONS:
            visible = self.visible_declarations()
            if visible:
                self.add(self.declarations_list(visible))
            elif (
                not entries and len(visible) == len(self.doc.declarations)
                and self.style.say_none_declared
            ):
                self.add("None were declared.")
        elif self.doc.style.declaration_under_item:
            for decl in self.visible_declarations():
                if item.id in decl.item_ids:
                    self.add(f"*Declaration of interest:* {self.declaration_text(decl, '')}")
        if item.kind is ItemKind.APOLOGIES and not any(
            "apolog" in e.text.lower() for e in entries
        ):  # the app's sentence, unless the clerk minuted the apologies in their own words
            self.add(self.apologies_text())
        self.entries(entries, item, self.number_own_sentences(own, item))
        self.inline_actions(item)
        if item.kind is ItemKind.ACTION_LOG:
            self.earlier_actions()
        if item.documents:
            self.add("*Supporting documents:*")
            self.add("\n".join(f"- {escape.paragraph(d, indent='  ')}" for d in item.documents))

    def apologies_text(self) -> str:
        """The apologies item's sentence (``apologies_template``): each member who sent
        apologies, with their note ("Cllr Mary Dunn (work commitment)") and, when the style
        says so, who substituted for them; else the substitutes in a sentence of their own."""
        apologies = [a for a in self.doc.attendance if a.status is AttendanceStatus.APOLOGIES]
        if not apologies:
            return "There were no apologies."
        style = self.doc.style
        subs = [
            a for a in self.doc.attendance
            if a.status is AttendanceStatus.SUBSTITUTE and a.substitute_for is not None
        ]
        inline = style.apologies_substitute_template
        names = []
        for record in apologies:
            name = escape.inline(name_as(record.person, style, style.procedural_names))
            if record.note.strip():
                name += f" ({escape.inline(record.note)})"
            for sub in subs:
                if inline and sub.substitute_for == record.person:
                    substitute = name_as(sub.person, style, style.procedural_names)
                    name += inline.replace("{substitute}", escape.inline(substitute))
            names.append(name)
        text = style.apologies_template.replace("{names}", join_names(names))
        if inline:
            return text
        for sub in subs:
            assert sub.substitute_for is not None
            text += (
                f" {escape.inline(self.shown_name(sub.person))} attended as substitute for "
                f"{escape.inline(self.shown_name(sub.substitute_for))}."
            )
        return text

    def number_own_sentences(self, start: int, item: ItemData) -> int:
        """Number the app's own paragraphs about ``item`` (``blocks[start:]``: the apologies
        received, the declarations made) as the clerk's paragraphs are, when the style numbers
        paragraphs on their own ("(1)", "5.1"); how many were numbered (the entries go on from
        there). A list or table among them is left as it is."""
        if not numbers_own_sentences(self.doc.panel.numbering, self.style):
            return 0
        how = paragraph_style(self.doc.panel.numbering, self.style)
        n = 0
        numbered: list[str] = []
        for block in self.blocks[start:]:
            for paragraph in block.split("\n\n"):
                if _NOT_RUN_IN.match(paragraph):
                    numbered.append(paragraph)
                    continue
                n += 1
                numbered.append(f"{paragraph_label(n, how, self.numbers[item.id])} {paragraph}")
        self.blocks[start:] = numbered
        return n

    def entries(
        self, entries: tuple[EntryData, ...], item: ItemData | None = None, start: int = 0
    ) -> None:
        number = self.numbers.get(item.id, "") if item is not None else ""
        labels = entry_numbers(entries, self.doc.panel.numbering, self.style, number, start)
        listed = paragraph_style(self.doc.panel.numbering, self.style) is ParagraphNumbers.DOT
        run: list[str] = []  # consecutive numbered entries: one tight ordered list (per item)
        for entry, label in zip(entries, labels, strict=True):
            if label and listed:
                indent = " " * (len(label) + 1)
                run.append(f"{label} {self.entry_body(entry, indent)}")
                continue
            if run:
                self.add("\n".join(run))
                run = []
            if label:
                self.add(f"{label} {self.entry_body(entry, '')}")
            else:
                self.add(self.entry_body(entry, ""))
        if run:
            self.add("\n".join(run))

    def entry_body(self, entry: EntryData, indent: str) -> str:
        spans = entry_spans(
            entry, self.doc.people, self.doc.panel.chair_title, self.doc.style, self.mentions
        )
        lists = self.style.entry_lists
        return "".join(_markdown_span(span, indent, lists, self.style) for span in spans)

    # --- actions ---------------------------------------------------------------------------------

    def owner(self, action: ActionData) -> str:
        """The action's owners, full names, joined ("Mr Dan Wu and Ms Eve Larkin")."""
        owners = ((action.owner_id, action.owner_text), *action.more_owners)
        names = [self.person(pid, text, styled=False) for pid, text in owners]
        return join_names([n for n in names if n])

    def visible_earlier_actions(self) -> list[ActionData]:
        return [
            a for a in self.doc.earlier_actions
            if self.full or a.id not in self.doc.confidential_action_ids
        ]

    def reported_here(self, action: ActionData) -> tuple[str, str] | None:
        """(status, every note) of the progress on ``action`` minuted at this meeting, if any."""
        updates = self.doc.action_updates.get(action.id, ())
        if not updates:
            return None
        notes = [u.note.strip() for u in updates if u.note.strip()]
        note = " ".join(sentence(n) for n in notes) if len(notes) > 1 else "".join(notes)
        return _STATUS_LABEL[updates[-1].status], note

    def earlier_status(self, action: ActionData) -> tuple[str, str]:
        """(status, updates) of an earlier action as it stood at this meeting: the progress
        reported at it, else its closure if it was closed by then (and not first reported at a
        later meeting), else open. Later progress never changes these minutes."""
        here = self.reported_here(action)
        if here is not None:
            return here
        held_on = self.doc.meeting.held_on
        if (
            action.status is ActionStatus.OPEN
            or (action.closed_on is not None and action.closed_on > held_on)
            or action.id in self.doc.closed_later_action_ids
        ):
            return "Open", ""
        label = _STATUS_LABEL[action.status]
        if action.closed_on is not None:
            label += f" ({long_date(action.closed_on)})"
        return label, action.completion_note

    def earlier_actions(self) -> None:
        actions = self.visible_earlier_actions()
        if not actions:
            if not self.doc.earlier_actions and self.style.say_no_actions_outstanding:
                self.add("There were no actions outstanding from earlier meetings.")
            return
        rows = ["| Ref | Action | Owner | Status | Latest update |", self.table_rule(5)]
        for action in actions:
            status, note = self.earlier_status(action)
            rows.append(
                "| " + " | ".join(
                    (
                        escape.table_cell(action.ref),
                        escape.table_cell(action.text),
                        escape.table_cell(self.owner(action)),
                        status,
                        escape.table_cell(note),
                    )
                ) + " |"
            )
        self.add("\n".join(rows))

    def loose_earlier_actions(self) -> None:
        """Earlier actions when no (visible) action-log item exists: their own section."""
        has_log = any(
            i.kind is ItemKind.ACTION_LOG and (self.full or not i.exempt) for i in self.doc.items
        )
        if has_log or not self.visible_earlier_actions():
            return
        self.add("## Actions from earlier meetings")
        self.earlier_actions()

    def own_status(self, action: ActionData) -> str:
        """An action raised at this meeting as it stood at it: as raised (open), or as reported
        at this same meeting; never its later progress."""
        here = self.reported_here(action)
        return here[0] if here is not None else _STATUS_LABEL[ActionStatus.OPEN]

    def inline_actions(self, item: ItemData) -> None:
        """"ACTION: the Clerk to request the traffic survey, by the July meeting." after the
        item's entries, when the house style minutes actions inline."""
        if not action_wording.inline(self.style):
            return
        for action in self.doc.actions:
            if action.item_id != item.id:
                continue
            self.inlined.add(action.id)
            self.add(fill(
                self.style.inline_action_template,
                owner=self.owner(action),
                text=escape.inline(action_wording.action_text(action.text)),
                due=escape.inline(action_wording.due_words(action)),
            ))

    def table_rule(self, columns: int) -> str:
        cell = " --- " if self.style.spaced_table_rules else "---"
        return "|" + "|".join([cell] * columns) + "|"

    def actions(self) -> None:
        actions = [a for a in self.doc.actions if not self.hidden(a.item_id)]
        if not actions:
            if self.style.say_no_actions_raised:  # (else no section: nothing to say)
                self.add("## Actions")
                self.add("No actions were raised at this meeting.")
            return
        actions = [
            a for a in actions if action_wording.in_table(self.style, a, a.id in self.inlined)
        ]
        if not actions:
            return  # every action was minuted after its item
        self.add("## Actions")
        status = self.style.action_status_column
        head = "| Ref | Action | Owner | Due | Status |" if status else "| Ref | Action | Owner | Due |"
        rows = [head, self.table_rule(5 if status else 4)]
        for action in actions:
            cells = [
                escape.table_cell(action.ref),
                escape.table_cell(action.text),
                escape.table_cell(self.owner(action)),
                escape.table_cell(action_wording.due_words(action)),
            ]
            if status:
                cells.append(self.own_status(action))
            rows.append("| " + " | ".join(cells) + " |")
        self.add("\n".join(rows))

    # --- closing ---------------------------------------------------------------------------------

    def amendments(self) -> None:
        if not self.doc.amendments:
            return
        self.add("## Amendments")
        lines = []
        for amendment in self.doc.amendments:
            what = "Approval undone" if amendment.kind == "approval_undone" else "Amended"
            agreed_on = self.doc.amendment_meeting_dates.get(amendment.recorded_at_meeting_id or 0)
            if agreed_on is not None:
                when = f"at the meeting held on {long_date(agreed_on)}"
            else:
                when = f"on {long_date(amendment.recorded_at.date())}"
            text = escape.paragraph(amendment.text, indent="  ")
            lines.append(f"- **{what} {when}:** {text}" if text else f"- **{what} {when}.**")
        self.add("\n".join(lines))

    def closing(self) -> None:
        """"The meeting ended at 12:10." (the house style's ``closing_template``)."""
        end = self.doc.meeting.end_time.strip()
        if end:
            self.add(escape.inline(closing_sentence(end, self.style)))

    def signature(self) -> None:
        """The signature block (``signature_template``, with the chair's title)."""
        title = escape.inline(self.doc.panel.chair_title) or "Chair"
        self.add(fill(self.style.signature_template, chair=title))

    def render(self) -> str:
        self.header()
        self.attendance()
        self.loose_declarations()
        self.items()
        self.closing()
        self.loose_earlier_actions()
        self.actions()
        self.amendments()
        self.signature()
        return "\n\n".join(self.blocks) + "\n"


def _names_ref(text: str, number: str) -> bool:
    """Whether typed text already names an item's reference ("minute 123/20", "item 4")."""
    bare = number.strip().rstrip(".")
    if not bare:
        return False
    pattern = rf"\b(?:minutes?|items?)\s+(?:[\w/]+\s*(?:,|and)\s*)*{re.escape(bare)}(?![\w/])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def render_markdown(doc: MinutesDocument, *, full: bool = False) -> str:
    """The minutes of ``doc`` as Markdown: public by default, everything with ``full=True``."""
    return _Renderer(doc, full).render()


def _slug(text: str) -> str:
    chars = [ch if ch.isascii() and ch.isalnum() else "-" for ch in text.lower()]
    return "-".join(part for part in "".join(chars).split("-") if part)


def default_export_name(doc: MinutesDocument, ext: str = "md", *, full: bool = False) -> str:
    """"2026-11-17-wessex-vale-pcp-minutes.md"; full (confidential) minutes add "-full"."""
    panel = _slug(doc.panel.short_name) or _slug(doc.panel.name).replace(
        "police-and-crime-panel", "pcp"
    ) or "panel"
    suffix = "-full" if full else ""
    extension = _slug(ext) or "md"
    return f"{doc.meeting.held_on.isoformat()}-{panel}-minutes{suffix}.{extension}"
