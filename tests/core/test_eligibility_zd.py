"""重点“小巨人”: the national template (财建〔2021〕2号) and Jilin's 第二批 reading of it."""

import pytest

from tests.core.eligibility_data import (
    APP,
    JL_BASIC,
    JL_TARGETS,
    MET,
    NAT_BASIC,
    NAT_TARGETS,
    NOT_MET,
    UNKNOWN,
    Checker,
)

nat = Checker("nat-zd-2021", (NAT_BASIC, NAT_TARGETS))
nat_app = Checker("nat-zd-2021", (NAT_BASIC, NAT_TARGETS, APP))
jl = Checker("jl-zd-2021b2", (JL_BASIC, JL_TARGETS))
jl_app = Checker("jl-zd-2021b2", (JL_BASIC, JL_TARGETS, APP))


# --- national template ---------------------------------------------------------------------


def test_the_2019_rd_ratio_is_not_on_the_targets_table_and_the_check_says_where_it_is():
    r = nat()
    assert r.status("ZD-RD") == UNKNOWN
    assert "须在《第三批专精特新“小巨人”企业申请书》中填写" in r.explanation("ZD-RD")


@pytest.mark.parametrize(("base", "expected"), [("4", UNKNOWN), ("3.99", NOT_MET)])
def test_rd_below_4_in_2020_fails_even_while_2019_is_unknown(base, expected):
    assert nat({"rd_ratio.base": base}).status("ZD-RD") == expected


@pytest.mark.parametrize(
    ("rd_2019", "expected"),
    [("940", MET), ("939.99", NOT_MET)],  # 940 / 23500 = 4%
)
def test_rd_of_exactly_4_percent_in_2019_counts_with_the_application_data(rd_2019, expected):
    assert nat_app({"rd_expense.y1": rd_2019}).status("ZD-RD") == expected


def test_rd_each_year_is_the_stricter_reading_and_the_average_is_reported_when_it_differs():
    r = nat_app({"rd_expense.y1": "822.5"})  # 3.5% in 2019, 5.82% in 2020
    assert r.status("ZD-RD") == NOT_MET
    text = r.explanation("ZD-RD")
    assert "研发经费支出占营业收入比重 2019年 3.5% < 4%" in text
    assert "取较严的2019年、2020年每年均不低于4%" in text
    assert "按“两年平均”口径则为满足" in text


@pytest.mark.parametrize(("share", "expected"), [("70", MET), ("69.99", NOT_MET), (None, UNKNOWN)])
def test_main_business_share_of_70_percent_and_above(share, expected):
    assert nat({"mbr_share.base": share}).status("ZD-SPEC") == expected


NOTHING = {"invention_patents.base": "1", "rd_institutions.base": "0", "standards_count.base": "0"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, NOT_MET),
        ({"invention_patents.base": "2"}, MET),
        ({"rd_institutions.base": "1"}, MET),
        ({"standards_count.base": "1"}, MET),
    ],
)
def test_one_of_three_innovation_items_is_enough(change, expected):
    assert nat({**NOTHING, **change}).status("ZD-INNO3") == expected


@pytest.mark.parametrize(("certs", "expected"), [("0", NOT_MET), ("1", MET)])
def test_one_quality_management_certificate_is_enough(certs, expected):
    assert nat({"quality_certs.base": certs}).status("ZD-QMS") == expected


NO_ORIENTATION = {"four_base": "否", "fills_gap": ["否"], "shortboard": "否"}


def test_orientation_with_every_box_no_still_allows_the_items_without_a_box():
    r = nat(NO_ORIENTATION)
    assert r.status("ZD-IND") == UNKNOWN
    assert "制造强国战略十大重点产业领域" in r.r.criterion("ZD-IND").declarations[0]


@pytest.mark.parametrize(
    "change",
    [{"four_base": "是"}, {"fills_gap": ["填补国际空白"]}, {"shortboard": "是"}],
)
def test_orientation_any_ticked_box_meets_it(change):
    assert nat({**NO_ORIENTATION, **change}).status("ZD-IND") == MET


@pytest.mark.parametrize(
    ("growth", "plan", "expected"),
    [
        ("0", "无", NOT_MET),
        ("0.01", "无", MET),
        ("-5", "递交申请书", UNKNOWN),  # is the plan for 新三板? only the 申请书 says
        ("-5", "已进入辅导期", UNKNOWN),
    ],
)
def test_growth_means_above_zero_or_a_listing_plan(growth, plan, expected):
    r = nat({"mbr_growth_last.base": growth, "listing_plan.base": plan})
    assert r.status("ZD-GROW") == expected


