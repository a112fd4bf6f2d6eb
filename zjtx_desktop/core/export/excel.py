"""Excel export with openpyxl: each form as an editable sheet laid out as the official table.

Sheet columns are the union of the column boundaries of the form's tables, so a one-table form
(基本情况表, 目标表) gets exactly its own columns and every merged cell of the template. Numbers
are stored as numbers with a number format (the unit, when the label does not print it, is part
of the format); every string is stored as text, so nothing a user typed (“=1+1”, “+86…”,
“@x”) can become a formula. A4 portrait, fitted to the page width, header row repeated, footer
with 第 &P 页 共 &N 页 and the digest; drafts say 草稿 in the page header.
"""

from __future__ import annotations

import io
import math
import re
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.drawing.image import Image as XImage
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from zjtx_desktop.core.export.fingerprint import TOC_NOTE, signature_line, toc_line
from zjtx_desktop.core.export.model import (
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

SONG, HEI = "宋体", "黑体"
TOTAL_WIDTH = 92.0  # column-width units across the printable A4 width
LINE_PT = 14.5
MAX_ROW_PT = 400.0  # Excel's limit is 409
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FORMULA_START = ("=", "+", "-", "@")
# A 10.5 pt Han character is two column-width units (Calibri's 7 px digit); a little more, as
# a cell's padding and the line-breaking rules (no “，” at a line start) leave part of each
# line empty: under 2.2 LibreOffice cut the last line of a full 300-字 cell (Carlito metrics)
HAN_UNITS = 2.2


def put_text(cell: Any, text: str) -> None:
    """Store ``text`` as a string, never as a formula."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True


def _lines(text: str, width_units: float) -> int:
    per_line = max(1.0, width_units / HAN_UNITS)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _chunks(text: str, width_units: float, max_lines: int) -> list[str]:
    per_line = max(1, int(width_units / HAN_UNITS))
    size = per_line * max_lines
    out: list[str] = []
    buf = ""
    for part in text.split("\n"):
        piece = part + "\n"
        while len(buf) + len(piece) > size:
            room = size - len(buf)
            out.append(buf + piece[:room])
            buf, piece = "", piece[room:]
        buf += piece
    if buf.strip():
        out.append(buf)
    return [c.rstrip("\n") for c in out] or [""]


class _Sheet:
    def __init__(self, ws: Worksheet, blocks: list[Block], fingerprint: str = "") -> None:
        self.fingerprint = fingerprint  # the signing certificate's, under 法定代表人（签名）
        self.ws = ws
        self.row = 1
        cuts = {0.0, 1.0}
        for b in blocks:
            if isinstance(b, Table):
                acc = 0.0
                for w in b.widths:
                    acc += w
                    cuts.add(round(acc, 3))
        self.cuts = sorted(cuts)
        self.ncols = len(self.cuts) - 1
        for i in range(self.ncols):
            width = (self.cuts[i + 1] - self.cuts[i]) * TOTAL_WIDTH
            ws.column_dimensions[get_column_letter(i + 1)].width = width
        self.header_rows: tuple[int, int] | None = None
        # Excel repeats one block of rows on every page: only a one-table sheet's header
        self.one_table = sum(isinstance(b, Table) for b in blocks) == 1
        # Pagination (Excel has no keep-with-next): rows a page may not start with — a seal
        # line, a heading's next row, the QR — and rows that must start one (PageBreak)
        self.glued: set[int] = set()
        self.forced: set[int] = set()
        self.glue_next = False  # the next row stays with the one just written (a heading)
        self.force_next = False
        self.chain: int | None = None  # first row that goes with the next signature places
        self.after_table = False  # the rows just written are a table and the notes under it

    def begin(self, r: int) -> None:
        """Row ``r`` starts a block: a pending heading or page break applies to it."""
        if self.glue_next:
            self.glued.add(r)
        if self.force_next:
            self.forced.add(r)
        self.glue_next = self.force_next = False

    def glue(self, first: int, last: int) -> None:
        """Rows ``first``..``last`` print on one page."""
        self.glued.update(range(first + 1, last + 1))

    def col(self, frac: float) -> int:
        target = round(frac, 3)
        return min(range(len(self.cuts)), key=lambda i: abs(self.cuts[i] - target)) + 1

    def units(self, c1: int, c2: int) -> float:
        return (self.cuts[c2 - 1] - self.cuts[c1 - 1]) * TOTAL_WIDTH

    def merged(
        self,
        r: int,
        c1: int,
        c2: int,
        text: str,
        font: Font,
        align: Alignment,
        r2: int | None = None,
        border: bool = False,
    ) -> Any:
        r2 = r2 or r
        cell = self.ws.cell(r, c1)
        put_text(cell, text)
        cell.font = font
        cell.alignment = align
        if c2 - 1 > c1 or r2 > r:
            self.ws.merge_cells(start_row=r, start_column=c1, end_row=r2, end_column=c2 - 1)
        if border:
            for rr in range(r, r2 + 1):
                for cc in range(c1, c2):
                    self.ws.cell(rr, cc).border = BOX
        return cell

    def line(self, text: str, font: Font, align: str = "left", height: float | None = None) -> None:
        al = Alignment(horizontal=align, vertical="top" if height else "center", wrap_text=True)
        self.begin(self.row)
        self.merged(self.row, 1, self.ncols + 1, text, font, al)
        size = float(font.sz or 11)
        lines = _lines(text, TOTAL_WIDTH * 10.5 / size)
        self.ws.row_dimensions[self.row].height = height or max(18.0, lines * size * 1.45)
        self.row += 1

    def text(self, t: Text) -> None:
        size = {"title": 16, "mark": 12, "heading": 12, "subtitle": 11}.get(t.style, 10)
        bold = t.style in ("title", "mark", "heading")
        font = Font(name=HEI if bold else SONG, size=size)
        row = self.row
        self.line(t.text, font, "center" if t.style in ("title", "subtitle") else t.align)
        # as the PDF: the 真实性声明 and its heading stay with the signature places after them
        # and with the end of the table before them (004 L1376-1382); a heading with its next row
        if t.style in ("declaration", "heading"):
            self.chain = row if self.chain is None else self.chain
        else:
            self.chain = None
        if t.style in ("note", "instruction") and self.after_table:
            self.glued.add(row)  # the 注 lines under a table stay with its last row
        self.after_table = t.style in ("note", "instruction") and self.after_table
        self.glue_next = t.style in ("heading", "mark", "title", "subtitle")

    def places(self, b: Places) -> None:
        items: list[str] = [  # labels verbatim, no added colons
            p.text + ("\n\n\n" + signature_line(self.fingerprint) if self._signs(p) else "")
            for p in b.places
        ]
        if b.between and len(items) >= 2:
            items.insert(1, b.between)
        seal = any(p.kind == "seal" for p in b.places)
        self.begin(self.row)
        if b.position == "header":
            self.glue_next = True  # the seals above a table go with its heading row
        else:  # never a seal or signature line alone on a page
            self.glue(self.chain if self.chain is not None else self.row - 1, self.row)
        self.chain = None
        self.after_table = False
        bounds = [1 + round(i * self.ncols / len(items)) for i in range(len(items) + 1)]
        for i, text in enumerate(items):
            al = Alignment(horizontal="left", vertical="top", wrap_text=True)
            self.merged(
                self.row,
                bounds[i],
                max(bounds[i + 1], bounds[i] + 1),
                text,
                Font(name=SONG, size=11),
                al,
            )
        self.ws.row_dimensions[self.row].height = 125 if seal else 40  # 44 mm for a seal
        self.row += 1

    def _signs(self, p: Any) -> bool:
        return bool(self.fingerprint) and p.kind == "signature"

    def cover(self, c: Cover) -> None:
        if c.mark:
            self.line(c.mark, Font(name=HEI, size=12))
        for t in c.title_lines:
            self.line(t, Font(name=HEI, size=20), "center", 60)
        for ln in c.lines:
            text = f"{ln.label}\u3000{ln.value}" if ln.value else ln.label  # no added colon
            self.line(text, Font(name=SONG, size=14), "center", 50 if ln.seal else 30)
        if c.footer:
            self.line(c.footer, Font(name=HEI, size=14), "center", 40)

    def table(self, t: Table) -> None:
        starts = [0.0]
        for w in t.widths:
            starts.append(starts[-1] + w)
        for placed, row in zip(place_cells(t), t.rows, strict=True):
            first = self.row
            self.begin(first)
            if row.header:
                self.glue_next = True  # a heading row is never alone at a page foot
            extra_rows = 0
            height = 18.0
            for col, c in placed:
                c1, c2 = self.col(starts[col]), self.col(starts[col + c.colspan])
                units = self.units(c1, c2)
                pieces = [c.text]
                if c.long and c.rowspan == 1:
                    pieces = _chunks(c.text, units, int(MAX_ROW_PT / LINE_PT) - 1)
                for k, piece in enumerate(pieces):
                    self._cell(first + k, c1, c2, c, piece, k)
                    height_k = _lines(piece, units) * LINE_PT + 6
                    if k == 0:
                        height = max(height, height_k)
                    else:
                        dim = self.ws.row_dimensions[first + k]
                        dim.height = min(MAX_ROW_PT, max(dim.height or 18.0, height_k))
                extra_rows = max(extra_rows, len(pieces) - 1)
                if c.rowspan > 1:
                    self.ws.merge_cells(
                        start_row=first,
                        start_column=c1,
                        end_row=first + c.rowspan - 1,
                        end_column=c2 - 1,
                    )
            for k in range(1, extra_rows + 1):  # continuation rows: label cells read （续）
                for col, c in placed:
                    c1 = self.col(starts[col])
                    cell = self.ws.cell(first + k, c1)
                    if cell.value is None:
                        c2 = self.col(starts[col + c.colspan])
                        cont = Cell("（续）" if c.kind == "label" else "", c.kind)
                        self._cell(first + k, c1, c2, cont, cont.text, 0)
            lines = max((c.write_lines for _, c in placed), default=0)
            height = max(height, lines * LINE_PT + 6)  # a blank form: room to write by hand
            self.ws.row_dimensions[first].height = min(MAX_ROW_PT, height)
            if row.header and self.one_table:
                self.header_rows = (self.header_rows or (first, first))[0], first
            self.row = first + 1 + extra_rows
            self.chain = first  # the table's last row goes with a declaration after it
        self.glued.add(self.row)  # the blank row after the table stays with it
        self.after_table = True
        self.row += 1

    def _cell(self, r: int, c1: int, c2: int, c: Cell, text: str, piece: int) -> None:
        centred = c.kind in ("label", "header", "group", "fixed") or c.center
        al = Alignment(
            horizontal="center" if centred else "left",
            vertical="top" if c.long else "center",
            wrap_text=True,
        )
        font = Font(name=HEI if c.kind == "header" else SONG, size=10.5)
        cell = self.merged(r, c1, c2, text, font, al, border=True)
        if c.number is not None and piece == 0:
            cell.value = c.number  # a date gets openpyxl's date type, numbers "n"
            if not isinstance(c.number, date):
                cell.data_type = "n"
            cell.number_format = c.number_format or "General"


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "", title)[:28] or "表"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:26]}{n}", n + 1
    used.add(name)
    return name


def _page_setup(ws: Worksheet, sheet: _Sheet, proof: Proof, draft: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left, ws.page_margins.right = 0.9, 0.6
    ws.page_margins.top, ws.page_margins.bottom = 0.7, 0.9
    ws.print_area = f"A1:{get_column_letter(sheet.ncols)}{max(1, sheet.row - 1)}"
    if sheet.header_rows:
        ws.print_title_rows = f"{sheet.header_rows[0]}:{sheet.header_rows[1]}"
    for r in page_starts(ws, sheet)[1:]:
        ws.row_breaks.append(Break(id=r - 1))  # a manual break after row r - 1
    footer, header = ws.oddFooter, ws.oddHeader
    assert footer is not None and header is not None
    # One centred line: a left part as long as the 校验码 line ran under a centred 第x页共y页
    # in LibreOffice's print (and a line break prints as “_x000a_” there). Typed text is
    # escaped: “&” starts a code.
    footer.center.text = f"{hf_escape(footer_text(proof))}　第 &P 页 共 &N 页"
    footer.center.size = 8
    if draft:
        header.center.text = "草稿（尚有未解决的问题）"
        header.center.size = 14


PAGE_W_PT, PAGE_H_PT = 595.3, 841.9  # A4
MARGINS_PT = (0.9 + 0.6) * 72, (0.7 + 0.9) * 72  # left + right, top + bottom (_page_setup)
DEFAULT_ROW_PT = 15.0
PAGE_FILL = 0.94  # of the page's height: room for the spreadsheet's own rounding


def page_starts(ws: Worksheet, sheet: _Sheet) -> list[int]:
    """The first row of each printed page. Every page is ended by a manual break where our
    reckoning ends it (fitted to the width, a row's points shrink by the same scale), so the
    spreadsheet cannot break elsewhere; a break that would leave a glued row at the top of a
    page moves up to the start of its block — the seal line goes over with its declaration."""
    width_pt = sum(_col_px(sheet.units(c, c + 1)) for c in range(1, sheet.ncols + 1)) * 0.75
    scale = min(1.0, (PAGE_W_PT - MARGINS_PT[0]) / max(1.0, width_pt))
    room = (PAGE_H_PT - MARGINS_PT[1]) * PAGE_FILL / scale

    def height(r: int) -> float:
        return ws.row_dimensions[r].height or DEFAULT_ROW_PT

    titles = 0.0
    if sheet.header_rows:
        titles = sum(height(r) for r in range(sheet.header_rows[0], sheet.header_rows[1] + 1))
    starts = [1]
    used, r = 0.0, 1
    while r < sheet.row:
        h = height(r)
        if r > starts[-1] and (r in sheet.forced or used + h > room):
            start = r
            if r not in sheet.forced:
                while start in sheet.glued and start - 1 > starts[-1]:
                    start -= 1
                if start in sheet.glued:
                    start = r  # a block taller than a page: break where it must
            starts.append(start)
            repeated = sheet.header_rows is not None and start > sheet.header_rows[1]
            used, r = (titles if repeated else 0.0), start
            continue
        used += h
        r += 1
    return starts


def hf_escape(text: str) -> str:
    """Text for an Excel header/footer: a literal “&” is written “&&”."""
    return text.replace("&", "&&")


QR_PX = 130  # ≈ 34 mm on screen; printed fitted to the page width, still ≥ 25 mm


def _qr(ws: Worksheet, sheet: _Sheet, proof: Proof) -> None:
    """The QR code in its own row at the right, inside the print area: anchored in the
    column from which the remaining columns are at least as wide as the image."""
    if not proof.sha256:
        return  # a blank form proves nothing
    img = XImage(io.BytesIO(qr_png(proof.qr_text, scale=4)))
    img.width = img.height = QR_PX
    col, room = sheet.ncols, 0.0
    while col > 1:
        room += _col_px(sheet.units(col, col + 1))
        if room >= QR_PX + 4:
            break
        col -= 1
    sheet.glued.add(sheet.row)  # the QR never alone on a last page
    ws.add_image(img, f"{get_column_letter(col)}{sheet.row}")
    ws.row_dimensions[sheet.row].height = QR_PX * 0.75 + 6  # points: 96 dpi pixels × 0.75
    sheet.row += 1


def _col_px(units: float) -> float:
    return units * 7 + 5  # Excel's column width units → pixels (Calibri 11 digit width)


def _fill(
    ws: Worksheet, blocks: list[Block], proof: Proof, draft: bool, fingerprint: str = ""
) -> None:
    sheet = _Sheet(ws, blocks, fingerprint)
    for b in blocks:
        if isinstance(b, Table):
            sheet.table(b)
        elif isinstance(b, Text):
            sheet.text(b)
        elif isinstance(b, Places):
            sheet.places(b)
        elif isinstance(b, Cover):
            sheet.cover(b)
        elif isinstance(b, PageBreak):
            sheet.force_next = True  # the recommender's part starts a page, as in the PDF
            sheet.chain = None
    _qr(ws, sheet, proof)
    _page_setup(ws, sheet, proof, draft)


def _toc_sheet(ws: Worksheet, job: PrintJob, used: set[str]) -> None:
    """The booklet's 目录: one line per form, linked to its sheet (the names the sheets get)."""
    names = set(used)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 8, 70
    put_text(ws.cell(1, 1), job.title)
    put_text(ws.cell(2, 1), "目　录")
    for c, head in ((1, "序号"), (2, "材料名称")):
        put_text(ws.cell(3, c), head)
        ws.cell(3, c).font = Font(name=HEI, size=11)
    for i, form in enumerate(job.forms):
        title = form.short_title or form.title
        sheet = _sheet_title(title, names)
        put_text(ws.cell(4 + i, 1), str(i + 1))
        cell = ws.cell(4 + i, 2)
        put_text(cell, title)
        cell.hyperlink = f"#'{sheet}'!A1"
    for row in ws.iter_rows(min_row=3, max_row=3 + len(job.forms), max_col=2):
        for cell in row:
            cell.border = BOX
    if job.signer_fingerprint:  # as the PDF's 目录 page
        last = 3 + len(job.forms)
        put_text(ws.cell(last + 2, 1), toc_line(job.signer_fingerprint))
        put_text(ws.cell(last + 3, 1), TOC_NOTE)


def render_xlsx(job: PrintJob, out: Path | Any, opts: ExportOptions | None = None) -> None:
    """Write ``job`` as an .xlsx workbook (one sheet per form) to a path or binary stream."""
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    used: set[str] = set()
    if job.booklet:
        _toc_sheet(wb.create_sheet(_sheet_title("目录", used)), job, used)
    for form in job.forms:
        ws = wb.create_sheet(_sheet_title(form.short_title or form.title, used))
        fingerprint = (opts or ExportOptions()).signer_fingerprint
        _fill(ws, form.blocks, form.proof, job.draft, fingerprint)
    if job.closing:
        ws = wb.create_sheet(_sheet_title("未解决的问题与填报说明", used))
        _fill(ws, job.closing, job.proof, job.draft)
    wb.properties.title = job.title
    wb.properties.subject = job.proof.qr_text
    wb.properties.creator = "ZJTX Desktop"
    wb.save(str(out) if isinstance(out, Path) else out)
