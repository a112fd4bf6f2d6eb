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
