"""The menu bar: 文件 / 编辑 / 视图 / 帮助.

Window-level commands (新建, 导入, 安装包, 复制, 以上年为基础, 迁移, 添加自评表, 导出数据, 打印,
关于, 使用指南)
live here; the open application's own actions (撤销, 查找, 导出… with their shortcuts) are
added to the menus when it opens, the same QAction objects as its toolbar, so one shortcut
never belongs to two actions. Other features add their export commands with
``Menus.add_export_action`` (e.g. 导出交换包…).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

if TYPE_CHECKING:
    from zjtx_desktop.gui.filling import FillingPage
    from zjtx_desktop.gui.home import HomePage


class MenuHost(Protocol):
    """What the menus call on the main window (a Protocol: the window imports the menus, the
    menus need not import the window)."""

    @property
    def home(self) -> HomePage: ...

    def menuBar(self) -> QMenuBar: ...

    def close(self) -> bool: ...

    def new_application(self) -> None: ...

    def open_demo(self, programme: str = ...) -> Any: ...

    def show_home(self) -> None: ...

    def duplicate_current(self) -> str | None: ...

    def next_year_current(self) -> str | None: ...

    def migrate_current(self) -> None: ...

    def add_self_assessment_current(self) -> bool: ...

    def export_data_current(self, folder: Path | None = None) -> list[Path]: ...

    def print_current(self) -> None: ...

    def show_guide(self) -> None: ...

    def show_about(self) -> None: ...


class Menus:
    def __init__(self, window: MenuHost) -> None:
        self.window = window
        bar: QMenuBar = window.menuBar()
        self.file = bar.addMenu("文件(&F)")
        self.edit = bar.addMenu("编辑(&E)")
        self.view = bar.addMenu("视图(&V)")
        self.help = bar.addMenu("帮助(&H)")
        w = window
        self.new = self._add(
            self.file, "新建申报…", w.new_application, QKeySequence.StandardKey.New
        )
        self._add(self.file, "打开示例申报", lambda: w.open_demo())
        self._add(self.file, "导入 DATA.json…", w.home.choose_import)
        # new batches' forms and rule sets, the same dialog as the home page's 安装包… button
        self.packs = self._add(self.file, "安装包（表单和规则集）…", w.home.show_packs)
        self.file.addSeparator()
        # what works on the open application, enabled while one is open
        self.copy = self._add(self.file, "复制本申报", w.duplicate_current)
        self.next_year = self._add(self.file, "以上年申报为基础新建…", w.next_year_current)
        self.migrate = self._add(self.file, "迁移到新版表单…", w.migrate_current)
        # the 自评表 beside a 申请书 / 基本情况表, sharing the facts already typed (issue 14)
        self.add_self_check = self._add(self.file, "添加自评表", w.add_self_assessment_current)
        self.file.addSeparator()
        self._export_slot = self.file.addSeparator()  # the open application's 导出… goes here
        self.export_data = self._add(self.file, "导出数据（DATA.json）…", w.export_data_current)
        self._exports_end = self.file.addSeparator()
        self.print = self._add(self.file, "打印…", w.print_current, QKeySequence.StandardKey.Print)
        self.file.addSeparator()
        self.back = self._add(self.file, "返回列表", w.show_home)
        self._add(self.file, "退出", w.close, QKeySequence.StandardKey.Quit)
        self.app_actions = [
            self.copy,
            self.next_year,
            self.migrate,
            self.export_data,
            self.print,
            self.back,
        ]
        self.guide = self._add(
            self.help, "使用指南", w.show_guide, QKeySequence.StandardKey.HelpContents
        )
        self._add(self.help, "关于 专精特新申报助手", w.show_about)
        self._page_actions: list[QAction] = []
        self._page: FillingPage | None = None
        # 定稿 / 重新编辑 on the open page change whether a 自评表 may be added: asked afresh
        # each time the menu opens, not only when the page was attached
        self.file.aboutToShow.connect(lambda: self._enable_add_self_check(self._page))
        self.attach(None)

    def _add(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _enable_add_self_check(self, page: FillingPage | None) -> None:
        """添加自评表 only where it can be added; the tooltip says why not."""
        from zjtx_desktop.core.self_assessment import why_not_add

        why = "请先打开一份申报"
        if page is not None:
            why = why_not_add(page.app.store, page.app.id, page.app.role)
        self.add_self_check.setEnabled(not why)
        self.add_self_check.setToolTip(
            why or "添加专精特新自评表，已填的企业信息和各年数据自动带入"
        )

    def add_export_action(self, action: QAction) -> None:
        """Another way to export the open application (导出交换包…), beside 导出数据."""
        self.file.insertAction(self._exports_end, action)

    def attach(self, page: FillingPage | None) -> None:
        """Show the open application's actions in 编辑 and 视图 (none on the home list)."""
        self._page = page
        for a in self._page_actions:
            self.file.removeAction(a)
        self._page_actions = []
        self.edit.clear()
        self.view.clear()
        for a in self.app_actions:
            a.setEnabled(page is not None)
        self._enable_add_self_check(page)
        if page is None:
            none = self.edit.addAction("（打开一份申报后可用）")
            none.setEnabled(False)
            none = self.view.addAction("（打开一份申报后可用）")
            none.setEnabled(False)
            return
        self.file.insertAction(self._export_slot, page.export_action)
        self._page_actions.append(page.export_action)
        for a in (page.undo_action, page.redo_action):
            self.edit.addAction(a)
        self.edit.addSeparator()
        self.edit.addAction(page.find_action)
        self.edit.addAction(page.history_action)
        self.view.addAction(page.prev_part_action)
        self.view.addAction(page.next_part_action)
        self.view.addSeparator()
        self.view.addAction(page.blocking_action)
        if page.review_action.isVisible():
            self.view.addAction(page.review_action)
        self.edit.addSeparator()
        self.edit.addAction(page.finalise_action)
        self.edit.addAction(page.reopen_action)
