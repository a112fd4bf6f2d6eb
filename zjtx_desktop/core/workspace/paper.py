"""纸电一致 (§3.9): the official types a paper page's 校验码 (or its QR text) and the app says
which application, form and revision it belongs to, and counts copies against 一式N份.

The code is the one every exported page carries: the first 12 hex digits of the SHA-256 of
the form's canonical data (enterprise copy), so it is matched against the digests computed
when each revision was received.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from zjtx_desktop.core.export.proof import BadCode, parse_code
from zjtx_desktop.core.forms.registry import get_form
from zjtx_desktop.core.store.database import now
from zjtx_desktop.core.workspace.workspace import AppRow, Workspace, WorkspaceError


@dataclass(frozen=True)
class PaperCheck:
    application_id: str
    enterprise: str
    form_id: str
    revision: int
    current_revision: int
    copies: int  # copies of the current revision checked so far
    required: int  # 一式N份 from the profile
    message: str

    @property
    def is_current(self) -> bool:
        return self.revision == self.current_revision


def required_copies(ws: Workspace, form_id: str) -> int:
    copies = ws.profile.get("copies") or {}
    if not isinstance(copies, dict):
        return 1
    return int(copies.get(form_id) or copies.get("default") or 1)


def _short(form_id: str) -> str:
    form = get_form(form_id)
    return form.short_title or form.title


def check_paper(ws: Workspace, text: str) -> PaperCheck:
    """Record one paper copy by its code; an old revision is called out, not counted."""
    try:
        code = parse_code(text)
    except BadCode as e:
        raise WorkspaceError(str(e)) from None
    hits = []
    for sub_id, app_id, revision, digests in ws.conn.execute(
        "SELECT id, application_id, revision, digests FROM submissions"
    ):
        for form_id, sha in json.loads(digests).items():
            if sha.startswith(code.digest) and (not code.form_id or code.form_id == form_id):
                hits.append((app_id, form_id, revision, sub_id))
    if not hits:
        raise WorkspaceError(f"没有与校验码 {text.strip()} 对应的申报材料")
    app_id, form_id, revision, _sub = max(hits, key=lambda h: h[2])
    app = ws.application(app_id)
    need = required_copies(ws, form_id)
    with ws.transaction():
        if revision == app.revision:
            ws.conn.execute(
                "INSERT INTO paper (application_id, form_id, revision, digest, at, actor) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (app.id, form_id, revision, code.digest, now(), ws.officer),
            )
        k = _copies(ws, app.id, form_id, app.revision)
        if revision == app.revision:
            message = f"{app.enterprise} {_short(form_id)} r{revision}：已核对 {k}/{need}"
            if k > need:
                message += f"（超过一式{need}份）"
        else:
            message = f"纸质件为旧版本（r{revision}），当前为 r{app.revision}：{app.enterprise}"
        ws.log(
            "paper",
            application_id=app.id,
            revision=revision,
            form_id=form_id,
            new=code.digest,
            reason=message,
        )
    return PaperCheck(app.id, app.enterprise, form_id, revision, app.revision, k, need, message)


def _copies(ws: Workspace, app_id: str, form_id: str, revision: int) -> int:
    row = ws.conn.execute(
        "SELECT COUNT(*) FROM paper WHERE application_id = ? AND form_id = ? AND revision = ?",
        (app_id, form_id, revision),
    ).fetchone()
    return int(row[0])


def form_paper_status(ws: Workspace, app: AppRow, form_id: str) -> str:
    """未收到 / 已核对 k/N / 旧版本（rN） / 须重新打印."""
    k = _copies(ws, app.id, form_id, app.revision)
    if k:
        return f"已核对 {k}/{required_copies(ws, form_id)}"
    if form_id in app.paper_reset:
        return "须重新打印"
    old = ws.conn.execute(
        "SELECT MAX(revision) FROM paper WHERE application_id = ? AND form_id = ?",
        (app.id, form_id),
    ).fetchone()[0]
    return f"旧版本（r{old}）" if old else "未收到"


def paper_status(ws: Workspace, app: AppRow) -> str:
    forms = list(
        json.loads(
            ws.conn.execute(
                "SELECT digests FROM submissions WHERE id = ?", (app.submission,)
            ).fetchone()[0]
        )
    )
    parts = [(f, form_paper_status(ws, app, f)) for f in forms]
    if len(parts) == 1:
        return parts[0][1]
    return "；".join(f"{_short(f)} {s}" for f, s in parts)


def check_paper_image(ws: Workspace, path: Path) -> PaperCheck:
    """The same check from a photo or scan of a page: its QR code is decoded (zxing-cpp)."""
    from zjtx_desktop.core.exchange.trust import TrustError, decode_qr_image

    try:
        texts = decode_qr_image(Path(path))
    except TrustError as e:
        raise WorkspaceError(str(e)) from None
    ours = [t for t in texts if t.upper().startswith("ZJTX|")]
    if not ours:
        raise WorkspaceError(
            f"{Path(path).name} 中没有找到申报材料的二维码（可改为输入页脚校验码）"
        )
    return check_paper(ws, ours[0])
