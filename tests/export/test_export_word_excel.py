"""Word and Excel specifics: East Asian fonts, repeated headers, numbers, no formulas."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from tests.export.readback import demo_session, docx_text, xlsx_text
from zjtx_desktop.core.export.api import export_session


def _east_asia_fonts(doc) -> set[str]:
    return {
        el.get(qn("w:eastAsia"))
        for el in doc.element.body.iter(qn("w:rFonts"))
        if el.get(qn("w:eastAsia"))
    }


def test_word_names_chinese_fonts_as_east_asian_fonts(exports) -> None:
    doc = Document(str(exports[("nat-xjr-application-2021", "docx")].path))
    assert {"宋体", "黑体", "仿宋"} <= _east_asia_fonts(doc)
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rfonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == "宋体" and rfonts.get(qn("w:eastAsiaTheme")) is None
    lang = defaults.find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    boxes = [
        r
        for r in doc.element.body.iter(qn("w:r"))
        if (r.xpath("string(.)") in "☑☐") and r.xpath("string(.)")
    ]
    assert boxes
    for r in boxes:
        assert r.find(qn("w:rPr")).find(qn("w:rFonts")).get(qn("w:ascii")) == "Segoe UI Symbol"


def test_word_tables_repeat_headers_and_keep_rows_whole(exports) -> None:
    doc = Document(str(exports[("jl-zd-targets-2021b2", "docx")].path))
    table = next(t for t in doc.tables if "一级指标" in t.rows[0].cells[0].text)
    first = table.rows[0]._tr
    assert first.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    spans = [c for c in table._tbl.iter(qn("w:vMerge"))]
    assert spans  # 一级指标 merged down
    footer = doc.sections[0].footer._element.xpath("string(.)")
    assert "PAGE" in footer and "NUMPAGES" in footer and "校验码" in footer


def test_word_draft_carries_the_watermark(tmp_path: Path) -> None:
    form, session, _ = demo_session("jl-zd-targets-2021b2")
    session.set_value((form.id, "mbr_share.base"), "abc")
    result = export_session(session, tmp_path / "d.docx")
    doc = Document(str(result.path))
    header = doc.sections[0].header._element
    assert header.xpath("string(.)") == "" and b"PowerPlusWaterMarkObject" in (header.xml.encode())
    assert "草稿" in header.xml
    assert "未解决的问题" in docx_text(result.path)


def _cells(path: Path):
    wb = load_workbook(str(path))
    return wb, [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]


def test_excel_numbers_are_numbers_with_formats(exports) -> None:
    wb, cells = _cells(exports[("jl-zd-targets-2021b2", "xlsx")].path)
    numeric = {c.value: c for c in cells if c.data_type == "n"}
    assert 25100 in numeric and numeric[25100].number_format == "0"  # as printed: no separators
    share = next(c for c in cells if c.data_type == "n" and c.value == 93.66)
    assert share.number_format == "0.00"
    assert not any(c.data_type == "s" and str(c.value) in ("25100", "93.66") for c in cells)
    ws = wb.worksheets[0]
    assert int(ws.page_setup.paperSize) == 9 and ws.print_title_rows  # 9: A4
    assert any(rng.min_row != rng.max_row for rng in ws.merged_cells.ranges)  # 一级指标


def test_excel_units_not_in_the_label_are_in_the_number_format(exports) -> None:
    wb, cells = _cells(exports[("nat-xjr-application-2021", "xlsx")].path)
    assert wb.worksheets[0].print_title_rows is None  # several tables: no row repeats
    revenue = next(c for c in cells if c.value == Decimal("26800") or c.value == 26800)
    assert revenue.data_type == "n" and revenue.number_format == '0" 万元"'


def test_excel_never_turns_user_text_into_a_formula(tmp_path: Path) -> None:
    form, session, _ = demo_session("nat-xjr-application-2021")
    typed = {
        "enterprise_name": '=HYPERLINK("http://x","点击")',
        "address": "+86 长春",
        "fax": "-1+1",
        "contact_name": "@SUM(A1)",
    }
    for fid, text in typed.items():
        session.set_value((form.id, fid), text)
    _, cells = _cells(export_session(session, tmp_path / "x.xlsx").path)
    assert not [c for c in cells if c.data_type == "f"]
    values = {c.value for c in cells if c.data_type == "s"}
    for text in typed.values():
        assert text in values
    assert "点击" in xlsx_text(tmp_path / "x.xlsx")
