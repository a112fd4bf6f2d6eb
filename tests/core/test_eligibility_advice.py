"""Part 六 advice: what the figures suggest the 推荐单位 tick, for the reviewer only."""

import pytest

from tests.core.eligibility_data import APP, check
from zjtx_desktop.core.eligibility import advice
from zjtx_desktop.core.eligibility.loader import load_ruleset
from zjtx_desktop.core.forms.loader import FormError
from zjtx_desktop.core.paths import forms_dir

INITIAL = "nat-xjr-2021b3-initial"


def suggested(changes=None, role="recommender"):
    return {a.field[1]: a for a in advice(check(INITIAL, (APP,), changes), role)}


def test_demo_suggests_band_a_and_leaves_the_count_open_while_m2_awaits_the_reviewer():
    s = suggested()
    assert s["review_class"].value == "a"
    assert s["review_class"].text == "数据显示符合 a 类（INIT-A 满足）"
    assert s["review_mandatory_count"].value is None
    assert s["review_mandatory_count"].text == "数据显示满足 5 项（共 6 项），INIT-M2 待定"


def test_the_enterprise_gets_no_part_six_advice():
    assert suggested(role="enterprise") == {}


def test_other_rule_sets_give_no_advice():
    assert advice(check("nat-xjr-2021b3-full", (APP,)), "recommender") == []


def test_band_follows_the_revenue_and_rd_figures():
    # 8000万元 revenue, R&D 6.5% in 2020 and 6.5% of 2019's 23500 → band b
    s = suggested(
        {"operating_revenue.y2": "8000", "rd_expense.y2": "520", "rd_expense.y1": "1527.5"}
    )
    assert s["review_class"].value == "b"


def test_no_band_when_every_class_fails():
    s = suggested({"rd_expense.y1": "100"})  # 0.43% in 2019: neither a, b nor c
    assert s["review_class"].value is None
    assert s["review_class"].text == "数据显示不符合任何一类"


def test_band_unknown_names_the_classes_still_open():
    s = suggested({"operating_revenue.y2": None})
    assert s["review_class"].value is None
    assert s["review_class"].text.startswith("尚不能判断：")
    assert "INIT-A" in s["review_class"].text


def test_count_is_given_once_every_required_indicator_is_decided():
    s = suggested({"province_rank.y2": "5"})  # M2 fails on the figure: no reviewer judgement left
    assert s["review_mandatory_count"].value == 5
    assert s["review_mandatory_count"].text == "数据显示满足 5 项（共 6 项）"


def test_advice_naming_a_field_the_form_lacks_is_an_error_naming_the_key(tmp_path):
    path = forms_dir() / "programmes" / "criteria" / f"{INITIAL}.yaml"
    text = path.read_text(encoding="utf-8").replace("field: review_class,", "field: no_such_field,")
    bad = tmp_path / f"{INITIAL}.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(FormError) as e:
        load_ruleset(bad)
    assert "advice.items[0].field" in str(e.value)
    assert "没有字段“no_such_field”" in str(e.value)
