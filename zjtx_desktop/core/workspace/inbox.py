"""The inbox: what enterprises hand over comes in here, is checked, and is kept byte for byte.

Two kinds of input (§3.4):
- exchange packages (``.zjtx``), checked by ``zjtx_desktop.core.exchange`` (``receive_package``:
  every one goes through the exchange verification before anything is written; a fatal check
  refuses the file, flags travel with the submission; duplicates, older revisions, the same
  credit code under another application and a changed signing key are decided by ``receive``);
- plain DATA.json files, read as ``zjtx drafts import`` reads them and marked 未校验来源
  (``DATA_UNVERIFIED``): nobody vouches for who wrote them. Files of one enterprise given
  together (same 统一社会信用代码, else the same 企业名称) form one submission; the
  application id is derived from the enterprise and the programme, so a later file of the
  same enterprise is its next revision.

Every submission is received in one transaction with its audit row, so a refusal or a cancel
leaves nothing half-imported. Refused files never enter; only an ``import_refused`` audit
row records them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zjtx_desktop.core.datafile import DataFile, DataFileError, load_json, parse_data
from zjtx_desktop.core.export.proof import form_sha256
from zjtx_desktop.core.store.database import now
from zjtx_desktop.core.workspace import audit
from zjtx_desktop.core.workspace.review import build_session, form_order, rules_key, verdict_row
from zjtx_desktop.core.workspace.states import ON_NEW_REVISION, State
from zjtx_desktop.core.workspace.workspace import Workspace

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
UNVERIFIED = "DATA_UNVERIFIED"
CODE_MESSAGES = {
    UNVERIFIED: "未校验来源：普通 DATA.json 文件没有签名，无法确认由企业生成",
    "DATA_INVALID": "文件不能使用，未接收",
    "PKG_DUPLICATE": "已接收过此交换包，未重复导入",
    "PKG_OLDER": "比已接收的版本旧：已存档，当前版本不变",
    "PKG_SAME_ENTERPRISE": "同一统一社会信用代码已有另一份申报：两份都保留，请核对",
    "PKG_KEY_CHANGED": "签名密钥已变更（与已固定的指纹或上次提交的不同）：请核对企业盖章纸质件"
    "目录页上的签名指纹",
    "PKG_KEY_UNPINNED": "该企业的签名密钥尚未核对（信任库中没有固定的指纹）：请核对企业盖章纸质件"
    "目录页上的签名指纹",
    "PKG_PROGRAMME": "不是本工作区的申报项目",
}


STATUS_TEXT = {"accepted": "已接收", "refused": "拒收", "duplicate": "重复", "older": "旧版本"}


def flag_notes(codes: list[str]) -> str:
    """What an accepted file's flags mean, in full where the inbox words them."""
    from zjtx_desktop.core.exchange.checks import flag_name

    return "；".join(CODE_MESSAGES.get(c) or flag_name(c) for c in codes)


@dataclass
class FileOutcome:
    file: str
    status: str  # accepted | refused | duplicate | older
    application_id: str = ""
    codes: list[str] = field(default_factory=list)
    message: str = ""

    @property
    def status_text(self) -> str:
        """The status as a person reads it (the JSON keeps the word other tools rely on)."""
        return STATUS_TEXT.get(self.status, self.status)

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "application_id": self.application_id,
            "codes": self.codes,
            "message": self.message,
        }


@dataclass
class Incoming:
    """One submission, checked, ready to be received."""

    submission_id: str
    application_id: str
    revision: int | None  # None: a plain file, the next revision of its application
    kind: str  # package | datafile
    files: list[str]
    blobs: list[tuple[str, bytes]]
    data: dict[str, dict[str, Any]]
    declarations: dict[str, Any] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    replies: list[dict[str, Any]] = field(default_factory=list)
    signer: str = ""
    key_status: str = ""  # pinned | root | changed | first (the trust store), '' not looked up
    flags: list[str] = field(default_factory=list)
    enterprise: str = ""
    credit_code: str = ""
    programme: str = ""


def enterprise_digests(data: dict[str, dict[str, Any]]) -> dict[str, str]:
    """SHA-256 of each form's enterprise copy (what its paper's 校验码 comes from)."""
    return _evaluated(data, {})[0]


def _evaluated(
    data: dict[str, dict[str, Any]], declarations: dict[str, Any]
) -> tuple[dict[str, str], dict[str, Any]]:
    """The digests and the figures' verdicts of one revision, from one session."""
    session = build_session(data, declarations, role="enterprise")
    digests = {fid: form_sha256(st, "enterprise") for fid, st in session.states.items()}
    return digests, verdict_row(session)


