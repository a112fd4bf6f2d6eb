"""Definition problems carry stable codes (issue 13 items 5-7): expression types checked at
load, duplicate ids refused across files, programme files under a schema, fact keys from one
table, and FORMAT.md listing every code and every fact."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.inline import FORM
from zjtx_desktop.core.facts import FactKey, facts
from zjtx_desktop.core.forms.errors import FormError, LoaderCode
from zjtx_desktop.core.forms.loader import load_form, load_form_text
from zjtx_desktop.core.paths import data_root, forms_dir

RD_RULE = '"rd_staff <= employees"'


def codes(text: str) -> list[tuple[str, LoaderCode]]:
    with pytest.raises(FormError) as e:
        load_form_text(text, "broken.yaml")
    return [(p.where, p.code) for p in e.value.problems]


# --- item 5: expression types ---------------------------------------------------------------


def test_a_number_compared_with_a_text_is_refused_with_its_key_path():
    [(where, code)] = codes(FORM.replace(RD_RULE, "\"rd_staff <= 'employees'\""))
    assert (where, code) == ("rules[1].assert", LoaderCode.EXPR_TYPE)


@pytest.mark.parametrize(
    ("expr", "bad"),
    [
        ("rd_staff == '5'", True),  # integer field against a text: never equal
        ("enterprise_name > 3", True),  # a text has no size to compare with a number
        ("enterprise_name + 1 > 3", True),  # arithmetic on a text
        ("pct(enterprise_name, employees) > 3", True),
        ("'中型' in employees", True),  # looking inside a number
        ("len(employees) > 3", True),
        ("scale_declared == '中型'", False),  # a choice is text
        ("rd_staff <= employees", False),
        ("len(enterprise_name) > 3", False),
        ("filled(employees) == True", False),
        ("sum(rd_staff, employees) / 2 >= 1", False),
        ("scale_declared in ['中型', '小型']", False),
    ],
)
def test_types_are_inferred_from_the_field_types(expr, bad):
    text = FORM.replace(RD_RULE, f'"{expr}"')
    if bad:
        assert codes(text) == [("rules[1].assert", LoaderCode.EXPR_TYPE)]
    else:
        load_form_text(text, "fine.yaml")


def test_relevance_and_calculations_are_type_checked_too():
    text = FORM.replace(
        "relevant: \"equity_financing == '是'\"", 'relevant: "equity_financing == 1"'
    )
    assert codes(text) == [("fields[10].relevant", LoaderCode.EXPR_TYPE)]
    text = FORM.replace(
        'expr: "pct(main_business_revenue.{col}, operating_revenue.{col})"',
        'expr: "pct(enterprise_name, operating_revenue.{col})"',
    )
    assert {c for _w, c in codes(text)} == {LoaderCode.EXPR_TYPE}


# --- item 6: codes, duplicate ids, schemas --------------------------------------------------


def test_problems_have_codes_and_the_message_comes_from_the_code():
    with pytest.raises(FormError) as e:
        load_form_text(FORM.replace("id: rd_staff,", "id: employees,"), "dup.yaml")
    p = e.value.problems[0]
    assert p.code is LoaderCode.DUPLICATE_ID
    assert p.message == LoaderCode.DUPLICATE_ID.format(what="字段", id="employees")
    assert codes(FORM.replace("kind: application", "kind: application\nkind: x")) == [
        ("第5行", LoaderCode.YAML_SYNTAX)  # the repeated key's line
    ]
    assert codes(FORM.replace("code: MBR_GT_OR", "code: NO_SUCH")) == [
        ("rules[0].code", LoaderCode.UNKNOWN_MESSAGE_CODE)
    ]
    assert codes(FORM.replace("fact: employees}", "fact: employees, colour: red}")) == [
        ("fields[1]", LoaderCode.SCHEMA)
    ]


def _data_copy(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    shutil.copytree(forms_dir(), home / "forms")
    shutil.copytree(data_root() / "resources", home / "resources")
    return home


def _zjtx(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ZJTX_HOME": str(home), "ZJTX_CACHE": "off"}
    return subprocess.run(
        [sys.executable, "-m", "zjtx_desktop", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_a_copied_form_with_an_unchanged_id_is_refused_naming_both_files(tmp_path):
    home = _data_copy(tmp_path)
    original = home / "forms" / "nat-zd-basic-2021.yaml"
    shutil.copy(original, home / "forms" / "nat-zd-basic-2021-copy.yaml")
    r = _zjtx(home, "forms", "check")
    assert r.returncode == 1
    [line] = [ln for ln in r.stderr.splitlines() if ln.startswith("nat-zd-basic-2021")]
    assert "nat-zd-basic-2021-copy.yaml" in line and "nat-zd-basic-2021.yaml" in line
    r = _zjtx(home, "forms", "show", "nat-zd-basic-2021")
    assert r.returncode == 2 and "重复" in r.stderr  # neither copy is silently used


def test_programme_files_are_checked_by_their_schema(tmp_path):
    home = _data_copy(tmp_path)
    prog = home / "forms" / "programmes" / "nat-zd-2021.yaml"
    prog.write_text(prog.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    r = _zjtx(home, "forms", "check")
    assert r.returncode == 1 and "nat-zd-2021.yaml: (root)" in r.stderr and "colour" in r.stderr


# --- item 7: one table of facts -------------------------------------------------------------


def test_a_misspelt_fact_is_refused():
    text = FORM.replace("fact: scale_declared}", "fact: scale_delcared}")
    assert codes(text) == [("fields[5].fact", LoaderCode.UNKNOWN_FACT)]


def test_a_fact_of_another_type_or_without_its_year_is_refused():
    text = FORM.replace(
        "type: integer, unit: 人, required: true, fact: employees}",
        "type: amount, unit: 人, required: true, fact: employees}",
    )
    assert codes(text) == [("fields[1].fact", LoaderCode.FACT_TYPE_MISMATCH)]
    text = FORM.replace('fact: "operating_revenue@{year}"', "fact: operating_revenue")
    assert {c for _w, c in codes(text)} == {LoaderCode.FACT_YEAR}


def test_every_fact_the_code_reads_is_in_the_table_and_some_shipped_form_has_it():
    from zjtx_desktop.core.forms.registry import all_forms

    table = facts()
    shipped = {f.fact.split("@")[0] for form in all_forms() for f in form.fields.values() if f.fact}
    for key in FactKey:
        assert key.value in table, key
        assert table[key.value].read_by, key  # the table says what reads it
        assert key.value in shipped, key
    assert shipped <= table.keys()


def _doc() -> str:
    return (forms_dir() / "FORMAT.md").read_text(encoding="utf-8")


def test_format_md_documents_every_loader_code():
    for code in LoaderCode:
        assert f"| `{code.name}` | {code.value} |" in _doc(), code.name


def test_format_md_lists_every_fact_as_the_table_has_it():
    doc = _doc()
    for f in facts().values():
        per_year = "是" if f.per_year else ""
        row = f"| `{f.key}` | `{f.type}` | {per_year} | {f.label} | {'、'.join(f.read_by)} |"
        assert row in doc, f.key


# --- print_layout (issue 11): every name it places exists, every option has its place -------

SCALE = "options: [中型, 小型, 微型], fact: scale_declared}"
PATENTS = (
    "  - {id: rd_staff, label: 其中研发人员数, section: part1, type: integer, unit: 人, "
    "fact: rd_staff}"
)


def _with_layout(layout: str) -> str:
    with_layout = f'options: [中型, 小型, 微型], fact: scale_declared, print_layout: "{layout}"}}'
    return FORM.replace(SCALE, with_layout)


def test_a_print_layout_placing_every_option_loads():
    form = load_form_text(_with_layout("中型{中型} 小型{小型} 微型{微型}"), "fine.yaml")
    assert form.fields["scale_declared"].print_layout == "中型{中型} 小型{小型} 微型{微型}"


def test_a_print_layout_naming_no_option_is_refused_with_its_key_path():
    # “{中形}” (a typo) would print no □ at all: the ticked 中型 would vanish from the paper
    assert codes(_with_layout("中型{中形} 小型{小型} 微型{微型}")) == [
        ("fields[5].print_layout", LoaderCode.LAYOUT_UNKNOWN),
        ("fields[5].print_layout", LoaderCode.LAYOUT_MISSING),
    ]


def test_a_print_layout_leaving_out_an_option_is_refused():
    assert codes(_with_layout("中型{中型} 小型{小型}")) == [
        ("fields[5].print_layout", LoaderCode.LAYOUT_MISSING)
    ]


def test_a_printed_sentence_may_only_name_fields_of_its_part_and_must_place_its_own():
    sentence = "其中研发人员数{rd_staff}，从业人数{employees}。"
    fine = FORM.replace(PATENTS, PATENTS[:-1] + f', print_layout: "{sentence}"}}')
    assert load_form_text(fine, "fine.yaml").fields["rd_staff"].print_layout == sentence
    typo = FORM.replace(PATENTS, PATENTS[:-1] + ', print_layout: "其中研发人员数{rd_staf}。"}')
    assert codes(typo) == [
        ("fields[2].print_layout", LoaderCode.LAYOUT_UNKNOWN),
        ("fields[2].print_layout", LoaderCode.LAYOUT_MISSING),
    ]
    other_part = FORM.replace(PATENTS, PATENTS[:-1] + ', print_layout: "{rd_staff}{opinion}"}')
    assert codes(other_part) == [("fields[2].print_layout", LoaderCode.LAYOUT_UNKNOWN)]


def test_a_shipped_form_with_a_misspelt_layout_value_is_refused_by_forms_check(tmp_path):
    home = _data_copy(tmp_path)
    path = home / "forms" / "nat-xjr-application-2021.yaml"
    text = path.read_text(encoding="utf-8")
    good = "1.高新技术企业{高新技术企业}"
    assert good in text
    path.write_text(text.replace(good, "1.高新技术企业{高新技术企}"), encoding="utf-8")
    run = _zjtx(home, "forms", "check")
    assert run.returncode != 0
    assert "print_layout" in run.stdout + run.stderr
    assert "高新技术企" in run.stdout + run.stderr


# --- circular calculations and relevance ----------------------------------------------------

CALCS = """
  - {id: staff_from_rd, target: employees, expr: "rd_staff + 1", formula: 研发人员数 + 1}
  - {id: rd_from_staff, target: rd_staff, expr: "employees - 1", formula: 从业人数 − 1}
