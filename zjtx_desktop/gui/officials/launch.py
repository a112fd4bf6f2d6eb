"""`zjtx workspace open WS [--smoke]`: the officials' window until it is closed, with the
enterprise home one menu click away (its database opened, and locked, only when asked)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLockFile, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from zjtx_desktop.core.workspace.workspace import Workspace
from zjtx_desktop.gui.app import make_qapp, open_store
from zjtx_desktop.gui.event_loop import exec_until_quit
from zjtx_desktop.gui.officials.homes import Homes
from zjtx_desktop.gui.worker import wait_for_background


def enterprise_window() -> QWidget | None:
    """The enterprise main window on the default drafts database, as `zjtx gui` opens it
    (one window per database: refused while another holds its lock)."""
    from zjtx_desktop.core.paths import default_db_path
    from zjtx_desktop.gui.main_window import MainWindow

    path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(path) + ".lock")
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        QMessageBox.critical(None, "数据库正在使用",
                             f"另一个“专精特新申报助手”窗口正在使用 {path}。")  # fmt: skip
        return None
    store = open_store(path)
    if store is None:
        lock.unlock()
        return None
    window = MainWindow(store)
    _held.append((lock, store))
    return window


_held: list[Any] = []  # the enterprise database's lock and store, released at exit


def run_officials_window(ws: Workspace, smoke: bool = False) -> int:
    qapp = make_qapp()
    homes = Homes(enterprise_window, officer=ws.officer)
    homes.show_workspace(ws)
    if smoke:  # shown, then closed at once: checks that the window starts
        QTimer.singleShot(0, qapp.quit)
    code = exec_until_quit(qapp)
    wait_for_background()  # an import still running holds its own connection
    while _held:
        lock, store = _held.pop()
        store.close()
        lock.unlock()
    return code
