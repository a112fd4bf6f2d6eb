"""北京市第一批重点“小巨人”: Beijing's 申报主体条件 (its reading of 财建〔2021〕2号)."""

import json

import pytest

from tests.core.eligibility_data import (
    APP,
    MET,
    NOT_MET,
    UNKNOWN,
    Checker,
    application,
)
from zjtx_desktop.cli import main
from zjtx_desktop.core.eligibility import applicable, evaluate, rulesets
from zjtx_desktop.core.eligibility.evaluate import field_label
from zjtx_desktop.core.eligibility.explain import explain
from zjtx_desktop.core.eligibility.quantities import Quantities
from zjtx_desktop.core.paths import resources_dir

BJ_BASIC, BJ_TARGETS = "bj-zd-basic-2021b1", "bj-zd-targets-2021b1"
RULESET = "bj-zd-2021b1"

bj = Checker(RULESET, (BJ_BASIC, BJ_TARGETS))
bj_app = Checker(RULESET, (BJ_BASIC, BJ_TARGETS, APP))

DECLARED = {"BJ-ZD-REG", "BJ-ZD-CREDIT", "BJ-ZD-XJR", "BJ-ZD-X1"}


def declarations(result, criterion_id):
    return "".join(result.r.criterion(criterion_id).declarations)


# --- the rule set and how it is picked ----------------------------------------------------------


def test_the_rule_set_names_its_programme_forms_and_document():
    rs = rulesets()[RULESET]
    assert rs.programme == "bj-zd-2021b1"
    assert rs.forms == (BJ_BASIC, BJ_TARGETS)
    assert rs.date == "2021-02-26"
    assert [c.id for c in rs.criteria] == [
        "BJ-ZD-REG",
        "BJ-ZD-CREDIT",
        "BJ-ZD-XJR",
        "BJ-ZD-X1",
        "BJ-ZD-IND",
        "BJ-ZD-SPEC",
        "BJ-ZD-RD",
        "BJ-ZD-INNO3",
        "BJ-ZD-QMS",
        "BJ-ZD-GROW",
    ]
    for c in rs.criteria:
        assert c.seed.startswith("004 L"), c.id


@pytest.mark.parametrize("forms", [(BJ_BASIC, BJ_TARGETS), (BJ_BASIC,), (BJ_TARGETS,)])
def test_beijing_forms_pick_the_beijing_rule_set(forms):
    assert [rs.id for rs in applicable(application(forms))] == [RULESET]


