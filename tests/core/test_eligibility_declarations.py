"""Declarations: the enterprise answers what no form holds, and the verdict follows."""

from __future__ import annotations

from zjtx_desktop.core.application import OpenApplication
from zjtx_desktop.core.demo import open_or_create_demo
from zjtx_desktop.core.eligibility import Status, evaluate, rulesets
from zjtx_desktop.core.store.drafts import DraftStore

FULL = "nat-xjr-2021b3-full"


def _reg(app: OpenApplication):
    return evaluate(rulesets()[FULL], app.session).criterion("B1-REG")


def test_declaring_yes_meets_the_criterion_and_says_it_was_declared(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    app = OpenApplication(store, open_or_create_demo(store, "nat-xjr-2021b3"))
    before = _reg(app)
    assert before.status == Status.UNKNOWN
    [statement] = before.statements
    assert statement.text == "本企业具有独立法人资格（不是分公司等分支机构）"
    assert statement.kind == "yesno" and statement.answer is None
    app.declare(FULL, statement.quantity, "是")
    after = _reg(app)
    assert after.status == Status.MET
    assert "具有独立法人资格：是（企业声明）" in after.explanation
    assert after.statements[0].answer == "是"  # still offered, so it can be changed


def test_declaring_no_fails_it_and_withdrawing_returns_to_unknown(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    app = OpenApplication(store, open_or_create_demo(store, "nat-xjr-2021b3"))
    app.declare(FULL, "legal_person", "否")
    assert _reg(app).status == Status.NOT_MET
    app.declare(FULL, "legal_person", None)
    assert _reg(app).status == Status.UNKNOWN


def test_a_declaration_is_saved_with_the_application_and_in_its_history(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    app_id = open_or_create_demo(store, "nat-xjr-2021b3")
    OpenApplication(store, app_id).declare(FULL, "legal_person", "是")
    store.close()
    again = DraftStore(tmp_path / "d.sqlite3")
    app = OpenApplication(again, app_id)
    assert _reg(app).status == Status.MET
    assert [c.new for c in again.history(app_id, ("", f"declared:{FULL}:legal_person"))] == ["是"]
    # a declaration is not a form value: DATA.json of the 申请书 does not carry it
    assert not [k for k in app.data("nat-xjr-application-2021")["values"] if ":" in k]


def test_a_figure_can_be_declared_where_the_form_has_no_cell_for_it(tmp_path):
    # Beijing's 目标表 has no 2019 研发经费占比: the enterprise states it
    store = DraftStore(tmp_path / "d.sqlite3")
    app = OpenApplication(store, open_or_create_demo(store, "bj-zd-2021b1"))
    rs = rulesets()["bj-zd-2021b1"]
    rd = evaluate(rs, app.session).criterion("BJ-ZD-RD")
    [statement] = [s for s in rd.statements if s.quantity == "rd_ratio_y1"]
    assert statement.kind == "number" and statement.unit == "%"
    app.declare(rs.id, "rd_ratio_y1", "3.99")
    assert evaluate(rs, app.session).criterion("BJ-ZD-RD").status == Status.NOT_MET
    app.declare(rs.id, "rd_ratio_y1", "4")
    assert evaluate(rs, app.session).criterion("BJ-ZD-RD").status == Status.MET
    app.declare(rs.id, "rd_ratio_y1", "四")  # not a number: as if undeclared, never a guess
    assert evaluate(rs, app.session).criterion("BJ-ZD-RD").status == Status.UNKNOWN


def test_form_data_wins_over_a_declaration(tmp_path):
    # the 申请书 holds the 2019 ratio: a declaration for it is not used
    from tests.core.eligibility_data import application
    from zjtx_desktop.core.eligibility.declarations import declared_slot

    session = application(
        ("bj-zd-basic-2021b1", "bj-zd-targets-2021b1", "nat-xjr-application-2021")
    )
    session.raw[declared_slot("bj-zd-2021b1", "rd_ratio_y1")] = "1"
    rd = evaluate(rulesets()["bj-zd-2021b1"], session).criterion("BJ-ZD-RD")
    assert rd.status == Status.MET and "（企业声明）" not in rd.explanation


def test_undo_takes_back_a_declaration_like_any_change(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    app = OpenApplication(store, open_or_create_demo(store, "nat-xjr-2021b3"))
    app.declare(FULL, "legal_person", "是")
    assert _reg(app).status == Status.MET
    app.undo()
    assert _reg(app).status == Status.UNKNOWN
    app.redo()
    assert _reg(app).status == Status.MET
