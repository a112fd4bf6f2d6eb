"""A per-session test PKI made with cryptography (signing.md §9 fixtures): an EC root; the
legal representative's, the seal's and the 推荐单位's certificates issued by it; one CRL
revoking the seal certificate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from zjtx_desktop.core.exchange.identity import Identity

NOW = dt.datetime.now(dt.UTC)


def _name(cn: str, credit_code: str = "") -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    if credit_code:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, credit_code))
    attrs.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"))
    return x509.Name(attrs)


@dataclass
class Pki:
    root_key: ec.EllipticCurvePrivateKey
    root: x509.Certificate
    legal_rep: Identity
    seal: Identity
    recommender: Identity

    @property
    def root_pem(self) -> bytes:
        return self.root.public_bytes(serialization.Encoding.PEM)

    def crl_revoking(self, *certs: x509.Certificate) -> bytes:
        b = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.root.subject)
            .last_update(NOW - dt.timedelta(hours=1))
            .next_update(NOW + dt.timedelta(days=30))
        )
        for c in certs:
            b = b.add_revoked_certificate(
                x509.RevokedCertificateBuilder()
                .serial_number(c.serial_number)
                .revocation_date(NOW - dt.timedelta(minutes=30))
                .build()
            )
        return b.sign(self.root_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def _issue(root_key, root, cn: str, credit_code: str) -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn, credit_code))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
        .sign(root_key, hashes.SHA256())
    )
    return Identity(key, cert, (root,))


def make_pki(credit_code: str) -> Pki:
    root_key = ec.generate_private_key(ec.SECP256R1())
    subject = _name("ZJTX 测试根 CA")
    root = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=2))
        .not_valid_after(NOW + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), False)
        .sign(root_key, hashes.SHA256())
    )
    return Pki(
        root_key,
        root,
        _issue(root_key, root, "王建国（法定代表人）", credit_code),
        _issue(root_key, root, "吉林省恒锐精密机床有限公司（公章）", credit_code),
        _issue(root_key, root, "长春市工业和信息化局", ""),
    )
