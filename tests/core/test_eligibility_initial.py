"""79号 初核 (申请书第六部分): 分类指标 a/b/c and the 6 必备指标, at and around every threshold.

Data: the demo 申请书 (营业收入 2019年 23500 / 2020年 26800万元, 研发经费 1290 / 1560万元,
资产总额 2020年 34600, 负债总额 14200 …) with single values changed.
"""

import pytest

from tests.core.eligibility_data import APP, MET, NOT_MET, UNKNOWN, Checker

c = Checker("nat-xjr-2021b3-initial", (APP,))


def test_demo_application_is_band_a_with_five_of_six_required_met_and_m2_left_to_the_reviewer():
    r = c()
    assert r.group("class") == (MET, 1, 2, 0)
    assert r.group("required") == (UNKNOWN, 5, 0, 1)
    assert r.r.status == UNKNOWN
    assert r.r.criterion("INIT-M2").judgements  # the 知名度 part is the reviewer's
    _label, band = r.r.highlights[0]
    assert band.value == "a"


# --- a: 1亿元及以上, each year ≥ 3% --------------------------------------------------------


@pytest.mark.parametrize(
    ("revenue", "expected"),
    [("10000", MET), ("10000.01", MET), ("9999.99", NOT_MET)],
)
def test_band_a_revenue_of_exactly_1yi_counts_and_a_cent_less_does_not(revenue, expected):
    assert c({"operating_revenue.y2": revenue}).status("INIT-A") == expected


def test_band_a_failure_names_the_revenue_that_decided_it():
    text = c({"operating_revenue.y2": "9999.99"}).explanation("INIT-A")
    assert text.startswith("营业收入 2020年 9999.99万元 < 10000万元")


@pytest.mark.parametrize(
    ("field", "amount", "expected"),
    [
        ("rd_expense.y1", "705", MET),  # 705 / 23500 = 3%
        ("rd_expense.y1", "704.99", NOT_MET),
        ("rd_expense.y2", "804", MET),  # 804 / 26800 = 3%
        ("rd_expense.y2", "803.99", NOT_MET),
    ],
)
def test_band_a_rd_ratio_of_exactly_3_percent_in_each_year_counts(field, amount, expected):
    assert c({field: amount}).status("INIT-A") == expected


def test_rd_ratio_just_below_3_is_shown_with_enough_decimals_not_rounded_up_to_3():
    text = c({"rd_expense.y1": "704.99"}).explanation("INIT-A")
    assert "研发经费占比 2019年 2.99996% < 3%" in text
    assert "由研发经费总额÷营业收入计算" in text


def test_rd_ratio_falls_back_to_the_reported_ratio_and_says_so():
    r = c({"rd_expense.y1": None, "rd_ratio.y1": "3"})
    assert r.status("INIT-A") == MET
    assert "研发经费占比 2019年 3% ≥ 3%（填报值）" in r.explanation("INIT-A")
    r = c({"rd_expense.y1": None, "rd_ratio.y1": "2.99"})
    assert r.status("INIT-A") == NOT_MET


def test_band_a_with_the_2019_rd_figures_blank_is_unknown_and_names_the_fields():
    r = c({"rd_expense.y1": None, "rd_ratio.y1": None})
    assert r.status("INIT-A") == UNKNOWN
    assert r.missing("INIT-A") == ["rd_expense.y1"]
    text = r.explanation("INIT-A")
    assert "待填写：研发经费总额（2019年）（或填写：研发经费占营业收入比重（2019年））" in text


def test_band_a_is_not_met_when_revenue_fails_even_though_the_rd_ratio_is_unknown():
    r = c({"operating_revenue.y2": "9000", "rd_expense.y1": None, "rd_ratio.y1": None})
    assert r.status("INIT-A") == NOT_MET


def test_band_a_reports_when_the_average_reading_would_pass_where_each_year_fails():
    r = c({"rd_expense.y1": "587.5"})  # 2.5% in 2019, 5.82% in 2020
    assert r.status("INIT-A") == NOT_MET
    assert "按“两年平均”口径则为满足" in r.explanation("INIT-A")
    assert "取较严的每年均不低于3%" in r.explanation("INIT-A")


