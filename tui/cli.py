"""The ``panel-minutes`` command line.

``panel-minutes`` opens the app; subcommands work on the database without it::

    panel-minutes [--db PATH_OR_URL | --demo]             open the app
    panel-minutes list [--json]                           the meetings in the database
    panel-minutes export MEETING [--format md|docx|html|pdf|text|open-data|json] [--full]
                         [--template FILE] [-o PATH] [--force]
    panel-minutes import FILE                             a meeting bundle (JSON)
    panel-minutes import-agenda MEETING FILE              an agenda (.docx, .md or text)
    panel-minutes agenda MEETING [--format md|docx] [--full] [-o PATH] [--force]
    panel-minutes actions PANEL [--format csv|md] [--full] [-o PATH] [--force]
    panel-minutes demo --db PATH                          write the demo meeting into a database
    panel-minutes search TEXT [--panel P] [--json]        find words in every meeting's minutes

Every error a user can cause is one line on stderr ("panel-minutes: error: ...") and a non-zero
exit status: 1 when the request cannot be done (no such meeting, a bad bundle, the output file
exists), 2 for a usage mistake or a database that cannot be used.

Start-up is kept cheap: this module imports only the standard library at the top; SQLAlchemy,
the store and the exporters load inside the subcommand that needs them.

Adding a subcommand: write ``cmd_NAME(args) -> int`` (and, if it takes arguments, a small
``_NAME_arguments(parser)``), then add one ``Subcommand`` row to ``SUBCOMMANDS``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from panel_minutes.models import __version__
from panel_minutes.models.errors import (
    DatabaseError,
    NotFoundError,
    PanelMinutesError,
    ValidationError,
)
from panel_minutes.models.files import CONFIDENTIAL_MODE, PUBLIC_MODE, atomic_target, write_atomic
from panel_minutes.models.parsing import parse_date

if TYPE_CHECKING:
    from panel_minutes.models.publish.meta import DocumentMeta
    from panel_minutes.models.store import Store

PROG = "panel-minutes"
DEBUG_ENV = "PANEL_MINUTES_DEBUG"  # set to 1 to see the traceback of an unexpected error


class UsageError(PanelMinutesError):
    """A command line that asks for something impossible (exit status 2)."""


class RequestError(PanelMinutesError):
    """A well-formed request that cannot be done (exit status 1)."""


# --- helpers shared by the subcommands -------------------------------------------------------------


def _say(text: str) -> None:
    """Write text to stdout as UTF-8 whatever the locale (minutes hold non-ASCII names)."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        stream.flush()
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _say_bytes(data: bytes) -> None:
    """Write bytes to stdout as they are (a PDF or Word file piped on)."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(data.decode("utf-8", errors="replace"))
        stream.flush()
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()


def demo_db_path() -> Path:
    """``<user data dir>/demo.db``: the demo's own database, never the clerk's."""
    from platformdirs import user_data_path

    return user_data_path(PROG, appauthor=False) / "demo.db"


def _target(args: argparse.Namespace) -> str | None:
    """The database the command works on: --demo's, --db, else the environment/default."""
    if getattr(args, "demo", False):
        if args.db:
            raise UsageError("--demo opens the demo database; leave out --db, or leave out --demo")
        path = demo_db_path()
        ensure_demo(path)
        return str(path)
    return str(args.db) if args.db else None


def _open_store(target: str | None, *, for_reading: bool = False) -> Store:
    """Open the store, turning every way a database can fail to open into one clear line.

    ``for_reading``: the command only reads, so a read-only file (an archive on a read-only
    share) is opened read-only rather than refused."""
    from sqlalchemy.exc import SQLAlchemyError

    from panel_minutes.models.db import describe, resolve_target
    from panel_minutes.models.store import Store

    resolved = resolve_target(target)
    try:
        return Store(resolved, for_reading=for_reading)
    except PanelMinutesError:
        raise
    except ModuleNotFoundError as exc:
        raise DatabaseError(
            f"Cannot open {_describe_safely(describe, resolved)}: its database driver "
            f"({exc.name}) is not installed. For PostgreSQL: pip install -e '.[postgres]'."
        ) from exc
    except (SQLAlchemyError, ValueError) as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        raise DatabaseError(
            f"Cannot open the database {_describe_safely(describe, resolved)}: "
            f"{detail[0] if detail else type(exc).__name__}"
        ) from exc


