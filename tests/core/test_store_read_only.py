"""store/database.py's read-only paths, in-process (issue 13 item 24, and its mutation testing).

A file or folder the user may not write, a full disk, a file SQLite cannot open: the same
conditions as the ``zjtx`` subprocess tests in test_store_faults.py, made here in the test's own
process so that the opener's functions are seen running (mutmut selects, per function, the tests
that call it in-process). The conditions are real: root's rights are dropped for the moment of
the open (``seteuid``, given back at once), a file-size limit (``RLIMIT_FSIZE``, what ``ulimit -f``
sets) makes the disk refuse, SQLite's own ``mode=ro``, ``query_only`` and ``max_page_count``
make its own refusals. Expected messages are the ones the README and errors.py promise.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.inline import mini
from tests.core.store_conditions import (
    file_size_limit,
    needs_rights_dropped,
    reachable_folder,
    unprivileged,
)
from zjtx_desktop.core.store import database
from zjtx_desktop.core.store.backups import backup_dir
from zjtx_desktop.core.store.database import (
    DRAFTS,
    _is_read_only_error,
    _open_read_only,
    _read_only,
    is_read_only,
    open_database,
    open_database_why,
    uri,
)
from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.core.store.errors import (
    DatabaseBusy,
    DatabaseRefused,
    DatabaseUnreadable,
    ReadOnlyStore,
    StoreError,
)
from zjtx_desktop.core.workspace.schema import WORKSPACE


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    with reachable_folder() as d:
        yield d


MIGRATION_FIXTURES = Path(__file__).with_name("migration_fixtures")


def _drafts(folder: Path, name: str = "drafts.sqlite3") -> tuple[Path, str]:
    """A drafts database with one application (恒锐, 320 employees) in ``folder``, closed, with
    nothing beside it (no -wal/-shm, no backups)."""
    db = folder / name
    store = DraftStore(db)
    app = store.create([mini()], name="恒锐")
    store.set(app, ("mini", "employees"), "320")
    store.close()
    for extra in folder.iterdir():
        if extra != db:
            shutil.rmtree(extra) if extra.is_dir() else extra.unlink()
    return db, app


def _read_only_folder(shared_dir: Path, name: str = "ro") -> Path:
    d = shared_dir / name
    d.mkdir()
    d.chmod(0o777)
    return d


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --- _is_read_only_error: SQLite's own words -------------------------------------------


def _error(action) -> sqlite3.OperationalError:
    with pytest.raises(sqlite3.OperationalError) as e:
        action()
    return e.value


def test_sqlite_refusing_a_write_to_a_read_only_file_is_a_read_only_error(tmp_path):
    db = tmp_path / "a.sqlite3"
    sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()
    conn = sqlite3.connect(uri(db), uri=True)  # mode=ro: SQLite's own read-only
    e = _error(lambda: conn.execute("INSERT INTO t VALUES (1)"))
    conn.close()
    assert str(e) == "attempt to write a readonly database"
    assert _is_read_only_error(e) is True


def test_a_file_sqlite_cannot_open_is_a_read_only_error(tmp_path):
    e = _error(lambda: sqlite3.connect(tmp_path / "no such folder" / "a.sqlite3"))
    assert str(e) == "unable to open database file"
    assert _is_read_only_error(e) is True


def test_a_full_database_is_a_read_only_error(tmp_path):
    conn = sqlite3.connect(tmp_path / "a.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA max_page_count=3")  # the file may not grow: SQLite says "full"
    e = _error(lambda: conn.execute("INSERT INTO t VALUES (?)", ("x" * 20000,)))
    conn.close()
    assert str(e) == "database or disk is full"
    assert _is_read_only_error(e) is True


def test_a_disk_refusing_the_write_is_a_read_only_error(tmp_path):
    conn = sqlite3.connect(tmp_path / "a.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    with file_size_limit(16 * 1024):
        e = _error(lambda: conn.execute("INSERT INTO t VALUES (?)", ("x" * 40000,)))
    conn.close()
    assert str(e) == "disk I/O error"
    assert _is_read_only_error(e) is True


def test_a_locked_database_or_a_wrong_statement_is_not_a_read_only_error(tmp_path):
    db = tmp_path / "a.sqlite3"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(db, timeout=0)
    try:
        locked = _error(lambda: other.execute("SELECT * FROM t"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    wrong = _error(lambda: other.execute("SELECT * FROM no_such_table"))
    other.close()
    assert str(locked) == "database is locked"
    assert str(wrong) == "no such table: no_such_table"
    assert _is_read_only_error(locked) is False
    assert _is_read_only_error(wrong) is False


# --- _read_only and _open_read_only -----------------------------------------------------


def _refuses_writes(conn: sqlite3.Connection) -> None:
    assert is_read_only(conn)
    e = _error(lambda: conn.execute("UPDATE applications SET name='改'"))
    assert str(e) == "attempt to write a readonly database"


def test_the_read_only_connection_reads_the_drafts_and_refuses_writes(tmp_path):
    db, app = _drafts(tmp_path)
    before = db.read_bytes()
    conn = _read_only(db)
    assert conn.execute("SELECT id, name FROM applications").fetchall() == [(app, "恒锐")]
    _refuses_writes(conn)
    conn.close()
    assert db.read_bytes() == before


def test_the_read_only_connection_sees_changes_still_in_the_wal(tmp_path):
    """Another connection's committed change not yet checkpointed into the file: a read-only
    open reads it (through the WAL), it does not read the file as if nothing else existed."""
    db, app = _drafts(tmp_path)
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE applications SET name='改名' WHERE id=?", (app,))
    try:
        conn = _read_only(db)
        assert conn.execute("SELECT name FROM applications").fetchall() == [("改名",)]
        conn.close()
    finally:
        writer.close()


def _in_a_thread(conn: sqlite3.Connection) -> list[object]:
    got: list[object] = []

    def read() -> None:
        try:
            got.append(conn.execute("SELECT name FROM applications").fetchall())
        except sqlite3.Error as e:  # ProgrammingError: created in another thread
            got.append(type(e).__name__)

    t = threading.Thread(target=read)
    t.start()
    t.join()
    return got


def test_the_read_only_connection_may_be_used_from_a_worker_thread(tmp_path):
    db, _ = _drafts(tmp_path)
    conn = _read_only(db)
    assert _in_a_thread(conn) == [[("恒锐",)]]
    conn.close()


@needs_rights_dropped
def test_a_wal_database_in_a_folder_the_user_may_not_write_is_read_as_it_is(shared_dir):
    """No -shm can be made beside it, so SQLite's read-only open fails; nobody can write there
    either, so it is read as immutable: the drafts readable, writes refused."""
    d = _read_only_folder(shared_dir)
    db, app = _drafts(d)
    d.chmod(0o555)
    before = _contents(d)
    with unprivileged():
        with pytest.raises(sqlite3.OperationalError):  # what the first attempt meets
            sqlite3.connect(uri(db), uri=True).execute("SELECT 1 FROM sqlite_master").fetchall()
        conn = _read_only(db)
        try:
            assert conn.execute("SELECT id, name FROM applications").fetchall() == [(app, "恒锐")]
            _refuses_writes(conn)
            assert _in_a_thread(conn) == [[("恒锐",)]]
        finally:
            conn.close()
    assert _contents(d) == before


@needs_rights_dropped
def test_an_older_database_in_a_read_only_folder_is_refused_as_needing_an_upgrade(shared_dir):
    d = _read_only_folder(shared_dir)
    db = d / "drafts.sqlite3"
    conn = sqlite3.connect(db)
    conn.executescript((MIGRATION_FIXTURES / "after_m001_initial.sql").read_text("utf-8"))
    conn.close()
    d.chmod(0o555)
    before = _contents(d)
    with unprivileged(), pytest.raises(DatabaseRefused) as e:
        DraftStore(db)
    assert str(e.value) == (
        f"不能打开 {db}：这个草稿数据库需要升级才能使用，但文件或所在文件夹是只读的："
        "请复制到可写的文件夹。文件未作任何改动。"
    )
    assert _contents(d) == before


@needs_rights_dropped
def test_an_older_workspace_read_only_is_refused_even_for_reading(shared_dir):
    """Its tables lack what this version's reading commands ask for (w004's answered_at …):
    refused with the reason, not opened to fail later on a missing column."""
    from zjtx_desktop.core.workspace.schema import WorkspaceUnusable
    from zjtx_desktop.core.workspace.workspace import Workspace

    d = _read_only_folder(shared_dir)
    ws = d / "ws.sqlite"
    conn = sqlite3.connect(ws)
    sql = MIGRATION_FIXTURES / "after_w003_checks_evidence.sql"
    conn.executescript(sql.read_text("utf-8"))
    conn.close()
    d.chmod(0o555)
    before = _contents(d)
    with unprivileged(), pytest.raises(WorkspaceUnusable) as e:
        Workspace(ws, reading=True)
    assert "这个工作区需要升级才能使用，但文件或所在文件夹是只读的" in str(e.value)
    assert _contents(d) == before


@needs_rights_dropped
@pytest.mark.parametrize("kind", [DRAFTS, WORKSPACE], ids=["drafts", "workspace"])
def test_opening_read_only_a_file_the_user_may_not_read_says_so(shared_dir, kind):
    d = _read_only_folder(shared_dir)
    db = _drafts(d)[0] if kind is DRAFTS else _workspace(d)
    db.chmod(0o000)
    with unprivileged(), pytest.raises(StoreError) as e:
        _open_read_only(db, kind)
    assert type(e.value) is StoreError
    assert str(e.value) == f"无法打开{kind.label} {db}：文件或所在文件夹不可访问"


# --- open_database_why / DraftStore on files and folders that cannot be written ---------


@needs_rights_dropped
def test_a_drafts_database_in_a_read_only_folder_opens_read_only_naming_the_file(shared_dir):
    d = _read_only_folder(shared_dir)
    db, app = _drafts(d)
    d.chmod(0o555)
    before = _contents(d)
    why = f"草稿数据库 {db} 是只读的（文件或所在文件夹不可写）：可以查看和导出，不能修改"
    with unprivileged():
        store = DraftStore(db)
        try:
            assert store.read_only
            assert store.read_only_reason == why
            assert store.values(app) == {("mini", "employees"): "320"}
            with pytest.raises(ReadOnlyStore) as e:
                store.set(app, ("mini", "employees"), "321")
            assert str(e.value) == why
        finally:
            store.close()
    assert _contents(d) == before


@needs_rights_dropped
def test_a_read_only_workspace_is_read_as_a_workspace(shared_dir):
    """The opener checks a read-only file against its own kind's migrations: an up-to-date
    workspace is not a drafts database needing an upgrade (the workspace itself then refuses
    to work read-only, core/workspace/schema.py)."""
    d = _read_only_folder(shared_dir)
    ws = _workspace(d)
    d.chmod(0o555)
    with unprivileged():
        conn, why = open_database_why(ws, kind=WORKSPACE)
        try:
            assert is_read_only(conn)
            assert str(why) == (
                f"工作区 {ws} 是只读的（文件或所在文件夹不可写）：可以查看和导出，不能修改"
            )
        finally:
            conn.close()


@needs_rights_dropped
@pytest.mark.parametrize("kind", [DRAFTS, WORKSPACE], ids=["drafts", "workspace"])
def test_a_new_database_in_a_folder_the_user_may_not_write_is_refused_in_process(shared_dir, kind):
    d = _read_only_folder(shared_dir)
    d.chmod(0o555)
    db = d / "new.sqlite3"
    with unprivileged(), pytest.raises(StoreError) as e:
        open_database_why(db, kind=kind)
    assert type(e.value) is StoreError
    assert str(e.value) == f"无法打开{kind.label} {db}：文件或所在文件夹不可访问"
    assert list(d.iterdir()) == []


def _workspace(folder: Path) -> Path:
    """An up-to-date workspace file in ``folder``, closed, with nothing beside it."""
    ws = folder / "county.zjtxws"
    open_database(ws, kind=WORKSPACE).close()
    for extra in folder.iterdir():
        if extra != ws:
            shutil.rmtree(extra) if extra.is_dir() else extra.unlink()
    return ws


@pytest.mark.parametrize("kind", [DRAFTS, WORKSPACE], ids=["drafts", "workspace"])
def test_a_file_another_program_is_writing_is_reported_busy_not_opened_read_only(
    tmp_path, monkeypatch, kind
):
    """A database in rollback-journal mode (as an older release or a copy left it) that another
    connection is writing: reading it is allowed, switching it to WAL is not. That is a busy
    database (wait LOCK_WAIT_S, then say who holds it), not a read-only one."""
    db = _drafts(tmp_path)[0] if kind is DRAFTS else _workspace(tmp_path)
    sqlite3.connect(db).execute("PRAGMA journal_mode=DELETE").connection.close()
    monkeypatch.setattr(database, "LOCK_WAIT_S", 0.05)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE written_by_another_program (x)")
    try:
        with pytest.raises(DatabaseBusy) as e:
            open_database_why(db, daily_backup=False, kind=kind)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert str(e.value) == (
        f"{kind.label} {db} 正被另一个程序（另一个 zjtx 命令、专精特新申报助手窗口，"
        "或打开了这个文件的数据库工具）占用：已等待0.05秒，仍未释放。"
        "刚才的修改没有保存：请关闭占用它的程序后重试"
    )


@pytest.mark.parametrize("kind", [DRAFTS, WORKSPACE], ids=["drafts", "workspace"])
def test_a_file_held_exclusively_is_reported_busy_naming_its_kind(tmp_path, monkeypatch, kind):
    """The look before opening (quick_check, tables, migrations) finds the file held by a
    database tool in exclusive locking mode: the message names the file as what it is."""
    db = _drafts(tmp_path)[0] if kind is DRAFTS else _workspace(tmp_path)
    monkeypatch.setattr(database, "LOCK_WAIT_S", 0.05)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseBusy) as e:
            open_database_why(db, daily_backup=False, kind=kind)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert str(e.value).startswith(f"{kind.label} {db} 正被另一个程序")
    assert str(e.value).endswith("仍未释放。刚才的修改没有保存：请关闭占用它的程序后重试")


@pytest.mark.parametrize("kind", [DRAFTS, WORKSPACE], ids=["drafts", "workspace"])
def test_an_upgrade_behind_another_programs_lock_names_the_file_and_the_wait(
    tmp_path, monkeypatch, kind
):
    db = _drafts(tmp_path)[0] if kind is DRAFTS else _workspace(tmp_path)
    monkeypatch.setattr(database, "LOCK_WAIT_S", 0.05)

    @kind.migrations(name="z999_test_only")
    def _m(d):
        d.execute("CREATE TABLE extra (x)")

    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    try:
        with pytest.raises(DatabaseBusy) as e:
            open_database_why(db, kind=kind)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        kind.migrations._migrations.pop()
    assert str(e.value) == (
        f"{kind.label} {db} 正被另一个程序（另一个 zjtx 命令、专精特新申报助手窗口，"
        "或打开了这个文件的数据库工具）占用：已等待0.05秒，仍未释放。"
        "刚才的修改没有保存：请关闭占用它的程序后重试"
    )


def test_integrity_findings_are_reported_before_anything_reads_the_files_tables(tmp_path):
    """A file whose rows break their schema and whose migrations table another tool rebuilt
    without ``migration_set``: the integrity check's finding is what the user is told (the
    file is not read further), not a "damaged" guess from the failed read that would follow."""
    db, _ = _drafts(tmp_path)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DROP TABLE _sqlite_migrations")
    conn.execute("CREATE TABLE _sqlite_migrations (name TEXT)")
    conn.execute("CREATE TABLE q1 (a)")
    conn.execute("INSERT INTO q1 VALUES (NULL)")
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("UPDATE sqlite_master SET sql='CREATE TABLE q1 (a NOT NULL)' WHERE name='q1'")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(DatabaseUnreadable) as e:
        open_database_why(db)
    assert e.value.reason == "完整性检查未通过（NULL value in q1.a）"
    assert db.read_bytes() == before


# --- open_database ---------------------------------------------------------------------


def test_open_database_gives_a_writable_connection_and_the_days_first_backup(tmp_path):
    db, app = _drafts(tmp_path)
    conn = open_database(db)
    assert isinstance(conn, sqlite3.Connection)
    assert not is_read_only(conn)
    conn.execute("UPDATE applications SET name='新名' WHERE id=?", (app,))  # autocommit
    conn.close()
    assert sqlite3.connect(db).execute("SELECT name FROM applications").fetchall() == [("新名",)]
    daily = sorted(p.name for p in backup_dir(db).glob("*.sqlite3"))
    assert (
        len(daily) == 1 and daily[0].startswith("drafts-") and daily[0].endswith("-daily.sqlite3")
    )


def test_open_database_without_the_daily_backup_writes_none(tmp_path):
    db, _ = _drafts(tmp_path)
    open_database(db, daily_backup=False).close()
    assert not backup_dir(db).exists()


def test_open_database_makes_the_kind_it_is_given(tmp_path):
    ws = tmp_path / "county.zjtxws"
    conn = open_database(ws, daily_backup=False, kind=WORKSPACE)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert WORKSPACE.tables <= tables
    assert not DRAFTS.tables - {database.MIGRATIONS_TABLE} <= tables
