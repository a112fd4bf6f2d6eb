"""The text of each page of a PDF (PDFium): what verification compares, shared by the package
check (``verify``) and the signed-PDF check (``pdfverify``) without either importing the other.
"""

from __future__ import annotations


def page_texts(pdf: bytes) -> list[str]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            tp = page.get_textpage()
            out.append(tp.get_text_range())
            tp.close()
            page.close()
        return out
    finally:
        doc.close()
