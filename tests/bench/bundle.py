"""Benchmark: the frozen one-folder build against the same code in a venv, same run.

Run: python3 tests/bench/bundle.py [--build] [--runs N]
  --build   run scripts/build.sh first (otherwise dist/ZJTX from the last build is measured)
Prints the folder and archive sizes, then the median wall time and peak memory of
  `zjtx --version`, an export of the demo 申请书 to PDF, and `zjtx gui --smoke` (offscreen),
for the bundle (dist/ZJTX/zjtx) and for the venv build/bundle-venv — the clean runtime venv the
bundle was made from (the project installed non-editable, bytecode compiled by pip) — with the
ratio bundle / venv. Runs alternate between the two after one warm-up each.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "ZJTX" / "zjtx"
VENV = ROOT / "build" / "bundle-venv" / "bin" / "zjtx"


def run(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one fresh process."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        err = p.stderr.read().decode() if p.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}: {err[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def size_mb(path: Path) -> float:
    """Bytes on disk in MiB as `du` counts them: symlinks and hard links once."""
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    inodes = {
        (s.st_dev, s.st_ino): s.st_size for p in files if not p.is_symlink() for s in [p.stat()]
    }
    return sum(inodes.values()) / 2**20


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", action="store_true")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if args.build:
        subprocess.run([str(ROOT / "scripts" / "build.sh")], check=True)
    for exe in (BUNDLE, VENV):
        if not exe.exists():
            raise SystemExit(f"{exe} is missing: run scripts/build.sh (or this with --build)")
    (archive,) = sorted((ROOT / "dist").glob("ZJTX-*.tar.gz"))[-1:] or [None]

    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        env = {k: v for k, v in os.environ.items() if not k.startswith("ZJTX_")}
        env |= {"QT_QPA_PLATFORM": "offscreen", "ZJTX_USER_DATA": str(work / "user")}
        env["ZJTX_DB"] = str(work / "bench.sqlite3")
        about = subprocess.run(
            [str(BUNDLE), "about", "--json"], env=env, capture_output=True, check=True
        )
        demo = Path(json.loads(about.stdout)["data_root"]) / "resources" / "demo"
        app = str(demo / "nat-xjr-application-2021.json")
        tasks = {
            "zjtx --version": ["--version"],
            "export 申请书 .pdf": ["export", "nat-xjr-application-2021", app, "-o", "a.pdf"],
            "gui --smoke": ["gui", "--smoke"],
        }
        results: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for name, argv in tasks.items():
            for exe in (BUNDLE, VENV):
                run([str(exe), *argv], env, work)  # warm-up (disk cache, demo draft, font cache)
            for _ in range(args.runs):
                for label, exe in (("bundle", BUNDLE), ("venv", VENV)):
                    results.setdefault((name, label), []).append(run([str(exe), *argv], env, work))

    print(f"folder dist/ZJTX: {size_mb(BUNDLE.parent):.0f} MiB", end="")
    print(f"; archive {archive.name}: {size_mb(archive):.0f} MiB" if archive else "; no archive")
    print(f"median of {args.runs} runs, same machine, same run (bundle / venv):")
    print(f"{'':<20}{'bundle':>16}{'venv':>16}{'ratio':>8}")
    for name in tasks:
        b = results[(name, "bundle")]
        v = results[(name, "venv")]
        bt, vt = statistics.median(w for w, _ in b), statistics.median(w for w, _ in v)
        bm, vm = statistics.median(m for _, m in b), statistics.median(m for _, m in v)
        print(f"{name:<20}{bt:>7.2f} s {bm:>4.0f} MiB{vt:>7.2f} s {vm:>4.0f} MiB{bt / vt:>7.2f}x")


if __name__ == "__main__":
    sys.exit(main())
