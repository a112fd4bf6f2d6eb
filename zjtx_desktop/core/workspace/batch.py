"""The batch 初核 list (§3.8): one row per application, banners for the notice's limits.

Verdicts come from the eligibility rule sets over the received data (the figures, not part
六), cached in the workspace per (application, revision, rule-set versions): a revision
never changes, so only new revisions (or new rule sets) are evaluated again.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from zjtx_desktop.core.exchange.checks import flag_name
from zjtx_desktop.core.workspace.paper import paper_status
from zjtx_desktop.core.workspace.quotas import quota_report
from zjtx_desktop.core.workspace.review import (
    build_session,
    rules_caption,
    rules_key,
    verdict_row,
)
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import AppRow, Workspace, WorkspaceError

Progress = Callable[[int, int], None]
LIMIT_TOTAL, LIMIT_SMALL = 200, 10
QUOTE_LIMITS = (
    "“推荐报送总数不超过200家，其中上年度营业收入不足5000万元的企业数不超过10家。”（004 L989-991）"
)
QUOTE_CHAMPION = "“已列为我部制造业单项冠军企业或产品的企业，不再推荐。”（004 L991-993）"
MANDATORY = ("M1", "M2", "M3", "M4", "M5", "M6")


Fresh = list[tuple[str, int, str, str]]  # to cache: (application, revision, rules, row)


def verdicts(ws: Workspace, app: AppRow, fresh: Fresh | None = None) -> dict[str, Any]:
    """The figures' verdicts of the application's current revision (cached). A verdict
    evaluated now is cached at once, or added to ``fresh`` for the caller to cache with
    the others (``remember``)."""
    key = rules_key()
    hit = ws.conn.execute(
        "SELECT row FROM verdicts WHERE application_id = ? AND revision = ? AND rules = ?",
        (app.id, app.revision, key),
    ).fetchone()
    if hit is not None:
        return dict(json.loads(hit[0]))
    sub = ws.current(app.id)
    row = verdict_row(build_session(sub.data, sub.declarations))
    new = (app.id, app.revision, key, json.dumps(row, ensure_ascii=False))
    if fresh is None:
        remember(ws, [new])
    else:
        fresh.append(new)
    return row


def remember(ws: Workspace, fresh: Fresh) -> None:
    """Cache verdicts, if the workspace can be written right now. It is only a cache: reading
    the list never waits for, nor fails because of, another program holding the file (or a
    read-only copy, a full disk) — the next list evaluates those applications again."""
    conn = ws.conn
    if not fresh or ws.read_only:
        return
    insert = "INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?, ?)"
    if conn.in_transaction:  # the caller's act holds the write lock already
        conn.executemany(insert, fresh)
        return
    (wait_ms,) = conn.execute("PRAGMA busy_timeout").fetchone()
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(insert, fresh)
        conn.execute("COMMIT")
    except sqlite3.OperationalError:  # locked, read-only, full: not cached this time
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")


@dataclass
class Counts:
    open_comments: dict[str, int]
    opinions: dict[str, Any]
    part6_class: dict[str, Any]


def _counts(ws: Workspace) -> Counts:
    comments: dict[str, int] = {}
    for aid, n in ws.conn.execute(
        "SELECT application_id, COUNT(*) FROM comments WHERE status IN ('open', 'answered') "
        "GROUP BY application_id"
    ):
        comments[aid] = n
    opinions: dict[str, Any] = {}
    classes: dict[str, Any] = {}
    for aid, fid, v in ws.conn.execute(
        "SELECT application_id, field, value FROM part6 WHERE field IN "
        "('review_opinion', 'review_class')"
    ):
        (opinions if fid == "review_opinion" else classes)[aid] = json.loads(v)
    return Counts(comments, opinions, classes)


def _sources(ws: Workspace) -> dict[str, str]:
    """Each current submission's source as checked: 交换包（已验签，指纹已核对） … 未校验来源."""
    from zjtx_desktop.core.workspace.flags import Acknowledgement, source_label

    acks: dict[str, dict[str, Acknowledgement]] = {}
    for sid, code, note, actor, at in ws.conn.execute(
        "SELECT submission_id, code, note, actor, at FROM flag_acks"
    ):
        acks.setdefault(sid, {})[code] = Acknowledgement(code, note, actor, at)
    cur = ws.conn.execute(
        "SELECT id, kind, signer, key_status, flags FROM submissions WHERE status='current'"
    )
    return {
        sid: source_label(kind, signer, key, json.loads(f or "[]"), acks.get(sid, {}))
        for sid, kind, signer, key, f in cur
    }


