"""Escaping of clerk-typed text so it can never change the structure of the exported Markdown.

The guarantee: whatever a clerk types (a line that starts with ``#``, ``>``, ``-``, ``1.``,
``---``/``===``, pipes, asterisks, backticks, brackets, raw HTML such as ``<script>``, entity
references, trailing backslashes, leading spaces, blank lines, control characters ...) comes out
of these helpers as *text* inside the block the exporter put it in: a paragraph stays one
paragraph, a heading stays one heading, a table cell stays one cell. Every visible character the
clerk typed is still visible in the rendered minutes.

What is changed (in the Markdown only; the database keeps the original):

- CR, CRLF, vertical tab, form feed, NEL and U+2028/U+2029 count as line breaks;
- inside a paragraph, line breaks become CommonMark hard line breaks (``\\`` at line end) and runs
  of blank lines collapse to one break, so the text can never start a new block;
- in headings and table cells, line breaks become a single space;
- tabs become spaces; leading and trailing blanks (any Unicode white space) of each line are
  dropped (leading spaces would otherwise make an indented code block);
- NUL and other C0/C1 control characters, lone surrogates and the bidirectional embedding,
  override and isolate controls (which could visually reorder the rest of a line) become U+FFFD,
  a visible replacement mark;
- Markdown punctuation is backslash-escaped where it could mean something.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

# Every way a line can end, in the text people type or paste.
_NEWLINES = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
# Characters that are not safe to pass through: C0 controls other than tab/newline (handled
# above), DEL and C1 controls, lone surrogates, bidi embeddings/overrides/isolates.
_UNSAFE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)
# Punctuation escaped wherever it appears: emphasis, code, links, raw HTML, strikethrough
# (GFM), table pipes and the backslash itself (first, so the added backslashes are not doubled).
_SPECIAL = ("\\", "`", "*", "_", "[", "]", "<", "~", "|")
# In headings ``#`` too: a trailing run of ``#`` would be taken as the closing sequence.
_SPECIAL_HEADING = (*_SPECIAL, "#")
# "&amp;", "&#60;", "&#x3C;": would be decoded as an entity.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Block markers at the start of a line (after the escapes above): ATX heading, block quote,
# bullet list, thematic break, setext underline, ordered list.
_LINE_START = re.compile(r"^(?:[#>+=-]|(\d{1,9})[.)])")


def clean(text: str) -> str:
    """Normalise line breaks to ``\\n`` and replace unsafe characters; no Markdown escaping."""
    if text.isascii() and text.replace("\n", " ").isprintable():
        return text  # fast path: printable ASCII and newlines need no cleaning
    text = _NEWLINES.sub("\n", text)
    text = text.replace("\t", " ")
    return _UNSAFE.sub(REPLACEMENT, text)


def _escape_specials(text: str, special: tuple[str, ...]) -> str:
    for char in special:
        if char in text:
            text = text.replace(char, "\\" + char)
    if "&" in text:
        text = _ENTITY.sub(r"\\&", text)
    return text


def _lines(text: str, special: tuple[str, ...] = _SPECIAL) -> list[str]:
    """The non-blank lines of ``text``, escaped; a line's start may be the start of a block."""
    out = []
    for raw in _escape_specials(clean(text), special).split("\n"):
        line = raw.strip()  # any Unicode blank: parsers differ on which they trim
        if not line:
            continue
        match = _LINE_START.match(line)
        if match is not None:
            digits = match.group(1)
            line = f"{digits}\\{line[len(digits):]}" if digits else "\\" + line
        out.append(line)
    return out


def inline(text: str) -> str:
    """Text for running prose on one line (a name, a label, a title): breaks become spaces."""
    return " ".join(_lines(text))


def paragraph(text: str, *, indent: str = "") -> str:
    """Text that must stay inside one paragraph (or list item): line breaks become hard breaks.

    ``indent`` is put before each continuation line (e.g. three spaces inside a ``1.`` list
    item) so that the raw Markdown reads well; it does not change what is rendered.
    """
    return ("\\\n" + indent).join(_lines(text))


def heading(text: str) -> str:
    """Text for an ATX heading: one line, and no ``#`` that could close the heading."""
    return " ".join(_lines(text, _SPECIAL_HEADING))


def table_cell(text: str) -> str:
    """Text for one GFM table cell: one line, pipes escaped."""
    return inline(text)


# --- lists and tables typed inside an entry (house style ``entry_lists``) ------------------------

_BULLET = re.compile(r"[-*•][ \t]+(\S.*)")
_RULE_CELL = re.compile(r":?-{3,}:?")


def _cells(line: str) -> list[str] | None:
    """The cells of a typed table row ("| a | b |" or "a | b"); None if it is not one."""
    row = line.strip()
    if "|" not in row:
        return None
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    cells = [c.strip() for c in row.split("|")]
    return cells if len(cells) >= 2 else None


def _is_rule(cells: list[str]) -> bool:
    return all(_RULE_CELL.fullmatch(c) for c in cells)


def _table(rows: list[list[str]]) -> str:
    """A GFM table: the first row is the header; every cell escaped."""
    width = len(rows[0])
    lines = ["| " + " | ".join(table_cell(c) for c in rows[0]) + " |",
             "| " + " | ".join("---" for _ in range(width)) + " |"]
    lines += ["| " + " | ".join(table_cell(c) for c in row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def _table_at(lines: list[str], start: int) -> tuple[list[list[str]], int] | None:
    """The table that starts at ``lines[start]`` (a header row, an optional ``---`` row, then at
    least one row, all with the same number of cells) and the index after it, or None."""
    head = _cells(lines[start])
    if head is None or _is_rule(head):
        return None
    rows = [head]
    index = start + 1
    if index < len(lines):
        rule = _cells(lines[index])
        if rule is not None and len(rule) == len(head) and _is_rule(rule):
            index += 1
    while index < len(lines):
        cells = _cells(lines[index])
        if cells is None or len(cells) != len(head) or _is_rule(cells):
            break
        rows.append(cells)
        index += 1
    return (rows, index) if len(rows) >= 2 else None


def blocks(text: str, *, indent: str = "") -> str:
    """Typed text whose bulleted lines ("- " or "* ") stay a bulleted list and whose simple
    ``|`` table (a header row, an optional ``---`` row, rows) becomes a GFM table; everything
    else is ``paragraph`` text. Every list item and cell is escaped as ``inline`` text, so
    nothing else typed becomes markup. ``indent`` goes before each later line (inside a list)."""
    lines = clean(text).split("\n")
    out: list[str] = []
    loose: list[str] = []  # the paragraph lines gathered so far
    index = 0

    def flush() -> None:
        if "".join(loose).strip():
            out.append(paragraph("\n".join(loose), indent=indent))
        loose.clear()

    while index < len(lines):
        bullet = _BULLET.fullmatch(lines[index].strip())
        if bullet is not None:
            flush()
            items: list[str] = []
            while index < len(lines):
                found = _BULLET.fullmatch(lines[index].strip())
                if found is None:
                    break
                items.append("- " + inline(found.group(1)))
                index += 1
            out.append(("\n" + indent).join(items))
            continue
        table = _table_at(lines, index)
        if table is not None:
            flush()
            rows, index = table
            out.append(_table(rows).replace("\n", "\n" + indent))
            continue
        loose.append(lines[index])
        index += 1
    flush()
    return ("\n\n" + indent).join(out)
