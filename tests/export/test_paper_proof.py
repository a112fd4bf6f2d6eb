"""Issue 11 items 4, 10, 14-16: what the paper proves and how a spreadsheet prints.

Excel printing is checked as LibreOffice prints it (the route an official without Excel takes),
the QR code read back with zxing-cpp from a 300 dpi rendering.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.export.readback import demo_session, pdf_pages, pdf_text, run, soffice
from zjtx_desktop.core.export.api import export_session
from zjtx_desktop.core.export.fonts import font_path
from zjtx_desktop.core.export.identity import default_app_id, signature_mismatch
from zjtx_desktop.core.export.model import ExportOptions
from zjtx_desktop.core.export.proof import form_sha256

# --- 16. the 校验码 is computed from what is printed --------------------------------------


def test_code_is_the_same_for_full_width_digits_and_lower_case_codes() -> None:
    form, session, values = demo_session("nat-xjr-application-2021")
    state = session.state(form.id)
    before = form_sha256(state)
    session.set_value((form.id, "operating_revenue.y2"), "２６８００")  # prints 26800
    session.set_value((form.id, "credit_code"), values["credit_code"].lower())  # prints upper
    assert form_sha256(state) == before
    session.set_value((form.id, "operating_revenue.y2"), "26801")
    assert form_sha256(state) != before  # a different printed value is a different code


# --- 14. 申报编号 and the signing name ----------------------------------------------------


def test_default_id_differs_between_enterprises_and_is_stable() -> None:
    form, a, _ = demo_session("jl-zd-basic-2021b2")
    _, b, _ = demo_session("jl-zd-basic-2021b2")
    b.set_value((form.id, "enterprise_name"), "北京某某科技有限公司")  # another enterprise
    first = default_app_id(a)
    assert re.fullmatch(r"jl-2021b2-[0-9A-F]{10}", first) and first != default_app_id(b)
    a.set_value((form.id, "employees"), "321")  # editing other fields keeps the id
    assert default_app_id(a) == first
    _, t, _ = demo_session("jl-zd-targets-2021b2")
    assert default_app_id(t) == first  # the same enterprise's 目标表 prints the same id


def test_cli_export_of_a_data_file_does_not_use_the_file_name(tmp_path: Path) -> None:
    from tests.export.readback import DEMO

    data = tmp_path / "DATA.json"
    shutil.copy(DEMO / "jl-zd-basic-2021b2.json", data)
    out = tmp_path / "o.pdf"
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "zjtx_desktop",
            "export",
            "jl-zd-basic-2021b2",
            str(data),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stderr
    text = "".join(pdf_pages(out))
    assert "申报编号 DATA" not in text and "申报编号 jl-2021b2-" in text


def test_signature_name_is_compared_with_the_legal_representative(tmp_path: Path) -> None:
    _, session, values = demo_session("nat-xjr-application-2021")
    rep = values["legal_representative"]
    assert signature_mismatch(session, rep) == ""
    assert signature_mismatch(session, f" {rep} ") == ""
    assert rep in signature_mismatch(session, "李四")
    result = export_session(session, tmp_path / "s.pdf", ExportOptions(signature_name="李四"))
    assert any("不一致" in w for w in result.warnings)
    ok = export_session(session, tmp_path / "t.pdf", ExportOptions(signature_name=rep))
    assert ok.warnings == []


def test_seam_strip_in_word_is_said_not_silently_dropped(tmp_path: Path) -> None:
    _, session, _ = demo_session("jl-zd-basic-2021b2")
    result = export_session(session, tmp_path / "s.docx", ExportOptions(seam_strip=True))
    assert any("骑缝章" in w for w in result.warnings)


# --- 4. characters the font lacks are said at the field ----------------------------------


def test_a_character_the_font_lacks_is_a_warning_at_the_field() -> None:
    form, session, _ = demo_session("nat-xjr-application-2021")
    state = session.state(form.id)
    session.set_value((form.id, "legal_representative"), "王\U00020bb7")  # 𠮷, CJK Ext. B
    issues = state.issues.get("legal_representative", [])
    assert [(i.code, i.params["chars"]) for i in issues] == [("GLYPH_MISSING", "\U00020bb7")]
    session.set_value((form.id, "legal_representative"), "王赟喆")  # rare, but in the font
    assert not state.issues.get("legal_representative")


def test_a_missing_character_is_listed_on_the_paper_too(tmp_path: Path) -> None:
    form, session, _ = demo_session("nat-xjr-application-2021")
    session.set_value((form.id, "legal_representative"), "王\U00020bb7")
    text = pdf_text(export_session(session, tmp_path / "g.pdf").path)
    assert "该字符无法打印" in text  # in the list of problems at the end, never silent


# --- 15. no font that is not embedded ----------------------------------------------------


@pytest.mark.parametrize(
    "form_id", ["nat-xjr-application-2021", "jl-zd-basic-2021b2", "jl-zd-targets-2021b2"]
)
def test_every_pdf_font_is_embedded(exports, form_id: str) -> None:
    res = run(["pdffonts", str(exports[(form_id, "pdf")].path)])
    rows = res.stdout.splitlines()[2:]
    assert rows and all(" yes " in r for r in rows), res.stdout  # emb column
    assert "Helvetica" not in res.stdout


# --- 10. Excel ----------------------------------------------------------------------------


def test_excel_footer_escapes_codes_and_does_not_overlap(tmp_path: Path) -> None:
    _, session, _ = demo_session("jl-zd-targets-2021b2")
    path = export_session(session, tmp_path / "f.xlsx", ExportOptions(app_id="R&D-7")).path
    ws = load_workbook(str(path)).worksheets[0]
    footer = ws.oddFooter
    assert not footer.left.text and not footer.right.text  # one part: nothing runs under
    assert "R&&D-7" in footer.center.text and "&P" in footer.center.text


def test_excel_dates_are_dates(exports) -> None:
    wb = load_workbook(str(exports[("jl-zd-basic-2021b2", "xlsx")].path))
    dates = [c for ws in wb for row in ws.iter_rows() for c in row if getattr(c, "is_date", 0)]
    assert dates and isinstance(dates[0].value, dt.datetime)
    assert dates[0].number_format == "yyyy-mm-dd"


def _lo_pdf(src: Path, out: Path) -> Path:
    env = {
        "HOME": str(out),
        "PATH": "/usr/bin:/bin",
        "FONTCONFIG_FILE": str(font_path("fonts.conf")),
    }
    cmd = [soffice() or "soffice", f"-env:UserInstallation=file://{out}/profile", "--headless"]
    res = run([*cmd, "--convert-to", "pdf", "--outdir", str(out), str(src)], env=env)
    assert res.returncode == 0, res.stderr
    return out / f"{src.stem}.pdf"


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_excel_qr_prints_inside_the_page_and_decodes_at_300_dpi(exports, tmp_path: Path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    result = exports[("jl-zd-targets-2021b2", "xlsx")]
    pdf = _lo_pdf(result.path, tmp_path)
    run(["pdftoppm", "-r", "300", "-png", str(pdf), str(tmp_path / "p")])
    pages = sorted(tmp_path.glob("p-*.png"))
    found = [b.text for p in pages for b in zxingcpp.read_barcodes(Image.open(p))]
    assert result.proofs[0].qr_text in found
    text = "".join(pdf_pages(pdf))
    assert result.proofs[0].short in text and "第 1 页 共" in text  # both in the footer
