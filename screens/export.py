"""Export: the minutes as they will be published, and a key to write them to a file.

``ExportScreen(meeting_id)`` shows the PUBLIC minutes (exempt items reduced to their public
title and the basis for taking them in private) rendered with Textual's Markdown widget. ``f``
switches to the FULL minutes, marked CONFIDENTIAL at the top of the screen and of the file;
``t`` chooses the format to write, among every format of ``panel_minutes.models.publish.formats`` (the line
under the banner shows them all, the chosen one highlighted); ``w`` asks where to write them
(the default is the usual dated file name, with the format's extension, in the current
directory), asks before replacing an existing file, and writes full minutes readable by the
owner only (0600). The document is loaded on the store thread; the preview and the file are
made in thread workers (a PDF takes a second).
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown, Static

from panel_minutes.models.checks import Finding
from panel_minutes.models.domain import MinutesDocument
from panel_minutes.models.errors import PanelMinutesError
from panel_minutes.models.publish.formats import FORMATS, Format
from panel_minutes.models.typed_path import target_file, typed_path
from panel_minutes.tui.typed_app import panel_app
from panel_minutes.tui.widgets.keybar import KeyBar


def write_minutes(path: Path, text: str, *, confidential: bool) -> None:
    """Write ``text`` to ``path`` all or nothing (a full disk leaves the old file whole);
    confidential minutes are readable by the owner only."""
    write_export(path, text.encode("utf-8"), confidential=confidential)


def write_export(path: Path, data: bytes, *, confidential: bool) -> None:
    """Write a format's bytes to ``path`` all or nothing, 0600 when confidential."""
    from panel_minutes.models.files import CONFIDENTIAL_MODE, PUBLIC_MODE, write_atomic

    mode = CONFIDENTIAL_MODE if confidential else PUBLIC_MODE
    write_atomic(path, data, mode)


def make_export(doc: MinutesDocument, fmt: Format, full: bool) -> bytes:
    """The file's bytes (in a worker thread: a PDF takes a second)."""
    from panel_minutes.models.publish.formats import export_bytes

    return export_bytes(doc, fmt, full=full)


def checks_of(doc: MinutesDocument, markdown: str, full: bool) -> list[Finding]:
    """The checks before publishing, on the minutes as shown (the leak check on public ones)."""
    from panel_minutes.models.checks import check_minutes
    from panel_minutes.models.publish.check_texts import markdown_words

    texts = {} if full else {"Markdown (.md)": markdown_words(markdown)}
    return check_minutes(doc, texts)


def file_leaks(doc: MinutesDocument, fmt: Format, data: bytes) -> list[Finding]:
    """Exempt words in a public file just written, read back as a reader would see it."""
    from panel_minutes.models.checks import leaks
    from panel_minutes.models.publish.check_texts import available, words_of

    if not available([fmt.name]):
        return []
    return leaks(doc, {fmt.label: words_of(fmt.name, data)})


def checks_text(findings: list[Finding], *, expanded: bool) -> Text:
    """The checks line: the summary, then every warning (``expanded``) or the first."""
    from panel_minutes.models.checks import summary

    out = Text(summary(findings), style="bold" if findings else "")
    shown = findings if expanded else findings[:1]
    for finding in shown:
        out.append("\n· " + finding.line())
    if len(findings) > len(shown):
        out.append(f"\n  c: all {len(findings)} warnings", style="dim")
    return out


def formats_line(current: Format) -> Text:
    """"Write as (t):  md  docx  html  pdf  text · Markdown (.md)": the chosen one highlighted."""
    line = Text("Write as (t): ")
    for fmt in FORMATS:
        chosen = fmt is current
        line.append(f" {fmt.name} ", style="reverse bold" if chosen else "")
        line.append(" ")
    line.append(f"· {current.label}")
    return line


def check_target(raw: str) -> str | None:
    """A message when ``raw`` cannot be written to (PromptScreen's validator), else None."""
    text = raw.strip()
    if not text:
        return "Type a file name, such as minutes.md."
    path = typed_path(text)
    if path.is_dir():
        return None  # the usual dated name is written into it
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        return f"The folder {parent} does not exist."
    if not os.access(parent, os.W_OK):
        return f"The folder {parent} cannot be written to."
    return None


