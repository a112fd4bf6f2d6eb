"""`zjtx workspace open WS [--smoke]`: the officials' window until it is closed."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from zjtx_desktop.core.workspace.workspace import Workspace
from zjtx_desktop.gui.app import make_qapp
from zjtx_desktop.gui.event_loop import exec_until_quit
from zjtx_desktop.gui.officials.window import OfficialsWindow
from zjtx_desktop.gui.style import WINDOW_SIZE
from zjtx_desktop.gui.worker import wait_for_background


def run_officials_window(ws: Workspace, smoke: bool = False) -> int:
    qapp = make_qapp()
    window = OfficialsWindow(ws)
    window.resize(*WINDOW_SIZE)
    window.show()
    if smoke:  # shown, then closed at once: checks that the window starts
        QTimer.singleShot(0, qapp.quit)
    code = exec_until_quit(qapp)
    wait_for_background()  # an import still running holds its own connection
    return code