def receive(ws: Workspace, inc: Incoming) -> FileOutcome:
    """Keep one checked submission: a new application, its next revision, an older one
    (archived only) or a duplicate (nothing written but the audit row)."""
    name = "、".join(inc.files)
    conn = ws.conn
    with ws.transaction():
        if conn.execute("SELECT 1 FROM submissions WHERE id = ?", (inc.submission_id,)).fetchone():
            ws.log(
                "import_duplicate",
                application_id=inc.application_id,
                ref=inc.submission_id,
                new=name,
            )
            message = CODE_MESSAGES["PKG_DUPLICATE"]
            if inc.kind == "datafile":
                message = "已接收过相同内容的文件，未重复导入"
            return FileOutcome(name, "duplicate", inc.application_id, ["PKG_DUPLICATE"], message)
        flags = list(inc.flags)
        others = conn.execute(
            "SELECT id FROM applications WHERE credit_code = ? AND credit_code != '' AND id != ?",
            (inc.credit_code, inc.application_id),
        ).fetchall()
        if others:
            flags.append("PKG_SAME_ENTERPRISE")
        row = conn.execute(
            "SELECT revision, submission, state FROM applications WHERE id = ?",
            (inc.application_id,),
        ).fetchone()
        revision = inc.revision or (row[0] + 1 if row else 1)
        if row is not None:
            prev = ws.submission(row[1])
            key_checked = inc.key_status in ("pinned", "root")  # the paper or a CA vouches
            changed = inc.signer and prev.signer and inc.signer != prev.signer
            if changed and not key_checked and "PKG_KEY_CHANGED" not in flags:
                flags.append("PKG_KEY_CHANGED")
        if "PKG_KEY_CHANGED" in flags and "PKG_KEY_UNPINNED" in flags:
            flags.remove("PKG_KEY_UNPINNED")  # the louder flag asks for the same paper check
        older = row is not None and revision <= row[0]
        if older:
            flags.append("PKG_OLDER")
        shas = [hashlib.sha256(blob).hexdigest() for _n, blob in inc.blobs]  # once: 2 MB each
        for (blob_name, blob), sha in zip(inc.blobs, shas, strict=True):
            conn.execute(
                "INSERT OR IGNORE INTO archive VALUES (?, ?, ?, ?)",
                (sha, blob_name, len(blob), blob),
            )
        digests, verdicts = _evaluated(inc.data, inc.declarations)
        t = now()
        conn.execute(
            "INSERT INTO submissions (id, application_id, revision, kind, files, archive, data, "
            "declarations, evidence, replies, digests, signer, flags, received_at, status, "
            "key_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                inc.submission_id,
                inc.application_id,
                revision,
                inc.kind,
                _j(inc.files),
                _j(shas),
                _j(inc.data),
                _j(inc.declarations),
                _j(inc.evidence),
                _j(inc.replies),
                _j(digests),
                inc.signer,
                _j(flags),
                t,
                "archived" if older else "current",
                inc.key_status,
            ),
        )
        conn.execute(  # the batch list's cache, filled while the data is at hand
            "INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?, ?)",
            (inc.application_id, revision, rules_key(), _j(verdicts)),
        )
        common = {
            "application_id": inc.application_id,
            "revision": revision,
            "ref": inc.submission_id,
            "new": name,
            "reason": "、".join(flags),
        }
        if row is None:
            rank = conn.execute("SELECT COALESCE(MAX(rank), 0) + 1 FROM applications").fetchone()
            conn.execute(
                "INSERT INTO applications VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    inc.application_id,
                    inc.enterprise,
                    inc.credit_code,
                    inc.programme,
                    revision,
                    inc.submission_id,
                    State.RECEIVED,
                    int(inc.kind == "package"),
                    t,
                    rank[0],
                    "[]",
                ),
            )
            ws.log("import", **common)
        elif older:
            ws.log("import_older", **common)
            return FileOutcome(name, "older", inc.application_id, flags, CODE_MESSAGES["PKG_OLDER"])
        else:
            _new_revision(ws, inc, revision, prev, digests, row[2], common)
    return FileOutcome(name, "accepted", inc.application_id, flags, flag_notes(flags))


