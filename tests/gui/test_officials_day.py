"""An official's day in the window (issue 10): import 12 applications, open one, comment,
return it, import the re-submission and see the diff, mark 拟推荐 for the eligible ones,
rank, produce the A6 汇总表 as PDF and xlsx. Screenshots go to ZJTX_SCREENSHOTS when set
(the README's pictures), else to the test's temporary folder."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from tests.core import workspace_helpers
from tests.core.workspace_helpers import (
    FORM,
    complete_part6,
    enterprise_home,
    new_workspace,
    unit_key,
)
from tests.fixtures.officials.packages import build_package
from tests.gui.shots import shots_dir
from zjtx_desktop.core.workspace import audit
from zjtx_desktop.core.workspace.return_package import read_return_package
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.gui.app import make_qapp
from zjtx_desktop.gui.officials.summary_dialog import SummaryDialog
from zjtx_desktop.gui.officials.window import OfficialsWindow

# the twelve enterprises' signed packages, built once per test process (review D16: the
# workspace tests' shared set-up rather than this file's own)
packages = workspace_helpers.packages



def _row_of(home, app_id: str) -> int:  # type: ignore[no-untyped-def]
    for i in range(home.table.rowCount()):
        if home.table.item(i, 0).data(Qt.ItemDataRole.UserRole) == app_id:
            return i
    raise AssertionError(app_id)


def test_an_officials_day(qtbot, tmp_path: Path, packages: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    make_qapp()
    shots = shots_dir(tmp_path)
    ws = new_workspace(tmp_path)  # 长春市工业和信息化局（市级）, nat-xjr-2021b3, 经办人 张三
    ws.set_profile("deadline", "2021-05-14 17:00")  # Shandong's 5/14 (004 L19196-19200)
    ws.set_profile("quotas", {"total": 10})
    window = OfficialsWindow(ws)
    qtbot.addWidget(window)
    window.resize(1500, 820)
    window.show()
    home = window.home
    # packages: written by the app (signed manifests and booklets), shared by the tests
    files = [packages[f"E{i:02d}"] for i in range(1, 13)]
    with qtbot.waitSignal(home.imported, timeout=60000) as got:
        home.import_files(files)
    assert [o.status for o in got.args[0]] == ["accepted"] * 12
    assert home.table.rowCount() == 12
    assert "接收 12 份" in home.status.text()
    assert all(r["verified"] for r in home.rows)
    assert home.banners.isVisible() and "单项冠军" in home.banners.text()
    assert "（报送截止 2021年5月14日 17:00）" in home.deadline.text()
    assert "推荐名额：拟推荐 0 / 10 家" in home.deadline.text()
    window.grab().save(str(shots / "officials-inbox.png"))

    # open E01, comment on 营业收入 and return it
    e01 = next(a.id for a in ws.applications() if a.enterprise == "吉林省恒锐精密机床有限公司")
    home.table.selectRow(_row_of(home, e01))
    panel = home.panel
    # looking does not start the 初核 (audit1 13a); 开始初核 does
    assert panel.app_id == e01 and ws.application(e01).state == State.RECEIVED
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert ws.application(e01).state == State.IN_REVIEW
    panel.tabs.setCurrentIndex(1)  # the 意见 page
    panel.field.setCurrentText("小巨人申请书（第三批） › 二、经济效益 › 营业收入（2020年）")
    panel.text.setText("2020年营业收入与审计报告不符，请核对")
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    assert panel.comments.count() == 1 and "须修改" in panel.comments.item(0).text()
    unit = unit_key(tmp_path)
    assert panel.write_return(tmp_path, "2021-05-10", unit, allow_past=True)
    (target,) = tmp_path.glob("*_return.zjtx")
    opened = read_return_package(target, {e01})
    assert [c["field_id"] for c in opened.comments] == ["operating_revenue.y2"]
    assert ws.application(e01).state == State.RETURNED

    # the re-submission arrives: a requested and an unrequested change
    # (from a copy of E01's folder: its drafts must not change under the shared fixture)
    changes = {"operating_revenue.y2": "26900", "taxes_paid.y2": "1700"}
    home_e01 = enterprise_home(packages, "E01", tmp_path)
    r2 = build_package("E01", tmp_path, changes, key_from=home_e01)
    with qtbot.waitSignal(home.imported, timeout=60000):
        home.import_files([r2])
    assert ws.application(e01).state == State.RESUBMITTED
    # the open application's panel shows the new version at once (its picker lists the new
    # revision's targets; 与上次比较 is offered)
    assert panel.app_id == e01 and "第2版" in panel.state.text() and panel.diff_button.isEnabled()
    home.table.clearSelection()
    panel.app_id = ""
    home.table.selectRow(_row_of(home, e01))
    panel.tabs.setCurrentIndex(2)  # the 与上次比较 page
    qtbot.mouseClick(panel.diff_button, Qt.MouseButton.LeftButton)
    diff = panel.diff.toPlainText()
    assert "26800 → 26900　已按意见修改" in diff and "1680 → 1700　未被要求的修改" in diff
    assert "纸质件须重新打印盖章" in diff
    window.grab().save(str(shots / "officials-diff.png"))
    (comment,) = ws.comments(e01)
    ws.resolve_comment(comment.id, "已按审计报告更正")

    # 拟推荐 for the eligible ones (class a/b with every 必备 item the figures decide met)
    eligible = [r for r in home.rows if r["class"] in ("a", "b") and r["mandatory_met"] == 5]
    for r in eligible:
        complete_part6(ws, r["application_id"], r["class"])
    home.refresh()
    home.table.selectRow(_row_of(home, eligible[0]["application_id"]))
    qtbot.mouseClick(panel.recommend, Qt.MouseButton.LeftButton)
    for r in eligible[1:]:
        ws.set_state(r["application_id"], State.RECOMMENDED)
    home.refresh()
    states = {r["application_id"]: r["state"] for r in home.rows}
    assert sum(s == "拟推荐" for s in states.values()) == len(eligible) == 8
    # rank: the last eligible one first
    ws.move(eligible[-1]["application_id"], 1)
    home.refresh()
    assert home.rows[0]["application_id"] == eligible[-1]["application_id"]
    home.filter.setText("拟推荐")
    visible = [i for i in range(home.table.rowCount()) if not home.table.isRowHidden(i)]
    assert len(visible) == 8
    home.filter.setText("")
    window.grab().save(str(shots / "officials-batch.png"))

    # the A6 汇总表: preview, then xlsx and PDF
    dialog = SummaryDialog(ws, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 8
    assert not dialog.preview.pixmap().isNull()
    first = dialog.table.item(0, 1).text()
    assert first == eligible[-1]["enterprise"]
    dialog.grab().save(str(shots / "officials-summary.png"))
    from zjtx_desktop.core.workspace.summary_print import write

    write(dialog.current, tmp_path / "A6.pdf")
    write(dialog.current, tmp_path / "A6.xlsx")
    sheet = load_workbook(tmp_path / "A6.xlsx").active
    assert sheet is not None and sheet["B5"].value == first
    assert (tmp_path / "A6.pdf").read_bytes().startswith(b"%PDF")
    assert audit.verify(ws.conn).ok
    assert FORM in ws.current(e01).data


def test_workspace_open_starts_the_officials_window(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from zjtx_desktop.cli import main

    monkeypatch.setenv("ZJTX_USER_DATA", str(tmp_path / "user"))  # the last workspace goes there
    make_qapp()
    new_workspace(tmp_path).close()
    assert main(["workspace", "open", str(tmp_path / "ws.sqlite"), "--smoke"]) == 0
