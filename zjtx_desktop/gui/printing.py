"""打印…: the system print dialog, then the exported PDF's pages drawn on the printer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Draw every page of ``pdf`` on ``printer``, each scaled to fit its page; returns the
    number of pages printed."""
    from zjtx_desktop.core.export.printing import page_images

    painter = QPainter()
    if not painter.begin(printer):
        return 0
    pages = 0
    try:
        for png in page_images(pdf, min(printer.resolution(), 300)):
            if pages:
                printer.newPage()
            image = QImage.fromData(png, "PNG")
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.x(), area.y(), size.width(), size.height()), image)
            pages += 1
            QApplication.processEvents()
    finally:
        painter.end()
    return pages


def print_application(app: Any, parent: QWidget | None = None) -> int:
    """Ask the system print dialog, then print the application as it would be exported."""
    from zjtx_desktop.core.export.printing import application_pdf

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(app.record.name or "申报材料")
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印申报材料")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return 0
    try:
        return print_pdf(application_pdf(app), printer)
    except Exception as e:  # a printer error is said, never a crash
        QMessageBox.critical(parent, "打印失败", f"打印时出错：{e}")
        return 0
