"""Re-rendering a printed application from the DATA.json it carries (``printdoc.attach``):
the PDF the same export writes, to compare page by page with the one handed in.

Its own module so that printdoc (which the exporter imports) does not import the exporter.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from zjtx_desktop.core.export.model import EvidenceLine, ExportOptions
from zjtx_desktop.core.export.printdoc import PrintDocError


def rerender(doc: dict[str, Any]) -> bytes:
    """The PDF the same export writes from ``doc`` (unsigned, without the attachment)."""
    from zjtx_desktop.core.datafile import DataFileError, parse_data
    from zjtx_desktop.core.export.api import build_job
    from zjtx_desktop.core.export.pdf import render_pdf
    from zjtx_desktop.core.merge import merged_session

    if not isinstance(doc, dict) or not isinstance(doc.get("forms"), list) or not doc["forms"]:
        raise PrintDocError("DATA.json 中没有表单数据")
    try:
        datas = [parse_data(f, f"forms[{i}]：") for i, f in enumerate(doc["forms"])]
        # the one merge policy: forms that disagree on a shared fact are refused, not chosen
        session = merged_session([(f"forms[{i}]", d) for i, d in enumerate(datas)])
    except DataFileError as e:
        raise PrintDocError(str(e)) from None
    p = doc.get("print") if isinstance(doc.get("print"), dict) else {}
    assert isinstance(p, dict)
    explanations = {
        (e["form"], e["field"], e["code"], e["rule"]): e["text"]
        for e in doc.get("explanations") or []
        if isinstance(e, dict)
    }
    evidence = [
        EvidenceLine(str(e["title"]), str(e.get("item", "")), int(e["pages"]), str(e["sha256"]))
        for e in doc.get("evidence") or []
        if isinstance(e, dict)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        image = None
        if p.get("signature_image"):
            from PIL import Image

            image = Path(tmp) / "signature.png"
            w, h = (int(x) for x in p["signature_image"])
            Image.new("L", (max(w, 1), max(h, 1)), 255).save(image)
        opts = ExportOptions(
            app_id=str(p.get("app_id", "")),
            copy=str(p.get("copy", "enterprise")),
            signature_name=str(p.get("signature_name", "")),
            signature_image=image,
            seam_strip=bool(p.get("seam_strip")),
            seal_guides=bool(p.get("seal_guides")),
            signer_fingerprint=str(p.get("signer_fingerprint", "")),
        )
        job, _u, _e = build_job(
            session,
            opts,
            form_ids=p.get("form_ids") or None,
            explanations=explanations,
            title=str(p.get("title", "")),
            booklet=bool(p.get("booklet")),
            evidence=evidence,
        )
        buf = io.BytesIO()
        render_pdf(job, buf, opts)
    return buf.getvalue()
