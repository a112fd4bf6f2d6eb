"""The batch 初核 list (officials.md §3.8, checks B1, B2, B4), paper (Q1), rank (Q2), 抽查 (Q3)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.core.workspace_helpers import FORM, changed_copy, complete_part6, fixture, with_fixtures
from zjtx_desktop.cli import main
from zjtx_desktop.core.workspace import batch, inbox, review
from zjtx_desktop.core.workspace.paper import check_paper
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import WorkspaceError

# What each fixture enterprise was built to be (tests/fixtures/officials/build.py), by hand:
# revenue band → class; M2 always needs the reviewer's judgement (?); E03 debt 80% → M3 ✗;
# E10 1 invention patent and 4 others → M4 ✗; E06's class c still needs the judgement of its
# 创新成果 (c?); E12 is under 5000万 without equity financing → no class.
EXPECTED = {
    "E01": ("a", "✓?✓✓✓✓", 5), "E02": ("a", "✓?✓✓✓✓", 5), "E03": ("a", "✓?✗✓✓✓", 4),
    "E04": ("b", "✓?✓✓✓✓", 5), "E05": ("b", "✓?✓✓✓✓", 5), "E06": ("c?", "✓?✓✓✓✓", 5),
    "E07": ("b", "✓?✓✓✓✓", 5), "E08": ("a", "✓?✓✓✓✓", 5), "E09": ("a", "✓?✓✓✓✓", 5),
    "E10": ("a", "✓?✓✗✓✓", 4), "E11": ("a", "✓?✓✓✓✓", 5), "E12": ("", "✓?✓✓✓✓", 5),
}  # fmt: skip


@pytest.fixture
def twelve(tmp_path: Path) -> tuple[Any, dict[str, str]]:
    return with_fixtures(tmp_path)


def test_verdicts_are_the_ones_the_fixtures_were_built_for(twelve: Any) -> None:
    ws, ids = twelve
    rows = {r["application_id"]: r for r in batch.batch_rows(ws)}
    got = {
        name: (rows[a]["class"], "".join(rows[a]["mandatory"].values()), rows[a]["mandatory_met"])
        for name, a in ids.items()
    }
    assert got == EXPECTED


def test_every_cell_equals_zjtx_check(twelve: Any, capsys: pytest.CaptureFixture[str]) -> None:
    ws, ids = twelve
    rows = {r["application_id"]: r for r in batch.batch_rows(ws)}
    for name, app_id in ids.items():
        capsys.readouterr()
        assert (
            main(["check", str(fixture(name)), "--programme", review.INITIAL_RULES, "--json"]) == 0
        )
        (result,) = json.loads(capsys.readouterr().out)
        expected = {c["id"]: c["status"] for c in result["criteria"]}
        assert rows[app_id]["criteria"] == expected, name


def test_banners_quote_the_notice_and_block_nothing(twelve: Any) -> None:
    ws, ids = twelve
    rows = batch.batch_rows(ws)
    texts = [b.text for b in batch.banners(ws, rows)]
    assert any("白山冠宇电机有限公司" in t and "（004 L991-993）" in t for t in texts)
    assert any("91220108MA0Y7K2Q8Y 有 2 份申报" in t for t in texts)
    assert not any("L989-991" in t for t in texts)
    many = [dict(rows[0], state="拟推荐", review_class="a") for _ in range(201)]
    limit = [b for b in batch.banners(ws, many) if b.code == "LIMIT_TOTAL"]
    assert len(limit) == 1 and "推荐报送总数不超过200家" in limit[0].text
    assert "（004 L989-991）" in limit[0].text
    eleven_c = [dict(rows[0], state="拟推荐", review_class="c") for _ in range(11)]
    assert [b.code for b in batch.banners(ws, eleven_c) if b.code.startswith("LIMIT")] == [
        "LIMIT_SMALL"
    ]
    ten_c = eleven_c[:10]
    assert not [b for b in batch.banners(ws, ten_c) if b.code.startswith("LIMIT")]
    # the declared champion can still be recommended: nothing is blocked
    e07 = ids["E07"]
    complete_part6(ws, e07, "b")
    ws.set_state(e07, State.RECOMMENDED)


def test_verdicts_are_cached_per_revision(twelve: Any, tmp_path: Path, monkeypatch: Any) -> None:
    ws, ids = twelve
    batch.batch_rows(ws)
    calls: list[int] = []
    real = batch.verdict_row
    monkeypatch.setattr(batch, "verdict_row", lambda s: calls.append(1) or real(s))
    batch.batch_rows(ws)
    assert calls == []  # reopened: nothing recomputed
    r2 = changed_copy(tmp_path, "E03", {"total_liabilities.y2": "20000", "debt_ratio.y2": "57.80"})
    inbox.import_files(ws, [r2])  # the new revision's verdicts are computed on import
    rows = {r["application_id"]: r for r in batch.batch_rows(ws)}
    assert calls == []
    assert rows[ids["E03"]]["mandatory"]["M3"] == "✓"
    assert rows[ids["E03"]]["revision"] == 2
    ws.conn.execute("DELETE FROM verdicts WHERE application_id = ?", (ids["E05"],))
    batch.batch_rows(ws)
    assert calls == [1]  # only the row without a cached verdict


def test_xlsx_matches_the_screen_row_for_row(twelve: Any, tmp_path: Path) -> None:
    ws, ids = twelve
    ws.move(ids["E05"], 1)
    rows = batch.batch_rows(ws)
    headers, cells = batch.table(rows)
    out = tmp_path / "初核清单.xlsx"
    assert batch.export_xlsx(ws, out, rows) == 12
    sheet = load_workbook(out).active
    assert sheet is not None
    got = [[c.value for c in r] for r in sheet.iter_rows(min_row=2, max_row=14)]
    assert got[0] == headers
    for line, want in zip(got[1:], cells, strict=True):
        assert [("" if v is None else v) for v in line] == [
            float(w) if not isinstance(w, str | int) else w for w in want
        ]
    assert got[1][2] == "辽源金川新材料有限公司"  # rank 1 after the move
    revenue = headers.index("营业收入（上年，万元）")
    assert sheet.cell(row=3, column=revenue + 1).data_type == "n"
    # the verdicts name the rules they follow (issue 14: every list carrying a verdict says so)
    below = [sheet.cell(row=r, column=1).value for r in range(16, 20)]
    assert any(
        v and v.startswith("判断依据：") and "工信厅企业函〔2021〕79号" in v and "v1" in v
        for v in below
    )


def test_paper_copies_are_counted_and_old_revisions_called_out(twelve: Any, tmp_path: Path) -> None:
    ws, ids = twelve
    app = ids["E01"]
    ws.set_profile("copies", {FORM: 2})
    r1_code = ws.current(app).digests[FORM][:12].upper()
    first = check_paper(ws, r1_code)
    assert (first.application_id, first.form_id, first.revision) == (app, FORM, 1)
    assert "已核对 1/2" in first.message
    assert "已核对 2/2" in check_paper(ws, r1_code).message
    r2 = changed_copy(tmp_path, "E01", {"taxes_paid.y2": "1700"})
    inbox.import_files(ws, [r2])
    assert batch.batch_rows(ws)[0]["paper"] == "须重新打印"
    old = check_paper(ws, r1_code)
    assert not old.is_current
    assert old.message.startswith("纸质件为旧版本（r1），当前为 r2")
    with pytest.raises(WorkspaceError, match="没有与校验码"):
        check_paper(ws, "000000000000")


def test_rank_moves_are_logged_from_and_to(twelve: Any) -> None:
    ws, _ids = twelve
    fifth = ws.applications()[4]
    ws.move(fifth.id, 1)
    assert next(a.id for a in ws.applications()) == fifth.id
    assert [a.rank for a in ws.applications()] == list(range(1, 13))
    (old, new) = ws.conn.execute(
        "SELECT old, new FROM audit WHERE action = 'rank' ORDER BY seq DESC"
    ).fetchone()
    assert (old, new) == ("5", "1")


def test_sample_is_reproducible_from_its_seed(tmp_path: Path) -> None:
    from tests.core.workspace_helpers import new_workspace

    ws = new_workspace(tmp_path)
    for i in range(25):
        p = changed_copy(tmp_path, "E01", {"enterprise_name": f"抽查样本企业{i:02d}有限公司"},
                         f"s{i}.json")  # fmt: skip
        inbox.import_files(ws, [p])
    first = ws.sample(30, 1234)
    assert len(first) == 8  # ⌈0.3 × 25⌉
    assert ws.sample(30, 1234) == first
    assert ws.sample(30, 99) != first
    log = ws.conn.execute("SELECT reason FROM audit WHERE action = 'sample'").fetchall()
    assert log[0][0] == "比例30%，随机种子1234"
