"""Issue 11: every exported page is the official form, to the character.

Expected texts are copied from the seed templates (line numbers cited), never from the
implementation. Blank forms come from ``export_blank``; filled ones from the demo data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.export.readback import demo_ids, demo_session, docx_text, norm, pdf_text, xlsx_text
from zjtx_desktop.core.export.api import blank_job, export_blank
from zjtx_desktop.core.export.build import build_form
from zjtx_desktop.core.export.model import Places, Table
from zjtx_desktop.core.export.proof import printed
from zjtx_desktop.core.forms.registry import get_form

READ = {"pdf": pdf_text, "docx": docx_text, "xlsx": xlsx_text}


def _blank_texts(form_id: str) -> str:
    return "\n".join(blank_job([form_id]).forms[0].texts())


def _value_cells(form_id: str, field_id: str) -> list[str]:
    pf = blank_job([form_id]).forms[0]
    return [
        c.text
        for b in pf.blocks
        if isinstance(b, Table)
        for r in b.rows
        for c in r.cells
        if c.field == field_id
    ]


# --- 1. printed units stay when a cell is blank -------------------------------------------

APP = "nat-xjr-application-2021"


def test_blank_number_cells_print_their_unit() -> None:
    # 004 L1129: “营业收入 万元 万元”, L1131 “主营业务收入增长率 % %”
    assert [norm(t) for t in _value_cells(APP, "operating_revenue.y1")] == ["万元"]
    assert [norm(t) for t in _value_cells(APP, "mbr_growth.y2")] == ["%"]
    text = norm(_blank_texts(APP))
    assert "如是，请填写金额：万元" in text  # 004 L1149
    assert "□国家级个□省级个" in text  # 004 L1234-1238 技术研究院/企业技术中心/工程中心
    assert "主持制(修)项" in text and "参与制(修)项" in text  # 004 L1276-1282


def test_a_blank_unit_leaves_room_to_write_the_number() -> None:
    (cell,) = _value_cells(APP, "operating_revenue.y1")
    assert cell.startswith("\u3000\u3000") and cell.endswith("万元")


def test_filled_counts_keep_the_unit_of_the_level_not_ticked() -> None:
    form, session, _ = demo_session(APP)
    session.set_value((form.id, "tech_center"), ["国家级"])
    session.set_value((form.id, "tech_center_national"), "2")
    text = norm("\n".join(build_form(form, session).texts()))
    assert "□国家级2个□省级个" in text  # the unticked 省级 keeps its “个” (004 L1236)


@pytest.mark.parametrize("ext", ["pdf", "docx", "xlsx"])
def test_blank_units_reach_every_format(tmp_path: Path, ext: str) -> None:
    path = export_blank([APP], tmp_path / f"blank.{ext}")
    text = READ[ext](path)
    assert "营业收入万元万元" in text and "如是，请填写金额：万元" in text


# --- 2. printed instructions stay in their labels -----------------------------------------

# A-1 (forms-catalog §5): the 国际/国家 headings of the two 标准 groups are an assumption of
# ours, not printed in the seed, so the labels carry them but the paper does not.
NOT_PRINTED = {"（国际标准）", "（国家标准、行业标准）"}


@pytest.mark.parametrize("form_id", demo_ids())
def test_every_instruction_in_a_label_is_printed(form_id: str) -> None:
    form = get_form(form_id)
    text = norm(_blank_texts(form_id))
    for f in form.fields.values():
        if not printed(form, f) or not f.print_label:
            continue
        for part in re.findall(r"（[^（）]*(?:（[^（）]*）[^（）]*)*）", f.label):
            if part not in NOT_PRINTED:
                assert norm(part) in text, (f.id, part)


def test_industry_and_product_instructions_print_under_their_labels() -> None:
    text = norm(_blank_texts("nat-zd-basic-2021"))
    # 004 L622-641
    assert norm("所属行业（按照《国民经济行业分类(GB/T4754-2017)》的大类行业填写所属行业）") in text
    assert norm("如是新产品请标明）") in text


def test_jilin_prompts_keep_attach_a_page_and_the_comma_after_yes() -> None:
    text = norm(_blank_texts("jl-zd-basic-2021b2"))
    # 002 L633-635, L641-645
    assert "具体领域及技术先进性说明：请详细说明，可另附页" in text
    assert "□是，具体领域和环节：请详细说明，可另附页" in text
    assert "可另附页：" not in text  # no colon added after the instruction
    nat = norm(_blank_texts("nat-zd-basic-2021"))
    assert "□是，具体领域和环节：（限10字以内）" in nat  # 004 L673
    assert "（限10字以内）：" not in nat


# --- 9. headers, marks and boxes as printed ---------------------------------------------


def test_attachment_marks_are_verbatim() -> None:
    marks = {fid: blank_job([fid]).forms[0].texts()[0] for fid in demo_ids()}
    assert marks["nat-zd-basic-2021"] == "模板附3"  # 004 L590
    assert marks["jl-zd-basic-2021b2"] == "附件5"  # 002 L571
    assert marks["nat-xjr-application-2021"] == "附件1："  # 004 L1032
    assert marks["bj-zd-basic-2021b1"] == "附件1-1-3："  # 004 L4025


def test_jilin_subtitle_stands_between_the_two_seals_with_the_name_filled() -> None:
    form, session, values = demo_session("jl-zd-basic-2021b2")
    pf = build_form(form, session)
    header = next(b for b in pf.blocks if isinstance(b, Places))
    # 002 L575: 企业名称（盖章）　（组织具体企业填报）　省级中小企业主管部门（盖章）
    assert header.between == "（组织具体企业填报）"
    assert [p.label for p in header.places] == ["企业名称（盖章）", "省级中小企业主管部门（盖章）"]
    assert header.places[0].value == values["enterprise_name"]
    assert pf.texts().count("（组织具体企业填报）") == 1  # not above the seals as well
    targets = blank_job(["jl-zd-targets-2021b2"]).forms[0]
    assert "（组织具体企业填报）" in targets.texts()[:3]  # 002 L674: above, on the 目标表


@pytest.mark.parametrize("form_id", ["nat-zd-targets-2021", "jl-zd-targets-2021b2"])
def test_yes_no_boxes_print_with_their_slash(form_id: str) -> None:
    assert "☐是/☐否" in _blank_texts(form_id)  # 004 L777-803, 002 L728-729


def test_national_targets_print_no_unit_the_template_lacks() -> None:
    form, session, _ = demo_session("nat-zd-targets-2021")
    cells = [
        c.text
        for b in build_form(form, session).blocks
        if isinstance(b, Table)
        for r in b.rows
        for c in r.cells
        if c.field.startswith("developed_country_certs")
    ]
    assert cells and not any("个" in t for t in cells)  # 004 L737-739: no unit printed


# --- 10. Excel: labels verbatim, numbers as printed ---------------------------------------


@pytest.mark.parametrize("form_id", demo_ids())
def test_no_doubled_colons_in_any_format(exports, form_id: str) -> None:
    for ext in ("pdf", "docx", "xlsx"):
        text = READ[ext](exports[(form_id, ext)].path)
        assert "：：" not in text, (form_id, ext)


# --- blank forms ------------------------------------------------------------------------


@pytest.mark.parametrize("form_id", demo_ids())
@pytest.mark.parametrize("ext", ["pdf", "docx", "xlsx"])
def test_every_shipped_form_exports_blank(tmp_path: Path, form_id: str, ext: str) -> None:
    path = export_blank([form_id], tmp_path / f"{form_id}.{ext}")
    text = READ[ext](path)
    form = get_form(form_id)
    assert norm(form.title) in text
    assert "草稿" not in text and "未解决的问题" not in text  # empty is not a draft
    assert "校验码" not in text  # no digest of data that is not there, and no QR
    if ext == "pdf":
        assert "空白表（手工填写）" in text
    elif ext == "docx":
        from docx import Document

        doc = Document(str(path))
        assert "空白表（手工填写）" in doc.sections[0].footer.paragraphs[-1].text
        assert not doc.inline_shapes
    else:
        from openpyxl import load_workbook

        ws = load_workbook(str(path)).worksheets[0]
        assert "空白表" in ws.oddFooter.center.text and not ws._images


def test_blank_long_texts_get_room_to_write() -> None:
    pf = blank_job(["nat-zd-basic-2021"]).forms[0]
    (profile,) = [
        c
        for b in pf.blocks
        if isinstance(b, Table)
        for r in b.rows
        for c in r.cells
        if c.field == "profile"
    ]
    assert profile.write_lines == 12  # 500 字 by hand, 30 a line: the 12-line maximum
