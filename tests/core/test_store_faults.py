"""Issue 13 items 18, 19, 21–24: the drafts database under faults.

A full disk, a '#' in the path, a second writer holding the lock, backups that must be good
when needed, databases this version did not make, files and folders that cannot be written.
Faults that need the operating system (a file-size limit, a non-root user for permissions)
run the real ``zjtx`` in a subprocess; the rest run in-process.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.core.inline import mini
from zjtx_desktop.cli import main
from zjtx_desktop.core.paths import resources_dir
from zjtx_desktop.core.store import backups, database
from zjtx_desktop.core.store.backups import backup_dir, newest_backup
from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.core.store.errors import (
    DatabaseBusy,
    DatabaseRefused,
    DatabaseUnreadable,
    ReadOnlyStore,
    StoreError,
)

ROOT = Path(__file__).resolve().parents[2]
DEMO = Path(resources_dir(), "demo", "nat-xjr-application-2021.json")


def run_main(argv: list[str]) -> int:
    """The CLI entry function in-process (a command may end with SystemExit)."""
    try:
        return main(argv)
    except SystemExit as e:
        return int(e.code or 0)


def zjtx_subprocess(
    db: Path, *argv: str, limit_kb: int | None = None, unprivileged: bool = False
) -> subprocess.CompletedProcess[str]:
    """The real command, optionally under a file-size limit (a full disk as SQLite sees it:
    writes fail, Python ignores SIGXFSZ) or as a user without root's right to write anything."""
    cmd = [sys.executable, "-m", "zjtx_desktop", "--db", str(db), *argv]
    if limit_kb is not None:
        cmd = ["bash", "-c", f'ulimit -f {limit_kb}; exec "$@"', "zjtx", *cmd]
    if unprivileged and os.geteuid() == 0:
        cmd = ["unshare", "-U", *cmd]  # root inside no namespace: permissions apply
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ZJTX_CACHE": "off"}
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)


def can_drop_root() -> bool:
    if os.geteuid() != 0:
        return True
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-U", "true"], capture_output=True).returncode == 0


needs_unprivileged = pytest.mark.skipif(
    not can_drop_root(), reason="permissions cannot be tested as root without unshare -U"
)


FORM = "nat-xjr-application-2021"


def seeded(tmp_path: Path, n: int = 1, name: str = "drafts.sqlite3") -> tuple[Path, list[str]]:
    from zjtx_desktop.core.forms.registry import get_form

    db = tmp_path / name
    store = DraftStore(db)
    ids = []
    for i in range(n):
        app_id = store.create([get_form(FORM)], name=f"企业{i}")
        store.set(app_id, (FORM, "company_intro"), f"企业{i}" + "的简介很长" * 40)
        ids.append(app_id)
    store.close()
    return db, ids


# --- item 18: disk full at the first open of a day --------------------------------------


def test_disk_full_at_the_first_open_of_a_day_keeps_the_good_backup_and_reads(tmp_path):
    db, ids = seeded(tmp_path, 150)
    for b in backup_dir(db).glob("*.sqlite3"):  # yesterday's backup, good
        yesterday = (dt.date.today() - dt.timedelta(days=1)).strftime("%Y%m%d")
        b.rename(b.with_name(b.name.replace(dt.date.today().strftime("%Y%m%d"), yesterday)))
    good = newest_backup(db)
    assert good is not None
    good_bytes = good.read_bytes()
    limit_kb = db.stat().st_size // 1024 // 2  # the database is bigger than what may be written
    listed = zjtx_subprocess(db, "drafts", "list", limit_kb=limit_kb)
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 150
    shown = zjtx_subprocess(db, "drafts", "show", "--json", ids[0], limit_kb=limit_kb)
    assert shown.returncode == 0 and json.loads(shown.stdout)["form"] == FORM
    wrote = zjtx_subprocess(db, "drafts", "set", ids[0], "employees=12", limit_kb=8)
    assert "Traceback" not in wrote.stderr
    # whatever failed, the good backup is the one offered, byte for byte
    assert newest_backup(db) == good and good.read_bytes() == good_bytes
    assert not list(backup_dir(db).glob("*.partial"))
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_write_on_a_full_disk_is_refused_in_chinese_and_loses_nothing(tmp_path):
    db, ids = seeded(tmp_path, 150)
    before = DraftStore(db)
    values_before = before.values(ids[0])
    before.close()
    r = zjtx_subprocess(db, "drafts", "set", ids[0], "enterprise_name=" + "新" * 20000, limit_kb=4)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and "磁盘已满" in r.stderr
    after = DraftStore(db)
    assert after.values(ids[0]) == values_before
    after.close()


# --- item 19: '#' and other URI-special characters in the path ---------------------------


