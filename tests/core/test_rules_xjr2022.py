"""The 2022 小巨人 innovation condition (63号 附件3 四, post2021.md §2.3/§2.5) at and around its
revenue bands, and both readings of the open question “研发费用总额3000万元以上” (2-year total by
default, 上年 as the other reading, grade D): the other verdict is reported when it differs."""

from __future__ import annotations

import pytest

from tests.core.rules_today import NO_DIRECT, result
from zjtx_desktop.core.eligibility import Status

MET, NOT_MET = Status.MET, Status.NOT_MET
XIN = "XJR22-XIN"
# the general condition's other parts hold: 研发机构 (市级 in NO_DIRECT), 2 Ⅰ类 applied
REST = {**NO_DIRECT, "ip_class1": "2", "ip_applied": "是"}


def xin(changes: dict[str, str]):
    return result("xjr-2022", {**REST, **changes}, date="2025-06-01").criterion(XIN)


def _years(revenue: str, rd: str) -> dict[str, str]:
    """The same revenue and R&D in both years (ratio rd/revenue each year)."""
    return {
        "operating_revenue.y1": revenue,
        "operating_revenue.y2": revenue,
        "rd_expense.y1": rd,
        "rd_expense.y2": rd,
    }


@pytest.mark.parametrize(
    ("revenue", "rd", "expected"),
    [
        ("10000", "300", MET),  # 1亿元: 3% each year suffices
        ("10000", "299.99", NOT_MET),
        ("9999.99", "599.99", NOT_MET),  # below 1亿元: 6% each year needed (6.0000%−)
        ("9999.99", "600", MET),  # 6.00000006%
        ("5000", "300", MET),  # “5000万元—1亿元” includes 5000: 6%
        ("5000", "299.99", NOT_MET),
    ],
)
def test_the_revenue_bands_and_their_rd_ratios(revenue, rd, expected):
    assert xin(_years(revenue, rd)).status == expected


def _small(rd_y1: str, rd_y2: str, equity: str = "8000", staff: str = "50") -> dict[str, str]:
    return {
        "operating_revenue.y1": "4000",
        "operating_revenue.y2": "4999.99",  # below 5000万元: the equity / 3000 / 50% route
        "rd_expense.y1": rd_y1,
        "rd_expense.y2": rd_y2,
        "equity_2y": equity,
        "rd_staff_ratio.y2": staff,
    }


def test_below_5000_the_3000_read_as_a_two_year_total_and_the_other_reading_reported():
    c = xin(_small("1500", "1500"))  # two years 3000, 上年 1500
    assert c.status == MET
    assert "按“研发费用总额3000万元按上年”口径则为不满足" in c.explanation
    same = xin(_small("0", "3000"))  # both readings 3000: no second verdict
    assert same.status == MET and "口径则为" not in same.explanation


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (_small("1000", "1999.99"), NOT_MET),  # 2999.99 in two years
        (_small("1500", "1500", equity="7999.99"), NOT_MET),
        (_small("1500", "1500", staff="49.99"), NOT_MET),
        (_small("1500", "1500", equity="8000", staff="50"), MET),
    ],
)
def test_below_5000_each_threshold_at_and_below(changes, expected):
    assert xin(changes).status == expected


def test_a_direct_route_decides_alone():
    low = _years("10000", "100")  # 1% each year: the general condition fails
    assert xin(low).status == NOT_MET
    assert xin({**low, "nat_award": "是", "nat_award_rank": "3"}).status == MET
    assert xin({**low, "nat_award": "是", "nat_award_rank": "4"}).status == NOT_MET
    assert xin({**low, "chuangke": "进入全国50强企业组名单"}).status == MET
