"""A meeting's agenda, before it happens, as Markdown in the panel's house style.

``render_agenda_markdown(doc)`` is the PUBLIC agenda: an exempt (Part 2) item shows its number,
its public title and the notice "Part 2: exempt under paragraph N of Schedule 12A. The press and
public are likely to be excluded for this item.", and nothing else of it (not its real title,
presenter or documents). ``full=True`` gives everything, marked CONFIDENTIAL at the top.

Items are numbered as the minutes will number them (``panel_minutes.models.numbering.item_numbers``), in agenda
order; sub-items (``level == 1``) are one heading level below their item. Every typed text goes
through ``panel_minutes.models.export.escape``. The same document always gives the same bytes. Word comes from
this Markdown (``panel_minutes.models.publish.docx.write_docx``), like every other format.
"""

from __future__ import annotations

import re

from panel_minutes.models.domain import DEFAULT_EXEMPT_BASIS, ItemData, MinutesDocument, Numbering
from panel_minutes.models.export import escape
from panel_minutes.models.export.markdown import default_export_name
from panel_minutes.models.house_style import TimeStyle
from panel_minutes.models.numbering import item_numbers
from panel_minutes.models.parsing import minutes_time, weekday_date

EXCLUSION = "The press and public are likely to be excluded for this item."
_SCHEDULE_PARAGRAPH = re.compile(r"paragraph\s+(\d{1,2})\b.*schedule\s+12a", re.IGNORECASE)


def exempt_notice(item: ItemData) -> str:
    """"Part 2: exempt under paragraph 3 of Schedule 12A. The press and public ..."."""
    basis = " ".join(escape.clean(item.exempt_basis).split()) or DEFAULT_EXEMPT_BASIS
    match = _SCHEDULE_PARAGRAPH.search(basis)
    under = (
        f"paragraph {match.group(1)} of Schedule 12A" if match is not None
        else escape.inline(basis.rstrip("."))
    )
    return f"Part 2: exempt under {under}. {EXCLUSION}"


def _meeting_kind(doc: MinutesDocument) -> str:
    """"Ordinary", "Extraordinary" ... where the meeting records one (house style branch)."""
    kind = getattr(doc.meeting, "kind", "")
    return str(getattr(kind, "value", kind) or "").strip()


def render_agenda_markdown(doc: MinutesDocument, full: bool = False) -> str:
    """The agenda of ``doc``'s meeting: public by default, everything with ``full=True``."""
    blocks: list[str] = []
    if full:
        blocks.append("**CONFIDENTIAL: full agenda, including exempt items. Not for publication.**")
    blocks.append(f"# {escape.heading(doc.panel.name)}")
    meeting = doc.meeting
    kind = _meeting_kind(doc)
    what = f"Agenda of the {kind.lower()} meeting" if kind else "Agenda of the meeting"
    when = f"{what} to be held on {weekday_date(meeting.held_on)}"
    if meeting.start_time.strip():
        twelve = doc.style.times is TimeStyle.TWELVE
        when += f" at {escape.heading(minutes_time(meeting.start_time, twelve))}"
    if meeting.venue.strip():
        when += f", {escape.heading(meeting.venue)}"
    blocks.append(f"## {when}")
    if not doc.items:
        blocks.append("No items have been set for this meeting yet.")
    numbers = item_numbers(doc)
    running = doc.panel.numbering is Numbering.RUNNING
    for item in doc.items:
        number = escape.heading(numbers[item.id])
        label = number if running else f"{number}."
        marks = "####" if item.level else "###"
        public_only = item.exempt and not full
        title = item.shown_public_title if public_only else item.title
        blocks.append(f"{marks} {label} {escape.heading(title)}")
        if item.exempt:
            blocks.append(f"*{exempt_notice(item)}*")
            if public_only:
                continue
            blocks.append(
                "**Exempt item: not for publication.** Public title: "
                f"\u201c{escape.inline(item.shown_public_title)}\u201d."
            )
        if item.presenter.strip():
            blocks.append(f"**Presenter:** {escape.inline(item.presenter)}")
        documents = [d for d in item.documents if d.strip()]
        if documents:
            blocks.append("*Supporting documents:*")
            blocks.append("\n".join(f"- {escape.paragraph(d, indent='  ')}" for d in documents))
    return "\n\n".join(blocks) + "\n"


def default_agenda_name(doc: MinutesDocument, ext: str = "md", *, full: bool = False) -> str:
    """"2027-02-03-wessex-vale-pcp-agenda.md"; the full (confidential) agenda adds "-full"."""
    name = default_export_name(doc, ext, full=full)
    head, _, tail = name.rpartition("-minutes")
    return f"{head}-agenda{tail}"
