"""``panel_minutes.models.publish.tokens``: the token stream built from markdown-it-pyrs's tree is the one
markdown-it-py gives, field by field, and the Word and plain-text files made from it are the
same bytes, on every kind of Markdown the app writes (and the house-style examples)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it.token import Token

from bench.generate import generate
from panel_minutes.models.export import render_markdown
from panel_minutes.models.export.action_log import action_log_markdown
from panel_minutes.models.export.agenda import render_agenda_markdown
from panel_minutes.models.publish import docx, text
from panel_minutes.models.publish.docx import write_docx
from panel_minutes.models.publish.meta import DocumentMeta, meta_for
from panel_minutes.models.publish.text import render_text
from panel_minutes.models.publish.tokens import fast_tokens, parse_tokens, parse_tokens_py
from panel_minutes.models.store import Store
from tests.test_export_markdown import Hostile, build_meeting

EXAMPLES = Path(__file__).parent / "golden"  # the house-style goldens, from the examples


def _fields(token: Token) -> tuple[Any, ...]:
    return (
        token.type, token.tag, token.nesting, token.attrs, token.content, token.markup,
        token.info, token.hidden, token.level, token.block,
        [(c.type, c.tag, c.nesting, c.attrs, c.content, c.markup, c.info, c.level,
          [(g.type, g.content) for g in c.children or ()]) for c in token.children or ()],
    )


def assert_same_tokens(markdown: str) -> None:
    """Both parsers' streams, compared token by token (with and without raw HTML); the fast
    one must not have fallen back to markdown-it-py on the app's own Markdown."""
    for html in (True, False):
        fast = fast_tokens(markdown, html=html)
        assert fast is not None, "fell back to markdown-it-py"
        reference = parse_tokens_py(markdown, html=html)
        assert len(fast) == len(reference)
        for index, (got, want) in enumerate(zip(fast, reference, strict=True)):
            assert _fields(got) == _fields(want), (index, want.type)


def assert_same_files(markdown: str, meta: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_docx, fast_text = write_docx(markdown, meta), render_text(markdown)
    with monkeypatch.context() as patch:
        patch.setattr(docx, "parse_tokens", parse_tokens_py)
        patch.setattr(text, "parse_tokens", lambda md, html=True: parse_tokens_py(md, html=html))
        assert write_docx(markdown, meta) == fast_docx
        assert render_text(markdown) == fast_text


def test_demo_meeting_public_and_full(
    demo: tuple[Store, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, meeting_id = demo
    doc = store.load_document(meeting_id)
    for full in (False, True):
        markdown = render_markdown(doc, full=full)
        assert_same_tokens(markdown)
        assert_same_files(markdown, meta_for(doc, full=full), monkeypatch)


def test_hostile_meeting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(str(tmp_path / "hostile.db"))
    try:
        doc = store.load_document(build_meeting(store, Hostile()))
        for full in (False, True):
            markdown = render_markdown(doc, full=full)
            assert_same_tokens(markdown)
            assert_same_files(markdown, meta_for(doc, full=full), monkeypatch)
    finally:
        store.close()


def test_agenda_and_action_log(
    demo: tuple[Store, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, meeting_id = demo
    doc = store.load_document(meeting_id)
    log = store.load_action_log(doc.panel.id)
    for full in (False, True):
        meta = meta_for(doc, full=full, what="Agenda")
        for markdown in (render_agenda_markdown(doc, full=full), action_log_markdown(log, full=full)):
            assert_same_tokens(markdown)
            assert_same_files(markdown, meta, monkeypatch)


@pytest.mark.parametrize("name", ["house-style-parish.md", "house-style-pcp.md",
                                  "house-style-committee.md", "demo-full.md"])
def test_house_style_examples(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    markdown = (EXAMPLES / name).read_text(encoding="utf-8")
    assert_same_tokens(markdown)
    assert_same_files(markdown, DocumentMeta(title="T", header="H"), monkeypatch)


@pytest.fixture(scope="module")
def long_meeting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, int]]:
    """The benchmarks' 60 x 60 meeting (and the smallest database around it)."""
    path = tmp_path_factory.mktemp("long") / "long.db"
    manifest = generate(path, scale=0.01)
    store = Store(str(path))
    try:
        yield store, manifest.long_meeting_id
    finally:
        store.close()


def test_generated_long_meeting(
    long_meeting: tuple[Store, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, meeting_id = long_meeting
    doc = store.load_document(meeting_id)
    markdown = render_markdown(doc, full=True)
    assert len(markdown) > 1_000_000
    assert_same_tokens(markdown)
    assert_same_files(markdown, meta_for(doc, full=True), monkeypatch)


@pytest.mark.parametrize("markdown", [
    "> a quote\n",  # blockquote
    "<http://example.org>\n",  # autolink
    "[x](http://exämple.org)\n",  # a host name markdown-it-py writes in punycode
    "![alt *text*](a.png)\n",  # image
    "a\tb\n",  # tab
    "no final line end",
    "\u00a0starts with a no-break space\n",
    "| a |\n|---|\n1. \n",  # markdown-it-py ends the table at the list item
    "para\n| a |\n|---|\n",  # a table right under a paragraph line
    "`   `\n",  # a code span of spaces
    "-\n  text on the next line\n",
    "[a][r]\n\n[r]: /u\n",  # reference definition
    "[ `\n",  # markdown-it-pyrs 0.4 panics on it (a PanicException, not an Exception)
])
def test_constructs_left_to_markdown_it_py(markdown: str) -> None:
    """What the tree cannot give exactly goes to markdown-it-py: same tokens, never others."""
    assert fast_tokens(markdown) is None
    assert [_fields(t) for t in parse_tokens(markdown)] == [
        _fields(t) for t in parse_tokens_py(markdown)
    ]


@pytest.mark.parametrize("markdown", [
    "# Title #\n\nSub\n===\n\n## a *b* \\*c\\* &amp; ##\n",
    "1. **Item** text\n   continues\n\n   more\n\n3) c\n\n   003. d\n",
    "- a\n     b\n- **c**\n  - d\n\n- e\n",
    "**b** x __y__ ***z*** *a **b** c*\n\nline  \nbreak\\\nend `co` ``a ` b``\n",
    "| a \\| b | `c \\| d` |\n|:-|-:|\n| x |\n|  | y | z |\n",
    "```py x\ncode\n```\n\n    indented\n\n***\n- - -\n<div>\nx\n</div>\n\na <b>x</b>\n",
    "[l](http://x \"t\") [m](<b c>) [j](javascript:alert(1))\n",
])
def test_markdown_constructs(markdown: str) -> None:
    assert_same_tokens(markdown)


def test_without_markdown_it_pyrs(monkeypatch: pytest.MonkeyPatch) -> None:
    from panel_minutes.models.publish import tokens

    monkeypatch.setattr(tokens, "_fast", lambda html: None)
    assert fast_tokens("# a\n") is None
    assert [t.type for t in parse_tokens("# a\n")] == ["heading_open", "inline", "heading_close"]
