"""The officials' inbox checks every package's signing key with the official's trust store
(audit1 items 1, 2, 12): a pinned key is trusted, another key is the loud PKG_KEY_CHANGED, a
first contact the visible PKG_KEY_UNPINNED, a revoked certificate is refused; what the source
says is what was checked; a flag the official settles by a paper check is acknowledged (with
a note, audit-logged), one that says the content disagrees needs a return."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.core.workspace_helpers import complete_part6, enterprise_home, new_workspace
from tests.exchange.kit import members, recomputed_forms, resign, rezip
from tests.exchange.pki import make_pki
from tests.fixtures.officials.packages import PASS, build_package
from zjtx_desktop.core.exchange.trust import TrustStore
from zjtx_desktop.core.workspace import batch, inbox
from zjtx_desktop.core.workspace.check_record import build_record
from zjtx_desktop.core.workspace.states import State, TransitionRefused
from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError

CODE = "91220102MA0Y7K2Q2M"  # E02, 长春华晟传感科技有限公司
FORM_DATA = "data/nat-xjr-application-2021.json"


def fingerprint(package: Path) -> str:
    return str(json.loads(members(package)["manifest.json"])["signer"]["fingerprint"])


def printed(fp: str) -> str:
    """The fingerprint as the 目录 page prints it (16 hex digits, in fours)."""
    return " ".join(fp[i : i + 4].upper() for i in range(0, 16, 4))


def with_trust(tmp_path: Path) -> tuple[Workspace, TrustStore]:
    trust = TrustStore(tmp_path / "trust")
    ws = new_workspace(tmp_path)
    return Workspace(ws.path, ws.officer, trust), trust


def other_key_package(tmp_path: Path, packages: dict[str, Path], changes: dict[str, str],
                      home: Path | None = None) -> Path:  # fmt: skip
    """The audit's repro: a copy of E02's installation whose key was deleted and made again
    (``zjtx keys create``), then a changed value exported: the same application, signed by
    a new key. ``home`` reuses such a copy (a later package with that new key)."""
    if home is None:
        home = tmp_path / "evil"
        shutil.copytree(enterprise_home(packages, "E02", tmp_path), home)
        (home / "identity.p12").unlink()
    return build_package("E02", home.parent, changes, key_from=home)


def test_a_package_signed_by_another_key_than_the_pinned_one_is_flagged_key_changed(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    ws, trust = with_trust(tmp_path)
    trust.pin(CODE, printed(fingerprint(packages["E02"])))  # typed from the stamped paper
    evil = other_key_package(tmp_path, packages, {"operating_revenue.y2": "50200"})
    (out,) = inbox.import_files(ws, [evil])
    assert (out.status, out.codes) == ("accepted", ["PKG_KEY_CHANGED"])
    app = out.application_id
    assert ws.source_label(app) == "交换包（已验签，密钥已变更，未核对）"
    (row,) = batch.batch_rows(ws)
    assert dict(zip(batch.table([row])[0], batch.table([row])[1][0], strict=True))["来源"] == (
        "交换包（已验签，密钥已变更，未核对）"
    )
    facts = dict(build_record(ws, app).facts)
    assert facts["来源"] == (
        f"交换包，已验签，密钥已变更，未核对（签名指纹 {printed(fingerprint(evil))}）"
    )


def test_the_pinned_key_is_said_to_be_checked(tmp_path: Path, packages: dict[str, Path]) -> None:
    ws, trust = with_trust(tmp_path)
    trust.pin(CODE, printed(fingerprint(packages["E02"])))
    (out,) = inbox.import_files(ws, [packages["E02"]])
    assert (out.status, out.codes) == ("accepted", [])
    assert ws.source_label(out.application_id) == "交换包（已验签，指纹已核对）"
    fp = printed(fingerprint(packages["E02"]))
    assert dict(build_record(ws, out.application_id).facts)["来源"] == (
        f"交换包，已验签，指纹已核对（签名指纹 {fp}）"
    )


def test_a_first_contact_is_flagged_and_its_source_says_the_key_is_unchecked(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    ws, _trust = with_trust(tmp_path)
    (out,) = inbox.import_files(ws, [packages["E02"]])
    assert (out.status, out.codes) == ("accepted", ["PKG_KEY_UNPINNED"])
    assert ws.source_label(out.application_id) == "交换包（已验签，密钥未核对（首次收到））"
    # an unpinned key alone does not hold up 拟推荐 (signing.md §7: a warned first contact)
    complete_part6(ws, out.application_id)
    ws.set_state(out.application_id, State.RECOMMENDED)


def _ca_signed(tmp_path: Path, package: Path) -> tuple[Path, object]:
    """E02's package re-signed by a certificate a CA issued to the enterprise."""
    pki = make_pki(CODE)
    signed = rezip(tmp_path / "ca.zjtx", resign(members(package), pki.seal))
    root = tmp_path / "ca.pem"
    root.write_bytes(pki.root_pem)
    return signed, pki


