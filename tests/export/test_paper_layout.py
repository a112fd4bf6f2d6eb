"""Issue 11 items 3, 6 and 8: lines broken by Chinese rules, lists and part 六 as printed."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.export.readback import demo_session, pdf_pages
from zjtx_desktop.core.export.api import blank_job, export_session
from zjtx_desktop.core.export.build import build_form
from zjtx_desktop.core.export.linebreak import CANNOT_END, CANNOT_START, break_lines
from zjtx_desktop.core.export.pdf_blocks import broken, measure

APP = "nat-xjr-application-2021"
W = measure(10.5)

# --- 3. line breaking ---------------------------------------------------------------------


def test_a_comma_that_would_start_a_line_moves_the_break_back() -> None:
    width = W("汉") * 10  # ten characters a line
    text = "一二三四五六七八九十，一二三四五（六）七八九十"
    lines = break_lines(text, width, W)
    assert "".join(lines) == text  # nothing inserted, nothing lost
    assert lines[0] == "一二三四五六七八九"  # “十，” go down together, nothing hangs out
    assert all(not ln.startswith(tuple(CANNOT_START)) for ln in lines)


def test_an_opening_bracket_never_ends_a_line() -> None:
    width = W("汉") * 10
    text = "一二三四五六七八九（十）一二三四五六七八九"
    lines = break_lines(text, width, W)
    assert "".join(lines) == text
    assert lines[0] == "一二三四五六七八九" and lines[1].startswith("（十）")


def test_latin_words_and_numbers_stay_whole() -> None:
    width = W("汉") * 10
    text = "一二三四五六七八ISO9001认证"
    lines = break_lines(text, width, W)
    assert "".join(lines) == text and lines[1].startswith("ISO9001")


PUNCT = "，。、；：（）《》“”"
CJK = st.text(alphabet=st.sampled_from(list("汽车及轨道交通龙头企业研发ABC123" + PUNCT + "\n")))


@settings(max_examples=200, deadline=None)
@given(CJK, st.integers(min_value=4, max_value=40))
def test_breaking_never_inserts_and_keeps_every_line_inside(text: str, chars: int) -> None:
    width = W("汉") * chars
    lines = break_lines(text, width, W)
    assert "".join(lines) == text.replace("\n", "")
    for ln in lines:
        assert sum(W(c) for c in ln) <= width or len(ln) == 1


def test_a_long_text_over_pages_reads_back_exactly(tmp_path: Path) -> None:
    _, session, values = demo_session("jl-zd-basic-2021b2")
    profile = values["profile"]
    result = export_session(session, tmp_path / "p.pdf")
    pages = pdf_pages(result.path)
    lines = [ln for p in pages for ln in p.splitlines()]
    start = next(i for i, ln in enumerate(lines) if ln and profile.startswith(ln.strip()[:12]))
    body = []
    for ln in lines[start:]:
        if re.match(r"^(第 \d+ 页 共|申报编号|注：|\d\.)", ln) or ln.strip() == "（续）":
            continue
        body.append(ln)
    text = "".join(body)
    flat = profile.replace("\n", "")
    assert flat[:300] in text  # first lines, character for character (no “汽车 及”)
    assert " " not in flat and "  " not in text[: len(flat)]
    for ln in body:
        s = ln.strip()
        if s and s in flat:
            assert not s.startswith(tuple(CANNOT_START)) and not s.endswith(tuple(CANNOT_END))


def test_cell_lines_fit_their_cell() -> None:
    text = "，".join(["主导产品市场占有率"] * 30)
    for ln in broken(text, "cell", 200):
        assert sum(W(c) for c in ln) <= 200


# --- 8. lists keep their numbers and boxes after items ------------------------------------


def test_titles_print_as_the_numbered_list_with_boxes_after_items() -> None:
    text = "\n".join(blank_job([APP]).forms[0].texts())
    # 004 L1305-1319
    assert "1.高新技术企业☐" in text
    assert "2.技术创新示范企业（国家级☐ 省级☐）" in text
    assert "8.其他☐（请说明）" in text
    assert "UL☐ CSA☐ ETL☐ GS☐" in text  # 004 L1340-1343: □ after each
    assert "ISO9000质量管理体系认证☐" in text  # 004 L1349


def test_a_ticked_title_and_its_other_text() -> None:
    form, session, _ = demo_session(APP)
    session.set_value((form.id, "titles"), ["技术创新示范企业（省级）", "其他"])
    session.set_value((form.id, "titles_other"), "专精特新示范")
    text = "\n".join(build_form(form, session).texts())
    assert "2.技术创新示范企业（国家级☐ 省级☑）" in text
    assert "8.其他☑（请说明）：专精特新示范" in text


# --- 6. part 六 as the template prints it ---------------------------------------------------


def test_part_six_boxes_follow_each_item() -> None:
    text = "\n".join(blank_job([APP]).forms[0].texts())
    # 004 L1387-1459: “请在符合项□后面打“√””
    assert "a.上年度营业收入1亿元及以上，且近2年企业研发经费支出占营业收入比重不低于3%；☐" in text
    assert "6.三年内未发生过重大安全、质量、环境污染事故等违法记录☐" in text


def test_part_six_seal_then_date() -> None:
    texts = blank_job([APP]).forms[0].texts()
    seal = texts.index("推荐单位（公章）：")
    date = next(i for i, t in enumerate(texts) if t.startswith("日　期："))
    assert seal < date  # 004 L1477-1479


def test_full_copy_writes_the_opinion_in_its_blank() -> None:
    form, session, _ = demo_session(APP)
    session.set_value((form.id, "review_opinion"), "同意")
    session.set_value((form.id, "review_date"), "2021-05-20")
    text = "\n".join(build_form(form, session, copy="full").texts())
    assert "3.推荐意见：同意。（请填“同意”或“不同意”）。" in text  # 004 L1473-1475
    assert "☑同意" not in text and "☐不同意" not in text
    assert "日　期：2021年5月20日" in text


# --- 12. 双面: mirrored margins ---------------------------------------------------------------


def _footer_x(path: Path) -> list[float]:
    """x (pt) where each page's 申报编号 footer line starts."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    out = []
    for i in range(len(doc)):
        tp = doc[i].get_textpage()
        k = tp.get_text_range().index("申报编号")
        out.append(tp.get_charbox(k)[0])
    doc.close()
    return out


