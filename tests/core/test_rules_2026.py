"""The 2026 standards (2号 附件1/2, grade C) at and around every threshold, both readings of
the 2-year growth, the platform score never estimated, and which version applies when.

Thresholds from post2021.md §4.1–§4.3; rule versions and overlays by date and type from §1,
§2.6 and §4.5.
"""

from __future__ import annotations

import pytest

from tests.core.eligibility_data import application
from tests.core.rules_today import SA, result
from zjtx_desktop.core.eligibility import Status, applicable, evaluate_all, rulesets
from zjtx_desktop.core.eligibility.choose import Assessment, assessment_of, choose

MET, NOT_MET, UNKNOWN = Status.MET, Status.NOT_MET, Status.UNKNOWN


def status(ruleset_id: str, criterion: str, changes: dict[str, object]) -> Status:
    return result(ruleset_id, changes).criterion(criterion).status


# --- 专精特新中小企业 2026 ---------------------------------------------------------------------


@pytest.mark.parametrize(("start", "expected"), [("2022-12-31", MET), ("2023-01-01", NOT_MET)])
def test_zjtx26_three_years_in_the_segment(start, expected):
    assert status("zjtx-2026", "ZJ26-S1", {"segment_start": start}) == expected


def test_zjtx26_needs_a_valid_base_tier_title():
    assert status("zjtx-2026", "ZJ26-S1", {"titles": ["科技型中小企业"]}) == MET
    assert status("zjtx-2026", "ZJ26-S1", {"titles": ["高新技术企业"]}) == NOT_MET


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"operating_revenue.y2": "1500", "main_business_revenue.y2": "1500"}, MET),
        (
            {
                "operating_revenue.y2": "1499.99",
                "main_business_revenue.y2": "1499.99",
                "equity_2y": "1999.99",
            },
            NOT_MET,
        ),
        (
            {
                "operating_revenue.y2": "1000",
                "main_business_revenue.y2": "1000",
                "equity_2y": "2000",
            },
            MET,
        ),
        ({"operating_revenue.y2": "10000", "main_business_revenue.y2": "8000"}, MET),  # 80%
        ({"operating_revenue.y2": "10000", "main_business_revenue.y2": "7999"}, NOT_MET),
        ({"total_assets.y2": "10000", "total_liabilities.y2": "8000"}, MET),  # 80%
        ({"total_assets.y2": "10000", "total_liabilities.y2": "8001"}, NOT_MET),
    ],
)
def test_zjtx26_scale_focus_and_leverage(changes, expected):
    assert status("zjtx-2026", "ZJ26-S2", changes) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"operating_revenue.y1": "3000", "rd_expense.y1": "100"}, MET),  # 100万元, 3.33%
        ({"operating_revenue.y1": "3000", "rd_expense.y1": "99.99"}, NOT_MET),
        ({"operating_revenue.y1": "10000", "rd_expense.y1": "300"}, MET),  # 3% in the earlier year
        ({"operating_revenue.y1": "10000", "rd_expense.y1": "299"}, NOT_MET),
    ],
)
def test_zjtx26_rd_in_each_of_two_years(changes, expected):
    assert status("zjtx-2026", "ZJ26-S3", changes) == expected


def test_zjtx26_ip_or_its_waivers():
    no_waiver = {"prov_award": "否", "nat_award": "否", "rd_institution": "市级"}
    assert (
        status("zjtx-2026", "ZJ26-S4", {**no_waiver, "ip_class1": "1", "ip_applied": "是"}) == MET
    )
    assert status("zjtx-2026", "ZJ26-S4", {**no_waiver, "ip_class1": "0"}) == NOT_MET
    assert (
        status("zjtx-2026", "ZJ26-S4", {**no_waiver, "ip_class1": "1", "ip_applied": "否"})
        == NOT_MET
    )
    assert (
        status(
            "zjtx-2026",
            "ZJ26-S4",
            {**no_waiver, "ip_class1": "0", "prov_award": "是", "prov_award_rank": "3"},
        )
        == MET
    )
    assert (
        status(
            "zjtx-2026",
            "ZJ26-S4",
            {**no_waiver, "ip_class1": "0", "prov_award": "是", "prov_award_rank": "4"},
        )
        == NOT_MET
    )
    assert (
        status("zjtx-2026", "ZJ26-S4", {**no_waiver, "ip_class1": "0", "rd_institution": "省级"})
        == MET
    )


def test_the_platform_score_is_never_estimated():
    r = result("zjtx-2026", {"platform_score": None})
    c = r.criterion("ZJ26-S6")
    assert c.status == UNKNOWN
    assert "依平台评价结果" in c.explanation
    x = result("xjr-2026", {"platform_score": None}).criterion("XJR26-X7")
    assert x.status == UNKNOWN and "依平台评价结果" in x.explanation


