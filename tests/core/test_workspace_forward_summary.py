"""Audit item 5: 上报 without a 定稿 汇总表 wrote a package without it and marked the rows
已上报. officials.md §3.12: the forward package holds the frozen 汇总表 (xlsx + pdf) — so
forwarding is refused, with nothing written or marked, until the 汇总表 is 定稿 and lists
every application forwarded."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.core.workspace_helpers import UNIT_CODE, complete_part6, new_workspace
from zjtx_desktop.cli import main
from zjtx_desktop.core.workspace import inbox, summary
from zjtx_desktop.core.workspace.states import State

HINT = (
    "请先定稿汇总表（窗口中的“汇总表…”，或 zjtx summary --workspace WS --table A6 --finalise），"
    "再上报"
)


@pytest.fixture
def county(tmp_path, packages, monkeypatch, capsys):
    """A workspace with E01–E03 拟推荐 and the unit's key; no 汇总表 定稿 yet."""
    monkeypatch.setenv("ZJTX_KEY_PASSPHRASE", "单位口令")
    ws = new_workspace(tmp_path)
    ids = []
    for name in ("E01", "E02", "E03"):
        (out,) = inbox.import_files(ws, [packages[name]])
        ids.append(out.application_id)
    for app in ids[:2]:
        complete_part6(ws, app)
        ws.set_state(app, State.RECOMMENDED)
    ws.close()
    assert main(["workspace", "key", str(ws.path), "--credit-code", UNIT_CODE]) == 0
    up = tmp_path / "up"
    up.mkdir()
    capsys.readouterr()
    return ws.path, ids, up


def _forward(path: Path, up: Path, capsys) -> tuple[int, str]:
    code = main(["forward", "--workspace", str(path), "--to", str(up)])
    return code, capsys.readouterr().err


def _states_and_actions(path: Path) -> tuple[list[str], list[str]]:
    from zjtx_desktop.core.workspace.workspace import Workspace

    ws = Workspace(path)
    try:
        states = [str(a.state) for a in ws.applications()]
        actions = [r[0] for r in ws.conn.execute("SELECT action FROM audit")]
    finally:
        ws.close()
    return states, actions


def test_forward_without_a_finalised_summary_is_refused_and_marks_nothing(county, capsys):
    path, _ids, up = county
    before = _states_and_actions(path)
    code, err = _forward(path, up, capsys)
    assert code == 1
    assert err == f"错误：还没有定稿的汇总表：上报交换包须附定稿的汇总表（xlsx 和 pdf）。{HINT}\n"
    assert list(up.iterdir()) == []
    assert _states_and_actions(path) == before
    assert before[0][:2] == ["拟推荐", "拟推荐"]


def test_an_application_recommended_after_the_summary_was_finalised_is_named(county, capsys):
    path, ids, up = county
    from zjtx_desktop.core.workspace.workspace import Workspace

    ws = Workspace(path)
    summary.finalise(ws, "A6")  # E01, E02 → 已上报
    complete_part6(ws, ids[2])
    ws.set_state(ids[2], State.RECOMMENDED)
    late = ws.application(ids[2]).enterprise
    ws.close()
    code, err = _forward(path, up, capsys)
    assert code == 1
    assert err.startswith(f"错误：1 家拟推荐的申报不在最新定稿的汇总表中（{late}）")
    assert list(up.iterdir()) == []
    assert _states_and_actions(path)[0][2] == "拟推荐"

    ws = Workspace(path)
    summary.finalise(ws, "A6")  # version 2 lists all three
    ws.close()
    code, err = _forward(path, up, capsys)
    assert code == 0, err
    (package,) = up.iterdir()
    with zipfile.ZipFile(package) as zf:
        names = set(zf.namelist())
    assert {"summary/A6_v2.xlsx", "summary/A6_v2.pdf"} <= names
    assert _states_and_actions(path)[0] == ["已上报"] * 3
