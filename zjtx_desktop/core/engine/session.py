"""The engine: values of an application's forms, their issues, relevance and calculations.

``set_value(ref, raw)`` stores what was typed (never altered), re-parses that field and
re-evaluates only what depends on it: relevance conditions, cross-field rules and
calculations that read it, transitively through relevance. It answers with the field's
issues and the set of fields whose value, relevance or issues changed, so a view redraws
only those. Facts shared between forms (企业名称 …) live in one slot and change everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from zjtx_desktop.core.engine.builtin_checks import BuiltinCheck, builtin_checks
from zjtx_desktop.core.expr import truthy
from zjtx_desktop.core.fieldtypes import NUMERIC_TYPES, Parsed, admit, is_blank, parse
from zjtx_desktop.core.forms.model import Calculation, FieldDef, FormDef, Rule
from zjtx_desktop.core.issues import MISSING, Issue, Severity
from zjtx_desktop.core.numbers import quantize
from zjtx_desktop.core.refs import FieldRef as FieldRef
from zjtx_desktop.core.refs import Slot as Slot
from zjtx_desktop.core.refs import field_ref
from zjtx_desktop.core.refs import slot as make_slot


@dataclass(frozen=True)
class Suggestion:
    """A value the form asks for that can be derived; the user decides whether to use it."""

    field: str
    value: Decimal
    formula: str
    calculation: str


@dataclass
class ChangeResult:
    issues: list[Issue]
    changed: set[FieldRef] = field(default_factory=set)


def slot_of(form: FormDef, f: FieldDef) -> Slot:
    return make_slot("", f.fact) if f.fact else make_slot(form.id, f.id)


# a form's built-in checks depend on its definition only (comparing every amount with the
# related ones is quadratic in the fields): made once per loaded definition, not per session
# (the inbox opens one session per received package). Keyed by the definition object, which
# the registry keeps for the process; the entry holds it so its id is not reused.
_CHECKS: dict[int, tuple[FormDef, tuple[BuiltinCheck, ...]]] = {}


def _checks_of(form: FormDef) -> tuple[BuiltinCheck, ...]:
    hit = _CHECKS.get(id(form))
    if hit is None or hit[0] is not form:
        if len(_CHECKS) > 256:  # definitions loaded again and again (tests): start over
            _CHECKS.clear()
        hit = _CHECKS[id(form)] = (form, tuple(builtin_checks(form)))
    return hit[1]


@dataclass(frozen=True)
class _FormIndex:
    """Who reads a field (relevance of other fields, rules, calculations, built-in checks)
    and what sits at it: a function of the definition alone, read-only once built."""

    checks: tuple[BuiltinCheck, ...]
    relevance_readers: dict[str, set[str]]
    rule_readers: dict[str, list[Rule]]
    calc_readers: dict[str, list[Calculation]]
    check_readers: dict[str, list[BuiltinCheck]]
    rules_at: dict[str, list[Rule]]
    calcs_at: dict[str, list[Calculation]]
    checks_at: dict[str, list[BuiltinCheck]]
    in_section: dict[str, list[str]]


def _build_index(form: FormDef) -> _FormIndex:
    idx = _FormIndex(_checks_of(form), {}, {}, {}, {}, {}, {}, {}, {})
    for f in form.fields.values():
        idx.in_section.setdefault(f.section, []).append(f.id)
        if f.relevant is not None:
            for r in f.relevant.fields:
                idx.relevance_readers.setdefault(r, set()).add(f.id)
    for rule in form.rules:
        idx.rules_at.setdefault(rule.at, []).append(rule)
        for r in rule.fields:
            idx.rule_readers.setdefault(r, []).append(rule)
    for c in form.calculations:
        idx.calcs_at.setdefault(c.target, []).append(c)
        for r in c.expr.fields | {c.target}:
            idx.calc_readers.setdefault(r, []).append(c)
    for chk in idx.checks:
        idx.checks_at.setdefault(chk.at, []).append(chk)
        for r in chk.fields:
            idx.check_readers.setdefault(r, []).append(chk)
    return idx


# one index per loaded definition, as _CHECKS above (the inbox opens a session per package)
_INDEX: dict[int, tuple[FormDef, _FormIndex]] = {}


def _index_of(form: FormDef) -> _FormIndex:
    hit = _INDEX.get(id(form))
    if hit is None or hit[0] is not form:
        if len(_INDEX) > 256:
            _INDEX.clear()
        hit = _INDEX[id(form)] = (form, _build_index(form))
    return hit[1]


class FormState:
    """Caches and dependency index for one form inside an application."""

    def __init__(self, app: ApplicationSession, form: FormDef, role: str) -> None:
        self.app = app
        self.form = form
        self.role = role
        self.parsed: dict[str, Parsed] = {}
        self.relevant: dict[str, bool] = {}
        self.rule_issue: dict[str, Issue | None] = {}
        self.calc_value: dict[str, Decimal | None] = {}
        self.issues: dict[str, tuple[Issue, ...]] = {}
        idx = _index_of(form)  # who reads a field: shared by every session of this form
        self.checks = idx.checks
        self.relevance_readers = idx.relevance_readers
        self.rule_readers = idx.rule_readers
        self.calc_readers = idx.calc_readers
        self.check_readers = idx.check_readers
        self.rules_at = idx.rules_at
        self.calcs_at = idx.calcs_at
        self.checks_at = idx.checks_at
        self._in_section = idx.in_section  # part → its fields (touched() asks often)

    # --- values seen by expressions ---------------------------------------------------

    def value(self, fid: str) -> Any:
        """The effective value: None when hidden, blank, or unparseable."""
        if not self.relevant.get(fid, True):
            return None
        p = self.parsed.get(fid)
        return None if p is None else p.value

    def raw(self, fid: str) -> Any:
        return self.app.raw.get(slot_of(self.form, self.form.fields[fid]))

    def _parse(self, fid: str) -> None:
        self.parsed[fid] = parse(self.raw(fid), self.form.fields[fid])

    def _eval_relevance(self, fid: str) -> bool:
        f = self.form.fields[fid]
        if f.relevant is None:
            return True
        return truthy(f.relevant(self.value))

    # --- issues -------------------------------------------------------------------------

    def _rule(self, rule: Rule) -> Issue | None:
        if not self.relevant.get(rule.at, True):
            return None
        if rule.when is not None and not truthy(rule.when(self.value)):
            return None
        if rule.check(self.value) is not False:
            return None
        params: dict[str, Any] = {k: e(self.value) for k, e in rule.params.items()}
        params.setdefault("label", self.form.fields[rule.at].display_label)
        params.setdefault("col", rule.column_label)
        return Issue(rule.code, rule.at, Severity(rule.severity), params, rule.id)

    def _calc(self, c: Calculation) -> Decimal | None:
        v = c.expr(self.value)
        return quantize(v, c.decimals) if isinstance(v, Decimal) else None

    def _calc_issue(self, c: Calculation) -> Issue | None:
        computed = self.calc_value.get(c.id)
        reported = self.value(c.target)
        if computed is None or not isinstance(reported, Decimal):
            return None
        if abs(reported - computed) <= c.tolerance:
            return None
        label = self.form.fields[c.target].display_label
        params = {"label": label, "reported": reported, "computed": computed, "formula": c.formula}
        return Issue("RATIO_MISMATCH", c.target, Severity.WARNING, params, c.id)

    def _field_issues(self, fid: str) -> tuple[Issue, ...]:
        if not self.relevant.get(fid, True):
            return ()
        f = self.form.fields[fid]
        out: list[Issue] = []
        p = self.parsed.get(fid)
        label = f.display_label
        if p is not None:
            for code, sev, params in p.findings:
                out.append(Issue(code, fid, sev, {"label": label, "unit": f.unit, **params}))
        if f.required and self.form.filler(f) == self.role and is_blank(self.raw(fid)):
            numeric = f.type in NUMERIC_TYPES
            code = "REQUIRED_FILL_ZERO" if self.form.fill_zero and numeric else "REQUIRED"
            code = f.required_code or code
            out.append(Issue(code, fid, Severity.ERROR, {"label": label, MISSING: True}))
        for rule in self.rules_at.get(fid, ()):
            issue = self.rule_issue.get(rule.id)
            if issue is not None:
                out.append(issue)
        for c in self.calcs_at.get(fid, ()):
            ci = self._calc_issue(c)
            if ci is not None:
                out.append(ci)
        for chk in self.checks_at.get(fid, ()):
            ci = chk.run(self)
            if ci is not None:
                out.append(ci)
        return tuple(out)

    # --- full and incremental evaluation ------------------------------------------------

    def evaluate_values(self) -> None:
        """Parsed values and relevance only: what the printed copy and its digest read."""
        for fid in self.form.fields:
            self._parse(fid)
        self.relevant = {fid: True for fid in self.form.fields}
        for _ in range(len(self.form.fields) + 1):  # fixpoint: relevance may chain
            changed = False
            for fid in self.form.fields:
                r = self._eval_relevance(fid)
                if r != self.relevant[fid]:
                    self.relevant[fid] = r
                    changed = True
            if not changed:
                break

    def evaluate_all(self) -> None:
        self.evaluate_values()
        for rule in self.form.rules:
            self.rule_issue[rule.id] = self._rule(rule)
        for c in self.form.calculations:
            self.calc_value[c.id] = self._calc(c)
        self.issues = {fid: self._field_issues(fid) for fid in self.form.fields}

    def update(self, fids: Iterable[str]) -> set[str]:
        """Re-evaluate after the raw value of ``fids`` changed; return the fields that changed."""
        changed: set[str] = set()
        value_changed: list[str] = []
        for fid in fids:
            old = self.value(fid)
            self._parse(fid)
            changed.add(fid)
            if self.value(fid) != old:
                value_changed.append(fid)
        # relevance, transitively: a field that appears or disappears changes its value too
        work = list(value_changed)
        seen = set(work)
        while work:
            src = work.pop()
            for dep in self.relevance_readers.get(src, ()):
                r = self._eval_relevance(dep)
                if r != self.relevant.get(dep, True):
                    self.relevant[dep] = r
                    changed.add(dep)
                    if dep not in seen:
                        seen.add(dep)
                        work.append(dep)
        recheck: set[str] = set(changed)
        noted: set[str] = set()  # an offer or a note to redraw, whatever the issues do
        for src in seen | changed:
            for rule in self.rule_readers.get(src, ()):
                self.rule_issue[rule.id] = self._rule(rule)
                recheck.add(rule.at)
            for c in self.calc_readers.get(src, ()):
                before = self.calc_value.get(c.id)
                self.calc_value[c.id] = self._calc(c)
                recheck.add(c.target)
                if self.calc_value[c.id] != before:
                    noted.add(c.target)
            for chk in self.check_readers.get(src, ()):
                recheck.add(chk.at)
                if chk.note is not None and src in seen:
                    noted.add(chk.at)
        for fid in self.checks_fact_readers(seen | changed):
            recheck.add(fid)
        noted |= self.noted_checks(self.checks_fact_readers(seen))
        changed |= noted
        for fid in recheck:
            new = self._field_issues(fid)
            if new != self.issues.get(fid, ()):
                self.issues[fid] = new
                changed.add(fid)
            elif fid in changed:
                self.issues[fid] = new
        return changed

    def checks_fact_readers(self, fids: set[str]) -> set[str]:
        """Built-in checks may read facts held by other forms (size needs revenue, assets)."""
        facts = {self.form.fields[f].fact for f in fids if self.form.fields[f].fact}
        out: set[str] = set()
        if facts:
            for chk in self.checks:
                if chk.facts & facts:
                    out.add(chk.at)
        return out

    def touched(self, section: str) -> bool:
        """Whether anything of the part has been filled in: a blank answer in an untouched
        part is "not filled yet", never "none" (an unticked 管理体系认证 there is no 0)."""
        return any(not is_blank(self.raw(fid)) for fid in self._in_section.get(section, ()))

    def noted_checks(self, at: set[str]) -> set[str]:
        """Those of ``at`` that carry a note of a built-in check."""
        return {chk.at for chk in self.checks if chk.at in at and chk.note is not None}

    def note(self, fid: str) -> str:
        """The line under a field from a built-in check (the 划型 result), or ""."""
        for chk in self.checks_at.get(fid, ()):
            if chk.note is not None:
                return chk.note(self.app)
        return ""

    def suggestions(self) -> list[Suggestion]:
        out = []
        for c in self.form.calculations:
            v = self.calc_value.get(c.id)
            if v is not None and self.relevant.get(c.target, True):
                out.append(Suggestion(c.target, v, c.formula, c.id))
        return out

    def all_issues(self) -> list[Issue]:
        return [i for fid in self.form.fields for i in self.issues.get(fid, ())]


class ApplicationSession:
    """All forms of one application, with raw values and 说明 kept by the caller's store."""

    def __init__(
        self,
        forms: Iterable[FormDef],
        raw: Mapping[Slot, Any] | None = None,
        role: str = "enterprise",
        *,
        checks: bool = True,
    ) -> None:
        """``checks=False`` parses values and relevance only (no rules, calculations or
        field issues): enough for digests, as a package's verification needs."""
        self.raw: dict[Slot, Any] = dict(raw or {})
        self.role = role  # who fills: "enterprise", or "recommender" for part 六
        self.states: dict[str, FormState] = {}
        for form in forms:
            self.states[form.id] = FormState(self, form, role)
        self.fact_fields: dict[str, list[FieldRef]] = {}
        for st in self.states.values():
            for f in st.form.fields.values():
                if f.fact:
                    self.fact_fields.setdefault(f.fact, []).append(field_ref(st.form.id, f.id))
        for st in self.states.values():
            st.evaluate_all() if checks else st.evaluate_values()

    @property
    def forms(self) -> list[FormDef]:
        return [s.form for s in self.states.values()]

    def state(self, form_id: str) -> FormState:
        return self.states[form_id]

    def field(self, ref: FieldRef) -> FieldDef:
        return self.states[ref[0]].form.fields[ref[1]]

    def slot(self, ref: FieldRef) -> Slot:
        return slot_of(self.states[ref[0]].form, self.field(ref))

    def fact_value(self, key: str) -> Any:
        """Parsed value of a shared fact from whichever form holds it."""
        for form_id, fid in self.fact_fields.get(key, ()):
            v = self.states[form_id].value(fid)
            if v is not None:
                return v
        return None

    def facts_with_prefix(self, prefix: str) -> dict[str, Any]:
        return {k: self.fact_value(k) for k in self.fact_fields if k.startswith(prefix)}

    def set_value(self, ref: FieldRef, raw: Any) -> ChangeResult:
        """Store what was typed for ``ref`` and re-evaluate what depends on it. What cannot be
        kept at all (``fieldtypes.admit``) is refused: nothing changes and the issue says why;
        control characters are taken out, and the issue says that too."""
        slot = self.slot(ref)
        f = self.field(ref)
        admitted = admit(raw, f)
        said = [
            Issue(code, ref[1], sev, {"label": f.display_label, **params})
            for code, sev, params in admitted.findings
        ]
        if admitted.refused:
            return ChangeResult([*said, *self.issues(ref)], set())
        raw = admitted.value
        if is_blank(raw):
            self.raw.pop(slot, None)
        else:
            self.raw[slot] = raw
        targets = [ref]
        if slot[0] == "":
            targets = self.fact_fields[slot[1]]
        changed: set[FieldRef] = set()
        by_form: dict[str, list[str]] = {}
        for form_id, fid in targets:
            by_form.setdefault(form_id, []).append(fid)
        for form_id, fids in by_form.items():
            changed |= {field_ref(form_id, f) for f in self.states[form_id].update(fids)}
        if slot[0] == "":  # a fact may feed built-in checks in forms that do not show it
            for st in self.states.values():
                if st.form.id not in by_form:
                    checked = self._fact_check_targets(st, slot[1])
                    for fid in checked:
                        new = st._field_issues(fid)
                        if new != st.issues.get(fid, ()):
                            st.issues[fid] = new
                            changed.add(field_ref(st.form.id, fid))
                    changed |= {field_ref(st.form.id, fid) for fid in st.noted_checks(checked)}
        return ChangeResult([*said, *self.issues(ref)], changed)

    @staticmethod
    def _fact_check_targets(st: FormState, fact: str) -> set[str]:
        return {chk.at for chk in st.checks if fact in chk.facts}

    def issues(self, ref: FieldRef) -> tuple[Issue, ...]:
        return self.states[ref[0]].issues.get(ref[1], ())

    def all_issues(self) -> list[tuple[str, Issue]]:
        return [(fid, i) for fid, st in self.states.items() for i in st.all_issues()]

    def values(self, form_id: str) -> dict[str, Any]:
        """Raw values of one form as DATA.json carries them (hidden fields included)."""
        st = self.states[form_id]
        out: dict[str, Any] = {}
        for fid, f in st.form.fields.items():
            v = self.raw.get(slot_of(st.form, f))
            if v is not None:
                out[fid] = v
        return out
