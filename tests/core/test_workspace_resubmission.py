"""Re-submission and its diff (officials.md §3.7, check R4): commented and uncommented field
changes, a replaced evidence file, the reply, and which paper must be stamped again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.core.workspace_helpers import FORM, fixture, new_workspace
from zjtx_desktop.cli import main
from zjtx_desktop.core.workspace.diff import REQUESTED, UNREQUESTED, compare
from zjtx_desktop.core.workspace.inbox import Incoming, receive
from zjtx_desktop.core.workspace.paper import form_paper_status
from zjtx_desktop.core.workspace.returns import mark_returned
from zjtx_desktop.core.workspace.states import State


def _incoming(values: dict[str, Any], revision: int, evidence_sha: str,
              replies: list[dict[str, Any]] | None = None) -> Incoming:  # fmt: skip
    return Incoming(
        submission_id=f"pkg-r{revision}",
        application_id="A1F3",
        revision=revision,
        kind="package",
        files=[f"ZJTX_r{revision}.zjtx"],
        blobs=[(f"ZJTX_r{revision}.zjtx", f"bytes r{revision}".encode())],
        data={FORM: values},
        evidence=[
            {"path": "evidence/E001.pdf", "sha256": "a" * 64, "title": "营业执照复印件"},
            {"path": "evidence/E003.pdf", "sha256": evidence_sha, "title": "审计报告"},
        ],
        replies=replies or [],
        signer="0123456789abcdef",
        enterprise=values["enterprise_name"],
        credit_code=values["credit_code"],
        programme="nat-xjr-2021b3",
    )


def test_r4_resubmission_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = new_workspace(tmp_path)
    values = json.loads(fixture("E01").read_text(encoding="utf-8"))["values"]
    assert receive(ws, _incoming(values, 1, "b" * 64)).status == "accepted"
    c1 = ws.add_comment("A1F3", FORM, "operating_revenue.y2", "须修改", "与审计报告不符")
    ws.add_comment("A1F3", FORM, "main_product_name", "请说明", "名称与佐证不一致")
    ws.add_comment("A1F3", "evidence", "", "须修改", "审计报告缺页", file="E003")
    mark_returned(ws, "A1F3", "return-1")
    r2 = dict(values, **{"operating_revenue.y2": "26900", "taxes_paid.y2": "1700"})
    reply = [{"comment_id": c1, "text": "已按审计报告更正为26900万元"}]
    out = receive(ws, _incoming(r2, 2, "c" * 64, reply))
    assert out.status == "accepted"
    app = ws.application("A1F3")
    assert (app.revision, app.state) == (2, State.RESUBMITTED)
    assert ws.comment(c1).status == "answered" and ws.comment(c1).reply == reply[0]["text"]
    d = compare(ws, "A1F3")
    assert [(c.field_id, c.old, c.new, c.mark) for c in d.fields] == [
        ("operating_revenue.y2", "26800", "26900", REQUESTED),
        ("taxes_paid.y2", "1680", "1700", UNREQUESTED),
    ]
    assert [(e.kind, e.path, e.requested) for e in d.evidence] == [
        ("替换", "evidence/E003.pdf", True)
    ]
    assert d.replies == [(c1, "已按审计报告更正为26900万元")]
    assert d.reprint == [FORM]
    assert form_paper_status(ws, app, FORM) == "须重新打印"
    ws.close()
    assert main(["review", "diff", "--workspace", str(tmp_path / "ws.sqlite"), "A1F3"]) == 0
    text = capsys.readouterr().out
    assert "营业收入（万元）" in text or "营业收入" in text
    assert UNREQUESTED in text and "纸质件须重新打印盖章" in text


def test_an_older_package_after_a_newer_one_is_archived_only(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    values = json.loads(fixture("E01").read_text(encoding="utf-8"))["values"]
    receive(ws, _incoming(dict(values, **{"taxes_paid.y2": "1700"}), 2, "b" * 64))
    out = receive(ws, _incoming(values, 1, "b" * 64))
    assert (out.status, out.codes) == ("older", ["PKG_OLDER"])
    app = ws.application("A1F3")
    assert (app.revision, app.submission) == (2, "pkg-r2")
    assert [(s.revision, s.status) for s in ws.submissions("A1F3")] == [
        (1, "archived"),
        (2, "current"),
    ]


def test_verdict_flips_are_listed(tmp_path: Path) -> None:
    ws = new_workspace(tmp_path)
    values = json.loads(fixture("E01").read_text(encoding="utf-8"))["values"]
    receive(ws, _incoming(values, 1, "b" * 64))
    worse = dict(values, **{"total_liabilities.y2": "27680", "debt_ratio.y2": "80"})
    receive(ws, _incoming(worse, 2, "b" * 64))
    d = compare(ws, "A1F3")
    assert ("INIT-M3", "met", "not_met") in d.verdicts
    assert all(not c.requested for c in d.fields)


def test_an_answer_time_that_is_not_a_time_is_kept_out_and_the_answer_kept(
    tmp_path: Path,
) -> None:
    """meta/replies.json comes from the enterprise: a time the package gets wrong (a number,
    a word) is not shown as a time, and the answer itself still reaches the comment."""
    ws = new_workspace(tmp_path)
    values = json.loads(fixture("E01").read_text(encoding="utf-8"))["values"]
    receive(ws, _incoming(values, 1, "b" * 64))
    c1 = ws.add_comment("A1F3", FORM, "operating_revenue.y2", "须修改", "与审计报告不符")
    c2 = ws.add_comment("A1F3", FORM, "main_product_name", "请说明", "名称与佐证不一致")
    c3 = ws.add_comment("A1F3", "general", "", "提示", "请核对")
    mark_returned(ws, "A1F3", "return-1")
    replies = [
        {"comment_id": c1, "text": "已更正", "answered_at": "2021-05-08T09:30:12.500+08:00"},
        {"comment_id": c2, "text": "已统一", "answered_at": 20210508},
        {"comment_id": c3, "text": "已核对", "answered_at": "昨天下午"},
    ]
    assert receive(ws, _incoming(values, 2, "b" * 64, replies)).status == "accepted"
    got = {c.id: (c.reply, c.answered_at, c.reply_line) for c in ws.comments("A1F3")}
    assert got == {
        c1: ("已更正", "2021-05-08T09:30:12.500+08:00", "企业答复（2021-05-08 09:30）：已更正"),
        c2: ("已统一", "", "企业答复：已统一"),
        c3: ("已核对", "", "企业答复：已核对"),
    }
