"""Counts the hostile-input and fault suites report at the end of a run (tests/conftest.py):
cases tried, crashes (a traceback or an exit code other than 0/1/2), hangs (a time bound
exceeded) and silent changes (a value stored or returned differently without a word)."""

from __future__ import annotations

from collections import Counter

KINDS = ("cases", "crashes", "hangs", "silent changes")
COUNTS: dict[str, Counter[str]] = {"hostile-input": Counter(), "fault": Counter()}


def count(suite: str, kind: str, n: int = 1) -> None:
    COUNTS[suite][kind] += n


def lines() -> list[str]:
    return [
        f"{suite} suite: " + ", ".join(f"{c[k]} {k}" for k in KINDS)
        for suite, c in COUNTS.items()
        if c["cases"]
    ]
