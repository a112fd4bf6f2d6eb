"""Reading a ZIP that came on a USB stick without trusting it.

Nothing is ever extracted to disk: the central directory is checked first (entry count,
declared sizes, compression ratio, paths, symlinks, duplicate names), then members are read
into memory with their declared size as a hard bound, so a zip bomb that lies about its sizes
is stopped after the declared bytes (zipfile also checks each member's CRC-32).
"""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path

from zjtx_desktop.core.exchange.checks import Check, check

MAX_ENTRIES = 10_000
MAX_TOTAL = 2 * 1024**3  # unpacked bytes
MAX_RATIO = 200  # uncompressed : compressed, per entry
RATIO_FLOOR = 1024 * 1024  # smaller entries cannot hurt whatever their ratio

_DRIVE = re.compile(r"^[A-Za-z]:")


class Refused(Exception):
    def __init__(self, failed: Check) -> None:
        super().__init__(failed.message)
        self.check = failed


def is_unsafe_name(name: str) -> bool:
    """Whether an entry name could write outside the folder it is unpacked into, or is not the
    plain ASCII path our packages use."""
    if not name or not name.isascii() or "\\" in name or "\x00" in name:
        return True
    if name.startswith("/") or _DRIVE.match(name):
        return True
    parts = name.rstrip("/").split("/")
    return any(p in ("", ".", "..") for p in parts)


def is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.create_system == 3 and stat.S_ISLNK(mode)


def _cut_short(path: Path) -> str:
    """How a file that is no ZIP looks like a copy cut short ("" if it does not): empty,
    only zero bytes (space a copy reserved and never filled), or a ZIP's beginning without
    its end (the directory)."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not head:
        return "文件是空的"
    if not head.strip(b"\x00"):
        return "文件内容是空字节"
    if head.startswith(b"PK\x03\x04"):
        return "文件末尾缺失"
    return ""


def open_zip(path: Path) -> zipfile.ZipFile:
    """Open the archive and check its directory; raises ``Refused`` (or OSError)."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        name = Path(path).name
        cut = _cut_short(Path(path))
        if cut:
            raise Refused(check("PKG_DAMAGED", name=name, detail=cut)) from None
        raise Refused(check("PKG_NOT_ZIP", name=name)) from None
    try:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise Refused(check("PKG_TOO_LARGE"))
        total = 0
        for info in infos:
            total += info.file_size
            too_dense = info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            )
            if total > MAX_TOTAL or too_dense:
                raise Refused(check("PKG_TOO_LARGE"))
        seen: set[str] = set()
        for info in infos:
            name = info.orig_filename
            folded = name.casefold()
            if is_unsafe_name(name) or is_symlink(info) or folded in seen:
                raise Refused(check("PKG_UNSAFE_PATH", path=name))
            seen.add(folded)
    except Refused:
        zf.close()
        raise
    return zf


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, *, crc: bool = True) -> bytes:
    """The member's bytes, never more than its declared size; a member whose data disagree
    with its directory entry (size or CRC-32) raises ``zipfile.BadZipFile``.

    ``crc=False`` is for members whose SHA-256 the caller compares with a signed manifest:
    that proves more than CRC-32 does, and the CRC pass costs as much as the hash (both run
    over the 2 MB of evidence of every package)."""
    with zf.open(info) as f:
        if not crc:
            setattr(f, "_expected_crc", None)  # noqa: B010 (CPython's ZipExtFile: skip the CRC)
        data = f.read(info.file_size + 1)
    if len(data) != info.file_size:
        raise zipfile.BadZipFile(f"{info.filename}: size differs from the directory")
    return data
