"""The engine answers each change with the field's issues and exactly what changed."""

from decimal import Decimal

import pytest

from tests.core.inline import mini, mini_targets
from zjtx_desktop.core.engine.builtin_checks import computed_size
from zjtx_desktop.core.engine.session import ApplicationSession


@pytest.fixture
def app():
    return ApplicationSession([mini()])


def codes(issues):
    return sorted(i.code for i in issues)


def test_a_wrong_value_gets_its_message_and_only_that_field_changes(app):
    r = app.set_value(("mini", "employees"), "三百")
    assert codes(r.issues) == ["NOT_A_NUMBER"]
    assert r.changed == {("mini", "employees")}
    assert "请" in r.issues[0].message()


def test_cross_field_rule_fires_and_clears_and_reports_the_field_it_sits_on(app):
    app.set_value(("mini", "operating_revenue.y1"), "100")
    r = app.set_value(("mini", "main_business_revenue.y1"), "120")
    assert codes(r.issues) == ["MBR_GT_OR"]
    r = app.set_value(("mini", "operating_revenue.y1"), "150")
    assert ("mini", "main_business_revenue.y1") in r.changed
    assert app.issues(("mini", "main_business_revenue.y1")) == ()


def test_boundary_equal_amounts_are_fine(app):
    app.set_value(("mini", "operating_revenue.y2"), "100")
    r = app.set_value(("mini", "main_business_revenue.y2"), "100")
    assert r.issues == []


def test_rule_over_blank_fields_stays_silent(app):
    r = app.set_value(("mini", "main_business_revenue.y2"), "100")
    assert r.issues == []


def test_dependent_field_appears_when_yes_is_chosen_and_keeps_its_value_when_hidden(app):
    r = app.set_value(("mini", "equity_financing"), "是")
    assert ("mini", "equity_financing_amount") in r.changed
    st = app.state("mini")
    assert st.relevant["equity_financing_amount"] is True
    assert codes(st.issues["equity_financing_amount"]) == ["REQUIRED"]
    app.set_value(("mini", "equity_financing_amount"), "0")
    assert codes(st.issues["equity_financing_amount"]) == ["EQUITY_AMOUNT_POSITIVE"]
    r = app.set_value(("mini", "equity_financing"), "否")
    assert st.relevant["equity_financing_amount"] is False
    assert st.issues["equity_financing_amount"] == ()  # hidden: not validated
    assert app.values("mini")["equity_financing_amount"] == "0"  # but kept


def test_required_is_only_for_the_role_that_fills_the_section(app):
    st = app.state("mini")
    assert codes(st.issues["opinion"]) == []
    official = ApplicationSession([mini()], role="recommender")
    assert codes(official.state("mini").issues["opinion"]) == ["REQUIRED"]


def test_targets_table_asks_to_fill_zero():
    s = ApplicationSession([mini_targets()])
    assert codes(s.state("mini-targets").issues["patents.base"]) == ["REQUIRED_FILL_ZERO"]


def test_calculation_is_offered_with_its_formula_and_a_wrong_report_is_a_warning(app):
    app.set_value(("mini", "operating_revenue.y2"), "26800")
    app.set_value(("mini", "main_business_revenue.y2"), "25100")
    sugg = {s.field: s for s in app.state("mini").suggestions()}
    assert sugg["mbr_share.y2"].value == Decimal("93.66")
    assert "÷" in sugg["mbr_share.y2"].formula
    r = app.set_value(("mini", "mbr_share.y2"), "93.7")  # within 0.1 of 93.66
    assert r.issues == []
    r = app.set_value(("mini", "mbr_share.y2"), "95")
    assert codes(r.issues) == ["RATIO_MISMATCH"]
    assert r.issues[0].severity == "warning"
    # changing an amount re-checks the reported ratio
    r = app.set_value(("mini", "main_business_revenue.y2"), "25460")
    assert ("mini", "mbr_share.y2") in r.changed
    assert app.issues(("mini", "mbr_share.y2")) == ()


def test_long_text_limit_at_the_field(app):
    assert app.set_value(("mini", "intro"), "字" * 300).issues == []
    assert codes(app.set_value(("mini", "intro"), "字" * 301).issues) == ["TEXT_TOO_LONG"]


def test_niche_must_belong_to_the_industry(app):
    app.set_value(("mini", "industry_code2"), "34")
    r = app.set_value(("mini", "niche_code4"), "3511")
    assert codes(r.issues) == ["NICHE_NOT_IN_INDUSTRY"]
    r = app.set_value(("mini", "industry_code2"), "35")
    assert ("mini", "niche_code4") in r.changed
    assert app.issues(("mini", "niche_code4")) == ()


def test_enterprise_size_is_computed_and_compared_with_the_ticked_box(app):
    app.set_value(("mini", "niche_code4"), "3421")
    app.set_value(("mini", "employees"), "320")
    app.set_value(("mini", "operating_revenue.y2"), "26800")
    assert computed_size(app).size == "中型"
    r = app.set_value(("mini", "scale_declared"), "小型")
    assert codes(r.issues) == ["SCALE_MISMATCH"]
    r = app.set_value(("mini", "employees"), "280")  # now 小型 under 工业 rules
    assert ("mini", "scale_declared") in r.changed
    assert app.issues(("mini", "scale_declared")) == ()
    app.set_value(("mini", "employees"), "1000")
    app.set_value(("mini", "operating_revenue.y2"), "40000")
    assert codes(app.issues(("mini", "scale_declared"))) == ["SCALE_LARGE"]


def test_shared_facts_are_entered_once_and_change_in_every_form():
    app = ApplicationSession([mini(), mini_targets()])
    r = app.set_value(("mini", "enterprise_name"), "吉林省恒锐精密机床有限公司")
    assert ("mini-targets", "enterprise_name") in r.changed
    assert app.values("mini-targets")["enterprise_name"] == "吉林省恒锐精密机床有限公司"


def test_fill_zero_message_only_for_number_rows_a_blank_name_is_just_required():
    s = ApplicationSession([mini_targets()])
    assert codes(s.state("mini-targets").issues["enterprise_name"]) == []  # not required here
    assert codes(s.state("mini-targets").issues["growth3.base"]) == ["REQUIRED_FILL_ZERO"]


def test_the_recommenders_required_fields_are_never_asked_of_the_enterprise():
    from zjtx_desktop.core.engine.session import ApplicationSession
    from zjtx_desktop.core.forms.registry import get_form

    form = get_form("nat-xjr-application-2021")
    required = {"review_class", "review_mandatory_count", "review_opinion"}

    def blank_required(role: str) -> set[str]:
        st = ApplicationSession([form], {}, role=role).state(form.id)
        return {
            fid for fid in required if any(i.code == "REQUIRED" for i in st.issues.get(fid, ()))
        }

    assert blank_required("recommender") == required  # “推荐意见(必填，须盖章)”
    assert blank_required("enterprise") == set()