@pytest.mark.parametrize(
    ("venue", "expected"), [("上交所科创板", MET), ("深交所主板", MET), ("新三板", NOT_MET)]
)
def test_national_listing_plan_for_the_neeq_is_not_counted_the_stricter_reading(venue, expected):
    flat = {"main_business_revenue.y2": "21900"}  # no growth over 2019
    r = nat_app({**flat, "listing_plan.base": "已进入辅导期", "listing_venue": venue})
    assert r.status("ZD-GROW") == expected
    assert "取较严的不算" in r.explanation("ZD-GROW")


def test_growth_is_not_a_condition_of_the_first_batch_and_does_not_fail_the_verdict():
    r = nat({"mbr_growth_last.base": "0", "listing_plan.base": "无"})
    assert r.status("ZD-GROW") == NOT_MET
    growth = r.r.group("growth")
    assert not growth.gate
    assert r.r.status == UNKNOWN  # only the declarations remain open
    assert "不作为申报条件" in r.explanation("ZD-GROW")


def test_a_failed_condition_fails_the_national_verdict():
    assert nat({"mbr_share.base": "69.99"}).r.status == NOT_MET


@pytest.mark.parametrize(
    ("status", "expected"), [("有上市计划", MET), ("无上市计划", MET), ("已上市", UNKNOWN)]
)
def test_listing_exclusion_from_the_application_a_listed_firm_must_say_where(status, expected):
    assert nat_app({"listing_status": status}).status("ZD-X1") == expected


def test_listing_exclusion_without_the_application_is_a_declaration():
    r = nat()
    assert r.status("ZD-X1") == UNKNOWN
    assert r.r.criterion("ZD-X1").declarations


# --- Jilin 第二批 ----------------------------------------------------------------------------


@pytest.mark.parametrize(("rd_2019", "expected"), [("940", MET), ("939.99", NOT_MET)])
def test_jilin_each_of_the_last_two_years_at_least_4_percent(rd_2019, expected):
    r = jl_app({"rd_expense.y1": rd_2019})
    assert r.status("JL-ZD-RD") == expected
    assert "每年均不低于4%" in r.explanation("JL-ZD-RD")


def test_jilin_gives_its_own_reading_so_no_other_reading_is_offered():
    text = jl_app({"rd_expense.y1": "822.5"}).explanation("JL-ZD-RD")
    assert "口径" in text
    assert "两年平均" not in text


@pytest.mark.parametrize(("base", "expected"), [("4", UNKNOWN), ("3.99", NOT_MET)])
def test_jilin_rd_without_the_application_is_decided_by_2020_when_it_fails(base, expected):
    assert jl({"rd_ratio.base": base}).status("JL-ZD-RD") == expected


@pytest.mark.parametrize(("share", "expected"), [("70", MET), ("69.99", NOT_MET)])
def test_jilin_main_business_share(share, expected):
    assert jl({"mbr_share.base": share}).status("JL-ZD-SPEC") == expected


JL_NOTHING = {
    "invention_patents_applied.base": "0",
    "rd_institution_level.base": "无研发机构",
    "standards_lead_intl_national.base": "0",
    "standards_lead_industry.base": "0",
    "standards_participate.base": "0",
}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"invention_patents_applied.base": "2"}, MET),  # applied ≤ valid
        ({"invention_patents_applied.base": "1"}, UNKNOWN),  # the valid count may still be 2
        ({"rd_institution_level.base": "其他"}, MET),
        ({"standards_participate.base": "1"}, MET),
    ],
)
def test_jilin_innovation_items_from_the_targets_table(change, expected):
    assert jl({**JL_NOTHING, **change}).status("JL-ZD-INNO3") == expected


@pytest.mark.parametrize(("valid", "expected"), [("2", MET), ("1", NOT_MET)])
def test_jilin_innovation_uses_the_valid_invention_count_from_the_application(valid, expected):
    r = jl_app({**JL_NOTHING, "invention_patents_applied.base": "1", "invention_patents": valid})
    assert r.status("JL-ZD-INNO3") == expected


