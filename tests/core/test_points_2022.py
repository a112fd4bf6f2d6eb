"""The 2022 points tables (63号 附件1 and 附件2) at and around every band boundary.

Expected points are read off post2021.md §2.1/§2.2 by hand: “X以上” owns its boundary (v ≥ X),
“X以下” under a band “X以上” does not (v < X). Figures are chosen so the ratios are exact.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.core.rules_today import NO_DIRECT, indicator, points, result
from zjtx_desktop.core.eligibility import Status

# --- 创新型 (附件1) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rd", "expected"),
    [
        ("500", 20),
        ("499.9", 15),
        ("300", 15),
        ("299", 10),
        ("200", 10),
        ("199", 5),
        ("100", 5),
        ("99", 0),
    ],
)
def test_cx_rd_ratio_bands(rd, expected):
    # 营业收入 10000万元: 研发费用 500万元 is 5%
    assert (
        points("cx-2022", "CX-2", {"operating_revenue.y2": "10000", "rd_expense.y2": rd})
        == expected
    )


@pytest.mark.parametrize(
    ("mbr", "expected"),
    [
        ("11500", 20),
        ("11499", 15),
        ("11000", 15),
        ("10999", 10),
        ("10500", 10),
        ("10499", 5),
        ("10000", 5),
        ("9999", 0),
    ],
)
def test_cx_growth_bands(mbr, expected):
    changes = {
        "main_business_revenue.y1": "10000",
        "main_business_revenue.y2": mbr,
        "operating_revenue.y2": "20000",
    }
    assert points("cx-2022", "CX-3", changes) == expected


@pytest.mark.parametrize(
    ("liabilities", "expected"), [("5499", 10), ("5500", 5), ("7499", 5), ("7500", 0), ("9000", 0)]
)
def test_cx_debt_ratio_bands_read_below_as_strict(liabilities, expected):
    changes = {"total_assets.y2": "10000", "total_liabilities.y2": liabilities}
    assert points("cx-2022", "CX-4", changes) == expected


@pytest.mark.parametrize(
    ("mbr", "expected"),
    [
        ("7000", 20),
        ("6999", 15),
        ("6000", 15),
        ("5999", 10),
        ("5500", 10),
        ("5499", 5),
        ("5000", 5),
        ("4999", 0),
    ],
)
def test_cx_main_business_share_bands(mbr, expected):
    changes = {"operating_revenue.y2": "10000", "main_business_revenue.y2": mbr}
    assert points("cx-2022", "CX-6", changes) == expected


@pytest.mark.parametrize(
    ("ip", "expected", "option"),
    [
        ({"ip_class1_high": "1"}, 20, "A"),
        ({"ip_class1_high": "0", "ip_class1_own": "1"}, 15, "B"),
        ({"ip_class1_high": "0", "ip_class1_own": "0", "ip_class1": "1"}, 10, "C"),
        ({"ip_class1_high": "0", "ip_class1_own": "0", "ip_class1": "0", "ip_class2": "1"}, 5, "D"),
        ({"ip_class1_high": "0", "ip_class1_own": "0", "ip_class1": "0", "ip_class2": "0"}, 0, "E"),
    ],
)
def test_cx_ip_options(ip, expected, option):
    i = indicator(result("cx-2022", ip), "CX-1")
    assert (i.points, i.band.option) == (expected, option)


def test_cx_domain_needs_an_answer():
    assert points("cx-2022", "CX-5", {"strategic_emerging": "是"}) == 10
    assert points("cx-2022", "CX-5", {"strategic_emerging": "否"}) == 5
    i = indicator(result("cx-2022", {"strategic_emerging": None}), "CX-5")
    assert i.points is None and ("self-assessment-2026", "strategic_emerging") in i.missing


def test_a_value_exactly_on_a_boundary_is_warned():
    i = indicator(
        result("cx-2022", {"operating_revenue.y2": "10000", "rd_expense.y2": "500"}), "CX-2"
    )
    assert i.points == 20
    assert any("恰在分档界限 5 上" in w and "5以上含5" in w for w in i.warnings)
    below = indicator(
        result("cx-2022", {"total_assets.y2": "10000", "total_liabilities.y2": "5500"}), "CX-4"
    )
    assert any("55以下不含55" in w and "B档" in w for w in below.warnings)


def test_a_value_that_only_rounds_to_a_boundary_is_warned():
    # 499.9 / 10000 = 4.999% shows as 5% but falls in B (3%-5%)
    i = indicator(
        result("cx-2022", {"operating_revenue.y2": "10000", "rd_expense.y2": "499.9"}), "CX-2"
    )
    assert i.points == 15
    assert any("原值 4.999" in w and "B档" in w for w in i.warnings)
    inside = indicator(
        result("cx-2022", {"operating_revenue.y2": "10000", "rd_expense.y2": "400"}), "CX-2"
    )
    assert inside.warnings == ()


# The pass rule: total ≥ 60 and 创新能力 ≥ 20, 成长性 ≥ 15, 专业化 ≥ 15 (or a direct condition).
BASE = {
    **NO_DIRECT,
    "operating_revenue.y2": "10000",
    "main_business_revenue.y1": "10000",
    "total_assets.y2": "10000",
    "total_liabilities.y2": "4000",  # 40% → 10
    "ip_class1_high": "0",
    "ip_class1_own": "0",
    "ip_class1": "0",
}


def test_cx_exactly_60_with_every_group_at_its_floor_passes():
    changes = {
        **BASE,
        "ip_class2": "1",  # D 5
        "rd_expense.y2": "300",  # 3% → B 15    创新能力 20
        "main_business_revenue.y2": "10000",  # 0% → D 5   成长性 5 + 10 = 15
        "strategic_emerging": "否",  # B 5
        "operating_revenue.y2": "10000",
    }
    changes["main_business_revenue.y2"] = "10000"
    # 主营业务收入占比 100% → A 20: 专业化 25; total 20 + 15 + 25 = 60
    r = result("cx-2022", changes)
    assert r.score is not None
    assert (
        r.score.total,
        r.score.part("innov"),
        r.score.part("growth"),
        r.score.part("special"),
    ) == (60, 20, 15, 25)
    assert r.criterion("CX-SCORE").status == Status.MET
    assert r.group("pass").status == Status.MET


def test_cx_total_above_60_fails_when_innovation_is_below_20():
    changes = {
        **BASE,
        "ip_class2": "0",  # E 0
        "rd_expense.y2": "300",  # B 15: 创新能力 15
        "main_business_revenue.y1": "8000",
        "main_business_revenue.y2": "10000",  # 25% → A 20: 成长性 30
        "strategic_emerging": "是",  # 专业化 30
    }
    r = result("cx-2022", changes)
    assert r.score is not None and r.score.total == 75 and r.score.part("innov") == 15
    assert r.criterion("CX-SCORE").status == Status.NOT_MET
    assert r.status == Status.NOT_MET  # no direct condition either


@pytest.mark.parametrize(("equity", "status"), [("500", Status.MET), ("499.99", Status.NOT_MET)])
def test_cx_direct_condition_new_equity(equity, status):
    r = result("cx-2022", {**BASE, "equity_3y": equity})
    assert r.criterion("CX-D4").status == status


# --- 专精特新中小企业 (附件2) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mbr", "expected"),
    [("8000", 5), ("7999", 3), ("7000", 3), ("6999", 1), ("6000", 1), ("5999", 0)],
)
def test_zjtx_main_business_share(mbr, expected):
    changes = {"operating_revenue.y2": "10000", "main_business_revenue.y2": mbr}
    assert points("zjtx-2022", "ZJ-1", changes) == expected


def _growth(y1: str, y2: str) -> dict[str, str]:
    return {
        "main_business_revenue.y0": "10000",
        "main_business_revenue.y1": y1,
        "main_business_revenue.y2": y2,
        "operating_revenue.y1": "50000",
        "operating_revenue.y2": "50000",
    }


@pytest.mark.parametrize(
    ("y1", "y2", "expected"),
    [
        ("11000", "12100", 10),  # 10%, 10% → avg 10 → A
        ("11000", "12099", 8),  # 10%, 9.991% → avg 9.995 → B
        ("10800", "11664", 8),  # 8%, 8% → B
        ("10800", "11663", 6),  # 8%, 7.991% → avg 7.995 → C
        ("10600", "11236", 6),  # 6%, 6% → C
        ("10600", "11235", 4),  # 6%, 5.991% → avg 5.995 → D
        ("10400", "10816", 4),  # 4%, 4% → D
        ("10400", "10815", 2),  # 4%, 3.990% → avg 3.995 → E
        ("10000", "10000", 2),  # 0% → E (0%-4%)
        ("10000", "9999", 0),  # 0%, −0.01% → avg −0.005 → F
    ],
)
def test_zjtx_average_growth_bands(y1, y2, expected):
    assert points("zjtx-2022", "ZJ-2", _growth(y1, y2)) == expected


def test_zjtx_average_growth_both_readings_are_shown_when_they_differ():
    # 0% then 20%: arithmetic average 10% → A 10; compound √1.2 − 1 = 9.54% → B 8
    i = indicator(result("zjtx-2022", _growth("10000", "12000")), "ZJ-2")
    assert i.points == 10 and i.band.option == "A"
    assert any("年均复合增长率" in o and "B档 8分" in o for o in i.others)
    same = indicator(result("zjtx-2022", _growth("10400", "10816")), "ZJ-2")
    assert same.others == ()  # both readings give 4%


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2015-12-31", 5),  # 10 full years to 2025-12-31
        ("2016-01-01", 4),
        ("2017-12-31", 4),  # 8
        ("2018-01-01", 3),
        ("2019-12-31", 3),  # 6
        ("2020-01-01", 2),
        ("2021-12-31", 2),  # 4
        ("2022-01-01", 1),
        ("2023-12-31", 1),  # 2
        ("2024-01-01", 0),
    ],
)
def test_zjtx_years_in_segment_one_point_per_two_full_years(start, expected):
    assert points("zjtx-2022", "ZJ-3", {"segment_start": start}) == expected


@pytest.mark.parametrize(
    ("field", "expected", "option"),
    [  # 附件2 指标4, printed options (post2021.md §2.2)
        ("在产业链供应链关键环节及关键领域“补短板”“锻长板”“填空白”取得实际成效", 5, "A"),
        ("属于工业“六基”领域、中华老字号名录或企业主导产品服务关键产业链重点龙头企业", 3, "B"),
        ("不属于以上情况", 0, "C"),
    ],
)
def test_zjtx_main_product_field_options(field, expected, option):
    i = indicator(result("zjtx-2022", {"main_product_field": field}), "ZJ-4")
    assert (i.points, i.band.option) == (expected, option)


@pytest.mark.parametrize(
    ("level", "expected"), [("三级以上", 5), ("二级", 3), ("一级", 0), ("未评测", 0)]
)
def test_zjtx_digital_level(level, expected):
    assert points("zjtx-2022", "ZJ-5", {"digital_level": level}) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["以上均无"], 0),
        (["拥有自主品牌"], 3),
        (["拥有自主品牌", "参与制修订标准"], 5),  # 3 × 2 = 6, capped at 5
        (
            [
                "获得省级以上质量奖荣誉",
                "拥有自主品牌",
                "参与制修订标准",
                "建立质量管理体系，获得ISO9001等质量管理体系认证证书",
            ],
            5,
        ),
    ],
)
def test_zjtx_quality_three_points_each_at_most_five(items, expected):
    assert points("zjtx-2022", "ZJ-6", {"quality_items": items}) == expected


@pytest.mark.parametrize(
    ("profit", "expected"),
    [
        ("1000", 10),
        ("999", 8),
        ("800", 8),
        ("799", 6),
        ("600", 6),
        ("599", 4),
        ("400", 4),
        ("399", 2),
        ("200", 2),
        ("199", 0),
        ("-50", 0),
    ],
)
def test_zjtx_net_margin(profit, expected):
    assert (
        points("zjtx-2022", "ZJ-7", {"operating_revenue.y2": "10000", "net_profit.y2": profit})
        == expected
    )


@pytest.mark.parametrize(
    ("liabilities", "expected"),
    [("4999", 5), ("5000", 3), ("5999", 3), ("6000", 1), ("6999", 1), ("7000", 0)],
)
def test_zjtx_debt_ratio(liabilities, expected):
    changes = {"total_assets.y2": "10000", "total_liabilities.y2": liabilities}
    assert points("zjtx-2022", "ZJ-8", changes) == expected


def test_zjtx_local_points_are_the_entered_figure_never_computed():
    assert points("zjtx-2022", "ZJ-9", {"local_feature_score": "12.5"}) == Decimal("12.5")
    i = indicator(result("zjtx-2022", {"local_feature_score": None}), "ZJ-9")
    assert i.points is None
    r = result("zjtx-2022", {"local_feature_score": None})
    assert r.score is not None and not r.score.complete and r.score.pending() == 15


@pytest.mark.parametrize(
    ("ip", "expected"),
    [
        ({"ip_class1_high": "2"}, 10),
        ({"ip_class1_high": "0", "ip_class1_own": "1"}, 8),
        ({"ip_class1_high": "0", "ip_class1_own": "0", "ip_class1": "1"}, 6),
        ({"ip_class1_high": "0", "ip_class1_own": "0", "ip_class1": "0", "ip_class2": "3"}, 2),
        ({"ip_class1_high": "0", "ip_class1_own": "0", "ip_class1": "0", "ip_class2": "0"}, 0),
    ],
)
def test_zjtx_ip(ip, expected):
    assert points("zjtx-2022", "ZJ-10", ip) == expected


@pytest.mark.parametrize(
    ("revenue", "rd", "expected", "branch"),
    [
        ("50000", "500", 10, "研发费用总额"),  # 500万元 (1%)
        ("50000", "499", 8, "研发费用总额"),
        ("50000", "400", 8, "研发费用总额"),
        ("50000", "399", 6, "研发费用总额"),
        ("50000", "300", 6, "研发费用总额"),
        ("50000", "299", 4, "研发费用总额"),
        ("50000", "200", 4, "研发费用总额"),
        ("50000", "199", 2, "研发费用总额"),
        ("50000", "100", 2, "研发费用总额"),
        ("50000", "99", 0, ""),  # 99万元 and 0.198%: neither
        ("1000", "100", 10, "研发费用总额占营业收入总额比重"),  # 10%, but only E by amount
        ("1000", "99", 8, "研发费用总额占营业收入总额比重"),  # 9.9%; 99万元 is F by amount
        ("1000", "80", 8, "研发费用总额占营业收入总额比重"),
        ("1000", "79", 6, "研发费用总额占营业收入总额比重"),
        ("1000", "60", 6, "研发费用总额占营业收入总额比重"),
        ("1000", "59", 4, "研发费用总额占营业收入总额比重"),
        ("1000", "40", 4, "研发费用总额占营业收入总额比重"),
        ("1000", "39", 2, "研发费用总额占营业收入总额比重"),
        ("1000", "30", 2, "研发费用总额占营业收入总额比重"),  # 3%
        ("1000", "29", 0, ""),  # 2.9% and 29万元: neither
    ],
)
def test_zjtx_rd_is_an_or_indicator_decided_by_the_better_branch(revenue, rd, expected, branch):
    i = indicator(
        result("zjtx-2022", {"operating_revenue.y2": revenue, "rd_expense.y2": rd}), "ZJ-11"
    )
    assert i.points == expected
    if branch:
        assert i.branch.startswith(f"按{branch}")
    assert len(i.others) == 1  # the other branch is shown with its own band


def test_zjtx_rd_or_indicator_waits_for_a_branch_that_could_score_higher():
    # amount known (E 2), ratio unknown (no revenue): the ratio might give more
    i = indicator(
        result("zjtx-2022", {"operating_revenue.y2": None, "rd_expense.y2": "150"}), "ZJ-11"
    )
    assert i.points is None
    top = indicator(
        result("zjtx-2022", {"operating_revenue.y2": None, "rd_expense.y2": "600"}), "ZJ-11"
    )
    assert top.points == 10  # already full marks: the unknown branch cannot beat it


@pytest.mark.parametrize(
    ("ratio", "expected"), [("20", 5), ("19.99", 3), ("10", 3), ("9.99", 1), ("5", 1), ("4.99", 0)]
)
def test_zjtx_rd_staff_ratio(ratio, expected):
    assert points("zjtx-2022", "ZJ-12", {"rd_staff_ratio.y2": ratio}) == expected


@pytest.mark.parametrize(
    ("level", "expected"),
    [("国家级", 10), ("省级", 8), ("市级", 4), ("市级以下", 2), ("未建立研发机构", 0)],
)
def test_zjtx_rd_institution(level, expected):
    assert points("zjtx-2022", "ZJ-13", {"rd_institution": level}) == expected


def test_zjtx_demo_total_and_parts_by_hand():
    # demo: 5+4+5+5 | 3+5+8+5 | 9 | 8+10+5+8 = 19 + 21 + 9 + 31 = 80
    r = result("zjtx-2022")
    assert r.score is not None and r.score.complete
    assert {g.id: r.score.part(g.id) for g in r.score.table.groups} == {
        "zhuan": 19,
        "jing": 21,
        "te": 9,
        "xin": 31,
    }
    assert r.score.total == 80


@pytest.mark.parametrize(
    ("local", "total", "status"), [("0", 59, Status.NOT_MET), ("1", 60, Status.MET)]
)
def test_zjtx_condition_four_score_60_boundary(local, total, status):
    # demo 80 − 9 (特色化 9 → local) − 8 (研发机构 省级 → 未建立) − 3 (数字化 二级 → 一级)
    # − 1 (细分市场 14年 → 9年: 5 → 4) = 59 + local
    changes = {
        **NO_DIRECT,
        "rd_institution": "未建立研发机构",
        "digital_level": "一级",
        "segment_start": "2016-01-01",
        "local_feature_score": local,
        "rd_expense.y1": "0",
        "rd_expense.y2": "1990",  # 两年均值 995 < 1000: no direct route; still A (≥500) in ZJ-11
    }
    r = result("zjtx-2022", changes)
    assert r.score is not None and r.score.total == total
    assert r.criterion("ZJ-C4").status == status


def test_check_json_carries_the_score_with_its_parts(capsys):
    from zjtx_desktop.cli import main
    from zjtx_desktop.core.paths import resources_dir

    code = main(
        [
            "check",
            str(resources_dir() / "demo" / "self-assessment-2026.json"),
            "--programme",
            "zjtx-2022",
            "--json",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    [rs] = out
    assert rs["score"]["total"] == 80
    assert rs["score"]["parts"] == {"zhuan": 19, "jing": 21, "te": 9, "xin": 31}
    zj11 = next(i for i in rs["score"]["indicators"] if i["id"] == "ZJ-11")
    assert zj11["points"] == 10 and zj11["branch"].startswith("按研发费用总额")
    assert rs["grade"] == "B"
