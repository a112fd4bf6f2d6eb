"""The demo 自评表 with single values changed, evaluated under a 2022 or 2026 rule set."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.core.eligibility_data import application
from zjtx_desktop.core.eligibility import RuleSetResult, evaluate, rulesets
from zjtx_desktop.core.eligibility.choose import Assessment
from zjtx_desktop.core.eligibility.model import IndicatorScore

SA = "self-assessment-2026"

# Switch off every direct (直通) route so that only the points decide.
NO_DIRECT = {
    "nat_award": "否",
    "prov_award": "否",
    "titles": ["以上均无"],
    "rd_institution": "市级",
    "equity_2y": "0",
    "equity_3y": "0",
    "chuangke": "未进入",
}


def result(
    ruleset_id: str,
    changes: dict[str, Any] | None = None,
    date: str | None = None,
    app_type: str = "新申请",
) -> RuleSetResult:
    a = Assessment(date, app_type, "测试") if date else None
    return evaluate(rulesets()[ruleset_id], application((SA,), changes), a)


def indicator(r: RuleSetResult, iid: str) -> IndicatorScore:
    assert r.score is not None
    return next(i for i in r.score.indicators if i.indicator.id == iid)


def points(ruleset_id: str, iid: str, changes: dict[str, Any]) -> Decimal | None:
    return indicator(result(ruleset_id, changes), iid).points
