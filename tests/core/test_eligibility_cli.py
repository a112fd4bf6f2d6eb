"""`zjtx check DATA.json [--programme ID] [--json]`: output shape and exit codes."""

import io
import json
from pathlib import Path

import pytest

from zjtx_desktop.cli import main
from zjtx_desktop.core.paths import resources_dir

DEMO = Path(resources_dir(), "demo")
APP_JSON = str(DEMO / "nat-xjr-application-2021.json")
JL = [str(DEMO / "jl-zd-basic-2021b2.json"), str(DEMO / "jl-zd-targets-2021b2.json")]


def run(capsys, *argv):
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_json_lists_each_applicable_rule_set_with_its_criteria(capsys):
    data = run_json(capsys, APP_JSON)
    assert [p["id"] for p in data] == ["nat-xjr-2021b3-full", "nat-xjr-2021b3-initial"]
    for p in data:
        assert {"id", "title", "document", "criteria"} <= set(p)
        assert p["document"] == "工信厅企业函〔2021〕79号"
        for c in p["criteria"]:
            assert {"id", "title", "source", "status", "explanation", "fields"} <= set(c)
            assert c["status"] in {"met", "not_met", "unknown"}
            assert c["explanation"]
    initial = {c["id"]: c for c in data[1]["criteria"]}
    assert initial["INIT-A"]["status"] == "met"
    assert initial["INIT-B"]["status"] == "not_met"
    assert initial["INIT-M1"]["fields"] == ["operating_revenue.y2", "main_business_revenue.y2"]
    assert "79号" in initial["INIT-M1"]["source"]


def test_programme_option_chooses_one_rule_set(capsys):
    data = run_json(capsys, APP_JSON, "--programme", "nat-xjr-2021b3-initial")
    assert [p["id"] for p in data] == ["nat-xjr-2021b3-initial"]


def test_programme_option_with_a_programme_id_means_all_its_rule_sets(capsys):
    data = run_json(capsys, APP_JSON, "--programme", "nat-xjr-2021b3")
    assert [p["id"] for p in data] == ["nat-xjr-2021b3-full", "nat-xjr-2021b3-initial"]


def test_several_files_of_one_enterprise_are_checked_as_one_application(capsys):
    data = run_json(capsys, *JL, APP_JSON, "--programme", "jl-zd-2021b2")
    rd = {c["id"]: c for c in data[0]["criteria"]}["JL-ZD-RD"]
    assert rd["status"] == "met"
    assert "2019年 5.49% ≥ 4%" in rd["explanation"]
    alone = run_json(capsys, *JL)
    rd = {c["id"]: c for c in alone[0]["criteria"]}["JL-ZD-RD"]
    assert rd["status"] == "unknown"


def test_data_on_standard_input_and_unknown_criteria_list_missing_fields(capsys, monkeypatch):
    obj = {"form": "nat-xjr-application-2021", "values": {"operating_revenue.y2": "8000"}}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(obj, ensure_ascii=False)))
    data = run_json(capsys, "-")
    m1 = {c["id"]: c for c in data[1]["criteria"]}["INIT-M1"]
    assert m1["status"] == "unknown"
    assert m1["missing"] == [
        {
            "form": "nat-xjr-application-2021",
            "field": "main_business_revenue.y2",
            "label": "主营业务收入（2020年）",
        }
    ]


def test_text_output_marks_each_criterion_and_states_the_verdict(capsys):
    code, out, _ = run(capsys, APP_JSON, "--programme", "nat-xjr-2021b3-initial")
    assert code == 0
    assert out.splitlines()[0].endswith("：尚不能判断")
    assert "✓ [INIT-A]" in out and "✗ [INIT-B]" in out and "? [INIT-M2]" in out
    assert "必备指标（6项）：尚不能判断（满足 5，不满足 0，待定 1）" in out


