"""What can go wrong with the drafts database or a workspace, each with a Chinese message a
view shows as is.

``translate`` turns SQLite's and the OS's words ("database is locked", "disk I/O error",
"attempt to write a readonly database") into these, so no view prints a traceback.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from zjtx_desktop.core.oserror import reason


class StoreError(Exception):
    """A failure the user can meet; ``str(e)`` is the message to show. Nothing was saved."""


class DatabaseUnreadable(StoreError):
    """The file is not a usable drafts database. ``backup`` is the newest good backup, if any."""

    def __init__(
        self, path: Path, reason: str, backup: Path | None, label: str = "草稿数据库"
    ) -> None:
        self.path = path
        self.reason = reason
        self.backup = backup
        offer = f"最新的完好备份是 {backup}" if backup else "没有找到完好的备份"
        super().__init__(f"无法读取{label} {path}：{reason}。原文件未作任何改动；{offer}。")


class DatabaseRefused(StoreError):
    """A database this version did not make (another program's, or a newer version's)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"不能打开 {path}：{reason}。文件未作任何改动。")


class DatabaseBusy(StoreError):
    """Another connection holds the write lock longer than we wait."""


class ReadOnlyStore(StoreError):
    """The file or its folder cannot be written: reading and exporting still work."""


class DiskFull(StoreError):
    """The disk (or the file size limit) refused the write; the change was rolled back."""


def lock_holder(path: Path) -> str:
    """Who holds the database, as far as we can tell: the window keeps a lock file
    (QLockFile: pid, application name, host) beside the database."""
    lock = path.with_name(path.name + ".lock")
    try:
        lines = lock.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    if lines and lines[0].strip().isdigit():
        return f"专精特新申报助手窗口（进程 {lines[0].strip()}）"
    return "另一个程序（另一个 zjtx 命令、专精特新申报助手窗口，或打开了这个文件的数据库工具）"


def translate(
    e: sqlite3.Error | OSError, path: Path, wait_s: float = 0, label: str = "草稿数据库"
) -> StoreError:
    """The message for ``e`` on the file ``path``, which messages call ``label`` (the
    ``Kind``'s name: 草稿数据库, 工作区)."""
    text = str(e)
    if isinstance(e, OSError) and e.errno is not None:
        import errno

        if e.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            return DiskFull(f"磁盘已满，无法写入 {path}：刚才的修改没有保存，已有内容不受影响")
        if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return ReadOnlyStore(f"无法写入 {path}：没有写入权限。可以查看和导出，不能修改")
        return StoreError(f"无法写入 {path}：{reason(e)}")
    if "locked" in text or "busy" in text:
        waited = f"已等待{wait_s:g}秒，" if wait_s else ""
        return DatabaseBusy(
            f"{label} {path} 正被{lock_holder(path)}占用：{waited}仍未释放。"
            "刚才的修改没有保存：请关闭占用它的程序后重试"
        )
    if "full" in text or "disk I/O" in text:
        return DiskFull(
            f"磁盘已满或无法写入 {path}：刚才的修改没有保存，已有内容不受影响；"
            "可以继续查看和导出（导出到其他磁盘）"
        )
    if "readonly" in text or "read-only" in text or "query_only" in text:
        return ReadOnlyStore(
            f"{label} {path} 是只读的（文件或所在文件夹不可写）：可以查看和导出，不能修改"
        )
    if "unable to open" in text:
        return StoreError(f"无法打开{label} {path}：文件或所在文件夹不可访问")
    if "malformed" in text or "not a database" in text:
        return StoreError(f"{label} {path} 已损坏（{text}）：请关闭程序后重新打开，以便使用备份")
    return StoreError(f"{label} {path} 出错：{text}")