@pytest.mark.parametrize("folder", ["C#项目", "a?b", "50%off"])
def test_uri_special_characters_in_the_path_keep_the_corruption_check(tmp_path, folder):
    d = tmp_path / folder
    d.mkdir()
    db = d / "drafts.sqlite3"
    DraftStore(db).close()
    damaged = b"this is not a database" * 100
    db.write_bytes(damaged)
    with pytest.raises(DatabaseUnreadable):
        DraftStore(db)
    assert db.read_bytes() == damaged
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]  # no stray file beside it
    assert {p.name for p in d.iterdir()} <= {"drafts.sqlite3", "drafts.sqlite3.backups"}


# --- item 21: another program holds the write lock --------------------------------------


def test_a_locked_database_waits_a_bounded_time_then_says_so_in_chinese(
    tmp_path, monkeypatch, capsys
):
    db, ids = seeded(tmp_path)
    monkeypatch.setattr(database, "LOCK_WAIT_S", 0.3)  # the wait, and what the message says
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        t0 = time.monotonic()
        code = main(["--db", str(db), "drafts", "set", ids[0], "employees=12"])
        waited = time.monotonic() - t0
        _out, err = capsys.readouterr()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 2
    assert "Traceback" not in err and "占用" in err and "没有保存" in err
    assert waited < 30


def test_a_lock_released_within_the_wait_loses_no_update(tmp_path, monkeypatch):
    db, ids = seeded(tmp_path)
    monkeypatch.setattr(database, "LOCK_WAIT_S", 5.0)
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE applications SET name='另一个程序' WHERE id=?", (ids[0],))
    release = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    release.start()
    store = DraftStore(db)
    store.set(ids[0], ("", "employees"), "12")  # waits for the other writer, then writes
    release.join()
    other.close()
    assert store.get(ids[0]).name == "另一个程序"
    assert store.values(ids[0])[("", "employees")] == "12"
    store.close()


def test_busy_error_names_the_window_holding_the_lock_file(tmp_path):
    from zjtx_desktop.core.store.errors import translate

    db = tmp_path / "d.sqlite3"
    (tmp_path / "d.sqlite3.lock").write_text("4242\nzjtx\nhost\n", encoding="utf-8")
    e = translate(sqlite3.OperationalError("database is locked"), db, 5)
    assert isinstance(e, DatabaseBusy) and "进程 4242" in str(e) and "5秒" in str(e)


# --- item 22: backups when they are needed ----------------------------------------------


def test_work_done_after_the_first_open_of_the_day_is_in_a_backup(tmp_path):
    db, _ = seeded(tmp_path)
    store = DraftStore(db)  # the day's first open: the daily backup holds 1 application
    for i in range(20):
        store.create([mini()], name=f"今天{i}")
    store.close()  # after work
    restored = DraftStore(newest_backup(db))
    assert len(restored.list_all()) == 21
    restored.close()


def test_a_backup_killed_half_way_or_broken_is_never_offered(tmp_path):
    db, _ = seeded(tmp_path)
    good = newest_backup(db)
    d = backup_dir(db)
    stamp = (dt.datetime.now() + dt.timedelta(minutes=1)).strftime("%Y%m%d-%H%M%S-%f")
    (d / f"drafts-{stamp}-daily.sqlite3").write_bytes(b"")  # 0 bytes: killed (old versions)
    stamp2 = (dt.datetime.now() + dt.timedelta(minutes=2)).strftime("%Y%m%d-%H%M%S-%f")
    (d / f"drafts-{stamp2}-daily.sqlite3").write_bytes(good.read_bytes()[:3000])  # cut short
    (d / f"drafts-{stamp2}-daily.partial").write_bytes(b"SQLite format 3\x00")
    assert newest_backup(db) == good
    with pytest.raises(DatabaseUnreadable) as e:
        db.write_bytes(b"garbage" * 500)
        DraftStore(db)
    assert e.value.backup == good


def test_a_failed_backup_never_replaces_a_good_one(tmp_path, monkeypatch):
    db, _ = seeded(tmp_path)
    good = sorted(backup_dir(db).glob("*.sqlite3"))
    good_bytes = [p.read_bytes() for p in good]
    monkeypatch.setattr(backups, "verified", lambda p: p in good)  # every new copy "broken"
    store = DraftStore(db)
    store.create([mini()], name="新")
    store.close()
    assert sorted(backup_dir(db).glob("*.sqlite3")) == good
    assert [p.read_bytes() for p in good] == good_bytes
    assert not list(backup_dir(db).glob("*.partial"))


