"""Table-driven: each rule of the shipped forms fires on a bad value and stays silent on a good
one, with the boundary values the notices name (exactly 300 字, exactly 100%, equal amounts)."""

from __future__ import annotations

import datetime as dt

import pytest

from zjtx_desktop.core.datafile import read_data, session_for
from zjtx_desktop.core.paths import resources_dir

APP = "nat-xjr-application-2021"
JL_T = "jl-zd-targets-2021b2"
TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()
TODAY = dt.date.today().isoformat()


def issues_after(form_id: str, changes: dict[str, object]) -> set[tuple[str, str]]:
    data = read_data(resources_dir() / "demo" / f"{form_id}.json")
    data.values.update(changes)
    session = session_for(data)
    return {(i.field, i.code) for _, i in session.all_issues()}


CASES = [
    # (form, changes, field, code, fires)
    (APP, {"company_intro": "字" * 300}, "company_intro", "TEXT_TOO_LONG", False),
    (APP, {"company_intro": "字" * 301}, "company_intro", "TEXT_TOO_LONG", True),
    (APP, {"shortboard_note": "说" * 30}, "shortboard_note", "TEXT_TOO_LONG", False),
    (APP, {"shortboard_note": "说" * 31}, "shortboard_note", "TEXT_TOO_LONG", True),
    (APP, {"main_business_revenue.y2": "26800"}, "main_business_revenue.y2", "MBR_GT_OR", False),
    (APP, {"main_business_revenue.y2": "26800.01"}, "main_business_revenue.y2", "MBR_GT_OR", True),
    (APP, {"rd_staff": "320"}, "rd_staff", "RD_STAFF_GT_EMPLOYEES", False),
    (APP, {"rd_staff": "321"}, "rd_staff", "RD_STAFF_GT_EMPLOYEES", True),
    (
        APP,
        {"invention_patents": "48", "utility_model_patents": "0", "design_patents": "0"},
        "invention_patents",
        "INVENTION_GT_PATENTS",
        False,
    ),
    (APP, {"invention_patents": "49"}, "invention_patents", "INVENTION_GT_PATENTS", True),
    (APP, {"design_patents": "6"}, "patents_valid_total", "PATENT_PARTS_GT_TOTAL", True),
    (APP, {"market_share.y2": "100"}, "market_share.y2", "SHARE_ABOVE_100", False),
    (APP, {"market_share.y2": "100.01"}, "market_share.y2", "SHARE_ABOVE_100", True),
    (APP, {"registration_date": TODAY}, "registration_date", "DATE_IN_FUTURE", False),
    (APP, {"registration_date": TOMORROW}, "registration_date", "DATE_IN_FUTURE", True),
    (
        APP,
        {"equity_financing_amount": "0"},
        "equity_financing_amount",
        "EQUITY_AMOUNT_POSITIVE",
        True,
    ),
    (
        APP,
        {"equity_financing": "否", "equity_financing_amount": "0"},
        "equity_financing_amount",
        "EQUITY_AMOUNT_POSITIVE",
        False,
    ),  # hidden when 否: kept, not validated
    (APP, {"niche_code4": "3511"}, "niche_code4", "NICHE_NOT_IN_INDUSTRY", True),
    (APP, {"scale_declared": "小型"}, "scale_declared", "SCALE_MISMATCH", True),
    (APP, {"credit_code": "91220101MA0Y7K2Q8A"}, "credit_code", "USCC_CHECKSUM", True),
    (APP, {"debt_ratio.y2": "41.14"}, "debt_ratio.y2", "RATIO_MISMATCH", False),  # 41.04 ± 0.1
    (APP, {"debt_ratio.y2": "41.20"}, "debt_ratio.y2", "RATIO_MISMATCH", True),
    (APP, {"mbr_growth.y2": "20"}, "mbr_growth.y2", "RATIO_MISMATCH", True),
    (APP, {"rd_ratio.y1": "30%"}, "rd_ratio.y1", "PERCENT_SIGN_NOT_NEEDED", True),
    (
        APP,
        {"main_product_name": "CNC machining center"},
        "main_product_name",
        "PRODUCT_NAME_ENGLISH",
        True,
    ),
    (APP, {"employees": ""}, "employees", "REQUIRED", True),
    (
        APP,
        {"equity_financing_amount": ""},
        "equity_financing_amount",
        "EQUITY_AMOUNT_REQUIRED",
        True,
    ),
    (
        APP,
        {"mgmt_certs": ["ISO9000质量管理体系认证", "其他"]},
        "mgmt_certs_other",
        "OTHER_NEEDS_TEXT",
        True,
    ),
    (
        JL_T,
        {"invention_patents_applied.target1": "9"},
        "invention_patents_applied.target1",
        "TARGET_BELOW_BASE",
        True,
    ),
    (
        JL_T,
        {"invention_patents_applied.target1": "10"},
        "invention_patents_applied.target1",
        "TARGET_BELOW_BASE",
        False,
    ),
    (JL_T, {"listing_plan.base": "已提交材料"}, "listing_plan.base", "CHOICE_INVALID", True),
    (
        JL_T,
        {"rd_institution_level.base": "0"},
        "rd_institution_level.base",
        "CHOICE_ZERO_USE_NONE",
        True,
    ),
    (JL_T, {"provincial_awards.base": ""}, "provincial_awards.base", "REQUIRED_FILL_ZERO", True),
    # part 六: the 推荐意见 agrees with the 初核指标 ticked above it
    (
        APP,
        {"class_indicator": "a", "review_class": "a"},
        "review_class",
        "REVIEW_CLASS_MISMATCH",
        False,
    ),
    (
        APP,
        {"class_indicator": "a", "review_class": "b"},
        "review_class",
        "REVIEW_CLASS_MISMATCH",
        True,
    ),
    (
        APP,
        {"mandatory_indicators": ["1", "3", "4"], "review_mandatory_count": "3"},
        "review_mandatory_count",
        "REVIEW_COUNT_MISMATCH",
        False,
    ),
    (
        APP,
        {"mandatory_indicators": ["1", "3", "4"], "review_mandatory_count": "6"},
        "review_mandatory_count",
        "REVIEW_COUNT_MISMATCH",
        True,
    ),
]


@pytest.mark.parametrize(
    ("form", "changes", "field", "code", "fires"),
    CASES,
    ids=[f"{c[3]}-{'fires' if c[4] else 'silent'}-{i}" for i, c in enumerate(CASES)],
)
def test_rule(form, changes, field, code, fires):
    assert ((field, code) in issues_after(form, changes)) is fires
