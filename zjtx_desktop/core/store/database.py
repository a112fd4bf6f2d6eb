"""Open the drafts database safely: WAL, migrations with a backup first, corruption detection.

The user's file is never overwritten and never changed by a refusal: a file that cannot be
read raises ``DatabaseUnreadable`` naming the newest *good* backup; another program's SQLite
file, or one a newer version of this program has upgraded, raises ``DatabaseRefused`` before
anything is written to it. A file (or folder) that cannot be written is opened read-only, so
the user can still read and export. Every failure the user can meet is a ``StoreError`` with a
Chinese message (a locked database after a bounded wait, a full disk, a read-only file).

Backups (``backups.py``) are taken at the first open of a day and after work (on close), are
verified before they count, and never replace a good one with a broken one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zjtx_desktop.core.store.backups import BackupFailed, newest_backup, take_backup
from zjtx_desktop.core.store.errors import (
    DatabaseRefused,
    DatabaseUnreadable,
    StoreError,
    translate,
)

__all__ = [
    "DatabaseRefused",
    "DatabaseUnreadable",
    "StoreError",
    "newest_backup",
    "open_database",
]

MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' own bookkeeping table
LOCK_WAIT_S = 5.0  # SQLite retries a locked database for this long, then we say who holds it


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

    @property
    def names(self) -> list[str]:
        return [n for n, _ in self._migrations]

    def applied(self, conn: sqlite3.Connection) -> list[str]:
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (MIGRATIONS_TABLE,)
        ).fetchone()
        if not exists:
            return []
        return [
            r[0]
            for r in conn.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set=?", (self.name,)
            )
        ]

    def pending(self, conn: sqlite3.Connection) -> list[str]:
        applied = set(self.applied(conn))
        return [n for n in self.names if n not in applied]

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
            "kind": str,  # edit | typing (continues an edit's undo step) | undo | redo | import
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



@contextlib.contextmanager
def immediate_transaction(conn: sqlite3.Connection, path: Path, label: str) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT, as the drafts store and the workspace both write: another
    program holding the file is waited for (``LOCK_WAIT_S``), then named; on any error the
    transaction is rolled back (SQLite may have done so itself: a full disk can) and SQLite's
    and the system's words become a Chinese ``StoreError`` calling the file ``label``."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:
        raise translate(e, path, LOCK_WAIT_S, label) from None
    try:
        yield
        conn.execute("COMMIT")
    except BaseException as e:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        if isinstance(e, sqlite3.Error | OSError):
            raise translate(e, path, LOCK_WAIT_S, label) from None
        if isinstance(e, UnicodeEncodeError):
            raise StoreError(f"含有无法保存的字符（{e.reason}）：没有保存") from None
        raise


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="milliseconds")


def uri(path: Path, mode: str = "ro") -> str:
    """A SQLite URI for ``path``: percent-encoded, so a '#' or '?' in a folder name ("C#项目")
    is part of the name and not the start of a fragment or of parameters."""
    return f"{path.resolve().as_uri()}?mode={mode}"


OUR_TABLES = frozenset({"applications", "app_forms", "field_values", "changes", MIGRATIONS_TABLE})


@dataclass(frozen=True)
class Kind:
    """A kind of SQLite file this program keeps: the drafts database, or an officials'
    workspace (core/workspace/schema.py). Each has its named migrations and the tables that
    mark it as ours; both are opened, refused, backed up and migrated by the code below."""

    label: str  # how messages name it: 草稿数据库, 工作区
    migrations: LazyMigrations
    tables: frozenset[str]  # a file with other tables but not all of these is not ours


DRAFTS = Kind("草稿数据库", migrations, OUR_TABLES)


def _inspect(path: Path, kind: Kind = DRAFTS) -> None:
    """Before anything writes to an existing file: is it readable, ours, and not newer?"""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        try:
            rows, tables, applied = _look(uri(path), kind)
        except sqlite3.OperationalError as e:
            if not _is_read_only_error(e):
                raise
            # reading a WAL file needs its -shm: in a folder we cannot write (or on a full
            # disk) look at the file as it is instead of calling it damaged
            rows, tables, applied = _look(uri(path) + "&immutable=1", kind)
    except sqlite3.DatabaseError as e:
        if "locked" in str(e) or "busy" in str(e):
            raise translate(e, path, label=kind.label) from None
        if "unable to open" in str(e):
            raise StoreError(f"无法打开{kind.label} {path}：没有读取权限") from None
        raise DatabaseUnreadable(
            path, f"文件已损坏或不是数据库（{e}）", newest_backup(path), kind.label
        ) from None
    if rows != [("ok",)]:
        detail = "；".join(str(r[0]) for r in rows[:3])
        raise DatabaseUnreadable(
            path, f"完整性检查未通过（{detail}）", newest_backup(path), kind.label
        )
    user_tables = {t for t in tables if not t.startswith("sqlite_")}
    if user_tables and not user_tables >= kind.tables:
        shown = "、".join(sorted(user_tables)[:5])
        raise DatabaseRefused(
            path, f"这不是专精特新申报助手的{kind.label}（其中的表：{shown}），可能是其他程序的文件"
        )
    unknown = [n for n in applied if n not in kind.migrations.names]
    if unknown:
        raise DatabaseRefused(
            path,
            f"这个数据库已由更新版本的专精特新申报助手升级（{unknown[-1]}），"
            "本版本无法安全地修改它：请使用新版本打开",
        )


def _look(address: str, kind: Kind) -> tuple[list[Any], set[str], list[str]]:
    """quick_check's rows, the table names and the migrations applied, read-only."""
    conn = sqlite3.connect(address, uri=True, timeout=LOCK_WAIT_S)
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        applied = kind.migrations.applied(conn) if rows == [("ok",)] else []
    finally:
        conn.close()
    return rows, tables, applied


