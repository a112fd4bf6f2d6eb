"""Verifying an exchange package: the checks of officials.md §3.4, in order, shared by the
CLI (``zjtx package verify``), the window and the officials' inbox.

Nothing is extracted to disk; a fatal check stops at once and the package is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from zjtx_desktop.core.exchange.checks import Check, check
from zjtx_desktop.core.exchange.package import FORMAT, FORMAT_VERSION, SIGNATURE_ALG
from zjtx_desktop.core.exchange.pagetext import scan_pages
from zjtx_desktop.core.exchange.trust import TrustStore
from zjtx_desktop.core.exchange.zipsafe import Refused, open_zip, read_member

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
MAX_MANIFEST = 8 * 1024 * 1024


@dataclass(frozen=True)
class Earlier:
    """A package the workspace already holds (checks 10–11)."""

    package_id: str
    application_id: str
    revision: int
    credit_code: str
    fingerprint: str


@dataclass
class ImportContext:
    """What the importing workspace knows: its forms' versions (check 9) and earlier packages
    (checks 10–11). Without it those checks are not made."""

    form_versions: Mapping[str, str] = field(default_factory=dict)
    earlier: Sequence[Earlier] = ()


@dataclass
class Signer:
    fingerprint: str = ""
    subject: str = ""
    credit_code: str = ""
    trusted: bool = False
    pin: str = ""  # "pinned", "root", "changed", "first" (trust store), "" (not looked up)

    def to_json(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "subject": self.subject,
            "trusted": self.trusted,
            "key": self.pin,
        }


@dataclass(frozen=True)
class FormResult:
    id: str
    version: str
    code: str  # the 12-digit code printed in the footers
    sha256: str


@dataclass(frozen=True)
class EvidenceFile:
    path: str
    title: str
    item: str
    name: str
    pages: int
    sha256: str
    size: int


@dataclass
class PackageVerification:
    """The verdict. ``files`` holds the verified bytes of every listed file (only when
    accepted, or refused after check 5), so nothing needs to be read twice."""

    accepted: bool = False
    unusable: bool = False  # the file could not be read at all (CLI exit 2)
    checks: list[Check] = field(default_factory=list)
    forms: list[FormResult] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    manifest: dict[str, Any] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def flags(self) -> list[Check]:
        return [c for c in self.checks if not c.fatal]

    @property
    def refusal(self) -> Check | None:
        return next((c for c in self.checks if c.fatal), None)

    @property
    def exit_code(self) -> int:
        return 2 if self.unusable else 0 if self.accepted else 1

    def data(self) -> dict[str, dict[str, Any]]:
        """form id → the verified DATA.json object."""
        return {f["id"]: json.loads(self.files[f["path"]]) for f in self.manifest.get("forms", [])}

    def declarations(self) -> dict[str, Any]:
        doc = _json_or(self.files.get("meta/declarations.json"), {})
        return doc if isinstance(doc, dict) else {}

    def explanations(self) -> list[dict[str, Any]]:
        doc = _json_or(self.files.get("meta/explanations.json"), [])
        return doc if isinstance(doc, list) else []

    @property
    def booklet(self) -> bytes | None:
        return self.files.get("print/booklet.pdf")

    def evidence(self) -> list[EvidenceFile]:
        return [
            EvidenceFile(
                e["path"],
                e.get("title", ""),
                e.get("item", ""),
                e.get("name", ""),
                e.get("pages", 0),
                e["sha256"],
                e["size"],
            )
            for e in self.manifest.get("files", [])
            if e.get("role") == "evidence"
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "checks": [c.to_json() for c in self.checks],
            "forms": [{"id": f.id, "code": f.code} for f in self.forms],
            "signer": self.signer.to_json(),
        }


def _json_or(blob: bytes | None, default: Any) -> Any:
    return json.loads(blob) if blob is not None else default


class _Stop(Exception):
    pass


def _schema() -> dict[str, Any]:
    from zjtx_desktop.core.paths import forms_dir

    doc = json.loads((forms_dir() / "exchange.schema.json").read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    return doc


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(_schema())


@lru_cache(maxsize=1)
def _fast_validator() -> Any:
    """The schema compiled to Python (fastjsonschema): 0.1 ms a manifest instead of 1.4 ms.
    It only says "valid"; a manifest it rejects goes to jsonschema, which words the refusal,
    so the verdict and its message stay jsonschema's."""
    import fastjsonschema

    return fastjsonschema.compile(_schema())


def _schema_errors(manifest: dict[str, Any]) -> list[Any]:
    import fastjsonschema

    try:
        _fast_validator()(manifest)
        return []
    except fastjsonschema.JsonSchemaException:
        return sorted(_validator().iter_errors(manifest), key=lambda e: list(e.absolute_path))