def test_ten_days_of_backups_never_prune_the_pre_migration_backup(tmp_path, monkeypatch):
    db, _ = seeded(tmp_path)

    @database.migrations(name="m998_test_only")
    def _m(db_):
        db_.execute("CREATE TABLE extra_998 (x)")

    try:
        DraftStore(db).close()
    finally:
        database.migrations._migrations.pop()
    before = list(backups.migration_dir(db).glob("*before-m998_test_only.sqlite3"))
    assert len(before) == 1
    conn = sqlite3.connect(db)
    for day in range(12):
        monkeypatch.setattr(
            backups.dt,
            "date",
            type(
                "D",
                (),
                {
                    "today": staticmethod(
                        lambda day=day: dt.date(2027, 1, 1) + dt.timedelta(days=day)
                    )
                },
            ),
        )
        stamp = (dt.datetime(2027, 1, 1) + dt.timedelta(days=day)).strftime("%Y%m%d-%H%M%S-%f")
        target = backup_dir(db) / f"drafts-{stamp}-daily.sqlite3"
        shutil.copy(newest_backup(db), target)
        backups._prune(db, migration=False)
    conn.close()
    assert before[0].exists()
    days = {p.name[len("drafts-") :][:8] for p in backup_dir(db).glob("*.sqlite3")}
    assert len(days) == backups.KEEP_DAYS


# --- item 23: databases this version did not make ---------------------------------------


def test_another_programs_sqlite_file_is_refused_unchanged(tmp_path, capsys):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers VALUES (1, '张三')")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    code = run_main(["--db", str(db), "drafts", "list"])
    _out, err = capsys.readouterr()
    assert code == 2 and "不是专精特新申报助手的草稿数据库" in err
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]  # no -wal, no backups


def test_a_database_from_a_newer_version_is_refused_unchanged(tmp_path):
    db, _ = seeded(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('zjtx', 'm050_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(DatabaseRefused) as e:
        DraftStore(db)
    assert "更新版本" in str(e.value)
    assert db.read_bytes() == before


# one fixture per migration: the schema as the previous release made it, with data.
# m001 is the first: its "previous release" is the database it makes, filled by release 0.1.
MIGRATION_FIXTURES = Path(__file__).with_name("migration_fixtures")


def test_every_migration_has_a_fixture_and_upgrades_it_without_loss(tmp_path):
    names = database.migrations.names
    for name in names:
        sql = MIGRATION_FIXTURES / f"after_{name}.sql"
        assert sql.exists(), f"{name}: add {sql.name} (the schema it makes, with data)"
    for name in names:
        db = tmp_path / f"{name}.sqlite3"
        conn = sqlite3.connect(db)
        conn.executescript((MIGRATION_FIXTURES / f"after_{name}.sql").read_text("utf-8"))
        expected = {
            t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("applications", "field_values", "changes", "events", "explanations")
        }
        values = conn.execute("SELECT app_id, scope, field, value FROM field_values").fetchall()
        conn.close()
        store = DraftStore(db)  # upgrades through every later migration
        for t, n in expected.items():
            assert store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] == n, t
        for app_id, scope, field, value in values:
            assert store.values(app_id)[(scope, field)] == json.loads(value)
        assert store.list_all()
        store.close()


# --- item 24: write failures ------------------------------------------------------------


@needs_unprivileged
def test_a_read_only_database_file_reads_and_exports_but_refuses_writes(tmp_path):
    tmp_path.chmod(0o777)
    db, ids = seeded(tmp_path)
    db.chmod(0o444)
    shown = zjtx_subprocess(db, "drafts", "show", ids[0], unprivileged=True)
    assert shown.returncode == 0, shown.stderr
    out = tmp_path / "out"
    out.mkdir(mode=0o777)
    out.chmod(0o777)
    exported = zjtx_subprocess(
        db, "drafts", "export", ids[0], "-o", str(out / "d.json"), unprivileged=True
    )
    assert exported.returncode == 0, exported.stderr
    wrote = zjtx_subprocess(db, "drafts", "set", ids[0], "employees=3", unprivileged=True)
    assert wrote.returncode == 2 and "Traceback" not in wrote.stderr
    assert "只读" in wrote.stderr or "写入权限" in wrote.stderr
    assert f"草稿数据库 {db} 是只读的" in wrote.stderr  # which file cannot be written


@needs_unprivileged
def test_a_read_only_folder_is_not_reported_as_damaged(tmp_path):
    d = tmp_path / "ro"
    d.mkdir()
    db, ids = seeded(d)
    for extra in d.iterdir():
        if extra.name != db.name:
            shutil.rmtree(extra) if extra.is_dir() else extra.unlink()
    d.chmod(0o555)
    try:
        shown = zjtx_subprocess(db, "drafts", "show", ids[0], unprivileged=True)
        assert shown.returncode == 0, shown.stderr
        assert "损坏" not in shown.stderr
        wrote = zjtx_subprocess(db, "drafts", "set", ids[0], "employees=3", unprivileged=True)
        assert wrote.returncode == 2 and "Traceback" not in wrote.stderr
        assert "损坏" not in wrote.stderr
    finally:
        d.chmod(0o755)


def test_drafts_export_into_a_missing_folder_says_so(tmp_path, capsys):
    db = tmp_path / "d.sqlite3"
    main(["--db", str(db), "drafts", "import", str(DEMO)])
    app_id = capsys.readouterr().out.split()[0]
    missing = tmp_path / "无" / "x.json"
    code = main(["--db", str(db), "drafts", "export", app_id, "-o", str(missing)])
    _out, err = capsys.readouterr()
    assert code == 2 and "文件夹不存在" in err


def test_exports_do_not_overwrite_without_force(tmp_path, capsys):
    db = tmp_path / "d.sqlite3"
    main(["--db", str(db), "drafts", "import", str(DEMO)])
    app_id = capsys.readouterr().out.split()[0]
    for argv in (
        ["drafts", "export", app_id, "-o"],
        ["export", "--draft", app_id, "-o"],
        ["export", "nat-xjr-application-2021", str(DEMO), "-o"],
    ):
        target = tmp_path / ("x.json" if argv[0] == "drafts" else "x.pdf")
        target.write_bytes(b"mine")
        code = main(["--db", str(db), *argv, str(target)])
        _out, err = capsys.readouterr()
        assert code == 2 and "已存在" in err and "--force" in err, argv
        assert target.read_bytes() == b"mine"
        code = main(["--db", str(db), *argv, str(target), "--force"])
        capsys.readouterr()
        assert code in (0, 1) and target.read_bytes() != b"mine"


def test_a_failed_import_leaves_no_empty_application(tmp_path, monkeypatch):
    from zjtx_desktop.core.importer import import_files
    from zjtx_desktop.core.store import drafts

    db = tmp_path / "d.sqlite3"
    store = DraftStore(db)
    real = drafts.DraftStore._write
    calls = {"n": 0}

    def failing(self, *a, **kw):
        calls["n"] += 1
        if calls["n"] == 30:
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, *a, **kw)

    monkeypatch.setattr(drafts.DraftStore, "_write", failing)
    with pytest.raises(StoreError, match="磁盘已满"):
        import_files(store, [DEMO])
    assert store.list_all() == []
    store.close()


