"""Points tables (评价指标): every indicator's band, points and the figure that decided it.

A band's test is read as post2021.md §2.1 says: “X以上” owns its boundary (``min``: v ≥ X),
“X以下” below a band “X以上” does not (``below``: v < X). A value that sits on a boundary —
exactly, or only after rounding to the places shown — is scored by that reading and gets a
warning, since the official text does not say which band owns it. An “or” indicator (研发费用
总额 … 或 … 比重) is scored by each branch and takes the better, saying which branch decided.
The platform's 专精特新发展质量评价得分 is never part of a table: it is entered, not computed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from zjtx_desktop.core.eligibility.explain import value_text
from zjtx_desktop.core.eligibility.model import (
    Band,
    Branch,
    FieldRef,
    Indicator,
    IndicatorScore,
    PointsTable,
    QuantityValue,
    ScoreResult,
)

Lookup = Callable[[str], QuantityValue]

BOUNDARY = (
    "{label} {shown} 恰在分档界限 {edge} 上：按“{rule}”计入{option}档，官方文本未写明界限归属"
)
ROUNDED = "{label} 显示为 {shown}，但原值 {raw} 计入{option}档（不足 {edge}）"
BRANCH_WON = "按{reading}得分较高"
BRANCH_TIED = "按{reading}（两种口径同分）"
BRANCH_OTHER = "按{reading}：{option}档 {points}分（{figure}）"
READING_OTHER = "按“{reading}”口径为{option}档 {points}分（{figure}）"


def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")


def _edge(band: Band) -> Decimal | None:
    return band.min if band.min is not None else band.below


def _matches(band: Band, value: Any) -> bool | None:
    if band.equals is not None:
        return None if value is None else str(value) == band.equals
    if band.min is None and band.below is None:
        return True
    if value is None:
        return None
    v = Decimal(value)
    if band.min is not None:
        return v >= band.min
    assert band.below is not None
    return v < band.below


def _quantize(v: Decimal, decimals: int) -> Decimal:
    return v.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _score_branch(
    branch: Branch, lookup: Lookup
) -> tuple[Band | None, QuantityValue | None, list[str], tuple[FieldRef, ...]]:
    """(band that holds, the quantity it read, boundary warnings, blank fields if unknown)."""
    for band in branch.bands:
        qv = lookup(band.quantity)
        hit = _matches(band, qv.value)
        if hit is None:
            missing = qv.missing or tuple(f for p in qv.parts for f in p.missing)
            return None, qv, [], missing
        if hit:
            shown_qv = (
                qv if (band.min is not None or band.below is not None or band.equals) else None
            )
            if shown_qv is None:
                shown_qv = lookup(branch.quantity)
            return band, shown_qv, _warnings(branch, band, shown_qv), ()
    raise AssertionError("the last band has no test (checked when loading)")


def _warnings(branch: Branch, band: Band, qv: QuantityValue) -> list[str]:
    if qv.value is None or isinstance(qv.value, str | bool):
        return []
    v = Decimal(qv.value)
    shown = _quantize(v, qv.quantity.decimals)
    out = []
    for b in branch.bands:
        edge = _edge(b)
        if edge is None or b.quantity != qv.quantity.id:
            continue
        if v == edge:
            rule = (
                f"{_fmt(edge)}以上含{_fmt(edge)}"
                if b.min is not None
                else f"{_fmt(edge)}以下不含{_fmt(edge)}"
            )
            out.append(
                BOUNDARY.format(
                    label=qv.quantity.label,
                    shown=value_text(qv),
                    edge=_fmt(edge),
                    rule=rule,
                    option=band.option,
                )
            )
        elif shown == edge:
            out.append(
                ROUNDED.format(
                    label=qv.quantity.label,
                    shown=value_text(qv),
                    raw=format(v.normalize(), "f"),
                    option=band.option,
                    edge=_fmt(edge),
                )
            )
    return out


def _figure(qv: QuantityValue | None) -> str:
    if qv is None:
        return ""
    return f"{qv.quantity.label} {value_text(qv)}"


ENTERED = "按填报的得分计（上限{max}分）"


def _entered(ind: Indicator, lookup: Lookup) -> IndicatorScore:
    qv = lookup(ind.entered)
    if qv.value is None:
        return IndicatorScore(ind, None, None, "", "", missing=qv.missing)
    points = min(Decimal(qv.value), ind.max)
    return IndicatorScore(ind, points, None, ENTERED.format(max=_fmt(ind.max)), _figure(qv))


@dataclass(frozen=True)
class _Scored:
    branch: Branch
    band: Band
    qv: QuantityValue | None
    warnings: list[str]


def _other(s: _Scored) -> str:
    return BRANCH_OTHER.format(
        reading=s.branch.reading,
        option=s.band.option,
        points=_fmt(s.band.points),
        figure=_figure(s.qv),
    )


def score_indicator(ind: Indicator, lookup: Lookup) -> IndicatorScore:
    if ind.entered:
        return _entered(ind, lookup)
    known: list[_Scored] = []
    missing: list[FieldRef] = []
    for br in ind.branches:
        band, qv, warnings, blank = _score_branch(br, lookup)
        if band is None:
            missing += [f for f in blank if f not in missing]
        else:
            known.append(_Scored(br, band, qv, warnings))
    best = max(known, key=lambda s: s.band.points, default=None)
    if best is None or (len(known) < len(ind.branches) and best.band.points < ind.max):
        # an unknown branch could still score higher: the indicator cannot be told yet
        return IndicatorScore(
            ind,
            None,
            None,
            "",
            _figure(best.qv) if best else "",
            others=tuple(_other(s) for s in known),
            missing=tuple(missing),
        )
    others = [_other(s) for s in known if s is not best]
    for alt in ind.alternatives:
        aband, aqv, _w, _m = _score_branch(alt, lookup)
        if aband is not None and aband.points != best.band.points:
            others.append(
                READING_OTHER.format(
                    reading=alt.reading,
                    option=aband.option,
                    points=_fmt(aband.points),
                    figure=_figure(aqv),
                )
            )
    branch_text = ""
    if len(ind.branches) > 1:
        tied = any(s is not best and s.band.points == best.band.points for s in known)
        branch_text = (
            BRANCH_TIED.format(reading=best.branch.reading)
            if tied
            else BRANCH_WON.format(reading=best.branch.reading)
        )
    return IndicatorScore(
        ind,
        best.band.points,
        best.band,
        branch_text,
        _figure(best.qv),
        warnings=tuple(best.warnings),
        others=tuple(others),
    )


def score_table(table: PointsTable, lookup: Lookup) -> ScoreResult:
    return ScoreResult(table, tuple(score_indicator(i, lookup) for i in table.indicators))
