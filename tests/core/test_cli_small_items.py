"""Audit item 13b–d: a past 补正截止 date, the nested packages of a forward named by
enterprise and file, and argparse's errors in Chinese. Expected texts written by hand."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.core.workspace_helpers import UNIT_CODE, complete_part6, new_workspace
from zjtx_desktop.cli import main
from zjtx_desktop.core.workspace import inbox, summary
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def in_review(tmp_path, packages, monkeypatch, capsys):
    """E01 received and 初核中, with one comment, the unit's key; a folder for the return."""
    monkeypatch.setenv("ZJTX_KEY_PASSPHRASE", "单位口令")
    ws = new_workspace(tmp_path)
    (out,) = inbox.import_files(ws, [packages["E01"]])
    ws.add_comment(out.application_id, "general", "", "须修改", "请补充审计报告")
    ws.close()
    assert main(["workspace", "key", str(ws.path), "--credit-code", UNIT_CODE]) == 0
    to = tmp_path / "退回"
    to.mkdir()
    capsys.readouterr()
    return ws.path, out.application_id, to


def _return(ws: Path, app: str, to: Path, deadline: str, *extra: str) -> int:
    argv = ["review", "return", "--workspace", str(ws), app, "--deadline", deadline]
    return main([*argv, "--to", str(to), *extra])


# --- 13b: 补正截止 in the past -------------------------------------------------------------


def test_a_past_correction_deadline_is_refused_unless_allowed(in_review, capsys):
    ws, app, to = in_review
    today = date.today().isoformat()
    assert _return(ws, app, to, "2021-05-10") == 2
    assert capsys.readouterr().err == (
        f"错误：补正截止日期 2021-05-10 已经过去（今天是 {today}）：企业来不及补正，"
        "请填写以后的日期（确需如此，加 --allow-past）\n"
    )
    assert list(to.iterdir()) == []
    w = Workspace(ws)
    assert w.application(app).state == State.IN_REVIEW
    w.close()
    assert _return(ws, app, to, "2021-05-10", "--allow-past") == 0
    assert len(list(to.iterdir())) == 1


def test_an_unreadable_deadline_is_unusable_and_a_future_one_returns(in_review, capsys):
    ws, app, to = in_review
    assert _return(ws, app, to, "五月十日") == 2
    assert capsys.readouterr().err == (
        "错误：补正截止日期“五月十日”无法识别：请写成 2021-05-08 或 2021-05-08 17:00\n"
    )
    later = (date.today() + timedelta(days=5)).isoformat()
    assert _return(ws, app, to, later) == 0
    assert capsys.readouterr().out.startswith("已退回：")


def test_the_core_refuses_a_past_date_for_any_view(in_review):
    from zjtx_desktop.core.exchange.identity import load_identity
    from zjtx_desktop.core.workspace.deadline import PastDeadline
    from zjtx_desktop.core.workspace.return_package import write_return_package

    ws_path, app, to = in_review
    ws = Workspace(ws_path)
    key = load_identity(ws_path.with_name(ws_path.name + ".identity.p12"), "单位口令".encode())
    with pytest.raises(PastDeadline):
        write_return_package(ws, app, to, key, "2021-05-10")
    assert list(to.iterdir()) == [] and ws.application(app).state == State.IN_REVIEW
    ws.close()


# --- 13c: import-forward names the nested packages -------------------------------------------


def test_import_forward_names_each_nested_package_by_enterprise_and_file(
    tmp_path, packages, monkeypatch, capsys
):
    monkeypatch.setenv("ZJTX_KEY_PASSPHRASE", "单位口令")
    county = Workspace.init(tmp_path / "county.sqlite", unit="长春市朝阳区工业和信息化局",
                            level="县", programme="nat-xjr-2021b3", officer="李四")  # fmt: skip
    names = {}
    for n in ("E01", "E02"):
        (out,) = inbox.import_files(county, [packages[n]])
        complete_part6(county, out.application_id)
        county.set_state(out.application_id, State.RECOMMENDED)
        names[county.application(out.application_id).enterprise] = packages[n].name
    summary.finalise(county, "A6")
    county.close()
    assert main(["workspace", "key", str(county.path), "--credit-code", UNIT_CODE]) == 0
    up = tmp_path / "up"
    up.mkdir()
    assert main(["forward", "--workspace", str(county.path), "--to", str(up)]) == 0
    (package,) = up.iterdir()
    city = new_workspace(tmp_path / "city")
    city.close()
    capsys.readouterr()
    assert main(["inbox", "import-forward", "--workspace", str(city.path), str(package)]) == 0
    out = capsys.readouterr().out
    shown = [line.split()[2] for line in out.splitlines()]
    assert sorted(shown) == sorted(f"{e}/{f}" for e, f in names.items())
    assert not any(s.split("/")[-1] == "1.zjtx" for s in shown)


# --- 13d: argparse in Chinese ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["review", "comment", "--workspace", "w", "A", "--severity", "建议", "--text", "t"],
         "错误：zjtx review comment：参数 --severity 的值“建议”无效（可选：须修改、请说明、提示）"),
        (["review", "rank", "--workspace", "w", "A", "第一"],
         "错误：zjtx review rank：参数 position 的值“第一”无效：应为整数"),
        (["batch"], "错误：zjtx batch：缺少必需的参数：--workspace"),
        (["review", "nosuch"], "错误：zjtx review：没有命令“nosuch”（可用：comment、targets、"),
        (["batch", "--workspace"], "错误：zjtx batch：参数 --workspace 后面需要一个值"),
        (["forms", "list", "--bogus"], "错误：zjtx：无法识别的参数：--bogus"),
    ],
)  # fmt: skip
def test_usage_errors_are_chinese(argv, expected):
    done = subprocess.run(
        [sys.executable, "-m", "zjtx_desktop", *argv], capture_output=True, text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    usage, message = done.stderr.splitlines()[0], done.stderr.splitlines()[-1]
    assert usage.startswith("用法：zjtx ") and message.startswith(expected)
    assert "error" not in done.stderr and "invalid" not in done.stderr


def test_help_headings_are_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["review", "rank", "-h"])
    out = capsys.readouterr().out
    assert out.startswith("用法：zjtx review rank")
    assert "位置参数:" in out and "选项:" in out and "显示这段帮助并退出" in out
    assert "show this help" not in out and "options:" not in out


def test_a_message_no_pattern_knows_is_kept_as_argparse_wrote_it():
    from zjtx_desktop.cli.parser import chinese

    assert chinese("something new in argparse 3.14") == "something new in argparse 3.14"
