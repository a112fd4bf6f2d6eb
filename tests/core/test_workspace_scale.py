"""The scale checks of officials.md §4 on a thousand applications: B3 (batch list: first build
≤ 10 s with rows reported as they come, reopened ≤ 1 s from the per-revision cache, sort and
filter ≤ 200 ms) and H5 (a 1,000-row 汇总表 written as xlsx and PDF in ≤ 10 s), each read back.

Times are the process's CPU time (``time.process_time``): the goals are the 2-core reference
machine's, and up to seven engineers share this one, so wall time would measure their work
too; CPU time measures ours (one thread: on an idle machine the two agree). The wall time is
printed beside it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from tests.core.workspace_helpers import clone_applications, with_fixtures
from zjtx_desktop.core.workspace import summary
from zjtx_desktop.core.workspace.batch import batch_rows, select_rows
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.summary_print import write_pdf, write_xlsx
from zjtx_desktop.core.workspace.workspace import Workspace

N = 1000


def _timed(fn: Any, *args: Any, **kw: Any) -> tuple[Any, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    out = fn(*args, **kw)
    used = time.process_time() - cpu
    print(
        f"{getattr(fn, '__name__', fn)}: CPU {used:.2f} s, wall {time.perf_counter() - wall:.2f} s"
    )
    return out, used


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """998 clones of E01 (M3 ✓, 5 必备) and E03 (debt 80%: M3 ✗, 4 必备) in turn, plus the
    two themselves: 500 of each."""
    ws, ids = with_fixtures(tmp_path_factory.mktemp("b3"), ["E01", "E03"])
    clone_applications(ws, [ids["E01"], ids["E03"]], N - 2)
    path = ws.path
    ws.close()
    return Path(path)


def test_b3_first_build_reopen_sort_filter(thousand: Path) -> None:
    ws = Workspace(thousand)
    seen: list[tuple[int, int]] = []
    rows, first = _timed(batch_rows, ws, lambda i, n: seen.append((i, n)))
    assert first <= 10.0
    assert seen == [(i, N) for i in range(1, N + 1)]  # every row reported as it comes
    # by hand: half are E03's figures
    assert sum(r["mandatory"]["M3"] == "✗" for r in rows) == N // 2
    assert sorted({r["mandatory_met"] for r in rows}) == [4, 5]
    ws.close()

    again = Workspace(thousand)  # reopened: a new connection, the cache on disk
    cached = again.conn.execute("SELECT COUNT(*) FROM verdicts").fetchone()[0]
    assert cached == N
    reopened, used = _timed(batch_rows, again)
    assert used <= 1.0
    assert reopened == rows

    by_debt, sort_time = _timed(select_rows, rows, sort="必备M3")
    assert sort_time <= 0.2
    assert [r["mandatory"]["M3"] for r in by_debt[:1]] == ["✓"]  # ✓ sorts before ✗
    assert by_debt[N // 2]["mandatory"]["M3"] == "✗"
    found, filter_time = _timed(select_rows, rows, "第7")
    assert filter_time <= 0.2
    # names 第1号 … 第998号 (clone i is number i+1): 第7 starts 7, 70–79 and 700–799
    assert len(found) == 1 + 10 + 100
    # E03's figures are the odd clones, i.e. the even numbers: 70, 72 … 78 and 700 … 798
    assert len(select_rows(rows, "第7 资产负债率")) == 0  # words are cells' text, not labels
    assert sum(r["mandatory"]["M3"] == "✗" for r in found) == 5 + 50
    again.close()


def test_h5_thousand_row_a6_in_ten_seconds(tmp_path: Path) -> None:
    ws, ids = with_fixtures(tmp_path, ["E01"])
    clone_applications(ws, [ids["E01"]], N, state=State.RECOMMENDED)

    def both() -> summary.Summary:
        s = summary.build(ws, "A6")
        write_xlsx(s, tmp_path / "A6.xlsx")
        write_pdf(s, tmp_path / "A6.pdf")
        return s

    s, used = _timed(both)
    assert used <= 10.0
    assert len(s.rows) == N
    sheet = load_workbook(tmp_path / "A6.xlsx").active
    assert sheet is not None
    names = [sheet.cell(row=r, column=2).value for r in range(5, 5 + N)]
    assert (
        names[0] == "吉林省第1号精密机械有限公司" and names[-1] == f"吉林省第{N}号精密机械有限公司"
    )
    pdf = pdfium.PdfDocument(tmp_path / "A6.pdf")
    try:
        pages = ["".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))]
    finally:
        pdf.close()
    assert all(f"第{i}页共{len(pages)}页" in p for i, p in enumerate(pages, start=1))
    assert all("序号" in p and s.code[:4] in p for p in pages)
    assert f"吉林省第{N}号精密机械有限公司" in pages[-1]