def _describe_safely(describe: Callable[[str], str], target: str) -> str:
    try:
        return describe(target)
    except Exception:  # a URL too broken to parse: show it without any password part
        return target.split("@")[-1]


def _existing_store(target: str | None, *, for_reading: bool = False) -> Store:
    """Open a database that must already exist (reading commands never create a stray file)."""
    from panel_minutes.models.db import resolve_target, sqlite_path

    resolved = resolve_target(target)
    try:
        path = sqlite_path(resolved)
    except Exception:
        path = None
    if path is not None and not path.exists():
        raise UsageError(
            f"There is no database at {path} (nothing was created). Check --db, or start "
            f"{PROG} to create one."
        )
    return _open_store(target, for_reading=for_reading)


@contextlib.contextmanager
def _store(
    target: str | None, *, must_exist: bool = False, for_reading: bool = False
) -> Iterator[Store]:
    store = (
        _existing_store(target, for_reading=for_reading) if must_exist
        else _open_store(target, for_reading=for_reading)
    )
    try:
        yield store
    finally:
        store.close()


def _meeting_id(store: Store, given: str) -> int:
    """A meeting by id ("12") or by date ("2026-11-17" or "17/11/2026", when only one meeting
    was held then)."""
    text = given.strip()
    if text.isdigit():
        meeting_id = int(text)
        try:
            store.get_meeting(meeting_id)
        except NotFoundError:
            raise RequestError(
                f"There is no meeting {meeting_id}. '{PROG} list' shows the meetings."
            ) from None
        return meeting_id
    try:
        day = parse_date(text)
    except ValidationError as err:
        raise UsageError(
            f"MEETING must be a meeting id (as shown by '{PROG} list') or a date. {err}"
        ) from None
    found = [m for m in store.list_meetings() if m.held_on == day]
    if not found:
        raise RequestError(f"No meeting was held on {day.isoformat()}. '{PROG} list' shows them.")
    if len(found) > 1:
        ids = ", ".join(str(m.id) for m in found)
        raise RequestError(f"Several meetings were held on {day.isoformat()} ({ids}): give the id.")
    return found[0].id


def write_file(path: Path, data: bytes, *, mode: int, force: bool) -> None:
    """Write ``data`` to ``path`` with exactly ``mode``; refuse to replace a file unless ``force``.

    Through ``panel_minutes.models.files.write_atomic``: a temporary file, fsync, then rename, so a full disk
    leaves the old file (or no file) whole, and a file that exists is refused without ``force``
    even if it appears while the data is written.
    """
    if path.is_dir():
        raise RequestError(f"{path} is a folder; give a file name with -o")
    folder = path.parent
    if not folder.is_dir():
        raise RequestError(f"Cannot write {path}: the folder {folder} does not exist")
    try:
        write_atomic(path, data, mode, replace=force)
    except FileExistsError:
        raise RequestError(f"{path} already exists; add --force to overwrite it") from None


def ensure_demo(path: Path) -> None:
    """Create the demo database at ``path`` when it does not exist (built aside, then moved in)."""
    if path.exists():
        return
    from panel_minutes.models.demo import write_demo

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_target(path, CONFIDENTIAL_MODE) as tmp:
        store = _open_store(str(tmp))
        try:
            write_demo(store)
        finally:
            store.close()
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{tmp}{suffix}")


# --- subcommands -----------------------------------------------------------------------------------


def cmd_app(args: argparse.Namespace) -> int:
    """No subcommand: open the app (on a meeting's live minutes with ``--open MEETING``)."""
    target = _target(args)
    open_meeting = None
    wanted = str(getattr(args, "open", None) or "").strip()
    if wanted.isdigit():
        open_meeting = int(wanted)  # the app says so if there is no such meeting
    elif wanted:
        with _store(target, must_exist=True) as store:
            open_meeting = _meeting_id(store, wanted)
    from panel_minutes.tui.app import make_app

    app = make_app(target, open_meeting=open_meeting)
    app.run()
    error = getattr(app, "store_error", None)
    if error:
        _error(str(error))
        return 2
    return int(app.return_code or 0)


