"""Full-text search over every meeting: items, entries, questions, resolutions, actions.

Query syntax (what a clerk types; nothing is passed raw to SQLite):

- ``rural crime``: entries containing both words (any order, any form: "officers" finds "officer");
- ``"rural crime"``: the exact phrase;
- ``budg*``: words starting with "budg";
- ``estate -budget``: "estate" but not "budget" (a lone ``-word`` is searched as a word).

Every other character (``AND``, ``OR``, ``:``, ``(``, a stray ``"``) is an ordinary word or a
separator. On SQLite the FTS5 index of ``panel_minutes.models.search_index`` answers; on other databases (or a
SQLite without FTS5) a LIKE search over the same fields gives the same kind of results, without
word forms.

Results come newest meeting first, each with a snippet in which matches are marked
``[[like this]]``. Hits from exempt (Part 2) items are found too (the app
is the clerk's) but carry ``exempt=True`` so screens can say so.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    false,
    literal,
    not_,
    null,
    union_all,
)
from sqlalchemy import select as core_select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import aliased
from sqlmodel import col, func

from panel_minutes.models import search_index
from panel_minutes.models import tables as t
from panel_minutes.models.domain import SearchHit
from panel_minutes.models.store.base import StoreBase

MARK_OPEN, MARK_CLOSE = "[[", "]]"
ELLIPSIS = "…"
SNIPPET_TOKENS = 16  # words in an FTS snippet
SNIPPET_CHARS = 120  # characters in a LIKE snippet

# A word as SQLite's unicode61 tokenizer sees it: letters and digits; all else separates.
_WORD = re.compile(r"[^\W_]+")
_JSON_LIST = re.compile(r'\["|"\]|", "|\[\]')


@dataclass(frozen=True, slots=True)
class Term:
    """One thing the clerk asked for: a word or a phrase (one or more words)."""

    words: tuple[str, ...]  # as the tokenizer would split them
    raw: str  # as typed (without quotes, dash or star): what LIKE looks for
    prefix: bool = False
    negate: bool = False

    def fts(self) -> str:
        """This term as an FTS5 string: always a quoted phrase, so no operator can leak in."""
        quoted = '"' + " ".join(self.words).replace('"', '""') + '"'
        return quoted + ("*" if self.prefix else "")


@dataclass(frozen=True, slots=True)
class Query:
    positives: tuple[Term, ...]
    negatives: tuple[Term, ...] = ()

    def fts(self) -> str:
        """The FTS5 MATCH expression: all positives, none of the negatives."""
        expr = " ".join(term.fts() for term in self.positives)
        if self.negatives:
            expr = f"({expr})" + "".join(f" NOT {term.fts()}" for term in self.negatives)
        return expr


def parse_query(query: str) -> Query:
    """Split what the clerk typed into words and "phrases"; never fails.

    A word may end in ``*`` (prefix) or start with ``-`` (exclude). An unclosed quote runs to the
    end. Anything with no letters or digits is dropped.
    """
    positives: list[Term] = []
    negatives: list[Term] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
            continue
        if ch == '"':
            end = query.find('"', i + 1)
            end = n if end < 0 else end
            raw = query[i + 1 : end].strip()
            i = end + 1
            words = tuple(_WORD.findall(raw))
            if words:
                positives.append(Term(words, " ".join(raw.split())))
            continue
        j = i
        while j < n and not query[j].isspace() and query[j] != '"':
            j += 1
        token = query[i:j]
        i = j
        negate = token.startswith("-") and len(token) > 1
        core = token[1:] if negate else token
        prefix = core.endswith("*")
        core = core.strip("*")
        words = tuple(_WORD.findall(core))
        if not words:
            continue
        term = Term(words, core, prefix=prefix and len(words) >= 1, negate=negate)
        (negatives if negate else positives).append(term)
    if not positives and negatives:
        # "-x" alone: the clerk most likely meant the word itself.
        positives = [Term(n.words, n.raw, prefix=n.prefix) for n in negatives]
        negatives = []
    return Query(tuple(positives), tuple(negatives))


def mark(text: str, needles: list[str], *, word_start: bool = False) -> str:
    """Wrap every case-insensitive occurrence of any needle in ``[[ ]]`` (with ``word_start``,
    the whole words that begin with a needle, as FTS prefixes and word forms match)."""
    wanted = sorted({n for n in needles if n}, key=len, reverse=True)
    if not wanted:
        return text
    alternatives = "|".join(re.escape(n) for n in wanted)
    pattern = re.compile(
        rf"\b(?:{alternatives})\w*" if word_start else alternatives, re.IGNORECASE
    )
    return pattern.sub(lambda m: f"{MARK_OPEN}{m.group(0)}{MARK_CLOSE}", text)


def make_snippet(
    text: str, needles: list[str], width: int = SNIPPET_CHARS, *, word_start: bool = False
) -> str:
    """A window of ``text`` around the first match, cut at word boundaries, matches marked."""
    flat = " ".join(text.split())
    lowered = flat.lower()
    found = [p for p in (lowered.find(n.lower()) for n in needles if n) if p >= 0]
    first = min(found) if found else 0
    start = max(0, first - width // 3)
    if start > 0:
        space = flat.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else 0
    end = min(len(flat), start + width)
    if end < len(flat):
        space = flat.find(" ", end)
        end = len(flat) if space < 0 else space
    window = flat[start:end]
    return (ELLIPSIS if start > 0 else "") + mark(window, needles, word_start=word_start) + (
        ELLIPSIS if end < len(flat) else ""
    )


def _best_snippet(snippet: str, who: str, head: str) -> str:
    """The snippet to show: when only a name matched, the start of the text comes first, so the
    hit reads "how many officers ... — Cllr Priya [[Raman]]"."""
    snippet = " ".join(snippet.split())
    who = " ".join(who.split())
    plain = snippet.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    if who and plain == who and head.strip():
        return f"{make_snippet(head, [], width=SNIPPET_CHARS // 2)} — {snippet}"
    return snippet


def _like_pattern(needle: str) -> str:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


# Step 1: which rows match, newest meeting first. ``search_doc`` holds each row's meeting and
# date, so ordering costs one primary-key lookup per match. No snippets yet: FTS5's snippet()
# costs grow with the square of the matches in a row, so they are made for the rows shown only.
_MATCH_SQL = f"""
SELECT d.rid
FROM (SELECT rowid AS rid FROM {search_index.TABLE} WHERE {search_index.TABLE} MATCH :q) AS h
JOIN {search_index.DOC_TABLE} AS d ON d.rid = h.rid
{{panel}}
ORDER BY d.held_on DESC, d.meeting_id DESC, d.rid
LIMIT :limit
"""

# Step 2: where each shown row is (meeting, item, exemption, entry or action).
_CONTEXT_SQL = f"""
WITH hit AS (
    SELECT rid, rid % {search_index.ROWID_STRIDE} AS code, rid / {search_index.ROWID_STRIDE} AS sid
    FROM {search_index.DOC_TABLE} WHERE rid IN ({{rowids}})
)
SELECT h.rid, h.code, m.id, m.held_on, pn.name, i.id, i.title,
       coalesce(i.exempt, xi.exempt, 0),
       CASE h.code WHEN 0 THEN h.sid END,
       CASE h.code WHEN 2 THEN h.sid WHEN 3 THEN u.action_id END
