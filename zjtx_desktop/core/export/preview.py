"""Page previews as PNG (the export dialog shows the first page): the PDF rendered by PDFium.

PDFium (pypdfium2) draws the fonts embedded in our PDF, so the preview shows exactly the
paper, on any system, without Qt's PDF module or poppler.
"""

from __future__ import annotations

import io

from zjtx_desktop.core.export.model import ExportOptions, PrintJob


def pdf_page(pdf: bytes, page: int = 0, width_px: int = 600) -> tuple[bytes, int]:
    """(PNG of one page, number of pages); a page beyond the last shows the last."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    doc = pdfium.PdfDocument(pdf)
    try:
        count = len(doc)
        p = doc[max(0, min(page, count - 1))]
        scale = width_px / p.get_width()
        image = p.render(scale=scale).to_pil()
        buf = io.BytesIO()
        image.save(buf, "PNG")
        return buf.getvalue(), count
    finally:
        doc.close()


def job_page(
    job: PrintJob, opts: ExportOptions | None = None, page: int = 0, width_px: int = 600
) -> tuple[bytes, int]:
    """(PNG of one page of what ``job`` prints as PDF, number of pages)."""
    from zjtx_desktop.core.export.pdf import render_pdf

    buf = io.BytesIO()
    render_pdf(job, buf, opts)
    return pdf_page(buf.getvalue(), page, width_px)
