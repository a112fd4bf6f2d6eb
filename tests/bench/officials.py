"""Benchmark: an official's batch — import N applications, build the 初核 list, write the A6.

Run: .venv/bin/python tests/bench/officials.py [N]   (default 1000)
N enterprises' 申请书 (the demo under N names and credit codes) are imported into a fresh
workspace (read, check, archived byte for byte, one transaction and audit row each), the batch
初核 list is built (every application's verdicts evaluated and cached), reopened (from the
cache), all are marked 拟推荐 with part 六, and the A6 汇总表 is written as xlsx and PDF.
Each step prints its time; the baseline, measured in the same run on the same disk, is bare
SQLite inserting the same files' bytes and one row each, one transaction per application.
Goals (officials.md §4): import ≤ 60 s, list ≤ 10 s first and ≤ 1 s reopened, 汇总表 ≤ 10 s.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from zjtx_desktop.core.workspace import batch, inbox, summary  # noqa: E402
from zjtx_desktop.core.workspace.summary_print import write_pdf, write_xlsx  # noqa: E402
from zjtx_desktop.core.workspace.workspace import Workspace  # noqa: E402

FORM = "nat-xjr-application-2021"


def uscc(n: int) -> str:
    from stdnum.cn import uscc as code

    body = f"9122010{n:010d}"[:17]
    return body + code.calc_check_digit(body)


def write_files(folder: Path, n: int) -> list[Path]:
    demo = json.loads((ROOT / "resources" / "demo" / f"{FORM}.json").read_text("utf-8"))
    paths = []
    for i in range(n):
        demo["values"]["enterprise_name"] = f"吉林省第{i + 1}号精密机械有限公司"
        demo["values"]["credit_code"] = uscc(i + 1)
        demo["values"]["main_product_name"] = f"五轴联动数控加工中心（型号{i + 1}）"
        path = folder / f"{i:04d}.json"
        path.write_text(json.dumps(demo, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def baseline(db: Path, paths: list[Path]) -> float:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE a (id TEXT, body BLOB, data TEXT)")
    t = time.perf_counter()
    for p in paths:
        blob = p.read_bytes()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO a VALUES (?, ?, ?)", (p.name, blob, blob.decode("utf-8")))
        conn.execute("COMMIT")
    return time.perf_counter() - t


def step(label: str, t0: float, base: float, goal: float) -> float:
    dt = time.perf_counter() - t0
    ok = "✓" if dt <= goal else "✗"
    print(f"{label:<34} {dt:7.2f} s  ({dt / base:5.1f}× bare SQLite; goal ≤ {goal:g} s {ok})")
    return dt


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_files(folder, n)
        base = baseline(folder / "base.sqlite", paths)
        print(f"{n} applications; bare SQLite inserts of the same files: {base:.2f} s")
        ws = Workspace.init(folder / "ws.sqlite", unit="长春市工业和信息化局", level="市",
                            programme="nat-xjr-2021b3", officer="张三")  # fmt: skip
        ticks: list[float] = []
        t0 = time.perf_counter()
        last = [t0]

        def progress(done: int, total: int) -> None:
            now = time.perf_counter()
            ticks.append(now - last[0])
            last[0] = now

        outs = inbox.import_files(ws, paths, progress=progress)
        step("import (read, check, archive, log)", t0, base, 60)
        assert sum(o.status == "accepted" for o in outs) == n
        print(f"  longest gap between progress reports: {max(ticks) * 1000:.0f} ms")
        t0 = time.perf_counter()
        rows = batch.batch_rows(ws)
        step("batch 初核 list, first build", t0, base, 10)
        t0 = time.perf_counter()
        rows = batch.batch_rows(ws)
        step("batch 初核 list, reopened (cache)", t0, base, 1)
        t0 = time.perf_counter()
        ordered = sorted(rows, key=lambda r: (r["class"], r["revenue"]))
        assert len(ordered) == n
        step("sort the list", t0, base, 0.2)
        for r in rows:
            ws.conn.execute("UPDATE applications SET state = '拟推荐' WHERE id = ?",
                            (r["application_id"],))  # fmt: skip
            ws.conn.execute(
                "INSERT OR REPLACE INTO part6 VALUES (?, 'review_class', '\"a\"', '', '张三')",
                (r["application_id"],),
            )
        t0 = time.perf_counter()
        s = summary.build(ws, "A6")
        write_xlsx(s, folder / "A6.xlsx")
        write_pdf(s, folder / "A6.pdf")
        step(f"A6 汇总表 xlsx + pdf ({len(s.rows)} rows)", t0, base, 10)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
