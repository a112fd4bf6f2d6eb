"""批量导出 (§3.11; 002 L669 `每家企业的材料单独装订成册报送`): every recommended enterprise's
booklet, one PDF each, named ``<序号>_<企业名称>.pdf``.

The booklet is the enterprise's own signed ``print/booklet.pdf``, taken byte for byte from the
package archived at import (its SHA-256 checked against the signed manifest once more), so its
PAdES signature and footer codes still verify. The 序号 is the 汇总表's: the same selection
(拟推荐 and 已上报) in the same 择优 order. An application received as a plain DATA.json has
no booklet of the enterprise's: it is listed as skipped, never replaced by one we render.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import AppRow, Workspace, WorkspaceError

BOOKLET = "print/booklet.pdf"
RECOMMENDED = (State.RECOMMENDED, State.REPORTED)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')  # not allowed in Windows file names


@dataclass
class BookletExport:
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (企业名称, why)


def recommended(ws: Workspace) -> list[AppRow]:
    """The rows of the 汇总表, in its order: 拟推荐 and 已上报 by rank."""
    return [a for a in ws.applications() if a.state in RECOMMENDED]


def file_name(number: int, width: int, enterprise: str) -> str:
    """``07_吉林某某科技有限公司.pdf``: the 序号 zero-padded so the files sort in rank order."""
    name = _UNSAFE.sub("_", enterprise).strip().strip(".") or "未命名企业"
    return f"{number:0{width}d}_{name}.pdf"


def booklet_bytes(ws: Workspace, app_id: str) -> bytes:
    """The enterprise's signed booklet of the current revision, byte for byte; raises
    WorkspaceError when there is none (a plain DATA.json) or the archive disagrees."""
    app = ws.application(app_id)
    row = ws.conn.execute(
        "SELECT kind, archive FROM submissions WHERE id = ?", (app.submission,)
    ).fetchone()
    if row is None or row[0] != "package":
        raise WorkspaceError("只收到 DATA.json，没有企业签章的 PDF 申报书")
    for sha in json.loads(row[1] or "[]"):
        blob = ws.conn.execute("SELECT bytes FROM archive WHERE sha256 = ?", (sha,)).fetchone()
        if blob is None:
            continue
        with zipfile.ZipFile(io.BytesIO(bytes(blob[0]))) as zf:
            manifest = json.loads(zf.read("manifest.json"))
            listed = next((f for f in manifest["files"] if f["path"] == BOOKLET), None)
            if listed is None:
                continue
            pdf = zf.read(BOOKLET)
        if hashlib.sha256(pdf).hexdigest() != listed["sha256"]:
            raise WorkspaceError("存档的交换包中 PDF 申报书与清单不符，未导出")
        return pdf
    raise WorkspaceError("存档的交换包中没有 PDF 申报书")


def export_booklets(
    ws: Workspace,
    folder: Path,
    progress: Callable[[int, int], None] | None = None,
) -> BookletExport:
    """Write one booklet per recommended enterprise into ``folder``; logged once."""
    apps = recommended(ws)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    width = max(2, len(str(len(apps))))
    out = BookletExport()
    for i, app in enumerate(apps, start=1):
        try:
            pdf = booklet_bytes(ws, app.id)
        except WorkspaceError as e:
            out.skipped.append((app.enterprise, str(e)))
        else:
            target = folder / file_name(i, width, app.enterprise)
            target.write_bytes(pdf)
            out.written.append(target)
        if progress is not None:
            progress(i, len(apps))
    with ws.transaction():
        ws.log("export_booklets", new=[p.name for p in out.written], ref=str(folder),
               reason=f"导出{len(out.written)}份，未导出{len(out.skipped)}份")  # fmt: skip
    return out
