"""Shared set-up for the workspace tests (review D4, D10, D11, D16: written once here): a
workspace with the 12 fixture enterprises (as DATA.json or as the app's signed packages, the
``packages`` fixture, offered to every test in tests/core by its conftest), part 六 completed,
recommendations, the unit's signing key, the R1 return of E01, a thousand clones."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.officials.packages import PASS, twelve_packages
from zjtx_desktop.core.workspace import inbox
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "officials"
FORM = "nat-xjr-application-2021"
UNIT = "长春市工业和信息化局"
UNIT_CODE = "11220100013544357T"
# the three comments of check R1, as (form, field, severity, text, evidence file)
R1_COMMENTS = (
    (FORM, "operating_revenue.y2", "须修改", "请按审计报告填写2020年营业收入", ""),
    (FORM, "main_product_name", "请说明", "主导产品名称与佐证材料不一致", ""),
    ("evidence", "", "须修改", "审计报告缺少第3页", "E003"),
)


@pytest.fixture(scope="module")
def packages() -> dict[str, Path]:
    """E01…E12 as the app's exchange packages (built once per test process)."""
    return twelve_packages()


def fixture(name: str) -> Path:
    return FIXTURES / f"{name}.json"


def new_workspace(tmp_path: Path, officer: str = "张三") -> Workspace:
    return Workspace.init(
        tmp_path / "ws.sqlite",
        unit=UNIT,
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


def recommend(ws: Workspace, app_id: str, cls: str = "a") -> None:
    """Part 六 complete and consistent, then 拟推荐 through the guarded transition."""
    complete_part6(ws, app_id, cls)
    ws.set_state(app_id, State.RECOMMENDED)


def unit_key(tmp_path: Path) -> Any:
    """The unit's signing identity (for returns and forwards)."""
    from zjtx_desktop.core.exchange.identity import create_identity

    return create_identity(tmp_path / "unit.p12", UNIT, UNIT_CODE, PASS, unit=True)


def returned_e01(
    tmp_path: Path, packages: dict[str, Path]
) -> tuple[Workspace, str, Path, list[int]]:
    """Check R1's set-up: E01's package received, part 六 started (it must not travel), the
    three comments, then 退回 with 补正截止 2021-05-10: (workspace, app id, return file,
    comment ids)."""
    from zjtx_desktop.core.workspace.return_package import write_return_package

    ws = new_workspace(tmp_path)
    (out,) = inbox.import_files(ws, [packages["E01"]])
    app = out.application_id
    ws.set_part6(app, "review_class", "a")
    ids = [ws.add_comment(app, form, fid, sev, text, file=file)
           for form, fid, sev, text, file in R1_COMMENTS]  # fmt: skip
    folder = tmp_path / "out"
    folder.mkdir()
    target = write_return_package(  # the seeds' 2021: a past date, allowed
        ws, app, folder, unit_key(tmp_path), "2021-05-10", "0431-88776655", allow_past=True
    )
    return ws, app, target, ids


def enterprise_home(packages: dict[str, Path], name: str, tmp_path: Path) -> Path:
    """A copy of enterprise ``name``'s folder (its drafts database and key): opening a return
    or answering records events there, which must not leak into the shared fixture."""
    import shutil

    home = tmp_path / f"home-{name}"
    shutil.copytree(packages["_folder"] / name, home)
    return home


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


def with_evidence(tmp_path: Path) -> Workspace:
    """E01's values received as application "A1" with two 佐证材料 (E001 营业执照复印件,
    E002 审计报告): the fixture packages carry none."""
    ws = new_workspace(tmp_path)
    values = json.loads(fixture("E01").read_text(encoding="utf-8"))["values"]
    inbox.receive(
        ws,
        inbox.Incoming(
            submission_id="pkg-1",
            application_id="A1",
            revision=1,
            kind="package",
            files=["p.zjtx"],
            blobs=[("p.zjtx", b"p")],
            data={FORM: values},
            evidence=[
                {"path": "evidence/E001.pdf", "sha256": "a" * 64, "title": "营业执照复印件"},
                {"path": "evidence/E002.pdf", "sha256": "b" * 64, "title": "审计报告"},
            ],
            enterprise=values["enterprise_name"],
            credit_code=values["credit_code"],
            programme="nat-xjr-2021b3",
        ),
    )
    return ws