def _new_revision(
    ws: Workspace,
    inc: Incoming,
    revision: int,
    prev: Any,
    digests: dict[str, str],
    state: str,
    common: dict[str, Any],
) -> None:
    conn = ws.conn
    conn.execute("UPDATE submissions SET status = 'archived' WHERE id = ?", (prev.id,))
    reset = sorted(f for f, d in digests.items() if prev.digests.get(f) not in (None, d))
    conn.execute(
        "UPDATE applications SET revision = ?, submission = ?, enterprise = ?, "
        "paper_reset = ?, verified = ? WHERE id = ?",
        (
            revision,
            inc.submission_id,
            inc.enterprise,
            _j(reset),
            int(inc.kind == "package"),
            inc.application_id,
        ),
    )
    ws.log("import_revision", old=prev.revision, **common)
    for reply in inc.replies:
        cid = reply.get("comment_id")
        cur = conn.execute(
            "UPDATE comments SET status = 'answered', reply = ?, answered_at = ? "
            "WHERE id = ? AND application_id = ? AND status = 'open'",
            (str(reply.get("text", "")), _when(reply.get("answered_at")), cid, inc.application_id),
        )
        if cur.rowcount:
            ws.log(
                "comment_answered",
                application_id=inc.application_id,
                revision=revision,
                ref=cid,
                new=reply.get("text", ""),
            )
    target = ON_NEW_REVISION.get(State(state))
    if target is not None and target != state:
        app = ws.application(inc.application_id)
        ws._transition(app, target, f"收到第{revision}版", by_app=True, ref=inc.submission_id)


