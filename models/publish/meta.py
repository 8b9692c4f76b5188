"""What every published format says about the document itself: title, language, header."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from panel_minutes.models.domain import MinutesDocument
from panel_minutes.models.parsing import long_date

LANGUAGE = "en-GB"


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    title: str  # "Minutes of the Wessex Vale Police and Crime Panel, 17 November 2026"
    header: str  # the panel's name: the running header of Word and PDF pages
    lang: str = LANGUAGE
    confidential: bool = False  # full minutes (exempt items included): marked in every format
    held_on: date | None = None  # the meeting's date: the document's fixed creation date


def meta_for(doc: MinutesDocument, *, full: bool = False, what: str = "Minutes") -> DocumentMeta:
    """The title, header and language of ``doc``'s minutes (or its agenda: ``what="Agenda"``)."""
    panel = " ".join(doc.panel.name.split())
    title = f"{what} of the {panel}, {long_date(doc.meeting.held_on)}"
    if full:
        title += " (CONFIDENTIAL: full, including exempt items)"
    return DocumentMeta(title=title, header=panel, confidential=full, held_on=doc.meeting.held_on)
