"""推荐名额 and 报送截止 of the submission profile (officials.md §1.3, §3.2): unused places of a
lower unit go to the pool its upper unit 统筹s (Jiangsu 004 L16429-16433), what is still beyond
is 超出名额 (Hubei L20689); days left and overdue. Expected values are worked out by hand."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.core.workspace_helpers import recommend, with_fixtures
from zjtx_desktop.cli import main
from zjtx_desktop.core.workspace.batch import banners, batch_rows
from zjtx_desktop.core.workspace.deadline import deadline_status
from zjtx_desktop.core.workspace.quotas import parse_quotas, quota_report
from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import WorkspaceError

# region = characters 3–8 of the credit code: E01 220101, E04 220104, E08/E09 220108,
# E10 220110, E11 220111, E12 220112
QUOTAS = {
    "total": 6,
    "units": [
        {"code": "220101", "name": "南关区", "quota": 2},
        {"code": "220108", "name": "某县", "quota": 1},
        {"code": "22011", "name": "北片", "quota": 1},
    ],
}
CHOSEN = ["E01", "E04", "E08", "E09", "E10", "E11", "E12"]


@pytest.fixture
def seven(tmp_path: Path) -> tuple[Any, dict[str, str]]:
    ws, ids = with_fixtures(tmp_path, [*CHOSEN, "E02"])
    for name in CHOSEN:
        recommend(ws, ids[name])
    ws.move(ids["E12"], 1)  # 择优: rank E12, E01, E04, E08, E09, E10, E11 (E02 not counted)
    ws.set_profile("quotas", QUOTAS)
    return ws, ids


def test_unused_places_go_to_the_pool_in_rank_order(seven: Any) -> None:
    ws, ids = seven
    r = quota_report(ws)
    # by hand: 南关区 uses 1 of 2 (1 unused); 某县 2 of 1 (E09 over); 北片 3 of 1 (E10, E11
    # over); E04 is in no unit (其他, 0 places: over). Pool = 1 unused + (6 − 4) reserve = 3.
    # Over-quota in rank order: E04, E09, E10, E11 → the first three get the pool's places.
    assert [(u.name, u.quota, u.used, u.unused, u.over, u.granted) for u in r.units] == [
        ("南关区", 2, 1, 1, 0, 0),
        ("某县", 1, 2, 0, 1, 1),
        ("北片", 1, 3, 0, 2, 1),
        ("其他（未分配名额）", 0, 1, 0, 1, 1),
    ]
    assert (r.pool, r.pool_used, r.pool_left, r.used) == (3, 3, 0, 7)
    assert r.over_ids == [ids["E11"]]
    assert r.lines() == [
        "本单位名额 6，拟推荐 7；统筹名额 3，已用 3，剩余 0",
        "南关区（220101）：名额 2，拟推荐 1，未用 1（归入统筹）",
        "某县（220108）：名额 1，拟推荐 2，超出 1：统筹名额补 1",
        "北片（22011）：名额 1，拟推荐 3，超出 2：统筹名额补 1，仍超出 1",
        "其他（未分配名额）（—）：名额 0，拟推荐 1，超出 1：统筹名额补 1",
    ]
    texts = [b.text for b in banners(ws, batch_rows(ws)) if b.code == "QUOTA"]
    assert texts == [
        "有 1 家超出推荐名额（统筹名额已用完）：“超出推荐名额的，一律不予受理”（004 L20689）",
        "拟推荐 7 家，超过本单位名额 6 家：“超出推荐名额的，一律不予受理”（004 L20689）",
    ]


def test_rank_decides_who_takes_the_last_place(seven: Any) -> None:
    ws, ids = seven
    ws.move(ids["E11"], 1)  # now E11 comes before E10 in the 择优 order
    assert quota_report(ws).over_ids == [ids["E10"]]


def test_a_voided_recommendation_frees_its_place(seven: Any) -> None:
    ws, ids = seven
    ws.set_state(ids["E12"], State.VOID, "重复申报，企业撤回")
    r = quota_report(ws)  # 北片 now 2 of 1: one over; four over-quota for three places
    assert r.over_ids == [] and (r.pool_used, r.used) == (3, 6)


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"total": -1}, "total 应为非负整数"),
        ({"units": [{"code": "22A", "quota": 1}]}, "行政区划代码应为2–6位数字"),
        (
            {"units": [{"code": "220101", "name": "南关区", "quota": "2"}]},
            "南关区 的名额应为非负整数",
        ),
        ([1, 2], "推荐名额应为"),
    ],
)
def test_bad_quotas_are_named(raw: Any, message: str) -> None:
    with pytest.raises(WorkspaceError, match=message):
        parse_quotas(raw)


@pytest.mark.parametrize(
    "deadline, now, days, overdue, text",
    [
        # Jilin: notice 7/23, due 7/26 (002 L242-252, L359-361)
        ("2021-07-26", "2021-07-23 10:00", 3, False, "距报送截止还有 3 天（2021年7月26日）"),
        ("2021-07-26", "2021-07-26 09:00", 0, False, "今天截止（2021年7月26日）"),
        ("2021-07-26", "2021-07-26 23:30", 0, False, "今天截止（2021年7月26日）"),
        ("2021-07-26", "2021-07-27 08:00", -1, True, "已逾期 1 天（报送截止 2021年7月26日）"),
        # Liaoning: `3月9日17：00前` (004 L13534-13543)
        ("2021-03-09 17：00", "2021-03-09 14:30", 0, False, "今天截止（17:00，还有约 2 小时）"),
        ("2021-03-09 17:00", "2021-03-09 17:30", 0, True, "已过报送截止时间（今天 17:00）"),
        (
            "2021-03-09 17:00",
            "2021-03-01 17:30",
            8,
            False,
            "距报送截止还有 8 天（2021年3月9日 17:00）",
        ),
    ],
)
def test_deadline_by_hand(deadline: str, now: str, days: int, overdue: bool, text: str) -> None:
    s = deadline_status(deadline, datetime.strptime(now, "%Y-%m-%d %H:%M"))
    assert (s.days_left, s.overdue, s.text) == (days, overdue, text)


def test_cli_status_and_set_checks(seven: Any, capsys: pytest.CaptureFixture[str]) -> None:
    ws, ids = seven
    path = str(ws.path)
    assert main(["workspace", "set", path, "deadline", "5月8日"]) == 2
    assert "无法识别" in capsys.readouterr().err
    assert main(["workspace", "set", path, "quotas", '{"total": "x"}']) == 2
    assert main(["workspace", "set", path, "deadline", "2021-05-08"]) == 0
    args = ["workspace", "status", "--workspace", path, "--now", "2021-05-06 09:00"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("距报送截止还有 2 天（2021年5月8日）\n本单位名额 6，拟推荐 7；")
    assert main([*args, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["deadline"]["days_left"] == 2 and doc["deadline"]["overdue"] is False
    assert doc["quotas"]["pool"] == 3 and doc["quotas"]["units"][2]["still_over"] == [ids["E11"]]


# --- audit item 7: no places set ------------------------------------------------------------


def test_without_quotas_nobody_is_over_and_cli_and_window_say_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from zjtx_desktop.gui.officials.workspace_home import deadline_and_quota

    ws, ids = with_fixtures(tmp_path, ["E01", "E04", "E08", "E09"])
    for name in ids:
        recommend(ws, ids[name])
    r = quota_report(ws)
    assert (r.is_set, r.used, r.units, r.over_ids, r.banners()) == (False, 4, [], [], [])
    assert [b for b in banners(ws, batch_rows(ws)) if b.code == "QUOTA"] == []
    assert main(["workspace", "status", "--workspace", str(ws.path)]) == 0
    out = capsys.readouterr().out
    assert out == (
        "未设置报送截止（zjtx workspace set WS deadline 2021-05-08）\n拟推荐 4 家（未设名额）\n"
    )
    line = deadline_and_quota("", r, datetime(2021, 5, 1))
    assert line.endswith("　　拟推荐 4 家（未设名额）")


def test_a_total_without_lower_units_compares_the_total_only(tmp_path: Path) -> None:
    ws, ids = with_fixtures(tmp_path, ["E01", "E04", "E08"])
    for name in ids:
        recommend(ws, ids[name])
    ws.set_profile("quotas", {"total": 2})
    r = quota_report(ws)
    assert r.lines() == ["本单位名额 2，拟推荐 3"]
    assert r.short() == "推荐名额：拟推荐 3 / 2 家，超出 1 家"
    assert r.banners() == [
        "拟推荐 3 家，超过本单位名额 2 家：“超出推荐名额的，一律不予受理”（004 L20689）"
    ]
