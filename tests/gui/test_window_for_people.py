"""Issue 12: the window as a new enterprise user meets it — keyboard only, 元 typed for 万元,
stale offers, placeholders, finalise, undo, not filled vs not met, 说明, Qt's own words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from tests.gui.test_user_path import cell_of, new_application, type_into
from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.gui.fields import ChoiceField, LineField, MultiChoiceField, TextAreaField

APP = "nat-xjr-application-2021"


def focused_cell(page):
    w = QApplication.focusWidget()
    while w is not None and type(w).__name__ != "FieldCell":
        w = w.parentWidget()
    return w


# --- 1. keyboard-complete --------------------------------------------------------------------


def test_a_choice_is_answered_with_arrows_and_space_and_tab_leaves_it(window, qtbot):
    new_application(window, qtbot, "键盘企业")
    page = window.filling
    ref, choice = cell_of(page, "企业类型")
    assert isinstance(choice.widget, ChoiceField)
    options = [o.value for o in choice.field.options]
    first = choice.widget.focus_target()
    first.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert page.app.raw(ref) == options[2]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert page.app.raw(ref) == options[1]  # one answer: the other is cleared
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert page.app.raw(ref) is None  # Space on the chosen one clears it, like a second click
    # Tab enters the group once and leaves it: the next focus is another field
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert focused_cell(page) is not choice


def test_a_whole_part_is_filled_from_the_keyboard_alone(window, qtbot):
    new_application(window, qtbot, "键盘企业")
    page = window.filling
    ref, first = cell_of(page, "企业名称")
    part = page.pages[(ref[0], page.app.session.field(ref).section)]
    first.widget.focus_target().setFocus()
    answered: set[str] = set()
    for _ in range(4 * len(part.cells)):
        cell = focused_cell(page)
        if cell is None or cell.field.id not in part.cells or cell.field.id in answered:
            break
        w = QApplication.focusWidget()
        if isinstance(cell.widget, ChoiceField):
            qtbot.keyClick(w, Qt.Key.Key_Right)  # the second option: 是 opens what depends on it
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
        elif isinstance(cell.widget, MultiChoiceField):
            qtbot.keyClick(w, Qt.Key.Key_Space)
        elif isinstance(cell.widget, LineField | TextAreaField) and not cell.widget.raw():
            qtbot.keyClicks(w, "1")
        answered.add(cell.field.id)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    enabled = {fid for fid, c in part.cells.items() if c.isEnabled()}
    assert enabled <= answered
    form_id = ref[0]
    blank = [fid for fid in enabled if page.app.raw((form_id, fid)) in (None, "", [])]
    assert blank == []
    kinds = {type(part.cells[f].widget) for f in enabled}
    assert ChoiceField in kinds  # the part has choice questions, and they were answered


def test_enter_on_an_unanswered_choice_answers_it_and_moves_on(window, qtbot):
    new_application(window, qtbot, "键盘企业")
    page = window.filling
    ref, choice = cell_of(page, "企业类型")
    choice.widget.focus_target().setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert page.app.raw(ref) == choice.field.options[1].value
    assert focused_cell(page) is not choice


# --- 2. 元 typed for 万元 --------------------------------------------------------------------


def test_revenue_typed_in_yuan_is_warned_at_the_field_and_a_shuoming_lets_it_stand(window, qtbot):
    page = window.open_demo("nat-xjr-2021b3")
    ref = (APP, "operating_revenue.y2")
    section = page.app.session.field(ref).section
    cell = page.show_part(APP, section).cells["operating_revenue.y2"]
    type_into(qtbot, cell, "268000000")
    assert cell.message.isVisible() and "应为26800万元" in cell.message.text()
    assert cell.explain_box.isVisible()
    # 13. the 说明 is saved as it is typed, without Enter or leaving the box
    cell.explain_box.setFocus()
    qtbot.keyClicks(cell.explain_box, "ok")
    issue = next(i for i in page.app.session.issues(ref) if i.code == "AMOUNT_IMPLAUSIBLE")
    key = (APP, ref[1], issue.code, issue.rule)
    assert DraftStore(window.store.path).explanations(page.app.id)[key] == "ok"


# --- 3. offers recompute ---------------------------------------------------------------------


def test_the_offered_value_follows_its_inputs_and_using_it_leaves_no_warning(window, qtbot):
    page = window.open_demo("nat-xjr-2021b3")
    section = page.app.session.field((APP, "net_profit.y2")).section
    part = page.show_part(APP, section)
    st = page.app.session.state(APP)
    calc = next(c for c in st.form.calculations if "net_profit.y2" in c.expr.fields)
    target = part.cells[calc.target]
    type_into(qtbot, part.cells["net_profit.y2"], "2000")
    first = st.calc_value[calc.id]
    type_into(qtbot, part.cells["net_profit.y2"], "3000")
    second = st.calc_value[calc.id]
    assert second != first
    assert f"{second.normalize():f}" in target.offer_label.text()
    target.offer_button.click()
    assert page.app.raw((APP, calc.target)) == f"{second.normalize():f}"
    assert "RATIO_MISMATCH" not in {i.code for i in page.app.session.issues((APP, calc.target))}


# --- 4. placeholders -------------------------------------------------------------------------


def test_no_empty_field_shows_an_example_value_as_if_it_were_data(window, qtbot):
    new_application(window, qtbot, "测试企业")
    page = window.filling
    seen = 0
    for key in list(page.page_index):
        for cell in page.page(*key).cells.values():
            if isinstance(cell.widget, LineField):
                text = cell.widget.edit.placeholderText()
                seen += 1
                assert not (cell.field.example and text == cell.field.example), cell.field.id
                assert text == "" or "例如" in text or "位" in text, text
    assert seen > 20


# --- 8. undo button --------------------------------------------------------------------------


def test_the_undo_button_keeps_its_short_name_whatever_was_edited(window, qtbot):
    page = window.open_demo("nat-xjr-2021b3")
    part = page.show_part(APP, "part1")
    long_label = max(
        (c for c in part.cells.values() if isinstance(c.widget, LineField)),
        key=lambda c: len(c.field.display_label),
    )
    type_into(qtbot, long_label, "1")
    assert page.undo_action.text() == "撤销" and page.undo_action.isEnabled()
    assert long_label.field.display_label in page.undo_action.toolTip()


# --- 9. not filled is not "not met" ----------------------------------------------------------


def test_part_one_alone_is_cannot_tell_and_home_counts_missing_apart(window, qtbot):
    from zjtx_desktop.gui.home import COLUMNS

    new_application(window, qtbot, "部分填写企业")
    page = window.filling
    page.refresh_eligibility()
    heads = [
        page.eligibility.tree.topLevelItem(i).text(0)
        for i in range(page.eligibility.tree.topLevelItemCount())
    ]
    assert heads and not any("✗" in h for h in heads), heads
    window.show_home()
    qtbot.waitUntil(lambda: not window.home.summaries_pending, timeout=20000)
    row = next(r for r in window.home.rows if r.id == page.app.id)
    assert "未填" in COLUMNS and row.missing > 0 and row.errors == 0
    c = COLUMNS.index("错误")
    assert window.home.table.item(window.home.rows.index(row), c).text() == "0"


# --- 14. Qt's own words, Ctrl+F, overwrite, read-only look, reopen reason --------------------


def test_qt_standard_buttons_are_chinese(window):
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Yes
        | QDialogButtonBox.StandardButton.No
    )
    texts = [b.text() for b in box.buttons()]
    assert not {"OK", "Cancel", "&Yes", "&No"} & set(texts), texts
    assert any("确定" in t for t in texts) and any("取消" in t for t in texts)


def test_find_says_when_nothing_matches_and_goes_on_one_enter(window, qtbot):
    from zjtx_desktop.gui.find_dialog import FindFieldDialog

    page = window.open_demo("nat-xjr-2021b3")
    labels = {
        f"{f.display_label}（{st.form.short_title}）": (fid_form, fid)
        for fid_form, st in page.app.session.states.items()
        for fid, f in st.form.fields.items()
    }
    dialog = FindFieldDialog(labels, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.edit, "no such")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and "没有名称含“no such”的字段" in dialog.message.text()
    dialog.edit.clear()
    dialog.go("营业收入")  # what one Enter on a prefix does
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.found is not None
    assert "营业收入" in page.app.session.field(dialog.found).label


def test_export_asks_before_replacing_a_file(window, qtbot, tmp_path, monkeypatch):
    from zjtx_desktop.gui.export_dialog import ExportDialog

    page = window.open_demo("jl-zd-2021b2")
    dialog = ExportDialog(page.app, window)
    qtbot.addWidget(dialog)
    out = tmp_path / "已有.pdf"
    out.write_bytes(b"keep me")
    dialog.path.setText(str(out))
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.No),
    )
    dialog.start_export()
    assert asked == ["文件已存在"] and not dialog.busy and out.read_bytes() == b"keep me"


def test_finalised_text_fields_look_read_only_and_an_empty_reason_is_refused(
    window, qtbot, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    page = window.open_demo("jl-zd-2021b2")
    _ref, cell = cell_of(page, "法定代表人")
    edit = cell.widget.focus_target()
    white = edit.grab().toImage().pixelColor(edit.width() - 6, edit.height() // 2)
    page.finalise()
    assert page.app.is_final and edit.isReadOnly()
    grey = edit.grab().toImage().pixelColor(edit.width() - 6, edit.height() // 2)
    assert white.lightness() > 250 and grey.lightness() < 248, (white.name(), grey.name())
    answers = iter([("", True), ("  ", True), ("补充2020年数据", True)])
    prompts = []

    def ask(parent, title, prompt, *a, **k):
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(ask))
    page.reopen()
    assert len(prompts) == 3 and "请填写重新编辑的原因" in prompts[1]
    assert not page.app.is_final
    assert window.store.events(page.app.id)[-1][2] == "补充2020年数据"


@pytest.fixture(autouse=True)
def _no_real_dialogs(monkeypatch):
    """Any QMessageBox.question left unpatched answers No instead of blocking the run."""
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
    )


# --- 10. new application dialog --------------------------------------------------------------


def test_new_dialog_labels_above_inputs_national_default_tab_order_and_no_unnamed(window, qtbot):
    from PySide6.QtWidgets import QDialogButtonBox, QFormLayout

    from zjtx_desktop.gui.new_dialog import NewApplicationDialog

    dialog = NewApplicationDialog(window.store, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.programme.currentData().startswith("nat-")  # not 北京 by accident
    assert dialog.facts_layout.rowWrapPolicy() == QFormLayout.RowWrapPolicy.WrapAllRows
    for _ref, cell in dialog.cells.values():
        assert cell.widget.focus_target().width() > 300  # inputs are not squeezed
    # change the programme, then Tab from the list goes to 企业名称, not to 创建
    dialog.programme.setCurrentIndex(dialog.programme.findData("jl-zd-2021b2"))
    name = dialog.cells["enterprise_name"][1].widget.focus_target()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is name, timeout=2000)
    dialog.programme.setFocus()
    qtbot.keyClick(dialog.programme, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is name
    # 创建 without a name says so and creates nothing
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.app_id is None and dialog.problem.isVisible()
    assert window.store.list_all() == []
    qtbot.keyClicks(name, "ABC")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.app_id and window.store.get(dialog.app_id).name == "ABC"


# --- 11. navigator ---------------------------------------------------------------------------


def test_navigator_entries_are_distinct_and_a_new_application_opens_where_to_fill(window, qtbot):
    page = window.open_demo("jl-zd-2021b2")
    titles = [page.nav.topLevelItem(i).text(0) for i in range(page.nav.topLevelItemCount())]
    assert len(set(titles)) == len(titles) == 2, titles
    assert any("基本情况表" in t for t in titles) and any("目标表" in t for t in titles)
    page = window.open_demo("nat-xjr-2021b3")
    form = page.app.session.state(page.current_part[0]).form
    assert form.sections[page.current_part[1]].layout != "cover"  # not the cover


# --- 12. rows --------------------------------------------------------------------------------


def test_a_message_under_one_field_does_not_move_the_others_of_its_row(window, qtbot):
    page = window.open_demo("nat-xjr-2021b3")
    part = page.show_part(APP, "part1")
    rows: dict[str, list[str]] = {}
    for f in part.form.fields_in("part1"):
        if f.print_row and not f.column:
            rows.setdefault(f.print_row, []).append(f.id)
    shared = next(ids for ids in rows.values() if len(ids) >= 3)
    QApplication.processEvents()
    row = [part.cells[fid] for fid in shared]
    tops = [w.mapTo(part, w.rect().topLeft()).y() for w in row]
    type_into(qtbot, row[-1], "not a phone")
    QApplication.processEvents()
    assert row[-1].message.isVisible()
    assert [w.mapTo(part, w.rect().topLeft()).y() for w in row] == tops


def test_long_options_wrap_whole_instead_of_being_cut_every_40_characters(window, qtbot):
    page = window.open_demo("nat-xjr-2021b3")
    review = page.app.session.field((APP, "class_indicator"))
    longest = max(review.options, key=lambda o: len(o.label))
    cell = page.show_part(APP, review.section).cells["class_indicator"]
    label = cell.widget.labels[longest.value]
    assert label.text() == longest.label and label.wordWrap()  # the whole sentence, wrapped
