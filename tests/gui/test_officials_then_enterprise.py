"""The officials' window and the enterprise window in one process: after the officials'
window has run (its own event loop, as `zjtx workspace open` runs it, and a background
import), the enterprise home's delayed completeness counts still arrive. They once stayed
“…”: a Quit event left queued by the officials' loop stopped every later event loop."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tests.fixtures.officials.packages import build_package
from zjtx_desktop.cli import main
from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.core.workspace.workspace import Workspace
from zjtx_desktop.gui.app import make_qapp
from zjtx_desktop.gui.main_window import MainWindow
from zjtx_desktop.gui.officials.window import OfficialsWindow


def test_enterprise_home_counts_appear_after_the_officials_window(qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ZJTX_USER_DATA", str(tmp_path / "user"))  # the last workspace goes there
    make_qapp()
    ws_path = tmp_path / "ws.sqlite"
    Workspace.init(ws_path, unit="长春市工业和信息化局", level="市",
                   programme="nat-xjr-2021b3", officer="张三").close()  # fmt: skip
    # the officials' window with its own event loop, shown and closed
    assert main(["workspace", "open", str(ws_path), "--smoke"]) == 0
    QApplication.processEvents()  # as pytest-qt does after each test: delivers what is queued
    # the officials' window again, importing a package in the thread pool
    ws = Workspace(ws_path, "张三")
    officials = OfficialsWindow(ws)
    qtbot.addWidget(officials)
    officials.show()
    with qtbot.waitSignal(officials.home.imported, timeout=60000) as got:
        officials.home.import_files([build_package("E01", tmp_path / "enterprise")])
    assert [o.status for o in got.args[0]] == ["accepted"], got.args[0]
    officials.close()

    # then the enterprise home: its counts are computed after a delayed QTimer.singleShot
    store = DraftStore(tmp_path / "drafts.sqlite3")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.open_demo("jl-zd-2021b2")
    window.show_home()
    home = window.home
    assert home.table.item(0, 3).text() == "…"  # not yet counted: the timer has to fire
    qtbot.waitUntil(lambda: not home.summaries_pending, timeout=30000)
    assert home.table.item(0, 3).text() == "100%"  # the demo is complete
    assert home.table.item(0, 4).text() == "0"
    ws.close()
    store.close()