def _list_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")


def cmd_list(args: argparse.Namespace) -> int:
    """``list``: every meeting, newest first: id, date, status, panel."""
    with _store(_target(args), must_exist=True, for_reading=True) as store:
        meetings = store.list_meetings()
    if args.json:
        rows = [
            {"id": m.id, "panel": m.panel_name, "date": m.held_on.isoformat(),
             "status": m.status.value}
            for m in meetings
        ]
        _say(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not meetings:
        _say(f"No meetings yet. Open {PROG} to prepare one.\n")
        return 0
    width = max(len("ID"), *(len(str(m.id)) for m in meetings))
    lines = [f"{'ID':>{width}}  {'Date':<10}  {'Status':<8}  Panel"]
    lines += [
        f"{m.id:>{width}}  {m.held_on.isoformat():<10}  {m.status.value:<8}  {m.panel_name}"
        for m in meetings
    ]
    _say("\n".join(lines) + "\n")
    return 0


BUNDLE_FORMAT = "json"  # --format json: the meeting bundle (for import), not the minutes


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    from panel_minutes.models.publish.formats import FORMATS, format_names

    names = [f.name for f in FORMATS]
    formats = ", ".join(names[:-1]) + f" or {names[-1]}"
    parser.add_argument("meeting", metavar="MEETING",
                        help="the meeting's id (see 'list') or its date, YYYY-MM-DD")
    parser.add_argument("--format", choices=(*format_names(), BUNDLE_FORMAT), default="md",
                        metavar="FORMAT",
                        help=f"the minutes as {formats}; or {BUNDLE_FORMAT}, the meeting "
                             "bundle for import (default: md)")
    parser.add_argument("--full", action="store_true",
                        help="the minutes with exempt (Part 2) items: confidential, written 0600")
    parser.add_argument("--template", metavar="FILE",
                        help="the panel's Word template (.docx) to build a docx on")
    parser.add_argument("-o", "--output", metavar="PATH",
                        help="write to PATH (a file, or a folder to get the usual dated name); "
                             "default: standard output for md, html and text, the usual dated "
                             "name in the current folder for docx and pdf")
    parser.add_argument("--force", action="store_true", help="overwrite PATH if it exists")


def _template_path(raw: str | None) -> Path | None:
    if raw is None:
        return None
    path = Path(raw).expanduser()
    if not path.is_file():
        raise RequestError(f"There is no template file {path}")
    return path


def cmd_export(args: argparse.Namespace) -> int:
    """``export``: the minutes in any format of ``panel_minutes.models.publish.formats`` (public or full),
    or the meeting as a JSON bundle."""
    from panel_minutes.models.export.markdown import default_export_name
    from panel_minutes.models.publish.formats import export_bytes, format_named

    as_bundle = args.format == BUNDLE_FORMAT
    fmt = None if as_bundle else format_named(args.format)
    template = _template_path(args.template)
    if template is not None and (fmt is None or not fmt.takes_template):
        raise UsageError("--template is for --format docx only (the panel's Word template)")
    with _store(_target(args), must_exist=True, for_reading=True) as store:
        meeting_id = _meeting_id(store, args.meeting)
        doc = store.load_document(meeting_id)
        if as_bundle:
            from panel_minutes.models.bundle import dumps_bundle, export_bundle

            bundle = dumps_bundle(export_bundle(store, meeting_id)).encode("utf-8")
    if fmt is None:
        data, extension, binary, what = bundle, "json", False, "meeting bundle"
    else:
        data = export_bytes(doc, fmt, full=args.full, template=template)
        extension, binary = fmt.extension, fmt.binary
        what = f"{'full' if args.full else 'public'} minutes ({fmt.label})"
    full_name = args.full and not as_bundle
    if args.output == "-" or (args.output is None and not binary):
        if binary and sys.stdout.isatty():
            raise UsageError(f"{fmt.label if fmt else 'this'} is not for a terminal: "
                             "give a file with -o, or pipe it")
        _say_bytes(data)
        return 0
    path = Path(args.output).expanduser() if args.output is not None else Path.cwd()
    if path.is_dir():
        path = path / default_export_name(doc, extension, full=full_name)
    confidential = as_bundle or args.full
    mode = CONFIDENTIAL_MODE if confidential else PUBLIC_MODE
    write_file(path, data, mode=mode, force=args.force)
    note = " (confidential: readable by you only)" if confidential else ""
    _say(f"Wrote the {what} to {path}{note}\n")
    return 0


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("meeting", metavar="MEETING",
                        help="the meeting's id (see 'list') or its date, YYYY-MM-DD")
    parser.add_argument("--formats", metavar="NAMES", default="md",
                        help="the public files to read for exempt text: comma-separated "
                             "format names, or 'all' (default: md, from which all are made)")


def cmd_check(args: argparse.Namespace) -> int:
    """``check``: the checks before publishing, one line each (warnings: the status is 0)."""
    from panel_minutes.models.checks import check_minutes, summary
    from panel_minutes.models.publish.check_texts import all_formats, public_texts

    wanted = all_formats() if args.formats.strip() == "all" else args.formats.split(",")
    with _store(_target(args), must_exist=True, for_reading=True) as store:
        doc = store.load_document(_meeting_id(store, args.meeting))
    texts = public_texts(doc, [w for w in wanted if w.strip()])
    findings = check_minutes(doc, texts)
    lines = [f"- {f.line()}" for f in findings]
    formats = ", ".join(texts)
    _say("\n".join([*lines, f"{summary(findings)} (public output checked: {formats})", ""]))
    return 0


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a meeting bundle (.json); - reads stdin")


def read_bundle_file(name: str) -> bytes:
    """The bundle's bytes, refusing a file over the size limit before reading it."""
    from panel_minutes.models.bundle import MAX_BUNDLE_BYTES
    from panel_minutes.models.errors import BundleError

    limit = MAX_BUNDLE_BYTES // 1024 // 1024
    if name == "-":
        data = sys.stdin.buffer.read(MAX_BUNDLE_BYTES + 1)
    else:
        path = Path(name).expanduser()
        if path.is_dir():
            raise RequestError(f"{path} is a folder; give the bundle file")
        if not path.exists():
            raise RequestError(f"There is no file {path}")
        if path.stat().st_size > MAX_BUNDLE_BYTES:
            raise BundleError(
                f"Cannot import {path}: it is larger than {limit} MB, the limit for a bundle. "
                "Nothing was imported."
            )
        with path.open("rb") as fh:
            data = fh.read(MAX_BUNDLE_BYTES + 1)
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError(f"Cannot import: the bundle is larger than {limit} MB. Nothing was imported.")
    return data


def cmd_import(args: argparse.Namespace) -> int:
    """``import``: a meeting bundle becomes a new meeting (validated first, one transaction)."""
    data = read_bundle_file(args.file)
    from panel_minutes.models.bundle import parse_bundle
    from panel_minutes.models.store.bundle_io import write_bundle

    bundle = parse_bundle(data)  # a bad file is refused before the database is even opened
    with _store(_target(args)) as store:
        meeting_id = write_bundle(store, bundle)
        meeting = store.get_meeting(meeting_id)
        panel = store.get_panel(meeting.panel_id)
    _say(
        f"Imported the meeting of {meeting.held_on.isoformat()} ({panel.name}) as meeting "
        f"{meeting_id}.\n"
    )
    return 0


def _sqlite_file(args: argparse.Namespace) -> Path:
    """The SQLite file behind --db/--demo/the default: backups are copies of a file."""
    from panel_minutes.models.db import resolve_target, sqlite_path

    resolved = resolve_target(_target(args))
    path = sqlite_path(resolved)
    if path is None:
        raise UsageError(
            "backup and restore work on an SQLite file; for a database server use its own "
            "backup tools"
        )
    return path


def _backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--list", action="store_true",
                        help="list the backups (newest first) instead of taking one")


