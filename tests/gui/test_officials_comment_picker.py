"""The review panel's comment target picker (issue 10): a county official finds 营业收入（2020年）
by typing part of its name, never a field id; an unknown text is refused at the picker. The
expected field id comes from the form file (its params and year columns)."""

from __future__ import annotations

from pathlib import Path

import yaml
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from tests.core.workspace_helpers import FORM, with_evidence
from tests.gui.shots import shots_dir
from zjtx_desktop.gui.app import make_qapp
from zjtx_desktop.gui.officials.window import OfficialsWindow

FORM_FILE = Path(__file__).resolve().parents[2] / "forms" / f"{FORM}.yaml"


def _revenue_2020() -> str:
    """operating_revenue's field id for the year 2020, read from the form definition."""
    doc = yaml.safe_load(FORM_FILE.read_text(encoding="utf-8"))
    (col,) = [c["id"] for c in doc["columns"]["years"]
              if str(doc["params"][c["year"].strip("{}")]) == "2020"]  # fmt: skip
    return f"operating_revenue.{col}"


def _type_chinese(widget: QWidget, text: str) -> None:
    """As a pinyin input method delivers it: one committed string (QTest types ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _grab_with_popup(window: QWidget, picker: QWidget, popup: QWidget) -> QPixmap:
    """The window with the completer's list drawn under the picker, its right edge at the
    picker's (a popup is its own top-level window, which ``window.grab()`` leaves out; the
    offscreen screen is smaller than the window, so its real position says nothing)."""
    shot = window.grab()
    corner = picker.mapTo(window, QPoint(picker.width(), picker.height()))
    painter = QPainter(shot)
    painter.drawPixmap(QPoint(corner.x() - popup.width(), corner.y()), popup.grab())
    painter.end()
    return shot


def test_pick_a_field_by_its_name_and_comment(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_qapp()
    ws = with_evidence(tmp_path)
    window = OfficialsWindow(ws)
    qtbot.addWidget(window)
    window.resize(1500, 820)
    window.show()
    home, panel = window.home, window.home.panel
    qtbot.waitUntil(lambda: home.table.rowCount() == 1, timeout=20000)
    home.select("A1")
    assert panel.app_id == "A1"
    panel.tabs.setCurrentIndex(1)  # the 意见 page (part 六 is shown first)
    picker = panel.field

    # type part of the name: the completer offers every year of 营业收入 (and fields whose
    # label contains it), matching anywhere in "表名 › 部分 › 标签"
    picker.lineEdit().clear()
    picker.lineEdit().setFocus()
    _type_chinese(picker.lineEdit(), "营业收入")
    completer = picker.completer()
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    model = completer.completionModel()
    offered = [model.index(i, 0).data() for i in range(model.rowCount())]
    assert any(o.endswith("营业收入（2019年）") for o in offered)
    assert all("营业收入" in o for o in offered) and "整体意见" not in offered
    row = next(i for i, o in enumerate(offered) if o.endswith(" › 营业收入（2020年）"))
    popup.setCurrentIndex(model.index(row, 0))
    shots = shots_dir(tmp_path)
    _grab_with_popup(window, picker, popup).save(str(shots / "officials-comment-picker.png"))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.currentText().endswith("营业收入（2020年）")
    panel.severity.setCurrentText("须修改")
    panel.text.setText("2020年营业收入与审计报告不符，请核对")
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    (c,) = ws.comments("A1")
    assert (c.form_id, c.field_id, c.slot, c.file, c.severity) == (
        FORM, _revenue_2020(), "", "", "须修改")  # fmt: skip
    assert "营业收入（2020年）" in panel.comments.item(0).text()

    # an evidence item by its title
    picker.setCurrentText("佐证材料 E002 审计报告")
    panel.text.setText("审计报告缺少第3页")
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    assert [(c.form_id, c.file) for c in ws.comments("A1")][-1] == ("evidence", "E002")

    # an unknown text: a Chinese message at the picker, nothing stored, the comment kept
    picker.setCurrentText("营业额")
    panel.text.setText("请核对")
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    assert panel.field_message.isVisible()
    assert "没有“营业额”这一项" in panel.field_message.text()
    assert len(ws.comments("A1")) == 2 and panel.text.text() == "请核对"
    # choosing a real entry clears the message
    picker.setCurrentText("整体意见")
    assert not panel.field_message.isVisible()
