"""The enterprise's signing identity: one EC P-256 key and its certificate per installation.

On first use the app makes a key and a self-issued X.509 certificate (subject: 企业名称,
organizationIdentifier = 统一社会信用代码), kept in a passphrase-protected PKCS#12 file in the
user's data directory; a PKCS#12 from a licensed CA can be imported instead. The certificate's
SHA-256 fingerprint is printed on the paper the enterprise signs and stamps, so the stamped
paper vouches for the key. This is tamper evidence between the parties, not a legal 电子公章.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from zjtx_desktop.core.exchange import keyfiles

# id-kp-documentSigning (RFC 9336): the key signs documents, not TLS connections
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
VALID_YEARS = 10

NOT_LEGAL_SEAL = (
    "此签名用于双方核对文件未被改动（防篡改），不是具有法律效力的电子公章；以盖章的纸质件为准。"
)


class IdentityError(Exception):
    """The identity cannot be made, read or used; the message says why, in Chinese."""


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate's DER bytes, lower-case hex (64 digits)."""
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def grouped(fp: str, digits: int = 16) -> str:
    """The printed form of a fingerprint: ``3F47 973D DC01 8A2B`` (first ``digits`` hex)."""
    head = fp[:digits].upper()
    return " ".join(head[i : i + 4] for i in range(0, len(head), 4))


def _name_attr(name: x509.Name, oid: ObjectIdentifier) -> str:
    attrs = name.get_attributes_for_oid(oid)
    return str(attrs[0].value) if attrs else ""


def subject_name(cert: x509.Certificate) -> str:
    """The holder's name as people read it (CN, else O)."""
    return _name_attr(cert.subject, NameOID.COMMON_NAME) or _name_attr(
        cert.subject, NameOID.ORGANIZATION_NAME
    )


def credit_code_of(cert: x509.Certificate) -> str:
    """The 统一社会信用代码 in the subject's organizationIdentifier (2.5.4.97), if any."""
    return _name_attr(cert.subject, NameOID.ORGANIZATION_IDENTIFIER).strip().upper()


@dataclass(frozen=True)
class Identity:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()  # CA certificates above ``cert``, if imported

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.cert)

    @property
    def subject(self) -> str:
        return subject_name(self.cert)

    @property
    def credit_code(self) -> str:
        return credit_code_of(self.cert)

    @property
    def cert_der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    def sign(self, data: bytes) -> bytes:
        """A DER ECDSA-SHA256 signature of ``data`` (the manifest's detached signature)."""
        return self.key.sign(data, ec.ECDSA(hashes.SHA256()))


def identity_path(data_dir: Path) -> Path:
    return keyfiles.p12_path(data_dir)


