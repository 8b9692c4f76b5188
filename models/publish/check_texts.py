"""The public text of each format, for the leak check (``models.checks``).

Each format is rendered PUBLIC from the one document model and reduced to its words: what a
reader of that file would see. Formats whose library is missing here are left out (and said so
by the caller), never guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markdown_it import MarkdownIt

from models.domain import MinutesDocument
from models.export.markdown import render_markdown


def markdown_words(markdown: str) -> str:
    """The text a reader sees in ``markdown``: inline content of every block, markup removed."""
    parser = MarkdownIt("commonmark").enable("table")
    out: list[str] = []
    for token in parser.parse(markdown):
        if token.type == "inline":
            out.extend(child.content for child in token.children or () if child.content)
            out.append("\n")
    return " ".join(out)


def _md(doc: MinutesDocument) -> str:
    return render_markdown(doc)


def _md_source(doc: MinutesDocument) -> str:
    return markdown_words(render_markdown(doc))


TEXT_OF: dict[str, Callable[[MinutesDocument], str]] = {
    "Markdown": _md,
    "Markdown as read": _md_source,
}


def public_texts(doc: MinutesDocument, formats: Iterable[str] | None = None) -> dict[str, str]:
    """Format name -> the words of its public rendering of ``doc``."""
    names = list(TEXT_OF) if formats is None else [f for f in formats if f in TEXT_OF]
    return {name: TEXT_OF[name](doc) for name in names}
