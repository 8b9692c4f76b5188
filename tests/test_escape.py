"""Escaping of typed text: hostile input never changes the Markdown structure, and stays visible.

Every check parses the Markdown with markdown-it-py (CommonMark, plus the GFM table and
strikethrough rules that renderers such as GitHub add) and looks at the token structure.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from panel_minutes.models.export import escape

MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")

# Structure-changing inline tokens: none of these may come from typed text.
FORBIDDEN_INLINE = {
    "em_open", "strong_open", "s_open", "link_open", "image", "code_inline", "html_inline",
    "html_block",
}

HOSTILE = [
    "# heading",
    "## second heading ##",
    "### closing hashes ###",
    "| a | b |",
    "| a | b |\n|---|---|\n| c | d |",
    "*bold* and **strong** and _em_ and __strong__",
    "<script>alert(1)</script>",
    "<div>\nblock html\n</div>",
    "<!-- a comment -->",
    "1. list",
    "1) list",
    "2024. A year at the start",
    "- bullet",
    "+ plus",
    "* star",
    "---",
    "***",
    "___",
    "- - -",
    "text\n===",
    "text\n---",
    "> quoted",
    "```\ncode fence\n```",
    "~~~\ntilde fence\n~~~",
    "`inline code`",
    "``double``",
    "[link](http://example.com)",
    "![image](x.png)",
    "[ref]: http://example.com",
    "<http://example.com>",
    "&amp; &copy; &#60; &#x3C;",
    "trailing backslash \\",
    "back\\slash\\\nnext line",
    "    four spaces is a code block",
    "\tTab start",
    "line one\nline two",
    "para one\n\npara two",
    "crlf\r\nline\rcr",
    "nul\x00char and bell\x07",
    "escape \x1b[31mred\x1b[0m",
    "del\x7f and c1\x85nel",
    "rtl \u200fmark\u200e and \u202eoverride\u202c",
    "emoji \U0001f600 \U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",
    "~~strike~~",
    "a  \nhard break by spaces",
    "x" * 10_000,
    "word " * 2_000,
    "\\# already escaped",
    "{#id} ::: :emoji:",
    "\u3000# ideographic space then hash",
    "\ufeffbom",
    "lone \ud800 surrogate",
]


def visible(tokens: list[Token]) -> str:
    """The text a reader sees in the inline tokens: breaks as newlines."""
    out: list[str] = []
    for token in tokens:
        for child in token.children or ():
            if child.type == "text":
                out.append(child.content)
            elif child.type == "hardbreak":
                out.append("\n")
            elif child.type == "softbreak":
                out.append(" ")
            else:
                raise AssertionError(f"unexpected inline token {child.type}: {child.content!r}")
    return "".join(out)


def expected_lines(text: str) -> list[str]:
    return [line.strip() for line in escape.clean(text).split("\n") if line.strip()]


def block_types(markdown: str) -> list[str]:
    return [t.type for t in MD.parse(markdown) if t.nesting >= 0 and t.type != "inline"]


def inline_tokens(markdown: str) -> list[Token]:
    return [t for t in MD.parse(markdown) if t.type == "inline"]


def assert_no_forbidden(markdown: str) -> None:
    for token in MD.parse(markdown):
        assert token.type not in FORBIDDEN_INLINE
        for child in token.children or ():
            assert child.type not in FORBIDDEN_INLINE, (child.type, markdown)


# --- paragraphs -----------------------------------------------------------------------------------


def check_paragraph(text: str) -> None:
    body = escape.paragraph(text)
    doc = f"Before.\n\n{body}\n\nAfter."
    if not expected_lines(text):
        assert body == ""
        return
    assert block_types(doc) == ["paragraph_open"] * 3
    assert_no_forbidden(doc)
    middle = inline_tokens(doc)[1]
    assert visible([middle]) == "\n".join(expected_lines(text))


def test_each_hostile_string_stays_one_paragraph_and_visible() -> None:
    for text in HOSTILE:
        check_paragraph(text)


def test_all_hostile_strings_at_once() -> None:
    check_paragraph("\n".join(HOSTILE))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Z", "Cc")),
               max_size=80))
def test_any_text_stays_one_paragraph(text: str) -> None:
    check_paragraph(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*(h for h in HOSTILE if len(h) < 200),
                                 " ", "\n", "x", "1", ".", ")", "#", "-"]), max_size=8))
def test_hostile_fragments_in_any_mix(parts: list[str]) -> None:
    check_paragraph("".join(parts))


def test_paragraph_inside_a_list_item_keeps_the_item() -> None:
    text = "first line\n# not a heading\n- not a bullet\n2. not a list\n    not code"
    body = escape.paragraph(text, indent="   ")
    doc = f"1. {body}\n2. second item\n"
    types = block_types(doc)
    assert types.count("list_item_open") == 2
    assert "heading_open" not in types and "code_block" not in types
    assert visible(inline_tokens(doc)[:1]) == "\n".join(expected_lines(text))


def test_hard_breaks_keep_lines_and_blank_lines_collapse() -> None:
    assert escape.paragraph("one\ntwo") == "one\\\ntwo"
    assert escape.paragraph("one\n\n\n  \ntwo") == "one\\\ntwo"
    assert escape.paragraph("one\ntwo", indent="   ") == "one\\\n   two"


def test_specific_escapes_read_well() -> None:
    assert escape.paragraph("# x") == "\\# x"
    assert escape.paragraph("1. x") == "1\\. x"
    assert escape.paragraph("2026) x") == "2026\\) x"
    assert escape.paragraph("- x") == "\\- x"
    assert escape.paragraph("a <b> & c") == "a \\<b> & c"
    assert escape.paragraph("&amp;") == "\\&amp;"
    assert escape.paragraph("C:\\path\\") == "C:\\\\path\\\\"
    assert escape.paragraph("Police & Crime Panel: 10.30 - 12.00") == (
        "Police & Crime Panel: 10.30 - 12.00"
    )


def test_control_characters_become_visible_replacement_marks() -> None:
    assert escape.clean("a\x00b") == "a\ufffdb"
    assert escape.clean("a\x1bb\x7fc\x9fd") == "a\ufffdb\ufffdc\ufffdd"
    assert escape.clean("rtl\u202eover") == "rtl\ufffdover"
    assert escape.clean("mark\u200fkept") == "mark\u200fkept"
    assert escape.clean("tab\there") == "tab here"
    assert escape.clean("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    # the output can always be written as UTF-8 (lone surrogates would crash the export)
    escape.paragraph("lone \ud800 surrogate").encode("utf-8")


# --- headings and table cells ---------------------------------------------------------------------


def test_heading_text_cannot_close_or_split_the_heading() -> None:
    for text in HOSTILE:
        if not expected_lines(text):
            continue
        doc = f"### 3. {escape.heading(text)}\n\nAfter.\n"
        types = block_types(doc)
        assert types == ["heading_open", "paragraph_open"], (text, types)
        assert_no_forbidden(doc)
        shown = visible(inline_tokens(doc)[:1])
        assert shown == "3. " + " ".join(expected_lines(text))


def test_heading_trailing_hashes_survive() -> None:
    doc = f"## {escape.heading('Item C# ##')}\n"
    assert visible(inline_tokens(doc)) == "Item C# ##"


def test_table_cells_keep_the_table_shape() -> None:
    cells = [escape.table_cell(t) for t in HOSTILE]
    rows = ["| Ref | Text |", "|---|---|"]
    rows += [f"| A{i} | {cell} |" for i, cell in enumerate(cells)]
    doc = "\n".join(rows) + "\n\nAfter.\n"
    tokens = MD.parse(doc)
    types = [t.type for t in tokens]
    assert types.count("table_open") == 1
    assert types.count("tr_open") == len(HOSTILE) + 1
    assert types.count("td_open") == 2 * len(HOSTILE)
    assert types.count("paragraph_open") == 1
    assert_no_forbidden(doc)
    inlines = [t for t in tokens if t.type == "inline"]
    texts = [visible([t]) for t in inlines[3:-1:2]]
    assert len(texts) == len(HOSTILE)
    for text, shown in zip(HOSTILE, texts, strict=True):
        assert shown == " ".join(expected_lines(text))


def test_inline_joins_lines_with_spaces() -> None:
    assert escape.inline("Cllr\nAnn  Baker ") == "Cllr Ann  Baker"
    assert escape.inline("   ") == ""


# --- typed lists and tables (house style ``entry_lists``) ----------------------------------------

# The only blocks typed text may make with ``blocks``: paragraphs, one level of bullets, tables.
ALLOWED_BLOCKS = {
    "paragraph_open", "bullet_list_open", "list_item_open", "table_open", "thead_open",
    "tbody_open", "tr_open", "th_open", "td_open",
}


def check_blocks(text: str) -> None:
    body = escape.blocks(text)
    doc = f"Before.\n\n{body}\n\nAfter."
    types = block_types(doc)
    assert set(types) <= ALLOWED_BLOCKS, (set(types) - ALLOWED_BLOCKS, text)
    assert types[0] == "paragraph_open" and types[-1] == "paragraph_open"
    assert_no_forbidden(doc)
    # nothing nested: a bullet list never holds another list, and nothing typed is lost
    depth = 0
    for token in MD.parse(doc):
        if token.type == "bullet_list_open":
            depth += 1
            assert depth == 1, text
        elif token.type == "bullet_list_close":
            depth -= 1
    shown = visible(inline_tokens(doc)[1:-1]).replace("\n", "")
    for line in expected_lines(text):
        for word in line.replace("|", " ").split():
            if word.strip("-*•:") and set(word) - {"-", ":"}:
                assert word.lstrip("-*•") in shown or word in shown, (word, text)


def test_typed_bullets_and_table_become_a_list_and_a_table() -> None:
    body = escape.blocks(
        "Readings:\n- 412 vehicles\n* 63 mph\n| Payee | Amount |\n| --- | --- |\n| H Marr | £6 |"
    )
    assert body == (
        "Readings:\n\n- 412 vehicles\n- 63 mph\n\n| Payee | Amount |\n| --- | --- |\n"
        "| H Marr | £6 |"
    )
    types = block_types(body)
    assert types.count("bullet_list_open") == 1 and types.count("table_open") == 1
    assert types.count("td_open") == 2 and types.count("th_open") == 2


def test_hostile_list_items_and_cells_stay_text() -> None:
    body = escape.blocks("- # heading\n- 1. not a list\n- > quote\n- <b>x</b>\n- [a](b)\n- `c`\n"
                         "| *a* | <i> |\n| [l](x) | # h |")
    assert body == (
        "- \\# heading\n- 1\\. not a list\n- \\> quote\n- \\<b>x\\</b>\n- \\[a\\](b)\n- \\`c\\`\n\n"
        "| \\*a\\* | \\<i> |\n| --- | --- |\n| \\[l\\](x) | \\# h |"
    )
    check_blocks(body)


def test_a_lone_pipe_line_or_ragged_rows_stay_a_paragraph() -> None:
    assert escape.blocks("Police | Crime") == "Police \\| Crime"
    assert escape.blocks("a | b\nc | d | e") == "a \\| b\\\nc \\| d \\| e"


def test_each_hostile_string_stays_in_allowed_blocks() -> None:
    for text in HOSTILE:
        check_blocks(text)
    check_blocks("\n".join(HOSTILE))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*(h for h in HOSTILE if len(h) < 200), "- item", "* item",
                                 "| a | b |", "|---|---|", "| c | d |", " ", "\n", "x", "-"]),
                max_size=10))
def test_lists_and_tables_in_any_mix_make_no_other_markup(parts: list[str]) -> None:
    check_blocks("".join(parts))
