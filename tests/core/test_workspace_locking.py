"""Audit item 10: a workspace held by another program, or on a read-only copy.

Reading (the list, the audit check, the comments) neither needs nor waits for the write
lock; a write waits the drafts store's bounded time, then says in Chinese who holds the file;
a read-only copy can be read, a write on it is refused — and every message calls the file a
工作区, never a 草稿数据库."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from tests.core.test_store_faults import needs_unprivileged, zjtx_subprocess
from tests.core.workspace_helpers import fixture, new_workspace
from zjtx_desktop.cli import main
from zjtx_desktop.core.store import database
from zjtx_desktop.core.workspace import inbox

HOLDER = "另一个程序（另一个 zjtx 命令、专精特新申报助手窗口，或打开了这个文件的数据库工具）"


@pytest.fixture
def ws_two(tmp_path: Path) -> tuple[Path, list[str]]:
    """A workspace with E01 and E02 and no verdict cached (the list must evaluate them)."""
    ws = new_workspace(tmp_path)
    ids = [inbox.import_files(ws, [fixture(n)])[0].application_id for n in ("E01", "E02")]
    ws.conn.execute("DELETE FROM verdicts")
    ws.close()
    return ws.path, ids


@pytest.fixture
def short_wait(monkeypatch):
    monkeypatch.setattr(database, "LOCK_WAIT_S", 0.3)  # the wait, and what is said


def _hold(path: Path) -> sqlite3.Connection:
    """Another program's connection holding the write lock (the audit's repro)."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    return other


def test_reading_commands_answer_at_once_while_another_program_holds_the_file(ws_two, capsys):
    path, ids = ws_two
    other = _hold(path)
    try:
        t0 = time.monotonic()
        for argv in (["inbox", "list"], ["batch"], ["audit", "verify"],
                     ["review", "comments", ids[0]], ["workspace", "status"]):  # fmt: skip
            code = main([*argv, "--workspace", str(path)])
            _out, err = capsys.readouterr()
            assert code == 0 and err == "", (argv, err)
        waited = time.monotonic() - t0
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert waited < database.LOCK_WAIT_S  # no command waited for the lock
    assert main(["inbox", "list", "--workspace", str(path)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in listed] == ids


def test_the_list_caches_its_verdicts_when_nobody_holds_the_file(ws_two, capsys):
    path, _ids = ws_two
    assert main(["inbox", "list", "--workspace", str(path)]) == 0
    capsys.readouterr()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM verdicts").fetchone() == (2,)
    conn.close()


def test_a_write_waits_the_bounded_time_then_names_the_holder_and_the_workspace(
    ws_two, capsys, short_wait
):
    path, ids = ws_two
    other = _hold(path)
    try:
        code = main(["review", "state", "--workspace", str(path), ids[0], "初核中"])
        _out, err = capsys.readouterr()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 2
    assert err == (
        f"错误：工作区 {path} 正被{HOLDER}占用：已等待0.3秒，仍未释放。"
        "刚才的修改没有保存：请关闭占用它的程序后重试\n"
    )
    assert main(["review", "state", "--workspace", str(path), ids[0], "初核中"]) == 0


def test_the_officials_window_holding_the_file_is_named(ws_two, capsys, short_wait):
    path, ids = ws_two
    path.with_name(path.name + ".lock").write_text("4242\nzjtx\nhost\n", encoding="utf-8")
    other = _hold(path)
    try:
        code = main(["review", "comment", "--workspace", str(path), ids[0], "general",
                     "--text", "请补充"])  # fmt: skip
        _out, err = capsys.readouterr()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 2
    assert err.startswith(f"错误：工作区 {path} 正被专精特新申报助手窗口（进程 4242）占用")


def _read_only_copy(tmp_path: Path, path: Path) -> Path:
    """The workspace alone in a folder nobody may write (a CD, a read-only share)."""
    folder = tmp_path / "只读"
    folder.mkdir()
    copy = folder / path.name
    copy.write_bytes(path.read_bytes())
    copy.chmod(0o444)
    folder.chmod(0o555)
    tmp_path.chmod(0o777)
    return copy


@needs_unprivileged
def test_a_read_only_copy_is_read_and_a_write_on_it_is_refused_naming_the_workspace(
    ws_two, tmp_path
):
    path, ids = ws_two
    copy = _read_only_copy(tmp_path, path)
    db = tmp_path / "drafts.sqlite3"
    try:
        for argv in (["inbox", "list"], ["audit", "verify"], ["batch"],
                     ["review", "comments", ids[0]]):  # fmt: skip
            r = zjtx_subprocess(db, *argv, "--workspace", str(copy), unprivileged=True)
            assert r.returncode == 0 and r.stderr == "", (argv, r.stderr)
            if argv == ["inbox", "list"]:
                assert [line.split()[1] for line in r.stdout.splitlines()] == ids
        r = zjtx_subprocess(db, "review", "state", "--workspace", str(copy), ids[0], "初核中",
                            unprivileged=True)  # fmt: skip
    finally:
        copy.parent.chmod(0o755)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "草稿数据库" not in r.stderr
    assert r.stderr.startswith(f"错误：工作区 {copy}"), r.stderr


def test_a_write_on_a_workspace_opened_read_only_is_refused_in_chinese(ws_two):
    """In-process, as the read-only tests of the drafts store: the connection SQLite opened
    with mode=ro (what the opener does for a file it cannot write)."""
    from zjtx_desktop.core.store.errors import ReadOnlyStore
    from zjtx_desktop.core.workspace.batch import batch_rows
    from zjtx_desktop.core.workspace.states import State
    from zjtx_desktop.core.workspace.workspace import Workspace

    path, ids = ws_two
    ws = Workspace(path, reading=True)
    ws.conn.close()
    ws.conn = database._read_only(path)
    ws.read_only = True
    assert [r["application_id"] for r in batch_rows(ws)] == ids  # read, nothing cached
    with pytest.raises(ReadOnlyStore) as e:
        ws.set_state(ids[0], State.IN_REVIEW)
    assert str(e.value) == (
        f"工作区 {path} 是只读的（文件或所在文件夹不可写）：可以查看和导出，不能修改"
    )
    ws.close()
