"""汇总表 (§3.11): the seeds' summary tables filled from the workspace, versioned by 定稿.

A template (``resources/summaries/tables.yaml``) gives the verbatim title, header line,
column headers and notes. Rows are the 拟推荐 (and 已上报) applications in rank order — or,
for the platform tables A2/A41, the rows the official types (at most 3). Columns marked
``official`` are typed in place by the official, within the limit printed in their header,
and kept in the workspace; the others come from the received data or part 六.

The table's code is the first 12 hex digits of the SHA-256 of its canonical content (title,
unit, rows). ``finalise`` freezes a version (digest, rows, revisions): its rows become
已上报 and a later version supersedes it; ``identify`` names the version of a code.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from zjtx_desktop.core.fieldtypes import char_count
from zjtx_desktop.core.forms.yamlio import load_yaml
from zjtx_desktop.core.paths import resources_dir
from zjtx_desktop.core.store.database import now
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError

TABLE_IDS = ("A6", "A1", "A40", "A2", "A41")
SHORT = 12


@dataclass(frozen=True)
class Column:
    id: str
    header: str
    source: str = ""
    official: bool = False
    options: tuple[str, ...] = ()
    max_chars: int = 0
    attach_over: int = 0  # longer text goes to a numbered attached page (可另附页)
    draft_from: tuple[str, ...] = ()
    width: float = 10


@dataclass(frozen=True)
class Template:
    id: str
    attachment: str
    title: str
    source: str
    header_line: str
    rows: str  # applications | platforms
    columns: tuple[Column, ...]
    notes: tuple[str, ...]
    max_rows: int = 0
    max_rows_rule: str = ""


@dataclass
class Summary:
    template: Template
    title: str
    unit: str
    rows: list[dict[str, str]]  # column id -> text, in print order
    row_keys: list[str]  # application id or platform row key, per row
    revisions: dict[str, int] = field(default_factory=dict)
    version: int = 0  # 0: not finalised (a preview of the current state)
    superseded_by: int = 0

    @property
    def sha256(self) -> str:
        return digest(self)

    @property
    def code(self) -> str:
        return self.sha256[:SHORT].upper()

    def attachments(self) -> list[tuple[int, str, str]]:
        """(附页 number, row label, text) for cells too long for the table."""
        out: list[tuple[int, str, str]] = []
        for col in self.template.columns:
            if not col.attach_over:
                continue
            for row in self.rows:
                if char_count(row.get(col.id, "")) > col.attach_over:
                    out.append((len(out) + 1, row.get("platform") or row.get("name", ""),
                                row[col.id]))  # fmt: skip
        return out


@cache
def templates() -> dict[str, Template]:
    path = resources_dir() / "summaries" / "tables.yaml"
    doc = load_yaml(path, path.read_text(encoding="utf-8"))
    out = {}
    for tid, t in doc["tables"].items():
        cols = tuple(
            Column(
                c["id"], c["header"], c.get("source", ""), bool(c.get("official", False)),
                tuple(c.get("options", ())), int(c.get("max_chars", 0)),
                int(c.get("attach_over", 0)), tuple(c.get("draft_from", ())),
                float(c.get("width", 10)),
            )
            for c in t["columns"]
        )  # fmt: skip
        out[tid] = Template(
            tid, t["attachment"], t["title"], t["source"], t["header_line"], t["rows"], cols,
            tuple(t.get("notes", ())), int(t.get("max_rows", 0)), t.get("max_rows_rule", ""),
        )  # fmt: skip
    return out


def template(table_id: str) -> Template:
    t = templates().get(table_id)
    if t is None:
        raise WorkspaceError(f"没有汇总表模板“{table_id}”（可用：{'、'.join(TABLE_IDS)}）")
    return t


def fill_title(t: Template, ws: Workspace) -> str:
    title = t.title
    province = str(ws.profile.get("province") or "")
    batch = str(ws.profile.get("batch") or "").removeprefix("第").removesuffix("批")
    if province and "XX" in title:
        title = title.replace("XX", province.removesuffix("省"), 1)
    if batch and "第X批" in title:
        title = title.replace("第X批", f"第{batch}批", 1)
    return title


# --- the official's cells -----------------------------------------------------------


def official_cells(ws: Workspace, table_id: str) -> dict[tuple[str, str], str]:
    cur = ws.conn.execute(
        'SELECT row_key, "column", value FROM official_cells WHERE table_id = ?', (table_id,)
    )
    return {(r, c): v for r, c, v in cur}


def cell_problem(col: Column, text: str) -> str:
    """Why ``text`` cannot go into the column ("" when it can)."""
    n = char_count(text)
    if col.max_chars and n > col.max_chars:
        return f"已输入{n}字，限{col.max_chars}字"
    if col.options and text and text not in col.options:
        return f"应为 {'、'.join(col.options)} 之一"
    return ""


def set_cell(ws: Workspace, table_id: str, row_key: str, column_id: str, text: str) -> None:
    """Type an official column in place (refused beyond the printed limit)."""
    t = template(table_id)
    col = next((c for c in t.columns if c.id == column_id), None)
    if col is None or not col.official:
        raise WorkspaceError(f"汇总表{table_id}的“{column_id}”不是由推荐单位填写的列")
    problem = cell_problem(col, text)
    if problem:
        raise WorkspaceError(f"{col.header}：{problem}")
    if t.rows == "platforms":
        keys = platform_keys(ws, table_id)
        if row_key not in keys and len(keys) >= t.max_rows:
            raise WorkspaceError(f"不能再增加第{len(keys) + 1}行：{t.max_rows_rule}")
    else:
        ws.application(row_key)
    old = official_cells(ws, table_id).get((row_key, column_id))
    with ws.transaction():
        ws.conn.execute(
            "INSERT OR REPLACE INTO official_cells VALUES (?, ?, ?, ?)",
            (table_id, row_key, column_id, text),
        )
        ws.log("summary_cell", application_id=row_key if t.rows == "applications" else "",
               form_id=table_id, field_id=column_id, old=old, new=text)  # fmt: skip


def platform_keys(ws: Workspace, table_id: str) -> list[str]:
    keys = {r for r, _c in official_cells(ws, table_id)}
    return sorted(keys, key=lambda k: (len(k), k))


# --- rows ---------------------------------------------------------------------------


def _fact(data: dict[str, dict[str, Any]], key: str) -> str:
    """A shared fact as received (the first form that carries it), without a session."""
    from zjtx_desktop.core.forms.registry import get_form

    for form_id, values in data.items():
        for f in get_form(form_id).fields.values():
            if f.fact == key and values.get(f.id) not in (None, ""):
                return str(values[f.id]).strip()
    return ""


def _source_value(ws: Workspace, app_id: str, col: Column, cache: dict[str, Any]) -> str:
    """A column's value from the application as received (``cache`` keeps its submission
    and part 六 between the columns of one row)."""
    src = col.source
    if "sub" not in cache:
        cache["sub"] = ws.current(app_id)
    sub = cache["sub"]
    if src.startswith("part6:"):
        if "part6" not in cache:
            cache["part6"] = ws.part6(app_id)
        return str(cache["part6"].get(src.removeprefix("part6:"), "") or "")
    if src.startswith("declaration:"):
        answer = sub.declarations.get(src.removeprefix("declaration:"))
        return "" if answer in (None, "") else str(answer)
    if src == "industry":
        return _industry(_fact(sub.data, "industry_code2"))
    if src.startswith("fact:"):
        return _fact(sub.data, src.removeprefix("fact:"))
    for fid in col.draft_from:
        for values in sub.data.values():
            if values.get(fid) not in (None, ""):
                return str(values[fid]).strip()
    return ""


def _industry(value: Any) -> str:
    """“35 专用设备制造业” from a stored 2-digit code (or a value that already reads so)."""
    if value in (None, ""):
        return ""
    text = str(value).strip()
    code = text[:2]
    if code.isdigit() and len(text) == 2:
        from zjtx_desktop.core.refdata.industry import industries

        found = industries().get(code)
        return found.display if found is not None else text
    return text


def build(ws: Workspace, table_id: str, state: str = "recommended") -> Summary:
    """The table as it stands now (``state="all"``: every application not voided)."""
    t = template(table_id)
    cells = official_cells(ws, table_id)
    rows: list[dict[str, str]] = []
    keys: list[str] = []
    revisions: dict[str, int] = {}
    if t.rows == "platforms":
        keys = platform_keys(ws, table_id)
        for i, k in enumerate(keys, start=1):
            rows.append({c.id: str(i) if c.source == "rank" else cells.get((k, c.id), "")
                         for c in t.columns})  # fmt: skip
    else:
        wanted = {State.RECOMMENDED, State.REPORTED}
        apps = [a for a in ws.applications()
                if (a.state in wanted) or (state == "all" and a.state != State.VOID)]  # fmt: skip
        for i, app in enumerate(apps, start=1):
            row = {}
            cache: dict[str, Any] = {}
            for c in t.columns:
                if c.source == "rank":
                    row[c.id] = str(i)
                elif c.official and (app.id, c.id) in cells:
                    row[c.id] = cells[(app.id, c.id)]
                else:
                    row[c.id] = _source_value(ws, app.id, c, cache)
            rows.append(row)
            keys.append(app.id)
            revisions[app.id] = app.revision
    return Summary(t, fill_title(t, ws), str(ws.profile.get("unit", "")), rows, keys, revisions)


def problems(s: Summary) -> list[str]:
    """Cells beyond their limit (a pre-filled draft can be too long): fix before printing."""
    out = []
    for i, row in enumerate(s.rows, start=1):
        for c in s.template.columns:
            p = cell_problem(c, row.get(c.id, ""))
            if p:
                out.append(f"第{i}行“{c.header}”：{p}")
    return out


def digest(s: Summary) -> str:
    doc = {"table": s.template.id, "title": s.title, "unit": s.unit,
           "columns": [c.header for c in s.template.columns],
           "rows": [[r.get(c.id, "") for c in s.template.columns] for r in s.rows]}  # fmt: skip
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- 定稿 and versions -----------------------------------------------------------------


def finalise(ws: Workspace, table_id: str) -> Summary:
    """Freeze the current table as the next version; its applications become 已上报."""
    s = build(ws, table_id)
    bad = problems(s)
    if bad:
        raise WorkspaceError("汇总表还有超出限制的内容，不能定稿：" + "；".join(bad[:3]))
    if not s.rows:
        raise WorkspaceError("汇总表没有任何一行，不能定稿")
    last = ws.conn.execute(
        "SELECT id, version FROM summaries WHERE table_id = ? ORDER BY version DESC LIMIT 1",
        (table_id,),
    ).fetchone()
    version = (last[1] + 1) if last else 1
    with ws.transaction():
        cur = ws.conn.execute(
            "INSERT INTO summaries (table_id, version, sha256, rows, revisions, created_at, "
            "superseded_by) VALUES (?, ?, ?, ?, ?, ?, 0)",
            (table_id, version, s.sha256, json.dumps({"title": s.title, "unit": s.unit,
             "rows": s.rows, "keys": s.row_keys}, ensure_ascii=False),
             json.dumps(s.revisions), now()),
        )  # fmt: skip
        if last:
            ws.conn.execute(
                "UPDATE summaries SET superseded_by = ? WHERE id = ?", (cur.lastrowid, last[0])
            )
        ws.log("summary_final", form_id=table_id, new=s.sha256, ref=version,
               old=last[1] if last else None)  # fmt: skip
        for app_id in s.row_keys if s.template.rows == "applications" else []:
            app = ws.application(app_id)
            if app.state == State.RECOMMENDED:
                ws._transition(app, State.REPORTED, "", by_app=True, ref=f"{table_id} v{version}")
    s.version = version
    return s


def versions(ws: Workspace, table_id: str) -> list[tuple[int, str, int]]:
    """(version, sha256, superseding version or 0) of a table, oldest first."""
    rows = ws.conn.execute(
        "SELECT s.version, s.sha256, COALESCE(n.version, 0) FROM summaries s "
        "LEFT JOIN summaries n ON n.id = s.superseded_by WHERE s.table_id = ? "
        "ORDER BY s.version",
        (table_id,),
    ).fetchall()
    return [(int(v), str(h), int(n)) for v, h, n in rows]


def identify(ws: Workspace, code: str) -> str:
    """What a printed 汇总表 code is: “汇总表A6 第1版（已被第2版取代）”, or "" if unknown."""
    c = code.replace(" ", "").strip().lower()
    if len(c) < SHORT:
        return ""
    for table_id in TABLE_IDS:
        for version, sha, newer in versions(ws, table_id):
            if sha.startswith(c):
                state = f"已被第{newer}版取代" if newer else "当前版本"
                return f"汇总表{table_id} 第{version}版（{state}）"
    return ""
