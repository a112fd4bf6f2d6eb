"""zjtx keys, trust and evidence: the paper's QR pins the key, CA roots and CRLs come in by
hand, evidence is only PDF/JPG/PNG and is counted and listed."""

from __future__ import annotations

import json
from pathlib import Path

from tests.exchange.kit import PASS, cli, members
from tests.exchange.pki import make_pki

CREDIT_CODE = "91220101MA0Y7K2Q8R"


def test_an_official_pins_the_key_by_scanning_the_paper_qr(enterprise, tmp_path) -> None:
    import pypdfium2 as pdfium

    paper = tmp_path / "paper.pdf"  # what the enterprise prints, signs and stamps
    assert cli(enterprise.db, "export", "--draft", enterprise.app_id, "-o", str(paper))[0] == 0
    doc = pdfium.PdfDocument(str(paper))
    scan = tmp_path / "scan.png"
    doc[0].render(scale=150 / 72).to_pil().save(scan)  # the 目录 page, as a scanner gives it
    doc.close()
    official = tmp_path / "official.sqlite3"
    code, out, err = cli(official, "trust", "pin", CREDIT_CODE, "--qr", str(scan))
    assert code == 0, err
    fp = json.loads(members(enterprise.package)["manifest.json"])["signer"]["fingerprint"]
    code, listed, _ = cli(official, "trust", "list", "--json")
    [pin] = json.loads(listed)["pins"]
    assert pin["sha256"] == fp and pin["source"] == "qr" and pin["credit_code"] == CREDIT_CODE
    code, out, _ = cli(official, "package", "verify", str(enterprise.package), "--json")
    assert code == 0 and json.loads(out)["signer"]["trusted"] is True


def test_a_typed_fingerprint_must_have_12_hex_digits(tmp_path: Path) -> None:
    db = tmp_path / "o.sqlite3"
    code, _, err = cli(db, "trust", "pin", CREDIT_CODE, "3F47 973D")
    assert code == 2 and "至少前 12 位" in err
    code, _, err = cli(db, "trust", "pin", CREDIT_CODE, "3F47 973D DC01 8A2G")
    assert code == 2 and "0-9 和 A-F" in err


def test_roots_and_crls_are_imported_and_listed(tmp_path: Path) -> None:
    pki = make_pki(CREDIT_CODE)
    db = tmp_path / "o.sqlite3"
    root = tmp_path / "ca.pem"
    root.write_bytes(pki.root_pem)
    crl = tmp_path / "ca.crl"
    crl.write_bytes(pki.crl_revoking(pki.seal.cert))
    assert cli(db, "trust", "add-root", str(root))[0] == 0
    assert cli(db, "trust", "add-crl", str(crl))[0] == 0
    from cryptography.hazmat.primitives import serialization

    leaf = tmp_path / "leaf.pem"
    leaf.write_bytes(pki.seal.cert.public_bytes(serialization.Encoding.PEM))
    code, _, err = cli(db, "trust", "add-root", str(leaf))
    assert code == 2 and "不是 CA 根证书" in err
    code, _, err = cli(db, "trust", "add-crl", str(root))
    assert code == 2 and "CRL" in err
    code, out, _ = cli(db, "trust", "list", "--json")
    assert json.loads(out) == {"pins": [], "roots": ["ca.pem"], "crls": ["ca.crl"]}


def test_a_ca_issued_pkcs12_can_be_imported_and_is_never_overwritten(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    pki = make_pki(CREDIT_CODE)
    p12 = tmp_path / "ca-issued.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"seal",
            pki.seal.key,
            pki.seal.cert,
            [pki.root],
            serialization.BestAvailableEncryption(PASS.encode()),
        )
    )
    db = tmp_path / "e.sqlite3"
    assert cli(db, "keys", "import", str(p12))[0] == 0
    code, out, _ = cli(db, "keys", "show", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["credit_code"] == CREDIT_CODE and not shown["self_issued"]
    code, _, err = cli(db, "keys", "create", "--name", "x", "--credit-code", CREDIT_CODE)
    assert code == 2 and "已存在" in err


def test_evidence_accepts_only_pdf_jpg_png_and_can_be_removed(enterprise, tmp_path) -> None:
    db = tmp_path / "e.sqlite3"
    from zjtx_desktop.core.paths import resources_dir

    code, out, _ = cli(
        db, "drafts", "import", str(resources_dir() / "demo" / "nat-xjr-application-2021.json")
    )
    app_id = out.split()[0]
    fake = tmp_path / "营业执照.pdf"
    fake.write_text("只是文字，改了后缀", encoding="utf-8")
    code, _, err = cli(db, "evidence", "add", app_id, str(fake))
    assert code == 2 and "不是 PDF、JPG 或 PNG" in err
    photo = tmp_path / "photo.jpg"
    from PIL import Image

    Image.new("RGB", (40, 30)).save(photo, "JPEG")
    code, _, err = cli(db, "evidence", "add", app_id, str(photo), "--item", "附件2-9")
    assert code == 2 and "没有清单项" in err
    assert cli(db, "evidence", "add", app_id, str(photo), str(photo))[0] == 0
    code, out, _ = cli(db, "evidence", "list", app_id, "--json")
    items = json.loads(out)
    assert [(e["id"], e["media_type"], e["pages"]) for e in items] == [
        ("E001", "image/jpeg", 1),
        ("E002", "image/jpeg", 1),
    ]
    blobs = list((db.parent / "evidence").rglob("*"))
    assert len([b for b in blobs if b.is_file()]) == 1  # content-addressed: stored once
    assert cli(db, "evidence", "remove", app_id, "E001")[0] == 0
    code, out, _ = cli(db, "evidence", "list", app_id)
    assert "E002" in out and "E001" not in out and "共 1 份佐证材料" in out
