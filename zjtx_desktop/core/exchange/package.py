"""Writing the exchange package ``.zjtx`` an enterprise hands to its county official.

Layout (officials.md §3.3)::

    manifest.json          every file's path, size and SHA-256; the forms' digests; the signer
    manifest.sig           base64 ECDSA-P256-SHA256 signature of the exact manifest.json bytes
    data/<form_id>.json    DATA.json per form, as ``zjtx drafts export`` writes it
    meta/declarations.json {"RULESET:quantity": answer}   企业声明
    meta/explanations.json [{form, field, code, rule, text}]   说明 kept for warnings
    print/booklet.pdf      the enterprise copy: 目录 (with the key's fingerprint), every form,
                           part 六 empty, the 佐证材料目录; DATA.json attached, signature
                           fields over the printed boxes, PAdES-signed with the same key
    evidence/E001.pdf …    佐证材料

Export is refused while the application has errors.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zjtx_desktop.core.exchange.evidence import evidence_bytes, list_evidence
from zjtx_desktop.core.exchange.identity import Identity
from zjtx_desktop.core.issues import Severity
from zjtx_desktop.core.store.database import now

FORMAT = "zjtx-exchange"
FORMAT_VERSION = 1
SIGNATURE_ALG = "ECDSA-P256-SHA256"
DECLARED_PREFIX = "declared:"


class PackageRefused(Exception):
    """The package cannot be made; ``reasons`` lists why, in Chinese."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__("；".join(reasons))


@dataclass
class ExportedPackage:
    path: Path
    package_id: str
    revision: int
    forms: list[tuple[str, str]] = field(default_factory=list)  # (form id, 12-digit code)
    fingerprint: str = ""