# --- b: 5000万元（含）—1亿元（不含）, each year ≥ 6% -----------------------------------------

B = {"rd_expense.y1": "1410"}  # 1410 / 23500 = 6%


@pytest.mark.parametrize(
    ("revenue", "rd_2020", "expected"),
    [
        ("5000", "300", MET),  # （含）: 300 / 5000 = 6%
        ("4999.99", "300", NOT_MET),
        ("9999.99", "600", MET),
        ("10000", "600", NOT_MET),  # （不含）
    ],
)
def test_band_b_includes_5000_and_excludes_1yi(revenue, rd_2020, expected):
    r = c({**B, "operating_revenue.y2": revenue, "rd_expense.y2": rd_2020})
    assert r.status("INIT-B") == expected


def test_band_b_at_1yi_says_the_revenue_is_not_below_1yi():
    text = c({**B, "operating_revenue.y2": "10000"}).explanation("INIT-B")
    assert text.startswith("营业收入 2020年 10000万元 ≥ 10000万元")


def test_band_b_met_shows_the_band_the_revenue_lies_in():
    r = c({**B, "operating_revenue.y2": "8000", "rd_expense.y2": "480"})
    assert r.status("INIT-B") == MET
    assert "5000万元 ≤ 营业收入 2020年 8000万元 < 10000万元" in r.explanation("INIT-B")


@pytest.mark.parametrize(
    ("rd_2019", "rd_2020", "expected"),
    [("1410", "480", MET), ("1409.99", "480", NOT_MET), ("1410", "479.99", NOT_MET)],
)
def test_band_b_rd_ratio_of_exactly_6_percent_in_each_year_counts(rd_2019, rd_2020, expected):
    r = c({"operating_revenue.y2": "8000", "rd_expense.y1": rd_2019, "rd_expense.y2": rd_2020})
    assert r.status("INIT-B") == expected


def test_band_b_with_revenue_blank_is_unknown_when_the_rd_ratios_qualify():
    r = c({**B, "operating_revenue.y2": None, "rd_ratio.y2": "6"})
    assert r.status("INIT-B") == UNKNOWN
    assert r.missing("INIT-B") == ["operating_revenue.y2"]


def test_band_b_with_revenue_blank_is_not_met_when_an_rd_ratio_is_below_6():
    assert c({"operating_revenue.y2": None}).status("INIT-B") == NOT_MET


@pytest.mark.parametrize(
    ("revenue", "band"),
    [("10000", "a"), ("9999.99", "b"), ("5000", "b"), ("4999.99", "c")],
)
def test_the_band_suggested_to_the_official_follows_the_revenue_thresholds(revenue, band):
    r = c({"operating_revenue.y2": revenue})
    assert r.r.highlights[0][1].value == band


# --- c: 不足5000万元, 8000万元（含）, 3000万元（含）, 50%（含）, plus a judgement ----------------

C = {
    "operating_revenue.y2": "4999.99",
    "equity_financing": "是",
    "equity_financing_amount": "8000",
    "rd_expense.y1": "1500",
    "rd_expense.y2": "1500",
    "rd_staff_ratio.y2": "50",
}


