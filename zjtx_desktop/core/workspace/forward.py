"""上报 (§3.12): the forward package from county to city to province, and its import.

``kind: "forward"``, signed by the unit: the enterprises' submission packages **unchanged**
(they still verify with the enterprises' own keys; plain DATA.json files travel as received),
``review/<application_id>.json`` with part 六, the comment history, paper status, state and
rank, the frozen 汇总表 versions (rows, xlsx and PDF) and an extract of the audit log. At the
upper level every nested package goes through the inbox (verified as any package), the
lower unit's opinions are kept read-only beside it, and the upper level's own states start
at 已接收. Forwarding moves the applications from 拟推荐 to 已上报.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import uuid
from pathlib import Path
from typing import Any

from zjtx_desktop.core.store.database import now
from zjtx_desktop.core.workspace import audit
from zjtx_desktop.core.workspace.inbox import FileOutcome, import_files, refuse
from zjtx_desktop.core.workspace.paper import paper_status
from zjtx_desktop.core.workspace.return_package import ReturnRefused, read_signed, write_signed
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError

FORWARDED = (State.RECOMMENDED, State.REPORTED)


def _blobs(ws: Workspace, archive: list[str]) -> list[tuple[str, bytes]]:
    out = []
    for sha in archive:
        row = ws.conn.execute("SELECT name, bytes FROM archive WHERE sha256 = ?", (sha,)).fetchone()
        if row is not None:
            out.append((str(row[0]), bytes(row[1])))
    return out


def _review(ws: Workspace, app_id: str) -> dict[str, Any]:
    app = ws.application(app_id)
    return {
        "application_id": app.id,
        "enterprise": app.enterprise,
        "credit_code": app.credit_code,
        "revision": app.revision,
        "state": str(app.state),
        "rank": app.rank,
        "part6": ws.part6(app.id),
        "comments": [c.__dict__ for c in ws.comments(app.id)],
        "paper": paper_status(ws, app),
        "unit": ws.profile.get("unit", ""),
        "level": ws.profile.get("level", ""),
    }


def _frozen_tables(ws: Workspace) -> list[tuple[str, bytes]]:
    from zjtx_desktop.core.workspace import summary
    from zjtx_desktop.core.workspace.summary_print import write_pdf, write_xlsx

    out: list[tuple[str, bytes]] = []
    for tid in summary.TABLE_IDS:
        versions = summary.versions(ws, tid)
        if not versions:
            continue
        version = versions[-1][0]
        (stored,) = ws.conn.execute(
            "SELECT rows FROM summaries WHERE table_id = ? AND version = ?", (tid, version)
        ).fetchone()
        doc = json.loads(stored)
        s = summary.Summary(
            summary.template(tid),
            doc["title"],
            doc["unit"],
            doc["rows"],
            doc["keys"],
            version=version,
        )
        out.append((f"summary/{tid}_v{version}.json", stored.encode("utf-8")))
        with tempfile.TemporaryDirectory() as d:
            for suffix, writer in ((".xlsx", write_xlsx), (".pdf", write_pdf)):
                p = Path(d) / f"t{suffix}"
                writer(s, p)
                out.append((f"summary/{tid}_v{version}{suffix}", p.read_bytes()))
    return out


def _audit_extract(ws: Workspace, ids: set[str]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([h for h, _k in audit.EXPORT_COLUMNS])
    for r in audit.rows(ws.conn):
        if r["application_id"] in ids:
            w.writerow([r[k] for _h, k in audit.EXPORT_COLUMNS])
    return buf.getvalue().encode("utf-8-sig")


FINALISE_HINT = (
    "请先定稿汇总表（窗口中的“汇总表…”，或 zjtx summary --workspace WS --table A6 --finalise），"
    "再上报"
)


def unlisted(ws: Workspace, apps: list[Any]) -> str:
    """Why the 汇总表 cannot travel with ``apps`` ("" when it can): §3.12's package holds the
    frozen 汇总表, so at least one table of applications must be 定稿 and its latest version
    must list every application forwarded, at the revision forwarded."""
    from zjtx_desktop.core.workspace import summary

    frozen: list[dict[str, int]] = []
    for tid in summary.TABLE_IDS:
        if summary.template(tid).rows != "applications":
            continue
        row = ws.conn.execute(
            "SELECT revisions FROM summaries WHERE table_id = ? ORDER BY version DESC LIMIT 1",
            (tid,),
        ).fetchone()
        if row is not None:
            frozen.append({k: int(v) for k, v in json.loads(row[0]).items()})
    if not frozen:
        return f"还没有定稿的汇总表：上报交换包须附定稿的汇总表（xlsx 和 pdf）。{FINALISE_HINT}"
    missing = [a for a in apps if not any(t.get(a.id) == a.revision for t in frozen)]
    if missing:
        names = "、".join(a.enterprise for a in missing[:5]) + ("等" if len(missing) > 5 else "")
        return (
            f"{len(missing)} 家拟推荐的申报不在最新定稿的汇总表中（{names}）：汇总表定稿后又有"
            f"申报改为拟推荐或收到了新版本。请重新定稿汇总表（窗口中的“汇总表…”，"
            "或 zjtx summary --workspace WS --table A6 --finalise），再上报"
        )
    return ""


def write_forward_package(ws: Workspace, folder: Path, identity: Any) -> Path:
    """Forward every 拟推荐 (and already reported) application upward; they become 已上报.
    Refused, with nothing written or marked, without a 定稿 汇总表 listing them all."""
    apps = [a for a in ws.applications() if a.state in FORWARDED]
    if not apps:
        raise WorkspaceError("没有拟推荐的申报，不能上报")
    problem = unlisted(ws, apps)
    if problem:
        raise WorkspaceError(problem)
    files: list[tuple[str, bytes]] = []
    listed = []
    for a in apps:
        sub = ws.current(a.id)
        blobs = _blobs(
            ws,
            json.loads(
                ws.conn.execute(
                    "SELECT archive FROM submissions WHERE id = ?", (sub.id,)
                ).fetchone()[0]
            ),
        )
        paths = []
        for i, (name, blob) in enumerate(blobs):
            suffix = ".zjtx" if sub.kind == "package" else Path(name).suffix or ".json"
            p = f"nested/{a.id}/{i + 1}{suffix}"
            files.append((p, blob))
            paths.append(p)
        review = json.dumps(_review(ws, a.id), ensure_ascii=False, indent=1).encode("utf-8")
        files.append((f"review/{a.id}.json", review))
        listed.append(
            {
                "application_id": a.id,
                "kind": sub.kind,
                "files": paths,
                "names": [name for name, _blob in blobs],  # as the enterprise sent them
                "review": f"review/{a.id}.json",
            }
        )
    files += _frozen_tables(ws)
    files.append(("audit/extract.csv", _audit_extract(ws, {a.id for a in apps})))
    package_id = str(uuid.uuid4())
    manifest = {
        "format": "zjtx-exchange",
        "format_version": 1,
        "kind": "forward",
        "package_id": package_id,
        "created_at": now(),
        "unit": ws.profile.get("unit", ""),
        "level": ws.profile.get("level", ""),
        "programme": ws.profile.get("programme", ""),
        "applications": listed,
    }
    unit = str(ws.profile.get("unit", "unit"))
    target = Path(folder) / f"ZJTX_{unit}_{ws.profile.get('programme', '')}_forward.zjtx"
    write_signed(target, manifest, files, identity)
    with ws.transaction():
        ws.log("forward", new=[a.id for a in apps], ref=package_id, reason=target.name)
        for a in apps:
            if a.state == State.RECOMMENDED:
                ws._transition(a, State.REPORTED, "", by_app=True, ref=package_id)
    return target


def _nested_names(entry: dict[str, Any]) -> list[str]:
    """The nested files' names as the enterprises sent them (the manifest's ``names``, kept
    by forwards since audit item 13c), else the package's own (``1.zjtx``); a name that is
    not a plain file name, or repeats, falls back to the package's."""
    paths = [str(p) for p in entry["files"]]
    given = entry.get("names")
    given = given if isinstance(given, list) and len(given) == len(paths) else []
    out: list[str] = []
    for i, p in enumerate(paths):
        name = str(given[i]) if given else ""
        plain = name and Path(name).name == name and name not in (".", "..")
        same_kind = Path(name).suffix.lower() == Path(p).suffix.lower()
        out.append(name if plain and same_kind and name not in out else Path(p).name)
    return out