def test_read_only_store_in_process_refuses_with_chinese(tmp_path):
    db, ids = seeded(tmp_path)
    store = DraftStore(db)
    store.read_only = True  # as when the file could only be opened read-only
    with pytest.raises(ReadOnlyStore, match="只读"):
        store.set(ids[0], ("", "employees"), "3")
    store.close()


def test_a_database_killed_during_its_first_start_opens_again(tmp_path):
    """Killed after SQLite made the file (WAL header written) but before the first migration
    committed: the file holds no table, nothing to back up. It used to be refused at every
    later open (the pre-migration backup of an empty file never passes its check), found by
    ``pytest tests/hostile --deep``."""
    db = tmp_path / "d.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")  # what the first start had done when killed
    conn.close()
    assert db.stat().st_size > 0
    store = DraftStore(db)
    app = store.create([mini()], name="重新开始")
    assert [a.id for a in store.list_all()] == [app]
    store.close()
    assert DraftStore(db).get(app).name == "重新开始"


# --- backups as files on disk (mutation testing of store/backups.py) ----------------------


def test_backups_are_where_the_readme_says(tmp_path):
    """A user restoring by hand looks for them: beside the database, ``NAME.backups/``, the
    pre-migration ones in its ``migrations/`` folder."""
    db = tmp_path / "drafts.sqlite3"
    assert backup_dir(db) == tmp_path / "drafts.sqlite3.backups"
    assert backups.migration_dir(db) == tmp_path / "drafts.sqlite3.backups" / "migrations"


def _today_backups(db: Path) -> list[Path]:
    today = dt.date.today().strftime("%Y%m%d")
    return sorted(backup_dir(db).glob(f"*-{today}-*.sqlite3"))


def test_a_second_open_on_the_same_day_takes_no_second_daily_backup(tmp_path):
    db, _ = seeded(tmp_path)  # closing after work left today's backup
    before = _today_backups(db)
    assert len(before) == 1
    DraftStore(db).close()  # opened and closed without a change
    assert _today_backups(db) == before


def test_a_broken_file_with_today_s_name_does_not_stand_for_today_s_backup(tmp_path):
    db, _ = seeded(tmp_path)
    for p in backup_dir(db).glob("*.sqlite3"):
        p.unlink()
    today = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    junk = backup_dir(db) / f"drafts-{today}-daily.sqlite3"
    junk.write_bytes(b"x" * 4096)  # big enough, but not a database
    DraftStore(db).close()
    made = [p for p in _today_backups(db) if p != junk]
    assert len(made) == 1 and backups.verified(made[0])


