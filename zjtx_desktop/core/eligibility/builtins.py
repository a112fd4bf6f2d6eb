"""Quantities that need more than an expression: enterprise size and full years since a date.

A rule set names them (``builtin: sme_size``); they read the application through the same
effective values as everything else (``FormState.value`` and the shared facts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from zjtx_desktop.core.engine.builtin_checks import computed_size
from zjtx_desktop.core.refs import field_ref

if TYPE_CHECKING:
    from zjtx_desktop.core.engine.session import ApplicationSession

from zjtx_desktop.core.refs import FieldRef


@dataclass(frozen=True)
class BuiltinResult:
    value: Any
    detail: str = ""
    missing: tuple[FieldRef, ...] = ()
    fields: tuple[FieldRef, ...] = ()


@dataclass(frozen=True)
class Builtin:
    fn: Callable[[ApplicationSession, str, dict[str, str]], BuiltinResult]
    args: tuple[str, ...] = ()
    needs_form: bool = False


def full_years(start: dt.date, until: dt.date) -> int:
    """Completed years from ``start`` to ``until`` (an anniversary on ``until`` counts)."""
    years = until.year - start.year
    if (until.month, until.day) < (start.month, start.day):
        years -= 1
    return years


def _full_years(session: ApplicationSession, form_id: str, args: dict[str, str]) -> BuiltinResult:
    field = args["field"]
    until = dt.date.fromisoformat(args["until"])
    ref = field_ref(form_id, field)
    if form_id not in session.states:
        return BuiltinResult(None)
    start = session.state(form_id).value(field)
    if not isinstance(start, dt.date):
        return BuiltinResult(None, missing=(ref,), fields=(ref,))
    detail = f"{start.isoformat()} 至 {until.isoformat()}"
    return BuiltinResult(full_years(start, until), detail, fields=(ref,))


_SIZE_FACTS = {
    "industry": ("industry_code2", "niche_code4"),
    "employees": ("employees",),
    "revenue": ("operating_revenue@",),
    "total_assets": ("total_assets@",),
}


def _fact_refs(session: ApplicationSession, prefixes: tuple[str, ...]) -> list[FieldRef]:
    keys = sorted(k for k in session.fact_fields if k.startswith(prefixes))
    if keys and "@" in keys[-1]:
        keys = [keys[-1]]  # the latest year
    return [ref for k in keys for ref in session.fact_fields[k]]


def _sme_size(session: ApplicationSession, form_id: str, args: dict[str, str]) -> BuiltinResult:
    result = computed_size(session)
    fields = tuple(r for p in _SIZE_FACTS.values() for r in _fact_refs(session, p))
    if result.size is None:
        missing = tuple(r for m in result.missing for r in _fact_refs(session, _SIZE_FACTS[m]))
        return BuiltinResult(None, result.basis, missing, fields)
    return BuiltinResult(result.size, result.basis, fields=fields)


def cagr(first: Decimal, last: Decimal, years: int) -> Decimal | None:
    """Compound annual growth in %: 100·((last/first)^(1/years) − 1); None unless first > 0."""
    if first <= 0 or last < 0 or years <= 0:
        return None
    factor = last / first
    root = factor.sqrt() if years == 2 else factor ** (Decimal(1) / Decimal(years))
    return (root - 1) * 100


def _cagr(session: ApplicationSession, form_id: str, args: dict[str, str]) -> BuiltinResult:
    refs = (field_ref(form_id, args["first"]), field_ref(form_id, args["last"]))
    if form_id not in session.states:
        return BuiltinResult(None)
    st = session.state(form_id)
    first, last = (st.value(fid) for _, fid in refs)
    blank = tuple(r for r, v in zip(refs, (first, last), strict=True) if v is None)
    if blank:
        return BuiltinResult(None, missing=blank, fields=refs)
    value = cagr(Decimal(first), Decimal(last), int(args["years"]))
    if value is None:
        return BuiltinResult(None, "基期数值不为正，无法计算复合增长率", fields=refs)
    detail = f"({last}÷{first})^(1/{args['years']})−1"
    return BuiltinResult(value, detail, fields=refs)


BUILTINS: dict[str, Builtin] = {
    "sme_size": Builtin(_sme_size),
    "full_years": Builtin(_full_years, ("field", "until"), needs_form=True),
    "cagr": Builtin(_cagr, ("first", "last", "years"), needs_form=True),
}
