"""Why a file could not be read or written, in the words a user understands (Chinese)."""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "文件夹不存在",
    errno.ENOTDIR: "文件夹不存在",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "所在磁盘是只读的",
    errno.ENOSPC: "磁盘已满",
    errno.EFBIG: "磁盘已满（超过允许的文件大小）",
    errno.EDQUOT: "磁盘配额已满",
    errno.EISDIR: "这是一个文件夹",
    errno.ENAMETOOLONG: "文件名过长",
}


_READ_REASONS = {
    errno.ENOENT: "文件不存在",
    errno.ENOTDIR: "文件不存在",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.EISDIR: "这是一个文件夹，不是文件",
}


def reason(e: OSError) -> str:
    """Why a file could not be written."""
    return _REASONS.get(e.errno or 0, e.strerror or str(e))


def read_reason(e: OSError) -> str:
    """Why a file could not be read: a missing file is 文件不存在, not a missing folder."""
    return _READ_REASONS.get(e.errno or 0) or reason(e)