def _when(value: Any) -> str:
    """An answer's time as the enterprise's package gives it, if it is one (ISO 8601)."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(value).isoformat(timespec="milliseconds")
    except (TypeError, ValueError):
        return ""


def _j(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, sort_keys=True)


# --- plain DATA.json -------------------------------------------------------------------


def _identity(data: DataFile) -> tuple[str, str]:
    by_fact = {f.fact: data.values.get(f.id) for f in data.form.fields.values() if f.fact}
    code = str(by_fact.get("credit_code") or "").strip().upper()
    return code, str(by_fact.get("enterprise_name") or "").strip()


def _programme(form_ids: Iterable[str]) -> str:
    from zjtx_desktop.core.forms.registry import programmes

    ids = set(form_ids)
    return next((p.id for p in programmes().values() if set(p.forms) == ids), "")


def datafile_incoming(group: list[tuple[Path, bytes, DataFile, dict[str, Any]]]) -> Incoming:
    code, name = "", ""
    for _p, _b, d, _decl in group:
        c, n = _identity(d)
        code, name = code or c, name or n
    data = {d.form.id: d.values for _p, _b, d, _decl in group}
    declarations: dict[str, Any] = {}
    for _p, _b, _d, decl in group:
        declarations.update(decl)
    programme = _programme(data)
    # the same code under another name is another application (kept apart and flagged)
    key = f"{code}|{name}|{programme or '+'.join(sorted(data))}"
    app_id = "D" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:15].upper()
    body = json.dumps(
        {"data": data, "declarations": declarations}, ensure_ascii=False, sort_keys=True
    )
    sub_id = "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()
    return Incoming(
        submission_id=sub_id,
        application_id=app_id,
        revision=None,
        kind="datafile",
        files=[p.name for p, _b, _d, _decl in group],
        blobs=[(p.name, b) for p, b, _d, _decl in group],
        data={f: data[f] for f in form_order(list(data))},
        declarations=declarations,
        flags=[UNVERIFIED],
        enterprise=name,
        credit_code=code,
        programme=programme,
    )


def read_datafile(path: Path) -> tuple[bytes, DataFile, dict[str, Any]]:
    """The file's bytes, its data and the enterprise's declarations (an optional top-level
    ``"declarations": {"RULESET:quantity": answer}``); raises DataFileError."""
    try:
        blob = Path(path).read_bytes()
    except OSError as e:
        raise DataFileError(f"无法读取 {path}：{e.strerror}") from None
    obj = load_json(blob, f"{Path(path).name}：")  # exactly as written, or refused
    data = parse_data(obj, f"{Path(path).name}：")
    decl = obj.get("declarations") or {}
    if not isinstance(decl, dict) or not all(isinstance(v, str) for v in decl.values()):
        raise DataFileError(f'{Path(path).name}：declarations 应为 {{"规则集:量": "回答"}}')
    return blob, data, decl


def group_datafiles(
    read: list[tuple[Path, bytes, DataFile, dict[str, Any]]],
) -> list[list[tuple[Path, bytes, DataFile, dict[str, Any]]]]:
    """Files of one enterprise together (same credit code; where a file has none, the same
    name); a second file of the same form starts a new group."""
    groups: list[list[tuple[Path, bytes, DataFile, dict[str, Any]]]] = []
    by_code: dict[str, list[int]] = {}
    by_name: dict[str, list[int]] = {}
    codes: list[str] = []
    for item in read:
        code, name = _identity(item[2])
        candidates = by_code.get(code, []) if code else by_name.get(name, []) if name else []
        if code and name:  # a group whose files carry only the name may join too
            candidates = candidates + [g for g in by_name.get(name, []) if not codes[g]]
        target = next(
            (g for g in candidates if item[2].form.id not in {x[2].form.id for x in groups[g]}),
            None,
        )
        if target is None:
            target = len(groups)
            groups.append([])
            codes.append("")
        groups[target].append(item)
        if code and not codes[target]:
            codes[target] = code
            by_code.setdefault(code, []).append(target)
        if name and target not in by_name.get(name, []):
            by_name.setdefault(name, []).append(target)
    return groups


def refuse(ws: Workspace, file: str, codes: list[str], message: str) -> FileOutcome:
    with ws.transaction():
        audit.append(ws.conn, ws.officer, "import_refused", new=file, reason=message, ref=codes)
    return FileOutcome(file, "refused", "", codes, message)


def is_package(path: Path) -> bool:
    try:
        with Path(path).open("rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def import_files(
    ws: Workspace,
    paths: Iterable[Path],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[FileOutcome]:
    """Import packages and DATA.json files; one outcome per file (a group of DATA.json files
    of one enterprise shares its outcome). Stops between submissions when ``cancelled``."""
    paths = [Path(p) for p in paths]
    out: list[FileOutcome] = []
    read: list[tuple[Path, bytes, DataFile, dict[str, Any]]] = []
    packages: list[Path] = []
    total = len(paths) * 2  # each file is read, then received
    done = 0
    for p in paths:  # reading plain files is quick; cancel is checked per submission
        if p.suffix.lower() == ".zjtx" or is_package(p):
            packages.append(p)
            continue
        try:
            blob, data, decl = read_datafile(p)
        except DataFileError as e:
            out.append(refuse(ws, p.name, ["DATA_INVALID"], str(e)))
            done += 1  # it is not received either
        else:
            read.append((p, blob, data, decl))
        done += 1
        if progress:
            progress(done, total)
    for group in group_datafiles(read):
        if cancelled is not None and cancelled():
            return out
        inc = datafile_incoming(group)
        outcome = programme_check(ws, inc) or receive(ws, inc)
        for p, *_rest in group:
            out.append(
                FileOutcome(
                    p.name, outcome.status, outcome.application_id, outcome.codes, outcome.message
                )
            )
        done += len(group)
        if progress:
            progress(done, total)
    for p in packages:
        if cancelled is not None and cancelled():
            return out
        out.append(import_package(ws, p))
        done += 2
        if progress:
            progress(done, total)
    return out


def import_package(ws: Workspace, path: Path) -> FileOutcome:
    """An exchange package, through the exchange verification (``receive_package`` below)."""
    return receive_package(ws, path)


def programme_check(ws: Workspace, inc: Incoming) -> FileOutcome | None:
    """Forms of another programme do not enter this workspace."""
    from zjtx_desktop.core.forms.registry import programmes

    wanted = ws.profile.get("programme", "")
    allowed = set(programmes()[wanted].forms) if wanted in programmes() else set(inc.data)
    stray = sorted(set(inc.data) - allowed)
    if stray:
        name = "、".join(inc.files)
        message = f"{name}：表单 {'、'.join(stray)} 不属于本工作区的申报项目 {wanted}，未接收"
        return refuse(ws, name, ["PKG_PROGRAMME"], message)
    return None


# --- exchange packages (were packages.py: one module, so the two did not import each other)

# decided by the workspace itself (inbox.receive), not taken from the package's own checks;
# PKG_KEY_CHANGED comes from both: the trust store's pin (verification) and the previous
# submission's key (receive)
DECIDED_HERE = {"PKG_DUPLICATE", "PKG_OLDER", "PKG_SAME_ENTERPRISE"}


def _context(ws: Workspace) -> Any:
    from zjtx_desktop.core.exchange.verify import ImportContext
    from zjtx_desktop.core.forms.registry import get_form, programmes

    prog = programmes().get(str(ws.profile.get("programme", "")))
    forms = prog.forms if prog is not None else []
    return ImportContext(form_versions={f: get_form(f).version for f in forms})


def receive_package(ws: Workspace, path: Path) -> FileOutcome:
    from zjtx_desktop.core.exchange.verify import verify_package

    v = verify_package(path, ws.trust, context=_context(ws))
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
        key_status=v.signer.pin,
        flags=[c.code for c in v.flags if c.code not in DECIDED_HERE],
        enterprise=str(m["enterprise"]["name"]),
        credit_code=str(m["enterprise"]["credit_code"]).strip().upper(),
        programme=str(m["programme"]["id"]),
    )
    return programme_check(ws, inc) or receive(ws, inc)
