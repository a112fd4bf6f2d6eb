"""Benchmark: start-up to a shown main window, and the cost of one keystroke.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/startup.py
1. `zjtx gui --smoke` (window with the demo application shown, then exit) against a bare
   PySide6 window, both as fresh processes, median of 7 runs each. Goal: within 1.2×.
2. Keystroke: type digits into a field of the demo application; each key press goes through
   validation, autosave and redraw. Goal: p99 under 16 ms (one frame at 60 Hz).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BARE = (
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "w = QMainWindow(); w.resize(1366, 768); w.show()\n"
    "QTimer.singleShot(0, app.quit)\n"
    "app.exec()\n"
)


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, capture_output=True)
    return time.perf_counter() - t


def startup(runs: int = 7) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as d:
        env["ZJTX_DB"] = str(Path(d) / "bench.sqlite3")
        zjtx = [sys.executable, "-m", "zjtx_desktop", "gui", "--smoke"]
        bare = [sys.executable, "-c", BARE]
        # as installed by pip: bytecode compiled (this machine sets PYTHONDONTWRITEBYTECODE,
        # which would otherwise make every run compile our modules from source, ~40 ms)
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(ROOT / "zjtx_desktop")], check=True
        )
        timed(zjtx, env)  # first run creates the demo draft and warms the disk cache
        timed(bare, env)
        ours, base = [], []
        for _ in range(runs):
            ours.append(timed(zjtx, env))
            base.append(timed(bare, env))
    o, b = statistics.median(ours), statistics.median(base)
    print(
        f"start-up to shown window: zjtx {o * 1000:.0f} ms, bare PySide6 {b * 1000:.0f} ms, "
        f"ratio {o / b:.2f}x (goal ≤ 1.2x: {'met' if o / b <= 1.2 else 'NOT met'})"
    )


def keystrokes(n: int = 300) -> None:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from zjtx_desktop.core.store.drafts import DraftStore
    from zjtx_desktop.gui.app import make_qapp
    from zjtx_desktop.gui.main_window import MainWindow

    app = make_qapp()
    with tempfile.TemporaryDirectory() as d:
        store = DraftStore(Path(d) / "keys.sqlite3")
        window = MainWindow(store)
        window.resize(1366, 768)
        window.show()
        page = window.open_demo()
        cell = None
        for key in page.page_index:
            p = page.page(*key)
            cell = next((c for c in p.cells.values() if c.field.type == "amount"), None)
            if cell is not None:
                page.show_part(*key)
                break
        assert cell is not None
        target = cell.widget.focus_target()
        target.setFocus()
        times = []
        for i in range(n):
            t = time.perf_counter()
            if i % 8 == 7:
                QTest.keyClick(target, Qt.Key.Key_Backspace)
            else:
                QTest.keyClick(target, str(i % 10))
            app.processEvents()
            times.append((time.perf_counter() - t) * 1000)
        # the 申报条件自查 panel, refreshed 60 ms after typing stops: every rule set again
        panel = []
        for i in range(100):
            page.on_edit((page.current_part[0], cell.field.id), str(1000 + i))
            t = time.perf_counter()
            page.refresh_eligibility()
            app.processEvents()
            panel.append((time.perf_counter() - t) * 1000)
        panel.sort()
        from zjtx_desktop.gui.worker import wait_for_background

        wait_for_background()
        window.close()
        window.deleteLater()
        app.processEvents()
        store.close()
    times.sort()
    p99 = times[int(0.99 * (len(times) - 1))]
    print(
        f"keystroke (validate + save + redraw): median {statistics.median(times):.2f} ms, "
        f"p99 {p99:.2f} ms (goal < 16 ms: {'met' if p99 < 16 else 'NOT met'})"
    )
    pp99 = panel[int(0.99 * (len(panel) - 1))]
    print(
        f"申报条件自查 panel refresh after a change: median {statistics.median(panel):.2f} ms, "
        f"p99 {pp99:.2f} ms (no visible pause: < 100 ms: {'met' if pp99 < 100 else 'NOT met'}); "
        f"ratio to one keystroke {statistics.median(panel) / statistics.median(times):.1f}x"
    )


if __name__ == "__main__":
    startup()
    keystrokes()
