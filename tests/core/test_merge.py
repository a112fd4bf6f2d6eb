"""One merge policy for several DATA.json files of one enterprise (issue 13 item 8): a shared
fact given differently is never silently chosen — check and export refuse naming the fact and
both files, the importer keeps the files apart; the same figure written differently agrees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zjtx_desktop.cli import main
from zjtx_desktop.core.datafile import parse_data
from zjtx_desktop.core.importer import import_files
from zjtx_desktop.core.merge import MergeRefused, merge
from zjtx_desktop.core.paths import resources_dir
from zjtx_desktop.core.store.drafts import DraftStore

DEMO = Path(resources_dir(), "demo")
BASIC = json.loads((DEMO / "jl-zd-basic-2021b2.json").read_text(encoding="utf-8"))
APP = json.loads((DEMO / "nat-xjr-application-2021.json").read_text(encoding="utf-8"))


def with_values(doc: dict, **values) -> dict:
    return {"form": doc["form"], "values": {**doc["values"], **values}}


def write(tmp_path: Path, name: str, doc: dict) -> str:
    p = tmp_path / name
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(p)


def test_merge_refuses_a_fact_given_differently_and_names_both_sources():
    a = parse_data(with_values(BASIC, employees="320"))
    b = parse_data(with_values(APP, employees="330"))
    with pytest.raises(MergeRefused) as e:
        merge([("basic.json", a), ("app.json", b)])
    [c] = e.value.conflicts
    assert c.slot == ("", "employees")
    assert c.first == ("basic.json", "320") and c.second == ("app.json", "330")
    assert "从业人数" in str(e.value) and "basic.json" in str(e.value)


def test_the_same_figure_written_differently_agrees_and_the_first_text_is_kept():
    a = parse_data(with_values(BASIC, employees="320"))
    b = parse_data(with_values(APP, employees=320))
    raw = merge([("basic.json", a), ("app.json", b)])
    assert raw[("", "employees")] == "320"


def test_two_files_of_one_form_are_refused():
    a = parse_data(BASIC)
    with pytest.raises(MergeRefused, match="都是表单"):
        merge([("a.json", a), ("b.json", a)])


def test_check_refuses_files_that_disagree_instead_of_keeping_the_first(capsys, tmp_path):
    a = write(tmp_path, "basic.json", with_values(BASIC, employees="320"))
    b = write(tmp_path, "app.json", with_values(APP, employees="3200"))
    assert main(["check", a, b]) == 2
    err = capsys.readouterr().err
    assert "从业人数" in err and "basic.json" in err and "app.json" in err
    assert main(["check", a, write(tmp_path, "same.json", with_values(APP, employees=320))]) == 0


def test_verify_refuses_an_application_whose_forms_disagree(capsys, tmp_path):
    doc = {"forms": [with_values(BASIC, employees="320"), with_values(APP, employees="3200")]}
    path = write(tmp_path, "application.json", doc)
    assert main(["verify", path, "0000-0000-0000"]) == 2
    assert "从业人数" in capsys.readouterr().err


def test_the_importer_keeps_disagreeing_files_apart_and_joins_agreeing_ones(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    a = write(tmp_path, "basic.json", with_values(BASIC, employees="320"))
    b = write(tmp_path, "app.json", with_values(APP, employees="3200"))
    report = import_files(store, [Path(a), Path(b)])
    assert len(report.imported) == 2 and any("从业人数" in n for n in report.notes)
    c = write(tmp_path, "app2.json", with_values(APP, employees=320))
    report = import_files(store, [Path(a), Path(c)])
    assert len(report.imported) == 1
    [app] = report.imported
    assert store.values(app.app_id)[("", "employees")] == "320"
    store.close()
