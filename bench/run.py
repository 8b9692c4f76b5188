"""Measure panel-minutes against its performance budgets; print ONE table.

    python bench/run.py                   # full run (~5 min): 10 years of minutes, 2,000 keys
    python bench/run.py --quick           # CI (~1 min): small database, few repetitions;
                                          # exit 1 if a ratio is over twice its baseline
    python bench/run.py --quick --save-baseline   # re-record bench/baseline.json (3 runs)

The extreme meeting (``bench/extreme.py``: 300 items, 2,000 entries in one; 100,000 entries in
all, 5,000 with ``--quick``) is imported from a bundle into an empty database and opened in the
app, beside a raw sqlite3 import of the same file and a raw read of its rows.

Every figure is a median over repeated runs (keystrokes: p50 and p99 over every key) and sits
beside its FLOOR, measured in the same run on the same machine: the least any program could
spend on the same job (a bare Textual app, a raw sqlite3 call). The ratio figure / floor is the
headline: it does not change with the machine, so CI can check it. Budgets are those of the
"Fast at the scale of years" issue, for a 2-core machine.

The large database (``bench/out/large.db``, made by ``bench/generate.py`` when missing) is never
changed: each run works on a copy, ``bench/out/work.db`` (``work-quick.db`` with ``--quick``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import extreme, ptyrun, publishbench, storebench
from bench.generate import generate, load_manifest, manifest_path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
BASELINE = HERE / "baseline.json"
REGRESSION = 2.0  # --quick fails when a ratio is more than this many times its baseline
BASELINE_ROUNDS = 3  # --save-baseline records the median of this many runs
PY = sys.executable


@dataclass(frozen=True)
class Settings:
    quick: bool
    scale: float
    db: Path
    start_reps: int
    store_reps: int
    open_runs: int
    keys: int
    switches: int
    files: int
    extreme_entries: int  # the extreme meeting: 300 items, 2,000 entries in one, this many in all
    extreme_reps: int


FULL = dict(scale=1.0, start_reps=10, store_reps=20, open_runs=5, keys=2000, switches=30,
            files=20, extreme_entries=100_000, extreme_reps=1)
QUICK = dict(scale=0.05, start_reps=3, store_reps=8, open_runs=2, keys=150, switches=10, files=5,
             extreme_entries=5_000, extreme_reps=2)


@dataclass
class Row:
    key: str
    label: str
    value: float
    floor: float | None
    floor_label: str
    unit: str = "ms"
    # budget: ("ratio", x) means value <= x * floor; ("max", x) means value <= x (unit)
    budget: tuple[str, float] | None = None
    gate: bool = True  # --quick checks this row against the baseline
    # What --quick divides the figure by: its floor, or "cpu" (the machine's speed at our kind
    # of Python work, see cpu_unit) when the floor is too small or too noisy (an fsync).
    gate_by: str = "floor"

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor <= 0:
            return None
        return self.value / self.floor

    def gate_ratio(self, cpu: float) -> float | None:
        if self.gate_by == "cpu":
            return self.value / cpu if cpu > 0 else None
        return self.ratio

    @property
    def limit(self) -> float | None:
        if self.budget is None:
            return None
        kind, amount = self.budget
        if kind == "ratio":
            return None if self.floor is None else amount * self.floor
        return amount

    @property
    def passed(self) -> bool | None:
        limit = self.limit
        return None if limit is None else self.value <= limit

    def budget_text(self) -> str:
        if self.budget is None:
            return "-"
        kind, amount = self.budget
        return f"<= {amount:g}x floor" if kind == "ratio" else f"<= {amount:g} {self.unit}"


# --- helpers -------------------------------------------------------------------------------------


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank), q in 0..100."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def med(values: list[float]) -> float:
    return statistics.median(values)


def child_env(**extra: str) -> dict[str, str]:
    """The environment of every measured process: as on a clerk's machine, Python keeps the
    compiled bytecode of our modules (an installed app has it). A session that sets
    PYTHONDONTWRITEBYTECODE would otherwise recompile tui/, screens/ and models/ at every start
    while Textual and SQLAlchemy, installed, start precompiled. The cache goes to bench/out."""
    env = dict(os.environ, **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    return env


def app_command() -> list[str]:
    script = Path(PY).parent / "panel-minutes"
    return [str(script)] if script.exists() else [PY, "-m", "panel_minutes.tui.cli"]


def fresh_copy(source: Path, dest: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dest}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, dest)
    return dest


def schema_of(db: Path) -> list[tuple[str, str]]:
    """The database's schema (tables, indexes, triggers) as SQLite stores it."""
    import sqlite3

    from panel_minutes.models.sqlite_uri import readonly_uri

    conn = sqlite3.connect(readonly_uri(db), uri=True)  # leaves no -wal or -shm behind
    try:
        rows = conn.execute(
            "SELECT name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    finally:
        conn.close()
    return [(str(n), " ".join(str(q).split())) for n, q in rows]


def ensure_database(settings: Settings, empty: Path) -> Path:
    """The generated database, (re)generated when missing, of another scale, or when the app's
    schema changed since it was written (compared with a new empty database)."""
    db = settings.db
    if db.exists() and manifest_path(db).exists():
        manifest = load_manifest(db)
        if abs(manifest.scale - settings.scale) < 1e-9 and schema_of(db) == schema_of(empty):
            return db
    say(f"== generating {db} (scale {settings.scale}) ...")
    generate(db, scale=settings.scale, force=True, progress=None)
    return db


def empty_database(path: Path) -> Path:
    from panel_minutes.models.store import Store

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    Store(str(path)).close()
    return path


def cpu_unit(reps: int = 9) -> float:
    """Milliseconds this machine takes to lay out 60 minute entries with Rich (the kind of work
    the live screen does), as a yardstick for --quick's regression check."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from bench.textgen import TextGen

    gen = TextGen(11)
    texts = [gen.paragraph() for _ in range(60)]
    with open(os.devnull, "w") as sink:
        console = Console(width=80, file=sink, color_system="truecolor")
        options = console.options

        def layout() -> None:
            for n, text in enumerate(texts):
                grid = Table.grid(padding=(0, 1), expand=True)
                grid.add_column(width=4, justify="right", no_wrap=True)
                grid.add_column(ratio=1)
                grid.add_row(Text(f"{n}."), Text(text))
                list(console.render(grid, options))

        return med(storebench.timed(layout, reps, warm=2))


# --- start-up ------------------------------------------------------------------------------------


def start_once(argv: list[str], stage: str) -> ptyrun.PtyRun:
    env = child_env(PANEL_MINUTES_BENCH_EXIT=stage)
    env.pop("PANEL_MINUTES_DB", None)
    run = ptyrun.run(argv, env=env, timeout=60)
    run.mark(stage)
    return run


def measure_start(settings: Settings, empty: Path, large: Path) -> dict[str, list[float]]:
    app, floor = app_command(), [PY, str(HERE / "floor_app.py")]
    cases = {
        "start.empty": ([*app, "--db", str(empty)], "ready"),
        "floor.stack.empty": ([*floor, "--db", str(empty)], "ready"),
        "start.large": ([*app, "--db", str(large)], "ready"),
        "floor.stack.large": ([*floor, "--db", str(large)], "ready"),
        "first_frame": ([*app, "--db", str(large)], "first-frame"),
        "floor.bare": (floor, "first-frame"),
    }
    samples: dict[str, list[float]] = {key: [] for key in cases}
    samples["floor.stack.rss"] = []
    for argv, stage in cases.values():  # warm-up: disk cache and .pyc files
        start_once(argv, stage)
    for rep in range(settings.start_reps):
        say(f"   start-up round {rep + 1}/{settings.start_reps}")
        for key, (argv, stage) in cases.items():  # interleaved, so load hits all alike
            run = start_once(argv, stage)
            samples[key].append(run.mark(stage) * 1000)
            if key == "floor.stack.large":
                samples["floor.stack.rss"].append(run.hwm_mb or run.maxrss_mb)
    return samples


# --- in-app probes -------------------------------------------------------------------------------


def probe(args: list[str]) -> dict[str, Any]:
    result_file = OUT / "probe.json"
    result_file.unlink(missing_ok=True)
    run = ptyrun.run([PY, str(HERE / "probe.py"), *args, "--out", str(result_file)],
                     env=child_env(),
                     timeout=900)
    if not result_file.exists():
        tail = run.output[-3000:].decode("utf-8", "replace")
        raise RuntimeError(f"probe {args[0]} wrote no result (exit {run.returncode}):\n{tail}")
    data: dict[str, Any] = json.loads(result_file.read_text())
    if "error" in data:
        raise RuntimeError(f"probe {args[0]} failed:\n{data['error']}")
    return data


def clear_drafts(db: Path) -> None:
    """Each probe starts from an empty composer (not the draft the previous probe typed)."""
    conn = storebench.raw_connection(db)
    try:
        conn.execute("DELETE FROM draft")
        conn.commit()
    finally:
        conn.close()


def after(run: dict[str, Any], key: str, paused: bool) -> list[float]:
    """The keys typed right after a pause (``paused``), or the others: the first key after a
    pause meets a cold processor (``bench/idle_penalty.py``), in the floor as in the app."""
    firsts = set(run["keys_after_pause"])
    return [v for n, v in enumerate(run[key]) if (n in firsts) == paused]


def resume_rows(app: dict[str, Any], floor: dict[str, Any]) -> list[Row]:
    """Keystroke handled, split: the first key after a pause, then the others."""
    resumed, floor_resumed = after(app, "keys_handled", True), after(floor, "keys_handled", True)
    if not (resumed and floor_resumed):
        return []  # a short run typed no sentence end
    return [
        Row("keys.handled.resume", "  first key after a pause, p50", pct(resumed, 50),
            pct(floor_resumed, 50), "bare TextArea", gate=False),
        Row("keys.handled.burst", "  other keys, p99", pct(after(app, "keys_handled", False), 99),
            pct(after(floor, "keys_handled", False), 99), "bare TextArea", gate=False),
    ]


def measure_app(settings: Settings, work: Path, long_id: int) -> dict[str, Any]:
    runs = []
    for n in range(settings.open_runs):
        say(f"   app probe {n + 1}/{settings.open_runs}")
        clear_drafts(work)
        keys = settings.keys if n == 0 else 0
        runs.append(probe(["app", "--db", str(work), "--meeting", str(long_id),
                           "--keys", str(keys), "--switches", str(settings.switches),
                           "--files", str(settings.files), "--seed", str(n + 1)]))
    say("   bare TextArea probe")
    floor = probe(["textarea", "--keys", str(settings.keys)])
    return {
        "open": [r["open_ms"] for r in runs],
        "open_all": [r["open_all_ms"] for r in runs],
        "rss": [r["rss_mb"] for r in runs],
        "switch": [v for r in runs for v in r["switch_ms"]],
        "file": [v for r in runs for v in r["file_ms"]],
        "keys_handled": runs[0]["keys_handled_ms"],
        "keys_painted": runs[0]["keys_painted_ms"],
        "keys_after_pause": runs[0]["keys_after_pause"],
        "draft_saved": runs[0]["draft_saved"],
        "backup_wait": [r["backup_wait_ms"] for r in runs],
        "gc_full_max": max(r.get("gc_full_max_ms", 0.0) for r in runs),
        "gc_full": sum(r.get("gc_full", 0) for r in runs),
        "floor_handled": floor["keys_handled_ms"],
        "floor_painted": floor["keys_painted_ms"],
        "floor_after_pause": floor["keys_after_pause"],
    }


# --- the extreme meeting ---------------------------------------------------------------------------


def extreme_step(args: list[str]) -> dict[str, Any]:
    """One ``bench/extreme.py`` run in its own process (so its peak memory is its own)."""
    done = subprocess.run([PY, str(HERE / "extreme.py"), *args], capture_output=True, text=True,
                          env=child_env(), timeout=900, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench/extreme.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure_extreme(settings: Settings) -> dict[str, Any]:
    """Import the extreme bundle (and the raw sqlite3 floor) into empty databases, then open
    the imported meeting in the app: its 2,000-entry item is the one it opens at."""
    bundle = OUT / f"extreme-{settings.extreme_entries}.json"
    if not bundle.exists():
        extreme.write_extreme(bundle, settings.extreme_entries)
    out: dict[str, Any] = {"import": [], "import_rss": [], "floor": [], "floor_rss": []}
    db = OUT / "extreme.db"
    for rep in range(settings.extreme_reps):
        say(f"   import {settings.extreme_entries:,} entries {rep + 1}/{settings.extreme_reps}")
        floor = extreme_step(["--out", str(bundle), "--floor-db",
                              str(empty_database(OUT / "extreme-floor.db"))])
        done = extreme_step(["--out", str(bundle), "--import-db", str(empty_database(db))])
        out["import"].append(done["seconds"] * 1000)
        out["import_rss"].append(done["rss_mb"])
        out["floor"].append(floor["seconds"] * 1000)
        out["floor_rss"].append(floor["rss_mb"])
        out["meeting"] = done["meeting"]
    out["floor_read"] = storebench.raw_read_floor(db, out["meeting"], settings.store_reps)
    say("   app probe, extreme meeting")
    runs = [probe(["app", "--db", str(db), "--meeting", str(out["meeting"]), "--keys", "0",
                   "--switches", "4", "--files", str(min(settings.files, 5)), "--seed", "9"])]
    out["open"] = [r["open_ms"] for r in runs]
    out["open_all"] = [r["open_all_ms"] for r in runs]
    out["rss"] = [r["rss_mb"] for r in runs]
    out["file"] = [v for r in runs for v in r["file_ms"]]
    out["switch"] = [v for r in runs for v in r["switch_ms"]]
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
        Path(f"{OUT / 'extreme-floor.db'}{suffix}").unlink(missing_ok=True)
    return out


def extreme_rows(x: dict[str, Any], st: dict[str, float], stack_rss: float, entries: int
                 ) -> list[Row]:
    n = f"{entries:,}"
    return [
        Row("import.extreme", f"import a bundle of {n} entries", med(x["import"]),
            med(x["floor"]), "sqlite3 parse+insert", budget=("ratio", 1.5)),
        Row("import.extreme.memory", "  its peak memory", med(x["import_rss"]),
            med(x["floor_rss"]), "sqlite3 import RSS", unit="MB", budget=("ratio", 1.5)),
        Row("open.extreme", "open extreme meeting (2,000 in item)", med(x["open"]),
            med(x["floor_read"]), "sqlite3 read of its rows", budget=("max", 1000),
            gate_by="cpu"),
        Row("open.extreme.all", "  and every item's entries read", med(x["open_all"]),
            med(x["floor_read"]), "sqlite3 read of its rows", gate=False),
        Row("file.extreme", "  file an entry in its 2,000", med(x["file"]), st["floor.insert"],
            "sqlite3 insert+commit", budget=("max", 150), gate_by="cpu"),
        Row("switch.extreme", "  switch item (F7/F6 to painted)", med(x["switch"]),
            st["floor.insert"], "sqlite3 insert+commit", budget=("max", 100), gate_by="cpu"),
        Row("memory.extreme", "  peak memory, extreme meeting open", med(x["rss"]), stack_rss,
            "stack floor RSS", unit="MB", budget=("max", 250)),
    ]


# --- the table -----------------------------------------------------------------------------------


def build_rows(start: dict[str, list[float]], store: dict[str, list[float]],
               app: dict[str, Any], x: dict[str, Any] | None = None, entries: int = 0
               ) -> list[Row]:
    floor = {"keys_handled": app["floor_handled"], "keys_after_pause": app["floor_after_pause"]}
    s = {k: med(v) for k, v in start.items()}
    st = {k: med(v) for k, v in store.items()}
    fh, fp = app["floor_handled"], app["floor_painted"]
    more = extreme_rows(x, st, med(start["floor.stack.rss"]), entries) if x else []
    return [
        Row("start.empty", "start, empty DB: list painted", s["start.empty"],
            s["floor.stack.empty"], "stack floor", budget=("ratio", 1.2)),
        Row("start.large", "start, large DB: list painted", s["start.large"],
            s["floor.stack.large"], "stack floor", budget=("ratio", 1.2)),
        Row("first_frame", "first frame painted", s["first_frame"], s["floor.bare"],
            "bare Textual", budget=("ratio", 1.1)),
        Row("keys.handled.p50", "keystroke handled p50", pct(app["keys_handled"], 50),
            pct(fh, 50), "bare TextArea"),
        Row("keys.handled.p99", "keystroke handled p99", pct(app["keys_handled"], 99),
            pct(fh, 99), "bare TextArea", budget=("max", 2), gate=False),
        *resume_rows(app, floor),
        Row("keys.painted.p50", "key to painted p50", pct(app["keys_painted"], 50),
            pct(fp, 50), "bare TextArea"),
        Row("keys.painted.p99", "key to painted p99", pct(app["keys_painted"], 99),
            pct(fp, 99), "bare TextArea", budget=("max", 20), gate=False),
        Row("file", "file an entry (Enter to painted)", med(app["file"]),
            st["floor.insert"], "sqlite3 insert+commit", budget=("max", 30), gate_by="cpu"),
        Row("store.file", "  store.add_entry alone", st["store.file"], st["floor.insert"],
            "sqlite3 insert+commit", gate=False),
        Row("switch", "switch item (F7/F6 to painted)", med(app["switch"]), pct(fp, 50),
            "bare TextArea key p50", budget=("max", 30)),
        Row("open", "open the long meeting (60x60)", med(app["open"]), st["floor.read"],
            "sqlite3 read of its rows", budget=("max", 150), gate_by="cpu"),
        Row("open.all", "  and every item's entries read", med(app["open_all"]),
            st["floor.read"], "sqlite3 read of its rows", gate=False),
        Row("store.open", "  store.load_document alone", st["store.open"], st["floor.read"],
            "sqlite3 read of its rows", gate_by="cpu"),
        Row("export.markdown", "export long meeting: Markdown", st["export.markdown"],
            st["floor.export"], "sqlite3 read+write", budget=("max", 100), gate_by="cpu"),
        Row("export.json", "export long meeting: JSON bundle", st["export.json"],
            st["floor.export"], "sqlite3 read+write", budget=("max", 100), gate_by="cpu"),
        Row("export.docx", "export long meeting: Word (.docx)", st["export.docx"],
            st["floor.docx"], "python-docx paragraphs", budget=("max", 300)),
        Row("check", "check long meeting before publishing", st["check"],
            st["floor.export"], "sqlite3 read+write", budget=("max", 100), gate_by="cpu"),
        Row("search.word", f"search a word ({storebench.SEARCH_WORD})", st["search.word"],
            st["floor.search.word"], "FTS5 MATCH, 50 rows", budget=("max", 50), gate_by="cpu"),
        Row("search.phrase", f"search a phrase ({storebench.SEARCH_PHRASE})",
            st["search.phrase"], st["floor.search.phrase"], "FTS5 MATCH, 50 rows",
            budget=("max", 50), gate_by="cpu"),
        Row("memory", "peak memory, long meeting open", med(app["rss"]),
            med(start["floor.stack.rss"]), "stack floor RSS", unit="MB", budget=("max", 150)),
        *more,
    ]


def publish_rows(pub: dict[str, list[float]], quick: bool) -> list[Row]:
    """HTML and PDF of the long meeting; with --quick the PDF covers its first items only (the
    whole meeting is some 360 pages), so that row has no budget there."""
    items = int(pub["publish.pdf.items"][0])
    pdf_label = "export long meeting: PDF" if not quick else f"  PDF, its first {items} items"
    return [
        Row("publish.html", "export long meeting: HTML", med(pub["publish.html"]),
            med(pub["floor.publish.html"]), "markdown-it, same text", budget=("max", 100)),
        Row("publish.pdf", pdf_label, med(pub["publish.pdf"]), med(pub["floor.publish.pdf"]),
            "WeasyPrint, same page untagged", budget=None if quick else ("max", 3000)),
    ]


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def render(rows: list[Row], header: str) -> str:
    lines = [header, ""]
    widths = (34, 9, 9, 22, 7, 15, 6)
    titles = ("measure", "figure", "floor", "floor is", "ratio", "budget", "result")
    lines.append("  ".join(t.ljust(w) for t, w in zip(titles, widths, strict=True)))
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        result = {True: "PASS", False: "MISS", None: ""}[r.passed]
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        cells = (r.label, fmt(r.value, r.unit), fmt(r.floor, r.unit), r.floor_label, ratio,
                 r.budget_text(), result)
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    return "\n".join(lines)


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import sqlalchemy
    import textual

    return (
        f"{os.cpu_count()} cores ({model or platform.processor() or platform.machine()}), "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"Textual {textual.__version__}, SQLAlchemy {sqlalchemy.__version__}, "
        f"SQLite {__import__('sqlite3').sqlite_version}"
    )


def load_average() -> str:
    try:
        return " ".join(f"{v:.1f}" for v in os.getloadavg())
    except OSError:
        return "?"


# --- main ----------------------------------------------------------------------------------------


def gate_ratios(rows: list[Row], cpu: float) -> dict[str, float]:
    out = {}
    for r in rows:
        ratio = r.gate_ratio(cpu)
        if r.gate and ratio is not None:
            out[r.key] = round(ratio, 4)
    return out


def check_baseline(rows: list[Row], cpu: float) -> list[str]:
    """Rows whose gate ratio is more than REGRESSION times the recorded quick baseline."""
    if not BASELINE.exists():
        return [f"no baseline at {BASELINE}: run with --quick --save-baseline"]
    baseline: dict[str, float] = json.loads(BASELINE.read_text())["ratios"]
    problems = []
    for key, ratio in gate_ratios(rows, cpu).items():
        if key not in baseline:
            continue
        if ratio > REGRESSION * baseline[key]:
            label = next(r.label for r in rows if r.key == key).strip()
            problems.append(f"{label}: {ratio:.2f} against {baseline[key]:.2f} in the baseline "
                            f"(more than {REGRESSION:g}x)")
    return problems


def measure_once(settings: Settings, empty: Path) -> tuple[list[Row], float, dict[str, Any]]:
    """One full measurement on a fresh work copy: (rows, yardstick, everything for the JSON)."""
    manifest = load_manifest(settings.db)
    work = fresh_copy(settings.db, OUT / ("work-quick.db" if settings.quick else "work.db"))
    load_before = load_average()
    cpu = cpu_unit()
    say("== start-up (whole process in a pseudo-terminal)")
    start = measure_start(settings, empty, work)
    say("== store (in process)")
    store = storebench.measure(work, manifest.long_meeting_id, OUT / "export",
                               reps=settings.store_reps)
    say("== app (in a pseudo-terminal)")
    app = measure_app(settings, work, manifest.long_meeting_id)
    say("== the extreme meeting (300 items, 2,000 entries in one)")
    x = measure_extreme(settings)
    say("== publishing formats (in process)")
    publish = publishbench.measure(work, manifest.long_meeting_id, OUT / "export",
                                   reps=min(settings.store_reps, 5), quick=settings.quick)
    rows = build_rows(start, store, app, x, settings.extreme_entries)
    after_json = next(i for i, r in enumerate(rows) if r.key == "export.json") + 1
    rows[after_json:after_json] = publish_rows(publish, settings.quick)
    shutil.rmtree(OUT / "backups", ignore_errors=True)

    size_mb = settings.db.stat().st_size / 1e6
    header = (
        f"panel-minutes benchmarks, {dt.date.today().isoformat()}"
        f"{' (--quick)' if settings.quick else ''}\n"
        f"machine: {machine()}\n"
        f"load average before/after: {load_before} / {load_average()}\n"
        f"database: {manifest.meetings:,} meetings, {manifest.items:,} items, "
        f"{manifest.entries:,} entries, {manifest.actions:,} actions ({size_mb:.0f} MB); long "
        f"meeting {manifest.long_meeting_id} (60 items x 60 entries); seed {manifest.seed}\n"
        f"extreme meeting: a bundle of {settings.extreme_entries:,} entries (300 items, 2,000 in "
        f"one), imported {settings.extreme_reps} time(s)\n"
        f"yardstick (60 entries laid out by Rich): {cpu:.1f} ms\n"
        f"repetitions: start-up {settings.start_reps}, store {settings.store_reps}, app probes "
        f"{settings.open_runs}, keys {settings.keys}; search hits "
        f"{int(store['search.hits'][0])} / {int(store['search.hits'][1])}; "
        f"draft autosaved intact: {'yes' if app['draft_saved'] else 'NO'}; automatic backup "
        f"at open ran {max(app['backup_wait']) / 1000:.1f} s (waited for before the app probes); "
        f"full GC passes during the app probes: {app['gc_full']}, longest "
        f"{app['gc_full_max']:.0f} ms"
    )
    table = render(rows, header)
    results = {
        "date": dt.datetime.now().isoformat(timespec="seconds"), "quick": settings.quick,
        "machine": machine(), "cpu_unit_ms": cpu,
        "rows": [dict(asdict(r), ratio=r.ratio, passed=r.passed) for r in rows],
        "samples": {"start": start, "store": store, "app": app, "extreme": x,
                    "publish": publish},
        "table": table,
    }
    return rows, cpu, results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small database, few repetitions, "
                        "fail on a 2x regression of any ratio (for CI)")
    parser.add_argument("--db", type=Path, help="the generated database to use "
                        "(default bench/out/large.db, or bench/out/quick.db with --quick)")
    parser.add_argument("--save-baseline", action="store_true",
                        help=f"with --quick: measure {BASELINE_ROUNDS} times and record the "
                        "median ratios as the baseline")
    args = parser.parse_args(argv)
    if args.save_baseline and not args.quick:
        parser.error("--save-baseline goes with --quick")
    preset = QUICK if args.quick else FULL
    db = args.db or OUT / ("quick.db" if args.quick else "large.db")
    settings = Settings(quick=args.quick, db=db, **preset)  # type: ignore[arg-type]
    began = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)

    # The app's automatic backups of the work copies land here; they are ours to clear.
    shutil.rmtree(OUT / "backups", ignore_errors=True)
    empty = empty_database(OUT / "empty.db")
    ensure_database(settings, empty)

    recorded: list[dict[str, float]] = []
    for _ in range(BASELINE_ROUNDS if args.save_baseline else 1):
        rows, cpu, results = measure_once(settings, empty)
        print(results["table"])
        missed = [r for r in rows if r.passed is False]
        print(f"\n{len(rows) - len(missed)} of {len(rows)} rows within budget or unbudgeted; "
              f"{len(missed)} missed. Took {time.monotonic() - began:.0f} s.")
        (OUT / ("results-quick.json" if args.quick else "results.json")).write_text(
            json.dumps(results, indent=1, default=str)
        )
        if not results["samples"]["app"]["draft_saved"]:
            print("FAIL: the autosaved draft does not match what was typed")
            return 1
        recorded.append(gate_ratios(rows, cpu))
    if not args.quick:
        return 0
    if args.save_baseline:
        ratios = {k: round(statistics.median(r[k] for r in recorded), 4) for k in recorded[0]}
        BASELINE.write_text(json.dumps(
            {"recorded": results["date"], "machine": results["machine"],
             "note": f"median of {BASELINE_ROUNDS} --quick runs; --quick fails when a ratio "
                     f"exceeds {REGRESSION:g} times its value here",
             "ratios": ratios},
            indent=1) + "\n")
        print(f"baseline saved to {BASELINE}")
        return 0
    problems = check_baseline(rows, cpu)
    for p in problems:
        print(f"REGRESSION: {p}")
    if not problems:
        print(f"No ratio is more than {REGRESSION:g}x its baseline ({BASELINE.name}).")
    return 1 if problems else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.SubprocessError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        sys.exit(2)
