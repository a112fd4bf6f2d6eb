"""A fast reader for PDF hex strings in pyhanko.

pyhanko reads a hex string ``<…>`` one byte at a time through a generator; a PAdES
signature's /Contents is ~16,000 hex digits, so reading it was ~30 % of validating a booklet's
signature. ``read_hex_string`` reads the digits up to ``>`` in one slice and decodes them with
``binascii``; anything its fast path does not cover exactly (a ``%`` comment inside the
string, a byte that is neither a hex digit nor PDF whitespace, no closing ``>``) goes to
pyhanko's own reader from the same position, so the result — and every error — is pyhanko's.
"""

from __future__ import annotations

import binascii
import io
import re
from typing import Any

# pyhanko.pdf_utils.misc.PDF_WHITESPACE is b" \n\r\t\f\x00"; tests/exchange/test_pdfhex.py
# checks that it still is
_WHITESPACE = re.compile(rb"[ \n\r\t\f\x00]+")
_NOT_HEX = re.compile(rb"[^0-9a-fA-F]")
_CHUNK = 1 << 16

_original: Any = None


def read_hex_string(stream: Any) -> Any:
    """Same contract as ``pyhanko.pdf_utils.generic.read_hex_string_from_stream``: the stream
    is at ``<``; returns the PDF string and leaves the stream just after ``>``."""
    from pyhanko.pdf_utils.generic import pdf_string

    start = stream.tell()
    stream.read(1)  # the "<"
    chunks = []
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:  # no ">": pyhanko's reader raises its own error
            stream.seek(start)
            return _original(stream)
        end = chunk.find(b">")
        if end >= 0:
            chunks.append(chunk[:end])
            after = len(chunk) - end - 1
            break
        chunks.append(chunk)
    body = b"".join(chunks)
    digits = _WHITESPACE.sub(b"", body)
    if b"%" in body or _NOT_HEX.search(digits):
        stream.seek(start)
        return _original(stream)
    stream.seek(-after, io.SEEK_CUR)
    if len(digits) % 2:
        digits += b"0"  # as pyhanko (and the PDF standard): a last lone digit is followed by 0
    return pdf_string(binascii.unhexlify(digits))


def install() -> None:
    """Make pyhanko's object reader use ``read_hex_string`` (idempotent)."""
    global _original
    from pyhanko.pdf_utils import generic

    if _original is None:
        _original = generic.read_hex_string_from_stream
    generic.read_hex_string_from_stream = read_hex_string
