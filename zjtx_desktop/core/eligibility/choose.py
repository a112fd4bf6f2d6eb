"""Which rule version applies: chosen from the assessment date and the application type.

post2021.md §1: rule sets are keyed by programme (``tier``) × version × application type. For
an assessment (date, 新申请/复核) each tier's rule set is the one whose ``applies`` windows
cover it — the newest by document date (then version) where an installed pack adds a newer
one beside a shipped one — and the annual overlays whose windows cover it are added to it.
The date and type come from the 自评表 when the application has one, else today / 新申请;
the user may override both, or pick a rule set by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zjtx_desktop.core.eligibility import text as T
from zjtx_desktop.core.eligibility.model import RuleSet

if TYPE_CHECKING:
    from zjtx_desktop.core.engine.session import ApplicationSession

TYPES = ("新申请", "复核")
TIER_NAMES = {"cx": "创新型中小企业", "zjtx": "专精特新中小企业", "xjr": "专精特新“小巨人”企业"}


@dataclass(frozen=True)
class Assessment:
    date: str  # YYYY-MM-DD
    app_type: str  # 新申请 | 复核
    basis: str  # where date and type come from ("自评表", "命令行", "今天")


def assessment_of(
    session: ApplicationSession | None, date: str | None = None, app_type: str | None = None
) -> Assessment:
    """The assessment's date and type: given ones win, then the 自评表's, then today / 新申请."""
    form_date: str | None = None
    form_type: str | None = None
    if session is not None:
        for st in session.states.values():
            if st.form.kind != "self_assessment":
                continue
            d = st.value("assessment_date") if "assessment_date" in st.form.fields else None
            t = st.value("application_type") if "application_type" in st.form.fields else None
            form_date = d.isoformat() if isinstance(d, dt.date) else form_date
            form_type = t if t in TYPES else form_type
    parts = []
    if date:
        parts.append(T.BASIS_GIVEN_DATE)
    elif form_date:
        parts.append(T.BASIS_FORM_DATE)
    else:
        parts.append(T.BASIS_TODAY)
    if app_type:
        parts.append(T.BASIS_GIVEN_TYPE)
    elif form_type:
        parts.append(T.BASIS_FORM_TYPE)
    else:
        parts.append(T.BASIS_DEFAULT_TYPE)
    return Assessment(
        date or form_date or dt.date.today().isoformat(),
        app_type or form_type or "新申请",
        "，".join(parts),
    )


def _newest(candidates: Iterable[RuleSet]) -> RuleSet | None:
    return max(candidates, key=lambda r: (r.date, _version_key(r.version)), default=None)


def _version_key(v: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in v.replace("-", ".").split("."))


def choose(tier: str, a: Assessment, sets: Iterable[RuleSet]) -> RuleSet | None:
    """The rule set of ``tier`` for assessment ``a`` (None when no version covers it)."""
    return _newest(
        rs
        for rs in sets
        if rs.tier == tier and not rs.is_overlay and rs.applies_to(a.date, a.app_type)
    )


def overlays_for(base: RuleSet, a: Assessment, sets: Iterable[RuleSet]) -> list[RuleSet]:
    """The annual overlays on ``base`` covering the assessment (of one id, the newest)."""
    by_id: dict[str, list[RuleSet]] = {}
    for rs in sets:
        if base.id in rs.overlay_on and rs.applies_to(a.date, a.app_type):
            by_id.setdefault(rs.id, []).append(rs)
    return [r for r in (_newest(v) for v in by_id.values()) if r is not None]


def tiers(sets: Iterable[RuleSet]) -> list[str]:
    out: list[str] = []
    for rs in sets:
        if rs.tier and rs.tier not in out:
            out.append(rs.tier)
    return out


def window_text(rs: RuleSet) -> str:
    parts = []
    for w in rs.applies:
        span = f"{w.start}起" if not w.end else f"{w.start}至{w.end}"
        parts.append(f"{'/'.join(w.types)} {span}" + (f"（{w.note}）" if w.note else ""))
    return "；".join(parts)


def context_text(rs: RuleSet, a: Assessment, overlays: list[RuleSet], chosen: bool) -> str:
    """The line above the verdicts: which rules, why, and how far their text can be trusted."""
    how = T.CHOSEN_BY_DATE if chosen else T.CHOSEN_BY_USER
    line = T.CONTEXT.format(
        document=rs.document,
        version=rs.version,
        date=a.date,
        type=a.app_type,
        basis=a.basis,
        how=how,
    )
    if not chosen and rs.applies and not rs.applies_to(a.date, a.app_type):
        line += T.NOT_IN_WINDOW.format(window=window_text(rs))
    if overlays:
        line += T.OVERLAYS.format(docs="、".join(o.document for o in overlays))
    if rs.grade:
        line += T.JOIN + T.GRADE.format(grade=rs.grade) + f"（{T.GRADE_NAMES[rs.grade]}）"
    if rs.grade_note:
        line += f"：{rs.grade_note}"
    return line
