"""Amounts typed in 元 where the form asks for 万元: warnings at the field, with a 说明 for the
real exceptions.

A figure copied from a statement in 元 is 10 000 times too large. Two signs give it away:
the amount is implausible for a 中小企业 at all (100 亿元 or more), or it is a thousand times
the same figure for the other year or the largest related figure of the same column (营业收入
beside 资产总额 …). Both are warnings, never errors: a real exception stands with a 说明.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from zjtx_desktop.core.engine.reading import FormReader
from zjtx_desktop.core.forms.model import FieldDef, FormDef
from zjtx_desktop.core.issues import Issue, Severity

# 100 亿元: four times the largest 中型 threshold of the 划型标准 (营业收入 40 亿元 for
# 工业, 资产总额 80 亿元 … ) is still short of it, so no SME figure reaches it in 万元
IMPLAUSIBLE_WAN = Decimal(1_000_000)
# 元 against 万元 is a factor of 10 000; a factor of 1 000 already is no real year-on-year
# change or ratio between related figures of one enterprise
JUMP = Decimal(1000)
YUAN_PER_WAN = Decimal(10_000)
UNITS = ("万元", "万美元")


def suggested(v: Decimal) -> Decimal:
    """The figure in 万元 if it was typed in 元 (two decimals at most)."""
    return (v / YUAN_PER_WAN).quantize(Decimal("0.01")).normalize()


def related_fields(form: FormDef, f: FieldDef) -> list[str]:
    """The figures to compare with: the same row's other columns (the other year) and the
    other amounts of the same column in the same part and unit."""
    out = []
    for g in form.fields.values():
        if g.id == f.id or g.type != "amount" or g.unit != f.unit:
            continue
        same_row = g.row == f.row and g.column != f.column
        same_column = g.section == f.section and g.column == f.column and g.row != f.row
        if same_row or same_column:
            out.append(g.id)
    return out


def _check(related: list[str]) -> Callable[[FormReader, str], Issue | None]:
    def run(st: FormReader, at: str) -> Issue | None:
        v = st.value(at)
        if not isinstance(v, Decimal) or v <= 0:
            return None
        f = st.form.fields[at]
        if v >= IMPLAUSIBLE_WAN:
            params = {"label": f.display_label, "a": v, "unit": f.unit, "suggest": suggested(v)}
            return Issue("AMOUNT_IMPLAUSIBLE", at, Severity.WARNING, params, "amount_in_yuan")
        others = [(st.value(r), r) for r in related]
        known = [(o, r) for o, r in others if isinstance(o, Decimal) and o > 0]
        if not known:
            return None
        largest, ref = max(known)
        if v >= largest * JUMP:
            params = {
                "label": f.display_label,
                "a": v,
                "b": largest,
                "other": st.form.fields[ref].display_label,
                "unit": f.unit,
                "suggest": suggested(v),
            }
            return Issue("AMOUNT_MAGNITUDE", at, Severity.WARNING, params, "amount_magnitude")
        return None

    return run


def amount_checks(form: FormDef) -> list[tuple[str, frozenset[str], Callable[..., Issue | None]]]:
    """(field, fields read, check) for every amount in 万元 of the form."""
    out = []
    for f in form.fields.values():
        if f.type == "amount" and f.unit in UNITS:
            related = related_fields(form, f)
            out.append((f.id, frozenset({f.id, *related}), _check(related)))
    return out
