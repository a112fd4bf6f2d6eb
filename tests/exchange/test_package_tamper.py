"""Every check of officials.md §3.4 on a package the app wrote, changed as an attacker or an
accident would change it (P2–P7, signing.md §9 item 9)."""

from __future__ import annotations

import json
import os
import stat
import struct
import time
import zipfile
from pathlib import Path

import pytest

from tests.exchange.kit import (
    cli,
    codes,
    fix_hashes,
    members,
    other_identity,
    p12_identity,
    resign,
    rezip,
)

BOOKLET = "print/booklet.pdf"
BASIC = "data/jl-zd-basic-2021b2.json"


def _only(report: dict, code: str) -> dict:
    [c] = [c for c in report["checks"] if c["code"] == code]
    return c


def test_not_a_zip_is_unusable(enterprise, tmp_path: Path) -> None:
    f = tmp_path / "x.zjtx"
    f.write_text("这不是交换包", encoding="utf-8")
    code, report = enterprise.verify(f)
    assert code == 2 and codes(report) == ["PKG_NOT_ZIP"] and not report["accepted"]


def test_p2_one_flipped_byte_in_the_booklet_is_pkg_hash(enterprise, tmp_path: Path) -> None:
    files = members(enterprise.package)
    pdf = bytearray(files[BOOKLET])
    pdf[len(pdf) // 2] ^= 0x01
    files[BOOKLET] = bytes(pdf)
    code, report = enterprise.verify(rezip(tmp_path / "p2.zjtx", files))
    assert code == 1 and report["accepted"] is False
    assert report["checks"] == [
        {
            "code": "PKG_HASH",
            "fatal": True,
            "message": "文件 print/booklet.pdf 与清单不符（SHA-256 不一致）："
            "交换包在生成后被改动，未接收",
        }
    ]


def _edit_value(files: dict[str, bytes], field: str, value: str) -> None:
    data = json.loads(files[BASIC])
    assert field in data["values"]
    data["values"][field] = value
    files[BASIC] = json.dumps(data, ensure_ascii=False, indent=2).encode()


def test_p3_edited_data_with_fixed_hash_but_not_re_signed_is_pkg_signature(enterprise, tmp_path):
    files = members(enterprise.package)
    _edit_value(files, "employees", "9999")
    code, report = enterprise.verify(rezip(tmp_path / "p3.zjtx", fix_hashes(files)))
    assert code == 1 and codes(report) == ["PKG_SIGNATURE"]
    assert _only(report, "PKG_SIGNATURE")["message"] == "交换包签名无效：清单在签名后被改动，未接收"


def test_p4_re_signed_with_another_key_is_pkg_digest(enterprise, tmp_path: Path) -> None:
    files = members(enterprise.package)
    _edit_value(files, "employees", "9999")
    thief = other_identity("91220101MA0Y7K2Q8R")
    code, report = enterprise.verify(rezip(tmp_path / "p4.zjtx", resign(files, thief)))
    assert code == 1 and codes(report) == ["PKG_DIGEST"]
    assert _only(report, "PKG_DIGEST")["message"] == (
        "吉林第二批重点“小巨人”基本情况表 的数据与清单中的校验码不一致，未接收"
    )


def _recomputed_forms(files: dict[str, bytes]):
    """The attacker's tool: recompute forms[].sha256 from the edited data, as the app would."""
    from zjtx_desktop.core.datafile import parse_data
    from zjtx_desktop.core.engine.session import ApplicationSession, slot_of
    from zjtx_desktop.core.export.proof import form_sha256, short_digest

    m = json.loads(files["manifest.json"])
    datas = [parse_data(json.loads(files[f["path"]])) for f in m["forms"]]
    raw = {slot_of(d.form, d.form.fields[k]): v for d in datas for k, v in d.values.items()}
    session = ApplicationSession([d.form for d in datas], raw)

    def edit(manifest: dict) -> None:
        for f in manifest["forms"]:
            f["sha256"] = form_sha256(session.state(f["id"]))
            f["short"] = short_digest(f["sha256"])

    return edit


def test_p4_with_recomputed_digests_is_accepted_with_pdf_mismatch_and_key_changed(
    enterprise, tmp_path: Path
) -> None:
    from zjtx_desktop.core.exchange.keyfiles import trust_dir
    from zjtx_desktop.core.exchange.trust import TrustStore
    from zjtx_desktop.core.exchange.verify import Earlier, ImportContext, verify_package

    original = verify_package(enterprise.package)
    files = members(enterprise.package)
    _edit_value(files, "employees", "9999")
    thief = other_identity("91220101MA0Y7K2Q8R")
    forged = rezip(tmp_path / "p4b.zjtx", resign(files, thief, _recomputed_forms(files)))
    m = original.manifest
    earlier = Earlier(
        "00000000-0000-4000-8000-000000000000",
        m["application_id"],
        1,
        m["enterprise"]["credit_code"],
        original.signer.fingerprint,
    )
    v = verify_package(forged, TrustStore(trust_dir(tmp_path)), ImportContext(earlier=[earlier]))
    assert v.accepted
    got = [c.code for c in v.checks]
    assert "PKG_PDF_MISMATCH" in got and "PKG_KEY_CHANGED" in got
    # the booklet still prints the enterprise's codes: the basic table's pages disagree
    mismatch = [c.message for c in v.checks if c.code == "PKG_PDF_MISMATCH"]
    basic_code = next(f.code for f in original.forms if f.id == "jl-zd-basic-2021b2")
    targets_code = next(f.code for f in original.forms if f.id == "jl-zd-targets-2021b2")
    assert any(f"校验码 {basic_code} " in msg for msg in mismatch)
    assert not any(f"校验码 {targets_code} " in msg for msg in mismatch)  # its pages agree
    # and the booklet's PAdES signature is the enterprise's, not the manifest's signer
    assert "PKG_PDF_SIGNER" in got


def test_pinned_key_is_trusted_and_a_changed_one_is_a_loud_warning(enterprise, tmp_path) -> None:
    db = tmp_path / "official.sqlite3"  # the official's installation
    fp = json.loads(members(enterprise.package)["manifest.json"])["signer"]["fingerprint"]
    typed = " ".join(fp[i : i + 4].upper() for i in range(0, 16, 4))  # as printed on paper
    assert cli(db, "trust", "pin", "91220101MA0Y7K2Q8R", typed)[0] == 0
    code, out, _ = cli(db, "package", "verify", str(enterprise.package), "--json")
    report = json.loads(out)
    assert code == 0 and report["signer"]["trusted"] is True and codes(report) == []
    files = members(enterprise.package)
    thief = other_identity("91220101MA0Y7K2Q8R")
    forged = rezip(tmp_path / "k.zjtx", resign(files, thief))
    code, out, _ = cli(db, "package", "verify", str(forged), "--json")
    report = json.loads(out)
    assert code == 0 and report["signer"]["trusted"] is False
    assert "PKG_KEY_CHANGED" in codes(report)


def test_a_certificate_of_another_enterprise_is_refused(enterprise, tmp_path: Path) -> None:
    files = members(enterprise.package)
    stranger = other_identity("91110000600000000X", "北京某某有限公司")
    code, report = enterprise.verify(rezip(tmp_path / "s.zjtx", resign(files, stranger)))
    assert code == 1 and codes(report) == ["PKG_SIGNER_MISMATCH"]


@pytest.mark.parametrize("name", ["../x", "/etc/x", "C:\\x", "data/../../x", "C:/x"])
def test_p5_unsafe_paths_are_refused_and_nothing_is_written(enterprise, tmp_path, name) -> None:
    files = members(enterprise.package)
    files[name] = b"owned"
    work = tmp_path / "work"
    work.mkdir()
    package = rezip(work / "p5.zjtx", files)
    before = set(tmp_path.rglob("*"))
    code, report = enterprise.verify(package)
    assert code == 1 and codes(report) == ["PKG_UNSAFE_PATH"]
    assert _only(report, "PKG_UNSAFE_PATH")["message"] == f"交换包含不安全的路径：{name}，未接收"
    assert set(tmp_path.rglob("*")) - before == set()  # nothing extracted anywhere near
    assert not Path("/etc/x").exists() and not Path("x").exists()


def test_p5_a_symlink_entry_is_refused(enterprise, tmp_path: Path) -> None:
    src = enterprise.package
    out = tmp_path / "link.zjtx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        link = zipfile.ZipInfo("evidence/E009.pdf")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zout.writestr(link, "/etc/passwd")
    code, report = enterprise.verify(out)
    assert code == 1 and codes(report) == ["PKG_UNSAFE_PATH"]


def test_duplicate_names_are_refused(enterprise, tmp_path: Path) -> None:
    out = tmp_path / "dup.zjtx"
    with zipfile.ZipFile(enterprise.package) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        with pytest.warns(UserWarning, match="Duplicate name"):
            zout.writestr(BASIC, b"{}")
    code, report = enterprise.verify(out)
    assert code == 1 and codes(report) == ["PKG_UNSAFE_PATH"]


def _declared_10_gib(path: Path) -> Path:
    """A 42 KB archive whose central directory declares 10 GiB: three 14 KB members, each
    claiming a third of 10 GiB (the 4-byte size fields of the central directory patched)."""
    with zipfile.ZipFile(path, "w") as zf:
        for name in ("print/booklet.pdf", "evidence/E001.pdf", "evidence/E002.pdf"):
            zf.writestr(name, os.urandom(14 * 1024))
    raw = bytearray(path.read_bytes())
    third = -(-10 * 1024**3 // 3)
    at = raw.find(b"PK\x01\x02")
    while at != -1:
        struct.pack_into("<I", raw, at + 24, third)  # uncompressed size
        at = raw.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(raw))
    return path


def test_p6_a_zip_declaring_10_gib_is_refused_at_once_without_extracting(enterprise, tmp_path):
    bomb = _declared_10_gib(tmp_path / "bomb.zjtx")
    assert bomb.stat().st_size < 50 * 1024
    with zipfile.ZipFile(bomb) as zf:
        assert sum(i.file_size for i in zf.infolist()) >= 10 * 1024**3
    before = set(tmp_path.rglob("*"))
    t = time.perf_counter()
    code, report = enterprise.verify(bomb)
    assert time.perf_counter() - t < 1.0
    assert code == 1 and codes(report) == ["PKG_TOO_LARGE"]
    assert _only(report, "PKG_TOO_LARGE")["message"] == "交换包过大或压缩比异常，未接收"
    assert set(tmp_path.rglob("*")) == before


def test_a_member_compressed_more_than_200_to_1_is_refused(enterprise, tmp_path: Path) -> None:
    files = members(enterprise.package)
    files["evidence/E003.pdf"] = b"\0" * (20 * 1024 * 1024)  # deflates about 1000:1
    code, report = enterprise.verify(rezip(tmp_path / "dense.zjtx", files))
    assert code == 1 and codes(report) == ["PKG_TOO_LARGE"]


def test_more_than_10000_entries_are_refused(enterprise, tmp_path: Path) -> None:
    files = members(enterprise.package)
    for i in range(10_001):
        files[f"evidence/x{i}.png"] = b""
    code, report = enterprise.verify(rezip(tmp_path / "many.zjtx", files))
    assert code == 1 and codes(report) == ["PKG_TOO_LARGE"]


def test_p7_a_format_version_from_the_future_asks_to_upgrade(enterprise, tmp_path: Path) -> None:
    files = members(enterprise.package)
    m = json.loads(files["manifest.json"])
    m["format_version"] = 2
    files["manifest.json"] = json.dumps(m, ensure_ascii=False).encode()
    code, report = enterprise.verify(rezip(tmp_path / "p7.zjtx", files))
    assert code == 1 and codes(report) == ["PKG_VERSION"]
    assert "请升级" in _only(report, "PKG_VERSION")["message"]
    assert _only(report, "PKG_VERSION")["message"].startswith("交换包版本 2 高于")


@pytest.mark.parametrize(
    "damage",
    ["no manifest", "no signature", "not json", "schema", "not ours"],
)
def test_a_missing_or_malformed_manifest_is_pkg_manifest(enterprise, tmp_path, damage) -> None:
    files = members(enterprise.package)
    m = json.loads(files["manifest.json"])
    if damage == "no manifest":
        del files["manifest.json"]
    elif damage == "no signature":
        del files["manifest.sig"]
    elif damage == "not json":
        files["manifest.json"] = b"{not json"
    elif damage == "schema":
        del m["forms"][0]["sha256"]
        files["manifest.json"] = json.dumps(m).encode()
    else:
        m["format"] = "something-else"
        files["manifest.json"] = json.dumps(m).encode()
    code, report = enterprise.verify(rezip(tmp_path / "m.zjtx", files))
    assert code == 1 and codes(report) == ["PKG_MANIFEST"]


def test_a_listed_file_missing_is_pkg_file_missing(enterprise, tmp_path: Path) -> None:
    files = members(enterprise.package)
    del files["evidence/E002.pdf"]
    code, report = enterprise.verify(rezip(tmp_path / "miss.zjtx", files))
    assert code == 1 and codes(report) == ["PKG_FILE_MISSING"]
    assert "evidence/E002.pdf" in report["checks"][0]["message"]


def test_an_unlisted_file_is_pkg_file_extra(enterprise, tmp_path: Path) -> None:
    files = members(enterprise.package)
    files["evidence/E099.pdf"] = b"%PDF-1.4 planted"
    code, report = enterprise.verify(rezip(tmp_path / "extra.zjtx", files))
    assert code == 1 and codes(report) == ["PKG_FILE_EXTRA"]
    assert "evidence/E099.pdf" in report["checks"][0]["message"]


def test_data_that_is_not_a_form_file_is_pkg_data(enterprise, tmp_path: Path) -> None:
    files = members(enterprise.package)
    data = json.loads(files[BASIC])
    data["values"]["no_such_field"] = "1"
    files[BASIC] = json.dumps(data, ensure_ascii=False).encode()
    signed = resign(files, p12_identity(enterprise.db))  # by the enterprise's own key
    code, report = enterprise.verify(rezip(tmp_path / "data.zjtx", signed))
    assert code == 1 and codes(report) == ["PKG_DATA"]
    assert "no_such_field" in report["checks"][0]["message"]


def test_a_booklet_printed_as_a_draft_is_flagged(enterprise, tmp_path: Path) -> None:
    """The same data printed with the 草稿 watermark: codes agree, the watermark is flagged."""
    import io

    from zjtx_desktop.core.application import OpenApplication
    from zjtx_desktop.core.exchange.booklet import booklet_options
    from zjtx_desktop.core.export.api import build_job
    from zjtx_desktop.core.export.pdf import render_pdf
    from zjtx_desktop.core.store.drafts import DraftStore

    store = DraftStore(enterprise.db)
    app = OpenApplication(store, enterprise.app_id)
    ident = p12_identity(enterprise.db)
    opts = booklet_options(app, ident)
    job, _, _ = build_job(app.session, opts, explanations=app.explanations, booklet=True)
    job.draft = True
    buf = io.BytesIO()
    render_pdf(job, buf, opts)
    store.close()
    files = members(enterprise.package)
    files[BOOKLET] = buf.getvalue()
    code, report = enterprise.verify(rezip(tmp_path / "draft.zjtx", resign(files, ident)))
    assert code == 0 and "PKG_PDF_DRAFT" in codes(report)
    assert "PKG_PDF_UNSIGNED" in codes(report)
