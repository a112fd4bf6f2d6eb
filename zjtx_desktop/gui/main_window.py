"""The main window: a stack of the home list and the application being filled, a menu bar,
and the window-level commands (reuse, DATA.json, print, help) the menus call."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QStackedWidget, QWidget

from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.core.store.errors import StoreError
from zjtx_desktop.gui.home import HomePage
from zjtx_desktop.gui.menus import Menus

if TYPE_CHECKING:  # imported when an application opens: the home list starts without them
    from zjtx_desktop.gui.filling import FillingPage

TITLE = "专精特新申报助手"


class MainWindow(QMainWindow):
    def __init__(
        self, store: DraftStore, parent: QWidget | None = None, load_home: bool = True
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(TITLE)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.home = HomePage(store, self, load=load_home)
        self.home.open_requested.connect(self.open_application)
        self.home.new_requested.connect(self.new_application)
        self.home.demo_requested.connect(lambda: self.open_demo())
        self.stack.addWidget(self.home)
        self.filling: FillingPage | None = None
        self.menus = Menus(self)
        self._add_exchange_action()
        from zjtx_desktop.gui.return_panel import install_returns

        self.returns = install_returns(self)  # 打开退回意见…, the 退回意见 dock (issue 10)
        self.statusBar().showMessage(f"数据库：{store.path}")

    def open_application(self, app_id: str, role: str = "enterprise") -> FillingPage:
        from zjtx_desktop.core.application import OpenApplication
        from zjtx_desktop.gui.filling import FillingPage

        if self.filling is not None:
            self.stack.removeWidget(self.filling)
            self.filling.deleteLater()
        app = OpenApplication(self.store, app_id, role=role)
        self.filling = FillingPage(app, self)
        self.filling.back.connect(self.show_home)
        self.filling.role_requested.connect(lambda r: self.open_application(app_id, r))
        self.filling.renamed.connect(self._title)
        self.stack.addWidget(self.filling)
        self.stack.setCurrentWidget(self.filling)
        self.menus.attach(self.filling)
        self._count_evidence()
        self._title()
        return self.filling

    # --- exchange package (issue 9) --------------------------------------------------------

    def _add_exchange_action(self) -> None:
        from PySide6.QtGui import QAction

        self.exchange_action = QAction("导出交换包…", self)
        self.exchange_action.triggered.connect(lambda _c=False: self.export_package_current())
        self.exchange_action.setEnabled(False)
        self.menus.add_export_action(self.exchange_action)
        self.menus.app_actions.append(self.exchange_action)

    def _count_evidence(self) -> None:
        from zjtx_desktop.core.exchange.evidence import list_evidence

        if self.filling is None:
            return
        n = len(list_evidence(self.store, self.filling.app.id))
        self.exchange_action.setText(f"导出交换包…（佐证材料 {n} 份）")

    def export_package_current(self) -> object:
        """The 导出交换包 dialog for the open application (key, 佐证材料, package)."""
        from zjtx_desktop.gui.exchange_dialog import ExchangeDialog

        if self.filling is None:
            return None
        self.store.durable()
        dialog = ExchangeDialog(self.filling.app, self)
        dialog.finished.connect(lambda _r: self._count_evidence())
        dialog.open()
        return dialog

    def _title(self) -> None:
        name = self.filling.app.record.name if self.filling is not None else ""
        self.setWindowTitle(f"{TITLE} — {name or '（未命名）'}" if self.filling else TITLE)

    def open_demo(self, programme: str = "") -> FillingPage:
        from zjtx_desktop.core.demo import DEMO_PROGRAMME, open_or_create_demo

        return self.open_application(open_or_create_demo(self.store, programme or DEMO_PROGRAMME))

    def new_application(self) -> None:
        from zjtx_desktop.gui.new_dialog import NewApplicationDialog

        dialog = NewApplicationDialog(self.store, self)
        if dialog.exec() and dialog.app_id:
            self.open_application(dialog.app_id)

    def show_home(self) -> None:
        self.store.durable()  # leaving the application: what was typed is synced to disk
        self.home.refresh()
        self.stack.setCurrentWidget(self.home)
        self.menus.attach(None)
        self.setWindowTitle(TITLE)

    # --- reuse ----------------------------------------------------------------------------

    def duplicate_current(self) -> str | None:
        from zjtx_desktop.core.reuse import duplicate

        if self.filling is None:
            return None
        try:
            new_id = duplicate(self.store, self.filling.app.id)
        except StoreError as e:
            self.filling.show_store_problem(f"无法复制：{e}")
            return None
        self.open_application(new_id)
        self.statusBar().showMessage("已复制：现在编辑的是副本，原申报不变。", 8000)
        return new_id

    def next_year_current(self) -> str | None:
        """A new application from the open one, years shifted, with the report shown."""
        from zjtx_desktop.gui.reuse_dialogs import NextYearDialog

        if self.filling is None:
            return None
        dialog = NextYearDialog(self.store, self.filling.app, self)
        if dialog.exec() and dialog.new_id:
            self.open_application(dialog.new_id)
            return dialog.new_id
        return None

    def migrate_current(self) -> None:
        from zjtx_desktop.gui.reuse_dialogs import MigrateDialog

        if self.filling is None:
            return
        app_id = self.filling.app.id
        dialog = MigrateDialog(self.store, app_id, self)
        if dialog.exec() and dialog.applied:
            self.open_application(app_id)

    def add_self_assessment_current(self) -> bool:
        """添加自评表: the 自评表 joins the open application, reading the facts its other forms
        hold (core.self_assessment); the application opens again on the 自评表's first part."""
        from zjtx_desktop.core.self_assessment import (
            SELF_ASSESSMENT,
            AddFormRefused,
            add_self_assessment,
            shared_fields,
        )

        if self.filling is None:
            return False
        app_id, role = self.filling.app.id, self.filling.app.role
        try:
            form = add_self_assessment(self.store, app_id, role)
        except (AddFormRefused, StoreError) as e:
            QMessageBox.warning(self, "无法添加自评表", str(e))
            return False
        page = self.open_application(app_id, role)
        first = next(iter(page.app.session.state(SELF_ASSESSMENT).form.sections))
        page.show_part(SELF_ASSESSMENT, first)
        shared = shared_fields(page.app)
        named = "、".join(shared[:4]) + ("等" if len(shared) > 4 else "")
        told = f"，{len(shared)} 项已取自本申报的其他表（{named}），不必再填" if shared else ""
        self.statusBar().showMessage(f"已添加{form.short_title or form.title}{told}。", 15000)
        return True

    # --- data, print, help ----------------------------------------------------------------

    def export_data_current(self, folder: Path | None = None) -> list[Path]:
        """Every form's DATA.json into a chosen folder, asking before replacing a file."""
        from zjtx_desktop.core.data_export import data_file_names, write_data_files
        from zjtx_desktop.gui.export_dialog import default_dir

        if self.filling is None:
            return []
        app = self.filling.app
        self.store.durable()
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, "导出数据到文件夹", str(default_dir()))
            if not chosen:
                return []
            folder = Path(chosen)
        existing = [p for p in data_file_names(app, folder).values() if p.exists()]
        if existing:
            names = "\n".join(p.name for p in existing)
            answer = QMessageBox.question(
                self,
                "文件已存在",
                f"以下文件已存在于 {folder}：\n{names}\n是否替换？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return []
        try:
            written = write_data_files(app, folder)
        except OSError as e:
            QMessageBox.critical(self, "导出数据失败", f"无法写入 {folder}：{e.strerror or e}")
            return []
        QMessageBox.information(
            self,
            "已导出数据",
            f"已写入 {len(written)} 个文件：\n" + "\n".join(str(p) for p in written),
        )
        return written

    def print_current(self) -> None:
        from zjtx_desktop.gui.printing import print_application

        if self.filling is not None:
            print_application(self.filling.app, self)

    def show_guide(self) -> None:
        from zjtx_desktop.gui.help_dialogs import GuideDialog

        GuideDialog(self).exec()

    def show_about(self) -> None:
        from zjtx_desktop.gui.help_dialogs import AboutDialog

        AboutDialog(self.store.path, self).exec()
