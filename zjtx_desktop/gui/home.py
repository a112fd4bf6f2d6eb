"""Home: the list of applications with completeness and issue counts; new, demo, open."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from zjtx_desktop.core.application import OpenApplication
from zjtx_desktop.core.forms.registry import programmes
from zjtx_desktop.core.issues import Severity
from zjtx_desktop.core.store.drafts import DraftStore

COLUMNS = ["企业名称", "草稿名称", "申报项目", "完成度", "错误", "警告", "最后修改", "状态"]


@dataclass
class Row:
    id: str
    name: str
    enterprise: str
    credit_code: str
    programme: str
    forms: str
    percent: int
    errors: int
    warnings: int
    updated: str
    status: str


def summarise(store: DraftStore) -> list[Row]:
    rows = []
    progs = programmes()
    for rec in store.list_all():
        app = OpenApplication(store, rec.id)
        issues = [i for _, i in app.session.all_issues()]
        filled, required = app.completeness()
        enterprise = app.session.fact_value("enterprise_name") or ""
        prog = progs.get(rec.programme)
        rows.append(
            Row(
                id=rec.id,
                name=rec.name,
                enterprise=str(enterprise),
                credit_code=str(app.session.fact_value("credit_code") or ""),
                programme=prog.short_title if prog else "单表",
                forms="、".join((f.short_title or f.title) for f in app.forms),
                percent=100 * filled // required if required else 100,
                errors=sum(1 for i in issues if i.severity == Severity.ERROR),
                warnings=sum(1 for i in issues if i.severity == Severity.WARNING),
                updated=rec.updated[:16].replace("T", " "),
                status="定稿" if rec.status == "final" else "草稿",
            )
        )
    return rows


class HomePage(QWidget):
    open_requested = Signal(str)
    new_requested = Signal()
    demo_requested = Signal()

    def __init__(self, store: DraftStore, parent: QWidget | None = None) -> None:
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
        delete = QPushButton("删除", self)
        delete.clicked.connect(self._delete)
        for b in (new, demo, delete):
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
        self.rows: list[Row] = []
        self.refresh()

    def refresh(self) -> None:
        self.rows = summarise(self.store)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            values = [
                row.enterprise or "（未填写企业名称）",
                row.name,
                row.programme,
                f"{row.percent}%",
                str(row.errors),
                str(row.warnings),
                row.updated,
                row.status,
            ]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, row.id)
                    item.setToolTip(f"{row.credit_code}\n{row.forms}")
                self.table.setItem(r, c, item)
        self._filter(self.search.text())

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

    def _delete(self) -> None:
        app_id = self.selected_id()
        if app_id is None:
            return
        row = next(r for r in self.rows if r.id == app_id)
        answer = QMessageBox.question(
            self, "删除申报", f"确定删除“{row.enterprise or row.name}”的申报材料？此操作不能撤销。"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.store.delete(app_id)
            self.refresh()
