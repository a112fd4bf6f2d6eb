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


def reason(e: OSError) -> str:
    return _REASONS.get(e.errno or 0, e.strerror or str(e))
