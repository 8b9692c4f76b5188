"""The start-up floors: a bare Textual app with the meetings screen's widgets (and footer keys),
nothing else.

    python bench/floor_app.py                 # first-frame floor: Textual only
    python bench/floor_app.py --db FILE       # stack floor: also imports sqlmodel (at the top,
                                              # as a plain app would) and runs ONE query: the
                                              # meetings list, shown in the same DataTable

It reports with the same marker line as the real app (``tui/bench_hook.py``):
``first-frame`` once the first frame is painted, ``ready`` once the rows are painted. Nothing
here imports panel-minutes code, so the floor cannot inherit the app's costs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

ENV_VAR = "PANEL_MINUTES_BENCH_EXIT"
QUERY = """
SELECT m.id, m.held_on, m.start_time, p.name, m.status, count(i.id)
FROM meeting AS m JOIN panel AS p ON p.id = m.panel_id
LEFT JOIN agenda_item AS i ON i.meeting_id = m.id
GROUP BY m.id ORDER BY m.held_on DESC, m.id DESC
"""


def peak_rss_kb() -> int:
    """This process's peak resident memory since it started this program (VmHWM; unlike
    ``ru_maxrss`` it does not include the parent's memory copied before ``exec``)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def mark(app: App[None], stage: str) -> None:
    if os.environ.get(ENV_VAR) == stage:
        os.write(1, f"\nPANEL_MINUTES_BENCH {stage} {time.monotonic():.6f}\n".encode())
        os.write(1, f"\nPANEL_MINUTES_BENCH_HWM {peak_rss_kb()}\n".encode())
        app.exit()


class FloorApp(App[None]):
    # The footer keys the meetings screen shows on its first frame (FooterKey widgets too):
    # the same widgets means the same nine keys, doing nothing here.
    BINDINGS = [
        Binding("enter", "noop", "Open"),
        Binding("n", "noop", "New"),
        Binding("s", "noop", "Setup"),
        Binding("d", "noop", "Duplicate"),
        Binding("e", "noop", "Export"),
        Binding("x", "noop", "Delete"),
        Binding("slash", "noop", "Filter", key_display="/"),
        Binding("ctrl+q", "quit", "Quit", key_display="^q"),
        Binding("f1", "noop", "Help", key_display="F1"),
    ]

    def action_noop(self) -> None:
        pass

    def __init__(self, db: str | None) -> None:
        super().__init__()
        self.db = db

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static("", id="empty")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Date", "Time", "Panel", "Status", "Items")
        table.focus()
        self.call_after_refresh(mark, self, "first-frame")
        if self.db is None:
            self.call_after_refresh(mark, self, "ready")
            return
        for row in rows(self.db):
            table.add_row(*(str(value) for value in row[1:]), key=str(row[0]))
        self.call_after_refresh(mark, self, "ready")


def rows(db: str) -> list[tuple[object, ...]]:
    from sqlmodel import Session, create_engine, text  # imported by the stack floor only

    engine = create_engine(f"sqlite:///{db}")
    with Session(engine) as session:
        return [tuple(r) for r in session.execute(text(QUERY)).all()]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="run the stack floor against this database")
    args = parser.parse_args()
    if args.db:
        import sqlmodel  # noqa: F401  (the stack floor pays for importing the stack up front)
    FloorApp(args.db).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
