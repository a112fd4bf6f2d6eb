"""Definition files are checked when loaded; every problem names the file and key path."""

import pytest

from tests.core.inline import FORM, mini, mini_targets
from zjtx_desktop.core.forms.loader import FormError, load_form_text


def problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(FormError) as e:
        load_form_text(text, "broken.yaml")
    assert "broken.yaml" in str(e.value)
    return e.value.problems


def test_columns_expand_into_one_field_per_column_with_its_label():
    f = mini()
    assert f.fields["operating_revenue.y2"].column_label == "2020年"
    assert f.fields["operating_revenue.y2"].fact == "operating_revenue@2020"
    assert f.fields["operating_revenue.y2"].display_label == "营业收入（2020年）"


def test_fixed_cells_are_not_fields():
    f = mini_targets()
    assert "growth3.base" in f.fields
    assert "growth3.target1" not in f.fields
    assert [(c.row, c.column, c.text) for c in f.fixed_cells] == [
        ("growth3", "target1", "无需填写")
    ]


def test_unknown_key_is_an_error_with_its_path():
    ps = problems(FORM.replace("fact: employees}", "fact: employees, colour: red}"))
    assert ps[0][0] == "fields[1]"
    assert "colour" in ps[0][1]


def test_duplicate_yaml_key_is_an_error():
    ps = problems(FORM.replace("kind: application", "kind: application\nkind: targets"))
    assert "重复的键" in ps[0][1]


def test_duplicate_field_id_is_an_error():
    ps = problems(FORM.replace("id: rd_staff,", "id: employees,"))
    assert ("fields[2].id", "重复的字段 id“employees”") in ps


def test_reference_to_a_missing_field_is_an_error():
    ps = problems(FORM.replace('"rd_staff <= employees"', '"rd_staff <= staff_total"'))
    assert any(kp == "rules[1].assert" and "staff_total" in msg for kp, msg in ps)


def test_relevance_referring_to_a_missing_field_is_an_error():
    ps = problems(
        FORM.replace("relevant: \"equity_financing == '是'\"", "relevant: \"financing == '是'\"")
    )
    assert any("financing" in msg for _, msg in ps)


def test_unknown_message_code_is_an_error():
    ps = problems(FORM.replace("code: MBR_GT_OR", "code: NO_SUCH_CODE"))
    assert any(kp == "rules[0].code" for kp, _ in ps)


def test_choice_without_options_is_an_error():
    ps = problems(FORM.replace("options: [同意, 不同意], ", ""))
    assert any(kp == "fields[12].options" for kp, _ in ps)


def test_bad_expression_is_an_error():
    ps = problems(FORM.replace('"rd_staff <= employees"', '"__import__(1)"'))
    assert any(kp == "rules[1].assert" for kp, _ in ps)
