"""The officials' window: a workspace file opened by an officer (`zjtx workspace open WS`)."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QWidget

from zjtx_desktop.core.workspace.workspace import Workspace
from zjtx_desktop.gui.officials.workspace_home import WorkspaceHome


class OfficialsWindow(QMainWindow):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(f"专精特新申报助手 — 推荐单位工作区 {ws.profile.get('unit', '')}")
        self.home = WorkspaceHome(ws, self)
        self.setCentralWidget(self.home)
        self.statusBar().showMessage(f"工作区：{ws.path}")
