"""上报 (officials.md §3.12, check F1): a county forwards 10 applications; the city imports the
forward package: every nested package verifies with its enterprise's own signature, the
county's part 六 is there read-only, the city's states start at 已接收."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.core.workspace_helpers import complete_part6
from tests.fixtures.officials.packages import PASS
from zjtx_desktop.core.exchange.identity import create_identity
from zjtx_desktop.core.workspace import inbox, summary
from zjtx_desktop.core.workspace.forward import import_forward, lower_reviews, write_forward_package
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import Workspace

TEN = [f"E{i:02d}" for i in (1, 2, 3, 4, 5, 6, 7, 8, 10, 11)]


def _county_forward(tmp_path: Path, packages: dict[str, Path]) -> tuple[Workspace, Path]:
    county = Workspace.init(
        tmp_path / "county.sqlite",
        unit="长春市朝阳区工业和信息化局",
        level="县",
        programme="nat-xjr-2021b3",
        officer="李四",
    )
    outs = inbox.import_files(county, [packages[n] for n in TEN])
    assert [o.status for o in outs] == ["accepted"] * 10
    for o in outs:
        complete_part6(county, o.application_id, "a")
        county.set_state(o.application_id, State.RECOMMENDED)
    summary.finalise(county, "A6")  # §3.12: the package holds the frozen 汇总表
    key = create_identity(
        tmp_path / "county.p12", "长春市朝阳区工业和信息化局", "11220104013544321X", PASS, unit=True
    )
    folder = tmp_path / "up"
    folder.mkdir()
    return county, write_forward_package(county, folder, key)


def test_city_imports_a_county_forward(tmp_path: Path, packages: dict[str, Path]) -> None:
    county, package = _county_forward(tmp_path, packages)
    assert {a.state for a in county.applications()} == {State.REPORTED}
    city = Workspace.init(
        tmp_path / "city.sqlite",
        unit="长春市工业和信息化局",
        level="市",
        programme="nat-xjr-2021b3",
        officer="张三",
    )
    outs = import_forward(city, package)
    assert [o.status for o in outs] == ["accepted"] * 10
    apps = city.applications()
    assert len(apps) == 10
    assert all(a.verified for a in apps)  # each nested package verified with its own key
    assert {a.state for a in apps} == {State.RECEIVED}
    assert {a.id for a in apps} == {a.id for a in county.applications()}
    (lower,) = lower_reviews(city, apps[0].id)
    assert lower["unit"] == "长春市朝阳区工业和信息化局" and lower["level"] == "县"
    # 定稿 of the 汇总表 made them 已上报 before the package was written
    assert lower["part6"]["review_opinion"] == "同意" and lower["state"] == "已上报"
    city.set_part6(apps[0].id, "review_opinion", "不同意")  # the city's own opinion
    assert lower_reviews(city, apps[0].id)[0]["part6"]["review_opinion"] == "同意"
    assert city.part6(apps[0].id) == {"review_opinion": "不同意"}
    with zipfile.ZipFile(package) as zf:
        names = zf.namelist()
    assert "audit/extract.csv" in names and sum(n.startswith("review/") for n in names) == 10


def test_a_tampered_forward_is_refused(tmp_path: Path, packages: dict[str, Path]) -> None:
    _county, package = _county_forward(tmp_path, packages)
    with zipfile.ZipFile(package) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist()}
    name = next(n for n in files if n.startswith("review/"))
    files[name] = files[name].replace("同意".encode(), "不同意".encode())
    bad = tmp_path / "bad.zjtx"
    with zipfile.ZipFile(bad, "w") as zf:
        for n, d in files.items():
            zf.writestr(n, d)
    city = Workspace.init(
        tmp_path / "city.sqlite",
        unit="长春市工业和信息化局",
        level="市",
        programme="nat-xjr-2021b3",
        officer="张三",
    )
    (out,) = import_forward(city, bad)
    assert (out.status, out.codes) == ("refused", ["PKG_HASH"])
    assert city.applications() == []
