"""Home: the list of applications with completeness and issue counts; new, demo, open."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.core.forms.registry import programmes
from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.core.store.errors import StoreError
from zjtx_desktop.gui.worker import run_in_background

# 未填 (required answers not given yet) apart from 错误 (wrong values): a draft begun today
# is not "67 errors"
SUMMARY_DELAY_MS = 150
COLUMNS = ["企业名称", "草稿名称", "申报项目", "完成度", "未填", "错误", "警告", "最后修改", "状态"]


@dataclass
class Row:
    id: str
    name: str
    enterprise: str
    credit_code: str
    programme: str
    forms: str
    percent: int
    missing: int
    errors: int
    warnings: int
    updated: str
    status: str


def quick_rows(store: DraftStore) -> list[Row]:
    """What the list shows at once, without loading any form."""
    rows = []
    progs = programmes()
    for rec in store.list_all():
        values = store.values(rec.id)
        prog = progs.get(rec.programme)
        rows.append(
            Row(
                id=rec.id,
                name=rec.name,
                enterprise=str(values.get(("", "enterprise_name")) or ""),
                credit_code=str(values.get(("", "credit_code")) or ""),
                programme=prog.short_title if prog else "单表",
                forms="、".join(f for f, _ in rec.forms),
                percent=-1,
                missing=-1,
                errors=-1,
                warnings=-1,
                updated=rec.updated[:16].replace("T", " "),
                status="定稿" if rec.status == "final" else "草稿",
            )
        )
    return rows


def summarise(store: DraftStore, row: Row) -> Row:
    """Completeness and issue counts: loads and validates the application."""
    from zjtx_desktop.core.application import OpenApplication

    app = OpenApplication(store, row.id)
    counts = app.counts()
    filled, required = app.completeness()
    row.percent = 100 * filled // required if required else 100
    row.missing, row.errors, row.warnings = counts.missing, counts.errors, counts.warnings
    return row


class HomePage(QWidget):
    open_requested = Signal(str)
    new_requested = Signal()
    demo_requested = Signal()

    def __init__(self, store: DraftStore, parent: QWidget | None = None, load: bool = True) -> None:
        super().__init__(parent)
        self.store = store
        lay = QVBoxLayout(self)
        title = QLabel("申报材料", self)
        title.setObjectName("partTitle")
        lay.addWidget(title)
        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("按企业名称或统一社会信用代码搜索")
        self.search.setAccessibleName("搜索申报材料")
        self.search.textChanged.connect(self._filter)
        bar.addWidget(self.search, 1)
        new = QPushButton("新建申报…", self)
        new.clicked.connect(self.new_requested.emit)
        demo = QPushButton("打开示例申报", self)
        demo.clicked.connect(self.demo_requested.emit)
        self.import_button = QPushButton("导入…", self)
        self.import_button.setToolTip("导入企业报来的 DATA.json 文件；同一企业的多张表合为一份申报")
        self.import_button.clicked.connect(self.choose_import)
        delete = QPushButton("删除", self)
        delete.clicked.connect(self._delete)
        packs = QPushButton("安装包…", self)
        packs.setToolTip("安装、查看或删除新批次的表单定义和申报条件规则集")
        packs.clicked.connect(self.show_packs)
        for b in (new, demo, self.import_button, delete, packs):
            bar.addWidget(b)
        lay.addLayout(bar)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("申报材料列表")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for i in range(1, len(COLUMNS)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellDoubleClicked.connect(self._open_row)
        lay.addWidget(self.table, 1)
        hint = QLabel("双击一行打开。每次修改都会立即保存在本机。", self)
        hint.setObjectName("note")
        lay.addWidget(hint)
        self.summary_label = QLabel("", self)
        lay.addWidget(self.summary_label)
        self.rows: list[Row] = []
        self.summaries_pending = False
        if load:  # not when the window opens straight into an application (show_home loads it)
            self.refresh()

    def refresh(self) -> None:
        """Fill the list at once; completeness and issue counts follow from a background job."""
        self.rows = quick_rows(self.store)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            self._show_row(r, row)
        self._filter(self.search.text())
        if self.rows:
            self.summaries_pending = True
            # after the list is drawn: the first paint does not wait for the worker thread
            # (it holds the GIL while it loads forms and validates every application)
            QTimer.singleShot(SUMMARY_DELAY_MS, self, self._start_summaries)

    def _start_summaries(self) -> None:
        if self.rows:
            rows, path = list(self.rows), self.store.path
            run_in_background(
                lambda progress: self._summarise_all(path, rows, progress),
                self._summaries_done,
                lambda err: self.summary_label.setText(f"统计完成度时出错：{err}"),
                lambda done, total: self.summary_label.setText(
                    f"正在检查各份申报的完成度和问题… {done}/{total}"
                ),
            )

    @staticmethod
    def _summarise_all(path: Path, rows: list[Row], progress: Any) -> list[Row]:
        store = DraftStore(path)  # its own connection: this runs in a worker thread
        try:
            out = []
            for i, row in enumerate(rows):
                out.append(summarise(store, Row(**vars(row))))
                progress(i + 1, len(rows))
            return out
        finally:
            store.close()

    def _summaries_done(self, rows: list[Row]) -> None:
        by_id = {r.id: r for r in rows}
        for r, row in enumerate(self.rows):
            if row.id in by_id:
                self.rows[r] = by_id[row.id]
                self._show_row(r, by_id[row.id])
        self.summaries_pending = False
        self.summary_label.setText("")

    def _show_row(self, r: int, row: Row) -> None:
        counting = row.percent < 0
        values = [
            row.enterprise or "（未填写企业名称）",
            row.name,
            row.programme,
            "…" if counting else f"{row.percent}%",
            "…" if counting else str(row.missing),
            "…" if counting else str(row.errors),
            "…" if counting else str(row.warnings),
            row.updated,
            row.status,
        ]
        for c, v in enumerate(values):
            item = QTableWidgetItem(v)
            if c == 0:
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                item.setToolTip(f"{row.credit_code}\n{row.forms}")
            self.table.setItem(r, c, item)

    def _filter(self, text: str) -> None:
        t = text.strip().upper()
        for r, row in enumerate(self.rows):
            hit = not t or t in row.enterprise.upper() or t in row.credit_code or t in row.name
            self.table.setRowHidden(r, not hit)

    def _open_row(self, r: int, _c: int = 0) -> None:
        self.open_requested.emit(self.rows[r].id)

    def selected_id(self) -> str | None:
        r = self.table.currentRow()
        return self.rows[r].id if 0 <= r < len(self.rows) else None

    # --- import -------------------------------------------------------------------------

    def show_packs(self) -> QDialog:
        """The 安装包 dialog (home button and 文件 menu), window-modal, not blocking the caller."""
        from zjtx_desktop.gui.packs_dialog import PacksDialog

        dialog = PacksDialog(self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def choose_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "导入申报数据", str(Path.home()), "申报数据 (*.json)"
        )
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path]) -> None:
        """Import off the GUI thread (its own connection), with progress under the list."""
        from zjtx_desktop.core.importer import import_files

        db = self.store.path
        self.import_button.setEnabled(False)
        self.summary_label.setText(f"正在导入 {len(paths)} 个文件…")
        self.import_report: Any = None

        def work(progress: Any) -> Any:
            store = DraftStore(db)
            try:
                return import_files(store, paths, progress)
            finally:
                store.close()

        def progress(done: int, total: int) -> None:
            self.summary_label.setText(f"正在导入… {100 * done // max(total, 1)}%")

        run_in_background(work, self._import_done, self._import_failed, progress)

    def _import_done(self, report: Any) -> None:
        self.import_report = report
        self.import_button.setEnabled(True)
        self.summary_label.setText("")
        lines = [f"已导入 {len(report.imported)} 份申报："]
        lines += [
            f"• {a.name or '（未填写企业名称）'}（{len(a.files)} 个文件）" for a in report.imported
        ]
        if report.notes:
            lines += ["", "说明："] + [f"• {n}" for n in report.notes]
        if report.problems:
            lines += ["", f"{len(report.problems)} 个文件未能导入："]
            lines += [f"• {p}" for p in report.problems]
        box = QMessageBox.warning if report.problems else QMessageBox.information
        box(self, "导入结果", "\n".join(lines))
        self.refresh()

    def _import_failed(self, message: str) -> None:
        self.import_button.setEnabled(True)
        self.summary_label.setText("")
        QMessageBox.critical(self, "导入失败", f"导入时出错：{message}\n已导入的申报保留在列表中。")
        self.refresh()

    def _delete(self) -> None:
        app_id = self.selected_id()
        if app_id is None:
            return
        row = next(r for r in self.rows if r.id == app_id)
        answer = QMessageBox.question(
            self, "删除申报", f"确定删除“{row.enterprise or row.name}”的申报材料？此操作不能撤销。"
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self.store.delete(app_id)
            except StoreError as e:
                QMessageBox.warning(self, "无法删除", str(e))
                return
            self.refresh()