def verify_package(
    path: Path,
    trust_store: TrustStore | None = None,
    context: ImportContext | None = None,
    *,
    pdf_signature: bool = True,
    content: bool = True,
    booklet: bool = True,
) -> PackageVerification:
    """Run the checks in order on the package at ``path``. ``content=False`` stops after the
    integrity checks 1–5 (archive, manifest, signature, every file's SHA-256) and the signer's
    identity, for a quick first pass over many packages; ``booklet=False`` stops after the
    data checks 6–7 (no page codes, no PAdES; the benchmark's middle step);
    ``pdf_signature=False`` skips only the booklet's PAdES validation (the slowest step)."""
    v = PackageVerification()
    try:
        _run(Path(path), v, trust_store, context, pdf_signature and booklet, content, booklet)
        v.accepted = v.refusal is None
    except _Stop:
        v.accepted = False
    except OSError as e:
        from zjtx_desktop.core.oserror import read_reason

        v.unusable = True
        v.checks.append(check("PKG_UNREADABLE", name=Path(path).name, reason=read_reason(e)))
    except (zipfile.BadZipFile, zlib.error, EOFError):  # a member that does not inflate
        v.accepted = False
        v.checks.append(check("PKG_DAMAGED", name=Path(path).name, detail="其中的文件无法解压"))
    except Exception:  # a hostile manifest that passes its schema but not our reading
        v.accepted = False
        v.checks.append(check("PKG_MANIFEST", detail="清单的内容无法按交换包的格式核验"))
    return v


def _fail(v: PackageVerification, c: Check) -> None:
    v.checks.append(c)
    if c.fatal:
        raise _Stop


def _run(
    path: Path,
    v: PackageVerification,
    trust: TrustStore | None,
    context: ImportContext | None,
    pdf_signature: bool,
    content: bool = True,
    booklet: bool = True,
) -> None:
    # 1–2: the archive's directory (sizes, ratios, paths, symlinks, duplicates)
    try:
        zf = open_zip(path)
    except Refused as r:
        if r.check.code in ("PKG_NOT_ZIP", "PKG_DAMAGED"):
            v.unusable = True
        _fail(v, r.check)
        return
    with zf:
        entries = {i.orig_filename: i for i in zf.infolist()}
        manifest_bytes, sig = _manifest(v, zf, entries)
        manifest = v.manifest
        cert = _signature(v, manifest, manifest_bytes, sig)
        _files(v, zf, entries, manifest)
    _identity(v, manifest, cert)
    if not content:
        _context(v, manifest, context)
        _trust(v, manifest, trust, cert)
        return
    sessions = _data(v, manifest)
    _digests(v, manifest, sessions)
    if booklet:
        _booklet(v, manifest)
    if pdf_signature:
        _booklet_signature(v, trust)
    _context(v, manifest, context)
    _trust(v, manifest, trust, cert)


def _manifest(
    v: PackageVerification, zf: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo]
) -> tuple[bytes, bytes]:
    # 3: manifest present, schema-valid, format_version supported
    for name in (MANIFEST, SIGNATURE):
        if name not in entries:
            _fail(v, check("PKG_MANIFEST", detail=f"缺少 {name}"))
    if entries[MANIFEST].file_size > MAX_MANIFEST:
        _fail(v, check("PKG_TOO_LARGE"))
    try:
        manifest_bytes = read_member(zf, entries[MANIFEST])
        sig = read_member(zf, entries[SIGNATURE])
    except (zipfile.BadZipFile, ValueError, EOFError, zlib.error):
        _fail(v, check("PKG_DAMAGED", name=Path(str(zf.filename)).name, detail="清单无法读取"))
        raise
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        _fail(v, check("PKG_MANIFEST", detail="manifest.json 不是有效的 UTF-8 JSON"))
        raise
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        _fail(v, check("PKG_MANIFEST", detail="不是 ZJTX 交换包的清单"))
    version = manifest.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        _fail(v, check("PKG_VERSION", v=version))
    errors = _schema_errors(manifest)
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "清单"
        _fail(v, check("PKG_MANIFEST", detail=f"{where}：{errors[0].message}"))
    problem = _inconsistency(manifest)
    if problem:
        _fail(v, check("PKG_MANIFEST", detail=problem))
    v.manifest = manifest
    return manifest_bytes, sig


def _inconsistency(manifest: dict[str, Any]) -> str:
    """What a schema cannot say: each form once, each file once, every form's data listed."""
    ids = [f["id"] for f in manifest["forms"]]
    paths = [f["path"] for f in manifest["files"]]
    if len(set(ids)) != len(ids):
        return "同一表单列出了多次"
    if len(set(paths)) != len(paths):
        return "同一文件列出了多次"
    data = {f["path"] for f in manifest["files"] if f["role"] == "data"}
    form_paths = [f["path"] for f in manifest["forms"]]
    if len(set(form_paths)) != len(form_paths) or set(form_paths) != data:
        return "表单与数据文件不对应"
    return ""


