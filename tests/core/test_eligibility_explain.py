"""Explanations agree with the verdict, show the deciding figures, and never round across a line;
the API the GUI calls re-evaluates after each change."""

from decimal import Decimal

import pytest

from tests.core.eligibility_data import (
    APP,
    JL_BASIC,
    JL_TARGETS,
    MET,
    NAT_BASIC,
    NAT_TARGETS,
    NOT_MET,
    UNKNOWN,
    application,
)
from zjtx_desktop.core.eligibility import Status, applicable, evaluate, rulesets
from zjtx_desktop.core.eligibility.evaluate import field_label
from zjtx_desktop.core.eligibility.explain import explain, fmt_number
from zjtx_desktop.core.eligibility.quantities import Quantities


@pytest.mark.parametrize(
    ("value", "decimals", "against", "shown"),
    [
        (Decimal("3.2"), 2, None, "3.2"),
        (Decimal("26800"), 2, None, "26800"),
        (Decimal("41.0404624"), 2, None, "41.04"),
        (Decimal("69.996"), 2, 70, "69.996"),  # rounding to 70.00 would hide the shortfall
        (Decimal("70.00003"), 2, 70, "70.00003"),
        (Decimal("70"), 2, 70, "70"),
        (3, 2, None, "3"),
    ],
)
def test_numbers_are_shown_briefly_but_never_rounded_onto_the_threshold(
    value, decimals, against, shown
):
    assert fmt_number(value, decimals, against) == shown


def test_status_from_three_valued_truth():
    assert (Status.of(True), Status.of(False), Status.of(None)) == (MET, NOT_MET, UNKNOWN)


FORMS = {
    "nat-xjr-2021b3-initial": (APP,),
    "nat-xjr-2021b3-full": (APP,),
    "nat-zd-2021": (NAT_BASIC, NAT_TARGETS, APP),
    "jl-zd-2021b2": (JL_BASIC, JL_TARGETS, APP),
}


def _read_fields(ruleset_id):
    rs = rulesets()[ruleset_id]
    session = application(FORMS[ruleset_id])
    qs = Quantities(rs, session)
    return sorted({f for q in rs.quantities for f in qs.get(q).fields})


@pytest.mark.parametrize("ruleset_id", sorted(FORMS))
def test_the_explained_outcome_equals_the_expression_verdict_with_any_one_field_blank(ruleset_id):
    rs = rulesets()[ruleset_id]
    for ref in [None, *_read_fields(ruleset_id)]:
        changes = {} if ref is None else {f"{ref[0]}:{ref[1]}": None}
        session = application(FORMS[ruleset_id], changes)
        qs = Quantities(rs, session)
        for c in rs.criteria:
            value, fragments, _ = explain(
                c.condition.source, qs.get, lambda r, s=session: field_label(s, r)
            )
            assert value == c.condition(qs.env), (ref, c.id)
            assert fragments or c.condition.source == "True", (ref, c.id)


@pytest.mark.parametrize("ruleset_id", sorted(FORMS))
def test_every_unknown_criterion_says_what_is_missing_to_declare_or_to_judge(ruleset_id):
    rs = rulesets()[ruleset_id]
    for ref in _read_fields(ruleset_id):
        session = application(FORMS[ruleset_id], {f"{ref[0]}:{ref[1]}": None})
        for r in evaluate(rs, session).criteria:
            if r.status == UNKNOWN:
                assert r.missing or r.declarations or r.judgements or "须在" in r.explanation, (
                    ref,
                    r.id,
                    r.explanation,
                )


def test_a_blank_field_is_named_by_its_printed_label_with_the_year():
    session = application((APP,), {"rd_expense.y1": None, "rd_ratio.y1": None})
    r = evaluate(rulesets()["nat-xjr-2021b3-initial"], session).criterion("INIT-A")
    assert r.missing == ((APP, "rd_expense.y1"),)
    assert "研发经费总额（2019年）" in r.explanation


def test_fields_of_a_criterion_are_what_the_gui_jumps_to():
    session = application((APP,))
    r = evaluate(rulesets()["nat-xjr-2021b3-initial"], session).criterion("INIT-M3")
    assert r.fields == (
        (APP, "total_assets.y2"),
        (APP, "total_liabilities.y2"),
        (APP, "debt_ratio.y2"),
    )


def test_applicable_rule_sets_follow_the_forms_of_the_application():
    ids = lambda forms: [rs.id for rs in applicable(application(forms))]  # noqa: E731
    assert ids((APP,)) == ["nat-xjr-2021b3-full", "nat-xjr-2021b3-initial"]
    assert ids((NAT_BASIC, NAT_TARGETS)) == ["nat-zd-2021"]
    assert ids((JL_BASIC, JL_TARGETS, APP)) == [
        "jl-zd-2021b2",
        "nat-xjr-2021b3-full",
        "nat-xjr-2021b3-initial",
    ]
    assert ids(("bj-zd-basic-2021b1",)) == ["bj-zd-2021b1"]


def test_changing_one_figure_through_the_session_changes_the_verdict_on_the_next_evaluation():
    session = application((APP,))
    rs = rulesets()["nat-xjr-2021b3-initial"]
    assert evaluate(rs, session).criterion("INIT-M3").status == MET
    session.set_value((APP, "total_liabilities.y2"), "24220.01")
    r = evaluate(rs, session).criterion("INIT-M3")
    assert r.status == NOT_MET
    assert "资产负债率 2020年 70.00003% > 70%" in r.explanation
    session.set_value((APP, "total_liabilities.y2"), "")
    session.set_value((APP, "debt_ratio.y2"), "")
    assert evaluate(rs, session).criterion("INIT-M3").status == UNKNOWN


def test_a_shared_fact_typed_in_one_form_reaches_criteria_reading_another():
    session = application((JL_BASIC, JL_TARGETS, APP))
    rs = rulesets()["jl-zd-2021b2"]
    # 2020 main business revenue is one fact for the 申请书 and the Jilin 目标表
    session.set_value((JL_TARGETS, "mbr_last_year.base"), "21900")  # no growth over 2019
    session.set_value((JL_TARGETS, "listing_plan.base"), "无")
    assert evaluate(rs, session).criterion("JL-ZD-GROW").status == NOT_MET