def test_zjtx_check_on_the_demo_beijing_forms(capsys):
    demo = resources_dir() / "demo"
    files = [str(demo / f"{f}.json") for f in (BJ_BASIC, BJ_TARGETS)]
    code = main(["check", *files, "--programme", RULESET, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    [data] = json.loads(out)
    assert data["id"] == RULESET and data["status"] == "unknown"
    status = {c["id"]: c["status"] for c in data["criteria"]}
    assert {cid for cid, s in status.items() if s == "unknown"} == DECLARED | {"BJ-ZD-RD"}


# --- the demo application's verdicts ------------------------------------------------------------


def test_demo_forms_alone_leave_the_declarations_and_the_2019_rd_ratio_open():
    r = bj()
    assert r.r.status == UNKNOWN
    for cid in ("BJ-ZD-IND", "BJ-ZD-SPEC", "BJ-ZD-INNO3", "BJ-ZD-QMS", "BJ-ZD-GROW"):
        assert r.status(cid) == MET, cid
    for cid in (*DECLARED, "BJ-ZD-RD"):
        assert r.status(cid) == UNKNOWN, cid
    assert r.group("basic") == (UNKNOWN, 0, 0, 4)
    assert r.group("innovation") == (UNKNOWN, 1, 0, 1)
    for g in ("orientation", "specialisation", "management"):
        assert r.group(g)[0] == MET, g


def test_demo_with_the_application_decides_everything_but_the_declarations():
    r = bj_app()
    assert r.r.status == UNKNOWN
    assert r.status("BJ-ZD-RD") == MET
    assert r.status("BJ-ZD-X1") == MET  # the 申请书 says 有上市计划, not 已上市
    unknown = {c.criterion.id for c in r.r.criteria if c.status == UNKNOWN}
    assert unknown == {"BJ-ZD-REG", "BJ-ZD-CREDIT", "BJ-ZD-XJR"}
    assert r.group("innovation") == (MET, 2, 0, 0)


@pytest.mark.parametrize(
    "change",
    [
        {"mbr_share.base": "69.99"},
        {"rd_ratio.base": "3.99"},
        {"invention_patents.base": "1", "rd_institutions.base": "0", "standards_count.base": "0"},
    ],
)
def test_one_failed_condition_fails_the_verdict(change):
    assert bj(change).r.status == NOT_MET


# --- 1. registration, credit record; 2. 小巨人, listing exclusion -------------------------------


def test_registration_in_beijing_and_legal_person_status_is_a_declaration():
    r = bj()
    assert r.status("BJ-ZD-REG") == UNKNOWN
    text = declarations(r, "BJ-ZD-REG")
    assert "北京市市场监管部门登记注册" in text and "独立法人资格" in text


def test_no_serious_dishonesty_record_in_three_years_is_a_declaration_over_the_widest_window():
    r = bj()
    assert r.status("BJ-ZD-CREDIT") == UNKNOWN
    text = declarations(r, "BJ-ZD-CREDIT")
    assert "北京市公共信用信息服务平台无严重失信记录" in text
    assert "2018年1月1日至申报时" in text
    assert "取较严的" in r.explanation("BJ-ZD-CREDIT")


def test_national_xiaojuren_recognition_is_a_declaration():
    r = bj()
    assert r.status("BJ-ZD-XJR") == UNKNOWN
    assert "国家级专精特新“小巨人”企业" in declarations(r, "BJ-ZD-XJR")


def test_listing_exclusion_without_the_application_is_a_declaration_naming_the_sme_board():
    r = bj()
    assert r.status("BJ-ZD-X1") == UNKNOWN
    assert "深交所主板（含原中小板）" in declarations(r, "BJ-ZD-X1")
    assert "在中小板上市的也排除" in r.explanation("BJ-ZD-X1")


@pytest.mark.parametrize(
    ("status", "expected"), [("有上市计划", MET), ("无上市计划", MET), ("已上市", UNKNOWN)]
)
def test_listing_exclusion_from_the_application_a_listed_firm_must_say_where(status, expected):
    assert bj_app({"listing_status": status}).status("BJ-ZD-X1") == expected


# --- 3. orientation -----------------------------------------------------------------------------

NO_ORIENTATION = {"four_base": "否", "fills_gap": ["否"], "shortboard": "否"}


def test_orientation_with_every_box_no_asks_for_the_items_without_a_box():
    r = bj(NO_ORIENTATION)
    assert r.status("BJ-ZD-IND") == UNKNOWN
    text = declarations(r, "BJ-ZD-IND")
    assert "制造强国战略十大重点产业领域" in text and "协同创新产品链配套" in text


@pytest.mark.parametrize(
    "change",
    [
        {"four_base": "是"},
        {"fills_gap": ["填补国内空白"]},
        {"fills_gap": ["填补国际空白"]},
        {"shortboard": "是"},
    ],
)
def test_orientation_any_ticked_box_meets_it(change):
    assert bj({**NO_ORIENTATION, **change}).status("BJ-ZD-IND") == MET


def test_orientation_with_the_boxes_blank_asks_for_them():
    r = bj({"four_base": None, "fills_gap": None, "shortboard": None})
    assert r.status("BJ-ZD-IND") == UNKNOWN
    assert set(r.missing("BJ-ZD-IND")) == {"four_base", "fills_gap", "shortboard"}


# --- 4. main business share (2020年度, 70%（含）以上) -------------------------------------------


@pytest.mark.parametrize(("share", "expected"), [("70", MET), ("69.99", NOT_MET), (None, UNKNOWN)])
def test_main_business_share_of_70_percent_inclusive_from_the_targets_table(share, expected):
    r = bj({"mbr_share.base": share})
    assert r.status("BJ-ZD-SPEC") == expected
    if share is None:
        assert r.missing("BJ-ZD-SPEC") == ["mbr_share.base"]


@pytest.mark.parametrize(
    ("mbr_2020", "expected"),
    [("18760", MET), ("18759.99", NOT_MET)],  # 18760 / 26800 = 70%
)
def test_main_business_share_computed_from_the_application_amounts(mbr_2020, expected):
    r = bj_app({"main_business_revenue.y2": mbr_2020})
    assert r.status("BJ-ZD-SPEC") == expected
    assert "由申请书主营业务收入÷营业收入计算" in r.explanation("BJ-ZD-SPEC")


# --- 4. R&D ratio, 2019年度 and 2020年度 each 4%（含）以上 ---------------------------------------


def test_the_2019_rd_ratio_is_not_on_the_beijing_targets_table_and_the_check_says_what_is_needed():
    r = bj()
    assert r.status("BJ-ZD-RD") == UNKNOWN
    assert r.missing("BJ-ZD-RD") == []
    text = declarations(r, "BJ-ZD-RD")
    assert "2019年度研发经费支出占当年营业收入比重达到4%（含）以上" in text
    assert "经会计师事务所审计的2019年度财务报告" in text
    assert "研发经费支出占营业收入比重 2020年 5.82% ≥ 4%" in r.explanation("BJ-ZD-RD")


@pytest.mark.parametrize(("base", "expected"), [("4", UNKNOWN), ("3.99", NOT_MET)])
def test_rd_2020_from_the_targets_table_fails_at_3_99_even_while_2019_is_unknown(base, expected):
    assert bj({"rd_ratio.base": base}).status("BJ-ZD-RD") == expected


def test_rd_2020_blank_asks_for_the_targets_table_cell_and_the_2019_statement():
    r = bj({"rd_ratio.base": None})
    assert r.status("BJ-ZD-RD") == UNKNOWN
    assert r.missing("BJ-ZD-RD") == ["rd_ratio.base"]
    assert r.r.criterion("BJ-ZD-RD").declarations


@pytest.mark.parametrize(
    ("rd_2019", "expected"),
    [("940", MET), ("939.99", NOT_MET)],  # 940 / 23500 = 4%
)
def test_rd_2019_of_exactly_4_percent_counts(rd_2019, expected):
    assert bj_app({"rd_expense.y1": rd_2019}).status("BJ-ZD-RD") == expected


@pytest.mark.parametrize(
    ("rd_2020", "expected"),
    [("1072", MET), ("1071.99", NOT_MET)],  # 1072 / 26800 = 4%
)
def test_rd_2020_of_exactly_4_percent_counts(rd_2020, expected):
    assert bj_app({"rd_expense.y2": rd_2020}).status("BJ-ZD-RD") == expected


def test_rd_is_each_year_as_beijing_writes_so_no_average_reading_is_offered():
    r = bj_app({"rd_expense.y1": "822.5"})  # 3.5% in 2019, 5.82% in 2020: average 4.66%
    assert r.status("BJ-ZD-RD") == NOT_MET
    text = r.explanation("BJ-ZD-RD")
    assert "研发经费支出占营业收入比重 2019年 3.5% < 4%" in text
    assert "同时大于或等于4%" in text and "不按两年平均" in text
    assert "口径则为" not in text


# --- 5. one of three innovation items, 截至2020年底 ----------------------------------------------

NOTHING = {"invention_patents.base": "1", "rd_institutions.base": "0", "standards_count.base": "0"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, NOT_MET),
        ({"invention_patents.base": "2"}, MET),  # 2项以上: 2 counts
        ({"rd_institutions.base": "1"}, MET),
        ({"standards_count.base": "1"}, MET),  # 1个以上: 1 counts
    ],
)
def test_one_of_three_innovation_items_is_enough(change, expected):
    assert bj({**NOTHING, **change}).status("BJ-ZD-INNO3") == expected


