"""QR codes from reportlab's own QR widget (full ISO QR, never Micro QR; level M).

The widget's encoder gives the module matrix; the PDF draws it as one path of filled
rectangles (drawing the widget's shape tree took half the export time), Word and Excel get a
PNG drawn with Pillow from the same matrix.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any


def draw_qr(canvas: Any, text: str, x: float, y: float, size: float, border: int = 2) -> None:
    """Draw the QR code of ``text`` with its lower-left corner at (x, y), ``size`` square."""
    m = qr_matrix(text)
    n = len(m) + 2 * border
    box = size / n
    path = canvas.beginPath()
    for r, row in enumerate(m):
        top = y + size - (r + border + 1) * box
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                path.rect(x + (start + border) * box, top, (c - start) * box, box)
            else:
                c += 1
    canvas.saveState()
    canvas.setFillGray(0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


@lru_cache(maxsize=16)
def _matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    from reportlab.graphics.barcode.qr import QrCodeWidget

    w = QrCodeWidget(text, barLevel="M")
    code = getattr(w, "qr")  # noqa: B009 - set in __init__, absent from the stubs
    code.make()
    return tuple(tuple(bool(m) for m in row) for row in code.modules)


def qr_cache_clear() -> None:
    """Forget computed codes (benchmarks measure a first export of new data)."""
    _matrix.cache_clear()


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules (dark = True) as the widget draws them."""
    return [list(row) for row in _matrix(text)]


def qr_png(text: str, scale: int = 6, border: int = 4) -> bytes:
    """PNG bytes of the QR code (for Word), drawn with Pillow from the same matrix."""
    from PIL import Image

    m = qr_matrix(text)
    n = len(m) + 2 * border
    img = Image.new("1", (n, n), 1)
    px = img.load()
    assert px is not None
    for r, row in enumerate(m):
        for c, dark in enumerate(row):
            if dark:
                px[c + border, r + border] = 0
    img = img.resize((n * scale, n * scale), Image.Resampling.NEAREST)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()
