"""Issue 12 beyond the fixes: the menu bar, 关于 and the guide, DATA.json and printing from the
window, copying an application and starting next year's from it."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QMessageBox


def menu_texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if a.text()]


def test_menu_bar_has_file_edit_view_help_and_page_actions_join_it(window, qtbot):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    assert not window.menus.print.isEnabled()  # nothing open yet
    page = window.open_demo("jl-zd-2021b2")
    assert window.menus.print.isEnabled()
    assert page.undo_action in window.menus.edit.actions()
    assert page.find_action in window.menus.edit.actions()
    assert page.export_action in window.menus.file.actions()
    assert "导出数据（DATA.json）…" in menu_texts(window.menus.file)
    assert "关于 专精特新申报助手" in menu_texts(window.menus.help)
    # one owner per shortcut: Ctrl+Z belongs to the page's undo only
    shortcuts = [
        a.shortcut().toString()
        for m in (window.menus.file, window.menus.edit, window.menus.view)
        for a in m.actions()
        if not a.shortcut().isEmpty()
    ]
    assert len(shortcuts) == len(set(shortcuts)), shortcuts
    window.show_home()
    assert page.undo_action not in window.menus.edit.actions()


def test_about_shows_versions_data_directory_and_database(window, qtbot):
    from zjtx_desktop.gui.help_dialogs import AboutDialog, GuideDialog

    about = AboutDialog(window.store.path, window)
    qtbot.addWidget(about)
    text = about.text.toPlainText()
    assert str(window.store.path) in text
    assert "nat-xjr-application-2021" in text and "申报条件规则集" in text
    guide = GuideDialog(window)
    qtbot.addWidget(guide)
    assert "第一次使用" in guide.browser.toPlainText()


def test_data_json_written_from_the_window_reads_back(window, qtbot, tmp_path, monkeypatch):
    from zjtx_desktop.core.datafile import read_data

    page = window.open_demo("jl-zd-2021b2")
    written = window.export_data_current(tmp_path)
    assert len(written) == len(page.app.forms)
    for path in written:
        data = read_data(path)
        assert data.values == {k: v for k, v in page.app.data(data.form.id)["values"].items()}
    # a second time: asked before replacing, and "No" keeps the files
    before = [p.read_text(encoding="utf-8") for p in written]
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
    )
    (written[0]).write_text(json.dumps({"kept": True}), encoding="utf-8")
    assert window.export_data_current(tmp_path) == []
    assert json.loads(written[0].read_text(encoding="utf-8")) == {"kept": True}
    assert before[1:] == [p.read_text(encoding="utf-8") for p in written[1:]]


def test_printing_sends_every_page_of_the_exported_pdf(window, qtbot, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from zjtx_desktop.core.export.printing import application_pdf
    from zjtx_desktop.gui.printing import print_pdf

    page = window.open_demo("jl-zd-2021b2")
    pdf = application_pdf(page.app)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    import io

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert print_pdf(pdf, printer) == pages
    assert len(PdfReader(out).pages) == pages


def test_copy_from_the_menu_opens_an_independent_copy(window, qtbot):
    page = window.open_demo("jl-zd-2021b2")
    original = page.app.id
    copy = window.duplicate_current()
    assert copy and window.filling.app.id == copy != original
    assert window.store.values(copy) == window.store.values(original)


def test_next_year_dialog_creates_it_and_shows_the_report(window, qtbot):
    from zjtx_desktop.gui.reuse_dialogs import NextYearDialog

    page = window.open_demo("jl-zd-2021b2")
    dialog = NextYearDialog(window.store, page.app, window)
    qtbot.addWidget(dialog)
    dialog.create()
    assert dialog.new_id and "原样带入" in dialog.report.toPlainText()
    values = window.store.values(dialog.new_id)
    assert values[("", "enterprise_name")] == page.app.raw(
        next(
            (f.id, fid)
            for f in page.app.forms
            for fid, d in f.fields.items()
            if d.fact == "enterprise_name"
        )
    )


def test_the_title_follows_the_enterprise_name(window, qtbot):
    from tests.gui.test_user_path import cell_of, type_into
    from zjtx_desktop.core.forms.registry import get_form

    app_id = window.store.create([get_form("jl-zd-basic-2021b2")], name="")
    window.open_application(app_id)
    assert window.windowTitle().endswith("（未命名）")
    _ref, cell = cell_of(window.filling, "企业名称")
    type_into(qtbot, cell, "吉林省恒锐精密机床有限公司")
    assert window.windowTitle().endswith("吉林省恒锐精密机床有限公司")
    assert window.store.get(window.filling.app.id).name == "吉林省恒锐精密机床有限公司"