def _signature(
    v: PackageVerification, manifest: dict[str, Any], manifest_bytes: bytes, sig: bytes
) -> Any:
    # 4: manifest.sig verifies with the certificate the manifest carries
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from zjtx_desktop.core.exchange.identity import credit_code_of, subject_name

    signer = manifest["signer"]
    try:
        der = base64.b64decode(signer["certificate"], validate=True)
        cert = x509.load_der_x509_certificate(der)
        signature = base64.b64decode(sig.strip(), validate=True)
    except (ValueError, binascii.Error):
        _fail(v, check("PKG_SIGNATURE"))
        raise
    key = cert.public_key()
    if signer["alg"] != SIGNATURE_ALG or not isinstance(key, ec.EllipticCurvePublicKey):
        _fail(v, check("PKG_SIGNATURE"))
    assert isinstance(key, ec.EllipticCurvePublicKey)
    fp = hashlib.sha256(der).hexdigest()
    if fp != signer["fingerprint"]:
        _fail(v, check("PKG_SIGNATURE"))
    try:
        key.verify(signature, manifest_bytes, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        _fail(v, check("PKG_SIGNATURE"))
    v.signer = Signer(fp, subject_name(cert), credit_code_of(cert))
    return cert


def _files(
    v: PackageVerification,
    zf: zipfile.ZipFile,
    entries: dict[str, zipfile.ZipInfo],
    manifest: dict[str, Any],
) -> None:
    # 5: every listed file present with its size and SHA-256; no unlisted file
    listed = {MANIFEST, SIGNATURE}
    for f in manifest["files"]:
        p = f["path"]
        listed.add(p)
        info = entries.get(p)
        if info is None:
            _fail(v, check("PKG_FILE_MISSING", path=p))
            return
        if info.file_size != f["size"]:
            _fail(v, check("PKG_HASH", path=p))
        try:
            data = read_member(zf, info, crc=False)  # its SHA-256 is checked just below
        except (zipfile.BadZipFile, ValueError, EOFError, OSError):
            _fail(v, check("PKG_HASH", path=p))
            return
        if hashlib.sha256(data).hexdigest() != f["sha256"]:
            _fail(v, check("PKG_HASH", path=p))
        v.files[p] = data
    for form in manifest["forms"]:
        if form["path"] not in v.files:
            _fail(v, check("PKG_FILE_MISSING", path=form["path"]))
    for name, info in entries.items():
        if name not in listed and not (info.is_dir() and info.file_size == 0):
            _fail(v, check("PKG_FILE_EXTRA", path=name))


def _identity(v: PackageVerification, manifest: dict[str, Any], cert: Any) -> None:
    # the certificate must name the enterprise of the data (signing.md §1.5, §9 item 9)
    code = str(manifest["enterprise"]["credit_code"]).strip().upper()
    if v.signer.credit_code != code:
        _fail(
            v,
            check(
                "PKG_SIGNER_MISMATCH",
                subject=v.signer.subject or "（无名称）",
                cert_code=v.signer.credit_code or "无信用代码",
                credit_code=code,
            ),
        )


def _data(v: PackageVerification, manifest: dict[str, Any]) -> Any:
    # 6: each data/*.json parses as DATA.json of a known form
    from zjtx_desktop.core.datafile import DataFileError, parse_data
    from zjtx_desktop.core.engine.session import ApplicationSession, slot_of

    datas = []
    for f in manifest["forms"]:
        try:
            obj = json.loads(v.files[f["path"]].decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            _fail(v, check("PKG_DATA", detail=f"{f['path']}：不是有效的 UTF-8 JSON"))
            raise
        try:
            data = parse_data(obj, f"{f['path']}：")
        except DataFileError as e:
            _fail(v, check("PKG_DATA", detail=str(e)))
            raise
        if data.form.id != f["id"]:
            _fail(
                v,
                check(
                    "PKG_DATA", detail=f"{f['path']} 属于表单 {data.form.id}，清单写的是 {f['id']}"
                ),
            )
        datas.append(data)
    raw = {slot_of(d.form, d.form.fields[k]): val for d in datas for k, val in d.values.items()}
    return ApplicationSession([d.form for d in datas], raw, checks=False)  # digests only


def _digests(v: PackageVerification, manifest: dict[str, Any], session: Any) -> None:
    # 7: the canonical digest recomputed from the data equals forms[].sha256; it is computed
    # with the form version the package names (check 9 flags a version this program lacks)
    from zjtx_desktop.core.export.proof import canonical_bytes, canonical_values, short_digest

    for f in manifest["forms"]:
        st = session.state(f["id"])
        doc = canonical_bytes(st.form, canonical_values(st, "enterprise"), version=f["version"])
        sha = hashlib.sha256(doc).hexdigest()
        if sha != f["sha256"] or short_digest(sha) != f["short"]:
            _fail(v, check("PKG_DIGEST", form=st.form.short_title or st.form.title))
        v.forms.append(FormResult(f["id"], f["version"], f["short"], sha))


_FOOTER = re.compile(
    r"表单\s*(\S+)\s+v(\S+)\s+校验码\s*([0-9A-F]{12})|全部表单\s+校验码\s*([0-9A-F]{12})"
)


def _booklet(v: PackageVerification, manifest: dict[str, Any]) -> None:
    # 8: each page's footer code is its form's code; no 草稿 watermark
    from zjtx_desktop.core.export.proof import application_sha256, short_digest

    pdf = v.booklet
    if pdf is None:
        return
    codes = {f.id: f.code for f in v.forms}
    whole = short_digest(application_sha256([f.sha256 for f in v.forms]))
    try:
        texts, drafts = scan_pages(pdf)  # each page loaded once for both checks
    except Exception:  # pdfium raises its own error types for damaged files
        _fail(v, check("PKG_PDF_MISMATCH", n=1, a="（无法读取）", b=whole))
        return
    for n, text in enumerate(texts, 1):
        flat = text.replace("\r", " ").replace("\n", " ")
        m = _FOOTER.search(flat)
        if m is None:
            _fail(v, check("PKG_PDF_MISMATCH", n=n, a="（无）", b=whole))
            continue
        printed = m.group(3) or m.group(4)
        expected = codes.get(m.group(1), "") if m.group(1) else whole
        if printed != expected:
            _fail(v, check("PKG_PDF_MISMATCH", n=n, a=printed, b=expected or whole))
    for n in drafts:
        _fail(v, check("PKG_PDF_DRAFT", n=n))


def _booklet_signature(v: PackageVerification, trust: TrustStore | None) -> None:
    from zjtx_desktop.core.exchange.pdfverify import signature_checks

    pdf = v.booklet
    if pdf is None:
        return
    for c in signature_checks(pdf, v.signer.fingerprint, trust):
        _fail(v, c)


def _context(v: PackageVerification, manifest: dict[str, Any], ctx: ImportContext | None) -> None:
    # 9–11 against what the workspace already holds
    if ctx is None:
        return
    for f in manifest["forms"]:
        want = ctx.form_versions.get(f["id"])
        if want and want != f["version"]:
            _fail(v, check("PKG_FORM_VERSION", v=f["version"], w=want))
    app_id = manifest["application_id"]
    code = manifest["enterprise"]["credit_code"]
    same_app = [e for e in ctx.earlier if e.application_id == app_id]
    if any(e.package_id == manifest["package_id"] for e in ctx.earlier):
        _fail(v, check("PKG_DUPLICATE"))
    elif same_app and max(e.revision for e in same_app) > manifest["revision"]:
        current = max(e.revision for e in same_app)
        _fail(v, check("PKG_OLDER", r=manifest["revision"], current=current))
    others = sorted({e.application_id for e in ctx.earlier if e.credit_code == code} - {app_id})
    if others:
        _fail(v, check("PKG_SAME_ENTERPRISE", credit_code=code, other="、".join(others)))
    if any(e.fingerprint != v.signer.fingerprint for e in same_app):
        _fail(v, check("PKG_KEY_CHANGED", fp=_printed(v.signer.fingerprint)))


def _printed(fp: str) -> str:
    from zjtx_desktop.core.exchange.identity import grouped

    return grouped(fp)


def _trust(
    v: PackageVerification, manifest: dict[str, Any], trust: TrustStore | None, cert: Any
) -> None:
    # 11 (the trust store's side): a revoked certificate is refused (offline there is no
    # trusted time to say it signed before the revocation, signing.md §7); then a pinned key
    # or one issued by an imported root is trusted, a changed key is a loud flag, an unpinned
    # one a visible flag
    from cryptography.hazmat.primitives.serialization import Encoding

    from zjtx_desktop.core.exchange.identity import grouped

    if trust is None:
        return
    der = cert.public_bytes(Encoding.DER)
    revoked = trust.revocation(der)
    if revoked:
        _fail(v, check("PKG_KEY_REVOKED", detail=revoked))
    code = manifest["enterprise"]["credit_code"]
    v.signer.pin = trust.key_status(code, v.signer.fingerprint, der)
    if v.signer.pin in ("pinned", "root"):
        v.signer.trusted = True
    elif v.signer.pin == "changed":
        if not any(c.code == "PKG_KEY_CHANGED" for c in v.checks):
            _fail(v, check("PKG_KEY_CHANGED", fp=_printed(v.signer.fingerprint)))
    else:
        _fail(v, check("PKG_KEY_UNPINNED", fp=grouped(v.signer.fingerprint)))