def cmd_backup(args: argparse.Namespace) -> int:
    """``backup``: take a backup now (kept until you delete it), or ``--list`` the backups."""
    from panel_minutes.models import backup

    path = _sqlite_file(args)
    if args.list:
        found = backup.list_backups(path)
        if not found:
            _say(f"No backups of {path} yet (they go in {path.parent / 'backups'}).\n")
            return 0
        lines = [f"{'Taken':<19}  {'Kind':<10}  {'Size':>10}  File"]
        lines += [
            f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {b.kind:<10}  {b.size:>10}  {b.path.name}"
            for b in found
        ]
        _say("\n".join(lines) + f"\n(in {found[0].path.parent})\n")
        return 0
    if not path.exists():
        raise RequestError(f"There is no database at {path} to back up")
    taken = backup.take_backup(path, kind=backup.MANUAL)
    _say(f"Backed up {path} to {taken} (readable by you only).\n")
    return 0


def _restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("backup", metavar="BACKUP", nargs="?",
                        help="a backup file or its name from 'backup --list' "
                             "(default: the newest one that passes SQLite's check)")


def cmd_restore(args: argparse.Namespace) -> int:
    """``restore``: put a backup in place of the database; the old file is kept aside."""
    from panel_minutes.models import backup

    path = _sqlite_file(args)
    if backup.in_use(path):
        raise RequestError(
            f"{path} is open in panel-minutes (or another program). Close it first, then run "
            "restore again. Nothing was changed."
        )
    chosen = Path(args.backup).expanduser() if args.backup else None
    try:
        result = backup.restore_backup(path, chosen)
    except DatabaseError as exc:  # no usable backup, a bad one named: the request, not the file
        raise RequestError(str(exc)) from exc
    aside = (
        f" The file it replaced is kept as {result.kept_aside}." if result.kept_aside else ""
    )
    _say(
        f"Restored {path} from {result.restored_from}.{aside} Open it with: "
        f"{PROG} --db {path}\n"
    )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """``demo``: write the fictional demo panel and meetings into the database given by --db."""
    if not args.db:
        raise UsageError(
            "give the database to write the demo into with --db PATH (your own minutes "
            "database is never used for the demo)"
        )
    from panel_minutes.models.demo import DEMO_PANEL, write_demo

    with _store(str(args.db)) as store:
        if any(p.name == DEMO_PANEL for p in store.list_panels()):
            raise RequestError(f"{store.target} already holds the demo panel ({DEMO_PANEL}).")
        meeting_id = write_demo(store)
        where = store.target
    _say(f"Wrote the demo meeting into {where} as meeting {meeting_id}.\n")
    return 0


