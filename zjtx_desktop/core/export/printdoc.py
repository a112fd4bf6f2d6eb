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
from collections.abc import Mapping, Sequence
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
            "duplex": opts.duplex,  # mirrored margins move the 草稿 mark among the lines
            "signer_fingerprint": opts.signer_fingerprint,
            "signed": signed,
            # the rule versions each 自评表's 自评结果 was printed under, so that a verifier
            # with other rule packs re-renders it under the same ones (``rerender``)
            "verdict_rules": _verdict_rules(session, form_ids),
        },
    }


def _verdict_rules(
    session: ApplicationSession, form_ids: Sequence[str] | None
) -> dict[str, list[dict[str, Any]]]:
    from zjtx_desktop.core.export.verdict import recorded_rules

    out = {}
    for fid in form_ids or list(session.states):
        form = session.state(fid).form
        if form.kind == "self_assessment":
            rules = recorded_rules(form, session)
            if rules is not None:
                out[fid] = rules
    return out


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