def _write_crt(p12: Path, cert: x509.Certificate) -> None:
    crt = p12.with_suffix(".crt")
    crt.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _certificate(key: ec.EllipticCurvePrivateKey, name: str, credit_code: str) -> x509.Certificate:
    code = [x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, credit_code)] if credit_code else []
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            *code,
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365 * VALID_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def _write_p12(path: Path, ident: Identity, passphrase: bytes) -> None:
    blob = pkcs12.serialize_key_and_certificates(
        ident.subject.encode("utf-8"),
        ident.key,
        ident.cert,
        list(ident.chain) or None,
        serialization.BestAvailableEncryption(passphrase),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(blob)
    tmp.chmod(0o600)
    tmp.replace(path)
    _write_crt(path, ident.cert)


def credit_code_problem(credit_code: str) -> str:
    """Why ``credit_code`` is not a valid 统一社会信用代码 ("" when it is), by the forms' own
    check of a ``uscc`` field (python-stdnum's check digit), in its Chinese words."""
    from zjtx_desktop.core.fieldtypes import parse
    from zjtx_desktop.core.forms.model import FieldDef
    from zjtx_desktop.core.messages import render

    field = FieldDef("credit_code", "统一社会信用代码", "", "uscc", "credit_code")
    parsed = parse(credit_code, field)
    if not parsed.findings:
        return ""
    code, _severity, params = parsed.findings[0]
    return render(code, params)


def create_identity(
    path: Path, name: str, credit_code: str, passphrase: bytes, *, unit: bool = False
) -> Identity:
    """Make the key and certificate and keep them at ``path``; never replaces an existing one
    (a new key means every official who pinned the old one gets a loud warning; to make a
    new one, ``retire_identity`` first). An enterprise's names its 统一社会信用代码 (the
    booklet's signatures are checked against the data's); a 推荐单位's (``unit``) may leave
    it out: its name is what the paper shows. An invalid 统一社会信用代码 is refused: it
    could never match a correct application."""
    if path.exists():
        raise IdentityError(
            f"签名证书已存在：{path}（如需重新生成，用 zjtx keys create --replace："
            "旧证书移到备份，不会删除）"
        )
    name, credit_code = name.strip(), credit_code.strip().upper()
    if unit and not name:
        raise IdentityError("生成单位签名证书需要单位名称")
    if not unit and (not name or not credit_code):
        raise IdentityError("生成签名证书需要企业名称和统一社会信用代码")
    problem = "" if unit else credit_code_problem(credit_code)  # a unit's is only shown
    if problem:
        raise IdentityError(f"统一社会信用代码“{credit_code}”不正确：{problem}；未生成签名证书")
    if not passphrase:
        raise IdentityError("请设置签名证书的口令")
    key = ec.generate_private_key(ec.SECP256R1())
    ident = Identity(key, _certificate(key, name, credit_code))
    _write_p12(path, ident, passphrase)
    return ident


def retire_identity(path: Path) -> Path:
    """Move the installation's key and certificate aside (never deleted: packages already
    sent were signed with it) to ``identity-<date>-<time>.p12`` beside it; returns where."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    n = 0
    while True:
        target = path.with_name(f"{path.stem}-{stamp}{f'-{n}' if n else ''}{path.suffix}")
        if not target.exists() and not target.with_suffix(".crt").exists():
            break
        n += 1
    path.replace(target)
    crt = path.with_suffix(".crt")
    if crt.exists():
        crt.replace(target.with_suffix(".crt"))
    return target


def read_p12(blob: bytes, passphrase: bytes, where: str) -> Identity:
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(blob, passphrase)
    except ValueError:
        raise IdentityError(f"无法打开签名证书 {where}：口令不对或文件已损坏") from None
    if cert is None or key is None:
        raise IdentityError(f"{where} 中没有私钥和证书")
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise IdentityError(f"{where} 的密钥不是椭圆曲线（EC）密钥：本程序只支持 EC P-256 证书")
    if not cert.public_key() == key.public_key():
        raise IdentityError(f"{where} 中的证书与私钥不匹配")
    return Identity(key, cert, tuple(extra or ()))


def load_identity(path: Path, passphrase: bytes) -> Identity:
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        raise IdentityError("还没有签名证书：请先生成（zjtx keys create）或导入") from None
    except OSError as e:
        raise IdentityError(f"无法读取签名证书 {path}：{e.strerror}") from None
    return read_p12(blob, passphrase, str(path))


def import_identity(source: Path, path: Path, passphrase: bytes) -> Identity:
    """Check a PKCS#12 from a CA opens with ``passphrase`` and keep a copy at ``path``."""
    if path.exists():
        raise IdentityError(f"签名证书已存在：{path}（如需更换，请先备份并移走该文件）")
    ident = load_identity(source, passphrase)
    if not ident.credit_code:
        raise IdentityError("证书主题中没有统一社会信用代码（organizationIdentifier）")
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, path)
    path.chmod(0o600)
    _write_crt(path, ident.cert)
    return ident


def describe(cert: x509.Certificate) -> dict[str, Any]:
    """What ``zjtx keys show`` prints about the installation's certificate."""
    fp = fingerprint(cert)
    return {
        "subject": subject_name(cert),
        "credit_code": credit_code_of(cert),
        "fingerprint": fp,
        "printed": grouped(fp),
        "self_issued": cert.issuer == cert.subject,
        "not_after": cert.not_valid_after_utc.isoformat(),
        "note": NOT_LEGAL_SEAL,
    }
