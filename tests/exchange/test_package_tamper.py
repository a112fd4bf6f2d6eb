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
    Enterprise,
    cli,
    codes,
    fix_hashes,
    members,
    other_identity,
    p12_identity,
    recomputed_forms,
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
    forged = rezip(tmp_path / "p4b.zjtx", resign(files, thief, recomputed_forms(files)))
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


def test_a_booklet_whose_signed_bytes_changed_is_flagged(enterprise, tmp_path: Path) -> None:
    """The enterprise's own key re-signs the manifest, but the booklet's PAdES signature no
    longer covers what it holds."""
    files = members(enterprise.package)
    pdf = files[BOOKLET]
    at = pdf.index(b"/M (D") + 12  # inside the signed signing time
    files[BOOKLET] = pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]
    code, report = enterprise.verify(
        rezip(tmp_path / "s.zjtx", resign(files, p12_identity(enterprise.db)))
    )
    assert code == 0 and "PKG_PDF_SIGNATURE" in codes(report)
    assert "签名后文件被改动" in _only(report, "PKG_PDF_SIGNATURE")["message"]


def test_a_signature_algorithm_we_cannot_check_is_neither_valid_nor_invalid(enterprise, tmp_path):
    """An SM2 电子印章 (OID 1.2.156.10197.1.501 in place of ecdsa-with-SHA256, same length)."""
    files = members(enterprise.package)
    pdf = files[BOOKLET]
    ecdsa_sha256 = bytes.fromhex("2a8648ce3d040302").hex().upper().encode()
    sm2_sm3 = bytes.fromhex("2a811ccf55018375").hex().upper().encode()
    at = pdf.rindex(ecdsa_sha256)  # the signer info's algorithm: after the certificates
    files[BOOKLET] = pdf[:at] + sm2_sm3 + pdf[at + len(sm2_sm3) :]
    code, report = enterprise.verify(
        rezip(tmp_path / "sm2.zjtx", resign(files, p12_identity(enterprise.db)))
    )
    assert code == 0
    [c] = [c for c in report["checks"] if c["code"].startswith("PKG_PDF")]
    assert c["code"] == "PKG_PDF_UNSUPPORTED" and "无法在本机核验" in c["message"]


def _context_verify(enterprise, **ctx):
    from zjtx_desktop.core.exchange.verify import ImportContext, verify_package

    return verify_package(enterprise.package, None, ImportContext(**ctx))


def _earlier(v, **changes):
    from zjtx_desktop.core.exchange.verify import Earlier

    m = v.manifest
    base = {
        "package_id": m["package_id"],
        "application_id": m["application_id"],
        "revision": m["revision"],
        "credit_code": m["enterprise"]["credit_code"],
        "fingerprint": v.signer.fingerprint,
    }
    base.update(changes)
    return Earlier(**base)


def test_p8_the_same_package_twice_is_pkg_duplicate(enterprise) -> None:
    from zjtx_desktop.core.exchange.verify import verify_package

    first = verify_package(enterprise.package)
    v = _context_verify(enterprise, earlier=[_earlier(first)])
    assert v.accepted and [c.code for c in v.checks] == ["PKG_DUPLICATE"]
    assert v.checks[0].message == "已接收过此交换包，未重复导入"


def test_p10_an_older_revision_is_pkg_older(enterprise) -> None:
    from zjtx_desktop.core.exchange.verify import verify_package

    first = verify_package(enterprise.package)
    newer = _earlier(first, package_id="11111111-1111-4111-8111-111111111111", revision=2)
    v = _context_verify(enterprise, earlier=[newer])
    assert v.accepted and [c.code for c in v.checks] == ["PKG_OLDER"]


def test_p9_same_credit_code_other_application_is_flagged_not_merged(enterprise) -> None:
    from zjtx_desktop.core.exchange.verify import verify_package

    first = verify_package(enterprise.package)
    other = _earlier(
        first, package_id="22222222-2222-4222-8222-222222222222", application_id="ffffffffffff"
    )
    v = _context_verify(enterprise, earlier=[other])
    assert v.accepted and [c.code for c in v.checks] == ["PKG_SAME_ENTERPRISE"]
    assert "ffffffffffff" in v.checks[0].message


def test_a_form_version_other_than_the_workspaces_is_flagged(enterprise) -> None:
    v = _context_verify(enterprise, form_versions={"jl-zd-basic-2021b2": "2099.1"})
    assert v.accepted and [c.code for c in v.checks] == ["PKG_FORM_VERSION"]
    assert "2099.1" in v.checks[0].message


def test_verified_contents_are_there_for_the_inbox(enterprise) -> None:
    from zjtx_desktop.core.exchange.verify import verify_package

    v = verify_package(enterprise.package)
    files = members(enterprise.package)
    assert v.data() == {
        "jl-zd-basic-2021b2": json.loads(files[BASIC]),
        "jl-zd-targets-2021b2": json.loads(files["data/jl-zd-targets-2021b2.json"]),
    }
    assert v.declarations() == {} and v.explanations() == []
    assert v.booklet == files[BOOKLET]
    assert [(e.path, e.title, e.pages) for e in v.evidence()] == [
        ("evidence/E001.png", "营业执照复印件", 1),
        ("evidence/E002.pdf", "审计报告", 2),
    ]
    assert v.files["evidence/E002.pdf"] == files["evidence/E002.pdf"]


@pytest.mark.parametrize("damage", ["form twice", "form of another path", "unknown form id"])
def test_a_signed_manifest_that_contradicts_itself_is_refused_not_crashed(
    enterprise, tmp_path, damage
) -> None:
    files = members(enterprise.package)

    def edit(m: dict) -> None:
        if damage == "form twice":
            m["forms"].append(dict(m["forms"][0]))
        elif damage == "form of another path":
            m["forms"][0]["path"] = "data/jl-zd-targets-2021b2.json"
        else:
            m["forms"][0]["id"] = "no-such-form"

    signed = resign(files, p12_identity(enterprise.db), edit)
    code, report = enterprise.verify(rezip(tmp_path / "self.zjtx", signed))
    assert code == 1 and report["accepted"] is False
    assert report["checks"][-1]["fatal"] is True
    assert report["checks"][-1]["code"] in ("PKG_MANIFEST", "PKG_DATA")


def test_the_word_caogao_in_a_companys_own_text_is_not_taken_for_the_watermark(
    enterprise, tmp_path: Path
) -> None:
    """Only the 150 pt watermark is 草稿: the word typed in a field (or an appendix heading)
    must not flag a clean package (it did: any 草稿 on a page raised PKG_PDF_DRAFT)."""
    import shutil

    folder = tmp_path / "copy"
    shutil.copytree(enterprise.folder, folder)
    db = folder / enterprise.db.name
    code, _out, err = cli(db, "drafts", "set", enterprise.app_id, "niche_name=草稿纸专用设备")
    assert code == 0, err
    out = folder / "again"
    out.mkdir()
    code, _out, err = cli(db, "package", "export", "--draft", enterprise.app_id, "--to", str(out))
    assert code == 0, err
    [package] = out.glob("*.zjtx")
    assert "草稿纸专用设备".encode() in members(package)[BASIC]
    code, report = Enterprise(db, enterprise.app_id, package, folder).verify(package)
    assert code == 0 and "PKG_PDF_DRAFT" not in codes(report), report["checks"]
