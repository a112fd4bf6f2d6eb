"""Exchange packages into the inbox: every one goes through the exchange verification
(``core.exchange.verify``, officials.md §3.4) before anything is written.

A fatal check refuses the file (one ``import_refused`` audit row, nothing else); flags
(PKG_PDF_MISMATCH, PKG_FORM_VERSION …) travel with the submission and show in the list;
duplicates, older revisions, the same credit code under another application and a changed
signing key are decided by ``inbox.receive`` against what the workspace holds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from zjtx_desktop.core.datafile import DataFileError, parse_data
from zjtx_desktop.core.forms.registry import get_form, programmes
from zjtx_desktop.core.workspace.inbox import FileOutcome, Incoming, receive, refuse
from zjtx_desktop.core.workspace.workspace import Workspace

# decided by the workspace itself (inbox.receive), not taken from the package's own checks
DECIDED_HERE = {"PKG_DUPLICATE", "PKG_OLDER", "PKG_SAME_ENTERPRISE", "PKG_KEY_CHANGED"}


def _context(ws: Workspace) -> Any:
    from zjtx_desktop.core.exchange.verify import ImportContext

    prog = programmes().get(str(ws.profile.get("programme", "")))
    forms = prog.forms if prog is not None else []
    return ImportContext(form_versions={f: get_form(f).version for f in forms})


def receive_package(ws: Workspace, path: Path) -> FileOutcome:
    from zjtx_desktop.core.exchange.verify import verify_package

    v = verify_package(path, context=_context(ws))
    if not v.accepted:
        c = v.refusal
        code = c.code if c is not None else "PKG_NOT_ZIP"
        message = c.message if c is not None else "交换包无法读取，未接收"
        return refuse(ws, path.name, [code], f"{path.name}：{message}")
    m = v.manifest
    if m.get("kind") != "submission":
        message = f"{path.name}：这是“{m.get('kind')}”交换包，不是企业的申报，未接收"
        return refuse(ws, path.name, ["PKG_KIND"], message)
    data: dict[str, dict[str, Any]] = {}
    try:
        for form_id, obj in v.data().items():
            data[form_id] = parse_data(obj, f"{path.name} {form_id}：").values
    except DataFileError as e:  # already checked by the verification; kept as a refusal
        return refuse(ws, path.name, ["PKG_DATA"], str(e))
    replies = v.files.get("meta/replies.json")
    inc = Incoming(
        submission_id=str(m["package_id"]),
        application_id=str(m["application_id"]),
        revision=int(m["revision"]),
        kind="package",
        files=[path.name],
        blobs=[(path.name, path.read_bytes())],
        data=data,
        declarations=v.declarations(),
        evidence=[
            {"path": e.path, "sha256": e.sha256, "title": e.title, "item": e.item, "size": e.size}
            for e in v.evidence()
        ],
        replies=json.loads(replies) if replies else [],
        signer=v.signer.fingerprint,
        flags=[c.code for c in v.flags if c.code not in DECIDED_HERE],
        enterprise=str(m["enterprise"]["name"]),
        credit_code=str(m["enterprise"]["credit_code"]).strip().upper(),
        programme=str(m["programme"]["id"]),
    )
    from zjtx_desktop.core.workspace.inbox import programme_check

    return programme_check(ws, inc) or receive(ws, inc)
