"""Listed files are read without zipfile's CRC-32 pass (their SHA-256 against the signed
manifest is the check): a byte flipped inside the archive itself, CRC left stale, is still
refused with PKG_HASH."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.exchange.kit import Enterprise, codes


def test_a_byte_flipped_in_place_is_refused_by_its_sha256(
    enterprise: Enterprise, tmp_path: Path
) -> None:
    raw = bytearray(enterprise.package.read_bytes())
    with zipfile.ZipFile(enterprise.package) as zf:
        info = zf.getinfo("print/booklet.pdf")
    assert info.compress_type == zipfile.ZIP_STORED  # its bytes lie in the archive as they are
    # the member's data start after its local header (30 bytes, name, extra field)
    name_len = int.from_bytes(raw[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_len = int.from_bytes(raw[info.header_offset + 28 : info.header_offset + 30], "little")
    at = info.header_offset + 30 + name_len + extra_len + info.file_size // 2
    raw[at] ^= 0x01
    forged = tmp_path / "flipped.zjtx"
    forged.write_bytes(bytes(raw))
    code, report = enterprise.verify(forged)
    assert code == 1
    assert codes(report) == ["PKG_HASH"]
    assert "print/booklet.pdf" in report["checks"][0]["message"]
