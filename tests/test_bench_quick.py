"""The benchmark tooling itself: a deterministic generator and the start-up hook the runner needs.

(The benchmarks are run by ``bench/run.py --quick`` in CI; these tests only make sure the pieces
it relies on keep working when the app changes.)
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from bench import ptyrun
from bench.generate import LONG_ENTRIES, LONG_ITEMS, generate, load_manifest

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
    app = [sys.executable, "-m", "tui.cli", "--db", manifest.db]
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
