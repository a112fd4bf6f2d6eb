"""“生成汇总表…”: choose a template, type the official's columns in place (limits checked as
typed), preview the PDF page, write xlsx/PDF, 定稿."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.core.workspace import summary
from zjtx_desktop.core.workspace.summary_print import write, write_pdf
from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError


class SummaryDialog(QDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("生成汇总表")
        self.resize(1280, 760)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.choice = QComboBox()
        for tid in summary.TABLE_IDS:
            self.choice.addItem(f"{tid}　{summary.template(tid).title}", tid)
        top.addWidget(self.choice, 1)
        self.save_xlsx = QPushButton("导出 xlsx…")
        self.save_pdf = QPushButton("导出 PDF…")
        self.final = QPushButton("定稿")
        for b in (self.save_xlsx, self.save_pdf, self.final):
            top.addWidget(b)
        lay.addLayout(top)
        body = QHBoxLayout()
        self.table = QTableWidget()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        body.addWidget(self.table, 1)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        body.addWidget(scroll, 1)
        lay.addLayout(body, 1)
        self.message = QLabel("")
        self.message.setObjectName("note")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.choice.currentIndexChanged.connect(self.rebuild)
        self.table.itemChanged.connect(self._edited)
        self.save_xlsx.clicked.connect(lambda: self._save(".xlsx"))
        self.save_pdf.clicked.connect(lambda: self._save(".pdf"))
        self.final.clicked.connect(self._finalise)
        self._loading = False
        self.rebuild()
        from zjtx_desktop.gui.screen_fit import fit_to_screen

        fit_to_screen(self)  # 911×512 at 150 % on a 1366×768 laptop: table and preview scroll

    @property
    def table_id(self) -> str:
        return str(self.choice.currentData())

    def rebuild(self) -> None:
        self.current = summary.build(self.ws, self.table_id)
        t = self.current.template
        self._loading = True
        self.table.clear()
        cols = list(t.columns)
        rows = list(self.current.rows)
        if t.rows == "platforms" and len(rows) < t.max_rows:
            rows.append({})  # an empty row to type the next platform in
        keys = [*self.current.row_keys, f"P{len(self.current.rows) + 1}"]
        self.table.setColumnCount(len(cols))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([c.header for c in cols])
        for i, row in enumerate(rows):
            for j, c in enumerate(cols):
                item = QTableWidgetItem(row.get(c.id, ""))
                item.setData(Qt.ItemDataRole.UserRole, (keys[i], c.id))
                if not c.official:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(i, j, item)
        self._loading = False
        self.table.resizeColumnsToContents()
        for j in range(len(cols)):
            self.table.setColumnWidth(j, min(self.table.columnWidth(j), 220))
        problems = summary.problems(self.current)
        self.message.setText(
            f"{len(self.current.rows)} 行，校验码 {self.current.code}（未定稿）"
            + ("；" + "；".join(problems[:3]) if problems else "")
        )
        self._render_preview()

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        key, column = item.data(Qt.ItemDataRole.UserRole)
        try:
            summary.set_cell(self.ws, self.table_id, key, column, item.text())
        except WorkspaceError as e:
            self.message.setText(str(e))  # the typed text stays visible; nothing is saved
            return
        self.rebuild()

    def _render_preview(self) -> None:
        import pypdfium2 as pdfium

        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "preview.pdf"
            write_pdf(self.current, path)
            pdf = pdfium.PdfDocument(str(path))
            try:
                pil = pdf[0].render(scale=0.75).to_pil().convert("RGB")  # the page fits the pane
            finally:
                pdf.close()
        data = pil.tobytes("raw", "RGB")
        image = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888)
        self.preview.setPixmap(QPixmap.fromImage(image.copy()))

    def _save(self, suffix: str) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "导出汇总表", f"{self.table_id}{suffix}")
        if name:
            write(self.current, Path(name))
            self.message.setText(f"已导出：{name}（校验码 {self.current.code}）")

    def _finalise(self) -> None:
        try:
            s = summary.finalise(self.ws, self.table_id)
        except WorkspaceError as e:
            self.message.setText(str(e))
            return
        self.rebuild()
        self.message.setText(f"已定稿：第{s.version}版，校验码 {s.code}；所列申报改为“已上报”")
