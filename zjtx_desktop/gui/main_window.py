"""The main window: a stack of the home list and the application being filled."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from zjtx_desktop.core.application import OpenApplication
from zjtx_desktop.core.demo import DEMO_PROGRAMME, open_or_create_demo
from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.gui.filling import FillingPage
from zjtx_desktop.gui.home import HomePage
from zjtx_desktop.gui.new_dialog import NewApplicationDialog


class MainWindow(QMainWindow):
    def __init__(
        self, store: DraftStore, parent: QWidget | None = None, load_home: bool = True
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("专精特新申报助手")
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.home = HomePage(store, self, load=load_home)
        self.home.open_requested.connect(self.open_application)
        self.home.new_requested.connect(self.new_application)
        self.home.demo_requested.connect(lambda: self.open_demo())
        self.stack.addWidget(self.home)
        self.filling: FillingPage | None = None
        self.statusBar().showMessage(f"数据库：{store.path}")

    def open_application(self, app_id: str, role: str = "enterprise") -> FillingPage:
        if self.filling is not None:
            self.stack.removeWidget(self.filling)
            self.filling.deleteLater()
        app = OpenApplication(self.store, app_id, role=role)
        self.filling = FillingPage(app, self)
        self.filling.back.connect(self.show_home)
        self.filling.role_requested.connect(lambda r: self.open_application(app_id, r))
        self.stack.addWidget(self.filling)
        self.stack.setCurrentWidget(self.filling)
        self.setWindowTitle(f"专精特新申报助手 — {app.record.name or '（未命名）'}")
        return self.filling

    def open_demo(self, programme: str = DEMO_PROGRAMME) -> FillingPage:
        return self.open_application(open_or_create_demo(self.store, programme))

    def new_application(self) -> None:
        dialog = NewApplicationDialog(self.store, self)
        if dialog.exec() and dialog.app_id:
            self.open_application(dialog.app_id)

    def show_home(self) -> None:
        self.home.refresh()
        self.stack.setCurrentWidget(self.home)
        self.setWindowTitle("专精特新申报助手")
