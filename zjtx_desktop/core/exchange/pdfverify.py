"""Checking a PDF we exported: its PAdES signatures (offline, signing.md §1.5–1.6) and its
printed pages against the data it carries (``compare_pdf``)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from zjtx_desktop.core.exchange.checks import Check, check
from zjtx_desktop.core.exchange.trust import TrustStore

# signature algorithms pyhanko can check; anything else (SM2 电子印章 …) is "无法在本机核验"
_KNOWN_ALGS = ("rsa", "ecdsa", "ed25519", "ed448", "dsa", "sha256_rsa", "sha384_rsa", "sha512_rsa")


def _alg_name(es: Any) -> str:
    try:
        return str(es.signer_info["signature_algorithm"]["algorithm"].native)
    except (KeyError, ValueError, TypeError):
        return "未知算法"


def _supported(alg: str) -> bool:
    return any(k in alg.lower() for k in _KNOWN_ALGS)


def signature_rows(
    pdf: bytes, trust: TrustStore | None = None, pinned: Sequence[bytes] = ()
) -> list[dict[str, Any]]:
    """One row per signature, oldest first: field, signer fingerprint and subject, intact,
    valid, trusted, revoked, coverage, modification level, bottom line, or ``unsupported``."""
    import hashlib

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko_certvalidator import ValidationContext

    from zjtx_desktop.core.exchange.pdfsign import _quiet_pyhanko, _sign_modules

    _sign_modules()
    from pyhanko.sign.validation import validate_pdf_signature

    _quiet_pyhanko()
    r = PdfFileReader(io.BytesIO(pdf), strict=False)
    roots = list(trust.roots_der()) if trust is not None else []
    crls = list(trust.crls_der()) if trust is not None else []
    rows = []
    for es in r.embedded_signatures:
        alg = _alg_name(es)
        cert = es.signer_cert
        fp = hashlib.sha256(cert.dump()).hexdigest() if cert is not None else ""
        row: dict[str, Any] = {"field": es.field_name, "fingerprint": fp, "algorithm": alg}
        row["subject"] = cert.subject.human_friendly if cert is not None else ""
        if cert is None or not _supported(alg):
            row["unsupported"] = True
            rows.append(row)
            continue
        from asn1crypto import x509 as a_x509

        anchors = [a_x509.Certificate.load(d) for d in [*roots, *pinned]]
        vc = ValidationContext(
            trust_roots=anchors,
            allow_fetching=False,
            crls=crls,
            revocation_mode="require" if crls else "soft-fail",
        )
        try:
            st = validate_pdf_signature(es, vc)
        except Exception as e:  # pyhanko raises many kinds for damaged input
            row.update(intact=False, valid=False, error=str(e))
            rows.append(row)
            continue
        row.update(
            intact=bool(st.intact),
            valid=bool(st.valid),
            trusted=bool(st.trusted),
            revoked=bool(getattr(st, "revoked", False)),
            coverage=getattr(st.coverage, "name", str(st.coverage)),
            modification=getattr(st.modification_level, "name", str(st.modification_level)),
            docmdp_ok=bool(getattr(st, "docmdp_ok", True)),
            bottom_line=bool(st.bottom_line),
        )
        rows.append(row)
    return rows


def signature_checks(pdf: bytes, fingerprint: str, trust: TrustStore | None) -> list[Check]:
    """Flags for the package's booklet: unsigned, a broken or partial signature, another
    signer than the package's, or an algorithm we cannot check here."""
    try:
        rows = signature_rows(pdf, trust, [])
    except Exception as e:  # a PDF pyhanko cannot parse at all
        return [check("PKG_PDF_SIGNATURE", detail=f"无法读取签名（{e}）")]
    if not rows:
        return [check("PKG_PDF_UNSIGNED")]
    out: list[Check] = []
    for i, row in enumerate(rows):
        if row.get("unsupported"):
            out.append(check("PKG_PDF_UNSUPPORTED", alg=row["algorithm"]))
            continue
        problem = signature_problem(row, newest=i == len(rows) - 1)
        if problem:
            out.append(check("PKG_PDF_SIGNATURE", detail=f"{row['field']}：{problem}"))
        elif row["fingerprint"] != fingerprint:
            out.append(check("PKG_PDF_SIGNER"))
    return out


def signature_problem(row: dict[str, Any], newest: bool) -> str:
    """Why a signature row is not acceptable ("" when it is); trust is judged apart."""
    if row.get("error"):
        return "签名无法核验"
    if not row.get("intact"):
        return "签名后文件被改动"
    if not row.get("valid"):
        return "签名值无效"
    if row.get("revoked"):
        return "签名证书已被吊销"
    if not row.get("docmdp_ok", True) or row.get("modification") == "OTHER":
        return "签名后有不允许的修改"
    if newest and row.get("coverage") != "ENTIRE_FILE":
        return "最新的签名之后文件还有未签名的修改"
    return ""
