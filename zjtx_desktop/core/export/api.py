"""The export API that views call: build a print job, then write PDF, Word or Excel.

    from zjtx_desktop.core.export.api import export_application, export_session
    result = export_application(open_app, Path("申报材料.pdf"), ExportOptions(seam_strip=True))

The file format follows the suffix (.pdf .docx .xlsx: the registry in ``formats``). Each
format's module (and its library) is imported only when that format is written, so importing
this module costs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zjtx_desktop.core.engine.session import ApplicationSession
from zjtx_desktop.core.export.appendix import ExplanationKey, IssueLine, closing_blocks, issue_lines
from zjtx_desktop.core.export.build import build_form
from zjtx_desktop.core.export.formats import format_for, suffix_list, unsupported_warnings
from zjtx_desktop.core.export.model import EvidenceLine, ExportOptions, PrintJob, Proof
from zjtx_desktop.core.export.proof import application_sha256
from zjtx_desktop.core.oserror import reason

if TYPE_CHECKING:
    from zjtx_desktop.core.export.verdict import Verdict


class ExportError(Exception):
    """The export cannot be written (unknown format, unwritable file)."""


@dataclass
class ExportResult:
    path: Path
    draft: bool  # printed with the 草稿 watermark (the data still has errors)
    unresolved: list[IssueLine] = field(default_factory=list)
    explained: list[IssueLine] = field(default_factory=list)
    proofs: list[Proof] = field(default_factory=list)  # per form, then the application's
    codes: list[tuple[str, str]] = field(default_factory=list)  # (what, 校验码) as printed
    warnings: list[str] = field(default_factory=list)  # said to the user, the file is written


def build_job(
    session: ApplicationSession,
    opts: ExportOptions | None = None,
    *,
    form_ids: list[str] | None = None,
    explanations: Mapping[ExplanationKey, str] | None = None,
    title: str = "",
    booklet: bool = False,
    evidence: Sequence[EvidenceLine] = (),
    verdicts: Mapping[str, Verdict] | None = None,
) -> tuple[PrintJob, list[IssueLine], list[IssueLine]]:
    """The print job of ``form_ids`` (default: every form of the session, in order);
    a booklet ends with the 佐证材料目录 of ``evidence``. ``verdicts``: by form id, the rule
    versions a re-rendering prints a 自评结果 under (``rerender``)."""
    from zjtx_desktop.core.export.appendix import evidence_blocks

    opts = opts or ExportOptions()
    ids = form_ids or [f.id for f in session.forms]
    unresolved, explained = issue_lines(session, explanations, ids)
    draft = any(i.severity == "error" for i in unresolved)
    forms = [
        build_form(
            session.state(i).form,
            session,
            app_id=opts.app_id,
            copy=opts.copy,
            draft=draft,
            verdict=(verdicts or {}).get(i),
        )
        for i in ids
    ]
    signer = opts.signer_fingerprint
    if signer:
        for f in forms:
            f.proof = replace(f.proof, signer=signer)
    digest = application_sha256([f.proof.sha256 for f in forms])
    proof = Proof(opts.app_id, "*", "+".join(f.version for f in forms), digest, signer)
    closing = closing_blocks(unresolved, explained)
    closing_title = "附：未解决的问题与填报说明"
    if booklet and evidence:
        closing_title = "附：佐证材料目录" if not closing else "附：填报说明与佐证材料目录"
        closing += evidence_blocks(evidence)
    job = PrintJob(
        forms,
        proof,
        title or "、".join(f.short_title for f in forms),
        closing,
        draft,
        booklet,
        closing_title,
        signer,
    )
    return job, unresolved, explained


def blank_job(form_ids: list[str], title: str = "") -> PrintJob:
    """The forms printed empty, for filling by hand: every part (the recommender's too),
    every box unticked, every unit after its blank, room to write; no digest, no QR, no
    草稿 mark and no list of problems (an empty form is not a draft with errors)."""
    from zjtx_desktop.core.forms.registry import get_form

    session = ApplicationSession([get_form(i) for i in form_ids])
    forms = []
    for i in form_ids:
        pf = build_form(session.state(i).form, session, copy="full", blank=True)
        pf.proof = replace(pf.proof, sha256="")
        forms.append(pf)
    proof = Proof("", "*", "+".join(f.version for f in forms), "")
    return PrintJob(forms, proof, title or "、".join(f.short_title for f in forms), [], False)


def export_blank(form_ids: list[str], path: Path, opts: ExportOptions | None = None) -> Path:
    """Write the blank forms ``form_ids`` (in that order) to ``path`` (.pdf .docx .xlsx)."""
    opts = replace(opts or ExportOptions(), app_id="", signature_name="", signature_image=None)
    write(blank_job(form_ids), path, opts)
    return path


def check_signature_image(path: Path) -> None:
    """A signature picture the PDF and Word writers can draw, or a message saying why not."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            im.verify()
    except FileNotFoundError:
        raise ExportError(f"找不到签名图片 {path}：请重新选择") from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ExportError(f"签名图片 {Path(path).name} 不是能读取的图片：请选择 PNG 图片") from None


def write(
    job: PrintJob,
    path: Path,
    opts: ExportOptions | None = None,
    attachment: dict[str, Any] | None = None,
) -> None:
    """Write ``job`` in the format the suffix of ``path`` names; a format that embeds its
    data (PDF) carries ``attachment`` (``printdoc.print_document``) as its DATA.json."""
    fmt = format_for(path.suffix)
    if fmt is None:
        raise ExportError(f"不支持的文件类型“{path.suffix}”：可导出 {suffix_list('、', '、')}")
    if opts is not None and opts.signature_image is not None:
        check_signature_image(opts.signature_image)
    render = fmt.render()
    tmp = path.with_name(path.name + ".part")
    try:
        render(job, tmp, opts or ExportOptions())
        if fmt.embeds_data and attachment is not None:
            from zjtx_desktop.core.export.printdoc import attach

            tmp.write_bytes(attach(tmp.read_bytes(), attachment))
        tmp.replace(path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"无法写入 {path}：{reason(e)}；已有的文件不受影响") from None


def export_session(
    session: ApplicationSession,
    path: Path,
    opts: ExportOptions | None = None,
    *,
    form_ids: list[str] | None = None,
    explanations: Mapping[ExplanationKey, str] | None = None,
    title: str = "",
    booklet: bool = False,
    evidence: Sequence[EvidenceLine] = (),
) -> ExportResult:
    """Export forms of a session (a DATA.json, or an application) to ``path``."""
    job, unresolved, explained = build_job(
        session,
        opts,
        form_ids=form_ids,
        explanations=explanations,
        title=title,
        booklet=booklet,
        evidence=evidence,
    )
    doc = None
    fmt = format_for(path.suffix)
    if fmt is not None and fmt.embeds_data:
        from zjtx_desktop.core.export.printdoc import print_document

        if opts is not None and opts.signature_image is not None:
            check_signature_image(opts.signature_image)  # before reading its size

        doc = print_document(
            session,
            opts or ExportOptions(),
            form_ids=form_ids,
            explanations=explanations,
            title=title,
            booklet=booklet,
            evidence=evidence,
        )
    write(job, path, opts, doc)
    proofs = [f.proof for f in job.forms] + [job.proof]
    return ExportResult(
        path,
        job.draft,
        unresolved,
        explained,
        proofs,
        job.printed_codes(),
        export_warnings(session, path, opts),
    )


def export_warnings(
    session: ApplicationSession, path: Path, opts: ExportOptions | None
) -> list[str]:
    """What the user should know about a written export: a signing name that is not the
    法定代表人, and options a format cannot carry out."""
    from zjtx_desktop.core.export.identity import signature_mismatch

    out: list[str] = []
    if opts is None:
        return out
    mismatch = signature_mismatch(session, opts.signature_name)
    if mismatch:
        out.append(mismatch)
    fmt = format_for(path.suffix)
    if fmt is not None:
        out += unsupported_warnings(fmt, opts.duplex, opts.seam_strip)
    return out


def _application_job_args(
    app: Any, opts: ExportOptions | None, form_ids: list[str] | None, suffix: str
) -> tuple[ExportOptions, dict[str, Any]]:
    opts = opts or ExportOptions()
    if not opts.app_id:
        opts = replace(opts, app_id=app.id)
    if not opts.signer_fingerprint:
        opts = replace(opts, signer_fingerprint=_signer_of(app))
    title = app.record.name or "、".join(f.short_title or f.title for f in app.forms)
    evidence = _evidence_of(app)
    return opts, {
        "form_ids": form_ids,
        "explanations": app.explanations,
        "title": title,
        "booklet": len(form_ids or app.forms) > 1 or bool(evidence),  # 目录 in every format
        "evidence": evidence,
    }


def _signer_of(app: Any) -> str:
    """The fingerprint of the installation's signing certificate, when one was made: every
    paper printed for stamping carries it (issue 9)."""
    store = getattr(app, "store", None)
    if store is None:
        return ""
    from zjtx_desktop.core.exchange.keyfiles import certificate_fingerprint

    return certificate_fingerprint(Path(store.path).parent)


def _evidence_of(app: Any) -> list[EvidenceLine]:
    store = getattr(app, "store", None)
    if store is None:
        return []
    from zjtx_desktop.core.exchange.evidence import evidence_lines

    return evidence_lines(store, app.id)


def export_application(
    app: Any, path: Path, opts: ExportOptions | None = None, *, form_ids: list[str] | None = None
) -> ExportResult:
    """Export a stored application (``OpenApplication``): as PDF, the booklet of its forms in
    the official order with a 目录; as Word or Excel, its forms one after the other."""
    opts, kw = _application_job_args(app, opts, form_ids, path.suffix.lower())
    return export_session(app.session, path, opts, **kw)


@dataclass
class PreviewPage:
    png: bytes
    page: int  # 0-based, the page shown
    pages: int  # pages of the whole PDF


def preview_application(
    app: Any,
    opts: ExportOptions | None = None,
    *,
    form_ids: list[str] | None = None,
    page: int = 0,
    width_px: int = 600,
) -> PreviewPage:
    """One page of the PDF that ``export_application`` would write for the same choices."""
    from zjtx_desktop.core.export.preview import job_page

    opts, kw = _application_job_args(app, opts, form_ids, ".pdf")
    if opts.signature_image is not None:
        check_signature_image(opts.signature_image)
    job, _, _ = build_job(app.session, opts, **kw)
    png, pages = job_page(job, opts, page, width_px)
    return PreviewPage(png, max(0, min(page, pages - 1)), pages)


def preview_png(
    session: ApplicationSession,
    opts: ExportOptions | None = None,
    *,
    form_ids: list[str] | None = None,
    explanations: Mapping[ExplanationKey, str] | None = None,
    page: int = 0,
    width_px: int = 600,
) -> bytes:
    """PNG of one page (default the first) of the PDF the same export would write."""
    from zjtx_desktop.core.export.preview import job_page

    job, _, _ = build_job(session, opts, form_ids=form_ids, explanations=explanations)
    return job_page(job, opts, page, width_px)[0]
