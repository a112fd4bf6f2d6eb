"""Evaluate rule sets over an application: each criterion met / not met / cannot tell yet.

The verdict of a criterion is its condition in the form expression language (three-valued:
a conjunction with one failed part is not met even while other parts are unknown), made
"cannot tell" by any qualitative part only a reviewer can judge. A rule set is met when
every group is: ``all`` groups need every criterion, ``any`` groups one of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from zjtx_desktop.core.eligibility import text as T
from zjtx_desktop.core.eligibility.choose import (
    TIER_NAMES,
    Assessment,
    assessment_of,
    choose,
    context_text,
    overlays_for,
    tiers,
)
from zjtx_desktop.core.eligibility.declarations import declared_slot, kind_of
from zjtx_desktop.core.eligibility.explain import explain
from zjtx_desktop.core.eligibility.loader import all_versions, rulesets
from zjtx_desktop.core.eligibility.model import (
    Criterion,
    CriterionResult,
    FieldRef,
    GroupResult,
    QuantityValue,
    RuleSet,
    RuleSetResult,
    Statement,
    Status,
)
from zjtx_desktop.core.eligibility.quantities import Quantities, ordered_names

if TYPE_CHECKING:
    from zjtx_desktop.core.engine.session import ApplicationSession


def field_label(session: ApplicationSession, ref: FieldRef) -> str:
    form_id, fid = ref
    st = session.states.get(form_id)
    if st is None or fid not in st.form.fields:
        return fid
    return st.form.fields[fid].display_label


def applicable(session: ApplicationSession, assessment: Assessment | None = None) -> list[RuleSet]:
    """The rule sets that apply to one of the application's forms: of a versioned tier (2022 /
    2026 standards) only the version for the assessment's date and type; overlays are not
    listed (``evaluate`` adds them to their base)."""
    present = set(session.states)
    sets = [rs for rs in all_versions() if present & set(rs.forms)]
    a = assessment or assessment_of(session)
    chosen = {t: choose(t, a, sets) for t in tiers(sets)}
    newest = rulesets()
    out = [
        rs
        for rs in sets
        if not rs.is_overlay and (chosen.get(rs.tier) is rs if rs.tier else newest.get(rs.id) is rs)
    ]
    order = list(TIER_NAMES)  # the tiers from base to top: 创新型, 专精特新, 小巨人
    return sorted(out, key=lambda rs: order.index(rs.tier) + 1 if rs.tier in order else 0)


def and3(values: Iterable[Any]) -> Any:
    unknown = False
    for v in values:
        if v is None:
            unknown = True
        elif not v:
            return False
    return None if unknown else True


def or3(values: Iterable[Any]) -> Any:
    unknown = False
    for v in values:
        if v is None:
            unknown = True
        elif v:
            return True
    return None if unknown else False


def _truth(status: Status) -> Any:
    return {Status.MET: True, Status.NOT_MET: False, Status.UNKNOWN: None}[status]


def _unique(items: Iterable[Any]) -> tuple[Any, ...]:
    out: list[Any] = []
    for i in items:
        if i not in out:
            out.append(i)
    return tuple(out)


def _closure(qvs: Iterable[QuantityValue]) -> list[QuantityValue]:
    out: list[QuantityValue] = []
    work = list(qvs)
    while work:
        q = work.pop(0)
        if q not in out:
            out.append(q)
            work += list(q.parts)
    return out


def evaluate_criterion(c: Criterion, qs: Quantities) -> CriterionResult:
    session = qs.session

    def labels(ref: FieldRef) -> str:
        return field_label(session, ref)

    verdict = c.condition(qs.env)
    _, fragments, _ = explain(c.condition.source, qs.get, labels)
    status = Status.of(verdict)
    if status == Status.MET and c.judgements:
        status = Status.UNKNOWN
    used = _closure(qs.get(n) for n in ordered_names(c.condition.source, c.condition.fields))
    unknown = [q for q in used if q.value is None]
    parts = list(fragments)
    if status != Status.NOT_MET:
        parts += [T.JUDGE.format(text=j) for j in c.judgements]
    if c.reading:
        parts.append(T.READING.format(text=c.reading))
    for alt in c.alternatives:
        alt_status = Status.of(alt.condition(qs.env))
        if c.judgements and alt_status == Status.MET:
            alt_status = Status.UNKNOWN
        if alt_status != status:
            parts.append(
                T.ALTERNATIVE.format(reading=alt.reading, status=T.STATUS_TEXT[alt_status.value])
            )
    if c.note:
        parts.append(c.note)
    if not c.gate:
        parts.append(T.NOT_GATE)
    explanation = T.JOIN.join(p for p in parts if p)
    missing = _unique(f for q in unknown for f in q.missing) if status == Status.UNKNOWN else ()
    declarations = (
        _unique(q.quantity.declaration for q in unknown if q.quantity.declaration)
        if status == Status.UNKNOWN
        else ()
    )
    statements = tuple(
        Statement(
            qs.ruleset.id,
            q.quantity.id,
            q.quantity.declaration,
            kind_of(q.quantity),
            q.quantity.unit,
            _answer(session, qs.ruleset.id, q.quantity.id),
            q.quantity.label,
        )
        for q in _unique(q for q in used if q.quantity.declaration)
        if q.value is None or q.basis == T.DECLARED_BASIS
    )
    return CriterionResult(
        criterion=c,
        status=status,
        explanation=explanation,
        fields=_unique(f for q in used for f in q.fields),
        missing=missing,
        declarations=declarations,
        judgements=c.judgements if status == Status.UNKNOWN else (),
        statements=statements,
    )


def _answer(session: ApplicationSession, ruleset_id: str, quantity_id: str) -> str | None:
    raw = session.raw.get(declared_slot(ruleset_id, quantity_id))
    return None if raw in (None, "") else str(raw)


def evaluate(
    ruleset: RuleSet,
    session: ApplicationSession,
    assessment: Assessment | None = None,
    chosen: bool = False,
    overlays: Sequence[RuleSet] | None = None,
) -> RuleSetResult:
    """All criteria of one rule set over one application.

    With an ``assessment`` (date, type) the annual overlays that cover it are added — their
    criteria in their own groups, their waivers making base criteria not count — and the
    result says which rules were applied and why (``context``). ``chosen``: the rule set was
    picked by date and type rather than by the user. ``overlays``: these versions instead of
    the newest installed ones (re-rendering a printed verdict under the versions it recorded).
    """
    qs = Quantities(ruleset, session)
    added: list[RuleSet] = []
    context = ""
    if assessment is not None and (ruleset.tier or ruleset.applies):
        added = (
            list(overlays)
            if overlays is not None
            else overlays_for(ruleset, assessment, all_versions())
        )
        context = context_text(ruleset, assessment, added, chosen)
    waived = {
        w.criterion: w
        for o in [ruleset, *added]
        for w in o.waivers
        if assessment is not None and assessment.app_type in w.types
    }
    results_list = []
    for c in ruleset.criteria:
        if c.id in waived:
            c = replace(c, gate=False, note=T.WAIVED.format(reading=waived[c.id].reading))
        results_list.append(evaluate_criterion(c, qs))
    group_defs = list(ruleset.groups.values())
    for o in added:
        oqs = Quantities(o, session)
        results_list += [evaluate_criterion(c, oqs) for c in o.criteria]
        group_defs += list(o.groups.values())
    results = tuple(results_list)
    groups = []
    for g in group_defs:
        members = [r for r in results if r.criterion.group == g.id]
        gated = [r for r in members if r.criterion.gate]
        counted = gated or members
        truths = [_truth(r.status) for r in counted]
        combined = and3(truths) if g.require == "all" else or3(truths)
        groups.append(
            GroupResult(
                g,
                Status.of(combined),
                sum(r.status == Status.MET for r in counted),
                sum(r.status == Status.NOT_MET for r in counted),
                sum(r.status == Status.UNKNOWN for r in counted),
                gate=bool(gated),
            )
        )
    overall = and3(_truth(g.status) for g in groups if g.gate)
    highlights = tuple((h.label, qs.get(h.quantity)) for h in ruleset.highlights)
    return RuleSetResult(
        ruleset,
        Status.of(overall),
        tuple(groups),
        results,
        highlights,
        score=qs.score(),
        context=context,
        overlays=tuple(added),
        assessment=assessment if context else None,
    )


def evaluate_all(
    session: ApplicationSession,
    ids: Iterable[str] | None = None,
    assessment: Assessment | None = None,
) -> list[RuleSetResult]:
    """The given rule sets (default: every one that applies, versions chosen by the
    assessment's date and type) over one application."""
    a = assessment or assessment_of(session)
    if ids is None:
        return [evaluate(rs, session, a, chosen=True) for rs in applicable(session, a)]
    return [evaluate(rulesets()[i], session, a) for i in ids]