def test_without_regular_backups_the_newest_pre_migration_backup_is_offered(tmp_path):
    db, _ = seeded(tmp_path)
    good = newest_backup(db)
    m = backups.migration_dir(db)
    m.mkdir(parents=True, exist_ok=True)
    older = m / "drafts-20250101-080000-000000-before-m001_initial.sqlite3"
    newer = m / "drafts-20260101-080000-000000-before-m002_test.sqlite3"
    for p in (older, newer):
        shutil.copy(good, p)
    for p in backup_dir(db).glob("*.sqlite3"):
        p.unlink()
    assert newest_backup(db) == newer


def test_a_partial_backup_left_by_a_killed_copy_is_removed_at_the_next_backup(tmp_path):
    db, _ = seeded(tmp_path)
    stale = backup_dir(db) / "drafts-20250101-080000-000000-daily.partial"
    stale.write_bytes(b"SQLite format 3\x00")  # a copy killed half-way
    store = DraftStore(db)
    store.create([mini()], name="新")
    store.close()  # after work: a backup, which clears what killed ones left
    assert not stale.exists()


def _with_test_migration(db: Path, action):
    @database.migrations(name="m997_test_only")
    def _m(db_):
        db_.execute("CREATE TABLE extra_997 (x)")

    try:
        return action()
    finally:
        database.migrations._migrations.pop()


def test_a_pre_migration_backup_that_fails_stops_the_upgrade_saying_why(tmp_path, monkeypatch):
    db, _ = seeded(tmp_path)
    monkeypatch.setattr(backups, "verified", lambda p: False)
    with pytest.raises(StoreError) as e:
        _with_test_migration(db, lambda: DraftStore(db))
    assert str(e.value).startswith("无法写入备份（备份 drafts-")
    why = "-before-m997_test_only.partial 未通过检查）：为安全起见未升级数据库"
    assert str(e.value).endswith(why)


def test_only_the_last_five_pre_migration_backups_are_kept(tmp_path):
    db, _ = seeded(tmp_path)
    m = backups.migration_dir(db)
    m.mkdir(parents=True, exist_ok=True)
    good = newest_backup(db)
    old = [m / f"drafts-2025010{i}-080000-000000-before-m00{i}.sqlite3" for i in range(1, 7)]
    for p in old:
        shutil.copy(good, p)
    _with_test_migration(db, lambda: DraftStore(db).close())
    kept = sorted(p.name for p in m.glob("*.sqlite3"))
    assert len(kept) == backups.KEEP_MIGRATION_BACKUPS == 5
    assert kept[-1].endswith("-before-m997_test_only.sqlite3")  # the new one
    assert kept[:4] == [p.name for p in old[2:]]  # the two oldest went


def test_a_sound_sqlite_file_without_our_tables_is_not_a_backup(tmp_path):
    db, _ = seeded(tmp_path)
    good = newest_backup(db)
    stamp = (dt.datetime.now() + dt.timedelta(minutes=1)).strftime("%Y%m%d-%H%M%S-%f")
    other = backup_dir(db) / f"drafts-{stamp}-daily.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")  # passes quick_check, holds no application
    conn.close()
    assert not backups.verified(other)
    assert newest_backup(db) == good


def test_of_each_day_the_first_and_the_last_backup_are_kept(tmp_path):
    db, _ = seeded(tmp_path)
    good = tmp_path / "good.sqlite3"
    shutil.copy(newest_backup(db), good)
    for p in backup_dir(db).glob("*.sqlite3"):
        p.unlink()
    names = [f"drafts-20270101-0{h}0000-000000-after-work.sqlite3" for h in range(1, 6)]
    names.append("drafts-20270102-080000-000000-daily.sqlite3")
    for n in names:
        shutil.copy(good, backup_dir(db) / n)
    backups._prune(db, migration=False)
    kept = sorted(p.name for p in backup_dir(db).glob("*.sqlite3"))
    assert kept == [names[0], names[4], names[5]]  # 1 January: 01:00 and 05:00; 2 January


class _Killed(BaseException):
    """Stands for SIGKILL: nothing in the backup code may catch it or clean up after it."""


def test_a_backup_killed_while_copying_leaves_nothing_behind_after_the_next_one(
    tmp_path, monkeypatch
):
    # whatever name the copy in progress has, the next backup must clear it: only verified
    # backups may stay in the folder
    db, _ = seeded(tmp_path)
    before = set(backup_dir(db).iterdir())

    def killed(_p: Path) -> bool:
        raise _Killed

    monkeypatch.setattr(backups, "verified", killed)
    store = DraftStore(db)
    store.create([mini()], name="新")
    with pytest.raises(_Killed):
        store.close()  # killed after the copy was written, before it was checked
    left = set(backup_dir(db).iterdir()) - before
    assert left, "the killed copy is on disk"
    monkeypatch.undo()
    store = DraftStore(db)
    store.create([mini()], name="又一个")
    store.close()
    after = set(backup_dir(db).iterdir()) - before
    names = sorted(p.name for p in after if p.is_file())
    assert all(n.endswith(".sqlite3") for n in names), names
    assert all(backups.verified(p) for p in after if p.is_file()), names


