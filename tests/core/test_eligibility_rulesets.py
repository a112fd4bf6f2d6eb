"""Rule-set files: the shipped ones load; a wrong one is reported by file and key path."""

import textwrap

import pytest

from zjtx_desktop.core.eligibility import load_ruleset, ruleset_files, rulesets
from zjtx_desktop.core.forms.loader import FormError
from zjtx_desktop.core.forms.registry import form_ids, programmes

GOOD = """
id: t
title: 测试规则集
programme: nat-xjr-2021b3
forms: [nat-xjr-application-2021]
source: {document: 测试〔2021〕1号, date: "2021-01-01"}
version: "1"
groups: [{id: g, title: 组, require: all}]
quantities:
  q:
    label: 营业收入 2020年
    unit: 万元
    sources: [{form: nat-xjr-application-2021, expr: operating_revenue.y2, basis: 申请书}]
criteria:
  - {id: T-1, title: 条件, group: g, source: {clause: 一, seed: "004 L1"}, condition: "q >= 1"}
"""


def write(tmp_path, text, name="t.yaml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def problems(tmp_path, text):
    with pytest.raises(FormError) as e:
        load_ruleset(write(tmp_path, text))
    return e.value.problems


def test_the_minimal_rule_set_loads(tmp_path):
    rs = load_ruleset(write(tmp_path, GOOD))
    assert rs.criteria[0].source == "测试〔2021〕1号 一（004 L1）"


def test_every_shipped_rule_set_loads_with_document_date_version_and_forms():
    sets = rulesets()
    assert set(sets) == {
        "nat-xjr-2021b3-initial",
        "nat-xjr-2021b3-full",
        "nat-zd-2021",
        "jl-zd-2021b2",
        "bj-zd-2021b1",
        "cx-2022",
        "zjtx-2022",
        "xjr-2022",
        "zjtx-2026",
        "xjr-2026",
        "xjr-2025-190",
        "xjr-2026-117",
    }
    assert len(ruleset_files()) == len(sets)
    for rs in sets.values():
        assert rs.document and rs.date and rs.version
        assert rs.programme in programmes()
        assert set(rs.forms) <= set(form_ids())
        for c in rs.criteria:
            assert c.title and c.clause and c.seed, c.id


def test_every_reading_and_title_is_free_of_unsubstituted_placeholders():
    for rs in rulesets().values():
        for c in rs.criteria:
            for text in (c.title, c.reading, c.note, c.clause, *c.judgements):
                assert "{" not in text, (rs.id, c.id, text)
        for q in rs.quantities.values():
            assert "{" not in q.label, (rs.id, q.id)


def test_an_unknown_key_is_reported_with_its_key_path(tmp_path):
    text = GOOD.replace('condition: "q >= 1"}', 'condition: "q >= 1", colour: red}')
    [(where, msg)] = problems(tmp_path, text)
    assert where == "criteria[0]"
    assert "colour" in msg


def test_a_wrong_type_is_reported_with_its_key_path(tmp_path):
    [(where, _msg)] = problems(tmp_path, GOOD.replace("require: all", "require: most"))
    assert where == "groups[0].require"


def test_a_duplicate_key_is_an_error_not_silently_the_last_one(tmp_path):
    text = GOOD.replace('version: "1"', 'version: "1"\nversion: "2"')
    [(where, msg)] = problems(tmp_path, text)
    assert "重复的键" in msg and where.startswith("第")


def test_a_condition_may_only_name_defined_quantities(tmp_path):
    [(where, msg)] = problems(tmp_path, GOOD.replace('"q >= 1"', '"q >= 1 and r < 2"'))
    assert where == "criteria[0].condition"
    assert "未定义的量“r”" in msg


def test_a_source_field_must_exist_in_its_form(tmp_path):
    [(where, msg)] = problems(
        tmp_path, GOOD.replace("operating_revenue.y2", "operating_revenue.y9")
    )
    assert where == "quantities.q.sources[0].expr"
    assert "operating_revenue.y9" in msg


def test_a_form_must_exist(tmp_path):
    found = problems(tmp_path, GOOD.replace("forms: [nat-xjr-application-2021]", "forms: [xx]"))
    assert ("forms[0]", "引用了不存在的表单“xx”") in found


def test_a_programme_must_exist(tmp_path):
    found = problems(tmp_path, GOOD.replace("programme: nat-xjr-2021b3", "programme: nope"))
    assert found == [("programme", "引用了不存在的申报项目“nope”")]


def test_a_condition_the_explainer_cannot_render_is_refused(tmp_path):
    [(where, msg)] = problems(tmp_path, GOOD.replace('"q >= 1"', '"q * 2 >= 1"'))
    assert where == "criteria[0].condition"
    assert "不能解释" in msg


def test_an_expression_syntax_error_is_reported(tmp_path):
    [(where, _msg)] = problems(tmp_path, GOOD.replace('"q >= 1"', '"q >="'))
    assert where == "criteria[0].condition"


def test_calculated_quantities_may_not_refer_to_each_other_in_a_cycle(tmp_path):
    text = GOOD.replace(
        "criteria:",
        """  a:
    label: A
    sources: [{calc: "b + 1", basis: x}]
  b:
    label: B
    sources: [{calc: "a + 1", basis: x}]
criteria:""",
    )
    found = problems(tmp_path, text)
    assert any("循环" in msg for _, msg in found)


def test_a_quantity_without_sources_must_say_what_to_declare(tmp_path):
    text = GOOD.replace(
        "criteria:",
        """  d:
    label: 声明
    sources: []
criteria:""",
    )
    assert problems(tmp_path, text) == [
        ("quantities.d", "没有来源的量必须写明 declaration（企业须声明的内容）")
    ]


def test_a_source_is_exactly_one_kind(tmp_path):
    text = GOOD.replace("expr: operating_revenue.y2,", 'expr: operating_revenue.y2, calc: "q",')
    [(where, _msg)] = problems(tmp_path, text)
    assert where == "quantities.q.sources[0]"


def test_builtin_arguments_are_checked(tmp_path):
    text = GOOD.replace(
        "criteria:",
        """  age:
    label: 年限
    sources:
      - builtin: full_years
        form: nat-xjr-application-2021
        args: {field: registration_date, until: "2020-13-01"}
        basis: x
criteria:""",
    )
    [(where, msg)] = problems(tmp_path, text)
    assert where == "quantities.age.sources[0].args.until"
    assert "YYYY-MM-DD" in msg


def test_two_criteria_may_not_share_an_id(tmp_path):
    again = (
        '{id: T-1, title: 又, group: g, source: {clause: 二, seed: "004 L2"}, condition: "q >= 2"}'
    )
    text = GOOD + f"  - {again}\n"
    assert problems(tmp_path, text) == [("criteria[1].id", "重复的条件 id“T-1”")]
