"""初核记录单 as files: PDF (A4 portrait, to sign and file) and xlsx (the same rows).

PDF: title, the application's facts, one ruled table per section (header row repeated when a
table runs over a page, no row split), the note on the advice, then the 初核人/复核人 signature
and date lines kept together on one page; every page's footer names the enterprise, counts
the pages and carries the 记录单校验码.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from zjtx_desktop.core.workspace.check_record import (
    DATE_LINE,
    SIGNATURES,
    CheckRecord,
    build_record,
)
from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError

MM = 72 / 25.4


def write_pdf(rec: CheckRecord, path: Path, printed: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table

    from zjtx_desktop.core.export import fonts
    from zjtx_desktop.core.export.pdf_blocks import para
    from zjtx_desktop.core.export.pdf_pages import deferred_canvas, page_footer

    fonts.register()
    w, _h = A4
    left = right = 18 * MM
    width = w - left - right
    ruled: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.6, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    story: list[Any] = [
        para(rec.title, "title", bold=True),
        para(f"打印时间：{printed}", "small"),
        Spacer(1, 2 * MM),
        Table(
            [[para(k, "cell", bold=True), para(v, "cell")] for k, v in rec.facts],
            colWidths=[width * 0.25, width * 0.75],
            style=ruled,
        ),
    ]
    for sec in rec.sections:
        story.append(para(sec.title, "heading", bold=True))
        if not sec.rows:
            story.append(para(sec.empty, "body"))
            continue
        total = sum(sec.widths)
        data = [[para(t, "cell_c", bold=True) for t in sec.headers]]
        data += [[para(t, "cell") for t in row] for row in sec.rows]
        story.append(
            Table(
                data,
                colWidths=[width * x / total for x in sec.widths],
                repeatRows=1,
                splitInRow=0,
                style=[*ruled, ("BACKGROUND", (0, 0), (-1, 0), "#EEEEEE")],
            )
        )
        if sec.note:
            story.append(para(sec.note, "note"))
    officers = "、".join(rec.officers) or "（未登记）"
    signature = [para(f"工作区登记的经办人：{officers}", "body"), Spacer(1, 6 * MM)]
    for label in SIGNATURES:
        signature += [
            Table(
                [[para(label, "body"), para(DATE_LINE, "body")]],
                colWidths=[width * 0.55, width * 0.45],
                rowHeights=[12 * MM],
            )
        ]
    story.append(KeepTogether([Spacer(1, 6 * MM), *signature]))
    enterprise = dict(rec.facts).get("企业名称", "")

    def decorate(c: Canvas, page: int, total: int) -> None:
        page_footer(c, page, total, left_x=left, right_x=w - right, y=10 * MM,
                    left=f"初核记录单 {enterprise}", right=rec.code_text)  # fmt: skip

    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=left, rightMargin=right, topMargin=16 * MM,
        bottomMargin=20 * MM, title=f"初核记录单 {enterprise}", author="ZJTX Desktop",
        subject=rec.code, initialFontName=fonts.MAIN,
    )  # fmt: skip
    doc.build(story, canvasmaker=deferred_canvas(decorate))


def write_xlsx(rec: CheckRecord, path: Path, printed: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from zjtx_desktop.core.export.excel import put_text

    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "初核记录单"
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="center")
    r = 1

    def line(cells: list[str], strong: bool = False) -> None:
        nonlocal r
        for j, text in enumerate(cells, start=1):
            cell = sheet.cell(row=r, column=j)
            put_text(cell, text)
            cell.alignment = wrap
            if strong:
                cell.font = bold
        r += 1

    line([rec.title], strong=True)
    line([f"打印时间：{printed}"])
    for k, v in rec.facts:
        line([k, v])
    for sec in rec.sections:
        r += 1
        line([sec.title], strong=True)
        line(sec.headers, strong=True)
        for row in sec.rows or [[sec.empty]]:
            line(row)
        if sec.note:
            line([sec.note])
    r += 1
    line([f"工作区登记的经办人：{'、'.join(rec.officers) or '（未登记）'}"])
    for label in SIGNATURES:
        line([label, DATE_LINE])
    line([rec.code_text])
    for col, width in zip("ABCDEFG", (28, 30, 14, 36, 10, 12, 36), strict=True):
        sheet.column_dimensions[col].width = width
    wb.save(path)


def write_record(ws: Workspace, app_id: str, path: Path) -> CheckRecord:
    """Write the record as .pdf or .xlsx and log it (with its code)."""
    rec = build_record(ws, app_id)
    suffix = Path(path).suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise WorkspaceError(f"初核记录单只能导出为 .pdf 或 .xlsx：{path}")
    printed = datetime.now().strftime("%Y-%m-%d %H:%M")
    (write_pdf if suffix == ".pdf" else write_xlsx)(rec, Path(path), printed)
    app = ws.application(app_id)
    with ws.transaction():
        ws.log("check_record", application_id=app.id, revision=app.revision, ref=rec.code,
               new=Path(path).name)  # fmt: skip
    return rec
