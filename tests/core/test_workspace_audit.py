"""The audit log (officials.md §3.13, checks A1–A2): hash-chained, verified, exported."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.core.workspace_helpers import FORM, changed_copy, with_fixtures
from zjtx_desktop.cli import main
from zjtx_desktop.core.workspace import audit, inbox
from zjtx_desktop.core.workspace.returns import mark_returned


def test_untouched_log_verifies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws, _ids = with_fixtures(tmp_path, ["E01", "E02"])
    ws.close()
    assert main(["audit", "verify", "--workspace", str(tmp_path / "ws.sqlite")]) == 0
    assert "哈希链无断点" in capsys.readouterr().out


@pytest.mark.parametrize("column", ["new", "actor", "reason"])
def test_editing_a_row_with_sqlite_is_named_by_its_seq(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], column: str
) -> None:
    ws, ids = with_fixtures(tmp_path, ["E01", "E02"])
    ws.set_part6(ids["E01"], "review_class", "a")
    ws.set_part6(ids["E02"], "review_class", "b")
    ws.close()
    path = tmp_path / "ws.sqlite"
    conn = sqlite3.connect(path)
    seq = conn.execute("SELECT seq FROM audit WHERE action='part6' ORDER BY seq").fetchone()[0]
    conn.execute(f"UPDATE audit SET {column} = 'x' WHERE seq = ?", (seq,))
    conn.commit()
    conn.close()
    assert main(["audit", "verify", "--workspace", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"seq {seq}）" in out and f"第{seq}条记录在写入后被改动" in out


def test_a_deleted_row_is_found(tmp_path: Path) -> None:
    ws, ids = with_fixtures(tmp_path, ["E01"])
    ws.set_part6(ids["E01"], "review_class", "a")
    ws.set_part6(ids["E01"], "review_class", "b")
    ws.conn.execute("DELETE FROM audit WHERE seq = 3")
    check = audit.verify(ws.conn)
    assert check.broken_seq == 3 and "缺失" in check.reason


def test_export_has_the_columns_and_one_row_per_action_of_the_return_script(
    tmp_path: Path,
) -> None:
    ws, ids = with_fixtures(tmp_path, ["E01"])
    app = ids["E01"]
    start = len(audit.rows(ws.conn))
    ws.add_comment(
        app, FORM, "operating_revenue.y2", "须修改", "请按审计报告填写"
    )  # + 已接收→初核中
    ws.add_comment(app, FORM, "main_product_name", "请说明", "名称与佐证不一致")
    ws.add_comment(app, "evidence", "", "须修改", "营业执照不清晰", file="E003")
    mark_returned(ws, app, "return-1")
    r2 = changed_copy(tmp_path, "E01", {"operating_revenue.y2": "26900"})
    inbox.import_files(ws, [r2])
    script = [r["action"] for r in audit.rows(ws.conn)[start:]]
    assert script == [
        "comment", "state", "comment", "comment", "state", "import_revision", "state"
    ]  # fmt: skip
    out = tmp_path / "log.csv"
    n = audit.export(ws.conn, out)
    with out.open(encoding="utf-8-sig") as fh:
        table = list(csv.reader(fh))
    assert table[0] == [
        "操作人",
        "时间",
        "操作",
        "申报编号",
        "表单",
        "字段",
        "原值",
        "新值",
        "原因",
        "关联",
    ]
    assert n == len(table) - 1 == len(audit.rows(ws.conn))
    assert [r[2] for r in table[start + 1 :]] == [  # 操作 by name, not by code (audit item 11)
        "提出意见", "改变状态", "提出意见", "提出意见", "改变状态", "接收新版本", "改变状态"
    ]  # fmt: skip
    xlsx = tmp_path / "log.xlsx"
    assert audit.export(ws.conn, xlsx) == n
    sheet = load_workbook(xlsx).active
    assert sheet is not None and sheet.max_row == n + 1
