"""The minutes as ONE standalone, accessible HTML file (and the source of the PDF).

``render_html(markdown, meta)`` turns the Markdown that ``panel_minutes.models.export.markdown`` rendered into a
complete page with markdown-it-py; nothing of the minutes is written here by hand. Raw HTML in
the Markdown is switched OFF, so any ``<`` a clerk typed is shown as text (the Markdown has
escaped it already: two locks on one door), and markdown-it refuses ``javascript:`` links.

Accessibility (WCAG 2.2 AA basics, as the Public Sector Bodies Accessibility Regulations 2018
ask): ``<html lang>``, a ``<title>``, UTF-8, one ``<main>`` landmark, the headings of the Markdown
in order (#, ##, ###), table header cells with ``scope="col"``, text and banner colours with a
contrast ratio of at least 7:1, and a print stylesheet (A4, running header with the panel's name,
page numbers, no page break inside a table row or straight after a heading). Full minutes carry
a CONFIDENTIAL banner at the top of the page and on every printed page.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from panel_minutes.models.publish.meta import DocumentMeta

# Colours: body text #1b1b1b and links #0b4a8b on white, banner white on #8a0010, table header
# #1b1b1b on #e9eef4: every pair has a contrast ratio above 7:1 (WCAG AAA for body text).
STYLESHEET = """
:root { color-scheme: light; }
html { font-family: "Liberation Sans", Arial, "DejaVu Sans", sans-serif; font-size: 11pt;
       line-height: 1.45; color: #1b1b1b; background: #ffffff; }
body { margin: 0; }
main { max-width: 46em; margin: 0 auto; padding: 1.5em 1.25em 3em; }
h1 { font-size: 1.6em; margin: 0 0 0.3em; string-set: panel content(text); }
h2 { font-size: 1.25em; margin: 1.2em 0 0.5em; }
h3 { font-size: 1.1em; margin: 1.4em 0 0.4em; }
h1, h2, h3 { line-height: 1.25; break-after: avoid; page-break-after: avoid; }
p, li { margin: 0 0 0.6em; orphans: 2; widows: 2; }
ol, ul { margin: 0 0 0.6em; padding-left: 2em; }
ul > li { margin-bottom: 0.25em; }
a { color: #0b4a8b; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; font-size: 0.95em; }
th, td { border: 1px solid #5a5a5a; padding: 0.3em 0.45em; text-align: left;
         vertical-align: top; }
th { background: #e9eef4; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
hr { border: 0; border-top: 1px solid #5a5a5a; margin: 2em 0 1em; }
.confidential { background: #8a0010; color: #ffffff; font-weight: bold; padding: 0.5em 0.75em;
                margin: 0 0 1em; border-radius: 2px; }
@page { size: A4; margin: 22mm 18mm 20mm;
        @top-left { content: string(panel); font: 9pt "Liberation Sans", Arial, sans-serif;
                    color: #3b3b3b; }
        @bottom-right { content: "Page " counter(page) " of " counter(pages);
                        font: 9pt "Liberation Sans", Arial, sans-serif; color: #3b3b3b; } }
@page :first { @top-left { content: none; } }
@media print {
  html { font-size: 10.5pt; }
  main { max-width: none; margin: 0; padding: 0; }
  a { color: #1b1b1b; text-decoration: underline; }
  table { break-inside: auto; }
  .confidential { border: 2px solid #8a0010; }
}
"""
# Only on full minutes: every printed page says CONFIDENTIAL (a fixed word, never typed text).
CONFIDENTIAL_PAGES = """
@page { @top-right { content: "CONFIDENTIAL"; font: bold 9pt "Liberation Sans", Arial,
                     sans-serif; color: #8a0010; } }
@page :first { @top-right { content: "CONFIDENTIAL"; } }
"""
BANNER = "CONFIDENTIAL: full minutes, including exempt items. Not for publication."


def _header_cell(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    """``<th scope="col">``: every header cell of the Markdown's tables heads its column."""
    token = tokens[idx]
    token.attrSet("scope", "col")
    rendered: str = self.renderToken(tokens, idx, options, env)
    return rendered


@cache
def _parser() -> MarkdownIt:
    """CommonMark with GFM tables, raw HTML off (typed markup stays text), no typographer."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.add_render_rule("th_open", _header_cell)
    return md


def _mark_confidential(tokens: list[Token]) -> bool:
    """Style the Markdown's own CONFIDENTIAL opening paragraph as the banner, if it has one."""
    if len(tokens) < 2 or tokens[0].type != "paragraph_open":
        return False
    if not tokens[1].content.lstrip("*_ ").upper().startswith("CONFIDENTIAL"):
        return False
    tokens[0].attrSet("class", "confidential")
    tokens[0].attrSet("role", "note")
    return True


def render_body(markdown: str, *, confidential: bool = False) -> str:
    """The HTML of the minutes themselves (what goes inside ``<main>``); with ``confidential``
    it opens with the CONFIDENTIAL banner (the Markdown's own line, or one added).

    Rendered by markdown-it-pyrs (the same CommonMark parser and renderer as markdown-it-py,
    compiled: the 60x60 meeting's 1.4 MB in about 30 ms instead of 250) when it is installed,
    else by markdown-it-py; both give the same HTML (a test compares them)."""
    fast = _fast_parser()
    if fast is None:
        return render_body_py(markdown, confidential=confidential)
    body: str = fast.render(markdown)
    # Raw HTML is off, so a typed "<th>" is "&lt;th&gt;" here: every "<th" is a real header cell.
    body = body.replace("<th>", '<th scope="col">').replace("<th style=", '<th scope="col" style=')
    opening = "<p><strong>CONFIDENTIAL"
    if confidential and body.startswith(opening):
        return '<p class="confidential" role="note">' + body.removeprefix("<p>")
    banner = f'<p class="confidential" role="note">{escape(BANNER)}</p>\n' if confidential else ""
    return banner + body


@cache
def _fast_parser() -> Any:
    try:
        from markdown_it_pyrs import MarkdownIt as RustMarkdownIt
    except ImportError:
        return None
    # CommonMark's rules with GFM tables, WITHOUT raw HTML (html_block, html_inline): as the
    # markdown-it-py parser below, so that markup typed into any text stays text.
    return RustMarkdownIt("zero").enable_many(
        [
            "blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph",
            "reference", "autolink", "backticks", "emphasis", "entity", "escape", "image",
            "link", "newline", "table",
        ]
    )





def render_body_py(markdown: str, *, confidential: bool = False) -> str:
    """``render_body`` by markdown-it-py (the reference the fast path is tested against)."""
    md = _parser()
    env: dict[str, Any] = {}
    tokens = md.parse(markdown, env)
    banner = ""
    if confidential and not _mark_confidential(tokens):
        banner = f'<p class="confidential" role="note">{escape(BANNER)}</p>\n'
    body: str = md.renderer.render(tokens, md.options, env)
    return banner + body


def render_html(markdown: str, meta: DocumentMeta) -> str:
    """One standalone HTML page of ``markdown`` (the Markdown export) described by ``meta``."""
    style = STYLESHEET + (CONFIDENTIAL_PAGES if meta.confidential else "")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(meta.lang)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="panel-minutes">\n'
        f"<title>{escape(meta.title)}</title>\n"
        f"<style>{style}</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"{render_body(markdown, confidential=meta.confidential)}"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )
