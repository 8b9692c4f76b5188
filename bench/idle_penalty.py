"""How much slower the same Python work runs right after the process has been idle.

    python bench/idle_penalty.py          # prints one line per pause, about 40 s

A clerk types in bursts: a sentence, a pause while the speaker goes on, the next sentence. The
first key after a pause is handled two to four times slower than the keys around it, in the app
and in a bare Textual ``TextArea`` alike (``bench/run.py`` lists those keys apart). This script
shows that the cause is the machine and not Textual or panel-minutes: a fixed piece of pure
Python work with no I/O (Rich laying out one paragraph, about 0.1 ms when warm) is timed after
sleeping for 20 ms, 100 ms and 600 ms, and after 600 ms of a busy loop that touches almost no
memory. On the 2-core VM where the README's figures were taken, the work costs several times
more after any idle than when it follows 20 ms later, and a busy loop in between does not help:
most likely the processor's caches no longer hold the interpreter's working set (a virtual
machine shares them with the host's other work). Nothing in the app can keep them warm short of
doing useless work all the time.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAUSES = (0.02, 0.1, 0.6)
SAMPLES = 25


def _work() -> Callable[[], object]:
    import io

    from rich.console import Console
    from rich.text import Text

    console = Console(width=80, file=io.StringIO(), color_system=None)
    text = Text("The Panel noted the update on rural crime and asked for a further report. " * 3)

    def work() -> object:
        return list(console.render(text))

    return work


def _spin(seconds: float) -> int:
    """Keep the processor busy for ``seconds`` on a loop that touches almost no memory; return
    how many times it went round."""
    end = time.perf_counter() + seconds
    rounds = 0
    while time.perf_counter() < end:
        rounds += 1
    return rounds


def measure(samples: int = SAMPLES) -> dict[str, float]:
    """Median milliseconds of the same work after each kind of pause."""
    work = _work()
    for _ in range(50):
        work()
    out: dict[str, float] = {}
    waits: list[tuple[str, Callable[[float], object], float]] = [
        *((f"sleep {p:g} s", time.sleep, p) for p in PAUSES),
        ("busy loop 0.6 s", _spin, 0.6),
    ]
    for label, wait, seconds in waits:
        times = []
        for _ in range(samples):
            wait(seconds)
            began = time.perf_counter()
            work()
            times.append((time.perf_counter() - began) * 1000)
        out[label] = statistics.median(times)
    return out


def main() -> int:
    results = measure()
    warm = results[f"sleep {PAUSES[0]:g} s"]
    print(f"the same pure-Python work (Rich lays out one paragraph), median of {SAMPLES}:")
    for label, value in results.items():
        print(f"  after {label:<16} {value:6.3f} ms   {value / warm:4.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
