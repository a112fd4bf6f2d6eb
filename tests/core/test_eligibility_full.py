"""79号 full conditions: 基本条件, exclusions, all 专项条件 and the 分类条件, at every threshold."""

import pytest

from tests.core.eligibility_data import APP, MET, NOT_MET, UNKNOWN, Checker

c = Checker("nat-xjr-2021b3-full", (APP,))


def test_demo_meets_every_special_condition_except_the_renown_judgement():
    r = c()
    assert r.group("special") == (UNKNOWN, 9, 0, 1)
    assert r.group("class")[0] == MET
    assert r.r.status == UNKNOWN  # declarations and judgements remain


# --- 基本条件 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("registered", "expected"),
    [("2017-12-31", UNKNOWN), ("2018-01-01", NOT_MET), ("2012-05-18", UNKNOWN)],
)
def test_three_years_are_counted_to_the_end_of_the_last_year(registered, expected):
    r = c({"registration_date": registered})
    assert r.status("B1-REG") == expected


def test_age_at_exactly_three_years_is_shown_and_only_the_legal_person_declaration_remains():
    r = c({"registration_date": "2017-12-31"})
    text = r.explanation("B1-REG")
    assert "连续经营年限（至2020-12-31） 3年（2017-12-31 至 2020-12-31） ≥ 3年" in text
    assert r.r.criterion("B1-REG").declarations == (
        "本企业具有独立法人资格（不是分公司等分支机构）",
    )
    assert "取较严的截至上年末" in text


def test_registration_date_blank_is_asked_for():
    r = c({"registration_date": None})
    assert r.status("B1-REG") == UNKNOWN
    assert "registration_date" in r.missing("B1-REG")


@pytest.mark.parametrize(
    ("employees", "revenue", "expected"),
    [
        ("1000", "40000", NOT_MET),  # 工业: both at the 大型 bounds
        ("1000", "39999.99", MET),
        ("999", "40000", MET),
    ],
)
def test_sme_size_is_computed_from_the_300_standard_not_the_declared_size(
    employees, revenue, expected
):
    r = c({"employees": employees, "operating_revenue.y2": revenue, "scale_declared": "中型"})
    assert r.status("B1-SME") == expected
    if expected == NOT_MET:
        assert "大型" in r.explanation("B1-SME")


def test_sme_size_without_an_industry_is_unknown():
    r = c({"industry_code2": None, "niche_code4": None})
    assert r.status("B1-SME") == UNKNOWN
    assert "industry_code2" in r.missing("B1-SME")


def test_provincial_title_is_a_declaration():
    r = c()
    assert r.status("B1-PROV") == UNKNOWN
    assert r.r.criterion("B1-PROV").declarations


@pytest.mark.parametrize(
    ("oem", "brand", "expected"),
    [("否", "否", NOT_MET), ("是", "否", UNKNOWN), ("否", "是", UNKNOWN)],
)
def test_b2_needs_a_large_customer_or_an_own_brand_and_then_the_reviewer(oem, brand, expected):
    assert c({"oem_supplier": oem, "own_brand": brand}).status("B2") == expected


@pytest.mark.parametrize(("rd", "expected"), [("0", NOT_MET), ("0.01", UNKNOWN)])
def test_b3_needs_rd_spending_in_both_years(rd, expected):
    assert c({"rd_expense.y1": rd}).status("B3") == expected


def test_b4_and_false_information_are_for_the_reviewer_only():
    r = c()
    for cid in ("B4", "X1"):
        assert r.status(cid) == UNKNOWN
        assert r.r.criterion(cid).judgements
        assert r.r.criterion(cid).missing == ()


# --- exclusions ----------------------------------------------------------------------------


@pytest.mark.parametrize(("answer", "expected"), [("否", MET), ("是", NOT_MET), (None, UNKNOWN)])
def test_x2_major_accident_declaration(answer, expected):
    assert c({"major_accident_3y": answer}).status("X2") == expected


def test_x3_and_x4_are_declarations_the_enterprise_must_make():
    r = c()
    assert "偷漏税" in r.r.criterion("X3").declarations[0]
    assert "单项冠军" in r.r.criterion("X4").declarations[0]
    assert r.status("X3") == r.status("X4") == UNKNOWN


# --- 经济效益 ------------------------------------------------------------------------------

FLAT_PROFIT = {"net_profit_y0": "100", "net_profit.y1": "100", "net_profit.y2": "100"}


@pytest.mark.parametrize(
    ("mbr", "expected"),
    [
        (("100", "105", "110.25"), MET),  # 5% and 5%: average exactly 5
        (("100", "105", "110.24"), NOT_MET),  # 5% and 4.99%: average 4.995
        (("100", "100", "110"), MET),  # 0% and 10%: average 5
    ],
)
def test_eco1_average_growth_of_exactly_5_percent_counts(mbr, expected):
    y0, y1, y2 = mbr
    r = c(
        {
            **FLAT_PROFIT,
            "main_business_revenue_y0": y0,
            "main_business_revenue.y1": y1,
            "main_business_revenue.y2": y2,
        }
    )
    assert r.status("ECO-1") == expected