@pytest.mark.parametrize(
    ("ruleset", "criterion", "score", "expected"),
    [
        ("zjtx-2026", "ZJ26-S6", "50", MET),
        ("zjtx-2026", "ZJ26-S6", "49.9", NOT_MET),
        ("xjr-2026", "XJR26-X7", "60", MET),
        ("xjr-2026", "XJR26-X7", "59.9", NOT_MET),
    ],
)
def test_platform_score_thresholds(ruleset, criterion, score, expected):
    changes = {"platform_score": score, "platform_score_year": "2026"}
    assert status(ruleset, criterion, changes) == expected


def test_a_platform_score_of_another_year_does_not_count():
    changes = {"platform_score": "88", "platform_score_year": "2025"}
    assert status("zjtx-2026", "ZJ26-S6", changes) == UNKNOWN


# --- 小巨人 2026 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"operating_revenue.y2": "5000", "main_business_revenue.y2": "4500"}, MET),  # 90%
        ({"operating_revenue.y2": "4999.99", "main_business_revenue.y2": "4499.99"}, NOT_MET),
        ({"operating_revenue.y2": "10000", "main_business_revenue.y2": "8999"}, NOT_MET),  # 89.99%
        (
            {
                "main_business_revenue.y2": "34600",
                "total_assets.y2": "10000",
                "total_liabilities.y2": "7500",
            },
            MET,
        ),
        (
            {
                "main_business_revenue.y2": "34600",
                "total_assets.y2": "10000",
                "total_liabilities.y2": "7501",
            },
            NOT_MET,
        ),
    ],
)
def test_xjr26_scale_focus_leverage(changes, expected):
    assert status("xjr-2026", "XJR26-X2", changes) == expected


def _revenue(y0: str, y1: str, y2: str) -> dict[str, str]:
    return {"operating_revenue.y0": y0, "operating_revenue.y1": y1, "operating_revenue.y2": y2}


def test_xjr26_two_year_cagr_at_5_percent_and_its_other_reading():
    # 10000 → 11000 → 11025: CAGR over 2023→2025 = √1.1025 − 1 = 5% exactly: met;
    # the other reading (2024→2025) is 0.23%: not met, and the explanation says so
    c = result("xjr-2026", _revenue("10000", "11000", "11025")).criterion("XJR26-X2-GROWTH")
    assert c.status == MET
    assert "按“2024年至2025年”口径则为不满足" in c.explanation
    below = result("xjr-2026", _revenue("10000", "10000", "11024")).criterion("XJR26-X2-GROWTH")
    assert below.status == NOT_MET
    # 10000 → 10500 → 11025: both readings 5%: no second verdict shown
    both = result("xjr-2026", _revenue("10000", "10500", "11025")).criterion("XJR26-X2-GROWTH")
    assert both.status == MET and "口径则为" not in both.explanation


@pytest.mark.parametrize(
    ("y1", "y2", "expected"),
    [("600", "600", MET), ("600", "599.99", NOT_MET)],
)
def test_xjr26_rd_two_year_total_1200(y1, y2, expected):
    changes = {
        "rd_expense.y1": y1,
        "rd_expense.y2": y2,
        "operating_revenue.y1": "20000",
        "operating_revenue.y2": "20000",
    }
    assert status("xjr-2026", "XJR26-X3", changes) == expected


def test_xjr26_rd_ratio_each_year_at_least_3():
    changes = {
        "rd_expense.y1": "600",
        "operating_revenue.y1": "20000",
        "rd_expense.y2": "600",
        "operating_revenue.y2": "20001",
    }
    assert status("xjr-2026", "XJR26-X3", changes) == NOT_MET  # 2.99995% in 2025


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"ip_class1": "4", "ip_applied": "是", "nat_award": "否"}, MET),
        ({"ip_class1": "3", "ip_applied": "是", "nat_award": "否"}, NOT_MET),
        ({"ip_class1": "3", "nat_award": "是", "nat_award_rank": "3"}, MET),
        ({"ip_class1": "3", "nat_award": "是", "nat_award_rank": "4"}, NOT_MET),
    ],
)
def test_xjr26_four_class_one_ip_or_national_award(changes, expected):
    assert status("xjr-2026", "XJR26-X4", changes) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"share_domestic": "10", "rank_domestic": "5"}, UNKNOWN),  # met on figures, renown judged
        ({"share_domestic": "9.99", "share_international": "9.99", "rank_domestic": "4"}, NOT_MET),
        ({"share_domestic": "5", "share_international": "10", "rank_domestic": "8"}, UNKNOWN),
        ({"share_domestic": "5", "share_international": "1", "rank_domestic": "3"}, UNKNOWN),
    ],
)
def test_xjr26_market_position(changes, expected):
    assert status("xjr-2026", "XJR26-X5", changes) == expected


