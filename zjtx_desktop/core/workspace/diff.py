"""“与上次比较” (§3.7): what changed between two revisions of one application.

1. Fields: each changed value, old → new as typed; “已按意见修改” when a comment on an earlier
   revision asked about that field, else “未被要求的修改”.
2. Declarations that changed. 3. Evidence added, removed or replaced (by SHA-256).
4. Consequences: eligibility verdicts that flipped, and forms whose printed data (hence
   校验码) changed, whose paper must be printed and stamped again. Replies to comments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zjtx_desktop.core.forms.registry import get_form
from zjtx_desktop.core.workspace.review import build_session, verdict_row
from zjtx_desktop.core.workspace.workspace import Submission, Workspace, WorkspaceError

REQUESTED = "已按意见修改"
UNREQUESTED = "未被要求的修改"


@dataclass(frozen=True)
class FieldChange:
    form_id: str
    field_id: str
    label: str
    old: Any
    new: Any
    requested: bool
    comments: tuple[int, ...] = ()

    @property
    def mark(self) -> str:
        return REQUESTED if self.requested else UNREQUESTED


@dataclass(frozen=True)
class EvidenceChange:
    kind: str  # 新增 | 删除 | 替换
    path: str
    title: str
    old_sha256: str
    new_sha256: str
    requested: bool


@dataclass
class RevisionDiff:
    application_id: str
    old_revision: int
    new_revision: int
    fields: list[FieldChange] = field(default_factory=list)
    declarations: list[tuple[str, Any, Any]] = field(default_factory=list)
    evidence: list[EvidenceChange] = field(default_factory=list)
    verdicts: list[tuple[str, str, str]] = field(default_factory=list)  # (criterion, old, new)
    reprint: list[str] = field(default_factory=list)  # forms whose paper must be re-stamped
    replies: list[tuple[int, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The comparison as the official reads it."""
        out = [f"申报 {self.application_id}：r{self.old_revision} → r{self.new_revision}"]
        for c in self.fields:
            out.append(f"  {c.label}（{c.field_id}）：{_t(c.old)} → {_t(c.new)}　{c.mark}")
        for key, old, new in self.declarations:
            out.append(f"  企业声明 {key}：{_t(old)} → {_t(new)}")
        for e in self.evidence:
            mark = REQUESTED if e.requested else UNREQUESTED
            out.append(f"  佐证材料{e.kind}：{e.path} {e.title}　{mark}")
        for cid, old, new in self.verdicts:
            out.append(f"  判断变化 {cid}：{old} → {new}")
        for number, text in self.replies:
            out.append(f"  企业答复第{number}条意见：{text}")
        for form_id in self.reprint:
            out.append(f"  纸质件须重新打印盖章：{get_form(form_id).short_title or form_id}")
        return out


def _t(v: Any) -> str:
    if v is None or v == "":
        return "（空）"
    if isinstance(v, list):
        return "、".join(str(x) for x in v)
    return str(v)


def _by_revision(ws: Workspace, app_id: str, revision: int) -> Submission:
    for s in ws.submissions(app_id):
        if s.revision == revision:
            return s
    raise WorkspaceError(f"申报 {app_id} 没有第{revision}版")


def compare(
    ws: Workspace, app_id: str, old: int | None = None, new: int | None = None
) -> RevisionDiff:
    app = ws.application(app_id)
    new = new or app.revision
    old = old or new - 1
    if old < 1:
        raise WorkspaceError("这是第一版，没有可比较的上一版")
    a, b = _by_revision(ws, app.id, old), _by_revision(ws, app.id, new)
    asked: dict[tuple[str, str], list[int]] = {}
    for c in ws.comments(app.id):
        if c.revision < new and c.status != "superseded":
            key = ("evidence", c.file) if c.form_id == "evidence" else (c.form_id, c.field_id)
            asked.setdefault(key, []).append(c.id)
    d = RevisionDiff(app.id, old, new)
    for form_id in dict.fromkeys([*a.data, *b.data]):
        va, vb = a.data.get(form_id, {}), b.data.get(form_id, {})
        form = get_form(form_id)
        for fid in form.fields:
            if va.get(fid) != vb.get(fid):
                ids = tuple(asked.get((form_id, fid), ()))
                label = form.fields[fid].display_label
                d.fields.append(FieldChange(form_id, fid, label, va.get(fid), vb.get(fid),
                                            bool(ids), ids))  # fmt: skip
    for name in sorted({*a.declarations, *b.declarations}):
        if a.declarations.get(name) != b.declarations.get(name):
            d.declarations.append((name, a.declarations.get(name), b.declarations.get(name)))
    d.evidence = _evidence(a, b, asked)
    va_row = verdict_row(build_session(a.data, a.declarations))
    vb_row = verdict_row(build_session(b.data, b.declarations))
    for cid, status in vb_row["criteria"].items():
        before = va_row["criteria"].get(cid)
        if before is not None and before != status:
            d.verdicts.append((cid, before, status))
    d.reprint = sorted(f for f, sha in b.digests.items() if a.digests.get(f) not in (None, sha))
    d.replies = [(int(r.get("comment_id", 0)), str(r.get("text", ""))) for r in b.replies]
    return d


def _evidence(
    a: Submission, b: Submission, asked: dict[tuple[str, str], list[int]]
) -> list[EvidenceChange]:
    def key(e: dict[str, Any]) -> str:
        return str(e.get("path", "")).rsplit("/", 1)[-1].split(".")[0]

    ea = {key(e): e for e in a.evidence}
    eb = {key(e): e for e in b.evidence}
    out = []
    for k in dict.fromkeys([*ea, *eb]):
        old, new = ea.get(k), eb.get(k)
        if old and new and old.get("sha256") == new.get("sha256"):
            continue
        kind = "替换" if old and new else ("新增" if new else "删除")
        e = new or old or {}
        out.append(EvidenceChange(kind, str(e.get("path", "")), str(e.get("title", "")),
                                  str((old or {}).get("sha256", "")),
                                  str((new or {}).get("sha256", "")),
                                  ("evidence", k) in asked))  # fmt: skip
    return out
