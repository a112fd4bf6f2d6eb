"""推荐名额 (quotas) of the submission profile, and what happens to places not used.

The profile's ``quotas``::

    {"total": 40,                                   # this unit's own places (Hebei L10658-10660)
     "units": [{"code": "220182", "name": "榆树市", "quota": 5}, …]}   # places per lower unit

An application belongs to the lower unit whose 行政区划 code starts the region part of its
统一社会信用代码 (characters 3–8, §3.5): "2201" matches a whole city, "220182" one county.

The seeds' rules:
- places a county leaves unused go to its city, which 统筹 them: `若有县（市）未使用完推荐名额，
  剩余名额可由所在设区市统筹` (Jiangsu, 004 L16429-16433);
- what exceeds the places is refused above: `超出推荐名额的，一律不予受理` (Hubei, 004
  L20687-20690).
So the pool is every unit's unused places plus the places the total keeps beyond the units'
sum; the over-quota applications take pool places in 择优 order (the workspace's rank, the
order the official set) until the pool is empty; the rest are 超出名额. The pool goes to no
one else: a city's own unused places are reported, never passed upward (no seed says so).
Nothing here blocks: the official sees the figures and decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zjtx_desktop.core.workspace.states import State
from zjtx_desktop.core.workspace.workspace import Workspace, WorkspaceError

COUNTED = (State.RECOMMENDED, State.REPORTED)
OTHER = "其他（未分配名额）"
QUOTE_POOL = "“若有县（市）未使用完推荐名额，剩余名额可由所在设区市统筹。”（004 L16429-16433）"
QUOTE_OVER = "“超出推荐名额的，一律不予受理”（004 L20689）"


@dataclass
class UnitQuota:
    code: str
    name: str
    quota: int
    used: int = 0  # 拟推荐 / 已上报
    granted: int = 0  # places taken from the pool for its over-quota applications
    over_ids: list[str] = field(default_factory=list)  # still beyond every place

    @property
    def unused(self) -> int:
        return max(0, self.quota - self.used)

    @property
    def over(self) -> int:
        return max(0, self.used - self.quota)


@dataclass
class QuotaReport:
    total: int | None
    units: list[UnitQuota]
    pool: int  # places to 统筹: units' unused + total beyond the units' sum
    pool_used: int
    used: int  # every counted application

    @property
    def pool_left(self) -> int:
        return self.pool - self.pool_used

    @property
    def over_ids(self) -> list[str]:
        return [a for u in self.units for a in u.over_ids]

    @property
    def is_set(self) -> bool:
        """Whether the profile sets any places: without them nobody is over any quota."""
        return self.total is not None or any(u.code for u in self.units)

    def short(self) -> str:
        """One line for beside the deadline (the window's home) and the CLI's status when no
        places are set: “推荐名额：拟推荐 11 / 10 家，超出 1 家”, “拟推荐 4 家（未设名额）”."""
        if not self.is_set:
            return f"拟推荐 {self.used} 家（未设名额）"
        if self.total is not None:
            line = f"推荐名额：拟推荐 {self.used} / {self.total} 家"
            if self.used > self.total:
                line += f"，超出 {self.used - self.total} 家"
        else:
            line = f"拟推荐 {self.used} 家"
        if any(u.code for u in self.units):
            line += f"；统筹名额 {self.pool}，已用 {self.pool_used}，剩余 {self.pool_left}"
        return line

    def lines(self) -> list[str]:
        if not self.is_set:
            return [self.short()]
        out = []
        for u in self.units:
            line = f"{u.name}（{u.code or '—'}）：名额 {u.quota}，拟推荐 {u.used}"
            if u.unused:
                line += f"，未用 {u.unused}（归入统筹）"
            if u.over:
                line += f"，超出 {u.over}：统筹名额补 {u.granted}"
                if u.over_ids:
                    line += f"，仍超出 {len(u.over_ids)}"
            out.append(line)
        head = f"统筹名额 {self.pool}，已用 {self.pool_used}，剩余 {self.pool_left}"
        if self.total is not None:
            mine = f"本单位名额 {self.total}，拟推荐 {self.used}"
            head = f"{mine}；{head}" if self.units else mine  # no lower units: nothing to 统筹
        return [head, *out]

    def banners(self) -> list[str]:
        out = []
        if self.over_ids:
            out.append(f"有 {len(self.over_ids)} 家超出推荐名额（统筹名额已用完）：{QUOTE_OVER}")
        if self.total is not None and self.used > self.total:
            out.append(f"拟推荐 {self.used} 家，超过本单位名额 {self.total} 家：{QUOTE_OVER}")
        return out


def parse_quotas(raw: Any) -> tuple[int | None, list[UnitQuota]]:
    """The profile's ``quotas`` checked; raises WorkspaceError naming what is wrong."""
    if raw in (None, "", {}):
        return None, []
    if not isinstance(raw, dict):
        raise WorkspaceError('推荐名额应为 {"total": N, "units": [{"code", "name", "quota"}]}')
    total = raw.get("total")
    if total is not None and (isinstance(total, bool) or not isinstance(total, int) or total < 0):
        raise WorkspaceError(f"推荐名额 total 应为非负整数：{total}")
    units = []
    for u in raw.get("units") or []:
        code, quota = str(u.get("code", "")).strip(), u.get("quota")
        if not code.isdigit() or not 2 <= len(code) <= 6:
            raise WorkspaceError(f"名额单位的行政区划代码应为2–6位数字：{code or '（空）'}")
        if isinstance(quota, bool) or not isinstance(quota, int) or quota < 0:
            raise WorkspaceError(f"{u.get('name') or code} 的名额应为非负整数：{quota}")
        units.append(UnitQuota(code, str(u.get("name") or code), quota))
    return total, units


def _unit_of(credit_code: str, units: list[UnitQuota]) -> UnitQuota | None:
    region = credit_code[2:8]
    found = [u for u in units if region.startswith(u.code)]
    return max(found, key=lambda u: len(u.code)) if found else None  # the most precise


def quota_report(ws: Workspace) -> QuotaReport:
    """Used, unused and over-quota places per unit, the pool, and who is still over."""
    total, units = parse_quotas(ws.profile.get("quotas"))
    if not units:  # no places per lower unit: only the total (if any) counts, no pool
        used = sum(1 for a in ws.applications() if a.state in COUNTED)
        return QuotaReport(total, [], 0, 0, used)
    other = UnitQuota("", OTHER, 0)
    members: dict[int, list[str]] = {}
    counted = [a for a in ws.applications() if a.state in COUNTED]  # in rank order
    for app in counted:
        unit = _unit_of(app.credit_code, units) or other
        unit.used += 1
        members.setdefault(id(unit), []).append(app.id)
    if other.used:
        units.append(other)
    reserve = max(0, total - sum(u.quota for u in units)) if total is not None else 0
    pool = sum(u.unused for u in units) + reserve
    # over-quota applications: each unit's last ones in rank order, then 择优 across units
    over = [(aid, u) for u in units for aid in members.get(id(u), [])[u.quota :]]
    rank = {a.id: i for i, a in enumerate(counted)}
    over.sort(key=lambda p: rank[p[0]])
    left = pool
    for aid, u in over:
        if left:
            u.granted += 1
            left -= 1
        else:
            u.over_ids.append(aid)
    return QuotaReport(total, units, pool, pool - left, len(counted))
