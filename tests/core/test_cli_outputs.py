"""Audit item 9: every command that writes a file or a folder says, in Chinese and without a
traceback, why it will not write there — a missing folder, a folder given for a file, a file
that exists (kept unless --force, as the enterprise's exports always did), no right to write.

The commands are enumerated from the parser (every leaf with -o/--output/--to), so a command
added later is covered without touching this file."""

from __future__ import annotations

import argparse
import errno
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.test_store_faults import needs_unprivileged, zjtx_subprocess
from tests.core.workspace_helpers import fixture, new_workspace
from zjtx_desktop.cli import build_parser, main
from zjtx_desktop.core.workspace import inbox

ROOT = Path(__file__).resolve().parents[2]
OUTPUT_FLAGS = ("-o", "--output", "--to")
# the audit's list and the enterprise's exports: the enumeration must find at least these
KNOWN = {
    "review record", "summary", "batch", "audit export", "review verifications",
    "workspace export-booklets", "review return", "forward", "review sign",
    "export", "drafts export", "package export", "packs build",
}  # fmt: skip


def _leaves(p: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    for a in p._actions:
        if isinstance(a, argparse._SubParsersAction):
            for name, sp in a.choices.items():
                yield from _leaves(sp, (*path, name))
            return
    yield " ".join(path), p


def _dummy(a: argparse.Action) -> list[str]:
    if a.choices:
        return [str(next(iter(a.choices)))]
    if a.type in (int, float):
        return ["1"]
    return ["x"]


def _argv(name: str, p: argparse.ArgumentParser, flag: str, target: Path) -> list[str]:
    """The command with every required argument a placeholder and ``flag`` = ``target``."""
    argv = name.split()
    for a in p._actions:
        if a.option_strings:
            if flag in a.option_strings:
                argv += [flag, str(target)]
            elif a.required:
                argv += [a.option_strings[-1], *_dummy(a)]
        elif a.nargs not in ("?", "*"):
            argv += _dummy(a)
    return argv


def writing_commands() -> list[tuple[str, argparse.ArgumentParser, str]]:
    out = []
    for name, p in _leaves(build_parser()):
        for a in p._actions:
            flag = next((f for f in a.option_strings if f in OUTPUT_FLAGS), None)
            if flag:
                out.append((name, p, flag))
    return out


COMMANDS = writing_commands()


def test_the_enumeration_finds_every_known_writing_command():
    assert {name for name, _p, _f in COMMANDS} >= KNOWN


def _run(argv: list[str], capsys) -> tuple[int, str]:
    code = main(argv)  # a traceback would be an exception here, failing the test
    return code, capsys.readouterr().err


@pytest.mark.parametrize(("name", "p", "flag"), COMMANDS, ids=[f"{n} {f}" for n, _p, f in COMMANDS])
def test_every_output_into_a_missing_folder_is_refused_in_chinese(name, p, flag, tmp_path, capsys):
    target = tmp_path / "没有这个文件夹" / ("x.pdf" if flag != "--to" else "子文件夹")
    code, err = _run(_argv(name, p, flag, target), capsys)
    assert code == 2, err
    assert err.startswith(f"错误：无法写入 {target}：文件夹不存在"), err
    assert not target.parent.exists()


@pytest.mark.parametrize(("name", "p", "flag"), COMMANDS, ids=[f"{n} {f}" for n, _p, f in COMMANDS])
def test_a_folder_where_a_file_is_expected_and_a_file_where_a_folder_is(
    name, p, flag, tmp_path, capsys
):
    folder = tmp_path / "已有文件夹"
    folder.mkdir()
    plain = tmp_path / "已有文件.txt"
    plain.write_text("mine", encoding="utf-8")
    wants_file = p._option_string_actions[flag].metavar != "DIR"
    given = folder if wants_file else plain
    code, err = _run(_argv(name, p, flag, given), capsys)
    assert code == 2, err
    expected = "这是一个文件夹，请给出文件名" if wants_file else "不是文件夹"
    assert err.startswith(f"错误：无法写入 {given}：{expected}"), err
    assert plain.read_text(encoding="utf-8") == "mine"


FILE_OUTPUTS = [c for c in COMMANDS if c[1]._option_string_actions[c[2]].metavar != "DIR"]


@pytest.mark.parametrize(
    ("name", "p", "flag"), FILE_OUTPUTS, ids=[f"{n} {f}" for n, _p, f in FILE_OUTPUTS]
)
def test_an_existing_file_is_kept_unless_force(name, p, flag, tmp_path, capsys):
    target = tmp_path / "已有.xlsx"
    target.write_bytes(b"mine")
    code, err = _run(_argv(name, p, flag, target), capsys)
    assert code == 2 and err == f"错误：{target} 已存在：加 --force 覆盖，或换一个文件名\n"
    assert target.read_bytes() == b"mine"


# --- the real commands on a real workspace ------------------------------------------------


@pytest.fixture
def ws_with_one(tmp_path: Path) -> tuple[Path, str]:
    ws = new_workspace(tmp_path)
    (out,) = inbox.import_files(ws, [fixture("E01")])
    ws.close()
    return ws.path, out.application_id


def test_the_audits_repro_review_record_into_a_missing_folder_has_no_traceback(ws_with_one):
    ws, app = ws_with_one
    target = ws.parent / "nodir" / "x.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "zjtx_desktop", "review", "record", "--workspace", str(ws), app,
         "-o", str(target)],
        capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == f"错误：无法写入 {target}：文件夹不存在\n"


