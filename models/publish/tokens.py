"""The markdown-it token stream of the Markdown export, made fast.

Word (``docx``), plain text (``text``) and the leak check's Markdown words (``check_texts``) walk
the token stream of markdown-it-py's ``MarkdownIt("commonmark").enable("table")``. Parsing the
60x60 meeting's 1.4 MB with markdown-it-py takes about 250 ms; markdown-it-pyrs (the compiled port
of the same parser by the same project, already used for the HTML) builds its node tree in about
35 ms. ``parse_tokens`` turns that tree back into the SAME ``Token`` list markdown-it-py gives
(types, tags, nesting, levels, attrs, ``hidden`` paragraphs of tight lists, block and inline
``content``, ``markup``, ``info``, inline children joined as markdown-it-py's ``text_join`` does),
so every writer is unchanged and its output byte-identical (``tests/test_publish_tokens.py``
compares the two streams field by field and the files they make).

Where the two parsers differ, or the tree does not carry a field markdown-it-py fills (the
``map`` of block tokens is not rebuilt: no writer reads it), the whole document goes to
markdown-it-py instead: blockquotes, images, autolinks, reference definitions, links with
non-ASCII addresses (markdown-it-py writes their host names in punycode), tabs, CR or NUL
characters, no final line end, a block starting or ending with non-ASCII white space, a code
span of spaces only, a list item whose text does not start right after its marker, a table
without a blank line above it or with a row not starting with ``|``, a one-column table under
a ``---`` line, and any input that makes markdown-it-pyrs panic. The app's Markdown holds none
of these (typed markup is escaped), so the fast path is the usual one and the slow one only
ever costs time, never a different file. Without markdown-it-pyrs, markdown-it-py is used
throughout.
"""

from __future__ import annotations

import gc
import re
from dataclasses import fields
from functools import cache
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

_INLINE = frozenset({
    "text", "text_special", "em", "strong", "code_inline", "link", "image", "softbreak",
    "hardbreak", "html_inline",
})

# Where a table starts and ends the two parsers differ (a table right under a paragraph line,
# a list item line right under a table): a table is converted only when it has a blank line (or
# nothing) above it and every row of it starts with "|", as the Markdown export writes them.
_MARKER = re.compile(rb"(?:[-*+]|[0-9]{1,9}[.)])[ ]{1,4}")
_ROW = re.compile(rb"[ ]*\|")
_BLANK_ABOVE = re.compile(rb"(?:\A|\n)[ ]*\n[ ]*\Z")


class _Unsupported(Exception):
    """The tree holds a construct whose tokens are left to markdown-it-py."""


@cache
def _reference(html: bool) -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": html}).enable("table")


@cache
def _fast(html: bool) -> Any:
    if tuple(field.name for field in fields(Token)) != _TOKEN_FIELDS:
        return None
    try:
        from markdown_it_pyrs import MarkdownIt as RustMarkdownIt
    except ImportError:
        return None
    if html:
        return RustMarkdownIt("commonmark").enable("table")
    # CommonMark's rules with GFM tables and without raw HTML (as ``panel_minutes.models.publish.html``)
    return RustMarkdownIt("zero").enable_many(
        [
            "blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph",
            "reference", "autolink", "backticks", "emphasis", "entity", "escape", "image",
            "link", "newline", "table",
        ]
    )


def parse_tokens_py(markdown: str, *, html: bool = True) -> list[Token]:
    """The tokens by markdown-it-py itself (the reference, and the fallback)."""
    return _reference(html).parse(markdown)


def parse_tokens(markdown: str, *, html: bool = True) -> list[Token]:
    """markdown-it-py's token stream of ``markdown`` (CommonMark with tables; raw HTML as
    ``html`` says), built from markdown-it-pyrs's tree when it can be made identical."""
    tokens = fast_tokens(markdown, html=html)
    return parse_tokens_py(markdown, html=html) if tokens is None else tokens


def fast_tokens(markdown: str, *, html: bool = True) -> list[Token] | None:
    """The tokens built from markdown-it-pyrs's tree, or None when pyrs is not installed or
    ``markdown`` holds a construct left to markdown-it-py (see the module)."""
    fast = _fast(html)
    if fast is None or not _plain_enough(markdown):
        return None
    # The tree and the tokens are tens of thousands of objects (no reference cycles among
    # them): the cyclic garbage collector, which would otherwise run full passes over all the
    # app holds (the loaded meeting) while they are made, waits until they are done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            tree = fast.tree(markdown)
        except BaseException as error:  # a Rust panic is a BaseException (PanicException)
            if not isinstance(error, Exception) and type(error).__name__ != "PanicException":
                raise
            return None
        return _Converter(markdown).convert(tree)
    except _Unsupported:
        return None
    finally:
        if collecting:
            gc.enable()


