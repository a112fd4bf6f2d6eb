"""Benchmark: a county official importing many enterprises' DATA.json files at once.

Run: .venv/bin/python tests/bench/bulk_import.py [N]
N enterprises (default 100), each sending its Jilin 基本情况表 and 目标表 (2·N files, the demo
data under N different names and credit codes). Prints the time to import them all into a
fresh drafts database (read, check, group by enterprise, one application each, every value saved
with its history), the time to open and validate every imported application (what the home
list does in the background), and, as a baseline measured in the same run on the same disk,
inserting the same number of values with bare SQLite in one transaction per application.
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

from zjtx_desktop.core.application import OpenApplication  # noqa: E402
from zjtx_desktop.core.importer import import_files  # noqa: E402
from zjtx_desktop.core.store.drafts import DraftStore  # noqa: E402

FORMS = ("jl-zd-basic-2021b2", "jl-zd-targets-2021b2")


def uscc(n: int) -> str:
    """A valid 统一社会信用代码 per enterprise (python-stdnum computes the check character)."""
    from stdnum.cn import uscc as code

    body = f"9122010{n:010d}"[:17]
    return body + code.calc_check_digit(body)


def write_files(folder: Path, n: int) -> list[Path]:
    demo = ROOT / "resources" / "demo"
    paths = []
    for i in range(n):
        for form in FORMS:
            data = json.loads((demo / f"{form}.json").read_text(encoding="utf-8"))
            data["values"]["enterprise_name"] = f"吉林省第{i + 1}号精密机械有限公司"
            if "credit_code" in data["values"]:
                data["values"]["credit_code"] = uscc(i + 1)
            path = folder / f"{i:04d}-{form}.json"
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            paths.append(path)
    return paths


def baseline(db: Path, paths: list[Path]) -> float:
    """Bare SQLite: the same values, one transaction per application, same pragmas."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE v (app TEXT, field TEXT, value TEXT)")
    t = time.perf_counter()
    for i in range(0, len(paths), len(FORMS)):
        conn.execute("BEGIN")
        for p in paths[i : i + len(FORMS)]:
            values = json.loads(p.read_text(encoding="utf-8"))["values"]
            conn.executemany(
                "INSERT INTO v VALUES (?,?,?)",
                [(str(i), k, json.dumps(v, ensure_ascii=False)) for k, v in values.items()],
            )
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - t
    conn.close()
    return elapsed


def main(n: int = 100) -> None:
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        paths = write_files(folder, n)
        base = baseline(folder / "baseline.sqlite3", paths)
        store = DraftStore(folder / "drafts.sqlite3")
        t = time.perf_counter()
        report = import_files(store, paths)
        imported = time.perf_counter() - t
        assert len(report.imported) == n and not report.problems, report.problems
        t = time.perf_counter()
        errors = 0
        for a in report.imported:
            app = OpenApplication(store, a.app_id)
            errors += sum(1 for _f, i in app.session.all_issues() if i.severity == "error")
        opened = time.perf_counter() - t
        store.close()
    print(f"bulk import of {n} enterprises ({len(paths)} DATA.json files):")
    print(
        f"  import (read, check, group, save with history): {imported:.2f} s, "
        f"{imported / n * 1000:.1f} ms per enterprise"
    )
    print(f"  open and validate every application:            {opened:.2f} s ({errors} errors)")
    print(f"  baseline, bare SQLite inserts of the same values: {base:.2f} s")
    print(f"  ratio import / baseline: {imported / base:.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
