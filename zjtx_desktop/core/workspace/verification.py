"""核查 and 佐证材料 (§3.9, S5): what the official checked outside the application.

A 核查记录 names the department or channel (信用中国, 应急管理局 …), the date, the conclusion
and optionally an attachment (kept in the archive by SHA-256); the records export as the
核查情况表 the 正式文件 reports (Shandong L19206-19208; Qinghai L28828-28830). Each 佐证材料
item is 已附 (in the package, with its SHA-256), 原件已核 (who, when) or 缺.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from zjtx_desktop.core.store.database import now
from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError

HEADERS = (
    "序号",
    "企业名称",
    "统一社会信用代码",
    "核查部门或渠道",
    "核查日期",
    "核查结论",
    "经办人",
)


def add_verification(
    ws: Workspace,
    app_id: str,
    channel: str,
    date: str,
    conclusion: str,
    attachment: Path | None = None,
) -> int:
    app = ws.application(app_id)
    if not channel.strip() or not conclusion.strip():
        raise WorkspaceError("核查记录须写明核查部门或渠道和核查结论")
    if conclusion.strip() in ("核实无误", "无误"):
        raise WorkspaceError("核查结论须写明查到了什么（“核实无误”不是结论）")
    sha = ""
    with ws.transaction():
        if attachment is not None:
            blob = Path(attachment).read_bytes()
            sha = hashlib.sha256(blob).hexdigest()
            ws.conn.execute(
                "INSERT OR IGNORE INTO archive VALUES (?, ?, ?, ?)",
                (sha, Path(attachment).name, len(blob), blob),
            )
        cur = ws.conn.execute(
            "INSERT INTO verifications (application_id, channel, date, conclusion, attachment, "
            "actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (app.id, channel.strip(), date.strip(), conclusion.strip(), sha, ws.officer, now()),
        )
        ws._touch(app)
        ws.log(
            "verification",
            application_id=app.id,
            revision=app.revision,
            field_id=channel,
            new=conclusion.strip(),
            reason=date,
            ref=sha or None,
        )
    return int(cur.lastrowid or 0)


def mark_original_seen(ws: Workspace, app_id: str, evidence: str) -> None:
    """原件已核: the official compared the copy with the original (002 L185-189)."""
    app = ws.application(app_id)
    keys = {e.get("path", "").rsplit("/", 1)[-1].split(".")[0] for e in ws.current(app.id).evidence}
    if evidence not in keys:
        raise WorkspaceError(f"本申报没有佐证材料“{evidence}”")
    with ws.transaction():
        ws.conn.execute(
            "INSERT OR REPLACE INTO originals VALUES (?, ?, ?, ?)",
            (app.id, evidence, ws.officer, now()),
        )
        ws.log("original_seen", application_id=app.id, revision=app.revision, field_id=evidence)


def evidence_status(ws: Workspace, app_id: str) -> list[tuple[str, str, str]]:
    """(item, title, 已附 / 原件已核 经办人 时间) for each 佐证材料 of the current revision."""
    seen = {
        e: (a, t)
        for e, a, t in ws.conn.execute(
            "SELECT evidence, actor, at FROM originals WHERE application_id = ?", (app_id,)
        )
    }
    out = []
    for e in ws.current(app_id).evidence:
        key = e.get("path", "").rsplit("/", 1)[-1].split(".")[0]
        who = seen.get(key)
        status = f"原件已核（{who[0]}，{who[1][:16]}）" if who else "已附"
        out.append((key, str(e.get("title", "")), status))
    return out


def export_verifications(ws: Workspace, path: Path) -> int:
    """核查情况表 (xlsx): one row per record, in rank order of the applications."""
    from openpyxl import Workbook

    from zjtx_desktop.core.export.excel import put_text

    apps = {a.id: a for a in ws.applications()}
    rows = ws.conn.execute(
        "SELECT application_id, channel, date, conclusion, actor FROM verifications ORDER BY id"
    ).fetchall()
    rows.sort(key=lambda r: apps[r[0]].rank if r[0] in apps else 0)
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "核查情况表"
    put_text(sheet.cell(row=1, column=1), f"{ws.profile.get('unit', '')} 核查情况表")
    for j, h in enumerate(HEADERS, start=1):
        put_text(sheet.cell(row=2, column=j), h)
    for i, (app_id, channel, date, conclusion, actor) in enumerate(rows, start=1):
        app = apps.get(app_id)
        line = [
            app.enterprise if app else app_id,
            app.credit_code if app else "",
            channel,
            date,
            conclusion,
            actor,
        ]
        sheet.cell(row=i + 2, column=1).value = i
        for j, v in enumerate(line, start=2):
            put_text(sheet.cell(row=i + 2, column=j), v)
    wb.save(path)
    return len(rows)
