"""添加自评表: the 自评表 joins an application started without it, reading the facts its
other forms hold (asked once), and the self-check then applies the 2022/2026 rule versions
beside the application's own 2021 rules. Real SQLite file, reopened from disk."""

from __future__ import annotations

import pytest

from tests.core.eligibility_data import APP
from tests.core.rules_today import SA
from zjtx_desktop.core.application import OpenApplication
from zjtx_desktop.core.demo import open_or_create_demo
from zjtx_desktop.core.eligibility import applicable
from zjtx_desktop.core.self_assessment import AddFormRefused, add_self_assessment, why_not_add
from zjtx_desktop.core.store.drafts import DraftStore

NAME = "吉林省恒锐精密机床有限公司"  # resources/demo/nat-xjr-application-2021.json
CODE = "91220101MA0Y7K2Q8R"


@pytest.fixture
def store(tmp_path):
    s = DraftStore(tmp_path / "drafts.sqlite3")
    yield s
    s.close()


def test_the_self_assessment_is_added_after_the_application_and_shares_its_facts(store, tmp_path):
    app_id = open_or_create_demo(store, "nat-xjr-2021b3")  # the 申请书 alone
    assert [f for f, _ in store.get(app_id).forms] == [APP]
    assert why_not_add(store, app_id) == ""
    form = add_self_assessment(store, app_id)
    assert form.id == SA
    store.close()
    again = DraftStore(tmp_path / "drafts.sqlite3")  # from disk
    try:
        app = OpenApplication(again, app_id)
        assert [f for f, _ in app.record.forms] == [APP, SA]
        st = app.session.state(SA)
        # typed in the 申请书, shown in the 自评表: not asked twice
        assert st.value("enterprise_name") == NAME
        assert st.value("credit_code") == CODE
        assert st.value("assessment_date") is None  # the 申请书 has no such fact: asked here
        # one fact: a change in the 自评表 is the 申请书's value too
        app.set_value((SA, "enterprise_name"), "吉林省恒锐精密机床股份有限公司")
        assert app.session.state(APP).value("enterprise_name") == "吉林省恒锐精密机床股份有限公司"
        assert any(kind == "form_added" for kind, _at, _d in again.events(app_id))
        # the self-check: the 申请书's 2021 rules and the versions the 自评日期 and type choose
        app.set_value((SA, "assessment_date"), "2026-05-10")
        app.set_value((SA, "application_type"), "新申请")
        ids = {rs.id for rs in applicable(app.session)}
        assert {"nat-xjr-2021b3-initial", "nat-xjr-2021b3-full"} <= ids
        assert {"cx-2022", "zjtx-2026", "xjr-2026"} <= ids
        assert not ids & {"zjtx-2022", "xjr-2022"}
        # nothing of the 申请书 changed
        assert app.session.state(APP).value("credit_code") == CODE
    finally:
        again.close()


def test_it_is_added_once_and_never_to_a_finalised_application(store):
    app_id = open_or_create_demo(store, "nat-xjr-2021b3")
    add_self_assessment(store, app_id)
    with pytest.raises(AddFormRefused, match="已有自评表"):
        add_self_assessment(store, app_id)
    assert [f for f, _ in store.get(app_id).forms] == [APP, SA]
    other = open_or_create_demo(store, "jl-zd-2021b2")
    store.set_status(other, "final")
    before = store.get(other).forms
    with pytest.raises(AddFormRefused, match="已定稿"):
        add_self_assessment(store, other)
    assert store.get(other).forms == before


def test_the_reviewer_cannot_add_the_enterprises_form(store):
    app_id = open_or_create_demo(store, "nat-xjr-2021b3")
    with pytest.raises(AddFormRefused, match="由企业填写"):
        add_self_assessment(store, app_id, "recommender")
    assert [f for f, _ in store.get(app_id).forms] == [APP]


def test_an_application_started_as_a_self_check_has_it_already(store):
    app_id = open_or_create_demo(store, "self-check-2026")
    assert "已有自评表" in why_not_add(store, app_id)