def _search_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", metavar="TEXT", nargs="*",
                        help='words to find (all of them); "a phrase" in quotes; word* for a '
                             "prefix; -word to leave out (put -- before a query starting with -)")
    parser.add_argument("--panel", metavar="PANEL",
                        help="only this panel's meetings (its id, or part of its name)")
    parser.add_argument("--limit", metavar="N", type=int, default=50,
                        help="at most N results (default 50)")
    parser.add_argument("--json", action="store_true", help="print a JSON list of the results")
    parser.add_argument("--reindex", action="store_true",
                        help="rebuild the search index from the minutes first (a repair)")


def _panel_id(store: Store, given: str) -> int:
    """A panel by id, or by a part of its name that matches one panel only."""
    text = given.strip()
    panels = store.list_panels()
    if text.isdigit() and any(p.id == int(text) for p in panels):
        return int(text)
    found = [p for p in panels if text.lower() in p.name.lower()] if text else []
    if len(found) == 1:
        return found[0].id
    if not found:
        raise RequestError(f"No panel matches {given!r}. Panels: "
                           + "; ".join(f"{p.id} {p.name}" for p in panels))
    names = "; ".join(f"{p.id} {p.name}" for p in found)
    raise RequestError(f"Several panels match {given!r} ({names}): give the id.")


def _highlight(snippet: str) -> str:
    """``[[word]]`` as bold on a terminal (unless NO_COLOR); kept as it is in a pipe."""
    if not sys.stdout.isatty() or os.environ.get("NO_COLOR"):
        return snippet
    return snippet.replace("[[", "\x1b[1m").replace("]]", "\x1b[22m")