def _plain_enough(markdown: str) -> bool:
    """No tab (columns), CR or NUL (markdown-it-py rewrites them before parsing), and a final
    line end (markdown-it-py keeps an unclosed code block's last line without one)."""
    return (markdown.endswith("\n") and "\t" not in markdown and "\r" not in markdown
            and "\0" not in markdown)


# Tokens are made field by field, skipping the dataclass __init__ (keywords, __post_init__):
# about half the cost of the conversion for the 60x60 meeting's 25,000 tokens. Should
# markdown-it-py's Token gain or lose a field, the fast path is off (``_fast``).
_TOKEN_FIELDS = ("type", "tag", "nesting", "attrs", "map", "level", "children", "content",
                 "markup", "info", "meta", "block", "hidden")
_new = object.__new__


def _token(type_: str, tag: str, nesting: Literal[-1, 0, 1], level: int, markup: str,
           content: str, block: bool) -> Token:
    token: Token = _new(Token)
    token.type = type_
    token.tag = tag
    token.nesting = nesting
    token.attrs = {}
    token.map = None
    token.level = level
    token.children = None
    token.content = content
    token.markup = markup
    token.info = ""
    token.meta = {}
    token.block = block
    token.hidden = False
    return token


def _block(type_: str, tag: str, nesting: Literal[-1, 0, 1], level: int, markup: str = "") -> Token:
    return _token(type_, tag, nesting, level, markup, "", True)


def _inline(type_: str, tag: str, nesting: Literal[-1, 0, 1], level: int, markup: str = "",
            content: str = "") -> Token:
    return _token(type_, tag, nesting, level, markup, content, False)


