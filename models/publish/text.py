"""The minutes as plain text for email: 72 columns, no markup, tables in monospace columns.

``render_text(markdown)`` walks the markdown-it token tree of the Markdown export (the one
document model), so the words, numbers and tables are those of every other format. What changes
is the layout only:

- ``#`` headings are upper-cased and underlined with ``=``, ``##`` underlined with ``=``, ``###``
  (the items) underlined with ``-``;
- paragraphs are wrapped at 72 columns; a hard line break in the Markdown stays a line break;
- list items get their number ("1.") or a dash, and a hanging indent: the wrapped lines start
  under the text, not under the number;
- tables are laid out in columns that fit in 72 (the widest columns give way first; a cell that
  does not fit is wrapped inside its column), with a dashed rule under the header row;
- markup is gone: no ``**``, no ``*``, no backslash escapes (markdown-it has already resolved
  them: ``\\*`` is a plain ``*`` in the text).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from markdown_it.token import Token

from panel_minutes.models.publish.tokens import parse_tokens

WIDTH = 72
GAP = "  "  # between table columns
MIN_COLUMN = 6  # a column never shrinks below this (unless the table cannot fit otherwise)


def inline_text(token: Token) -> str:
    """The plain text of an inline token: markup dropped, hard breaks as ``\\n``."""
    parts: list[str] = []
    href = ""
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "image":
            parts.append(child.content)
        elif kind == "link_open":
            href = str(child.attrGet("href") or "")
        elif kind == "link_close" and href:
            parts.append(f" <{href}>")
    return "".join(parts)


def wrap(text: str, *, first: str = "", rest: str = "", width: int = WIDTH) -> list[str]:
    """``text`` wrapped at ``width``: ``first`` before the first line, ``rest`` before the others;
    each ``\\n`` in ``text`` (a hard break) starts a new line with ``rest``."""
    lines: list[str] = []
    prefix = first
    for piece in text.split("\n"):
        wrapped = textwrap.wrap(
            " ".join(piece.split()), width=width, initial_indent=prefix, subsequent_indent=rest,
            break_on_hyphens=False,
        ) or [prefix.rstrip()]
        lines.extend(wrapped)
        prefix = rest
    return lines


def _cell_lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_on_hyphens=False) or [""]


def _fit_widths(cells: list[list[str]], room: int) -> list[int]:
    """Column widths that add up to at most ``room`` for the table ``cells`` (one-line texts).

    When all fit, each column has its natural width. Otherwise columns give way a little at a
    time, each time the one whose narrowing adds the fewest lines to the table (ties: the
    widest), never narrower than its longest word (or ``MIN_COLUMN``) while another can still
    give way; a long word is broken only when nothing else fits."""
    count = len(cells[0])
    natural = [max(1, *(len(row[c]) for row in cells)) for c in range(count)]
    widths = list(natural)
    if sum(widths) <= room:
        return widths
    longest_word = [max((len(w) for row in cells for w in row[c].split()), default=0)
                    for c in range(count)]
    floors = [min(n, max(MIN_COLUMN, w)) for n, w in zip(natural, longest_word, strict=True)]
    while sum(floors) > room and max(floors) > MIN_COLUMN:  # words too long for any layout
        widest = max(range(count), key=lambda i: floors[i])
        floors[widest] -= 1
    heights: dict[tuple[int, int], list[int]] = {}

    def column_heights(column: int, width: int) -> list[int]:
        key = (column, width)
        if key not in heights:
            heights[key] = [len(_cell_lines(row[column], width)) for row in cells]
        return heights[key]

    def lines_with(column: int, width: int) -> int:
        columns = [column_heights(c, width if c == column else widths[c]) for c in range(count)]
        return sum(max(row) for row in zip(*columns, strict=True))

    while sum(widths) > room:
        shrinkable = [i for i in range(count) if widths[i] > floors[i]]
        if not shrinkable:
            break  # MIN_COLUMN everywhere and still too wide: the table overflows
        step = max(1, (sum(widths) - room) // (2 * count))
        best = min(
            shrinkable,
            key=lambda i: (lines_with(i, max(floors[i], widths[i] - step)), -widths[i]),
        )
        widths[best] = max(floors[best], widths[best] - step)
    return widths


def table_lines(rows: list[list[str]], *, header: bool = True, width: int = WIDTH) -> list[str]:
    """``rows`` (the first the header) as monospace columns within ``width``."""
    if not rows:
        return []
    columns = max(len(r) for r in rows)
    rows = [[" ".join(cell.split()) for cell in r] + [""] * (columns - len(r)) for r in rows]
    widths = _fit_widths(rows, width - len(GAP) * (columns - 1))
    laid_out: list[list[str]] = []
    for row in rows:
        cells = [_cell_lines(text, w) for text, w in zip(row, widths, strict=True)]
        laid_out.append([
            GAP.join(
                (cell[line] if line < len(cell) else "").ljust(w)
                for cell, w in zip(cells, widths, strict=True)
            ).rstrip()
            for line in range(max(len(c) for c in cells))
        ])
    # rows that wrap onto several lines are kept apart by a blank line, so each reads as one
    spaced = any(len(lines) > 1 for lines in laid_out[1:])
    out: list[str] = []
    for index, lines in enumerate(laid_out):
        if spaced and index > 1:
            out.append("")
        out.extend(lines)
        if index == 0 and header:
            out.append(GAP.join("-" * w for w in widths))
    return out


@dataclass
class _ListLevel:
    ordered: bool
    number: int
    marker_width: int


@dataclass
class _Writer:
    blocks: list[list[str]] = field(default_factory=list)
    lists: list[_ListLevel] = field(default_factory=list)
    pending_marker: str = ""  # "1. " waiting for the first paragraph of a list item
    table: list[list[str]] | None = None

    def indent(self) -> str:
        return " " * sum(level.marker_width for level in self.lists)

    def paragraph(self, text: str, *, tight: bool = False) -> None:
        """A paragraph; the items of a tight bullet list stay on consecutive lines (numbered
        paragraphs, the minutes' entries, always have a blank line between them)."""
        rest = self.indent()
        level = self.lists[-1] if self.lists else None
        joined = (
            tight and level is not None and not level.ordered and self.pending_marker != ""
            and level.number > 2 and bool(self.blocks)
        )
        if self.pending_marker:
            first = rest[: len(rest) - len(self.pending_marker)] + self.pending_marker
            self.pending_marker = ""
        else:
            first = rest
        lines = wrap(text, first=first, rest=rest)
        if joined:
            self.blocks[-1].extend(lines)
        else:
            self.blocks.append(lines)

    def heading(self, level: int, text: str) -> None:
        title = " ".join(text.split())
        if level == 1:
            title = title.upper()
        lines = wrap(title)
        rule = "=" if level <= 2 else "-"
        self.blocks.append([*lines, rule * max(len(line) for line in lines)])


def _item_count(tokens: list[Token], opening: int) -> int:
    """How many items the list opened at ``tokens[opening]`` has (not counting nested ones)."""
    level = tokens[opening].level
    count = 0
    for token in tokens[opening + 1:]:
        if token.level == level:  # the list's own closing token
            break
        if token.type == "list_item_open" and token.level == level + 1:
            count += 1
    return count


def render_text(markdown: str) -> str:
    """The Markdown export as plain text wrapped at 72 columns (see the module)."""
    tokens = parse_tokens(markdown, html=False)
    writer = _Writer()
    row: list[str] = []
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open":
            writer.heading(int(token.tag[1:]), inline_text(tokens[index + 1]))
        elif kind == "inline" and tokens[index - 1].type == "paragraph_open":
            writer.paragraph(inline_text(token), tight=tokens[index - 1].hidden)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            start = int(token.attrGet("start") or 1) if ordered else 1
            width = len(f"{start + _item_count(tokens, index) - 1}. ") if ordered else 2
            writer.lists.append(_ListLevel(ordered, start, width))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            writer.lists.pop()
        elif kind == "list_item_open":
            level = writer.lists[-1]
            marker = f"{level.number}. " if level.ordered else "- "
            writer.pending_marker = marker.rjust(level.marker_width)
            level.number += 1
        elif kind in ("code_block", "fence"):
            indent = writer.indent() + "    "
            writer.blocks.append([indent + line for line in token.content.rstrip("\n").split("\n")])
        elif kind == "hr":
            writer.blocks.append(["-" * WIDTH])
        elif kind == "table_open":
            writer.table = []
        elif kind == "tr_open":
            row = []
        elif kind == "inline" and tokens[index - 1].type in ("th_open", "td_open"):
            row.append(inline_text(token).replace("\n", " "))
        elif kind == "tr_close" and writer.table is not None:
            writer.table.append(row)
        elif kind == "table_close" and writer.table is not None:
            indent = writer.indent()
            lines = table_lines(writer.table, width=WIDTH - len(indent))
            writer.blocks.append([indent + line if line else line for line in lines])
            writer.table = None
    return "\n\n".join("\n".join(block) for block in writer.blocks) + "\n"
