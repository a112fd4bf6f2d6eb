"""The export dialog: what to print, in which format, signed how; a preview of the page as it
will print; the export itself off the GUI thread.

A view over ``core.export.api``: the preview is the PDF the same choices would write, rendered
by PDFium, so what the user sees is what the paper shows.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from zjtx_desktop.core.application import OpenApplication
from zjtx_desktop.core.export.formats import format_for, formats
from zjtx_desktop.core.export.model import ExportOptions
from zjtx_desktop.core.issues import Severity
from zjtx_desktop.gui.worker import run_in_background

ALL_FORMS = "__all__"


def default_dir() -> Path:
    docs = Path.home() / "Documents"
    return docs if docs.is_dir() else Path.home()


def safe_name(text: str) -> str:
    """A file name from an enterprise name: no characters Windows refuses."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "申报材料"


class ExportDialog(QDialog):
    def __init__(self, app: OpenApplication, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle("导出申报材料")
        self.resize(1000, 700)
        self.page = 0
        self.pages = 0
        self.result: Any = None
        self.busy = False
        self._preview_pending = False
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(250)
        self._preview_timer.timeout.connect(self.update_preview)

        # the choices scroll and the buttons stay in view: at 150 % on a 1366×768 laptop the
        # dialog has 512 pixels of height, and 导出 fell below the screen
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        outer.addLayout(top, 1)
        choices = QScrollArea(self)
        choices.setWidgetResizable(True)
        choices.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget(choices)
        left = QVBoxLayout(holder)
        left.setContentsMargins(0, 0, 4, 0)
        choices.setWidget(holder)
        top.addWidget(choices, 2)
        top.addWidget(self._build_preview(), 3)

        what = QGroupBox("导出内容", self)
        wl = QFormLayout(what)
        self.content = QComboBox(what)
        self.content.setAccessibleName("导出内容")
        if len(app.forms) > 1:
            self.content.addItem("整套申报材料（PDF 装订本含目录、连续页码）", ALL_FORMS)
        for f in app.forms:
            self.content.addItem(f.title, f.id)
        wl.addRow("表单：", self.content)
        self.format_group = QButtonGroup(what)
        formats_box = QWidget(what)
        fl = QVBoxLayout(formats_box)
        fl.setContentsMargins(0, 0, 0, 0)
        self.format_buttons: dict[str, QRadioButton] = {}
        for fmt in formats():  # the export registry: every format the API writes
            b = QRadioButton(fmt.label, formats_box)
            b.setProperty("suffix", fmt.suffix)
            self.format_group.addButton(b)
            fl.addWidget(b)
            self.format_buttons[fmt.suffix] = b
        self.format_buttons[".pdf"].setChecked(True)
        wl.addRow("格式：", formats_box)
        self.copy = QComboBox(what)
        self.copy.setAccessibleName("副本")
        self.copy.addItem("企业报送版（第六部分初核推荐留空，由推荐单位填写）", "enterprise")
        self.copy.addItem("完整版（含推荐单位已填写的内容）", "full")
        self.copy.setCurrentIndex(1 if app.role == "recommender" else 0)
        if self.app.fillers - {"enterprise"}:
            wl.addRow("副本：", self.copy)
        else:
            self.copy.hide()
        left.addWidget(what)

        sign = QGroupBox("签名和盖章", self)
        sl = QFormLayout(sign)
        self.signature_name = QLineEdit(sign)
        self.signature_name.setPlaceholderText("留空则打印签名横线，由法定代表人手签")
        self.signature_name.setAccessibleName("法定代表人姓名")
        sl.addRow("法定代表人：", self.signature_name)
        image_row = QWidget(sign)
        il = QHBoxLayout(image_row)
        il.setContentsMargins(0, 0, 0, 0)
        self.signature_image = QLineEdit(image_row)
        self.signature_image.setReadOnly(True)
        self.signature_image.setPlaceholderText("（可选）签名图片 PNG")
        self.signature_image.setAccessibleName("签名图片")
        choose = QPushButton("选择…", image_row)
        choose.clicked.connect(self._choose_signature)
        clear = QPushButton("清除", image_row)
        clear.clicked.connect(lambda: (self.signature_image.clear(), self.schedule_preview()))
        il.addWidget(self.signature_image, 1)
        il.addWidget(choose)
        il.addWidget(clear)
        sl.addRow("签名图片：", image_row)
        self.seal_guides = QCheckBox("标出公章位置（42毫米虚线圆，盖章后不影响阅读）", sign)
        self.seam_strip = QCheckBox("装订边加骑缝章辅助线", sign)
        sl.addRow(self.seal_guides)
        sl.addRow(self.seam_strip)
        left.addWidget(sign)
        left.addWidget(self._build_modes())

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setObjectName("exportStatus")
        left.addWidget(self.status)

        where = QGroupBox("保存到", self)
        pl = QHBoxLayout(where)
        self.path = QLineEdit(where)
        self.path.setAccessibleName("保存位置")
        browse = QPushButton("浏览…", where)
        browse.clicked.connect(self._browse)
        pl.addWidget(self.path, 1)
        pl.addWidget(browse)
        left.addWidget(where)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        left.addWidget(self.progress)
        self.done_label = QLabel(self)
        self.done_label.setWordWrap(True)
        self.done_label.setTextFormat(Qt.TextFormat.RichText)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left.addWidget(self.done_label)
        left.addStretch(1)
        buttons = QHBoxLayout()
        outer.addLayout(buttons)
        self.open_folder = QPushButton("打开所在文件夹", self)
        self.open_folder.hide()
        self.open_folder.clicked.connect(self._open_folder)
        self.export_button = QPushButton("导出", self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        close = QPushButton("关闭", self)
        close.clicked.connect(self.reject)
        buttons.addWidget(self.open_folder)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)

        self.content.currentIndexChanged.connect(self._choices_changed)
        self.format_group.buttonToggled.connect(lambda *_: self._choices_changed())
        self.copy.currentIndexChanged.connect(self.schedule_preview)
        self.signature_name.textChanged.connect(self.schedule_preview)
        self.seal_guides.toggled.connect(self.schedule_preview)
        self.seam_strip.toggled.connect(self.schedule_preview)
        self.duplex.toggled.connect(self.schedule_preview)
        self.blank.toggled.connect(lambda *_: self._choices_changed())
        self.compare.toggled.connect(lambda *_: self._choices_changed())
        self._choices_changed()
        from zjtx_desktop.gui.screen_fit import fit_to_screen

        fit_to_screen(self)

    # --- building ------------------------------------------------------------------------

    def _build_modes(self) -> QWidget:
        """The CLI's --duplex, --blank and --compare as switches (core.export.modes)."""
        box = QGroupBox("打印方式", self)
        lay = QVBoxLayout(box)
        self.duplex = QCheckBox("双面打印", box)
        self.duplex.setToolTip("页边距左右对称：骑缝章辅助线和二维码在每页外侧，不落在装订边")
        self.blank = QCheckBox("空白表（供手工填写）", box)
        self.blank.setToolTip("印出表格、单位和方框，不含已填内容，无校验码和二维码")
        self.compare = QCheckBox("对照版（与模板原文逐页并排）", box)
        self.compare.setToolTip(
            "供审核人核对：每页导出结果旁列出模板原文，导出中没有的行标红；仅 PDF、单张表"
        )
        names = ((self.duplex, "双面打印"), (self.blank, "空白表"), (self.compare, "对照版"))
        for b, name in names:
            b.setAccessibleName(name)
            lay.addWidget(b)
        return box

    def _build_preview(self) -> QWidget:
        box = QGroupBox("预览（与打印效果一致）", self)
        lay = QVBoxLayout(box)
        self.preview_scroll = QScrollArea(box)
        self.preview_scroll.setWidgetResizable(True)
        self.preview_scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview = QLabel("正在生成预览…", box)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setAccessibleName("第一页预览")
        self.preview_scroll.setWidget(self.preview)
        lay.addWidget(self.preview_scroll, 1)
        nav = QHBoxLayout()
        self.prev_button = QPushButton("◀ 上一页", box)
        self.prev_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.page_label = QLabel("", box)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = QPushButton("下一页 ▶", box)
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        nav.addWidget(self.prev_button)
        nav.addWidget(self.page_label, 1)
        nav.addWidget(self.next_button)
        lay.addLayout(nav)
        return box

    # --- choices -------------------------------------------------------------------------

    @property
    def suffix(self) -> str:
        checked = self.format_group.checkedButton()
        return str(checked.property("suffix")) if checked else ".pdf"

    def form_ids(self) -> list[str] | None:
        chosen = self.content.currentData()
        return None if chosen in (None, ALL_FORMS) else [str(chosen)]

    def options(self) -> ExportOptions:
        image = self.signature_image.text().strip()
        return ExportOptions(
            app_id=self.app.id,
            copy=str(self.copy.currentData() or "enterprise"),
            signature_name=self.signature_name.text().strip(),
            signature_image=Path(image) if image else None,
            seam_strip=self.seam_strip.isChecked(),
            seal_guides=self.seal_guides.isChecked(),
            duplex=self.duplex.isChecked(),
        )

    def _choices_changed(self) -> None:
        ids = self.form_ids()
        # what the chosen format can do, from the export registry; the proof lays one
        # form's pages beside its template
        fmt = format_for(self.suffix)
        can_compare = ids is not None and fmt is not None and fmt.compare
        can_blank = fmt is not None and fmt.blank
        for box, can in ((self.compare, can_compare), (self.blank, can_blank)):
            if not can and box.isChecked():
                box.setChecked(False)  # re-enters through toggled
                return
            box.setEnabled(bool(can))
        for w in (self.signature_name, self.signature_image):
            w.setEnabled(not self.blank.isChecked())  # a blank form is signed by hand
        forms = [f for f in self.app.forms if ids is None or f.id in ids]
        name = self.app.record.name or "申报材料"
        what = "申报材料" if ids is None else (forms[0].short_title or forms[0].title)
        what += "_空白表" if self.blank.isChecked() else ""
        what += "_对照" if self.compare.isChecked() else ""
        current = Path(self.path.text()) if self.path.text() else None
        folder = current.parent if current is not None else default_dir()
        self.path.setText(str(folder / f"{safe_name(name)}_{safe_name(what)}{self.suffix}"))
        self.page = 0
        self._update_status()
        self.schedule_preview()

    def _choose_signature(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "选择签名图片", str(default_dir()), "PNG 图片 (*.png)"
        )
        if path:
            self.use_signature(Path(path))

    def use_signature(self, path: Path) -> bool:
        """Take a signature picture if it can be drawn; otherwise say why, and keep the old one."""
        from zjtx_desktop.core.export.api import ExportError, check_signature_image

        try:
            check_signature_image(path)
        except ExportError as e:
            self.done_label.setText(f"<span style='color:#c62828'>✖ {e}</span>")
            return False
        self.signature_image.setText(str(path))
        self.done_label.setText("")
        self.schedule_preview()
        return True

    def _browse(self) -> None:
        fmt = format_for(self.suffix)
        path, _ = QFileDialog.getSaveFileName(
            self, "保存到", self.path.text(), fmt.file_filter if fmt else ""
        )
        if path:
            if not path.lower().endswith(self.suffix):
                path += self.suffix
            self.path.setText(path)

    def _update_status(self) -> None:
        """Say what the export will carry, from the lines the export itself prints: only the
        chosen forms' errors put the 草稿 watermark on it."""
        from zjtx_desktop.core.export.appendix import issue_lines

        lines, _ = issue_lines(self.app.session, self.app.explanations, self.form_ids())
        unresolved = [line for line in lines if line.severity == Severity.ERROR]
        if self.blank.isChecked():
            self.status.setText(
                "空白表：印出表格、单位和方框，不含已填内容，无校验码和二维码，供手工填写。"
            )
        elif self.app.is_final:
            self.status.setText("<span style='color:#2e7d32'>✔ 已定稿：导出的材料不带水印。</span>")
        elif unresolved:
            self.status.setText(
                f"<span style='color:#c62828'>✖ 还有 {len(unresolved)} 个错误未改正："
                "导出的材料每页带“草稿”水印，末尾列出未解决的问题。改正后定稿即可导出正式材料。</span>"
            )
        else:
            self.status.setText(
                "<span style='color:#b26a00'>尚未定稿：材料可导出，无草稿水印；"
                "已写说明的警告列在“填报说明”附页。</span>"
            )

    # --- preview -------------------------------------------------------------------------

    def schedule_preview(self) -> None:
        self._preview_timer.start()

    def show_page(self, page: int) -> None:
        if 0 <= page < max(self.pages, 1):
            self.page = page
            self.update_preview()

    def update_preview(self) -> None:
        """Render the page in the background; a newer request waits for the one running."""
        if self._preview_pending:
            self._preview_timer.start()
            return
        from zjtx_desktop.core.export.api import preview_application
        from zjtx_desktop.core.export.modes import preview_blank

        self._preview_pending = True
        app, opts, ids, page = self.app, self.options(), self.form_ids(), self.page
        preview = preview_blank if self.blank.isChecked() else preview_application
        # the whole page in view: A4 is 1.414 times as tall as wide
        view = self.preview_scroll.viewport()
        width = int(max(300, min(view.width() - 10, (view.height() - 10) / 1.414)))
        run_in_background(
            lambda _progress: preview(app, opts, form_ids=ids, page=page, width_px=width),
            self._preview_done,
            self._preview_failed,
        )

    def _preview_done(self, p: Any) -> None:
        self._preview_pending = False
        pixmap = QPixmap()
        pixmap.loadFromData(p.png, "PNG")
        self.preview.setPixmap(pixmap)
        self.page, self.pages = p.page, p.pages
        self.page_label.setText(f"第 {p.page + 1} 页　共 {p.pages} 页")
        self.prev_button.setEnabled(p.page > 0)
        self.next_button.setEnabled(p.page + 1 < p.pages)

    def _preview_failed(self, message: str) -> None:
        self._preview_pending = False
        self.preview.setText(f"无法生成预览：{message.removeprefix('ExportError: ')}")

    # --- export --------------------------------------------------------------------------

    def start_export(self) -> None:
        if self.busy:
            return
        from zjtx_desktop.core.export.api import export_application

        text = self.path.text().strip()
        if not text:
            self.done_label.setText("<span style='color:#c62828'>请选择保存位置。</span>")
            return
        path = Path(text)
        if path.suffix.lower() != self.suffix:
            path = path.with_name(path.name + self.suffix)
            self.path.setText(str(path))
        if not path.parent.is_dir():
            self.done_label.setText(
                f"<span style='color:#c62828'>文件夹不存在：{path.parent}，"
                "请重新选择保存位置。</span>"
            )
            return
        if path.exists() and not self.confirm_overwrite(path):
            return
        self.busy = True
        self.export_button.setEnabled(False)
        self.progress.show()
        self.done_label.setText("正在导出…")
        app, opts, ids = self.app, self.options(), self.form_ids()
        blank, compare = self.blank.isChecked(), self.compare.isChecked()

        def work(_progress: Any) -> Any:
            from zjtx_desktop.core.export import modes

            if compare and ids:
                return modes.export_compare(app, ids[0], path, opts, blank=blank)
            if blank:
                return modes.export_blank_forms(app, path, opts, form_ids=ids)
            return export_application(app, path, opts, form_ids=ids)

        run_in_background(work, self._export_done, self._export_failed)

    def confirm_overwrite(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            "文件已存在",
            f"{path.name} 已存在于 {path.parent}。\n是否替换它？（原文件将被覆盖）",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _export_done(self, result: Any) -> None:
        self.busy = False
        self.result = result
        self.progress.hide()
        self.export_button.setEnabled(True)
        lines = [f"<b style='color:#2e7d32'>✔ 已导出</b>：{result.path}"]
        if result.draft:
            lines.append(
                f"<span style='color:#c62828'>带“草稿”水印：{len(result.unresolved)} 个问题未解决，"
                "已列在末页。</span>"
            )
        # exactly the codes the footers print, from the same core function
        codes = "；".join(f"{what} <b>{code}</b>" for what, code in result.codes)
        if len(result.codes) == 1:
            codes = f"<b>{result.codes[0][1]}</b>"
        if codes:
            lines.append(f"页脚校验码：{codes}（可用“zjtx verify”核对）")
        lines += [f"<span style='color:#b26a00'>{w}</span>" for w in result.warnings]
        self.done_label.setText("<br>".join(lines))
        self.open_folder.show()

    def _export_failed(self, message: str) -> None:
        self.busy = False
        self.progress.hide()
        self.export_button.setEnabled(True)
        message = message.removeprefix("ExportError: ")
        self.done_label.setText(f"<span style='color:#c62828'>✖ 导出失败：{message}</span>")

    def _open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.result.path).parent)))

    def reject(self) -> None:
        if self.busy:  # the file is being written: closing now would leave the user unsure
            return
        super().reject()
