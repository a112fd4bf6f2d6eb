"""The official's trust store: keys pinned from the stamped paper, CA roots and CRLs.

    trust/pins.json    {"<统一社会信用代码>": [{"sha256": "<fingerprint or its printed prefix>",
                         "subject": "…", "since": "2026-12-06", "source": "paper" | "qr" | "tofu"}]}
    trust/roots/*.pem  roots of licensed CAs, imported by hand
    trust/crls/*.crl   CRL snapshots brought in by hand (checked with revocation "require")

A key is *pinned* when the official typed the fingerprint printed on the enterprise's stamped
目录 page (at least its first 12 hex digits) or scanned its QR code: the wet stamp vouches for
the key. Without a pin the first package is accepted with a visible warning; a key that
differs from a pin is a loud warning (signing.md §7, option D with C as a warned fallback).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

MIN_PREFIX = 12  # hex digits an official must type from the paper
PinStatus = Literal["pinned", "changed", "first"]
# what the trust store says of a package's signing key: PinStatus, or "root" (a CA-issued
# certificate that chains to an imported root: checked without a pin)
KeyStatus = Literal["pinned", "root", "changed", "first"]


class TrustError(Exception):
    """A pin, root or CRL that cannot be used; the message says why, in Chinese."""


def normalise_fingerprint(text: str) -> str:
    """Hex digits of a typed fingerprint (``3F47 973D-DC01 8A2B`` → ``3f47973ddc018a2b``)."""
    hexpart = re.sub(r"[\s:\-]", "", text).lower()
    if not re.fullmatch(r"[0-9a-f]+", hexpart or "x"):
        raise TrustError(f"签名指纹只能包含 0-9 和 A-F：{text}")
    if len(hexpart) < MIN_PREFIX or len(hexpart) > 64:
        raise TrustError(f"请输入纸质件目录页上签名指纹的至少前 {MIN_PREFIX} 位（最多 64 位）")
    return hexpart


@dataclass(frozen=True)
class Pin:
    credit_code: str
    sha256: str  # full fingerprint or a typed prefix of at least 12 hex digits
    subject: str
    since: str
    source: str

    def matches(self, fingerprint: str) -> bool:
        return fingerprint.lower().startswith(self.sha256)


class TrustStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    # --- pins ---------------------------------------------------------------------------

    @property
    def pins_path(self) -> Path:
        return self.root / "pins.json"

    def _read_pins(self) -> dict[str, list[dict[str, Any]]]:
        try:
            doc = json.loads(self.pins_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as e:
            raise TrustError(f"无法读取 {self.pins_path}：{e}") from None
        return doc if isinstance(doc, dict) else {}

    def pins(self, credit_code: str | None = None) -> list[Pin]:
        out = []
        for code, entries in sorted(self._read_pins().items()):
            if credit_code is not None and code != credit_code.upper():
                continue
            for e in entries if isinstance(entries, list) else []:
                out.append(
                    Pin(
                        code,
                        str(e.get("sha256", "")),
                        str(e.get("subject", "")),
                        str(e.get("since", "")),
                        str(e.get("source", "")),
                    )
                )
        return out

    def pin(
        self, credit_code: str, fingerprint: str, subject: str = "", source: str = "paper"
    ) -> Pin:
        code = credit_code.strip().upper()
        if not code:
            raise TrustError("请给出统一社会信用代码")
        fp = normalise_fingerprint(fingerprint)
        doc = self._read_pins()
        entries = [e for e in doc.get(code, []) if e.get("sha256") != fp]
        since = dt.date.today().isoformat()
        entries.append({"sha256": fp, "subject": subject, "since": since, "source": source})
        doc[code] = entries
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.pins_path.with_name("pins.json.part")
        tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(self.pins_path)
        return Pin(code, fp, subject, since, source)

    def status(self, credit_code: str, fingerprint: str) -> PinStatus:
        """pinned: a pin of this enterprise matches; changed: pins exist, none matches;
        first: nothing pinned for this enterprise yet."""
        pins = self.pins(credit_code)
        if not pins:
            return "first"
        return "pinned" if any(p.matches(fingerprint) for p in pins) else "changed"

    def key_status(self, credit_code: str, fingerprint: str, cert_der: bytes) -> KeyStatus:
        """pinned or changed or first (``status``), except that a certificate issued by an
        imported CA root counts as checked ("root") whatever the pins say: the CA vouches
        for the 统一社会信用代码 in it (signing.md §7, option A)."""
        status = self.status(credit_code, fingerprint)
        if status != "pinned" and self.issued_by_root(cert_der):
            return "root"
        return status

    # --- roots and CRLs -----------------------------------------------------------------

    def _roots(self) -> list[Any]:
        d = self.root / "roots"
        return [_load_cert(p) for p in sorted(d.glob("*.pem"))] if d.is_dir() else []

    def issued_by_root(self, cert_der: bytes) -> bool:
        """The certificate was signed by one of the imported roots (and is not itself one)."""
        from cryptography import x509
        from cryptography.exceptions import InvalidSignature

        cert = x509.load_der_x509_certificate(cert_der)
        if cert.issuer == cert.subject:
            return False  # self-issued: only a pin can vouch for it
        for root in self._roots():
            if root.subject != cert.issuer:
                continue
            try:
                cert.verify_directly_issued_by(root)
            except (ValueError, TypeError, InvalidSignature):
                continue
            return True
        return False

    def revocation(self, cert_der: bytes) -> str:
        """Why the certificate is revoked by a CRL of the store ("" when none revokes it):
        "<issuer> 的吊销列表，吊销日期 <date>". A CRL whose issuer is an imported root must
        carry that root's signature; one whose issuer is not in the store is honoured as it
        is (the official brought it in by hand; refusing too much is the safe side)."""
        from cryptography import x509

        cert = x509.load_der_x509_certificate(cert_der)
        roots = [r for r in self._roots() if r.subject == cert.issuer]
        for blob in self.crls_der():
            try:
                crl = x509.load_der_x509_crl(blob)
            except ValueError:
                continue
            if crl.issuer != cert.issuer:
                continue
            if roots and not any(_crl_signed_by(crl, r) for r in roots):
                continue  # claims the root's name without its signature
            entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
            if entry is not None:
                issuer = _common_name(crl.issuer)
                when = entry.revocation_date_utc.date().isoformat()
                return f"{issuer} 的吊销列表，吊销日期 {when}"
        return ""

    def _add(self, sub: str, source: Path, suffix: str) -> Path:
        d = self.root / sub
        d.mkdir(parents=True, exist_ok=True)
        target = d / (source.stem + suffix)
        shutil.copyfile(source, target)
        return target

    def add_root(self, source: Path) -> Path:
        """Import a CA root (PEM or DER); it must be a CA certificate."""
        cert = _load_cert(source)
        from cryptography import x509

        try:
            bc = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
            is_ca = bc.ca
        except x509.ExtensionNotFound:
            is_ca = cert.issuer == cert.subject
        if not is_ca:
            raise TrustError(f"{source.name} 不是 CA 根证书")
        from cryptography.hazmat.primitives import serialization

        d = self.root / "roots"
        d.mkdir(parents=True, exist_ok=True)
        target = d / (source.stem + ".pem")
        target.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        return target

    def add_crl(self, source: Path) -> Path:
        from cryptography import x509

        data = _read(source)
        try:
            crl = (
                x509.load_pem_x509_crl(data)
                if data.lstrip().startswith(b"-----")
                else x509.load_der_x509_crl(data)
            )
        except ValueError:
            raise TrustError(f"{source.name} 不是证书吊销列表（CRL）文件") from None
        from cryptography.hazmat.primitives import serialization

        d = self.root / "crls"
        d.mkdir(parents=True, exist_ok=True)
        target = d / (source.stem + ".crl")
        target.write_bytes(crl.public_bytes(serialization.Encoding.DER))
        return target

    def roots_der(self) -> list[bytes]:
        from cryptography.hazmat.primitives import serialization

        d = self.root / "roots"
        files = sorted(d.glob("*.pem")) if d.is_dir() else []
        return [_load_cert(p).public_bytes(serialization.Encoding.DER) for p in files]

    def crls_der(self) -> list[bytes]:
        d = self.root / "crls"
        return [p.read_bytes() for p in sorted(d.glob("*.crl"))] if d.is_dir() else []


def _crl_signed_by(crl: Any, root: Any) -> bool:
    try:
        return bool(crl.is_signature_valid(root.public_key()))
    except (TypeError, ValueError):
        return False


def _common_name(name: Any) -> str:
    from cryptography.x509.oid import NameOID

    attrs = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else name.rfc4514_string()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise TrustError(f"无法读取 {path}：{e.strerror}") from None


def _load_cert(path: Path) -> Any:
    from cryptography import x509

    data = _read(path)
    try:
        if data.lstrip().startswith(b"-----"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise TrustError(f"{path.name} 不是证书文件（PEM 或 DER）") from None


def fingerprint_from_qr(text: str) -> str:
    """The signer fingerprint carried by a paper QR code (its 6th field)."""
    from zjtx_desktop.core.export.proof import BadCode, parse_code

    try:
        code = parse_code(text)
    except BadCode as e:
        raise TrustError(str(e)) from None
    if not code.signer:
        raise TrustError("该二维码不含签名指纹（纸质件导出时尚未生成签名证书）")
    return code.signer


def decode_qr_image(path: Path) -> list[str]:
    """Texts of the QR codes in a scanned or photographed page."""
    import zxingcpp
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            results = zxingcpp.read_barcodes(im.convert("L"))
    except (OSError, UnidentifiedImageError):
        raise TrustError(f"{path.name} 不是能读取的图片") from None
    return [r.text for r in results if r.text]
