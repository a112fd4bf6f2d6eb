"""LibreOffice opens our .docx and .xlsx, and converts the .docx to PDF without error."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.export.readback import norm, run, soffice, tool
from zjtx_desktop.core.export.fonts import font_path

pytestmark = pytest.mark.skipif(
    soffice() is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui "
    "libreoffice-calc-nogui (scripts/setup.sh does this as root)",
)


def _convert(src: Path, out: Path, target: str) -> Path:
    env = {
        "HOME": str(out),
        "PATH": "/usr/bin:/bin:/usr/local/bin",
        "FONTCONFIG_FILE": str(font_path("fonts.conf")),
    }
    profile = f"-env:UserInstallation=file://{out}/profile"
    res = run(
        [
            soffice() or "soffice",
            profile,
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(src),
        ],
        env=env,
    )
    converted = out / f"{src.stem}.{target.split(':')[0]}"
    assert res.returncode == 0, res.stderr
    assert converted.exists() and converted.stat().st_size > 1000, res.stdout + res.stderr
    return converted


def test_docx_converts_to_pdf_with_chinese_text(exports, tmp_path: Path) -> None:
    src = exports[("nat-xjr-application-2021", "docx")].path
    pdf = _convert(src, tmp_path, "pdf")
    if tool("pdftotext"):
        raw = run(["pdftotext", str(pdf), "-"]).stdout
        text = norm(raw)
        assert "吉林省恒锐精密机床有限公司" in text and "一、企业基本情况" in text
        assert "☑中型 ☐小型 ☐微型" in raw


def test_xlsx_opens_and_converts(exports, tmp_path: Path) -> None:
    src = exports[("jl-zd-targets-2021b2", "xlsx")].path
    csv = _convert(src, tmp_path, "csv:Text - txt - csv (StarCalc):44,34,76")
    text = csv.read_text(encoding="utf-8")
    assert ",25100," in text and "实施期初始值" in text  # the number as the paper prints it
