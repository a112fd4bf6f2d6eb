"""The officials' home: the workspace's inbox as the batch 初核 list, with the review panel.

Imports run in the background on their own connection (progress, cancel between
submissions, nothing half-imported); the list is redrawn from the core's rows, sortable and
filterable; banners quote the notice's limits. Column order follows ``batch.BATCH_COLUMNS``
so the screen and “导出初核清单.xlsx” match row for row.
"""

from __future__ import annotations

import gc
import threading
import time
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.core.workspace import audit, batch, inbox
from zjtx_desktop.core.workspace.deadline import deadline_status
from zjtx_desktop.core.workspace.quotas import QuotaReport, quota_report
from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError
from zjtx_desktop.gui.officials.review_panel import ReviewPanel
from zjtx_desktop.gui.worker import run_in_background

DRAW_CHUNK = 30  # rows drawn per turn of the event loop after an import
PROGRESS_EVERY = 0.1  # s: at most ten progress reports a second reach the window


_THRESHOLDS = gc.get_threshold()


def quiet_collections() -> None:
    """No full garbage collection while a large import runs (P11).

    Python's full (generation 2) collections hold every thread while they walk all tracked
    objects: 80-240 ms each once forms, rules, sessions and the window are loaded, several
    times during an import of hundreds of files, so the window froze. The objects that exist
    now are frozen out of all collections (they are the program's own: modules, forms, the
    window), and generation 2 waits until the import is done; the young generations still
    collect the short-lived cycles the import makes.
    """
    gc.freeze()
    young, middle, _old = _THRESHOLDS
    gc.set_threshold(young, middle, 1_000_000)


def usual_collections() -> None:
    gc.set_threshold(*_THRESHOLDS)