def cmd_search(args: argparse.Namespace) -> int:
    """``search``: find words or "a phrase" in every meeting's minutes, newest meeting first."""
    query = " ".join(args.text).strip()
    if not query and not args.reindex:
        raise UsageError('give the words to find, e.g. panel-minutes search "rural crime"')
    if args.limit < 1:
        raise UsageError("--limit must be 1 or more")
    with _store(_target(args), must_exist=True, for_reading=not args.reindex) as store:
        if args.reindex:
            rebuilt = store.rebuild_search_index()
            if not query:
                _say("Rebuilt the search index.\n" if rebuilt else
                     "This database has no full-text index (not SQLite with FTS5); search "
                     "reads the minutes directly.\n")
                return 0
        panel_id = _panel_id(store, args.panel) if args.panel else None
        hits = store.search(query, panel_id=panel_id, limit=args.limit)
    if args.json:
        rows = [
            {"meeting_id": h.meeting_id, "panel": h.panel_name, "date": h.held_on.isoformat(),
             "item_id": h.item_id, "item": h.item_title, "source": h.source,
             "entry_id": h.entry_id, "action_id": h.action_id, "exempt": h.exempt,
             "snippet": h.snippet}
            for h in hits
        ]
        _say(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not hits:
        _say(f"No matches for {query!r}.\n")
        return 0
    lines = []
    for h in hits:
        where = h.item_title or {"action_update": "Action progress", "amendment": "Amendment",
                                 "declaration": "Declaration"}.get(h.source, h.source)
        flag = "  [EXEMPT: Part 2, not for the public minutes]" if h.exempt else ""
        lines.append(f"{h.held_on.isoformat()}  meeting {h.meeting_id}  {h.panel_name}")
        lines.append(f"    {where} ({h.source.replace('_', ' ')}){flag}")
        lines.append(f"    {_highlight(h.snippet)}")
    more = " (there may be more: raise --limit)" if len(hits) == args.limit else ""
    lines.append(f"{len(hits)} result{'s' if len(hits) != 1 else ''}, newest first{more}.")
    _say("\n".join(lines) + "\n")
    return 0


def _import_agenda_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("meeting", metavar="MEETING",
                        help="the meeting's id (see 'list') or its date, YYYY-MM-DD")
    parser.add_argument("file", metavar="FILE",
                        help="the agenda: a Word .docx, a Markdown .md or a plain-text file")


def cmd_import_agenda(args: argparse.Namespace) -> int:
    """``import-agenda``: a meeting's agenda from a file, all items in one transaction."""
    from panel_minutes.models.agenda_import import read_agenda

    agenda = read_agenda(Path(args.file))  # a bad file is refused before the database opens
    with _store(_target(args), must_exist=True) as store:
        meeting_id = _meeting_id(store, args.meeting)
        result = store.import_agenda(meeting_id, agenda.items)
    count = len(result.items)
    subs = sum(1 for i in result.items if i.level)
    exempt = sum(1 for i in result.items if i.exempt)
    notes = [f"{subs} sub-item{'s' if subs != 1 else ''}"] if subs else []
    notes += [f"{exempt} exempt (Part 2)"] if exempt else []
    detail = f" ({', '.join(notes)})" if notes else ""
    replaced = (
        f", in place of the {result.replaced} empty item{'s' if result.replaced != 1 else ''} "
        "it had" if result.replaced else ""
    )
    _say(
        f"Imported {count} agenda item{'s' if count != 1 else ''}{detail} from {agenda.source} "
        f"({agenda.kind}) into meeting {meeting_id}{replaced}.\n"
    )
    return 0


def _output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="PATH",
                        help="write to PATH (or into a folder, under the usual dated name)")
    parser.add_argument("--force", action="store_true", help="overwrite PATH if it exists")


def _output_path(given: str | None, default_name: str) -> Path | None:
    """Where to write: None for standard output ("-" or nothing given for a text format)."""
    if given == "-":
        return None
    if given is None:
        return Path(default_name)
    path = Path(given).expanduser()
    return path / default_name if path.is_dir() else path


def _agenda_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("meeting", metavar="MEETING",
                        help="the meeting's id (see 'list') or its date, YYYY-MM-DD")
    parser.add_argument("--format", choices=("md", "docx"), default="md",
                        help="Markdown (default: to standard output without -o) or Word .docx "
                             "(default: the dated file name in this folder)")
    parser.add_argument("--full", action="store_true",
                        help="with the exempt (Part 2) items' details: confidential, written 0600")
    _output_arguments(parser)


