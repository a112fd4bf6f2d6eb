"""Shared set-up for the workspace tests: a workspace with the 12 fixture enterprises."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from zjtx_desktop.core.workspace import inbox
from zjtx_desktop.core.workspace.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "officials"
FORM = "nat-xjr-application-2021"


def fixture(name: str) -> Path:
    return FIXTURES / f"{name}.json"


def new_workspace(tmp_path: Path, officer: str = "张三") -> Workspace:
    return Workspace.init(
        tmp_path / "ws.sqlite",
        unit="长春市工业和信息化局",
        level="市",
        programme="nat-xjr-2021b3",
        officer=officer,
    )


def with_fixtures(
    tmp_path: Path, names: list[str] | None = None
) -> tuple[Workspace, dict[str, str]]:
    """The workspace and {fixture name: application id}."""
    ws = new_workspace(tmp_path)
    names = names or [f"E{i:02d}" for i in range(1, 13)]
    ids = {}
    for n in names:
        (out,) = inbox.import_files(ws, [fixture(n)])
        assert out.status == "accepted", out
        ids[n] = out.application_id
    return ws, ids


def changed_copy(tmp_path: Path, name: str, changes: dict[str, Any], out: str = "") -> Path:
    doc = json.loads(fixture(name).read_text(encoding="utf-8"))
    doc["values"].update(changes)
    p = tmp_path / (out or f"{name}-changed.json")
    p.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return p


def complete_part6(ws: Workspace, app_id: str, cls: str = "a", ticks: str = "1,3,4,5,6") -> None:
    ticked = ticks.split(",")
    ws.set_part6(app_id, "class_indicator", cls)
    ws.set_part6(app_id, "mandatory_indicators", ticked)
    ws.set_part6(app_id, "review_class", cls)
    ws.set_part6(app_id, "review_mandatory_count", str(len(ticked)))
    ws.set_part6(app_id, "review_opinion", "同意")


def audit_actions(ws: Workspace) -> list[str]:
    return [r[0] for r in ws.conn.execute("SELECT action FROM audit ORDER BY seq")]


def clone_applications(ws: Workspace, templates: list[str], n: int, state: str = "") -> list[str]:
    """``n`` further applications made from the received ``templates`` in turn (rows copied
    in SQL, a new name, credit code and id each, verdicts not cached): a batch of a thousand
    in well under a second, for the scale checks (B3, H5). ``state`` also sets part 六 as
    complete and consistent (class a, 必备 1,3,4,5,6, 同意) and the state, as the guarded
    transitions would leave them."""
    subs = [ws.current(t) for t in templates]
    rows = [
        ws.conn.execute("SELECT * FROM submissions WHERE id = ?", (s.id,)).fetchone() for s in subs
    ]
    apps = [ws.conn.execute("SELECT * FROM applications WHERE id = ?", (t,)).fetchone()
            for t in templates]  # fmt: skip
    start = ws.conn.execute("SELECT COALESCE(MAX(rank), 0) FROM applications").fetchone()[0]
    made = []
    part6 = {
        "class_indicator": "a",
        "mandatory_indicators": ["1", "3", "4", "5", "6"],
        "review_class": "a",
        "review_mandatory_count": "5",
        "review_opinion": "同意",
    }
    with ws.transaction():
        for i in range(n):
            k = i % len(templates)
            aid, sid = f"CLONE{i:06d}", f"SUB{i:06d}"
            name = f"吉林省第{i + 1}号精密机械有限公司"
            code = f"9122010{i:010d}"[:17] + "X"
            data = json.loads(rows[k][6])
            for values in data.values():
                if "enterprise_name" in values:
                    values.update(enterprise_name=name, credit_code=code)
            sub = list(rows[k])
            sub[0], sub[1], sub[6] = sid, aid, json.dumps(data, ensure_ascii=False)
            ws.conn.execute(f"INSERT INTO submissions VALUES ({','.join('?' * len(sub))})", sub)
            app = list(apps[k])
            app[0], app[1], app[2], app[5], app[9] = aid, name, code, sid, start + i + 1
            if state:
                app[6] = state
                for fid, v in part6.items():
                    ws.conn.execute(
                        "INSERT INTO part6 VALUES (?, ?, ?, '', '')",
                        (aid, fid, json.dumps(v, ensure_ascii=False)),
                    )
            ws.conn.execute(f"INSERT INTO applications VALUES ({','.join('?' * len(app))})", app)
            made.append(aid)
    return made