def test_eco1_net_profit_growth_alone_is_enough():
    r = c(
        {
            "main_business_revenue_y0": "100",
            "main_business_revenue.y1": "100",
            "main_business_revenue.y2": "100",
        }
    )
    assert r.status("ECO-1") == MET
    assert "近2年净利润平均增长率 18.59% ≥ 5%" in r.explanation("ECO-1")
    assert "主营业务收入" not in r.explanation("ECO-1").split("口径")[0]


def test_eco1_falls_back_to_the_reported_2019_growth_when_the_2018_amount_is_blank():
    r = c({**FLAT_PROFIT, "main_business_revenue_y0": None, "mbr_growth.y1": "-4"})
    # (-4 + 14.61) / 2 = 5.305
    assert r.status("ECO-1") == MET
    assert "主营业务收入增长率 2019年 -4%〔填报值〕" in r.explanation("ECO-1")


def test_eco1_unknown_when_both_growth_figures_are_missing():
    r = c(
        {
            "main_business_revenue_y0": None,
            "mbr_growth.y1": None,
            "net_profit_y0": None,
            "np_growth.y1": None,
        }
    )
    assert r.status("ECO-1") == UNKNOWN
    assert set(r.missing("ECO-1")) == {"main_business_revenue_y0", "net_profit_y0"}


def test_eco1_growth_from_a_loss_year_is_not_computed_nor_taken_from_the_reported_rate():
    flat_mbr = {
        "main_business_revenue_y0": "100",
        "main_business_revenue.y1": "100",
        "main_business_revenue.y2": "100",
    }
    r = c({**flat_mbr, "net_profit_y0": "-100", "np_growth.y1": "150"})
    assert r.status("ECO-1") == UNKNOWN  # the 主营业务收入 branch fails, the 净利润 one is open
    assert "净利润增长率 2019年无法由 净利润总额（2019年）、2018年净利润总额" in r.explanation(
        "ECO-1"
    )
    r = c({**flat_mbr, "net_profit_y0": None, "np_growth.y1": "150"})
    assert r.status("ECO-1") == MET  # without a 2018 figure the reported rate stands


def test_eco1_reports_when_the_compound_reading_disagrees():
    r = c(
        {
            **FLAT_PROFIT,
            "main_business_revenue_y0": "100",
            "main_business_revenue.y1": "120",
            "main_business_revenue.y2": "110",
        }
    )  # 20% and -8.33%: average 5.83, but 110/100 < 1.05²
    assert r.status("ECO-1") == MET
    assert "按“年均复合增长率”口径则为不满足" in r.explanation("ECO-1")


@pytest.mark.parametrize(("liabilities", "expected"), [("24220", MET), ("24220.01", NOT_MET)])
def test_eco2_debt_ratio_not_above_70(liabilities, expected):
    assert c({"total_liabilities.y2": liabilities}).status("ECO-2") == expected


# --- 专业化程度 ----------------------------------------------------------------------------


@pytest.mark.parametrize(("years", "expected"), [("3", MET), ("2", NOT_MET), (None, UNKNOWN)])
def test_spec1_three_years_in_the_niche_and_above(years, expected):
    assert c({"years_in_niche": years}).status("SPEC-1") == expected


@pytest.mark.parametrize(("mbr", "expected"), [("18760", MET), ("18759.99", NOT_MET)])
def test_spec2_main_business_share_of_70_percent_and_above(mbr, expected):
    # 18760 / 26800 = 70%
    assert c({"main_business_revenue.y2": mbr}).status("SPEC-2") == expected


@pytest.mark.parametrize(("rank", "expected"), [("3", UNKNOWN), ("4", NOT_MET)])
def test_spec3_top_three_in_the_province_then_the_reviewer(rank, expected):
    assert c({"province_rank.y2": rank}).status("SPEC-3") == expected


# --- 创新能力 ------------------------------------------------------------------------------


FEW_RIGHTS = {"utility_model_patents": "0", "design_patents": "0", "software_copyrights": "4"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"invention_patents": "1", "ic_layout_designs": "1"}, MET),
        ({"invention_patents": "1", "ic_layout_designs": "0"}, NOT_MET),
        ({"invention_patents": "0", "ic_layout_designs": "0", "design_patents": "1"}, MET),
    ],
)
def test_inno1_inventions_including_ic_layouts_or_five_other_rights(change, expected):
    # 4 software copyrights alone fall one short of 5; one design patent makes 5
    assert c({**FEW_RIGHTS, **change}).status("INNO-1") == expected


NO_INSTITUTIONS = {
    "tech_center": None,
    "tech_center_provincial": None,
    "engineering_center": None,
    "engineering_center_provincial": None,
    "academician_station": "无",
    "postdoc_station": "无",
}


