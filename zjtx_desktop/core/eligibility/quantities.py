"""Obtain a rule set's quantities from an application: first source that gives a value wins.

Sources are tried in the order the rule set lists them — typically the ratio computed from
the amounts, then the reported ratio — and the result says which was used (``basis``), or,
when none gives a value, which fields are still blank, which forms are not part of the
application, or what the user must declare.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zjtx_desktop.core.eligibility import text as T
from zjtx_desktop.core.eligibility.builtins import BUILTINS
from zjtx_desktop.core.eligibility.declarations import declared_slot, declared_value
from zjtx_desktop.core.eligibility.model import (
    FieldRef,
    Quantity,
    QuantityValue,
    RuleSet,
    ScoreResult,
    Source,
)
from zjtx_desktop.core.refs import field_ref

if TYPE_CHECKING:
    from zjtx_desktop.core.engine.session import ApplicationSession


def ordered_names(source: str, names: frozenset[str]) -> list[str]:
    """Names in the order they first appear in the expression text."""
    return sorted(names, key=lambda n: (_position(source, n), n))


def _position(text: str, name: str) -> int:
    i = text.find(name)
    while i >= 0:
        before = text[i - 1] if i > 0 else " "
        end = i + len(name)
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "_.") and not (after.isalnum() or after == "_"):
            return i
        i = text.find(name, i + 1)
    return len(text)


def names_of(s: Source) -> frozenset[str]:
    assert s.expr is not None
    return s.expr.fields | (s.detail.fields if s.detail is not None else frozenset())


def _detail_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "、".join(str(x) for x in v)
    return str(v)


class Quantities:
    """The quantities of one rule set over one application, each computed once."""

    def __init__(self, ruleset: RuleSet, session: ApplicationSession) -> None:
        self.ruleset = ruleset
        self.session = session
        self._cache: dict[str, QuantityValue] = {}
        self._score: ScoreResult | None = None

    def score(self) -> ScoreResult | None:
        """The rule set's points table over the application (computed once)."""
        table = self.ruleset.points
        if table is not None and self._score is None:
            from zjtx_desktop.core.eligibility.points import score_table

            self._score = score_table(table, self.get)
        return self._score

    def env(self, name: str) -> Any:
        return self.get(name).value

    def get(self, qid: str) -> QuantityValue:
        hit = self._cache.get(qid)
        if hit is None:
            hit = self._resolve(self.ruleset.quantities[qid])
            self._cache[qid] = hit
        return hit

    def _form_fields(self, form_id: str, names: frozenset[str]) -> tuple[FieldRef, ...]:
        order = list(self.session.state(form_id).form.fields)
        return tuple(field_ref(form_id, n) for n in sorted(names, key=order.index))

    def _resolve(self, q: Quantity) -> QuantityValue:
        fields: list[FieldRef] = []
        missing: tuple[FieldRef, ...] | None = None
        alternatives: list[FieldRef] = []
        absent: list[str] = []
        parts: tuple[QuantityValue, ...] = ()
        reason = ""
        found: QuantityValue | None = None
        for s in q.sources:
            value, detail, src_fields, src_missing, src_parts = self._try(s)
            if s.kind != "calc" and s.form and s.form not in self.session.states:
                if s.form not in absent:
                    absent.append(s.form)
                continue
            fields += [f for f in src_fields if f not in fields]
            if found is not None:
                continue
            if value is not None:
                found = QuantityValue(q, value, s.basis, detail, parts=src_parts)
            elif missing is None:
                missing, parts = src_missing, src_parts
                if s.kind == "score" or (not src_missing and s.kind == "builtin"):
                    reason = detail
            else:
                alternatives += [f for f in src_missing if f not in alternatives]
        if found is None and q.declaration:
            slot = declared_slot(self.ruleset.id, q.id)
            answer = declared_value(q, self.session.raw.get(slot))
            if answer is not None:
                found = QuantityValue(q, answer, T.DECLARED_BASIS)
        if found is not None:
            return QuantityValue(
                q,
                found.value,
                found.basis,
                found.detail,
                parts=found.parts,
                fields=tuple(fields),
            )
        return QuantityValue(
            q,
            None,
            basis=reason,
            missing=missing or (),
            alternatives=tuple(alternatives),
            absent_forms=tuple(absent),
            parts=parts,
            fields=tuple(fields),
        )

    def _score_value(
        self, qid: str
    ) -> tuple[Any, str, tuple[FieldRef, ...], tuple[FieldRef, ...], tuple[QuantityValue, ...]]:
        sr = self.score()
        assert sr is not None
        group = None if qid == "score_total" else qid.removeprefix("score_")
        items = [i for i in sr.indicators if group is None or i.indicator.group == group]
        missing = tuple(dict.fromkeys(f for i in items for f in i.missing))
        if any(i.points is None for i in items):
            got = sr.total if group is None else sr.part(group)
            detail = T.SCORE_PARTIAL.format(got=got, pending=sr.pending(group))
            return None, detail, missing, missing, ()
        return (sr.total if group is None else sr.part(group)), "", (), (), ()

    def _try(
        self, s: Source
    ) -> tuple[Any, str, tuple[FieldRef, ...], tuple[FieldRef, ...], tuple[QuantityValue, ...]]:
        """(value, detail, fields read, blank fields, component quantities) of one source."""
        if s.kind == "score":
            return self._score_value(s.builtin)
        if s.kind == "calc":
            assert s.expr is not None
            parts = tuple(self.get(n) for n in ordered_names(s.expr.source, s.expr.fields))
            value = s.expr(self.env)
            fields = tuple(f for p in parts for f in p.fields)
            missing = tuple(f for p in parts if p.value is None for f in p.missing)
            return value, "", fields, missing, parts
        if s.form and s.form not in self.session.states:
            return None, "", (), (), ()
        if s.kind == "builtin":
            r = BUILTINS[s.builtin].fn(self.session, s.form, s.args)
            return r.value, r.detail, r.fields, r.missing, ()
        assert s.expr is not None
        st = self.session.state(s.form)
        read = self._form_fields(s.form, s.expr.fields)
        sections = {st.form.fields[n].section for _, n in read}
        if read and not any(st.touched(sec) for sec in sections):
            # a part not begun: cannot tell yet, even where a blank would count as 0
            return None, "", self._form_fields(s.form, names_of(s)), read, ()
        value = s.expr(st.value)
        fields = self._form_fields(s.form, names_of(s))
        blank = tuple(r for r in self._form_fields(s.form, s.expr.fields) if st.value(r[1]) is None)
        detail = _detail_text(s.detail(st.value)) if s.detail is not None else ""
        return value, detail, fields, blank, ()
