"""The audit log: every action on a workspace, one row each, hash-chained.

``hash = SHA-256(prev_hash ‖ canonical row)``, so editing, deleting or inserting a row with
an SQLite tool breaks the chain from that row on; ``verify`` names the first broken ``seq``.
Rows are written inside the caller's transaction, so an action and its audit row commit
together or not at all.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zjtx_desktop.core.store.database import now

GENESIS = "0" * 64
FIELDS = (
    "seq",
    "at",
    "actor",
    "action",
    "application_id",
    "revision",
    "form_id",
    "field_id",
    "slot",
    "old",
    "new",
    "reason",
    "ref",
)
# the export's columns (§3.13): 操作人, 时间, 申报编号, 表单, 字段, 原值, 新值, 原因, 关联
EXPORT_COLUMNS = (
    ("操作人", "actor"),
    ("时间", "at"),
    ("操作", "action"),
    ("申报编号", "application_id"),
    ("表单", "form_id"),
    ("字段", "field_id"),
    ("原值", "old"),
    ("新值", "new"),
    ("原因", "reason"),
    ("关联", "ref"),
)

# each action's name where a person reads the log (the export's 操作 column); the rows keep
# the code, which the hash chain covers
ACTION_NAMES = {
    "workspace_init": "创建工作区",
    "profile": "修改报送要求",
    "officer_added": "新增经办人",
    "import": "接收申报",
    "import_revision": "接收新版本",
    "import_older": "接收旧版本（仅存档）",
    "import_duplicate": "重复提交（未重复导入）",
    "import_refused": "拒收",
    "comment": "提出意见",
    "comment_answered": "企业答复意见",
    "comment_resolved": "关闭意见",
    "part6": "填写第六部分",
    "state": "改变状态",
    "rank": "调整排序",
    "sample": "抽查",
    "paper": "核对纸质件",
    "verification": "记录核查",
    "original_seen": "原件已核",
    "check_record": "打印初核记录单",
    "export_booklets": "批量导出申请书",
    "summary_cell": "填写汇总表",
    "summary_final": "汇总表定稿",
    "forward": "上报",
    "lower_review": "收到下级初核意见",
    "sign_part6": "签署第六部分",
    "flag_ack": "确认交换包标记",
}


def action_name(code: str) -> str:
    return ACTION_NAMES.get(code, code)


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False, sort_keys=True)


def row_hash(prev_hash: str, row: dict[str, Any]) -> str:
    body = json.dumps([row[k] for k in FIELDS], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def append(
    conn: sqlite3.Connection,
    actor: str,
    action: str,
    *,
    application_id: str = "",
    revision: int = 0,
    form_id: str = "",
    field_id: str = "",
    slot: str = "",
    old: Any = None,
    new: Any = None,
    reason: str = "",
    ref: Any = None,
) -> int:
    """Append one row (inside the caller's transaction); returns its seq."""
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    row = {
        "seq": seq,
        "at": now(),
        "actor": actor,
        "action": action,
        "application_id": application_id,
        "revision": revision,
        "form_id": form_id,
        "field_id": field_id,
        "slot": slot,
        "old": _text(old),
        "new": _text(new),
        "reason": reason,
        "ref": _text(ref),
    }
    h = row_hash(prev, row)
    conn.execute(
        f"INSERT INTO audit ({', '.join(FIELDS)}, prev_hash, hash) "
        f"VALUES ({', '.join('?' * len(FIELDS))}, ?, ?)",
        [*(row[k] for k in FIELDS), prev, h],
    )
    return seq


@dataclass(frozen=True)
class ChainCheck:
    rows: int
    broken_seq: int | None  # the first row whose hash does not follow, None when intact
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def verify(conn: sqlite3.Connection) -> ChainCheck:
    prev = GENESIS
    expected_seq = 1
    n = 0
    cur = conn.execute(f"SELECT {', '.join(FIELDS)}, prev_hash, hash FROM audit ORDER BY seq")
    for r in cur:
        n += 1
        row = dict(zip(FIELDS, r[: len(FIELDS)], strict=True))
        seq = row["seq"]
        if seq != expected_seq:
            return ChainCheck(n, expected_seq, f"第{expected_seq}条记录缺失")
        if r[-2] != prev:
            return ChainCheck(n, seq, f"第{seq}条记录与前一条的链接不符")
        if row_hash(prev, row) != r[-1]:
            return ChainCheck(n, seq, f"第{seq}条记录在写入后被改动")
        prev = r[-1]
        expected_seq += 1
    return ChainCheck(n, None)


def rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    cur = conn.execute(f"SELECT {', '.join(FIELDS)} FROM audit ORDER BY seq")
    return [dict(zip(FIELDS, r, strict=True)) for r in cur]


def export(conn: sqlite3.Connection, path: Path) -> int:
    """“导出操作记录” as .csv (UTF-8 with BOM, for Excel) or .xlsx; returns the row count."""
    data = rows(conn)
    header = [h for h, _k in EXPORT_COLUMNS]
    table = [
        [action_name(r[k]) if k == "action" else str(r[k]) for _h, k in EXPORT_COLUMNS]
        for r in data
    ]
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        from zjtx_desktop.core.export.excel import put_text

        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "操作记录"
        for j, h in enumerate(header, start=1):
            put_text(ws.cell(row=1, column=j), h)
        for i, line in enumerate(table, start=2):
            for j, v in enumerate(line, start=1):
                put_text(ws.cell(row=i, column=j), v)
        wb.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(table)
    return len(table)
