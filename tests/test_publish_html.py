"""The HTML export: one standalone, accessible page made by markdown-it-py from the Markdown.

The page is parsed back with the standard library's ``html.parser`` and its structure checked:
language, title, charset, one ``<main>``, headings in order, ``<th scope="col">``, the print
stylesheet, the CONFIDENTIAL banner on full minutes only, and no element or attribute that typed
text could have made (no script, no link, no comment, no bold that the clerk typed).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from panel_minutes.models.export import render_markdown
from panel_minutes.models.publish.html import render_html
from panel_minutes.models.publish.meta import DocumentMeta, meta_for
from panel_minutes.models.store import Store
from tests.test_export_markdown import Hostile, build_meeting, confidential_meeting


@dataclass
class Page(HTMLParser):
    """What a browser (or a screen reader) would find in the page."""

    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    title: str = ""
    style: str = ""
    text: list[str] = field(default_factory=list)
    _in: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_data(self, data: str) -> None:
        where = self._in[-1] if self._in else ""
        if where == "title":
            self.title += data
        elif where == "style":
            self.style += data
        else:
            self.text.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def demo_html(store: Store, meeting_id: int, *, full: bool = False) -> tuple[str, str]:
    doc = store.load_document(meeting_id)
    markdown = render_markdown(doc, full=full)
    return markdown, render_html(markdown, meta_for(doc, full=full))


def test_demo_page_is_standalone_and_accessible(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    markdown, html = demo_html(store, meeting_id)
    page = parse(html)
    assert html.startswith("<!DOCTYPE html>\n")
    assert page.named("html") == [{"lang": "en-GB"}]
    assert {"charset": "utf-8"} in page.named("meta")
    assert page.title == "Minutes of the Wessex Vale Police and Crime Panel, 17 November 2026"
    assert len(page.named("main")) == 1
    # standalone: nothing is fetched from elsewhere
    assert not page.named("link") and not page.named("script") and not page.named("img")
    assert "url(" not in page.style and "@import" not in page.style
    # headings in order: one h1, and no level skipped on the way down
    levels = [int(name[1]) for name, _ in page.tags if name in ("h1", "h2", "h3", "h4")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    # every table header cell heads its column
    headers = page.named("th")
    assert len(headers) == 10  # the action log and the actions: five columns each
    assert all(attrs.get("scope") == "col" for attrs in headers)
    assert len(page.named("table")) == 2
    # the same words as the Markdown: entries numbered as lists, RESOLVED in bold
    assert len(page.named("ol")) == markdown.count("\n1. ")
    text = " ".join("".join(page.text).split())
    assert "RESOLVED that the forward work programme be agreed" in text
    assert "Complaint handling matter" in text
    assert "Complaint concerning the conduct" not in text
    # a print stylesheet: A4, page numbers, no break inside a table row or after a heading
    assert "@media print" in page.style and "size: A4" in page.style
    assert "counter(pages)" in page.style
    assert "tr { break-inside: avoid" in page.style and "break-after: avoid" in page.style
    # public minutes: no confidential marking anywhere
    assert "CONFIDENTIAL" not in html
    assert not [a for a in page.tags if a[1].get("class") == "confidential"]


def test_full_minutes_carry_the_confidential_banner(demo: tuple[Store, int]) -> None:
    store, meeting_id = demo
    _markdown, html = demo_html(store, meeting_id, full=True)
    page = parse(html)
    banners = [attrs for name, attrs in page.tags if attrs.get("class") == "confidential"]
    assert banners == [{"class": "confidential", "role": "note"}]
    first_in_main = page.tags[[n for n, _ in page.tags].index("main") + 1]
    assert first_in_main[1].get("class") == "confidential"  # the first thing on the page
    assert html.count("CONFIDENTIAL: full minutes") == 1  # the Markdown's own line, styled
    assert '@top-right { content: "CONFIDENTIAL"' in page.style  # on every printed page
    assert "Complaint concerning the conduct" in html
    assert page.title.endswith("(CONFIDENTIAL: full, including exempt items)")


def test_a_banner_is_added_when_the_markdown_has_none() -> None:
    meta = DocumentMeta(title="T", header="P", confidential=True)
    page = parse(render_html("# P\n\nText.\n", meta))
    assert [n for n, a in page.tags if a.get("class") == "confidential"] == ["p"]
    assert "Not for publication" in "".join(page.text)


HOSTILE_TITLE = "<script>alert(1)</script> <b>bold</b> [x](javascript:alert(2)) <!-- c --> & Co"


def test_typed_markup_comes_out_as_text(tmp_path: Path) -> None:
    """Whatever the clerk typed (script, tags, javascript: links, comments) is shown as text;
    the page has exactly the elements a plain meeting has."""
    plain_store = Store(str(tmp_path / "plain.db"))
    hostile_store = Store(str(tmp_path / "hostile.db"))
    try:
        plain_id = build_meeting(plain_store, lambda label: f"Plain {label}")
        hostile = Hostile()
        hostile_id = build_meeting(hostile_store, hostile)
        for full in (False, True):
            _, plain_html = demo_html(plain_store, plain_id, full=full)
            _, html = demo_html(hostile_store, hostile_id, full=full)
            page, expected = parse(html), parse(plain_html)
            # the same elements (typed line breaks add <br>, nothing else)
            assert [n for n, _ in page.tags if n != "br"] == [n for n, _ in expected.tags]
            assert not page.named("script") and not page.named("a") and not page.comments
            for _, attrs in page.tags:
                assert not any(k.startswith("on") or k == "href" for k in attrs), attrs
            shown = "".join(page.text)
            assert "<script>alert(1)</script>" in shown  # visible, as typed
            assert "javascript:" not in html or "<a " not in html
    finally:
        plain_store.close()
        hostile_store.close()

    # the title and the running header: typed panel names are escaped there too
    meta = DocumentMeta(title=HOSTILE_TITLE, header=HOSTILE_TITLE)
    html = render_html(f"# {HOSTILE_TITLE}\n", meta)
    page = parse(html)
    assert page.title == HOSTILE_TITLE
    assert not page.named("script") and not page.named("b") and not page.named("a")
    assert not page.comments
    assert "&lt;script&gt;" in html


def test_exempt_content_is_in_no_public_page(store: Store) -> None:
    meeting_id, markers = confidential_meeting(store)
    _, public = demo_html(store, meeting_id)
    _, full = demo_html(store, meeting_id, full=True)
    assert [m for m in markers if m in public] == []
    assert "SECRET" not in public
    assert [m for m in markers if m not in full] == [markers[0]]  # an earlier meeting's title


def test_the_fast_renderer_gives_markdown_it_py_s_html(tmp_path: Path) -> None:
    """markdown-it-pyrs renders the HTML (30 ms instead of 250 for the 60x60 meeting); it must
    give exactly what markdown-it-py gives, with the same header cells and banner, on hostile
    text too."""
    from panel_minutes.models.publish.html import _fast_parser, render_body, render_body_py

    assert _fast_parser() is not None  # installed with the app: the budget depends on it
    store = Store(str(tmp_path / "hostile.db"))
    try:
        meeting_id = build_meeting(store, Hostile())
        doc = store.load_document(meeting_id)
        for full in (False, True):
            markdown = render_markdown(doc, full=full)
            assert render_body(markdown, confidential=full) == render_body_py(
                markdown, confidential=full
            )
        for raw in ("no banner", f"# {HOSTILE_TITLE}\n\n<div>block</div>\n\n| a |\n|---|\n| <b>c</b> |\n"):
            assert render_body(raw, confidential=True) == render_body_py(raw, confidential=True)
    finally:
        store.close()