def _json_bytes(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")


def package_file_name(credit_code: str, programme: str, revision: int, kind: str = "") -> str:
    """``ZJTX_<统一社会信用代码>_<programme>_r<n>.zjtx`` (``_return``/``_forward`` kinds)."""
    tail = f"_{kind}" if kind in ("return", "forward") else ""
    return f"ZJTX_{credit_code}_{programme}_r{revision}{tail}.zjtx"


def enterprise_of(app: Any) -> tuple[str, str]:
    """(企业名称, 统一社会信用代码) from the application's shared facts."""
    raw = app.session.raw
    name = str(raw.get(("", "enterprise_name")) or "").strip()
    code = str(raw.get(("", "credit_code")) or "").strip().upper()
    return name, code


def error_count(app: Any) -> int:
    return sum(1 for _f, i in app.session.all_issues() if i.severity == Severity.ERROR)


def _previous(app: Any) -> tuple[int, str]:
    """(revision of the next package, package_id of the last one) from the events."""
    done = [d for kind, _at, d in app.store.events(app.id) if kind == "package_exported"]
    return len(done) + 1, (done[-1].split()[0] if done else "")


def _declarations(app: Any) -> dict[str, Any]:
    return {
        f[len(DECLARED_PREFIX) :]: v
        for (scope, f), v in sorted(app.session.raw.items())
        if scope == "" and f.startswith(DECLARED_PREFIX) and v is not None
    }


def _explanations(app: Any) -> list[dict[str, str]]:
    return [
        {"form": k[0], "field": k[1], "code": k[2], "rule": k[3], "text": text}
        for k, text in sorted(app.explanations.items())
    ]


def _programme(app: Any) -> dict[str, str]:
    from zjtx_desktop.core.forms.registry import programmes

    pid = app.record.programme
    out = {"id": pid}
    prog = programmes().get(pid)
    if prog is not None:
        out["title"] = prog.title
        from zjtx_desktop.core.forms.yamlio import load_yaml

        doc = load_yaml(prog.path, prog.path.read_text(encoding="utf-8"))
        if isinstance(doc, dict) and isinstance(doc.get("document"), str):
            out["document"] = doc["document"]
    return out


def _app_info() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    try:
        v = version("zjtx-desktop")
    except PackageNotFoundError:
        v = "0"
    return {"name": "zjtx-desktop", "version": v}


def refusals(app: Any, identity: Identity) -> list[str]:
    """Why this application cannot be packaged now ([] when it can)."""
    out = []
    n = error_count(app)
    if n:
        out.append(f"有 {n} 个错误，不能生成交换包")
    name, code = enterprise_of(app)
    if not code:
        out.append("没有填写统一社会信用代码，不能生成交换包")
    elif identity.credit_code and identity.credit_code != code:
        out.append(
            f"签名证书属于 {identity.subject}（{identity.credit_code}），"
            f"不是本申报企业 {name}（{code}）的证书：请为本企业重新生成签名证书"
            "（原证书移到备份，不删除），或导入本企业的证书"
        )
    return out


def export_package(
    app: Any,
    out_dir_or_file: Path,
    identity: Identity,
    *,
    addressee: str = "",
    sign_pdf: bool = True,
) -> ExportedPackage:
    """Write the package of ``app`` (an ``OpenApplication``) to a file, or into a folder under
    its standard name. Raises ``PackageRefused`` with the reasons."""
    from zjtx_desktop.core.exchange.booklet import booklet_pdf
    from zjtx_desktop.core.export.proof import form_sha256, short_digest
    from zjtx_desktop.core.workspace.replies import replies_for_package

    reasons = refusals(app, identity)
    if reasons:
        raise PackageRefused(reasons)
    name, code = enterprise_of(app)
    revision, supersedes = _previous(app)
    programme = _programme(app)
    target = out_dir_or_file
    if target.is_dir():
        target = target / package_file_name(code, programme["id"], revision)

    files: list[tuple[str, str, bytes, dict[str, Any]]] = []  # path, role, bytes, extra
    forms = []
    for st in app.session.states.values():
        form = st.form
        path = f"data/{form.id}.json"
        files.append((path, "data", _json_bytes(app.data(form.id)), {}))
        sha = form_sha256(st, "enterprise")
        explained = sum(1 for k in app.explanations if k[0] == form.id)
        forms.append(
            {
                "id": form.id,
                "version": form.version,
                "path": path,
                "sha256": sha,
                "short": short_digest(sha),
                "errors": 0,
                "warnings_explained": explained,
            }
        )
    files.append(("meta/declarations.json", "meta", _json_bytes(_declarations(app)), {}))
    files.append(("meta/explanations.json", "meta", _json_bytes(_explanations(app)), {}))
    replies = replies_for_package(app.store, app.id)
    if replies:  # a re-submission answering a 退回 (§3.6): the official's import reads them
        files.append(("meta/replies.json", "meta", _json_bytes(replies), {}))
    booklet = booklet_pdf(app, identity, sign=sign_pdf)
    files.append(("print/booklet.pdf", "print", booklet, {}))
    for ev in list_evidence(app.store, app.id):
        extra = {"title": ev.title, "name": ev.name, "pages": ev.pages}
        if ev.item:
            extra["item"] = ev.item
        files.append((ev.package_path, "evidence", evidence_bytes(app.store, ev), extra))

    package_id = str(uuid.uuid4())
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": "submission",
        "package_id": package_id,
        "application_id": app.id,
        "revision": revision,
        **({"supersedes": supersedes} if supersedes else {}),
        "created_at": now(),
        "programme": programme,
        "enterprise": {"name": name, "credit_code": code},
        "addressee": addressee,
        "forms": forms,
        "rulesets": [],
        "app": _app_info(),
        "files": [
            {
                "path": p,
                "role": role,
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                **extra,
            }
            for p, role, data, extra in files
        ],
        "signer": {
            "alg": SIGNATURE_ALG,
            "certificate": base64.b64encode(identity.cert_der).decode("ascii"),
            "fingerprint": identity.fingerprint,
            "subject": identity.subject,
        },
    }
    manifest_bytes = _json_bytes(manifest)
    signature = base64.b64encode(identity.sign(manifest_bytes))
    write_zip(target, manifest_bytes, signature, [(p, d) for p, _r, d, _e in files])
    with app.store.transaction():
        app.store.conn.execute(
            "INSERT INTO events (app_id, kind, at, detail) VALUES (?,?,?,?)",
            (app.id, "package_exported", now(), f"{package_id} r{revision} {target.name}"),
        )
    return ExportedPackage(
        target, package_id, revision, [(f["id"], f["short"]) for f in forms], identity.fingerprint
    )


def zip_bytes(manifest: bytes, signature: bytes, files: list[tuple[str, bytes]]) -> bytes:
    """The archive: JSON deflated, PDFs and scans stored (they do not compress, and stored
    members verify faster)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("manifest.json", manifest, zipfile.ZIP_DEFLATED)
        zf.writestr("manifest.sig", signature, zipfile.ZIP_STORED)
        for path, data in files:
            method = zipfile.ZIP_DEFLATED if path.endswith(".json") else zipfile.ZIP_STORED
            zf.writestr(path, data, method)
    return buf.getvalue()


def write_zip(
    target: Path, manifest: bytes, signature: bytes, files: list[tuple[str, bytes]]
) -> None:
    tmp = target.with_name(target.name + ".part")
    try:
        tmp.write_bytes(zip_bytes(manifest, signature, files))
        tmp.replace(target)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