def test_a_form_without_rule_sets_gives_an_empty_list(capsys, monkeypatch):
    # every shipped form has a rule set now: pretend this one has none
    monkeypatch.setattr(
        "zjtx_desktop.core.eligibility.applicable", lambda session, assessment=None: []
    )
    code, out, err = run(capsys, str(DEMO / "bj-zd-basic-2021b1.json"), "--json")
    assert code == 0
    assert json.loads(out) == []
    assert "没有适用" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["no-such-file.json"],
        [APP_JSON, "--programme", "no-such-programme"],
        [APP_JSON, APP_JSON],
        [],
    ],
)
def test_unusable_input_exits_2_with_a_message(capsys, argv):
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert err.startswith("错误：")


def test_invalid_json_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, str(bad))
    assert code == 2 and "不是有效的 JSON" in err


def test_a_field_the_form_does_not_have_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"form": "nat-xjr-application-2021", "values": {"x": "1"}}))
    code, _, err = run(capsys, str(bad))
    assert code == 2 and "没有这些字段" in err


def test_list_shows_the_rule_sets_and_their_documents(capsys):
    code, out, _ = run(capsys, "--list")
    assert code == 0
    assert "jl-zd-2021b2" in out and "吉工信办联〔2021〕34号" in out


def test_list_as_json_gives_document_date_version_and_forms(capsys):
    code, out, _ = run(capsys, "--list", "--json")
    assert code == 0
    jl = {p["id"]: p for p in json.loads(out)}["jl-zd-2021b2"]
    assert jl == {
        "id": "jl-zd-2021b2",
        "title": "吉林省第二批重点“小巨人”企业申报条件",
        "document": "吉工信办联〔2021〕34号",
        "date": "2021-07-23",
        "version": "1",
        "programme": "jl-zd-2021b2",
        "forms": ["jl-zd-basic-2021b2", "jl-zd-targets-2021b2"],
        "grade": "A",
        "grade_note": "",
        "tier": "",
        "applies": [],
        "overlay_on": [],
        "origin": "shipped",
    }


def test_a_stored_application_is_checked_with_its_declarations(capsys, tmp_path):
    db = str(tmp_path / "d.sqlite3")
    assert main(["--db", db, "drafts", "import", APP_JSON]) == 0
    app_id = capsys.readouterr().out.strip()
    full = "nat-xjr-2021b3-full"

    def reg(*extra):
        code, out, err = run(capsys, "--draft", app_id, "--db", db, "--json", *extra)
        assert code == 0, err
        data = {p["id"]: p for p in json.loads(out)}
        return next(c for c in data[full]["criteria"] if c["id"] == "B1-REG")

    before = reg()
    assert before["status"] == "unknown"
    assert before["statements"][0]["quantity"] == "legal_person"
    assert before["statements"][0]["answer"] is None
    after = reg("--declare", f"{full}:legal_person=是")
    assert after["status"] == "met" and after["statements"][0]["answer"] == "是"
    assert reg()["status"] == "met"  # saved with the application
    assert reg("--declare", f"{full}:legal_person=")["status"] == "unknown"  # withdrawn


@pytest.mark.parametrize(
    "declare",
    ["nat-xjr-2021b3-full:legal_person=也许", "nat-xjr-2021b3-full:no_such=是", "legal_person=是"],
)
def test_a_bad_declaration_is_refused_with_exit_2(capsys, tmp_path, declare):
    db = str(tmp_path / "d.sqlite3")
    assert main(["--db", db, "drafts", "import", APP_JSON]) == 0
    app_id = capsys.readouterr().out.strip()
    code, _out, err = run(capsys, "--draft", app_id, "--db", db, "--declare", declare)
    assert code == 2 and err


def test_declarations_need_a_stored_application(capsys):
    code, _out, err = run(capsys, APP_JSON, "--declare", "nat-xjr-2021b3-full:legal_person=是")
    assert code == 2 and "--draft" in err
