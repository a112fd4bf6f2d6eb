"""Checks that need reference data or text analysis, attached by field type or fact key.

They are not written per form: a form gets them by having the fields they look at
(an ``industry4`` beside an ``industry2``; a field with fact ``scale_declared``; a field with
fact ``main_product_name``), so a new province's variant gets them without Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from zjtx_desktop.core.engine.reading import FactReader, FormReader
from zjtx_desktop.core.facts import FactKey
from zjtx_desktop.core.forms.model import FormDef
from zjtx_desktop.core.issues import Issue, Severity
from zjtx_desktop.core.refdata.sme_size import SizeResult, classify


@dataclass(frozen=True)
class BuiltinCheck:
    id: str
    at: str
    fields: frozenset[str]  # fields of the same form it reads
    fact_prefixes: tuple[str, ...]  # shared facts it reads, possibly held by other forms
    fn: Callable[[FormReader, str], Issue | None]
    # a line shown under the field whatever the verdict (the 划型 result): recomputed, and the
    # field reported changed, whenever an input changes
    note: Callable[[FactReader], str] | None = None

    @property
    def facts(self) -> _Prefixes:
        return _Prefixes(self.fact_prefixes)

    def run(self, state: FormReader) -> Issue | None:
        return self.fn(state, self.at)


class _Prefixes:
    """A set-like view where ``key in p`` means "key starts with one of the prefixes"."""

    def __init__(self, prefixes: tuple[str, ...]) -> None:
        self.prefixes = prefixes

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.startswith(self.prefixes)

    def __and__(self, keys: set[str]) -> set[str]:
        return {k for k in keys if k in self}


def _niche_check(industry2: str) -> Callable[[FormReader, str], Issue | None]:
    def run(st: FormReader, at: str) -> Issue | None:
        code4, code2 = st.value(at), st.value(industry2)
        if isinstance(code4, str) and isinstance(code2, str) and not code4.startswith(code2):
            return Issue(
                "NICHE_NOT_IN_INDUSTRY",
                at,
                Severity.ERROR,
                {"code4": code4, "code2": code2},
                "niche_in_industry",
            )
        return None

    return run


def _latest(facts: dict[str, Any]) -> Any:
    known = {k: v for k, v in facts.items() if v is not None}
    return known[max(known)] if known else None


def computed_size(app: FactReader) -> SizeResult:
    """Size under the classification standard from the application's shared facts."""
    industry = app.fact_value(FactKey.NICHE_CODE4) or app.fact_value(FactKey.INDUSTRY_CODE2)
    employees = app.fact_value(FactKey.EMPLOYEES)
    revenue = _latest(app.facts_with_prefix(FactKey.OPERATING_REVENUE.prefix))
    assets = _latest(app.facts_with_prefix(FactKey.TOTAL_ASSETS.prefix))
    return classify(
        industry,
        employees if isinstance(employees, int) else None,
        revenue if isinstance(revenue, Decimal) else None,
        assets if isinstance(assets, Decimal) else None,
    )


def size_note(app: FactReader) -> str:
    """The 划型 result under 企业规模, as the views show it."""
    size = computed_size(app)
    return f"按划型标准测算：{size.size}（{size.basis}）" if size.size else size.basis


def _size_check(st: FormReader, at: str) -> Issue | None:
    declared = st.value(at)
    result = computed_size(st.app)
    if result.size is None:
        return None
    if result.size == "大型":
        return Issue("SCALE_LARGE", at, Severity.ERROR, {"basis": result.basis}, "sme_size")
    if declared is not None and declared != result.size:
        return Issue(
            "SCALE_MISMATCH",
            at,
            Severity.WARNING,
            {"computed": result.size, "declared": declared, "basis": result.basis},
            "sme_size",
        )
    return None


_CJK = re.compile(r"[\u4e00-\u9fff]")
_WRONG_SEP = re.compile(r"[，,;；/]")


def _product_name_check(st: FormReader, at: str) -> Issue | None:
    name = st.value(at)
    if not isinstance(name, str):
        return None
    if not _CJK.search(name):
        return Issue("PRODUCT_NAME_ENGLISH", at, Severity.ERROR, {}, "product_name_chinese")
    m = _WRONG_SEP.search(name)
    if m:
        return Issue(
            "PRODUCT_NAME_SEPARATOR",
            at,
            Severity.HINT,
            {"sep": m.group(0)},
            "product_name_separator",
        )
    return None


# Characters the PDF font surely has (the shipped font holds CJK Unified Ideographs and
# Extension A, CJK punctuation, full-width forms and Latin): no font lookup for them.
_SURELY_PRINTABLE = re.compile(
    r"[\x20-\x7e\n\r\t\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fa5\uff01-\uff5e]*"
)
PRINTED_AS_TYPED = ("text", "longtext", "industry2", "industry4", "product_code")


def _glyph_check(st: FormReader, at: str) -> Issue | None:
    """A character the PDF font lacks (𠮷 of CJK Extension B, emoji) would print as an empty
    box: say so at the field while typing instead of printing a box silently."""
    raw = st.raw(at)
    if not isinstance(raw, str) or _SURELY_PRINTABLE.fullmatch(raw):
        return None
    from zjtx_desktop.core.export.fonts import missing_glyphs  # reads the fonts: only now

    missing = missing_glyphs(raw)
    if not missing:
        return None
    return Issue("GLYPH_MISSING", at, Severity.WARNING, {"chars": "".join(missing)}, "printable")


SIZE_FACTS = (
    FactKey.NICHE_CODE4.value,
    FactKey.INDUSTRY_CODE2.value,
    FactKey.EMPLOYEES.value,
    FactKey.OPERATING_REVENUE.prefix,
    FactKey.TOTAL_ASSETS.prefix,
)


def builtin_checks(form: FormDef) -> list[BuiltinCheck]:
    out: list[BuiltinCheck] = []
    by_type: dict[str, list[str]] = {}
    for f in form.fields.values():
        by_type.setdefault(f.type, []).append(f.id)
    for f in form.fields.values():
        if f.type == "industry4" and by_type.get("industry2"):
            i2 = by_type["industry2"][0]
            out.append(
                BuiltinCheck("niche_in_industry", f.id, frozenset({f.id, i2}), (), _niche_check(i2))
            )
        if f.fact == FactKey.SCALE_DECLARED:
            out.append(
                BuiltinCheck(
                    "sme_size", f.id, frozenset({f.id}), SIZE_FACTS, _size_check, size_note
                )
            )
        if f.type in PRINTED_AS_TYPED:
            out.append(BuiltinCheck("printable", f.id, frozenset({f.id}), (), _glyph_check))
        if f.fact == FactKey.MAIN_PRODUCT_NAME:
            out.append(
                BuiltinCheck("product_name", f.id, frozenset({f.id}), (), _product_name_check)
            )
    from zjtx_desktop.core.engine.plausibility import amount_checks

    for at, reads, fn in amount_checks(form):
        out.append(BuiltinCheck("amount_unit", at, reads, (), fn))
    return out
