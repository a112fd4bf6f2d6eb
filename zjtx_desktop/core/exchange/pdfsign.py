"""The exchange PDF (signing.md §1.2): DATA.json attached, signature fields over the printed
boxes, PAdES signatures made and validated offline with pyhanko.

Revisions: 1 the reportlab export; 2 ``attach_data`` (DATA.json as an associated file, Root
/AF) and ``prepare_pdf`` (empty signature fields ``LegalRepSignature``, ``EnterpriseSeal``…,
``RecommenderSeal``, each exactly over the box the renderer drew); 3 the enterprise's
certification signature (DocMDP P=2: form filling and further signatures allowed).
pyhanko's signing half costs 0.6–1.4 s to import, so it is imported only when signing or
validating.
"""

from __future__ import annotations

import io
import json
import logging
from typing import Any

from zjtx_desktop.core.export.model import ExportOptions, SignPlace

DATA_NAME = "DATA.json"
PRINT_FORMAT = "zjtx-print"


def print_data(app_or_session: Any, opts: ExportOptions, **extra: Any) -> dict[str, Any]:
    """What the PDF's DATA.json holds: every form's DATA.json and what else decides the printed
    pages (export choices, 说明, 佐证材料目录), so ``zjtx verify`` can re-create them."""
    app = app_or_session if hasattr(app_or_session, "session") else None
    session = app.session if app is not None else app_or_session
    doc: dict[str, Any] = {
        "format": PRINT_FORMAT,
        "forms": [
            {"form": st.form.id, "version": st.form.version, "values": session.values(fid)}
            for fid, st in session.states.items()
        ],
        "print": {
            "app_id": opts.app_id,
            "copy": opts.copy,
            "signature_name": opts.signature_name,
            "seam_strip": opts.seam_strip,
            "seal_guides": opts.seal_guides,
            "signer_fingerprint": opts.signer_fingerprint,
            **extra,
        },
    }
    if app is not None:
        from zjtx_desktop.core.exchange.evidence import list_evidence

        doc["explanations"] = [
            {"form": k[0], "field": k[1], "code": k[2], "rule": k[3], "text": t}
            for k, t in sorted(app.explanations.items())
        ]
        doc["evidence"] = [
            {"title": e.title, "item": e.item, "pages": e.pages, "sha256": e.sha256}
            for e in list_evidence(app.store, app.id)
        ]
        doc["print"].setdefault("booklet", True)
        doc["print"].setdefault("title", app.record.name)
    return doc


def attach_data(pdf: bytes, data: dict[str, Any]) -> bytes:
    """Rev 2: DATA.json as an embedded, associated (/AFRelationship /Data) file."""
    from pyhanko.pdf_utils import embed, generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    _embed(w, data, embed, generic)
    out = io.BytesIO()
    w.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def _embed(w: Any, data: dict[str, Any], embed: Any, generic: Any) -> None:
    blob = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    ef = embed.EmbeddedFileObject.from_file_data(
        w,
        blob,
        mime_type="application/json",
        params=embed.EmbeddedFileParams(embed_size=True, embed_checksum=True),
    )
    spec = embed.FileSpec(
        file_spec_string=DATA_NAME,
        file_name=DATA_NAME,
        embedded_data=ef,
        description="申报数据（机器可读）",
        af_relationship=generic.NameObject("/Data"),
    )
    embed.embed_file(w, spec)


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
    from pyhanko.pdf_utils import embed, generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    fields, _signers = _sign_modules()
    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    _embed(w, data, embed, generic)
    for name, p in field_names(places):
        fields.append_signature_field(
            w,
            fields.SigFieldSpec(
                name, on_page=p.page - 1, box=p.rect, readable_field_name=p.label or name
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


def sign_pdf(pdf: bytes, identity: Any, field: str = "LegalRepSignature") -> bytes:
    """Sign ``field`` (certification, DocMDP P=2) as the enterprise; a new incremental revision.
    A PDF without that field gets an invisible one."""
    from pyhanko import stamp
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    fields, signers = _sign_modules()
    _quiet_pyhanko()
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="企业签署申报材料（防篡改，非电子公章）",
        certify=True,
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


def _sign_modules() -> tuple[Any, Any]:
    """pyhanko.sign's fields and signers, without its DSA deprecation warning on import."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="DSA is deprecated")
        from pyhanko.sign import fields, signers
    return fields, signers


def _quiet_pyhanko() -> None:
    """pyhanko logs full tracebacks for untrusted or modified files (signing.md §8); our
    verdicts say what matters."""
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