def throttled(report: Any) -> Any:
    """``report(done, total)`` passed on at most every PROGRESS_EVERY seconds, and always
    the last one: a thousand signals queued for the GUI thread are a thousand repaints."""
    last = [0.0]

    def maybe(done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - last[0] >= PROGRESS_EVERY:
            last[0] = now
            report(done, total)

    return maybe


def deadline_and_quota(deadline: str, quota: QuotaReport | None, now: datetime) -> str:
    """The line under the unit's name, from the core's figures (deadline_status,
    quota_report): “距报送截止还有 3 天（2021年5月14日 17:00）　　推荐名额：拟推荐 11 / 10 家，
    超出 1 家”; with places per county, the pool (统筹) too."""
    if not deadline:
        left = "报送截止：未设置（新建工作区时填写，或 zjtx workspace set deadline）"
    else:
        try:
            left = deadline_status(deadline, now).text
        except WorkspaceError as e:
            left = str(e)
    if quota is None:
        return left
    return f"{left}　　{quota.short()}"  # the core's line: the CLI's status says the same


class WorkspaceHome(QWidget):
    imported = Signal(list)  # the FileOutcome list of the last import, once the list is drawn
    import_done = Signal()  # the import itself finished (the list is drawn after it)
    booklets_exported = Signal(object)  # BookletExport

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.rows: list[dict[str, Any]] = []
        self._generation = 0
        self._fitted = -1  # row count when the column widths were last fitted
        self._haystack: dict[str, str] = {}  # application id → its cells' text, for 筛选
        self._cancel = threading.Event()
        lay = QVBoxLayout(self)
        p = ws.profile
        unit, level, programme = p.get("unit", ""), p.get("level", ""), p.get("programme", "")
        head = QLabel(
            f"{unit}（{level}级）　申报项目 {programme}　经办人 {ws.officer or '（未填）'}"
        )
        head.setObjectName("partTitle")
        lay.addWidget(head)
        # 上报截止 and the 名额 in use: what an official checks first every morning
        self.deadline = QLabel("")
        self.deadline.setObjectName("roleBanner")
        self.deadline.setWordWrap(True)
        lay.addWidget(self.deadline)
        bar = QHBoxLayout()
        self.import_button = QPushButton("导入…")
        self.cancel_button = QPushButton("取消导入")
        self.cancel_button.setEnabled(False)
        self.export_button = QPushButton("导出初核清单…")
        self.summary_button = QPushButton("生成汇总表…")
        self.booklets_button = QPushButton("批量导出申请书…")
        self.booklets_button.setToolTip(
            "把每家拟推荐企业签章的 PDF 申请书导出到一个文件夹，按择优序号命名（序号_企业名称.pdf）"
        )
        self.audit_button = QPushButton("核对操作记录")
        self.up_button = QPushButton("移到第…位")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("筛选：企业名称、信用代码、状态、分类…")
        for w in (self.import_button, self.cancel_button, self.export_button, self.summary_button,
                  self.booklets_button, self.up_button, self.audit_button):  # fmt: skip
            bar.addWidget(w)
        bar.addWidget(self.filter, 1)
        lay.addLayout(bar)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        lay.addWidget(self.progress)
        self.banners = QLabel("")
        self.banners.setObjectName("advice")
        self.banners.setWordWrap(True)
        self.banners.setVisible(False)
        lay.addWidget(self.banners)
        self.status = QLabel("")
        self.status.setObjectName("note")
        self.status.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableWidget(0, len(batch.BATCH_COLUMNS))
        self.table.setHorizontalHeaderLabels([h for h, _f in batch.BATCH_COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # widths fitted once after each redraw, from the rows in view (ResizeToContents
        # measured every row again on every setItem: a thousand rows held the window still
        # for minutes)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setResizeContentsPrecision(0)  # the rows in view
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # 序号: the 择优 order
        split.addWidget(self.table)
        self.panel = ReviewPanel(ws)
        split.addWidget(self.panel)
        # shared in proportion (a splitter spreads its width by these weights): the panel
        # holds part 六, and keeps some 400 px at 150 % on a 1366×768 laptop
        split.setSizes([550, 450])
        split.setChildrenCollapsible(False)
        lay.addWidget(split, 1)
        lay.addWidget(self.status)
        self.import_button.clicked.connect(self.choose_files)
        self.cancel_button.clicked.connect(self._cancel.set)
        self.export_button.clicked.connect(self.choose_export)
        self.summary_button.clicked.connect(self.open_summary)
        self.booklets_button.clicked.connect(self.choose_booklets)
        self.audit_button.clicked.connect(self.check_audit)
        self.up_button.clicked.connect(self.move_selected)
        self.filter.textChanged.connect(self.apply_filter)
        self.table.itemSelectionChanged.connect(self._selected)
        self.panel.changed.connect(self.refresh)
        self.refresh()

    # --- the list ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild the list now, on this thread (after one edit: the verdict cache makes it
        quick); after an import ``reload`` builds it in the background instead."""
        self._show_rows(batch.batch_rows(self.ws), chunk=0)

    def reload(self, then: Any = None) -> None:
        """Build the rows off the GUI thread (a first build evaluates every new application),
        then draw them a slice per event-loop turn, then call ``then``."""
        path, officer = self.ws.path, self.ws.officer

        def work(_report: Any) -> tuple[list[dict[str, Any]], list[list[Any]]]:
            other = Workspace(path, officer)
            try:
                rows = batch.batch_rows(other)
            finally:
                other.close()
            return rows, batch.table(rows)[1]  # the cells' text made here too

        def failed(message: str) -> None:
            self.status.setText(f"初核清单未能更新：{message}")
            if then is not None:
                then()

        run_in_background(work, lambda got: self._show_rows(got[0], DRAW_CHUNK, then, got[1]),
                          failed)  # fmt: skip

    def _show_rows(self, rows: list[dict[str, Any]], chunk: int, then: Any = None,
                   cells: list[list[Any]] | None = None) -> None:  # fmt: skip
        """Fill the table with ``rows``: all at once (chunk 0) or ``chunk`` rows per turn of
        the event loop, so a thousand rows never hold the window still."""
        keep = self.panel.app_id
        self.rows = rows
        self._generation += 1  # a later redraw stops this one's remaining slices
        generation = self._generation
        if cells is None:
            cells = batch.table(rows)[1]
        self.table.setSortingEnabled(False)
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(cells))
        step = chunk or max(1, len(cells))

        def fill(start: int) -> None:
            if generation != self._generation:
                return
            for i in range(start, min(start + step, len(cells))):
                self._fill_row(i, rows[i]["application_id"], cells[i])
            if start + step < len(cells):
                QTimer.singleShot(0, self, lambda: fill(start + step))
            else:
                finish(0)

        def finish(k: int) -> None:
            """What follows the rows, one step per turn when drawing in slices (each of
            these takes tens of milliseconds for a thousand rows)."""
            if generation != self._generation:
                return
            if k == 0:
                self.table.setUpdatesEnabled(True)
                self.table.setSortingEnabled(True)
            elif k == 1 and len(cells) != self._fitted:  # a new row may widen a column
                self._fitted = len(cells)
                self.table.resizeColumnsToContents()
            elif k == 2:
                self.deadline.setText(self._deadline_line())
                texts = [b.text for b in batch.banners(self.ws, self.rows)]
                self.banners.setText("\n".join(f"注意：{t}" for t in texts))
                self.banners.setVisible(bool(texts))
            elif k == 3:
                self.apply_filter(self.filter.text())
            elif k == 4:
                if keep:
                    self.select(keep)
                if then is not None:
                    then()
                return
            if chunk:
                QTimer.singleShot(0, self, lambda: finish(k + 1))
            else:
                finish(k + 1)

        self._haystack = {
            r["application_id"]: " ".join(map(str, c)) for r, c in zip(rows, cells, strict=True)
        }
        fill(0)

    def _fill_row(self, i: int, app_id: str, line: list[Any]) -> None:
        for j, value in enumerate(line):
            item = QTableWidgetItem()
            if isinstance(value, int | Decimal):  # sorts as a number
                item.setData(Qt.ItemDataRole.DisplayRole, value if isinstance(value, int)
                             else float(value))  # fmt: skip
            else:
                item.setText(str(value))
            item.setData(Qt.ItemDataRole.UserRole, app_id)
            self.table.setItem(i, j, item)

    def _deadline_line(self) -> str:
        deadline, now = str(self.ws.profile.get("deadline") or ""), datetime.now()
        try:
            quota = quota_report(self.ws)
        except WorkspaceError as e:  # a malformed quotas profile: said, not hidden
            return f"{deadline_and_quota(deadline, None, now)}　　{e}"
        return deadline_and_quota(deadline, quota, now)

    def apply_filter(self, text: str) -> None:
        """Hide the rows without every typed word (in any column); only rows whose
        visibility changes are touched (a thousand setRowHidden calls cost 100 ms)."""
        words = text.split()
        for i in range(self.table.rowCount()):
            item = self.table.item(i, 0)
            if item is None:
                continue
            line = self._haystack.get(str(item.data(Qt.ItemDataRole.UserRole)), "")
            hide = not all(w in line for w in words)
            if hide != self.table.isRowHidden(i):
                self.table.setRowHidden(i, hide)

    def select(self, app_id: str) -> None:
        for i in range(self.table.rowCount()):
            if self.table.item(i, 0).data(Qt.ItemDataRole.UserRole) == app_id:
                self.table.selectRow(i)
                return

    def _selected(self) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        app_id = str(items[0].data(Qt.ItemDataRole.UserRole))
        if app_id != self.panel.app_id:
            # looking is not 初核: the state stays (已接收 stays 已接收, no audit row) until the
            # official clicks 开始初核 or makes a first edit (officials.md §3.5 “on the first
            # edit”); either redraws this list at once through the panel's ``changed``
            self.panel.show_application(app_id)

    def move_selected(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        if not self.panel.app_id:
            self.status.setText("请先选择一份申报")
            return
        n, ok = QInputDialog.getInt(self, "择优排序", "移到第几位：", 1, 1, max(1, len(self.rows)))
        if ok:
            self.ws.move(self.panel.app_id, n)
            self.refresh()

    # --- import -------------------------------------------------------------------------

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "导入交换包或 DATA.json", "", "交换包或数据文件 (*.zjtx *.json)"
        )
        if files:
            self.import_files([Path(f) for f in files])

    def import_files(self, paths: list[Path]) -> None:
        """In the background, on its own connection; the list is redrawn when done."""
        self._cancel.clear()
        quiet_collections()
        self.progress.setVisible(True)
        self.progress.setValue(0)
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        path, officer, trust = self.ws.path, self.ws.officer, self.ws.trust

        def work(report: Any) -> list[Any]:
            other = Workspace(path, officer, trust)
            try:
                return inbox.import_files(other, paths, throttled(report), self._cancel.is_set)
            finally:
                other.close()

        run_in_background(work, self._imported, self._failed, self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _imported(self, outcomes: list[Any]) -> None:
        self._finish()
        accepted = sum(o.status == "accepted" for o in outcomes)
        refused = [o for o in outcomes if o.status == "refused"]
        other = len(outcomes) - accepted - len(refused)
        text = f"导入完成：接收 {accepted} 份"
        if other:
            text += f"，重复或旧版本 {other} 份"
        if refused:
            text += f"，拒收 {len(refused)} 份：" + "；".join(o.message for o in refused[:3])
        if self._cancel.is_set():
            text += "（已取消，其余文件未导入）"
        self.status.setText(text + "；正在更新初核清单…")
        self.import_done.emit()
        self.reload(lambda: self._drawn(text, outcomes))

    def _drawn(self, text: str, outcomes: list[Any]) -> None:
        usual_collections()
        if self.panel.app_id:  # the import may have brought the open application's next version
            self.panel.refresh()
        if not self.status.text().startswith("初核清单未能更新"):
            self.status.setText(text)
        self.imported.emit(outcomes)

    def _failed(self, message: str) -> None:
        usual_collections()
        self._finish()
        self.status.setText(f"导入失败：{message}")

    def _finish(self) -> None:
        self.progress.setVisible(False)
        self.import_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    # --- exports and checks -------------------------------------------------------------

    def choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "导出初核清单", "初核清单.xlsx", "Excel (*.xlsx)"
        )
        if name:
            n = batch.export_xlsx(self.ws, Path(name), self.rows)
            self.status.setText(f"已导出初核清单：{name}（{n} 行）")

    def choose_booklets(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "批量导出拟推荐企业的申请书到")
        if folder:
            self.export_booklets(Path(folder))

    def export_booklets(self, folder: Path) -> None:
        """In the background on its own connection (each booklet is a few MB)."""
        from zjtx_desktop.core.workspace.booklets import export_booklets

        path, officer = self.ws.path, self.ws.officer
        self.booklets_button.setEnabled(False)
        self.status.setText("正在导出申请书…")

        def work(report: Any) -> Any:
            other = Workspace(path, officer)
            try:
                return export_booklets(other, folder, report)
            finally:
                other.close()

        def progress(done: int, total: int) -> None:
            self.status.setText(f"正在导出申请书… {done}/{total}")

        run_in_background(work, lambda out: self._booklets_done(folder, out),
                          self._booklets_failed, progress)  # fmt: skip

    def _booklets_done(self, folder: Path, out: Any) -> None:
        self.booklets_button.setEnabled(True)
        text = f"已导出 {len(out.written)} 份申请书到 {folder}"
        if out.skipped:
            text += f"；未导出 {len(out.skipped)} 份：" + "；".join(
                f"{name}（{why}）" for name, why in out.skipped[:3]
            )
        if not out.written and not out.skipped:
            text = "没有拟推荐的申报：先把初核通过的申报标为“拟推荐”"
        self.status.setText(text)
        self.booklets_exported.emit(out)

    def _booklets_failed(self, message: str) -> None:
        self.booklets_button.setEnabled(True)
        self.status.setText(f"导出申请书失败：{message}")

    def open_summary(self) -> None:
        from zjtx_desktop.gui.officials.summary_dialog import SummaryDialog

        SummaryDialog(self.ws, self).exec()
        self.refresh()

    def check_audit(self) -> None:
        check = audit.verify(self.ws.conn)
        if check.ok:
            self.status.setText(f"操作记录完整：共 {check.rows} 条，哈希链无断点")
        else:
            self.status.setText(f"操作记录被改动：{check.reason}（seq {check.broken_seq}）")