def test_a_revoked_certificate_is_refused(tmp_path: Path, packages: dict[str, Path]) -> None:
    signed, pki = _ca_signed(tmp_path, packages["E02"])
    ws, trust = with_trust(tmp_path)
    trust.add_root(tmp_path / "ca.pem")
    crl = tmp_path / "ca.crl"
    crl.write_bytes(pki.crl_revoking(pki.seal.cert))  # type: ignore[attr-defined]
    trust.add_crl(crl)
    (out,) = inbox.import_files(ws, [signed])
    day = pki.seal.cert.not_valid_before_utc  # type: ignore[attr-defined]
    assert out.status == "refused" and out.codes == ["PKG_KEY_REVOKED"]
    assert out.message.startswith(
        "ca.zjtx：签名证书已被吊销（ZJTX 测试根 CA 的吊销列表，吊销日期 "
    ), out.message
    assert out.message.endswith("）：离线无法确认签名早于吊销，交换包不能作为该企业的申报，未接收")
    assert day is not None and ws.applications() == []


def test_a_certificate_issued_by_an_imported_root_counts_as_checked(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    signed, _pki = _ca_signed(tmp_path, packages["E02"])
    ws, trust = with_trust(tmp_path)
    trust.add_root(tmp_path / "ca.pem")
    (out,) = inbox.import_files(ws, [signed])
    # the booklet keeps the enterprise's own PAdES signature: another signer than the package's
    assert (out.status, out.codes) == ("accepted", ["PKG_PDF_SIGNER"])
    assert ws.source_label(out.application_id) == "交换包（已验签，证书由信任库中的根证书签发）"


def test_after_a_key_change_an_acknowledgement_unblocks_recommendation_and_pins_the_key(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    ws, trust = with_trust(tmp_path)
    (r1,) = inbox.import_files(ws, [packages["E02"]])
    evil = other_key_package(tmp_path, packages, {"operating_revenue.y2": "50200"})
    (r2,) = inbox.import_files(ws, [evil])
    assert r2.codes == ["PKG_KEY_CHANGED"]  # against r1's key; the louder flag only
    app = r2.application_id
    complete_part6(ws, app)
    fp = printed(fingerprint(evil))
    with pytest.raises(TransitionRefused) as refused:
        ws.set_state(app, State.RECOMMENDED)
    assert str(refused.value) == (
        "不能改为“拟推荐”：交换包标记“签名密钥已变更”尚未处理：请核对企业盖章纸质件目录页上"
        f"打印的签名指纹与本版交换包的指纹（{fp}）是否一致，一致后确认该标记并写明核对情况"
        "（可同时固定新指纹）；不一致请退回企业"
    )
    with pytest.raises(WorkspaceError, match="确认标记须写明核对情况"):
        ws.acknowledge_flag(app, "PKG_KEY_CHANGED", "  ")
    ws.acknowledge_flag(app, "PKG_KEY_CHANGED", f"已核对纸质件目录页指纹 {fp}，一致", pin=True)
    ws.set_state(app, State.RECOMMENDED)
    assert ws.application(app).state == State.RECOMMENDED
    (ack,) = ws.conn.execute(
        "SELECT actor, field_id, reason, ref FROM audit WHERE action = 'flag_ack'"
    ).fetchall()
    note = f"已核对纸质件目录页指纹 {fp}，一致"
    assert ack == ("张三", "PKG_KEY_CHANGED", note, ws.current(app).id)
    assert ws.source_label(app) == "交换包（已验签，密钥已变更（张三已核对确认））"
    with pytest.raises(WorkspaceError, match="已由张三确认"):
        ws.acknowledge_flag(app, "PKG_KEY_CHANGED", "再次确认")
    # the key is pinned now: a later package with it passes without a flag
    assert trust.status(CODE, fingerprint(evil)) == "pinned"
    r3 = other_key_package(tmp_path, packages, {"employees": "321"}, home=tmp_path / "evil")
    assert fingerprint(r3) == fingerprint(evil)
    fresh = Workspace(new_workspace(tmp_path / "w2").path, "李四", trust)
    (again,) = inbox.import_files(fresh, [r3])
    assert (again.status, again.codes) == ("accepted", [])
    assert r1.codes == ["PKG_KEY_UNPINNED"]


def test_zjtx_trust_pin_of_the_new_fingerprint_lets_later_packages_pass(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    ws, trust = with_trust(tmp_path)
    inbox.import_files(ws, [packages["E02"]])
    trust.pin(CODE, printed(fingerprint(packages["E02"])))
    evil = other_key_package(tmp_path, packages, {"operating_revenue.y2": "50200"})
    trust.pin(CODE, printed(fingerprint(evil)))  # the official checked the new paper
    (r2,) = inbox.import_files(ws, [evil])
    assert (r2.status, r2.codes) == ("accepted", [])


def test_a_flag_saying_the_content_disagrees_cannot_be_acknowledged(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    from zjtx_desktop.core.exchange.identity import load_identity

    home = enterprise_home(packages, "E02", tmp_path)
    own_key = load_identity(home / "identity.p12", PASS)
    files = members(packages["E02"])
    data = json.loads(files[FORM_DATA])
    data["values"]["employees"] = "999"  # changed after the booklet was printed
    files[FORM_DATA] = json.dumps(data, ensure_ascii=False).encode()
    mismatch = rezip(tmp_path / "m.zjtx", resign(files, own_key, recomputed_forms(files)))
    ws, trust = with_trust(tmp_path)
    trust.pin(CODE, fingerprint(packages["E02"]))
    (out,) = inbox.import_files(ws, [mismatch])
    assert out.status == "accepted" and set(out.codes) == {"PKG_PDF_MISMATCH"}
    app = out.application_id
    complete_part6(ws, app)
    return_needed = (
        "交换包的内容前后不一致，不能由推荐单位确认消除：须退回企业，由企业重新导出交换包后再次提交"
    )
    with pytest.raises(TransitionRefused) as refused:
        ws.set_state(app, State.RECOMMENDED)
    assert str(refused.value) == (
        f"不能改为“拟推荐”：交换包标记“PDF 校验码与数据不一致”尚未处理：{return_needed}"
    )
    with pytest.raises(WorkspaceError) as e:
        ws.acknowledge_flag(app, "PKG_PDF_MISMATCH", "看过了")
    assert str(e.value) == f"“PDF 校验码与数据不一致”不能确认消除：{return_needed}"
    with pytest.raises(WorkspaceError) as e:
        ws.acknowledge_flag(app, "PKG_KEY_CHANGED", "看过了")
    assert str(e.value) == "本申报第1版没有“签名密钥已变更”标记"
    assert not ws.conn.execute("SELECT 1 FROM audit WHERE action = 'flag_ack'").fetchall()


def test_the_audit_repro_through_the_cli(tmp_path: Path, packages: dict[str, Path]) -> None:
    from tests.exchange.kit import cli

    db = tmp_path / "official" / "drafts.sqlite3"  # the official's data dir holds trust/
    db.parent.mkdir()
    ws = str(tmp_path / "w.zjtxws")
    assert cli(db, "workspace", "init", ws, "--unit", "X县工业和信息化局", "--level", "县",
               "--programme", "nat-xjr-2021b3", "--officer", "a")[0] == 0  # fmt: skip
    real = packages["E02"]
    code, out, _ = cli(db, "package", "verify", str(real))
    fp = printed(fingerprint(real))
    assert code == 0
    assert f"签名：长春华晟传感科技有限公司  指纹 {fp}（密钥未核对（未固定指纹））" in out
    assert (
        "[提示] PKG_KEY_UNPINNED: 该企业的签名密钥尚未核对（信任库中没有固定的指纹）："
        f"请核对企业盖章纸质件目录页上的签名指纹 {fp}，一致后固定该指纹"
    ) in out
    assert cli(db, "trust", "pin", CODE, fp)[0] == 0
    evil = other_key_package(tmp_path, packages, {"operating_revenue.y2": "50200"})
    code, out, _ = cli(db, "package", "verify", str(evil))
    assert (code, out.count("[提示]")) == (0, 1)
    assert (
        "[提示] PKG_KEY_CHANGED: 签名密钥已变更（与已固定的指纹或上次提交的不同）："
        f"请核对企业盖章纸质件目录页上的签名指纹是否为 {printed(fingerprint(evil))}"
    ) in out
    code, out, _ = cli(db, "inbox", "import", "--workspace", ws, str(real), str(evil))
    assert code == 0
    first, second = out.splitlines()
    assert first.startswith("已接收 ") and first.endswith(real.name)  # pinned: no note
    assert second.endswith(
        "签名密钥已变更（与已固定的指纹或上次提交的不同）：请核对企业盖章纸质件目录页上的签名指纹"
    )
    code, out, _ = cli(db, "batch", "--workspace", ws, "--json")
    (row,) = json.loads(out)["rows"]
    assert row["source"] == "交换包（已验签，密钥已变更，未核对）"
    app = row["application_id"]
    opened = Workspace(Path(ws), "a")
    complete_part6(opened, app)
    opened.close()
    code, _, err = cli(db, "review", "state", "--workspace", ws, app, "拟推荐")
    assert code == 1 and "交换包标记“签名密钥已变更”尚未处理" in err
    assert err.splitlines()[-1] == (
        f'核对后：zjtx review ack --workspace {ws} {app} PKG_KEY_CHANGED --note "核对情况" --pin'
    )
    new_fp = printed(fingerprint(evil))
    code, out, err = cli(db, "review", "ack", "--workspace", ws, app, "PKG_KEY_CHANGED",
                         "--note", f"已核对纸质件目录页指纹 {new_fp}", "--pin")  # fmt: skip
    assert code == 0, err
    assert out == (
        "已确认：长春华晟传感科技有限公司 第2版的“签名密钥已变更”，已在信任库中固定本版的签名指纹\n"
    )
    assert cli(db, "review", "state", "--workspace", ws, app, "拟推荐")[0] == 0
    code, out, _ = cli(db, "trust", "list", "--json")
    assert {p["sha256"] for p in json.loads(out)["pins"]} == {
        fp.replace(" ", "").lower(),
        fingerprint(evil),
    }
    code, _, err = cli(db, "review", "ack", "--workspace", ws, app, "PKG_PDF_DRAFT", "--note", "x")
    assert (code, err.strip()) == (1, "错误：本申报第2版没有“PDF 带“草稿”水印”标记")


def test_state_refusals_say_the_way_and_name_every_open_comment(tmp_path: Path) -> None:
    from tests.core.workspace_helpers import FORM, changed_copy, with_fixtures

    ws, ids = with_fixtures(tmp_path, ["E01"])
    app = ids["E01"]
    first = ws.add_comment(app, FORM, "operating_revenue.y2", "须修改", "请按审计报告填写")
    ws.add_comment(app, FORM, "main_product_name", "请说明", "名称与佐证材料不一致")
    third = ws.add_comment(app, FORM, "employees", "须修改", "请核对从业人员")
    complete_part6(ws, app)
    with pytest.raises(TransitionRefused) as e:
        ws.set_state(app, State.RECOMMENDED)
    assert str(e.value) == f"不能改为“拟推荐”：还有2条“须修改”意见未关闭（第{first}、{third}条）"
    assert (first, third) == (1, 3)
    (r2,) = inbox.import_files(ws, [changed_copy(tmp_path, "E01", {"employees": "321"})])
    assert r2.status == "accepted"
    assert ws.application(app).state == State.RESUBMITTED
    with pytest.raises(TransitionRefused) as e:
        ws.set_state(app, State.RECOMMENDED)
    assert str(e.value) == "不能从“已重新提交”改为“拟推荐”：先改为“初核中”，再改为“拟推荐”"
    with pytest.raises(TransitionRefused) as e:
        ws.set_state(app, State.NOT_RECOMMENDED, "经营数据与审计报告不符")
    assert str(e.value) == (
        "不能从“已重新提交”改为“不予推荐”：先改为“初核中”，再改为“不予推荐”（须写明原因）"
    )


def test_packages_nested_in_a_forward_are_checked_with_the_city_officials_trust_store(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    from tests.core.test_workspace_forward import _county_forward
    from zjtx_desktop.core.workspace.forward import import_forward

    _county, forward = _county_forward(tmp_path, packages)
    city, trust = with_trust(tmp_path / "city")
    e01_code = json.loads(members(packages["E01"])["manifest.json"])["enterprise"]["credit_code"]
    trust.pin(e01_code, fingerprint(packages["E01"]))
    trust.pin(CODE, "0123 4567 89AB CDEF")  # another key than the one E02 signs with
    outcomes = import_forward(city, forward)
    assert [o.status for o in outcomes] == ["accepted"] * 10
    by_code = {}
    for o in outcomes:
        by_code[city.application(o.application_id).credit_code] = o.codes
    assert by_code[e01_code] == []
    assert by_code[CODE] == ["PKG_KEY_CHANGED"]
    others = [c for k, c in by_code.items() if k not in (e01_code, CODE)]
    assert all("PKG_KEY_UNPINNED" in c for c in others)
