"""文件 › 以上年申报为基础新建… and 迁移到新版表单…: the core's reuse functions with their
report shown before the user works on (what moved, what is empty, what was not carried).

A database that refuses the write (locked by another program, read-only, full disk) is said
in the dialog in Chinese, the dialog stays open to try again, and nothing is half done: the
core creates or migrates in one transaction, and the original application is only read."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.core.store.errors import StoreError
from zjtx_desktop.gui.screen_fit import fit_to_screen


class _ReportDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.lay = QVBoxLayout(self)
        self.form = QFormLayout()
        self.lay.addLayout(self.form)
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setAccessibleName("报告")
        self.lay.addWidget(self.report, 1)
        # why the last attempt was not saved (the database refused it): red, above the buttons
        self.problem = QLabel(self)
        self.problem.setObjectName("storeProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color:#b71c1c")
        self.problem.hide()
        self.lay.addWidget(self.problem)
        self.buttons = QDialogButtonBox(self)
        self.go = QPushButton("", self)
        self.go.setDefault(True)
        self.buttons.addButton(self.go, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        self.lay.addWidget(self.buttons)
        self.resize(720, 560)
        fit_to_screen(self)

    def show_problem(self, what: str, e: StoreError) -> None:
        self.problem.setText(f"{what}：{e}")
        self.problem.show()


class NextYearDialog(_ReportDialog):
    """Choose the programme of the new application; create it; read the report; open it."""

    def __init__(self, store: DraftStore, app: Any, parent: QWidget | None = None) -> None:
        super().__init__("以上年申报为基础新建", parent)
        from zjtx_desktop.core.forms.registry import programmes

        self.store, self.app = store, app
        self.new_id: str | None = None
        self.programme = QComboBox(self)
        self.programme.setAccessibleName("新的申报项目")
        for p in programmes().values():
            self.programme.addItem(p.title, p.id)
        at = self.programme.findData(app.record.programme)
        self.programme.setCurrentIndex(max(at, 0))
        self.form.addRow("新的申报项目：", self.programme)
        note = QLabel(
            "各年份的数字移到新表中同一年份的栏目；企业名称、代码、地址等不变的信息原样带入；"
            "新年度的数字留空待填。原申报保持不变。",
            self,
        )
        note.setWordWrap(True)
        self.form.addRow(note)
        self.go.setText("新建")
        self.go.clicked.connect(self.create)

    def create(self) -> None:
        from zjtx_desktop.core.reuse import start_next_year

        if self.new_id is not None:  # second press: open it
            self.accept()
            return
        try:
            self.new_id, report = start_next_year(
                self.store, self.app.id, str(self.programme.currentData() or "")
            )
        except StoreError as e:  # nothing was created; the original is unchanged
            self.show_problem("没有新建", e)
            return
        self.problem.hide()
        self.report.setPlainText("\n".join(report.lines()))
        self.programme.setEnabled(False)
        self.go.setText("打开新申报")


class MigrateDialog(_ReportDialog):
    """What moving the draft to the shipped version of its forms does; then do it."""

    def __init__(self, store: DraftStore, app_id: str, parent: QWidget | None = None) -> None:
        super().__init__("迁移到新版表单", parent)
        from zjtx_desktop.core.forms.registry import get_form
        from zjtx_desktop.core.reuse import migrate_draft

        self.store, self.app_id = store, app_id
        self.applied = False
        rec = store.get(app_id)
        self.outdated = [
            (f, v, get_form(f).version) for f, v in rec.forms if get_form(f).version != v
        ]
        # the definitions it was filled against are not shipped any more: the report lists
        # what the new version has no place for (kept in the database)
        self.old = {f: get_form(f) for f, _v in rec.forms}
        lines = [f"{f}：v{v} → v{new}" for f, v, new in self.outdated]
        if not lines:
            lines = ["各表单已是最新版本，无需迁移。"]
        report = migrate_draft(store, app_id, self.old)
        stored = store.values(app_id)
        unknown = [
            f"  • {fid}：{v}"
            for (scope, fid), v in stored.items()
            if scope in self.old and fid not in self.old[scope].fields
        ]
        if unknown:
            lines += ["", f"新版表单没有位置的数据（保留在数据库中，{len(unknown)}项）：", *unknown]
        lines += ["", *report.lines()] if self.outdated else []
        self.report.setPlainText("\n".join(lines))
        self.go.setText("迁移")
        self.go.setEnabled(bool(self.outdated))
        self.go.clicked.connect(self.apply)

    def apply(self) -> None:
        versions = {f: new for f, _old, new in self.outdated}
        try:
            self.store.migrate(self.app_id, versions, self.report.toPlainText())
        except StoreError as e:  # one transaction: the draft stays on its old versions
            self.show_problem("没有迁移", e)
            return
        self.applied = True
        self.accept()
