"""`zjtx review sign` (issue 9): the 推荐单位 signs part 六 of an enterprise's booklet from its
workspace — exit 0 and a file `zjtx verify` accepts, 1 refused with every reason, 2 unusable;
a later edit of 推荐意见 (an incremental update any PDF tool can append) makes `zjtx verify`
exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.workspace_helpers import new_workspace, packages, recommend
from tests.exchange.kit import Enterprise, cli
from tests.exchange.test_part6_lock import _change
from zjtx_desktop.core.exchange.part6 import part6_values
from zjtx_desktop.core.workspace import audit, inbox
from zjtx_desktop.core.workspace.workspace import Workspace

__all__ = ["packages"]  # the fixture: E01…E12 as the app's packages


def _received(tmp_path: Path, package: Path) -> tuple[Path, str]:
    ws = new_workspace(tmp_path)
    (out,) = inbox.import_files(ws, [package])
    assert out.status == "accepted", out
    ws.close()
    return tmp_path / "ws.sqlite", out.application_id


def sign(tmp_path: Path, ws: Path, app: str, *extra: str) -> tuple[int, str, str]:
    return cli(tmp_path / "drafts.sqlite3", "review", "sign", "--workspace", str(ws), app, *extra)


@pytest.fixture
def ready(tmp_path: Path, packages: dict[str, Path]) -> tuple[Path, str]:
    """E01 received as a package, 拟推荐 with part 六 complete, the unit's key made (its
    subject the unit's name, no credit code given)."""
    ws_path, app = _received(tmp_path, packages["E01"])
    ws = Workspace(ws_path)
    recommend(ws, app)
    ws.set_part6(app, "review_date", "2021-05-06")
    ws.close()
    db = tmp_path / "drafts.sqlite3"
    assert cli(db, "workspace", "key", str(ws_path))[0] == 0
    return ws_path, app


def test_signed_output_verifies_and_a_later_opinion_edit_does_not(
    ready: tuple[Path, str], tmp_path: Path
) -> None:
    ws, app = ready
    out = tmp_path / "推荐.pdf"
    code, stdout, stderr = sign(tmp_path, ws, app, "-o", str(out))
    assert code == 0, stderr
    assert "review_opinion：同意" in stdout and "review_date：2021年5月6日" in stdout
    db = tmp_path / "drafts.sqlite3"
    code, stdout, _err = cli(db, "verify", str(out), "--json")
    assert code == 0, stdout
    rows = {r["field"]: r for r in json.loads(stdout)["signatures"]}
    # intact and valid; not trusted, as nothing is pinned in this installation's trust store
    assert all(r["intact"] and r["valid"] and not r["trusted"] for r in rows.values())
    assert rows["RecommenderSeal"]["credit_code"] == ""  # a unit's key needs none
    assert "长春市工业和信息化局" in rows["RecommenderSeal"]["subject"]
    code, stdout, _err = cli(db, "verify", str(out))
    assert code == 0, stdout
    assert "RecommenderSeal：签名有效" in stdout
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(_change(out.read_bytes(), "part6_review_opinion", "不同意"))
    assert part6_values(forged.read_bytes())["review_opinion"] == "不同意"
    code, stdout, _err = cli(db, "verify", str(forged))
    assert code == 1
    assert "RecommenderSeal：签名后有不允许的修改" in stdout
    ws_ = Workspace(ws)
    assert [r["action"] for r in audit.rows(ws_.conn)][-1] == "sign_part6"
    ws_.close()


def test_refused_with_every_reason_and_nothing_written(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    ws, app = _received(tmp_path, packages["E01"])
    out = tmp_path / "x.pdf"
    code, _out, stderr = sign(tmp_path, ws, app, "-o", str(out))
    assert code == 1
    lines = stderr.strip().splitlines()
    assert len(lines) == 5 and all(ln.startswith("不能签署：") for ln in lines)
    assert "“已接收”" in lines[0] and "推荐意见”尚未填写" in lines[3]
    assert "zjtx workspace key" in lines[4]
    assert not out.exists()


def test_no_key_refused_wrong_passphrase_and_unwritable_output_unusable(
    ready: tuple[Path, str], tmp_path: Path
) -> None:
    ws, app = ready
    out = tmp_path / "x.pdf"
    code, _o, stderr = sign(tmp_path, ws, app, "-o", str(out), "--key", str(tmp_path / "no.p12"))
    assert code == 1 and "no.p12" in stderr
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("不是这个口令", encoding="utf-8")
    code, _o, stderr = sign(tmp_path, ws, app, "-o", str(out), "--passphrase-file", str(wrong))
    assert code == 2 and "口令不对" in stderr
    assert not out.exists()
    code, _o, stderr = sign(tmp_path, ws, app, "-o", str(tmp_path / "no" / "dir" / "x.pdf"))
    assert code == 2 and "无法写入" in stderr


def test_an_application_without_a_shenqingshu_has_no_part6(
    enterprise: Enterprise, tmp_path: Path
) -> None:
    """The session's enterprise fixture: 基本情况表 and 目标表 of jl-zd-2021b2, no 申请书."""
    ws = Workspace.init(tmp_path / "ws.sqlite", unit="某县工业和信息化局", level="县",
                        programme="jl-zd-2021b2", officer="李四")  # fmt: skip
    (got,) = inbox.import_files(ws, [enterprise.package])
    ws.close()
    code, _o, stderr = sign(tmp_path, ws.path, got.application_id, "-o", str(tmp_path / "x.pdf"))
    # one reason, not also 已接收, no part-六 fields, no key: none of them can be helped
    assert code == 1 and stderr.strip().splitlines() == [
        "不能签署：这份申报没有申请书，也就没有第六部分（初核推荐）：无需签署推荐意见"
    ]


def test_a_unit_key_needs_no_credit_code_an_enterprise_key_does(tmp_path: Path) -> None:
    from zjtx_desktop.core.exchange.identity import IdentityError, create_identity

    unit = create_identity(tmp_path / "u.p12", "某县工业和信息化局", "", b"pw", unit=True)
    assert (unit.subject, unit.credit_code) == ("某县工业和信息化局", "")
    with pytest.raises(IdentityError, match="统一社会信用代码"):
        create_identity(tmp_path / "e.p12", "某某科技有限公司", "", b"pw")
    assert not (tmp_path / "e.p12").exists()
