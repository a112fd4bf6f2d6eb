"""The 申报条件自查 panel and the export dialog, as a user meets them (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.test_user_path import type_into
from zjtx_desktop.core.demo import DEMO_PROGRAMME
from zjtx_desktop.gui.export_dialog import ExportDialog

APP = "nat-xjr-application-2021"


def open_demo(window, role: str = "enterprise"):
    page = window.open_demo(DEMO_PROGRAMME)
    if role != "enterprise":
        page = window.open_application(page.app.id, role)
    page.refresh_eligibility()
    return page


def cell(page, fid: str):
    section = page.app.session.field((APP, fid)).section
    return page.show_part(APP, section).cells[fid]


def click_item(qtbot, tree, item) -> None:
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_panel_shows_the_demo_verdicts_with_the_figures_that_decided_them(window, qtbot):
    page = open_demo(window)
    panel = page.eligibility
    item = panel.item_of("nat-xjr-2021b3-initial", "INIT-A")
    assert item is not None and item.text(0).startswith("✓ a.上年度营业收入1亿元及以上")
    click_item(qtbot, panel.tree, item)
    detail = panel.detail.toPlainText()
    assert "营业收入 2020年 26800万元 ≥ 10000万元" in detail
    assert "工信厅企业函〔2021〕79号" in detail


def test_changing_one_figure_updates_the_panel(window, qtbot):
    """The panel follows typing by itself (no explicit refresh); how fast is measured by
    tests/bench/eligibility.py and startup.py, not by a wall-clock limit that fails under load."""
    page = open_demo(window)
    panel = page.eligibility
    revenue = cell(page, "operating_revenue.y2")
    type_into(qtbot, revenue, "9000")
    qtbot.waitUntil(
        lambda: panel.item_of("nat-xjr-2021b3-initial", "INIT-A").text(0).startswith("✗"),
        timeout=20000,
    )
    _r, result = panel.criterion("nat-xjr-2021b3-initial", "INIT-A")
    assert "营业收入 2020年 9000万元 < 10000万元" in result.explanation


def test_clicking_a_criterion_jumps_to_the_blank_field_that_keeps_it_open(window, qtbot):
    page = open_demo(window)
    type_into(qtbot, cell(page, "main_business_revenue.y2"), "")
    page.refresh_eligibility()
    panel = page.eligibility
    item = panel.item_of("nat-xjr-2021b3-initial", "INIT-M1")
    assert item.text(0).startswith("?")
    page.show_part(APP, "part1")  # somewhere else
    click_item(qtbot, panel.tree, item)
    target = cell(page, "main_business_revenue.y2")
    assert page.focused_field == (APP, "main_business_revenue.y2")
    assert QApplication.focusWidget() is target.widget.focus_target()
    assert "主营业务收入" in panel.detail.toPlainText()


def test_part_six_advice_is_shown_to_the_recommender_and_never_ticked(window, qtbot):
    page = open_demo(window, "recommender")
    panel = page.eligibility
    assert panel.advice_label.isVisible()
    assert "符合 a 类" in panel.advice_label.text()
    review = cell(page, "review_class")
    assert review.offer.isVisible() and "初核建议" in review.offer_label.text()
    assert review.widget.raw() == ""  # nothing ticked for the reviewer
    assert page.app.raw((APP, "review_class")) in (None, "")
    assert review.widget.isEnabled()  # the reviewer ticks part 六 themselves
    type_into(qtbot, cell(page, "review_mandatory_count"), "5")
    assert page.app.raw((APP, "review_mandatory_count")) == "5"
    # what the enterprise filled is read-only for the reviewer
    name = cell(page, "enterprise_name")
    assert name.widget.focus_target().isReadOnly()
    page.on_edit((APP, "enterprise_name"), "改过的名字")
    assert page.app.raw((APP, "enterprise_name")) == "吉林省恒锐精密机床有限公司"


def test_the_enterprise_sees_no_part_six_advice_and_cannot_fill_part_six(window, qtbot):
    page = open_demo(window)
    assert not page.eligibility.advice_label.isVisible()
    assert page.eligibility.advice == []
    review = cell(page, "review_class")
    assert not review.offer.isVisible()
    assert not review.widget.isEnabled()
    page.on_edit((APP, "review_class"), "a")
    assert page.app.raw((APP, "review_class")) in (None, "")
    # the cover's 推荐时间 and 推荐单位 are the recommender's too (填报说明 二)
    assert cell(page, "recommend_unit").widget.focus_target().isReadOnly()
    assert not page.app.fills((APP, "recommend_date"))


def test_switching_to_the_reviewer_and_back_keeps_the_application(window, qtbot):
    page = open_demo(window)
    app_id = page.app.id
    page.review_action.setChecked(True)
    assert window.filling.app.role == "recommender" and window.filling.app.id == app_id
    window.filling.review_action.setChecked(False)
    assert window.filling.app.role == "enterprise" and window.filling.app.id == app_id


# --- the export dialog -----------------------------------------------------------------


def test_export_dialog_previews_the_first_page_as_it_will_print(dialog, qtbot):
    assert dialog.page_label.text() == f"第 1 页　共 {dialog.pages} 页"
    image = dialog.preview.pixmap().toImage()
    assert image.height() > image.width() > 200  # an A4 page, upright
    assert not dialog.prev_button.isEnabled() and dialog.next_button.isEnabled()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.page_label.text().startswith("第 2 页"), timeout=20000)


def test_export_dialog_writes_the_pdf_in_the_background(dialog, qtbot, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "申报材料.pdf"
    dialog.path.setText(str(out))
    dialog.signature_name.setText("王建国")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.busy or dialog.result is not None
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    assert out.exists() and not dialog.result.draft
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "吉林省恒锐精密机床有限公司" in text and "王建国" in text
    assert "已导出" in dialog.done_label.text()
    # the dialog shows exactly the 校验码 every footer prints (it used to show another one)
    import re

    footers = {re.search(r"校验码 ([0-9A-F]{12})", p.extract_text()) for p in PdfReader(out).pages}
    printed = {m.group(1) for m in footers if m}
    shown = set(re.findall(r"<b>([0-9A-F]{12})</b>", dialog.done_label.text()))
    assert printed and shown == printed
    assert dialog.open_folder.isVisible()


def test_choosing_word_changes_the_file_and_writes_a_docx(dialog, qtbot, tmp_path):
    from docx import Document

    dialog.format_buttons[".docx"].setChecked(True)
    assert dialog.path.text().endswith(".docx")
    out = tmp_path / Path(dialog.path.text()).name
    dialog.path.setText(str(out))
    dialog.start_export()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    cells = [c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells]
    assert any("吉林省恒锐精密机床有限公司" in c for c in cells)


def test_a_folder_that_does_not_exist_is_refused_with_a_message(dialog, tmp_path):
    dialog.path.setText(str(tmp_path / "没有这个文件夹" / "a.pdf"))
    dialog.start_export()
    assert "文件夹不存在" in dialog.done_label.text() and not dialog.busy


def test_an_application_with_errors_is_announced_as_a_draft_export(window, qtbot, tmp_path):
    page = open_demo(window)
    type_into(qtbot, cell(page, "credit_code"), "91220101MA0Y7K2Q8A")
    d = ExportDialog(page.app, window)
    qtbot.addWidget(d)
    assert "草稿" in d.status.text() and "1 个错误" in d.status.text()
    d.path.setText(str(tmp_path / "draft.pdf"))
    d.start_export()
    qtbot.waitUntil(lambda: d.result is not None, timeout=30000)
    assert d.result.draft and "草稿" in d.done_label.text()


@pytest.mark.parametrize(
    "programme", ["nat-xjr-2021b3", "jl-zd-2021b2", "nat-zd-2021", "bj-zd-2021b1"]
)
def test_every_part_fits_a_1366_wide_window_without_horizontal_scrolling(window, programme):
    from PySide6.QtWidgets import QScrollArea

    page = window.open_demo(programme)
    too_wide = []
    for key in list(page.page_index):
        page.show_part(*key)
        QApplication.processEvents()
        scroll = page.stack.currentWidget()
        assert isinstance(scroll, QScrollArea)
        need = scroll.widget().minimumSizeHint().width()
        if need > scroll.viewport().width():
            too_wide.append((key, need, scroll.viewport().width()))
    assert too_wide == []


def test_a_signature_picture_is_checked_when_chosen_and_shown_in_the_preview(
    dialog, qtbot, tmp_path
):
    from PySide6.QtGui import QColor, QImage

    bad = tmp_path / "签名.png"
    bad.write_text("not a picture", encoding="utf-8")
    assert not dialog.use_signature(bad)
    assert "不是能读取的图片" in dialog.done_label.text() and dialog.signature_image.text() == ""
    good = tmp_path / "sign.png"
    image = QImage(300, 100, QImage.Format.Format_ARGB32)
    image.fill(QColor("darkblue"))
    image.save(str(good))
    assert dialog.use_signature(good)
    assert dialog.options().signature_image == good


def test_a_declaration_made_in_the_panel_decides_the_criterion_and_is_saved(window, qtbot):
    from PySide6.QtCore import QUrl

    page = open_demo(window)
    panel = page.eligibility
    full = "nat-xjr-2021b3-full"
    click_item(qtbot, panel.tree, panel.item_of(full, "B1-REG"))
    html = panel.detail.toHtml()
    assert "企业声明：本企业具有独立法人资格" in panel.detail.toPlainText()
    assert f"declare:{full}/legal_person/是" in html
    panel.detail.anchorClicked.emit(QUrl(f"declare:{full}/legal_person/是"))
    assert panel.item_of(full, "B1-REG").text(0).startswith("✓")
    assert "已声明：是" in panel.detail.toPlainText()
    stored = window.store.values(page.app.id)
    assert stored[("", f"declared:{full}:legal_person")] == "是"
    panel.detail.anchorClicked.emit(QUrl(f"declare:{full}/legal_person/"))  # 撤回
    assert panel.item_of(full, "B1-REG").text(0).startswith("?")


def test_a_declared_figure_must_be_a_number(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    page = window.open_demo("bj-zd-2021b1")
    page.refresh_eligibility()
    panel = page.eligibility
    answers = iter([("四", True), ("4.2", True)])
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: next(answers)))
    panel.ask_number("bj-zd-2021b1", "rd_ratio_y1")
    assert "不是数字" in panel.detail.toPlainText()
    assert ("", "declared:bj-zd-2021b1:rd_ratio_y1") not in window.store.values(page.app.id)
    panel.ask_number("bj-zd-2021b1", "rd_ratio_y1")
    assert panel.item_of("bj-zd-2021b1", "BJ-ZD-RD").text(0).startswith("✓")


def test_the_reviewer_reads_the_enterprises_declarations_but_cannot_change_them(window, qtbot):
    from PySide6.QtCore import QUrl

    page = open_demo(window)
    full = "nat-xjr-2021b3-full"
    page.app.declare(full, "legal_person", "是")
    reviewer = window.open_application(page.app.id, "recommender")
    reviewer.refresh_eligibility()
    panel = reviewer.eligibility
    click_item(qtbot, panel.tree, panel.item_of(full, "B1-REG"))
    assert "已声明：是" in panel.detail.toPlainText()
    assert "declare:" not in panel.detail.toHtml()
    panel.detail.anchorClicked.emit(QUrl(f"declare:{full}/legal_person/否"))
    assert window.store.values(page.app.id)[("", f"declared:{full}:legal_person")] == "是"


def test_the_draft_warning_follows_the_forms_chosen_for_export(window, qtbot, tmp_path):
    page = window.open_demo("jl-zd-2021b2")
    basic = "jl-zd-basic-2021b2"
    page.on_edit((basic, "credit_code"), "91220101MA0Y7K2Q8A")  # an error in 基本情况表
    d = ExportDialog(page.app, window)
    qtbot.addWidget(d)
    assert "1 个错误未改正" in d.status.text()  # the whole application carries the error
    d.content.setCurrentIndex(d.content.findData("jl-zd-targets-2021b2"))
    assert "错误未改正" not in d.status.text()  # the 目标表 alone has none
    d.path.setText(str(tmp_path / "targets.pdf"))
    d.start_export()
    qtbot.waitUntil(lambda: d.result is not None, timeout=30000)
    assert not d.result.draft
