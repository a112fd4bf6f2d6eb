"""Issue 13 items 17 and 24: no export runs unbounded, and none cuts text without a word.

Layout work is measured in characters handed to reportlab's line breaker, not in seconds, so
the test does not depend on the machine's load: doubling a long text must about double it
(it quadrupled: 80,000 字 took 55 s).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from reportlab.platypus import Paragraph

from zjtx_desktop.core.datafile import parse_data, session_for
from zjtx_desktop.core.export import values
from zjtx_desktop.core.export.api import export_session
from zjtx_desktop.core.export.model import ExportOptions
from zjtx_desktop.core.fieldtypes import PRINT_MAX_CHARS
from zjtx_desktop.core.paths import resources_dir

FORM = "nat-xjr-application-2021"
SENTENCE = "公司坚持专注主业，精益制造，创新驱动，产品国内领先。\n"


def session_with_intro(n: int):  # type: ignore[no-untyped-def]
    doc = json.loads(Path(resources_dir(), "demo", f"{FORM}.json").read_text("utf-8"))
    doc["values"]["company_intro"] = (SENTENCE * (n // len(SENTENCE) + 1))[:n]
    return session_for(parse_data(doc))


def wrapped_chars(monkeypatch: pytest.MonkeyPatch, n: int, tmp_path: Path) -> int:
    total = 0
    real = Paragraph.wrap

    def counting(self, w, h):  # type: ignore[no-untyped-def]
        nonlocal total
        total += len(self.getPlainText())
        return real(self, w, h)

    monkeypatch.setattr(Paragraph, "wrap", counting)
    export_session(session_with_intro(n), tmp_path / f"{n}.pdf", ExportOptions(app_id="t"))
    monkeypatch.setattr(Paragraph, "wrap", real)
    return total


def test_pdf_layout_work_grows_linearly_with_text_length(monkeypatch, tmp_path):
    monkeypatch.setattr(values, "PRINT_MAX_CHARS", 10**6)  # measure the layout, not the cap
    w1, w2, w3 = (wrapped_chars(monkeypatch, n, tmp_path) for n in (10000, 20000, 40000))
    # linear: each doubling adds about twice as much as the one before; quadratic: 4 times
    assert (w3 - w2) / (w2 - w1) < 3


def test_text_over_the_print_limit_is_cut_with_a_warning_before_layout(tmp_path):
    n = 40_000
    session = session_with_intro(n)
    codes = [i.code for _f, i in session.all_issues() if i.field == "company_intro"]
    assert "TEXT_TOO_LONG_TO_PRINT" in codes  # said at the field, and in the export's list
    out = tmp_path / "long.xlsx"
    result = export_session(session, out, ExportOptions(app_id="t"))
    assert result.draft
    assert any("导出时只能印出前" in line.message for line in result.unresolved)
    cells = [
        str(c.value)
        for ws in load_workbook(out).worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    # never Excel's silent cut at 32,767: the text ends by saying how much is not printed
    assert max(len(c) for c in cells) <= 32_767
    left = len(session.raw[("", "company_intro")] if ("", "company_intro") in session.raw else
               session.raw[(FORM, "company_intro")].rstrip()) - PRINT_MAX_CHARS
    assert any(c.endswith(f"……（以下{left}字超过导出上限，未印出）") for c in cells)
