"""The exchange PDF (signing.md §1.2): DATA.json attached, signature fields over the printed
boxes, PAdES signatures made and validated offline with pyhanko.

Revisions: 1 the reportlab export; 2 ``attach_data`` (DATA.json as an associated file, Root
/AF) and ``prepare_pdf`` (empty signature fields ``LegalRepSignature``, ``EnterpriseSeal``…,
``RecommenderSeal``, each exactly over the box the renderer drew, and text fields
``part6_<field>`` on part 六's blanks, locked by ``RecommenderSeal``); 3 the enterprise's
certification signature (DocMDP P=2: form filling and further signatures allowed); later
the 推荐单位's part-六 values and its signature in one revision (``sign_recommendation``).
pyhanko's signing half costs 0.6–1.4 s to import, so it is imported only when signing or
validating.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from zjtx_desktop.core.export.model import SignPlace


def field_names(places: list[SignPlace]) -> list[tuple[str, SignPlace]]:
    """A unique field name per place: 法定代表人 → LegalRepSignature, 推荐单位 → RecommenderSeal,
    other seals (企业公章, 企业名称（盖章）) → EnterpriseSeal, EnterpriseSeal2 …"""
    out: list[tuple[str, SignPlace]] = []
    used: dict[str, int] = {}
    for p in places:
        if p.kind == "signature":
            base = "LegalRepSignature"
        elif "推荐" in p.label or "主管部门" in p.label:
            base = "RecommenderSeal"
        else:
            base = "EnterpriseSeal"
        used[base] = used.get(base, 0) + 1
        out.append((base if used[base] == 1 else f"{base}{used[base]}", p))
    return out


def prepare_pdf(pdf: bytes, data: dict[str, Any], places: list[SignPlace]) -> bytes:
    """Rev 2 of the exchange PDF: DATA.json plus an empty signature field over every printed
    signature and seal box (one incremental update, so the pages are unchanged)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from zjtx_desktop.core.exchange.part6 import add_text_fields, find_blanks
    from zjtx_desktop.core.export.printdoc import embed_into

    fields, _signers = _sign_modules()
    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    embed_into(w, data)
    part6 = add_text_fields(w, find_blanks(pdf))
    for name, p in field_names(places):
        lock = None
        if name.startswith("RecommenderSeal") and part6:
            # once the 推荐单位 signs, its part-六 values cannot change (signing.md §9 item 6)
            lock = fields.FieldMDPSpec(fields.FieldMDPAction.INCLUDE, fields=part6)
        fields.append_signature_field(
            w,
            fields.SigFieldSpec(
                name,
                on_page=p.page - 1,
                box=p.rect,
                readable_field_name=p.label or name,
                field_mdp_spec=lock,
            ),
        )
    out = io.BytesIO()
    w.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def _signer(identity: Any) -> Any:
    from asn1crypto import keys as a_keys
    from asn1crypto import x509 as a_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    _fields, signers = _sign_modules()

    cert = a_x509.Certificate.load(identity.cert_der)
    key_der = identity.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    chain = [
        a_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in identity.chain
    ]
    return signers.SimpleSigner(
        signing_cert=cert,
        signing_key=a_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([cert, *chain]),  # type: ignore[no-untyped-call]
    )


def sign_pdf(
    pdf: bytes,
    identity: Any,
    field: str = "LegalRepSignature",
    *,
    certify: bool = True,
    reason: str = "企业签署申报材料（防篡改，非电子公章）",
) -> bytes:
    """Sign ``field`` as a new incremental revision: the first signature certifies (DocMDP
    P=2: form filling and further signatures allowed), later ones approve (``certify=False``:
    the 企业公章 and 推荐单位 fields). A PDF without that field gets an invisible one."""
    from pyhanko import stamp
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    fields, signers = _sign_modules()
    _quiet_pyhanko()
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        certify=certify,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
    )
    # an empty appearance: the box stays as printed (clear for the wet signature on paper);
    # viewers list the signature in their signature panel
    style = stamp.TextStampStyle(stamp_text="", border_width=0, background=None)
    out = io.BytesIO()
    signers.PdfSigner(meta, _signer(identity), stamp_style=style).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)), output=out
    )
    return out.getvalue()


def sign_recommendation(
    pdf: bytes,
    identity: Any,
    values: dict[str, str],
    field: str = "RecommenderSeal",
    reason: str = "推荐单位初核推荐意见",
) -> bytes:
    """The 推荐单位's revision: the official's part-六 review (field id → text, e.g.
    ``review_opinion`` → ``同意``, ``mandatory_indicators`` → ``1、3``; see
    ``part6.widget_values``) written into their fields (ticks in the boxes, the date's numbers
    in its gaps) and the 推荐单位（公章） approval signature, whose FieldMDP lock then covers
    them."""
    from pyhanko import stamp
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from zjtx_desktop.core.exchange.part6 import fill_review

    fields, signers = _sign_modules()
    _quiet_pyhanko()
    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    fill_review(w, values)
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
    )
    style = stamp.TextStampStyle(stamp_text="", border_width=0, background=None)
    out = io.BytesIO()
    # the pending part-六 values go into the signature's own revision
    signers.PdfSigner(meta, _signer(identity), stamp_style=style).sign_pdf(w, output=out)
    return out.getvalue()


def _sign_modules() -> tuple[Any, Any]:
    """pyhanko.sign's fields and signers, without its DSA deprecation warning on import."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="DSA is deprecated")
        from pyhanko.sign import fields, signers

    from zjtx_desktop.core.exchange import namecache, pdfhex

    pdfhex.install()  # a signature's /Contents read in one slice, not byte by byte
    namecache.install()  # a certificate name's LDAP preparation done once per process
    return fields, signers


def _quiet_pyhanko() -> None:
    """pyhanko logs full tracebacks for untrusted or modified files (signing.md §8); our
    verdicts say what matters."""
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