FROM hit AS h
LEFT JOIN entry AS e ON h.code = 0 AND e.id = h.sid
LEFT JOIN action AS a ON h.code = 2 AND a.id = h.sid
LEFT JOIN action_update AS u ON h.code = 3 AND u.id = h.sid
LEFT JOIN action AS ua ON ua.id = u.action_id
LEFT JOIN declaration AS d ON h.code = 4 AND d.id = h.sid
LEFT JOIN amendment AS am ON h.code = 5 AND am.id = h.sid
LEFT JOIN agenda_item AS i ON i.id = CASE h.code
    WHEN 0 THEN e.item_id WHEN 1 THEN h.sid WHEN 2 THEN a.item_id WHEN 4 THEN d.item_id END
LEFT JOIN agenda_item AS xi ON xi.id = ua.item_id
JOIN meeting AS m ON m.id = CASE h.code
    WHEN 0 THEN i.meeting_id WHEN 1 THEN i.meeting_id WHEN 2 THEN a.meeting_id
    WHEN 3 THEN u.meeting_id WHEN 4 THEN d.meeting_id WHEN 5 THEN am.meeting_id END
JOIN panel AS pn ON pn.id = m.panel_id
"""

# Step 3: snippets for the rows shown, made in a scratch in-memory FTS5 index holding only those
# rows (same tokenizer, same query): marks follow word forms and prefixes exactly as the match
# did, at a cost that does not depend on how many rows in the database match. Above this many
# characters a row's snippet is made in Python instead (FTS5's snippet() is quadratic in the
# matches within a row).
FTS_SNIPPET_MAX_CHARS = 8000

_ROWS_SQL = f"SELECT rowid, text, extra, who FROM {search_index.TABLE} WHERE rowid IN ({{rowids}})"
_SCRATCH_SQL = (
    f"SELECT rowid, snippet(scratch, -1, '{MARK_OPEN}', '{MARK_CLOSE}', '{ELLIPSIS}', "
    f"{SNIPPET_TOKENS}) FROM scratch WHERE scratch MATCH ?"
)


class SearchMixin(StoreBase):
    _fts_ready: bool | None = None

    def search(
        self, query: str, *, panel_id: int | None = None, limit: int = 50
    ) -> list[SearchHit]:
        """Find ``query`` in every meeting's minutes, newest meeting first (see module doc)."""
        parsed = parse_query(query)
        if not parsed.positives or limit <= 0:
            return []
        if self._uses_fts():
            return self._search_fts(parsed, panel_id=panel_id, limit=limit)
        return self._search_like(parsed, panel_id=panel_id, limit=limit)

    def rebuild_search_index(self) -> bool:
        """Create or repair the search index and refill it from the minutes (a repair tool: the
        triggers keep it in step). Returns False where full-text search is not available."""
        if self.engine.dialect.name != "sqlite":
            return False
        with self._session() as s:
            installed = search_index.install(s.connection())
        self._fts_ready = None
        return installed

    def _uses_fts(self) -> bool:
        if self._fts_ready is None:
            if self.engine.dialect.name != "sqlite":
                self._fts_ready = False
            else:
                with self.engine.connect() as conn:
                    self._fts_ready = search_index.exists(conn)
        return self._fts_ready

    # --- SQLite FTS5 -----------------------------------------------------------------------------

    def _search_fts(self, parsed: Query, *, panel_id: int | None, limit: int) -> list[SearchHit]:
        match = parsed.fts()
        panel = "" if panel_id is None else "WHERE d.panel_id = :panel_id"
        with self._session() as s:
            conn = s.connection()
            rowids = [
                int(r[0])
                for r in conn.execute(
                    sql_text(_MATCH_SQL.format(panel=panel)),
                    {"q": match, "panel_id": panel_id, "limit": limit},
                )
            ]
            if not rowids:
                return []
            listed = ", ".join(str(r) for r in rowids)
            context = {
                int(r[0]): r for r in conn.execute(sql_text(_CONTEXT_SQL.format(rowids=listed)))
            }
            snippets = self._fts_snippets(conn, match, parsed, rowids)
        hits = []
        for rid in rowids:
            r = context.get(rid)
            if r is None:  # the ordering table is ahead of the minutes (never, with triggers)
                continue
            hits.append(
                SearchHit(
                    meeting_id=int(r[2]),
                    panel_name=str(r[4]),
                    held_on=_day(r[3]),
                    item_id=None if r[5] is None else int(r[5]),
                    item_title=str(r[6] or ""),
                    entry_id=None if r[8] is None else int(r[8]),
                    source=search_index.SOURCE_BY_CODE[int(r[1])].name,
                    snippet=snippets.get(rid, ""),
                    exempt=bool(r[7]),
                    action_id=None if r[9] is None else int(r[9]),
                )
            )
        return hits

    @staticmethod
    def _fts_snippets(
        conn: Any, match: str, parsed: Query, rowids: list[int]
    ) -> dict[int, str]:
        listed = ", ".join(str(int(r)) for r in rowids)
        rows = {
            int(r[0]): (str(r[1] or ""), str(r[2] or ""), str(r[3] or ""))
            for r in conn.execute(sql_text(_ROWS_SQL.format(rowids=listed)))
        }
        small = {rid: f for rid, f in rows.items() if sum(map(len, f)) <= FTS_SNIPPET_MAX_CHARS}
        marked: dict[int, str] = {}
        if small:
            scratch = sqlite3.connect(":memory:")
            try:
                scratch.execute(
                    "CREATE VIRTUAL TABLE scratch USING fts5(text, extra, who, "
                    f"tokenize = '{search_index.TOKENIZE}')"
                )
                scratch.executemany(
                    "INSERT INTO scratch(rowid, text, extra, who) VALUES (?, ?, ?, ?)",
                    [(rid, *fields) for rid, fields in small.items()],
                )
                marked = {int(r): str(snip or "") for r, snip in scratch.execute(_SCRATCH_SQL, (match,))}
            finally:
                scratch.close()
        needles = [term.raw for term in parsed.positives]
        out: dict[int, str] = {}
        for rid, (text, extra, who) in rows.items():
            snip = marked.get(rid)
            if snip is None:  # a very long row: a linear snippet, exact words and prefixes only
                fields = [text, extra, who]
                index = next(
                    (i for i, f in enumerate(fields) if any(n.lower() in f.lower() for n in needles)),
                    0,
                )
                snip = make_snippet(fields[index], needles, word_start=True)
            out[rid] = _best_snippet(snip, who, text[: SNIPPET_CHARS * 2])
        return out

    # --- LIKE fallback (PostgreSQL, or SQLite without FTS5) --------------------------------------

    def _search_like(self, parsed: Query, *, panel_id: int | None, limit: int) -> list[SearchHit]:
        """The same search with ``LIKE``: each term must appear somewhere in the row's text."""
        union = union_all(*_like_selects(parsed, panel_id)).subquery()
        stmt = (
            core_select(union)
            .order_by(union.c.held_on.desc(), union.c.meeting_id.desc(), union.c.code,
                      union.c.sid)
            .limit(limit)
        )
        needles = [term.raw for term in parsed.positives]
        hits = []
        with self._session() as s:
            for r in s.connection().execute(stmt).mappings():
                fields = [str(r[k] or "") for k in ("f_text", "f_extra", "f_who")]
                if int(r["code"]) == 1:  # an item's documents are stored as a JSON list
                    fields[1] = _JSON_LIST.sub("; ", fields[1]).strip("; ")
                index = next(
                    (i for i, f in enumerate(fields) if any(n.lower() in f.lower() for n in needles)),
                    0,
                )
                snippet = make_snippet(fields[index], needles)
                if index == 2:
                    snippet = _best_snippet(snippet, fields[2], fields[0])
                hits.append(
                    SearchHit(
                        meeting_id=int(r["meeting_id"]),
                        panel_name=str(r["panel_name"]),
                        held_on=_day(r["held_on"]),
                        item_id=None if r["item_id"] is None else int(r["item_id"]),
                        item_title=str(r["item_title"] or ""),
                        entry_id=None if r["entry_id"] is None else int(r["entry_id"]),
                        source=search_index.SOURCE_BY_CODE[int(r["code"])].name,
                        snippet=snippet,
                        exempt=bool(r["exempt"]),
                        action_id=None if r["action_id"] is None else int(r["action_id"]),
                    )
                )
        return hits