def test_force_overwrites_the_batch_list(ws_with_one, capsys):
    ws, _app = ws_with_one
    target = ws.parent / "初核清单.xlsx"
    target.write_bytes(b"mine")
    assert main(["batch", "--workspace", str(ws), "-o", str(target)]) == 2
    assert target.read_bytes() == b"mine"
    assert main(["batch", "--workspace", str(ws), "-o", str(target), "--force"]) == 0
    assert target.read_bytes().startswith(b"PK")  # an xlsx (zip) now
    capsys.readouterr()


def test_a_write_failing_half_way_is_said_in_chinese(ws_with_one, capsys, monkeypatch):
    from zjtx_desktop.core.workspace import audit

    ws, _app = ws_with_one
    target = ws.parent / "操作记录.xlsx"

    def full_disk(conn, path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(audit, "export", full_disk)
    code, err = _run(["audit", "export", "--workspace", str(ws), "-o", str(target)], capsys)
    assert code == 2 and err == f"错误：无法写入 {target}：磁盘已满\n"


def test_an_error_reading_the_input_is_not_called_a_write_error(ws_with_one, capsys, monkeypatch):
    from zjtx_desktop.core.workspace import audit

    ws, _app = ws_with_one

    def unreadable(conn, path):
        raise OSError(errno.EIO, "Input/output error", "/somewhere/else/input.bin")

    monkeypatch.setattr(audit, "export", unreadable)
    with pytest.raises(OSError):
        main(["audit", "export", "--workspace", str(ws), "-o", str(ws.parent / "a.xlsx")])


@needs_unprivileged
def test_a_folder_without_the_right_to_write_is_said_before_any_work(ws_with_one):
    ws, _app = ws_with_one
    ws.parent.chmod(0o777)
    ws.chmod(0o666)
    locked = ws.parent / "只读"
    locked.mkdir(mode=0o555)
    locked.chmod(0o555)
    target = locked / "x.xlsx"
    done = zjtx_subprocess(
        ws.parent / "d.sqlite3", "review", "verifications", "--workspace", str(ws),
        "-o", str(target), unprivileged=True,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"错误：无法写入 {target}：没有写入权限\n"


def test_a_packs_version_option_is_the_packs_not_the_programs(tmp_path, capsys):
    """`packs build … --version 1.0` printed the program's version and built nothing: the
    top-level --version shared its name with the pack's."""
    target = tmp_path / "p.zjtxpack"
    form = ROOT / "forms" / "nat-xjr-application-2021.yaml"
    code = main(["packs", "build", str(form), "-o", str(target), "--id", "t", "--version", "1.0",
                 "--source", "工信部企业函〔2021〕79号"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0 and target.is_file() and "专精特新申报助手 ZJTX Desktop" not in out
