"""A user's path through the window (pytest-qt, offscreen): create, type, fix, reopen, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.gui.app import make_qapp
from zjtx_desktop.gui.main_window import MainWindow
from zjtx_desktop.gui.new_dialog import NewApplicationDialog

PROGRAMME = "jl-zd-2021b2"


def keys(qtbot, target, text: str) -> None:
    """Type as a user would: ASCII as key presses, Chinese as a commit from the input method."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    run = ""
    for ch in text + "\0":
        if ch.isascii() and ch != "\0":
            run += ch
            continue
        if run:
            qtbot.keyClicks(target, run)
            run = ""
        if ch != "\0":
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(target, event)


def new_application(window, qtbot, name: str) -> None:
    dialog = NewApplicationDialog(window.store, window)
    qtbot.addWidget(dialog)
    dialog.programme.setCurrentIndex(dialog.programme.findData(PROGRAMME))
    _ref, cell = dialog.cells["enterprise_name"]
    keys(qtbot, cell.widget.focus_target(), name)
    dialog._create()
    window.open_application(dialog.app_id)


def cell_of(page, label_part: str, form_kind: str = "basic_info"):
    for (form_id, section_id), _ in list(page.page_index.items()):
        form = page.app.session.state(form_id).form
        if form.kind != form_kind:
            continue
        p = page.page(form_id, section_id)
        for fid, cell in p.cells.items():
            if label_part in cell.field.label:
                page.show_part(form_id, section_id)
                return (form_id, fid), cell
    raise AssertionError(label_part)


def type_into(qtbot, cell, text: str) -> None:
    target = cell.widget.focus_target()
    target.setFocus()
    target.selectAll()
    qtbot.keyClick(target, Qt.Key.Key_Delete)
    keys(qtbot, target, text)


def test_wrong_credit_code_shows_red_message_and_fixing_it_clears_it(window, qtbot):
    new_application(window, qtbot, "吉林省恒锐精密机床有限公司")
    page = window.filling
    _ref, cell = cell_of(page, "统一社会信用代码")
    type_into(qtbot, cell, "91220101MA0Y7K2Q8A")
    assert cell.message.isVisible()
    assert "校验位不正确" in cell.message.text()
    assert "#c62828" in cell.message.text()  # red for an error
    type_into(qtbot, cell, "91220101ma0y7k2q8r")  # lower case is accepted
    assert not cell.message.isVisible()
    page.refresh_overview()  # the issue list refreshes 150 ms after typing stops
    listed = "".join(page.issue_list.item(i).text() for i in range(page.issue_list.count()))
    assert "校验位" not in listed


def test_percent_typed_with_sign_gets_a_grey_hint(window, qtbot):
    new_application(window, qtbot, "测试企业")
    page = window.filling
    _ref, cell = cell_of(page, "主营业务收入占营业收入比重", "targets")
    type_into(qtbot, cell, "30%")
    assert "无需填写" in cell.message.text()
    assert "#616161" in cell.message.text()  # grey for a hint


def test_close_and_reopen_finds_every_value(window, qtbot, tmp_path):
    new_application(window, qtbot, "吉林省恒锐精密机床有限公司")
    page = window.filling
    app_id = page.app.id
    typed = {
        "法定代表人": "王建国",
        "从业人数": "320",
        "注册资本": "5000",
        "注册时间": "2012-05-18",
    }
    for label, text in typed.items():
        _ref, cell = cell_of(page, label)
        type_into(qtbot, cell, text)
    window.close()
    window.store.close()
    store = DraftStore(tmp_path / "gui.sqlite3")
    again = MainWindow(store)
    qtbot.addWidget(again)
    page = again.open_application(app_id)
    for label, text in typed.items():
        _ref, cell = cell_of(page, label)
        assert cell.widget.raw() == text
    _ref, cell = cell_of(page, "企业名称")
    assert cell.widget.raw() == "吉林省恒锐精密机床有限公司"
    store.close()


def test_undo_reverts_a_typing_burst_in_the_window_and_the_database(window, qtbot):
    new_application(window, qtbot, "测试企业")
    page = window.filling
    ref, cell = cell_of(page, "法定代表人")
    type_into(qtbot, cell, "王建国")
    type_into(qtbot, cell, "李四")
    assert page.app.raw(ref) == "李四"
    page.undo_action.trigger()
    assert page.app.raw(ref) is None  # the whole field edit is one undo step
    assert cell.widget.raw() == ""
    page.redo_action.trigger()
    assert cell.widget.raw() == "李四"
    stored = DraftStore(window.store.path).values(page.app.id)
    assert stored[page.app.session.slot(ref)] == "李四"


