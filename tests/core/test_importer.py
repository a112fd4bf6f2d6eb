"""Importing DATA.json files: one application per enterprise, nothing silently replaced."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from zjtx_desktop.core.application import OpenApplication
from zjtx_desktop.core.importer import import_files
from zjtx_desktop.core.paths import resources_dir
from zjtx_desktop.core.store.drafts import DraftStore

DEMO = Path(resources_dir(), "demo")


def demo_file(tmp_path: Path, form_id: str, changes: dict | None = None, name: str = "") -> Path:
    data = json.loads((DEMO / f"{form_id}.json").read_text(encoding="utf-8"))
    data["values"].update(changes or {})
    out = tmp_path / (name or f"{form_id}.json")
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


def test_the_two_jilin_tables_of_one_enterprise_become_one_application(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    files = [demo_file(tmp_path, "jl-zd-targets-2021b2"), demo_file(tmp_path, "jl-zd-basic-2021b2")]
    report = import_files(store, files)
    assert report.problems == [] and len(report.imported) == 1
    a = report.imported[0]
    assert a.programme == "jl-zd-2021b2" and a.name == "吉林省恒锐精密机床有限公司"
    app = OpenApplication(store, a.app_id)
    # the programme's order, whatever the order of the files
    assert [f.id for f in app.forms] == ["jl-zd-basic-2021b2", "jl-zd-targets-2021b2"]
    assert not [i for _f, i in app.session.all_issues() if i.severity == "error"]


def test_different_enterprises_become_different_applications(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    other = {"enterprise_name": "长春另一家机械有限公司", "credit_code": "91220101MA0Y7K2Q8R"}
    basic = demo_file(tmp_path, "jl-zd-basic-2021b2")
    code = json.loads(basic.read_text(encoding="utf-8"))["values"].get("credit_code")
    if code == other["credit_code"]:
        other["credit_code"] = "91110108551385082Q"
    files = [basic, demo_file(tmp_path, "jl-zd-basic-2021b2", other, name="other.json")]
    report = import_files(store, files)
    assert len(report.imported) == 2
    assert {a.name for a in report.imported} == {
        "吉林省恒锐精密机床有限公司",
        "长春另一家机械有限公司",
    }


def test_files_that_disagree_on_a_common_fact_are_kept_apart_and_the_report_says_why(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    application = demo_file(tmp_path, "nat-xjr-application-2021")
    # the same enterprise's 基本情况表, with another head count than its 申请书
    basic = demo_file(tmp_path, "nat-zd-basic-2021", {"employees": "999"}, name="basic.json")
    report = import_files(store, [application, basic])
    assert len(report.imported) == 2
    assert report.notes == ["basic.json：与同一企业的其他文件“从业人数（人）”不一致，已单独导入"]
    stored = {
        OpenApplication(store, a.app_id).session.raw.get(("", "employees")) for a in report.imported
    }
    assert stored == {"320", "999"}  # neither value replaced the other


def test_a_second_copy_of_the_same_form_becomes_its_own_application(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    first = demo_file(tmp_path, "jl-zd-basic-2021b2")
    again = demo_file(tmp_path, "jl-zd-basic-2021b2", name="again.json")
    report = import_files(store, [first, again])
    assert len(report.imported) == 2
    assert report.notes == ["again.json：同一企业的这张表已有一份，已单独导入"]


def test_matching_facts_of_different_forms_are_merged_into_one_application(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    files = [
        demo_file(tmp_path, "nat-xjr-application-2021"),
        demo_file(tmp_path, "nat-zd-basic-2021"),
    ]
    report = import_files(store, files)
    assert len(report.imported) == 1 and report.notes == []
    assert report.imported[0].programme == ""  # no programme asks for exactly these two forms


def test_an_unusable_file_is_reported_and_the_others_are_imported(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    bad = tmp_path / "坏文件.json"
    bad.write_text("{not json", encoding="utf-8")
    good = demo_file(tmp_path, "nat-xjr-application-2021")
    steps: list[tuple[int, int]] = []
    report = import_files(store, [bad, good], progress=lambda i, n: steps.append((i, n)))
    assert len(report.imported) == 1 and report.imported[0].programme == "nat-xjr-2021b3"
    assert len(report.problems) == 1 and "不是有效的 JSON" in report.problems[0]
    assert steps[-1][0] == steps[-1][1]  # progress reaches the end


def test_cli_imports_several_files_and_prints_one_id_per_application(tmp_path, capsys):
    from zjtx_desktop.cli import main

    db = tmp_path / "cli.sqlite3"
    for f in ("jl-zd-basic-2021b2", "jl-zd-targets-2021b2"):
        shutil.copy(DEMO / f"{f}.json", tmp_path / f"{f}.json")
    args = ["--db", str(db), "drafts", "import"]
    args += [str(tmp_path / f"{f}.json") for f in ("jl-zd-basic-2021b2", "jl-zd-targets-2021b2")]
    assert main(args) == 0
    ids = capsys.readouterr().out.split()
    assert len(ids) == 1
    store = DraftStore(db)
    assert store.get(ids[0]).programme == "jl-zd-2021b2"
