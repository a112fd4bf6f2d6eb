"""The role question at the first start, switching homes from the 文件 menu, the officials'
home showing the 上报截止 and the 名额 in use, and the batch export of booklets (issue 10)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tests.core.workspace_helpers import complete_part6
from tests.fixtures.officials.packages import build_package
from tests.gui.shots import shots_dir
from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.core.workspace import inbox
from zjtx_desktop.core.workspace.quotas import QuotaReport, UnitQuota
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import Workspace
from zjtx_desktop.gui.app import make_qapp
from zjtx_desktop.gui.main_window import MainWindow
from zjtx_desktop.gui.officials import homes
from zjtx_desktop.gui.officials.workspace_home import deadline_and_quota


@pytest.fixture(autouse=True)
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "user"
    monkeypatch.setenv("ZJTX_USER_DATA", str(d))
    return d



def _when_modal(kind: str, act: Callable[[QWidget], None]) -> None:
    """Act on the next modal dialog of class ``kind`` once it is up (it runs its own loop)."""

    def poll() -> None:
        w = QApplication.activeModalWidget()
        if w is not None and type(w).__name__ == kind:
            act(w)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def _enterprise(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    make_qapp()
    window = MainWindow(DraftStore(tmp_path / "drafts.sqlite3"))
    qtbot.addWidget(window)
    window.show()
    return window


def _action(menu, text: str):  # type: ignore[no-untyped-def]
    return next(a for a in menu.actions() if a.text() == text)


def test_first_start_asks_the_role_once_and_opens_that_home(qtbot, tmp_path, user_data) -> None:  # type: ignore[no-untyped-def]
    window = _enterprise(qtbot, tmp_path)

    def choose_official(dialog: QWidget) -> None:
        dialog.official.setChecked(True)  # type: ignore[attr-defined]
        dialog.grab().save(str(shots_dir(tmp_path) / "officials-role.png"))
        dialog.accept()  # type: ignore[attr-defined]
        # no workspace yet: 新建工作区… in the dialog that follows
        _when_modal("ChooseWorkspaceDialog", lambda d: d.new_button.click())  # type: ignore[attr-defined]
        _when_modal("NewWorkspaceDialog", fill_new)

    def fill_new(dialog: QWidget) -> None:
        d: Any = dialog
        d.unit.setText("长春市工业和信息化局")
        d.level.setCurrentText("市")
        d.programme.setCurrentIndex(d.programme.findData("nat-xjr-2021b3"))
        d.officer.setText("张三")
        d.deadline.setText("2021-05-14 17:00")
        d.quota.setText("10")
        assert d.create()

    _when_modal("RoleDialog", choose_official)
    started = homes.start(window)
    assert homes.load_settings()["role"] == "official"
    officials = started.officials
    assert officials is not None and officials.isVisible() and not window.isVisible()
    qtbot.addWidget(officials)
    ws_path = Path(homes.load_settings()["workspace"])
    assert ws_path.parent == user_data / "workspaces" and ws_path.is_file()
    assert officials.ws.profile["unit"] == "长春市工业和信息化局"
    head = officials.home.deadline.text()
    assert "已逾期" in head and "（报送截止 2021年5月14日 17:00）" in head
    assert "推荐名额：拟推荐 0 / 10 家" in head

    # switching from the 文件 menus, both ways, the same windows
    _action(officials.file_menu, "切换到企业首页").trigger()  # type: ignore[attr-defined]
    assert window.isVisible() and not officials.isVisible()
    _action(window.menus.file, "切换到推荐单位工作台").trigger()
    assert officials.isVisible() and not window.isVisible()
    assert started.officials is officials
    officials.resize(1366, 768)
    officials.grab().save(str(shots_dir(tmp_path) / "officials-home.png"))

    # the next start asks nothing and opens the saved workspace
    officials.hide()
    again = _enterprise(qtbot, tmp_path / "second")
    asked: list[str] = []
    orig = homes.RoleDialog.exec
    homes.RoleDialog.exec = lambda self: asked.append("asked") or 0  # type: ignore[method-assign]
    try:
        second = homes.start(again)
    finally:
        homes.RoleDialog.exec = orig  # type: ignore[method-assign]
    assert asked == []
    assert second.officials is not None and second.officials.ws.path == ws_path
    qtbot.addWidget(second.officials)
    second.officials.ws.close()
    officials.ws.close()
    window.store.close()
    again.store.close()


def test_an_enterprise_installation_stays_on_the_enterprise_home(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = _enterprise(qtbot, tmp_path)
    _when_modal("RoleDialog", lambda d: d.accept())  # type: ignore[attr-defined]
    started = homes.start(window)
    assert homes.saved_role() == "enterprise"
    assert window.isVisible() and started.officials is None
    # smoke runs and --demo never ask
    (Path(homes.settings_path())).unlink()
    homes.start(window, ask=False)
    assert homes.saved_role() is None
    window.store.close()


def test_deadline_and_quota_line() -> None:
    now = datetime(2021, 5, 11, 9, 0)
    over = QuotaReport(total=10, units=[], pool=0, pool_used=0, used=11)
    assert deadline_and_quota("2021-05-14 17:00", over, now) == (
        "距报送截止还有 3 天（2021年5月14日 17:00）　　推荐名额：拟推荐 11 / 10 家，超出 1 家"
    )
    county = UnitQuota("220182", "榆树市", 5, used=3)
    pooled = QuotaReport(total=None, units=[county], pool=2, pool_used=1, used=3)
    assert deadline_and_quota("2021-05-11", pooled, now) == (
        "今天截止（2021年5月11日）　　拟推荐 3 家；统筹名额 2，已用 1，剩余 1"
    )
    assert deadline_and_quota("", QuotaReport(None, [], 0, 0, 0), now) == (
        "报送截止：未设置（新建工作区时填写，或 zjtx workspace set deadline）　　"
        "拟推荐 0 家（未设名额）"
    )
    assert deadline_and_quota("五月中旬", None, now).startswith("报送截止“五月中旬”无法识别")


def test_batch_export_of_the_recommended_booklets(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from zjtx_desktop.gui.officials.window import OfficialsWindow

    make_qapp()
    ws = Workspace.init(tmp_path / "ws.sqlite", unit="长春市工业和信息化局", level="市",
                        programme="nat-xjr-2021b3", officer="张三")  # fmt: skip
    packages = [build_package(n, tmp_path / "ent") for n in ("E01", "E02", "E03")]
    outcomes = inbox.import_files(ws, packages)
    ids = [o.application_id for o in outcomes]
    for app_id in ids[:2]:  # two recommended, the third still in review
        ws.open_for_review(app_id)
        complete_part6(ws, app_id)
        ws.set_state(app_id, State.RECOMMENDED)
    ws.move(ids[1], 1)  # 择优: E02 first
    window = OfficialsWindow(ws)
    qtbot.addWidget(window)
    window.show()
    home = window.home
    assert home.deadline.text().endswith("拟推荐 2 家（未设名额）")
    with qtbot.waitSignal(home.booklets_exported, timeout=60000):
        home.export_booklets(tmp_path / "booklets")
    names = sorted(p.name for p in (tmp_path / "booklets").iterdir())
    first, second = (ws.application(i).enterprise for i in (ids[1], ids[0]))
    assert names == [f"01_{first}.pdf", f"02_{second}.pdf"]
    with zipfile.ZipFile(packages[1]) as z:  # byte for byte the enterprise's signed booklet
        assert (tmp_path / "booklets" / names[0]).read_bytes() == z.read("print/booklet.pdf")
    assert "已导出 2 份申请书" in home.status.text()
    assert home.booklets_button.isEnabled()
    assert [a.text() for a in window.menuBar().actions()] == []  # no menus without Homes
    ws.close()


def test_the_check_record_of_the_selected_application(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from zjtx_desktop.gui.officials.window import OfficialsWindow

    make_qapp()
    ws = Workspace.init(tmp_path / "ws.sqlite", unit="长春市工业和信息化局", level="市",
                        programme="nat-xjr-2021b3", officer="张三")  # fmt: skip
    (out,) = inbox.import_files(ws, [build_package("E01", tmp_path / "ent")])
    window = OfficialsWindow(ws)
    qtbot.addWidget(window)
    window.show()
    home, panel = window.home, window.home.panel
    assert not panel.record_button.isEnabled()  # nothing selected yet
    home.select(out.application_id)
    assert panel.app_id == out.application_id and panel.record_button.isEnabled()
    with qtbot.waitSignal(panel.record_written, timeout=60000):
        panel.write_record(tmp_path / "E01_初核记录单.pdf")
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "E01_初核记录单.pdf").pages)
    assert "初核记录单" in text and ws.application(out.application_id).enterprise in text
    assert panel.message.text().startswith("已导出初核记录单：")
    logged = "SELECT COUNT(*) FROM audit WHERE action = 'check_record'"
    assert ws.conn.execute(logged).fetchone()[0] == 1
    panel.write_record(tmp_path / "E01.docx")  # the core's refusal, shown in the panel
    qtbot.waitUntil(lambda: "只能导出为 .pdf 或 .xlsx" in panel.message.text(), timeout=30000)
    ws.close()
