"""The export's other modes for an open application, as the CLI offers them (``zjtx export
--blank`` / ``--compare``; ``--duplex`` is an ``ExportOptions`` field): the chosen forms printed
empty for filling by hand, and the side-by-side proof of one form beside the seed template's
text. The export dialog calls these, so its switches write what the command line writes.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from zjtx_desktop.core.export.api import (
    ExportError,
    ExportResult,
    PreviewPage,
    blank_job,
    export_application,
    export_blank,
)
from zjtx_desktop.core.export.formats import format_for, formats, unsupported_warnings
from zjtx_desktop.core.export.model import ExportOptions


def _ids(app: Any, form_ids: list[str] | None) -> list[str]:
    return list(form_ids) if form_ids else [f.id for f in app.forms]


def export_blank_forms(
    app: Any, path: Path, opts: ExportOptions | None = None, *, form_ids: list[str] | None = None
) -> ExportResult:
    """The application's forms (or ``form_ids``) printed empty: no value, digest or QR."""
    export_blank(_ids(app, form_ids), path, opts)
    fmt, o = format_for(path.suffix), opts or ExportOptions()
    said = unsupported_warnings(fmt, o.duplex, o.seam_strip) if fmt is not None else []
    return ExportResult(path, draft=False, warnings=said)


def export_compare(
    app: Any,
    form_id: str,
    path: Path,
    opts: ExportOptions | None = None,
    *,
    blank: bool = False,
    seeds: Path | None = None,
) -> ExportResult:
    """``path`` (a .pdf) is the proof: each page of the form's export (filled, or ``blank``)
    beside the seed template's lines for it; the warning says how many seed lines are on no
    page (they print in red)."""
    from zjtx_desktop.core.export.compare import CompareError, write_compare
    from zjtx_desktop.core.forms.registry import get_form

    fmt = format_for(path.suffix)
    if fmt is None or not fmt.compare:
        able = "、".join(f.name for f in formats() if f.compare)
        raise ExportError(f"对照版只能导出为 {able}")
    with tempfile.TemporaryDirectory() as tmp:
        ours = Path(tmp) / "export.pdf"
        if blank:
            export_blank([form_id], ours, opts)
            result = ExportResult(path, draft=False)
        else:
            result = replace(export_application(app, ours, opts, form_ids=[form_id]), path=path)
        try:
            missing = write_compare(ours, get_form(form_id), path, seeds)
        except CompareError as e:
            raise ExportError(str(e)) from None
    said = f"模板原文中有 {missing} 行在导出中找不到，已以红色 ✗ 标出"
    result.warnings = [*result.warnings, said]
    return result


def preview_blank(
    app: Any,
    opts: ExportOptions | None = None,
    *,
    form_ids: list[str] | None = None,
    page: int = 0,
    width_px: int = 600,
) -> PreviewPage:
    """One page of the PDF that ``export_blank_forms`` would write for the same choices."""
    from zjtx_desktop.core.export.preview import job_page

    opts = replace(opts or ExportOptions(), app_id="", signature_name="", signature_image=None)
    png, pages = job_page(blank_job(_ids(app, form_ids)), opts, page, width_px)
    return PreviewPage(png, max(0, min(page, pages - 1)), pages)
