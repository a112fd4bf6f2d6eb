"""Page decoration that needs the page count (第 x 页 共 y 页), shared by every PDF we draw.

reportlab knows the number of pages only when the document is saved; ``deferred_canvas``
keeps each page's drawing state and calls ``decorate(canvas, page, total)`` at save time.
``page_footer`` is the one footer line of our working documents (汇总表, 初核记录单): a label on
the left, the page count in the middle, a code on the right.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from zjtx_desktop.core.export import fonts

Decorate = Callable[[Canvas, int, int], None]


def deferred_canvas(decorate: Decorate) -> type[Canvas]:
    """A canvas class for ``doc.build(…, canvasmaker=…)`` that decorates every page once the
    total is known."""

    class DeferredCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            total = len(self._pages)
            for i, state in enumerate(self._pages):
                self.__dict__.update(state)
                decorate(self, i + 1, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return DeferredCanvas


def page_footer(
    c: Canvas,
    page: int,
    total: int,
    *,
    left_x: float,
    right_x: float,
    y: float,
    left: str,
    right: str,
    size: float = 9,
) -> None:
    """``left``　第 x 页 共 y 页　``right`` on one line at ``y`` from ``left_x`` to ``right_x``."""
    c.saveState()
    c.setFont(fonts.MAIN, size)
    c.drawString(left_x, y, left)
    c.drawCentredString((left_x + right_x) / 2, y, f"第 {page} 页 共 {total} 页")
    c.drawRightString(right_x, y, right)
    c.restoreState()
