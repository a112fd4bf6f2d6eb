"""Word export with python-docx: the editable twin of the PDF, from the same print model.

A4 with the forms' margins; 宋体 for tables, 黑体 for titles and headings, 仿宋 for notes and
the 真实性声明, each named as the East Asian font (w:eastAsia); ☑ ☐ in Segoe UI Symbol. Each
form is a section whose footer carries 第 x 页 共 y 页 (fields), the application id, form version
and digest; the QR code sits at the start and the end of each form; drafts carry Word's own
草稿 watermark. Table header rows repeat on each page and rows do not split (long texts may).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt
from docx.table import _Cell, _Row

from zjtx_desktop.core.export import word_xml as x
from zjtx_desktop.core.export.fingerprint import TOC_NOTE, signature_line, toc_line
from zjtx_desktop.core.export.model import (
    BOXES,
    Block,
    Cell,
    Cover,
    ExportOptions,
    PageBreak,
    Places,
    PrintJob,
    Proof,
    Table,
    Text,
    place_cells,
)
from zjtx_desktop.core.export.proof import footer_text
from zjtx_desktop.core.export.qr import qr_png

SONG, HEI, FANG = "宋体", "黑体", "仿宋"
WIDTH_MM = 210 - 25 - 18
STYLE = {  # style → (East Asian font, size pt, alignment)
    "mark": (HEI, 14, "left"),
    "title": (HEI, 18, "center"),
    "subtitle": (SONG, 12, "center"),
    "heading": (HEI, 13, "left"),
    "note": (FANG, 10, "left"),
    "instruction": (FANG, 10.5, "left"),
    "declaration": (FANG, 14, "left"),
    "body": (SONG, 11, "left"),
    "small": (SONG, 9, "left"),
}
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def add_text(paragraph: Any, text: str, font: str, size: float) -> None:
    """Runs of ``text``: ☑ ☐ in the symbol font, line breaks as breaks, the rest in ``font``."""
    buf = ""

    def flush(symbol: bool = False) -> None:
        nonlocal buf
        if buf:
            run = paragraph.add_run(buf)
            run.font.size = Pt(size)
            if symbol:
                x.set_fonts(run._r, x.SYMBOL_FONT, x.SYMBOL_FONT)
            else:
                x.set_fonts(run._r, font)
            buf = ""

    for ch in text:
        if ch in BOXES:
            flush()
            buf = ch
            flush(symbol=True)
        elif ch == "\n":
            flush()
            paragraph.add_run().add_break(WD_BREAK.LINE)
        else:
            buf += ch
    flush()


class _Writer:
    def __init__(self, job: PrintJob, opts: ExportOptions) -> None:
        self.job = job
        self.opts = opts
        self.doc = Document()
        x.fix_cjk_defaults(self.doc, SONG)
        normal = self.doc.styles["Normal"]
        x.set_fonts(normal.element, SONG)
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(0)
        self.first_section = True

    # --- pages ----------------------------------------------------------------------------

    def section(self, proof: Proof) -> None:
        sec = (
            self.doc.sections[0]
            if self.first_section
            else self.doc.add_section(WD_SECTION.NEW_PAGE)
        )
        self.first_section = False
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.left_margin, sec.right_margin = Mm(25), Mm(18)
        sec.top_margin, sec.bottom_margin = Mm(18), Mm(22)
        sec.footer_distance = Mm(8)
        sec.footer.is_linked_to_previous = False
        foot = sec.footer.paragraphs[0]
        foot.text = ""
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_text(foot, "第 ", SONG, 10.5)
        x.add_field(foot, "PAGE", SONG)
        add_text(foot, " 页 共 ", SONG, 10.5)
        x.add_field(foot, "NUMPAGES", SONG)
        add_text(foot, " 页", SONG, 10.5)
        line = sec.footer.add_paragraph()
        add_text(line, footer_text(proof), SONG, 8)
        if self.job.draft:
            sec.header.is_linked_to_previous = False
            x.add_watermark(sec.header.paragraphs[0], "草稿", SONG)

    def qr(self, proof: Proof) -> None:
        if not proof.sha256:
            return  # a blank form proves nothing
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.add_run().add_picture(io.BytesIO(qr_png(proof.qr_text)), width=Mm(20))

    # --- blocks ---------------------------------------------------------------------------

    def blocks(self, blocks: list[Block]) -> None:
        for b in blocks:
            if isinstance(b, Table):
                self.table(b)
                self.doc.add_paragraph()
            elif isinstance(b, Text):
                self.text(b)
            elif isinstance(b, Places):
                self.places(b)
            elif isinstance(b, Cover):
                self.cover(b)
            elif isinstance(b, PageBreak):
                self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def text(self, t: Text) -> None:
        font, size, align = STYLE[t.style]
        p = self.doc.add_paragraph()
        p.alignment = ALIGN[t.align if t.align != "left" else align]
        if t.style == "declaration":
            p.paragraph_format.first_line_indent = Pt(2 * size)
        if t.style in ("title", "heading"):
            p.paragraph_format.space_after = Pt(6)
        add_text(p, t.text, font, size)

    def _cell(self, cell: Any, c: Cell) -> None:
        p = cell.paragraphs[0]
        centred = c.kind in ("label", "header", "group", "fixed") or c.center
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
        add_text(p, c.text, HEI if c.kind == "header" else SONG, 10.5)
        x.cell_valign(cell, "top" if c.long else "center")

    def table(self, t: Table) -> None:
        """The table written row by row as WordprocessingML: a spanned cell is one w:tc with
        w:gridSpan, a row span continues as w:vMerge (python-docx's cell merging re-walks
        the whole table for each merge and took seconds on the 申请书)."""
        ncols = len(t.widths)
        table = self.doc.add_table(rows=0, cols=ncols)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = [Mm(w * WIDTH_MM) for w in t.widths]
        for grid_col, w in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
            grid_col.w = w  # LibreOffice lays out by the grid, Word by the cells
        below: dict[int, tuple[int, int]] = {}  # column → (rows still covered, colspan)
        for row, placed in zip(t.rows, place_cells(t), strict=True):
            tr = OxmlElement("w:tr")
            table._tbl.append(tr)
            starts = dict(placed)
            col = 0
            while col < ncols:
                if col in starts:
                    c = starts[col]
                    tc = self._tc(tr, widths[col : col + c.colspan], c.colspan)
                    if c.rowspan > 1:
                        x.vmerge(tc, "restart")
                        below[col] = (c.rowspan - 1, c.colspan)
                    self._cell(_Cell(tc, table), c)
                    col += c.colspan
                elif col in below:
                    left, span = below[col]
                    tc = self._tc(tr, widths[col : col + span], span)
                    x.vmerge(tc, "continue")
                    if left > 1:
                        below[col] = (left - 1, span)
                    else:
                        del below[col]
                    col += span
                else:
                    self._tc(tr, widths[col : col + 1], 1)
                    col += 1
            trow = _Row(tr, table)
            lines = max((c.write_lines for c in row.cells), default=0)
            if lines:  # a blank form: room to write by hand (a line is 14 pt = 280 twips)
                x.row_height(trow, lines * 280 + 140)
            if row.header:
                x.repeat_header(trow)
            if not any(c.long and not c.whole for c in row.cells):
                x.cant_split(trow)  # a limited text (另附页无效) stays on one page too

    @staticmethod
    def _tc(tr: Any, widths: list[Any], span: int) -> Any:
        tc = OxmlElement("w:tc")
        tr.append(tc)
        tc_pr = tc.get_or_add_tcPr()
        tc_pr.width = sum(widths, Mm(0))
        if span > 1:
            tc_pr.grid_span = span
        tc.append(OxmlElement("w:p"))
        return tc

    def places(self, b: Places) -> None:
        items: list[Any] = list(b.places)
        if b.between and len(items) >= 2:
            items.insert(1, b.between)
        table = self.doc.add_table(rows=1, cols=len(items))
        x.no_borders(table)
        row = table.rows[0]
        if any(getattr(it, "kind", "") == "seal" for it in items):
            x.row_height(row, int(44 / 25.4 * 1440))  # room for a 42 mm seal
        x.cant_split(row)
        for cell, it in zip(row.cells, items, strict=True):
            p = cell.paragraphs[0]
            if isinstance(it, str):
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                add_text(p, it, SONG, 11)
                continue
            if it.kind == "date":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                text = it.label if "年" in it.label else f"{it.label}　　　　年　　月　　日"
                add_text(p, text, FANG, 12)
            elif it.kind == "signature":
                add_text(p, it.label, FANG, 12)
                if self.opts.signature_image is not None:
                    p.add_run().add_picture(str(self.opts.signature_image), height=Mm(12))
                if self.opts.signature_name:
                    add_text(p, self.opts.signature_name, FANG, 12)
                add_text(cell.add_paragraph(), "＿" * 10, SONG, 12)
                if self.opts.signer_fingerprint:  # as the PDF: the paper vouches for the key
                    add_text(cell.add_paragraph(), signature_line(self.opts.signer_fingerprint),
                             SONG, 9)  # fmt: skip
            else:
                add_text(p, it.text, FANG, 12)
        self.doc.add_paragraph()

    def cover(self, c: Cover) -> None:
        if c.mark:
            self.text(Text(c.mark, "mark"))
        for _ in range(6):
            self.doc.add_paragraph()
        for line in c.title_lines:
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            add_text(p, line, HEI, 26)
        for _ in range(6):
            self.doc.add_paragraph()
        table = self.doc.add_table(rows=len(c.lines), cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        x.no_borders(table)
        for row, ln in zip(table.rows, c.lines, strict=True):
            x.row_height(row, int((16 if ln.seal else 12) / 25.4 * 1440))
            row.cells[0].width, row.cells[1].width = Mm(55), Mm(85)
            p = row.cells[0].paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            add_text(p, ln.label, FANG, 16)  # as printed (004 L1038-1042): no colon
            add_text(row.cells[1].paragraphs[0], ln.value, FANG, 16)
            x.bottom_border(row.cells[1])
            x.cell_valign(row.cells[0], "bottom")
            x.cell_valign(row.cells[1], "bottom")
        if c.footer:
            for _ in range(5):
                self.doc.add_paragraph()
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            add_text(p, c.footer, HEI, 16)

    def toc(self) -> None:
        """The booklet's 目录: each form's page number is a PAGEREF field to a bookmark at
        the form's start, so Word and LibreOffice number it in their own layout."""
        self.section(self.job.proof)
        self.text(Text(self.job.title, "title", "center"))
        self.text(Text("目　录", "title", "center"))
        titles = [f.short_title or f.title for f in self.job.forms]
        table = self.doc.add_table(rows=0, cols=3)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for grid_col, w in zip(table._tbl.tblGrid.gridCol_lst, (15, 120, 25), strict=True):
            grid_col.w = Mm(w)  # LibreOffice lays out by the grid
        for i, title in enumerate(["材料名称", *titles]):
            row = table.add_row()
            cells = row.cells
            for cell, w in zip(cells, (15, 120, 25), strict=True):
                cell.width = Mm(w)
            add_text(cells[0].paragraphs[0], "序号" if i == 0 else str(i), SONG, 11)
            add_text(cells[1].paragraphs[0], title, HEI if i == 0 else SONG, 11)
            if i == 0:
                add_text(cells[2].paragraphs[0], "页码", HEI, 11)
            else:
                x.add_field(cells[2].paragraphs[0], f"PAGEREF zjtx_form_{i} \\h", SONG)
        if self.job.signer_fingerprint:  # as the PDF's 目录 page
            self.text(Text(toc_line(self.job.signer_fingerprint), "body"))
            self.text(Text(TOC_NOTE, "note"))

    # --- document -------------------------------------------------------------------------

    def write(self) -> Any:
        if self.opts.duplex:  # 双面: left/right margins become inside/outside (mirrored)
            self.doc.settings.element.append(OxmlElement("w:mirrorMargins"))
        props = self.doc.core_properties
        props.title = self.job.title
        props.subject = self.job.proof.qr_text
        props.author = "ZJTX Desktop"
        if self.job.booklet:
            self.toc()
        for i, form in enumerate(self.job.forms):
            self.section(form.proof)
            if self.job.booklet:
                x.bookmark(self.doc.add_paragraph(), i, f"zjtx_form_{i + 1}")
            self.qr(form.proof)
            self.blocks(form.blocks)
            self.qr(form.proof)
        if self.job.closing:
            self.section(self.job.proof)
            self.blocks(self.job.closing)
            self.qr(self.job.proof)
        return self.doc


def render_docx(job: PrintJob, out: Path | Any, opts: ExportOptions | None = None) -> None:
    """Write ``job`` as a .docx to a path or binary stream."""
    doc = _Writer(job, opts or ExportOptions()).write()
    doc.save(str(out) if isinstance(out, Path) else out)