def batch_rows(ws: Workspace, progress: Progress | None = None) -> list[dict[str, Any]]:
    """Every application, in rank order, with its verdicts and review status."""
    apps = ws.applications()
    counts = _counts(ws)
    flags = {
        sid: json.loads(f)
        for sid, f in ws.conn.execute("SELECT id, flags FROM submissions WHERE status='current'")
    }
    sources = _sources(ws)
    evidence = {
        sid: len(json.loads(e or "[]"))
        for sid, e in ws.conn.execute("SELECT id, evidence FROM submissions WHERE status='current'")
    }
    checked = dict(
        ws.conn.execute("SELECT application_id, COUNT(*) FROM verifications GROUP BY 1").fetchall()
    )
    originals = dict(
        ws.conn.execute("SELECT application_id, COUNT(*) FROM originals GROUP BY 1").fetchall()
    )
    rows = []
    fresh: Fresh = []  # cached together at the end, in one short transaction
    ws.conn.execute("BEGIN")  # one snapshot to read; no write lock (see ``remember``)
    try:
        for i, app in enumerate(apps):
            v = verdicts(ws, app, fresh)
            rows.append(
                {
                    "rank": app.rank,
                    "application_id": app.id,
                    "enterprise": app.enterprise,
                    "credit_code": app.credit_code,
                    "region": app.credit_code[2:8],
                    "revision": app.revision,
                    "state": str(app.state),
                    "verified": app.verified,
                    "source": sources.get(app.submission, "未校验来源"),
                    "flags": flags.get(app.submission, []),
                    "revenue": v["revenue"],
                    "band": v["band"],
                    "class": v["class"],
                    "criteria": v["criteria"],
                    "mandatory": v["mandatory"],
                    "mandatory_met": v["mandatory_met"],
                    "special_gaps": v["special_gaps"],
                    "exclusions": v["exclusions"],
                    "declared_champion": v.get("declared_champion", False),
                    "open_comments": counts.open_comments.get(app.id, 0),
                    "evidence": evidence.get(app.submission, 0),
                    "originals": originals.get(app.id, 0),
                    "verifications": checked.get(app.id, 0),
                    "paper": paper_status(ws, app),
                    "opinion": counts.opinions.get(app.id, ""),
                    "review_class": counts.part6_class.get(app.id, ""),
                }
            )
            if progress is not None:
                progress(i + 1, len(apps))
    finally:
        ws.conn.execute("COMMIT")
    remember(ws, fresh)
    return rows


@dataclass(frozen=True)
class Banner:
    code: str
    text: str


def banners(ws: Workspace, rows: list[dict[str, Any]]) -> list[Banner]:
    """The notice's limits and other things to look at; none of them blocks anything."""
    out = []
    chosen = [r for r in rows if r["state"] in (State.RECOMMENDED, State.REPORTED)]
    if len(chosen) > LIMIT_TOTAL:
        out.append(Banner("LIMIT_TOTAL", f"拟推荐 {len(chosen)} 家，超过200家：{QUOTE_LIMITS}"))
    small = [r for r in chosen if (r["review_class"] or r["class"]) == "c"]
    if len(small) > LIMIT_SMALL:
        out.append(
            Banner(
                "LIMIT_SMALL",
                f"拟推荐中 c 类（上年营业收入不足5000万元）{len(small)} 家，"
                f"超过10家：{QUOTE_LIMITS}",
            )
        )
    for r in rows:
        if r["declared_champion"] and r["state"] != State.VOID:
            out.append(
                Banner(
                    "CHAMPION",
                    f"{r['enterprise']} 声明已被列为制造业单项冠军企业或产品：{QUOTE_CHAMPION}",
                )
            )
    by_code: dict[str, list[str]] = {}
    for r in rows:
        if r["credit_code"] and r["state"] != State.VOID:
            by_code.setdefault(r["credit_code"], []).append(r["enterprise"])
    for code, names in by_code.items():
        if len(names) > 1:
            out.append(
                Banner(
                    "SAME_ENTERPRISE",
                    f"统一社会信用代码 {code} 有 {len(names)} 份申报"
                    f"（{'、'.join(names)}）：请核对，未合并",
                )
            )
    try:
        out += [Banner("QUOTA", text) for text in quota_report(ws).banners()]
    except WorkspaceError as e:  # a profile set by hand with a bad value: say so, block nothing
        out.append(Banner("QUOTA", str(e)))
    return out


