"""划型 under 工信部联企业〔2011〕300号, every industry group at its thresholds (issue 13 item 9).

The thresholds below are transcribed by hand from 第四条（一）至（十六） of the document (not read
from resources/refdata, which the implementation uses), so a changed figure in the data file —
the 批发业 中型 bound, say — turns this red. For each group: at the large bounds 大型; at the
medium bounds 中型, one unit short of any medium bound 小型; at the small bounds 小型, one unit
short of any small bound 微型 (“大型、中型和小型企业须同时满足所列指标的下限，否则下划一档”).
"""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from zjtx_desktop.core.paths import refdata_path
from zjtx_desktop.core.refdata import sme_size
from zjtx_desktop.core.refdata.sme_size import classify, group_for

E, R, A = "employees", "revenue", "total_assets"

# group name, a GB/T 4754-2017 小类 of it, {indicator: (large, medium, small lower bounds)}
STANDARD_300 = [
    ("农、林、牧、渔业", "0111", {R: (20000, 500, 50)}),
    ("工业", "3411", {E: (1000, 300, 20), R: (40000, 2000, 300)}),
    ("建筑业", "4710", {R: (80000, 6000, 300), A: (80000, 5000, 300)}),
    ("批发业", "5111", {E: (200, 20, 5), R: (40000, 5000, 1000)}),
    ("零售业", "5211", {E: (300, 50, 10), R: (20000, 500, 100)}),
    ("交通运输业", "5411", {E: (1000, 300, 20), R: (30000, 3000, 200)}),
    ("仓储业", "5920", {E: (200, 100, 20), R: (30000, 1000, 100)}),
    ("邮政业", "6020", {E: (1000, 300, 20), R: (30000, 2000, 100)}),
    ("住宿业", "6110", {E: (300, 100, 10), R: (10000, 2000, 100)}),
    ("餐饮业", "6210", {E: (300, 100, 10), R: (10000, 2000, 100)}),
    ("信息传输业", "6311", {E: (2000, 100, 10), R: (100000, 1000, 100)}),
    ("软件和信息技术服务业", "6511", {E: (300, 100, 10), R: (10000, 1000, 50)}),
    ("房地产开发经营", "7010", {R: (200000, 1000, 100), A: (10000, 5000, 2000)}),
    ("物业管理", "7020", {E: (1000, 300, 100), R: (5000, 1000, 500)}),
    ("租赁和商务服务业", "7111", {E: (300, 100, 10), A: (120000, 8000, 100)}),
    ("其他未列明行业", "7030", {E: (300, 100, 10)}),
]
TIER = {"large": 0, "medium": 1, "small": 2}
ONE_UNIT = {E: Decimal(1), R: Decimal("0.01"), A: Decimal("0.01")}


def _cases():
    for name, code, bounds in STANDARD_300:
        at = {tier: {k: Decimal(v[i]) for k, v in bounds.items()} for tier, i in TIER.items()}
        yield name, code, at["large"], "大型"
        yield name, code, at["medium"], "中型"
        yield name, code, at["small"], "小型"
        for k in bounds:  # one unit short of one bound: one tier down
            yield name, code, {**at["large"], k: at["large"][k] - ONE_UNIT[k]}, "中型"
            yield name, code, {**at["medium"], k: at["medium"][k] - ONE_UNIT[k]}, "小型"
            yield name, code, {**at["small"], k: at["small"][k] - ONE_UNIT[k]}, "微型"


@pytest.mark.parametrize(("group", "code", "values", "size"), list(_cases()))
def test_every_group_at_its_thresholds(group, code, values, size):
    result = classify(code, *_args(values))
    assert (result.group, result.size) == (group, size)


def _args(values: dict[str, Decimal]) -> tuple[int | None, Decimal | None, Decimal | None]:
    e = values.get(E)
    return (None if e is None else int(e), values.get(R), values.get(A))


def test_wholesale_medium_needs_20_people_and_5000_wan():
    """The 批发业 中型 bound, spelt out: 从业人员20人及以上，且营业收入5000万元及以上."""
    assert classify("5111", 20, Decimal(5000), None).size == "中型"
    assert classify("5111", 19, Decimal(5000), None).size == "小型"
    assert classify("5111", 20, Decimal("4999.99"), None).size == "小型"


def test_micro_needs_only_one_indicator_below_the_small_bounds():
    assert classify("3411", 19, Decimal(100000), None).size == "微型"
    assert classify("3411", 5000, Decimal("299.99"), None).size == "微型"