def _read_only(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(
            uri(path), uri=True, timeout=LOCK_WAIT_S, isolation_level=None, check_same_thread=False
        )
        conn.execute("SELECT 1 FROM sqlite_master").fetchall()
    except sqlite3.OperationalError:
        # a WAL database in a folder we cannot write has no -shm to share: nobody else can
        # write there either, so reading it as immutable is safe
        conn = sqlite3.connect(
            uri(path) + "&immutable=1", uri=True, isolation_level=None, check_same_thread=False
        )
    conn.execute("PRAGMA query_only=ON")
    return conn


def open_database(
    path: Path, daily_backup: bool = True, kind: Kind = DRAFTS
) -> sqlite3.Connection:
    """Open (creating if needed) and migrate; backups before migrations and once a day.
    A file or folder that cannot be written gives a read-only connection (``is_read_only``)."""
    return open_database_why(path, daily_backup, kind)[0]


_ANY_TABLE = "SELECT 1 FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' LIMIT 1"


def open_database_why(
    path: Path, daily_backup: bool = True, kind: Kind = DRAFTS
) -> tuple[sqlite3.Connection, StoreError | None]:
    """``open_database``, and when the connection is read-only, why writes will be refused."""
    _inspect(path, kind)
    existed = path.exists() and path.stat().st_size > 0
    if not existed:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"无法创建{kind.label} {path}：{e.strerror}") from None
    try:
        conn = sqlite3.connect(
            path, timeout=LOCK_WAIT_S, isolation_level=None, check_same_thread=False
        )
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL (WAL): a commit is in the operating system's hands when it returns, so every
        # acknowledged change survives the application being killed (kill -9, a crash);
        # only an OS crash or power loss may roll back the last changes since the latest
        # durable point. FULL paid an fsync per keystroke (7.5 ms median, 16 ms p99 under
        # load); DraftStore makes a change durable (``DraftStore.durable``: a checkpoint,
        # which syncs the WAL and the database file) at natural points instead: on leaving a
        # field or part, after a pause in typing, before export, on finalise, on close, and
        # after every write other than typing, undo/redo and 说明.
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        pending = kind.migrations.pending(conn)
        if existed and not conn.execute(_ANY_TABLE).fetchone():
            existed = False  # made and killed before its first migration: nothing to back up
    except sqlite3.OperationalError as e:
        if not existed or not _is_read_only_error(e):
            raise translate(e, path, LOCK_WAIT_S, kind.label) from None
        return _open_read_only(path, kind), translate(e, path, label=kind.label)
    if existed and pending:
        try:
            take_backup(conn, path, f"before-{pending[0]}", migration=True, required=True)
        except BackupFailed as e:
            conn.close()
            raise StoreError(str(e)) from None
    elif existed and daily_backup:
        take_backup(conn, path, "daily", once_a_day=True)
    if pending:
        try:
            kind.migrations.apply(conn)
        except sqlite3.Error as e:
            conn.close()
            raise translate(e, path, LOCK_WAIT_S, kind.label) from None
    if kind is DRAFTS:
        _speed_indexes(conn)
    return conn, None


def _speed_indexes(conn: sqlite3.Connection) -> None:
    """Indexes the per-keystroke queries need (the latest change of an application, the undo
    and redo steps): without them each keystroke sorted the application's whole history.
    Indexes, not a migration: an older version opens the file unchanged and ignores them."""
    try:
        conn.execute("CREATE INDEX IF NOT EXISTS idx_changes_app_id_id ON changes(app_id, id)")
        conn.execute(
            "CREATE INDEX IF NOT EXISTS idx_changes_app_id_undone ON changes(app_id, undone)"
        )
    except sqlite3.OperationalError:
        pass  # a full disk: the same answers, only slower; tried again at the next open


def is_read_only(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("PRAGMA query_only").fetchone()[0])


def _is_read_only_error(e: sqlite3.OperationalError) -> bool:
    text = str(e)
    return any(w in text for w in ("readonly", "read-only", "unable to open", "disk I/O", "full"))


def _open_read_only(path: Path, kind: Kind = DRAFTS) -> sqlite3.Connection:
    try:
        conn = _read_only(path)
        pending = kind.migrations.pending(conn)
    except sqlite3.Error as e:
        raise translate(e, path, label=kind.label) from None
    if pending:
        conn.close()
        raise DatabaseRefused(
            path,
            f"这个{kind.label}需要升级才能使用，但文件或所在文件夹是只读的：请复制到可写的文件夹",
        )
    return conn