def _enterprise(review: bytes | None) -> str:
    try:
        doc = json.loads(review or b"{}")
    except ValueError:
        return ""
    return str(doc.get("enterprise", "")) if isinstance(doc, dict) else ""


def import_forward(ws: Workspace, path: Path) -> list[FileOutcome]:
    """A lower unit's forward package: each nested submission through the inbox, the lower
    opinions kept read-only."""
    try:
        manifest, files = read_signed(path, "forward")
    except ReturnRefused as e:
        return [refuse(ws, Path(path).name, [e.code], f"{Path(path).name}：{e}")]
    out: list[FileOutcome] = []
    with tempfile.TemporaryDirectory() as d:
        for entry in manifest.get("applications", []):
            folder = Path(d) / str(uuid.uuid4())
            folder.mkdir()
            nested = []
            for p, name in zip(entry["files"], _nested_names(entry), strict=True):
                target = folder / name
                target.write_bytes(files[p])
                nested.append(target)
            results = import_files(ws, nested)
            review = files.get(entry.get("review", ""))
            enterprise = _enterprise(review)
            for r in results:  # “企业名/文件名”, not the package's 1.zjtx
                r.file = f"{enterprise}/{r.file}" if enterprise else r.file
            out += results
            app_ids = {r.application_id for r in results if r.application_id}
            if review is None:
                continue
            with ws.transaction():
                for app_id in app_ids:
                    ws.conn.execute(
                        "INSERT OR REPLACE INTO lower_reviews VALUES (?, ?, ?, ?, ?, ?)",
                        (
                            app_id,
                            manifest["package_id"],
                            str(manifest.get("unit", "")),
                            str(manifest.get("level", "")),
                            review.decode("utf-8"),
                            now(),
                        ),
                    )
                    ws.log(
                        "lower_review",
                        application_id=app_id,
                        ref=manifest["package_id"],
                        new=str(manifest.get("unit", "")),
                    )
    return out


def lower_reviews(ws: Workspace, app_id: str) -> list[dict[str, Any]]:
    """The lower units' opinions on an application (read-only here)."""
    cur = ws.conn.execute(
        "SELECT unit, level, review FROM lower_reviews WHERE application_id = ? "
        "ORDER BY received_at",
        (app_id,),
    )
    return [{"unit": u, "level": lv, **json.loads(r)} for u, lv, r in cur]
