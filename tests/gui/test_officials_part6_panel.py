"""Audit1 items 3 and 13a in the officials' window: part 六 filled in the review panel (the
definition's fields and labels, kept through Workspace.set_part6, issues at the field, the
advice with the enterprise's figures beside the boxes), 拟推荐 from the window, the signed
booklet opened with the system's viewer, and a selected row that is only looked at."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from tests.core.workspace_helpers import fixture, new_workspace
from zjtx_desktop.cli import main as cli
from zjtx_desktop.core.workspace import inbox
from zjtx_desktop.core.workspace.workspace import Workspace
from zjtx_desktop.gui.app import make_qapp
from zjtx_desktop.gui.officials.window import OfficialsWindow

FORM = "nat-xjr-application-2021"


def _audit_rows(ws: Workspace) -> list[tuple[str, str]]:
    rows = ws.conn.execute("SELECT action, new FROM audit ORDER BY seq")
    return [(str(a), str(n)) for a, n in rows]


def _cell_of(home: Any, app_id: str, header: str) -> str:
    from zjtx_desktop.core.workspace.batch import BATCH_COLUMNS

    col = [h for h, _f in BATCH_COLUMNS].index(header)
    for i in range(home.table.rowCount()):
        if home.table.item(i, 0).data(Qt.ItemDataRole.UserRole) == app_id:
            return str(home.table.item(i, col).text())
    raise AssertionError(app_id)


@pytest.fixture
def opened(qtbot, tmp_path: Path) -> Any:  # type: ignore[no-untyped-def]
    """The window on a workspace with E01 and E02 (as DATA.json), E01 selected."""
    make_qapp()
    ws = new_workspace(tmp_path)
    ids = [inbox.import_files(ws, [fixture(n)])[0].application_id for n in ("E01", "E02")]
    window = OfficialsWindow(ws)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.home.select(ids[0])
    window.app_id, window.ws = ids[0], ws
    yield window
    ws.close()


def _tick(panel: Any, qtbot: Any, cls: str, ticks: list[str], count: str, opinion: str) -> None:
    """What an official does with the mouse and keyboard in part 六."""
    cells = panel.part6.cells
    cells["class_indicator"].widget.buttons[cls].click()
    for t in ticks:
        cells["mandatory_indicators"].widget.boxes[t].click()
    cells["review_class"].widget.buttons[cls].click()
    cells["review_opinion"].widget.buttons[opinion].click()
    edit = cells["review_mandatory_count"].widget.edit  # typed last: kept after a pause
    edit.setFocus()
    qtbot.keyClicks(edit, count)


def test_part6_filled_in_the_window_then_recommended(opened, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    panel, home, ws, app = opened.home.panel, opened.home, opened.ws, opened.app_id
    # the definition's recommender fields, part 六 and the cover's, each with its widget
    assert set(panel.part6.cells) == {
        "class_indicator", "mandatory_indicators", "review_class", "review_mandatory_count",
        "review_opinion", "review_date", "recommend_date", "recommend_unit",
    }  # fmt: skip
    labels = {w.text() for w in panel.part6.findChildren(type(panel.state))}
    # the labels as printed on the 申请书 (004 L1383-1479)
    assert "分类指标（3选1）" in labels and "必备指标（6项）" in labels
    assert any(t.startswith("2.该企业符合“6项必备指标”中的") for t in labels)
    assert any(t.startswith("3.推荐意见：") for t in labels)
    boxes = panel.part6.cells["mandatory_indicators"].widget
    assert boxes.boxes["3"].text() == "3.资产负债率不高于70%"  # options from the definition
    assert boxes.labels["5"].text() == (
        "5.取得相关管理体系认证；或产品生产执行国际、国家、行业标准；或产品通过发达国家和地区认证"
    )
    # beside the boxes: the program's verdict with E01's figures (41.04% from 负债总额 and
    # 资产总额 of E01.json), and the suggestion, never a tick
    note = panel.part6.cells["mandatory_indicators"].offer_label.text()
    assert "3　✓　资产负债率 2020年 41.04%" in note
    assert panel.part6.cells["mandatory_indicators"].widget.raw() == []
    assert "数据显示符合 a 类" in panel.part6.cells["review_class"].offer_label.text()

    _tick(panel, qtbot, "a", ["1", "3", "4", "5", "6"], "5", "同意")
    qtbot.mouseClick(panel.recommend, Qt.MouseButton.LeftButton)  # the typed 5 is kept first
    assert ws.application(app).state == "拟推荐", panel.message.text()
    assert ws.part6(app) == {
        "class_indicator": "a", "mandatory_indicators": ["1", "3", "4", "5", "6"],
        "review_class": "a", "review_mandatory_count": "5", "review_opinion": "同意",
    }  # fmt: skip
    # one audit row for the typed count, not one per key
    typed = ws.conn.execute("SELECT COUNT(*) FROM audit WHERE action = 'part6' AND "
                            "field_id = 'review_mandatory_count'").fetchone()  # fmt: skip
    assert typed == (1,)
    # the list shows it at once
    assert _cell_of(home, app, "状态") == "拟推荐"
    assert _cell_of(home, app, "分类（初核）") == "a"
    assert _cell_of(home, app, "推荐意见") == "同意"
    # and the CLI reads the same workspace file
    ws.conn.commit()
    import contextlib

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli(["batch", "--workspace", str(ws.path), "--json"]) == 0
    row = next(r for r in json.loads(out.getvalue())["rows"] if r["application_id"] == app)
    assert (row["state"], row["review_class"], row["opinion"]) == ("拟推荐", "a", "同意")


def test_inconsistent_count_is_said_at_the_field_and_refuses_recommend(opened, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel, ws, app = opened.home.panel, opened.ws, opened.app_id
    _tick(panel, qtbot, "a", ["1", "3", "4"], "5", "同意")
    qtbot.waitUntil(lambda: ws.part6(app).get("review_mandatory_count") == "5", timeout=3000)
    # live: 3 ticked, 5 written (messages.py REVIEW_COUNT_MISMATCH with a=5, b=3)
    assert "推荐意见写符合5项必备指标，上面勾选了3项：请核对后一致" in panel.part6.message_of(
        "review_mandatory_count"
    )
    qtbot.mouseClick(panel.recommend, Qt.MouseButton.LeftButton)
    assert ws.application(app).state == "初核中"
    assert panel.message.text() == (
        "不能改为“拟推荐”：第六部分填写的必备指标项数与勾选的项数不一致"
    )
    # the class against the ticked 分类指标, live as well
    panel.part6.cells["review_class"].widget.buttons["b"].click()
    said = panel.part6.message_of("review_class")
    assert "推荐意见写符合 b 类，上面的分类指标勾选的是 a 类" in said
    # ticking two more makes the count agree: the message goes
    for t in ("5", "6"):
        panel.part6.cells["mandatory_indicators"].widget.boxes[t].click()
    assert panel.part6.message_of("review_mandatory_count") == ""
    # a word where a number belongs is kept as typed and said at the field
    edit = panel.part6.cells["review_mandatory_count"].widget.edit
    edit.selectAll()
    typed = QInputMethodEvent()  # Chinese arrives from the input method, not as key codes
    typed.setCommitString("五")
    QApplication.sendEvent(edit, typed)
    panel.part6.flush()
    assert ws.part6(app)["review_mandatory_count"] == "五"
    assert panel.part6.message_of("review_mandatory_count") != ""


def test_selecting_a_row_only_looks(opened, qtbot) -> None:  # type: ignore[no-untyped-def]
    """13a: an official reading an application has not started its 初核 (officials.md §3.5:
    已接收 → 初核中 on the first edit): no state change, no audit row; 开始初核 (or an edit)
    changes it, and the list shows it at once."""
    home, panel, ws = opened.home, opened.home.panel, opened.ws
    first = opened.app_id
    second = next(a.id for a in ws.applications() if a.id != first)
    before = _audit_rows(ws)
    home.select(second)
    home.select(first)
    assert panel.app_id == first
    assert ws.application(first).state == "已接收" and ws.application(second).state == "已接收"
    assert _audit_rows(ws) == before
    assert "状态：已接收（查看不改变状态）" in panel.state.text()
    assert _cell_of(home, first, "状态") == "已接收"
    assert panel.open_button.isEnabled()
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert ws.application(first).state == "初核中"
    assert _audit_rows(ws)[len(before):] == [("state", "初核中")]
    assert _cell_of(home, first, "状态") == "初核中"
    assert not panel.open_button.isEnabled()
    # the other one: its first edit (a tick in part 六) opens it, and the list says so
    home.select(second)
    panel.part6.cells["class_indicator"].widget.buttons["a"].click()
    assert ws.application(second).state == "初核中"
    assert _cell_of(home, second, "状态") == "初核中"


def test_booklet_opens_with_the_system_viewer(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.fixtures.officials.packages import build_package

    make_qapp()
    opened_urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened_urls.append(url) or True))  # fmt: skip
    ws = new_workspace(tmp_path)
    package = build_package("E01", tmp_path / "ent")
    (pkg,) = inbox.import_files(ws, [package])
    (plain,) = inbox.import_files(ws, [fixture("E02")])
    window = OfficialsWindow(ws)
    qtbot.addWidget(window)
    window.show()
    panel = window.home.panel
    window.home.select(plain.application_id)
    assert not panel.booklet_button.isEnabled()
    assert "只收到 DATA.json" in panel.booklet_button.toolTip()
    window.home.select(pkg.application_id)
    assert panel.booklet_button.isEnabled()
    qtbot.mouseClick(panel.booklet_button, Qt.MouseButton.LeftButton)
    (url,) = opened_urls
    shown = Path(url.toLocalFile())
    # the enterprise's own signed booklet, byte for byte as in the package it sent
    with zipfile.ZipFile(package) as zf:
        assert shown.read_bytes() == zf.read("print/booklet.pdf")
    assert shown.name == "第1版_吉林省恒锐精密机床有限公司.pdf"
    assert ws.application(pkg.application_id).state == "已接收"  # reading is not 初核
    ws.close()


def test_a_workspace_held_elsewhere_loses_no_tick(opened, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Another program holds the workspace file: the tick stays in the box with a Chinese
    message at the field, nothing crashes, and it is kept once the file is free."""
    import sqlite3

    panel, ws, app = opened.home.panel, opened.ws, opened.app_id
    other = sqlite3.connect(ws.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        panel.part6.cells["class_indicator"].widget.buttons["a"].click()  # waits, then says
        assert panel.part6.cells["class_indicator"].widget.raw() == "a"
        assert panel.part6.message_of("class_indicator").startswith(
            "<span style='color:#c62828'>✖ 未保存："
        )
        qtbot.mouseClick(panel.recommend, Qt.MouseButton.LeftButton)  # refused, in words
        assert panel.message.text() != ""
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert ws.part6(app) == {}
    panel.part6.cells["mandatory_indicators"].widget.boxes["1"].click()
    assert ws.part6(app) == {"class_indicator": "a", "mandatory_indicators": ["1"]}
    assert panel.part6.message_of("class_indicator") == ""
