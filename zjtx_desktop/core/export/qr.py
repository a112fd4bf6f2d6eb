"""QR codes from reportlab's own encoder and widget: full ISO QR (never Micro QR), level M."""

from __future__ import annotations

import io
from typing import Any


def qr_widget(text: str, size: float) -> Any:
    """A reportlab Drawing of the QR code, ``size`` points square."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    w = QrCodeWidget(text, barLevel="M", barBorder=2)
    w.barWidth = w.barHeight = size
    d = Drawing(size, size)
    d.add(w)
    return d


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules (dark = True) as the widget draws them."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    w = QrCodeWidget(text, barLevel="M")
    code = getattr(w, "qr")  # noqa: B009 - set in __init__, absent from the stubs
    code.make()
    return [[bool(m) for m in row] for row in code.modules]


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
