"""The signed return (退回) package (§3.6): written by the unit, opened by the enterprise.

``kind: "return"``: a ZIP with ``manifest.json`` (signed by the unit's key, ECDSA P-256 as
the submission packages), ``manifest.sig`` and ``review/comments.json`` — the open comments,
the 补正截止 date, the unit and a contact; never part 六, advice, internal notes or another
enterprise's data. The enterprise side checks the archive (the exchange's safe ZIP reader),
the signature and every file's SHA-256 (PKG_SIGNATURE / PKG_HASH, as for submissions), and
opens a return only for an application its database holds.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zjtx_desktop.core.store.database import now
from zjtx_desktop.core.workspace.replies import ReturnState, current_return, record_return
from zjtx_desktop.core.workspace.returns import mark_returned, return_contents
from zjtx_desktop.core.workspace.states import State, TransitionRefused
from zjtx_desktop.core.workspace.workspace import Workspace

COMMENTS = "review/comments.json"
ALG = "ECDSA-P256-SHA256"


class ReturnRefused(Exception):
    """The return cannot be opened here; ``code`` and a Chinese message say why."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


def _json(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=1).encode("utf-8")


def write_return_package(
    ws: Workspace,
    app_id: str,
    folder: Path,
    identity: Any,
    deadline: str,
    contact: str = "",
    *,
    allow_past: bool = False,
) -> Path:
    """Write the signed return into ``folder`` and mark the application 已退回. The 补正截止
    must be a date not yet past (``deadline.check_correction_deadline``) unless
    ``allow_past``."""
    from datetime import datetime

    from zjtx_desktop.core.workspace.deadline import check_correction_deadline

    app = ws.application(app_id)
    if app.state != State.IN_REVIEW:
        raise TransitionRefused(f"申报处于“{app.state}”状态，不能退回")
    check_correction_deadline(deadline, datetime.now(), allow_past)
    contents = return_contents(ws, app.id, deadline, contact)
    body = _json(contents)
    manifest = {
        "format": "zjtx-exchange",
        "format_version": 1,
        "kind": "return",
        "package_id": str(uuid.uuid4()),
        "application_id": app.id,
        "revision": app.revision,
        "answers": app.submission,
        "created_at": now(),
        "enterprise": {"name": app.enterprise, "credit_code": app.credit_code},
        "unit": contents["unit"],
        "deadline": deadline,
    }
    target = Path(folder) / f"ZJTX_{app.credit_code}_{app.programme}_r{app.revision}_return.zjtx"
    write_signed(target, manifest, [(COMMENTS, body)], identity)
    mark_returned(ws, app.id, manifest["package_id"])
    return target


@dataclass(frozen=True)
class OpenedReturn:
    application_id: str
    unit: str
    deadline: str
    contact: str
    comments: list[dict[str, Any]]
    signer: str
    package_id: str = ""

    @property
    def banner(self) -> str:
        return f"推荐单位退回：{len(self.comments)} 条意见，请于 {self.deadline} 前重新提交"


def read_signed(path: Path, kind: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    """A unit-signed package (return or forward): the safe ZIP reader, the manifest's
    signature, every listed file's SHA-256 and no unlisted file; raises ReturnRefused."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from zjtx_desktop.core.exchange.checks import check
    from zjtx_desktop.core.exchange.zipsafe import Refused, open_zip, read_member

    def fail(code: str, **params: Any) -> ReturnRefused:
        c = check(code, **params)
        return ReturnRefused(c.code, c.message)

    try:
        zf = open_zip(Path(path))
    except Refused as r:
        raise ReturnRefused(r.check.code, r.check.message) from None
    files: dict[str, bytes] = {}
    with zf:
        entries = {i.orig_filename: i for i in zf.infolist()}
        if "manifest.json" not in entries or "manifest.sig" not in entries:
            raise fail("PKG_MANIFEST", detail="缺少 manifest.json 或 manifest.sig")
        manifest_bytes = read_member(zf, entries["manifest.json"])
        sig = read_member(zf, entries["manifest.sig"])
        try:
            manifest = json.loads(manifest_bytes.decode("utf-8"))
            signer = manifest["signer"]
            cert = x509.load_der_x509_certificate(base64.b64decode(signer["certificate"]))
            key = cert.public_key()
            assert isinstance(key, ec.EllipticCurvePublicKey)
            key.verify(base64.b64decode(sig.strip()), manifest_bytes, ec.ECDSA(hashes.SHA256()))
            if hashlib.sha256(cert.public_bytes(_der())).hexdigest() != signer["fingerprint"]:
                raise ValueError("fingerprint")
        except (InvalidSignature, ValueError, KeyError, TypeError, AssertionError):
            raise fail("PKG_SIGNATURE") from None
        if manifest.get("kind") != kind:
            names = {"return": "退回意见", "forward": "上报"}
            raise ReturnRefused("PKG_KIND", f"这不是{names.get(kind, kind)}交换包")
        listed = {"manifest.json", "manifest.sig"}
        for f in manifest.get("files", []):
            listed.add(f["path"])
            info = entries.get(f["path"])
            if info is None:
                raise fail("PKG_FILE_MISSING", path=f["path"])
            data = read_member(zf, info)
            if hashlib.sha256(data).hexdigest() != f["sha256"]:
                raise fail("PKG_HASH", path=f["path"])
            files[f["path"]] = data
        extra = sorted(set(entries) - listed)
        if extra:
            raise fail("PKG_FILE_EXTRA", path=extra[0])
    return manifest, files


def _der() -> Any:
    from cryptography.hazmat.primitives import serialization

    return serialization.Encoding.DER


def write_signed(
    target: Path, manifest: dict[str, Any], files: list[tuple[str, bytes]], identity: Any
) -> None:
    """Complete ``manifest`` with the files' hashes and the signer, sign it, write the ZIP."""
    from zjtx_desktop.core.exchange.package import write_zip

    manifest = dict(manifest)
    manifest["files"] = [
        {"path": p, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()} for p, d in files
    ]
    manifest["signer"] = {
        "alg": ALG,
        "certificate": base64.b64encode(identity.cert_der).decode(),
        "fingerprint": identity.fingerprint,
        "subject": identity.subject,
    }
    manifest_bytes = _json(manifest)
    write_zip(target, manifest_bytes, base64.b64encode(identity.sign(manifest_bytes)), files)


def read_return_package(path: Path, known_applications: set[str]) -> OpenedReturn:
    """Check and open a return; raises ReturnRefused (PKG_* codes, or RETURN_NOT_OURS)."""
    manifest, files = read_signed(path, "return")
    body = json.loads(files[COMMENTS].decode("utf-8"))
    app_id = str(manifest.get("application_id", ""))
    if app_id not in known_applications:
        raise ReturnRefused(
            "RETURN_NOT_OURS", f"这份退回意见不是针对本机的申报材料（申报编号 {app_id}）"
        )
    return OpenedReturn(
        app_id,
        str(manifest.get("unit", "")),
        str(manifest.get("deadline", "")),
        str(body.get("contact", "")),
        list(body.get("comments", [])),
        str(manifest["signer"].get("fingerprint", "")),
        str(manifest.get("package_id", "")),
    )


def open_return(store: Any, path: Path) -> ReturnState:
    """The enterprise opens a return (``zjtx package open-return``): checked as above
    against the applications ``store`` holds, remembered for answering (opening the same
    package again records nothing new), and returned with the answers given so far."""
    opened = read_return_package(path, {r.id for r in store.list_all()})
    record_return(store, opened.application_id, opened.package_id, opened)
    state = current_return(store, opened.application_id)
    assert state is not None  # just recorded
    return state
