"""One undo, in the core: a typing burst in one field is one step, declarations are steps like
any change, each role undoes only what it may change, and the CLI asks the same undo (item 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zjtx_desktop.cli import main
from zjtx_desktop.core.application import OpenApplication
from zjtx_desktop.core.demo import open_or_create_demo
from zjtx_desktop.core.forms.registry import get_form
from zjtx_desktop.core.store.drafts import DraftStore

APP_FORM = "nat-xjr-application-2021"
EMP = (APP_FORM, "employees")
EMP_SLOT = ("", "employees")  # a fact shared by the forms


@pytest.fixture
def store(tmp_path: Path):
    s = DraftStore(tmp_path / "d.sqlite3")
    yield s
    s.close()


def _type(app: OpenApplication, ref, text: str) -> None:
    for i in range(1, len(text) + 1):  # one edit per keystroke, as the window sends them
        app.set_value(ref, text[:i])


def test_a_typing_burst_is_one_step_and_leaving_the_field_starts_another(store):
    app = OpenApplication(store, store.create([get_form(APP_FORM)]))
    _type(app, EMP, "320")
    app.end_burst()
    _type(app, EMP, "33")
    assert app.undo_label() == "从业人数"
    app.undo()
    assert app.raw(EMP) == "320" and store.values(app.id)[EMP_SLOT] == "320"
    app.undo()
    assert app.raw(EMP) is None and EMP_SLOT not in store.values(app.id)
    assert app.undo() is None and not app.can_undo()
    app.redo()
    assert app.raw(EMP) == "320"
    app.redo()
    assert app.raw(EMP) == "33" and not app.can_redo()


def test_typing_in_another_field_ends_the_burst(store):
    app = OpenApplication(store, store.create([get_form(APP_FORM)]))
    _type(app, EMP, "32")
    _type(app, (APP_FORM, "rd_staff"), "5")
    _type(app, EMP, "7")
    app.undo()
    assert app.raw(EMP) == "32"
    app.undo()
    assert app.raw((APP_FORM, "rd_staff")) is None and app.raw(EMP) == "32"


def test_the_burst_survives_a_restart_and_a_new_edit_ends_the_redo_chain(store, tmp_path):
    app = OpenApplication(store, store.create([get_form(APP_FORM)]))
    _type(app, EMP, "320")
    again = OpenApplication(DraftStore(tmp_path / "d.sqlite3"), app.id)
    again.undo()
    assert again.raw(EMP) is None
    again.set_value(EMP, "9")
    assert not again.can_redo() and again.redo() is None


def test_the_undo_reverts_the_engine_too(store):
    app = OpenApplication(store, store.create([get_form(APP_FORM)]))
    app.set_value(EMP, "3")
    app.end_burst()
    app.set_value((APP_FORM, "rd_staff"), "5")  # more R&D staff than employees: an error
    assert any(i.code == "RD_STAFF_GT_EMPLOYEES" for _, i in app.session.all_issues())
    result = app.undo()
    assert result is not None and (APP_FORM, "rd_staff") in result.changed
    assert not any(i.code == "RD_STAFF_GT_EMPLOYEES" for _, i in app.session.all_issues())


def test_the_reviewer_undoes_only_part_six(store):
    app_id = store.create([get_form(APP_FORM)])
    ent = OpenApplication(store, app_id)
    ent.set_value(EMP, "320")
    reviewer = OpenApplication(store, app_id, role="recommender")
    assert not reviewer.can_undo() and reviewer.undo() is None
    assert store.values(app_id)[EMP_SLOT] == "320"
    reviewer.set_value((APP_FORM, "review_opinion"), "同意")
    ent.end_burst()
    ent.set_value(EMP, "330")
    reviewer.undo()  # its own step, although the enterprise's is newer
    assert (APP_FORM, "review_opinion") not in store.values(app_id)
    assert store.values(app_id)[EMP_SLOT] == "330"


def test_a_declaration_is_one_step_between_field_edits(store):
    app = OpenApplication(store, open_or_create_demo(store, "nat-xjr-2021b3"))
    ref = ("nat-xjr-application-2021", "legal_representative")
    app.set_value(ref, "李四")
    app.declare("nat-xjr-2021b3-full", "legal_person", "是")
    assert app.undo_label() == "声明"
    app.undo()
    slot = ("", "declared:nat-xjr-2021b3-full:legal_person")
    assert slot not in store.values(app.id) and slot not in app.session.raw
    assert app.raw(ref) == "李四"
    app.undo()
    assert app.raw(ref) == "王建国"


def test_cli_undo_and_redo_use_the_same_steps(capsys, tmp_path):
    db = tmp_path / "d.sqlite3"
    assert main(["--db", str(db), "drafts", "new", "nat-xjr-application-2021"]) == 0
    app_id = capsys.readouterr().out.strip()
    main(["--db", str(db), "drafts", "set", app_id, "legal_representative=王建国", "employees=320"])
    capsys.readouterr()
    assert main(["--db", str(db), "drafts", "undo", app_id]) == 0
    assert "从业人数" in capsys.readouterr().out
    store = DraftStore(db)
    values = store.values(app_id)
    store.close()
    assert ("", "employees") not in values and ("", "legal_representative") in values
    assert main(["--db", str(db), "drafts", "redo", app_id]) == 0
    store = DraftStore(db)
    assert store.values(app_id)[("", "employees")] == "320"
    store.close()
