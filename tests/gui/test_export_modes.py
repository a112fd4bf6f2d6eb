"""The export dialog's 打印方式 switches — 双面打印, 空白表, 对照版 — write what ``zjtx export
--duplex / --blank / --compare`` write (issue 11): each test ticks the switch as a user does,
exports, and reads the file back (pypdfium2 positions, pypdf text, python-docx)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from zjtx_desktop.gui.export_dialog import ExportDialog

APP = "nat-xjr-application-2021"
DEMO_NAME = "吉林省恒锐精密机床有限公司"
MM = 72 / 25.4


def _choose_form(dialog: ExportDialog, form_id: str) -> None:
    at = dialog.content.findData(form_id)
    assert at >= 0, form_id
    dialog.content.setCurrentIndex(at)


def _export(dialog: ExportDialog, qtbot, out: Path) -> None:
    dialog.path.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    assert out.exists(), dialog.done_label.text()
    assert "已导出" in dialog.done_label.text()


def _tick(qtbot, box) -> None:
    from PySide6.QtWidgets import QScrollArea

    assert box.isEnabled() and not box.isChecked()
    area = box.parentWidget()
    while not isinstance(area, QScrollArea):
        area = area.parentWidget()
    area.ensureWidgetVisible(box)  # scrolled to, as a user does on a small screen
    indicator = QPoint(8, box.height() // 2)  # the box itself, at the left of its text
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=indicator)
    assert box.isChecked()


def _footer_x(path: Path) -> list[float]:
    """x (pt) where each page's 申报编号 footer line starts."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        out = []
        for i in range(len(doc)):
            tp = doc[i].get_textpage()
            out.append(tp.get_charbox(tp.get_text_range().index("申报编号"))[0])
        return out
    finally:
        doc.close()


def test_duplex_switch_mirrors_the_margins_of_the_back_pages(dialog, qtbot, tmp_path):
    _choose_form(dialog, APP)
    _tick(qtbot, dialog.duplex)
    _export(dialog, qtbot, tmp_path / "双面.pdf")
    xs = _footer_x(tmp_path / "双面.pdf")
    assert len(xs) >= 4
    # fronts keep the 25 mm binding margin on the left, backs have it on the right (18 mm left)
    assert all(abs(x - 25 * MM) < 2 for x in xs[0::2]), xs
    assert all(abs(x - 18 * MM) < 2 for x in xs[1::2]), xs


def test_without_the_duplex_switch_every_page_binds_on_the_left(dialog, qtbot, tmp_path):
    _choose_form(dialog, APP)
    _export(dialog, qtbot, tmp_path / "单面.pdf")
    assert all(abs(x - 25 * MM) < 2 for x in _footer_x(tmp_path / "单面.pdf"))


def test_blank_switch_writes_the_forms_empty_for_hand_filling(dialog, qtbot, tmp_path):
    from pypdf import PdfReader

    _choose_form(dialog, APP)
    _tick(qtbot, dialog.blank)
    assert "空白表" in dialog.path.text() and "空白表" in dialog.status.text()
    assert not dialog.signature_name.isEnabled()
    out = tmp_path / "空白.pdf"
    _export(dialog, qtbot, out)
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    # 004 L1072 part 一, L1091 the boxes, unticked; nothing the demo typed, no 校验码
    assert "一、企业基本情况" in text and "☐中型 ☐小型 ☐微型" in text
    assert DEMO_NAME not in text and "校验码" not in text and "☑" not in text
    assert "空白表（手工填写）" in text


def test_blank_switch_in_word_writes_an_empty_docx(dialog, qtbot, tmp_path):
    from docx import Document

    _choose_form(dialog, APP)
    dialog.format_buttons[".docx"].setChecked(True)
    _tick(qtbot, dialog.blank)
    out = tmp_path / "空白.docx"
    _export(dialog, qtbot, out)
    doc = Document(str(out))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "企业名称" in cells and not any(DEMO_NAME in c for c in cells)  # 004 L1074
    assert "空白表（手工填写）" in doc.sections[0].footer.paragraphs[-1].text


def test_compare_switch_writes_the_proof_beside_the_seed_text(dialog, qtbot, tmp_path):
    from pypdf import PdfReader

    from zjtx_desktop.core.export.compare import DEFAULT_SEEDS

    if not DEFAULT_SEEDS.exists():
        pytest.skip("seed texts not available")
    _choose_form(dialog, APP)
    _tick(qtbot, dialog.compare)
    assert dialog.path.text().endswith("_对照.pdf")
    out = tmp_path / "对照.pdf"
    _export(dialog, qtbot, out)
    pages = [p.extract_text() for p in PdfReader(out).pages]
    # a landscape page: our page on the left, the seed's lines (004 L1032-1479) on the right
    assert PdfReader(out).pages[0].mediabox.width > PdfReader(out).pages[0].mediabox.height
    assert "模板原文 004 L1032-1479" in pages[0] and "本软件导出 第 1 页" in pages[0]
    assert "L1044 工业和信息化部制" in pages[0]  # seed line 1044 (the cover), with its number
    assert DEMO_NAME not in pages[0]  # the demo's values are in the page image, not text
    assert "找不到" in dialog.done_label.text()


def test_compare_switch_is_only_for_a_pdf_of_one_form(dialog, qtbot):
    _choose_form(dialog, APP)
    _tick(qtbot, dialog.compare)
    dialog.format_buttons[".xlsx"].setChecked(True)
    assert not dialog.compare.isChecked() and not dialog.compare.isEnabled()
    assert dialog.path.text().endswith(".xlsx") and "_对照" not in dialog.path.text()