def word_bytes(markdown: str, meta: DocumentMeta) -> bytes:
    """The Word file of ``markdown`` through the one Word writer (``panel_minutes.models.publish.docx``)."""
    from panel_minutes.models.publish.docx import write_docx

    return write_docx(markdown, meta, None)


def cmd_agenda(args: argparse.Namespace) -> int:
    """``agenda``: the meeting's agenda before it happens, as Markdown or Word."""
    from panel_minutes.models.export.agenda import default_agenda_name, render_agenda_markdown
    from panel_minutes.models.publish.meta import meta_for

    with _store(_target(args), must_exist=True, for_reading=True) as store:
        doc = store.load_document(_meeting_id(store, args.meeting), with_entries=False)
    text = render_agenda_markdown(doc, full=args.full)
    word = args.format == "docx"
    given = args.output if (word or args.output is not None) else "-"
    path = _output_path(given, default_agenda_name(doc, args.format, full=args.full))
    if path is None:
        if word:
            raise UsageError("a Word file cannot go to standard output; give -o FILE")
        _say(text)
        return 0
    data = word_bytes(text, meta_for(doc, full=args.full, what="Agenda")) if word else (
        text.encode("utf-8"))
    mode = CONFIDENTIAL_MODE if args.full else PUBLIC_MODE
    write_file(path, data, mode=mode, force=args.force)
    what = "full agenda" if args.full else "public agenda"
    note = " (confidential: readable by you only)" if args.full else ""
    _say(f"Wrote the {what} to {path}{note}\n")
    return 0


def _actions_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("panel", metavar="PANEL", help="the panel's id or a part of its name")
    parser.add_argument("--format", choices=("csv", "md"), default="csv",
                        help="CSV for a spreadsheet (default) or a Markdown table")
    parser.add_argument("--full", action="store_true",
                        help="with the actions of exempt (Part 2) items: confidential, 0600")
    _output_arguments(parser)


def cmd_actions(args: argparse.Namespace) -> int:
    """``actions``: every action of a panel (its action log) as CSV or Markdown."""
    from panel_minutes.models.export.action_log import (
        action_log_csv,
        action_log_markdown,
        default_action_log_name,
    )

    with _store(_target(args), must_exist=True, for_reading=True) as store:
        log = store.load_action_log(_panel_id(store, args.panel))
    data = (action_log_csv(log, full=args.full) if args.format == "csv"
            else action_log_markdown(log, full=args.full).encode("utf-8"))
    path = _output_path(args.output if args.output is not None else "-",
                        default_action_log_name(log.panel, args.format, full=args.full))
    if path is None:
        _say(data.decode("utf-8").removeprefix("\ufeff"))  # the byte order mark is for files
        return 0
    mode = CONFIDENTIAL_MODE if args.full else PUBLIC_MODE
    write_file(path, data, mode=mode, force=args.force)
    note = " (confidential: readable by you only)" if args.full else ""
    _say(f"Wrote the action log of {log.panel.name} to {path}{note}\n")
    return 0


# --- the table of subcommands ----------------------------------------------------------------------


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    return None


@dataclass(frozen=True, slots=True)
class Subcommand:
    name: str
    summary: str  # one line, shown in --help
    run: Callable[[argparse.Namespace], int]
    arguments: Callable[[argparse.ArgumentParser], None] = _no_arguments
    example: str = ""