def test_inno2_without_a_graded_institution_asks_for_a_declaration_instead_of_failing():
    r = c(NO_INSTITUTIONS)
    assert r.status("INNO-2") == UNKNOWN
    assert r.r.criterion("INNO-2").declarations


@pytest.mark.parametrize(
    "change",
    [{"academician_station": "有"}, {"postdoc_station": "有"}, {"design_center": ["省级"]}],
)
def test_inno2_a_workstation_or_any_graded_centre_counts(change):
    assert c({**NO_INSTITUTIONS, **change}).status("INNO-2") == MET


@pytest.mark.parametrize(
    ("systems", "expected"), [(["其他"], MET), (["研发设计CAX"], MET), (None, UNKNOWN)]
)
def test_inno3_at_least_one_core_business_on_an_information_system(systems, expected):
    assert c({"core_it_systems": systems}).status("INNO-3") == expected


# --- 经营管理 ------------------------------------------------------------------------------


@pytest.mark.parametrize(("brand", "expected"), [("是", MET), ("否", NOT_MET), (None, UNKNOWN)])
def test_mgt1_own_brand_from_the_helper_field(brand, expected):
    assert c({"own_brand": brand}).status("MGT-1") == expected


@pytest.mark.parametrize(
    ("levels", "expected"), [(["地方标准"], NOT_MET), (["国家标准"], MET), (["行业标准"], MET)]
)
def test_mgt2_local_standards_are_not_national_standards(levels, expected):
    change = {"mgmt_certs": None, "developed_country_certs": None}
    r = c({**change, "product_standard_levels": levels})
    assert r.status("MGT-2") == expected
    assert "地方标准不计" in r.explanation("MGT-2")


# --- 分类条件 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "criterion", "expected"),
    [
        ({"operating_revenue.y2": "10000"}, "CLS-1", MET),
        ({"operating_revenue.y2": "9999.99"}, "CLS-1", NOT_MET),
        (
            {"operating_revenue.y2": "5000", "rd_expense.y1": "1410", "rd_expense.y2": "300"},
            "CLS-2",
            MET,
        ),
        (
            {"operating_revenue.y2": "10000", "rd_expense.y1": "1410", "rd_expense.y2": "600"},
            "CLS-2",
            NOT_MET,
        ),
        ({"operating_revenue.y2": "5000"}, "CLS-3", NOT_MET),
    ],
)
def test_class_conditions_use_the_same_band_edges_as_the_initial_check(change, criterion, expected):
    assert c(change).status(criterion) == expected


def test_class_3_with_every_figure_at_its_threshold_awaits_the_reviewer():
    r = c(
        {
            "operating_revenue.y2": "4999.99",
            "equity_financing": "是",
            "equity_financing_amount": "8000",
            "rd_expense.y1": "1000",
            "rd_expense.y2": "2000",
            "rd_staff_ratio.y2": "50",
        }
    )
    assert r.status("CLS-3") == UNKNOWN
    assert "近2年研发投入经费合计 3000万元 ≥ 3000万元" in r.explanation("CLS-3")


CLS3 = {
    "operating_revenue.y2": "4999.99",
    "equity_financing": "是",
    "equity_financing_amount": "8000",
    "rd_expense.y1": "1000",
    "rd_expense.y2": "2000",
    "rd_staff_ratio.y2": "50",
}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"equity_financing_amount": "7999.99"}, NOT_MET),
        ({"rd_expense.y2": "1999.99"}, NOT_MET),
        ({"rd_staff_ratio.y2": "49.99"}, NOT_MET),
        ({"rd_staff_ratio.y2": "50.01"}, UNKNOWN),
        ({"rd_expense.y1": None}, UNKNOWN),
        ({"rd_expense.y1": None, "operating_revenue.y2": "5000"}, NOT_MET),
    ],
)
def test_class_3_edges_and_unknown_parts(change, expected):
    assert c({**CLS3, **change}).status("CLS-3") == expected


@pytest.mark.parametrize(
    ("rd_2019", "rd_2020", "expected"),
    [("705", "804", MET), ("704.99", "804", NOT_MET), ("705", "803.99", NOT_MET)],
)
def test_class_1_rd_ratio_of_exactly_3_percent_each_year(rd_2019, rd_2020, expected):
    assert c({"rd_expense.y1": rd_2019, "rd_expense.y2": rd_2020}).status("CLS-1") == expected


@pytest.mark.parametrize(
    ("rd_2019", "rd_2020", "expected"),
    [("1410", "480", MET), ("1409.99", "480", NOT_MET), ("1410", "479.99", NOT_MET)],
)
def test_class_2_rd_ratio_of_exactly_6_percent_each_year(rd_2019, rd_2020, expected):
    r = c({"operating_revenue.y2": "8000", "rd_expense.y1": rd_2019, "rd_expense.y2": rd_2020})
    assert r.status("CLS-2") == expected
