"""PDF export with reportlab: forms and booklets on A4, with proof on every page.

Every page's footer carries 第 x 页 共 y 页, the application id, the form and its version, and the
short digest of that form's canonical data; the first and last pages of each form carry a QR
code of the full SHA-256. A booklet starts with a 目录 whose page numbers come from a first
layout pass. Drafts get a 草稿 watermark on every page. Pages are decorated when the document is
saved, once the page count is known.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from zjtx_desktop.core.export import fonts
from zjtx_desktop.core.export.model import ExportOptions, PrintJob, Proof, Row, Table, Text
from zjtx_desktop.core.export.pdf_blocks import MM, ROW_SHARE, flowables
from zjtx_desktop.core.export.pdf_pages import deferred_canvas
from zjtx_desktop.core.export.proof import footer_text
from zjtx_desktop.core.export.qr import draw_qr

LEFT, RIGHT, TOP, BOTTOM = 25 * MM, 18 * MM, 18 * MM, 30 * MM
QR_SIZE = 22 * MM


class _Marker(Flowable):
    """Zero-size flowable noting the page on which a part of the document starts."""

    def __init__(self, key: int, starts: dict[int, int]) -> None:
        super().__init__()
        self.key = key
        self.starts = starts
        self.width = self.height = 0

    def draw(self) -> None:
        self.starts.setdefault(self.key, self.canv.getPageNumber())


class _Decorator:
    """Footer, QR codes, watermark and seam strip, drawn on each page at save time."""

    def __init__(self, job: PrintJob, opts: ExportOptions, starts: dict[int, int]) -> None:
        self.job = job
        self.opts = opts
        self.starts = starts  # part index → first page; part len(forms) = closing pages

    def part(self, page: int) -> int:
        best = -1
        for key, first in sorted(self.starts.items(), key=lambda kv: kv[1]):
            if first <= page:
                best = key
        return best

    def proof(self, part: int) -> Proof:
        return self.job.part_proof(part)  # the same choice the export dialog reports

    def page_in_part(self, page: int, total: int) -> tuple[int, int]:
        """(n, count): this page is the n-th of the ``count`` pages of its part."""
        part = self.part(page)
        first = self.starts.get(part, 1)
        later = [p for p in self.starts.values() if p > first]
        end = min(later) - 1 if later else total
        return page - first + 1, end - first + 1

    def is_edge(self, page: int, total: int) -> bool:
        part = self.part(page)
        return (
            part != self.part(page - 1)
            or page == 1
            or part != self.part(page + 1)
            or (page == total)
        )

    def outer_right(self, page: int) -> bool:
        """The outer edge (away from the binding) is on the right, except on the back of a
        sheet printed 双面 (even pages), where the binding is on the right."""
        return not (self.opts.duplex and page % 2 == 0)

    def __call__(self, c: Canvas, page: int, total: int) -> None:
        w, h = A4
        right = self.outer_right(page)
        inner_left = LEFT if right else RIGHT  # the footer starts at the text's left edge
        part = self.part(page)
        proof = self.proof(part)
        c.saveState()
        if self.job.draft:
            c.setFillGray(0.55)
            c.setFillAlpha(0.22)
            c.setFont(fonts.MAIN, 150)
            c.translate(w / 2, h / 2)
            c.rotate(40)
            c.drawCentredString(0, -50, "草稿")
        c.restoreState()
        c.saveState()
        c.setFont(fonts.MAIN, 10.5)
        c.drawCentredString(w / 2, 17 * MM, f"第 {page} 页 共 {total} 页")
        c.setFont(fonts.MAIN, 8)
        n, count = self.page_in_part(page, total)
        # the form's code with this page's place in the form: a page swapped in from another
        # application or revision shows a code that differs from its neighbours'
        c.drawString(inner_left, 10 * MM, footer_text(proof, f"{n}/{count}"))
        c.restoreState()
        if proof.sha256 and self.is_edge(page, total):
            qr_x = w - RIGHT - QR_SIZE if right else RIGHT
            draw_qr(c, proof.qr_text, qr_x, 4 * MM, QR_SIZE)
        if self.opts.seam_strip:
            c.saveState()
            c.setStrokeGray(0.6)
            c.setDash(3, 3)
            x = w - 9 * MM if right else 9 * MM
            c.line(x, h / 2 - 40 * MM, x, h / 2 + 40 * MM)
            c.setFillGray(0.5)
            c.setFont(fonts.MAIN, 7)
            label_x = x + 4 * MM if right else x - 4 * MM
            for i, ch in enumerate("骑缝章"):
                c.drawCentredString(label_x, h / 2 + 6 * MM - i * 9, ch)
            c.restoreState()


def _toc_blocks(job: PrintJob, pages: dict[int, int] | None) -> list[Any]:
    entries = [f.short_title or f.title for f in job.forms]
    if job.closing:
        entries.append(job.closing_title)
    rows = [
        Row(
            [_cell("序号", "header"), _cell("材料名称", "header"), _cell("页码", "header")],
            header=True,
        )
    ]
    for i, title in enumerate(entries):
        page = "" if pages is None else str(pages.get(i, ""))
        rows.append(Row([_cell(str(i + 1), "label"), _cell(title, "value"), _cell(page, "label")]))
    out: list[Any] = [
        Text(job.title, "title", "center"),
        Text("目　录", "title", "center"),
        Table((0.12, 0.7, 0.18), rows),
    ]
    if job.signer_fingerprint:
        from zjtx_desktop.core.export.fingerprint import TOC_NOTE, toc_line

        out.append(Text(toc_line(job.signer_fingerprint), "body"))
        out.append(Text(TOC_NOTE, "note"))
    return out


def _cell(text: str, kind: str) -> Any:
    from zjtx_desktop.core.export.model import Cell

    return Cell(text, kind)  # type: ignore[arg-type]


def _story(
    job: PrintJob,
    opts: ExportOptions,
    starts: dict[int, int],
    width: float,
    max_row: float,
    toc_pages: dict[int, int] | None,
) -> list[Any]:
    story: list[Any] = []
    if job.booklet:
        story += flowables(_toc_blocks(job, toc_pages), width, max_row, opts)
        story.append(PageBreak())
    for i, form in enumerate(job.forms):
        if i:
            story.append(PageBreak())
        story.append(_Marker(i, starts))
        story += flowables(form.blocks, width, max_row, opts)
    if job.closing:
        story.append(PageBreak())
        story.append(_Marker(len(job.forms), starts))
        story += flowables(job.closing, width, max_row, opts)
    return story


def _build(
    job: PrintJob, opts: ExportOptions, out: BinaryIO | str, toc_pages: dict[int, int] | None
) -> dict[int, int]:
    fonts.register()
    if opts.record_places is not None:
        opts.record_places.clear()  # the booklet's first pass drew them too
    starts: dict[int, int] = {}
    w, h = A4
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=job.title,
        author="ZJTX Desktop",
        subject=job.proof.qr_text,
        initialFontName=fonts.MAIN,
    )

    def frame(left: float) -> Frame:
        return Frame(
            left,
            BOTTOM,
            w - LEFT - RIGHT,
            h - TOP - BOTTOM,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    if opts.duplex:  # 双面: the binding margin is on the left of the front, the right of the back
        doc.addPageTemplates(
            [
                PageTemplate("front", [frame(LEFT)], autoNextPageTemplate="back"),
                PageTemplate("back", [frame(RIGHT)], autoNextPageTemplate="front"),
            ]
        )
    else:
        doc.addPageTemplates([PageTemplate("page", [frame(LEFT)])])
    story = _story(job, opts, starts, w - LEFT - RIGHT, (h - TOP - BOTTOM) * ROW_SHARE, toc_pages)
    doc.build(story, canvasmaker=deferred_canvas(_Decorator(job, opts, starts)))
    return starts


def render_pdf(job: PrintJob, out: Path | BinaryIO, opts: ExportOptions | None = None) -> None:
    """Write ``job`` as a PDF to a path or binary stream."""
    opts = opts or ExportOptions()
    toc: dict[int, int] | None = None
    if job.booklet:
        toc = _build(job, opts, io.BytesIO(), None)
    target: BinaryIO | str = str(out) if isinstance(out, Path) else out
    _build(job, opts, target, toc)
