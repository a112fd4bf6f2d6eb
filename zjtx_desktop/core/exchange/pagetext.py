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


# Our 草稿 watermark is drawn at 150 pt; body text is at most ~22 pt. Looking at the size tells
# the watermark from the word 草稿 in a company's own text or in a heading.
_WATERMARK_MIN_PT = 60.0


def draft_marked_pages(pdf: bytes) -> list[int]:
    """1-based numbers of the pages that carry the 草稿 watermark."""
    return scan_pages(pdf)[1]


def scan_pages(pdf: bytes) -> tuple[list[str], list[int]]:
    """Each page's text and the 1-based numbers of the pages with the 草稿 watermark, in one
    pass: PDFium's page loading and text layout are most of a package check's time, so each
    page is loaded once."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    doc = pdfium.PdfDocument(pdf)
    try:
        texts: list[str] = []
        marked: list[int] = []
        for n, page in enumerate(doc, 1):
            tp = page.get_textpage()
            text = tp.get_text_range()
            texts.append(text)
            i = text.find("草稿")
            while i >= 0:
                if pdfium_c.FPDFText_GetFontSize(tp.raw, i) >= _WATERMARK_MIN_PT:
                    marked.append(n)
                    break
                i = text.find("草稿", i + 1)
            tp.close()
            page.close()
        return texts, marked
    finally:
        doc.close()
