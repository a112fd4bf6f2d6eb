"""Review states (officials.md §3.5, checks T1–T3, R5): guarded transitions, one audit row each."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.workspace_helpers import (
    FORM,
    audit_actions,
    changed_copy,
    complete_part6,
    with_fixtures,
)
from zjtx_desktop.core.workspace import inbox
from zjtx_desktop.core.workspace.returns import mark_returned, return_contents
from zjtx_desktop.core.workspace.states import State, TransitionRefused


def test_first_edit_starts_the_review(tmp_path: Path) -> None:
    ws, ids = with_fixtures(tmp_path, ["E01"])
    assert ws.application(ids["E01"]).state == State.RECEIVED
    ws.set_part6(ids["E01"], "review_class", "a")
    assert ws.application(ids["E01"]).state == State.IN_REVIEW


def test_recommend_refused_while_part6_incomplete_naming_the_first_gap(tmp_path: Path) -> None:
    ws, ids = with_fixtures(tmp_path, ["E01"])
    app = ids["E01"]
    ws.set_part6(app, "review_class", "a")
    with pytest.raises(TransitionRefused, match="符合必备指标项数”尚未填写"):
        ws.set_state(app, State.RECOMMENDED)
    assert ws.application(app).state == State.IN_REVIEW


def test_recommend_refused_when_ticks_and_count_disagree(tmp_path: Path) -> None:
    ws, ids = with_fixtures(tmp_path, ["E01"])
    app = ids["E01"]
    complete_part6(ws, app)
    ws.set_part6(app, "review_mandatory_count", "4")  # five are ticked
    with pytest.raises(TransitionRefused, match="必备指标项数与勾选的项数不一致"):
        ws.set_state(app, State.RECOMMENDED)
    ws.set_part6(app, "review_mandatory_count", "5")
    ws.set_part6(app, "review_class", "b")  # a is ticked
    with pytest.raises(TransitionRefused, match="分类与勾选的分类指标不一致"):
        ws.set_state(app, State.RECOMMENDED)


def test_recommend_refused_while_a_must_change_comment_is_open(tmp_path: Path) -> None:
    ws, ids = with_fixtures(tmp_path, ["E01"])
    app = ids["E01"]
    complete_part6(ws, app)
    ws.add_comment(app, FORM, "main_product_name", "提示", "名称可再简洁")  # does not block
    cid = ws.add_comment(app, FORM, "operating_revenue.y2", "须修改", "与审计报告不符")
    with pytest.raises(TransitionRefused, match=f"“须修改”意见未关闭（第{cid}条）"):
        ws.set_state(app, State.RECOMMENDED)
    ws.resolve_comment(cid, "已电话核实，审计报告为准")
    ws.set_state(app, State.RECOMMENDED)
    assert ws.application(app).state == State.RECOMMENDED


@pytest.mark.parametrize("reason", ["核实无误", "经初审核实无误。", "不符合", "", "  条件不足 "])
def test_not_recommended_needs_a_real_reason(tmp_path: Path, reason: str) -> None:
    ws, ids = with_fixtures(tmp_path, ["E03"])
    app = ids["E03"]
    ws.set_part6(app, "review_opinion", "不同意")
    with pytest.raises(TransitionRefused):
        ws.set_state(app, State.NOT_RECOMMENDED, reason)
    assert ws.application(app).state == State.IN_REVIEW


def test_not_recommended_with_a_reason(tmp_path: Path) -> None:
    ws, ids = with_fixtures(tmp_path, ["E03"])
    app = ids["E03"]
    ws.set_part6(app, "review_opinion", "不同意")
    ws.set_state(app, State.NOT_RECOMMENDED, "资产负债率80%，高于70%")
    assert ws.application(app).state == State.NOT_RECOMMENDED


def test_each_transition_writes_exactly_one_audit_row(tmp_path: Path) -> None:
    ws, ids = with_fixtures(tmp_path, ["E01"])
    app = ids["E01"]
    complete_part6(ws, app)
    before = audit_actions(ws)
    ws.set_state(app, State.RECOMMENDED)
    ws.set_state(app, State.IN_REVIEW, "需再核对排名佐证")
    ws.set_state(app, State.VOID, "测试数据，非正式申报")
    after = audit_actions(ws)[len(before) :]
    assert after == ["state", "state", "state"]
    rows = ws.conn.execute(
        "SELECT old, new, reason FROM audit WHERE action = 'state' ORDER BY seq DESC LIMIT 3"
    ).fetchall()
    assert rows[::-1] == [
        ("初核中", "拟推荐", ""),
        ("拟推荐", "初核中", "需再核对排名佐证"),
        ("初核中", "已作废", "测试数据，非正式申报"),
    ]


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (State.RECEIVED, State.RECOMMENDED),
        (State.VOID, State.IN_REVIEW),
        (State.RECEIVED, State.RETURNED),  # only a written return package does this
    ],
)
def test_unlisted_or_automatic_transitions_are_refused(
    tmp_path: Path, start: State, target: State
) -> None:
    ws, ids = with_fixtures(tmp_path, ["E01"])
    app = ids["E01"]
    if start == State.VOID:
        ws.set_state(app, State.VOID, "重复提交的测试件")
    rows = len(audit_actions(ws))
    with pytest.raises(TransitionRefused):
        ws.set_state(app, target, "随便写一个足够长的原因")
    assert len(audit_actions(ws)) == rows
    assert ws.application(app).state == start


def test_reported_to_in_review_is_refused() -> None:
    from zjtx_desktop.core.workspace.states import check_listed

    with pytest.raises(TransitionRefused, match="不能从“已上报”改为“初核中”"):
        check_listed(State.REPORTED, State.IN_REVIEW, "需要重新初核的原因")


def test_return_needs_an_open_comment_and_carries_only_comments(tmp_path: Path) -> None:
    ws, ids = with_fixtures(tmp_path, ["E01", "E02"])
    app = ids["E01"]
    ws.set_part6(app, "review_class", "a")
    with pytest.raises(TransitionRefused, match="没有未关闭的意见"):
        mark_returned(ws, app, "return-1")
    ws.add_comment(app, FORM, "operating_revenue.y2", "须修改", "请按审计报告填写")
    ws.add_comment(app, FORM, "main_product_name", "请说明", "主导产品名称与佐证不一致")
    ws.add_comment(app, "evidence", "", "须修改", "请补充清晰的营业执照复印件", file="E003")
    contents = return_contents(ws, app, "2021-05-10", "0431-1234567")
    assert [c["field_id"] or c["file"] for c in contents["comments"]] == [
        "operating_revenue.y2",
        "main_product_name",
        "E003",
    ]
    text = repr(contents)
    for secret in ("review_class", "part6", "advice", ids["E02"]):
        assert secret not in text
    mark_returned(ws, app, "return-1")
    assert ws.application(app).state == State.RETURNED


def test_a_newer_revision_never_stays_returned(tmp_path: Path) -> None:
    ws, ids = with_fixtures(tmp_path, ["E01"])
    app = ids["E01"]
    cid = ws.add_comment(app, FORM, "operating_revenue.y2", "须修改", "请按审计报告填写")
    mark_returned(ws, app, "return-1")
    r2 = changed_copy(tmp_path, "E01", {"operating_revenue.y2": "26900"})
    (out,) = inbox.import_files(ws, [r2])
    assert (out.status, out.application_id) == ("accepted", app)
    a = ws.application(app)
    assert (a.revision, a.state) == (2, State.RESUBMITTED)
    assert ws.comment(cid).status == "open"  # a plain file carries no replies
    ws.open_for_review(app)
    assert ws.application(app).state == State.IN_REVIEW
    # a revision arriving while recommended voids that opinion too
    complete_part6(ws, app)
    ws.resolve_comment(cid, "已按审计报告修改")
    ws.set_state(app, State.RECOMMENDED)
    r3 = changed_copy(tmp_path, "E01", {"operating_revenue.y2": "27000"}, "r3.json")
    inbox.import_files(ws, [r3])
    a = ws.application(app)
    assert (a.revision, a.state) == (3, State.RESUBMITTED)
