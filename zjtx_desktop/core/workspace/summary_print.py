"""汇总表 as files: xlsx (editable) and PDF (for stamping), both laid out as the seed's table.

PDF: A4 landscape; the attachment mark, the title, then the header line with the unit's name
and a 42 mm seal place; the table's header row repeats on every page and no row is split
across pages; every page carries “第 x 页 共 y 页” and the table's code; cells longer than a
column allows (A41 col 3, 可另附页) print “（见附页n）” and continue on numbered pages.
xlsx: the same rows, text stored as text (never a formula), 序号 as numbers, widths from the
template, header row repeated when printed, print area set.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from zjtx_desktop.core.workspace.summary import Column, Summary

MM = 72 / 25.4
SEAL_MM = 42


def _centred(c: Column) -> bool:
    """序号, a letter or 是/否 sit in the middle of their cell."""
    return c.source == "rank" or bool(c.options) or c.source.startswith("part6:")


def _version_text(s: Summary) -> str:
    return f"第{s.version}版" if s.version else "未定稿"


def _code_text(s: Summary) -> str:
    c = s.code
    return f"汇总表校验码 {c[:4]} {c[4:8]} {c[8:]}（{_version_text(s)}）"


def _cells(s: Summary) -> list[list[str]]:
    """Cell texts as printed: attached texts replaced by their 附页 reference."""
    attached = {(label, text): n for n, label, text in s.attachments()}
    out = []
    for row in s.rows:
        line = []
        for c in s.template.columns:
            text = row.get(c.id, "")
            n = attached.get((row.get("platform") or row.get("name", ""), text))
            line.append(f"（见附页{n}）" if n and c.attach_over else text)
        out.append(line)
    return out


# --- PDF ------------------------------------------------------------------------------


def write_pdf(s: Summary, path: Path) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (
        BaseDocTemplate,
        Flowable,
        Frame,
        PageBreak,
        PageTemplate,
        Spacer,
    )
    from reportlab.platypus import Table as RLTable

    from zjtx_desktop.core.export import fonts
    from zjtx_desktop.core.export.pdf_blocks import para
    from zjtx_desktop.core.export.pdf_pages import deferred_canvas, page_footer

    fonts.register()
    w, h = landscape(A4)
    left = right = 15 * MM
    top, bottom = 15 * MM, 18 * MM
    width = w - left - right

    class SealPlace(Flowable):
        """A dashed 42 mm circle where the unit's seal goes."""

        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            return (SEAL_MM + 2) * MM, (SEAL_MM + 2) * MM

        def draw(self) -> None:
            c = self.canv
            r = SEAL_MM * MM / 2
            c.saveState()
            c.setDash(3, 3)
            c.setStrokeGray(0.55)
            c.circle(r + MM, r + MM, r)
            c.setFillGray(0.55)
            c.setFont(fonts.MAIN, 9)
            c.drawCentredString(r + MM, r + MM - 3, "盖章处")
            c.restoreState()

    story: list[Any] = [para(s.template.attachment, "mark", bold=True),
                        para(s.title, "title", bold=True), Spacer(1, 2 * MM)]  # fmt: skip
    header = RLTable(
        [[para(f"{s.template.header_line}{s.unit}", "body"), SealPlace()]],
        colWidths=[width - (SEAL_MM + 4) * MM, (SEAL_MM + 4) * MM],
        style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
        hAlign="LEFT",
    )
    story += [header, Spacer(1, 2 * MM)]
    total_w = sum(c.width for c in s.template.columns)
    widths = [width * c.width / total_w for c in s.template.columns]
    data: list[list[Any]] = [[para(c.header, "cell_c", bold=True) for c in s.template.columns]]
    for line in _cells(s):
        data.append([para(t, "cell_c" if _centred(c) else "cell")
                     for c, t in zip(s.template.columns, line, strict=True)])  # fmt: skip
    if len(data) == 1:
        data.append([para("", "cell") for _c in s.template.columns])
    table = RLTable(
        data,
        colWidths=widths,
        repeatRows=1,
        splitInRow=0,  # a row is never split across pages
        style=[
            ("GRID", (0, 0), (-1, -1), 0.6, "black"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 0), "#EEEEEE"),
        ],
    )
    story.append(table)
    for note in s.template.notes:
        story.append(para(note, "note"))
    for n, label, text in s.attachments():
        story += [PageBreak(), para(f"附页{n}", "heading", bold=True),
                  para(f"{label}：{text}", "body")]  # fmt: skip

    def decorate(c: Canvas, page: int, total: int) -> None:
        page_footer(c, page, total, left_x=left, right_x=w - right, y=9 * MM,
                    left=f"{s.template.id} {s.unit}", right=_code_text(s))  # fmt: skip

    doc = BaseDocTemplate(
        str(path), pagesize=(w, h), leftMargin=left, rightMargin=right, topMargin=top,
        bottomMargin=bottom, title=s.title, author="ZJTX Desktop", subject=s.sha256,
        initialFontName=fonts.MAIN,
    )  # fmt: skip
    frame = Frame(left, bottom, width, h - top - bottom, id="body", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
    doc.addPageTemplates([PageTemplate("page", [frame])])
    doc.build(story, canvasmaker=deferred_canvas(decorate))


# --- xlsx -----------------------------------------------------------------------------


def write_xlsx(s: Summary, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    from zjtx_desktop.core.export.excel import put_text

    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = s.template.id
    cols = s.template.columns
    n = len(cols)
    last = get_column_letter(n)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    put_text(sheet.cell(row=1, column=1), s.template.attachment)
    sheet.cell(row=1, column=1).font = Font(name="黑体", size=14)
    put_text(sheet.cell(row=2, column=1), s.title)
    sheet.cell(row=2, column=1).font = Font(name="黑体", size=16)
    sheet.cell(row=2, column=1).alignment = centre
    sheet.merge_cells(f"A2:{last}2")
    put_text(sheet.cell(row=3, column=1), f"{s.template.header_line}{s.unit}")
    sheet.merge_cells(f"A3:{last}3")
    total_w = sum(c.width for c in cols)
    units = [max(6.0, 150 * c.width / total_w) for c in cols]
    for j, c in enumerate(cols, start=1):
        cell = sheet.cell(row=4, column=j)
        put_text(cell, c.header)
        cell.font = Font(name="宋体", bold=True)
        cell.alignment = centre
        cell.border = box
        sheet.column_dimensions[get_column_letter(j)].width = units[j - 1]
    sheet.row_dimensions[4].height = _height([c.header for c in cols], units)
    for i, line in enumerate(_cells(s), start=5):
        for j, (c, text) in enumerate(zip(cols, line, strict=True), start=1):
            cell = sheet.cell(row=i, column=j)
            if c.source == "rank" and text.isdigit():
                cell.value = int(text)  # numbers stay numbers
                cell.alignment = centre
            else:
                put_text(cell, text)
                cell.alignment = wrap
            cell.border = box
        sheet.row_dimensions[i].height = _height(line, units)
    end = 4 + len(s.rows)
    for k, note in enumerate(s.template.notes, start=end + 1):
        put_text(sheet.cell(row=k, column=1), note)
        sheet.merge_cells(f"A{k}:{last}{k}")
        sheet.cell(row=k, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[k].height = _height([note], [sum(units)])
    extra = end + len(s.template.notes)
    for k, (num, label, text) in enumerate(s.attachments(), start=extra + 2):
        put_text(sheet.cell(row=k, column=1), f"附页{num}　{label}：{text}")
        sheet.merge_cells(f"A{k}:{last}{k}")
        sheet.cell(row=k, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[k].height = min(400.0, _height([text], [sum(units)]))
    sheet.print_title_rows = "4:4"
    sheet.print_area = f"A1:{last}{max(extra, 4)}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    footer = sheet.oddFooter
    assert footer is not None and footer.center is not None and footer.right is not None
    footer.center.text = "第 &P 页 共 &N 页"
    footer.right.text = _code_text(s)
    wb.properties.title = s.title
    wb.properties.subject = s.sha256
    wb.save(path)


def _height(texts: list[str], units: list[float]) -> float:
    lines = 1
    for t, u in zip(texts, units, strict=True):
        per = max(1.0, u / 2.05)  # a Han character is about two width units
        lines = max(lines, sum(max(1, math.ceil(len(p) / per)) for p in t.split("\n")))
    return min(400.0, 15.0 * lines + 4)


def write(s: Summary, path: Path) -> None:
    if path.suffix.lower() == ".pdf":
        write_pdf(s, path)
    elif path.suffix.lower() == ".xlsx":
        write_xlsx(s, path)
    else:
        raise ValueError(f"汇总表只能导出为 .xlsx 或 .pdf：{path}")
