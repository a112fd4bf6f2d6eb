"""Roll-ups (§3.11, for the tables the seeds name without a body, §2.6): one row per
enterprise, one column per printed field of a form, labelled as in the form definition
(``display_label``: label with its year or 实施期 column). xlsx only, marked as our layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zjtx_desktop.core.export.proof import printed
from zjtx_desktop.core.forms.registry import get_form
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError

MARK = "本表格式为本程序生成，非官方模板"


def rollup(ws: Workspace, form_id: str) -> tuple[list[str], list[list[Any]]]:
    """Headers and rows: every application (not voided) that holds the form, in rank order."""
    form = get_form(form_id)
    fields = [f for f in form.fields.values() if printed(form, f)]
    headers = ["序号", "申报编号", *(f.display_label for f in fields)]
    rows: list[list[Any]] = []
    for app in ws.applications():
        if app.state == State.VOID:
            continue
        values = ws.current(app.id).data.get(form_id)
        if values is None:
            continue
        line: list[Any] = [len(rows) + 1, app.id]
        for f in fields:
            v = values.get(f.id)
            line.append(
                "、".join(map(str, v)) if isinstance(v, list) else ("" if v is None else str(v))
            )
        rows.append(line)
    if not rows:
        raise WorkspaceError(f"工作区中没有含表单 {form_id} 的申报")
    return headers, rows


def write_rollup(ws: Workspace, form_id: str, path: Path) -> int:
    from openpyxl import Workbook

    from zjtx_desktop.core.export.excel import put_text

    headers, rows = rollup(ws, form_id)
    form = get_form(form_id)
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "汇总"
    put_text(sheet.cell(row=1, column=1), f"{ws.profile.get('unit', '')} {form.title} 汇总")
    put_text(sheet.cell(row=2, column=1), MARK)
    for j, h in enumerate(headers, start=1):
        put_text(sheet.cell(row=3, column=j), h)
    for i, line in enumerate(rows, start=4):
        for j, v in enumerate(line, start=1):
            cell = sheet.cell(row=i, column=j)
            if isinstance(v, int):
                cell.value = v
            else:
                put_text(cell, v)
    sheet.freeze_panes = "C4"
    sheet.print_title_rows = "3:3"
    wb.save(path)
    return len(rows)
