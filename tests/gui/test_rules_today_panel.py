"""The self-check panel names the rules it applied (document, version, date, type, grade)
above every verdict, and shows the points with their working."""

from __future__ import annotations

from tests.core.eligibility_data import application
from tests.core.rules_today import SA
from zjtx_desktop.gui.eligibility_panel import EligibilityPanel


def _texts(panel: EligibilityPanel) -> list[str]:
    out = []
    stack = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    while stack:
        item = stack.pop(0)
        out.append(item.text(0))
        stack += [item.child(j) for j in range(item.childCount())]
    return out


def test_the_panel_says_which_rules_apply_and_shows_the_points(qtbot):
    panel = EligibilityPanel(application((SA,)), "enterprise")
    qtbot.addWidget(panel)
    panel.refresh()
    line = panel.rules_label.text()
    assert "小巨人（2026标准）：工信部企业〔2026〕2号 附件2（第2026.1版）" in line
    assert "评估日期 2026-05-10，新申请" in line and "工信厅企业函〔2026〕117号" in line
    assert "依第三方整理，待核对官方文本" in line
    texts = _texts(panel)
    assert any(t.startswith("评价得分：80分") for t in texts)  # 创新型 (2022) table
    assert any("[CX-2]" in t and "A档" in t for t in texts)


def test_another_date_switches_the_rules_shown(qtbot):
    panel = EligibilityPanel(
        application((SA,), {"assessment_date": "2025-06-01", "application_type": "复核"}),
        "enterprise",
    )
    qtbot.addWidget(panel)
    panel.refresh()
    assert "工信部企业〔2022〕63号 附件3" in panel.rules_label.text()
    assert "2026〕2号" not in panel.rules_label.text()
