"""One criterion's result: what a reviewer must still judge, other readings, notes, criteria
outside the verdict, and what is reported as missing only while the verdict is open (mutation
testing of eligibility/evaluate.evaluate_criterion found these unasserted). The criteria are
the shipped 小巨人初核 ones, varied here; the demo enterprise's 营业收入 2020年 is 26800万元."""

from __future__ import annotations

from dataclasses import replace

from tests.core.eligibility_data import APP, MET, NOT_MET, UNKNOWN, application
from zjtx_desktop.core.eligibility import rulesets
from zjtx_desktop.core.eligibility.declarations import declared_slot
from zjtx_desktop.core.eligibility.evaluate import evaluate_criterion, field_label
from zjtx_desktop.core.eligibility.model import Alternative
from zjtx_desktop.core.eligibility.quantities import Quantities
from zjtx_desktop.core.expr import Expression
from zjtx_desktop.core.refs import field_ref

RS = "nat-xjr-2021b3-initial"
FULL = "nat-xjr-2021b3-full"
JUDGE = "创新成果属于重点领域"


def _run(changes=None, **criterion):
    rs = rulesets()[RS]
    base = next(c for c in rs.criteria if c.id == "INIT-M1")
    plain = {"judgements": (), "reading": "", "alternatives": (), "note": ""}
    c = replace(base, **{**plain, **criterion})
    return evaluate_criterion(c, Quantities(rs, application((APP,), changes)))


def _cond(source: str) -> Expression:
    return Expression(source)


def test_a_met_condition_with_a_judgement_stays_open_and_so_does_a_met_other_reading():
    r = _run(
        condition=_cond("or_y2 >= 10000"),
        judgements=(JUDGE,),
        alternatives=(Alternative("两年平均", _cond("or_y2 >= 5000")),),
    )
    assert r.status == UNKNOWN
    assert r.judgements == (JUDGE,)
    assert f"须由审核人员判断：{JUDGE}" in r.explanation
    assert "口径则为" not in r.explanation  # the other reading is just as open: not reported


def test_another_reading_with_another_verdict_is_reported_with_it():
    r = _run(
        condition=_cond("or_y2 >= 10000"),
        judgements=(JUDGE,),
        alternatives=(Alternative("两年合计", _cond("or_y2 >= 90000")),),
    )
    assert r.status == UNKNOWN
    assert "按“两年合计”口径则为不满足" in r.explanation
    met = _run(
        condition=_cond("or_y2 >= 10000"),
        alternatives=(Alternative("两年合计", _cond("or_y2 >= 90000")),),
    )
    assert met.status == MET and "按“两年合计”口径则为不满足" in met.explanation


def test_a_note_is_said_and_a_criterion_outside_the_verdict_says_so():
    r = _run(condition=_cond("or_y2 >= 10000"), note="注册地须企业声明", gate=False)
    assert r.explanation.endswith("；注册地须企业声明；（不计入总体结论）")
    counted = _run(condition=_cond("or_y2 >= 10000"))
    assert "不计入总体结论" not in counted.explanation


def test_what_is_missing_is_reported_while_open_and_not_once_decided():
    blank = {f"{APP}:rd_expense.y1": None}
    open_ = _run(blank, condition=_cond("or_y2 >= 10000 and rd_expense_y1 >= 0"))
    assert open_.status == UNKNOWN
    assert open_.missing == ((APP, "rd_expense.y1"),)
    # one known 不满足 decides whatever is blank: nothing is asked for
    decided = _run(
        blank, condition=_cond("or_y2 >= 99999 and rd_expense_y1 >= 0"), judgements=(JUDGE,)
    )
    assert decided.status == NOT_MET
    assert decided.missing == () and decided.declarations == () and decided.judgements == ()
    assert JUDGE not in decided.explanation


def test_a_field_is_named_by_its_label_and_an_unknown_one_by_its_id():
    session = application((APP,))
    assert field_label(session, field_ref(APP, "operating_revenue.y2")) == "营业收入（2020年）"
    assert field_label(session, field_ref(APP, "no_such_field")) == "no_such_field"
    assert field_label(session, field_ref("no-such-form", "x")) == "x"


def _statement(answer):
    rs = rulesets()[FULL]
    session = application((APP,))
    if answer is not None:
        session.raw[declared_slot(FULL, "legal_person")] = answer
    c = next(c for c in rs.criteria if c.id == "B1-REG")
    [s] = evaluate_criterion(c, Quantities(rs, session)).statements
    return s


def test_a_statement_carries_the_stored_answer_and_an_empty_one_is_no_answer():
    s = _statement(None)
    assert (s.ruleset, s.quantity, s.label, s.answer) == (
        FULL,
        "legal_person",
        "具有独立法人资格",
        None,
    )
    assert (s.text, s.kind) == ("本企业具有独立法人资格（不是分公司等分支机构）", "yesno")
    assert _statement("").answer is None  # an empty answer kept by an older version
    assert _statement("是").answer == "是"


def test_a_declaration_is_asked_for_only_while_the_verdict_waits_for_it():
    rs = rulesets()[FULL]
    base = next(c for c in rs.criteria if c.id == "B1-REG")
    qs = Quantities(rs, application((APP,)))
    waiting = evaluate_criterion(base, qs)
    assert waiting.status == UNKNOWN
    assert waiting.declarations == ("本企业具有独立法人资格（不是分公司等分支机构）",)
    # 营业收入 26800万元 < 99999: 不满足 whatever is declared, nothing to ask
    decided = replace(base, condition=_cond("or_y2 >= 99999 and legal_person == '是'"))
    assert evaluate_criterion(decided, qs).status == NOT_MET
    assert evaluate_criterion(decided, qs).declarations == ()
