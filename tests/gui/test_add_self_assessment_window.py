"""文件 → 添加自评表: the 自评表 joins the open 申请书, opens on its first part with the
enterprise's name already there, and the self-check panel adds the 2022/2026 rule versions."""

from __future__ import annotations

import os

from tests.core.eligibility_data import APP
from tests.core.rules_today import SA

NAME = "吉林省恒锐精密机床有限公司"  # resources/demo/nat-xjr-application-2021.json


def _tops(panel) -> list[str]:
    return [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]


def test_add_the_self_assessment_to_an_open_application(window, qtbot, tmp_path):
    page = window.open_demo("nat-xjr-2021b3")
    action = window.menus.add_self_check
    assert action in window.menus.file.actions()
    assert action.isEnabled()
    qtbot.waitUntil(lambda: bool(page.eligibility.results), timeout=10000)
    assert not any("2026标准" in t for t in _tops(page.eligibility))
    action.trigger()
    page = window.filling
    assert [f for f, _ in page.app.record.forms] == [APP, SA]
    assert page.current_part is not None and page.current_part[0] == SA
    st = page.app.session.state(SA)
    assert st.value("enterprise_name") == NAME  # typed once, in the 申请书
    assert "已添加自评表" in window.statusBar().currentMessage()
    assert "企业名称" in window.statusBar().currentMessage()
    # the 自评日期 chooses the versions; the panel shows them beside the 2021 rules
    page.on_edit((SA, "assessment_date"), "2026-05-10")
    page.on_edit((SA, "application_type"), "新申请")
    page.refresh_eligibility()
    tops = _tops(page.eligibility)
    assert any("小巨人（2026标准）" in t for t in tops), tops
    assert any("第三批" in t or "小巨人初核" in t for t in tops), tops
    assert "工信部企业〔2026〕2号 附件2" in page.eligibility.rules_label.text()
    # once there, it cannot be added again
    assert not action.isEnabled() and "已有自评表" in action.toolTip()
    shot = tmp_path / "added.png"
    if os.environ.get("ZJTX_SHOTS"):
        shot = os.path.join(os.environ["ZJTX_SHOTS"], "window-added-self-assessment.png")
    assert window.grab().save(str(shot))


def test_the_action_is_off_on_the_home_list_and_for_a_self_check(window):
    assert not window.menus.add_self_check.isEnabled()
    window.open_demo("self-check-2026")
    assert not window.menus.add_self_check.isEnabled()
    assert "已有自评表" in window.menus.add_self_check.toolTip()


def test_the_action_follows_finalise_and_reopen_on_the_same_page(window, monkeypatch):
    """定稿 on the open page: 添加自评表 offered no more (a 定稿 cannot grow a form) and says
    why; 重新编辑: offered again — each time 文件 opens, without leaving the page."""
    from PySide6.QtWidgets import QInputDialog

    page = window.open_demo("nat-xjr-2021b3")
    action = window.menus.add_self_check
    assert action.isEnabled()
    page.finalise()
    assert page.app.is_final
    window.menus.file.aboutToShow.emit()
    assert not action.isEnabled()
    assert "定稿" in action.toolTip()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("补充数据", True)))
    page.reopen()
    window.menus.file.aboutToShow.emit()
    assert action.isEnabled()
