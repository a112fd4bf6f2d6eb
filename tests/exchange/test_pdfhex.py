"""The fast hex-string reader gives exactly pyhanko's result (value, type, stream position,
errors) on every kind of hex string, and a signed booklet still validates with it."""

from __future__ import annotations

import io
import random

import pytest
from pyhanko.pdf_utils import generic, misc

from zjtx_desktop.core.exchange import pdfhex
from zjtx_desktop.core.exchange.pdfsign import _sign_modules

_sign_modules()  # installs the fast reader, keeps pyhanko's as pdfhex._original
ORIGINAL = pdfhex._original


def outcome(reader, data: bytes):
    s = io.BytesIO(data)
    try:
        value = reader(s)
    except Exception as e:  # the error itself must be pyhanko's
        return ("error", type(e).__name__, str(e))
    return (type(value).__name__, bytes(value.original_bytes), s.tell())


CASES = [
    b"<>",
    b"<41>rest",
    b"<4142434>",  # odd: last digit followed by 0
    b"<41 42\n43\r\t\x00\x0c44>",
    b"<feff00410042> trailing",
    b"<FEFF0041>",
    b"<41 % a comment > with a bracket\n 42>",  # pyhanko skips comments inside
    b"<41G2>",
    b"<41 42",  # never closed
    b"<",
    b"<" + b"0a" * 40000 + b">x",  # longer than one read chunk
    b"<" + b"0a" * 40000,
]


@pytest.mark.parametrize("data", CASES)
def test_same_result_as_pyhanko(data: bytes) -> None:
    assert outcome(pdfhex.read_hex_string, data) == outcome(ORIGINAL, data)


def test_random_strings_same_result_as_pyhanko() -> None:
    rnd = random.Random(9)
    alphabet = b"0123456789abcdefABCDEF \n\r\t\x0c\x00>%gZ<"
    for _ in range(2000):
        body = bytes(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        data = b"<" + body + rnd.choice([b">", b"", b"> 1 0 R"])
        assert outcome(pdfhex.read_hex_string, data) == outcome(ORIGINAL, data), data


def test_whitespace_is_pyhankos() -> None:
    assert misc.PDF_WHITESPACE == b" \n\r\t\f\x00"


def test_installed_in_pyhankos_reader() -> None:
    assert generic.read_hex_string_from_stream is pdfhex.read_hex_string
    obj = generic.read_object(io.BytesIO(b"<4142> "), None)
    assert bytes(obj.original_bytes) == b"AB"
