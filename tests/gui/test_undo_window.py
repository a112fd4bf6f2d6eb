"""The window asks the core's one undo: Ctrl+Z typed inside a field takes back the
application's last step (not the field's own Qt undo), and a declaration made in the panel is
undone like any change (issue 13 item 2)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.test_user_path import cell_of, new_application, type_into


def test_ctrl_z_in_a_field_is_the_applications_undo(window, qtbot):
    new_application(window, qtbot, "测试企业")
    page = window.filling
    ref_a, a = cell_of(page, "法定代表人")
    type_into(qtbot, a, "王建国")
    ref_b, b = cell_of(page, "从业人数")
    type_into(qtbot, b, "320")
    # Ctrl+Z typed in 法定代表人 (not the last field edited): the application's last step,
    # 从业人数, is taken back; Qt's own undo would have changed the focused field instead
    target = a.widget.focus_target()
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.app.raw(ref_b) is None and b.widget.raw() == ""
    assert page.app.raw(ref_a) == "王建国" and a.widget.raw() == "王建国"
    qtbot.keyClick(target, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.app.raw(ref_a) is None and a.widget.raw() == ""
    qtbot.keyClick(target, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert page.app.raw(ref_a) == "王建国" and a.widget.raw() == "王建国"


def test_a_declaration_answered_in_the_panel_is_undone_by_the_window(window, qtbot):
    page = window.open_demo("nat-xjr-2021b3")
    page.refresh_eligibility()
    slot = ("", "declared:nat-xjr-2021b3-full:legal_person")
    page.eligibility.declared.emit("nat-xjr-2021b3-full", "legal_person", "是")
    assert window.store.values(page.app.id)[slot] == "是"
    assert page.undo_action.isEnabled()
    page.undo_action.trigger()
    assert slot not in window.store.values(page.app.id)
    page.redo_action.trigger()
    assert window.store.values(page.app.id)[slot] == "是"


def test_a_final_application_offers_no_undo(window, qtbot):
    page = window.open_demo("nat-xjr-2021b3")
    ref, cell = cell_of(page, "法定代表人", "application")
    type_into(qtbot, cell, "李四")
    page.finalise()
    assert page.app.is_final and not page.undo_action.isEnabled()
    page.on_edit(ref, "张三")  # a view that forgot to disable the field is refused by the core
    assert page.app.raw(ref) == "李四" and cell.widget.raw() == "李四"
