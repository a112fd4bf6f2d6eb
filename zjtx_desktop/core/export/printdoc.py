"""The machine-readable twin of an exported PDF: DATA.json embedded in the file.

It holds every form's DATA.json and everything else that decides the printed pages (export
choices, 说明, the 佐证材料目录), so ``zjtx verify FILE.pdf`` can re-create the pages from it
and compare them with the file's, page by page. It is attached as an associated file
(/AFRelationship /Data) with pyhanko's PDF utilities in an incremental update, so the pages
themselves are unchanged.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from zjtx_desktop.core.engine.session import ApplicationSession
from zjtx_desktop.core.export.model import EvidenceLine, ExportOptions

DATA_NAME = "DATA.json"
FORMAT = "zjtx-print"


class PrintDocError(ValueError):
    """The embedded data cannot be used to re-create the pages (message in Chinese)."""


def print_document(
    session: ApplicationSession,
    opts: ExportOptions,
    *,
    form_ids: Sequence[str] | None = None,
    explanations: Mapping[tuple[str, str, str, str], str] | None = None,
    title: str = "",
    booklet: bool = False,
    evidence: Sequence[EvidenceLine] = (),
    signed: bool = False,
) -> dict[str, Any]:
    image_size: list[int] | None = None
    if opts.signature_image is not None:
        from PIL import Image

        with Image.open(opts.signature_image) as im:
            image_size = list(im.size)
    return {
        "format": FORMAT,
        "forms": [
            {"form": st.form.id, "version": st.form.version, "values": session.values(fid)}
            for fid, st in session.states.items()
        ],
        "explanations": [
            {"form": k[0], "field": k[1], "code": k[2], "rule": k[3], "text": t}
            for k, t in sorted((explanations or {}).items())
        ],
        "evidence": [
            {"title": e.title, "item": e.item, "pages": e.pages, "sha256": e.sha256}
            for e in evidence
        ],
        "print": {
            "form_ids": list(form_ids) if form_ids else None,
            "title": title,
            "booklet": booklet,
            "app_id": opts.app_id,
            "copy": opts.copy,
            "signature_name": opts.signature_name,
            "signature_image": image_size,
            "seam_strip": opts.seam_strip,
            "seal_guides": opts.seal_guides,
            "signer_fingerprint": opts.signer_fingerprint,
            "signed": signed,
        },
    }


def attach(pdf: bytes, doc: dict[str, Any]) -> bytes:
    """The PDF with ``doc`` attached as DATA.json (one incremental update)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    embed_into(w, doc)
    out = io.BytesIO()
    w.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def embed_into(w: Any, doc: dict[str, Any]) -> None:
    """Add ``doc`` as DATA.json to a pyhanko writer (Root /AF, /AFRelationship /Data)."""
    from pyhanko.pdf_utils import embed, generic

    blob = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
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


def rerender(doc: dict[str, Any]) -> bytes:
    """The PDF the same export writes from ``doc`` (unsigned, without the attachment)."""
    from zjtx_desktop.core.datafile import DataFileError, parse_data
    from zjtx_desktop.core.engine.session import slot_of
    from zjtx_desktop.core.export.api import build_job
    from zjtx_desktop.core.export.pdf import render_pdf

    if not isinstance(doc, dict) or not isinstance(doc.get("forms"), list) or not doc["forms"]:
        raise PrintDocError("DATA.json 中没有表单数据")
    try:
        datas = [parse_data(f, f"forms[{i}]：") for i, f in enumerate(doc["forms"])]
    except DataFileError as e:
        raise PrintDocError(str(e)) from None
    raw = {slot_of(d.form, d.form.fields[k]): v for d in datas for k, v in d.values.items()}
    session = ApplicationSession([d.form for d in datas], raw)
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