def test_duplex_mirrors_margins_on_the_back_of_each_sheet(tmp_path: Path) -> None:
    from zjtx_desktop.core.export.model import ExportOptions
    from zjtx_desktop.core.export.pdf_blocks import MM

    _, session, _ = demo_session(APP)
    single = export_session(session, tmp_path / "s.pdf").path
    duplex = export_session(session, tmp_path / "d.pdf", ExportOptions(duplex=True)).path
    xs, xd = _footer_x(single), _footer_x(duplex)
    assert len(xd) >= 4
    assert all(abs(x - 25 * MM) < 2 for x in xs)  # one-sided: binding margin always left
    assert all(abs(x - 25 * MM) < 2 for x in xd[0::2])  # fronts: 25 mm on the left
    assert all(abs(x - 18 * MM) < 2 for x in xd[1::2])  # backs: the binding is on the right


def test_duplex_word_asks_for_mirrored_margins(tmp_path: Path) -> None:
    from docx import Document

    from zjtx_desktop.core.export.model import ExportOptions

    _, session, _ = demo_session(APP)
    path = export_session(session, tmp_path / "d.docx", ExportOptions(duplex=True)).path
    assert "mirrorMargins" in Document(str(path)).settings.element.xml


# --- 13. a long company name leaves the seal its room -----------------------------------------


def test_a_long_name_does_not_squeeze_the_provincial_seal() -> None:
    from zjtx_desktop.core.export.model import Places
    from zjtx_desktop.core.export.pdf_blocks import SEAL, place_widths

    form, session, _ = demo_session("jl-zd-targets-2021b2")
    session.set_value(
        (form.id, "enterprise_name"), "吉林省" + "长春高新技术产业开发区精密" * 4 + "有限公司"
    )
    header = next(b for b in build_form(form, session).blocks if isinstance(b, Places))
    width = 167 * 72 / 25.4
    weights = [max(12, len(p.text)) for p in header.places]
    ws = place_widths(list(header.places), weights, width)
    assert min(ws) >= SEAL and abs(sum(ws) - width) < 1  # 002 L676: two 42 mm seals fit


