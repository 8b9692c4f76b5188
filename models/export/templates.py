"""House-style templates: ``fill(template, **values)`` puts values into ``{placeholders}`` and
drops every *part* of the template whose placeholders are all empty, so a template never prints
a lead-in word for something the clerk did not record (" at {time}" with no time).

A placeholder is ``{name}`` (letters, digits, underscore). A value is *empty* when it is blank.
Values are put in as given (the caller escapes them); a value is never read as a template.

The parts, from the largest:

1. A **bracketed group**, ``( ... )`` or ``[ ... ]``: when every placeholder inside it is empty,
   the whole group goes, with the blanks before it ("(Proposed by {proposer})" with no proposer).
   Otherwise its inside is filled by the same rules.
2. A **clause**: the template (and the inside of each group) is cut at separators, a ``,``, ``;``
   or ``:`` followed by a blank, or the blanks after a ``.``, ``!`` or ``?``. A clause whose
   placeholders are all empty goes, with the separator before it (or, for the first clause, the
   separator after it): "held on {date} at {time}, {venue}" with no venue loses ", {venue}". A
   full stop that ends the whole template or group stays ("..., by {due}." keeps its ".").
3. A **lead-in**: inside a clause that stays, an empty placeholder goes with the words that
   introduce it, that is the text since the previous placeholder of the clause when that text is
   only lower-case words (" at {time}", " in {venue}"); otherwise it goes with one blank beside
   it ("the {kind} Meeting" becomes "the Meeting").

Text with no placeholder is always kept. The result has no blanks at either end.
"""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{(\w+)\}")
_SEPARATOR = re.compile(r"(\s*[,;:]\s+|(?<=[.!?])\s+)")
_END_STOP = re.compile(r"[.!?]+$")
_LEAD_IN = re.compile(r"\s+[a-z]+(?:\s+[a-z]+)*\s+")
_OPEN = {"(": ")", "[": "]"}
# A surviving group is held aside as one private-use character while its clause is looked at.
_TOKEN_BASE = 0xE000


def placeholders(template: str) -> list[str]:
    """The placeholder names of ``template``, in order (with repeats)."""
    return PLACEHOLDER.findall(template)


def fill(template: str, /, **values: str) -> str:
    """``template`` with its placeholders filled from ``values`` and its empty parts dropped.

    ``ValueError`` names a placeholder that ``values`` does not give.
    """
    missing = [name for name in placeholders(template) if name not in values]
    if missing:
        known = ", ".join(f"{{{k}}}" for k in sorted(values)) or "none"
        raise ValueError(f"template: unknown placeholder {{{missing[0]}}} (known: {known})")
    empty = frozenset(k for k, v in values.items() if not v.strip())
    kept = _Filler(empty).part(template)
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], kept).strip()


class _Filler:
    def __init__(self, empty: frozenset[str]) -> None:
        self.empty = empty
        self.groups: list[str] = []  # the kept groups, by token

    def all_empty(self, text: str) -> bool:
        """Whether ``text`` has placeholders and every one is empty (a kept group is not)."""
        names = placeholders(text)
        if any(_TOKEN_BASE <= ord(ch) < _TOKEN_BASE + len(self.groups) for ch in text):
            return False
        return bool(names) and all(n in self.empty for n in names)

    def part(self, text: str) -> str:
        """``text`` (a whole template or a group's inside) with its empty parts dropped."""
        text = self.groups_of(text)
        stop = _END_STOP.search(text)
        end = stop.group(0) if stop else ""
        body = text[: len(text) - len(end)]
        pieces = _SEPARATOR.split(body)
        clauses, separators = pieces[0::2], pieces[1::2]
        out = ""
        pending = ""  # the separator before the next kept clause
        started = False
        for index, clause in enumerate(clauses):
            if self.all_empty(clause):
                if started:  # the separator before it goes; the one after it stays
                    pending = separators[index] if index < len(separators) else ""
                continue
            if started:
                out += pending
            out += self.lead_ins(clause)
            started = True
            pending = separators[index] if index < len(separators) else ""
        return self.restore(out + end) if started else ""

    def groups_of(self, text: str) -> str:
        """Each top-level bracketed group dropped (when all empty) or filled and held aside."""
        out: list[str] = []
        i = 0
        while i < len(text):
            ch = text[i]
            close = _OPEN.get(ch)
            if close is None:
                out.append(ch)
                i += 1
                continue
            depth, j = 0, i
            while j < len(text):
                if text[j] == ch:
                    depth += 1
                elif text[j] == close:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= len(text):  # an unclosed bracket is plain text
                out.append(ch)
                i += 1
                continue
            inside = text[i + 1 : j]
            if self.all_empty(inside):
                while out and out[-1].isspace():
                    out.pop()
            else:
                self.groups.append(ch + self.part(inside) + close)
                out.append(chr(_TOKEN_BASE + len(self.groups) - 1))
            i = j + 1
        return "".join(out)

    def restore(self, text: str) -> str:
        for index in range(len(self.groups) - 1, -1, -1):
            text = text.replace(chr(_TOKEN_BASE + index), self.groups[index])
        return text

    def lead_ins(self, clause: str) -> str:
        """The clause with each empty placeholder dropped with its lead-in words."""
        while True:
            found = [m for m in PLACEHOLDER.finditer(clause) if m.group(1) in self.empty]
            if not found:
                return clause
            match = found[-1]
            start, end = match.span()
            before = [m for m in PLACEHOLDER.finditer(clause, 0, start) if m.end() <= start]
            link_start = before[-1].end() if before else None
            if link_start is not None and _LEAD_IN.fullmatch(clause[link_start:start]):
                clause = clause[:link_start] + clause[end:]
            elif clause[end : end + 1] == " ":
                clause = clause[:start] + clause[end + 1 :]
            else:
                cut = start - 1 if start and clause[start - 1] == " " else start
                clause = clause[:cut] + clause[end:]
