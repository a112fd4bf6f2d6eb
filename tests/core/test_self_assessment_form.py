"""The 自评表: values already in a 申请书 or 基本情况表 of the same application are reused."""

from __future__ import annotations

from decimal import Decimal

from tests.core.eligibility_data import APP, NAT_BASIC, demo_values
from tests.core.rules_today import SA
from zjtx_desktop.core.engine.session import ApplicationSession, slot_of
from zjtx_desktop.core.forms.registry import get_form


def _session(filled: str, forms: tuple[str, ...]) -> ApplicationSession:
    """An application of ``forms`` where only ``filled`` has values (its demo)."""
    form = get_form(filled)
    raw = {slot_of(form, form.fields[k]): v for k, v in demo_values(filled).items()}
    return ApplicationSession([get_form(f) for f in forms], raw)


def test_name_and_credit_code_typed_in_the_application_show_in_the_self_assessment():
    st = _session(APP, (APP, SA)).state(SA)
    assert st.value("enterprise_name") == "吉林省恒锐精密机床有限公司"
    assert st.value("credit_code") == "91220101MA0Y7K2Q8R"
    assert st.value("assessment_date") is None  # not in the 申请书: asked here


def test_name_and_credit_code_typed_in_the_basic_information_form_show_too():
    st = _session(NAT_BASIC, (NAT_BASIC, SA)).state(SA)
    assert st.value("credit_code") == "91220101MA0Y7K2Q8R"


def test_a_yearly_amount_is_one_fact_keyed_by_year_as_in_the_application():
    app_years = {
        f.fact for f in get_form(APP).fields.values() if f.fact.startswith("operating_revenue@")
    }
    sa_years = {
        f.fact for f in get_form(SA).fields.values() if f.fact.startswith("operating_revenue@")
    }
    assert app_years == {"operating_revenue@2019", "operating_revenue@2020"}
    assert sa_years == {
        "operating_revenue@2023",
        "operating_revenue@2024",
        "operating_revenue@2025",
    }
    s = _session(SA, (SA,))
    s.set_value((SA, "operating_revenue.y2"), "40000")
    assert s.fact_value("operating_revenue@2025") == Decimal("40000")


def test_the_labels_are_the_standards_indicator_names():
    labels = {f.display_label for f in get_form(SA).fields.values()}
    for name in (
        "数字化水平",
        "建立研发机构级别",
        "专精特新发展质量评价得分",
        "主导产品所属领域情况",
    ):
        assert any(name in label for label in labels), name
