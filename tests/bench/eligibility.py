"""Benchmark: re-evaluating every rule set of an application after one change (what the
申报条件自查 panel does 60 ms after each keystroke), against the change alone in the same run.

Run: .venv/bin/python tests/bench/eligibility.py [N]
Prints the median per change of both and their ratio. Goal: well under a frame budget of
50 ms per change on a 2-core machine (it was a unit-test limit; a limit on a shared machine
failed under load without anything being wrong, so it is measured here instead).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.core.eligibility_data import APP, JL_BASIC, JL_TARGETS, application  # noqa: E402
from zjtx_desktop.core.eligibility import evaluate_all  # noqa: E402


def timed(n: int, evaluate: bool) -> list[float]:
    session = application((JL_BASIC, JL_TARGETS, APP))
    evaluate_all(session)  # the rule sets are loaded once, before the window shows them
    out = []
    for i in range(n):
        t = time.perf_counter()
        session.set_value((APP, "rd_expense.y1"), str(1000 + i))
        if evaluate:
            evaluate_all(session)
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    change = statistics.median(timed(n, evaluate=False))
    full = statistics.median(timed(n, evaluate=True))
    print(f"change alone: {change:.2f} ms · change + every rule set: {full:.2f} ms (median of {n})")
    print(f"ratio: {full / change:.1f}× the change alone")


if __name__ == "__main__":
    main()
