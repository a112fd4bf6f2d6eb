"""Evaluate rule sets over an application: each criterion met / not met / cannot tell yet.

The verdict of a criterion is its condition in the form expression language (three-valued:
a conjunction with one failed part is not met even while other parts are unknown), made
"cannot tell" by any qualitative part only a reviewer can judge. A rule set is met when
every group is: ``all`` groups need every criterion, ``any`` groups one of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from zjtx_desktop.core.eligibility import text as T
from zjtx_desktop.core.eligibility.declarations import declared_slot, kind_of
from zjtx_desktop.core.eligibility.explain import explain
from zjtx_desktop.core.eligibility.loader import rulesets
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


def applicable(session: ApplicationSession) -> list[RuleSet]:
    """The shipped rule sets that apply to one of the application's forms."""
    present = set(session.states)
    return [rs for rs in rulesets().values() if present & set(rs.forms)]


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


def evaluate(ruleset: RuleSet, session: ApplicationSession) -> RuleSetResult:
    """All criteria of one rule set over one application."""
    qs = Quantities(ruleset, session)
    results = tuple(evaluate_criterion(c, qs) for c in ruleset.criteria)
    groups = []
    for g in ruleset.groups.values():
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
    return RuleSetResult(ruleset, Status.of(overall), tuple(groups), results, highlights)


def evaluate_all(
    session: ApplicationSession, ids: Iterable[str] | None = None
) -> list[RuleSetResult]:
    """The given rule sets (default: every one that applies) over one application."""
    chosen = applicable(session) if ids is None else [rulesets()[i] for i in ids]
    return [evaluate(rs, session) for rs in chosen]
