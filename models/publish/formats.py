"""The one list of the formats the minutes can be written in.

Both the command line (``panel-minutes export --format NAME``) and the export screen offer
exactly ``FORMATS``, in this order, and write a format's bytes with ``Format.make``; nothing else
decides which formats exist, what they are called or which extension their files take.

Each format is made from the same ``MinutesDocument``, through the one Markdown rendering
(``render_markdown(doc, full=...)``) and its ``DocumentMeta``, so every format says the same
thing. The heavy writers (python-docx, WeasyPrint) are imported only when their format is made.

Adding a format (the agenda, the action log, open data ...): write ``_make_NAME(doc, full,
template) -> bytes`` and add one ``Format`` row to ``FORMATS``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from panel_minutes.models.domain import MinutesDocument
from panel_minutes.models.errors import PanelMinutesError, ValidationError
from panel_minutes.models.publish.meta import DocumentMeta, meta_for

Maker = Callable[[MinutesDocument, bool, "Path | None"], bytes]


@dataclass(frozen=True, slots=True)
class Format:
    name: str  # what the clerk types: --format NAME
    label: str  # what the export screen shows: "Word (.docx)"
    extension: str  # of the default file name, without the dot
    make: Maker  # (doc, full, template) -> the file's bytes
    binary: bool = False  # True: never printed to a terminal; written to a file
    takes_template: bool = False  # a --template FILE shapes it (the Word template)
    aliases: tuple[str, ...] = ()

    @property
    def text(self) -> bool:
        return not self.binary


def _markdown(doc: MinutesDocument, full: bool) -> str:
    from panel_minutes.models.export.markdown import render_markdown

    return render_markdown(doc, full=full)


def _meta(doc: MinutesDocument, full: bool) -> DocumentMeta:
    return meta_for(doc, full=full)


def _make_md(doc: MinutesDocument, full: bool, template: Path | None) -> bytes:
    return _markdown(doc, full).encode("utf-8")


def _make_docx(doc: MinutesDocument, full: bool, template: Path | None) -> bytes:
    try:  # by name: the Word writer is its own module, loaded only for Word
        writer = importlib.import_module("panel_minutes.models.publish.docx")
    except ModuleNotFoundError as err:
        if err.name not in ("panel_minutes.models.publish.docx", "docx"):
            raise
        raise PanelMinutesError(
            f"Word (.docx) export is not available: {err.name} is missing from this install"
        ) from None

    write_docx: Callable[[str, DocumentMeta, Path | None], bytes] = writer.write_docx
    return write_docx(_markdown(doc, full), _meta(doc, full), template)


def _make_html(doc: MinutesDocument, full: bool, template: Path | None) -> bytes:
    from panel_minutes.models.publish.html import render_html

    return render_html(_markdown(doc, full), _meta(doc, full)).encode("utf-8")


def _make_pdf(doc: MinutesDocument, full: bool, template: Path | None) -> bytes:
    from panel_minutes.models.publish.pdf import write_pdf

    return write_pdf(_markdown(doc, full), _meta(doc, full))


def _make_text(doc: MinutesDocument, full: bool, template: Path | None) -> bytes:
    from panel_minutes.models.publish.text import render_text

    return render_text(_markdown(doc, full)).encode("utf-8")


def _make_open_data(doc: MinutesDocument, full: bool, template: Path | None) -> bytes:
    from panel_minutes.models.export.open_data import open_data_bytes

    return open_data_bytes(doc, full=full)


FORMATS: tuple[Format, ...] = (
    Format("md", "Markdown (.md)", "md", _make_md, aliases=("markdown",)),
    Format("docx", "Word (.docx)", "docx", _make_docx, binary=True, takes_template=True),
    Format("html", "Web page (.html)", "html", _make_html),
    Format("pdf", "PDF (.pdf)", "pdf", _make_pdf, binary=True),
    Format("text", "Plain text for email (.txt)", "txt", _make_text, aliases=("txt",)),
    Format("open-data", "Open data (.json)", "json", _make_open_data,
           aliases=("ocd",)),
)


def format_names() -> tuple[str, ...]:
    """Every name the command line accepts, aliases included, in ``FORMATS`` order."""
    return tuple(n for f in FORMATS for n in (f.name, *f.aliases))


def format_named(name: str) -> Format:
    """The format called ``name`` (or one of its aliases); a one-line error otherwise."""
    wanted = name.strip().lower().lstrip(".")
    for fmt in FORMATS:
        if wanted == fmt.name or wanted in fmt.aliases:
            return fmt
    choices = ", ".join(f.name for f in FORMATS)
    raise ValidationError(f"There is no format {name!r}: choose one of {choices}")


def export_bytes(
    doc: MinutesDocument, fmt: Format, *, full: bool = False, template: Path | None = None
) -> bytes:
    """The minutes of ``doc`` in ``fmt`` (public, or everything with ``full``)."""
    if template is not None and not fmt.takes_template:
        raise ValidationError(
            f"A template shapes Word (.docx) files only, not {fmt.label}; leave out --template"
        )
    return fmt.make(doc, full, template)