def test_innovation_items_blank_are_asked_for():
    r = bj(
        {"invention_patents.base": None, "rd_institutions.base": "0", "standards_count.base": None}
    )
    assert r.status("BJ-ZD-INNO3") == UNKNOWN
    assert r.missing("BJ-ZD-INNO3") == ["invention_patents.base", "standards_count.base"]


def test_standards_count_only_from_the_targets_table_not_the_application_sum():
    # the 申请书 lists 4 standards, but Beijing counts published ones naming the firm as 起草单位
    r = bj_app(NOTHING)
    assert r.status("BJ-ZD-INNO3") == NOT_MET
    assert "起草单位" in r.explanation("BJ-ZD-INNO3")


# --- 4. quality management certificate (已取得) --------------------------------------------------


@pytest.mark.parametrize(("certs", "expected"), [("1", MET), ("0", UNKNOWN), (None, UNKNOWN)])
def test_one_quality_certificate_at_the_end_of_2020_meets_it(certs, expected):
    assert bj({"quality_certs.base": certs}).status("BJ-ZD-QMS") == expected


def test_no_certificate_at_the_end_of_2020_leaves_one_obtained_before_the_application():
    r = bj({"quality_certs.base": "0"})
    assert "2020年年末以后、申报前取得了质量管理体系认证" in declarations(r, "BJ-ZD-QMS")
    assert r.r.status == UNKNOWN


