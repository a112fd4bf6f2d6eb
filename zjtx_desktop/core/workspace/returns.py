"""退回 (§3.6): what a return to the enterprise carries, and the state it leaves behind.

A return holds the application id, the answered submission, the unit, a contact, the
补正截止 date and the open comments — never part 六, the eligibility advice, internal notes
or anything of another enterprise. ``return_contents`` builds exactly that (the signed
``kind:"return"`` package wraps it); ``mark_returned`` is the guarded 初核中 → 已退回.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from zjtx_desktop.core.workspace.states import State, TransitionRefused
from zjtx_desktop.core.workspace.workspace import Workspace

COMMENT_KEYS = ("id", "form_id", "field_id", "slot", "file", "severity", "text", "created_at")


def return_contents(ws: Workspace, app_id: str, deadline: str, contact: str = "") -> dict[str, Any]:
    app = ws.application(app_id)
    comments = [c for c in ws.comments(app.id) if c.status == "open"]
    if not comments:
        raise TransitionRefused("没有未关闭的意见，不能退回（先提出意见）")
    return {
        "application_id": app.id,
        "answers_submission": app.submission,
        "revision": app.revision,
        "unit": ws.profile.get("unit", ""),
        "contact": contact,
        "deadline": deadline,
        "comments": [{k: getattr(c, k) for k in COMMENT_KEYS} for c in comments],
    }


def mark_returned(ws: Workspace, app_id: str, ref: str) -> None:
    """初核中 → 已退回 once the return package ``ref`` is written (≥1 open comment)."""
    app = ws.application(app_id)
    if app.state != State.IN_REVIEW:
        raise TransitionRefused(f"申报处于“{app.state}”状态，不能退回")
    if not [c for c in ws.comments(app.id) if c.status == "open"]:
        raise TransitionRefused("没有未关闭的意见，不能退回（先提出意见）")
    with ws.transaction():
        ws._transition(app, State.RETURNED, "", by_app=True, ref=ref)


def write_return(ws: Workspace, app_id: str, path: Path, deadline: str, contact: str = "") -> str:
    """Write the return for the enterprise and mark the application 已退回; returns the
    file's SHA-256 (the audit row's reference). The file is the return's content as JSON
    (``kind: "return"``); it is not signed by this build."""
    contents = {"format": "zjtx-return", "format_version": 1, "kind": "return",
                **return_contents(ws, app_id, deadline, contact)}  # fmt: skip
    blob = json.dumps(contents, ensure_ascii=False, indent=1).encode("utf-8")
    app = ws.application(app_id)
    if app.state != State.IN_REVIEW:
        raise TransitionRefused(f"申报处于“{app.state}”状态，不能退回")
    path.write_bytes(blob)
    sha = hashlib.sha256(blob).hexdigest()
    mark_returned(ws, app.id, sha)
    return sha
