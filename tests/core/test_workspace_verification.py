"""核查记录 and 佐证材料 status (officials.md §3.9, S5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.core.workspace_helpers import audit_actions, with_evidence
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.verification import (
    add_verification,
    evidence_status,
    export_verifications,
    mark_original_seen,
)
from zjtx_desktop.core.workspace.workspace import WorkspaceError


def test_verification_records_and_their_table(tmp_path: Path) -> None:
    ws = with_evidence(tmp_path)
    with pytest.raises(WorkspaceError, match="不是结论"):
        add_verification(ws, "A1", "信用中国", "2021-05-07", "核实无误")
    scan = tmp_path / "信用报告.pdf"
    scan.write_bytes(b"%PDF-1.4 credit report")
    add_verification(ws, "A1", "信用中国", "2021-05-07", "未查到严重失信记录", scan)
    add_verification(ws, "A1", "应急管理局", "2021-05-08", "近三年无重大安全事故")
    assert ws.application("A1").state == State.IN_REVIEW
    assert audit_actions(ws)[-2:] == ["verification", "verification"]
    out = tmp_path / "核查情况表.xlsx"
    assert export_verifications(ws, out) == 2
    sheet = load_workbook(out).active
    assert sheet is not None
    assert [c.value for c in sheet[3]][3:6] == ["信用中国", "2021-05-07", "未查到严重失信记录"]


def test_originals_seen(tmp_path: Path) -> None:
    ws = with_evidence(tmp_path)
    mark_original_seen(ws, "A1", "E002")
    status = {k: s for k, _t, s in evidence_status(ws, "A1")}
    assert status["E001"] == "已附" and status["E002"].startswith("原件已核（张三，")
    with pytest.raises(WorkspaceError, match="没有佐证材料“E009”"):
        mark_original_seen(ws, "A1", "E009")
