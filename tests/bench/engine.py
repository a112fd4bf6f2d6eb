"""Benchmark: the cost of one change on a full 申请书 (validate what changed + autosave).

Run: .venv/bin/python tests/bench/engine.py [N]
Prints median and p99 over N changes (default 1000) and, as a baseline measured in the same
run on the same disk, one bare SQLite commit of one row with the same pragmas.
Goal (issue #2): p99 under 8 ms on a 2-core machine.
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from zjtx_desktop.core.application import OpenApplication  # noqa: E402
from zjtx_desktop.core.datafile import read_data  # noqa: E402
from zjtx_desktop.core.engine.session import slot_of  # noqa: E402
from zjtx_desktop.core.forms.registry import get_form  # noqa: E402
from zjtx_desktop.core.store.drafts import DraftStore  # noqa: E402

FORM = "nat-xjr-application-2021"


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def baseline(path: Path, n: int) -> list[float]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)")
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR REPLACE INTO t VALUES (?, ?)", (f"k{i % 50}", str(i)))
        conn.execute("COMMIT")
        out.append(time.perf_counter() - t0)
    conn.close()
    return out


def main(n: int = 1000) -> None:
    form = get_form(FORM)
    demo = read_data(ROOT / "resources" / "demo" / f"{FORM}.json")
    with tempfile.TemporaryDirectory() as d:
        store = DraftStore(Path(d) / "bench.sqlite3")
        app_id = store.create([form], name="bench")
        store.set_many(app_id, {slot_of(form, form.fields[k]): v for k, v in demo.values.items()})
        t0 = time.perf_counter()
        app = OpenApplication(store, app_id)
        open_time = time.perf_counter() - t0
        rng = random.Random(7)
        numeric = [
            k
            for k, f in form.fields.items()
            if f.type in ("amount", "percent", "integer") and k in demo.values
        ]
        texts = [
            k for k, f in form.fields.items() if f.type in ("text", "longtext") and k in demo.values
        ]
        times: list[float] = []
        for i in range(n):
            if i % 3 == 2 and texts:
                fid = rng.choice(texts)
                value = str(demo.values[fid]) + "改"[: i % 2]
            else:
                fid = rng.choice(numeric)
                value = str(rng.randint(0, 30000))
            t = time.perf_counter()
            app.set_value((FORM, fid), value)
            times.append(time.perf_counter() - t)
        base = baseline(Path(d) / "baseline.sqlite3", n)
    ms = [t * 1000 for t in times]
    bms = [t * 1000 for t in base]
    med, p99 = statistics.median(ms), percentile(ms, 99)
    bmed, bp99 = statistics.median(bms), percentile(bms, 99)
    print(json.dumps({"form": FORM, "fields": len(form.fields), "changes": n}, ensure_ascii=False))
    print(f"open application (parse + validate all): {open_time * 1000:.1f} ms")
    print(f"one change (validate + autosave): median {med:.2f} ms, p99 {p99:.2f} ms")
    print(f"baseline bare SQLite commit:        median {bmed:.2f} ms, p99 {bp99:.2f} ms")
    print(f"ratio to baseline: median {med / bmed:.2f}x, p99 {p99 / bp99:.2f}x")
    print(f"goal p99 < 8 ms: {'met' if p99 < 8 else 'NOT met'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
