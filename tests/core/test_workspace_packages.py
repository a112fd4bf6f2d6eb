"""Exchange packages into the inbox (officials.md §3.4, P8–P10 on the workspace side, F-less):
packages written by the app are verified, kept byte for byte, deduplicated, ordered by
revision; a tampered one never enters; the enterprise's part 六 never comes in."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.core.workspace_helpers import FORM, audit_actions, new_workspace
from tests.fixtures.officials.packages import build_package
from zjtx_desktop.cli import main
from zjtx_desktop.core.workspace import batch, inbox


def test_twelve_packages_enter_verified_with_their_verdicts(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    ws = new_workspace(tmp_path)
    files = [packages[f"E{i:02d}"] for i in range(1, 13)]
    outs = inbox.import_files(ws, files)
    assert [o.status for o in outs] == ["accepted"] * 12
    assert all("DATA_UNVERIFIED" not in o.codes for o in outs)
    rows = {r["enterprise"]: r for r in batch.batch_rows(ws)}
    assert len(rows) == 12 and all(r["verified"] for r in rows.values())
    assert rows["四平宏达液压件有限公司"]["class"] == "b"
    assert rows["吉林市北辰重工装备有限公司"]["mandatory"]["M3"] == "✗"
    assert rows["白山冠宇电机有限公司"]["declared_champion"]
    assert "PKG_SAME_ENTERPRISE" in rows["松原泰和仪表科技有限公司"]["flags"]
    app = ws.applications()[0]
    (blob,) = ws.conn.execute(
        "SELECT a.bytes FROM archive a JOIN submissions s ON s.archive LIKE '%' || a.sha256 || '%' "
        "WHERE s.id = ?",
        (app.submission,),
    ).fetchone()
    assert blob == packages["E01"].read_bytes()  # archived byte for byte


def test_same_package_twice_is_not_imported_again(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    ws = new_workspace(tmp_path)
    inbox.import_files(ws, [packages["E02"]])
    (again,) = inbox.import_files(ws, [packages["E02"]])
    assert (again.status, again.message) == ("duplicate", "已接收过此交换包，未重复导入")
    assert len(ws.applications()) == 1


def test_a_tampered_package_is_refused_and_leaves_one_audit_row(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    ws = new_workspace(tmp_path)
    with zipfile.ZipFile(packages["E03"]) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    pdf = bytearray(files["print/booklet.pdf"])
    pdf[len(pdf) // 2] ^= 0xFF
    files["print/booklet.pdf"] = bytes(pdf)
    bad = tmp_path / "tampered.zjtx"
    with zipfile.ZipFile(bad, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    before = audit_actions(ws)
    (out,) = inbox.import_files(ws, [bad])
    assert (out.status, out.codes) == ("refused", ["PKG_HASH"])
    assert "与清单不符（SHA-256 不一致）" in out.message
    assert ws.applications() == []
    assert audit_actions(ws)[len(before) :] == ["import_refused"]


def test_revision_two_then_one(tmp_path: Path, packages: dict[str, Path]) -> None:
    folder = packages["_folder"]
    r2 = build_package("E11", folder, {"taxes_paid.y2": "1700"}, key_from=folder / "E11")
    ws = new_workspace(tmp_path)
    assert inbox.import_files(ws, [r2])[0].status == "accepted"
    (old,) = inbox.import_files(ws, [packages["E11"]])
    assert old.status == "older"
    (app,) = ws.applications()
    assert app.revision == 2
    assert ws.current(app.id).data[FORM]["taxes_paid.y2"] == "1700"


def test_cli_json_contract_for_packages(
    tmp_path: Path, packages: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    new_workspace(tmp_path).close()
    ws = str(tmp_path / "ws.sqlite")
    assert main(["inbox", "import", "--workspace", ws, str(packages["E05"]), "--json"]) == 0
    import json

    (out,) = json.loads(capsys.readouterr().out)
    assert out["status"] == "accepted" and out["file"] == packages["E05"].name


def test_paper_check_from_a_photo_of_the_qr(tmp_path: Path, packages: dict[str, Path]) -> None:
    import io

    import pypdfium2 as pdfium

    from zjtx_desktop.core.workspace.paper import check_paper_image

    ws = new_workspace(tmp_path)
    (out,) = inbox.import_files(ws, [packages["E04"]])
    with zipfile.ZipFile(packages["E04"]) as zf:
        booklet = zf.read("print/booklet.pdf")
    pdf = pdfium.PdfDocument(io.BytesIO(booklet))
    photo = tmp_path / "page.png"
    pdf[1].render(scale=2).to_pil().save(photo)  # the 申请书's first page carries its QR
    pdf.close()
    result = check_paper_image(ws, photo)
    assert (result.application_id, result.form_id, result.revision) == (out.application_id, FORM, 1)
    assert "已核对 1/1" in result.message