def test_finalise_is_refused_while_errors_remain(window, qtbot):
    new_application(window, qtbot, "测试企业")
    page = window.filling
    page.finalise()
    assert not page.app.is_final
    # no message box: the issue list lists what blocks, each line a jump to its field
    assert not window.boxes
    assert page.blocking_banner.isVisible() and "还不能定稿" in page.blocking_label.text()
    assert page.issue_list.count() == len(page.app.blocking_issues())
    item = page.issue_list.item(3)
    page._issue_clicked(item)
    ref = tuple(item.data(Qt.ItemDataRole.UserRole))
    assert page.focused_field == ref
    # each label once: “净利润增长率（2019年）：净利润增长率（2019年）为必填项” no more
    for i in range(page.issue_list.count()):
        text = page.issue_list.item(i).text()
        f = page.app.session.field(tuple(page.issue_list.item(i).data(Qt.ItemDataRole.UserRole)))
        assert text.count(f.display_label) <= 1, text


def test_demo_can_be_finalised_and_reopened(window, qtbot, monkeypatch):
    page = window.open_demo(PROGRAMME)
    page.finalise()
    assert page.app.is_final
    _ref, cell = cell_of(page, "法定代表人")
    assert cell.widget.focus_target().isReadOnly()
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("补充数据", True)))
    page.reopen()
    assert not page.app.is_final
    assert [k for k, _, _ in window.store.events(page.app.id)][-2:] == ["finalised", "reopened"]


def test_dependent_field_enables_when_yes_is_ticked(window, qtbot):
    new_application(window, qtbot, "测试企业")
    page = window.filling
    ref, gate = cell_of(page, "补短板")
    dependents = [
        c
        for fid, c in page.pages[(ref[0], page.app.session.field(ref).section)].cells.items()
        if c.field.relevant is not None and ref[1] in c.field.relevant.fields
    ]
    assert dependents and not any(c.isEnabled() for c in dependents)
    gate.widget.buttons["是"].click()
    assert all(c.isEnabled() for c in dependents)


def test_issue_list_click_jumps_to_the_field(window, qtbot):
    new_application(window, qtbot, "测试企业")
    page = window.filling
    page.refresh_overview()
    item = page.issue_list.item(0)
    ref = tuple(item.data(Qt.ItemDataRole.UserRole))
    page._issue_clicked(item)
    assert page.focused_field == ref


def test_every_field_type_has_a_widget():
    from zjtx_desktop.core.fieldtypes import FIELD_TYPES
    from zjtx_desktop.gui.fields import WIDGETS

    assert set(FIELD_TYPES) == set(WIDGETS)


def test_home_lists_applications_with_completeness_counted_in_the_background(window, qtbot):
    window.open_demo(PROGRAMME)
    window.show_home()
    home = window.home
    assert home.table.rowCount() == 1
    qtbot.waitUntil(lambda: not home.summaries_pending, timeout=30000)
    assert home.table.item(0, 3).text() == "100%"
    assert home.table.item(0, 4).text() == "0"
    home.search.setText("不存在的企业")
    assert home.table.isRowHidden(0)
    home.search.setText("91220101MA0Y7K2Q8R")
    assert not home.table.isRowHidden(0)


def test_a_second_window_on_the_same_database_is_refused(tmp_path, monkeypatch):
    import argparse

    from PySide6.QtCore import QLockFile

    from zjtx_desktop.gui import app as gui_app

    make_qapp()
    db = tmp_path / "locked.sqlite3"
    holder = QLockFile(str(db) + ".lock")
    assert holder.tryLock(0)  # the first window holds the lock
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda p, t, m, *a: told.append(t)))
    args = argparse.Namespace(db=str(db), demo=False, smoke=True, screenshot=None)
    assert gui_app.run(args) == 1
    assert told == ["数据库正在使用"]
    holder.unlock()


def test_unreadable_database_offers_a_copy_of_the_newest_backup(tmp_path, monkeypatch):
    from zjtx_desktop.gui.app import open_store

    make_qapp()
    path = tmp_path / "d.sqlite3"
    s = DraftStore(path)
    s.create([], name="恒锐")
    s.close()
    DraftStore(path).close()  # a later open writes the daily backup
    path.write_bytes(b"garbage" * 500)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    store = open_store(path)
    assert store is not None and store.path != path
    assert [r.name for r in store.list_all()] == ["恒锐"]
    assert path.read_bytes() == b"garbage" * 500  # the user's file is never overwritten
    store.close()


def test_importing_an_enterprises_files_adds_one_application_in_the_background(
    window, qtbot, tmp_path
):
    import json
    import shutil
    from pathlib import Path

    from zjtx_desktop.core.paths import resources_dir

    files = []
    for f in ("jl-zd-basic-2021b2", "jl-zd-targets-2021b2"):
        files.append(tmp_path / f"{f}.json")
        shutil.copy(Path(resources_dir(), "demo", f"{f}.json"), files[-1])
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"form": "no-such-form"}), encoding="utf-8")
    home = window.home
    home.import_files([*files, broken])
    qtbot.waitUntil(lambda: getattr(home, "import_report", None) is not None, timeout=20000)
    assert [a.programme for a in home.import_report.imported] == ["jl-zd-2021b2"]
    title, message = window.boxes[-1]
    assert title == "导入结果" and "已导入 1 份申报" in message and "未知表单" in message
    qtbot.waitUntil(lambda: not home.summaries_pending, timeout=20000)
    names = [home.table.item(r, 0).text() for r in range(home.table.rowCount())]
    assert "吉林省恒锐精密机床有限公司" in names
