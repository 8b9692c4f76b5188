"""The benchmark tooling itself: a deterministic generator and the start-up hook the runner needs.

(The benchmarks are run by ``bench/run.py --quick`` in CI; these tests only make sure the pieces
it relies on keep working when the app changes.)
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from bench import ptyrun, run
from bench.generate import LONG_ENTRIES, LONG_ITEMS, generate, load_manifest

pytestmark = pytest.mark.slow  # real processes or large data: `-m "not slow"` skips it

SCALE = 0.0125  # one meeting a panel, plus the long meeting


def _content(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT m.held_on, i.position, i.title, e.position, e.kind, e.text, e.answer "
            "FROM entry AS e JOIN agenda_item AS i ON i.id = e.item_id "
            "JOIN meeting AS m ON m.id = i.meeting_id ORDER BY e.id"
        ).fetchall()


def test_generator_is_deterministic_and_writes_the_long_meeting(tmp_path: Path) -> None:
    first = generate(tmp_path / "a.db", seed=7, scale=SCALE)
    second = generate(tmp_path / "b.db", seed=7, scale=SCALE)
    other = generate(tmp_path / "c.db", seed=8, scale=SCALE, long_meeting=False)
    assert _content(tmp_path / "a.db") == _content(tmp_path / "b.db")
    assert _content(tmp_path / "c.db")[:50] != _content(tmp_path / "a.db")[:50]
    assert load_manifest(tmp_path / "a.db") == first
    assert first.meetings == second.meetings == 21  # 20 panels x 1, and the long meeting
    with sqlite3.connect(tmp_path / "a.db") as conn:
        counts = conn.execute(
            "SELECT count(DISTINCT i.id), count(e.id) FROM agenda_item AS i "
            "JOIN entry AS e ON e.item_id = i.id WHERE i.meeting_id = ?",
            (first.long_meeting_id,),
        ).fetchone()
        status = conn.execute("SELECT status FROM meeting WHERE id = ?",
                              (first.long_meeting_id,)).fetchone()[0]
        indexed = conn.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH 'burglary'"
        ).fetchone()[0]
    assert counts == (LONG_ITEMS, LONG_ITEMS * LONG_ENTRIES)
    assert status == "draft"
    assert indexed > 0  # written through the store: the search index saw every row
    assert other.entries > 0


def test_app_reports_first_frame_and_ready_for_the_start_up_benchmark(tmp_path: Path) -> None:
    manifest = generate(tmp_path / "small.db", seed=3, scale=SCALE, long_meeting=False)
    app = [sys.executable, "-m", "panel_minutes.tui.cli", "--db", manifest.db]
    for stage in ("first-frame", "ready"):
        env = dict(os.environ, PANEL_MINUTES_BENCH_EXIT=stage)
        run = ptyrun.run(app, env=env, timeout=60)
        assert run.returncode == 0
        assert 0 < run.mark(stage) < 30
        assert list(run.marks) == [stage]  # it exits at the stage asked for
    # Without the variable the app does not print the marker (it waits for the clerk).
    env = {k: v for k, v in os.environ.items() if k != "PANEL_MINUTES_BENCH_EXIT"}
    try:
        ptyrun.run(app, env=env, timeout=2.5)
    except TimeoutError:
        pass
    else:
        raise AssertionError("the app exited on its own without the benchmark variable")


def test_quick_check_fails_on_a_twofold_regression(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"ratios": {"start.large": 0.8, "open": 25.0}}))
    monkeypatch.setattr(run, "BASELINE", baseline)
    cpu = 17.0  # the yardstick, in ms

    def rows(start_ms: float, open_ms: float) -> list[run.Row]:
        return [
            run.Row("start.large", "start", start_ms, 600.0, "stack floor"),
            run.Row("open", "open", open_ms, 10.0, "sqlite3 read", gate_by="cpu"),
            run.Row("keys.handled.p99", "p99", 50.0, 1.0, "bare", gate=False),
        ]

    assert run.check_baseline(rows(480.0, 425.0), cpu) == []  # as recorded
    assert run.check_baseline(rows(700.0, 600.0), cpu) == []  # noisy, but under 2x
    problems = run.check_baseline(rows(1000.0, 900.0), cpu)  # both more than 2x
    assert len(problems) == 2 and "start" in problems[0] and "open" in problems[1]
