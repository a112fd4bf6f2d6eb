"""The officials' window stays responsive around a large import (P11): progress reports are
throttled, the list is built off the GUI thread and drawn a slice per event-loop turn (a
later redraw stops an earlier one), and full garbage collections wait while it imports.
The stall itself is measured by tests/bench/officials.py --gui (a machine-dependent time)."""

from __future__ import annotations

import gc
import time
from pathlib import Path

from tests.core.workspace_helpers import clone_applications, fixture, new_workspace
from zjtx_desktop.core.workspace import inbox
from zjtx_desktop.gui.app import make_qapp
from zjtx_desktop.gui.officials import workspace_home
from zjtx_desktop.gui.officials.window import OfficialsWindow


def test_progress_reports_are_throttled_and_the_last_always_arrives() -> None:
    got: list[tuple[int, int]] = []
    report = workspace_home.throttled(lambda d, t: got.append((d, t)))
    t0 = time.monotonic()
    for i in range(1, 1001):
        report(i, 1000)
    assert time.monotonic() - t0 < workspace_home.PROGRESS_EVERY  # all within one period
    assert got == [(1, 1000), (1000, 1000)]  # the first, then only the last


def _window(qtbot, tmp_path: Path, n: int):  # type: ignore[no-untyped-def]
    make_qapp()
    ws = new_workspace(tmp_path)
    (out,) = inbox.import_files(ws, [fixture("E01")])
    clone_applications(ws, [out.application_id], n - 1)
    window = OfficialsWindow(ws)
    qtbot.addWidget(window)
    window.show()
    return ws, window


def test_the_list_is_drawn_a_slice_per_turn_and_a_later_redraw_wins(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws, window = _window(qtbot, tmp_path, 120)
    home = window.home
    assert home.table.rowCount() == 120  # opening the window draws at once
    rows = list(home.rows)
    ids = [r["application_id"] for r in rows]

    def shown() -> list[str]:
        return [home.table.item(i, 0).data(0x0100) for i in range(120)]  # Qt.UserRole

    assert shown() == ids
    done: list[str] = []
    home._show_rows(list(reversed(rows)), 30, lambda: done.append("first"))
    # the call returns after the first slice; the other rows follow in later turns
    assert shown()[:30] == ids[::-1][:30] and shown()[30:] == ids[30:]
    assert not home.table.updatesEnabled()
    home._show_rows(rows, 30, lambda: done.append("second"))  # a newer redraw
    qtbot.waitUntil(lambda: done == ["second"], timeout=10000)
    qtbot.wait(50)
    assert done == ["second"]  # the first one stopped: it never finished
    assert shown() == ids
    assert home.table.updatesEnabled() and home.table.isSortingEnabled()
    home.filter.setText(rows[5]["enterprise"])  # 筛选 works on the redrawn rows
    visible = [i for i in range(120) if not home.table.isRowHidden(i)]
    assert [shown()[i] for i in visible] == [ids[5]]
    ws.close()


def test_an_import_draws_the_list_from_the_background_and_gc_resumes(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws, window = _window(qtbot, tmp_path, 3)
    home = window.home
    usual = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    home.import_done.connect(lambda: seen.append(gc.get_threshold()))
    with qtbot.waitSignal(home.imported, timeout=60000):
        home.import_files([fixture("E02"), fixture("E03")])
    assert seen and seen[0][2] > 100_000  # no full collection while it imported
    assert gc.get_threshold() == usual  # back to Python's usual once the list is drawn
    assert home.table.rowCount() == 5
    assert home.status.text() == "导入完成：接收 2 份"
    ws.close()
