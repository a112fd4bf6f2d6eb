"""What 打印… sends to the printer: the very PDF the export writes, page by page as images
(PDFium draws our embedded fonts, so the printout is the exported paper, on any printer)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from zjtx_desktop.core.export.model import ExportOptions


def application_pdf(app: Any, opts: ExportOptions | None = None) -> bytes:
    """The PDF ``export_application`` would write for an ``OpenApplication`` (all its forms)."""
    from zjtx_desktop.core.export.api import _application_job_args, build_job
    from zjtx_desktop.core.export.pdf import render_pdf

    opts, kw = _application_job_args(app, opts, None, ".pdf")
    job, _, _ = build_job(app.session, opts, **kw)
    buf = io.BytesIO()
    render_pdf(job, buf, opts)
    return buf.getvalue()


def page_images(pdf: bytes, dpi: int = 200) -> Iterator[bytes]:
    """Each page of ``pdf`` as a PNG at ``dpi``."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    doc = pdfium.PdfDocument(pdf)
    try:
        for i in range(len(doc)):
            image = doc[i].render(scale=dpi / 72).to_pil()
            buf = io.BytesIO()
            image.save(buf, "PNG")
            yield buf.getvalue()
    finally:
        doc.close()
