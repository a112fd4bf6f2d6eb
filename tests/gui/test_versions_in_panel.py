"""In the self-check panel the user picks another rule version than the date's and sees two
versions side by side, with the figures that decided (as `zjtx check --compare`)."""

from __future__ import annotations

import os

from tests.core.eligibility_data import application
from tests.core.rules_today import SA
from zjtx_desktop.gui.eligibility_panel import EligibilityPanel

# 490 + 490 = 980 万元 of R&D in two years: below the 2026 小巨人 floor of 1200 万元
# (2号 附件2 条件3); revenue 15000 / 16000 万元 keeps each year's ratio above 3%.
RD_980 = {
    "rd_expense.y1": "490",
    "rd_expense.y2": "490",
    "operating_revenue.y1": "15000",
    "operating_revenue.y2": "16000",
}


def _panel(qtbot, changes):
    panel = EligibilityPanel(application((SA,), changes), "enterprise")
    qtbot.addWidget(panel)
    panel.resize(460, 900)
    panel.refresh()
    return panel


def _pick(box, ruleset_id):
    i = box.findData(ruleset_id)
    assert i > 0, f"{ruleset_id} not offered"
    box.setCurrentIndex(i)


def _tops(panel):
    return [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]


def test_compare_2022_beside_2026_shows_what_decided(qtbot, tmp_path):
    panel = _panel(qtbot, RD_980)
    assert not panel.versions.isHidden()
    assert panel.compare_view.isHidden()
    _pick(panel.compare_box, "xjr-2022")
    text = panel.compare_view.toPlainText()
    # older standard first, each with its verdict mark
    assert text.startswith("比较：按小巨人（2022标准） ✗ / 按小巨人（2026标准） ✗")
    assert "✗ [XJR26-X3]" in text
    assert "研发费用两年合计（2024年、2025年） 980万元 < 1200万元" in text
    assert "依第三方整理，待核对官方文本" in text  # the 2026 grade C is said beside its verdict
    panel.show()
    shot = tmp_path / "compare.png"
    if os.environ.get("ZJTX_SHOTS"):
        shot = os.path.join(os.environ["ZJTX_SHOTS"], "panel-compare.png")
    assert panel.grab().save(str(shot))
    panel.compare_box.setCurrentIndex(0)
    assert panel.compare_view.isHidden()


def test_enough_rd_leaves_the_1200_condition_out_of_the_compare(qtbot):
    panel = _panel(qtbot, {**RD_980, "rd_expense.y1": "600", "rd_expense.y2": "600"})
    _pick(panel.compare_box, "xjr-2022")
    text = panel.compare_view.toPlainText()
    assert "按小巨人（2026标准）" in text and "XJR26-X3" not in text


def test_override_replaces_only_its_tier_and_says_the_user_chose(qtbot):
    panel = _panel(qtbot, RD_980)
    assert "工信部企业〔2026〕2号 附件2" in panel.rules_label.text()  # chosen by 2026-05-10
    _pick(panel.version_box, "xjr-2022")
    tops = _tops(panel)
    assert any("小巨人（2022标准）" in t for t in tops)
    assert not any("小巨人（2026标准）" in t for t in tops)
    assert any("创新型（2022标准）" in t for t in tops)  # other tiers as the date chose
    assert any("专精特新中小企业（2026标准）" in t for t in tops)
    assert "由用户指定" in panel.rules_label.toolTip()
    # the picked version is outside its window for a 新申请 on 2026-05-10, and it says so
    assert "不含本次评估" in panel.rules_label.toolTip()
    panel.version_box.setCurrentIndex(0)
    assert any("小巨人（2026标准）" in t for t in _tops(panel))


def test_versions_are_offered_only_where_rules_have_versions(qtbot):
    panel = EligibilityPanel(application(("jl-zd-basic-2021b2",)), "enterprise")
    qtbot.addWidget(panel)
    panel.refresh()
    assert panel.version_box.count() == 0 and panel.versions.isHidden()
