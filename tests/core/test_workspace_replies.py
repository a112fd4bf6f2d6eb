"""The enterprise answers a 退回 (officials.md §3.6, check R2 on the core side): opening the
return gives the 补正截止 banner and one marker per comment at its field, each comment can
be answered, the next package carries ``meta/replies.json``, and the official's import of
r2 attaches the answers to the comments — in the comment list and in the diff."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.core.workspace_helpers import FORM, enterprise_home, returned_e01
from tests.fixtures.officials.packages import build_package
from zjtx_desktop.cli import main
from zjtx_desktop.core.store.drafts import DraftStore
from zjtx_desktop.core.workspace import inbox
from zjtx_desktop.core.workspace.diff import compare
from zjtx_desktop.core.workspace.replies import ReplyRefused, answer, current_return
from zjtx_desktop.core.workspace.return_package import open_return
from zjtx_desktop.core.workspace.states import State


@pytest.fixture
def returned(
    tmp_path: Path, packages: dict[str, Path]
) -> tuple[object, str, Path, Path, list[int]]:
    """The official returns E01 with the three comments of R1; the enterprise's own folder
    (database and key) is copied so that answering does not change the shared fixture."""
    ws, app, target, ids = returned_e01(tmp_path, packages)
    home = enterprise_home(packages, "E01", tmp_path)
    return ws, app, target, home, ids


def test_opening_gives_banner_and_a_marker_per_comment(returned) -> None:
    _ws, app, target, home, ids = returned
    store = DraftStore(home / "drafts.sqlite3")
    try:
        before = [k for k, _a, _d in store.events(app)].count("return_opened")
        state = open_return(store, target)
        again = open_return(store, target)  # opening twice records it once
        assert [k for k, _a, _d in store.events(app)].count("return_opened") == before + 1
    finally:
        store.close()
    assert state.banner == again.banner == "推荐单位退回：3 条意见，请于 2021-05-10 前重新提交"
    assert [(f, fid, slot) for f, fid, slot, _c in state.markers()] == [
        (FORM, "operating_revenue.y2", ""),
        (FORM, "main_product_name", ""),
        ("evidence", "E003", ""),
    ]
    assert [int(c["id"]) for c in state.unanswered] == ids


def test_answers_travel_in_r2_and_attach_to_the_comments(
    returned, capsys: pytest.CaptureFixture[str]
) -> None:
    ws, app, target, home, ids = returned
    store = DraftStore(home / "drafts.sqlite3")
    try:
        open_return(store, target)
        with pytest.raises(ReplyRefused, match="是空的"):
            answer(store, app, ids[0], "   ")
        with pytest.raises(ReplyRefused, match="退回意见中没有 #999"):
            answer(store, app, 999, "已改")
        answer(store, app, ids[0], "初稿")  # replaced by the later answer below
        answer(store, app, ids[0], "已按审计报告改为 26900 万元")
        answer(store, app, ids[1], "以营业执照上的名称为准，已统一")
        state = current_return(store, app)
        assert state is not None and [int(c["id"]) for c in state.unanswered] == [ids[2]]
    finally:
        store.close()
    r2 = build_package("E01", home.parent, {"operating_revenue.y2": "26900"}, key_from=home)
    with zipfile.ZipFile(r2) as zf:
        carried = json.loads(zf.read("meta/replies.json"))
    assert [(r["comment_id"], r["text"]) for r in carried] == [
        (ids[0], "已按审计报告改为 26900 万元"),
        (ids[1], "以营业执照上的名称为准，已统一"),
    ]
    assert all(r["answered_at"] for r in carried)

    (out,) = inbox.import_files(ws, [r2])  # type: ignore[attr-defined]
    assert out.status == "accepted", out
    assert ws.application(app).state == State.RESUBMITTED  # type: ignore[attr-defined]
    by_id = {c.id: c for c in ws.comments(app)}  # type: ignore[attr-defined]
    assert [(by_id[i].status, by_id[i].reply) for i in ids] == [
        ("answered", "已按审计报告改为 26900 万元"),
        ("answered", "以营业执照上的名称为准，已统一"),
        ("open", ""),
    ]
    d = compare(ws, app)
    assert d.replies == [
        (ids[0], "已按审计报告改为 26900 万元"),
        (ids[1], "以营业执照上的名称为准，已统一"),
    ]
    assert f"  企业答复第{ids[0]}条意见：已按审计报告改为 26900 万元" in d.lines()


def test_no_replies_file_without_a_return(tmp_path: Path, packages: dict[str, Path]) -> None:
    with zipfile.ZipFile(packages["E02"]) as zf:
        assert "meta/replies.json" not in zf.namelist()


def test_answer_without_an_opened_return_is_refused(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    home = enterprise_home(packages, "E03", tmp_path)
    store = DraftStore(home / "drafts.sqlite3")
    try:
        (app,) = [r.id for r in store.list_all()]
        with pytest.raises(ReplyRefused, match="没有打开过退回意见"):
            answer(store, app, 1, "已改")
    finally:
        store.close()


def test_cli_open_reply_and_the_officials_listing(
    returned, capsys: pytest.CaptureFixture[str]
) -> None:
    ws, app, target, home, ids = returned
    db = ["--db", str(home / "drafts.sqlite3")]
    assert main([*db, "package", "open-return", str(target)]) == 0
    out = capsys.readouterr().out
    assert "推荐单位退回：3 条意见，请于 2021-05-10 前重新提交" in out
    assert out.count("（未答复）") == 3
    assert main([*db, "package", "reply", "--draft", app[:8], str(ids[2]), "已补第3页"]) == 0
    assert main([*db, "package", "reply", "--draft", app[:8], "999", "x"]) == 1
    capsys.readouterr()
    assert main([*db, "package", "open-return", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.count("（未答复）") == 2 and "答复：已补第3页" in out

    r2 = build_package("E01", home.parent, {"taxes_paid.y2": "1700"}, key_from=home)
    with zipfile.ZipFile(r2) as zf:
        (carried,) = json.loads(zf.read("meta/replies.json"))
    at = carried["answered_at"]  # the enterprise's clock, as its package says
    inbox.import_files(ws, [r2])  # type: ignore[attr-defined]
    wsargs = ["--workspace", str(ws.path)]  # type: ignore[attr-defined]
    assert main(["review", "comments", *wsargs, app, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(c["id"], c["status"], c["reply"], c["answered_at"]) for c in listed] == [
        (ids[0], "open", "", ""),
        (ids[1], "open", "", ""),
        (ids[2], "answered", "已补第3页", at),
    ]
    assert main(["review", "comments", *wsargs, app]) == 0
    # "2026-12-06T10:20:31.123+00:00" is shown to the minute
    assert f"    企业答复（{at[:10]} {at[11:16]}）：已补第3页" in capsys.readouterr().out