class _Converter:
    def __init__(self, markdown: str) -> None:
        self.src = markdown.encode("utf-8")
        self.out: list[Token] = []
        self.indent = 0  # markdown-it's blkIndent: the column where the list item's text starts

    def convert(self, root: Any) -> list[Token]:
        self.blocks(root.children, 0, hidden=False)
        return self.out

    # -- source slices -------------------------------------------------------------------

    def text(self, start: int, end: int) -> str:
        return self.src[start:end].decode("utf-8")

    def lines_content(self, start: int, end: int) -> str:
        """A paragraph's content as markdown-it-py's ``getLines(...).strip()`` gives it: each
        continuation line loses up to ``indent`` leading spaces."""
        text = self.text(start, end)
        if "\n" in text:
            lines = text.split("\n")
            indent = self.indent
            for i in range(1, len(lines)):
                line = lines[i]
                if indent:
                    stripped = line.lstrip(" ")
                    lines[i] = line[min(indent, len(line) - len(stripped)):]
            text = "\n".join(lines)
        return _strip(text)

    def heading_content(self, start: int, end: int, level: int) -> str:
        """An ATX heading's text as markdown-it-py cuts it: after the opening #s, without a
        closing sequence of #s (when a space precedes it)."""
        line = self.text(start, end).split("\n", 1)[0]
        stop = len(line.rstrip(" "))
        hashes = len(line[:stop].rstrip("#"))
        if hashes > level and line[hashes - 1] == " ":
            stop = hashes
        return _strip(line[level:stop])

    def text_start(self, item: int) -> int:
        """Where the text of the list item starting at ``item`` starts (after its marker)."""
        match = _MARKER.match(self.src, item)
        if match is None or self.src[match.end():match.end() + 1] in (b" ", b"\n"):
            # text on a later line, or a code block in the item: another indent rule
            raise _Unsupported("list item text not right after its marker")
        return match.end()

    def column(self, offset: int) -> int:
        return offset - (self.src.rfind(b"\n", 0, offset) + 1)

    # -- blocks --------------------------------------------------------------------------

    def blocks(
        self, nodes: list[Any], level: int, *, hidden: bool, run_start: int = -1, item_end: int = -1
    ) -> None:
        """``nodes`` as block tokens; in a tight list item (``run_start``: where its text
        starts, ``item_end``: where the item ends) its leading inline nodes are a hidden paragraph."""
        out = self.out
        run: list[Any] = []  # inline nodes straight in a (tight) list item: a hidden paragraph
        for index, node in enumerate(nodes):
            name = node.name
            if name in _INLINE:
                if index and not run:
                    raise _Unsupported("item text after a block")
                run.append(node)
                continue
            if run:
                self.paragraph(run, run_start, node.srcmap[0], level, hidden=True)
                run = []
            if name == "paragraph":
                start, end = node.srcmap
                self.paragraph(node.children, start, end, level, hidden=hidden)
            elif name == "heading" or name == "lheading":
                meta = node.meta
                tag = f"h{meta['level']}"
                start, end = node.srcmap
                if name == "heading":
                    markup = "#" * meta["level"]
                    content = self.heading_content(start, end, meta["level"])
                else:
                    markup = meta["marker"]
                    if markup == "-" and b"|" in self.src[start:end]:
                        raise _Unsupported("a one-column table to markdown-it-py")
                    underline = self.src.rfind(b"\n", start, end)
                    content = self.lines_content(start, underline)
                out.append(_block("heading_open", tag, 1, level, markup))
                out.append(self.inline(node.children, content, level + 1))
                out.append(_block("heading_close", tag, -1, level, markup))
            elif name == "bullet_list" or name == "ordered_list":
                self.list_block(node, level)
            elif name == "fence":
                meta = node.meta
                token = _block("fence", "code", 0, level, meta["marker"] * meta["marker_len"])
                token.content = meta["content"]
                token.info = meta["info"]
                out.append(token)
            elif name == "code_block":
                token = _block("code_block", "code", 0, level)
                token.content = node.meta["content"]
                out.append(token)
            elif name == "html_block":
                token = _block("html_block", "", 0, level)
                token.content = node.meta["content"]
                out.append(token)
            elif name == "hr":
                meta = node.meta
                out.append(_block("hr", "hr", 0, level, meta["marker"] * (meta["marker_len"] + 1)))
            elif name == "table":
                self.table(node, level)
            else:  # blockquote (its lines lose their "> " in content), anything unknown
                raise _Unsupported(name)
        if run:
            self.paragraph(run, run_start, item_end, level, hidden=True)

    def paragraph(
        self, children: list[Any], start: int, end: int, level: int, *, hidden: bool
    ) -> None:
        out = self.out
        opening = _block("paragraph_open", "p", 1, level)
        opening.hidden = hidden
        out.append(opening)
        out.append(self.inline(children, self.lines_content(start, end), level + 1))
        closing = _block("paragraph_close", "p", -1, level)
        closing.hidden = hidden
        out.append(closing)

    def list_block(self, node: Any, level: int) -> None:
        out = self.out
        meta = node.meta
        marker = meta["marker"]
        ordered = node.name == "ordered_list"
        kind, tag = ("ordered_list", "ol") if ordered else ("bullet_list", "ul")
        opening = _block(f"{kind}_open", tag, 1, level, marker)
        if ordered and meta["start"] != 1:
            opening.attrs = {"start": meta["start"]}
        out.append(opening)
        # a tight list has no paragraph nodes: its items hold their inline nodes directly
        items = [(item, item.children) for item in node.children]
        loose = any(child.name == "paragraph" for _, children in items for child in children)
        outer = self.indent
        for item, children in items:
            item_open = _block("list_item_open", "li", 1, level + 1, marker)
            start = item.srcmap[0]
            if ordered:
                digits = self.src[start:self.src.index(marker.encode(), start)]
                item_open.info = digits.decode("ascii")
            out.append(item_open)
            if children:
                text_start = self.text_start(start)
                self.indent = self.column(text_start)
                self.blocks(children, level + 2, hidden=not loose, run_start=text_start,
                            item_end=item.srcmap[1])
                self.indent = outer
            out.append(_block("list_item_close", "li", -1, level + 1, marker))
        out.append(_block(f"{kind}_close", tag, -1, level, marker))

    def table(self, node: Any, level: int) -> None:
        out = self.out
        aligns = [
            None if a == "none" else {"style": f"text-align:{a}"}
            for a in node.meta.get("alignments", [])
        ]
        start = node.srcmap[0]
        if start and not _BLANK_ABOVE.search(self.src, max(0, start - 200), start):
            raise _Unsupported("a table without a blank line above it")
        out.append(_block("table_open", "table", 1, level))
        for section in node.children:
            head = section.name == "thead"
            tag = "thead" if head else "tbody"
            cell = "th" if head else "td"
            out.append(_block(f"{tag}_open", tag, 1, level + 1))
            for row in section.children:
                line = self.src.rfind(b"\n", 0, row.srcmap[0]) + 1
                if not _ROW.match(self.src, line):
                    raise _Unsupported("a table row without a leading |")
                out.append(_block("tr_open", "tr", 1, level + 2))
                for index, tcell in enumerate(row.children):
                    opening = _block(f"{cell}_open", cell, 1, level + 3)
                    align = aligns[index] if index < len(aligns) else None
                    if align is not None:
                        opening.attrs = dict(align)
                    out.append(opening)
                    children = tcell.children
                    content = _strip(self.text(*tcell.srcmap).replace("\\|", "|"))
                    out.append(self.inline(children, content, level + 4))
                    out.append(_block(f"{cell}_close", cell, -1, level + 3))
                out.append(_block("tr_close", "tr", -1, level + 2))
            out.append(_block(f"{tag}_close", tag, -1, level + 1))
        out.append(_block("table_close", "table", -1, level))

    # -- inline --------------------------------------------------------------------------

    def inline(self, nodes: list[Any], content: str, level: int) -> Token:
        children: list[Token] = []
        self.inlines(nodes, 0, children)
        token = _token("inline", "", 0, level, "", content, True)
        token.children = children
        return token

    def inlines(self, nodes: list[Any], level: int, out: list[Token]) -> None:
        """``nodes`` as markdown-it-py's flat inline tokens, adjacent texts joined into one
        (as its fragments_join and text_join: escapes and entities are text by then)."""
        for node in nodes:
            name = node.name
            if name == "text" or name == "text_special":
                meta = node.meta
                if out and out[-1].type == "text":
                    out[-1].content += meta["content"]
                elif name == "text":
                    out.append(_inline("text", "", 0, level, "", meta["content"]))
                else:  # an escape or entity keeps its markup and info in the joined text
                    token = _inline("text", "", 0, level, meta["markup"], meta["content"])
                    token.info = meta["info"]
                    out.append(token)
            elif name == "softbreak" or name == "hardbreak":
                out.append(_inline(name, "br", 0, level))
            elif name == "em" or name == "strong":
                strong = name == "strong"
                markup = node.meta["marker"] * (2 if strong else 1)
                # markdown-it-py leaves an empty text on either side of a strong
                if strong and not (out and out[-1].type == "text"):
                    out.append(_inline("text", "", 0, level))
                out.append(_inline(f"{name}_open", name, 1, level, markup))
                self.inlines(node.children, level + 1, out)
                out.append(_inline(f"{name}_close", name, -1, level, markup))
                if strong:
                    out.append(_inline("text", "", 0, level))
            elif name == "code_inline":
                meta = node.meta
                code = "".join(c.meta["content"] for c in node.children)
                if not code.strip(" "):
                    raise _Unsupported("a code span of spaces")  # the tree trims them
                out.append(_inline("code_inline", "code", 0, level,
                                   meta["marker"] * meta["marker_len"], code))
            elif name == "html_inline":
                out.append(_inline("html_inline", "", 0, level, "", node.meta["content"]))
            elif name == "link":
                start, end = node.srcmap
                if not self.src[start:end].isascii():
                    raise _Unsupported("non-ASCII link")  # pyrs does not punycode host names
                meta = node.meta
                opening = _inline("link_open", "a", 1, level)
                opening.attrs["href"] = meta["url"]
                if meta.get("title"):
                    opening.attrs["title"] = meta["title"]
                out.append(opening)
                self.inlines(node.children, level + 1, out)
                out.append(_inline("link_close", "a", -1, level))
            else:
                # image: its content is the alt text's source, which the tree does not keep;
                # autolink: its text is normalised differently; anything unknown
                raise _Unsupported(name)


def _strip(text: str) -> str:
    """``str.strip()`` as markdown-it-py applies it to a block's content; the tree trims only
    spaces and line ends, so text that starts or ends with other white space (a no-break
    space) is left to markdown-it-py."""
    stripped = text.strip()
    if len(stripped) != len(text.strip(" \n")):
        raise _Unsupported("unicode white space at the edge of a block")
    return stripped
