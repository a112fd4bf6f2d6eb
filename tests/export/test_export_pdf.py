"""PDF specifics: embedded fonts, footers, QR codes, drafts, the booklet, signatures."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from tests.export.readback import demo_session, norm, pdf_pages, pdf_text, run, tool
from zjtx_desktop.core.application import OpenApplication
from zjtx_desktop.core.demo import open_or_create_demo
from zjtx_desktop.core.export.api import export_application, export_session
from zjtx_desktop.core.export.model import ExportOptions
from zjtx_desktop.core.store.drafts import DraftStore

APP = "nat-xjr-application-2021"


@pytest.mark.skipif(tool("pdffonts") is None, reason="pdffonts (poppler-utils) is not installed")
def test_cjk_and_symbol_fonts_are_embedded(exports) -> None:
    out = run(["pdffonts", str(exports[(APP, "pdf")].path)]).stdout
    rows = [ln.split() for ln in out.splitlines()[2:]]
    cjk = [r for r in rows if "ZJTXSerifSC" in r[0]]
    sym = [r for r in rows if "DejaVuSans" in r[0]]
    assert cjk and sym
    for r in cjk + sym:
        assert r[1] == "TrueType" and r[-5:-2] == ["yes", "yes", "yes"], r  # emb sub uni


def test_every_page_has_its_number_of_the_total_and_the_digest(exports) -> None:
    result = exports[(APP, "pdf")]
    pages = pdf_pages(result.path)
    assert len(pages) >= 6
    short = result.proofs[0].short
    for i, text in enumerate(pages, 1):
        assert re.search(rf"第\s*{i}\s*页\s*共\s*{len(pages)}\s*页", text), i
        assert short in text and "申报编号demo" in norm(text) and "v2021.1" in text


def qr_texts(pdf: Path, page: int) -> list[str]:
    """QR codes decoded from a 200 dpi render of one page (zxing-cpp, a pip wheel: runs
    everywhere the suite runs)."""
    import pypdfium2 as pdfium
    import zxingcpp

    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[page - 1].render(scale=200 / 72).to_pil()
    finally:
        doc.close()
    return [r.text for r in zxingcpp.read_barcodes(image)]


def test_qr_on_first_and_last_page_holds_id_version_and_full_sha256(exports) -> None:
    result = exports[(APP, "pdf")]
    pages = pdf_pages(result.path)
    n = len(pages)
    [first], [last] = qr_texts(result.path, 1), qr_texts(result.path, n)
    assert qr_texts(result.path, 2) == []  # only the first and the last page of a form
    assert first == last
    parts = first.split("|")
    # ZJTX|申报编号|表单|版本|SHA-256: the version the footer prints, the full 64 digits
    assert parts[:4] == ["ZJTX", "demo", APP, "2021.1"] and len(parts) == 5
    assert re.fullmatch(r"[0-9a-f]{64}", parts[4])
    footer = re.search(r"校验码\s*([0-9A-F]{12})", pages[0])
    assert footer and parts[4][:12].upper() == footer.group(1)


def _draft_session():
    form, session, _ = demo_session("jl-zd-targets-2021b2")
    session.set_value((form.id, "mbr_share.base"), "abc")  # an error
    session.set_value((form.id, "mbr_share.target1"), "80")  # a warning: below the base
    return form, session


def test_a_draft_with_errors_has_a_watermark_on_every_page_and_a_list(tmp_path: Path) -> None:
    _, session = _draft_session()
    result = export_session(session, tmp_path / "d.pdf")
    assert result.draft
    pages = pdf_pages(result.path)
    assert all("草稿" in p for p in pages)
    text = pdf_text(result.path)
    assert "未解决的问题" in text and "abc" in text
    assert len(result.unresolved) >= 1


def test_a_clean_export_has_no_watermark(exports) -> None:
    result = exports[("jl-zd-targets-2021b2", "pdf")]
    assert not result.draft and not result.unresolved
    assert not any("草稿" in p for p in pdf_pages(result.path))


def test_warnings_with_a_explanation_print_as_a_filling_note_appendix(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "db.sqlite3")
    app_id = open_or_create_demo(store, "jl-zd-2021b2")
    app = OpenApplication(store, app_id)
    result = app.set_value(("jl-zd-targets-2021b2", "mbr_share.target1"), "80")
    [warning] = [i for i in result.issues if i.severity == "warning"]
    app.explain("jl-zd-targets-2021b2", warning, "2022年新增贸易业务，主营占比暂时下降。")
    app.finalise()
    out = export_application(app, tmp_path / "booklet.pdf")
    assert not out.draft and [e.explanation for e in out.explained] == [
        "2022年新增贸易业务，主营占比暂时下降。"
    ]
    text = pdf_text(out.path)
    assert "填报说明" in text and norm("2022年新增贸易业务，主营占比暂时下降。") in text
    assert "草稿" not in text


def test_booklet_has_a_contents_page_with_the_page_of_each_form(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "db.sqlite3")
    app = OpenApplication(store, open_or_create_demo(store, "jl-zd-2021b2"))
    out = export_application(app, tmp_path / "b.pdf", ExportOptions(seam_strip=True))
    pages = pdf_pages(out.path)
    assert "目录" in norm(pages[0])
    starts = {}
    for i, p in enumerate(pages, 1):
        for form in app.forms:
            if form.id in p and form.id not in starts:
                starts[form.id] = i
    toc = norm(pages[0])
    for form in app.forms:
        assert norm(form.short_title) + str(starts[form.id]) in toc
    assert all(f"共 {len(pages)} 页" in p for p in pages)  # continuous numbering
    assert all("骑缝章" in norm(p) for p in pages[1:])
    assert out.proofs[-1].form_id == "*" and app.id in pages[1]


def test_signature_name_and_image_are_printed_in_their_place(tmp_path: Path) -> None:
    from PIL import Image
    from pypdf import PdfReader

    png = tmp_path / "sig.png"
    Image.new("RGB", (300, 100), "white").save(png)
    _, session, _ = demo_session(APP)
    opts = ExportOptions(signature_name="王建国", signature_image=png)
    result = export_session(session, tmp_path / "s.pdf", opts)
    text = pdf_text(result.path)
    assert "法定代表人（签名）：王建国" in text
    images = [img for page in PdfReader(str(result.path)).pages for img in page.images]
    assert images  # the signature PNG


def test_export_goes_to_a_stream_too() -> None:
    from zjtx_desktop.core.export.api import build_job
    from zjtx_desktop.core.export.pdf import render_pdf

    _, session, _ = demo_session("jl-zd-basic-2021b2")
    job, _, _ = build_job(session)
    buf = io.BytesIO()
    render_pdf(job, buf)
    buf.seek(0)
    from pypdf import PdfReader

    pages = PdfReader(buf).pages
    text = norm("".join(page.extract_text() for page in pages))
    assert len(pages) >= 1
    assert norm("吉林省恒锐精密机床有限公司") in text  # the demo's values, read back
    assert norm("91220101MA0Y7K2Q8R") in text
    assert norm(session.state("jl-zd-basic-2021b2").form.title) in text


def test_preview_of_the_first_page_is_a_png_of_the_paper() -> None:
    from PIL import Image

    from zjtx_desktop.core.export.api import preview_png

    _, session, _ = demo_session(APP)
    png = preview_png(session, width_px=400)
    image = Image.open(io.BytesIO(png)).convert("L")
    assert image.size == (400, round(400 * 297 / 210))
    # the cover's title is drawn (dark pixels in the upper third), the margins are white
    top = image.crop((40, 100, 360, 220))
    assert top.getextrema()[0] < 80
    assert image.crop((0, 0, 30, 30)).getextrema()[0] > 240


def test_the_table_header_row_repeats_on_the_next_page(exports) -> None:
    pages = pdf_pages(exports[("jl-zd-targets-2021b2", "pdf")].path)
    assert len(pages) == 2
    header = norm("一级指标 二级指标 实施期初始值 实施期满一年目标 实施期满两年目标")
    for text in pages:
        assert header in norm(text)


def test_a_long_text_continues_in_rows_of_its_own_over_pages(exports) -> None:
    _, _, values = demo_session("jl-zd-basic-2021b2")
    pages = pdf_pages(exports[("jl-zd-basic-2021b2", "pdf")].path)
    profile = norm(values["profile"])
    assert len(profile) > 800 and profile[:40] in norm(pages[0]) + norm(pages[1])
    assert any("（续）" in p for p in pages[1:])  # the continuation row says so in its label
    assert profile[-40:] in norm(pages[-1])


@pytest.mark.parametrize("ext", ["pdf", "docx", "xlsx"])
def test_a_5000_character_profile_exports_whole(tmp_path: Path, ext: str) -> None:
    from tests.export.readback import docx_text, xlsx_text

    form, session, _ = demo_session("jl-zd-basic-2021b2")
    line = "段：公司坚持专注主业，持续投入研发，产品精度保持国内领先。\n"
    text = "".join(f"第{i}{line}" for i in range(160))[:5000]
    session.set_value((form.id, "profile"), text)
    result = export_session(session, tmp_path / f"p.{ext}")
    read = {"pdf": pdf_text, "docx": docx_text, "xlsx": xlsx_text}[ext](result.path)
    assert norm(text) in read