# --- the refusals of store/database.py, message by message (mutation testing) ------------


def break_rows(db: Path) -> None:
    """Rows that break their table's schema, as a disk error or a careless tool leaves them:
    every page reads, but ``PRAGMA quick_check`` finds four NULLs where NOT NULL is declared."""
    conn = sqlite3.connect(db, isolation_level=None)
    for t in ("q1", "q2", "q3", "q4"):
        conn.execute(f"CREATE TABLE {t} (a)")
        conn.execute(f"INSERT INTO {t} VALUES (NULL)")
    conn.execute("PRAGMA writable_schema=ON")
    for t in ("q1", "q2", "q3", "q4"):
        conn.execute(
            "UPDATE sqlite_master SET sql=? WHERE name=?", (f"CREATE TABLE {t} (a NOT NULL)", t)
        )
    conn.close()


def test_a_database_failing_its_integrity_check_names_the_first_three_problems(tmp_path):
    """A drafts file whose pages read but whose rows break the schema (a disk error, a tool
    that edited it): refused, the first three of SQLite's findings shown, nothing written."""
    db, _ = seeded(tmp_path)
    break_rows(db)
    before = db.read_bytes()
    with pytest.raises(DatabaseUnreadable) as e:
        DraftStore(db)
    # SQLite reports them in its own order: any three of the four, each once
    assert e.value.reason.startswith("完整性检查未通过（") and e.value.reason.endswith("）")
    shown = e.value.reason.removeprefix("完整性检查未通过（").removesuffix("）").split("；")
    assert len(shown) == len(set(shown)) == 3
    assert set(shown) <= {f"NULL value in q{i}.a" for i in range(1, 5)}
    assert e.value.backup is not None and e.value.backup.parent == backup_dir(db)
    assert str(e.value).startswith(f"无法读取草稿数据库 {db}：完整性检查未通过")
    assert db.read_bytes() == before


def test_a_damaged_file_is_called_damaged_and_offers_its_backup(tmp_path):
    db, _ = seeded(tmp_path)
    damaged = b"SQLite format 3\x00" + b"\xff" * 4000
    db.write_bytes(damaged)
    with pytest.raises(DatabaseUnreadable) as e:
        DraftStore(db)
    assert e.value.reason.startswith("文件已损坏或不是数据库（")
    assert str(e.value).startswith(f"无法读取草稿数据库 {db}：文件已损坏或不是数据库（")
    assert e.value.backup is not None and e.value.backup.parent == backup_dir(db)
    assert db.read_bytes() == damaged


def test_another_programs_file_is_refused_naming_its_first_five_tables(tmp_path):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    for t in ("z", "客户", "applications", "y", "b", "a"):
        conn.execute(f"CREATE TABLE {t} (id INTEGER PRIMARY KEY AUTOINCREMENT, x)")
        conn.execute(f"INSERT INTO {t} (x) VALUES (1)")  # AUTOINCREMENT: sqlite_sequence too
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(DatabaseRefused) as e:
        DraftStore(db)
    # sorted by code point, SQLite's own sqlite_sequence not counted
    assert e.value.reason == (
        "这不是专精特新申报助手的草稿数据库（其中的表：a、applications、b、y、z），"
        "可能是其他程序的文件"
    )
    assert str(e.value).startswith(f"不能打开 {db}：这不是")
    assert db.read_bytes() == before


def test_a_drafts_database_with_a_table_the_user_added_still_opens(tmp_path):
    """Someone added a table of their own with a database tool: still our drafts."""
    db, ids = seeded(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE my_notes (t TEXT)")
    conn.commit()
    conn.close()
    store = DraftStore(db)
    assert [a.id for a in store.list_all()] == ids
    store.close()


def test_a_file_with_some_of_our_tables_only_is_refused(tmp_path):
    db = tmp_path / "half.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE applications (id TEXT)")
    conn.execute("CREATE TABLE field_values (app_id TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseRefused) as e:
        DraftStore(db)
    assert "（其中的表：applications、field_values）" in e.value.reason


def test_a_newer_versions_database_names_its_latest_migration(tmp_path):
    db, _ = seeded(tmp_path)
    conn = sqlite3.connect(db)
    for name in ("m050_from_the_future", "m051_further"):
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('zjtx', ?, '2030-01-01')",
            (name,),
        )
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(DatabaseRefused) as e:
        DraftStore(db)
    assert e.value.reason == (
        "这个数据库已由更新版本的专精特新申报助手升级（m051_further），"
        "本版本无法安全地修改它：请使用新版本打开"
    )
    assert str(e.value).startswith(f"不能打开 {db}：这个数据库已由更新版本")
    assert db.read_bytes() == before