def test_band_c_with_every_figure_exactly_at_its_threshold_awaits_only_the_reviewer():
    r = c(C)
    assert r.status("INIT-C") == UNKNOWN
    assert r.missing("INIT-C") == []
    text = r.explanation("INIT-C")
    assert "近2年内新增股权融资额 8000万元 ≥ 8000万元" in text
    assert "近2年研发投入合计 3000万元 ≥ 3000万元" in text
    assert "研发人员占企业职工总数比例 2020年 50% ≥ 50%" in text
    assert "须由审核人员判断：创新成果属于通知“二、重点领域”细分行业关键技术重大突破" in text


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"operating_revenue.y2": "5000"}, "营业收入 2020年 5000万元 ≥ 5000万元"),
        ({"equity_financing_amount": "7999.99"}, "近2年内新增股权融资额 7999.99万元 < 8000万元"),
        ({"rd_expense.y2": "1499.99"}, "近2年研发投入合计 2999.99万元 < 3000万元"),
        ({"rd_staff_ratio.y2": "49.99"}, "研发人员占企业职工总数比例 2020年 49.99% < 50%"),
        ({"equity_financing": "否"}, "近2年内新增股权融资额 0万元 < 8000万元"),
    ],
)
def test_band_c_fails_just_past_each_threshold_and_names_the_figure(change, fragment):
    r = c({**C, **change})
    assert r.status("INIT-C") == NOT_MET
    assert fragment in r.explanation("INIT-C")
    assert "须由审核人员判断" not in r.explanation("INIT-C")


def test_band_c_with_the_equity_amount_blank_asks_for_it():
    r = c({**C, "equity_financing_amount": None})
    assert r.status("INIT-C") == UNKNOWN
    assert r.missing("INIT-C") == ["equity_financing_amount"]


@pytest.mark.parametrize(("rd_staff", "expected"), [("160", UNKNOWN), ("159", NOT_MET)])
def test_band_c_staff_ratio_falls_back_to_the_headcounts(rd_staff, expected):
    r = c({**C, "rd_staff_ratio.y2": None, "rd_staff": rd_staff, "employees": "320"})
    assert r.status("INIT-C") == expected
    assert "由当前研发人员数÷从业人数计算" in r.explanation("INIT-C")


# --- 必备指标 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mbr", "expected"), [("7000", MET), ("7000.01", MET), ("6999.99", NOT_MET)]
)
def test_m1_main_business_share_of_exactly_70_percent_counts(mbr, expected):
    r = c({"operating_revenue.y2": "10000", "main_business_revenue.y2": mbr})
    assert r.status("INIT-M1") == expected


def test_m1_explanation_shows_the_computed_share():
    r = c({"operating_revenue.y2": "10000", "main_business_revenue.y2": "6999.99"})
    assert r.explanation("INIT-M1").startswith(
        "主营业务收入占营业收入比重 2020年 69.9999% < 70%（由主营业务收入÷营业收入计算）"
    )


def test_m1_with_main_business_revenue_blank_is_unknown_and_asks_for_it():
    r = c({"main_business_revenue.y2": None})
    assert r.status("INIT-M1") == UNKNOWN
    assert r.missing("INIT-M1") == ["main_business_revenue.y2"]


def test_m1_with_zero_revenue_cannot_be_computed_and_says_so():
    r = c({"operating_revenue.y2": "0"})
    assert r.status("INIT-M1") == UNKNOWN
    assert "无法由" in r.explanation("INIT-M1")


@pytest.mark.parametrize(("rank", "expected"), [("3", UNKNOWN), ("1", UNKNOWN), ("4", NOT_MET)])
def test_m2_rank_3_is_within_the_top_3_but_renown_is_for_the_reviewer(rank, expected):
    r = c({"province_rank.y2": rank})
    assert r.status("INIT-M2") == expected
    if expected == NOT_MET:
        assert "主导产品本省排名 2020年 第4位 > 第3位" in r.explanation("INIT-M2")
    else:
        assert r.r.criterion("INIT-M2").judgements
        assert r.missing("INIT-M2") == []


def test_m2_with_rank_blank_asks_for_the_rank():
    r = c({"province_rank.y2": None})
    assert r.status("INIT-M2") == UNKNOWN
    assert r.missing("INIT-M2") == ["province_rank.y2"]


@pytest.mark.parametrize(
    ("liabilities", "expected"),
    [("24220", MET), ("24219.99", MET), ("24220.01", NOT_MET)],  # 24220 / 34600 = 70%
)
def test_m3_debt_ratio_of_exactly_70_percent_is_not_above_70(liabilities, expected):
    r = c({"total_liabilities.y2": liabilities})
    assert r.status("INIT-M3") == expected


