"""store/errors.py: what the user reads when the drafts database fails (issue 13 items 18, 21,
24, and the mutation testing of core/store/errors.py).

Every error translated here is a real one, made by the operating system or SQLite in this
process: /dev/full for a full disk, a file-size limit (``ulimit -f``) for a file that may not
grow, root's rights given up for a moment (test_store_read_only.py) for a permission refused,
SQLite's own ``mode=ro``, ``max_page_count`` and a damaged page. The expected messages are the
ones errors.py promises, written out by hand.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.store_conditions import (
    file_size_limit,
    needs_rights_dropped,
    reachable_folder,
    unprivileged,
)
from zjtx_desktop.core.store.database import uri
from zjtx_desktop.core.store.errors import (
    DatabaseBusy,
    DatabaseRefused,
    DatabaseUnreadable,
    DiskFull,
    ReadOnlyStore,
    StoreError,
    lock_holder,
    translate,
)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    with reachable_folder() as d:
        yield d


DB = Path("/数据/C#项目/drafts.sqlite3")  # only named in messages: nothing is opened there


def _raised(action) -> BaseException:
    with pytest.raises((OSError, sqlite3.Error)) as e:
        action()
    return e.value


# --- the OS refusing a write -------------------------------------------------------------


def test_a_full_disk_refusing_a_write_is_disk_full():
    def write() -> None:
        with open("/dev/full", "wb", buffering=0) as f:
            f.write(b"x")

    e = _raised(write)
    assert isinstance(e, OSError) and e.errno == errno.ENOSPC
    got = translate(e, DB)
    assert type(got) is DiskFull
    assert str(got) == f"磁盘已满，无法写入 {DB}：刚才的修改没有保存，已有内容不受影响"


def test_a_file_that_may_not_grow_is_disk_full(tmp_path):
    def write() -> None:
        with open(tmp_path / "big", "wb", buffering=0) as f:
            while True:  # the write up to the limit succeeds, the next one is refused
                f.write(b"x" * 4096)

    with file_size_limit(4096):
        e = _raised(write)
    assert isinstance(e, OSError) and e.errno == errno.EFBIG
    got = translate(e, DB)
    assert type(got) is DiskFull
    assert str(got) == f"磁盘已满，无法写入 {DB}：刚才的修改没有保存，已有内容不受影响"


def test_a_quota_exceeded_is_disk_full():
    # no quota can be set up here: the error as the OS gives it (errno and its own text)
    e = OSError(errno.EDQUOT, os.strerror(errno.EDQUOT))
    got = translate(e, DB)
    assert type(got) is DiskFull
    assert str(got).startswith(f"磁盘已满，无法写入 {DB}：")


@needs_rights_dropped
def test_a_write_without_permission_is_read_only(shared_dir):
    target = shared_dir / "drafts.sqlite3"
    target.write_bytes(b"")
    target.chmod(0o644)
    with unprivileged():
        denied = _raised(lambda: os.open(target, os.O_WRONLY | os.O_APPEND))  # EACCES
        not_owner = _raised(lambda: os.chmod(target, 0o666))  # EPERM
    assert isinstance(denied, OSError) and denied.errno == errno.EACCES
    assert isinstance(not_owner, OSError) and not_owner.errno == errno.EPERM
    for e in (denied, not_owner):
        got = translate(e, DB)
        assert type(got) is ReadOnlyStore
        assert str(got) == f"无法写入 {DB}：没有写入权限。可以查看和导出，不能修改"


def test_a_read_only_disk_is_read_only():
    # a read-only mount cannot be made here (root in a container may not mount)
    got = translate(OSError(errno.EROFS, os.strerror(errno.EROFS)), DB)
    assert type(got) is ReadOnlyStore
    assert str(got) == f"无法写入 {DB}：没有写入权限。可以查看和导出，不能修改"


def test_any_other_os_error_names_the_file_and_the_reason_in_chinese(tmp_path):
    e = _raised(lambda: os.open(tmp_path / "没有这个文件夹" / "x", os.O_WRONLY | os.O_CREAT))
    assert isinstance(e, OSError) and e.errno == errno.ENOENT
    got = translate(e, DB)
    assert type(got) is StoreError
    assert str(got) == f"无法写入 {DB}：文件夹不存在"


# --- SQLite's own refusals ---------------------------------------------------------------


def _locked(tmp_path: Path) -> sqlite3.OperationalError:
    db = tmp_path / "a.sqlite3"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        e = _raised(lambda: sqlite3.connect(db, timeout=0).execute("SELECT * FROM t"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert isinstance(e, sqlite3.OperationalError) and str(e) == "database is locked"
    return e


def test_a_locked_database_says_who_holds_it_and_how_long_we_waited(tmp_path):
    e = _locked(tmp_path)
    got = translate(e, DB, 5.0)
    assert type(got) is DatabaseBusy
    assert str(got) == (
        f"草稿数据库 {DB} 正被另一个程序（另一个 zjtx 命令、专精特新申报助手窗口，"
        "或打开了这个文件的数据库工具）占用：已等待5秒，仍未释放。"
        "刚才的修改没有保存：请关闭占用它的程序后重试"
    )
    assert "已等待0.3秒，仍未释放" in str(translate(e, DB, 0.3))
    assert str(translate(e, DB)) == (  # no wait: nothing said about one
        f"草稿数据库 {DB} 正被另一个程序（另一个 zjtx 命令、专精特新申报助手窗口，"
        "或打开了这个文件的数据库工具）占用：仍未释放。"
        "刚才的修改没有保存：请关闭占用它的程序后重试"
    )


def test_the_window_holding_the_lock_file_is_named_with_its_process(tmp_path):
    db = tmp_path / "drafts.sqlite3"
    lock = tmp_path / "drafts.sqlite3.lock"
    lock.write_text(" 4242 \nzjtx-desktop\nlaptop\n", encoding="utf-8")  # QLockFile's lines
    assert lock_holder(db) == "专精特新申报助手窗口（进程 4242）"
    assert "被专精特新申报助手窗口（进程 4242）占用" in str(translate(_locked(tmp_path), db, 5))


def test_a_lock_file_without_a_process_number_names_no_window(tmp_path):
    db = tmp_path / "drafts.sqlite3"
    other = "另一个程序（另一个 zjtx 命令、专精特新申报助手窗口，或打开了这个文件的数据库工具）"
    assert lock_holder(db) == other  # no lock file
    lock = tmp_path / "drafts.sqlite3.lock"
    lock.write_bytes(b"")
    assert lock_holder(db) == other
    lock.write_bytes(b"\xff\xfe zjtx\n4242\n")  # not UTF-8, and no number first
    assert lock_holder(db) == other
    lock.write_bytes(b"4242\xff\n")  # a broken byte after the number is not a number
    assert lock_holder(db) == other


def test_a_lock_file_that_cannot_be_read_names_no_window(tmp_path):
    db = tmp_path / "drafts.sqlite3"
    (tmp_path / "drafts.sqlite3.lock").mkdir()  # IsADirectoryError, an OSError
    assert lock_holder(db).startswith("另一个程序")


def test_a_database_that_may_not_grow_is_disk_full(tmp_path):
    conn = sqlite3.connect(tmp_path / "a.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA max_page_count=3")
    full = _raised(lambda: conn.execute("INSERT INTO t VALUES (?)", ("x" * 20000,)))
    conn.execute("PRAGMA max_page_count=1000")
    with file_size_limit(16 * 1024):
        io = _raised(lambda: conn.execute("INSERT INTO t VALUES (?)", ("x" * 40000,)))
    conn.close()
    assert (str(full), str(io)) == ("database or disk is full", "disk I/O error")
    for e in (full, io):
        assert isinstance(e, sqlite3.Error)
        got = translate(e, DB)
        assert type(got) is DiskFull
        assert str(got) == (
            f"磁盘已满或无法写入 {DB}：刚才的修改没有保存，已有内容不受影响；"
            "可以继续查看和导出（导出到其他磁盘）"
        )


def test_a_write_to_a_read_only_database_is_read_only(tmp_path):
    db = tmp_path / "a.sqlite3"
    sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()
    conn = sqlite3.connect(uri(db), uri=True)
    e = _raised(lambda: conn.execute("INSERT INTO t VALUES (1)"))
    conn.close()
    assert isinstance(e, sqlite3.Error) and str(e) == "attempt to write a readonly database"
    got = translate(e, DB)
    assert type(got) is ReadOnlyStore
    assert str(got) == (
        f"草稿数据库 {DB} 是只读的（文件或所在文件夹不可写）：可以查看和导出，不能修改"
    )


def test_a_database_that_cannot_be_opened_says_so(tmp_path):
    e = _raised(lambda: sqlite3.connect(tmp_path / "没有这个文件夹" / "a.sqlite3"))
    assert isinstance(e, sqlite3.Error) and str(e) == "unable to open database file"
    got = translate(e, DB)
    assert type(got) is StoreError
    assert str(got) == f"无法打开草稿数据库 {DB}：文件或所在文件夹不可访问"


def test_a_damaged_database_says_so_with_sqlites_words(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    not_db = _raised(lambda: sqlite3.connect(junk).execute("SELECT * FROM sqlite_master"))
    assert isinstance(not_db, sqlite3.Error) and str(not_db) == "file is not a database"

    db = tmp_path / "damaged.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 50)
    conn.commit()
    conn.close()
    data = bytearray(db.read_bytes())
    data[4096 : 4096 + 16] = b"\xff" * 16  # the table's first page: its header scribbled over
    db.write_bytes(bytes(data))
    malformed = _raised(lambda: sqlite3.connect(db).execute("SELECT * FROM t").fetchall())
    assert isinstance(malformed, sqlite3.Error)
    assert str(malformed) == "database disk image is malformed"

    for e in (not_db, malformed):
        got = translate(e, DB)
        assert type(got) is StoreError
        assert str(got) == (f"草稿数据库 {DB} 已损坏（{e}）：请关闭程序后重新打开，以便使用备份")


def test_any_other_sqlite_error_is_named_with_the_file(tmp_path):
    conn = sqlite3.connect(tmp_path / "a.sqlite3")
    e = _raised(lambda: conn.execute("SELECT * FROM no_such_table"))
    conn.close()
    got = translate(e, DB)
    assert type(got) is StoreError
    assert str(got) == f"草稿数据库 {DB} 出错：no such table: no_such_table"


# --- the refusals' own wording ---------------------------------------------------------


def test_an_unreadable_database_names_the_file_the_reason_and_the_backup():
    backup = Path("/数据/drafts.sqlite3.backups/drafts-20261206-090000-000000-daily.sqlite3")
    e = DatabaseUnreadable(DB, "文件已损坏", backup)
    assert (
        str(e)
        == f"无法读取草稿数据库 {DB}：文件已损坏。原文件未作任何改动；最新的完好备份是 {backup}。"
    )
    assert (e.path, e.reason, e.backup) == (DB, "文件已损坏", backup)
    ws = DatabaseUnreadable(DB, "完整性检查未通过", None, "工作区")
    assert (
        str(ws)
        == f"无法读取工作区 {DB}：完整性检查未通过。原文件未作任何改动；没有找到完好的备份。"
    )


def test_a_refused_database_names_the_file_and_the_reason():
    e = DatabaseRefused(DB, "这不是专精特新申报助手的草稿数据库")
    assert str(e) == f"不能打开 {DB}：这不是专精特新申报助手的草稿数据库。文件未作任何改动。"
    assert (e.path, e.reason) == (DB, "这不是专精特新申报助手的草稿数据库")
    assert isinstance(e, StoreError)
