"""Benchmark hook: report when a start-up stage has been painted, then exit.

``bench/run.py`` starts the real app in a pseudo-terminal with ``PANEL_MINUTES_BENCH_EXIT`` set to
a stage name; when that stage has been painted the app writes one line
``PANEL_MINUTES_BENCH <stage> <time.monotonic()>`` straight to file descriptor 1 and exits. Stages:

- ``first-frame``: the first screen has been painted (before the database is even opened);
- ``ready``: the meetings list has been painted with its data.

Without the variable a call costs one environment lookup and does nothing.
"""

from __future__ import annotations

import os
import time
from typing import Any

ENV_VAR = "PANEL_MINUTES_BENCH_EXIT"
MARKER = "PANEL_MINUTES_BENCH"


def active() -> bool:
    """Whether a benchmark asked for a stage (so callers can skip scheduling ``mark``)."""
    return bool(os.environ.get(ENV_VAR))


def mark(app: Any, stage: str) -> None:
    """Call once ``stage`` has been painted (from ``call_after_refresh``)."""
    if os.environ.get(ENV_VAR) != stage:
        return
    os.write(1, f"\n{MARKER} {stage} {time.monotonic():.6f}\n".encode())
    app.exit()