# --- 成长性: shown, not a condition of the first batch ------------------------------------------


@pytest.mark.parametrize(
    ("growth", "plan", "expected"),
    [
        ("0", "无", NOT_MET),
        ("0.01", "无", MET),
        ("-5", "股改、尽调阶段", NOT_MET),  # the stricter national wording
        ("-5", "递交申请书", UNKNOWN),  # is the plan for 新三板? only the 申请书 says
        ("-5", "已进入辅导期", UNKNOWN),
        ("-5", "通过辅导验收并被证监会正式受理", UNKNOWN),
    ],
)
def test_growth_means_above_zero_or_a_listing_plan(growth, plan, expected):
    r = bj({"mbr_growth_last.base": growth, "listing_plan.base": plan})
    assert r.status("BJ-ZD-GROW") == expected


@pytest.mark.parametrize(("venue", "expected"), [("上交所科创板", MET), ("新三板", NOT_MET)])
def test_a_neeq_listing_plan_is_not_a_listing_plan(venue, expected):
    flat = {"main_business_revenue.y2": "21900"}  # the same as 2019: no growth
    r = bj_app({**flat, "listing_plan.base": "已进入辅导期", "listing_venue": venue})
    assert r.status("BJ-ZD-GROW") == expected


def test_growth_is_not_a_condition_of_the_first_batch_and_does_not_fail_the_verdict():
    r = bj({"mbr_growth_last.base": "0", "listing_plan.base": "无"})
    assert r.status("BJ-ZD-GROW") == NOT_MET
    assert not r.r.group("growth").gate
    assert r.r.status == UNKNOWN
    assert "不计入总体结论" in r.explanation("BJ-ZD-GROW")


# --- every blank field: the explanation matches the verdict and says what is needed ------------


def _read_fields(forms):
    rs = rulesets()[RULESET]
    qs = Quantities(rs, application(forms))
    return sorted({f for q in rs.quantities for f in qs.get(q).fields})


@pytest.mark.parametrize("forms", [(BJ_BASIC, BJ_TARGETS), (BJ_BASIC, BJ_TARGETS, APP)])
def test_with_any_one_field_blank_the_explanation_agrees_and_unknowns_say_what_is_needed(forms):
    rs = rulesets()[RULESET]
    for ref in [None, *_read_fields(forms)]:
        changes = {} if ref is None else {f"{ref[0]}:{ref[1]}": None}
        session = application(forms, changes)
        qs = Quantities(rs, session)
        for c in rs.criteria:
            value, fragments, _ = explain(
                c.condition.source, qs.get, lambda r, s=session: field_label(s, r)
            )
            assert value == c.condition(qs.env), (ref, c.id)
            assert fragments, (ref, c.id)
        for r in evaluate(rs, session).criteria:
            if r.status == UNKNOWN:
                assert r.missing or r.declarations or r.judgements, (ref, r.id, r.explanation)
