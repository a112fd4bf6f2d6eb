"""Rules the window shows that live in the core (issue 12): 元 typed for 万元, offers and notes
recomputed when their inputs change, 未填 apart from 错误, a part not begun is "cannot tell",
a reopen needs a reason, and the 校验码 the export reports is the one the footers print."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.eligibility_data import APP, UNKNOWN, application
from tests.core.inline import mini
from zjtx_desktop.core.application import OpenApplication, ReopenRefused
from zjtx_desktop.core.eligibility import evaluate, rulesets
from zjtx_desktop.core.engine.session import ApplicationSession
from zjtx_desktop.core.issues import count_issues
from zjtx_desktop.core.store.drafts import DraftStore


def codes(session: ApplicationSession, ref: tuple[str, str]) -> list[str]:
    return sorted(i.code for i in session.issues(ref))


# --- 元 typed where 万元 is asked ---------------------------------------------------------


def test_revenue_typed_in_yuan_is_warned_with_the_figure_in_wanyuan():
    s = ApplicationSession([mini()])
    s.set_value(("mini", "operating_revenue.y2"), "268000000")
    (issue,) = [i for i in s.issues(("mini", "operating_revenue.y2"))]
    assert issue.code == "AMOUNT_IMPLAUSIBLE" and issue.severity == "warning"
    # 268 000 000 元 = 26 800 万元, by hand
    assert issue.message().startswith("营业收入（2020年）为268000000万元")
    assert "应为26800万元" in issue.message()


def test_a_plausible_revenue_is_not_warned():
    s = ApplicationSession([mini()])
    s.set_value(("mini", "operating_revenue.y2"), "26800")
    s.set_value(("mini", "operating_revenue.y1"), "23500")
    assert codes(s, ("mini", "operating_revenue.y2")) == []


def test_a_thousandfold_jump_from_the_other_year_is_warned_on_the_larger_figure():
    s = ApplicationSession([mini()])
    s.set_value(("mini", "operating_revenue.y1"), "500")
    s.set_value(("mini", "operating_revenue.y2"), "5000")  # 10×: a real year can do that
    assert codes(s, ("mini", "operating_revenue.y2")) == []
    r = s.set_value(("mini", "operating_revenue.y2"), "500000")  # 1000×
    assert ("mini", "operating_revenue.y2") in r.changed
    (issue,) = s.issues(("mini", "operating_revenue.y2"))
    assert issue.code == "AMOUNT_MAGNITUDE"
    assert "应为50万元" in issue.message() and "营业收入（2019年）" in issue.message()
    # correcting the other year's figure clears it: the check reads both
    r = s.set_value(("mini", "operating_revenue.y1"), "400000")
    assert ("mini", "operating_revenue.y2") in r.changed
    assert codes(s, ("mini", "operating_revenue.y2")) == []


def test_a_related_figure_of_the_same_year_gives_the_scale_too():
    s = ApplicationSession([mini()])
    s.set_value(("mini", "main_business_revenue.y2"), "600")
    s.set_value(("mini", "operating_revenue.y2"), "6000")  # 10×
    assert codes(s, ("mini", "operating_revenue.y2")) == []
    s.set_value(("mini", "operating_revenue.y2"), "600000")  # 1000× 主营业务收入
    assert codes(s, ("mini", "operating_revenue.y2")) == ["AMOUNT_MAGNITUDE"]


def test_the_warning_can_stand_with_a_shuoming(tmp_path: Path):
    from zjtx_desktop.core.forms.registry import get_form

    store = DraftStore(tmp_path / "d.sqlite3")
    app_id = store.create([get_form(APP)], name="x")
    app = OpenApplication(store, app_id)
    ref = (APP, "operating_revenue.y2")
    app.set_value(ref, "2000000")
    issue = next(i for i in app.session.issues(ref) if i.code == "AMOUNT_IMPLAUSIBLE")
    assert (APP, issue) in app.blocking_issues()
    app.explain(APP, issue, "集团合并口径，数据属实")
    assert (APP, issue) not in app.blocking_issues()
    store.close()


# --- offers and notes follow their inputs ------------------------------------------------


def test_the_offer_is_recomputed_when_an_input_changes_even_if_the_issues_do_not():
    s = ApplicationSession([mini()])
    s.set_value(("mini", "operating_revenue.y1"), "200")
    s.set_value(("mini", "main_business_revenue.y1"), "100")
    st = s.state("mini")
    (offer,) = [x for x in st.suggestions() if x.field == "mbr_share.y1"]
    assert offer.value == 50  # 100 ÷ 200 × 100
    r = s.set_value(("mini", "main_business_revenue.y1"), "150")
    assert ("mini", "mbr_share.y1") in r.changed  # the view redraws the offer
    (offer,) = [x for x in st.suggestions() if x.field == "mbr_share.y1"]
    assert offer.value == 75


def test_the_size_note_follows_the_industry_once_it_is_filled():
    s = ApplicationSession([mini()])
    st = s.state("mini")
    s.set_value(("mini", "employees"), "320")
    s.set_value(("mini", "operating_revenue.y2"), "26800")
    before = st.note("scale_declared")
    assert "行业" in before
    r = s.set_value(("mini", "industry_code2"), "34")
    assert ("mini", "scale_declared") in r.changed
    # 工业: 320 人 and 26 800 万元 → 中型 (从业人员 300–1000, 营业收入 2000–40000万元)
    assert st.note("scale_declared").startswith("按划型标准测算：中型")


# --- not filled is not "not met" ---------------------------------------------------------


def test_a_part_not_begun_is_cannot_tell_not_zero_certifications():
    part5 = [
        f for f, d in application((APP,)).state(APP).form.fields.items() if d.section == "part5"
    ]
    blank = {f: None for f in part5}
    r = evaluate(rulesets()["nat-xjr-2021b3-initial"], application((APP,), blank))
    assert r.criterion("INIT-M5").status == UNKNOWN
    # begun (one answer given), an unticked 管理体系认证 counts as none again
    begun = {**blank, "product_standard_levels": ["地方标准"]}
    r = evaluate(rulesets()["nat-xjr-2021b3-initial"], application((APP,), begun))
    assert r.criterion("INIT-M5").status == "not_met"


def test_missing_answers_are_counted_apart_from_wrong_values():
    s = ApplicationSession([mini()])
    s.set_value(("mini", "employees"), "三百")  # wrong
    counts = count_issues([i for _, i in s.all_issues()])
    # required and blank: 企业名称, 营业收入 ×2 (from the inline form); 从业人数 is wrong, not blank
    assert (counts.missing, counts.errors) == (3, 1)


# --- reopening needs a reason ------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   "])
def test_reopen_without_a_reason_is_refused(tmp_path: Path, reason: str):
    from zjtx_desktop.core.forms.registry import get_form

    store = DraftStore(tmp_path / "d.sqlite3")
    app_id = store.create([get_form(APP)], name="x")  # a registered form: a real application
    store.set_status(app_id, "final")
    app = OpenApplication(store, app_id)
    with pytest.raises(ReopenRefused):
        app.reopen(reason)
    assert store.get(app_id).status == "final"
    app.reopen("补充2020年数据")
    assert store.events(app_id)[-1] == ("reopened", store.events(app_id)[-1][1], "补充2020年数据")
    store.close()