def test_migrations_of_another_set_in_the_same_file_are_not_ours(tmp_path):
    """sqlite-utils keeps every program's migrations in one table, each under its set's name:
    another set's names say nothing about this program's version."""
    db, ids = seeded(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('someone_else', 'm900_theirs', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    store = DraftStore(db)
    assert [a.id for a in store.list_all()] == ids
    store.close()


def test_a_database_held_exclusively_by_another_program_is_reported_after_the_wait(
    tmp_path, monkeypatch
):
    """A database tool holding the file in exclusive locking mode shuts out even readers: the
    check before opening waits LOCK_WAIT_S (not SQLite's default 5 s), then says who holds it."""
    db, _ = seeded(tmp_path)
    monkeypatch.setattr(database, "LOCK_WAIT_S", 0.3)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        t0 = time.monotonic()
        with pytest.raises(DatabaseBusy) as e:
            DraftStore(db)
        waited = time.monotonic() - t0
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "占用" in str(e.value) and "Traceback" not in str(e.value)
    assert 0.25 <= waited < 2.5


def test_a_new_database_in_a_folder_not_yet_made_is_created_with_it(tmp_path):
    db = tmp_path / "新建" / "下一级" / "drafts.sqlite3"
    store = DraftStore(db)
    app = store.create([mini()], name="新企业")
    store.close()
    assert DraftStore(db).get(app).name == "新企业"


def test_a_database_whose_folder_is_a_file_says_it_cannot_be_created(tmp_path):
    blocker = tmp_path / "资料"
    blocker.write_bytes(b"a file where the folder should be")
    db = blocker / "drafts.sqlite3"
    with pytest.raises(StoreError) as e:
        DraftStore(db)
    assert str(e.value) == f"无法创建草稿数据库 {db}：File exists"
    assert blocker.read_bytes() == b"a file where the folder should be"


def test_a_draft_row_for_no_application_is_refused_by_the_database(tmp_path):
    """foreign_keys=ON: a value or form can never be stored for an application that is gone."""
    conn = database.open_database(tmp_path / "d.sqlite3")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO field_values VALUES ('no-such-app', 'mini', 'employees', '3', 'now')"
        )
    conn.close()


def test_a_fresh_database_is_wal_with_normal_sync(tmp_path):
    """Per keystroke no fsync (NORMAL), in WAL so a reader never blocks the writer."""
    db = tmp_path / "d.sqlite3"
    conn = database.open_database(db)
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    conn.close()
    other = sqlite3.connect(db)
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # kept in the file
    other.close()


def test_the_latest_change_of_an_application_is_found_without_sorting_its_history(tmp_path):
    conn = database.open_database(tmp_path / "d.sqlite3")
    for query in (
        "SELECT id FROM changes WHERE app_id=? ORDER BY id DESC LIMIT 1",
        "SELECT id FROM changes WHERE app_id=? AND undone>0 ORDER BY undone LIMIT 1",
    ):
        plan = " ".join(r[-1] for r in conn.execute("EXPLAIN QUERY PLAN " + query, ("a",)))
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
    conn.close()


def test_an_open_without_the_daily_backup_writes_none(tmp_path):
    """``open_database(..., daily_backup=False)`` (offered to callers; none in the application
    passes it today) writes no daily backup; the default does, once a day."""
    db = tmp_path / "d.sqlite3"
    database.open_database(db).close()  # new: nothing to back up
    assert not backup_dir(db).exists()
    database.open_database(db, daily_backup=False).close()
    assert not backup_dir(db).exists()
    database.open_database(db).close()  # the first open of the day of an existing file
    assert len(list(backup_dir(db).glob("*.sqlite3"))) == 1


def test_two_pending_migrations_back_up_once_named_for_the_first_then_both_apply(tmp_path):
    db, ids = seeded(tmp_path)
    shutil.rmtree(backup_dir(db))

    @database.migrations(name="m998_first")
    def _a(d):
        d.execute("CREATE TABLE first_extra (x)")

    @database.migrations(name="m999_second")
    def _b(d):
        d.execute("CREATE TABLE second_extra (x)")

    try:
        store = DraftStore(db)
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"first_extra", "second_extra"} <= names
        assert [a.id for a in store.list_all()] == ids
        store.close()
        made = sorted(p.name for p in backup_dir(db).rglob("*.sqlite3"))
        assert any("before-m998_first" in n for n in made), made
        assert not any("m999" in n for n in made), made
    finally:
        del database.migrations._migrations[-2:]