SUBCOMMANDS: tuple[Subcommand, ...] = (
    Subcommand("list", "list the meetings in the database (id, date, status, panel)", cmd_list,
               _list_arguments, f"{PROG} list --json"),
    Subcommand("export", "export a meeting's minutes (Markdown, Word, HTML, PDF or plain text) "
               "or bundle (JSON)", cmd_export, _export_arguments,
               f"{PROG} export 12 --format pdf --full"),
    Subcommand("check", "check a meeting's minutes before publishing (exempt text in public "
               "output, empty items, votes, actions, names, draft)", cmd_check,
               _check_arguments, f"{PROG} check 2026-11-17"),
    Subcommand("import", "import a meeting bundle (JSON) as a new meeting", cmd_import,
               _import_arguments, f"{PROG} import 2026-11-17-wessex-vale-pcp.json"),
    Subcommand("import-agenda", "import a meeting's agenda from a Word, Markdown or text file",
               cmd_import_agenda, _import_agenda_arguments,
               f"{PROG} import-agenda 12 agenda.docx"),
    Subcommand("agenda", "write a meeting's agenda (public, or --full) as Markdown or Word",
               cmd_agenda, _agenda_arguments, f"{PROG} agenda 12 --format docx"),
    Subcommand("actions", "write a panel's action log (public, or --full) as CSV or Markdown",
               cmd_actions, _actions_arguments, f"{PROG} actions wessex --format csv -o ."),
    Subcommand("demo", "write the fictional demo meeting into the database given by --db",
               cmd_demo, _no_arguments, f"{PROG} demo --db /tmp/demo.db"),
    Subcommand("backup", "back up the database now (or --list the backups)", cmd_backup,
               _backup_arguments, f"{PROG} backup --list"),
    Subcommand("restore", "put the newest good backup (or BACKUP) in place of the database; "
               "the old file is kept aside", cmd_restore, _restore_arguments,
               f"{PROG} restore"),
    Subcommand("search", "find words or \"a phrase\" in every meeting's minutes, newest first",
               cmd_search, _search_arguments, f"{PROG} search '\"rural crime\"' --panel wessex"),
)


# --- parsing and the entry point -------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr, like every other error."""

    def error(self, message: str) -> NoReturn:
        hint = f" (see '{self.prog} --help')"
        _error(message + hint)
        raise SystemExit(2)


def _database_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default = None if top else argparse.SUPPRESS  # after a subcommand: only when given
    parser.add_argument(
        "--db", metavar="PATH_OR_URL", default=default,
        help="the database: a file path or an SQLAlchemy URL (default: $PANEL_MINUTES_DB, "
             "else minutes.db in the user data folder)",
    )
    parser.add_argument(
        "--demo", action="store_true", default=False if top else argparse.SUPPRESS,
        help="use the separate demo database (created with the demo meeting when missing)",
    )


def build_parser() -> argparse.ArgumentParser:
    examples = "\n".join(f"  {c.example}" for c in SUBCOMMANDS if c.example)
    parser = _Parser(
        prog=PROG,
        description="Type the minutes of a Police and Crime Panel meeting live, and export "
                    "them. With no command, opens the app.",
        epilog=f"examples:\n  {PROG} --demo\n{examples}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _database_options(parser, top=True)
    parser.add_argument("--open", metavar="MEETING", default=None,
                        help="open this meeting's live minutes directly (id or YYYY-MM-DD)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in SUBCOMMANDS:
        child = sub.add_parser(command.name, help=command.summary, description=command.summary)
        _database_options(child, top=False)
        command.arguments(child)
        child.set_defaults(run=command.run)
    parser.set_defaults(run=cmd_app)
    return parser


def _error(message: str) -> None:
    line = " ".join(message.split())
    sys.stderr.write(f"{PROG}: error: {line}\n")
    sys.stderr.flush()


def _os_message(exc: OSError) -> str:
    where = exc.filename if exc.filename is not None else ""
    reason = exc.strerror or type(exc).__name__
    if isinstance(exc, PermissionError):
        return f"Permission denied: {where}" if where else "Permission denied"
    if isinstance(exc, IsADirectoryError):
        return f"{where} is a folder, not a file"
    if isinstance(exc, FileNotFoundError):
        return f"No such file or folder: {where}" if where else reason
    return f"{where}: {reason}" if where else reason


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (the console script exits with it)."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # --help, --version, or a usage error already reported
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    try:
        code: int = args.run(args)
        return code
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:  # e.g. `panel-minutes export 3 | head`
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 1
    except (UsageError, DatabaseError) as exc:
        _error(str(exc))
        return 2
    except PanelMinutesError as exc:
        _error(str(exc))
        return 1
    except OSError as exc:
        _error(_os_message(exc))
        return 1
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        _error(
            f"unexpected {type(exc).__name__}: {exc} (this is a bug in {PROG}; run again with "
            f"{DEBUG_ENV}=1 to see the details)"
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
