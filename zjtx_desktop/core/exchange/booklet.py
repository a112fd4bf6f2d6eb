"""The package's booklet: the enterprise copy as printed for stamping, as PDF bytes.

目录 with the signing key's fingerprint, every form (part 六 empty), the 填报说明 and the
佐证材料目录; then (``exchange_pdf``) DATA.json attached and signature fields laid over the
printed boxes, PAdES-signed with the enterprise's key.
"""

from __future__ import annotations

import io
from typing import Any

from zjtx_desktop.core.exchange.identity import Identity
from zjtx_desktop.core.export.model import ExportOptions, SignPlace


def booklet_options(app: Any, identity: Identity | None) -> ExportOptions:
    fp = identity.fingerprint if identity is not None else ""
    return ExportOptions(app_id=app.id, copy="enterprise", signer_fingerprint=fp, record_places=[])


def _job_args(app: Any) -> dict[str, Any]:
    from zjtx_desktop.core.exchange.evidence import evidence_lines

    return {
        "explanations": app.explanations,
        "title": app.record.name or "、".join(f.short_title or f.title for f in app.forms),
        "booklet": True,
        "evidence": evidence_lines(app.store, app.id),
    }


def render_booklet(app: Any, opts: ExportOptions) -> bytes:
    from zjtx_desktop.core.export.api import build_job
    from zjtx_desktop.core.export.pdf import render_pdf

    job, _u, _e = build_job(app.session, opts, **_job_args(app))
    buf = io.BytesIO()
    render_pdf(job, buf, opts)
    return buf.getvalue()


def booklet_pdf(app: Any, identity: Identity, *, sign: bool = True) -> bytes:
    """The booklet as it goes into the package (signed unless ``sign`` is False)."""
    from zjtx_desktop.core.exchange.pdfsign import prepare_pdf, sign_pdf
    from zjtx_desktop.core.export.printdoc import print_document

    opts = booklet_options(app, identity)
    pdf = render_booklet(app, opts)
    places: list[SignPlace] = list(opts.record_places or [])
    doc = print_document(app.session, opts, **_job_args(app), signed=sign)
    prepared = prepare_pdf(pdf, doc, places)
    return sign_pdf(prepared, identity) if sign else prepared
