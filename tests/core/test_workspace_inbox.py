"""The inbox with plain DATA.json files (officials.md §3.4–3.5): 未校验来源, duplicates,
refusals that never enter, revisions, same credit code kept apart, the CLI contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.workspace_helpers import audit_actions, changed_copy, fixture, new_workspace
from zjtx_desktop.cli import main
from zjtx_desktop.core.workspace import inbox
from zjtx_desktop.core.workspace.schema import WorkspaceUnusable
from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError


def _ws_args(tmp_path: Path) -> list[str]:
    return ["--workspace", str(tmp_path / "ws.sqlite")]


def test_init_refuses_to_overwrite_and_to_open_a_drafts_database(tmp_path: Path) -> None:
    new_workspace(tmp_path).close()
    with pytest.raises(WorkspaceError, match="已存在"):
        new_workspace(tmp_path)
    from zjtx_desktop.core.store.drafts import DraftStore

    DraftStore(tmp_path / "drafts.sqlite3").close()
    with pytest.raises(WorkspaceUnusable, match="这不是专精特新申报助手的工作区"):
        Workspace(tmp_path / "drafts.sqlite3")


def test_cli_contract_import_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = str(tmp_path / "ws.sqlite")
    assert main(["workspace", "init", ws, "--unit", "长春市工业和信息化局", "--level", "市",
                 "--programme", "nat-xjr-2021b3", "--officer", "张三"]) == 0  # fmt: skip
    capsys.readouterr()
    files = [str(fixture("E01")), str(fixture("E04"))]
    assert main(["inbox", "import", *_ws_args(tmp_path), *files, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(o["file"], o["status"], o["codes"]) for o in out] == [
        ("E01.json", "accepted", ["DATA_UNVERIFIED"]),
        ("E04.json", "accepted", ["DATA_UNVERIFIED"]),
    ]
    assert main(["inbox", "list", *_ws_args(tmp_path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [
        (r["enterprise"], r["credit_code"], r["revision"], r["state"], r["class"],
         r["mandatory_met"])
        for r in listed
    ] == [
        ("吉林省恒锐精密机床有限公司", "91220101MA0Y7K2Q14", 1, "已接收", "a", 5),
        ("四平宏达液压件有限公司", "91220104MA0Y7K2Q4Q", 1, "已接收", "b", 5),
    ]  # fmt: skip
    assert listed[0]["criteria"]["INIT-M2"] == "unknown"
    assert {o["application_id"] for o in out} == {r["application_id"] for r in listed}


def test_refused_file_never_enters_and_the_exit_code_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = new_workspace(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text('{"form": "nat-xjr-application-2021", "values": {"no_such": 1}}', "utf-8")
    before = audit_actions(ws)
    ws.close()
    args = ["inbox", "import", *_ws_args(tmp_path), str(bad), str(fixture("E02")), "--json"]
    assert main(args) == 1
    out = json.loads(capsys.readouterr().out)
    assert [(o["file"], o["status"]) for o in out] == [
        ("bad.json", "refused"),
        ("E02.json", "accepted"),
    ]
    assert "no_such" in out[0]["message"]
    ws = Workspace(tmp_path / "ws.sqlite")
    assert [a.enterprise for a in ws.applications()] == ["长春华晟传感科技有限公司"]
    assert audit_actions(ws)[len(before) :] == ["import_refused", "import"]


def test_unusable_workspace_exits_2(tmp_path: Path) -> None:
    args = ["inbox", "import", "--workspace", str(tmp_path / "nope.sqlite"), str(fixture("E01"))]
    with pytest.raises(SystemExit) as stop:
        main(args)
    assert stop.value.code == 2


def test_the_same_file_twice_is_a_duplicate(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    (first,) = inbox.import_files(ws, [fixture("E01")])
    (second,) = inbox.import_files(ws, [fixture("E01")])
    assert (second.status, second.codes) == ("duplicate", ["PKG_DUPLICATE"])
    assert second.application_id == first.application_id
    assert len(ws.applications()) == 1
    assert ws.application(first.application_id).revision == 1


def test_same_credit_code_other_name_is_kept_apart_and_flagged(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    outs = inbox.import_files(ws, [fixture("E08"), fixture("E09")])
    assert [o.status for o in outs] == ["accepted", "accepted"]
    assert outs[0].application_id != outs[1].application_id
    assert "PKG_SAME_ENTERPRISE" in outs[1].codes
    assert len(ws.applications()) == 2


def test_a_changed_file_is_the_next_revision_and_the_old_one_is_archived(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    (r1,) = inbox.import_files(ws, [fixture("E01")])
    r2 = changed_copy(tmp_path, "E01", {"taxes_paid.y2": "1700"})
    (out,) = inbox.import_files(ws, [r2])
    assert (out.status, out.application_id) == ("accepted", r1.application_id)
    subs = ws.submissions(r1.application_id)
    assert [(s.revision, s.status) for s in subs] == [(1, "archived"), (2, "current")]
    assert subs[0].data["nat-xjr-application-2021"]["taxes_paid.y2"] == "1680"
    assert ws.current(r1.application_id).data["nat-xjr-application-2021"]["taxes_paid.y2"] == "1700"
    # the 申请书's printed data changed: its paper must be printed and stamped again
    assert ws.application(r1.application_id).paper_reset == ("nat-xjr-application-2021",)


def test_received_bytes_are_archived_as_they_came(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    inbox.import_files(ws, [fixture("E05")])
    (blob,) = ws.conn.execute("SELECT bytes FROM archive").fetchone()
    assert blob == fixture("E05").read_bytes()


def test_forms_of_another_programme_are_refused(tmp_path: Path) -> None:
    from zjtx_desktop.core.paths import resources_dir

    ws = new_workspace(tmp_path)
    (out,) = inbox.import_files(ws, [resources_dir() / "demo" / "jl-zd-basic-2021b2.json"])
    assert (out.status, out.codes) == ("refused", ["PKG_PROGRAMME"])
    assert ws.applications() == []


def test_cancel_stops_between_submissions_leaving_whole_ones(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    seen: list[tuple[int, int]] = []
    calls = iter([False, False, False, True])
    files = [fixture(f"E{i:02d}") for i in range(1, 7)]
    outs = inbox.import_files(ws, files, progress=lambda d, t: seen.append((d, t)),
                              cancelled=lambda: next(calls, True))  # fmt: skip
    assert [o.status for o in outs] == ["accepted"] * 3
    assert len(ws.applications()) == 3
    for app in ws.applications():  # every application entered is complete
        assert ws.current(app.id).data["nat-xjr-application-2021"]["enterprise_name"]
    assert seen == [(i, 12) for i in range(1, 10)]  # six read, three received
