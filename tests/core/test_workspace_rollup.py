"""Roll-up of 50 Jilin 基本情况表 (officials.md §3.11, check H8)."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from zjtx_desktop.core.export.proof import printed
from zjtx_desktop.core.forms.registry import get_form
from zjtx_desktop.core.paths import resources_dir
from zjtx_desktop.core.workspace import inbox
from zjtx_desktop.core.workspace.rollup import MARK, write_rollup
from zjtx_desktop.core.workspace.workspace import Workspace

BASIC = "jl-zd-basic-2021b2"


def test_fifty_basic_tables_roll_up(tmp_path: Path) -> None:
    from stdnum.cn import uscc

    ws = Workspace.init(
        tmp_path / "jl.sqlite",
        unit="吉林省工业和信息化厅",
        level="省",
        programme="jl-zd-2021b2",
        officer="王五",
    )
    demo = json.loads((resources_dir() / "demo" / f"{BASIC}.json").read_text("utf-8"))
    files = []
    for i in range(50):
        body = f"91220100MA{i:06d}X"[:17]
        demo["values"]["credit_code"] = body + uscc.calc_check_digit(body)
        demo["values"]["enterprise_name"] = f"吉林省第{i + 1}号精密机械有限公司"
        p = tmp_path / f"{i}.json"
        p.write_text(json.dumps(demo, ensure_ascii=False), encoding="utf-8")
        files.append(p)
    outs = inbox.import_files(ws, files)
    assert [o.status for o in outs] == ["accepted"] * 50
    out = tmp_path / "基本情况汇总.xlsx"
    assert write_rollup(ws, BASIC, out) == 50
    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet["A2"].value == MARK
    form = get_form(BASIC)
    labels = [f.display_label for f in form.fields.values() if printed(form, f)]
    assert [c.value for c in sheet[3]] == ["序号", "申报编号", *labels]
    assert sheet.max_row == 3 + 50
    name_col = 3 + labels.index(form.fields["enterprise_name"].display_label)
    assert sheet.cell(row=4, column=name_col).value == "吉林省第1号精密机械有限公司"
