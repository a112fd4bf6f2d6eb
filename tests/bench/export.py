"""Benchmark: exporting the whole 申请书 in a running process, against LibreOffice.

Run: .venv/bin/python tests/bench/export.py [N]
Prints the median over N runs (default 20, after 5 warm-up runs) of: the 申请书 (demo data) to
PDF with reportlab and to Word with python-docx, in a running process (fonts registered, modules
imported: what the GUI pays on each export); and, over 3 runs, LibreOffice converting our .docx
to PDF — the route a user would otherwise take. Goals (issue #4): PDF ≤ 0.2 s; PDF ≥ 10× faster than
LibreOffice.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from zjtx_desktop.core.datafile import read_data, session_for  # noqa: E402
from zjtx_desktop.core.export.api import export_session  # noqa: E402
from zjtx_desktop.core.export.fonts import font_path  # noqa: E402
from zjtx_desktop.core.export.qr import qr_cache_clear  # noqa: E402
from zjtx_desktop.core.paths import resources_dir  # noqa: E402

FORM = "nat-xjr-application-2021"


def timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def libreoffice(docx: Path, work: Path, runs: int) -> list[float] | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    env = {**os.environ, "HOME": str(work), "FONTCONFIG_FILE": str(font_path("fonts.conf"))}
    profile = f"-env:UserInstallation=file://{work}/lo-profile"
    cmd = [
        soffice,
        profile,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(work / "lo"),
        str(docx),
    ]
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # first start makes a profile
    return timed(lambda: subprocess.run(cmd, env=env, capture_output=True, check=True), runs)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    data = read_data(resources_dir() / "demo" / f"{FORM}.json")
    session = session_for(data)
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        pdf, docx = work / "a.pdf", work / "a.docx"
        t0 = time.perf_counter()
        export_session(session, pdf)  # first export: imports reportlab, registers the fonts
        first = time.perf_counter() - t0
        export_session(session, docx)
        for _ in range(5):  # warm up: a running application has exported before
            export_session(session, pdf)
            export_session(session, docx)
        # each run computes its QR code anew (the cache would otherwise hold it across runs)
        pdf_times = timed(lambda: (qr_cache_clear(), export_session(session, pdf)), n)
        docx_times = timed(lambda: (qr_cache_clear(), export_session(session, docx)), n)
        lo = libreoffice(docx, work, 3)
    pdf_med = statistics.median(pdf_times)
    docx_med = statistics.median(docx_times)
    print(f"申请书 ({FORM}, demo data), {n} runs each, median:")
    print(f"  first PDF export in a fresh process (imports + fonts): {first:.3f} s")
    print(
        f"  PDF  (reportlab, running process):  {pdf_med:.3f} s   goal ≤ 0.200 s "
        f"({'met' if pdf_med <= 0.2 else 'NOT met'})"
    )
    print(f"  Word (python-docx, running process): {docx_med:.3f} s")
    if lo is None:
        print("  LibreOffice docx → PDF: soffice not installed, not measured")
        return 0
    lo_med = statistics.median(lo)
    ratio = lo_med / pdf_med
    print(f"  LibreOffice docx → PDF (3 runs):    {lo_med:.3f} s")
    print(
        f"  ratio LibreOffice / our PDF: {ratio:.1f}×   goal ≥ 10× "
        f"({'met' if ratio >= 10 else 'NOT met'})"
    )
    print(
        f"  ratio LibreOffice / (our Word + LibreOffice): our PDF is "
        f"{(docx_med + lo_med) / pdf_med:.1f}× faster than Word then LibreOffice"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