# --- which 小类 the standard covers --------------------------------------------------------

# 第三条 lists the covered industries; outside it: 53 铁路运输业, 66-69 金融业, 83 教育, 84 卫生,
# 91-97 公共管理、社会保障和社会组织 and 国际组织, and 7040 房地产租赁经营.
NOT_COVERED = {"53", "66", "67", "68", "69", "83", "84", "91", "92", "93", "94", "95", "96", "97"}


def _subclasses() -> list[str]:
    with refdata_path("gbt4754_2017.csv").open(encoding="utf-8") as f:
        return [r["code"] for r in csv.DictReader(f) if r["level"] == "小类"]


def test_every_subclass_of_gbt4754_has_a_group_unless_the_standard_leaves_it_out():
    assert len(_subclasses()) == 1381  # GB/T 4754-2017 has 1,381 小类
    for code in _subclasses():
        excluded = code[:2] in NOT_COVERED or code == "7040"
        assert (group_for(code) is None) == excluded, code


@pytest.mark.parametrize(
    ("code", "group"),
    [("34", "工业"), ("51", "批发业"), ("52", "零售业"), ("65", "软件和信息技术服务业")],
)
def test_a_division_whose_subclasses_all_agree_has_their_group(code, group):
    found = group_for(code)
    assert found is not None and found["name"] == group


@pytest.mark.parametrize("code", ["53", "70"])  # 53 not covered; 70 spans four groups and 7040
def test_a_division_that_is_not_one_group_has_none(code):
    assert group_for(code) is None


def test_a_division_is_not_mapped_when_one_of_its_subclasses_is_not_covered(monkeypatch):
    """As 70 would be if its covered 小类 were all one group: 7040 alone keeps it unmapped."""
    table = {"7010": "real_estate_development", "7040": ""}
    monkeypatch.setattr(sme_size, "_group_by_subclass", lambda: table)
    sme_size.group_for.cache_clear()
    try:
        assert group_for("70") is None
        assert group_for("7010") is not None
        table["7040"] = "real_estate_development"
        sme_size.group_for.cache_clear()
        assert group_for("70") is not None  # the same rule maps it once every 小类 agrees
    finally:
        sme_size.group_for.cache_clear()


# --- the whole answer, not only the size (mutation testing found these unasserted) ----------

STD = "sme-2011-300"
TITLE = "《中小企业划型标准规定》（工信部联企业〔2011〕300号）"


def test_the_answer_names_the_group_the_figures_and_the_standard():
    result = classify("3421", 320, Decimal(26800), None)
    assert result == sme_size.SizeResult(
        "中型", "工业", (), STD, "工业：从业人数320人，营业收入26800万元 → 中型"
    )
    result = classify("4710", None, Decimal(6000), Decimal(5000))  # 建筑业: no 从业人数 needed
    assert result == sme_size.SizeResult(
        "中型", "建筑业", (), STD, "建筑业：营业收入6000万元，资产总额5000万元 → 中型"
    )


def test_what_is_missing_is_named():
    assert classify("3421", None, Decimal(100), None) == sme_size.SizeResult(
        None, "工业", ("employees",), STD, "还需填写从业人数"
    )
    assert classify("3421", None, None, None) == sme_size.SizeResult(
        None, "工业", ("employees", "revenue"), STD, "还需填写从业人数、营业收入"
    )
    assert classify("", 320, Decimal(1), None) == sme_size.SizeResult(
        None, None, ("industry",), STD, "未填写所属行业"
    )


def test_an_industry_the_standard_leaves_out_is_said_so_with_its_name():
    assert classify("5311", 320, Decimal(1), None) == sme_size.SizeResult(
        None, None, (), STD, f"5311 高速铁路旅客运输不在{TITLE}的行业范围内"
    )


def test_a_below_condition_holds_only_strictly_below():
    """“以下” is strictly below (the standard's operators); no shipped group uses it today."""
    below = {"indicator": "employees", "op": "<", "value": 20}
    assert sme_size._holds(below, {"employees": Decimal(19)}) is True
    assert sme_size._holds(below, {"employees": Decimal(20)}) is False
    at_least = {"indicator": "employees", "op": ">=", "value": 20}
    assert sme_size._holds(at_least, {"employees": Decimal(20)}) is True
    assert sme_size._holds(at_least, {"employees": Decimal(19)}) is False


def test_a_code_outside_gbt4754_is_named_by_itself():
    assert classify("9999", 320, Decimal(1), None).basis == f"9999 9999不在{TITLE}的行业范围内"
