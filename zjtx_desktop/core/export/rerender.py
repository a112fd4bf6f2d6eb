"""Re-rendering a printed application from the DATA.json it carries (``printdoc.attach``):
the PDF the same export writes, to compare page by page with the one handed in.

Its own module so that printdoc (which the exporter imports) does not import the exporter.

A 自评表's 自评结果 is re-rendered under the rule versions its DATA.json recorded
(``print.verdict_rules``), whatever else is installed here; when one of them is not installed,
its pages are re-rendered as blank pages of the same count (``blank_pages``) for the verifier to
leave out. A DATA.json without the record (exported before it was kept) re-renders under the
versions chosen here, as it always did.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zjtx_desktop.core.export.model import EvidenceLine, ExportOptions
from zjtx_desktop.core.export.printdoc import PrintDocError
from zjtx_desktop.core.export.verdict import Chosen, Verdict

RuleRef = tuple[str, str]  # (rule set id, version)


@dataclass
class RecordedVerdict:
    """A 自评结果's rule versions as its DATA.json recorded them, found among those installed
    here (``chosen``: None when one of them is not; ``missing`` names those)."""

    form: str
    refs: list[RuleRef]  # every recorded version, bases and their overlays, in print order
    chosen: Chosen | None
    missing: list[RuleRef]


def _ref(raw: Any) -> RuleRef | None:
    if not isinstance(raw, dict):
        return None
    rid, version = raw.get("id"), raw.get("version")
    if isinstance(rid, str) and isinstance(version, str) and 0 < len(rid + version) <= 80:
        return rid, version
    return None


def recorded_verdicts(doc: dict[str, Any]) -> dict[str, RecordedVerdict] | None:
    """By form id, the recorded versions of each 自评结果; None when the DATA.json records
    none (exported before they were recorded). A form whose record is malformed is left out
    (re-rendered under the versions chosen here, so it is still compared)."""
    from zjtx_desktop.core.eligibility.loader import all_versions

    p = doc.get("print")
    raw = p.get("verdict_rules") if isinstance(p, dict) else None
    if not isinstance(raw, dict):
        return None
    installed = {(rs.id, rs.version): rs for rs in all_versions()}
    out: dict[str, RecordedVerdict] = {}
    for form, entries in raw.items():
        if not isinstance(entries, list):
            continue
        refs: list[RuleRef] = []
        pairs: list[tuple[RuleRef, list[RuleRef]]] = []
        for e in entries:
            base = _ref(e)
            overlays = e.get("overlays", []) if isinstance(e, dict) else None
            if base is None or not isinstance(overlays, list):
                break
            over = [_ref(o) for o in overlays]
            if any(o is None for o in over):
                break
            kept = [o for o in over if o is not None]
            pairs.append((base, kept))
            refs += [base, *kept]
        else:
            missing = [r for r in refs if r not in installed]
            chosen = (
                None
                if missing
                else [(installed[b], [installed[o] for o in ovs]) for b, ovs in pairs]
            )
            out[str(form)] = RecordedVerdict(str(form), refs, chosen, missing)
    return out


def rerender(doc: dict[str, Any], blank_pages: Mapping[str, int] | None = None) -> bytes:
    """The PDF the same export writes from ``doc`` (unsigned, without the attachment); each
    自评结果 under its recorded rule versions, or (``blank_pages``: form id → the number of
    pages it fills in the file being checked) as blank pages."""
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
            duplex=bool(p.get("duplex")),
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
            verdicts=_verdicts(doc, blank_pages or {}),
        )
        buf = io.BytesIO()
        render_pdf(job, buf, opts)
    return buf.getvalue()


def _verdicts(doc: dict[str, Any], blank_pages: Mapping[str, int]) -> dict[str, Verdict]:
    out = {
        form: Verdict(rules=r.chosen)
        for form, r in (recorded_verdicts(doc) or {}).items()
        if r.chosen is not None
    }
    out.update((form, Verdict(blank_pages=max(1, n))) for form, n in blank_pages.items())
    return out
