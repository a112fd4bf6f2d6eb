"""Backups of the drafts database: taken when they are needed, verified before they count.

- At the first open of a day (``daily``) and after work (``after-work``, when a session that
  changed something closes), so a restore loses at most one session's work.
- Written through SQLite's backup API into ``NAME.partial``, checked (``quick_check`` and our
  tables present), and only then renamed to ``….sqlite3``: a SIGKILL or a full disk leaves a
  ``.partial`` that is never offered and is removed next time; a good backup is never
  replaced by a broken one.
- Pre-migration backups live apart in ``migrations/`` and are never pruned by the daily ones.
- ``newest_backup`` offers the newest backup that passes the check, never a broken one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path

KEEP_DAYS = 10  # days with regular backups kept (each day: its first and its last backup)
KEEP_MIGRATION_BACKUPS = 5


class BackupFailed(Exception):
    """A required backup (before a migration) could not be written and verified."""


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def migration_dir(path: Path) -> Path:
    return backup_dir(path) / "migrations"


def _uri(p: Path) -> str:
    return f"{p.resolve().as_uri()}?mode=ro"


def verified(p: Path) -> bool:
    """A backup counts only if SQLite reads it whole and it holds our tables."""
    try:
        if p.stat().st_size == 0:
            return False
        conn = sqlite3.connect(_uri(p), uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
            has = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='applications'"
            ).fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return False
    return ok and has is not None


def _looks_whole(p: Path) -> bool:
    try:
        with p.open("rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00" and p.stat().st_size >= 1024
    except OSError:
        return False


def _candidates(path: Path) -> list[Path]:
    """Regular backups newest first, then pre-migration ones newest first."""
    d = backup_dir(path)
    regular = sorted(d.glob("*.sqlite3"), reverse=True) if d.is_dir() else []
    m = migration_dir(path)
    before = sorted(m.glob("*.sqlite3"), reverse=True) if m.is_dir() else []
    return regular + before


def newest_backup(path: Path) -> Path | None:
    """The newest backup that passes the check (a broken one is never offered)."""
    return next((p for p in _candidates(path) if verified(p)), None)


def take_backup(
    conn: sqlite3.Connection,
    path: Path,
    reason: str,
    *,
    migration: bool = False,
    once_a_day: bool = False,
    required: bool = False,
) -> Path | None:
    """Write, verify and keep one backup; None when none was needed or it failed (a failed
    backup never stops the user working, unless ``required``: before a migration)."""
    d = migration_dir(path) if migration else backup_dir(path)
    today = dt.date.today().strftime("%Y%m%d")
    if once_a_day and d.is_dir() and any(_looks_whole(p) for p in d.glob(f"*-{today}-*.sqlite3")):
        return None  # (a cheap look: only verified copies get a final name; start-up is short)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = d / f"{path.stem}-{stamp}-{reason}.sqlite3"
    partial = target.with_suffix(".partial")
    try:
        d.mkdir(parents=True, exist_ok=True)
        for stale in d.glob("*.partial*"):  # with the -wal/-shm an older version left
            stale.unlink(missing_ok=True)
        dest = sqlite3.connect(partial)
        try:
            conn.backup(dest)
            # the copy carries the source's WAL mode; a backup is one self-contained file, and
            # checking it read-only must not leave -wal/-shm files beside it
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        if not verified(partial):
            raise BackupFailed(f"备份 {partial.name} 未通过检查")
        os.replace(partial, target)
    except (sqlite3.Error, OSError, BackupFailed) as e:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        if required:
            raise BackupFailed(f"无法写入备份（{e}）：为安全起见未升级数据库") from None
        return None
    _prune(path, migration)
    return target


def _prune(path: Path, migration: bool) -> None:
    """Keep every day's first and last backup for the last KEEP_DAYS days with backups;
    pre-migration backups: the last KEEP_MIGRATION_BACKUPS."""
    try:
        if migration:
            for old in sorted(migration_dir(path).glob("*.sqlite3"))[:-KEEP_MIGRATION_BACKUPS]:
                old.unlink(missing_ok=True)
            return
        files = sorted(backup_dir(path).glob("*.sqlite3"))
        by_day: dict[str, list[Path]] = {}
        for p in files:
            day = p.name[len(path.stem) + 1 :][:8]
            by_day.setdefault(day, []).append(p)
        days = sorted(by_day)
        for day in days[:-KEEP_DAYS]:
            for p in by_day[day]:
                p.unlink(missing_ok=True)
        for day in days[-KEEP_DAYS:]:
            for p in by_day[day][1:-1]:  # between the day's first and last
                p.unlink(missing_ok=True)
    except OSError:
        pass  # pruning is housekeeping: a failure leaves one backup too many