@pytest.mark.parametrize(("share", "expected"), [("50", NOT_MET), ("50.01", MET)])
def test_xjr26_main_products_more_than_half(share, expected):
    assert status("xjr-2026", "XJR26-MP", {"mp_revenue_share": share}) == expected


# --- which version applies ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tier", "date", "app_type", "expected"),
    [
        ("zjtx", "2026-03-31", "新申请", "zjtx-2022"),
        ("zjtx", "2026-04-01", "新申请", "zjtx-2026"),
        ("xjr", "2026-03-31", "新申请", "xjr-2022"),
        ("xjr", "2026-04-01", "新申请", "xjr-2026"),
        ("xjr", "2026-04-01", "复核", "xjr-2022"),
        ("xjr", "2026-12-31", "复核", "xjr-2022"),
        ("xjr", "2027-01-01", "复核", "xjr-2026"),
        ("xjr", "2022-05-31", "新申请", None),
        ("cx", "2026-11-01", "新申请", "cx-2022"),
    ],
)
def test_the_version_is_chosen_by_date_and_type(tier, date, app_type, expected):
    chosen = choose(tier, Assessment(date, app_type, "测试"), rulesets().values())
    assert (chosen.id if chosen else None) == expected


def test_date_and_type_come_from_the_self_assessment_unless_given():
    session = application((SA,), {"assessment_date": "2025-06-01", "application_type": "复核"})
    a = assessment_of(session)
    assert (a.date, a.app_type) == ("2025-06-01", "复核")
    ids = [r.ruleset.id for r in evaluate_all(session)]
    assert ids == ["cx-2022", "zjtx-2022", "xjr-2022"]
    given = assessment_of(session, "2026-06-01", "新申请")
    assert [r.ruleset.id for r in evaluate_all(session, assessment=given)] == [
        "cx-2022",
        "zjtx-2026",
        "xjr-2026",
    ]


def test_the_rules_applied_are_named_above_the_verdict_with_the_grade():
    [*_, xjr] = evaluate_all(application((SA,)))
    assert xjr.ruleset.id == "xjr-2026"
    assert "工信部企业〔2026〕2号 附件2" in xjr.context and "2026-05-10" in xjr.context
    assert "可信度C级" in xjr.context and "依第三方整理，待核对官方文本" in xjr.context


# --- overlays ------------------------------------------------------------------------------


def _criteria_ids(date: str, app_type: str, changes: dict[str, object] | None = None) -> list[str]:
    r = result("xjr-2022", changes, date=date, app_type=app_type)
    return [c.id for c in r.criteria]


@pytest.mark.parametrize(
    ("date", "app_type", "has_190", "has_117"),
    [
        ("2025-05-13", "新申请", False, False),
        ("2025-05-14", "新申请", True, False),
        ("2025-12-31", "复核", True, False),
        ("2026-01-01", "新申请", False, False),
        ("2026-04-01", "复核", False, True),
        ("2026-12-31", "复核", False, True),
        ("2027-01-01", "复核", False, False),
    ],
)
def test_overlays_switch_on_and_off_by_date(date, app_type, has_190, has_117):
    ids = _criteria_ids(date, app_type)
    assert ("O190-REV" in ids) == has_190
    assert ("O117-EXCL" in ids) == has_117


def test_the_2025_revenue_floor_refuses_below_5000():
    changes = {"operating_revenue.y2": "4999.99", "main_business_revenue.y2": "4500"}
    r = result("xjr-2022", changes, date="2025-07-01", app_type="新申请")
    assert r.criterion("O190-REV").status == NOT_MET
    assert r.status == NOT_MET
    at = result("xjr-2022", {"operating_revenue.y2": "5000"}, date="2025-07-01", app_type="新申请")
    assert at.criterion("O190-REV").status == MET


def test_the_2025_growth_waiver_is_for_review_only():
    slow = {
        "main_business_revenue.y0": "31000",
        "main_business_revenue.y1": "31050",
        "main_business_revenue.y2": "31100",
    }
    review = result("xjr-2022", slow, date="2025-07-01", app_type="复核")
    new = result("xjr-2022", slow, date="2025-07-01", app_type="新申请")
    for r in (review, new):
        assert r.criterion("XJR22-ZHUAN-3").status == NOT_MET
    assert not review.criterion("XJR22-ZHUAN-3").criterion.gate
    assert "不作要求" in review.criterion("XJR22-ZHUAN-3").explanation
    assert review.group("zhuan").status == MET
    assert new.group("zhuan").status == NOT_MET