def test_jilin_targets_table_answer_on_institutions_wins_over_the_application():
    # the 目标表 says 无研发机构 although the 申请书 lists 省级 centres: the table is asked first
    r = jl_app({**JL_NOTHING, "invention_patents": "1", "std_nat_lead": "0", "std_nat_join": "0"})
    assert r.status("JL-ZD-INNO3") == NOT_MET
    assert (
        "自建或与高校和科研机构联合建立研发机构：否（无研发机构）（目标表实施期初始值）"
        in r.explanation("JL-ZD-INNO3")
    )


@pytest.mark.parametrize(("certs", "expected"), [("0", NOT_MET), ("1", MET)])
def test_jilin_quality_certificate(certs, expected):
    assert jl({"quality_certs.base": certs}).status("JL-ZD-QMS") == expected


FLAT = {"main_business_revenue.y2": "21900"}  # the same as 2019: no growth


@pytest.mark.parametrize(
    ("venue", "expected"), [("新三板", NOT_MET), ("上交所科创板", MET), ("深交所创业板", MET)]
)
def test_jilin_a_neeq_listing_plan_is_not_a_listing_plan(venue, expected):
    r = jl_app({**FLAT, "listing_plan.base": "已进入辅导期", "listing_venue": venue})
    assert r.status("JL-ZD-GROW") == expected


def test_jilin_growth_of_zero_is_not_growth():
    r = jl_app({**FLAT, "listing_plan.base": "无"})
    assert r.status("JL-ZD-GROW") == NOT_MET
    assert "上年主营业务收入增长率（2020年） 0% ≤ 0%" in r.explanation("JL-ZD-GROW")


@pytest.mark.parametrize(("growth", "expected"), [("0.01", MET), ("0", NOT_MET)])
def test_jilin_growth_from_the_targets_table_alone(growth, expected):
    r = jl({"mbr_growth_last.base": growth, "listing_plan.base": "无"})
    assert r.status("JL-ZD-GROW") == expected


def test_jilin_listing_plan_without_the_application_needs_the_neeq_declaration():
    r = jl({"mbr_growth_last.base": "0", "listing_plan.base": "已进入辅导期"})
    assert r.status("JL-ZD-GROW") == UNKNOWN
    assert "新三板" in r.r.criterion("JL-ZD-GROW").declarations[0]


def test_jilin_growth_is_a_condition_of_the_second_batch():
    r = jl({"mbr_growth_last.base": "0", "listing_plan.base": "无"})
    assert r.r.group("growth").gate
    assert r.r.status == NOT_MET


def test_jilin_batch_one_funding_and_recognition_are_declarations():
    r = jl()
    for cid in ("JL-ZD-B1", "JL-ZD-X2"):
        assert r.status(cid) == UNKNOWN
        assert r.r.criterion(cid).declarations


def test_national_recognition_as_xiaojuren_is_a_declaration():
    r = nat()
    assert r.status("ZD-B1") == UNKNOWN
    assert "专精特新“小巨人”" in r.r.criterion("ZD-B1").declarations[0]


@pytest.mark.parametrize(
    ("status", "expected"), [("有上市计划", MET), ("无上市计划", MET), ("已上市", UNKNOWN)]
)
def test_jilin_listing_exclusion_from_the_application(status, expected):
    r = jl_app({"listing_status": status})
    assert r.status("JL-ZD-X1") == expected
    assert "公示结束前" in r.explanation("JL-ZD-X1")


def test_jilin_orientation_with_every_box_no_asks_for_the_other_items():
    r = jl({"four_base": "否", "fills_gap": ["否"], "shortboard": "否"})
    assert r.status("JL-ZD-IND") == UNKNOWN
    assert r.r.criterion("JL-ZD-IND").declarations


@pytest.mark.parametrize("change", [{"four_base": "是"}, {"fills_gap": ["填补国内空白"]}])
def test_jilin_orientation_any_ticked_box_meets_it(change):
    base = {"four_base": "否", "fills_gap": ["否"], "shortboard": "否"}
    assert jl({**base, **change}).status("JL-ZD-IND") == MET


def test_jilin_orientation_with_the_boxes_blank_is_unknown_and_asks_for_them():
    r = jl({"four_base": None, "fills_gap": None, "shortboard": None})
    assert r.status("JL-ZD-IND") == UNKNOWN
    assert set(r.missing("JL-ZD-IND")) == {"four_base", "fills_gap", "shortboard"}