@needs_unprivileged
def test_a_database_the_user_may_not_read_says_so_not_damaged(tmp_path):
    tmp_path.chmod(0o777)
    db, _ = seeded(tmp_path)
    db.chmod(0o000)
    r = zjtx_subprocess(db, "drafts", "list", unprivileged=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"无法打开草稿数据库 {db}：没有读取权限" in r.stderr
    assert "损坏" not in r.stderr


def test_a_workspace_file_is_checked_and_named_as_a_workspace(tmp_path):
    """The same opener guards an official's workspace: its refusals call it 工作区, and a drafts
    database chosen by mistake is not taken for one."""
    from zjtx_desktop.core.workspace.schema import WorkspaceUnusable, open_workspace_db

    damaged = tmp_path / "县.zjtxws"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(WorkspaceUnusable) as e:
        open_workspace_db(damaged)
    assert str(e.value).startswith(f"无法读取工作区 {damaged}：文件已损坏或不是数据库（")
    broken = tmp_path / "乡.zjtxws"
    open_workspace_db(broken, create=True).close()
    break_rows(broken)
    with pytest.raises(WorkspaceUnusable) as e:
        open_workspace_db(broken)
    assert str(e.value).startswith(f"无法读取工作区 {broken}：完整性检查未通过（NULL value in q")
    drafts, _ = seeded(tmp_path)
    before = drafts.read_bytes()
    with pytest.raises(WorkspaceUnusable) as e:
        open_workspace_db(drafts)
    assert "这不是专精特新申报助手的工作区（其中的表：" in str(e.value)
    assert drafts.read_bytes() == before


def test_an_upgrade_while_another_program_writes_waits_the_bounded_time_then_says_so(
    tmp_path, monkeypatch
):
    db, ids = seeded(tmp_path)
    monkeypatch.setattr(database, "LOCK_WAIT_S", 0.3)

    @database.migrations(name="m999_test_only")
    def _m(d):
        d.execute("CREATE TABLE extra (x)")

    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    try:
        t0 = time.monotonic()
        with pytest.raises(DatabaseBusy):
            DraftStore(db)
        waited = time.monotonic() - t0
    finally:
        other.execute("ROLLBACK")
        other.close()
        database.migrations._migrations.pop()
    assert 0.25 <= waited < 2.5  # LOCK_WAIT_S, not SQLite's default 5 s
    tables = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master")}
    assert "extra" not in tables
    store = DraftStore(db)  # the same version opens it as before
    assert [a.id for a in store.list_all()] == ids
    store.close()


def test_a_statement_outside_a_transaction_is_committed_when_it_returns(tmp_path):
    """Autocommit: nothing the program writes waits in an implicit transaction for a commit
    that a crash would never make."""
    db = tmp_path / "d.sqlite3"
    conn = database.open_database(db)
    conn.execute("INSERT INTO applications VALUES ('A1', '恒锐', 'nat', 'draft', 'now', 'now')")
    other = sqlite3.connect(db)
    assert other.execute("SELECT name FROM applications").fetchall() == [("恒锐",)]
    other.close()
    conn.close()


def test_the_connection_may_be_used_from_a_worker_thread(tmp_path):
    """The window reads and exports in background workers (gui/worker.py) through the
    connection opened on the main thread."""
    db, ids = seeded(tmp_path)
    conn = database.open_database(db)
    seen: list[object] = []
    t = threading.Thread(
        target=lambda: seen.append(conn.execute("SELECT id FROM applications").fetchall())
    )
    t.start()
    t.join()
    conn.close()
    assert seen == [[(ids[0],)]]


@needs_unprivileged
def test_a_new_database_in_a_folder_the_user_may_not_write_says_so(tmp_path):
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o555)
    try:
        db = d / "drafts.sqlite3"
        r = zjtx_subprocess(db, "drafts", "list", unprivileged=True)
        assert r.returncode == 2 and "Traceback" not in r.stderr
        assert f"无法打开草稿数据库 {db}：文件或所在文件夹不可访问" in r.stderr
        assert list(d.iterdir()) == []
    finally:
        d.chmod(0o755)


def test_a_migration_failing_on_a_full_disk_says_so_and_leaves_the_file_as_it_was(tmp_path):
    db, ids = seeded(tmp_path)

    @database.migrations(name="m999_test_only")
    def _m(d):
        d.execute("CREATE TABLE extra (x)")
        raise sqlite3.OperationalError("database or disk is full")

    try:
        with pytest.raises(StoreError) as e:
            DraftStore(db)
    finally:
        database.migrations._migrations.pop()
    assert str(e.value).startswith(f"磁盘已满或无法写入 {db}：")
    tables = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master")}
    assert "extra" not in tables  # the migration's transaction rolled back
    store = DraftStore(db)
    assert [a.id for a in store.list_all()] == ids
    store.close()