def _mandatory(m: str) -> Callable[[dict[str, Any]], Any]:
    return lambda r: r["mandatory"].get(m, "")


BATCH_COLUMNS: tuple[tuple[str, Callable[[dict[str, Any]], Any]], ...] = (
    ("序号", lambda r: r["rank"]),
    ("申报编号", lambda r: r["application_id"]),
    ("企业名称", lambda r: r["enterprise"]),
    ("统一社会信用代码", lambda r: r["credit_code"]),
    ("营业收入（上年，万元）", lambda r: Decimal(r["revenue"]) if r["revenue"] else ""),
    ("营业收入档次", lambda r: r["band"]),
    ("分类（数据）", lambda r: r["class"]),
    *((f"必备{m}", _mandatory(m)) for m in MANDATORY),
    ("必备项数", lambda r: "" if r["mandatory_met"] is None else r["mandatory_met"]),
    ("专项条件不满足", lambda r: "、".join(r["special_gaps"])),
    ("不得推荐情形X1–X4", lambda r: " ".join(f"{k}{v}" for k, v in r["exclusions"].items())),
    ("来源", lambda r: r["source"]),
    ("标记", lambda r: "、".join(flag_name(f) for f in r["flags"])),
    ("未关闭意见", lambda r: r["open_comments"]),
    ("佐证材料", lambda r: r["evidence"]),
    ("原件已核", lambda r: r["originals"]),
    ("核查记录", lambda r: r["verifications"]),
    ("纸质件", lambda r: r["paper"]),
    ("状态", lambda r: r["state"]),
    ("分类（初核）", lambda r: r["review_class"]),
    ("推荐意见", lambda r: r["opinion"]),
    ("版本", lambda r: f"r{r['revision']}"),
)


def select_rows(
    rows: list[dict[str, Any]], words: str = "", sort: str = "", descending: bool = False
) -> list[dict[str, Any]]:
    """Filter and sort as the list does: a row stays when every word of ``words`` occurs in
    its cells as shown; ``sort`` names a column of ``BATCH_COLUMNS`` (numbers as numbers,
    blanks last either way; ties keep the 择优 order)."""
    wanted = words.split()
    out = rows
    if wanted:
        lines = [(r, " ".join(str(f(r)) for _h, f in BATCH_COLUMNS)) for r in rows]
        out = [r for r, line in lines if all(w in line for w in wanted)]
    if sort:
        key = dict(BATCH_COLUMNS).get(sort)
        if key is None:
            names = "、".join(h for h, _f in BATCH_COLUMNS)
            raise WorkspaceError(f"初核清单没有“{sort}”这一列（可排序：{names}）")
        filled = [r for r in out if key(r) not in ("", None)]
        blank = [r for r in out if key(r) in ("", None)]
        out = sorted(filled, key=key, reverse=descending) + blank
    return out


def table(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """The list as the screen and the xlsx show it: headers and cells."""
    return [h for h, _f in BATCH_COLUMNS], [[f(r) for _h, f in BATCH_COLUMNS] for r in rows]


def export_xlsx(ws: Workspace, path: Path, rows: list[dict[str, Any]] | None = None) -> int:
    """“导出初核清单.xlsx”: every column, the rows as listed; returns the row count."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from zjtx_desktop.core.export.excel import put_text

    rows = batch_rows(ws) if rows is None else rows
    headers, cells = table(rows)
    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "初核清单"
    put_text(sheet.cell(row=1, column=1), f"{ws.profile.get('unit', '')} 初核清单")
    sheet.cell(row=1, column=1).font = Font(bold=True)
    for j, h in enumerate(headers, start=1):
        put_text(sheet.cell(row=2, column=j), h)
        sheet.cell(row=2, column=j).font = Font(bold=True)
    for i, line in enumerate(cells, start=3):
        for j, v in enumerate(line, start=1):
            c = sheet.cell(row=i, column=j)
            if isinstance(v, Decimal):
                c.value = float(v)  # numbers stay numbers
            elif isinstance(v, int) and not isinstance(v, bool):
                c.value = v
            else:
                put_text(c, str(v))
    sheet.freeze_panes = "C3"
    sheet.print_title_rows = "2:2"
    notes = [rules_caption(), *(b.text for b in banners(ws, rows))]
    for n_i, text in enumerate(notes):
        put_text(sheet.cell(row=len(cells) + 4 + n_i, column=1), text)
    wb.save(path)
    return len(cells)
