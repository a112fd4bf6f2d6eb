"""Enterprise size (划型) under a versioned classification standard kept as data.

The standard is ``resources/refdata/sme_classification_*.json`` (today only
工信部联企业〔2011〕300号); a newer one can be dropped beside it and selected by id.
The industry group is found from the most specific GB/T 4754-2017 code known
(小类 mapping table, else a 大类 whose 小类 all map to one group).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from zjtx_desktop.core.paths import refdata_path, resources_dir
from zjtx_desktop.core.refdata.industry import industries

SIZES = ("大型", "中型", "小型", "微型")
DEFAULT_STANDARD = "sme-2011-300"


@dataclass(frozen=True)
class SizeResult:
    size: str | None  # 大型/中型/小型/微型, None when it cannot be told
    group: str | None  # industry group name (工业, 批发业 …)
    missing: tuple[str, ...]  # indicators still needed (employees / revenue / total_assets)
    standard: str
    basis: str  # one-line explanation with the figures that decided it


INDICATOR_NAMES = {"employees": "从业人数", "revenue": "营业收入", "total_assets": "资产总额"}


@cache
def standards() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for p in sorted(Path(resources_dir(), "refdata").glob("sme_classification_*.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        out[data["id"]] = data
    return out


@cache
def _group_by_subclass() -> dict[str, str]:
    with refdata_path("sme_group_by_gbt4754.csv").open(encoding="utf-8") as f:
        return {r["gbt4754_2017_code"]: r["sme_group_id"] for r in csv.DictReader(f)}


@cache
def group_for(code: str, standard: str = DEFAULT_STANDARD) -> dict[str, Any] | None:
    """Industry group of a 2- or 4-digit code; a 大类 maps only if all its 小类 agree."""
    groups: dict[str, dict[str, Any]] = {g["id"]: g for g in standards()[standard]["groups"]}
    table = _group_by_subclass()
    gid: str | None = None
    if len(code) == 4:
        gid = table.get(code) or None
    else:
        subs = {g for c, g in table.items() if c.startswith(code) and g}
        uncovered = any(c.startswith(code) and not g for c, g in table.items())
        if len(subs) == 1 and not uncovered:
            gid = subs.pop()
    return groups.get(gid) if gid else None


def _holds(cond: dict[str, Any], values: dict[str, Decimal]) -> bool:
    v = values[cond["indicator"]]
    limit = Decimal(str(cond["value"]))
    return bool(v >= limit) if cond["op"] == ">=" else bool(v < limit)


def classify(
    industry_code: str | None,
    employees: Decimal | int | None,
    revenue: Decimal | None,
    total_assets: Decimal | None,
    standard: str = DEFAULT_STANDARD,
) -> SizeResult:
    """Size by the standard's rule: each tier needs all its lower bounds, else one tier down."""
    title = standards()[standard]["title"]
    if not industry_code:
        return SizeResult(None, None, ("industry",), standard, "未填写所属行业")
    group = group_for(industry_code, standard)
    if group is None:
        ind = industries().get(industry_code)
        name = ind.name if ind else industry_code
        return SizeResult(
            None, None, (), standard, f"{industry_code} {name}不在{title}的行业范围内"
        )
    given: dict[str, Decimal | None] = {
        "employees": None if employees is None else Decimal(employees),
        "revenue": revenue,
        "total_assets": total_assets,
    }
    missing = tuple(i for i in group["indicators"] if given.get(i) is None)
    if missing:
        need = "、".join(INDICATOR_NAMES[m] for m in missing)
        return SizeResult(None, group["name"], missing, standard, f"还需填写{need}")
    values = {k: v for k, v in given.items() if v is not None}
    figures = "，".join(
        f"{INDICATOR_NAMES[i]}{values[i]}{'人' if i == 'employees' else '万元'}"
        for i in group["indicators"]
    )
    size = "微型"
    for tier, key in (
        ("大型", "large_if_all"),
        ("中型", "medium_if_all"),
        ("小型", "small_if_all"),
    ):
        if all(_holds(c, values) for c in group[key]):
            size = tier
            break
    return SizeResult(size, group["name"], (), standard, f"{group['name']}：{figures} → {size}")
