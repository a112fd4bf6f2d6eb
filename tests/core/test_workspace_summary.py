"""汇总表 (officials.md §2, §3.11, checks H1–H4, H6, H7, Q2): verbatim templates, rows from the
workspace, the official's columns within their limits, xlsx and PDF read back, 定稿 versions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from tests.core.workspace_helpers import recommend, with_fixtures
from zjtx_desktop.cli import main
from zjtx_desktop.core.workspace import summary
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.summary_print import write_pdf, write_xlsx
from zjtx_desktop.core.workspace.workspace import WorkspaceError

# officials.md §2.1, copied from the seed (004 L1495-1539)
A6_HEADERS = [
    "序号",
    "企业名称",
    "主导产品名称（拟对外发布）",
    "是否省级“专精特新”中小企业（拥有省级“专精特新”产品）",
    "所属分类（填写附件1“六初核推荐”中“分类指标（3选1）”的字母序号）",
]
A6_NOTE = (
    "省级“专精特新”中小企业（产品）包括：各省级中小企业主管部门培育认定的“专精特新”中小企业"
    "（产品）、省级专精特新“小巨人”企业、“小巨人”企业、高成长中小企业、成长型中小企业、"
    "“隐形冠军”（不含制造业单项冠军）等。"
)


@pytest.fixture
def five(tmp_path: Path) -> tuple[Any, dict[str, str]]:
    ws, ids = with_fixtures(tmp_path, ["E01", "E02", "E03", "E04", "E05"])
    recommend(ws, ids["E01"], "a")
    recommend(ws, ids["E04"], "b")
    recommend(ws, ids["E05"], "b")
    return ws, ids


def test_a6_xlsx_headers_rows_and_note_verbatim(five: Any, tmp_path: Path) -> None:
    ws, ids = five
    ws.move(ids["E05"], 1)
    out = tmp_path / "A6.xlsx"
    write_xlsx(summary.build(ws, "A6"), out)
    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet["A1"].value == "附件3："
    assert sheet["A2"].value == "推荐第三批专精特新“小巨人”企业汇总表"
    assert sheet["A3"].value == "省级中小企业主管部门（盖章）：长春市工业和信息化局"
    assert [c.value for c in sheet[4]] == A6_HEADERS
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=5, max_row=7)]
    assert [(r[0], r[1], r[4]) for r in rows] == [
        (1, "辽源金川新材料有限公司", "b"),
        (2, "吉林省恒锐精密机床有限公司", "a"),
        (3, "四平宏达液压件有限公司", "b"),
    ]  # 拟推荐 only, in rank order; col 5 is part 六's review_class
    assert rows[1][2] == "五轴联动数控加工中心（型号01）"
    assert sheet["A8"].value == "说明："
    assert sheet["A9"].value == A6_NOTE
    assert sheet.print_title_rows == "$4:$4"


def test_moving_rank_renumbers_the_next_table(five: Any) -> None:
    ws, ids = five
    before = [r["name"] for r in summary.build(ws, "A6").rows]
    assert before[2] == "辽源金川新材料有限公司"
    ws.move(ids["E05"], 1)
    after = summary.build(ws, "A6").rows
    assert [(r["seq"], r["name"]) for r in after][:2] == [
        ("1", "辽源金川新材料有限公司"),
        ("2", "吉林省恒锐精密机床有限公司"),
    ]


def _long_a6(ws: Any, n: int = 60) -> summary.Summary:
    s = summary.build(ws, "A6")
    base = s.rows[0]
    rows = []
    for i in range(1, n + 1):
        product = f"行{i:02d}开始" + "五轴联动数控加工中心精密转台" * 21 + f"行{i:02d}结束"
        rows.append(dict(base, seq=str(i), name=f"测试企业{i:02d}有限公司", product=product))
    return summary.Summary(s.template, s.title, s.unit, rows, [f"k{i}" for i in range(n)])


def _pages(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [
            pdf[i].get_textpage().get_text_range().replace("\r", "").replace("\n", "")
            for i in range(len(pdf))
        ]
    finally:
        pdf.close()


def test_a6_pdf_long_rows_header_on_every_page_no_row_split(five: Any, tmp_path: Path) -> None:
    ws, _ids = five
    s = _long_a6(ws)
    assert len(s.rows[0]["product"]) >= 300
    out = tmp_path / "A6.pdf"
    write_pdf(s, out)
    pages = _pages(out)
    assert len(pages) > 3
    squeeze = [p.replace(" ", "") for p in pages]
    for i, text in enumerate(squeeze, start=1):
        assert "主导产品名称（拟对外发布）" in text and "序号" in text, i
        assert f"第{i}页共{len(pages)}页" in text
        assert f"汇总表校验码{s.code}" in text
    for i in range(1, 61):
        starts = [k for k, t in enumerate(squeeze) if f"行{i:02d}开始" in t]
        ends = [k for k, t in enumerate(squeeze) if f"行{i:02d}结束" in t]
        assert len(starts) == 1 and starts == ends, f"row {i} split or missing"
    assert squeeze[0].index("省级中小企业主管部门（盖章）：长春市工业和信息化局") < squeeze[
        0
    ].index("盖章处")


def test_a6_pdf_page_is_a4_landscape(five: Any, tmp_path: Path) -> None:
    ws, _ids = five
    out = tmp_path / "A6.pdf"
    write_pdf(summary.build(ws, "A6"), out)
    pdf = pdfium.PdfDocument(str(out))
    w, h = pdf[0].get_size()
    pdf.close()
    assert (round(w), round(h)) == (842, 595)


def test_a40_industry_and_the_100_character_limit(five: Any) -> None:
    ws, ids = five
    assert summary._industry("35") == "35 专用设备制造业"
    s = summary.build(ws, "A40")
    assert s.rows[0]["industry"] == "34 通用设备制造业"
    with pytest.raises(WorkspaceError, match="已输入101字，限100字"):
        summary.set_cell(ws, "A40", ids["E01"], "advanced", "字" * 101)
    summary.set_cell(ws, "A40", ids["E01"], "advanced", "字" * 100)
    assert summary.build(ws, "A40").rows[0]["advanced"] == "字" * 100


def test_a41_three_rows_3000_characters_and_attached_pages(five: Any, tmp_path: Path) -> None:
    ws, _ids = five
    for k in ("P1", "P2", "P3"):
        summary.set_cell(ws, "A41", k, "platform", f"吉林省中小企业公共服务平台{k}")
    with pytest.raises(WorkspaceError, match="002 L56-60"):
        summary.set_cell(ws, "A41", "P4", "platform", "第四个平台")
    with pytest.raises(WorkspaceError, match="已输入3001字，限3000字"):
        summary.set_cell(ws, "A41", "P1", "services", "服" * 3001)
    long_text = "服务机构简介及服务内容、绩效说明。" * 160  # about two pages
    summary.set_cell(ws, "A41", "P2", "services", long_text)
    summary.set_cell(ws, "A41", "P1", "services", "短的说明")
    s = summary.build(ws, "A41")
    out = tmp_path / "A41.pdf"
    write_pdf(s, out)
    pages = [p.replace(" ", "") for p in _pages(out)]
    assert "（见附页1）" in pages[0] and "短的说明" in pages[0]
    assert any(p.startswith("附页1") or "附页1吉林省" in p for p in pages[1:])
    xlsx = tmp_path / "A41.xlsx"
    write_xlsx(s, xlsx)
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    assert sheet["C6"].value == "（见附页1）"


def test_typed_formula_stays_text(five: Any, tmp_path: Path) -> None:
    ws, ids = five
    summary.set_cell(ws, "A6", ids["E01"], "product", "=1+1")
    out = tmp_path / "A6.xlsx"
    write_xlsx(summary.build(ws, "A6"), out)
    cell = load_workbook(out).active["C5"]  # type: ignore[index]
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_finalise_versions_and_identify_a_superseded_code(
    five: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    ws, ids = five
    v1 = summary.finalise(ws, "A6")
    assert v1.version == 1
    assert ws.application(ids["E01"]).state == State.REPORTED
    summary.set_cell(ws, "A6", ids["E01"], "product", "五轴联动数控加工中心")
    v2 = summary.finalise(ws, "A6")
    assert (v2.version, v2.code != v1.code) == (2, True)
    assert summary.identify(ws, v1.code) == "汇总表A6 第1版（已被第2版取代）"
    assert summary.identify(ws, v2.code) == "汇总表A6 第2版（当前版本）"
    path = str(ws.path)
    ws.close()
    capsys.readouterr()
    assert main(["summary", "--workspace", path, "--identify", v1.code]) == 0
    assert "第1版（已被第2版取代）" in capsys.readouterr().out


def test_cli_writes_both_formats(five: Any, tmp_path: Path) -> None:
    ws, _ids = five
    path = str(ws.path)
    ws.close()
    for name in ("A6.xlsx", "A6.pdf"):
        assert main(["summary", "--workspace", path, "--table", "A6", "-o",
                     str(tmp_path / name)]) == 0  # fmt: skip
        assert (tmp_path / name).stat().st_size > 0