def _person_name(alias: Any) -> ColumnElement[str]:
    return func.coalesce(alias.title + " " + alias.name, "")


def _text(*parts: Any) -> ColumnElement[str]:
    out: ColumnElement[str] = func.coalesce(parts[0], "")
    for part in parts[1:]:
        out = out + " " + func.coalesce(part, "")
    return out


def _listed(*parts: Any) -> ColumnElement[str]:
    """The non-empty ``parts`` joined with "; " (names, documents), as in the FTS index."""
    out: ColumnElement[str] = literal("")
    for part in parts:
        value = func.coalesce(part, "")
        out = out + case((value != "", "; " + value), else_="")
    return func.substr(out, 3)


def _matches(parsed: Query, haystack: ColumnElement[str]) -> ColumnElement[bool]:
    wanted = [haystack.ilike(_like_pattern(t.raw), escape="\\") for t in parsed.positives]
    unwanted = [not_(haystack.ilike(_like_pattern(t.raw), escape="\\")) for t in parsed.negatives]
    return and_(*wanted, *unwanted)


def _no_int() -> ColumnElement[int]:
    return cast(null(), Integer)


def _like_selects(parsed: Query, panel_id: int | None) -> list[Select[Any]]:
    """One SELECT per source table, all with the same columns, for a UNION ALL."""
    item = aliased(t.AgendaItem)
    meeting = aliased(t.Meeting)
    panel = aliased(t.Panel)

    def base(
        code: int, sid: Any, fields: tuple[Any, Any, Any], item_id: Any, exempt: Any,
        entry_id: Any, action_id: Any, item_title: Any = None,
    ) -> Select[Any]:
        title = col(item.title) if item_title is None else item_title
        return core_select(
            literal(code, Integer).label("code"),
            sid.label("sid"),
            col(meeting.id).label("meeting_id"),
            col(meeting.held_on).label("held_on"),
            col(panel.name).label("panel_name"),
            item_id.label("item_id"),
            cast(func.coalesce(title, ""), String).label("item_title"),
            func.coalesce(exempt, false()).label("exempt"),
            entry_id.label("entry_id"),
            action_id.label("action_id"),
            _text(fields[0]).label("f_text"),
            _text(fields[1]).label("f_extra"),
            _text(fields[2]).label("f_who"),
        )

    def scoped(stmt: Select[Any], haystack: ColumnElement[str]) -> Select[Any]:
        stmt = stmt.join(panel, col(panel.id) == col(meeting.panel_id)).where(
            _matches(parsed, haystack)
        )
        if panel_id is not None:
            stmt = stmt.where(col(meeting.panel_id) == panel_id)
        return stmt

    out: list[Select[Any]] = []

    # entries
    e = aliased(t.Entry)
    asker, respondent = aliased(t.Person), aliased(t.Person)
    who = _listed(_person_name(asker), e.asker_text, _person_name(respondent),
                  e.respondent_text, e.proposer, e.seconder)
    stmt = (
        base(0, col(e.id), (e.text, e.answer, who), col(item.id), col(item.exempt), col(e.id),
             _no_int())
        .select_from(e)
        .join(item, col(item.id) == col(e.item_id))
        .join(meeting, col(meeting.id) == col(item.meeting_id))
        .outerjoin(asker, col(asker.id) == col(e.asker_id))
        .outerjoin(respondent, col(respondent.id) == col(e.respondent_id))
    )
    out.append(scoped(stmt, _text(e.text, e.answer, who)))

    # agenda items
    extra = _listed(item.public_title, item.documents)
    stmt = (
        base(1, col(item.id), (item.title, extra, item.presenter), col(item.id),
             col(item.exempt), _no_int(), _no_int())
        .select_from(item)
        .join(meeting, col(meeting.id) == col(item.meeting_id))
    )
    out.append(scoped(stmt, _text(item.title, extra, item.presenter)))

    # actions
    a = aliased(t.Action)
    owner = aliased(t.Person)
    who = _listed(_person_name(owner), a.owner_text)
    stmt = (
        base(2, col(a.id), (a.text, a.completion_note, who), col(item.id), col(item.exempt),
             _no_int(), col(a.id))
        .select_from(a)
        .join(meeting, col(meeting.id) == col(a.meeting_id))
        .outerjoin(item, col(item.id) == col(a.item_id))
        .outerjoin(owner, col(owner.id) == col(a.owner_id))
    )
    out.append(scoped(stmt, _text(a.text, a.completion_note, who)))

    # action updates (reported at a later meeting; exempt when the action's item was)
    u = aliased(t.ActionUpdate)
    ua = aliased(t.Action)
    stmt = (
        base(3, col(u.id), (u.note, literal(""), literal("")), _no_int(), col(item.exempt),
             _no_int(), col(u.action_id), item_title=literal(""))
        .select_from(u)
        .join(meeting, col(meeting.id) == col(u.meeting_id))
        .join(ua, col(ua.id) == col(u.action_id))
        .outerjoin(item, col(item.id) == col(ua.item_id))
    )
    out.append(scoped(stmt, _text(u.note)))

    # declarations
    d = aliased(t.Declaration)
    declarer = aliased(t.Person)
    who = _person_name(declarer)
    stmt = (
        base(4, col(d.id), (d.text, literal(""), who), col(item.id), col(item.exempt),
             _no_int(), _no_int())
        .select_from(d)
        .join(meeting, col(meeting.id) == col(d.meeting_id))
        .outerjoin(item, col(item.id) == col(d.item_id))
        .join(declarer, col(declarer.id) == col(d.person_id))
    )
    out.append(scoped(stmt, _text(d.text, who)))

    # amendments
    am = aliased(t.Amendment)
    stmt = (
        base(5, col(am.id), (am.text, literal(""), literal("")), _no_int(), literal(False),
             _no_int(), _no_int(), item_title=literal(""))
        .select_from(am)
        .join(meeting, col(meeting.id) == col(am.meeting_id))
    )
    out.append(scoped(stmt, _text(am.text)))
    return out


__all__ = ["Query", "SearchMixin", "Term", "make_snippet", "mark", "parse_query"]
