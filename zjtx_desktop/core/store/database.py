"""Open the drafts database safely: WAL, migrations with a backup first, corruption detection.

The user's file is never overwritten: a file that cannot be read raises ``DatabaseUnreadable``
naming the newest backup, and the caller decides (the GUI offers to open the backup copy).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

KEEP_BACKUPS = 10
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' own bookkeeping table


class LazyMigrations:
    """Named migrations applied by sqlite-utils' ``Migrations``. sqlite-utils is imported only
    when a migration is pending, so an ordinary start does not pay for importing it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[tuple[str, Callable[[Any], None]]] = []

    def __call__(self, *, name: str) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
        def register(fn: Callable[[Any], None]) -> Callable[[Any], None]:
            self._migrations.append((name, fn))
            return fn

        return register

    def pending(self, conn: sqlite3.Connection) -> list[str]:
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (MIGRATIONS_TABLE,)
        ).fetchone()
        applied: set[str] = set()
        if exists:
            applied = {
                r[0]
                for r in conn.execute(
                    f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set=?",
                    (self.name,),
                )
            }
        return [n for n, _ in self._migrations if n not in applied]

    def apply(self, conn: sqlite3.Connection) -> None:
        import sqlite_utils
        from sqlite_utils.migrations import Migrations

        m = Migrations(self.name)
        for name, fn in self._migrations:
            m(name=name)(fn)
        m.apply(sqlite_utils.Database(conn))


migrations = LazyMigrations("zjtx")


@migrations(name="m001_initial")
def _m001(db: Any) -> None:
    db.table("applications").create(
        {"id": str, "name": str, "programme": str, "status": str, "created": str, "updated": str},
        pk="id",
        strict=True,
    )
    db.table("app_forms").create(
        {"app_id": str, "form_id": str, "form_version": str, "position": int},
        pk=("app_id", "form_id"),
        foreign_keys=[("app_id", "applications", "id")],
        strict=True,
    )
    db.table("field_values").create(
        {"app_id": str, "scope": str, "field": str, "value": str, "updated": str},
        pk=("app_id", "scope", "field"),
        foreign_keys=[("app_id", "applications", "id")],
        strict=True,
    )
    db.table("changes").create(
        {
            "id": int,
            "app_id": str,
            "scope": str,
            "field": str,
            "old": str,
            "new": str,
            "at": str,
            "kind": str,  # edit | undo | redo | import
            "undone": int,  # 0 live; n>0 undone n-th (redo-able); -1 undone, no longer redo-able
        },
        pk="id",
        not_null={"app_id", "scope", "field", "at", "kind", "undone"},
        defaults={"undone": 0},
        strict=True,
    )
    db.table("changes").create_index(["app_id", "scope", "field"])
    db.table("explanations").create(
        {
            "app_id": str,
            "form_id": str,
            "field": str,
            "code": str,
            "rule": str,
            "text": str,
            "updated": str,
        },
        pk=("app_id", "form_id", "field", "code", "rule"),
        strict=True,
    )
    db.table("events").create(
        {"id": int, "app_id": str, "kind": str, "at": str, "detail": str},
        pk="id",
        strict=True,
    )


@migrations(name="m002_evidence")
def _m002(db: Any) -> None:
    # 佐证材料 attached to an application; the files themselves are content-addressed by
    # SHA-256 under the data directory's evidence/ (zjtx_desktop/core/exchange/evidence.py)
    db.table("evidence").create(
        {
            "app_id": str,
            "id": str,  # E001, E002 … in the order attached (the package's file names)
            "sha256": str,
            "title": str,
            "item": str,  # the item of the official list it answers (79号 附件2), or ""
            "name": str,  # the original file name
            "media_type": str,
            "size": int,
            "pages": int,
            "added": str,
        },
        pk=("app_id", "id"),
        foreign_keys=[("app_id", "applications", "id")],
        strict=True,
    )


class DatabaseUnreadable(Exception):
    """The file is not a usable drafts database. ``backup`` is the newest backup, if any."""

    def __init__(self, path: Path, reason: str, backup: Path | None) -> None:
        self.path = path
        self.reason = reason
        self.backup = backup
        offer = f"最新的备份是 {backup}" if backup else "没有找到备份"
        super().__init__(f"无法读取草稿数据库 {path}：{reason}。原文件未作任何改动；{offer}。")


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def newest_backup(path: Path) -> Path | None:
    d = backup_dir(path)
    files = sorted(d.glob("*.sqlite3")) if d.is_dir() else []
    return files[-1] if files else None


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="milliseconds")


def write_backup(conn: sqlite3.Connection, path: Path, reason: str) -> Path:
    """A consistent copy through SQLite's backup API (safe with WAL and open writers)."""
    d = backup_dir(path)
    d.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = d / f"{path.stem}-{stamp}-{reason}.sqlite3"
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    for old in sorted(d.glob("*.sqlite3"))[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
    return target


def _check_readable(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise DatabaseUnreadable(
            path, f"文件已损坏或不是数据库（{e}）", newest_backup(path)
        ) from None
    if rows != [("ok",)]:
        detail = "；".join(str(r[0]) for r in rows[:3])
        raise DatabaseUnreadable(path, f"完整性检查未通过（{detail}）", newest_backup(path))


def open_database(path: Path, daily_backup: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) and migrate; backups before migrations and once a day."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _check_readable(path)
    existed = path.exists() and path.stat().st_size > 0
    conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed change survives power loss too, not only a killed process
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    pending = migrations.pending(conn)
    if existed and pending:
        write_backup(conn, path, f"before-{pending[0]}")
    elif existed and daily_backup:
        newest = newest_backup(path)
        today = dt.date.today().strftime("%Y%m%d")
        if newest is None or today not in newest.name:
            write_backup(conn, path, "daily")
    if pending:
        migrations.apply(conn)
    return conn