def test_the_2026_growth_is_not_required_for_a_review():
    flat = _revenue("34600", "34600", "34600")
    review = result("xjr-2026", flat, date="2027-03-01", app_type="复核")
    assert not review.criterion("XJR26-X2-GROWTH").criterion.gate
    new = result("xjr-2026", flat, date="2027-03-01", app_type="新申请")
    assert new.criterion("XJR26-X2-GROWTH").criterion.gate


def test_check_json_gives_each_criterion_its_grade_and_the_rules_applied(capsys):
    import json

    from zjtx_desktop.cli import main
    from zjtx_desktop.core.paths import resources_dir

    demo = str(resources_dir() / "demo" / "self-assessment-2026.json")
    assert main(["check", demo, "--json", "--date", "2026-06-01", "--type", "复核"]) == 0
    out = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert list(out) == ["cx-2022", "zjtx-2026", "xjr-2022"]  # 复核 2026 follows 2022
    grades = {c["id"]: c["grade"] for c in out["xjr-2022"]["criteria"]}
    assert grades["XJR22-ZHUAN-1"] == "B" and grades["XJR22-LIAN"] == "C"
    assert grades["O117-EXCL"] == "C"  # the 2026 notice's overlay, added for the 复核
    assert "复核" in out["xjr-2022"]["context"]


# --- what the result says about the rules applied (mutation testing of evaluate.py) ---------


def test_the_versions_follow_the_self_assessments_date_and_type_when_none_is_given():
    # 复核 on 2025-06-01: both tiers stay on the 2022 standards (post2021.md §1: the 2026
    # standards apply to new applications from 2026-04-01 and to 复核 from 2027)
    session = application((SA,), {"assessment_date": "2025-06-01", "application_type": "复核"})
    assert [rs.id for rs in applicable(session)] == ["cx-2022", "zjtx-2022", "xjr-2022"]


def test_a_national_rule_set_is_listed_before_the_tiers_base_to_top():
    # the 2021 national 专项 forms (no tier) beside the 自评表: the untiered set first, then
    # 创新型 → 专精特新 → 小巨人
    ids = [rs.id for rs in applicable(application(("nat-zd-basic-2021", SA)))]
    assert ids == ["nat-zd-2021", "cx-2022", "zjtx-2026", "xjr-2026"]


def test_rules_chosen_by_date_say_so_and_a_national_rule_set_has_no_context_line():
    a = Assessment("2025-07-01", "新申请", "测试")
    results = evaluate_all(application(("nat-zd-basic-2021", SA)), assessment=a)
    nat, *tiered = results
    assert nat.ruleset.id == "nat-zd-2021"
    assert nat.context == "" and nat.assessment is None  # no dated versions: nothing to say
    for r in tiered:
        assert "按评估日期和申请类型选定" in r.context and "由用户指定" not in r.context
        assert r.assessment == a


def test_a_rule_set_named_by_the_user_is_evaluated_with_its_overlays():
    a = Assessment("2025-07-01", "新申请", "测试")
    session = application((SA,), {"operating_revenue.y2": "4999.99"})
    [r] = evaluate_all(session, ids=["xjr-2022"], assessment=a)
    assert r.ruleset.id == "xjr-2022"
    assert [o.id for o in r.overlays] == ["xjr-2025-190"]
    assert r.context.startswith("适用规则：")
    assert "由用户指定" in r.context and "按评估日期和申请类型选定" not in r.context
    assert "评估日期 2025-07-01，新申请" in r.context
    assert "；叠加年度规则 工信厅企业函〔2025〕190号" in r.context
    # the 2025 revenue floor of 5000万元 (190号) is applied to this application's figures
    assert r.criterion("O190-REV").status == NOT_MET and r.status == NOT_MET


def test_an_overlay_named_alone_still_says_which_rules_and_date():
    a = Assessment("2025-07-01", "复核", "测试")
    [r] = evaluate_all(application((SA,)), ids=["xjr-2025-190"], assessment=a)
    assert "工信厅企业函〔2025〕190号" in r.context and "评估日期 2025-07-01，复核" in r.context


def test_a_waived_criterion_quotes_the_waiver_and_is_not_a_gate_in_json():
    slow = {
        "main_business_revenue.y0": "31000",
        "main_business_revenue.y1": "31050",
        "main_business_revenue.y2": "31100",
    }
    review = result("xjr-2022", slow, date="2025-07-01", app_type="复核")
    waived = review.criterion("XJR22-ZHUAN-3")
    reading = (
        "对本年度申请复核专精特新“小巨人”企业“近2年主营业务收入平均增长率不低于5%”"
        "的指标不作要求（工信厅企业函〔2025〕190号）"
    )
    assert f"本年度不作要求（{reading}）" in waived.explanation
    assert waived.as_json()["gate"] is False