@pytest.mark.parametrize(("reported", "expected"), [("70", MET), ("70.01", NOT_MET)])
def test_m3_uses_the_reported_debt_ratio_when_liabilities_are_blank(reported, expected):
    r = c({"total_liabilities.y2": None, "debt_ratio.y2": reported})
    assert r.status("INIT-M3") == expected
    assert "（填报值）" in r.explanation("INIT-M3")


def test_m3_prefers_the_ratio_computed_from_amounts_over_the_reported_one():
    r = c({"total_liabilities.y2": "24220.01", "debt_ratio.y2": "41.04"})
    assert r.status("INIT-M3") == NOT_MET
    assert "由负债总额÷资产总额计算" in r.explanation("INIT-M3")


def test_m3_with_neither_amount_nor_ratio_is_unknown():
    r = c({"total_liabilities.y2": None, "debt_ratio.y2": None})
    assert r.status("INIT-M3") == UNKNOWN
    assert r.missing("INIT-M3") == ["total_liabilities.y2"]


NO_IP = {
    "invention_patents": "0",
    "ic_layout_designs": "0",
    "utility_model_patents": "0",
    "design_patents": "0",
    "software_copyrights": "0",
}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"invention_patents": "2"}, MET),
        ({"invention_patents": "1"}, NOT_MET),
        ({"invention_patents": "1", "ic_layout_designs": "1"}, MET),  # 布图设计 counts
        ({"utility_model_patents": "5"}, MET),
        ({"utility_model_patents": "4"}, NOT_MET),
        ({"utility_model_patents": "2", "design_patents": "2", "software_copyrights": "1"}, MET),
        ({"invention_patents": "2", "ic_layout_designs": None}, MET),
        ({"invention_patents": "1", "ic_layout_designs": None}, UNKNOWN),
    ],
)
def test_m4_two_inventions_or_five_other_rights_in_total(change, expected):
    assert c({**NO_IP, **change}).status("INIT-M4") == expected


def test_m4_unknown_while_the_ic_layout_count_could_still_make_two():
    r = c({**NO_IP, "invention_patents": "1", "ic_layout_designs": None})
    assert r.missing("INIT-M4") == ["ic_layout_designs"]


def test_m4_failure_shows_both_counts():
    text = c({**NO_IP, "invention_patents": "1", "utility_model_patents": "4"}).explanation(
        "INIT-M4"
    )
    assert "有效发明专利（含集成电路布图设计专有权） 1项 < 2项" in text
    assert "实用新型、外观设计专利、软件著作权合计 4项 < 5项" in text


NO_CERTS = {"mgmt_certs": None, "developed_country_certs": None, "product_standard_levels": None}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, NOT_MET),
        ({"product_standard_levels": ["地方标准"]}, NOT_MET),
        ({"product_standard_levels": ["行业标准"]}, MET),
        ({"product_standard_levels": ["国际标准"]}, MET),
        ({"mgmt_certs": ["其他"]}, MET),
        ({"developed_country_certs": ["UL"]}, MET),
    ],
)
def test_m5_any_certificate_or_a_national_level_standard_local_standards_do_not_count(
    change, expected
):
    assert c({**NO_CERTS, **change}).status("INIT-M5") == expected


@pytest.mark.parametrize(("answer", "expected"), [("否", MET), ("是", NOT_MET), (None, UNKNOWN)])
def test_m6_is_the_declaration_in_the_helper_field(answer, expected):
    r = c({"major_accident_3y": answer})
    assert r.status("INIT-M6") == expected
    if answer is None:
        assert r.missing("INIT-M6") == ["major_accident_3y"]


def test_one_failed_required_indicator_fails_the_initial_check_whatever_is_unknown():
    r = c({"total_liabilities.y2": "30000", "major_accident_3y": None})
    assert r.group("required")[0] == NOT_MET
    assert r.r.status == NOT_MET


def test_no_band_met_fails_the_class_indicator():
    r = c({"rd_expense.y1": "500"})  # a by revenue, but 2.13% in 2019
    assert r.group("class") == (NOT_MET, 0, 3, 0)