# --- zjtx forms show --json: what the paper prints above a field ------------------------------


def test_forms_show_json_names_every_printed_label_above_a_field(capsys) -> None:
    import json

    from zjtx_desktop.cli import main

    assert main(["forms", "show", APP, "--json"]) == 0
    fields = {f["id"]: f for f in json.loads(capsys.readouterr().out)["fields"]}
    share = next(f for k, f in fields.items() if k.startswith("market_share"))
    assert "主导产品国内市场占有率及本省排名" in share["printed_under"]
    assert share["printed_under"][0] == "三、专业化程度"
    helper = next(f for k, f in fields.items() if k.startswith("total_liabilities"))
    assert helper["printed_under"] == []  # a tool-only helper: not on the paper


# --- --compare: our pages beside the seed's text ----------------------------------------------


def test_compare_puts_each_page_beside_the_seed_text(tmp_path: Path) -> None:
    from zjtx_desktop.cli import main
    from zjtx_desktop.core.export.compare import DEFAULT_SEEDS

    if not DEFAULT_SEEDS.exists():
        import pytest

        pytest.skip("seed texts not available")
    out = tmp_path / "cmp.pdf"
    assert main(["export", "nat-zd-basic-2021", "--blank", "--compare", "-o", str(out)]) == 0
    pages = pdf_pages(out)
    assert "模板原文 004 L590-707" in pages[0] and "✗" in pages[0]
    assert "L602 企业规模" in pages[0]  # a seed line with its number (004 L602)


def test_patents_print_as_the_template_sentence() -> None:
    text = "\n".join(blank_job([APP]).forms[0].texts())
    # 004 L1266-1270: one sentence with its “。” and “；”, units after the blanks
    assert (
        "有效专利总数\u3000\u3000项。\n其中发明专利\u3000\u3000项；实用新型专利\u3000\u3000项；"
        in text
    )
    form, session, values = demo_session(APP)
    filled = "\n".join(build_form(form, session).texts())
    assert f"有效专利总数{values['patents_valid_total']}项。" in filled


# --- 7. the declaration stays with the part it attests ---------------------------------------


def test_declaration_and_signature_share_the_page_of_the_last_part(exports) -> None:
    pages = pdf_pages(exports[(APP, "pdf")].path)
    (page,) = [p for p in pages if "真实性声明" in p]
    assert "企业总体情况简要介绍" in page  # 004 L1358-1382: part 五, then the declaration
    assert "法定代表人（签名）" in page and "（企业公章）" in page
    (six,) = [p for p in pages if "六、初核推荐" in p]
    assert "推荐单位（公章）" in six  # its seal line is not left alone on the next page


# --- 11. booklet 目录 in Word and Excel -------------------------------------------------------


def test_word_and_excel_booklets_have_a_table_of_contents(tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    from zjtx_desktop.core.engine.session import ApplicationSession
    from zjtx_desktop.core.forms.registry import get_form

    ids = ["jl-zd-basic-2021b2", "jl-zd-targets-2021b2"]
    session = ApplicationSession([get_form(i) for i in ids])
    docx = export_session(session, tmp_path / "b.docx", booklet=True).path
    xml = Document(str(docx)).element.xml
    assert "目　录" in xml and "PAGEREF zjtx_form_2" in xml and 'w:name="zjtx_form_2"' in xml
    wb = load_workbook(str(export_session(session, tmp_path / "b.xlsx", booklet=True).path))
    toc = wb.worksheets[0]
    assert toc.title == "目录"
    links = [c.hyperlink.target or c.hyperlink.location for c in toc["B"] if c.hyperlink]
    assert len(links) == 2 and all(
        f"'{ws.title}'" in link for ws, link in zip(wb.worksheets[1:3], links, strict=True)
    )
