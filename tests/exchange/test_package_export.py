"""What `zjtx package export` writes: the layout of officials.md §3.3, a manifest that lists
every file with its size and SHA-256, a signature the enclosed certificate verifies, and a
booklet that carries the key's fingerprint, DATA.json and a PAdES signature (P1, P12)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
from pathlib import Path

import jsonschema

from tests.exchange.kit import cli, codes, members
from tests.export.readback import pdf_pages
from zjtx_desktop.core.paths import forms_dir

CREDIT_CODE = "91220101MA0Y7K2Q8R"  # resources/demo: the fictitious 吉林省恒锐精密机床有限公司


def test_file_name_layout_and_schema_valid_manifest(enterprise) -> None:
    assert enterprise.package.name == f"ZJTX_{CREDIT_CODE}_jl-zd-2021b2_r1.zjtx"
    files = members(enterprise.package)
    assert set(files) == {
        "manifest.json",
        "manifest.sig",
        "data/jl-zd-basic-2021b2.json",
        "data/jl-zd-targets-2021b2.json",
        "meta/declarations.json",
        "meta/explanations.json",
        "print/booklet.pdf",
        "evidence/E001.png",
        "evidence/E002.pdf",
    }
    manifest = json.loads(files["manifest.json"])
    schema = json.loads((forms_dir() / "exchange.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(manifest)
    assert manifest["kind"] == "submission" and manifest["revision"] == 1
    assert manifest["enterprise"] == {
        "name": "吉林省恒锐精密机床有限公司",
        "credit_code": CREDIT_CODE,
    }
    for f in manifest["files"]:
        assert f["size"] == len(files[f["path"]])
        assert f["sha256"] == hashlib.sha256(files[f["path"]]).hexdigest()
    listed = {f["path"] for f in manifest["files"]}
    assert listed == set(files) - {"manifest.json", "manifest.sig"}
    ev = [f for f in manifest["files"] if f["role"] == "evidence"]
    assert [(e["title"], e.get("item"), e["pages"]) for e in ev] == [
        ("营业执照复印件", "附件2-1", 1),
        ("审计报告", "附件2-2", 2),
    ]


def test_data_files_are_what_drafts_export_writes(enterprise, tmp_path: Path) -> None:
    files = members(enterprise.package)
    for form_id in ("jl-zd-basic-2021b2", "jl-zd-targets-2021b2"):
        out = tmp_path / f"{form_id}.json"
        assert (
            cli(
                enterprise.db,
                "drafts",
                "export",
                enterprise.app_id,
                "--form",
                form_id,
                "-o",
                str(out),
            )[0]
            == 0
        )
        assert json.loads(files[f"data/{form_id}.json"]) == json.loads(out.read_text("utf-8"))


def test_manifest_signature_verifies_with_the_enclosed_certificate(enterprise) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    files = members(enterprise.package)
    signer = json.loads(files["manifest.json"])["signer"]
    der = base64.b64decode(signer["certificate"])
    cert = x509.load_der_x509_certificate(der)
    assert signer["fingerprint"] == hashlib.sha256(der).hexdigest()
    cert.public_key().verify(  # raises InvalidSignature if it does not verify
        base64.b64decode(files["manifest.sig"]), files["manifest.json"], ec.ECDSA(hashes.SHA256())
    )
    code, shown, _ = cli(enterprise.db, "keys", "show", "--json")
    assert code == 0 and json.loads(shown)["fingerprint"] == signer["fingerprint"]


def test_p1_verify_accepts_and_prints_the_12_digit_codes_of_the_paper(enterprise, tmp_path) -> None:
    code, report = enterprise.verify(enterprise.package)
    assert code == 0 and report["accepted"] is True
    assert codes(report) == ["PKG_KEY_UNPINNED"]  # first contact: accepted, with a warning
    # the codes are the ones printed on the paper the enterprise stamps (an ordinary export)
    paper = tmp_path / "paper.pdf"
    assert cli(enterprise.db, "export", "--draft", enterprise.app_id, "-o", str(paper))[0] == 0
    printed = {}
    for text in pdf_pages(paper):
        m = re.search(r"表单\s*(\S+)\s+v\S+\s+校验码\s*([0-9A-F]{12})", text)
        if m:
            printed[m.group(1)] = m.group(2)
    assert printed and report["forms"] == [{"id": k, "code": v} for k, v in printed.items()]
    signer = json.loads(members(enterprise.package)["manifest.json"])["signer"]
    assert report["signer"] == {
        "fingerprint": signer["fingerprint"],
        "subject": "吉林省恒锐精密机床有限公司",
        "trusted": False,
        "key": "first",  # nothing pinned for this enterprise yet
    }
    code, out, _ = cli(enterprise.db, "package", "verify", str(enterprise.package))
    assert code == 0 and all(v in out for v in printed.values())


def test_the_contents_page_carries_the_keys_fingerprint_and_the_evidence_list(enterprise) -> None:
    booklet = members(enterprise.package)["print/booklet.pdf"]
    fp = json.loads(members(enterprise.package)["manifest.json"])["signer"]["fingerprint"]
    printed = " ".join(fp[i : i + 4].upper() for i in range(0, 16, 4))
    pages = _pages(booklet)
    assert "目录" in pages[0].replace(" ", "").replace("\u3000", "")
    assert f"交换包签名指纹：{printed}" in pages[0]
    last = pages[-1]
    assert "佐证材料目录" in last and "营业执照复印件" in last and "审计报告" in last
    blob = members(enterprise.package)["evidence/E002.pdf"]
    assert hashlib.sha256(blob).hexdigest()[:12].upper() in last


def _pages(pdf: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]


def test_booklet_data_attachment_is_readable_by_pdfdetach(enterprise, tmp_path: Path) -> None:
    pdf = tmp_path / "booklet.pdf"
    pdf.write_bytes(members(enterprise.package)["print/booklet.pdf"])
    listed = subprocess.run(["pdfdetach", "-list", str(pdf)], capture_output=True, text=True)
    assert listed.returncode == 0 and "DATA.json" in listed.stdout
    out = tmp_path / "DATA.json"
    subprocess.run(["pdfdetach", "-save", "1", "-o", str(out), str(pdf)], check=True)
    doc = json.loads(out.read_text(encoding="utf-8"))
    files = members(enterprise.package)
    for form in doc["forms"]:
        assert form["values"] == json.loads(files[f"data/{form['form']}.json"])["values"]


def test_booklet_signature_validates_with_pyhanko_itself(enterprise) -> None:
    """Independent of our verifier: pyhanko's own validator, the package certificate as the
    only trust root, no network."""
    import io
    import warnings

    from asn1crypto import x509 as a_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pyhanko.sign.validation import validate_pdf_signature

    files = members(enterprise.package)
    cert = base64.b64decode(json.loads(files["manifest.json"])["signer"]["certificate"])
    r = PdfFileReader(io.BytesIO(files["print/booklet.pdf"]))
    [sig] = r.embedded_signatures
    vc = ValidationContext(trust_roots=[a_x509.Certificate.load(cert)], allow_fetching=False)
    st = validate_pdf_signature(sig, vc)
    assert st.intact and st.valid and st.trusted and st.bottom_line
    assert st.coverage.name == "ENTIRE_FILE"


def test_p12_export_is_refused_while_the_application_has_errors(enterprise, tmp_path) -> None:
    db = enterprise.db
    code, out, _ = cli(
        db, "drafts", "import", str(_bad_targets(tmp_path)), str(_demo("jl-zd-basic-2021b2"))
    )
    app_id = out.split()[0]
    # two figures that are not numbers: two errors, each at its field
    code, out, err = cli(db, "package", "export", "--draft", app_id, "-o", str(tmp_path / "x.zjtx"))
    assert code == 1 and "有 2 个错误，不能生成交换包" in err
    assert not (tmp_path / "x.zjtx").exists()


def _demo(form_id: str) -> Path:
    from zjtx_desktop.core.paths import resources_dir

    return resources_dir() / "demo" / f"{form_id}.json"


def _bad_targets(tmp_path: Path) -> Path:
    data = json.loads(_demo("jl-zd-targets-2021b2").read_text(encoding="utf-8"))
    data["values"]["mbr_share.base"] = "九十"
    data["values"]["mbr_share.target1"] = "八十"
    out = tmp_path / "bad-targets.json"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


def test_export_without_a_key_or_passphrase_says_what_to_do(enterprise, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    code, out, _ = cli(other, "drafts", "import", str(_demo("jl-zd-basic-2021b2")))
    code, _, err = cli(
        other, "package", "export", "--draft", out.split()[0], "-o", str(tmp_path / "x.zjtx")
    )
    assert code == 2 and "还没有签名证书" in err
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("不是这个口令", encoding="utf-8")
    code, _, err = cli(
        enterprise.db,
        "package",
        "export",
        "--draft",
        enterprise.app_id,
        "-o",
        str(tmp_path / "y.zjtx"),
        "--passphrase-file",
        str(wrong),
    )
    assert code == 2 and "口令不对" in err


def test_a_second_export_is_revision_2_superseding_the_first(enterprise, tmp_path) -> None:
    code, _out, err = cli(
        enterprise.db, "package", "export", "--draft", enterprise.app_id, "--to", str(tmp_path)
    )
    assert code == 0, err
    [second] = tmp_path.glob("*.zjtx")
    assert second.name.endswith("_r2.zjtx")
    first = json.loads(members(enterprise.package)["manifest.json"])
    m = json.loads(members(second)["manifest.json"])
    assert m["revision"] == 2 and m["supersedes"] == first["package_id"]
    assert m["application_id"] == first["application_id"]