"""


def _with_calcs(calcs: str) -> str:
    return FORM.rstrip("\n") + "\n" + calcs.strip("\n") + "\n"


def test_two_calculations_computed_from_each_other_are_refused_with_the_circle(tmp_path):
    """A tiny form file: 从业人数 checked against 研发人员数 + 1 while 研发人员数 is checked
    against 从业人数 − 1 — neither says anything, so the loader refuses it."""
    path = tmp_path / "loop.yaml"
    path.write_text(_with_calcs(CALCS), encoding="utf-8")
    with pytest.raises(FormError) as e:
        load_form(path)
    assert [(p.where, p.code, p.message) for p in e.value.problems] == [
        (
            "calculations[1].expr",  # [0] is the form's own 主营业务收入占比
            LoaderCode.CALC_CYCLE,
            "计算循环引用：employees → rd_staff → employees（每个计算值都要由其他字段算出）",
        )
    ]
    r = subprocess.run(
        [sys.executable, "-m", "zjtx_desktop", "forms", "check", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert r.returncode == 1
    line = "loop.yaml: calculations[1].expr: 计算循环引用：employees → rd_staff → employees"
    assert line in r.stderr


def test_a_calculation_reading_its_own_target_is_a_circle_too():
    calc = '  - {id: self, target: rd_staff, expr: "rd_staff * 1", formula: 研发人员数}\n'
    assert codes(_with_calcs(calc)) == [("calculations[1].expr", LoaderCode.CALC_CYCLE)]


def test_a_chain_of_calculations_without_a_circle_loads():
    chain = CALCS.replace('expr: "employees - 1"', 'expr: "pct(employees, employees)"').replace(
        "target: rd_staff", "target: equity_financing_amount"
    )
    form = load_form_text(_with_calcs(chain), "chain.yaml")
    assert [c.target for c in form.calculations][-2:] == ["employees", "equity_financing_amount"]


def test_fields_shown_on_each_other_s_answer_are_refused():
    text = FORM.replace(
        "type: choice, options: [否, 是]}",
        "type: choice, options: [否, 是], relevant: \"equity_financing_amount > 0\"}",
    )
    [(where, code)] = codes(text)
    assert (where, code) == ("fields[9].relevant", LoaderCode.RELEVANT_CYCLE)
