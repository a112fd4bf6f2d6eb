"""The enterprise's side of a 退回 in the window (officials.md §3.6, R2): the enterprise opens
the unit's return package (文件 menu or drag-drop), sees the banner with the 补正截止 date and
the unit, a marker at each commented field and a list that focuses each field, answers the
comments in place, and exports revision r+1, whose answers the official's import shows."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.fixtures.officials.packages import PASS, build_package
from tests.gui.shots import shots_dir
from zjtx_desktop.core.exchange.identity import create_identity, identity_path
from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.core.workspace import inbox
from zjtx_desktop.core.workspace.replies import current_return
from zjtx_desktop.core.workspace.return_package import write_return_package
from zjtx_desktop.core.workspace.workspace import Workspace
from zjtx_desktop.gui.app import make_qapp
from zjtx_desktop.gui.deadline_text import deadline_note
from zjtx_desktop.gui.main_window import MainWindow

FORM = "nat-xjr-application-2021"
UNIT = "长春市工业和信息化局"


@pytest.fixture
def returned(tmp_path: Path):  # type: ignore[no-untyped-def]
    """E01 packaged by its enterprise, imported by the city, 3 comments, returned."""
    package = build_package("E01", tmp_path / "enterprise")
    home = tmp_path / "enterprise" / "E01"  # the enterprise's data folder and database
    ws = Workspace.init(tmp_path / "ws.sqlite", unit=UNIT, level="市",
                        programme="nat-xjr-2021b3", officer="张三")  # fmt: skip
    (out,) = inbox.import_files(ws, [package])
    app_id = out.application_id
    ws.open_for_review(app_id)
    ws.add_comment(app_id, FORM, "operating_revenue.y2", "须修改", "2020年营业收入与审计报告不符")
    ws.add_comment(app_id, FORM, "main_product_name", "请说明", "主导产品名称与经营范围不一致")
    ws.add_comment(app_id, "evidence", "", "提示", "审计报告扫描件不清晰", file="E003")
    unit = create_identity(tmp_path / "unit.p12", UNIT, "11220100013544357T", PASS, unit=True)
    (tmp_path / "returns").mkdir()
    path = write_return_package(
        ws, app_id, tmp_path / "returns", unit, "2021-05-10", allow_past=True
    )
    yield ws, app_id, home, path
    ws.close()



def _window(qtbot, db: Path, monkeypatch) -> MainWindow:  # type: ignore[no-untyped-def]
    make_qapp()
    boxes: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda p, t, m, *a: boxes.append((t, m))))  # fmt: skip
    window = MainWindow(DraftStore(db))
    window.boxes = boxes  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    return window


def test_the_enterprise_opens_a_return_answers_and_resubmits(qtbot, tmp_path, returned,
                                                             monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    ws, app_id, home, path = returned
    window = _window(qtbot, home / "drafts.sqlite3", monkeypatch)
    support = window.returns
    assert support.action.text().startswith("打开退回意见")
    assert support.action in window.menus.file.actions()
    assert support.open_file(path) is not None
    page = window.filling
    assert page is not None and page.app.id == app_id
    assert support.dock.isVisible()
    panel = support.panel
    assert panel is not None
    banner = panel.banner.text()
    assert "推荐单位退回：3 条意见，请于 2021-05-10 前重新提交" in banner
    assert UNIT in banner
    overdue = (date.today() - date(2021, 5, 10)).days  # the test runs after that day
    assert f"已逾期 {overdue} 天" in banner
    assert panel.comments.count() == 3
    assert "营业收入（2020年）" in panel.comments.item(0).text()
    assert "佐证材料 E003" in panel.comments.item(2).text()

    # the list focuses each field; a marker stands at it
    before = page.current_part  # the application opens on its first part
    panel.comments.setCurrentRow(0)
    assert page.current_part == (FORM, "part2") != before  # 二、经济效益 holds 营业收入
    part = page.pages[page.current_part]  # type: ignore[index]
    cell = part.cells["operating_revenue.y2"]  # the part shown now is the field's
    assert cell.isVisible()
    marker = cell.findChild(type(panel.banner), "returnMarker")
    assert marker is not None and marker.isVisible()
    assert "须修改" in marker.text() and "与审计报告不符" in marker.toolTip()
    assert "未答复" in marker.text()
    panel.comments.setCurrentRow(1)
    part = page.pages[page.current_part]  # type: ignore[index]
    marker2 = part.cells["main_product_name"].findChild(type(panel.banner), "returnMarker")
    assert marker2 is not None and "请说明" in marker2.text()
    window.grab().save(str(shots_dir(tmp_path) / "return-enterprise.png"))

    # answering: an empty answer is refused with the reason, a real one is kept
    panel.comments.setCurrentRow(0)
    panel.reply.setPlainText("   ")
    assert not panel.save_reply()
    assert "是空的" in panel.message.text()
    panel.reply.setPlainText("已按审计报告更正为 26900 万元")
    qtbot.mouseClick(panel.save, Qt.MouseButton.LeftButton)
    state = current_return(window.store, app_id)
    assert state is not None and state.replies[1].text == "已按审计报告更正为 26900 万元"
    assert "已答复" in marker.text() and "已答复 1/3" in panel.banner.text()
    assert "答复：已按审计报告更正" in panel.comments.item(0).text()

    # the enterprise corrects the figure, then exports r2 (2 comments still unanswered: asked)
    page.on_edit((FORM, "operating_revenue.y2"), "26900")
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda p, t, m, *a: asked.append(m) or QMessageBox.StandardButton.Yes))  # fmt: skip
    identity_path(home).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(home / "identity.p12", identity_path(home))  # the key that signed r1
    qtbot.mouseClick(panel.export, Qt.MouseButton.LeftButton)
    assert asked and "还有 2 条意见未答复（#2、#3）" in asked[0]
    dialog = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "ExchangeDialog"
                  and w.isVisible())  # fmt: skip
    with qtbot.waitSignal(dialog.exported, timeout=60000) as got:
        assert dialog.export(tmp_path / "r2.zjtx", PASS)
    assert got.args[0].revision == 2
    assert "已导出第 2 版交换包" in panel.message.text()
    with zipfile.ZipFile(tmp_path / "r2.zjtx") as z:
        manifest = json.loads(z.read("manifest.json"))
        replies = json.loads(z.read("meta/replies.json"))
    assert manifest["revision"] == 2 and manifest["supersedes"]
    assert [(r["comment_id"], r["text"]) for r in replies] == [(1, "已按审计报告更正为 26900 万元")]
    dialog.close()

    # the official's import attaches the answer to the comment
    (out,) = inbox.import_files(ws, [tmp_path / "r2.zjtx"])
    assert out.status == "accepted"
    first = next(c for c in ws.comments(app_id) if c.field_id == "operating_revenue.y2")
    assert first.reply == "已按审计报告更正为 26900 万元"
    window.store.close()


def test_a_return_dropped_on_the_window_opens_it(qtbot, tmp_path, returned,
                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    _ws, app_id, home, path = returned
    window = _window(qtbot, home / "drafts.sqlite3", monkeypatch)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    # dragged over the list of applications, as a user drops a file from the file manager
    table = window.home.table
    at = QPointF(table.mapTo(window, table.rect().center()))
    handle = window.windowHandle()
    copy, none = Qt.DropAction.CopyAction, Qt.MouseButton.NoButton
    enter = QDragEnterEvent(at.toPoint(), copy, mime, none, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(handle, enter)
    assert enter.isAccepted()  # the cursor says a drop is welcome
    drop = QDropEvent(at, copy, mime, none, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(handle, drop)
    assert drop.isAccepted()
    assert window.filling is not None and window.filling.app.id == app_id
    assert window.returns.dock.isVisible()
    # back on the home list the dock goes away; reopening the application brings it back
    window.show_home()
    assert not window.returns.dock.isVisible()
    window.open_application(app_id)
    assert window.returns.dock.isVisible()
    window.store.close()


def test_a_return_for_another_installation_is_refused(qtbot, tmp_path, returned,
                                                      monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    _ws, app_id, _home, path = returned
    window = _window(qtbot, tmp_path / "other.sqlite3", monkeypatch)
    assert window.returns.open_file(path) is None
    assert window.boxes == [  # type: ignore[attr-defined]
        ("无法打开退回意见", f"这份退回意见不是针对本机的申报材料（申报编号 {app_id}）")
    ]
    assert window.filling is None and not window.returns.dock.isVisible()
    tampered = tmp_path / "tampered.zjtx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "review/comments.json":
                data = data.replace("不符".encode(), "相符".encode())
            dst.writestr(info, data)
    window.returns.open_file(tampered)
    assert "SHA-256" in window.boxes[-1][1]  # type: ignore[attr-defined]
    window.store.close()


def test_deadline_notes_count_days() -> None:
    today = date(2021, 5, 7)
    assert deadline_note("2021-05-10", today) == "（还有 3 天）"
    assert deadline_note("2021-05-07 17:00", today) == "（今天截止）"
    assert deadline_note("2021-05-05", today) == "（已逾期 2 天）"
    assert deadline_note("尽快", today) == ""
    assert deadline_note("2021-02-30", today) == ""
