"""Who may change what, and when, is refused by the core (EditRefused with a code), for every
view: the CLI meets the same refusals the window shows (issue 13 item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zjtx_desktop.cli import main
from zjtx_desktop.core.application import DeclarationRefused, OpenApplication
from zjtx_desktop.core.demo import open_or_create_demo
from zjtx_desktop.core.forms.registry import get_form
from zjtx_desktop.core.rights import EditRefused
from zjtx_desktop.core.store.drafts import DraftStore

APP_FORM = "nat-xjr-application-2021"


@pytest.fixture
def store(tmp_path: Path):
    s = DraftStore(tmp_path / "d.sqlite3")
    yield s
    s.close()


def _final_demo(store: DraftStore) -> OpenApplication:
    app = OpenApplication(store, open_or_create_demo(store, "nat-xjr-2021b3"))
    app.finalise()
    return app


def test_a_final_application_refuses_every_change_and_stays_final(store):
    app = _final_demo(store)
    before = store.values(app.id)
    ref = (APP_FORM, "legal_representative")
    with pytest.raises(EditRefused) as e:
        app.set_value(ref, "李四")
    assert e.value.code == "EDIT_FINAL" and "定稿" in str(e.value)
    with pytest.raises(EditRefused) as e:
        app.undo()
    assert e.value.code == "EDIT_FINAL"
    with pytest.raises(DeclarationRefused) as e:
        app.declare("nat-xjr-2021b3-full", "legal_person", "是")
    assert e.value.code == "EDIT_FINAL"
    assert store.values(app.id) == before
    assert OpenApplication(store, app.id).is_final


def test_the_enterprise_cannot_fill_part_six_and_the_reviewer_only_part_six(store):
    app_id = store.create([get_form(APP_FORM)])
    ent = OpenApplication(store, app_id)
    with pytest.raises(EditRefused) as e:
        ent.set_value((APP_FORM, "review_opinion"), "同意")
    assert e.value.code == "EDIT_NOT_FILLER"
    assert "推荐意见" in str(e.value) and "推荐单位" in str(e.value)
    reviewer = OpenApplication(store, app_id, role="recommender")
    reviewer.set_value((APP_FORM, "review_opinion"), "同意")
    with pytest.raises(EditRefused) as e:
        reviewer.set_value((APP_FORM, "employees"), "3")
    assert e.value.code == "EDIT_NOT_FILLER"
    assert store.values(app_id) == {(APP_FORM, "review_opinion"): "同意"}


def test_only_the_enterprise_declares_finalises_and_reopens(store):
    app_id = open_or_create_demo(store, "nat-xjr-2021b3")
    reviewer = OpenApplication(store, app_id, role="recommender")
    with pytest.raises(DeclarationRefused) as e:
        reviewer.declare("nat-xjr-2021b3-full", "legal_person", "是")
    assert e.value.code == "DECLARE_NOT_ENTERPRISE"
    with pytest.raises(EditRefused) as e:
        reviewer.finalise()
    assert e.value.code == "STATUS_NOT_ENTERPRISE"
    with pytest.raises(EditRefused) as e:
        OpenApplication(store, app_id, role="auditor")
    assert e.value.code == "ROLE_UNKNOWN"


def test_reopening_needs_a_reason_and_a_final_application(store):
    app = OpenApplication(store, open_or_create_demo(store, "nat-xjr-2021b3"))
    with pytest.raises(EditRefused) as e:
        app.reopen("补充数据")
    assert e.value.code == "NOT_FINAL"
    app.finalise()
    with pytest.raises(EditRefused) as e:
        app.finalise()
    assert e.value.code == "ALREADY_FINAL"
    for blank in ("", "   "):
        with pytest.raises(EditRefused) as e:
            app.reopen(blank)
        assert e.value.code == "REOPEN_NEEDS_REASON"
    assert app.is_final
    app.reopen("补充2020年数据")
    assert not app.is_final
    assert store.events(app.id)[-1][0::2] == ("reopened", "补充2020年数据")


def test_an_explanation_is_refused_once_final(store):
    app = OpenApplication(store, open_or_create_demo(store, "nat-xjr-2021b3"))
    form_id, issue = next(iter(app.session.all_issues()), (None, None))
    if issue is None:  # the demo is clean: make a warning to explain
        app.set_value((APP_FORM, "main_business_revenue.y2"), "26000")
        form_id, issue = next(iter(app.session.all_issues()))
    app.explain(form_id, issue, "属实")
    app.finalise()
    with pytest.raises(EditRefused) as e:
        app.explain(form_id, issue, "")
    assert e.value.code == "EDIT_FINAL"
    assert app.explanation(form_id, issue) == "属实"


# --- the same refusals from the command line ------------------------------------------------


def zjtx(capsys, db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_drafts_set_is_refused_on_a_final_draft_and_it_stays_final(capsys, tmp_path):
    db = tmp_path / "d.sqlite3"
    store = DraftStore(db)
    app = _final_demo(store)
    store.close()
    code, _out, err = zjtx(capsys, db, "drafts", "set", app.id, "legal_representative=李四")
    assert code == 2 and "已定稿" in err
    code, out, _ = zjtx(capsys, db, "drafts", "show", app.id)
    assert "状态：定稿" in out and "李四" not in out


def test_cli_enterprise_cannot_write_part_six_but_the_reviewer_can(capsys, tmp_path):
    db = tmp_path / "d.sqlite3"
    code, out, _ = zjtx(capsys, db, "drafts", "new", APP_FORM)
    app_id = out.strip()
    code, _, err = zjtx(
        capsys, db, "drafts", "set", app_id, "legal_representative=王建国", "review_class=a"
    )
    assert code == 2 and "推荐单位" in err
    store = DraftStore(db)
    assert store.values(app_id) == {}  # the refused assignment stopped the whole command
    store.close()
    code, _, err = zjtx(
        capsys, db, "drafts", "set", app_id, "review_class=a", "--role", "recommender"
    )
    assert code in (0, 1), err
    store = DraftStore(db)
    assert store.values(app_id) == {(APP_FORM, "review_class"): "a"}
    store.close()


def test_cli_finalise_and_reopen_reach_every_state_the_window_reaches(capsys, tmp_path):
    db = tmp_path / "d.sqlite3"
    store = DraftStore(db)
    app_id = open_or_create_demo(store, "nat-xjr-2021b3")
    store.close()
    code, out, _ = zjtx(capsys, db, "drafts", "finalise", app_id)
    assert code == 0 and "已定稿" in out
    code, _, err = zjtx(capsys, db, "drafts", "reopen", app_id, "--reason", "  ")
    assert code == 2 and "原因" in err
    code, _, _ = zjtx(capsys, db, "drafts", "reopen", app_id, "--reason", "补充数据")
    assert code == 0
    code, out, _ = zjtx(capsys, db, "drafts", "show", app_id)
    assert "状态：草稿" in out
    store = DraftStore(db)
    assert [k for k, _, _ in store.events(app_id)][-2:] == ["finalised", "reopened"]
    store.close()


def test_cli_finalise_with_errors_lists_them_and_exits_1(capsys, tmp_path):
    db = tmp_path / "d.sqlite3"
    _, out, _ = zjtx(capsys, db, "drafts", "new", APP_FORM)
    code, _, err = zjtx(capsys, db, "drafts", "finalise", out.strip())
    assert code == 1 and "不能定稿" in err and "[错误]" in err
