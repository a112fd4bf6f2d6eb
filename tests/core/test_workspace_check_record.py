"""初核记录单 (officials.md §3.5): per application, what was checked and concluded, printed to
be signed — read back from the PDF (pypdfium2) and the xlsx (openpyxl)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from tests.core.workspace_helpers import FORM, complete_part6, with_fixtures
from zjtx_desktop.cli import main
from zjtx_desktop.core.workspace.check_record import build_record
from zjtx_desktop.core.workspace.check_record_print import write_record
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.verification import add_verification
from zjtx_desktop.core.workspace.workspace import WorkspaceError


@pytest.fixture
def checked(tmp_path: Path) -> tuple[Any, str]:
    """E03 (debt ratio 80%: M3 ✗, built so) checked: two comments, one 核查, part 六 ticked
    class a with 必备 1,4,5,6 — and 不同意."""
    ws, ids = with_fixtures(tmp_path, ["E03"])
    app = ids["E03"]
    ws.add_comment(app, FORM, "operating_revenue.y2", "须修改", "请按审计报告填写2020年营业收入")
    c2 = ws.add_comment(app, FORM, "main_product_name", "提示", "名称与佐证材料一致即可")
    ws.resolve_comment(c2, "已核对佐证材料，一致")
    add_verification(ws, app, "信用中国", "2021-05-08", "未查到严重失信记录和行政处罚")
    complete_part6(ws, app, "a", ticks="1,4,5,6")
    ws.set_part6(app, "review_opinion", "不同意")
    ws.set_state(app, State.NOT_RECOMMENDED, "资产负债率80%，不符合必备指标3")
    return ws, app


def _pages(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(path)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def _flat(text: str) -> str:
    return "".join(text.split())


def test_record_content_by_hand(checked: Any) -> None:
    ws, app = checked
    rec = build_record(ws, app)
    facts = dict(rec.facts)
    assert facts["企业名称"] == "吉林市北辰重工装备有限公司"
    assert facts["统一社会信用代码"] == "91220103MA0Y7K2Q37"
    assert facts["来源"] == "DATA.json，未校验来源"
    assert facts["当前状态"] == "不予推荐"
    indicators = {r[0].split(" ", 1)[1][:2]: r[1:] for r in rec.sections[0].rows}
    # advice from the figures (E03: class a; M2 needs judgement; M3 ✗) beside the ticks
    assert indicators["a."] == ["✓", "√"] and indicators["b."] == ["✗", ""]
    assert [indicators[f"{n}."] for n in "123456"] == [
        ["✓", "√"], ["?", ""], ["✗", ""], ["✓", "√"], ["✓", "√"], ["✓", "√"]
    ]  # fmt: skip
    assert [r[1] for r in rec.sections[1].rows] == ["a", "4", "不同意"]
    assert rec.sections[4].rows == [
        ["信用中国", "2021-05-08", "未查到严重失信记录和行政处罚", "张三"]
    ]
    comments = rec.sections[5].rows
    assert [(r[1], r[5], r[6]) for r in comments] == [
        ("须修改", "未处理", ""),
        ("提示", "已关闭", "关闭说明：已核对佐证材料，一致"),
    ]
    states = [(r[2], r[3]) for r in rec.sections[6].rows]
    assert states[-1] == ("初核中 → 不予推荐", "资产负债率80%，不符合必备指标3")


def test_pdf_every_page_has_footer_and_signatures(checked: Any, tmp_path: Path) -> None:
    ws, app = checked
    out = tmp_path / "record.pdf"
    rec = write_record(ws, app, out)
    pages = [_flat(p) for p in _pages(out)]
    assert len(pages) >= 2
    for n, text in enumerate(pages, start=1):
        assert f"第{n}页共{len(pages)}页" in text
        assert _flat(rec.code_text) in text
        assert "初核记录单吉林市北辰重工装备有限公司" in text
    whole = "".join(pages)
    for expected in ("初核记录单", "91220103MA0Y7K2Q37", "资产负债率不高于70%", "信用中国",
                     "请按审计报告填写2020年营业收入", "初核人（签字）", "复核人（签字）",
                     "日期：＿＿＿＿年＿＿月＿＿日", "工作区登记的经办人：张三"):  # fmt: skip
        assert _flat(expected) in whole, expected
    last = ws.conn.execute("SELECT action, ref FROM audit ORDER BY seq DESC").fetchone()
    assert last == ("check_record", rec.code)


def test_xlsx_and_cli(checked: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws, app = checked
    out = tmp_path / "record.xlsx"
    assert main(["review", "record", "--workspace", str(ws.path), app[:6], "-o", str(out)]) == 0
    assert "已导出初核记录单" in capsys.readouterr().out
    sheet = load_workbook(out).active
    assert sheet is not None
    values = [c.value for row in sheet.iter_rows() for c in row if c.value]
    assert values[0] == "初核记录单"
    assert "一、初核指标（第六部分）" in values and "七、处理过程" in values
    assert "资产负债率80%，不符合必备指标3" in values
    with pytest.raises(WorkspaceError, match=r"只能导出为 \.pdf 或 \.xlsx"):
        write_record(ws, app, tmp_path / "record.docx")


def test_the_code_changes_with_the_content(checked: Any) -> None:
    ws, app = checked
    before = build_record(ws, app).code
    add_verification(ws, app, "应急管理局", "2021-05-09", "三年内无重大安全事故记录")
    assert build_record(ws, app).code != before