class ExportScreen(Screen[None]):
    """Preview the minutes (public or full) and write them to a Markdown file."""

    CSS_PATH = "../tui/styles/export.tcss"
    BINDINGS = [
        Binding("f", "toggle_full", "Public/full", key_display="f",
                tooltip="Switch between the public minutes and the full, confidential ones"),
        Binding("t", "next_format", "Format", key_display="t",
                tooltip="Choose the format to write: " + ", ".join(f.label for f in FORMATS)),
        Binding("w,ctrl+s", "write", "Write file", key_display="w",
                tooltip="Write these minutes to a file in the chosen format"),
        Binding("c", "toggle_checks", "Checks", key_display="c",
                tooltip="Show every warning of the checks before publishing, or only the first"),
        Binding("escape", "close", "Back", key_display="Esc"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.full = False
        self.format: Format = FORMATS[0]
        self.doc: MinutesDocument | None = None
        self.markdown_text = ""
        self.rendered = asyncio.Event()
        self.findings: list[Finding] = []
        self.checks_open = False

    def compose(self) -> ComposeResult:
        yield Static("Loading the minutes…", id="export-banner")
        yield Static(formats_line(self.format), id="export-formats")
        yield Static("Checking the minutes…", id="export-checks")
        with VerticalScroll(id="export-view"):
            yield Markdown(id="export-markdown")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#export-view").focus()
        self._load()

    @work(group="export-load", exclusive=True)
    async def _load(self) -> None:
        meeting_id = self.meeting_id
        try:
            self.doc = await panel_app(self).runner.run(lambda s: s.load_document(meeting_id))
        except PanelMinutesError as err:
            self.query_one("#export-banner", Static).update(f"Cannot load the minutes: {err}")
            self.notify(str(err), severity="error", timeout=10)
            return
        await self._show_minutes()

    async def _show_minutes(self) -> None:
        from panel_minutes.models.export import render_markdown

        doc = self.doc
        if doc is None:
            return
        self.rendered.clear()
        full = self.full
        text = await asyncio.to_thread(render_markdown, doc, full=full)
        if full != self.full:  # toggled again while rendering: the newer render wins
            return
        self.markdown_text = text
        self.findings = await asyncio.to_thread(checks_of, doc, text, full)
        self._show_checks()
        banner = self.query_one("#export-banner", Static)
        banner.set_class(full, "-confidential")
        if full:
            banner.update(
                "CONFIDENTIAL · FULL MINUTES, including exempt (Part 2) items · not for "
                "publication · f: public version"
            )
        else:
            banner.update("Public minutes, as they will be published · f: full (confidential)")
        await self.query_one("#export-markdown", Markdown).update(text)
        self.query_one("#export-view", VerticalScroll).scroll_home(animate=False)
        self.rendered.set()

    def _show_checks(self) -> None:
        self.query_one("#export-checks", Static).update(
            checks_text(self.findings, expanded=self.checks_open)
        )

    def action_toggle_checks(self) -> None:
        self.checks_open = not self.checks_open
        self._show_checks()

    def action_toggle_full(self) -> None:
        self.full = not self.full
        self.run_worker(self._show_minutes(), group="export-render", exclusive=True)

    def action_next_format(self) -> None:
        index = FORMATS.index(self.format)
        self.format = FORMATS[(index + 1) % len(FORMATS)]
        self.query_one("#export-formats", Static).update(formats_line(self.format))

    def action_write(self) -> None:
        from panel_minutes.models.export import default_export_name
        from panel_minutes.screens.prompt import PromptScreen

        if self.doc is None or not self.rendered.is_set():
            self.notify("The minutes are still being prepared.", timeout=3)
            return
        fmt = self.format
        default = str(Path.cwd() / default_export_name(self.doc, fmt.extension, full=self.full))
        which = "full (CONFIDENTIAL)" if self.full else "public"
        self.app.push_screen(
            PromptScreen(
                f"Write the {which} minutes as {fmt.label} to", default, validator=check_target,
                hint="A path (a folder: this name in it); a file that exists is only replaced "
                "after you confirm.",
            ),
            self._target_chosen,
        )

    def _target_chosen(self, answer: str | None) -> None:
        from panel_minutes.models.export import default_export_name
        from panel_minutes.screens.confirm import ConfirmScreen

        if not answer:
            return
        doc, fmt, full = self.doc, self.format, self.full
        if doc is None:
            return
        path = target_file(answer, default_export_name(doc, fmt.extension, full=full))
        if path.exists():
            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._write(path, doc, fmt, full)

            self.app.push_screen(
                ConfirmScreen(f"{path} exists. Replace it with these minutes?",
                              title="Replace file?", yes_label="Replace"),
                confirmed,
            )
            return
        self._write(path, doc, fmt, full)

    @work(group="export-write")
    async def _write(self, path: Path, doc: MinutesDocument, fmt: Format, full: bool) -> None:
        existed = path.exists()
        try:
            data = await asyncio.to_thread(make_export, doc, fmt, full)
        except PanelMinutesError as err:  # e.g. PDF without WeasyPrint: how to install it
            self.notify(f"Could not make the {fmt.label} file: {err}", severity="error",
                        timeout=12)
            return
        try:
            await asyncio.to_thread(write_export, path, data, confidential=full)
        except OSError as err:
            reason = err.strerror or str(err)
            kept = " The old file was kept as it was." if existed else ""
            self.notify(f"Could not write {path}: {reason}.{kept}", severity="error", timeout=10)
            return
        note = " (readable by you only)" if full else ""
        self.notify(f"Wrote {path}{note}.", timeout=6)
        if not full:  # the file itself, read back: exempt words in it are a warning
            found = await asyncio.to_thread(file_leaks, doc, fmt, data)
            if found:
                self.notify(f"Warning: {found[0].line()}", severity="warning", timeout=15)

    def action_close(self) -> None:
        self.dismiss(None)
